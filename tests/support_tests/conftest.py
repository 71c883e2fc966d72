"""The real mail servers' fixtures, for the tests that prove them."""

from tests.support.dovecot import dovecot, dovecot_tls, make_dovecot
from tests.support.roundcube import make_roundcube, roundcube

__all__ = ["dovecot", "dovecot_tls", "make_dovecot", "make_roundcube", "roundcube"]
