"""The window fits the screen it opens on (the desktop pass, the real app on an X server of
each size): a 1024×600 laptop, 200 % scaling on 1366×768 and 1920×1080 screens, and a size
remembered from a larger monitor. The status bar is on the screen (read where a screen reader
finds it), and where the window is narrow the news shows the list, not three squeezed panes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from tests.conftest import require_service
from tests.support import xdo
from tests.support.app_process import app_env, start_app, stop, wait_for_log
from tests.support.atspi import Atspi, Node
from tests.support.feedgen import Item, serve_feed, write_catalogue
from tests.support.localserver import LocalServer
from tests.support.xvfb import screenshot, xvfb
from zeelandnet_desktop import settings as keys
from zeelandnet_desktop.settings import Settings

pytestmark = pytest.mark.desktop

SCREENS = {
    "1024x600": (1024, 600, ""),
    "1366x768-200%": (1366, 768, "2"),
    "1920x1080-200%": (1920, 1080, "2"),
}


def need_the_desktop() -> None:
    services = os.environ.get("ZND_SERVICES", "")
    require_service("accessibility" in services, "the accessibility bus (at-spi2-core)")
    require_service(xdo.available(), "xdotool")


def prepare(profile_dir: Path, server: LocalServer, geometry: bytes = b"") -> Path:
    settings = Settings(profile_dir / "config" / "zeelandnet-desktop.ini")
    settings.set(keys.LANGUAGE, "nl")
    # Opens on a category's list (as when it was chosen last): the panes are what is measured.
    settings.set(keys.LAST_NEWS_CATEGORY, "zeeland")
    if geometry:
        settings.set(keys.WINDOW_GEOMETRY, geometry)
    settings.sync()
    url = serve_feed(server, "/zeeland.xml", "Omroep Zeeland", [
        Item("Stormvloedkering in de Oosterschelde gaat dicht",
             "KAMPERLAND (ANP) - De kering gaat vannacht dicht vanwege de storm."),
        Item("Veerboot Vlissingen-Breskens vaart weer", "VLISSINGEN - De boot vaart.",
             minutes_ago=40)])
    return write_catalogue(profile_dir / "feeds.json", [
        ("zeeland", "Zeeland", "Zeeland", [("Omroep Zeeland", url)]),
        ("binnenland", "Binnenland", "Netherlands", [])])


def inside(box: tuple[int, int, int, int], width: int, height: int) -> bool:
    x, y, w, h = box
    return x >= 0 and y >= 0 and x + w <= width and y + h <= height and w > 0 and h > 0


def showing(tree: Node, role: str, name: str | None = None) -> list[Node]:
    return tree.find(lambda n: n.role == role and (name is None or n.name == name)
                     and n.showing)


def open_on_screen(profile_dir: Path, feeds: Path, width: int, height: int, scale: str,
                   shot: Path) -> tuple[xdo.Geometry, bool, bool]:
    """Start the app on a width×height screen; (its geometry, the status bar fully on the
    screen, the article pane beside the list)."""
    with xvfb(width, height) as display:
        extra = {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
                 "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1"}
        if scale:
            extra["QT_SCALE_FACTOR"] = scale
        env = app_env(**extra)
        process = start_app(profile_dir, "--feeds", str(feeds), env=env)
        try:
            wait_for_log(profile_dir, "Refresh: ", process)
            window = xdo.wait_for_window(process.pid, "ZeelandNet", env=env)
            geometry = xdo.geometry(window, env)
            with Atspi() as bus:
                tree = bus.wait_for("ZeelandNet", lambda t: bool(showing(t, "list",
                                                                         "Berichten")))
                bar = showing(tree, "status bar")
                status_on_screen = bool(bar) and inside(bus.extents(bar[0]), width, height)
                beside = bool(showing(tree, "text", "Bericht"))
            screenshot(display, shot)
        finally:
            stop(process)
    return geometry, status_on_screen, beside


@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_window_fits_the_screen(screen: str, server: LocalServer, profile_dir: Path,
                                    screenshots: Path) -> None:
    need_the_desktop()
    width, height, scale = SCREENS[screen]
    feeds = prepare(profile_dir, server)
    geometry, status_on_screen, beside = open_on_screen(
        profile_dir, feeds, width, height, scale, screenshots / f"window-{screen}.png")
    assert inside((geometry.x, geometry.y, geometry.width, geometry.height), width, height), \
        geometry
    assert status_on_screen
    logical_width = geometry.width / (float(scale) if scale else 1.0)
    # Three panes where there is room for them; the list alone where there is not.
    assert beside == (logical_width >= 720), (geometry, logical_width)


def test_a_size_from_a_larger_monitor_is_fitted(qapp: QApplication, server: LocalServer,
                                                profile_dir: Path, screenshots: Path) -> None:
    need_the_desktop()
    big = QWidget()
    big.setGeometry(1900, 120, 1800, 1000)  # on a second, larger monitor, now gone
    saved = bytes(big.saveGeometry().data())
    big.deleteLater()
    feeds = prepare(profile_dir, server, geometry=saved)
    geometry, status_on_screen, _beside = open_on_screen(
        profile_dir, feeds, 1024, 600, "", screenshots / "window-restored-1024x600.png")
    assert inside((geometry.x, geometry.y, geometry.width, geometry.height), 1024, 600), \
        geometry
    assert status_on_screen
