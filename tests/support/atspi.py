"""The accessibility tree as a screen reader sees it: AT-SPI over D-Bus, read with jeepney.

The accessibility bus is found through the session bus (org.a11y.Bus, started by
at-spi-bus-launcher); each application registers its root there. A node is one
(bus name, object path) pair; its name, role and states come from org.a11y.atspi.Accessible.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from jeepney import DBusAddress, MessageType, Properties, new_method_call
from jeepney.io.blocking import DBusConnection, open_dbus_connection

ACCESSIBLE = "org.a11y.atspi.Accessible"
ROOT_PATH = "/org/a11y/atspi/accessible/root"
REGISTRY = "org.a11y.atspi.Registry"
NULL_PATH = "/org/a11y/atspi/null"

# AtspiStateType: the bit numbers a test asks about.
STATE_ACTIVE = 1
STATE_ENABLED = 8
STATE_FOCUSABLE = 11
STATE_FOCUSED = 12
STATE_SENSITIVE = 24
STATE_SHOWING = 25
STATE_VISIBLE = 30


class AtspiError(RuntimeError):
    pass


def bus_address(timeout: float = 10.0) -> str:
    """The accessibility bus of this session (the session bus must have org.a11y.Bus)."""
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            with open_dbus_connection(bus="SESSION") as session:
                reply = session.send_and_get_reply(new_method_call(
                    DBusAddress("/org/a11y/bus", bus_name="org.a11y.Bus",
                                interface="org.a11y.Bus"), "GetAddress"), timeout=2)
            if reply.header.message_type == MessageType.method_return:
                return str(reply.body[0])
            last = AtspiError(str(reply.body))
        except (OSError, TimeoutError) as error:
            last = error
        time.sleep(0.1)
    raise AtspiError(f"no accessibility bus in this session: {last}")


@dataclass
class Node:
    """One accessible object as read at one moment."""

    bus: str
    path: str
    name: str
    role: str
    states: frozenset[int]
    description: str = ""
    children: list[Node] = field(default_factory=list)

    @property
    def focusable(self) -> bool:
        return STATE_FOCUSABLE in self.states

    @property
    def focused(self) -> bool:
        return STATE_FOCUSED in self.states

    @property
    def showing(self) -> bool:
        return STATE_SHOWING in self.states and STATE_VISIBLE in self.states

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()

    def find(self, test: Callable[[Node], bool]) -> list[Node]:
        return [node for node in self.walk() if test(node)]

    def outline(self, depth: int = 0) -> str:
        """The tree as text, for a failing test's message."""
        flags = (("F" if self.focusable else "") + ("S" if self.showing else "")
                 + ("*" if self.focused else ""))
        number = self.path.rsplit("/", 1)[-1]
        lines = [f"{'  ' * depth}[{self.role}] {self.name!r} {flags} {number}"]
        lines.extend(child.outline(depth + 1) for child in self.children)
        return "\n".join(lines)


class Atspi:
    """A connection to the accessibility bus."""

    def __init__(self, address: str | None = None) -> None:
        self._conn: DBusConnection = open_dbus_connection(bus=address or bus_address())

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Atspi:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _call(self, bus: str, path: str, interface: str, method: str,
              signature: str | None = None, body: tuple[object, ...] = ()) -> tuple[object, ...]:
        address = DBusAddress(path, bus_name=bus, interface=interface)
        reply = self._conn.send_and_get_reply(
            new_method_call(address, method, signature, body), timeout=5)
        if reply.header.message_type == MessageType.error:
            raise AtspiError(f"{method} on {bus}{path}: {reply.body}")
        return tuple(reply.body)

    def _property(self, bus: str, path: str, name: str) -> object:
        address = DBusAddress(path, bus_name=bus, interface=ACCESSIBLE)
        reply = self._conn.send_and_get_reply(Properties(address).get(name), timeout=5)
        if reply.header.message_type == MessageType.error:
            raise AtspiError(f"{name} of {bus}{path}: {reply.body}")
        return reply.body[0][1]

    def _pid_of(self, bus: str) -> int:
        address = DBusAddress("/org/freedesktop/DBus", bus_name="org.freedesktop.DBus",
                              interface="org.freedesktop.DBus")
        reply = self._conn.send_and_get_reply(
            new_method_call(address, "GetConnectionUnixProcessID", "s", (bus,)), timeout=5)
        return int(reply.body[0]) if reply.header.message_type == MessageType.method_return \
            else -1

    def applications(self) -> list[tuple[str, str]]:
        """(bus name, root path) of every application registered on the bus."""
        children = self._call(REGISTRY, ROOT_PATH, ACCESSIBLE, "GetChildren")[0]
        return [(str(bus), str(path)) for bus, path in children]  # type: ignore[attr-defined]

    def application_named(self, name: str, timeout: float = 30.0) -> tuple[str, str]:
        """The root of the application whose accessible name is `name` (waits for it)."""
        deadline = time.monotonic() + timeout
        seen: list[str] = []
        while time.monotonic() < deadline:
            seen = []
            for bus, path in self.applications():
                if self._pid_of(bus) == os.getpid():
                    continue  # the test's own Qt, which cannot answer while the test runs
                try:
                    found = str(self._property(bus, path, "Name"))
                except (AtspiError, TimeoutError):
                    continue
                seen.append(found)
                if found == name:
                    return bus, path
            time.sleep(0.1)
        raise AtspiError(f"no application {name!r} on the accessibility bus (there: {seen})")

    def node(self, bus: str, path: str, depth: int = 60) -> Node:
        """The node and, down to `depth`, its children."""
        name = str(self._property(bus, path, "Name"))
        description = str(self._property(bus, path, "Description"))
        role = str(self._call(bus, path, ACCESSIBLE, "GetRoleName")[0])
        words = self._call(bus, path, ACCESSIBLE, "GetState")[0]
        states = frozenset(bit + 32 * index for index, word in enumerate(words)  # type: ignore[arg-type]
                           for bit in range(32) if int(word) & (1 << bit))
        node = Node(bus, path, name, role, states, description)
        if depth > 0:
            for child_bus, child_path in self._call(bus, path, ACCESSIBLE, "GetChildren")[0]:  # type: ignore[attr-defined]
                if str(child_path) == NULL_PATH:
                    continue
                try:
                    node.children.append(self.node(str(child_bus), str(child_path), depth - 1))
                except AtspiError:
                    continue  # gone while we walked (a tooltip, a closed menu)
        return node

    def extents(self, node: Node) -> tuple[int, int, int, int]:
        """(x, y, width, height) of `node` on the screen, in the screen's own pixels."""
        x, y, width, height = self._call(node.bus, node.path, "org.a11y.atspi.Component",
                                         "GetExtents", "u", (0,))[0]  # type: ignore[misc]
        return int(x), int(y), int(width), int(height)

    def tree(self, application: str, timeout: float = 30.0) -> Node:
        bus, path = self.application_named(application, timeout)
        return self.node(bus, path)

    def wait_for(self, application: str, test: Callable[[Node], bool],
                 timeout: float = 30.0) -> Node:
        """The application's tree once `test` holds for it; fails with the last tree seen."""
        deadline = time.monotonic() + timeout
        tree: Node | None = None
        while time.monotonic() < deadline:
            tree = self.tree(application, max(1.0, deadline - time.monotonic()))
            if test(tree):
                return tree
            time.sleep(0.2)
        raise AssertionError("the accessibility tree never got there; it was:\n"
                             + (tree.outline() if tree is not None else "(no tree)"))
