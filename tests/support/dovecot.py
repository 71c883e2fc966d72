"""A real Dovecot 2.3 IMAP server on 127.0.0.1 for tests (Debian package dovecot-imapd).

`dovecot -F -c CONF` with a config, a passwd-file, maildirs, logs and runtime files all in the
test's tmp dir, on a free port: nothing touches /etc or /var. Passwords are made at run time.

Modes: "plain" (no TLS, plaintext LOGIN allowed on loopback: what Roundcube talks to), "tls"
(implicit TLS, 993-style) and "starttls" (plain port that offers STARTTLS and refuses LOGIN
before it). TLS certificates come from a test CA made at run time (tests/support/mail_tls.py).

Dovecot's login processes refuse to run as root, and it refuses mail access as uid 0. When the
tests run as root, the master still runs as the current user, and hands the child processes
to Debian's own unprivileged users (dovenull, dovecot); each mail folder is then a chroot, so
the tmp dir's private parents need not be opened up.
"""

from __future__ import annotations

import contextlib
import imaplib
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Literal

import pytest

from tests.conftest import require_service
from tests.support.mail_tls import CertFiles, TestCA

Mode = Literal["plain", "tls", "starttls"]
HOST = "127.0.0.1"
DEFAULT_CERT_NAMES = ("localhost", HOST)
_PROBE_USER = "probe"  # the fixture's own logins, never counted for a test's user
# Post-login capabilities of Dovecot 2.3 without IDLE: a server that must be polled.
_NO_IDLE_CAPABILITY = ("IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE SORT SORT=DISPLAY THREAD=REFS "
                       "MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN NAMESPACE UIDPLUS "
                       "LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ESORT SEARCHRES "
                       "WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE SNIPPET=FUZZY LITERAL+ "
                       "NOTIFY SPECIAL-USE")


def dovecot_binary() -> str | None:
    found = shutil.which("dovecot") or ("/usr/sbin/dovecot"
                                        if os.access("/usr/sbin/dovecot", os.X_OK) else None)
    return found if found and Path("/usr/lib/dovecot/imap").exists() else None


