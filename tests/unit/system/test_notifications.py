"""What the freedesktop notifier asks the notification server, as real D-Bus messages (built by
jeepney, serialised to the wire and read back), and how it behaves without a server."""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jeepney import HeaderFields, MessageType, new_method_return
from jeepney.low_level import Message, Parser

from tests.conftest import require_service
from zeelandnet_desktop.system import freedesktop, notifications
from zeelandnet_desktop.system.freedesktop import ServerTraits
from zeelandnet_desktop.system.notifications import Announcement, FreedesktopNotifier

DUTCH = {"Open": "Openen", "Pause for an hour": "Een uur pauzeren"}
ICON = "/usr/share/zeelandnet/icon.png"
NEWS = Announcement(notifications.NEWS, "article:buitenland:id-1", "Kop & <1>",
                    "NOS · Buitenland\nPrijs < 5 & meer",
                    "<i>NOS · Buitenland</i>\nPrijs &lt; 5 &amp; meer")
EVERYTHING = ServerTraits(actions=True, body_markup=True)


def dutch(text: str) -> str:
    return DUTCH.get(text, text)


def on_the_wire(message: Message) -> Message:
    """The message as the bus would receive it."""
    [received] = Parser().feed(message.serialise(serial=7))
    return received


def notify_call(announcement: Announcement = NEWS, *, replaces_id: int = 0,
                traits: ServerTraits = EVERYTHING, pause_offered: bool = True
                ) -> tuple[dict[HeaderFields, Any], tuple[Any, ...]]:
    message = on_the_wire(freedesktop.notify_message(
        announcement, replaces_id=replaces_id, traits=traits, icon=ICON, translate=dutch,
        pause_offered=pause_offered))
    return message.header.fields, message.body


def test_notify_goes_to_the_notification_server_with_our_name_icon_and_desktop_entry() -> None:
    fields, body = notify_call()
    assert fields[HeaderFields.destination] == "org.freedesktop.Notifications"
    assert fields[HeaderFields.path] == "/org/freedesktop/Notifications"
    assert fields[HeaderFields.interface] == "org.freedesktop.Notifications"
    assert fields[HeaderFields.member] == "Notify"
    assert fields[HeaderFields.signature] == "susssasa{sv}i"
    app_name, replaces_id, icon, summary, _body, _actions, hints, timeout = body
    assert (app_name, replaces_id, icon, timeout) == ("ZeelandNet", 0, ICON, -1)
    assert summary == "Kop & <1>"  # the summary is plain text for every server
    assert hints == {"desktop-entry": ("s", "nl.zeelandnet.desktop"), "urgency": ("y", 1)}


def test_a_click_opens_and_a_button_pauses_in_the_users_language() -> None:
    _fields, body = notify_call()
    assert body[5] == ["default", "Openen", "open", "Openen", "pause", "Een uur pauzeren"]


@pytest.mark.parametrize(("traits", "pause_offered", "pausable"), [
    (ServerTraits(actions=False, body_markup=True), True, True),  # no buttons shown anyway
    (EVERYTHING, False, True),  # nobody to tell about a pause
    (EVERYTHING, True, False),  # a hint: nothing to pause
])
def test_pause_only_where_it_can_be_shown_and_acted_on(traits: ServerTraits,
                                                       pause_offered: bool,
                                                       pausable: bool) -> None:
    announcement = Announcement(notifications.HINT, "window", "ZeelandNet keeps running", "",
                                pausable=pausable)
    _fields, body = notify_call(announcement, traits=traits, pause_offered=pause_offered)
    assert body[5] == ["default", "Openen", "open", "Openen"]


def test_the_body_is_markup_only_for_a_server_that_parses_it() -> None:
    assert notify_call()[1][4] == "<i>NOS · Buitenland</i>\nPrijs &lt; 5 &amp; meer"
    plain = ServerTraits(actions=True, body_markup=False)
    assert notify_call(traits=plain)[1][4] == "NOS · Buitenland\nPrijs < 5 & meer"
    # Plain text for a markup server is escaped, so a feed's '<' stays a '<'.
    unmarked = Announcement(notifications.WEB, "webmail", "Nieuw", "a <b> & c")
    assert notify_call(unmarked)[1][4] == "a &lt;b&gt; &amp; c"


def test_a_new_round_replaces_the_shown_bubble_and_mail_says_it_is_mail() -> None:
    mail = Announcement(notifications.MAIL, "webmail", "Nieuwe e-mail", "Je hebt 2 ...",
                        category=notifications.MAIL_CATEGORY)
    _fields, body = notify_call(mail, replaces_id=42)
    assert body[1] == 42
    assert body[6]["category"] == ("s", "email.arrived")


