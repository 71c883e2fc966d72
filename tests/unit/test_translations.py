"""Every string a user sees has its Dutch form, and the build turns the .ts into a .qm."""

from __future__ import annotations

import subprocess
import sys

from tests.support.app_process import ROOT


def test_every_source_string_has_a_dutch_translation() -> None:
    result = subprocess.run([sys.executable, "tools/translations.py", "check"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, "untranslated strings:\n" + result.stdout + result.stderr


def test_the_compiled_translation_ships_in_resources() -> None:
    from zeelandnet_desktop.assets import resource_path

    assert resource_path("translations", "zeelandnet_desktop_nl.qm").stat().st_size > 100