def require_dovecot() -> str:
    binary = dovecot_binary()
    require_service(binary is not None, "Dovecot (Debian package dovecot-imapd)")
    assert binary is not None
    return binary


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def wait_until(check: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError(f"gave up waiting for {what}")
        time.sleep(0.02)


def live_group_members(pgid: int) -> list[int]:
    """Processes of group `pgid` that still run. Zombies do not count: they hold no socket,
    and the machine's init may take a while to reap orphans."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[0] != "Z" and int(fields[2]) == pgid:
            members.append(int(stat.parent.name))
    return members


@dataclass(frozen=True)
class MailUser:
    name: str
    password: str = field(repr=False)


@dataclass(frozen=True)
class LoginAttempts:
    succeeded: int
    failed: int

    @property
    def total(self) -> int:
        return self.succeeded + self.failed


class _PinnedNameSSL(imaplib.IMAP4_SSL):
    """IMAP4_SSL that checks the certificate against `name` while connecting to 127.0.0.1."""

    def __init__(self, port: int, context: ssl.SSLContext, name: str) -> None:
        self._name = name
        super().__init__(HOST, port, ssl_context=context, timeout=10)

    def _create_socket(self, timeout: float | None) -> socket.socket:
        sock = socket.create_connection((self.host, self.port), timeout)
        context: ssl.SSLContext = self.ssl_context
        return context.wrap_socket(sock, server_hostname=self._name)


class Dovecot:
    """One Dovecot instance. `start()`, then use `user`, `port`, `ca_file` and the helpers."""

    def __init__(self, root: Path, *, mode: Mode = "plain", ca: TestCA | None = None,
                 cert_names: tuple[str, ...] = DEFAULT_CERT_NAMES, idle: bool = True,
                 auth_penalty: bool = False, user: str = "jan") -> None:
        self.binary = require_dovecot()
        self._log_start = 0  # login_attempts() counts from here (see count_from_now)
        self.root = root
        self.mode: Mode = mode
        self.idle = idle
        self.auth_penalty = auth_penalty
        self.port = free_port()
        self.host = HOST
        self._proc: subprocess.Popen[bytes] | None = None
        for sub in ("base", "state", "mail"):
            (root / sub).mkdir(parents=True, exist_ok=True)
        self.log_file = root / "dovecot.log"
        self.ca: TestCA | None = None
        self.cert: CertFiles | None = None
        if mode != "plain":
            self.ca = ca or TestCA(root / "tls")
            self.cert = self.ca.issue(cert_names, stem=f"dovecot-{self.port}")
        self._as_root = os.geteuid() == 0
        self._users: dict[str, MailUser] = {}
        self.user = self.add_user(user)
        self._probe = self.add_user(_PROBE_USER)
        self.config_file = root / "dovecot.conf"
        self.config_file.write_text(self._config(), encoding="utf-8")

    # --- set-up ----------------------------------------------------------------------------

    @property
    def ca_file(self) -> Path | None:
        return self.ca.cert_file if self.ca else None

    def add_user(self, name: str, password: str | None = None) -> MailUser:
        """A mailbox with a fresh random password; Dovecot rereads the passwd-file itself."""
        user = MailUser(name, password or secrets.token_urlsafe(18))
        self._users[name] = user
        folder = self.root / "mail" / name
        folder.mkdir(exist_ok=True)
        if self._as_root:
            import pwd  # POSIX only; Dovecot tests only run where Dovecot does

            mail_owner = pwd.getpwnam("dovecot")
            os.chown(folder, mail_owner.pw_uid, mail_owner.pw_gid)
        self._write_passwd()
        return user

    def set_password(self, password: str, user: MailUser | None = None) -> MailUser:
        """The user's password changes on the server (as at the provider's own site): the old
        one stops working at the next login. Returns the user with the new password."""
        name = (user or self.user).name
        changed = MailUser(name, password)
        self._users[name] = changed
        if self.user.name == name:
            self.user = changed
        self._write_passwd()
        return changed

    def _write_passwd(self) -> None:
        lines = [f"{u.name}:{{PLAIN}}{u.password}::::::\n" for u in self._users.values()]
        passwd = self.root / "passwd"
        # Dovecot looks at the file at most once a second and rereads it when its mtime (whole
        # seconds) changed. So a rewrite within the second of the last one gets its time moved
        # back a second (a time in the future makes Dovecot wait for it), and the new file
        # counts from the next second on, when Dovecot's next look is sure to see it.
        before = int(passwd.stat().st_mtime) if passwd.exists() else 0
        written = int(time.time())
        passwd.write_text("".join(lines), encoding="utf-8")
        passwd.chmod(0o600)
        if int(passwd.stat().st_mtime) == before:
            os.utime(passwd, (before - 1, before - 1))
        if self._proc is not None:
            wait_until(lambda: int(time.time()) > written, 2, "the next second")

    def _config(self) -> str:
        import pwd

        root, port = self.root, self.port
        if self._as_root:
            owner = pwd.getpwnam("dovecot")
            users = ("default_login_user = dovenull\ndefault_internal_user = dovecot\n"
                     f"first_valid_uid = {owner.pw_uid}\n"
                     f"mail_chroot = {root}/mail/%u\n")
            userdb = f"uid={owner.pw_uid} gid={owner.pw_gid} home=/"
            auth_service = "service auth {\n  user = root\n}\n"
        else:
            import grp

            me = pwd.getpwuid(os.getuid()).pw_name
            group = grp.getgrgid(os.getgid()).gr_name
            users = (f"default_login_user = {me}\ndefault_internal_user = {me}\n"
                     f"default_internal_group = {group}\nfirst_valid_uid = {os.getuid()}\n"
                     f"first_valid_gid = {os.getgid()}\n")
            userdb = f"uid={os.getuid()} gid={os.getgid()} home={root}/mail/%u"
            auth_service = ""
        if self.mode == "plain":
            tls = "ssl = no\ndisable_plaintext_auth = no\n"
        else:
            assert self.cert is not None
            tls = (f"ssl = {'required' if self.mode == 'tls' else 'yes'}\n"
                   "disable_plaintext_auth = yes\n"
                   f"ssl_cert = <{self.cert.cert}\nssl_key = <{self.cert.key}\n"
                   "ssl_min_protocol = TLSv1.2\n")
        plain_port, tls_port = (0, port) if self.mode == "tls" else (port, 0)
        capability = "" if self.idle else f"imap_capability = {_NO_IDLE_CAPABILITY}\n"
        # Dovecot delays every login from an address after a failure there (2, 4, 8, 15 s),
        # good ones too; off unless a test wants it, so one wrong password costs one test
        # Dovecot's usual 2 s failure delay and no more. Mode 0 is how Dovecot disables it.
        penalty = "" if self.auth_penalty else (
            "service anvil {\n  unix_listener anvil-auth-penalty {\n    mode = 0\n  }\n}\n")
        return f"""# written by tests/support/dovecot.py
