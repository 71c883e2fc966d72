"""The org.freedesktop.Notifications messages, built as real jeepney messages, and the cheap
check whether a notification server exists on the session bus.

Message building is pure (no connection), so tests inspect exactly what Notify is called with.
jeepney is imported inside the functions: it is a Linux dependency, and this module is imported
on every platform.
"""

from __future__ import annotations

import html
import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import zeelandnet_desktop
from zeelandnet_desktop import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from jeepney import MatchRule, Message

    from .notifications import Announcement

# The one reverse-DNS id of the desktop file and of QGuiApplication.setDesktopFileName (the
# fallback holds until the package defines it).
DESKTOP_ID: str = getattr(zeelandnet_desktop, "DESKTOP_ID", "nl.zeelandnet.desktop")

log = logging.getLogger(__name__)

BUS_NAME = "org.freedesktop.Notifications"
OBJECT_PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
APP_LABEL = "ZeelandNet"  # the name a notification server shows above the bubble
URGENCY_NORMAL = 1

DEFAULT = "default"  # a click on the bubble itself
OPEN = "open"
PAUSE = "pause"
CLOSE_REASONS = {1: "expired", 2: "dismissed", 3: "closed"}  # 4 and others: "undefined"



OPEN_LABEL = QT_TRANSLATE_NOOP("Notifications", "Open")
PAUSE_LABEL = QT_TRANSLATE_NOOP("Notifications", "Pause for an hour")


@dataclass(frozen=True)
class ServerTraits:
    """What the server said it can do (GetCapabilities)."""

    actions: bool = False  # shows buttons
    body_markup: bool = False  # parses <b>, <i>, &amp; in the body

    @classmethod
    def from_capabilities(cls, capabilities: list[str]) -> ServerTraits:
        return cls(actions="actions" in capabilities, body_markup="body-markup" in capabilities)

    @classmethod
    def from_reply(cls, reply: Message) -> ServerTraits:
        from jeepney.wrappers import unwrap_msg

        (capabilities,) = unwrap_msg(reply)
        return cls.from_capabilities(list(capabilities))


def _address() -> Any:
    from jeepney import DBusAddress

    return DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=INTERFACE)


def _no_nul(text: str) -> str:
    return text.replace("\0", "")  # D-Bus strings cannot carry one


def body_for(announcement: Announcement, traits: ServerTraits) -> str:
    """Markup only for a server that parses it; and then plain text must be escaped, or a '<'
    or '&' from a feed would be read as markup."""
    if not traits.body_markup:
        return announcement.body
    if announcement.markup is not None:
        return announcement.markup
    return html.escape(announcement.body, quote=False)


def actions_for(announcement: Announcement, traits: ServerTraits,
                translate: Callable[[str], str], pause_offered: bool) -> list[str]:
    """Pairs of (action key, label). The default action is the click on the bubble; "Open"
    says the same as a button for servers that show buttons only."""
    open_label = translate(OPEN_LABEL)
    actions = [DEFAULT, open_label, OPEN, open_label]
    if traits.actions and pause_offered and announcement.pausable:
        actions += [PAUSE, translate(PAUSE_LABEL)]
    return actions


def hints_for(announcement: Announcement) -> dict[str, tuple[str, Any]]:
    hints: dict[str, tuple[str, Any]] = {
        "desktop-entry": ("s", DESKTOP_ID),
        "urgency": ("y", URGENCY_NORMAL),
    }
    if announcement.category:
        hints["category"] = ("s", announcement.category)
    return hints


def notify_message(announcement: Announcement, *, replaces_id: int, traits: ServerTraits,
                   icon: str, translate: Callable[[str], str],
                   pause_offered: bool) -> Message:
    from jeepney import new_method_call

    return new_method_call(_address(), "Notify", "susssasa{sv}i", (
        APP_LABEL, replaces_id, icon, _no_nul(announcement.summary),
        _no_nul(body_for(announcement, traits)),
        actions_for(announcement, traits, translate, pause_offered),
        hints_for(announcement), announcement.timeout_ms))


def close_message(notification_id: int) -> Message:
    from jeepney import new_method_call

    return new_method_call(_address(), "CloseNotification", "u", (notification_id,))


def traits_message() -> Message:
    from jeepney import new_method_call

    return new_method_call(_address(), "GetCapabilities")


def match_rules() -> Iterator[tuple[MatchRule, MatchRule]]:
    """(rule for the bus's AddMatch, rule for our own connection's filter) per signal.

    The bus resolves the sender's well-known name; our filter sees only the server's unique
    name, so it matches on the interface and path, and the ids we sent pick out our bubbles.
    """
    from jeepney import MatchRule

    for member in ("ActionInvoked", "NotificationClosed"):
        yield (MatchRule(type="signal", sender=BUS_NAME, interface=INTERFACE, member=member,
                         path=OBJECT_PATH),
               MatchRule(type="signal", interface=INTERFACE, member=member, path=OBJECT_PATH))
    owner = MatchRule(type="signal", sender="org.freedesktop.DBus",
                      interface="org.freedesktop.DBus", member="NameOwnerChanged")
    owner.add_arg_condition(0, BUS_NAME)
    local = MatchRule(type="signal", interface="org.freedesktop.DBus",
                      member="NameOwnerChanged")
    local.add_arg_condition(0, BUS_NAME)
    yield owner, local


def available(bus: str = "SESSION", timeout: float = 0.5) -> bool:
    """Is a notification server on the session bus, running or started on demand?

    Runs in a short-lived thread so a stuck bus costs at most `timeout`; any failure (no
    jeepney on this platform, no bus) is a False and a log line.
    """
    answer: list[bool] = []

    def probe() -> None:
        try:
            from jeepney.bus_messages import message_bus
            from jeepney.io.blocking import Proxy, open_dbus_connection

            with open_dbus_connection(bus, auth_timeout=timeout) as connection:
                proxy = Proxy(message_bus, connection, timeout=timeout)
                (running,) = proxy.NameHasOwner(BUS_NAME)
                if running:
                    answer.append(True)
                    return
                (names,) = proxy.ListActivatableNames()
                answer.append(BUS_NAME in names)
        except Exception as error:
            log.info("No notification server: %s", type(error).__name__)

    worker = threading.Thread(target=probe, name="notifications-probe", daemon=True)
    worker.start()
    worker.join(timeout * 2)
    found = bool(answer and answer[0])
    log.info("Notification server on the session bus: %s", "yes" if found else "no")
    return found
