"""Media RSS captions read as captions.

feedparser 6 handles `media:title` as the item's title and `media:description` as its summary,
so a picture's caption replaces the headline or the lead (whichever element comes last wins),
and it files `media:credit` apart from the picture it belongs to. `install()` replaces those
three handlers: inside a `media:content` the text is kept on that media entry (its "title",
"description", "credit" keys); elsewhere in an item it goes to the item's own list, read with
`item_texts()`. The item's title and summary are then only ever its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

_ITEM_TEXTS = "zeelandnet_media_texts"  # the item's key for texts outside any media:content
_CURRENT = "_zeelandnet_media_item"  # parser attribute: the media:content being read
_ELEMENTS = ("title", "description", "credit")
_installed = False


def install() -> None:
    """Replace feedparser's Media RSS handlers (once per process; parsing is then the same for
    every caller)."""
    global _installed
    if _installed:
        return
    from feedparser.namespaces.mediarss import Namespace

    Namespace._start_media_content = _start_media_content
    Namespace._end_media_content = _end_media_content
    for element in _ELEMENTS:
        start, end = _text_handlers(element)
        setattr(Namespace, f"_start_media_{element}", start)
        setattr(Namespace, f"_end_media_{element}", end)
    _installed = True


def item_texts(entry: Mapping[str, Any]) -> dict[str, str]:
    """The item's own media:title / media:description / media:credit (the first of each)."""
    found: dict[str, str] = {}
    for element, value in entry.get(_ITEM_TEXTS) or ():
        found.setdefault(element, value)
    return found


def _start_media_content(parser: Any, attrs_d: dict[str, Any]) -> None:
    context = parser._get_context()
    context.setdefault("media_content", []).append(attrs_d)
    setattr(parser, _CURRENT, attrs_d)


def _end_media_content(parser: Any) -> None:
    setattr(parser, _CURRENT, None)


def _text_handlers(element: str) -> tuple[Callable[..., None], Callable[..., None]]:
    key = f"zeelandnet_media_{element}"

    def start(parser: Any, attrs_d: dict[str, Any]) -> None:
        parser.push(key, 1)

    def end(parser: Any) -> None:
        value = parser.pop(key)
        if not isinstance(value, str) or not value.strip():
            return
        current = getattr(parser, _CURRENT, None)
        if current is not None:
            current.setdefault(element, value.strip())
        else:
            parser._get_context().setdefault(_ITEM_TEXTS, []).append((element, value.strip()))

    return start, end
