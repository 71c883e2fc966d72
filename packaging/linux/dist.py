"""Linux packages from the PyInstaller bundle: a tar.xz, a .deb and (given a runtime) an AppImage.

    python packaging/linux/dist.py BUNDLE_DIR OUT_DIR [--appimage-runtime FILE] [--fast]

BUNDLE_DIR is dist/zeelandnet-desktop (make bundle). The .deb installs the bundle in
/opt/zeelandnet-desktop with /usr/bin/zeelandnet-desktop, the desktop file, the AppStream
metainfo and the hicolor icons; its Depends are the packages of the system libraries the bundle
links against (packaging/linux/host-libraries.txt), nothing else. The AppImage needs the type-2
runtime file (github.com/AppImage/type2-runtime releases), which its own tools download; here it
is an input, so no step needs the network. --fast compresses lightly (tests).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
APP_ID = "nl.zeelandnet.desktop"
PACKAGE = "zeelandnet-desktop"
EXECUTABLE = "zeelandnet-desktop"
sys.path.insert(0, str(ROOT / "packaging" / "pyinstaller"))
sys.path.insert(0, str(ROOT / "tools"))

import bundle_rules  # type: ignore[import-not-found]  # noqa: E402
import make_icons  # noqa: E402


def app_version() -> str:
    namespace: dict[str, str] = {}
    for line in (ROOT / "zeelandnet_desktop" / "__init__.py").read_text().splitlines():
        if line.startswith("__version__"):
            exec(line, namespace)
    return namespace["__version__"]


def machine() -> tuple[str, str]:
    """(Debian architecture, uname machine) of this build."""
    arch = os.uname().machine
    return {"x86_64": "amd64", "aarch64": "arm64"}.get(arch, arch), arch


def system_packages(bundle: Path) -> tuple[list[str], list[str]]:
    """Depends and Recommends: the packages of the host libraries the bundle links against."""
    carried = {path.name for path in bundle.rglob("*")}
    needed: set[str] = set()
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink() and _is_elf(path):
            needed.update(bundle_rules.elf_needed(str(path)))
    depends: list[str] = []
    recommends: list[str] = []
    for pattern, packages, optional in bundle_rules.host_libraries():
        if any(bundle_rules.is_host_library(name, [(pattern, packages, optional)])
               for name in needed - carried):
            field = recommends if optional else depends
            entry = " | ".join(packages)
            if entry not in field:
                field.append(entry)
    return depends, recommends


def _is_elf(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"\x7fELF"


def install_desktop_files(share: Path, icons: Path) -> None:
    """applications/, metainfo/ and icons/hicolor/ under a share/ folder."""
    (share / "applications").mkdir(parents=True, exist_ok=True)
    shutil.copy(HERE / f"{APP_ID}.desktop", share / "applications")
    (share / "metainfo").mkdir(parents=True, exist_ok=True)
    shutil.copy(HERE / f"{APP_ID}.metainfo.xml", share / "metainfo")
    shutil.copytree(icons / "hicolor", share / "icons" / "hicolor", dirs_exist_ok=True)


def copy_bundle(bundle: Path, target: Path) -> None:
    shutil.copytree(bundle, target, symlinks=True)


def build_tar(bundle: Path, icons: Path, out: Path, version: str, fast: bool) -> Path:
    name = f"{PACKAGE}-{version}-linux-{machine()[1]}"
    with tempfile.TemporaryDirectory() as temp:
        top = Path(temp) / name
        copy_bundle(bundle, top)
        install_desktop_files(top / "share", icons)
        target = out / f"{name}.tar.xz"
        level = "-1" if fast else "-9"
        with target.open("wb") as archive:
            tar = subprocess.Popen(["tar", "-C", temp, "--owner=0", "--group=0", "-cf", "-",
                                    name], stdout=subprocess.PIPE)
            subprocess.run(["xz", "-T0", level, "-c"], stdin=tar.stdout, stdout=archive,
                           check=True)
            if tar.wait() != 0:
                raise SystemExit("tar failed")
    return target


def control_text(version: str, arch: str, size_kib: int, depends: list[str],
                 recommends: list[str]) -> str:
    lines = [
        f"Package: {PACKAGE}",
        f"Version: {version}",
        f"Architecture: {arch}",
        "Maintainer: ZeelandNet Desktop developers <zeelandnet-desktop@users.noreply.github.com>",
        f"Installed-Size: {size_kib}",
        f"Depends: {', '.join(depends)}",
    ]
    if recommends:
        lines.append(f"Recommends: {', '.join(recommends)}")
    lines += [
        "Section: net",
        "Priority: optional",
        "Description: news from Zeeland and the world, and your webmail",
        " One calm window for the ZeelandNet portal: the news by category, readable",
        " offline, and ZeelandNet or DELTA webmail in an embedded browser that stays",
        " signed in, with the password kept in the system keyring.",
    ]
    return "\n".join(lines) + "\n"


def build_deb(bundle: Path, icons: Path, out: Path, version: str, fast: bool) -> Path:
    arch = machine()[0]
    depends, recommends = system_packages(bundle)
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp) / "root"
        copy_bundle(bundle, root / "opt" / PACKAGE)
        (root / "usr" / "bin").mkdir(parents=True)
        (root / "usr" / "bin" / EXECUTABLE).symlink_to(f"../../opt/{PACKAGE}/{EXECUTABLE}")
        install_desktop_files(root / "usr" / "share", icons)
        size = sum(p.lstat().st_size for p in root.rglob("*")) // 1024 + 1
        (root / "DEBIAN").mkdir()
        (root / "DEBIAN" / "control").write_text(
            control_text(version, arch, size, depends, recommends), encoding="utf-8")
        for folder in [root, *[p for p in root.rglob("*") if p.is_dir()]]:
            folder.chmod(0o755)
        target = out / f"{PACKAGE}_{version}_{arch}.deb"
        compression = ["-Zgzip", "-z1"] if fast else ["-Zxz", "-z9"]
        subprocess.run(["dpkg-deb", "--root-owner-group", *compression, "--build", str(root),
                        str(target)], check=True, stdout=subprocess.DEVNULL)
    return target


APPRUN = """#!/bin/sh
# The AppImage's entry: the bundle lives in usr/lib/zeelandnet-desktop.
HERE="$(dirname "$(readlink -f "$0")")"
exec "$HERE/usr/lib/zeelandnet-desktop/zeelandnet-desktop" "$@"
"""


def build_appimage(bundle: Path, icons: Path, out: Path, version: str, runtime: Path,
                   fast: bool) -> Path:
    """A type-2 AppImage: the runtime, then a squashfs of the AppDir."""
    with tempfile.TemporaryDirectory() as temp:
        appdir = Path(temp) / "AppDir"
        copy_bundle(bundle, appdir / "usr" / "lib" / PACKAGE)
        install_desktop_files(appdir / "usr" / "share", icons)
        (appdir / "AppRun").write_text(APPRUN, encoding="utf-8")
        (appdir / "AppRun").chmod(0o755)
        shutil.copy(HERE / f"{APP_ID}.desktop", appdir)
        icon = icons / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png"
        shutil.copy(icon, appdir / f"{APP_ID}.png")
        (appdir / ".DirIcon").symlink_to(f"{APP_ID}.png")
        image = Path(temp) / "image.squashfs"
        subprocess.run(["mksquashfs", str(appdir), str(image), "-root-owned", "-noappend",
                        "-quiet", "-no-progress", "-comp", "gzip" if fast else "zstd"],
                       check=True, stdout=subprocess.DEVNULL)
        target = out / f"ZeelandNet_Desktop-{version}-{machine()[1]}.AppImage"
        with target.open("wb") as result:
            result.write(runtime.read_bytes())
            result.write(image.read_bytes())
        target.chmod(0o755)
    return target


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--appimage-runtime", type=Path, metavar="FILE")
    parser.add_argument("--fast", action="store_true", help="light compression (tests)")
    args = parser.parse_args(argv)
    if not (args.bundle / EXECUTABLE).is_file():
        parser.error(f"{args.bundle} holds no {EXECUTABLE}: run make bundle first")
    args.out.mkdir(parents=True, exist_ok=True)
    version = app_version()
    with tempfile.TemporaryDirectory() as temp:
        icons = make_icons.build(Path(temp) / "icons", ["png"])["png"].parent
        made = [build_tar(args.bundle, icons, args.out, version, args.fast),
                build_deb(args.bundle, icons, args.out, version, args.fast)]
        if args.appimage_runtime:
            made.append(build_appimage(args.bundle, icons, args.out, version,
                                       args.appimage_runtime, args.fast))
    for path in made:
        print(f"{path}  {path.stat().st_size / 2**20:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
