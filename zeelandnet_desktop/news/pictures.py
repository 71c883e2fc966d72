"""Which picture belongs to a feed item, its thumbnail, caption and credit.

Where feeds put the picture, in the order we look:
1. `media:content` and image enclosures: the largest one is the picture. Sizes come from
   width/height (or a "1008x567" in the address), else fileSize/length; without any size an
   entry counts as large unless its address says it is a thumbnail. A `media:content` without
   a type or medium is taken as a picture unless its address is a sound or video file.
2. An `<img>` in content:encoded, then in the description (its `src`, or `data-src` and the like
   when `src` is a placeholder or a data: URL; never 1x1 tracking pixels).
3. content:encoded (or the description) that is nothing but the address of a picture.
4. The largest `media:thumbnail`.
The thumbnail is the largest `media:thumbnail` when there is one, else the picture itself.
Only http(s) addresses are kept. Caption and credit come from the picture's own
media:description / media:title / media:credit, else the item's, else the image's figcaption /
alt text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

from . import media_rss
from .sanitize import to_text

media_rss.install()

_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif")
_NOT_IMAGE_SUFFIXES = (
    ".mp4", ".m4v", ".mov", ".webm", ".m3u8", ".mpd", ".mp3", ".m4a", ".aac", ".ogg", ".oga",
    ".wav", ".flac", ".pdf",
)  # fmt: skip
_DIMENSIONS = re.compile(r"(?<![0-9])([1-9][0-9]{1,3})x([1-9][0-9]{1,3})(?![0-9])")
_THUMBNAIL_HINT = re.compile(r"thumb|[_\-/.](?:small|tiny|mini|xs|sqr?\d{2,3})(?=[_\-/.]|$)",
                             re.IGNORECASE)
_PLACEHOLDER = re.compile(r"placeholder|blank\.gif|spacer|transparent|pixel\.gif|lazy|loading",
                          re.IGNORECASE)
# Below this many pixels a declared size is a thumbnail, not the article's picture.
_THUMBNAIL_AREA = 320 * 240
_LAZY_ATTRIBUTES = ("data-src", "data-lazy-src", "data-original", "data-url")
_BARE_URL = re.compile(r"^\s*(https?://\S+)\s*$")
_CREDIT_IN_CAPTION = re.compile(
    r"^(?P<caption>.*?)[\s(|·–-]*\b(?:foto|beeld|photo|image)\s*:\s*(?P<credit>[^()]+?)\)?\s*$",
    re.IGNORECASE | re.DOTALL,
)
MAX_CAPTION_CHARS = 500


@dataclass(frozen=True)
class Picture:
    url: str | None = None
    thumbnail_url: str | None = None
    caption: str = ""
    credit: str = ""


def http_url(url: Any) -> str | None:
    if isinstance(url, str):
        url = url.strip()
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc:
            return url
    return None


def _number(value: Any) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def _suffix(url: str) -> str:
    path = urlsplit(url).path.lower()
    return path[path.rfind(".") :] if "." in path.rsplit("/", 1)[-1] else ""


@dataclass(frozen=True)
class _Candidate:
    url: str
    area: int | None
    size: int | None
    thumbnail_like: bool
    order: int
    details: Mapping[str, Any]

    def rank(self) -> tuple[int, int, int]:
        # Higher is better: (tier, measure, earlier-first). Tier 2: declared large; tier 1: no
        # size known and not a thumbnail by its address; tier 0: declared small or thumbnail.
        if self.area is not None:
            tier = 2 if self.area >= _THUMBNAIL_AREA and not self.thumbnail_like else 0
            return tier, self.area, -self.order
        return (0 if self.thumbnail_like else 1), self.size or 0, -self.order


def _area(item: Mapping[str, Any], url: str) -> int | None:
    width, height = _number(item.get("width")), _number(item.get("height"))
    if width and height:
        return width * height
    if width or height:  # one side given: assume the usual 16:9 news picture
        return (width * width * 9 // 16) if width else ((height or 0) ** 2 * 16 // 9)
    found = _DIMENSIONS.search(urlsplit(url).path)
    return int(found.group(1)) * int(found.group(2)) if found else None


def _media_is_image(item: Mapping[str, Any], url: str) -> bool:
    kind = str(item.get("type") or "").lower()
    medium = str(item.get("medium") or "").lower()
    if kind:
        return kind.startswith("image/")
    if medium:
        return medium == "image"
    return _suffix(url) not in _NOT_IMAGE_SUFFIXES


def _enclosure_is_image(item: Mapping[str, Any], url: str) -> bool:
    kind = str(item.get("type") or "").lower()
    return kind.startswith("image/") if kind else _suffix(url) in _IMAGE_SUFFIXES


def _candidates(entry: Mapping[str, Any]) -> list[_Candidate]:
    found: list[_Candidate] = []
    for item in entry.get("media_content") or ():
        url = http_url(item.get("url"))
        if url and _media_is_image(item, url):
            found.append(_Candidate(url, _area(item, url), _number(item.get("filesize")),
                                    bool(_THUMBNAIL_HINT.search(url)), len(found), item))
    for link in entry.get("links") or ():
        url = http_url(link.get("href")) if link.get("rel") == "enclosure" else None
        if url and _enclosure_is_image(link, url):
            found.append(_Candidate(url, _area(link, url), _number(link.get("length")),
                                    bool(_THUMBNAIL_HINT.search(url)), len(found), {}))
    return found


def _largest_thumbnail(entry: Mapping[str, Any]) -> str | None:
    best: tuple[int, int, str] | None = None
    for order, item in enumerate(entry.get("media_thumbnail") or ()):
        url = http_url(item.get("url"))
        if url:
            key = (_area(item, url) or 0, -order, url)
            best = key if best is None or key > best else best
    return best[2] if best else None


class _Images(HTMLParser):
    """The first usable <img> of a fragment, with the figcaption of its <figure>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.url: str | None = None
        self.alt = ""
        self.caption_parts: list[str] = []
        self._figure_depth = 0
        self._image_figure = False  # the chosen image sits in the figure being read
        self._in_caption = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "figure":
            self._figure_depth += 1
        elif tag == "figcaption" and self._image_figure:
            self._in_caption = True
        elif tag == "img" and self.url is None:
            values = {name: value or "" for name, value in attrs}
            self.url = _img_url(values)
            if self.url is not None:
                self.alt = values.get("alt", "").strip()
                self._image_figure = self._figure_depth > 0

    def handle_endtag(self, tag: str) -> None:
        if tag == "figcaption":
            self._in_caption = False
        elif tag == "figure" and self._figure_depth:
            self._figure_depth -= 1
            self._image_figure = False

    def handle_data(self, data: str) -> None:
        if self._in_caption:
            self.caption_parts.append(data)


