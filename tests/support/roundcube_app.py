"""The in-process app (the make_app fixture's Shell) on a profile that chose the test Roundcube,
and what a user does in Roundcube's page: click its controls, type into its fields.

Clicks are real mouse clicks at the element's place in the view (a scripted click() is not a
user gesture, and Chromium asks "leave this page?" only after one).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.support.memorykeyring import MemoryKeyring
from tests.support.roundcube import PROVIDER_ID, MailServers, prepare_profile
from zeelandnet_desktop.mail.credentials import SERVICE_NAME
from zeelandnet_desktop.shell import Shell
from zeelandnet_desktop.ui.webmail.browser import WebmailBrowser

LONG = 30_000
WINDOW_SIZE = (1280, 800)  # Roundcube's elastic skin shows its folder list from 1200 px wide


def keyring_entry(servers: MailServers) -> tuple[str, str]:
    return (SERVICE_NAME, f"{PROVIDER_ID}:{servers.user.name}")


def open_webmail(make_app: Callable[..., Shell], qtbot: QtBot, profile_dir: Path,
                 servers: MailServers, keyring: MemoryKeyring, *, saved: str | None = None,
                 auto_login: bool = True, **settings: object) -> Shell:
    """The app started on the news tab with `keyring` as the OS keyring (holding `saved`),
    then switched to the webmail, which loads Roundcube's login page."""
    prepare_profile(profile_dir, servers, auto_login=auto_login, **settings)
    if saved is not None:
        keyring.entries[keyring_entry(servers)] = saved
    application = make_app(tab="news")
    application.window.resize(*WINDOW_SIZE)
    # Pinned before the webmail exists, so its first keyring call goes here.
    application.webmail_feature.login.credentials.store.set_backend(keyring)
    application.window.show_tab("webmail")
    qtbot.waitUntil(lambda: application.webmail_feature.tab.browser is not None, timeout=LONG)
    return application


def browser_of(application: Shell) -> WebmailBrowser:
    browser = application.webmail_feature.tab.browser
    assert browser is not None
    return browser


def run_js(qtbot: QtBot, browser: WebmailBrowser, script: str, world: int = 0) -> object:
    """The value of `script` in the page (world 0: the page's own)."""
    answers: list[object] = []
    browser.page.runJavaScript(script, world, answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=LONG)
    return answers[0]


def shown(qtbot: QtBot, browser: WebmailBrowser, selector: str) -> bool:
    """The element is in the page and takes up room (Roundcube hides what it has not drawn)."""
    script = (f"(function () {{ var e = document.querySelector({json.dumps(selector)});"
              " if (!e) return false; var r = e.getBoundingClientRect();"
              " return r.width > 0 && r.height > 0; })()")
    return bool(run_js(qtbot, browser, script))


def wait_shown(qtbot: QtBot, browser: WebmailBrowser, selector: str,
               timeout_ms: int = LONG) -> None:
    """Until the element is shown (asked again every 100 ms), or fail saying which."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not shown(qtbot, browser, selector):
        assert time.monotonic() < deadline, f"{selector} is not shown"
        qtbot.wait(100)


def wait_ready(qtbot: QtBot, browser: WebmailBrowser, timeout_ms: int = LONG) -> None:
    """Until Roundcube's script has set the page up and is not busy with a request: its
    buttons ignore a click before that (a user would click again)."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not run_js(qtbot, browser, "!!(window.rcmail && rcmail.loaded && !rcmail.busy)"):
        assert time.monotonic() < deadline, "Roundcube's page did not get ready"
        qtbot.wait(100)


def click(qtbot: QtBot, browser: WebmailBrowser, selector: str) -> None:
    """A user's mouse click on the middle of the element, once it is shown and Roundcube's
    page is ready for it."""
    qtbot.mouseClick(*_aim(qtbot, browser, selector))


def _aim(qtbot: QtBot, browser: WebmailBrowser,
         selector: str) -> tuple[QWidget, Qt.MouseButton, Qt.KeyboardModifier, QPoint]:
    wait_shown(qtbot, browser, selector)
    wait_ready(qtbot, browser)
    script = (f"(function () {{ var r = document.querySelector({json.dumps(selector)})"
              ".getBoundingClientRect(); return (r.left + r.width / 2) + ','"
              " + (r.top + r.height / 2); })()")
    x, y = str(run_js(qtbot, browser, script)).split(",")
    target = browser.view.focusProxy() or browser.view
    zoom = browser.zoom
    return (target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
            QPoint(int(float(x) * zoom), int(float(y) * zoom)))


def type_text(qtbot: QtBot, browser: WebmailBrowser, text: str) -> None:
    """Keys typed into whatever has the focus in the page."""
    target = browser.view.focusProxy() or browser.view
    qtbot.keyClicks(target, text)


def press_key(qtbot: QtBot, browser: WebmailBrowser, key: Qt.Key) -> None:
    target = browser.view.focusProxy() or browser.view
    qtbot.keyClick(target, key)
