"""A setuptools build step: compile resources/translations/*.ts to .qm with PySide6's lrelease.

pyproject.toml names these commands in [tool.setuptools.cmdclass], and PySide6-Essentials (which
carries lrelease) in [build-system] requires: a wheel, an sdist, `pip install .`,
`pipx install .` and an editable install all get the Dutch UI, not only `make`. The .qm files
land next to their .ts (where the package data and the PyInstaller spec look for them).
Building from an sdist that already holds .qm files works without lrelease, too.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

TS_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"


def lrelease_path() -> Path | None:
    """PySide6's own lrelease binary, found without importing Qt."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations)))
    binary = folder / ("lrelease.exe" if sys.platform == "win32" else "lrelease")
    return binary if binary.is_file() else None


def compile_translations(ts_dir: Path = TS_DIR) -> list[Path]:
    sources = sorted(ts_dir.glob("*.ts"))
    tool = lrelease_path()
    if tool is None:
        missing = [ts for ts in sources if not ts.with_suffix(".qm").exists()]
        if missing:
            raise SystemExit("PySide6's lrelease is needed to compile the translations "
                             f"({', '.join(ts.name for ts in missing)}): pip install PySide6")
        return [ts.with_suffix(".qm") for ts in sources]  # an sdist brings them compiled
    for ts in sources:
        subprocess.run([str(tool), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))],
                       check=True)
    return [ts.with_suffix(".qm") for ts in sources]


class BuildPy(build_py):
    """build_py that compiles the translations first, so the package data holds them."""

    def run(self) -> None:
        for qm in compile_translations():
            print(f"compiled {qm.name}")
        super().run()


class Sdist(sdist):
    """sdist with the compiled translations in it."""

    def run(self) -> None:
        compile_translations()
        super().run()
