"""The notification server's side of a test, on the desktop pass's private bus: every Notify call
as dbus-monitor prints it, and what dunst itself shows and keeps (dunstctl)."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import threading
from collections.abc import Iterator
from typing import Any

from pytestqt.qtbot import QtBot

from tests.conftest import require_service


def services() -> set[str]:
    return set(os.environ.get("ZND_SERVICES", "").split(","))


def need_dunst() -> None:
    require_service("notifications" in services(), "a notification daemon (dunst)")


def dunstctl(*args: str) -> str:
    return subprocess.run(["dunstctl", *args], capture_output=True, text=True, timeout=10,
                          check=True).stdout


def displayed() -> int:
    return int(dunstctl("count", "displayed").strip() or 0)


_VALUE = re.compile(r'string "(?P<s>.*?)"\n|(?P<bytes>array of bytes \[.*?\])'
                    r"|(?:u?int\d+|byte|boolean) (?P<n>-?\d+|true|false)"
                    r"|(?P<open>array \[|dict entry\(|struct \{)|(?P<close>[\])}])", re.S)


def parse_values(text: str) -> list[Any]:
    """dbus-monitor's printout of a message's arguments as Python values (arrays as lists,
    dict entries as pairs, structs as lists; variants read as their content; byte arrays, such
    as the picture Qt's tray messages send, as one placeholder)."""
    stack: list[list[Any]] = [[]]
    for match in _VALUE.finditer(text):
        if match["s"] is not None:
            stack[-1].append(match["s"])
        elif match["bytes"] is not None:
            stack[-1].append(b"...")
        elif match["n"] is not None:
            number = match["n"]
            stack[-1].append(number == "true" if number in ("true", "false") else int(number))
        elif match["open"]:
            stack.append([])
        elif len(stack) > 1:
            done = stack.pop()
            stack[-1].append(tuple(done) if len(done) == 2 and match["close"] == ")" else done)
    return stack[0]


class NotifyMonitor:
    """Every Notify call on the session bus, as dbus-monitor prints it."""

    def __init__(self) -> None:
        self._process = subprocess.Popen(
            ["dbus-monitor", "interface='org.freedesktop.Notifications',member='Notify'",
             "type='method_return',sender='org.freedesktop.Notifications'"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self._text = ""
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self._process.stdout is not None
        for line in self._process.stdout:
            with self._lock:
                self._text += line

    def ready(self) -> bool:
        with self._lock:  # the bus says NameLost once dbus-monitor has become a monitor
            return "member=NameLost" in self._text

    def calls(self) -> list[dict[str, Any]]:
        """The Notify calls in order; "id" is the bubble's id from the server's reply (None
        until it is in)."""
        with self._lock:
            text = self._text
        found = []
        replies: dict[tuple[str, str], int] = {}  # (to whom, answering which serial) -> id
        for block in re.split(r"^(?=(?:method call|method return|signal|error) time=)",
                              text + "\n", flags=re.M):
            header, _, arguments = block.partition("\n")
            if block.startswith("method return"):
                to = re.search(r"destination=(\S+)", header)
                serial = re.search(r"reply_serial=(\d+)", header)
                values = parse_values(arguments)
                if to and serial and values and isinstance(values[0], int):
                    replies[(to[1], serial[1])] = values[0]
                continue
            if not block.startswith("method call") or "member=Notify" not in block:
                continue
            values = parse_values(arguments)
            if len(values) < 8:
                continue  # still being printed
            app, replaces, icon, summary, body, actions, hints, timeout = values[:8]
            sender = re.search(r"sender=(\S+)", header)
            serial = re.search(r" serial=(\d+)", header)
            found.append({"sender": sender[1] if sender else "", "app": app,
                          "replaces_id": replaces, "icon": icon, "summary": summary,
                          "body": body, "actions": actions, "hints": dict(hints),
                          "timeout": timeout, "serial": serial[1] if serial else ""})
        for call in found:
            call["id"] = replies.get((call["sender"], call["serial"]))
        return found

    def summaries(self) -> list[str]:
        return [call["summary"] for call in self.calls()]

    def stop(self) -> None:
        self._process.terminate()
        self._process.wait(timeout=5)


def started_monitor(qtbot: QtBot) -> NotifyMonitor:
    watcher = NotifyMonitor()
    qtbot.waitUntil(watcher.ready, timeout=10_000)
    return watcher


def watching(qtbot: QtBot, *, with_tray: bool = False) -> Iterator[NotifyMonitor]:
    """A fixture's body: dunst emptied, the Notify calls watched for the test, dunst emptied
    again after it. `with_tray`: the test also needs a system tray."""
    need_dunst()
    if with_tray:
        require_service("tray" in services(), "a system tray (status-notifier-watcher)")
    dunstctl("close-all")
    watcher = started_monitor(qtbot)
    yield watcher
    watcher.stop()
    dunstctl("close-all")


def as_read(markup: str) -> str:
    """A body in freedesktop markup as dunst shows it: tags rendered, entities as characters."""
    return html.unescape(re.sub(r"<[^>]*>", "", markup))


class Dunst:
    """What dunst received during one test (dunst 1.9 cannot clear its history, so earlier
    tests' notifications are told apart by id)."""

    def __init__(self) -> None:
        dunstctl("close-all")
        self.old = {n["id"]["data"] for n in self._history()}

    @staticmethod
    def _history() -> list[dict[str, Any]]:
        return list(json.loads(dunstctl("history"))["data"][0])

    def _new(self) -> list[dict[str, Any]]:
        return [n for n in self._history() if n["id"]["data"] not in self.old]

    def _count(self) -> int:
        pending = sum(int(dunstctl("count", what).strip() or 0)
                      for what in ("displayed", "waiting"))
        return pending + len(self._new())

    def received(self, qtbot: QtBot, at_least: int) -> list[tuple[str, str]]:
        """(summary, body) of this test's notifications as a user reads them (dunst renders
        body markup), oldest first, once there are `at_least`. A bubble replaced by a newer
        one of its kind is not among them: dunst shows the newer words in its place."""
        qtbot.waitUntil(lambda: self._count() >= at_least, timeout=10_000)
        dunstctl("close-all")  # displayed ones move to the history
        qtbot.waitUntil(lambda: len(self._new()) >= at_least, timeout=10_000)
        new = sorted(self._new(), key=lambda n: n["id"]["data"])
        return [(n["summary"]["data"], as_read(n["body"]["data"])) for n in new]

    def history(self) -> list[dict[str, Any]]:
        """This test's notifications in dunst's history (closed ones), oldest first."""
        return sorted(self._new(), key=lambda n: n["id"]["data"])
