"""Desktop notifications behind one small interface, `Notifier`.

On Linux `FreedesktopNotifier` speaks org.freedesktop.Notifications itself (through jeepney:
QtDBus from PySide6 fails on that interface's argument types), so a bubble carries our name,
icon and desktop entry, can be clicked, and a new round updates the one bubble of its kind
instead of stacking. Windows, macOS and Linux without a notification server use the tray's
messages instead (ui/tray/balloon.py: this package has no widgets).

The GUI thread never waits on D-Bus: `notify()` queues the call for a worker thread and returns
a Future of the bubble's id (None when it failed). Every D-Bus failure is a log line, never an
exception. Clicks and closes come back as callbacks through `post`, which the caller gives to
run them on the thread it wants (the GUI thread, typically).
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, Protocol

from ..assets import resource_path
from .freedesktop import (
    CLOSE_REASONS,
    ServerTraits,
    close_message,
    match_rules,
    notify_message,
    traits_message,
)

# Re-exported: what callers need besides the notifier itself.
from .freedesktop import DEFAULT as DEFAULT
from .freedesktop import OPEN as OPEN
from .freedesktop import PAUSE as PAUSE
from .freedesktop import available as available

log = logging.getLogger(__name__)

# Kinds: one bubble each, so breaking news replaces breaking news and mail replaces mail.
NEWS = "news"
MAIL = "mail"
WEB = "web"  # the webmail page's own notifications
HINT = "hint"  # "ZeelandNet keeps running" and the like

MAIL_CATEGORY = "email.arrived"  # the freedesktop category, for servers that sort by it
ICON_FILE = "zeelandnet-desktop.png"


@dataclass(frozen=True)
class Announcement:
    kind: str  # NEWS, MAIL, ...: a new one replaces the shown one of the same kind
    key: str  # handed back to on_activated / on_closed (news.announce: what a click opens)
    summary: str  # plain text
    body: str  # plain text
    markup: str | None = None  # the body as freedesktop markup, sent where the server parses it
    pausable: bool = True  # offer "Pause for an hour" where the server shows actions
    category: str | None = None  # the freedesktop category hint ("email.arrived")
    timeout_ms: int = -1  # -1: the server's (and so the user's) own setting


Activated = Callable[[str, str], None]  # (key, action): action is "default" or "open"
Closed = Callable[[str, str], None]  # (key, reason): "expired", "dismissed", "closed", ...
Paused = Callable[[str], None]  # (key) of the bubble whose "pause" button was used
Post = Callable[[Callable[[], None]], None]


def call_now(function: Callable[[], None]) -> None:
    function()


def resolved(value: int | None) -> Future[int | None]:
    future: Future[int | None] = Future()
    future.set_result(value)
    return future


class Notifier(Protocol):
    def notify(self, announcement: Announcement) -> Future[int | None]:
        """Show it (or update the shown one of its kind); the Future gives the bubble's id,
        or None when it could not be shown. Never raises."""

    def dismiss(self, kind: str) -> None:
        """Take back the shown bubble of this kind, if the platform can."""

    def close(self) -> None:
        """At shut-down: take back what is shown, stop listening; later calls do nothing."""


@dataclass
class _Notify:
    announcement: Announcement
    future: Future[int | None]


@dataclass
class _Dismiss:
    kind: str


_STOP = object()


class FreedesktopNotifier:
    """org.freedesktop.Notifications on the session bus, from one worker thread.

    The worker owns the connection: it sends Notify and CloseNotification, and the same
    connection receives ActionInvoked and NotificationClosed (some servers send those only to
    the connection that asked, so one connection for both is needed).
    """

    def __init__(self, *, on_activated: Activated, on_closed: Closed,
                 on_pause: Paused | None = None, post: Post = call_now,
                 translate: Callable[[str], str] = lambda text: text,
                 icon: str | None = None, bus: str = "SESSION",
                 reply_timeout: float = 3.0) -> None:
        self._on_activated = on_activated
        self._on_closed = on_closed
        self._on_pause = on_pause
        self._post = post
        self._translate = translate
        # A PNG path: every notification server reads one (not all read SVG).
        self._icon = str(resource_path("icons", ICON_FILE)) if icon is None else icon
        self._bus = bus
        self._reply_timeout = reply_timeout
        self._inbox: queue.Queue[Any] = queue.Queue()
        self._closed = False
        self._lock = threading.Lock()  # nothing is queued behind the stop, so all is answered
        # Worker-thread state: the server's traits, the shown id per kind, (kind, key) per id.
        self._traits: ServerTraits | None = None
        self._shown: dict[str, int] = {}
        self._keys: dict[int, tuple[str, str]] = {}
        self._thread = threading.Thread(target=self._run, name="notifications", daemon=True)
        self._thread.start()

    # --- the caller's side (any thread) -----------------------------------------------------

    def notify(self, announcement: Announcement) -> Future[int | None]:
        future: Future[int | None] = Future()
        with self._lock:
            if not self._closed:
                self._inbox.put(_Notify(announcement, future))
                return future
        log.info("Notification (%s) not shown: shutting down", announcement.kind)
        future.set_result(None)
        return future

    def dismiss(self, kind: str) -> None:
        with self._lock:
            if not self._closed:
                self._inbox.put(_Dismiss(kind))

    def close(self, timeout: float = 0.5) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._inbox.put(_STOP)
        self._thread.join(timeout)
        if self._thread.is_alive():
            log.warning("Notifications: the worker did not stop within %.1f s", timeout)

    # --- the worker -----------------------------------------------------------------------------

    def _run(self) -> None:
        try:
            from jeepney.bus_messages import message_bus
            from jeepney.io.threading import DBusRouter, open_dbus_connection

            connection = open_dbus_connection(self._bus, auth_timeout=self._reply_timeout)
        except Exception as error:  # no jeepney, no bus, refused: nothing can be shown
            log.warning("Notifications: no session bus (%s)", type(error).__name__)
            self._serve_broken()
            return
        router = DBusRouter(connection)
        try:
            for bus_rule, local_rule in match_rules():
                router.filter(local_rule, queue=self._inbox)
                try:
                    router.send_and_get_reply(message_bus.AddMatch(bus_rule),
                                              timeout=self._reply_timeout)
                except Exception as error:
                    log.warning("Notifications: cannot listen for clicks (%s)",
                                type(error).__name__)
            self._serve(router)
        finally:
            router.close()
            connection.close()

    def _serve_broken(self) -> None:
        while (item := self._inbox.get()) is not _STOP:
            if isinstance(item, _Notify):
                item.future.set_result(None)

    def _serve(self, router: Any) -> None:
        from jeepney import Message

        while (item := self._inbox.get()) is not _STOP:
            try:
                if isinstance(item, _Notify):
                    item.future.set_result(self._send(router, item.announcement))
                elif isinstance(item, _Dismiss):
                    shown = self._shown.pop(item.kind, None)
                    if shown is not None:
                        self._send_close(router, shown)
                elif isinstance(item, Message):
                    self._on_signal(router, item)
            except Exception:  # a bug here must not end the worker
                log.exception("Notifications: unexpected failure")
                if isinstance(item, _Notify) and not item.future.done():
                    item.future.set_result(None)
        for shown in self._shown.values():  # a bubble left behind would click into nothing
            self._send_close(router, shown)
        while not self._inbox.empty():
            item = self._inbox.get_nowait()
            if isinstance(item, _Notify):
                item.future.set_result(None)

    def _server_traits(self, router: Any) -> ServerTraits:
        if self._traits is None:
            try:
                reply = router.send_and_get_reply(traits_message(), timeout=self._reply_timeout)
                self._traits = ServerTraits.from_reply(reply)
            except Exception as error:
                log.warning("Notifications: no capabilities (%s)", type(error).__name__)
                return ServerTraits()  # plain text, no extra buttons; ask again next time
            log.info("Notification server: %s", self._traits)
        return self._traits

    def _send(self, router: Any, announcement: Announcement) -> int | None:
        from jeepney.wrappers import unwrap_msg

        replaces = self._shown.get(announcement.kind, 0)
        message = notify_message(
            announcement, replaces_id=replaces, traits=self._server_traits(router),
            icon=self._icon, translate=self._translate,
            pause_offered=self._on_pause is not None)
        try:
            (notification_id,) = unwrap_msg(
                router.send_and_get_reply(message, timeout=self._reply_timeout))
        except Exception as error:
            log.warning("Notification (%s) not shown: %s", announcement.kind,
                        type(error).__name__)
            return None
        if replaces and notification_id != replaces:
            self._keys.pop(replaces, None)  # the server made a new one: the old id is dead
        self._shown[announcement.kind] = notification_id
        self._keys[notification_id] = (announcement.kind, announcement.key)
        log.info("Notification (%s) shown as %d%s", announcement.kind, notification_id,
                 f", replacing {replaces}" if replaces else "")
        return int(notification_id)

    def _send_close(self, router: Any, notification_id: int) -> None:
        try:  # no reply awaited: NotificationClosed tells
            router.send(close_message(notification_id))
        except Exception as error:
            log.warning("Notifications: cannot close %d (%s)", notification_id,
                        type(error).__name__)

    def _on_signal(self, router: Any, message: Any) -> None:
        from jeepney import HeaderFields

        member = message.header.fields.get(HeaderFields.member)
        if member == "NameOwnerChanged":
            self._on_new_server()
            return
        if member not in ("ActionInvoked", "NotificationClosed"):
            return
        notification_id, detail = message.body
        if notification_id not in self._keys:
            return  # another program's bubble
        if member == "ActionInvoked":
            kind, key = self._keys[notification_id]
            if detail == PAUSE and self._on_pause is not None:
                self._hand_over(self._on_pause, key)
            else:
                self._hand_over(self._on_activated, key, str(detail))
            # The spec has the server close a bubble once used; not all do (dunst's own
            # `dunstctl action` leaves it up), and a used bubble has done its job.
            if self._shown.get(kind) == notification_id:
                del self._shown[kind]
            self._send_close(router, notification_id)
            return
        kind, key = self._keys.pop(notification_id)
        if self._shown.get(kind) == notification_id:
            del self._shown[kind]
        self._hand_over(self._on_closed, key, CLOSE_REASONS.get(int(detail), "undefined"))

    def _on_new_server(self) -> None:
        # The server went away or another took over: its bubbles and ids are gone, and the
        # new one may speak differently.
        self._traits = None
        self._shown.clear()
        gone, self._keys = self._keys, {}
        for _kind, key in gone.values():
            self._hand_over(self._on_closed, key, "undefined")

    def _hand_over(self, callback: Callable[..., None], *args: str) -> None:
        def run() -> None:
            try:
                callback(*args)
            except Exception:
                log.exception("Notifications: a click or close handler failed")

        try:
            self._post(run)
        except Exception:
            log.exception("Notifications: cannot hand a click or close over")
