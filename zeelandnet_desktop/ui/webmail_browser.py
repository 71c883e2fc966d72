"""The embedded webmail browser: one persistent web profile per provider, a page that keeps to the
provider's hosts, a small toolbar, downloads and friendly local pages when the provider is away.

Importing this module imports QtWebEngine, so only webmail_tab imports it, and only when the user
first opens webmail (DESIGN.md: start-up is cheap).
"""

from __future__ import annotations

import html
import json
import logging
import re
import time
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, QStandardPaths, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QIcon, QKeySequence
from PySide6.QtWebEngineCore import (
    QWebEngineCertificateError,
    QWebEngineDownloadRequest,
    QWebEngineLoadingInfo,
    QWebEngineNewWindowRequest,
    QWebEngineNotification,
    QWebEnginePage,
    QWebEnginePermission,
    QWebEngineProfile,
    QWebEngineProfileBuilder,
    QWebEngineSettings,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from .. import settings as keys
from ..mail.downloads import unique_path
from ..mail.providers import Navigation, Provider, is_provider_origin, navigation_decision
from ..paths import AppPaths
from ..settings import Settings

log = logging.getLogger(__name__)

HTTP_CACHE_BYTES = 50 * 1024 * 1024
ZOOM_STEPS = (0.5, 0.67, 0.75, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)
_ERR_ABORTED = -3  # Chromium's net::ERR_ABORTED: a navigation we (or the user) stopped

ProviderPageHook = Callable[["WebmailPage", QUrl], None]


def _describe(url: QUrl) -> str:
    """scheme://host of a URL, for logs and messages: never the path or query, where tokens live."""
    if url.scheme() in ("http", "https"):
        return f"{url.scheme()}://{url.host()}"
    return f"{url.scheme()}:"


# --- profile -----------------------------------------------------------------------------------

def create_profile(provider: Provider, paths: AppPaths) -> QWebEngineProfile:
    """A named, on-disk profile for one provider, so its login survives a restart.

    One per provider keeps one provider's cookies away from the other's. The caller owns it and
    must delete it after every page that uses it (see WebmailBrowser.shutdown).
    """
    storage = paths.web / provider.id
    storage.mkdir(parents=True, exist_ok=True)
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
    attrs = QWebEngineSettings.WebAttribute
    web = profile.settings()
    web.setAttribute(attrs.ErrorPageEnabled, False)  # we show our own, friendlier page
    web.setAttribute(attrs.JavascriptCanOpenWindows, True)  # compose windows
    web.setAttribute(attrs.LocalContentCanAccessFileUrls, False)
    web.setAttribute(attrs.LocalContentCanAccessRemoteUrls, False)
    web.setAttribute(attrs.FullScreenSupportEnabled, False)
    web.setAttribute(attrs.PluginsEnabled, False)
    return profile


# --- page --------------------------------------------------------------------------------------

class WebmailPage(QWebEnginePage):
    """A page that stays on the provider's hosts and says so when it cannot reach them."""

    external_url_opened = Signal(QUrl)
    navigation_refused = Signal(QUrl)
    popup_requested = Signal(QWebEngineNewWindowRequest)
    provider_page_loaded = Signal(QUrl)  # loadFinished(True) on the provider's own origin

    def __init__(self, provider: Provider, profile: QWebEngineProfile,
                 parent: QObject | None = None) -> None:
        super().__init__(profile, parent)
        self.provider = provider
        self.failed_url: QUrl | None = None  # set while one of our local pages is shown
        self._local_html_pending = False
        self._certificate_problem = ""
        self._last_external: tuple[str, float] = ("", 0.0)
        self.loadingChanged.connect(self._on_loading_changed)
        self.loadFinished.connect(self._on_load_finished)
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
            log.info("Refused to load %s", _describe(url))
            self.navigation_refused.emit(url)
            return
        super().load(url)

    def acceptNavigationRequest(self, url: QUrl | str, type: QWebEnginePage.NavigationType,
                                isMainFrame: bool) -> bool:
        url = QUrl(url)
        if (isMainFrame and self._local_html_pending and url.scheme() == "data"
                and type == QWebEnginePage.NavigationType.NavigationTypeTyped):
            self._local_html_pending = False  # our own setHtml; page-made data: stays refused
            return True
        decision = navigation_decision(url.toString(), self.provider, main_frame=isMainFrame)
        if decision is Navigation.ALLOW:
            if isMainFrame:
                self.failed_url = None
            return True
        log.info("Webmail navigation to %s: %s", _describe(url), decision.value)
        if decision is Navigation.EXTERNAL:
            self._open_externally(url)
        else:
            self.navigation_refused.emit(url)
        return False

    def _open_externally(self, url: QUrl) -> None:
        # A page that sets location in a loop must not flood the system browser.
        text, when = self._last_external
        now = time.monotonic()
        if text == url.toString() and now - when < 2.0:
            return
        self._last_external = (url.toString(), now)
        QDesktopServices.openUrl(url)
        self.external_url_opened.emit(url)

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

    def javaScriptConsoleMessage(self, level: QWebEnginePage.JavaScriptConsoleMessageLevel,
                                 message: str, lineNumber: int, sourceID: str) -> None:
        # Qt's default logs the provider's console as Qt messages (errors as critical). It is the
        # provider's business and may hold tokens or mail, so only where it came from is noted.
        log.debug("Webmail console %s at %s:%d", level.name, QUrl(sourceID).host(), lineNumber)

    # Errors ------------------------------------------------------------------------------------
    def _on_certificate_error(self, error: QWebEngineCertificateError) -> None:
        # Never accept: a webmail with a bad certificate may be someone else reading the mail.
        self._certificate_problem = error.description()
        log.warning("Certificate error on %s: %s", _describe(error.url()), error.description())
        error.rejectCertificate()

    def _on_loading_changed(self, info: QWebEngineLoadingInfo) -> None:
        if info.status() != QWebEngineLoadingInfo.LoadStatus.LoadFailedStatus:
            return
        if info.errorCode() == _ERR_ABORTED or self._local_html_pending:
            return
        domain = info.errorDomain()
        if domain == QWebEngineLoadingInfo.ErrorDomain.HttpStatusCodeDomain:
            return  # the server's own error page is shown, which says more than we could
        url = QUrl(info.url())
        log.warning("Webmail could not load %s: %s", _describe(url), info.errorString())
        if domain == QWebEngineLoadingInfo.ErrorDomain.CertificateErrorDomain:
            problem = self._certificate_problem or info.errorString()
            QTimer.singleShot(0, lambda: self.show_certificate_page(url, problem))
        else:
            error = info.errorString()
            QTimer.singleShot(0, lambda: self.show_unreachable_page(url, error))

    def _on_load_finished(self, ok: bool) -> None:
        if ok and not self.local_page_shown and is_provider_origin(self.url().toString(),
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
            heading=self.tr("%1 is not reachable right now").replace(
                "%1", html.escape(self.provider.name)),
            text=self.tr("Check your internet connection, then try again. If the problem "
                         "persists, the webmail may be down for maintenance."),
            detail=f"{html.escape(_describe(url))} — {html.escape(error)}",
            button=self.tr("Try again"),
        )

    def show_certificate_page(self, url: QUrl, problem: str) -> None:
        self.failed_url = QUrl(url)
        self._show_local_page(
            title=self.tr("Connection not secure"),
            heading=self.tr("The connection to %1 is not secure").replace(
                "%1", html.escape(url.host())),
            text=self.tr("The site's certificate is not valid, so someone could be reading "
                         "along. The page was not opened. Try again later, or contact your "
                         "provider if this keeps happening."),
            detail=html.escape(problem),
            button=self.tr("Try again"),
        )

    def _show_local_page(self, *, title: str, heading: str, text: str, detail: str,
                         button: str) -> None:
        retry = html.escape(self.retry_url().toString(), quote=True)
        page = f"""<!doctype html><html><head><meta charset="utf-8">
<title>{html.escape(title)}</title>
<style>
 body {{ font-family: sans-serif; background: #f4f6f8; color: #1d2733; margin: 0; }}
 main {{ max-width: 34em; margin: 12vh auto; padding: 2em; background: #fff;
         border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.12); }}
 h1 {{ font-size: 1.3em; margin-top: 0; }}
 p.detail {{ color: #66717d; font-size: .85em; }}
 a.button {{ display: inline-block; padding: .6em 1.4em; background: #0a5fa8; color: #fff;
             border-radius: 4px; text-decoration: none; }}
</style></head><body><main>
<h1>{heading}</h1><p>{html.escape(text)}</p><p class="detail">{detail}</p>
<p><a class="button" id="retry" href="{retry}">{html.escape(button)}</a></p>
</main></body></html>"""
        self._local_html_pending = True
        self.setHtml(page)


# --- downloads ---------------------------------------------------------------------------------

def download_folder(settings: Settings) -> Path:
    chosen = settings.get(keys.WEBMAIL_DOWNLOAD_DIR)
    if chosen:
        return Path(chosen).expanduser()
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
    return Path(location or Path.home() / "Downloads")


class DownloadsBar(QWidget):
    """A row per attachment: name, progress, then 'Open folder' — or why it failed."""

    status_message = Signal(str)
    MAX_ROWS = 4

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._reserved: set[Path] = set()
        self._rows: list[QWidget] = []
        self._downloads: list[QWebEngineDownloadRequest] = []  # keep them referenced
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(6, 2, 6, 2)
        self._layout.setSpacing(2)
        self.hide()

    def start(self, download: QWebEngineDownloadRequest) -> Path | None:
        """Accept `download` into the download folder under a name that overwrites nothing."""
        folder = download_folder(self._settings)
        suggested = download.suggestedFileName() or download.downloadFileName()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            download.cancel()
            self._add_failed_row(suggested, self.tr("Cannot write to %1: %2")
                                 .replace("%1", str(folder)).replace("%2", exc.strerror or ""))
            return None
        target = unique_path(folder, suggested, self._reserved)
        self._reserved.add(target)
        download.setDownloadDirectory(str(folder))
        download.setDownloadFileName(target.name)
        download.accept()
        self._downloads.append(download)
        self._add_row(download, target)
        log.info("Download started into %s", folder)
        return target

    def cancel_running(self) -> None:
        for download in list(self._downloads):
            if shiboken6.isValid(download) and not download.isFinished():
                download.cancel()

    def _new_row(self) -> tuple[QWidget, QHBoxLayout]:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self._rows.append(row)
        self._layout.addWidget(row)
        while len(self._rows) > self.MAX_ROWS:
            old = self._rows.pop(0)
            old.deleteLater()
        self.show()
        return row, layout

    def _dismiss_button(self, row: QWidget, layout: QHBoxLayout) -> None:
        close = QPushButton("×", row)
        close.setFlat(True)
        close.setToolTip(self.tr("Hide"))
        close.setFixedWidth(28)
        close.clicked.connect(lambda: self._remove_row(row))
        layout.addWidget(close)

    def _remove_row(self, row: QWidget) -> None:
        if row in self._rows:
            self._rows.remove(row)
        row.deleteLater()
        if not self._rows:
            self.hide()

    def _add_failed_row(self, name: str, reason: str) -> None:
        row, layout = self._new_row()
        label = QLabel(self.tr("Download of %1 failed: %2").replace("%1", name)
                       .replace("%2", reason), row)
        label.setObjectName("downloadLabel")
        layout.addWidget(label, 1)
        self._dismiss_button(row, layout)
        self.status_message.emit(label.text())

    def _add_row(self, download: QWebEngineDownloadRequest, target: Path) -> None:
        row, layout = self._new_row()
        row.setProperty("downloadPath", str(target))
        label = QLabel(self.tr("Downloading %1…").replace("%1", target.name), row)
        label.setObjectName("downloadLabel")
        progress = QProgressBar(row)
        progress.setMaximumWidth(180)
        progress.setMaximumHeight(14)
        progress.setTextVisible(False)
        progress.setRange(0, 0)  # busy until the size is known
        open_folder = QPushButton(self.tr("Open folder"), row)
        open_folder.setObjectName("openFolder")
        open_folder.hide()
        open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(target.parent))))
        layout.addWidget(label, 1)
        layout.addWidget(progress)
        layout.addWidget(open_folder)
        self._dismiss_button(row, layout)

        def on_progress() -> None:
            total = download.totalBytes()
            if total > 0:
                progress.setRange(0, 1000)
                progress.setValue(int(1000 * download.receivedBytes() / total))

        def on_state(state: QWebEngineDownloadRequest.DownloadState) -> None:
            states = QWebEngineDownloadRequest.DownloadState
            if state == states.DownloadInProgress:
                return
            self._reserved.discard(target)
            if download in self._downloads:
                self._downloads.remove(download)
            if not shiboken6.isValid(row):
                return
            progress.hide()
            if state == states.DownloadCompleted:
                label.setText(self.tr("Downloaded %1").replace("%1", target.name))
                open_folder.show()
            elif state == states.DownloadCancelled:
                label.setText(self.tr("Download of %1 cancelled").replace("%1", target.name))
            else:
                label.setText(self.tr("Download of %1 failed: %2").replace("%1", target.name)
                              .replace("%2", download.interruptReasonString()))
                log.warning("Download failed: %s", download.interruptReasonString())
            self.status_message.emit(label.text())

        download.receivedBytesChanged.connect(on_progress)
        download.totalBytesChanged.connect(on_progress)
        download.stateChanged.connect(on_state)


