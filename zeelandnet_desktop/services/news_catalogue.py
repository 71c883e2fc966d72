"""The news service's catalogue files: the shipped defaults (or --feeds) merged with the user's
own file in the profile, and the user's changes to that file."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from ..news.catalogue import (
    USER_FILE_NAME,
    Catalogue,
    CatalogueError,
    add_user_feed,
    load_catalogue,
    read_user_data,
    remove_user_feed,
)

log = logging.getLogger(__name__)


class CatalogueFiles:
    def __init__(self, config: Path, defaults: Path | None = None) -> None:
        """`defaults`: a catalogue file used instead of the shipped one (--feeds)."""
        self.user_file = config / USER_FILE_NAME
        self._defaults = defaults

    def load(self) -> Catalogue:
        try:
            return load_catalogue(self.user_file, self._defaults)
        except CatalogueError as error:
            if self._defaults is None:
                raise  # the shipped catalogue is broken: a packaging bug, not user input
            log.warning("Cannot use the feeds file %s (%s); using the shipped feeds",
                        self._defaults, error)
            self._defaults = None
            return load_catalogue(self.user_file)

    def user_feeds(self) -> list[tuple[str, str]]:
        """(category id, address) of each news source the user added."""
        found: list[tuple[str, str]] = []
        for entry in read_user_data(self.user_file).get("categories", []):
            if not isinstance(entry, dict):
                continue
            for feed in entry.get("feeds", []):
                if isinstance(feed, dict) and isinstance(feed.get("url"), str):
                    found.append((str(entry.get("id")), feed["url"]))
        return found

    def change(self, add: Iterable[tuple[str, str]], remove: Iterable[tuple[str, str]]) -> None:
        """Raises CatalogueError for an address that is not http(s), OSError when the file
        cannot be written; what was written before the error stays written."""
        for category_id, url in remove:
            remove_user_feed(self.user_file, category_id, url)
        for category_id, url in add:
            add_user_feed(self.user_file, category_id, url)
