"""Linux desktop integration and packages: validators, the one desktop id, and make dist's
tar.xz, .deb and AppImage built around a stand-in bundle (the real one: tests/e2e/test_bundle.py).
"""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import tarfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import require_service
from zeelandnet_desktop import DESKTOP_ID, __version__
from zeelandnet_desktop.system import autostart

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
DESKTOP_FILE = LINUX / f"{DESKTOP_ID}.desktop"
METAINFO = LINUX / f"{DESKTOP_ID}.metainfo.xml"
linux_tools = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux tools")


def need(tool: str) -> str:
    found = shutil.which(tool)
    require_service(found is not None, f"{tool} (tools/debian-packages.txt)")
    assert found is not None
    return found


@linux_tools
def test_desktop_file_passes_desktop_file_validate() -> None:
    result = subprocess.run([need("desktop-file-validate"), str(DESKTOP_FILE)],
                            capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "", result.stdout


@linux_tools
def test_metainfo_passes_appstreamcli_validate() -> None:
    result = subprocess.run([need("appstreamcli"), "validate", "--no-net", str(METAINFO)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_one_desktop_id_everywhere() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(DESKTOP_FILE, encoding="utf-8")
    assert entry["Desktop Entry"]["Icon"] == DESKTOP_ID
    assert entry["Desktop Entry"]["Exec"] == "zeelandnet-desktop"  # no %U: it takes no files
    component = ET.parse(METAINFO).getroot()
    assert component.findtext("id") == DESKTOP_ID
    assert component.findtext("launchable") == DESKTOP_FILE.name
    assert component.find("releases/release").get("version") == __version__  # type: ignore[union-attr]
    assert autostart.LAUNCH_AGENT_LABEL == DESKTOP_ID


@pytest.fixture
def stand_in_bundle(tmp_path: Path) -> Path:
    """A folder shaped like dist/zeelandnet-desktop whose program is a small system binary."""
    bundle = tmp_path / "zeelandnet-desktop"
    (bundle / "_internal").mkdir(parents=True)
    shutil.copy("/bin/true", bundle / "zeelandnet-desktop")
    (bundle / "_internal" / "base_library.zip").write_bytes(b"stand-in")
    return bundle


def run_dist(bundle: Path, out: Path, *extra: str) -> None:
    result = subprocess.run([sys.executable, str(LINUX / "dist.py"), str(bundle), str(out),
                             "--fast", *extra], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr


@linux_tools
def test_deb_and_tarball_install_the_bundle_with_its_desktop_files(
        stand_in_bundle: Path, tmp_path: Path) -> None:
    need("dpkg-deb")
    out = tmp_path / "out"
    run_dist(stand_in_bundle, out)
    (deb,) = out.glob("*.deb")
    fields = {name: subprocess.run(["dpkg-deb", "-f", str(deb), name], capture_output=True,
                                   text=True, check=True).stdout.strip()
              for name in ("Package", "Version", "Depends")}
    # /bin/true links only the C library: that is all the package may ask for.
    assert fields == {"Package": "zeelandnet-desktop", "Version": __version__,
                      "Depends": "libc6"}
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    assert (root / "usr/bin/zeelandnet-desktop").is_symlink()
    assert subprocess.run([root / "usr/bin/zeelandnet-desktop"]).returncode == 0
    share = root / "usr/share"
    assert (share / "applications" / DESKTOP_FILE.name).read_bytes() == DESKTOP_FILE.read_bytes()
    assert (share / "metainfo" / METAINFO.name).is_file()
    for size in ("16x16", "48x48", "256x256", "512x512"):
        png = share / "icons/hicolor" / size / "apps" / f"{DESKTOP_ID}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (share / "icons/hicolor/scalable/apps" / f"{DESKTOP_ID}.svg").is_file()

    (tarball,) = out.glob("*.tar.xz")
    top = f"zeelandnet-desktop-{__version__}-linux-{os.uname().machine}"
    with tarfile.open(tarball) as archive:
        names = set(archive.getnames())
        assert all(member.uid == 0 for member in archive.getmembers())
    assert {f"{top}/zeelandnet-desktop", f"{top}/_internal/base_library.zip",
            f"{top}/share/applications/{DESKTOP_FILE.name}"} <= names


@linux_tools
def test_appimage_is_the_given_runtime_then_the_appdir(stand_in_bundle: Path,
                                                       tmp_path: Path) -> None:
    need("mksquashfs")
    # The real type-2 runtime is a download; any file stands in for where it goes.
    runtime = tmp_path / "runtime-x86_64"
    runtime.write_bytes(b"\x7fELF stand-in runtime" + bytes(4075))
    out = tmp_path / "out"
    run_dist(stand_in_bundle, out, "--appimage-runtime", str(runtime))
    (image,) = out.glob("*.AppImage")
    assert image.read_bytes()[:4096] == runtime.read_bytes()
    assert os.access(image, os.X_OK)
    appdir = tmp_path / "appdir"
    subprocess.run([need("unsquashfs"), "-q", "-o", "4096", "-d", str(appdir), str(image)],
                   check=True, stdout=subprocess.DEVNULL)
    assert (appdir / DESKTOP_FILE.name).is_file()
    assert (appdir / ".DirIcon").resolve() == (appdir / f"{DESKTOP_ID}.png").resolve()
    assert subprocess.run([appdir / "AppRun", "--version"]).returncode == 0  # runs the bundle
