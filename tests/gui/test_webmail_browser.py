"""The embedded browser against the fake webmail: it stays on the provider's hosts, hands other
links to the system, refuses script/file pages, downloads safely, and says so when offline."""

from __future__ import annotations

import json
import shutil
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTimer, QUrl
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from tests.gui.conftest import UrlCatcher
from tests.support.fakewebmail import PDF_BYTES, WebmailEnv
from tests.support.localserver import LocalServer, Response, closed_port_url
from zeelandnet_desktop import settings as keys

QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)


@pytest.fixture
def env(qapp: object, server: LocalServer, profile_dir: Path,
        tmp_path: Path) -> Iterator[WebmailEnv]:
    environment = WebmailEnv(server, profile_dir, tmp_path / "Downloads")
    environment.choose_fake()
    yield environment
    environment.close()


def open_page(qtbot: QtBot, env: WebmailEnv, path: str, title: str):  # type: ignore[no-untyped-def]
    tab = env.make_tab()
    tab.activate()
    browser = tab.browser
    assert browser is not None
    with qtbot.waitSignal(browser.load_finished, timeout=15_000):
        pass  # the start page, loaded and painted: a click on it is not lost
    # loadFinished, not the title: the title comes first, and a click before the load has
    # finished can be dropped by Chromium.
    with qtbot.waitSignal(browser.load_finished, timeout=10_000,
                          check_params_cb=lambda ok: ok):
        browser.page.load(QUrl(env.fake.server.url(path)))
    assert tab.title == title
    return tab


def click(qtbot: QtBot, tab, element_id: str) -> None:  # type: ignore[no-untyped-def]
    """A real user click on the element (a scripted click() is not a user gesture)."""
    rect: list[object] = []
    tab.browser.page.runJavaScript(
        f"(function(){{var r=document.getElementById('{element_id}').getBoundingClientRect();"
        "return (r.left + r.width / 2) + ',' + (r.top + r.height / 2);})()", 0, rect.append)
    qtbot.waitUntil(lambda: bool(rect), timeout=5_000)
    x, y = (float(v) for v in str(rect[0]).split(","))
    target = tab.browser.view.focusProxy()
    zoom = tab.browser.zoom
    pos = target.rect().topLeft() + type(target.rect().topLeft())(int(x * zoom), int(y * zoom))
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=pos)


def test_link_to_another_host_goes_to_the_system_browser(
        qtbot: QtBot, env: WebmailEnv, system_browser: UrlCatcher) -> None:
    tab = open_page(qtbot, env, "/links", "Links - Fake Webmail")
    messages: list[str] = []
    tab.status_message.connect(messages.append)
    click(qtbot, tab, "other")
    qtbot.waitUntil(lambda: env.fake.other_host_url() in system_browser.urls, timeout=5_000)
    click(qtbot, tab, "other-blank")
    qtbot.waitUntil(lambda: env.fake.other_host_url() + "?blank=1" in system_browser.urls,
                    timeout=5_000)
    assert tab.browser.page.url().path() == "/links"  # the view stayed put
    assert tab.browser.popups == []  # target=_blank to elsewhere made no window of ours
    assert not env.fake.server.requests_for("/elsewhere")  # and the app never fetched it
    assert any("localhost" in m for m in messages)


def test_script_and_file_addresses_are_refused(
        qtbot: QtBot, env: WebmailEnv, system_browser: UrlCatcher) -> None:
    tab = open_page(qtbot, env, "/links", "Links - Fake Webmail")
    refused: list[QUrl] = []
    tab.browser.page.navigation_refused.connect(refused.append)
    tab.browser.page.load(QUrl("file:///etc/passwd"))
    qtbot.waitUntil(lambda: len(refused) == 1, timeout=5_000)
    tab.browser.page.load(QUrl("data:text/html,<title>pwned</title>"))
    qtbot.waitUntil(lambda: len(refused) == 2, timeout=5_000)
    tab.browser.page.load(QUrl("javascript:document.title='pwned'"))
    qtbot.waitUntil(lambda: len(refused) == 3, timeout=5_000)
    tab.browser.page.runJavaScript("location.href = 'file:///etc/passwd'")
    click(qtbot, tab, "file")
    # A round trip through the page proves the clicks were handled before we look.
    done: list[object] = []
    tab.browser.page.runJavaScript("document.title", 0, done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=5_000)
    assert done[0] == "Links - Fake Webmail"
    assert tab.title == "Links - Fake Webmail"
    assert tab.browser.page.url().path() == "/links"
    assert [u.scheme() for u in refused[:3]] == ["file", "data", "javascript"]
    assert not any(u.startswith("file:") for u in system_browser.urls)


