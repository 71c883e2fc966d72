"""Folding, keys and ids used for search and for recognising the same story twice.

The same-story rule (`StoryGroups`): two articles are one story when they share a telling link,
or when their telling titles match, they come from different feeds and they were published
within SAME_TITLE_WINDOW of each other. Within one feed a recurring title ("Dit mag u niet
missen op tv vanavond") is a new item every day, so titles only merge across feeds.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit

_NON_WORD = re.compile(r"[^\w]+")
# Titles shorter than this many words ("Liveblog", "Het weer") are too generic to merge on.
MIN_TITLE_WORDS = 3
_TRACKING = ("utm_", "at_", "fbclid", "gclid", "ns_", "xtor")
# Shorter than a day, so a title that recurs daily never pairs with yesterday's edition, not
# even from another source; long enough for the same agency story, published in the morning
# by one source and in the evening by another, to merge.
SAME_TITLE_WINDOW = timedelta(hours=18)


def fold(text: str) -> str:
    """Case- and accent-insensitive form: 'Café CRÈME' → 'cafe creme'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def title_key(title: str) -> str:
    """Normalised title for de-duplication ('' when the title is too short to be telling)."""
    words = _NON_WORD.sub(" ", fold(title)).split()
    return " ".join(words) if len(words) >= MIN_TITLE_WORDS else ""


def link_key(link: str) -> str:
    """Normalised link: scheme, www., fragment, trailing slash and tracking parameters ignored.
    '' for no link and for a site's front page, which some feeds give every item."""
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
    if path == "/" and not query:
        return ""
    return f"{host}{path}" + (f"?{urlencode(query)}" if query else "")


def telling_link(key: str) -> bool:
    """False for '' and for a front-page key stored by an older version ('host/')."""
    return bool(key) and not key.endswith("/")


def article_id(feed_url: str, key: str) -> str:
    """Stable id of a feed's item: the catalogue URL scopes it, `key` (guid, link, ...) names it."""
    return hashlib.sha256(f"{feed_url}\n{key}".encode()).hexdigest()[:32]


def reused_guid_id(base_id: str, link: str, published_iso: str) -> str:
    """The id of an item whose guid an earlier, different item of the same feed already has:
    the base id plus its link (or, without a link, its date). The parser and the store derive
    it the same way, so it is stable across fetches."""
    distinction = link_key(link) or link or published_iso
    return hashlib.sha256(f"{base_id}\n{distinction}".encode()).hexdigest()[:32]


def same_item(link_a: str, link_b: str, published_a: float | None,
              published_b: float | None) -> bool:
    """Whether two items that carry the same guid are the same story: the same link, or (an
    edited story whose address changed) the same published time. None: no date in the feed."""
    key_a, key_b = link_key(link_a), link_key(link_b)
    if (key_a and key_a == key_b) or (not key_a and not key_b and link_a == link_b):
        return True
    return published_a is not None and published_a == published_b


class StoryGroups:
    """Articles fed in newest first, grouped into stories (see the module docstring).

    Kept as parallel lists rather than an object per story: the list of a category is grouped
    on the GUI thread, ten thousand articles at a time.
    """

    def __init__(self, window: timedelta = SAME_TITLE_WINDOW, keep_members: bool = False) -> None:
        self._window = window.total_seconds()
        self.newest: list[str] = []  # per story: the id of its newest article, listed for it
        self.read: list[bool] = []  # per story: whether any of its articles is read
        self._published: list[float] = []
        self._feeds: list[str | set[str]] = []
        self._members: list[list[str]] | None = [] if keep_members else None
        self._by_link: dict[str, int] = {}
        self._by_title: dict[str, list[int]] = {}

    def members(self, index: int) -> list[str]:
        """The ids of a story's articles (needs keep_members)."""
        return self._members[index] if self._members is not None else [self.newest[index]]

    def add(self, article_id: str, lkey: str, tkey: str, published: float, feed: str,
            read: object = False) -> int:
        """Put one article in its story; the story's index (a new index: a new story)."""
        telling = bool(lkey) and lkey[-1] != "/"  # telling_link, inlined for speed
        index = self._by_link.get(lkey) if telling else None
        if index is None and tkey:
            for candidate in self._by_title.get(tkey, ()):
                feeds = self._feeds[candidate]
                other = feed not in feeds if isinstance(feeds, set) else feed != feeds
                if other and abs(self._published[candidate] - published) <= self._window:
                    index = candidate
                    break
        if index is None:
            index = len(self.newest)
            self.newest.append(article_id)
            self.read.append(bool(read))
            self._published.append(published)
            self._feeds.append(feed)
            if self._members is not None:
                self._members.append([article_id])
            if telling:
                self._by_link[lkey] = index
            if tkey:
                self._by_title.setdefault(tkey, []).append(index)
            return index
        if read:
            self.read[index] = True
        feeds = self._feeds[index]
        if isinstance(feeds, set):
            feeds.add(feed)
        elif feeds != feed:
            self._feeds[index] = {feeds, feed}
        if self._members is not None:
            self._members[index].append(article_id)
        if telling:
            self._by_link.setdefault(lkey, index)
        if tkey:
            indexes = self._by_title.setdefault(tkey, [])
            if index not in indexes:
                indexes.append(index)
        return index
