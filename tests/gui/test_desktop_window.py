"""On a real X server (the desktop pass): the window maps and paints, and a dead display is a
clear error, not a Qt abort."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from tests.conftest import require_service
from tests.gui.conftest import AppFactory
from tests.support.app_process import app_env, run_app

pytestmark = pytest.mark.desktop


def test_window_shows_on_a_real_x_server(make_app: AppFactory, tmp_path: Path) -> None:
    require_service("xvfb" in os.environ.get("ZND_SERVICES", ""), "Xvfb")
    assert QGuiApplication.platformName() == "xcb"
    application = make_app()
    picture = application.window.grab()
    assert not picture.isNull() and picture.width() >= 400
    picture.save(str(tmp_path / "window.png"))
    # Not a blank grey square: menus and tabs draw more than a handful of colours.
    image = picture.toImage()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
               for y in range(0, min(image.height(), 80), 3)}
    assert len(colours) > 5


def test_unreachable_x_display_exits_2_with_one_line(profile_dir: Path) -> None:
    env = app_env(QT_QPA_PLATFORM="xcb", DISPLAY=":4093")
    env.pop("WAYLAND_DISPLAY", None)
    result = run_app(profile_dir, env=env)
    assert result.returncode == 2
    assert "the X server :4093 does not answer" in result.stderr
