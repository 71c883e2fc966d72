"""The real app process against a real Roundcube 1.6 and Dovecot 2.3 on loopback, with the password
in the real Secret Service (gnome-keyring on the desktop pass's private bus) and the profile's
providers.json pointing at the local Roundcube. Login attempts are counted where they land:
Dovecot's log (a wrong password) and Roundcube's own login log (a sign-in).

What needs no typing runs here: a saved password that stopped working, expired sessions, the
user's logout (through the Webmail menu, driven with xdotool on the Xvfb display), and the
language the provider speaks. What needs typing or clicking in the page is in
tests/gui/test_roundcube_*.py.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend

from tests.conftest import require_service
from tests.support.app_process import app_env, log_text, start_app, stop, wait_for_log
from tests.support.roundcube import (
    PROVIDER_ID,
    PROVIDER_NAME,
    MailServers,
    mail_servers,
    prepare_profile,
    shared_mail_servers,
)
from zeelandnet_desktop.mail.credentials import SERVICE_NAME

__all__ = ["mail_servers", "shared_mail_servers"]  # fixtures

pytestmark = [pytest.mark.desktop,
              pytest.mark.skipif(not sys.platform.startswith("linux"),
                                 reason="Roundcube and Dovecot from Debian packages")]

LONG = 60.0


@pytest.fixture
def secret_service(mail_servers: MailServers) -> Iterator[KeyringBackend]:
    """The real Secret Service, left as it was found."""
    require_service("secrets" in os.environ.get("ZND_SERVICES", "").split(","),
                    "Secret Service (gnome-keyring)")
    from keyring.backends import SecretService

    backend = SecretService.Keyring()
    yield backend
    username = f"{PROVIDER_ID}:{mail_servers.user.name}"
    if backend.get_password(SERVICE_NAME, username) is not None:
        backend.delete_password(SERVICE_NAME, username)


def prepare(profile_dir: Path, servers: MailServers, backend: KeyringBackend, *,
            saved: str | None) -> None:
    """A profile that chose the local Roundcube, its address remembered, automatic sign-in on,
    and (if given) a password saved in the Secret Service."""
    prepare_profile(profile_dir, servers)
    if saved is not None:
        backend.set_password(SERVICE_NAME, f"{PROVIDER_ID}:{servers.user.name}", saved)


def launch(profile_dir: Path) -> subprocess.Popen[str]:
    # The app chooses its keyring itself, as it does for a user: no backend pinned.
    env = {k: v for k, v in app_env().items() if k != "PYTHON_KEYRING_BACKEND"}
    return start_app(profile_dir, "--webmail", env=env)


def visible_windows(name: str) -> list[str]:
    """Ids of the mapped X windows whose title holds `name` (xdotool on the Xvfb display)."""
    pattern = re.sub(r"([][().*+?^$|{}\\])", r"\\\1", name)  # xdotool takes a regex
    found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", pattern],
                           capture_output=True, text=True, timeout=10)
    return found.stdout.split()


def wait_for_window(name: str, process: subprocess.Popen[str], timeout: float = LONG) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        windows = visible_windows(name)
        if windows:
            return windows[0]
        if process.poll() is not None:
            break
        time.sleep(0.2)  # xdotool polled hard makes Xvfb refuse connections (TESTING.md)
    raise AssertionError(f"no window titled {name!r}")


@pytest.fixture(autouse=True)
def need_xdotool() -> None:
    require_service(shutil.which("xdotool") is not None, "xdotool (Debian package xdotool)")


@pytest.fixture(autouse=True)
def no_password_in_the_profile(profile_dir: Path, mail_servers: MailServers) -> Iterator[None]:
    passwords = {mail_servers.user.password}
    yield
    passwords.add(mail_servers.user.password)
    for path in [profile_dir / "logs" / "zeelandnet-desktop.log",
                 *profile_dir.rglob("*.ini")]:
        if path.exists():
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not any(password in text for password in passwords), path


# --- a saved password that stopped working ----------------------------------------------------

def test_a_saved_password_that_stopped_working_is_tried_twice_then_asked_for(
        profile_dir: Path, mail_servers: MailServers, secret_service: KeyringBackend) -> None:
    old = mail_servers.user.password
    prepare(profile_dir, mail_servers, secret_service, saved=old)
    mail_servers.dovecot.set_password("Nieuw-Wachtwoord-2026")  # changed at the provider's site
    app = launch(profile_dir)
    try:
        wait_for_log(profile_dir, "Webmail sign-in failed 2 times; asking the user", app)
        wait_for_window(f"Inloggen bij {PROVIDER_NAME}", app)
    finally:
        assert stop(app) == 0
    assert mail_servers.dovecot.login_attempts().failed == 2  # the first try and one retry
    assert mail_servers.roundcube.login_attempts().failed == 2
    assert mail_servers.roundcube.login_attempts().succeeded == 0

    # The next start asks at once and tries nothing by itself.
    forms = log_text(profile_dir).count("Webmail login form found")
    again = launch(profile_dir)
    try:
        wait_for_log(profile_dir, "Webmail login form found", again, count=forms + 1)
        wait_for_log(profile_dir, "Asking for the webmail password: the last sign-in did not work",
                     again)
        wait_for_window(f"Inloggen bij {PROVIDER_NAME}", again)
    finally:
        assert stop(again) == 0
    assert mail_servers.dovecot.login_attempts().failed == 2
    assert mail_servers.roundcube.login_attempts().total == 2


# --- sessions that expire, and the user's own logout ------------------------------------------

def signed_in_at_start(profile_dir: Path, servers: MailServers,
                       backend: KeyringBackend) -> subprocess.Popen[str]:
    prepare(profile_dir, servers, backend, saved=servers.user.password)
    app = launch(profile_dir)
    wait_for_log(profile_dir, "Signed in to webmail", app)
    return app


def test_every_expired_session_is_signed_in_again(
        profile_dir: Path, mail_servers: MailServers, secret_service: KeyringBackend) -> None:
    app = signed_in_at_start(profile_dir, mail_servers, secret_service)
    try:
        for signed_in in (2, 3):  # twice in one run
            mail_servers.roundcube.expire_sessions()
            # Roundcube's own refresh finds the session gone and shows "Your session is
            # invalid or expired." on its login page; the app signs in again from there.
            wait_for_log(profile_dir, "Signed in to webmail", app, count=signed_in)
        assert mail_servers.roundcube.signed_in_sessions() == 1
    finally:
        assert stop(app) == 0
    assert mail_servers.roundcube.login_attempts().succeeded == 3
    assert mail_servers.roundcube.login_attempts().failed == 0
    assert mail_servers.dovecot.login_attempts().failed == 0


def classes_shown() -> set[str]:
    """Every mapped X window, named or not (a menu's pop-up has no name)."""
    found = subprocess.run(["xdotool", "search", "--onlyvisible", "--class", "."],
                           capture_output=True, text=True, timeout=10)
    return set(found.stdout.split())


def press(*keys: str) -> None:
    subprocess.run(["xdotool", "key", *keys], check=True, timeout=10)


def choose_from_the_webmail_menu(window: str, mnemonic: str) -> None:
    """What a keyboard user does: Alt+M opens Webmail, the item's underlined letter picks it."""
    subprocess.run(["xdotool", "windowfocus", "--sync", window], check=True, timeout=10)
    before = classes_shown()
    press("alt+m")
    deadline = time.monotonic() + 10
    while not classes_shown() - before:  # the menu's pop-up is up
        assert time.monotonic() < deadline, "the Webmail menu did not open"
        time.sleep(0.1)
    press(mnemonic)


def test_logout_from_the_webmail_menu_sticks_until_the_next_start(
        profile_dir: Path, mail_servers: MailServers, secret_service: KeyringBackend) -> None:
    app = signed_in_at_start(profile_dir, mail_servers, secret_service)
    try:
        window = wait_for_window(" — ZeelandNet", app)  # "<page title> — ZeelandNet"
        forms = log_text(profile_dir).count("Webmail login form found")
        choose_from_the_webmail_menu(window, "u")  # Webmail → Uitloggen
        wait_for_log(profile_dir, "Signed out of webmail", app)
        wait_for_log(profile_dir, "Webmail login form found", app, count=forms + 1)
        assert mail_servers.roundcube.signed_in_sessions() == 0  # Roundcube did sign out
        press("F5")  # the webmail reloads: its login page again, and nobody signs in
        wait_for_log(profile_dir, "Webmail login form found", app, count=forms + 2)
    finally:
        assert stop(app) == 0
    assert log_text(profile_dir).count("Signed in to webmail") == 1
    assert mail_servers.roundcube.login_attempts().succeeded == 1

    again = launch(profile_dir)  # automatic sign-in is on: the next start signs in
    try:
        wait_for_log(profile_dir, "Signed in to webmail", again, count=2)
    finally:
        assert stop(again) == 0
    assert mail_servers.roundcube.login_attempts().succeeded == 2


# --- the provider speaks Dutch ---------------------------------------------------------------

def test_roundcube_comes_up_in_dutch(profile_dir: Path, mail_servers: MailServers,
                                     secret_service: KeyringBackend) -> None:
    prepare(profile_dir, mail_servers, secret_service, saved=None)
    app = launch(profile_dir)
    try:
        wait_for_log(profile_dir, "Webmail login form found", app)
        # The login page's own words, from the Accept-Language the app sends.
        wait_for_window("Welkom bij Roundcube Webmail", app)
    finally:
        assert stop(app) == 0
