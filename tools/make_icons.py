"""Icons for the packages, drawn from the one SVG (resources/icons/zeelandnet-desktop.svg).

    python tools/make_icons.py OUT_DIR [png] [ico] [icns]

- png: hicolor/<N>x<N>/apps/nl.zeelandnet.desktop.png for the Linux icon theme, plus the SVG as
  hicolor/scalable/apps/nl.zeelandnet.desktop.svg;
- ico: zeelandnet-desktop.ico with 16, 20, 24, 32, 40, 48, 64 and 256 px (PNG entries, which
  Windows reads since Vista; every size is drawn from the SVG, not scaled down from 256);
- icns: zeelandnet-desktop.icns with every size macOS asks for, 16 to 1024 incl. @2x, written
  by icnsutil (Pillow's writer leaves out 16 and 32).

The icons are build output (make dist, the PyInstaller spec), not committed: they cannot drift
from the SVG. Rendering uses QtSvg from PySide6, which the app needs anyway.
"""

from __future__ import annotations

import io
import shutil
import struct
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "zeelandnet-desktop.svg"
ICON_NAME = "nl.zeelandnet.desktop"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 256)
# icnsutil's type codes by pixel size (retina variants share sizes with the next step up).
ICNS_TYPES = {
    "icp4": 16, "ic11": 32, "icp5": 32, "ic12": 64, "icp6": 64, "ic07": 128, "ic13": 256,
    "ic08": 256, "ic14": 512, "ic09": 512, "ic10": 1024,
}


def render_png(size: int, svg: Path = SVG) -> bytes:
    """The SVG drawn at size x size pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # the stubs want bytes, the binding a str
        raise SystemExit("Qt could not write a PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """An .ico holding the given PNGs (size -> PNG bytes), smallest first."""
    sizes = sorted(images)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, payload = io.BytesIO(), io.BytesIO()
    for size in sizes:
        png = images[size]
        side = 0 if size >= 256 else size  # 0 means 256 in the directory entry
        entries.write(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset))
        payload.write(png)
        offset += len(png)
    return header + entries.getvalue() + payload.getvalue()


def write_icns(target: Path, images: dict[int, bytes]) -> None:
    import icnsutil  # type: ignore[import-not-found,import-untyped,unused-ignore]

    icns = icnsutil.IcnsFile()
    for key, size in ICNS_TYPES.items():
        icns.add_media(key, data=images[size])
    icns.write(str(target), toc=True)


def build(out_dir: Path, kinds: Iterable[str]) -> dict[str, Path]:
    """Write the icons of the given kinds under out_dir; returns kind -> main file."""
    kinds = list(kinds)
    unknown = set(kinds) - {"png", "ico", "icns"}
    if unknown:
        raise SystemExit(f"unknown icon kind(s): {', '.join(sorted(unknown))}")
    out_dir.mkdir(parents=True, exist_ok=True)
    wanted: set[int] = set()
    if "png" in kinds:
        wanted.update(HICOLOR_SIZES)
    if "ico" in kinds:
        wanted.update(ICO_SIZES)
    if "icns" in kinds:
        wanted.update(ICNS_TYPES.values())
    images = {size: render_png(size) for size in sorted(wanted)}
    made: dict[str, Path] = {}
    if "png" in kinds:
        theme = out_dir / "hicolor"
        for size in HICOLOR_SIZES:
            folder = theme / f"{size}x{size}" / "apps"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{ICON_NAME}.png").write_bytes(images[size])
        scalable = theme / "scalable" / "apps"
        scalable.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SVG, scalable / f"{ICON_NAME}.svg")
        made["png"] = theme
    if "ico" in kinds:
        made["ico"] = out_dir / "zeelandnet-desktop.ico"
        made["ico"].write_bytes(ico_bytes({size: images[size] for size in ICO_SIZES}))
    if "icns" in kinds:
        made["icns"] = out_dir / "zeelandnet-desktop.icns"
        write_icns(made["icns"], images)
    return made


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    made = build(Path(argv[0]), argv[1:] or ["png", "ico", "icns"])
    for kind, path in made.items():
        print(f"{kind}: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
