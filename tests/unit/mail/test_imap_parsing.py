"""What the watch shows of a new message, read from the header lines a server sends."""

from __future__ import annotations

import pytest

from zeelandnet_desktop.mail.imap_wire import fetched_headers, quoted
from zeelandnet_desktop.mail.watch import NewMessage


def answer(uid: int, header: bytes, uid_first: bool = True) -> list[object]:
    size = len(header)
    if uid_first:
        return [(b"1 (UID %d BODY[HEADER.FIELDS (FROM SUBJECT)] {%d}" % (uid, size), header),
                b")"]
    return [(b"1 (BODY[HEADER.FIELDS (FROM SUBJECT)] {%d}" % size, header), b" UID %d)" % uid]


@pytest.mark.parametrize(("header", "sender", "subject"), [
    (b'From: "Gemeente Goes" <info@goes.nl>\r\nSubject: Factuur\r\n\r\n', "Gemeente Goes",
     "Factuur"),
    (b"From: piet@example.nl\r\nSubject: Hoi\r\n\r\n", "piet@example.nl", "Hoi"),
    (b"From: =?utf-8?q?Jos=C3=A9_M=C3=BCller?= <jose@example.nl>\r\n"
     b"Subject: =?utf-8?b?V2VyayBhYW4gZGUgd2VnIOKAkyB2ZXJ0cmFnaW5n?=\r\n\r\n",
     "José Müller", "Werk aan de weg – vertraging"),
    (b"Subject: Zonder afzender\r\n\r\n", "", "Zonder afzender"),
    (b"From: <>\r\nSubject:\r\n\r\n", "", ""),
    (b"From: \"Spam\x07\" <x@y.nl>\r\nSubject: a\r\n\tb\x1b[31m\r\n\r\n", "Spam", "a b [31m"),
])
def test_sender_and_subject(header: bytes, sender: str, subject: str) -> None:
    assert fetched_headers(answer(7, header)) == [NewMessage(7, sender, subject)]


def test_uid_after_the_header_and_several_messages() -> None:
    data = (answer(9, b"From: B <b@x.nl>\r\nSubject: Twee\r\n\r\n", uid_first=False)
            + answer(8, b"From: A <a@x.nl>\r\nSubject: Een\r\n\r\n")
            + [b"3 (FLAGS (\\Seen))"])  # an unrelated flag change in the same answer
    assert fetched_headers(data) == [NewMessage(8, "A", "Een"), NewMessage(9, "B", "Twee")]


def test_long_subjects_are_cut() -> None:
    [message] = fetched_headers(answer(1, b"From: a@b.nl\r\nSubject: " + b"x" * 5000 + b"\r\n\r\n"))
    assert len(message.subject) == 200


@pytest.mark.parametrize(("text", "imap"), [
    ("jan", '"jan"'),
    ('ja"n', '"ja\\"n"'),
    ("ja\\n", '"ja\\\\n"'),
])
def test_quoted(text: str, imap: str) -> None:
    assert quoted(text) == imap
