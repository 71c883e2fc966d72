"""The keyring store and the fill rule: every keyring failure in words, never a password in a
message, and credentials only for the provider's own origin."""

from __future__ import annotations

import json

import pytest
from keyring.backends import fail
from keyring.errors import InitError, KeyringError, KeyringLocked

from tests.support.memorykeyring import MemoryKeyring, RaisingKeyring
from zeelandnet_desktop.mail.credentials import (
    SERVICE_NAME,
    Account,
    CredentialError,
    CredentialStore,
    Problem,
    Secret,
)
from zeelandnet_desktop.mail.login_form import fill_call, may_fill, origin_of
from zeelandnet_desktop.mail.providers import Provider

PASSWORD = "Zeeuws-Meisje-7!"
ACCOUNT = Account("zeelandnet", "jan@zeelandnet.nl")


def test_save_load_delete_round_trip() -> None:
    backend = MemoryKeyring()
    store = CredentialStore(backend)
    assert store.load(ACCOUNT) is None
    store.save(ACCOUNT, PASSWORD)
    assert backend.entries == {(SERVICE_NAME, "zeelandnet:jan@zeelandnet.nl"): PASSWORD}
    secret = store.load(ACCOUNT)
    assert secret is not None and secret.password == PASSWORD
    assert PASSWORD not in repr(secret)
    # The same address at another provider is another entry.
    assert store.load(Account("delta", "jan@zeelandnet.nl")) is None
    assert store.delete(ACCOUNT) is True
    assert store.delete(ACCOUNT) is False
    assert store.load(ACCOUNT) is None


def test_no_keyring_is_a_clear_error_without_the_password() -> None:
    store = CredentialStore(fail.Keyring())
    for call in (lambda: store.save(ACCOUNT, PASSWORD), lambda: store.load(ACCOUNT),
                 lambda: store.delete(ACCOUNT)):
        with pytest.raises(CredentialError) as caught:
            call()
        assert caught.value.problem is Problem.NO_KEYRING
        assert "No keyring is available" in str(caught.value)
        assert PASSWORD not in str(caught.value)
        assert caught.value.__cause__ is None and caught.value.__suppress_context__


@pytest.mark.parametrize(("raised", "problem"), [
    (KeyringLocked("Failed to unlock the collection!"), Problem.LOCKED),
    (InitError("Failed to create the collection: Prompt dismissed."), Problem.LOCKED),
    (InitError("Failed to create the collection: no D-Bus session"), Problem.NO_SERVICE),
    (KeyringError("org.freedesktop.DBus.Error.AccessDenied: go away"), Problem.ACCESS_DENIED),
    (PermissionError(13, "denied"), Problem.ACCESS_DENIED),
    (ConnectionRefusedError(111, "refused"), Problem.NO_SERVICE),
    (KeyringError("something odd"), Problem.FAILED),
    (RuntimeError("a backend bug"), Problem.FAILED),
])
def test_backend_failures_are_classified(raised: Exception, problem: Problem) -> None:
    store = CredentialStore(RaisingKeyring(lambda: raised))
    with pytest.raises(CredentialError) as caught:
        store.load(ACCOUNT)
    assert caught.value.problem is problem
    assert caught.value.operation == "load"


def test_a_backend_that_echoes_the_password_does_not_leak_it(caplog: pytest.LogCaptureFixture
                                                              ) -> None:
    store = CredentialStore(RaisingKeyring(lambda: KeyringError(f"cannot store {PASSWORD}")))
    with pytest.raises(CredentialError) as caught:
        store.save(ACCOUNT, PASSWORD)
    assert PASSWORD not in str(caught.value) and PASSWORD not in repr(caught.value)
    assert PASSWORD not in caplog.text
    assert "jan@zeelandnet.nl" not in caplog.text  # addresses are masked in the log


def test_empty_password_is_not_saved() -> None:
    with pytest.raises(ValueError):
        CredentialStore(MemoryKeyring()).save(ACCOUNT, "")


def test_secret_repr_hides_the_password() -> None:
    assert PASSWORD not in repr(Secret(ACCOUNT, PASSWORD))


PROVIDER = Provider("zeelandnet", "ZeelandNet", "https://webmail.zeelandnet.nl/",
                    ("zeelandnet.nl",))
LOCAL = Provider("fake", "Fake", "http://127.0.0.1:8123/", ("127.0.0.1",))


@pytest.mark.parametrize(("url", "provider", "allowed"), [
    ("https://webmail.zeelandnet.nl/?_task=login", PROVIDER, True),
    ("https://login.zeelandnet.nl/", PROVIDER, True),  # a sign-in host of the same provider
    ("https://webmail.zeelandnet.nl:443/", PROVIDER, True),
    ("https://webmail.zeelandnet.nl:8443/", PROVIDER, False),  # another service on the host
    ("http://webmail.zeelandnet.nl/", PROVIDER, False),  # never over plain http
    ("https://evil-zeelandnet.nl/", PROVIDER, False),
    ("https://zeelandnet.nl.evil.com/", PROVIDER, False),
    ("https://evil.com\\@webmail.zeelandnet.nl/", PROVIDER, False),
    ("about:blank", PROVIDER, False),
    ("blob:https://webmail.zeelandnet.nl/1234", PROVIDER, False),
    ("data:text/html,<form>", PROVIDER, False),
    ("http://127.0.0.1:8123/login", LOCAL, True),
    ("http://127.0.0.1:8124/login", LOCAL, False),  # another loopback port: another program
    ("http://localhost:8123/login", LOCAL, False),  # not an allowed host
])
def test_credentials_go_only_to_the_providers_own_origin(url: str, provider: Provider,
                                                        allowed: bool) -> None:
    assert may_fill(url, provider) is allowed


def test_origin_matches_the_browsers_location_origin() -> None:
    assert origin_of("https://Webmail.ZeelandNet.nl:443/x?y") == "https://webmail.zeelandnet.nl"
    assert origin_of("http://127.0.0.1:8123/ox#a") == "http://127.0.0.1:8123"
    assert origin_of("http://[::1]:8123/") == "http://[::1]:8123"
    assert origin_of("about:blank") == ""


def test_fill_call_passes_values_as_json_literals() -> None:
    tricky = "a'b\"c</script>\\n\u2028"
    script = fill_call("t0k", "jan", tricky, "https://webmail.zeelandnet.nl", True)
    args = json.loads("[" + script.split(".fill(", 1)[1].rsplit(") :", 1)[0] + "]")
    assert args == ["t0k", "jan", tricky, "https://webmail.zeelandnet.nl", True]
