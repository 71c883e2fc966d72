"""The Webmail tab as the main window drives it: the one-time choice, lazy QtWebEngine, a login
that survives a restart, the unread count, a provider change."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialogButtonBox, QRadioButton
from pytestqt.qtbot import QtBot

from tests.support.fakewebmail import WebmailEnv
from tests.support.localserver import LocalServer
from zeelandnet_desktop import settings as keys
from zeelandnet_desktop.settings import Settings

# QtWebEngine is imported after the QApplication exists, as in the app (DESIGN.md).
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)

REPO = Path(__file__).resolve().parents[2]
LOGIN_TITLE = "Fake Webmail :: Welcome"
INBOX_TITLE = "(2) Inbox - Fake Webmail"


@pytest.fixture
def env(qapp: object, server: LocalServer, profile_dir: Path,
        tmp_path: Path) -> Iterator[WebmailEnv]:
    environment = WebmailEnv(server, profile_dir, tmp_path / "Downloads")
    yield environment
    environment.close()


def log_in(qtbot: QtBot, tab, env: WebmailEnv) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: tab.title == LOGIN_TITLE, timeout=15_000)
    script = (f"document.getElementById('rcmloginuser').value = {json.dumps(env.fake.user)};"
              f"document.getElementById('rcmloginpwd').value = {json.dumps(env.fake.password)};"
              "document.getElementById('login-form').submit();")
    with qtbot.waitSignal(tab.unread_changed, timeout=10_000) as blocker:
        tab.browser.page.runJavaScript(script)
    assert blocker.args == [2]


def run_probe(profile_dir: Path) -> dict[str, object]:
    """A second real process on the same profile (tests/support/webmail_probe.py)."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.support.webmail_probe", str(profile_dir)],
        cwd=REPO, env=dict(os.environ), capture_output=True, text=True, timeout=90, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    facts: dict[str, object] = {}
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            facts.update(json.loads(line))
    return facts


def test_webengine_is_imported_only_when_the_tab_is_first_activated(env: WebmailEnv,
                                                                     profile_dir: Path) -> None:
    env.choose_fake()
    env.settings.sync()
    facts = run_probe(profile_dir)
    assert facts["webengine_before_activate"] is False
    assert facts["webengine_after_activate"] is True
    assert facts["title"] == LOGIN_TITLE


def test_choice_is_asked_once_and_kept(qtbot: QtBot, env: WebmailEnv) -> None:
    tab = env.make_tab()
    assert tab.choose_dialog is None  # not at construction (start-up)
    tab.activate()
    dialog = tab.choose_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "Choose your webmail"
    names = {button.text() for button in dialog.findChildren(QRadioButton)}
    assert {"Fake webmail", "DELTA webmail", "ZeelandNet webmail", "Other webmail"} <= names
    dialog.select("fake")
    with qtbot.waitSignal(tab.browser_created, timeout=5_000):
        dialog.button_box.button(QDialogButtonBox.StandardButton.Ok).click()
    assert env.settings.get(keys.WEBMAIL_PROVIDER) == "fake"
    qtbot.waitUntil(lambda: tab.title == LOGIN_TITLE, timeout=15_000)

    # Zoom is remembered per provider, and seen by the next tab.
    tab.browser.zoom_in()
    assert tab.browser.zoom == pytest.approx(1.1)

    tab.deactivated()
    tab.activate()
    assert tab.choose_dialog is None
    env.close()

    # A new run reads the choice back: no question, straight to the webmail.
    env.settings.sync()
    env.settings = Settings(env.paths.settings_file)
    again = env.make_tab()
    again.activate()
    assert again.choose_dialog is None
    assert again.browser is not None
    assert again.browser.zoom == pytest.approx(1.1)


def test_cancel_leaves_a_choose_button(qtbot: QtBot, env: WebmailEnv) -> None:
    tab = env.make_tab()
    tab.activate()
    assert tab.choose_dialog is not None
    tab.choose_dialog.reject()
    assert tab.choose_dialog is None
    assert tab.browser is None
    assert tab.choose_button.isVisible()
    assert env.settings.get(keys.WEBMAIL_PROVIDER) == ""
    tab.deactivated()
    tab.activate()
    assert tab.choose_dialog is None  # asked once; the button is there for a change of mind
    qtbot.mouseClick(tab.choose_button, Qt.MouseButton.LeftButton)
    assert tab.choose_dialog is not None and tab.choose_dialog.isVisible()


def test_other_webmail_needs_a_valid_https_address(env: WebmailEnv) -> None:
    tab = env.make_tab()
    tab.activate()
    dialog = tab.choose_dialog
    assert dialog is not None
    ok = dialog.button_box.button(QDialogButtonBox.StandardButton.Ok)
    dialog.url_edit.setText("http://webmail.example.nl")
    assert dialog.chosen_id() == "custom"
    assert not ok.isEnabled()
    assert dialog.url_error.isVisibleTo(dialog)
    dialog.url_edit.setText("webmail.example.nl")
    assert ok.isEnabled()
    assert dialog.custom_url() == "https://webmail.example.nl"


def test_login_survives_a_restart_and_unread_reaches_the_signal(
        qtbot: QtBot, env: WebmailEnv, profile_dir: Path) -> None:
    env.choose_fake()
    tab = env.make_tab()
    titles: list[str] = []
    tab.title_changed.connect(titles.append)
    tab.activate()
    log_in(qtbot, tab, env)
    assert tab.unread == 2
    assert INBOX_TITLE in titles
    # The cookie is HttpOnly: scripts cannot read it, which is also why we never log it.
    with qtbot.waitCallback() as callback:
        tab.browser.page.runJavaScript("document.cookie", 0, callback)
    assert "fake_sessid" not in (callback.args[0] or "")

    env.close()  # shutdown(): pages, then the profile, so the cookie is written
    env.settings.sync()
    facts = run_probe(profile_dir)
    assert facts["title"] == INBOX_TITLE, facts
    assert facts["unread"] == 2
    assert env.fake.server.requests_for("/")[-1].header("Cookie")


def test_provider_change_reloads_the_tab(qtbot: QtBot, env: WebmailEnv) -> None:
    second = env.fake.provider_entry("ox", "/ox")
    first = env.fake.provider_entry("fake")
    (env.paths.config / "providers.json").write_text(
        json.dumps({"providers": [first, second]}), encoding="utf-8")
    env.choose_fake()
    tab = env.make_tab()
    seen: list[tuple[str, str]] = []  # the sign-in hook: (provider, path) of each provider page
    tab.add_provider_page_hook(lambda page, url: seen.append((page.provider.id, url.path())))
    tab.activate()
    qtbot.waitUntil(lambda: ("fake", "/") in seen, timeout=15_000)
    with qtbot.waitSignal(tab.browser_created, timeout=5_000):
        env.settings.set(keys.WEBMAIL_PROVIDER, "ox")  # what Instellingen does
    assert tab.browser.provider.id == "ox"
    qtbot.waitUntil(lambda: tab.title == "OX App Suite", timeout=15_000)
    qtbot.waitUntil(lambda: ("ox", "/ox") in seen, timeout=5_000)
    # The OX-like form is drawn by script after load; polling finds it
    found: list[object] = []

    def form_drawn() -> bool:
        tab.browser.page.runJavaScript(
            "!!document.getElementById('io-ox-login-username')", 0, found.append)
        return bool(found and found[-1] is True)

    qtbot.waitUntil(form_drawn, timeout=5_000)
