"""Folding and keys used for search and for recognising the same story in two feeds."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit

_NON_WORD = re.compile(r"[^\w]+")
# Titles shorter than this many words ("Liveblog", "Het weer") are too generic to merge on.
MIN_TITLE_WORDS = 3
_TRACKING = ("utm_", "at_", "fbclid", "gclid", "ns_", "xtor")


def fold(text: str) -> str:
    """Case- and accent-insensitive form: 'Café CRÈME' → 'cafe creme'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def title_key(title: str) -> str:
    """Normalised title for de-duplication ('' when the title is too short to be telling)."""
    words = _NON_WORD.sub(" ", fold(title)).split()
    return " ".join(words) if len(words) >= MIN_TITLE_WORDS else ""


def link_key(link: str) -> str:
    """Normalised link: scheme, www., fragment, trailing slash and tracking parameters ignored."""
    if not link:
        return ""
    parts = urlsplit(link.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    if not host:
        return ""
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(_TRACKING)
    ]
    path = parts.path.rstrip("/") or "/"
    return f"{host}{path}" + (f"?{urlencode(query)}" if query else "")