def _img_url(attrs: Mapping[str, str]) -> str | None:
    if attrs.get("width", "").strip() == "1" or attrs.get("height", "").strip() == "1":
        return None  # a tracking pixel
    src = http_url(attrs.get("src"))
    if src and not _PLACEHOLDER.search(src):
        return src
    for name in _LAZY_ATTRIBUTES:
        if url := http_url(attrs.get(name)):
            return url
    return src


def _from_html(fragment: str) -> tuple[str | None, str]:
    """(picture URL, caption) from an HTML fragment, or a fragment that is only an address."""
    if "<img" in fragment.lower():
        images = _Images()
        images.feed(fragment)
        images.close()
        if images.url:
            caption = " ".join("".join(images.caption_parts).split()) or images.alt
            return images.url, caption
    bare = _BARE_URL.match(to_text(fragment)) if len(fragment) < 2000 else None
    if bare and (url := http_url(bare.group(1))) and _suffix(url) in _IMAGE_SUFFIXES:
        return url, ""
    return None, ""


def _clean(text: Any) -> str:
    return to_text(str(text or ""))[:MAX_CAPTION_CHARS] if text else ""


def _texts(entry: Mapping[str, Any], details: Mapping[str, Any]) -> tuple[str, str]:
    """(caption, credit) of a media entry, else of the item."""
    item_level = media_rss.item_texts(entry)
    caption = (_clean(details.get("description")) or _clean(details.get("title"))
               or _clean(item_level.get("description")) or _clean(item_level.get("title")))
    credit = _clean(details.get("credit")) or _clean(item_level.get("credit"))
    return caption, credit


def pick_picture(entry: Mapping[str, Any], fragments: Sequence[str]) -> Picture:
    """The item's picture; `fragments`: its HTML (content:encoded, description) in that order."""
    thumbnail = _largest_thumbnail(entry)
    candidates = _candidates(entry)
    if candidates:
        best = max(candidates, key=_Candidate.rank)
        caption, credit = _texts(entry, best.details)
        return Picture(best.url, thumbnail or best.url, caption, credit)
    for fragment in _non_empty(fragments):
        url, caption = _from_html(fragment)
        if url:
            media_caption, credit = _texts(entry, {})
            if not credit and caption:
                caption, credit = split_credit(caption)
            return Picture(url, thumbnail or url, (media_caption or caption)[:MAX_CAPTION_CHARS],
                           credit[:MAX_CAPTION_CHARS])
    if thumbnail:
        caption, credit = _texts(entry, {})
        return Picture(thumbnail, thumbnail, caption, credit)
    return Picture()


def split_credit(caption: str) -> tuple[str, str]:
    """'Puin in Malatya (foto: ANP)' → ('Puin in Malatya', 'ANP')."""
    match = _CREDIT_IN_CAPTION.match(caption)
    if not match or not match.group("credit").strip():
        return caption, ""
    return match.group("caption").strip(" (|·–-"), match.group("credit").strip()


def _non_empty(fragments: Iterable[str]) -> Iterable[str]:
    return (f for f in fragments if f and f.strip())