def test_a_nul_from_the_network_cannot_break_the_message() -> None:
    broken = Announcement(notifications.NEWS, "k", "Kop\0", "tekst\0", None)
    _fields, body = notify_call(broken, traits=ServerTraits())
    assert (body[3], body[4]) == ("Kop", "tekst")


def test_capabilities_are_read_from_the_servers_reply() -> None:
    ask = on_the_wire(freedesktop.traits_message())
    assert ask.header.fields[HeaderFields.member] == "GetCapabilities"
    reply = on_the_wire(new_method_return(ask, "as", (["actions", "body", "body-markup"],)))
    assert ServerTraits.from_reply(reply) == EVERYTHING
    dunst_like = ["actions", "body", "body-hyperlinks", "icon-static", "x-dunst-stack-tag"]
    assert ServerTraits.from_capabilities(dunst_like) == ServerTraits(actions=True)


def test_close_names_the_bubble() -> None:
    message = on_the_wire(freedesktop.close_message(42))
    assert message.header.message_type is MessageType.method_call
    assert message.header.fields[HeaderFields.member] == "CloseNotification"
    assert message.body == (42,)


def test_listening_is_for_the_servers_signals_only() -> None:
    def terms(rule: str) -> set[str]:
        return set(rule.split(","))

    server = {"type='signal'", "sender='org.freedesktop.Notifications'",
              "interface='org.freedesktop.Notifications'",
              "path='/org/freedesktop/Notifications'"}
    assert [terms(bus.serialise()) for bus, _local in freedesktop.match_rules()] == [
        server | {"member='ActionInvoked'"},
        server | {"member='NotificationClosed'"},
        {"type='signal'", "sender='org.freedesktop.DBus'", "interface='org.freedesktop.DBus'",
         "member='NameOwnerChanged'", "arg0='org.freedesktop.Notifications'"},
    ]


# --- without a notification server (a real, empty session bus) ------------------------------

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={folder}</listen>
  <servicedir>{services}</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def start_bus(folder: Path, *, activatable: bool) -> tuple[subprocess.Popen[str], str]:
    require_service(shutil.which("dbus-daemon") is not None, "dbus-daemon")
    services = folder / "services"
    services.mkdir()
    if activatable:  # a server the bus would start on demand (it need not start here)
        (services / "org.freedesktop.Notifications.service").write_text(
            "[D-BUS Service]\nName=org.freedesktop.Notifications\nExec=/bin/false\n")
    config = folder / "bus.conf"
    config.write_text(BUS_CONFIG.format(folder=folder, services=services))
    daemon = subprocess.Popen(["dbus-daemon", "--nofork", "--print-address",
                               f"--config-file={config}"], stdout=subprocess.PIPE, text=True)
    assert daemon.stdout is not None
    return daemon, daemon.stdout.readline().strip()


@pytest.fixture
def empty_bus(tmp_path: Path) -> Iterator[str]:
    daemon, address = start_bus(tmp_path, activatable=False)
    yield address
    daemon.terminate()
    daemon.wait(timeout=5)


def test_no_server_on_the_bus_is_not_available(empty_bus: str) -> None:
    assert not notifications.available(bus=empty_bus)


def test_a_server_started_on_demand_is_available(tmp_path: Path) -> None:
    daemon, address = start_bus(tmp_path, activatable=True)
    try:
        assert notifications.available(bus=address)
    finally:
        daemon.terminate()
        daemon.wait(timeout=5)


def test_no_bus_at_all_is_not_available(tmp_path: Path) -> None:
    assert not notifications.available(bus=f"unix:path={tmp_path / 'no-bus'}")


def collect_logs(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name.endswith("notifications")]


@pytest.mark.parametrize("where", ["empty bus", "no bus"])
def test_without_a_server_notify_answers_none_and_logs_never_raises(
        where: str, request: pytest.FixtureRequest, tmp_path: Path,
        caplog: pytest.LogCaptureFixture) -> None:
    bus = (request.getfixturevalue("empty_bus") if where == "empty bus"
           else f"unix:path={tmp_path / 'no-bus'}")
    caplog.set_level(logging.INFO)
    calls: list[tuple[str, ...]] = []
    notifier = FreedesktopNotifier(on_activated=lambda *a: calls.append(a),
                                   on_closed=lambda *a: calls.append(a), bus=bus)
    try:
        assert notifier.notify(NEWS).result(timeout=10) is None
        assert notifier.notify(NEWS).result(timeout=10) is None
        notifier.dismiss(notifications.NEWS)
    finally:
        notifier.close()
    assert notifier.notify(NEWS).result(timeout=0) is None  # after close: nothing, at once
    assert calls == []
    logged = collect_logs(caplog)
    assert any("not shown" in line or "no session bus" in line for line in logged), logged
    assert not any("Kop" in line for line in logged)  # no text from the feed in the log
