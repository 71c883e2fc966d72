"""The IMAP client against a real Dovecot over TLS with a test CA: count, IDLE and polling,
new messages' sender and subject, trust decisions in plain words, and a prompt stop."""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import pytest

from tests.support.dovecot import Dovecot, DovecotFactory, free_port
from zeelandnet_desktop.mail.imap import MailboxSession, watch_inbox
from zeelandnet_desktop.mail.providers import ImapServer, LoginName, TlsMode
from zeelandnet_desktop.mail.watch import (
    Closed,
    Connected,
    ConnectionLost,
    Event,
    LoginFailed,
    MailboxMark,
    NewMail,
    Problem,
    UnreadCount,
)


def imap_server(dovecot: Dovecot, **changes: Any) -> ImapServer:
    server = ImapServer(dovecot.host, dovecot.port,
                        TlsMode.STARTTLS if dovecot.mode == "starttls" else TlsMode.IMPLICIT,
                        ca_file=str(dovecot.ca_file) if dovecot.ca_file else None)
    return replace(server, **changes)


class Session:
    """watch_inbox on a thread, as the app's background job will run it."""

    def __init__(self, server: ImapServer, user: str, password: str, **options: Any) -> None:
        self.events: list[Event] = []
        self.cancel = threading.Event()
        self.thread = threading.Thread(
            target=watch_inbox, args=(server, user, password, self.cancel.is_set,
                                      self.events.append),
            kwargs=options, daemon=True)
        self.thread.start()

    def wait_for(self, check: Callable[[list[Event]], bool], what: str,
                 timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while not check(list(self.events)):
            if time.monotonic() > deadline:
                raise AssertionError(f"no {what}; events: {self.events}")
            time.sleep(0.02)

    def counts(self) -> list[int]:
        return [e.count for e in self.events if isinstance(e, UnreadCount)]

    def new_mail(self) -> list[NewMail]:
        return [e for e in self.events if isinstance(e, NewMail)]

    def last(self) -> Event:
        self.thread.join(30)
        assert not self.thread.is_alive()
        return self.events[-1]

    def stop(self) -> float:
        started = time.monotonic()
        self.cancel.set()
        self.thread.join(10)
        assert not self.thread.is_alive(), "the session did not stop"
        return time.monotonic() - started


@pytest.fixture
def sessions() -> Iterator[Callable[..., Session]]:
    made: list[Session] = []

    def make(server: ImapServer, user: str, password: str, **options: Any) -> Session:
        made.append(Session(server, user, password, **options))
        return made[-1]

    yield make
    for session in made:
        session.stop()


def test_count_and_idle_wake_up(dovecot_tls: Dovecot, sessions: Callable[..., Session],
                                caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    dovecot_tls.deliver("Oud bericht 1")
    dovecot_tls.deliver("Oud bericht 2")
    # Polling only once an hour: only IDLE can bring the new message in.
    watch = sessions(imap_server(dovecot_tls), dovecot_tls.user.name, dovecot_tls.user.password,
                     poll_seconds=3600)
    watch.wait_for(lambda ev: 2 in [e.count for e in ev if isinstance(e, UnreadCount)],
                   "first count")
    assert Connected(idle=True) in watch.events
    assert watch.new_mail() == []  # what was there before is not new

    uid = dovecot_tls.deliver("Factuur december", sender_name="Gemeente Goes")
    watch.wait_for(lambda ev: any(isinstance(e, NewMail) for e in ev), "new mail")
    [mail] = watch.new_mail()
    assert [(m.uid, m.sender, m.subject) for m in mail.messages] == [
        (uid, "Gemeente Goes", "Factuur december")]
    watch.wait_for(lambda ev: [e.count for e in ev if isinstance(e, UnreadCount)][-1] == 3,
                   "count 3")

    dovecot_tls.mark_seen()  # read in another mail program
    watch.wait_for(lambda ev: [e.count for e in ev if isinstance(e, UnreadCount)][-1] == 0,
                   "count 0 after reading elsewhere")
    watch.stop()
    assert isinstance(watch.events[-1], Closed)
    assert dovecot_tls.user.password not in caplog.text


def test_reading_headers_marks_nothing_and_fetches_no_body(
        dovecot_tls: Dovecot, sessions: Callable[..., Session]) -> None:
    watch = sessions(imap_server(dovecot_tls), dovecot_tls.user.name, dovecot_tls.user.password)
    watch.wait_for(lambda ev: bool(watch.counts()), "first count")
    dovecot_tls.deliver("Geheim", body="De inhoud die de watch nooit mag lezen.\n")
    watch.wait_for(lambda ev: bool(watch.new_mail()), "new mail")
    watch.stop()
    assert dovecot_tls.unread() == 1  # EXAMINE and BODY.PEEK: still unread

    def session_totals() -> list[tuple[int, int]]:
        return [(int(h), int(b)) for h, b in re.findall(
            r"imap\(jan\).*hdr_count=(\d+) hdr_bytes=\d+ body_count=(\d+)",
            dovecot_tls.log_text())]

    # Dovecot's logout line counts what each session fetched: headers yes, bodies never.
    dovecot_tls.login_attempts()  # a barrier: the log has caught up
    assert any(headers > 0 for headers, _ in session_totals())
    assert all(bodies == 0 for _, bodies in session_totals())


@pytest.mark.parametrize("server_has_idle", [False, True])
def test_polling_when_there_is_no_idle(make_dovecot: DovecotFactory,
                                       sessions: Callable[..., Session],
                                       server_has_idle: bool) -> None:
    dovecot = make_dovecot(mode="tls", idle=server_has_idle)
    # No IDLE offered, or told not to use it: NOOP every poll_seconds.
    watch = sessions(imap_server(dovecot), dovecot.user.name, dovecot.user.password,
                     use_idle=not server_has_idle, poll_seconds=0.3)
    watch.wait_for(lambda ev: bool(watch.counts()), "first count")
    assert Connected(idle=False) in watch.events
    dovecot.deliver("Via de poll", sender_name="Anna")
    watch.wait_for(lambda ev: bool(watch.new_mail()), "new mail by polling")
    assert watch.new_mail()[0].messages[0].sender == "Anna"
    assert watch.counts()[-1] == 1


def test_what_came_while_away_is_reported_grouped(dovecot_tls: Dovecot,
                                                  sessions: Callable[..., Session]) -> None:
    first = sessions(imap_server(dovecot_tls), dovecot_tls.user.name, dovecot_tls.user.password)
    first.wait_for(lambda ev: bool(first.counts()), "first count")
    mark = next(e.mark for e in first.events if isinstance(e, UnreadCount))
    first.stop()
    uids = [dovecot_tls.deliver(f"Bericht {n}", sender_name=f"Afzender {n}") for n in range(7)]
    back = sessions(imap_server(dovecot_tls), dovecot_tls.user.name, dovecot_tls.user.password,
                    since=mark)
    back.wait_for(lambda ev: bool(back.new_mail()), "the catch-up")
    [mail] = back.new_mail()
    assert [m.uid for m in mail.messages] == uids[-5:]  # the newest five by name...
    assert mail.more == 2  # ...and how many more
    assert back.counts() == [7]


def test_a_new_mailbox_under_the_old_name_is_not_new_mail(dovecot_tls: Dovecot,
                                                          sessions: Callable[..., Session]) -> None:
    dovecot_tls.deliver("Een")
    stale = MailboxMark(uidvalidity=1, last_uid=0)  # from another mailbox's life
    watch = sessions(imap_server(dovecot_tls), dovecot_tls.user.name, dovecot_tls.user.password,
                     since=stale)
    watch.wait_for(lambda ev: bool(watch.counts()), "first count")
    assert watch.new_mail() == []


def test_wrong_password_is_one_attempt_with_words(dovecot_tls: Dovecot,
                                                  sessions: Callable[..., Session],
                                                  caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    watch = sessions(imap_server(dovecot_tls), dovecot_tls.user.name, "oud-wachtwoord-123")
    last = watch.last()
    assert isinstance(last, LoginFailed)
    assert last.message == (f"The mail server 127.0.0.1 (port {dovecot_tls.port}) did not "
                            "accept the user name or password.")
    assert dovecot_tls.login_attempts().failed == 1
    assert "oud-wachtwoord-123" not in caplog.text


def test_login_is_the_part_before_the_at_when_the_provider_says_so(
        dovecot_tls: Dovecot, sessions: Callable[..., Session]) -> None:
    server = imap_server(dovecot_tls, login=LoginName.LOCAL_PART)
    watch = sessions(server, "jan@zeelandnet.nl", dovecot_tls.user.password)
    watch.wait_for(lambda ev: bool(watch.counts()), "first count")
    assert dovecot_tls.login_attempts().succeeded >= 1


def test_certificate_for_another_name_is_refused_with_words(
        make_dovecot: DovecotFactory, sessions: Callable[..., Session]) -> None:
    dovecot = make_dovecot(mode="tls", cert_names=("mail.other.test",))
    last = sessions(imap_server(dovecot), dovecot.user.name, dovecot.user.password).last()
    assert last == ConnectionLost(
        Problem.CERTIFICATE,
        "The mail server 127.0.0.1 showed a certificate that cannot be trusted (it is made "
        "out to another name than 127.0.0.1), so the connection was not used.")
    assert dovecot.login_attempts().total == 0  # the password never left


def test_certificate_from_an_unknown_authority_is_refused(
        dovecot_tls: Dovecot, sessions: Callable[..., Session]) -> None:
    last = sessions(imap_server(dovecot_tls, ca_file=None), dovecot_tls.user.name,
                    dovecot_tls.user.password).last()
    assert isinstance(last, ConnectionLost)
    assert last.problem is Problem.CERTIFICATE
    assert "not issued by an authority this computer trusts" in last.message
    assert dovecot_tls.login_attempts().total == 0


def test_starttls_when_the_entry_asks_for_it(make_dovecot: DovecotFactory,
                                            sessions: Callable[..., Session]) -> None:
    dovecot = make_dovecot(mode="starttls")
    watch = sessions(imap_server(dovecot), dovecot.user.name, dovecot.user.password)
    watch.wait_for(lambda ev: bool(watch.counts()), "first count")


@pytest.mark.parametrize("tls", [TlsMode.STARTTLS, TlsMode.IMPLICIT])
def test_no_plaintext_fallback(make_dovecot: DovecotFactory, sessions: Callable[..., Session],
                               tls: TlsMode) -> None:
    dovecot = make_dovecot(mode="plain")  # offers neither TLS nor STARTTLS
    ca = make_dovecot(mode="tls").ca_file
    server = ImapServer(dovecot.host, dovecot.port, tls, ca_file=str(ca))
    last = sessions(server, dovecot.user.name, dovecot.user.password).last()
    assert isinstance(last, ConnectionLost)
    assert last.problem is Problem.TLS
    assert ("offers no secure connection (STARTTLS), so the password was not sent"
            in last.message) is (tls is TlsMode.STARTTLS)
    assert dovecot.login_attempts().total == 0


def test_unreachable_server(sessions: Callable[..., Session]) -> None:
    port = free_port()  # nothing listens there
    last = sessions(ImapServer("127.0.0.1", port), "jan", "x").last()
    assert last == ConnectionLost(Problem.UNREACHABLE,
                                  f"The mail server 127.0.0.1 (port {port}) cannot be reached.")


def test_killed_server_is_a_lost_connection(dovecot_tls: Dovecot,
                                            sessions: Callable[..., Session]) -> None:
    watch = sessions(imap_server(dovecot_tls), dovecot_tls.user.name, dovecot_tls.user.password)
    watch.wait_for(lambda ev: bool(watch.counts()), "first count")
    dovecot_tls.kill()
    last = watch.last()
    assert isinstance(last, ConnectionLost)
    assert last.problem is Problem.LOST


def test_stop_while_idling_returns_promptly(dovecot_tls: Dovecot,
                                           sessions: Callable[..., Session]) -> None:
    watch = sessions(imap_server(dovecot_tls), dovecot_tls.user.name, dovecot_tls.user.password)
    watch.wait_for(lambda ev: bool(watch.counts()), "first count")
    took = watch.stop()  # asserts that it ended; how fast is measured, not asserted
    print(f"stop while idling took {took * 1000:.0f} ms")
    assert watch.events[-1] == Closed()


@pytest.mark.parametrize("password", ["wachtwoord-éüß", 'met "aanhalingstekens" en \\'])
def test_passwords_with_unusual_characters(make_dovecot: DovecotFactory,
                                           sessions: Callable[..., Session],
                                           password: str) -> None:
    dovecot = make_dovecot(mode="tls")
    user = dovecot.add_user("marie", password)
    watch = sessions(imap_server(dovecot), user.name, user.password)
    watch.wait_for(lambda ev: bool(watch.counts()), "first count")
    assert dovecot.login_attempts(user).succeeded >= 1


def test_idle_ends_and_is_issued_again(dovecot_tls: Dovecot) -> None:
    """Each IDLE ends with DONE when its time is up (29 minutes in the app), and the next one
    works on the same connection."""
    never = threading.Event()
    with MailboxSession(imap_server(dovecot_tls), never.is_set) as session:
        session.login(dovecot_tls.user.name, dovecot_tls.user.password)
        session.open_inbox()
        assert session.uses_idle
        for _ in range(3):
            session.wait_for_change(0.3)  # no change: it simply runs out
            assert session.status()[0] == 0
        # Delivered while it idles, or just before: either way the IDLE hears of it.
        delivery = threading.Thread(target=dovecot_tls.deliver, args=("Tijdens IDLE",))
        delivery.start()
        session.wait_for_change(600)  # ends because the message came
        delivery.join()
        assert session.status()[0] == 1