protocols = imap
listen = {HOST}
base_dir = {root}/base
state_dir = {root}/state
instance_name = znd-test-{port}
log_path = {self.log_file}
info_log_path = {self.log_file}
auth_verbose = yes
auth_mechanisms = plain login
{users}{tls}{capability}mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  mailbox Drafts {{
    special_use = \\Drafts
    auto = subscribe
  }}
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
  mailbox Trash {{
    special_use = \\Trash
    auto = subscribe
  }}
}}
passdb {{
  driver = passwd-file
  args = {root}/passwd
}}
userdb {{
  driver = static
  args = {userdb}
}}
{auth_service}{penalty}service imap-login {{
  chroot =
  inet_listener imap {{
    address = {HOST}
    port = {plain_port}
  }}
  inet_listener imaps {{
    address = {HOST}
    port = {tls_port}
    ssl = yes
  }}
}}
"""

    # --- process ---------------------------------------------------------------------------

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc and self._proc.poll() is None else None

    def start(self, timeout: float = 15.0) -> Dovecot:
        if self.pid is not None:
            return self
        out = (self.root / "dovecot.stdout").open("ab")
        try:
            self._proc = subprocess.Popen([self.binary, "-F", "-c", str(self.config_file)],
                                          stdin=subprocess.DEVNULL, stdout=out,
                                          stderr=subprocess.STDOUT, start_new_session=True)
        finally:
            out.close()
        self.wait_ready(timeout)
        return self

    def wait_ready(self, timeout: float = 15.0) -> None:
        """Until a client gets Dovecot's greeting, or raise with Dovecot's own words."""
        deadline = time.monotonic() + timeout
        while True:
            if self._proc is None or self._proc.poll() is not None:
                raise RuntimeError(f"Dovecot did not start:\n{self._tail()}")
            try:
                self._client().logout()
                return
            except (OSError, imaplib.IMAP4.error):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Dovecot not ready on port {self.port}:\n"
                                       f"{self._tail()}") from None
                time.sleep(0.05)

    def _tail(self) -> str:
        texts = [p.read_text(errors="replace")[-3000:]
                 for p in (self.root / "dovecot.stdout", self.log_file) if p.exists()]
        return "\n".join(texts)

    def stop(self, timeout: float = 10.0) -> None:
        """A clean stop by PID (SIGTERM); the whole process group is killed if it hangs.

        Dovecot 2.3's master takes about two seconds over it, whatever it was doing."""
        proc = self._proc
        if proc is None:
            return
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout)
        self._end_group(proc)

    def kill(self) -> None:
        """As a crash or a pulled plug: every Dovecot process dies at once, mid-session."""
        if self._proc is not None:
            self._end_group(self._proc)

    def restart(self, timeout: float = 15.0) -> Dovecot:
        """Stop (if running) and start again on the same port with the same mailboxes."""
        self.stop()
        return self.start(timeout)

    def _end_group(self, proc: subprocess.Popen[bytes]) -> None:
        """SIGKILL what is left of the process group (the master's children included), reap
        the master, and wait until no member is left."""
        pgid = proc.pid
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pgid, signal.SIGKILL)
        proc.wait(5)

        wait_until(lambda: not live_group_members(pgid), 5, f"Dovecot's processes ({pgid})")
        self._proc = None

    # --- a client of the fixture's own -----------------------------------------------------

    def client_context(self) -> ssl.SSLContext:
        """Verifies against the test CA only, as a careful client does."""
        return ssl.create_default_context(cafile=str(self.ca_file))

    def _client(self) -> imaplib.IMAP4:
        if self.mode == "tls":
            assert self.cert is not None
            return _PinnedNameSSL(self.port, self.client_context(), self.cert.names[0])
        conn = imaplib.IMAP4(HOST, self.port, timeout=10)
        if self.mode == "starttls":
            conn.starttls(self.client_context())
        return conn

    @contextlib.contextmanager
    def session(self, user: MailUser | None = None) -> Iterator[imaplib.IMAP4]:
        """A logged-in helper connection (never the client under test)."""
        user = user or self.user
        conn = self._client()
        try:
            conn.login(user.name, user.password)
            yield conn
        finally:
            with contextlib.suppress(OSError, imaplib.IMAP4.error):
                conn.logout()

    def deliver(self, subject: str, sender_name: str = "Piet de Vries",
                sender: str = "piet@example.nl", body: str = "Hallo!\n",
                user: MailUser | None = None, seen: bool = False) -> int:
        """Put a message into INBOX with APPEND, as delivery would; returns its UID."""
        user = user or self.user
        msg = EmailMessage()
        msg["From"] = f"{sender_name} <{sender}>" if sender_name else sender
        msg["To"] = f"{user.name}@example.nl"
        msg["Subject"] = subject
        msg["Date"] = formatdate(localtime=True)
        msg["Message-ID"] = make_msgid(domain="example.nl")
        msg.set_content(body)
        with self.session(user) as conn:
            typ, data = conn.append("INBOX", "(\\Seen)" if seen else None, None, msg.as_bytes())
        match = re.search(rb"APPENDUID \d+ (\d+)", data[-1] or b"")
        if typ != "OK" or match is None:
            raise RuntimeError(f"APPEND failed: {typ} {data!r}")
        return int(match.group(1))

    def mark_seen(self, uids: list[int] | None = None, user: MailUser | None = None) -> None:
        """Mark the given messages (default: all of INBOX) read, as another mail app would."""
        with self.session(user) as conn:
            conn.select("INBOX")
            which = ",".join(str(u) for u in uids) if uids else "1:*"
            conn.uid("STORE", which, "+FLAGS.SILENT", "(\\Seen)")

    def empty_inbox(self, user: MailUser | None = None) -> None:
        """Delete every message of INBOX, as a reset between tests."""
        with self.session(user) as conn:
            conn.select("INBOX")
            _, data = conn.uid("SEARCH", "ALL")
            if (data[0] or b"").split():
                conn.uid("STORE", "1:*", "+FLAGS.SILENT", "(\\Deleted)")
                conn.expunge()

    def unread(self, user: MailUser | None = None) -> int:
        with self.session(user) as conn:
            _, data = conn.status("INBOX", "(UNSEEN)")
        match = re.search(rb"UNSEEN (\d+)", data[0] or b"")
        assert match is not None
        return int(match.group(1))

    # --- what the server saw ---------------------------------------------------------------

    def log_text(self) -> str:
        return self.log_file.read_text(errors="replace") if self.log_file.exists() else ""

    def _barrier(self) -> None:
        """Log in as the probe user and wait for that line: attempts made before it that are
        still on their way to the log file are in it by then."""
        if self.pid is None:
            return
        before = self.log_text().count(f"Login: user=<{_PROBE_USER}>")
        with self.session(self._probe):
            pass
        wait_until(lambda: self.log_text().count(f"Login: user=<{_PROBE_USER}>") > before,
                   5, "Dovecot's log")

    def count_from_now(self) -> None:
        """login_attempts() counts only what comes after this (a server shared by tests)."""
        self._barrier()
        self._log_start = len(self.log_text())

    def login_attempts(self, user: MailUser | None = None) -> LoginAttempts:
        """Logins Dovecot logged for `user` (auth_verbose) since count_from_now(), counted
        after a barrier. A webmail logs in to IMAP on each of its requests, so `succeeded`
        counts those too; `failed` is what a wrong password costs."""
        name = (user or self.user).name
        self._barrier()
        text = self.log_text()[self._log_start:]
        succeeded = len(re.findall(rf"-login: Info: Login: user=<{re.escape(name)}>", text))
        failed = len(re.findall(
            rf"auth: Info: [\w-]+\({re.escape(name)},[^)]*\): (?:Password mismatch|unknown user)",
            text))
        return LoginAttempts(succeeded, failed)


# --- pytest fixtures -------------------------------------------------------------------------

DovecotFactory = Callable[..., Dovecot]


@pytest.fixture
def make_dovecot(tmp_path: Path) -> Iterator[DovecotFactory]:
    """Start Dovecots with options (mode, idle, cert_names, ca); all are stopped afterwards."""
    servers: list[Dovecot] = []

    def make(**options: object) -> Dovecot:
        server = Dovecot(tmp_path / f"dovecot{len(servers)}", **options)  # type: ignore[arg-type]
        servers.append(server)
        return server.start()

    yield make
    for server in servers:
        server.kill()  # the tmp dir goes too; a clean stop would only cost a second each


@pytest.fixture
def dovecot(make_dovecot: DovecotFactory) -> Dovecot:
    """Plaintext on loopback: what the test Roundcube talks to."""
    return make_dovecot(mode="plain")


@pytest.fixture
def dovecot_tls(make_dovecot: DovecotFactory) -> Dovecot:
    """Implicit TLS with a certificate for localhost and 127.0.0.1 from a test CA."""
    return make_dovecot(mode="tls")
