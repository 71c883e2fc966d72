"""Webmail providers as data, and the rules for where their web view may go.

No Qt here: the navigation rule is a pure function so it can be tested table-driven and reused
by the credential filler, which must only ever fill the provider's own origin.
"""

from __future__ import annotations

import enum
import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import SplitResult, urlsplit

from ..assets import resource_path

log = logging.getLogger(__name__)

CUSTOM_ID = "custom"
USER_FILE_NAME = "providers.json"

_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
# Provider ids become folder names (the web profile) and settings keys.
_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


@dataclass(frozen=True)
class LoginFormHints:
    """CSS selectors worth trying first; the form is still detected at run time (DESIGN.md)."""

    username: tuple[str, ...] = ()
    password: tuple[str, ...] = ()
    signed_in: tuple[str, ...] = ()  # seen only once signed in: no waiting for a late form


class TlsMode(enum.Enum):
    IMPLICIT = "implicit"  # TLS from the first byte (port 993)
    STARTTLS = "starttls"  # plain connect, then STARTTLS before anything else (port 143)


class LoginName(enum.Enum):
    ADDRESS = "address"  # the user name as saved (often the whole address)
    LOCAL_PART = "local_part"  # only the part before the @


@dataclass(frozen=True)
class ImapServer:
    """Where the provider's mailbox is, for the new-mail watch. Never a plaintext mode."""

    host: str
    port: int = 993
    tls: TlsMode = TlsMode.IMPLICIT
    login: LoginName = LoginName.ADDRESS
    ca_file: str | None = None  # trust only this CA (tests); verification is never off

    def login_name(self, user: str) -> str:
        user = user.strip()
        if self.login is LoginName.LOCAL_PART and "@" in user:
            return user.rpartition("@")[0]
        return user


@dataclass(frozen=True)
class Provider:
    id: str
    name: str
    start_url: str
    allowed_hosts: tuple[str, ...]  # host suffixes, lower case, no leading dot
    description: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)
    login_form: LoginFormHints = LoginFormHints()
    imap: ImapServer | None = None

    def description_for(self, language: str) -> str:
        """The description in `language` ('nl', 'en'), falling back to English, then any."""
        return (self.description.get(language) or self.description.get("en")
                or next(iter(self.description.values()), ""))

    @property
    def is_custom(self) -> bool:
        return self.id == CUSTOM_ID


class Navigation(enum.Enum):
    ALLOW = "allow"  # load it in the web view
    EXTERNAL = "external"  # hand it to the system browser / mail client
    REFUSE = "refuse"  # do nothing: dangerous or meaningless as a top-level page


# --- loading ---------------------------------------------------------------------------------

class ProviderError(ValueError):
    """A providers.json entry that cannot be used; the message says which and why."""


def load_providers(user_file: Path | None = None) -> dict[str, Provider]:
    """The shipped providers, with the user's file laid over them (same id replaces, new adds).

    A broken user file is logged and ignored so webmail keeps working with the defaults.
    """
    providers = _read_file(resource_path("providers.json"))
    if user_file is not None and user_file.exists():
        try:
            overrides = _read_file(user_file)
        except (OSError, ValueError) as exc:
            log.warning("Ignoring %s: %s", user_file, exc)
        else:
            providers.update(overrides)
    return providers


def _read_file(path: Path) -> dict[str, Provider]:
    data = json.loads(path.read_text(encoding="utf-8"))
    entries = data.get("providers") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ProviderError("expected an object with a 'providers' list")
    result: dict[str, Provider] = {}
    for index, entry in enumerate(entries):
        try:
            provider = provider_from_dict(entry)
        except ProviderError as exc:
            log.warning("%s: provider #%d skipped: %s", path.name, index + 1, exc)
            continue
        result[provider.id] = provider
    return result


def provider_from_dict(entry: Any) -> Provider:
    if not isinstance(entry, dict):
        raise ProviderError("not an object")
    provider_id = entry.get("id")
    if not isinstance(provider_id, str) or not _ID_PATTERN.match(provider_id):
        raise ProviderError(f"bad id {provider_id!r}")
    if provider_id == CUSTOM_ID:
        raise ProviderError(f"the id {CUSTOM_ID!r} is reserved for 'Other webmail'")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ProviderError("missing name")
    start_url = entry.get("start_url")
    if not isinstance(start_url, str):
        raise ProviderError("missing start_url")
    hosts = entry.get("allowed_hosts")
    if not isinstance(hosts, list) or not hosts or not all(isinstance(h, str) for h in hosts):
        raise ProviderError("allowed_hosts must be a non-empty list of host names")
    description = entry.get("description", {})
    if isinstance(description, str):
        description = {"en": description}
    if not isinstance(description, dict):
        raise ProviderError("description must be text or an object of language: text")
    hints = entry.get("login_form") or {}
    imap = None
    if entry.get("imap") is not None:
        try:
            imap = imap_server_from_dict(entry["imap"])
        except ProviderError as exc:  # the webmail itself still works without it
            log.warning("provider %r: mail server settings ignored: %s", provider_id, exc)
    provider = Provider(
        id=provider_id,
        name=name.strip(),
        start_url=start_url,
        allowed_hosts=tuple(_normalise_host(h) for h in hosts),
        description={str(k): str(v) for k, v in description.items()},
        login_form=LoginFormHints(
            username=tuple(str(s) for s in hints.get("username", ())),
            password=tuple(str(s) for s in hints.get("password", ())),
            signed_in=tuple(str(s) for s in hints.get("signed_in", ())),
        ),
        imap=imap,
    )
    if navigation_decision(start_url, provider) is not Navigation.ALLOW:
        raise ProviderError("start_url must be https (http only on loopback) on an allowed host")
    return provider


