"""Feed HTML is untrusted: reduce it to a small safe subset before anything displays it.

nh3 (ammonia) does the parsing and allow-listing; we only choose the subset: paragraphs, emphasis,
links, lists, quotes and two levels of subheading (a feed's h1 becomes h2 and h4-h6 become h3:
two levels are all a news body needs, and none competes with the article's title). `to_text`
gives the plain text used for leads, datelines and search.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import nh3

_TAGS = {"p", "br", "b", "strong", "i", "em", "a", "ul", "ol", "li", "blockquote", "h2", "h3"}
# Their content is dropped as well, not just the tags: script text must never become visible text.
_DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template"}
# A picture's caption without its picture is a stray line; the caption travels with the picture.
_DROP_FROM_BODY = {"figcaption"}
_HEADING = re.compile(r"<(/?)\s*h([1-6])\b", re.IGNORECASE)
# What a removed picture leaves behind: an empty paragraph is an empty line in the view.
_EMPTY_BLOCK = re.compile(r"<(p|h2|h3|li|blockquote)>(?:\s|<br>)*</\1>")
_SCHEMES = {"http", "https", "mailto"}


def _cleaner(allow_images: bool) -> nh3.Cleaner:
    tags = _TAGS | ({"img"} if allow_images else set())
    attributes = {"a": {"href", "title"}}
    if allow_images:
        attributes["img"] = {"src", "alt", "title"}
    return nh3.Cleaner(
        tags=tags,
        clean_content_tags=_DROP_WITH_CONTENT | _DROP_FROM_BODY,
        attributes=attributes,
        url_schemes=_SCHEMES,
        # noopener: a link opened from the article must not get a handle on our view.
        link_rel="noopener noreferrer",
    )


# Built once: building a Cleaner parses its options, cleaning is then the only per-call cost.
_CLEANERS = {False: _cleaner(False), True: _cleaner(True)}


def sanitize_html(fragment: str, allow_images: bool = False) -> str:
    """The safe subset of `fragment`: no script/style/iframe, no event handlers, no javascript:
    or data: URLs, links with rel=noopener; <img> only when `allow_images`."""
    if not fragment:
        return ""
    if "<" in fragment:
        fragment = _HEADING.sub(_heading_level, fragment)
    clean = str(_CLEANERS[allow_images].clean(fragment))
    return _EMPTY_BLOCK.sub("", clean).strip() if "></" in clean else clean.strip()


def _heading_level(match: re.Match[str]) -> str:
    return f"<{match.group(1)}h{2 if match.group(2) in '12' else 3}"


_BLOCK_TAGS = {
    "p", "br", "div", "li", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
    "figure", "figcaption", "section", "article", "table",
}  # fmt: skip


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP_WITH_CONTENT:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP_WITH_CONTENT:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_NEWLINES = re.compile(r"\s*\n\s*")


def to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: tags gone, entities decoded, blocks on their own lines."""
    if not fragment:
        return ""
    if "<" not in fragment:
        text = html.unescape(fragment)
    else:
        collector = _TextCollector()
        collector.feed(fragment)
        collector.close()
        text = "".join(collector.parts)
    text = _SPACES.sub(" ", text)
    return _NEWLINES.sub("\n", text).strip()
