"""The stories of each category as last grouped (textkeys.StoryGroups), kept until a write
changes that category.

Grouping a category means reading the key columns of every article in it, thousands after a
few days: the Voorpagina, the list and the unread counts each did it again after every round,
for categories nothing had changed in, and that work queued the GUI thread behind it for the
interpreter lock. Only the newest KEEP stories and the unread count are kept, so the memory
does not grow with the database.

Validity: the store reports each of its own commits (with the categories it touched) before
the write's Future is done, so a read that waited for a write never sees the old grouping; a
commit by another process (the command line) is noticed at the store's next write and then
counts as a change of every category.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

from .textkeys import StoryGroups

KEEP = 512  # newest stories kept per category: five pages of the list, the Voorpagina's few


@dataclass(frozen=True)
class Grouped:
    unread: int
    newest: tuple[str, ...]  # the ids listed for the newest stories (at most KEEP)
    read: tuple[bool, ...]
    complete: bool  # every story of the category is in `newest`


class StoryCache:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counter = 0
        self._everything = 0  # the version of the last change to every category
        self._changed: dict[str, int] = {}
        self._kept: dict[str, tuple[int, Grouped]] = {}

    def changed(self, categories: Iterable[str] | None) -> None:
        """These categories (None: all) were written; called once the write is committed."""
        with self._lock:
            self._counter += 1
            if categories is None:
                self._everything = self._counter
                self._changed.clear()
                self._kept.clear()
                return
            for category in categories:
                self._changed[category] = self._counter
                self._kept.pop(category, None)

    def version(self, category: str) -> int:
        """Take before reading the rows a grouping is made from."""
        with self._lock:
            return max(self._everything, self._changed.get(category, 0))

    def get(self, category: str) -> Grouped | None:
        with self._lock:
            kept = self._kept.get(category)
            if kept is None:
                return None
            version = max(self._everything, self._changed.get(category, 0))
            return kept[1] if kept[0] == version else None

    def put(self, category: str, version: int, groups: StoryGroups) -> Grouped:
        grouped = Grouped(groups.read.count(False), tuple(groups.newest[:KEEP]),
                          tuple(groups.read[:KEEP]), len(groups.newest) <= KEEP)
        with self._lock:
            # A write since `version` was taken: these rows may be older than it; not kept.
            if version == max(self._everything, self._changed.get(category, 0)):
                self._kept[category] = (version, grouped)
        return grouped