_HOST_PATTERN = re.compile(r"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$|^\[?[0-9a-f:.]+\]?$")


def imap_server_from_dict(data: Any) -> ImapServer:
    """{"host", "port", "tls": "implicit"|"starttls", "login": "address"|"local_part",
    "ca_file"}: ProviderError says what is wrong."""
    if not isinstance(data, dict):
        raise ProviderError("imap must be an object")
    host = data.get("host")
    if not isinstance(host, str) or not _HOST_PATTERN.match(_normalise_host(host)):
        raise ProviderError(f"bad imap host {host!r}")
    port = data.get("port", 993)
    if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
        raise ProviderError(f"bad imap port {port!r}")
    ca_file = data.get("ca_file")
    if ca_file is not None and not isinstance(ca_file, str):
        raise ProviderError("ca_file must be a path")
    try:
        tls = TlsMode(data.get("tls", TlsMode.IMPLICIT.value))
        login = LoginName(data.get("login", LoginName.ADDRESS.value))
    except ValueError as exc:  # e.g. "none": there is no plaintext mode
        raise ProviderError(str(exc)) from None
    return ImapServer(_normalise_host(host).strip("[]"), port, tls, login, ca_file)


def custom_provider(url: str) -> Provider:
    """'Other webmail': any https address. Its host is allowed, and so is the domain around it
    when the host is the usual webmail./mail./www. prefix, because logins often hop there."""
    start_url = validate_custom_url(url)
    host = _normalise_host(urlsplit(start_url).hostname or "")
    hosts = [host]
    first, _, rest = host.partition(".")
    if first in ("webmail", "mail", "www") and "." in rest:
        hosts.append(rest)
    return Provider(id=CUSTOM_ID, name=host, start_url=start_url, allowed_hosts=tuple(hosts))


def validate_custom_url(text: str) -> str:
    """A user-typed webmail address made usable, or ProviderError saying what is wrong."""
    text = text.strip()
    if not text:
        raise ProviderError("empty address")
    if "://" not in text:
        text = "https://" + text
    parts = _split(text)
    if parts is None or parts.scheme != "https":
        raise ProviderError("the address must start with https://")
    host = parts.hostname or ""
    if not host or (("." not in host) and host not in _LOOPBACK_HOSTS):
        raise ProviderError("the address needs a host name such as webmail.example.nl")
    if parts.username or parts.password:
        raise ProviderError("the address must not contain a user name or password")
    return parts.geturl()


# --- navigation ------------------------------------------------------------------------------

def _normalise_host(host: str) -> str:
    return host.strip().lower().rstrip(".").lstrip(".")


def is_loopback(host: str) -> bool:
    return _normalise_host(host) in _LOOPBACK_HOSTS


def host_allowed(host: str, suffixes: tuple[str, ...]) -> bool:
    """`host` equals an allowed suffix or is a subdomain of it — label-wise, so 'zeelandnet.nl'
    allows 'webmail.zeelandnet.nl' but not 'evil-zeelandnet.nl' or 'zeelandnet.nl.evil.com'."""
    host = _normalise_host(host)
    if not host:
        return False
    return any(host == suffix or host.endswith("." + suffix) for suffix in suffixes if suffix)


def _split(url: str) -> SplitResult | None:
    # Parse the way a browser does for http(s): tabs/newlines are dropped and a backslash is a
    # slash, so 'https://evil.com\\@zeelandnet.nl' is evil.com (urlsplit alone says zeelandnet.nl).
    cleaned = re.sub(r"[\t\n\r]", "", url).strip()
    if re.match(r"^https?:", cleaned, re.IGNORECASE):
        cleaned = cleaned.replace("\\", "/")
    try:
        parts = urlsplit(cleaned)
        _ = parts.port  # raises ValueError on a malformed port
    except ValueError:
        return None
    return parts


def navigation_decision(url: str, provider: Provider, *, main_frame: bool = True) -> Navigation:
    """What the web view does with a navigation to `url`.

    Main frame: the provider's hosts over https (http only on loopback, which tests use) load;
    other web and mail links go to the system; script, file and data pages are refused.
    Sub-frames (mail bodies, widgets) may load other web content but never local files or script.
    """
    parts = _split(url)
    if parts is None:
        return Navigation.REFUSE
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        host = parts.hostname or ""
        if not main_frame:
            return Navigation.ALLOW
        secure_enough = scheme == "https" or is_loopback(host)
        if secure_enough and host_allowed(host, provider.allowed_hosts):
            return Navigation.ALLOW
        return Navigation.EXTERNAL
    if scheme == "about" and url.strip().lower() in ("about:blank", "about:srcdoc"):
        return Navigation.ALLOW  # fresh pop-ups and iframes start here; it carries no content
    if scheme == "blob":
        # blob:https://host/uuid — an attachment the provider's own script built
        inner = url.strip()[len("blob:"):]
        return navigation_decision(inner, provider) if main_frame else Navigation.ALLOW
    if scheme in ("mailto", "tel") and main_frame:
        return Navigation.EXTERNAL
    return Navigation.REFUSE


def navigation_allowed(url: str, provider: Provider) -> bool:
    """True when `url` may be the web view's top-level page."""
    return navigation_decision(url, provider) is Navigation.ALLOW


def is_provider_origin(url: str, provider: Provider) -> bool:
    """True when `url` is a web page of the provider itself (https, or http on loopback).

    Stricter than navigation_allowed: about:blank and blob: do not count. The credential filler
    must use this before it puts anything into a page.
    """
    parts = _split(url)
    if parts is None or parts.scheme.lower() not in ("http", "https"):
        return False
    return navigation_allowed(url, provider)
