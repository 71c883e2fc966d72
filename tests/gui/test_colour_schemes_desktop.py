"""The system's light or dark preference, followed by the real app on a real X server (the
desktop pass): GTK's dark Adwaita through Qt's gtk3 platform theme makes it dark, the user's
Licht wins over it, and where the platform cannot switch at all (xcb without a desktop theme)
the app draws its dark palette itself. Judged by the pixels of its window."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication

from tests.conftest import require_service
from tests.support import xdo
from tests.support.app_process import app_env, start_app, stop, wait_for_log
from zeelandnet_desktop import settings as keys
from zeelandnet_desktop.settings import Settings

pytestmark = pytest.mark.desktop

GTK_DARK = {"QT_QPA_PLATFORMTHEME": "gtk3", "GTK_THEME": "Adwaita:dark"}
GTK_LIGHT = {"QT_QPA_PLATFORMTHEME": "gtk3", "GTK_THEME": "Adwaita"}
NO_THEME = {"QT_QPA_PLATFORMTHEME": ""}


def lightness_of(image: QImage) -> int:
    """The median lightness (0-255) of the window's pixels: its background, mostly."""
    values = sorted(QColor(image.pixel(x, y)).lightness()
                    for x in range(0, image.width(), 9) for y in range(0, image.height(), 9))
    return values[len(values) // 2]


def painted(window: int) -> QImage:
    """The window's pixels once it has drawn itself (menus, tabs, text: many colours)."""
    screen = QGuiApplication.primaryScreen()
    deadline = time.monotonic() + 20
    while True:
        picture = screen.grabWindow(window).toImage()
        colours = {picture.pixel(x, y) for x in range(0, picture.width(), 13)
                   for y in range(0, picture.height(), 13)} if not picture.isNull() else set()
        if len(colours) > 5 or time.monotonic() > deadline:
            assert len(colours) > 5, "the window never drew itself"
            return picture
        time.sleep(0.2)


@pytest.mark.parametrize(("system", "choice", "dark"), [
    (GTK_DARK, "system", True),
    (GTK_LIGHT, "system", False),
    (GTK_DARK, "light", False),
    (NO_THEME, "dark", True),
    (NO_THEME, "system", False),
])
def test_the_window_is_light_or_dark_as_it_should(
        qapp: QApplication, profile_dir: Path, screenshots: Path, system: dict[str, str],
        choice: str, dark: bool) -> None:
    require_service(xdo.available(), "xdotool")
    assert QGuiApplication.platformName() == "xcb"
    settings = Settings(profile_dir / "config" / "zeelandnet-desktop.ini")
    settings.set(keys.COLOR_SCHEME, choice)
    settings.sync()
    env = app_env(**system)
    if not system.get("QT_QPA_PLATFORMTHEME"):
        env.pop("QT_QPA_PLATFORMTHEME", None)
    process = start_app(profile_dir, env=env)
    try:
        wait_for_log(profile_dir, "Window shown", process)
        window = xdo.wait_for_window(process.pid, "ZeelandNet")
        picture = painted(int(window))
        name = f"scheme-{system.get('GTK_THEME', 'none')}-{choice}.png".replace(":", "-")
        picture.save(str(screenshots / name))
        lightness = lightness_of(picture)
        assert (lightness < 100) == dark, lightness
    finally:
        stop(process)
