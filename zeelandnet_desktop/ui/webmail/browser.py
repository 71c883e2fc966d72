"""The embedded webmail browser widget: the view with its toolbar, zoom, load progress, the
provider's pop-ups, notification permission and unloading. The page and its persistent profile
live in webmail_page, attachments in downloads_bar.

Importing this module imports QtWebEngine, so only webmail_tab imports it, and only when the user
first opens webmail (DESIGN.md: start-up is cheap).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEnginePermission,
    QWebEngineProfile,
    QWebEngineSettings,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QProgressBar, QVBoxLayout, QWidget

from ... import i18n
from ... import settings as keys
from ...mail.login_form import origin_of
from ...mail.providers import Provider, is_provider_origin
from ...settings import Settings
from ..palette import is_dark
from .guard import SignInGuard
from .page import (
    ProviderPageHook,
    WebmailPage,
    create_profile,
    describe_url,
    tell_chromium_accessibility_is_on,
)

if TYPE_CHECKING:
    from PySide6.QtWebEngineCore import (
        QWebEngineDownloadRequest,
        QWebEngineNewWindowRequest,
        QWebEngineNotification,
    )

    from .downloads_bar import DownloadsBar, PlaceDownload
    from .find_bar import FindBar

log = logging.getLogger(__name__)


class WebmailBrowser(QWidget):
    """Toolbar + view for one provider. Owns its profile; call shutdown() before deleting."""

    title_changed = Signal(str)
    status_message = Signal(str)
    web_notification = Signal(str, str)  # title, body — the tray shows it
    load_finished = Signal(bool)

    def __init__(self, provider: Provider, settings: Settings, storage: Path,
                 place_download: PlaceDownload, parent: QWidget | None = None, *,
                 load_home: bool = True) -> None:
        """`storage`: the folder of the provider's persistent web profile; `place_download`:
        where an attachment goes (see DownloadsBar)."""
        super().__init__(parent)
        self.provider = provider
        self._settings = settings
        self._hooks: list[ProviderPageHook] = []
        self._place_download = place_download
        self._downloads: DownloadsBar | None = None  # made at the first download
        self._find_bar: FindBar | None = None  # made at the first Ctrl+F
        self._popups: list[QWebEngineView] = []
        self._asking_permission = False

        self.profile: QWebEngineProfile = create_profile(provider, storage,
                                                         i18n.current_language())
        self.profile.setNotificationPresenter(self._present_notification)
        self._apply_notification_choice()
        self.profile.downloadRequested.connect(self._on_download_requested)
        # One guard for the profile's pages: our filled password goes nowhere but the provider.
        self.guard = SignInGuard(self)
        self.profile.setUrlRequestInterceptor(self.guard)
        # Made without a parent and put in place below, after the toolbar: the order widgets
        # are placed in is the order Tab takes (the toolbar first, then into the page).
        self.view = QWebEngineView()
        self.page = self._new_page(self.view)
        self.guard.blocked.connect(self.page.sign_in_blocked)
        self.guard.blocked.connect(lambda origin: self.status_message.emit(
            self.tr("Signing in was stopped: the page tried to send your password to %1")
            .replace("%1", origin)))
        self.view.setPage(self.page)
        self._zoom = settings.get(keys.TEXT_SIZE) / 100  # before the page lays out
        self.view.setZoomFactor(self._zoom)
        settings.changed.connect(self._on_setting_changed)
        self._follow_scheme()
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
        tell_chromium_accessibility_is_on()  # QtWebEngine listens now (see there)

        # What the first page does not need is imported only now, while Chromium starts its
        # page process and fetches (each Qt class PySide meets first costs it its enums).
        from ..text_size import TextSize
        from .printing import Printing
        from .toolbar import BrowserToolbar

        self._text = TextSize(settings, self)
        self.printing = Printing(self.view, self)
        self.printing.status_message.connect(self.status_message)
        self.toolbar = BrowserToolbar(
            self, back=self.view.back, forward=self.view.forward, reload=self.reload,
            home=self.home, open_external=self.open_in_browser, smaller=self._text.smaller,
            normal=self._text.normal, bigger=self._text.bigger)
        self.back_action = self.toolbar.back_action
        self.forward_action = self.toolbar.forward_action
        self.reload_action = self.toolbar.reload_action
        self.home_action = self.toolbar.home_action
        self.open_external_action = self.toolbar.open_external_action
        self.zoom_out_action = self.toolbar.zoom_out_action
        self.zoom_reset_action = self.toolbar.zoom_reset_action
        self.zoom_in_action = self.toolbar.zoom_in_action
        # These touch the toolbar's actions, so they are connected once it exists.
        self.page.loadFinished.connect(self._on_load_finished)
        self.page.urlChanged.connect(self._update_actions)

        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.progress)
        layout.addWidget(self.view, 1)  # then the find bar, then the downloads, once made
        self.toolbar.tab_into(self.view)
        # No focus proxy to the view: Qt's Tab would then go from the tab bar straight into
        # the page (a widget with a proxy is tabbed into as its proxy), never to the toolbar.
        self._apply_zoom()

    # Construction ------------------------------------------------------------------------------
    @property
    def find_bar(self) -> FindBar:
        """The find bar under the page, made when first asked for: most opens never need it."""
        if self._find_bar is None:
            from .find_bar import FindBar

            self._find_bar = FindBar(self.page, self, back_to=self.view)
            self._layout.insertWidget(self._layout.indexOf(self.view) + 1, self._find_bar)
        return self._find_bar

    @property
    def downloads(self) -> DownloadsBar:
        """The attachments' bar at the bottom, made at the first download."""
        if self._downloads is None:
            from .downloads_bar import DownloadsBar

            self._downloads = DownloadsBar(self._place_download, self)
            self._downloads.status_message.connect(self.status_message)
            self._layout.addWidget(self._downloads)
        return self._downloads

    def _new_page(self, view: QWebEngineView) -> WebmailPage:
        # The view is the page's parent so deleting a view always takes its page first, before
        # the profile (Qt warns, and may crash, when a profile outlives a page the other way).
        page = WebmailPage(self.provider, self.profile, view)
        page.guard = self.guard
        page.external_url_failed.connect(
            lambda url: self.status_message.emit(
                self.tr("No web browser could be opened for %1").replace("%1",
                                                                     describe_url(url))))
        page.external_url_opened.connect(
            lambda url: self.status_message.emit(
                self.tr("Opened %1 in your browser").replace("%1", describe_url(url))))
        page.navigation_refused.connect(
            lambda url: self.status_message.emit(
                self.tr("Blocked an unsafe link (%1)").replace("%1", describe_url(url))))
        page.popup_requested.connect(self._open_popup)
        page.permissionRequested.connect(self._on_permission_requested)
        return page

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
        origin (https or loopback). Sign-in fills the login form from here."""
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
        self.toolbar.make_reachable()  # the page's own widget exists now
        self._update_actions()
        # Chromium may reset zoom when the host changes; the text size is the user's.
        if abs(self.view.zoomFactor() - self._zoom) > 0.001:
            self.view.setZoomFactor(self._zoom)
        self.load_finished.emit(ok)

    # Text size (the app's one setting) and colours -------------------------------------------
    def _apply_zoom(self) -> None:
        self._zoom = self._text.percent / 100
        self.view.setZoomFactor(self._zoom)
        for popup in self._popups:
            popup.setZoomFactor(self._zoom)
        self.zoom_reset_action.setText(f"{self._text.percent}%")

    def set_zoom(self, factor: float) -> None:
        self._text.set(round(factor * 100))

    def zoom_in(self) -> None:
        self._text.bigger()

    def zoom_out(self) -> None:
        self._text.smaller()

    def zoom_reset(self) -> None:
        self._text.normal()

    @property
    def zoom(self) -> float:
        return self._zoom

    def _on_setting_changed(self, name: str) -> None:
        if name == keys.TEXT_SIZE.name:
            self._apply_zoom()
        elif name == keys.WEBMAIL_NOTIFICATIONS.name:
            self._apply_notification_choice()

    def _follow_scheme(self) -> None:
        """The page's background (seen while a page loads) and our own local pages in the
        palette's colours; a provider's page that has no dark look of its own is darkened by
        Chromium when the app is dark."""
        palette = self.palette()
        self.page.setBackgroundColor(palette.color(QPalette.ColorRole.Base))
        self.profile.settings().setAttribute(QWebEngineSettings.WebAttribute.ForceDarkMode,
                                             is_dark(palette))
        self.page.restyle()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._follow_scheme()

    # Pop-ups -----------------------------------------------------------------------------------
    def _open_popup(self, request: QWebEngineNewWindowRequest) -> None:
        """The provider's own pop-ups (compose windows) in a small window of ours."""
        from .printing import Printing  # imported by the time a page opens a pop-up

        view = QWebEngineView()
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        page = self._new_page(view)
        view.setPage(page)
        page.titleChanged.connect(view.setWindowTitle)
        page.windowCloseRequested.connect(view.close)
        page.setZoomFactor(self._zoom)
        # Roundcube prints a message from a window of its own that calls window.print().
        printing = Printing(view, view)
        printing.status_message.connect(self.status_message)
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
        value = self._settings.get_map(keys.WEBMAIL_NOTIFICATIONS).get(self.provider.id)
        return value if value in ("granted", "denied") else ""

    def _apply_notification_choice(self) -> None:
        """The user's answer lives in our settings and Chromium's profile asks every time; so
        it is put on the profile for the provider's origin before the page asks. A page in a
        hidden window (the app in the tray) gets no permission question until it is shown:
        without this, its own new-mail notification never came while the app sat there."""
        choice = self._notification_choice()
        origin = origin_of(self.provider.start_url)
        if not choice or not origin:
            return
        permission = self.profile.queryPermission(
            QUrl(origin), QWebEnginePermission.PermissionType.Notifications)
        if not permission.isValid():
            return
        if choice == "granted":
            permission.grant()
        else:
            permission.deny()

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
            self._settings.set_map_entry(keys.WEBMAIL_NOTIFICATIONS, self.provider.id,
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
        if self._downloads is not None:
            self._downloads.cancel_running()
        if shiboken6.isValid(self.view):
            shiboken6.delete(self.view)  # takes self.page with it
        shiboken6.delete(self.profile)