def test_own_popup_opens_inside_the_app(qtbot: QtBot, env: WebmailEnv,
                                        system_browser: UrlCatcher) -> None:
    tab = open_page(qtbot, env, "/links", "Links - Fake Webmail")
    click(qtbot, tab, "popup")
    qtbot.waitUntil(lambda: len(tab.browser.popups) == 1, timeout=5_000)
    popup = tab.browser.popups[0]
    qtbot.waitUntil(lambda: popup.windowTitle() == "Compose - Fake Webmail", timeout=10_000)
    assert popup.isVisible()
    assert system_browser.urls == []
    popup.page().runJavaScript("window.close()")  # the provider closes its own pop-up
    qtbot.waitUntil(lambda: tab.browser.popups == [], timeout=5_000)


def test_download_never_overwrites(qtbot: QtBot, env: WebmailEnv) -> None:
    env.downloads.mkdir(parents=True)
    (env.downloads / "report.pdf").write_bytes(b"the user's own file")
    tab = open_page(qtbot, env, "/links", "Links - Fake Webmail")
    messages: list[str] = []
    tab.status_message.connect(messages.append)
    click(qtbot, tab, "download")
    target = env.downloads / "report (1).pdf"
    qtbot.waitUntil(lambda: any(m.startswith("Downloaded") for m in messages), timeout=10_000)
    assert target.read_bytes() == PDF_BYTES
    assert (env.downloads / "report.pdf").read_bytes() == b"the user's own file"
    assert tab.browser.page.url().path() == "/links"
    open_folder = tab.browser.downloads.findChild(QPushButton, "openFolder")
    assert open_folder is not None and open_folder.isVisible()


def test_open_folder_and_failed_downloads(qtbot: QtBot, env: WebmailEnv,
                                          system_browser: UrlCatcher) -> None:
    tab = open_page(qtbot, env, "/links", "Links - Fake Webmail")
    messages: list[str] = []
    tab.status_message.connect(messages.append)
    click(qtbot, tab, "download")
    qtbot.waitUntil(lambda: any(m.startswith("Downloaded") for m in messages), timeout=10_000)
    qtbot.mouseClick(tab.browser.downloads.findChild(QPushButton, "openFolder"),
                     Qt.MouseButton.LeftButton)
    assert system_browser.urls == [QUrl.fromLocalFile(str(env.downloads)).toString()]
    # A download folder that cannot be made (its parent is a file): said, not silently lost.
    blocker = env.downloads.parent / "not-a-folder"
    blocker.write_text("x")
    env.settings.set(keys.WEBMAIL_DOWNLOAD_DIR, str(blocker / "Downloads"))
    click(qtbot, tab, "download")
    qtbot.waitUntil(lambda: any(m.startswith("Download of report.pdf failed") for m in messages),
                    timeout=10_000)
    assert not (blocker.parent / "report (1).pdf").exists()


def test_unreachable_provider_shows_a_friendly_page(
        qtbot: QtBot, env: WebmailEnv, system_browser: UrlCatcher) -> None:
    entry = env.fake.provider_entry()
    entry["start_url"] = unreachable = closed_port_url()
    (env.paths.config / "providers.json").write_text(json.dumps({"providers": [entry]}))
    tab = env.make_tab()
    tab.activate()
    qtbot.waitUntil(lambda: tab.title == "Webmail is not reachable"
                    and not tab.browser.page.isLoading(), timeout=15_000)
    assert tab.browser.page.local_page_shown
    text: list[str] = []
    tab.browser.page.toPlainText(text.append)
    qtbot.waitUntil(lambda: bool(text), timeout=5_000)
    assert "Fake webmail is not reachable right now" in text[0]
    assert "Try again" in text[0]
    href: list[str] = []
    tab.browser.page.runJavaScript("document.getElementById('retry').href", 0, href.append)
    qtbot.waitUntil(lambda: bool(href), timeout=5_000)
    assert href[0] == unreachable
    assert tab.unread == 0  # and it stays what it was: the local page says nothing of mail
    # "Open in browser" offers the provider, not our local page.
    tab.browser.open_external_action.trigger()
    assert system_browser.urls == [unreachable]
    # Try again: the provider is still away, so the same friendly page comes back.
    with qtbot.waitSignal(tab.browser.load_finished, timeout=10_000):
        click(qtbot, tab, "retry")
    qtbot.waitUntil(lambda: tab.title == "Webmail is not reachable", timeout=10_000)


