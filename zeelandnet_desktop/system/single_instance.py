"""Single instance: the first process holds a per-user, per-profile lock and listens on a local
socket; a second launch hands over its wishes (which tab) as one line of JSON and exits.

The lock (an OS file lock, released by the OS when the process ends, even by a crash) is taken
before anything else is opened, so two launches a few milliseconds apart cannot both become the
first. The socket only carries the hand-over: it closes as soon as the app starts quitting (a
launch then waits for the lock instead of handing over to a process that is going away).

Protocol, version 1 (one line each way, UTF-8, at most MAX_LINE bytes):
  -> {"v": 1, "cmd": "activate", "tab": "news" | "webmail" | null}
  <- {"v": 1, "ok": true}   or   {"v": 1, "ok": false, "error": "..."}
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSocketNotifier, Signal

if TYPE_CHECKING:
    import socket

    from PySide6.QtNetwork import QLocalSocket

log = logging.getLogger(__name__)

PROTOCOL_VERSION = 1
MAX_LINE = 64 * 1024
CONNECT_TIMEOUT_MS = 300
ANSWER_TIMEOUT_MS = 600
TABS = ("news", "webmail")


class InstanceBusyError(RuntimeError):
    """The profile's lock is held by a process that does not answer hand-overs."""


class InstanceLock:
    """An exclusive lock on `<key>.lock` in the user's runtime folder, held until release()
    or the end of the process."""

    def __init__(self, key: str) -> None:
        self.path = _runtime_path(f"{key}.lock")
        self._file: Any = None

    @property
    def held(self) -> bool:
        return self._file is not None

    def try_acquire(self) -> bool:
        if self._file is not None:
            return True
        try:
            handle = open(self.path, "a+b")  # noqa: SIM115 - held for the life of the process
        except OSError as exc:
            # No place for a lock (a read-only runtime folder): run, but say why in the log.
            log.warning("Single instance is off: no lock file (%s)", exc.strerror)
            self._file = _NO_LOCK
            return True
        try:
            _lock(handle)
        except OSError:
            handle.close()
            return False
        self._file = handle
        return True

    def release(self) -> None:
        handle, self._file = self._file, None
        if handle is not None and handle is not _NO_LOCK:
            handle.close()  # closing the descriptor drops the lock


_NO_LOCK = object()


def _lock(handle: Any) -> None:
    """Take the lock without waiting, or raise OSError."""
    if sys.platform == "win32":
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


def _runtime_path(name: str) -> str:
    folder = os.environ.get("XDG_RUNTIME_DIR") or os.environ.get("TMPDIR") or "/tmp"
    if sys.platform == "win32":
        folder = os.environ.get("LOCALAPPDATA") or os.environ.get("TEMP") or folder
    return os.path.join(folder, name)


def claim(key: str, tab: str | None, *, wait_seconds: float = 10.0) -> InstanceLock | None:
    """Become the instance for this profile, or hand `tab` to the one that is.

    Returns the held lock (start the app), or None when a running instance took the hand-over
    (this process can exit). A launch that finds the lock held while the other instance is still
    starting (no socket yet) or quitting (socket closed) tries both again until one works.
    """
    import time

    lock = InstanceLock(key)
    deadline = time.monotonic() + wait_seconds
    while True:
        if lock.try_acquire():
            return lock
        if hand_over(key, tab):
            return None
        if time.monotonic() > deadline:
            # Something holds the lock and answers nothing (a hung instance). A second window
            # on the same profile would write the same files: say so instead.
            raise InstanceBusyError(lock.path)
        time.sleep(0.05)


def encode(message: dict[str, Any]) -> bytes:
    return json.dumps(message, separators=(",", ":")).encode() + b"\n"


def activate_message(tab: str | None) -> dict[str, Any]:
    return {"v": PROTOCOL_VERSION, "cmd": "activate", "tab": tab}


def server_name(key: str) -> str:
    """Where the instance listens: a socket file in the user's runtime folder on Unix (so a plain
    Python socket can reach it without loading QtNetwork), a named pipe on Windows."""
    if sys.platform == "win32":
        return key
    return _runtime_path(f"{key}.sock")


