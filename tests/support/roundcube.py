"""A real Roundcube 1.6 webmail on 127.0.0.1 for tests (Debian roundcube-core, php-cli).

`ROUNDCUBE_CONFIG_DIR=DIR php -S 127.0.0.1:PORT -t /usr/share/roundcube` with a config.inc.php
written per test: a sqlite database made from Roundcube's own schema, IMAP on the test's
Dovecot (tests/support/dovecot.py), logs and temp files in the tmp dir, log_logins on, a short
refresh interval and a des_key made at run time. Facts it shows (TESTING.md): a failed login is
HTTP 401; the inbox's title gets "(N)" (from its script) when N are unread.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import sqlite3
import string
import subprocess
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.conftest import require_service
from tests.support.dovecot import (
    HOST,
    Dovecot,
    LoginAttempts,
    MailUser,
    free_port,
    live_group_members,
    require_dovecot,
    wait_until,
)

ROUNDCUBE_ROOT = Path("/usr/share/roundcube")
ETC = Path("/etc/roundcube")
_PHPValue = str | int | bool | Sequence[Any] | Mapping[str, Any] | None


def roundcube_available() -> bool:
    php = shutil.which("php")
    if php is None or not (ROUNDCUBE_ROOT / "index.php").exists():
        return False
    if not (ETC / "defaults.inc.php").exists():
        return False
    modules = subprocess.run([php, "-m"], capture_output=True, text=True, check=False).stdout
    return "pdo_sqlite" in modules.split()


def require_roundcube() -> None:
    require_service(roundcube_available(),
                    "Roundcube (Debian packages roundcube-core roundcube-sqlite3 php-cli "
                    "php-sqlite3)")


def _php(value: _PHPValue) -> str:
    """A PHP literal for a config value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    if isinstance(value, Mapping):
        return "[" + ", ".join(f"{_php(k)} => {_php(v)}" for k, v in value.items()) + "]"
    return "[" + ", ".join(_php(v) for v in value) + "]"


