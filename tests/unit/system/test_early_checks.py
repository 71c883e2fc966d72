"""What happens before Qt starts: the no-display check and the root sandbox switch."""

from __future__ import annotations

import os
import sys

import pytest

from zeelandnet_desktop.system import early_checks

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux display rules")


@linux_only
@pytest.mark.parametrize(
    ("env", "problem"),
    [
        ({}, "DISPLAY and WAYLAND_DISPLAY are not set"),
        ({"QT_QPA_PLATFORM": "xcb"}, "DISPLAY is not set"),
        ({"QT_QPA_PLATFORM": "wayland"}, "WAYLAND_DISPLAY is not set"),
        ({"QT_QPA_PLATFORM": "offscreen"}, None),
        ({"QT_QPA_PLATFORM": "minimal"}, None),
        ({"WAYLAND_DISPLAY": "wayland-0"}, None),
        ({"QT_QPA_PLATFORM": "wayland", "WAYLAND_DISPLAY": "wayland-0"}, None),
        ({"DISPLAY": ":4093"}, "the X server :4093 does not answer"),
    ],
)
def test_display_problem(env: dict[str, str], problem: str | None) -> None:
    assert early_checks.display_problem(env) == problem


def test_message_is_one_line_in_the_users_language() -> None:
    dutch = early_checks.no_display_message("DISPLAY is not set", "nl")
    assert "\n" not in dutch and "geen beeldscherm" in dutch
    assert "no display" in early_checks.no_display_message("DISPLAY is not set", "en")
    busy = early_checks.instance_busy_message("nl")
    assert "\n" not in busy and "reageert niet" in busy


@linux_only
def test_root_gets_no_sandbox_with_a_warning(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    assert early_checks.disable_webengine_sandbox_if_root() is True
    assert os.environ["QTWEBENGINE_CHROMIUM_FLAGS"].split() == ["--disable-gpu", "--no-sandbox"]
    assert "sandbox" in caplog.text


@linux_only
def test_normal_user_keeps_the_sandbox(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    assert early_checks.disable_webengine_sandbox_if_root() is False
    assert os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] == "--disable-gpu"
