"""The IMAP connection underneath mail/imap.py: imaplib for the protocol, with every wait cut
into short slices so it ends within a fraction of a second of `cancelled()` turning true.

imaplib reads through a buffered socket file that is unusable after one time-out, and connects
and shakes hands in single blocking calls. Here the name lookup runs on a helper thread, the
TCP connect and the TLS handshake are non-blocking loops, and input comes from our own buffer
fed by short `recv` calls; each operation has a deadline on top. TLS is always verified
(certificate and host name); a CA file replaces the system's trust only when one is given.
"""

from __future__ import annotations

import contextlib
import email.parser
import email.policy
import errno
import imaplib
import logging
import re
import select
import socket
import ssl
import threading
import time
from collections.abc import Callable
from email.headerregistry import AddressHeader
from typing import TYPE_CHECKING, Any

from .imap_wakeup import SLICE, Wakeup
from .watch_events import NewMessage

if TYPE_CHECKING:
    from typing_extensions import Buffer

log = logging.getLogger(__name__)

CancelCheck = Callable[[], bool]
TICK = 0.2  # seconds; how often a wait looks at the cancel check
_MAX_LINE = 1_000_000
_IN_PROGRESS = {0, errno.EINPROGRESS, errno.EWOULDBLOCK, errno.EALREADY, 10035}  # 10035: Windows


class Cancelled(Exception):
    """The caller asked to stop; nothing went wrong."""


class DeadlineReached(Exception):
    """The server said nothing for as long as the current operation may take."""


def tls_context(ca_file: str | None) -> ssl.SSLContext:
    """Certificate and host name checks on, TLS 1.2 or newer. With `ca_file`, only that CA is
    trusted (tests); otherwise the system's store, or certifi's when the system has none."""
    if ca_file:
        context = ssl.create_default_context(cafile=ca_file)
    else:
        context = ssl.create_default_context()
        if not context.cert_store_stats().get("x509_ca"):  # e.g. Python from python.org on macOS
            import certifi
            context.load_verify_locations(cafile=certifi.where())
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def _check(cancelled: CancelCheck, deadline: float, tick: float = TICK) -> float:
    """Seconds to wait now (at most `tick`, never past `deadline`), or raise when cancelled
    or past the deadline."""
    if cancelled():
        raise Cancelled
    left = deadline - time.monotonic()
    if left <= 0:
        raise DeadlineReached
    return min(tick, left)


