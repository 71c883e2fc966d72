"""The single-instance protocol: one JSON line, versioned, anything else refused with words."""

from __future__ import annotations

import pytest

from zeelandnet_desktop import ipc


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
