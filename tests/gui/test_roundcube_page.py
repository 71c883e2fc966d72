"""Roundcube's own pages in the app, in-process against a real Roundcube 1.6 and Dovecot 2.3:
quitting while a mail is being written in its compose asks first (Leave / Stay), a message
saved as PDF is a PDF, and Roundcube's own Print (a window of its own that calls
window.print()) opens the print dialog.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.gui.conftest import AppFactory
from tests.support.memorykeyring import MemoryKeyring
from tests.support.roundcube import (
    PROVIDER_NAME,
    MailServers,
    mail_servers,
    shared_mail_servers,
)
from tests.support.roundcube_app import (
    LONG,
    browser_of,
    click,
    open_webmail,
    run_js,
    type_text,
    wait_shown,
)
from zeelandnet_desktop.shell import Shell

__all__ = ["mail_servers", "shared_mail_servers"]  # fixtures

QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)

SUBJECT = "Factuur december"


def signed_in(make_app: AppFactory, qtbot: QtBot, profile_dir: Path,
              servers: MailServers) -> Shell:
    application = open_webmail(make_app, qtbot, profile_dir, servers, MemoryKeyring(),
                               saved=servers.user.password)
    tab = application.webmail_feature.tab
    qtbot.waitUntil(lambda: "Postvak In" in tab.title, timeout=LONG)
    return application


def answer_modal(kind: type[QWidget], answer: Callable[[QWidget], None]) -> None:
    """Answer the next modal dialog of `kind` as soon as it is up (it runs its own loop)."""
    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            answer(dialog)
        else:
            QTimer.singleShot(50, look)

    QTimer.singleShot(50, look)


# --- a mail being written ---------------------------------------------------------------------

def test_quitting_while_writing_a_mail_in_roundcube_asks_first(
        qtbot: QtBot, make_app: AppFactory, profile_dir: Path,
        mail_servers: MailServers) -> None:
    application = signed_in(make_app, qtbot, profile_dir, mail_servers)
    browser = browser_of(application)
    click(qtbot, browser, "#taskmenu a.compose")  # Opstellen
    qtbot.waitUntil(lambda: "_action=compose" in browser.page.url().toString(), timeout=LONG)
    wait_shown(qtbot, browser, "#compose-subject")
    click(qtbot, browser, "#compose-subject")
    type_text(qtbot, browser, "Afspraak dinsdag")
    click(qtbot, browser, "#composebody")
    type_text(qtbot, browser, "Beste Piet, tot dinsdag.")
    qtbot.waitUntil(lambda: "tot dinsdag" in str(run_js(
        qtbot, browser, "document.getElementById('composebody').value")), timeout=LONG)
    feature = application.webmail_feature

    def quit_and(choice: str) -> tuple[list[bool], list[tuple[str, str]]]:
        quitting: list[bool] = []
        asked: list[tuple[str, str]] = []
        answered: list[bool] = []
        browser.page.confirm_answered.connect(answered.append)

        def press(box: QWidget) -> None:
            assert isinstance(box, QMessageBox)
            asked.append((box.windowTitle(), box.text()))
            button = box.findChild(QPushButton, choice)
            assert button is not None
            button.click()

        answer_modal(QMessageBox, press)
        feature.confirm_close(lambda: quitting.append(True))  # what Bestand → Afsluiten asks
        qtbot.waitUntil(lambda: bool(answered), timeout=LONG)
        browser.page.confirm_answered.disconnect(answered.append)
        return quitting, asked

    quitting, asked = quit_and("stay")
    [(title, text)] = asked
    assert title == PROVIDER_NAME and "niet klaar" in text
    assert quitting == []  # "Stay": the app goes on, and so does the mail
    assert "_action=compose" in browser.page.url().toString()
    assert "tot dinsdag" in str(run_js(qtbot, browser,
                                       "document.getElementById('composebody').value"))
    click(qtbot, browser, "#composebody")  # Chromium asks again only after new input
    type_text(qtbot, browser, " Groet, Jan")
    quitting, asked = quit_and("leave")
    qtbot.waitUntil(lambda: quitting == [True], timeout=LONG)


# --- printing ---------------------------------------------------------------------------------

def open_the_message(qtbot: QtBot, application: Shell, text: str) -> None:
    """Click the (only) message in the list: Roundcube shows it beside the list."""
    browser = browser_of(application)
    click(qtbot, browser, "#messagelist tbody tr td.subject")
    shown_beside = ("(function () { var f = document.getElementById('messagecontframe');"
                    " var b = f && f.contentDocument && f.contentDocument.body;"
                    f" return !!b && b.textContent.indexOf({text!r}) >= 0; }})()")
    qtbot.waitUntil(lambda: bool(run_js(qtbot, browser, shown_beside)), timeout=LONG)


def test_a_message_saved_as_pdf_is_a_pdf(qtbot: QtBot, make_app: AppFactory, profile_dir: Path,
                                         mail_servers: MailServers, tmp_path: Path) -> None:
    mail_servers.dovecot.deliver(SUBJECT, body="Te betalen: 39,95 euro voor 1 januari.\n")
    application = signed_in(make_app, qtbot, profile_dir, mail_servers)
    open_the_message(qtbot, application, "39,95 euro")
    messages: list[str] = []
    application.webmail_feature.tab.status_message.connect(messages.append)
    browser_of(application).printing.save_as_pdf(str(tmp_path / "factuur"))  # as chosen in
    qtbot.waitUntil(lambda: "Opgeslagen als factuur.pdf" in messages, timeout=LONG)  # its dialog
    pdf = (tmp_path / "factuur.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 1


def test_roundcubes_own_print_opens_the_print_dialog(
        qtbot: QtBot, make_app: AppFactory, profile_dir: Path,
        mail_servers: MailServers) -> None:
    from PySide6.QtPrintSupport import QPrintDialog

    mail_servers.dovecot.deliver(SUBJECT, body="Te betalen: 39,95 euro.\n")
    application = signed_in(make_app, qtbot, profile_dir, mail_servers)
    open_the_message(qtbot, application, "39,95 euro")
    browser = browser_of(application)
    seen: list[str] = []
    answer_modal(QPrintDialog, lambda dialog: (seen.append(dialog.windowTitle()),
                                               dialog.reject()))  # type: ignore[attr-defined]
    click(qtbot, browser, "#toolbar-menu a.more")  # Meer
    click(qtbot, browser, "#message-menu a.print")  # Afdrukken: a window that prints itself
    qtbot.waitUntil(lambda: bool(seen), timeout=LONG)
    assert seen == ["Afdrukken"]
