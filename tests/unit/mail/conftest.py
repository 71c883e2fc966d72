"""The real mail servers (tests/support/dovecot.py, roundcube.py) for the mail tests."""

from tests.support.dovecot import dovecot, dovecot_tls, make_dovecot

__all__ = ["dovecot", "dovecot_tls", "make_dovecot"]
