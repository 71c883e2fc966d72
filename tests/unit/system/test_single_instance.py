"""The single-instance protocol: one JSON line, versioned, anything else refused with words."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from zeelandnet_desktop.system import single_instance as ipc


def test_activate_message_round_trips() -> None:
    line = ipc.encode(ipc.activate_message("webmail"))
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    message, error = ipc.parse_request(line.rstrip(b"\n"))
    assert error is None
    assert message == {"v": 1, "cmd": "activate", "tab": "webmail"}


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (b"not json", "not JSON"),
        (b"[1, 2]", "not an object"),
        (b'{"v": 2, "cmd": "activate"}', "unsupported protocol version 2"),
        (b'{"v": 1, "cmd": "delete-everything"}', "unknown command"),
        (b'{"v": 1, "cmd": "activate", "tab": "settings"}', "unknown tab"),
        (b"\xff\xfe", "not JSON"),
    ],
)
def test_bad_requests_are_refused_with_a_reason(line: bytes, problem: str) -> None:
    message, error = ipc.parse_request(line)
    assert message is None
    assert error is not None and error.startswith(problem)


def test_no_running_instance_means_no_hand_over(tmp_path: object) -> None:
    assert ipc.hand_over("zeelandnet-desktop-test-nobody-listens", "news") is False


def _ask(path: str, payload: bytes) -> dict[str, object]:
    import json
    import socket

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(5)
        client.connect(path)
        client.sendall(payload)
        answer = b""
        while not answer.endswith(b"\n"):
            chunk = client.recv(4096)
            if not chunk:
                break
            answer += chunk
    return dict(json.loads(answer))


@pytest.mark.skipif(sys.platform == "win32", reason="the Unix socket transport")
def test_the_running_instance_answers_every_request_in_words(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    server = ipc.InstanceServer("znd-test-protocol")
    requested: list[str] = []
    server.activate_requested.connect(requested.append)
    assert server.listen()
    path = ipc.server_name("znd-test-protocol")
    try:
        assert oct(os.stat(path).st_mode & 0o777) == "0o600"
        replies: list[dict[str, object]] = []

        def ask(payload: bytes) -> None:
            replies.append(_ask(path, payload))

        # The answers come from the Qt event loop: ask from a thread, wait here.
        import threading

        for payload in (b'{"v": 2, "cmd": "activate"}\n', b"\xff\xfe\n",
                        ipc.encode(ipc.activate_message("webmail"))):
            worker = threading.Thread(target=ask, args=(payload,))
            worker.start()
            qtbot.waitUntil(lambda w=worker: not w.is_alive())  # type: ignore[misc]
        assert replies[0] == {"v": 1, "ok": False, "error": "unsupported protocol version 2"}
        assert replies[1] == {"v": 1, "ok": False, "error": "not JSON"}
        assert replies[2] == {"v": 1, "ok": True}
        assert requested == ["webmail"]
    finally:
        server.close()
    assert not os.path.exists(path)
