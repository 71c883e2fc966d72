"""What goes into the frozen app, as plain functions the spec calls (and unit tests check).

PyInstaller's Qt hooks collect every Qt module that QtWebEngine links against, with all their
QML modules, plugins and translations: about 610 MiB in 3,000 files. The app needs a small part:
widgets, QtWebEngine, SVG icons, the display plugins and its two languages. On Linux the bundle
also leaves out the libraries listed in packaging/linux/host-libraries.txt (the system's own
copies must be used) and whatever only those left-out parts needed.

No PyInstaller import at module level: the packaging check loads this file on any machine.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

APP_ID = "nl.zeelandnet.desktop"
ROOT = Path(__file__).resolve().parents[2]
HOST_LIBRARIES_FILE = ROOT / "packaging" / "linux" / "host-libraries.txt"

# Python modules of PySide6 that the Qt hooks pull in only because QtWebEngine's C++ libraries
# link against them (their C++ libraries stay where needed). One the app's code names stays in:
# see excluded_modules().
UNUSED_MODULES = [
    "tkinter", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets", "PySide6.QtPositioning", "PySide6.QtDBus", "PySide6.QtSvg",
]

# Qt plugins by folder; a folder not named here is left out. None keeps the whole folder.
KEPT_PLUGINS: dict[str, set[str] | None] = {
    "platforms": {"qxcb", "qwayland", "qoffscreen", "qwindows", "qcocoa", "qdirect2d"},
    "platformthemes": {"qgtk3", "qxdgdesktopportal"},
    "platforminputcontexts": {"composeplatforminputcontextplugin",
                              "ibusplatforminputcontextplugin"},
    "xcbglintegrations": None,
    "wayland-decoration-client": None,
    "wayland-graphics-integration-client": {"qt-plugin-wayland-egl"},
    "wayland-shell-integration": {"xdg-shell"},
    "iconengines": {"qsvgicon"},
    "imageformats": {"qgif", "qico", "qjpeg", "qsvg", "qwebp"},
    "styles": None,  # Windows 11 and macOS native styles
    "permissions": None,  # macOS: camera and microphone questions from web pages
}

LANGUAGES = ("nl", "en")  # the languages the app speaks; Qt's and Chromium's own files follow
QT_CATALOGUES = {"qt", "qtbase", "qtwebengine"}  # Qt's own words in dialogs and web pages
WEBENGINE_LOCALES = {"nl.pak", "en-US.pak"}  # en-US is Chromium's fallback
DROPPED_RESOURCES = {"qtwebengine_devtools_resources.pak"}  # developer tools are never opened


def excluded_modules(sources: Path = ROOT / "zeelandnet_desktop") -> list[str]:
    """UNUSED_MODULES less any the app's own code imports, so new code cannot break the bundle
    by importing, say, PySide6.QtDBus."""
    used = set()
    for path in sources.rglob("*.py"):
        used.update(re.findall(r"PySide6\.Qt\w+", path.read_text(encoding="utf-8")))
    return [name for name in UNUSED_MODULES if name not in used]


def plugin_name(file_name: str) -> str:
    """libqxcb.so / qxcb.dll / libqxcb.dylib -> qxcb."""
    stem = file_name.split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def _qt_relative(dest: str) -> PurePosixPath | None:
    """The part of a bundle path below PySide6/Qt/ (or PySide6/ for Windows plugins)."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if len(parts) >= 3 and parts[0] == "PySide6" and parts[1] == "Qt":
        return PurePosixPath(*parts[2:])
    if len(parts) >= 2 and parts[0] == "PySide6" and parts[1] in ("plugins", "translations",
                                                                   "resources", "qml"):
        return PurePosixPath(*parts[1:])  # the Windows wheel has no Qt/ level
    return None


def keep_qt_file(dest: str) -> bool:
    """Whether a file PyInstaller put under PySide6/ belongs in our bundle."""
    inner = _qt_relative(dest)
    if inner is None:
        return True
    top = inner.parts[0]
    if top == "qml":
        return False  # the app has no QML; QtWebEngine needs the libraries, not the modules
    if top == "plugins" and len(inner.parts) >= 3:
        wanted = KEPT_PLUGINS.get(inner.parts[1], set())
        return wanted is None or plugin_name(inner.name) in wanted
    if top == "translations":
        if len(inner.parts) >= 3 and inner.parts[1] == "qtwebengine_locales":
            return inner.name in WEBENGINE_LOCALES
        catalogue, _, language = inner.name.rsplit(".", 1)[0].rpartition("_")
        return catalogue in QT_CATALOGUES and language in LANGUAGES
    if top == "resources":
        return inner.name not in DROPPED_RESOURCES
    return True


