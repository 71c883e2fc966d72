"""Providers as data and the navigation rule, table-driven."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from zeelandnet_desktop.mail.pages import unread_count
from zeelandnet_desktop.mail.providers import (
    CUSTOM_ID,
    ImapServer,
    LoginName,
    Navigation,
    Provider,
    ProviderError,
    TlsMode,
    custom_provider,
    host_allowed,
    imap_server_from_dict,
    is_provider_origin,
    load_providers,
    navigation_allowed,
    navigation_decision,
    validate_custom_url,
)

ZEELANDNET = Provider("zeelandnet", "ZeelandNet webmail", "https://webmail.zeelandnet.nl",
                      ("zeelandnet.nl",))
LOOPBACK = Provider("fake", "Fake", "http://127.0.0.1:8080/", ("127.0.0.1",))


@pytest.mark.parametrize(("url", "expected"), [
    ("https://webmail.zeelandnet.nl/", True),
    ("https://zeelandnet.nl/login", True),
    ("https://WEBMAIL.ZeelandNet.NL./?_task=mail", True),
    ("https://a.b.zeelandnet.nl:8443/x", True),
    ("http://webmail.zeelandnet.nl/", False),  # http only on loopback
    ("https://evil-zeelandnet.nl/", False),
    ("https://zeelandnet.nl.evil.com/", False),
    ("https://evilzeelandnet.nl/", False),
    ("https://zeelandnet.nl@evil.com/", False),
    ("https://evil.com\\@zeelandnet.nl/", False),  # a browser reads a backslash as a slash
    ("https://evil.com/?next=https://zeelandnet.nl", False),
    ("https://evil.com#zeelandnet.nl", False),
    ("https://zeelandnet.nl:99999/", False),  # malformed port
    ("javascript:alert(1)", False),
    ("JavaScript:alert(1)", False),
    ("file:///etc/passwd", False),
    ("data:text/html,<script>alert(1)</script>", False),
    ("about:blank", True),
    ("blob:https://webmail.zeelandnet.nl/1234-abcd", True),
    ("blob:https://evil.com/1234", False),
    ("", False),
])
def test_navigation_allowed(url: str, expected: bool) -> None:
    assert navigation_allowed(url, ZEELANDNET) is expected


@pytest.mark.parametrize(("url", "expected"), [
    ("https://evil.com/", Navigation.EXTERNAL),
    ("http://example.org/page", Navigation.EXTERNAL),
    ("mailto:jan@zeelandnet.nl", Navigation.EXTERNAL),
    ("javascript:alert(1)", Navigation.REFUSE),
    ("file:///etc/passwd", Navigation.REFUSE),
    ("data:text/html,hi", Navigation.REFUSE),
    ("chrome://settings", Navigation.REFUSE),
    ("view-source:https://webmail.zeelandnet.nl", Navigation.REFUSE),
    ("https://webmail.zeelandnet.nl/", Navigation.ALLOW),
])
def test_navigation_decision_main_frame(url: str, expected: Navigation) -> None:
    assert navigation_decision(url, ZEELANDNET) is expected


@pytest.mark.parametrize(("url", "expected"), [
    ("https://ads.example.com/frame", Navigation.ALLOW),  # mail bodies may embed other sites
    ("javascript:alert(1)", Navigation.REFUSE),
    ("file:///etc/passwd", Navigation.REFUSE),
])
def test_navigation_decision_sub_frame(url: str, expected: Navigation) -> None:
    assert navigation_decision(url, ZEELANDNET, main_frame=False) is expected


@pytest.mark.parametrize(("url", "expected"), [
    ("http://127.0.0.1:8080/inbox", True),
    ("http://127.0.0.1:1234/", True),  # the test server's port changes per run
    ("http://localhost:8080/", False),  # loopback, but not this provider's host
    ("http://[::1]:8080/", False),
    ("http://127.0.0.2/", False),
])
def test_loopback_provider(url: str, expected: bool) -> None:
    assert navigation_allowed(url, LOOPBACK) is expected


def test_http_allowed_on_every_loopback_spelling() -> None:
    for host, url in [("localhost", "http://localhost:1/"), ("::1", "http://[::1]:1/")]:
        provider = Provider("p", "P", url, (host,))
        assert navigation_allowed(url, provider)


@pytest.mark.parametrize(("host", "expected"), [
    ("zeelandnet.nl", True),
    ("mail.zeelandnet.nl", True),
    ("nl", False),
    ("", False),
    ("xzeelandnet.nl", False),
])
def test_host_allowed(host: str, expected: bool) -> None:
    assert host_allowed(host, ("zeelandnet.nl",)) is expected


def test_provider_origin_is_stricter_than_navigation() -> None:
    assert navigation_allowed("about:blank", ZEELANDNET)
    assert not is_provider_origin("about:blank", ZEELANDNET)
    assert not is_provider_origin("blob:https://webmail.zeelandnet.nl/x", ZEELANDNET)
    assert is_provider_origin("https://webmail.zeelandnet.nl/", ZEELANDNET)


@pytest.mark.parametrize(("title", "count"), [
    ("(3) Inbox", 3),
    ("Postvak IN (3)", 3),
    ("Roundcube Webmail :: Inbox (12)", 12),
    ("Inbox (5) - jan@zeelandnet.nl - OX App Suite", 5),
    ("Inbox", 0),
    ("", 0),
    ("Meeting (2024) notes", 0),
])
def test_unread_count(title: str, count: int) -> None:
    assert unread_count(title) == count


def test_shipped_providers() -> None:
    providers = load_providers()
    assert list(providers) == ["zeelandnet", "delta"]
    assert providers["zeelandnet"].start_url == "https://webmail.zeelandnet.nl"
    assert providers["delta"].allowed_hosts == ("delta.nl",)
    assert providers["zeelandnet"].description_for("nl")
    assert "#rcmloginuser" in providers["zeelandnet"].login_form.username


def test_user_file_overrides_and_adds(tmp_path: Path) -> None:
    user = tmp_path / "providers.json"
    user.write_text(json.dumps({"providers": [
        {"id": "zeelandnet", "name": "ZeelandNet (new)", "start_url": "https://mail.zeelandnet.nl",
         "allowed_hosts": ["zeelandnet.nl"]},
        {"id": "fake", "name": "Fake", "start_url": "http://127.0.0.1:9/",
         "allowed_hosts": ["127.0.0.1"]},
    ]}))
    providers = load_providers(user)
    assert providers["zeelandnet"].start_url == "https://mail.zeelandnet.nl"
    assert providers["delta"].name == "DELTA webmail"
    assert providers["fake"].allowed_hosts == ("127.0.0.1",)


def test_broken_user_file_falls_back_with_a_log_line(tmp_path: Path,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    user = tmp_path / "providers.json"
    user.write_text("{not json")
    with caplog.at_level(logging.WARNING):
        providers = load_providers(user)
    assert list(providers) == ["zeelandnet", "delta"]
    assert "providers.json" in caplog.text


@pytest.mark.parametrize("entry", [
    {"id": "x", "name": "X", "start_url": "http://webmail.x.nl", "allowed_hosts": ["x.nl"]},
    {"id": "x", "name": "X", "start_url": "https://evil.com", "allowed_hosts": ["x.nl"]},
    {"id": "../x", "name": "X", "start_url": "https://x.nl", "allowed_hosts": ["x.nl"]},
    {"id": CUSTOM_ID, "name": "X", "start_url": "https://x.nl", "allowed_hosts": ["x.nl"]},
    {"id": "x", "name": "X", "start_url": "https://x.nl", "allowed_hosts": []},
])
def test_bad_entries_are_skipped(tmp_path: Path, entry: dict[str, object]) -> None:
    user = tmp_path / "providers.json"
    user.write_text(json.dumps({"providers": [entry]}))
    assert set(load_providers(user)) == {"zeelandnet", "delta"}


@pytest.mark.parametrize(("text", "expected"), [
    ("https://webmail.example.nl", "https://webmail.example.nl"),
    ("  webmail.example.nl/mail ", "https://webmail.example.nl/mail"),
    ("https://mail.example.nl:8443/", "https://mail.example.nl:8443/"),
])
def test_custom_url_valid(text: str, expected: str) -> None:
    assert validate_custom_url(text) == expected


@pytest.mark.parametrize("text", [
    "", "http://webmail.example.nl", "ftp://x.nl", "https://", "https://intranet",
    "https://user:pw@webmail.example.nl", "javascript:alert(1)",
])
def test_custom_url_invalid(text: str) -> None:
    with pytest.raises(ProviderError):
        validate_custom_url(text)


def test_custom_provider_allows_the_surrounding_domain() -> None:
    provider = custom_provider("https://webmail.example.nl/")
    assert provider.id == CUSTOM_ID
    assert navigation_allowed("https://login.example.nl/", provider)
    assert not navigation_allowed("https://example.com/", provider)
    only_host = custom_provider("https://post.example.nl")
    assert only_host.allowed_hosts == ("post.example.nl",)


def test_shipped_mail_servers() -> None:
    providers = load_providers()
    assert providers["zeelandnet"].imap == ImapServer("mail.zeelandnet.nl", 993, TlsMode.IMPLICIT,
                                                      LoginName.LOCAL_PART)
    delta = providers["delta"].imap
    assert delta is not None
    assert (delta.host, delta.port, delta.tls) == ("mail.zeelandnet.nl", 993, TlsMode.IMPLICIT)


@pytest.mark.parametrize(("rule", "typed", "login"), [
    (LoginName.LOCAL_PART, "jan@zeelandnet.nl", "jan"),
    (LoginName.LOCAL_PART, " jan ", "jan"),
    (LoginName.LOCAL_PART, "jan.de.vries@zeelandnet.nl", "jan.de.vries"),
    (LoginName.ADDRESS, "jan@delta.nl", "jan@delta.nl"),
    (LoginName.ADDRESS, "jan", "jan"),
])
def test_login_name(rule: LoginName, typed: str, login: str) -> None:
    assert ImapServer("mail.example.nl", login=rule).login_name(typed) == login


@pytest.mark.parametrize(("data", "expected"), [
    ({"host": "mail.example.nl"}, ImapServer("mail.example.nl")),
    ({"host": "Mail.Example.NL.", "port": 143, "tls": "starttls", "login": "local_part"},
     ImapServer("mail.example.nl", 143, TlsMode.STARTTLS, LoginName.LOCAL_PART)),
    ({"host": "127.0.0.1", "port": 10993, "ca_file": "/tmp/ca.pem"},
     ImapServer("127.0.0.1", 10993, ca_file="/tmp/ca.pem")),
])
def test_imap_settings(data: dict[str, object], expected: ImapServer) -> None:
    assert imap_server_from_dict(data) == expected


@pytest.mark.parametrize("data", [
    "mail.example.nl",
    {"port": 993},
    {"host": "mail example.nl"},
    {"host": "mail.example.nl", "port": 0},
    {"host": "mail.example.nl", "port": "993"},
    {"host": "mail.example.nl", "port": True},
    {"host": "mail.example.nl", "tls": "none"},  # there is no plaintext mode
    {"host": "mail.example.nl", "tls": "ssl"},
    {"host": "mail.example.nl", "login": "whatever"},
    {"host": "mail.example.nl", "ca_file": 5},
])
def test_bad_imap_settings(data: object) -> None:
    with pytest.raises(ProviderError):
        imap_server_from_dict(data)


def test_bad_imap_settings_keep_the_webmail(tmp_path: Path,
                                            caplog: pytest.LogCaptureFixture) -> None:
    user = tmp_path / "providers.json"
    user.write_text(json.dumps({"providers": [
        {"id": "x", "name": "X", "start_url": "https://webmail.x.nl", "allowed_hosts": ["x.nl"],
         "imap": {"host": "mail.x.nl", "tls": "none"}},
    ]}))
    with caplog.at_level(logging.WARNING):
        provider = load_providers(user)["x"]
    assert provider.imap is None
    assert provider.start_url == "https://webmail.x.nl"
    assert "mail server settings ignored" in caplog.text
