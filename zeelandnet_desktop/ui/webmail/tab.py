"""The Webmail tab: asks once which webmail, then shows it in an embedded browser made on first use.

QtWebEngine is heavy (a Chromium, ~150 MB), so nothing here imports it: webmail_browser is
imported the first time the tab is activated with a provider chosen.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QStackedLayout, QVBoxLayout, QWidget

from ... import i18n
from ... import settings as keys
from ...mail.pages import inbox_shown, message_url, unread_in_title
from ...mail.providers import Provider
from ...services.webmail import WebmailService
from ...settings import Settings
from .choose_dialog import ChooseWebmailDialog

if TYPE_CHECKING:
    from .browser import WebmailBrowser
    from .page import ProviderPageHook

log = logging.getLogger(__name__)

# Roundcube's inbox first shows a title without "(N)": its script puts the count in once it has
# listed the mailbox. So a title without a count means "none unread" only when it stays so.
NO_COUNT_SETTLE_MS = 3000
_PLACEHOLDER_TITLE = re.compile(
    r"^\s*$|^[a-z][a-z0-9+.-]*://\S*$|^(about|data|blob):\S*$"
    r"|^[\w-]+(\.[\w-]+)+(:\d+)?(/\S*)?$|^[\w.-]+:\d+(/\S*)?$", re.IGNORECASE)


class WebmailTab(QWidget):
    """See the module doc. The main window calls activate()/deactivated() on tab switches and
    shutdown() before the application quits."""

    title_changed = Signal(str)  # the page title, for the window title
    unread_changed = Signal(int)  # from "(3) Inbox" / "Postvak IN (3)"; -1: unknown again
    status_message = Signal(str)
    web_notification = Signal(str, str)  # title, body of the provider's HTML5 notification
    browser_created = Signal()  # the embedded browser exists (sign-in's hooks, tests)
    signed_out = Signal()  # the user left through the provider's own logout

    def __init__(self, settings: Settings, webmail: WebmailService,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("webmailTab")
        self._settings = settings
        self._webmail = webmail
        self._browser: WebmailBrowser | None = None
        self._dialog: ChooseWebmailDialog | None = None
        self._asked = False  # the dialog comes by itself once per run; after that, the button
        self._active = False
        self._unread: int | None = None  # None: unknown (not shown yet, or signed out)
        self._title = ""
        self._page_hooks: list[ProviderPageHook] = []
        self._open_first: str | None = None  # the address a browser made from now opens on

        self._unload_timer = QTimer(self)
        self._unload_timer.setSingleShot(True)
        self._unload_timer.timeout.connect(self._unload)
        self._no_count_timer = QTimer(self)
        self._no_count_timer.setSingleShot(True)
        self._no_count_timer.setInterval(NO_COUNT_SETTLE_MS)
        self._no_count_timer.timeout.connect(self._no_count_settled)

        self._placeholder = QWidget(self)
        self._placeholder_text = QLabel(self._placeholder)
        self._placeholder_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder_text.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("Choose your webmail"), self._placeholder)
        self.choose_button.setObjectName("chooseWebmailButton")
        self.choose_button.clicked.connect(self.choose_provider)
        inner = QVBoxLayout(self._placeholder)
        inner.addStretch(1)
        inner.addWidget(self._placeholder_text)
        inner.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignHCenter)
        inner.addStretch(2)
        # One line above the page about checking for new mail (a wrong password, no server).
        self.notice = QLabel(self)
        self.notice.setObjectName("mailWatchNotice")
        self.notice.setWordWrap(True)
        self.notice.setContentsMargins(10, 6, 10, 6)
        self.notice.setAutoFillBackground(True)
        self.notice.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.notice.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.hide()
        pages = QWidget(self)
        self._stack = QStackedLayout(pages)
        self._stack.addWidget(self._placeholder)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.notice)
        outer.addWidget(pages, 1)
        self._show_placeholder()

        webmail.provider_changed.connect(self.reload_provider)

    # Public API --------------------------------------------------------------------------------
    @property
    def browser(self) -> WebmailBrowser | None:
        return self._browser

    @property
    def unread(self) -> int:
        """The last count the webmail showed (0 while none is known)."""
        return self._unread or 0

    @property
    def page_unread(self) -> int | None:
        """The count the page's title shows, None while it shows none that is known."""
        return self._unread

    @property
    def title(self) -> str:
        return self._title

    @property
    def choose_dialog(self) -> ChooseWebmailDialog | None:
        return self._dialog

    def provider(self) -> Provider | None:
        """The chosen provider, or None while none is chosen (or the choice no longer exists)."""
        return self._webmail.provider()

    def available_providers(self) -> dict[str, Provider]:
        return self._webmail.providers()

    def add_provider_page_hook(self, hook: ProviderPageHook) -> None:
        """Call `hook(page, url)` after every successful load of a page on the chosen provider's
        own origin, in this browser and the ones made after a provider change (sign-in fills
        the login form from here). Registering imports nothing heavy."""
        self._page_hooks.append(hook)
        if self._browser is not None:
            self._browser.add_provider_page_hook(hook)

    def activate(self) -> None:
        """The tab became current: show the webmail, creating the browser on first use."""
        self._active = True
        self._unload_timer.stop()
        provider = self.provider()
        if provider is None:
            self._show_placeholder()
            if not self._asked:
                self.choose_provider()
            return
        if self._browser is None:
            self._create_browser(provider)
        else:
            self._browser.set_discarded(False)
        assert self._browser is not None
        self._stack.setCurrentWidget(self._browser)
        self._browser.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_message(self, uid: int) -> None:
        """Show one message of the inbox, where the provider's addresses allow it (else the
        webmail opens as usual). The browser is made on it if there is none yet."""
        provider = self.provider()
        if provider is None:
            return
        url = message_url(provider, uid)
        if self._browser is None:
            self._open_first = url
            if self._active:
                self.activate()
        else:
            self._browser.set_discarded(False)
            self._browser.page.load(QUrl(url))

    def show_notice(self, text: str) -> None:
        """The line above the page ("" hides it)."""
        self.notice.setText(text)
        self.notice.setAccessibleName(text)
        self.notice.setVisible(bool(text))

    def deactivated(self) -> None:
        """The tab was hidden: after the unload setting's minutes, free the page's memory."""
        self._active = False
        minutes = self._settings.get(keys.WEBMAIL_UNLOAD_MINUTES)
        if minutes > 0 and self._browser is not None:
            self._unload_timer.start(minutes * 60_000)

    def reload_provider(self) -> None:
        """The chosen provider changed: throw the old browser away and show the new one."""
        self._open_first = None
        self._destroy_browser()
        self._set_title("")
        if self._active:
            self.activate()
        else:
            self._show_placeholder()

    def choose_provider(self) -> None:
        """Show "Choose your webmail" (non-blocking). Accepting it stores the choice."""
        self._asked = True
        if self._dialog is not None:
            self._dialog.raise_()
            self._dialog.activateWindow()
            return
        providers = [p for p in self.available_providers().values()]
        self._dialog = ChooseWebmailDialog(
            providers,
            current_id=self._settings.get(keys.WEBMAIL_PROVIDER),
            custom_url=self._settings.get(keys.WEBMAIL_CUSTOM_URL),
            language=i18n.current_language(),
            parent=self,
        )
        self._dialog.finished.connect(self._on_dialog_finished)
        self._dialog.open()

    def shutdown(self) -> None:
        """Before QApplication quits: pages go before their profile, so cookies reach the disk."""
        self._unload_timer.stop()
        self._no_count_timer.stop()
        if self._dialog is not None:
            self._dialog.finished.disconnect(self._on_dialog_finished)
            self._dialog.reject()
            self._dialog.deleteLater()
            self._dialog = None
        self._destroy_browser()

    # Internals ---------------------------------------------------------------------------------
    def _on_dialog_finished(self, result: int) -> None:
        dialog, self._dialog = self._dialog, None
        if dialog is None:
            return
        dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted:
            self._show_placeholder()
            return
        chosen = dialog.chosen_id()
        previous = self._settings.get(keys.WEBMAIL_PROVIDER)
        self._webmail.choose(chosen, dialog.custom_url())
        if previous == chosen and self._active:
            self.activate()  # no change signal, but the user still wants their webmail now

    def _show_placeholder(self) -> None:
        if self._settings.get(keys.WEBMAIL_PROVIDER):
            self._placeholder_text.setText(self.tr("Webmail opens here."))
        else:
            self._placeholder_text.setText(self.tr("You have not chosen a webmail yet."))
        self._stack.setCurrentWidget(self._placeholder)

    def _create_browser(self, provider: Provider) -> None:
        from .browser import WebmailBrowser  # the first QtWebEngine import, on purpose

        log.info("Opening webmail %s", provider.id)
        first, self._open_first = self._open_first, None
        browser = WebmailBrowser(provider, self._settings, self._webmail.web_storage(provider.id),
                                 self._webmail.place_download, self, load_home=first is None)
        if first is not None:
            browser.page.load(QUrl(first))
        for hook in self._page_hooks:
            browser.add_provider_page_hook(hook)
        browser.title_changed.connect(self._set_title)
        browser.status_message.connect(self.status_message)
        browser.web_notification.connect(self.web_notification)
        browser.page.logged_out.connect(self._forget_count)
        self._stack.addWidget(browser)
        self._browser = browser
        self.browser_created.emit()

    def _destroy_browser(self) -> None:
        browser, self._browser = self._browser, None
        if browser is None or not shiboken6.isValid(browser):
            return
        self._stack.removeWidget(browser)
        browser.shutdown()
        shiboken6.delete(browser)

    def _unload(self) -> None:
        if self._browser is not None and not self._active:
            log.info("Unloading the hidden webmail page to free memory")
            self._browser.set_discarded(True)

    def _set_title(self, title: str) -> None:
        self._title = title
        self.title_changed.emit(title)
        if _PLACEHOLDER_TITLE.match(title):
            # While a page loads Chromium shows its address as the title; that says nothing
            # about unread mail, and a 3 → 0 → 3 flicker would wake the tray.
            return
        if self._browser is not None and self._browser.page.local_page_shown:
            return  # "not reachable" is no news about the mailbox: keep the last count
        count = unread_in_title(title)
        if count is None:
            # A folder or the settings: a count that is not shown is unknown, not 0. The inbox
            # without one: none unread, once its script had the time to put the count in.
            if self._inbox_without_count() and not self._no_count_timer.isActive():
                self._no_count_timer.start()
            return
        self._no_count_timer.stop()
        self._report_unread(count)

    def _inbox_without_count(self) -> bool:
        browser = self._browser
        if browser is None or browser.page.local_page_shown:
            return False
        title = self._title
        return (not _PLACEHOLDER_TITLE.match(title) and unread_in_title(title) is None
                and inbox_shown(browser.page.url().toString(), title))

    def _no_count_settled(self) -> None:
        if self._inbox_without_count():
            self._report_unread(0)

    def _report_unread(self, count: int) -> None:
        if count != self._unread:
            self._unread = count
            self.unread_changed.emit(count)

    def _forget_count(self) -> None:
        """Signed out: the count is unknown until the inbox shows one again."""
        self.signed_out.emit()
        self._no_count_timer.stop()
        if self._unread is not None:
            self._unread = None
            self.unread_changed.emit(-1)
