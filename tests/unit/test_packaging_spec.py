"""The PyInstaller spec evaluated as it would be on Windows, macOS and Linux, on this machine.

PyInstaller's build steps (Analysis, PYZ, EXE, COLLECT, BUNDLE) are replaced by recorders; the
rest of the spec runs for real: translations and icons are built, keyring's metadata is found,
the Windows version resource is written as text.
"""

from __future__ import annotations

import plistlib
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from zeelandnet_desktop import DESKTOP_ID, __version__

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "pyinstaller" / "zeelandnet-desktop.spec"
pytest.importorskip("PyInstaller", reason="the package extra (make test installs it)")


@dataclass
class Step:
    kind: str
    args: tuple[Any, ...]
    options: dict[str, Any] = field(default_factory=dict)


class Build:
    """Records the build steps the spec asks for."""

    def __init__(self) -> None:
        self.steps: list[Step] = []

    def step(self, kind: str) -> Any:
        build = self

        class Recorded:
            def __init__(self, *args: Any, **options: Any) -> None:
                build.steps.append(Step(kind, args, options))
                self.pure: list[Any] = []
                self.scripts: list[Any] = []
                self.binaries: list[tuple[str, str, str]] = []
                # What PyInstaller's Qt hooks collect: some of it is ours, some not.
                self.datas: list[tuple[str, str, str]] = [
                    ("PySide6/Qt/translations/qtbase_nl.qm", "/src/a", "DATA"),
                    ("PySide6/Qt/translations/qtbase_de.qm", "/src/b", "DATA"),
                    ("PySide6/Qt/qml/QtQuick/qmldir", "/src/c", "DATA"),
                    ("zeelandnet_desktop/resources/feeds.json", "/src/d", "DATA"),
                ] if kind == "Analysis" else []

        return Recorded

    def of(self, kind: str) -> list[Step]:
        return [step for step in self.steps if step.kind == kind]


def evaluate(target: str, build_dir: Path) -> tuple[Build, dict[str, Any]]:
    build = Build()
    namespace: dict[str, Any] = {
        "SPECPATH": str(SPEC.parent),
        "ZND_SPEC_CHECK": {"target": target, "build_dir": str(build_dir)},
        **{kind: build.step(kind) for kind in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")},
    }
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return build, namespace


@pytest.fixture(scope="module")
def evaluated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Build, dict[str, Any]]]:
    return {target: evaluate(target, tmp_path_factory.mktemp(target))
            for target in ("win32", "darwin", "linux")}


@pytest.mark.parametrize("target", ["win32", "darwin", "linux"])
def test_every_system_gets_the_app_its_data_and_keyring(
        evaluated: dict[str, tuple[Build, dict[str, Any]]], target: str) -> None:
    build, namespace = evaluated[target]
    (analysis,) = build.of("Analysis")
    assert Path(analysis.args[0][0]).name == "launcher.py"
    datas = analysis.options["datas"]
    destinations = {dest for _src, dest in datas}
    assert "zeelandnet_desktop/resources/translations" in destinations
    assert any(src.endswith("zeelandnet_desktop_nl.qm") for src, _dest in datas)
    assert any("keyring-" in src and src.endswith(".dist-info") for src, _dest in datas)
    assert "keyring.backends.SecretService" in analysis.options["hiddenimports"]
    assert "PySide6.QtQml" in analysis.options["excludes"]
    # Qt's Dutch stays, languages and QML modules the app does not use go.
    kept = {dest for dest, _src, _kind in namespace["a"].datas}
    assert kept == {"PySide6/Qt/translations/qtbase_nl.qm",
                    "zeelandnet_desktop/resources/feeds.json"}


def test_linux_is_one_stripped_folder(
        evaluated: dict[str, tuple[Build, dict[str, Any]]]) -> None:
    build, _namespace = evaluated["linux"]
    (exe,) = build.of("EXE")
    (collect,) = build.of("COLLECT")
    assert exe.options["name"] == "zeelandnet-desktop" and exe.options["strip"]
    assert collect.options["strip"] and collect.options["name"] == "zeelandnet-desktop"
    assert build.of("BUNDLE") == []


def test_windows_has_a_windowed_and_a_console_exe_with_version_and_icon(
        evaluated: dict[str, tuple[Build, dict[str, Any]]]) -> None:
    build, namespace = evaluated["win32"]
    exes = {step.options["name"]: step.options for step in build.of("EXE")}
    assert exes["zeelandnet-desktop"]["console"] is False
    assert exes["zeelandnet-desktop-cli"]["console"] is True
    (collect,) = build.of("COLLECT")
    assert sum(isinstance(arg, namespace["EXE"]) for arg in collect.args) == 2  # one folder
    for name, options in exes.items():
        icon = Path(options["icon"]).read_bytes()
        reserved, kind, count = struct.unpack("<HHH", icon[:6])
        assert (reserved, kind) == (0, 1) and count >= 6
        sides = {icon[6 + 16 * i] or 256 for i in range(count)}
        assert {16, 32, 48, 256} <= sides
        resource = read_version_text(Path(options["version"]))
        assert resource["strings"]["ProductVersion"] == __version__
        assert resource["strings"]["OriginalFilename"] == f"{name}.exe"
        numbers = tuple(int(n) for n in __version__.split("."))
        assert resource["filevers"][:len(numbers)] == numbers


def read_version_text(path: Path) -> dict[str, Any]:
    """Evaluate the version file the way PyInstaller does on Windows, with recording classes."""
    found: dict[str, Any] = {"strings": {}}

    def fixed(**options: Any) -> None:
        found["filevers"] = options["filevers"]

    def string_struct(key: str, value: str) -> None:
        found["strings"][key] = value

    names = {"VSVersionInfo": lambda **o: found, "FixedFileInfo": fixed,
             "StringFileInfo": lambda *a: None, "StringTable": lambda *a: None,
             "StringStruct": string_struct, "VarFileInfo": lambda *a: None,
             "VarStruct": lambda *a: None}
    eval(path.read_text(encoding="utf-8"), names)  # a file this spec wrote, not user input
    return found


def test_macos_bundle_says_who_it_is(
        evaluated: dict[str, tuple[Build, dict[str, Any]]]) -> None:
    build, _namespace = evaluated["darwin"]
    (exe,) = build.of("EXE")
    assert exe.options["console"] is False
    assert Path(exe.options["entitlements_file"]).is_file()
    (bundle,) = build.of("BUNDLE")
    options = bundle.options
    assert options["name"] == "ZeelandNet Desktop.app"
    assert options["bundle_identifier"] == DESKTOP_ID
    assert options["version"] == __version__
    plist = options["info_plist"]
    assert plist["LSMinimumSystemVersion"] == "13.0"
    assert plist["NSHighResolutionCapable"] is True
    assert plist["CFBundleDevelopmentRegion"] == "nl"
    for key in ("NSCameraUsageDescription", "NSMicrophoneUsageDescription",
                "NSLocationWhenInUseUsageDescription"):
        assert plist[key].strip()
    plistlib.dumps(plist)  # writable as an Info.plist
    icns = Path(options["icon"]).read_bytes()
    assert icns[:4] == b"icns" and int.from_bytes(icns[4:8], "big") == len(icns)
    for small in (b"icp4", b"icp5", b"ic11"):  # 16 and 32 px, which Pillow's writer drops
        assert small in icns
