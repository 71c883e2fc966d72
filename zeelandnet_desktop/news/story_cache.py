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

import contextlib
import json
import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .textkeys import StoryGroups

log = logging.getLogger(__name__)

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
            return self._version(category)

    def _version(self, category: str) -> int:
        """The version of the category's last change; with the lock held."""
        return max(self._everything, self._changed.get(category, 0))

    def get(self, category: str) -> Grouped | None:
        with self._lock:
            kept = self._kept.get(category)
            if kept is None:
                return None
            return kept[1] if kept[0] == self._version(category) else None

    def kept(self) -> dict[str, Grouped]:
        """Every grouping still valid."""
        with self._lock:
            return {category: grouped for category, (version, grouped) in self._kept.items()
                    if version == self._version(category)}

    def preload(self, groupings: dict[str, Grouped]) -> None:
        """Groupings made before this store was opened, valid for the file as it is now."""
        with self._lock:
            for category, grouped in groupings.items():
                self._kept[category] = (self._version(category), grouped)

    def put(self, category: str, version: int, groups: StoryGroups) -> Grouped:
        grouped = Grouped(groups.read.count(False), tuple(groups.newest[:KEEP]),
                          tuple(groups.read[:KEEP]), len(groups.newest) <= KEEP)
        with self._lock:
            # A write since `version` was taken: these rows may be older than it; not kept.
            if version == self._version(category):
                self._kept[category] = (version, grouped)
        return grouped


# --- kept over a restart -----------------------------------------------------------------------
#
# Grouping every category again is most of the first screen's read once the store holds a few
# weeks of news (60 ms at 15,000 articles, on every start). A clean close writes what is kept
# beside the database, for the file exactly as that close left it (its size and modification
# time, see db.Database); the next start takes it only when the file is still that file and
# the app that wrote it is this one (its grouping rules may differ), and deletes it either way.

def save(path: Path, file_as: tuple[int, int], tag: str, cache: StoryCache) -> None:
    kept = {category: [g.unread, g.complete, list(g.newest),
                       "".join("1" if r else "0" for r in g.read)]
            for category, g in cache.kept().items()}
    try:
        path.write_text(json.dumps({"tag": tag, "file": list(file_as), "categories": kept},
                                   separators=(",", ":")), encoding="utf-8")
    except OSError as error:  # the next start groups again, nothing more
        log.info("News store: stories not kept for the next start (%s)", error)


def load(path: Path, file_as: tuple[int, int] | None, tag: str) -> dict[str, Grouped]:
    """What `save` kept, when it is valid for this file and app; {} otherwise."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return {}
    with contextlib.suppress(OSError):
        path.unlink()
    if file_as is None:
        return {}
    try:
        data = json.loads(text)
        if data.get("tag") != tag or data.get("file") != list(file_as):
            return {}
        return {str(category): Grouped(int(unread), tuple(str(i) for i in newest),
                                       tuple(flag == "1" for flag in read), bool(complete))
                for category, (unread, complete, newest, read) in data["categories"].items()
                if len(newest) == len(read)}
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as error:
        log.info("News store: kept stories unreadable (%s); grouping again", error)
        return {}
