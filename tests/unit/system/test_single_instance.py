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


# --- the claim: a lock before anything else --------------------------------------------------

@pytest.fixture
def runtime_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    return tmp_path


def test_only_one_holder_of_the_lock_at_a_time(runtime_dir: Path) -> None:
    first, second = ipc.InstanceLock("znd-test-lock"), ipc.InstanceLock("znd-test-lock")
    assert first.try_acquire() and first.held
    assert not second.try_acquire()
    first.release()
    assert second.try_acquire()
    second.release()


def test_a_held_lock_without_an_answering_instance_is_said_plainly(runtime_dir: Path) -> None:
    holder = ipc.InstanceLock("znd-test-busy")
    assert holder.try_acquire()
    try:
        with pytest.raises(ipc.InstanceBusyError):
            ipc.claim("znd-test-busy", None, wait_seconds=0.3)
    finally:
        holder.release()
    lock = ipc.claim("znd-test-busy", None, wait_seconds=0.3)
    assert lock is not None and lock.held
    lock.release()


CLAIM_CHILD = """
import sys, time
from zeelandnet_desktop.system import single_instance
start = float(sys.argv[2])
while time.time() < start:  # both processes of a pair claim at the same moment
    pass
lock = single_instance.claim(sys.argv[1], None, wait_seconds=10)
held = time.monotonic()
time.sleep(0.3)  # hold it a moment, as a starting app does (nobody listens here)
released = time.monotonic()
lock.release()
print(held, released, flush=True)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="flock; one monotonic clock")
def test_twenty_simultaneous_pairs_never_hold_the_profile_together(runtime_dir: Path) -> None:
    import subprocess
    import time

    from tests.support.app_process import ROOT, app_env

    env = app_env(XDG_RUNTIME_DIR=str(runtime_dir))
    start = time.time() + 3.0  # every child is running by then
    children = {pair: [subprocess.Popen(
        [sys.executable, "-c", CLAIM_CHILD, f"znd-test-pair-{pair}", str(start)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)] for pair in range(20)}
    for pair, processes in children.items():
        spans = []
        for child in processes:
            out, err = child.communicate(timeout=60)
            assert child.returncode == 0, err
            held, released = (float(v) for v in out.split())
            spans.append((held, released))
        (_first_held, first_released), (second_held, _second_released) = sorted(spans)
        assert second_held >= first_released, f"pair {pair}: both held the profile at once"