def _self_signed_https(server: LocalServer, folder: Path) -> None:
    """Turn the test server into https with a certificate nobody trusts."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd = server._httpd  # the fixture's server, wrapped before any request is made
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)


def test_certificate_error_is_refused_with_a_clear_page(
        qtbot: QtBot, env: WebmailEnv, tmp_path: Path) -> None:
    _self_signed_https(env.fake.server, tmp_path)
    entry = env.fake.provider_entry()
    entry["start_url"] = f"https://127.0.0.1:{env.fake.server.port}/"
    (env.paths.config / "providers.json").write_text(json.dumps({"providers": [entry]}))
    tab = env.make_tab()
    tab.activate()
    qtbot.waitUntil(lambda: tab.title == "Connection not secure", timeout=15_000)
    text: list[str] = []
    tab.browser.page.toPlainText(text.append)
    qtbot.waitUntil(lambda: bool(text), timeout=5_000)
    assert "The connection to 127.0.0.1 is not secure" in text[0]
    assert not env.fake.server.requests_for("/")  # no request got past the handshake


def test_notifications_are_asked_once_and_reach_the_signal(qtbot: QtBot, env: WebmailEnv) -> None:
    tab = open_page(qtbot, env, "/links", "Links - Fake Webmail")
    with qtbot.waitSignal(tab.web_notification, timeout=15_000) as blocker:
        tab.browser.page.load(QUrl(env.fake.server.url("/notify")))
        qtbot.waitUntil(lambda: tab.browser.findChild(QMessageBox, "notificationPermission")
                        is not None, timeout=10_000)
        box = tab.browser.findChild(QMessageBox, "notificationPermission")
        box.button(QMessageBox.StandardButton.Yes).click()
    assert blocker.args == ["New mail", "From: Gemeente Middelburg"]
    assert '"fake": "granted"' in env.settings.get(keys.WEBMAIL_NOTIFICATIONS)
    # Asked once: the next request is answered from the setting, without a question.
    with qtbot.waitSignal(tab.web_notification, timeout=15_000):
        tab.browser.page.load(QUrl(env.fake.server.url("/notify")))
    assert tab.browser.findChild(QMessageBox, "notificationPermission") is None


def test_unloading_a_hidden_tab_frees_the_page_and_returns(qtbot: QtBot, env: WebmailEnv) -> None:
    tab = env.make_tab()
    tab.activate()
    qtbot.waitUntil(lambda: tab.title == "Fake Webmail :: Welcome", timeout=15_000)
    tab.browser.hide()  # what switching to the news tab does to the page's visibility
    tab.deactivated()
    tab._unload()  # the timer's slot; minutes are not something a test waits for
    from PySide6.QtWebEngineCore import QWebEnginePage
    assert tab.browser.page.lifecycleState() == QWebEnginePage.LifecycleState.Discarded
    tab.browser.show()
    tab.activate()
    assert tab.browser.page.lifecycleState() == QWebEnginePage.LifecycleState.Active
    qtbot.waitUntil(lambda: tab.title == "Fake Webmail :: Welcome", timeout=15_000)


def test_the_zoom_buttons_are_the_apps_one_text_size(qtbot: QtBot, env: WebmailEnv) -> None:
    tab = env.make_tab()
    tab.activate()
    qtbot.waitUntil(lambda: tab.title == "Fake Webmail :: Welcome", timeout=15_000)
    browser = tab.browser
    browser.zoom_in_action.trigger()
    browser.zoom_in_action.trigger()
    assert browser.view.zoomFactor() == pytest.approx(1.25)
    assert browser.zoom_reset_action.text() == "125%"
    assert env.settings.get(keys.TEXT_SIZE) == 125  # the news reads the same setting
    browser.zoom_out_action.trigger()
    assert browser.view.zoomFactor() == pytest.approx(1.1)
    env.settings.set(keys.TEXT_SIZE, 150)  # Beeld → Tekstgrootte, or the news
    assert browser.view.zoomFactor() == pytest.approx(1.5)
    browser.zoom_reset_action.trigger()
    assert browser.view.zoomFactor() == pytest.approx(1.0)
    assert env.settings.get(keys.TEXT_SIZE) == 100


# --- the page as a browser tab: print, PDF, find, its questions, leaving it -----------------

def page_with(server: LocalServer, path: str, body: str) -> str:
    server.route(path, Response(body=(
        "<!doctype html><html><head><meta charset='utf-8'><title>Factuur - Fake Webmail"
        f"</title></head><body>{body}</body></html>").encode()))
    return server.url(path)


def test_the_pages_print_button_opens_the_print_dialog(qtbot: QtBot, env: WebmailEnv,
                                                       server: LocalServer) -> None:
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QApplication

    page_with(server, "/invoice", "<button id='print' onclick='window.print()'>Print</button>")
    tab = open_page(qtbot, env, "/invoice", "Factuur - Fake Webmail")
    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QPrintDialog):
            seen.append(dialog.windowTitle())
            dialog.reject()
        else:
            QTimer.singleShot(50, answer)

    QTimer.singleShot(50, answer)
    click(qtbot, tab, "print")
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert seen == ["Afdrukken"] or seen == ["Print"]


def test_save_as_pdf_writes_the_page(qtbot: QtBot, env: WebmailEnv, server: LocalServer,
                                     tmp_path: Path) -> None:
    page_with(server, "/invoice", "<h1>Factuur 2026-113</h1><p>Te betalen: € 39,95</p>")
    tab = open_page(qtbot, env, "/invoice", "Factuur - Fake Webmail")
    messages: list[str] = []
    tab.status_message.connect(messages.append)
    target = tmp_path / "factuur"
    tab.browser.printing.save_as_pdf(str(target))
    qtbot.waitUntil(lambda: any("factuur.pdf" in m for m in messages), timeout=15_000)
    assert (tmp_path / "factuur.pdf").read_bytes().startswith(b"%PDF")


def test_find_on_the_page_counts_and_goes_away_with_escape(qtbot: QtBot, env: WebmailEnv,
                                                          server: LocalServer) -> None:
    page_with(server, "/invoice", "<p>Factuur, factuur en nog eens factuur.</p>")
    tab = open_page(qtbot, env, "/invoice", "Factuur - Fake Webmail")
    bar = tab.browser.find_bar
    bar.open()
    assert bar.isVisible() and bar.field.hasFocus()
    qtbot.keyClicks(bar.field, "factuur")
    qtbot.waitUntil(lambda: bar.result.text() in ("1 van 3", "1 of 3"), timeout=10_000)
    bar.field.setText("kwitantie")
    qtbot.waitUntil(lambda: bar.result.text() in ("Niet gevonden", "Not found"), timeout=10_000)
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_the_pages_questions_carry_the_providers_name(qtbot: QtBot, env: WebmailEnv,
                                                       server: LocalServer) -> None:
    from PySide6.QtWidgets import QApplication

    page_with(server, "/ask", "<button id='ask' onclick=\"document.title = "
              "confirm('Bericht verwijderen?') ? 'ja' : 'nee'\">Ask</button>")
    tab = open_page(qtbot, env, "/ask", "Factuur - Fake Webmail")
    seen: list[tuple[str, str]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append((box.windowTitle(), box.text()))
            box.button(QMessageBox.StandardButton.Ok).click()
        else:
            QTimer.singleShot(50, answer)

    QTimer.singleShot(50, answer)
    click(qtbot, tab, "ask")
    qtbot.waitUntil(lambda: tab.title == "ja", timeout=10_000)
    assert seen == [("Fake webmail", "Bericht verwijderen?")]


def test_leaving_a_mail_being_written_is_asked_first(qtbot: QtBot, env: WebmailEnv,
                                                     server: LocalServer) -> None:
    from PySide6.QtWidgets import QApplication

    from zeelandnet_desktop.ui.webmail.feature import WebmailFeature

    # The page's own beforeunload, as Roundcube's compose window has one.
    page_with(server, "/compose-unsaved", "<textarea id='body'>Beste Jan,</textarea><script>"
              "window.addEventListener('beforeunload', function (e) { e.preventDefault();"
              " e.returnValue = ''; });</script>")
    tab = open_page(qtbot, env, "/compose-unsaved", "Factuur - Fake Webmail")
    def write(text: str) -> None:
        # Typing is the user's activation Chromium wants before it asks about leaving.
        click(qtbot, tab, "body")
        qtbot.keyClicks(tab.browser.view.focusProxy(), text)
        value: list[object] = []

        def typed() -> bool:  # asks the page again each time it is polled
            tab.browser.page.runJavaScript("document.getElementById('body').value", 0,
                                           value.append)
            return bool(value) and text in str(value[-1])

        qtbot.waitUntil(typed, timeout=10_000)

    write(" hierbij")
    feature = WebmailFeature.__new__(WebmailFeature)  # the close question needs only the tab
    feature._tab, feature._stopped = tab, False

    def close_and_answer(choice: str) -> tuple[list[bool], list[str]]:
        proceeded: list[bool] = []
        asked: list[str] = []
        answered: list[bool] = []
        tab.browser.page.confirm_answered.connect(answered.append)

        def answer() -> None:
            box = QApplication.activeModalWidget()
            if isinstance(box, QMessageBox):
                asked.append(box.text())
                box.findChild(QPushButton, choice).click()
            else:
                QTimer.singleShot(50, answer)

        QTimer.singleShot(50, answer)
        feature.confirm_close(lambda: proceeded.append(True))
        qtbot.waitUntil(lambda: bool(answered), timeout=10_000)
        tab.browser.page.confirm_answered.disconnect(answered.append)
        return proceeded, asked

    proceeded, asked = close_and_answer("stay")
    assert proceeded == []  # "Stay": the app does not quit, the mail stays
    assert "not finished" in asked[0] or "niet klaar" in asked[0]
    write(" de factuur")  # writing on: Chromium asks again only after new input
    proceeded, asked = close_and_answer("leave")
    qtbot.waitUntil(lambda: proceeded == [True], timeout=10_000)


def test_the_webmail_hears_the_users_language(qtbot: QtBot, env: WebmailEnv,
                                              server: LocalServer) -> None:
    from zeelandnet_desktop import i18n

    i18n.install_translators(QCoreApplication.instance(), "nl")  # type: ignore[arg-type]
    try:
        open_page(qtbot, env, "/links", "Links - Fake Webmail")
    finally:
        i18n.install_translators(QCoreApplication.instance(), "en")  # type: ignore[arg-type]
    languages = {r.header("Accept-Language") for r in server.requests}
    assert languages == {"nl-NL,nl;q=0.9,en;q=0.6"}


def test_a_folder_without_a_count_keeps_the_inbox_count(qtbot: QtBot, env: WebmailEnv,
                                                        server: LocalServer) -> None:
    tab = env.make_tab()
    counts: list[int] = []
    tab.unread_changed.connect(counts.append)
    tab.activate()
    browser = tab.browser
    with qtbot.waitSignal(browser.load_finished, timeout=15_000):
        pass
    browser.page.runJavaScript(
        "document.getElementById('rcmloginuser').value='jan';"
        "document.getElementById('rcmloginpwd').value='geheim';"
        "document.getElementById('rcmloginsubmit').click();", 0)
    qtbot.waitUntil(lambda: tab.unread == 2, timeout=15_000)
    with qtbot.waitSignal(browser.load_finished, timeout=15_000):
        browser.page.load(QUrl(server.url("/drafts")))
    qtbot.waitUntil(lambda: tab.title == "Drafts - Fake Webmail", timeout=10_000)
    assert tab.unread == 2  # Drafts shows no count: unknown, not 0
    env.fake.unread = 3
    with qtbot.waitSignal(browser.load_finished, timeout=15_000):
        browser.page.load(QUrl(server.url("/inbox")))
    qtbot.waitUntil(lambda: tab.unread == 3, timeout=10_000)
    assert counts == [2, 3]  # never a 0 in between, so 0 -> 3 is never "new mail"