def hand_over(key: str, tab: str | None) -> bool:
    """Give `tab` to a running instance. True when one answered: this process can then exit.

    Blocking, with short time-outs, and usable before any QApplication exists: a second launch
    must finish within a second and without the cost of starting a GUI.
    """
    if sys.platform == "win32":
        return _hand_over_qt(server_name(key), tab)
    name = server_name(key)
    if not os.path.exists(name):
        return False  # the usual first start: nothing to connect to
    import socket  # here, not at the top: a first start should not pay for it

    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    client.settimeout(CONNECT_TIMEOUT_MS / 1000)
    try:
        client.connect(name)
    except OSError:  # no file, or a file left by a crashed instance (connection refused)
        client.close()
        return False
    try:
        client.settimeout(ANSWER_TIMEOUT_MS / 1000)
        client.sendall(encode(activate_message(tab)))
        answer = bytearray()
        while b"\n" not in answer and len(answer) < MAX_LINE:
            chunk = client.recv(4096)
            if not chunk:
                break
            answer.extend(chunk)
    except OSError as exc:
        log.info("The running instance did not answer the hand-over: %s", exc)
        return False
    finally:
        client.close()
    # Only a clear yes counts: a process that accepted the connection but is quitting (or
    # hung) did not take the wish, and claim() then waits for its lock instead.
    return _accepted(bytes(answer).split(b"\n", 1)[0])


def _hand_over_qt(name: str, tab: str | None) -> bool:
    from PySide6.QtNetwork import QLocalSocket

    client = QLocalSocket()
    client.connectToServer(name)
    if not client.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    client.write(encode(activate_message(tab)))
    client.flush()
    line = b""
    if client.waitForBytesWritten(ANSWER_TIMEOUT_MS):
        while not client.canReadLine() and client.waitForReadyRead(ANSWER_TIMEOUT_MS):
            pass
        if client.canReadLine():
            line = bytes(client.readLine().data())
    client.disconnectFromServer()
    return _accepted(line)


