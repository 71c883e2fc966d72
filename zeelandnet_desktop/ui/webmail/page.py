"""The webmail page and its web profile: one persistent profile per provider, a page that keeps
to the provider's hosts, and friendly local pages when the provider is away or unsafe.

Importing this module imports QtWebEngine (only webmail_browser imports it, on first use).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWebEngineCore import (
    QWebEngineLoadingInfo,
    QWebEngineNewWindowRequest,
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineProfileBuilder,
    QWebEngineSettings,
)
from PySide6.QtWidgets import QWidget

from ...mail.pages import is_logout
from ...mail.providers import Navigation, Provider, is_provider_origin, navigation_decision
from .guard import SignInGuard

if TYPE_CHECKING:
    from PySide6.QtWebEngineCore import QWebEngineCertificateError

log = logging.getLogger(__name__)

HTTP_CACHE_BYTES = 50 * 1024 * 1024
_ERR_ABORTED = -3  # Chromium's net::ERR_ABORTED: a navigation we (or the user) stopped
_ERR_BLOCKED_BY_CLIENT = -20  # a request our interceptor blocked
ProviderPageHook = Callable[["WebmailPage", QUrl], None]
_APPLICATION_WORLD = 1  # where the sign-in helper (resources/js/login_form.js) lives
_SIGN_OUT_CALL = "window.__zndLogin ? window.__zndLogin.signOut() : 'none'"


def describe_url(url: QUrl) -> str:
    """scheme://host of a URL, for logs and messages: never the path or query, where tokens live."""
    if url.scheme() in ("http", "https"):
        return f"{url.scheme()}://{url.host()}"
    return f"{url.scheme()}:"


# --- profile -----------------------------------------------------------------------------------

ACCEPT_LANGUAGES = {"nl": "nl-NL,nl;q=0.9,en;q=0.6", "en": "en-GB,en;q=0.9,nl;q=0.6"}


def create_profile(provider: Provider, storage: Path, language: str = "nl") -> QWebEngineProfile:
    """A named, on-disk profile for one provider, so its login survives a restart.

    One per provider keeps one provider's cookies away from the other's. The caller owns it and
    must delete it after every page that uses it (see WebmailBrowser.shutdown).
    """
    builder = QWebEngineProfileBuilder()
    builder.setPersistentStoragePath(str(storage))
    builder.setCachePath(str(storage / "cache"))
    builder.setHttpCacheType(QWebEngineProfile.HttpCacheType.DiskHttpCache)
    builder.setHttpCacheMaximumSize(HTTP_CACHE_BYTES)
    # Webmails set session cookies; forcing them to disk is what keeps the user logged in.
    builder.setPersistentCookiesPolicy(QWebEngineProfile.PersistentCookiesPolicy.ForcePersistentCookies)
    # We remember the one permission we grant (notifications) in our settings, so Chromium asks
    # every time and the settings stay the single truth.
    builder.setPersistentPermissionsPolicy(
        QWebEngineProfile.PersistentPermissionsPolicy.AskEveryTime)
    profile = builder.createProfile(f"webmail-{provider.id}")
    # Some webmails refuse browsers they do not know; without the QtWebEngine token we look like
    # the Chromium we are.
    profile.setHttpUserAgent(re.sub(r"\s*QtWebEngine/\S+", "", profile.httpUserAgent()))
    # The provider speaks the app's language: Roundcube otherwise comes up in English.
    profile.setHttpAcceptLanguage(ACCEPT_LANGUAGES.get(language, ACCEPT_LANGUAGES["nl"]))
    attrs = QWebEngineSettings.WebAttribute
    web = profile.settings()
    web.setAttribute(attrs.ErrorPageEnabled, False)  # we show our own, friendlier page
    web.setAttribute(attrs.JavascriptCanOpenWindows, True)  # compose windows
    web.setAttribute(attrs.LocalContentCanAccessFileUrls, False)
    web.setAttribute(attrs.LocalContentCanAccessRemoteUrls, False)
    web.setAttribute(attrs.FullScreenSupportEnabled, False)
    web.setAttribute(attrs.PluginsEnabled, False)
    return profile