def _resolve(host: str, port: int, cancelled: CancelCheck, deadline: float) -> list[Any]:
    result: dict[str, Any] = {}
    done = threading.Event()

    def lookup() -> None:
        try:
            result["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as exc:
            result["error"] = exc
        finally:
            done.set()

    # A lookup cannot be interrupted; when cancelled, it is left to finish on its own.
    threading.Thread(target=lookup, name="imap-lookup", daemon=True).start()
    while not done.wait(_check(cancelled, deadline)):
        pass
    if "error" in result:
        raise result["error"]
    return list(result["infos"])


def keep_alive(sock: socket.socket) -> None:
    """TCP keep-alive after a minute of silence: a connection that died without a word (the
    network changed under it) fails within about two minutes instead of sitting in IDLE."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    for name, value in (("TCP_KEEPIDLE", 60), ("TCP_KEEPALIVE", 60), ("TCP_KEEPINTVL", 15),
                        ("TCP_KEEPCNT", 4)):
        option = getattr(socket, name, None)  # Linux, macOS (TCP_KEEPALIVE is its idle)
        if option is not None:
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, option, value)
    if hasattr(socket, "SIO_KEEPALIVE_VALS"):  # Windows
        sock.ioctl(socket.SIO_KEEPALIVE_VALS, (1, 60_000, 15_000))  # type: ignore[attr-defined]


def connect(host: str, port: int, cancelled: CancelCheck, deadline: float) -> socket.socket:
    """A non-blocking TCP connection to the first address of `host` that answers."""
    last: OSError = OSError(f"no address for {host}")
    for family, kind, proto, _name, address in _resolve(host, port, cancelled, deadline):
        sock = socket.socket(family, kind, proto)
        try:
            keep_alive(sock)
            sock.setblocking(False)
            code = sock.connect_ex(address)
            if code not in _IN_PROGRESS:
                raise OSError(code, f"connect to {host} port {port} failed")
            while True:
                _, writable, failed = select.select([], [sock], [sock],
                                                    _check(cancelled, deadline))
                if writable or failed:
                    break
            code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if code:
                raise OSError(code, f"connect to {host} port {port} failed")
            return sock
        except OSError as exc:
            sock.close()
            last = exc
        except BaseException:
            sock.close()
            raise
    raise last


def handshake(context: ssl.SSLContext, sock: socket.socket, host: str,
              cancelled: CancelCheck, deadline: float) -> ssl.SSLSocket:
    sock.setblocking(False)
    tls = context.wrap_socket(sock, server_hostname=host, do_handshake_on_connect=False)
    try:
        while True:
            try:
                tls.do_handshake()
                return tls
            except ssl.SSLWantReadError:
                select.select([tls], [], [], _check(cancelled, deadline))
            except ssl.SSLWantWriteError:
                select.select([], [tls], [], _check(cancelled, deadline))
    except BaseException:
        tls.close()
        raise


def certificate_words(host: str, exc: ssl.SSLCertVerificationError) -> str:
    reason = (exc.verify_message or "").lower()
    if "mismatch" in reason:
        why = f"it is made out to another name than {host}"
    elif "expired" in reason:
        why = "it has expired"
    elif "not yet valid" in reason:
        why = "it is not valid yet; is this computer's clock right?"
    elif "issuer" in reason or "self-signed" in reason or "self signed" in reason:
        why = "it was not issued by an authority this computer trusts"
    else:
        why = exc.verify_message or "it could not be verified"
    return (f"The mail server {host} showed a certificate that cannot be trusted ({why}), "
            "so the connection was not used.")


def clean(text: str, limit: int = 200) -> str:
    text = re.sub(r"[\x00-\x1f\x7f]+", " ", text)
    return " ".join(text.split())[:limit]


def header_message(uid: int, header: bytes) -> NewMessage:
    """Sender name and subject from a FROM/SUBJECT header block (RFC 2047 decoded)."""
    sender, subject = "", ""
    try:
        parsed = email.parser.BytesHeaderParser(policy=email.policy.default).parsebytes(header)
        from_header = parsed["From"]
        if isinstance(from_header, AddressHeader):
            first = from_header.addresses[0] if from_header.addresses else None
            if first is not None:  # an empty "<>" has no username: no sender to name
                sender = first.display_name or (first.addr_spec if first.username else "")
        elif from_header is not None:
            sender = str(from_header)
        subject = str(parsed["Subject"] or "")
    except (ValueError, TypeError, IndexError, LookupError) as exc:  # a malformed header
        log.info("Could not read the header of message %d: %s", uid, exc)
    return NewMessage(uid, clean(sender, 120), clean(subject))


def fetched_headers(data: list[Any]) -> list[NewMessage]:
    """NewMessages from imaplib's answer to UID FETCH (UID BODY.PEEK[HEADER.FIELDS ...])."""
    messages, header = [], None
    for item in data:  # (b'1 (UID 5 BODY[...] {62}', b'From: ...'), b')' per message
        if isinstance(item, tuple):
            text, header = item
        elif isinstance(item, bytes) and header is not None:
            text = item  # a server that puts UID after the header: b' UID 5)'
        else:
            continue
        if header is not None and (uid := re.search(rb"UID (\d+)", text)):
            messages.append(header_message(int(uid.group(1)), header))
            header = None
    return sorted(messages, key=lambda m: m.uid)


def quoted(text: str) -> str:
    """An IMAP quoted string (imaplib quotes the password, not the user name)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _HandshakeInPlace:
    """What imaplib's starttls() takes for a context: it calls wrap_socket, and gets our
    interruptible handshake. Bytes that came before TLS must not be read as if they were
    after it (an injection), so any left over refuse the connection."""

    def __init__(self, wire: Wire) -> None:
        self._wire = wire

    def wrap_socket(self, sock: socket.socket, server_hostname: str) -> ssl.SSLSocket:
        if self._wire.buffered:
            raise ssl.SSLError("the server sent data before the secure connection began")
        return handshake(self._wire.context, sock, server_hostname, self._wire.cancelled,
                         self._wire.deadline)


class Wire(imaplib.IMAP4):
    """imaplib.IMAP4 with input, output and connecting that honour `cancelled` and a
    deadline. Set the deadline with `allow(seconds)` before each operation. With a `wakeup`,
    reads wait in long slices that `wakeup.wake()` ends at once."""

    def __init__(self, host: str, port: int, *, implicit_tls: bool, context: ssl.SSLContext,
                 cancelled: CancelCheck, timeout: float, wakeup: Wakeup | None = None) -> None:
        self.context = context
        self.cancelled = cancelled
        self.wakeup = wakeup
        self._implicit_tls = implicit_tls
        self._buffer = bytearray()
        self.deadline = time.monotonic() + timeout
        super().__init__(host, port, timeout)

    def allow(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds

    @property
    def buffered(self) -> int:
        return len(self._buffer)

    def open(self, host: str = "", port: int = 143,
             timeout: float | None = None) -> None:
        self.host, self.port = host, port
        sock: socket.socket = connect(host, port, self.cancelled, self.deadline)
        if self._implicit_tls:
            sock = handshake(self.context, sock, host, self.cancelled, self.deadline)
        self.sock = sock
        self.file = sock.makefile("rb")  # only for imaplib's shutdown(); input is ours

    def secure(self) -> None:
        """STARTTLS through imaplib, with the handshake above."""
        self.starttls(_HandshakeInPlace(self))

    def _fill(self) -> None:
        while True:
            wakeup = self.wakeup
            tick = _check(self.cancelled, self.deadline, SLICE if wakeup is not None else TICK)
            if wakeup is not None and not self._decrypted_waiting():
                waits: list[Any] = [self.sock, wakeup]
                readable, _, _ = select.select(waits, [], [], tick)
                if wakeup in readable:
                    wakeup.drain()  # cancelled: the check above says so now
                if self.sock not in readable:
                    continue
                tick = TICK  # data is there (or a TLS record begins): read it
            self.sock.settimeout(tick)
            try:
                data = self.sock.recv(65536)
            except ssl.SSLWantReadError:
                continue
            except TimeoutError as exc:
                if exc.errno is not None:  # ETIMEDOUT: the keep-alive found it dead
                    raise
                continue  # the slice ran out
            if not data:
                raise self.abort("the server closed the connection")
            self._buffer += data
            return

    def _decrypted_waiting(self) -> bool:
        return isinstance(self.sock, ssl.SSLSocket) and self.sock.pending() > 0

    def pause(self, seconds: float) -> None:
        """Sleep, ended early by the wakeup (the caller looks at the cancel check)."""
        if self.wakeup is None:
            time.sleep(seconds)
            return
        readable, _, _ = select.select([self.wakeup], [], [], seconds)
        if readable:
            self.wakeup.drain()

    def readline(self) -> bytes:
        while (end := self._buffer.find(b"\n")) < 0:
            if len(self._buffer) > _MAX_LINE:
                raise self.error("the server sent an overlong line")
            self._fill()
        line = bytes(self._buffer[:end + 1])
        del self._buffer[:end + 1]
        return line

    def read(self, size: int) -> bytes:
        while len(self._buffer) < size:
            self._fill()
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data

    def send(self, data: Buffer) -> None:
        self.sock.settimeout(max(1.0, self.deadline - time.monotonic()))
        self.sock.sendall(data)

    def send_quietly(self, data: bytes) -> None:
        """Without waiting: for goodbyes while stopping."""
        try:
            self.sock.settimeout(0.0)
            self.sock.send(data)
        except (OSError, ValueError):
            pass
