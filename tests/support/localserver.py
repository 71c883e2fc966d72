"""A real HTTP server on 127.0.0.1 for tests: routes, a request log, and the nasty cases.

Feeds and fake webmail pages are served by this, never by mocks. Each test gets its own server
(port 0) and its own request log.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Request:
    """What the server received: tests assert on this."""

    method: str
    path: str  # with the query string
    headers: dict[str, str]
    body: bytes

    @property
    def query(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.path).query)

    def form(self) -> dict[str, list[str]]:
        return parse_qs(self.body.decode("utf-8", "replace"))

    def header(self, name: str) -> str | None:
        for key, value in self.headers.items():
            if key.lower() == name.lower():
                return value
        return None


@dataclass
class Response:
    status: int = 200
    body: bytes | Iterable[bytes] = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "text/html; charset=utf-8"
    delay: float = 0.0  # seconds to wait before answering (a slow server)


Handler = Callable[[Request], Response]


class _Server(ThreadingHTTPServer):
    # Refreshes open many connections at once; with the default listen backlog of 5 the kernel
    # drops connection attempts and clients retry after a second, which real servers never do.
    request_queue_size = 128


class LocalServer:
    """Start with start(); route(path, handler_or_response); url(path); requests; stop()."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self._routes: dict[str, Handler] = {}
        self._lock = threading.Lock()
        self.requests: list[Request] = []
        self._stopping = threading.Event()
        self._connections: set[socket.socket] = set()
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # quiet test output
                pass

            def setup(self) -> None:
                super().setup()
                with server._lock:
                    server._connections.add(self.connection)

            def finish(self) -> None:
                with server._lock:
                    server._connections.discard(self.connection)
                super().finish()

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                request = Request(self.command, self.path, dict(self.headers.items()), body)
                with server._lock:
                    server.requests.append(request)
                    handler = server._routes.get(urlsplit(self.path).path)
                response = handler(request) if handler else Response(404, b"not found")
                if response.delay:
                    server._stopping.wait(response.delay)
                self.send_response(response.status)
                headers = {"Content-Type": response.content_type, **response.headers}
                chunks: Iterable[bytes]
                if isinstance(response.body, bytes):
                    headers.setdefault("Content-Length", str(len(response.body)))
                    chunks = [response.body] if self.command != "HEAD" else []
                else:
                    headers.pop("Content-Length", None)
                    headers["Connection"] = "close"
                    self.close_connection = True
                    chunks = response.body
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                try:
                    for chunk in chunks:
                        if server._stopping.is_set():
                            break
                        self.wfile.write(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_GET = do_POST = do_HEAD = _serve

        self._httpd = _Server((host, 0), _Handler)
        self._httpd.daemon_threads = True
        # serve_forever polls for shutdown(); its default half second was most of the time a
        # test spent stopping its server.
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.02,),
                                        daemon=True)

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.origin + path

    def route(self, path: str, answer: Handler | Response) -> None:
        handler: Handler = answer if callable(answer) else (lambda _request, r=answer: r)
        with self._lock:
            self._routes[path] = handler

    def requests_for(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if urlsplit(r.path).path == path]

    def start(self) -> LocalServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop like a machine going offline: the port closes and kept-alive connections drop."""
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        self._thread.join(timeout=5)


def closed_port_url(path: str = "/") -> str:
    """An address on this machine where nothing listens: connections are refused at once, as
    when a site is down (the port is free right after it was taken and let go)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}{path}"


def slow_body(total: int, chunk: int = 65536, pause: float = 0.0) -> Iterable[bytes]:
    """A body of `total` bytes sent in chunks (for oversized or trickling responses)."""
    sent = 0
    while sent < total:
        size = min(chunk, total - sent)
        yield b"x" * size
        sent += size
        if pause:
            time.sleep(pause)
