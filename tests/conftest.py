"""Shared fixtures: an isolated profile per test and a real local HTTP server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before any Qt import: tests run offscreen unless the desktop pass chose xcb, and Chromium
# refuses to run as root with its sandbox (TESTING.md). Tests only; the app decides this itself.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault(
    "QTWEBENGINE_CHROMIUM_FLAGS",
    "--disable-background-networking --disable-component-update --disable-gpu",
)
os.environ.setdefault("LANGUAGE", "nl")
# No test may reach the user's own keyring: keyring's default becomes the "no keyring" backend,
# and tests that need a working one pin theirs (tests/support/memorykeyring.py, or the real
# Secret Service in the desktop pass).
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
# Outside the desktop pass no test may reach the developer's own session bus (their real
# notification server, keyring or tray): it points at a bus that does not exist.
if os.environ.get("ZND_DESKTOP_PASS") != "1":
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=/nonexistent/zeelandnet-test-bus"

from tests.support.localserver import LocalServer


@pytest.fixture
def profile_dir(tmp_path: Path) -> Path:
    """An empty profile: settings, cache, database, web profile and logs of this test only."""
    folder = tmp_path / "profile"
    folder.mkdir()
    return folder


@pytest.fixture
def server() -> Iterator[LocalServer]:
    srv = LocalServer().start()
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    """Where a test saves the screenshots a person looks at: the test's own folder, or
    ZND_SCREENSHOT_DIR when set (to collect them from a whole run)."""
    folder = Path(os.environ.get("ZND_SCREENSHOT_DIR") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Desktop tests need the desktop session (set up by tools/desktop_session.py).

    `make test` selects them with -m desktop in that pass and -m "not desktop" offscreen.
    """
    if os.environ.get("ZND_DESKTOP_PASS") == "1":
        return
    for item in items:
        if item.get_closest_marker("desktop") is not None:
            item.add_marker(pytest.mark.skip(reason="desktop-services pass only (make test)"))


def require_service(available: bool, what: str) -> None:
    """Skip locally when a desktop service is missing; in CI a missing service is a failure."""
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is not available, and CI must not skip it")
    pytest.skip(f"{what} is not available here")