class Roundcube:
    """One Roundcube served by PHP's built-in server; `start()`, then `base_url`."""

    def __init__(self, root: Path, imap: Dovecot, *, refresh_interval: int = 5,
                 session_lifetime_minutes: int = 10, login_rate_limit: int = 3,
                 extra_config: Mapping[str, _PHPValue] | None = None) -> None:
        require_roundcube()
        self.root = root
        self.imap = imap
        self.port = free_port()
        self._proc: subprocess.Popen[bytes] | None = None
        self._userlogins_start = 0  # login_attempts() counts from here (see reset)
        self.config_dir = root / "config"
        self.log_dir = root / "logs"
        for folder in (self.config_dir, self.log_dir, root / "temp"):
            folder.mkdir(parents=True, exist_ok=True)
        for name in ("defaults.inc.php", "mimetypes.php"):
            link = self.config_dir / name
            if not link.exists():
                link.symlink_to(ETC / name)
        self.database = root / "roundcube.db"
        with contextlib.closing(sqlite3.connect(self.database)) as db:
            db.executescript((ROUNDCUBE_ROOT / "SQL" / "sqlite.initial.sql").read_text())
            db.commit()
        alphabet = string.ascii_letters + string.digits
        config: dict[str, _PHPValue] = {
            "db_dsnw": f"sqlite:///{self.database}?mode=0600",
            "log_driver": "file",
            "log_dir": f"{self.log_dir}/",
            "temp_dir": f"{root / 'temp'}/",
            "log_logins": True,
            "des_key": "".join(secrets.choice(alphabet) for _ in range(24)),
            "plugins": [],
            "skin": "elastic",
            "enable_spellcheck": False,
            "enable_installer": False,
            "refresh_interval": refresh_interval,
            "min_refresh_interval": min(refresh_interval, 60),
            "session_lifetime": session_lifetime_minutes,
            "login_rate_limit": login_rate_limit,
            "smtp_host": "",
            "product_name": "Roundcube Webmail",
            **self._imap_config(),
            **(extra_config or {}),
        }
        lines = ["<?php", "// written by tests/support/roundcube.py", "$config = [];"]
        lines += [f"$config[{_php(key)}] = {_php(value)};" for key, value in config.items()]
        (self.config_dir / "config.inc.php").write_text("\n".join(lines) + "\n")

    def _imap_config(self) -> dict[str, _PHPValue]:
        server = f"{HOST}:{self.imap.port}"
        if self.imap.mode == "plain":
            return {"imap_host": server}
        assert self.imap.cert is not None
        tls: dict[str, _PHPValue] = {"cafile": str(self.imap.ca_file), "verify_peer": True,
                                     "verify_peer_name": True,
                                     "peer_name": self.imap.cert.names[0]}
        scheme = "ssl" if self.imap.mode == "tls" else "tls"
        return {"imap_host": f"{scheme}://{server}", "imap_conn_options": {"ssl": tls}}

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    def provider_entry(self, provider_id: str = "roundcube",
                       name: str = "Roundcube (test)") -> dict[str, Any]:
        """An entry for the app's providers.json (its profile's config folder)."""
        entry: dict[str, Any] = {"id": provider_id, "name": name, "start_url": self.base_url,
                                 "allowed_hosts": [HOST]}
        if self.imap.mode != "plain":
            assert self.imap.cert is not None
            entry["imap"] = {"host": HOST, "port": self.imap.port,
                             "tls": "implicit" if self.imap.mode == "tls" else "starttls",
                             "ca_file": str(self.imap.ca_file)}
        return entry

    def write_providers_json(self, config_dir: Path, **entry_options: str) -> Path:
        """Add (or replace) this Roundcube in `config_dir`/providers.json."""
        path = config_dir / "providers.json"
        data: dict[str, Any] = (json.loads(path.read_text()) if path.exists()
                                else {"version": 1, "providers": []})
        entry = self.provider_entry(**entry_options)
        data["providers"] = [p for p in data["providers"] if p.get("id") != entry["id"]]
        data["providers"].append(entry)
        config_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=2))
        return path

    # --- process ---------------------------------------------------------------------------

    def start(self, timeout: float = 20.0) -> Roundcube:
        php = shutil.which("php")
        assert php is not None
        env = dict(os.environ, ROUNDCUBE_CONFIG_DIR=str(self.config_dir),
                   PHP_CLI_SERVER_WORKERS="3")
        out = (self.root / "php-server.log").open("ab")
        try:
            self._proc = subprocess.Popen(
                [php, "-d", "display_errors=0", "-d", "log_errors=1",
                 "-d", f"error_log={self.log_dir / 'php-errors.log'}",
                 "-S", f"{HOST}:{self.port}", "-t", str(ROUNDCUBE_ROOT)],
                env=env, cwd=self.root, stdin=subprocess.DEVNULL, stdout=out,
                stderr=subprocess.STDOUT, start_new_session=True)
        finally:
            out.close()
        deadline = time.monotonic() + timeout
        while True:
            if self._proc.poll() is not None:
                raise RuntimeError("php -S ended: "
                                   + (self.root / "php-server.log").read_text(errors="replace"))
            with contextlib.suppress(requests.RequestException):
                if requests.get(self.base_url, timeout=5).status_code == 200:
                    return self
            if time.monotonic() > deadline:
                raise RuntimeError(f"Roundcube did not answer on {self.base_url}")
            time.sleep(0.05)

    def stop(self) -> None:
        """SIGTERM by PID, then make sure no PHP worker of its group is left."""
        proc = self._proc
        if proc is None:
            return
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(5)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(5)
        wait_until(lambda: not live_group_members(proc.pid), 5, "PHP's workers to end")
        self._proc = None

    # --- state a test changes ---------------------------------------------------------------

    def _sql(self, *statements: str) -> None:
        with contextlib.closing(sqlite3.connect(self.database, timeout=10)) as db:
            for statement in statements:
                db.execute(statement)
            db.commit()

    def expire_sessions(self) -> None:
        """Every session ends on the server, as when its lifetime ran out: the page's next
        request (its own refresh) is answered "Your session is invalid or expired.\""""
        self._sql("DELETE FROM session")

    def reset(self) -> None:
        """Between tests on a shared Roundcube: no sessions, no login lock-out (three failures
        a minute lock the account, login_rate_limit), and login_attempts() from now."""
        self._sql("DELETE FROM session",
                  "UPDATE users SET failed_login = NULL, failed_login_counter = NULL")
        self._userlogins_start = len(self._userlogins())

    def requests_answered(self, fragment: str) -> int:
        """How many requests PHP's server answered whose method and address hold `fragment`
        ("POST /?_task=mail&_action=refresh": the page's own check for mail). It logs a
        request once it has been answered."""
        path = self.root / "php-server.log"
        text = path.read_text(errors="replace") if path.exists() else ""
        return sum(1 for line in re.findall(r"\[\d{3}\]: (.*)", text) if fragment in line)

    def signed_in_sessions(self) -> int:
        """Sessions on the server that belong to a signed-in user (a logout ends its own)."""
        import base64

        with contextlib.closing(sqlite3.connect(self.database, timeout=10)) as db:
            rows = db.execute("SELECT vars FROM session").fetchall()
        return sum(1 for (encoded,) in rows
                   if b"user_id|" in base64.b64decode(encoded or "", validate=False))

    def _userlogins(self) -> str:
        path = self.log_dir / "userlogins.log"
        return path.read_text(errors="replace") if path.exists() else ""

    # --- what it saw, and a client ---------------------------------------------------------

    def login_attempts(self, user: MailUser | None = None) -> LoginAttempts:
        """Logins Roundcube itself logged (log_logins) since reset(): its words, not Dovecot's.
        A sign-in is one "Successful login"; a refused one that never reached IMAP (a stale
        form token, the rate limit) is a "Failed login" here and nothing in Dovecot's log."""
        name = re.escape((user or self.imap.user).name)
        text = self._userlogins()[self._userlogins_start:]
        return LoginAttempts(len(re.findall(rf"Successful login for {name} ", text)),
                             len(re.findall(rf"Failed login for {name} ", text)))

    def login(self, session: requests.Session, user: str, password: str) -> requests.Response:
        """Sign in as a browser does: the login page's CSRF token, then the form POST."""
        page = session.get(self.base_url, timeout=10)
        token = re.search(r'name="_token" value="([^"]+)"', page.text)
        assert token is not None, "no login form on Roundcube's page"
        form = {"_token": token.group(1), "_task": "login", "_action": "login",
                "_timezone": "Europe/Amsterdam", "_url": "", "_user": user, "_pass": password}
        return session.post(self.base_url + "?_task=login", data=form, timeout=20)

    def unread_in_inbox_list(self, session: requests.Session, page: requests.Response) -> int:
        """The unread count the inbox's script puts into the title, from its list request."""
        token = re.search(r'"request_token":"([^"]+)"', page.text)
        assert token is not None, "not a signed-in Roundcube page"
        answer = session.get(self.base_url + "?_task=mail&_action=list&_mbox=INBOX&_remote=1",
                             headers={"X-Roundcube-Request": token.group(1)}, timeout=20)
        count = re.search(r'set_unread_count\(\\?"INBOX\\?",(\d+)', answer.text)
        assert count is not None, answer.text[:300]
        return int(count.group(1))


