"""Single instance: the first process listens on a per-user, per-profile local socket; a second
launch hands over its wishes (which tab) as one line of JSON and exits.

Protocol, version 1 (one line each way, UTF-8, at most MAX_LINE bytes):
  -> {"v": 1, "cmd": "activate", "tab": "news" | "webmail" | null}
  <- {"v": 1, "ok": true}   or   {"v": 1, "ok": false, "error": "..."}
"""

from __future__ import annotations

import json
import logging
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

PROTOCOL_VERSION = 1
MAX_LINE = 64 * 1024
CONNECT_TIMEOUT_MS = 300
ANSWER_TIMEOUT_MS = 600
TABS = ("news", "webmail")


def encode(message: dict[str, Any]) -> bytes:
    return json.dumps(message, separators=(",", ":")).encode() + b"\n"


def activate_message(tab: str | None) -> dict[str, Any]:
    return {"v": PROTOCOL_VERSION, "cmd": "activate", "tab": tab}


def hand_over(key: str, tab: str | None) -> bool:
    """Give `tab` to a running instance. True when one answered: this process can then exit.

    Blocking, with short time-outs, and usable before any QApplication exists: a second launch
    must finish within a second and without the cost of starting a GUI.
    """
    socket = QLocalSocket()
    socket.connectToServer(key)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    socket.write(encode(activate_message(tab)))
    socket.flush()
    answered = False
    if socket.waitForBytesWritten(ANSWER_TIMEOUT_MS):
        while not socket.canReadLine() and socket.waitForReadyRead(ANSWER_TIMEOUT_MS):
            pass
        if socket.canReadLine():
            try:
                reply = json.loads(bytes(socket.readLine().data()).decode())
                answered = bool(reply.get("ok"))
                if not answered:
                    log.warning("The running instance refused the hand-over: %s",
                                reply.get("error"))
            except (ValueError, AttributeError):
                log.warning("The running instance gave an unreadable answer")
    socket.disconnectFromServer()
    # A running instance that accepted the connection is alive even if its answer was odd:
    # starting a second window on the same profile would be worse.
    return True


def parse_request(line: bytes) -> tuple[dict[str, Any] | None, str | None]:
    """A request, or an error text for the answer. Pure, so it can be tested without sockets."""
    try:
        message = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None, "not JSON"
    if not isinstance(message, dict):
        return None, "not an object"
    if message.get("v") != PROTOCOL_VERSION:
        return None, f"unsupported protocol version {message.get('v')!r}"
    if message.get("cmd") != "activate":
        return None, f"unknown command {message.get('cmd')!r}"
    tab = message.get("tab")
    if tab is not None and tab not in TABS:
        return None, f"unknown tab {tab!r}"
    return message, None


class InstanceServer(QObject):
    """Listens for later launches; emits activate_requested(tab or "") for each valid request."""

    activate_requested = Signal(str)

    def __init__(self, key: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._key = key
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_new_connection)
        self._buffers: dict[QLocalSocket, bytearray] = {}

    def listen(self) -> bool:
        if self._server.listen(self._key):
            return True
        # Nobody answered hand_over(), so a socket file left by a crashed instance is stale.
        log.info("Removing a stale single-instance socket (%s)", self._server.errorString())
        QLocalServer.removeServer(self._key)
        if self._server.listen(self._key):
            return True
        log.warning("Single instance is off: cannot listen (%s)", self._server.errorString())
        return False

    def close(self) -> None:
        self._server.close()

    def _on_new_connection(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = bytearray()
            socket.readyRead.connect(lambda s=socket: self._on_ready_read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()

    def _on_ready_read(self, socket: QLocalSocket) -> None:
        buffer = self._buffers.get(socket)
        if buffer is None:
            return
        buffer.extend(bytes(socket.readAll().data()))
        if b"\n" not in buffer:
            if len(buffer) > MAX_LINE:
                self._answer(socket, {"v": PROTOCOL_VERSION, "ok": False, "error": "too long"})
            return
        line = bytes(buffer.split(b"\n", 1)[0])
        message, error = parse_request(line)
        if message is None:
            log.warning("Ignored a hand-over request: %s", error)
            self._answer(socket, {"v": PROTOCOL_VERSION, "ok": False, "error": error})
            return
        self._answer(socket, {"v": PROTOCOL_VERSION, "ok": True})
        self.activate_requested.emit(message.get("tab") or "")

    def _answer(self, socket: QLocalSocket, reply: dict[str, Any]) -> None:
        self._buffers.pop(socket, None)
        socket.write(encode(reply))
        socket.flush()
        socket.disconnectFromServer()
