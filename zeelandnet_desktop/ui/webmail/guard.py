"""The last line of defence for a password the app filled in: while our sign-in is under way, no
request may carry it anywhere but the provider's own origin.

The login-form helper already refuses a form that points elsewhere (checked in Python when the
form is found and in the page right before submitting). The page's own script could still change
the form in between, or the provider's answer could redirect the POST (a 307 keeps the body) to
a look-alike. So from our submission until the next provider page has loaded:

- a top-level request whose address holds the password (a GET form) is refused, anywhere;
- the top-level page may not leave the provider's exact origin (scheme, host and port): a
  redirect of our POST elsewhere (a 307 keeps the body) is refused in acceptNavigationRequest,
  and the interceptor blocks any top-level POST elsewhere before it is sent.

Both checks run on the GUI thread (Qt 6 calls the interceptor there), and neither logs an address
beyond its origin. The interceptor is set on the profile when it is made: set later, QtWebEngine
does not call it for pages already open.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtWebEngineCore import (
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)

from ...mail.login_form import carries_secret, origin_of

log = logging.getLogger(__name__)

GUARD_SECONDS = 20.0  # longer than any sign-in takes; ends earlier at the next provider page


class SignInGuard(QWebEngineUrlRequestInterceptor):
    """Set on the provider's web profile; `arm()` when our fill submits, `disarm()` after."""

    blocked = Signal(str)  # the origin a request tried to carry the password to

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._origin = ""
        self._secret = ""
        self._until = 0.0

    def arm(self, origin: str, secret: str) -> None:
        self._origin, self._secret = origin, secret
        self._until = time.monotonic() + GUARD_SECONDS

    def disarm(self) -> None:
        self._origin = self._secret = ""
        self._until = 0.0

    @property
    def armed(self) -> bool:
        if self._until and time.monotonic() > self._until:
            self.disarm()
        return bool(self._until)

    def refuses_navigation(self, url: QUrl | str) -> bool:
        """For acceptNavigationRequest: while our submission is on its way, the top-level page
        stays on the provider's exact origin (a redirect cannot say whether it keeps the POST
        body, so none may leave), and no address may hold the password."""
        if not self.armed:
            return False
        text = QUrl(url).toString()
        if carries_secret(text, self._secret):
            self._say(text, "in an address")
            return True
        if origin_of(text) != self._origin:
            self._say(text, "on its way")
            return True
        return False

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        if not self.armed:
            return
        if info.resourceType() != QWebEngineUrlRequestInfo.ResourceType.ResourceTypeMainFrame:
            return
        url = info.requestUrl().toString()
        method = bytes(info.requestMethod().data()).decode("ascii", "replace").upper()
        if carries_secret(url, self._secret):
            info.block(True)
            self._say(url, "in an address")
        elif method == "POST" and origin_of(url) != self._origin:
            info.block(True)
            self._say(url, "in a form sent")

    def _say(self, url: str, how: str) -> None:
        origin = origin_of(url) or QUrl(url).scheme() + ":"
        log.warning("Blocked a request that would carry the saved password %s to %s", how,
                    origin)
        self.disarm()  # one refusal ends this sign-in; the user decides what next
        self.blocked.emit(origin)
