"""The Windows installer script, compiled here with Debian's NSIS around a stand-in payload (the
real payload is built on a Windows runner: .github/workflows/release.yml)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import require_service
from zeelandnet_desktop import __version__
from zeelandnet_desktop.system import autostart

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "packaging" / "windows" / "installer.nsi"
sys.path.insert(0, str(ROOT / "tools"))

import make_icons  # noqa: E402


def defines() -> dict[str, str]:
    return dict(re.findall(r'^!define (\w+) "([^"]*)"', SCRIPT.read_text(encoding="utf-8"), re.M))


def test_start_at_login_entry_is_the_one_the_app_writes() -> None:
    found = defines()
    # The uninstaller removes what the app's own "Starten bij aanmelden" wrote, and the
    # installer's option writes the same entry.
    assert found["RUN_KEY"] == autostart.RUN_KEY
    assert found["RUN_VALUE"] == autostart.RUN_VALUE
    command = autostart.WindowsAutostart([r"C:\Programs\ZeelandNet Desktop\zeelandnet-desktop.exe",
                                          "--minimized"]).value()
    assert command == '"C:\\Programs\\ZeelandNet Desktop\\zeelandnet-desktop.exe" --minimized'
    assert "'\"$INSTDIR\\${EXE}\" --minimized'" in SCRIPT.read_text(encoding="utf-8")
    assert "DeleteRegValue HKCU \"${RUN_KEY}\" \"${RUN_VALUE}\"" in SCRIPT.read_text()


def test_user_data_stays_unless_asked() -> None:
    text = SCRIPT.read_text(encoding="utf-8")
    assert re.search(r'^Section /o "un\.\$\(NAME_USERDATA\)"', text, re.M)  # unticked
    assert "RequestExecutionLevel user" in text


@pytest.mark.skipif(sys.platform == "win32", reason="Debian's makensis")
def test_installer_compiles_without_warnings(tmp_path: Path) -> None:
    makensis = shutil.which("makensis")
    require_service(makensis is not None, "makensis (Debian package nsis)")
    assert makensis is not None
    payload = tmp_path / "zeelandnet-desktop"
    (payload / "_internal").mkdir(parents=True)
    for name in ("zeelandnet-desktop.exe", "zeelandnet-desktop-cli.exe"):
        (payload / name).write_bytes(b"MZ stand-in")
    (payload / "_internal" / "base_library.zip").write_bytes(b"stand-in")
    icon = make_icons.build(tmp_path / "icons", ["ico"])["ico"]
    installer = tmp_path / f"ZeelandNet-Desktop-{__version__}-setup.exe"
    result = subprocess.run(
        [makensis, "-V2", "-WX", f"-DVERSION={__version__}", f"-DPAYLOAD={payload}",
         f"-DICON={icon}", f"-DOUTFILE={installer}", str(SCRIPT)],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert installer.read_bytes()[:2] == b"MZ"
    assert b"Nullsoft" in installer.read_bytes()