# --- libraries the system provides (Linux) ------------------------------------------------------

def host_libraries(path: Path = HOST_LIBRARIES_FILE) -> list[tuple[str, list[str], bool]]:
    """(soname pattern, package alternatives, only recommended) per line of the list."""
    entries = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        pattern, rest = line.split(None, 1)
        recommends = rest.endswith(" recommends")
        packages = rest.removesuffix(" recommends").strip()
        entries.append((pattern, [p.strip() for p in packages.split("|")], recommends))
    return entries


def is_host_library(name: str, entries: Iterable[tuple[str, list[str], bool]]) -> bool:
    base = PurePosixPath(name).name
    return any(fnmatch.fnmatchcase(base, pattern) for pattern, _p, _r in entries)


def elf_needed(path: str) -> list[str]:
    """The sonames an ELF file links against directly (its DT_NEEDED entries). ldd, which
    PyInstaller uses, lists the whole tree, which would keep what only a host library needs."""
    import subprocess

    output = subprocess.run(["objdump", "-p", path], capture_output=True, text=True,
                            check=True).stdout
    return [line.split()[1] for line in output.splitlines()
            if line.strip().startswith("NEEDED")]


def _is_root(dest: str, typecode: str) -> bool:
    """Binaries loaded by something other than the dynamic linker: Python extension modules,
    Qt plugins, the QtWebEngine helper process and libpython (opened by the bootloader)."""
    path = PurePosixPath(dest.replace("\\", "/"))
    return (typecode == "EXTENSION" or "plugins" in path.parts or "libexec" in path.parts
            or path.name.startswith("libpython"))


def prune_linux_binaries(binaries: list[tuple[str, str, str]],
                         imports_of: Callable[[str], Iterable[str]],
                         host: Iterable[tuple[str, list[str], bool]]) -> list[tuple[str, str, str]]:
    """Leave out host libraries and every library that nothing kept links against any more.

    `binaries` is PyInstaller's TOC (dest, source, typecode); `imports_of(source)` gives the
    sonames a file links against directly (elf_needed in the spec).
    """
    host = list(host)
    candidates = [entry for entry in binaries
                  if entry[2] == "SYMLINK" or not is_host_library(entry[0], host)]
    by_name: dict[str, tuple[str, str, str]] = {}
    for entry in candidates:
        if entry[2] != "SYMLINK":
            by_name.setdefault(PurePosixPath(entry[0]).name, entry)
    kept: set[str] = set()
    todo = [entry for entry in candidates if entry[2] != "SYMLINK" and _is_root(entry[0], entry[2])]
    while todo:
        dest, source, _kind = todo.pop()
        if dest in kept:
            continue
        kept.add(dest)
        for soname in imports_of(source):
            found = by_name.get(PurePosixPath(soname).name)
            if found is not None and found[0] not in kept:
                todo.append(found)
    result = [entry for entry in candidates if entry[2] != "SYMLINK" and entry[0] in kept]
    return result + drop_dangling_links(
        [entry for entry in candidates if entry[2] == "SYMLINK"], {e[0] for e in result})


def drop_dangling_links(toc: list[tuple[str, str, str]], files: set[str]
                        ) -> list[tuple[str, str, str]]:
    """PyInstaller adds top-level symbolic links to libraries in sub-folders (to the data TOC):
    keep those whose library is still in the bundle."""
    return [entry for entry in toc if entry[2] != "SYMLINK" or entry[1] in files]


# --- Windows version resource and macOS Info.plist ----------------------------------------------

def version_tuple(version: str) -> tuple[int, int, int, int]:
    """Windows wants four numbers: 1.2.3rc1 -> (1, 2, 3, 0)."""
    numbers = [int(match.group()) if (match := re.match(r"\d+", part)) else 0
               for part in version.split(".")]
    padded = [*numbers, 0, 0, 0, 0][:4]
    return padded[0], padded[1], padded[2], padded[3]


