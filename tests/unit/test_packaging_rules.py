"""What the bundle keeps and leaves out (packaging/pyinstaller/bundle_rules.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging" / "pyinstaller"))

import bundle_rules as rules  # type: ignore[import-not-found]  # noqa: E402


@pytest.mark.parametrize(("dest", "kept"), [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
    ("PySide6/Qt/plugins/imageformats/libqjpeg.so", True),
    ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),  # would bring QtPdf along
    ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", False),
    ("PySide6/Qt/plugins/qmltooling/libqmldbg_tcp.so", False),
    ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", True),
    ("PySide6/Qt/plugins/wayland-shell-integration/libivi-shell.so", False),
    ("PySide6/plugins/platforms/qwindows.dll", True),  # the Windows wheel has no Qt/ level
    ("PySide6/plugins/styles/qmodernwindowsstyle.dll", True),
    ("PySide6/plugins/imageformats/qtiff.dll", False),
    ("PySide6/Qt/qml/QtQuick/Controls/libqtquickcontrols2plugin.so", False),
    ("PySide6/Qt/translations/qtbase_nl.qm", True),
    ("PySide6/Qt/translations/qt_en.qm", True),
    ("PySide6/Qt/translations/qtwebengine_nl.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6/Qt/translations/qtdeclarative_nl.qm", False),
    ("PySide6/Qt/translations/qtwebengine_locales/nl.pak", True),
    ("PySide6/Qt/translations/qtwebengine_locales/en-US.pak", True),
    ("PySide6/Qt/translations/qtwebengine_locales/fr.pak", False),
    ("PySide6/Qt/resources/qtwebengine_resources.pak", True),
    ("PySide6/Qt/resources/icudtl.dat", True),
    ("PySide6/Qt/resources/qtwebengine_devtools_resources.pak", False),
    ("PySide6/Qt/libexec/QtWebEngineProcess", True),
    ("PySide6/Qt/lib/libQt6WebEngineCore.so.6", True),  # libraries: pruned by links, not name
    ("zeelandnet_desktop/resources/feeds.json", True),
])
def test_which_qt_files_stay(dest: str, kept: bool) -> None:
    assert rules.keep_qt_file(dest) is kept


def test_host_library_list_names_a_package_for_each_line() -> None:
    entries = rules.host_libraries()
    patterns = [pattern for pattern, _packages, _optional in entries]
    assert len(patterns) == len(set(patterns))
    assert all(packages and all(p.strip() for p in packages) for _s, packages, _o in entries)
    assert rules.is_host_library("libstdc++.so.6", entries)
    assert rules.is_host_library("PySide6/Qt/lib/libgcc_s.so.1", entries)
    assert not rules.is_host_library("libQt6Core.so.6", entries)
    assert not rules.is_host_library("libxcb-cursor.so.0", entries)  # often missing: carried
    optional = {pattern for pattern, _p, recommends in entries if recommends}
    assert "libgtk-3.so.0" in optional and "libc.so.6" not in optional


def test_pruning_drops_host_libraries_and_what_only_they_or_dropped_parts_needed() -> None:
    links = {
        "/qt/libqxcb.so": ["libQt6XcbQpa.so.6", "libstdc++.so.6", "libxcb.so.1"],
        "/qt/libQt6XcbQpa.so.6": ["libQt6Gui.so.6", "libxcb-cursor.so.0"],
        "/qt/libQt6Gui.so.6": ["libglib-2.0.so.0"],
        "/sys/libxcb-cursor.so.0": [],
        "/sys/libglib-2.0.so.0": ["libpcre2-8.so.0"],  # host: its own needs go with it
        "/sys/libpcre2-8.so.0": [],
        "/qt/libQt6Pdf.so.6": ["libQt6Gui.so.6"],  # only a left-out plugin linked it
        "/sys/libstdc++.so.6": [],
        "/py/QtGui.abi3.so": ["libQt6Gui.so.6"],
    }
    toc = [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/qt/libqxcb.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "/qt/libQt6XcbQpa.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/qt/libQt6Gui.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Pdf.so.6", "/qt/libQt6Pdf.so.6", "BINARY"),
        ("libxcb-cursor.so.0", "/sys/libxcb-cursor.so.0", "BINARY"),
        ("libglib-2.0.so.0", "/sys/libglib-2.0.so.0", "BINARY"),
        ("libpcre2-8.so.0", "/sys/libpcre2-8.so.0", "BINARY"),
        ("libstdc++.so.6", "/sys/libstdc++.so.6", "BINARY"),
        ("PySide6/QtGui.abi3.so", "/py/QtGui.abi3.so", "EXTENSION"),
    ]
    kept = rules.prune_linux_binaries(toc, links.__getitem__, rules.host_libraries())
    assert sorted(dest for dest, _src, _kind in kept) == [
        "PySide6/Qt/lib/libQt6Gui.so.6", "PySide6/Qt/lib/libQt6XcbQpa.so.6",
        "PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/QtGui.abi3.so",
        "libxcb-cursor.so.0"]
    links_toc = [("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
                 ("libQt6Pdf.so.6", "PySide6/Qt/lib/libQt6Pdf.so.6", "SYMLINK"),
                 ("feeds.json", "/src/feeds.json", "DATA")]
    assert rules.drop_dangling_links(links_toc, {dest for dest, _s, _k in kept}) == [
        links_toc[0], links_toc[2]]


def test_plugin_names_on_every_system() -> None:
    assert rules.plugin_name("libqxcb.so") == "qxcb"
    assert rules.plugin_name("qwindows.dll") == "qwindows"
    assert rules.plugin_name("libqcocoa.dylib") == "qcocoa"


def test_version_numbers_for_windows() -> None:
    assert rules.version_tuple("0.1.0") == (0, 1, 0, 0)
    assert rules.version_tuple("1.2.3rc1") == (1, 2, 3, 0)
    assert rules.version_tuple("2.10") == (2, 10, 0, 0)


def test_modules_the_app_imports_are_never_left_out(tmp_path: Path) -> None:
    (tmp_path / "tray.py").write_text("from PySide6.QtDBus import QDBusConnection\n")
    (tmp_path / "icons.py").write_text("import PySide6.QtSvg\n")
    excluded = rules.excluded_modules(tmp_path)
    assert "PySide6.QtDBus" not in excluded and "PySide6.QtSvg" not in excluded
    assert "PySide6.QtQml" in excluded and "tkinter" in excluded


def test_pyside_support_code_is_unpacked_and_compiled_for_the_bundle(tmp_path: Path) -> None:
    datas = rules.shiboken_support_files(tmp_path / "support", sys.executable)
    placed = {(Path(source).name, dest) for source, dest in datas}
    assert ("loader.py", "shiboken6/files.dir/shibokensupport/signature") in placed
    assert ("signature_bootstrap.py", "shiboken6/files.dir") in placed
    sources = [Path(source) for source, _ in datas if source.endswith(".py")]
    compiled = [Path(source) for source, _ in datas if source.endswith(".pyc")]
    assert len(sources) >= 10 and len(compiled) == len(sources)
    for path in compiled:
        flags = int.from_bytes(path.read_bytes()[4:8], "little")
        assert flags == 0b01, path  # by hash, the source never compared: valid once copied
