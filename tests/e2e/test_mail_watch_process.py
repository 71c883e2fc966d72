"""The real app process with the mail watch on a real Dovecot (TLS, the test's CA trusted
through the provider entry): it watches and tells new mail without QtWebEngine ever being
loaded, and quits promptly with the IMAP session open (the wait is a hang guard, not a
timing; bench/ measures how long)."""

from __future__ import annotations

from pathlib import Path

from tests.support.app_process import app_env, log_text, start_app, stop, wait_for_log
from tests.support.dovecot import DovecotFactory, make_dovecot
from tests.support.filekeyring import write_keyring
from tests.support.mail_watch_profile import keyring_entry, prepare_profile

__all__ = ["make_dovecot"]  # the fixture


def mapped_files(pid: int) -> str:
    return Path(f"/proc/{pid}/maps").read_text(encoding="utf-8", errors="replace")


def test_the_real_app_watches_without_qtwebengine_and_quits_with_the_session_open(
        profile_dir: Path, make_dovecot: DovecotFactory, tmp_path: Path) -> None:
    dovecot = make_dovecot(mode="tls")
    dovecot.deliver("Welkom")
    prepare_profile(profile_dir, dovecot)
    env = app_env(**write_keyring(tmp_path / "keyring.json",
                                  {keyring_entry(dovecot): dovecot.user.password}))
    process = start_app(profile_dir, env=env)
    try:
        wait_for_log(profile_dir, "Mail watch: connected to 127.0.0.1", process)
        dovecot.deliver("Nieuw bericht", sender_name="Piet de Vries")
        wait_for_log(profile_dir, "Mail watch: 1 new message(s)", process)
        maps = mapped_files(process.pid)
        assert "libQt6Widgets" in maps  # the check reads the right process
        assert "WebEngine" not in maps
        assert dovecot.login_attempts().failed == 0
    finally:
        code = stop(process)  # SIGTERM, as a logout does, with the session in IDLE
    assert code == 0
    wait_for_log(profile_dir, "Stopped (exit code 0)")
    assert "Traceback" not in log_text(profile_dir)
