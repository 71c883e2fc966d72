"""What a webmail's addresses and titles say: the unread count in a title, whether a page is
the inbox, the logout, and where one message opens. No Qt here.

Roundcube (measured against 1.6): the title carries "(N)" only while the inbox is shown; folders
and settings have titles without a count; logout is `?_task=logout`; a message opens at
`?_task=mail&_mbox=INBOX&_uid=N&_action=show`. OX App Suite logs out through `#!!&app=io.ox/core`
"logout" routes. Unknown webmails fall back to what the title shows.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

from .providers import Provider

# "(3) Inbox", "Postvak IN (3)", "Roundcube Webmail :: Inbox (3)", "Inbox (3) - OX App Suite".
_UNREAD_LEADING = re.compile(r"^\s*\((\d{1,6})\)")
_UNREAD_TRAILING = re.compile(r"\((\d{1,6})\)\s*(?:$|[-–—|:·•])")
_INBOX_WORDS = ("inbox", "postvak in", "inkomend")
_LOGOUT_QUERY = {"_task": "logout", "action": "logout"}


def unread_count(title: str) -> int:
    """The unread count a webmail puts in its page title, or 0 when it shows none."""
    found = unread_in_title(title)
    return found if found is not None else 0


def unread_in_title(title: str) -> int | None:
    """The count in the title, or None when the title shows none."""
    match = _UNREAD_LEADING.search(title) or _UNREAD_TRAILING.search(title)
    return int(match.group(1)) if match else None


def inbox_shown(url: str, title: str) -> bool:
    """The page is the inbox (so a title without a count means none unread). Elsewhere — a
    folder, the settings, a message — a missing count says nothing."""
    query = {k.lower(): v[-1] for k, v in parse_qs(urlsplit(url).query).items()}
    mailbox = query.get("_mbox")
    if mailbox is not None:
        return mailbox.upper() == "INBOX" and not query.get("_action")
    if query.get("_task") == "mail" and not query.get("_action"):
        return True  # Roundcube's mail view opens on the inbox
    path = urlsplit(url).path.rstrip("/").lower()
    if path.endswith("/inbox"):
        return True
    lowered = title.lower()
    return any(word in lowered for word in _INBOX_WORDS)


def is_logout(url: str, provider: Provider) -> bool:
    """The address is the provider's logout (the user signing out, not a session that ended)."""
    parts = urlsplit(url)
    query = {k.lower(): v[-1].lower() for k, v in parse_qs(parts.query).items()}
    if any(query.get(key) == value for key, value in _LOGOUT_QUERY.items()):
        return True
    return parts.path.rstrip("/").lower().endswith("/logout") or "logout" in parts.fragment.lower()


def logout_url(provider: Provider) -> str:
    """Where Webmail → Uitloggen goes: Roundcube's logout on the provider's start address."""
    parts = urlsplit(provider.start_url)
    query = urlencode({"_task": "logout"})
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", query, ""))


def message_url(provider: Provider, uid: int) -> str:
    """One message in the inbox, where the webmail's addresses allow it (Roundcube's)."""
    parts = urlsplit(provider.start_url)
    query = urlencode({"_task": "mail", "_mbox": "INBOX", "_uid": uid, "_action": "show"})
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", query, ""))
