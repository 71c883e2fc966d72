"""A profile whose chosen webmail's mail server is a test Dovecot: the provider entry (in the
profile's own providers.json, as a user's override) names the server and trusts only the test's
CA, the address is remembered as after a sign-in, and the password is in a keyring.

Nothing turns certificate checks off: the app verifies the server against the CA file the entry
gives, exactly as it verifies mail.zeelandnet.nl against the system's authorities.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.support.dovecot import Dovecot
from zeelandnet_desktop import settings as keys
from zeelandnet_desktop.mail.credentials import SERVICE_NAME, Account
from zeelandnet_desktop.settings import Settings

PROVIDER = "zeelandnet"  # the shipped id, overridden: the app behaves as for ZeelandNet itself
DOMAIN = "zeelandnet.nl"


def address_of(dovecot: Dovecot) -> str:
    """The address a user signs in with; the server's login is the part before the @, as
    ZeelandNet's entry says."""
    return f"{dovecot.user.name}@{DOMAIN}"


def account_of(dovecot: Dovecot) -> Account:
    return Account(PROVIDER, address_of(dovecot))


def keyring_entry(dovecot: Dovecot) -> tuple[str, str]:
    """(service, user name) of the saved password, as the app's credential store writes it."""
    return (SERVICE_NAME, account_of(dovecot).username)


def provider_entry(dovecot: Dovecot, start_url: str = "http://127.0.0.1:9/",
                   host: str | None = None) -> dict[str, Any]:
    return {
        "id": PROVIDER,
        "name": "ZeelandNet webmail",
        "start_url": start_url,
        "allowed_hosts": ["127.0.0.1"],
        "imap": {"host": host or dovecot.host, "port": dovecot.port, "tls": "implicit",
                 "login": "local_part", "ca_file": str(dovecot.ca_file)},
    }


def prepare_profile(profile_dir: Path, dovecot: Dovecot, *, start_url: str = "http://127.0.0.1:9/",
                    host: str | None = None, **values: Any) -> Settings:
    """The provider file and the settings of a user who signed in and saved the password (the
    password itself goes into whichever keyring the test uses). Quiet hours off, Dutch."""
    config = profile_dir / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "providers.json").write_text(json.dumps(
        {"version": 1, "providers": [provider_entry(dovecot, start_url, host)]}),
        encoding="utf-8")
    settings = Settings(config / "zeelandnet-desktop.ini")
    settings.set(keys.WEBMAIL_PROVIDER, PROVIDER)
    settings.set_map_entry(keys.WEBMAIL_ACCOUNTS, PROVIDER, address_of(dovecot))
    settings.set(keys.WEBMAIL_AUTO_LOGIN, True)
    settings.set(keys.QUIET_HOURS, False)
    settings.set(keys.LANGUAGE, "nl")
    for name, value in values.items():
        settings.set(getattr(keys, name), value)
    settings.sync()
    return settings


def connections(dovecot: Dovecot) -> int:
    """The user's IMAP connections open on the server now, as Dovecot itself counts them
    (`doveadm who`); the fixture's own helper sessions are closed before its calls return."""
    import subprocess

    result = subprocess.run(["doveadm", "-c", str(dovecot.config_file), "who", "-1"],
                            capture_output=True, text=True, timeout=10, check=True)
    rows = [line.split() for line in result.stdout.splitlines()[1:]]
    return sum(1 for row in rows if row and row[0] == dovecot.user.name)
