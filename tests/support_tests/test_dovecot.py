"""The Dovecot fixture is a real IMAP server: logins, TLS a verifying client trusts only through
the test CA, a wrong-name certificate, STARTTLS, no IDLE on request, and restarts that keep mail."""

from __future__ import annotations

import imaplib
import re
import socket
import ssl

import pytest

from tests.support.dovecot import HOST, Dovecot, DovecotFactory, MailUser


def capabilities_after_login(conn: imaplib.IMAP4) -> set[str]:
    _, data = conn.capability()
    return set((data[-1] or b"").decode().upper().split())


def test_plaintext_login_delivery_and_seen(dovecot: Dovecot) -> None:
    conn = imaplib.IMAP4(HOST, dovecot.port, timeout=10)
    typ, _ = conn.login(dovecot.user.name, dovecot.user.password)
    assert typ == "OK"
    conn.logout()

    first = dovecot.deliver("Factuur december", sender_name="Gemeente Goes")
    second = dovecot.deliver("Verjaardag")
    assert second > first
    assert dovecot.unread() == 2
    dovecot.mark_seen([first])
    assert dovecot.unread() == 1

    with dovecot.session() as helper:
        helper.select("INBOX", readonly=True)
        _, data = helper.uid("FETCH", str(first), "(BODY.PEEK[HEADER.FIELDS (FROM SUBJECT)])")
    header = data[0][1].decode()
    assert "Gemeente Goes" in header
    assert "Factuur december" in header


def test_each_login_attempt_is_counted(dovecot: Dovecot) -> None:
    before = dovecot.login_attempts()
    with pytest.raises(imaplib.IMAP4.error, match="AUTHENTICATIONFAILED"), \
            dovecot.session(MailUser(dovecot.user.name, "not-the-password")):
        pass
    with dovecot.session():
        pass
    after = dovecot.login_attempts()
    assert after.failed == before.failed + 1
    assert after.succeeded == before.succeeded + 1
    assert "not-the-password" not in dovecot.log_text()


def test_tls_is_trusted_through_the_test_ca_only(dovecot_tls: Dovecot) -> None:
    with pytest.raises(ssl.SSLCertVerificationError, match="certificate verify failed"):
        imaplib.IMAP4_SSL(HOST, dovecot_tls.port, ssl_context=ssl.create_default_context(),
                          timeout=10)
    conn = imaplib.IMAP4_SSL(HOST, dovecot_tls.port, ssl_context=dovecot_tls.client_context(),
                             timeout=10)
    assert conn.login(dovecot_tls.user.name, dovecot_tls.user.password)[0] == "OK"
    conn.logout()


def test_plain_port_is_closed_in_tls_mode(dovecot_tls: Dovecot) -> None:
    """Implicit TLS: a client that speaks plain IMAP gets no greeting it could send a password
    to."""
    with socket.create_connection((HOST, dovecot_tls.port), timeout=10) as sock:
        sock.sendall(b"a LOGIN x y\r\n")
        sock.settimeout(10)
        answer = sock.recv(200)
    assert not answer.startswith(b"* OK")


def test_a_certificate_for_another_name_is_refused(make_dovecot: DovecotFactory) -> None:
    server = make_dovecot(mode="tls", cert_names=("mail.other.test",))
    with pytest.raises(ssl.SSLCertVerificationError, match="mismatch, certificate is not valid"):
        imaplib.IMAP4_SSL(HOST, server.port, ssl_context=server.client_context(), timeout=10)
    # The server itself is fine for a client that asks for its name: the fixture does.
    assert server.deliver("Hallo") == 1
    assert server.login_attempts().failed == 0


def test_starttls_mode(make_dovecot: DovecotFactory) -> None:
    # Dovecot counts loopback as secure, so it would take LOGIN before STARTTLS here: a client
    # that must not send a password in the clear has to refuse by itself.
    server = make_dovecot(mode="starttls")
    conn = imaplib.IMAP4(HOST, server.port, timeout=10)
    assert "STARTTLS" in conn.capabilities
    conn.starttls(server.client_context())
    assert conn.login(server.user.name, server.user.password)[0] == "OK"
    conn.logout()


def test_idle_can_be_left_out(make_dovecot: DovecotFactory) -> None:
    with_idle = make_dovecot(mode="tls")
    without = make_dovecot(mode="tls", idle=False)
    with with_idle.session() as conn:
        assert "IDLE" in capabilities_after_login(conn)
    with without.session() as conn:
        caps = capabilities_after_login(conn)
    assert "IDLE" not in caps
    assert "IMAP4REV1" in caps


def test_restart_keeps_the_mailbox_and_the_port(dovecot_tls: Dovecot) -> None:
    dovecot_tls.deliver("Een")
    port = dovecot_tls.port
    dovecot_tls.restart()
    assert dovecot_tls.port == port
    assert dovecot_tls.unread() == 1


def test_kill_drops_open_connections_and_start_comes_back(dovecot_tls: Dovecot) -> None:
    dovecot_tls.deliver("Een")
    with dovecot_tls.session() as conn:
        conn.select("INBOX", readonly=True)
        dovecot_tls.kill()
        assert dovecot_tls.pid is None
        with pytest.raises((imaplib.IMAP4.abort, OSError)):
            conn.noop()
    with pytest.raises(OSError):
        socket.create_connection((HOST, dovecot_tls.port), timeout=5).close()
    dovecot_tls.start()
    assert dovecot_tls.unread() == 1


def test_clean_stop_leaves_no_process(make_dovecot: DovecotFactory) -> None:
    server = make_dovecot(mode="plain")
    pid = server.pid
    assert pid is not None
    server.stop()
    assert server.pid is None
    with pytest.raises(OSError):
        socket.create_connection((HOST, server.port), timeout=5).close()
    assert re.search(r"master: Warning: Killed with signal 15", server.log_text())
