"""The login-form script and the rule for where credentials may go. No Qt here.

`may_fill` is stricter than the navigation rule in providers.py: the page must be on an allowed
host *and* on the start address's scheme and port. On loopback (tests) every port is another
program, so a page on 127.0.0.1:other-port never counts as the provider; for https the port is
the start address's (normally 443).
"""

from __future__ import annotations

import json
from functools import lru_cache
from urllib.parse import SplitResult

from ..assets import resource_path
from .providers import Provider, _split, is_provider_origin

FORM_TIMEOUT_MS = 8000  # how long a page may take to draw its login form (OX: after its scripts)

_DEFAULT_PORTS = {"http": 80, "https": 443}


def _effective_port(parts: SplitResult) -> int | None:
    return parts.port or _DEFAULT_PORTS.get(parts.scheme.lower())


def origin_of(url: str) -> str:
    """The browser's location.origin for an http(s) URL ("" for anything else)."""
    parts = _split(url)
    if parts is None or parts.scheme.lower() not in _DEFAULT_PORTS or not parts.hostname:
        return ""
    scheme = parts.scheme.lower()
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    if port is None or port == _DEFAULT_PORTS[scheme]:
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


def may_fill(url: str, provider: Provider) -> bool:
    """True when credentials for `provider` may be put into a top-level page at `url`."""
    if not is_provider_origin(url, provider):
        return False
    page, start = _split(url), _split(provider.start_url)
    if page is None or start is None:
        return False
    return (page.scheme.lower() == start.scheme.lower()
            and _effective_port(page) == _effective_port(start))


def submit_target_ok(action: str, method: str, origin: str) -> bool:
    """The page's login form would send the password in a POST body to exactly `origin`
    (scheme, host and port): never in a URL, never to a look-alike on another port."""
    return method.lower() == "post" and bool(origin) and origin_of(action) == origin


def carries_secret(url: str, secret: str) -> bool:
    """The password appears in `url` as a browser would encode it in a GET form."""
    if not secret:
        return False
    from urllib.parse import quote, quote_plus

    return any(form in url for form in {secret, quote(secret, safe=""), quote_plus(secret)})


@lru_cache(maxsize=1)
def _script_text() -> str:
    return resource_path("js", "login_form.js").read_text(encoding="utf-8")


def install_script(channel_library: str) -> str:
    """What to run once per document: Qt's qwebchannel.js, then our helper (idempotent)."""
    return channel_library + "\n;\n" + _script_text()


def start_call(token: str, provider: Provider, origin: str,
               timeout_ms: int = FORM_TIMEOUT_MS) -> str:
    options = {
        "token": token,
        "origin": origin,
        "timeoutMs": timeout_ms,
        "hints": {"username": list(provider.login_form.username),
                  "password": list(provider.login_form.password),
                  "signedIn": list(provider.login_form.signed_in)},
    }
    return f"window.__zndLogin ? window.__zndLogin.start({json.dumps(options)}) : 'missing'"


def fill_call(token: str, username: str, password: str, origin: str, submit: bool) -> str:
    """The script that fills the form. The values travel as JSON string literals in the script
    source (never in a URL); the caller must have checked may_fill() just before."""
    args = ", ".join(json.dumps(v) for v in (token, username, password, origin, submit))
    return f"window.__zndLogin ? window.__zndLogin.fill({args}) : 'missing'"