def _accepted(line: bytes) -> bool:
    if not line:
        log.info("The running instance gave no answer to the hand-over")
        return False
    try:
        reply = json.loads(line.decode())
    except (ValueError, UnicodeDecodeError):
        log.warning("The running instance gave an unreadable answer")
        return False
    if not isinstance(reply, dict) or not reply.get("ok"):
        log.info("The running instance refused the hand-over: %s",
                 reply.get("error") if isinstance(reply, dict) else reply)
        return False
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
    """Listens for later launches; emits activate_requested(tab or "") for each valid request.

    On Unix a plain socket file watched by QSocketNotifier (QtNetwork would cost the resident
    app about 3 MB for this one socket); on Windows a QLocalServer named pipe.
    """

    activate_requested = Signal(str)

    def __init__(self, key: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = server_name(key)
        self._transport: _UnixTransport | _QtTransport = (
            _QtTransport(self) if sys.platform == "win32" else _UnixTransport(self)
        )

    def listen(self) -> bool:
        return self._transport.listen(self._name)

    def close(self) -> None:
        self._transport.close()

    def answer(self, line: bytes) -> dict[str, Any]:
        """The reply to one request line; a valid request also emits activate_requested."""
        message, error = parse_request(line)
        if message is None:
            log.warning("Ignored a hand-over request: %s", error)
            return {"v": PROTOCOL_VERSION, "ok": False, "error": error}
        self.activate_requested.emit(message.get("tab") or "")
        return {"v": PROTOCOL_VERSION, "ok": True}


class _UnixTransport:
    def __init__(self, server: InstanceServer) -> None:
        self._server = server
        self._path = ""
        self._socket: socket.socket | None = None
        self._notifiers: dict[int, QSocketNotifier] = {}

    def listen(self, path: str) -> bool:
        import socket

        if os.path.exists(path):
            # We hold the instance lock, so a socket file left here is from a crashed instance.
            log.info("Removing a stale single-instance socket")
            with contextlib.suppress(OSError):
                os.unlink(path)
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            listener.bind(path)
            os.chmod(path, 0o600)  # same user only
            listener.listen(8)
        except OSError as exc:
            listener.close()
            log.warning("Single instance is off: cannot listen (%s)", exc)
            return False
        listener.setblocking(False)
        self._path, self._socket = path, listener
        self._watch(listener, self._accept)
        return True

    def _watch(self, sock: socket.socket, on_ready: Callable[[], None]) -> None:
        notifier = QSocketNotifier(sock.fileno(), QSocketNotifier.Type.Read, self._server)
        notifier.activated.connect(lambda *_args: on_ready())
        self._notifiers[sock.fileno()] = notifier

    def _unwatch(self, sock: socket.socket) -> None:
        notifier = self._notifiers.pop(sock.fileno(), None)
        if notifier is not None:
            notifier.setEnabled(False)
            notifier.deleteLater()

    def _accept(self) -> None:
        if self._socket is None:
            return
        try:
            connection, _address = self._socket.accept()
        except OSError:
            return
        connection.setblocking(False)
        buffer = bytearray()
        self._watch(connection, lambda: self._read(connection, buffer))

    def _read(self, connection: socket.socket, buffer: bytearray) -> None:
        try:
            chunk = connection.recv(4096)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        buffer.extend(chunk)
        if chunk and b"\n" not in buffer and len(buffer) <= MAX_LINE:
            return  # wait for the rest of the line
        self._unwatch(connection)
        if b"\n" in buffer:
            reply = self._server.answer(bytes(buffer.split(b"\n", 1)[0]))
        else:
            reply = {"v": PROTOCOL_VERSION, "ok": False, "error": "incomplete request"}
        with contextlib.suppress(OSError):
            connection.settimeout(ANSWER_TIMEOUT_MS / 1000)
            connection.sendall(encode(reply))
        connection.close()

    def close(self) -> None:
        if self._socket is None:
            return
        self._unwatch(self._socket)
        self._socket.close()
        self._socket = None
        with contextlib.suppress(OSError):
            os.unlink(self._path)


class _QtTransport:
    def __init__(self, server: InstanceServer) -> None:
        from PySide6.QtNetwork import QLocalServer

        self._server = server
        self._local = QLocalServer(server)
        self._local.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._local.newConnection.connect(self._on_new_connection)
        self._buffers: dict[QLocalSocket, bytearray] = {}

    def listen(self, name: str) -> bool:
        from PySide6.QtNetwork import QLocalServer

        if self._local.listen(name):
            return True
        log.info("Removing a stale single-instance socket (%s)", self._local.errorString())
        QLocalServer.removeServer(name)
        if self._local.listen(name):
            return True
        log.warning("Single instance is off: cannot listen (%s)", self._local.errorString())
        return False

    def close(self) -> None:
        self._local.close()

    def _on_new_connection(self) -> None:
        while self._local.hasPendingConnections():
            connection = self._local.nextPendingConnection()
            self._buffers[connection] = bytearray()
            connection.readyRead.connect(lambda c=connection: self._on_ready_read(c))
            connection.disconnected.connect(lambda c=connection: self._forget(c))

    def _forget(self, connection: QLocalSocket) -> None:
        self._buffers.pop(connection, None)
        connection.deleteLater()

    def _on_ready_read(self, connection: QLocalSocket) -> None:
        buffer = self._buffers.get(connection)
        if buffer is None:
            return
        buffer.extend(bytes(connection.readAll().data()))
        if b"\n" in buffer:
            reply = self._server.answer(bytes(buffer.split(b"\n", 1)[0]))
        elif len(buffer) > MAX_LINE:
            reply = {"v": PROTOCOL_VERSION, "ok": False, "error": "too long"}
        else:
            return
        self._buffers.pop(connection, None)
        connection.write(encode(reply))
        connection.flush()
        connection.disconnectFromServer()
