"""The Roundcube fixture is the real webmail: its login page, 401 for a wrong password, the inbox
with its unread count, an entry the app's providers.json accepts, and "(N)" in a browser's title."""

from __future__ import annotations

import json
from pathlib import Path

import requests
from pytestqt.qtbot import QtBot

from tests.support.dovecot import Dovecot, DovecotFactory
from tests.support.roundcube import Roundcube, RoundcubeFactory
from zeelandnet_desktop.mail.providers import is_provider_origin, load_providers


def test_login_page(roundcube: Roundcube) -> None:
    page = requests.get(roundcube.base_url, timeout=10)
    assert page.status_code == 200
    assert 'id="rcmloginuser"' in page.text
    assert 'id="rcmloginpwd"' in page.text
    assert 'name="_token"' in page.text


def test_wrong_password_is_http_401(roundcube: Roundcube, dovecot: Dovecot) -> None:
    answer = roundcube.login(requests.Session(), dovecot.user.name, "not-the-password")
    assert answer.status_code == 401
    assert 'id="rcmloginpwd"' in answer.text  # the login form again
    assert roundcube.login_attempts().failed == 1
    assert dovecot.login_attempts().failed == 1
    for log in roundcube.log_dir.iterdir():
        assert "not-the-password" not in log.read_text(errors="replace")


def test_good_password_shows_the_inbox_with_its_unread_count(roundcube: Roundcube,
                                                             dovecot: Dovecot) -> None:
    dovecot.deliver("Een")
    dovecot.deliver("Twee")
    session = requests.Session()
    inbox = roundcube.login(session, dovecot.user.name, dovecot.user.password)
    assert inbox.status_code == 200
    assert "_task=mail" in inbox.url
    assert "Inbox" in inbox.text
    assert roundcube.unread_in_inbox_list(session, inbox) == 2
    assert roundcube.login_attempts().succeeded == 1


def test_over_tls_to_dovecot(make_dovecot: DovecotFactory,
                             make_roundcube: RoundcubeFactory) -> None:
    imap = make_dovecot(mode="tls")
    imap.deliver("Een")
    webmail = make_roundcube(imap)
    session = requests.Session()
    inbox = webmail.login(session, imap.user.name, imap.user.password)
    assert inbox.status_code == 200
    assert webmail.unread_in_inbox_list(session, inbox) == 1


def test_provider_entry_is_accepted_by_the_app(roundcube: Roundcube, tmp_path: Path) -> None:
    path = roundcube.write_providers_json(tmp_path / "config")
    assert json.loads(path.read_text())["providers"][0]["allowed_hosts"] == ["127.0.0.1"]
    provider = load_providers(path)["roundcube"]
    assert provider.start_url == roundcube.base_url
    assert is_provider_origin(roundcube.base_url + "?_task=mail", provider)


def test_a_browser_sees_the_count_in_the_inbox_title(qtbot: QtBot, roundcube: Roundcube,
                                                     dovecot: Dovecot) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile

    for subject in ("Een", "Twee", "Drie"):
        dovecot.deliver(subject)
    profile = QWebEngineProfile()  # off the record: nothing lands in a real profile
    page = QWebEnginePage(profile)
    try:
        with qtbot.waitSignal(page.loadFinished, timeout=30_000):
            page.load(QUrl(roundcube.base_url))
        user, password = json.dumps(dovecot.user.name), json.dumps(dovecot.user.password)
        fill = (f"document.querySelector('#rcmloginuser').value = {user};"
                f"document.querySelector('#rcmloginpwd').value = {password};"
                "document.querySelector('#rcmloginsubmit').click();")
        page.runJavaScript(fill)
        qtbot.waitUntil(lambda: "(3)" in page.title(), timeout=30_000)
        assert "Inbox" in page.title()
    finally:
        with qtbot.waitSignal(page.destroyed):
            page.deleteLater()
        profile.deleteLater()