# --- pytest fixtures -------------------------------------------------------------------------

@dataclass
class MailServers:
    """A Dovecot and the Roundcube in front of it, shared by the tests of one module."""

    dovecot: Dovecot
    roundcube: Roundcube
    password: str = field(repr=False)  # the user's own; reset() puts it back

    @property
    def user(self) -> MailUser:
        return self.dovecot.user

    def reset(self) -> None:
        """The state a new test expects: the user's password as it was, an empty inbox, no
        webmail sessions or lock-out, and both login counts from zero."""
        if self.dovecot.user.password != self.password:
            self.dovecot.set_password(self.password)
        self.dovecot.empty_inbox()
        self.roundcube.reset()
        self.dovecot.count_from_now()


PROVIDER_ID = "roundcube"
PROVIDER_NAME = "Roundcube (test)"


def prepare_profile(profile_dir: Path, servers: MailServers, *, address: bool = True,
                    auto_login: bool = True, **more: Any) -> Path:
    """An app profile that chose this Roundcube (its providers.json points here), with the
    user's address remembered and automatic sign-in as given; `more`: further settings as
    {settings key name: value}. Returns the settings file; no password is put anywhere."""
    from zeelandnet_desktop import settings as keys
    from zeelandnet_desktop.settings import Settings

    servers.roundcube.write_providers_json(profile_dir / "config", provider_id=PROVIDER_ID,
                                           name=PROVIDER_NAME)
    path = profile_dir / "config" / "zeelandnet-desktop.ini"
    settings = Settings(path)
    settings.set(keys.WEBMAIL_PROVIDER, PROVIDER_ID)
    if address:
        settings.set(keys.WEBMAIL_ACCOUNTS, json.dumps({PROVIDER_ID: servers.user.name}))
    settings.set(keys.WEBMAIL_AUTO_LOGIN, auto_login)
    settings.set(keys.TRAY_HINT_SHOWN, True)  # no "still running in the tray" bubble
    for name, value in more.items():
        settings.set(getattr(keys, name), value)
    settings.sync()  # on disk before the app reads it
    return path


SHARED_REFRESH_SECONDS = 2  # Roundcube checks for mail (and its session) this often


def start_mail_servers(root: Path, **roundcube_options: Any) -> MailServers:
    require_dovecot()
    require_roundcube()
    imap = Dovecot(root / "dovecot", mode="plain").start()
    options: dict[str, Any] = {"refresh_interval": SHARED_REFRESH_SECONDS, **roundcube_options}
    try:
        webmail = Roundcube(root / "roundcube", imap, **options).start()
    except BaseException:
        imap.kill()
        raise
    return MailServers(imap, webmail, imap.user.password)


@pytest.fixture(scope="module")
def shared_mail_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MailServers]:
    """One Dovecot + Roundcube for a whole test module (starting them costs about a second;
    use `mail_servers`, which resets them for each test)."""
    servers = start_mail_servers(tmp_path_factory.mktemp("mail-servers"))
    yield servers
    servers.roundcube.stop()
    servers.dovecot.kill()


@pytest.fixture
def mail_servers(shared_mail_servers: MailServers) -> MailServers:
    shared_mail_servers.reset()
    return shared_mail_servers


RoundcubeFactory = Callable[..., Roundcube]


@pytest.fixture
def make_roundcube(tmp_path: Path) -> Iterator[RoundcubeFactory]:
    """Start Roundcubes on a given Dovecot (options as Roundcube's); all stopped afterwards."""
    started: list[Roundcube] = []

    def make(imap: Dovecot, **options: Any) -> Roundcube:
        webmail = Roundcube(tmp_path / f"roundcube{len(started)}", imap, **options)
        started.append(webmail)
        return webmail.start()

    yield make
    for webmail in started:
        webmail.stop()


@pytest.fixture
def roundcube(make_roundcube: RoundcubeFactory, dovecot: Dovecot) -> Roundcube:
    """Roundcube on a plaintext loopback Dovecot (the `dovecot` fixture), signed out."""
    return make_roundcube(dovecot)