# --- the browser widget ------------------------------------------------------------------------

def _json_map(settings: Settings, key: keys.Key[str]) -> dict[str, object]:
    try:
        value = json.loads(settings.get(key))
    except ValueError:
        log.warning("Setting %s is not valid JSON; starting it over", key.name)
        return {}
    return value if isinstance(value, dict) else {}


def _set_json_map_entry(settings: Settings, key: keys.Key[str], name: str, value: object) -> None:
    mapping = _json_map(settings, key)
    mapping[name] = value
    settings.set(key, json.dumps(mapping, sort_keys=True))


class WebmailBrowser(QWidget):
    """Toolbar + view for one provider. Owns its profile; call shutdown() before deleting."""

    title_changed = Signal(str)
    status_message = Signal(str)
    web_notification = Signal(str, str)  # title, body — the tray issue shows it
    load_finished = Signal(bool)

    def __init__(self, provider: Provider, settings: Settings, paths: AppPaths,
                 parent: QWidget | None = None, *, load_home: bool = True) -> None:
        super().__init__(parent)
        self.provider = provider
        self._settings = settings
        self._hooks: list[ProviderPageHook] = []
        self._popups: list[QWebEngineView] = []
        self._asking_permission = False

        self.profile: QWebEngineProfile = create_profile(provider, paths)
        self.profile.setNotificationPresenter(self._present_notification)
        self.profile.downloadRequested.connect(self._on_download_requested)
        self.view = QWebEngineView(self)
        self.page = self._new_page(self.view)
        self.view.setPage(self.page)
        self._zoom = self._saved_zoom()
        self.view.setZoomFactor(self._zoom)
        self.progress = QProgressBar(self)
        self.progress.setMaximumHeight(3)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.page.titleChanged.connect(self.title_changed)
        self.page.loadStarted.connect(self._on_load_started)
        self.page.loadProgress.connect(self._on_load_progress)
        self.page.provider_page_loaded.connect(self._run_hooks)
        if load_home:
            # Chromium fetches and renders in its own processes: start it before building the
            # toolbar so the two overlap (the benchmark's open-to-loaded time).
            self.home()

        self.downloads = DownloadsBar(settings, self)
        self.downloads.status_message.connect(self.status_message)
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._build_actions()
        # These touch the toolbar's actions, so they are connected once it exists.
        self.page.loadFinished.connect(self._on_load_finished)
        self.page.urlChanged.connect(self._update_actions)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.progress)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.downloads)
        self.setFocusProxy(self.view)
        self._apply_zoom()

    # Construction ------------------------------------------------------------------------------
    def _new_page(self, view: QWebEngineView) -> WebmailPage:
        # The view is the page's parent so deleting a view always takes its page first, before
        # the profile (Qt warns, and may crash, when a profile outlives a page the other way).
        page = WebmailPage(self.provider, self.profile, view)
        page.external_url_opened.connect(
            lambda url: self.status_message.emit(
                self.tr("Opened %1 in your browser").replace("%1", _describe(url))))
        page.navigation_refused.connect(
            lambda url: self.status_message.emit(
                self.tr("Blocked an unsafe link (%1)").replace("%1", _describe(url))))
        page.popup_requested.connect(self._open_popup)
        page.permissionRequested.connect(self._on_permission_requested)
        return page

    def _build_actions(self) -> None:
        icons = QIcon.ThemeIcon

        def action(text: str, icon: QIcon.ThemeIcon | str | None, slot: Callable[[], object],
                   shortcuts: list[QKeySequence] | None = None, name: str = "") -> QAction:
            act = QAction(text, self)
            if icon is not None:
                # The desktop theme's icon; Qt maps these to native ones on Windows and macOS.
                act.setIcon(QIcon.fromTheme(icon))
            act.setObjectName(name)
            act.triggered.connect(slot)
            if shortcuts:
                # A platform's standard key may equal one we add (Ctrl++); the same sequence
                # twice makes the shortcut ambiguous, and then Qt triggers neither.
                unique = {seq.toString(): seq for seq in shortcuts if not seq.isEmpty()}
                act.setShortcuts(list(unique.values()))
                # Only while webmail has focus, so the news tab keeps its own keys.
                act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(act)
            return act

        seq = QKeySequence
        self.back_action = action(self.tr("Back"), icons.GoPrevious,
                                  self.view.back, [seq(seq.StandardKey.Back)], "back")
        self.forward_action = action(self.tr("Forward"), icons.GoNext,
                                     self.view.forward, [seq(seq.StandardKey.Forward)], "forward")
        self.reload_action = action(self.tr("Reload"), icons.ViewRefresh,
                                    self.reload, [seq(seq.StandardKey.Refresh)], "reload")
        self.home_action = action(self.tr("Home"), icons.GoHome,
                                  self.home, None, "home")
        self.open_external_action = action(
            self.tr("Open in browser"), "internet-web-browser",
            self.open_in_browser, None, "openInBrowser")
        self.zoom_out_action = action("−", None, self.zoom_out,
                                      [seq(seq.StandardKey.ZoomOut), seq("Ctrl+-")], "zoomOut")
        self.zoom_out_action.setToolTip(self.tr("Zoom out (Ctrl+minus)"))
        self.zoom_reset_action = action("100%", None, self.zoom_reset, [seq("Ctrl+0")], "zoomReset")
        self.zoom_reset_action.setToolTip(self.tr("Reset zoom (Ctrl+0)"))
        self.zoom_in_action = action("+", None, self.zoom_in,
                                     [seq(seq.StandardKey.ZoomIn), seq("Ctrl+="), seq("Ctrl++")],
                                     "zoomIn")
        self.zoom_in_action.setToolTip(self.tr("Zoom in (Ctrl+plus)"))
        for act in (self.back_action, self.forward_action, self.reload_action, self.home_action):
            self.toolbar.addAction(act)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.open_external_action)
        spacer = QWidget(self.toolbar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        for act in (self.zoom_out_action, self.zoom_reset_action, self.zoom_in_action):
            self.toolbar.addAction(act)
        # Nothing to go back to yet; asking the history now would wait on the page (~20 ms).
        self.back_action.setEnabled(False)
        self.forward_action.setEnabled(False)

    # Navigation --------------------------------------------------------------------------------
    def home(self) -> None:
        self.page.load(QUrl(self.provider.start_url))

    def reload(self) -> None:
        if self.page.local_page_shown:
            self.page.load(self.page.retry_url())  # reloading our local page would show it again
        else:
            self.view.reload()

    def current_provider_url(self) -> QUrl:
        """The provider address the user is looking at (what 'Open in browser' opens)."""
        if self.page.local_page_shown:
            return self.page.retry_url()
        url = self.page.url()
        if is_provider_origin(url.toString(), self.provider):
            return url
        return QUrl(self.provider.start_url)

    def open_in_browser(self) -> None:
        # The escape hatch for sign-ins that refuse embedded browsers (Google, Microsoft).
        QDesktopServices.openUrl(self.current_provider_url())

    def add_provider_page_hook(self, hook: ProviderPageHook) -> None:
        """Call `hook(page, url)` after each successful load of a page on the provider's own
        origin (https or loopback). Issue 5 fills the login form from here."""
        self._hooks.append(hook)

    def _run_hooks(self, url: QUrl) -> None:
        for hook in list(self._hooks):
            try:
                hook(self.page, url)
            except Exception:  # a broken hook must not break the browser
                log.exception("Webmail page hook failed")

    def _update_actions(self, *_args: object) -> None:
        history = self.page.history()
        self.back_action.setEnabled(history.canGoBack())
        self.forward_action.setEnabled(history.canGoForward())

    def _on_load_started(self) -> None:
        self.progress.setValue(0)
        self.progress.show()

    def _on_load_progress(self, percent: int) -> None:
        self.progress.setValue(percent)

    def _on_load_finished(self, ok: bool) -> None:
        self.progress.hide()
        self._update_actions()
        # Chromium may reset zoom when the host changes; the user's choice is per provider.
        if abs(self.view.zoomFactor() - self._zoom) > 0.001:
            self.view.setZoomFactor(self._zoom)
        self.load_finished.emit(ok)

    # Zoom --------------------------------------------------------------------------------------
    def _saved_zoom(self) -> float:
        raw = _json_map(self._settings, keys.WEBMAIL_ZOOM).get(self.provider.id, 1.0)
        zoom = float(raw) if isinstance(raw, int | float) else 1.0
        return min(max(zoom, ZOOM_STEPS[0]), ZOOM_STEPS[-1])

    def _apply_zoom(self) -> None:
        self._zoom = self._saved_zoom()
        self.view.setZoomFactor(self._zoom)
        self.zoom_reset_action.setText(f"{round(self._zoom * 100)}%")

    def set_zoom(self, factor: float) -> None:
        factor = min(max(factor, ZOOM_STEPS[0]), ZOOM_STEPS[-1])
        _set_json_map_entry(self._settings, keys.WEBMAIL_ZOOM, self.provider.id, round(factor, 2))
        self._apply_zoom()

    def zoom_in(self) -> None:
        self.set_zoom(next((z for z in ZOOM_STEPS if z > self._zoom + 0.001), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        self.set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < self._zoom - 0.001),
                           ZOOM_STEPS[0]))

    def zoom_reset(self) -> None:
        self.set_zoom(1.0)

    @property
    def zoom(self) -> float:
        return self._zoom

    # Pop-ups -----------------------------------------------------------------------------------
    def _open_popup(self, request: QWebEngineNewWindowRequest) -> None:
        """The provider's own pop-ups (compose windows) in a small window of ours."""
        view = QWebEngineView()
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        page = self._new_page(view)
        view.setPage(page)
        page.titleChanged.connect(view.setWindowTitle)
        page.windowCloseRequested.connect(view.close)
        page.setZoomFactor(self._zoom)
        view.destroyed.connect(lambda *_: self._forget_popup(view))
        geometry = request.requestedGeometry()
        view.resize(max(geometry.width(), 640) if geometry.isValid() else 800,
                    max(geometry.height(), 480) if geometry.isValid() else 600)
        self._popups.append(view)
        request.openIn(page)
        view.show()

    def _forget_popup(self, view: QWebEngineView) -> None:
        if view in self._popups:
            self._popups.remove(view)

    @property
    def popups(self) -> list[QWebEngineView]:
        return list(self._popups)

    # Downloads ---------------------------------------------------------------------------------
    def _on_download_requested(self, download: QWebEngineDownloadRequest) -> None:
        self.downloads.start(download)

    # Notifications -----------------------------------------------------------------------------
    def _notification_choice(self) -> str:
        value = _json_map(self._settings, keys.WEBMAIL_NOTIFICATIONS).get(self.provider.id)
        return value if value in ("granted", "denied") else ""

    def _on_permission_requested(self, permission: QWebEnginePermission) -> None:
        kind = permission.permissionType()
        own_origin = is_provider_origin(permission.origin().toString(), self.provider)
        if kind != QWebEnginePermission.PermissionType.Notifications or not own_origin:
            permission.deny()  # camera, location, …: a webmail does not need them
            return
        choice = self._notification_choice()
        if choice == "granted":
            permission.grant()
        elif choice == "denied" or self._asking_permission:
            permission.deny()
        else:
            self._ask_notification_permission(permission)

    def _ask_notification_permission(self, permission: QWebEnginePermission) -> None:
        from PySide6.QtWidgets import QMessageBox  # rarely needed; kept off the first-open path

        self._asking_permission = True
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Webmail notifications"),
                          self.tr("%1 wants to notify you of new mail. Allow this?")
                          .replace("%1", self.provider.name),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("notificationPermission")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(button: int) -> None:
            self._asking_permission = False
            granted = button == QMessageBox.StandardButton.Yes
            _set_json_map_entry(self._settings, keys.WEBMAIL_NOTIFICATIONS, self.provider.id,
                                "granted" if granted else "denied")
            if permission.isValid():
                if granted:
                    permission.grant()
                else:
                    permission.deny()

        box.finished.connect(answered)
        box.open()  # not exec(): the window stays responsive while the user decides

    def _present_notification(self, notification: QWebEngineNotification) -> None:
        if not is_provider_origin(notification.origin().toString(), self.provider):
            return
        self.web_notification.emit(notification.title(), notification.message())
        notification.show()

    # Unloading ---------------------------------------------------------------------------------
    def set_discarded(self, discarded: bool) -> None:
        """Free the page's memory while hidden (Chromium's discard); it reloads when shown."""
        states = QWebEnginePage.LifecycleState
        if discarded and self.page.lifecycleState() != states.Discarded:
            if not self.page.isVisible():
                self.page.setLifecycleState(states.Discarded)
        elif not discarded and self.page.lifecycleState() != states.Active:
            self.page.setLifecycleState(states.Active)

    # Shutdown ----------------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Delete pages, then the profile, now, so Chromium writes the cookies and Qt does not
        warn that a profile was released while a page still used it."""
        if not shiboken6.isValid(self.profile):
            return
        self.profile.downloadRequested.disconnect(self._on_download_requested)
        for popup in list(self._popups):
            self._popups.remove(popup)
            if shiboken6.isValid(popup):
                shiboken6.delete(popup)  # its page is its child
        self.downloads.cancel_running()
        if shiboken6.isValid(self.view):
            shiboken6.delete(self.view)  # takes self.page with it
        shiboken6.delete(self.profile)