def windows_version_text(version: str, name: str, executable: str) -> str:
    """The version resource as the text PyInstaller's `version=` file takes (its own module for
    writing one imports Windows-only code, so the text is written here)."""
    numbers = version_tuple(version)
    strings = {
        "CompanyName": "ZeelandNet Desktop developers",
        "FileDescription": name,
        "FileVersion": version,
        "InternalName": executable,
        "LegalCopyright": "GPL-3.0-or-later",
        "OriginalFilename": f"{executable}.exe",
        "ProductName": name,
        "ProductVersion": version,
    }
    rows = ",\n          ".join(f"StringStruct({key!r}, {value!r})"
                                for key, value in strings.items())
    return f"""# UTF-8
VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('041304B0', [
          {rows}])]),
    VarFileInfo([VarStruct('Translation', [0x0413, 1200, 0x0409, 1200])])
  ]
)
"""


def info_plist(version: str) -> dict[str, object]:
    """What the macOS bundle says about itself beyond what PyInstaller writes."""
    return {
        "CFBundleIdentifier": APP_ID,
        "CFBundleName": "ZeelandNet Desktop",
        "CFBundleDisplayName": "ZeelandNet Desktop",
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "CFBundleDevelopmentRegion": "nl",
        "CFBundleLocalizations": ["nl", "en"],
        "LSMinimumSystemVersion": "13.0",  # PySide6 6.11's wheels are built for macOS 13
        "LSApplicationCategoryType": "public.app-category.news",
        "NSHighResolutionCapable": True,
        "NSRequiresAquaSystemAppearance": False,  # follow dark mode
        "NSSupportsAutomaticGraphicsSwitching": True,
        # Web pages (webmail) can ask for these through QtWebEngine; macOS ends an app that asks
        # without a description.
        "NSCameraUsageDescription": "Een webmailpagina wil je camera gebruiken.",
        "NSMicrophoneUsageDescription": "Een webmailpagina wil je microfoon gebruiken.",
        "NSLocationUsageDescription": "Een webmailpagina wil je locatie weten.",
        "NSLocationWhenInUseUsageDescription": "Een webmailpagina wil je locatie weten.",
        "NSBluetoothAlwaysUsageDescription":
            "Een webmailpagina wil een Bluetooth-apparaat gebruiken.",
    }


# --- PySide6's own Python support code -----------------------------------------------------------

# Run by the build's Python, so the compiled files match the bundle's interpreter.
_UNPACK_SHIBOKEN_SUPPORT = r"""
import compileall, py_compile, shutil, sys
from pathlib import Path
import shiboken6
target = Path(sys.argv[1])
shutil.rmtree(target, ignore_errors=True)
unpacked = Path(shiboken6.__file__).resolve().parent / "files.dir"
if unpacked.is_dir():  # this PySide6 was unpacked already (SBK_EMBED=0)
    shutil.copytree(unpacked, target, ignore=shutil.ignore_patterns("__pycache__"))
else:
    archive = sys.modules["shibokensupport"].__loader__.zfile
    archive.extractall(target, [name for name in archive.namelist() if name.endswith(".py")])
mode = py_compile.PycInvalidationMode.UNCHECKED_HASH
sys.exit(0 if compileall.compile_dir(target, quiet=1, invalidation_mode=mode) else 1)
"""


def shiboken_support_files(target: Path, python: str) -> list[tuple[str, str]]:
    """PySide6's support code (signatures, enums, `__feature__`) unpacked and compiled into
    `target`, as datas for shiboken6/files.dir/ in the bundle.

    Shiboken carries this code inside its library and, at every start, decodes it and compiles
    its 17 modules again (about 25 ms); it loads them from `files.dir` beside itself when that
    folder exists, which is what PySide6's SBK_EMBED=0 sets up. The compiled files are checked
    by nothing but their presence (unchecked hash), so copying them keeps them valid."""
    import subprocess

    subprocess.run([python, "-c", _UNPACK_SHIBOKEN_SUPPORT, str(target)], check=True)
    return [(str(path), str(PurePosixPath("shiboken6", "files.dir",
                                          *path.parent.relative_to(target).parts)))
            for path in sorted(target.rglob("*")) if path.is_file()]