def tell_chromium_accessibility_is_on() -> None:
    """Switch on the web page's accessibility tree when a screen reader already runs.

    QtWebEngine starts with the first profile, which is made when the webmail is first shown,
    long after Qt's accessibility came on. Its start-up switches Chromium's accessibility on
    only when it sees that at that moment, and that early switch does not take (measured: the
    view then has no document for AT-SPI, while a view made before accessibility came on has
    one). Announcing "active" once more, now that QtWebEngine listens, does take; the browser
    does it once the first page is loading, when the page's view exists.
    """
    # Setting up QAccessible costs PySide about 4 ms the first time; not before the first load.
    from PySide6.QtGui import QAccessible

    if QAccessible.isActive():
        QAccessible.setActive(True)


# --- page --------------------------------------------------------------------------------------

class WebmailPage(QWebEnginePage):
    """A page that stays on the provider's hosts and says so when it cannot reach them."""

    external_url_opened = Signal(QUrl)
    external_url_failed = Signal(QUrl)  # the system has no browser to open it in
    navigation_refused = Signal(QUrl)
    popup_requested = Signal(QWebEngineNewWindowRequest)
    # A page of the provider's own origin has loaded: loadFinished(True), or the provider's own
    # error page (a failed Roundcube login answers 401, which Qt reports as loadFinished(False)).
    provider_page_loaded = Signal(QUrl)
    logged_out = Signal()  # the user chose the provider's own logout
    confirm_answered = Signal(bool)  # a question of the page (also "leave this page?") answered

    def __init__(self, provider: Provider, profile: QWebEngineProfile,
                 parent: QObject | None = None) -> None:
        super().__init__(profile, parent)
        self.provider = provider
        self.failed_url: QUrl | None = None  # set while one of our local pages is shown
        self._local_page: tuple[str, str, str, str, str] | None = None  # its words
        self._local_html_pending = False
        self._certificate_problem = ""
        self._last_external: tuple[str, float] = ("", 0.0)
        self.http_status = 0  # of the last main-frame load: 200, or the error the server gave
        self.guard: SignInGuard | None = None  # set by the browser; see guard.py
        self._sign_in_blocked = ""  # the origin the guard just kept our password from
        self.question_open = False  # one of the page's questions is on screen
        self.loadingChanged.connect(self._on_loading_changed)
        self.certificateError.connect(self._on_certificate_error)
        self.newWindowRequested.connect(self._on_new_window_requested)

    @property
    def local_page_shown(self) -> bool:
        return self.failed_url is not None

    # Navigation policy -------------------------------------------------------------------------
    def load(self, url: QUrl | str) -> None:  # type: ignore[override]
        """Load `url` if the policy allows it as a top-level page.

        Qt runs a javascript: URL given to load() as script in the current page without asking
        acceptNavigationRequest, so addresses from outside (hand-over, retry, home) are checked
        here. javascript: links inside the provider's own pages are its own script and stay.
        """
        url = QUrl(url)
        if navigation_decision(url.toString(), self.provider) is Navigation.REFUSE:
            log.info("Refused to load %s", describe_url(url))
            self.navigation_refused.emit(url)
            return
        super().load(url)

    def acceptNavigationRequest(self, url: QUrl | str, type: QWebEnginePage.NavigationType,
                                isMainFrame: bool) -> bool:
        url = QUrl(url)
        if isMainFrame and self.guard is not None and self.guard.refuses_navigation(url):
            return False
        if (isMainFrame and self._local_html_pending and url.scheme() == "data"
                and type == QWebEnginePage.NavigationType.NavigationTypeTyped):
            self._local_html_pending = False  # our own setHtml; page-made data: stays refused
            return True
        decision = navigation_decision(url.toString(), self.provider, main_frame=isMainFrame)
        if decision is Navigation.ALLOW:
            if isMainFrame:
                self.failed_url = None
                if is_logout(url.toString(), self.provider):
                    self.logged_out.emit()
            return True
        log.info("Webmail navigation to %s: %s", describe_url(url), decision.value)
        if decision is Navigation.EXTERNAL:
            self._open_externally(url)
        else:
            self.navigation_refused.emit(url)
        return False

    def sign_out(self, fallback_url: str) -> None:
        """The provider's own logout: the page's logout control when the sign-in helper finds
        one (Roundcube 1.6 refuses a bare ?_task=logout: "Request security check failed", and
        the session stays), else `fallback_url`."""
        def answered(result: object) -> None:
            if result != "clicked" and shiboken6.isValid(self):  # the page may be gone by now
                self.load(QUrl(fallback_url))

        self.runJavaScript(_SIGN_OUT_CALL, _APPLICATION_WORLD, answered)

    def _open_externally(self, url: QUrl) -> None:
        # A page that sets location in a loop must not flood the system browser.
        text, when = self._last_external
        now = time.monotonic()
        if text == url.toString() and now - when < 2.0:
            return
        self._last_external = (url.toString(), now)
        if QDesktopServices.openUrl(url):
            self.external_url_opened.emit(url)
        else:
            log.warning("No web browser could be opened for %s", describe_url(url))
            self.external_url_failed.emit(url)

    def _on_new_window_requested(self, request: QWebEngineNewWindowRequest) -> None:
        url = request.requestedUrl()
        # An empty/about:blank pop-up is one the provider's own script fills (compose windows).
        if url.isEmpty() or url.toString() == "about:blank":
            self.popup_requested.emit(request)
            return
        decision = navigation_decision(url.toString(), self.provider)
        if decision is Navigation.ALLOW:
            self.popup_requested.emit(request)
        elif decision is Navigation.EXTERNAL:
            self._open_externally(url)  # target=_blank to another site: the system browser
        else:
            self.navigation_refused.emit(url)

    # The page's own questions, in our words (page_dialogs.py, imported when one comes: the
    # first page needs none). The view is their parent.
    def _dialog_parent(self) -> QWidget | None:
        view = self.parent()  # the view is the page's parent (see WebmailBrowser._new_page)
        return view.window() if isinstance(view, QWidget) else None

    def javaScriptAlert(self, securityOrigin: QUrl | str, msg: str) -> None:
        from . import page_dialogs

        page_dialogs.alert(self._dialog_parent(), self.provider.name, msg)

    def javaScriptConfirm(self, securityOrigin: QUrl | str, msg: str) -> bool:
        from . import page_dialogs

        self.question_open = True
        try:
            answer = page_dialogs.confirm(self._dialog_parent(), self.provider.name, msg)
        finally:
            self.question_open = False
        self.confirm_answered.emit(answer)
        return answer

    def javaScriptPrompt(self, securityOrigin: QUrl | str, msg: str,
                         defaultValue: str) -> tuple[bool, str]:
        from . import page_dialogs

        return page_dialogs.prompt(self._dialog_parent(), self.provider.name, msg, defaultValue)

    def javaScriptConsoleMessage(self, level: QWebEnginePage.JavaScriptConsoleMessageLevel,
                                 message: str, lineNumber: int, sourceID: str) -> None:
        # Qt's default logs the provider's console as Qt messages (errors as critical). It is the
        # provider's business and may hold tokens or mail, so only where it came from is noted.
        log.debug("Webmail console %s at %s:%d", level.name, QUrl(sourceID).host(), lineNumber)

    # Errors ------------------------------------------------------------------------------------
    def _on_certificate_error(self, error: QWebEngineCertificateError) -> None:
        # Never accept: a webmail with a bad certificate may be someone else reading the mail.
        self._certificate_problem = error.description()
        log.warning("Certificate error on %s: %s", describe_url(error.url()), error.description())
        error.rejectCertificate()

    def sign_in_blocked(self, origin: str) -> None:
        """The guard stopped our password on its way to `origin`: say so in the page."""
        self._sign_in_blocked = origin
        url = self.url()
        QTimer.singleShot(0, lambda: self.show_blocked_page(url, origin))

    def _on_loading_changed(self, info: QWebEngineLoadingInfo) -> None:
        status = info.status()
        if status == QWebEngineLoadingInfo.LoadStatus.LoadStartedStatus:
            self.http_status = 0
            return
        # Qt reports loadFinished before this, so the provider's page is announced from here,
        # where the HTTP status is known.
        if status == QWebEngineLoadingInfo.LoadStatus.LoadSucceededStatus:
            self.http_status = 200
            self._announce_provider_page()
            return
        if status != QWebEngineLoadingInfo.LoadStatus.LoadFailedStatus:
            return
        domain = info.errorDomain()
        if domain == QWebEngineLoadingInfo.ErrorDomain.HttpStatusCodeDomain:
            # The server's own error page is shown (a failed login is 401 with the login form
            # again), which says more than we could.
            self.http_status = info.errorCode()
            self._announce_provider_page()
            return
        url = QUrl(info.url())
        if info.errorCode() == _ERR_BLOCKED_BY_CLIENT and self._sign_in_blocked:
            self._sign_in_blocked = ""
            return  # our guard's block: the blocked page is on its way
        if info.errorCode() == _ERR_ABORTED or self._local_html_pending:
            return
        log.warning("Webmail could not load %s: %s", describe_url(url), info.errorString())
        if domain == QWebEngineLoadingInfo.ErrorDomain.CertificateErrorDomain:
            problem = self._certificate_problem or info.errorString()
            QTimer.singleShot(0, lambda: self.show_certificate_page(url, problem))
        else:
            error = info.errorString()
            QTimer.singleShot(0, lambda: self.show_unreachable_page(url, error))

    def _announce_provider_page(self) -> None:
        if not self.local_page_shown and is_provider_origin(self.url().toString(),
                                                            self.provider):
            self.provider_page_loaded.emit(self.url())

    # Local pages -------------------------------------------------------------------------------
    def retry_url(self) -> QUrl:
        """Where 'Try again' goes: what failed, if it is the provider's, else the start page."""
        if self.failed_url is not None and navigation_decision(
                self.failed_url.toString(), self.provider) is Navigation.ALLOW:
            return QUrl(self.failed_url)
        return QUrl(self.provider.start_url)

    def show_unreachable_page(self, url: QUrl, error: str) -> None:
        self.failed_url = QUrl(url)
        self._show_local_page(
            title=self.tr("Webmail is not reachable"),
            heading=self.tr("%1 is not reachable right now").replace("%1", self.provider.name),
            text=self.tr("Check your internet connection, then try again. If the problem "
                         "persists, the webmail may be down for maintenance."),
            detail=f"{describe_url(url)} — {error}",
            button=self.tr("Try again"),
        )

    def show_blocked_page(self, url: QUrl, origin: str) -> None:
        self.failed_url = QUrl(self.provider.start_url)
        self._show_local_page(
            title=self.tr("Signing in was stopped"),
            heading=self.tr("Signing in was stopped to protect your password"),
            text=self.tr("This page tried to send your password to another address than %1. "
                         "Your password was not sent. Sign in yourself only if you trust this "
                         "page.").replace("%1", self.provider.name),
            detail=origin,
            button=self.tr("Back to the sign-in page"),
        )

    def show_certificate_page(self, url: QUrl, problem: str) -> None:
        self.failed_url = QUrl(url)
        self._show_local_page(
            title=self.tr("Connection not secure"),
            heading=self.tr("The connection to %1 is not secure").replace("%1", url.host()),
            text=self.tr("The site's certificate is not valid, so someone could be reading "
                         "along. The page was not opened. Try again later, or contact your "
                         "provider if this keeps happening."),
            detail=problem,
            button=self.tr("Try again"),
        )

    def _show_local_page(self, *, title: str, heading: str, text: str, detail: str,
                         button: str) -> None:
        from .local_pages import local_page  # the first page is the provider's, not ours

        self._local_page = (title, heading, text, detail, button)
        retry = self.retry_url().toString()
        self._local_html_pending = True
        self.setHtml(local_page(QGuiApplication.palette(), title=title, heading=heading,
                                text=text, detail=detail, button=button, retry=retry))

    def restyle(self) -> None:
        """The palette changed (light to dark): our local page, if one shows, in its colours."""
        if self.local_page_shown and self._local_page is not None:
            title, heading, text, detail, button = self._local_page
            self._show_local_page(title=title, heading=heading, text=text, detail=detail,
                                  button=button)


# --- downloads ---------------------------------------------------------------------------------
