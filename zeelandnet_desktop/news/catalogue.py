"""The feed catalogue: categories with their feeds, shipped defaults plus the user's own file.

Format (resources/feeds.json, and the same for the user file in the profile's config folder):

    {"version": 1, "categories": [
        {"id": "buitenland", "name": {"nl": "Buitenland", "en": "World"}, "order": 3,
         "notify": false, "feeds": [{"name": "NOS Buitenland", "url": "https://..."}]}]}

Merging the user file: a user category with a known id overrides that category's name, order and
notify, and its feeds are *added* to the default feeds (by URL) unless it says
`"replace_feeds": true`. Unknown ids add new categories. A broken user file is logged and ignored
(defaults only): bad settings fall back to defaults, they never stop the app.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

USER_FILE_NAME = "feeds.json"
FORMAT_VERSION = 1


class CatalogueError(ValueError):
    """A catalogue file that cannot be read or does not have the expected shape."""


@dataclass(frozen=True)
class FeedSource:
    name: str
    url: str


@dataclass(frozen=True)
class Category:
    id: str
    names: Mapping[str, str]
    order: int
    notify: bool
    feeds: tuple[FeedSource, ...]

    def name(self, lang: str = "nl") -> str:
        """The name in `lang`, else Dutch, else English, else the id."""
        short = lang.split("_")[0].split("-")[0].lower()
        for key in (short, "nl", "en"):
            if self.names.get(key):
                return self.names[key]
        return self.id


@dataclass(frozen=True)
class Catalogue:
    categories: tuple[Category, ...]  # sorted by order, then id

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def categories_of_feed(self, url: str) -> tuple[Category, ...]:
        """The categories that list this address (a feed is stored under the first)."""
        wanted = url.strip()
        return tuple(c for c in self.categories if any(f.url == wanted for f in c.feeds))

    def feeds(
        self, enabled: Iterable[str] | None = None
    ) -> tuple[tuple[Category, FeedSource], ...]:
        """Each feed once (by URL) with the first category (in order) that lists it.

        A feed is fetched once even when two categories list it; its articles belong to the first
        enabled one, so an article id stays unique.
        """
        wanted = set(enabled) if enabled is not None else None
        seen: set[str] = set()
        result: list[tuple[Category, FeedSource]] = []
        for category in self.categories:
            if wanted is not None and category.id not in wanted:
                continue
            for feed in category.feeds:
                if feed.url not in seen:
                    seen.add(feed.url)
                    result.append((category, feed))
        return tuple(result)


def default_catalogue_path() -> Path:
    from zeelandnet_desktop.assets import resource_path

    return resource_path("feeds.json")


def valid_feed_url(url: str) -> bool:
    """An http(s) address with a host: the only kind of feed address the app fetches."""
    parts = urlsplit(url.strip())
    return parts.scheme in ("http", "https") and bool(parts.hostname)




def _parse_category(raw: Any, *, partial: bool = False) -> dict[str, Any]:
    """Check one category entry; returns a normalised dict (only the keys present if partial)."""
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) or not raw["id"]:
        raise CatalogueError("a category needs a non-empty string id")
    out: dict[str, Any] = {"id": raw["id"]}
    if "name" in raw or not partial:
        names = raw.get("name", {})
        if isinstance(names, str):
            names = {"nl": names}
        if not isinstance(names, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in names.items()
        ):
            raise CatalogueError(f"category {raw['id']}: name must be {{lang: text}}")
        out["names"] = dict(names)
    if "order" in raw or not partial:
        order = raw.get("order", 1000)
        if not isinstance(order, int) or isinstance(order, bool):
            raise CatalogueError(f"category {raw['id']}: order must be a number")
        out["order"] = order
    if "notify" in raw or not partial:
        notify = raw.get("notify", False)
        if not isinstance(notify, bool):
            raise CatalogueError(f"category {raw['id']}: notify must be true or false")
        out["notify"] = notify
    feeds_raw = raw.get("feeds", [])
    if not isinstance(feeds_raw, list):
        raise CatalogueError(f"category {raw['id']}: feeds must be a list")
    feeds: list[FeedSource] = []
    for feed in feeds_raw:
        if not isinstance(feed, dict) or not isinstance(feed.get("url"), str):
            raise CatalogueError(f"category {raw['id']}: a feed needs a url")
        url = feed["url"].strip()
        if not valid_feed_url(url):
            raise CatalogueError(f"category {raw['id']}: not an http(s) URL: {url!r}")
        name = feed.get("name")
        feeds.append(
            FeedSource(name if isinstance(name, str) and name else urlsplit(url).netloc, url)
        )
    out["feeds"] = tuple(feeds)
    out["replace_feeds"] = bool(raw.get("replace_feeds", False))
    return out


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CatalogueError(f"{path}: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get("categories"), list):
        raise CatalogueError(f"{path}: expected an object with a 'categories' list")
    return data


def _sorted(categories: Iterable[Category]) -> Catalogue:
    return Catalogue(tuple(sorted(categories, key=lambda c: (c.order, c.id))))


def read_catalogue_file(path: Path) -> Catalogue:
    """A complete catalogue from one file (defaults, or `headlines --feeds FILE`). Strict: raises
    CatalogueError when the file is unreadable or malformed."""
    categories: dict[str, Category] = {}
    for raw in _read_json(path)["categories"]:
        entry = _parse_category(raw)
        categories[entry["id"]] = Category(
            entry["id"], entry["names"], entry["order"], entry["notify"], entry["feeds"]
        )
    return _sorted(categories.values())


def _merge(base: Catalogue, user_data: dict[str, Any]) -> Catalogue:
    categories = {c.id: c for c in base.categories}
    for raw in user_data["categories"]:
        entry = _parse_category(raw, partial=True)
        known = categories.get(entry["id"])
        if known is None:
            full = _parse_category(raw)
            categories[full["id"]] = Category(
                full["id"], full["names"], full["order"], full["notify"], full["feeds"]
            )
            continue
        feeds = entry["feeds"]
        if not entry["replace_feeds"]:
            known_urls = {f.url for f in known.feeds}
            feeds = known.feeds + tuple(f for f in feeds if f.url not in known_urls)
        categories[known.id] = replace(
            known,
            names={**known.names, **entry.get("names", {})},
            order=entry.get("order", known.order),
            notify=entry.get("notify", known.notify),
            feeds=feeds,
        )
    return _sorted(categories.values())


def load_catalogue(user_file: Path | None = None, defaults: Path | None = None) -> Catalogue:
    """Shipped defaults merged with the user's file. Never raises for a bad user file.

    A broken defaults file is a packaging bug and does raise CatalogueError.
    """
    base = read_catalogue_file(defaults or default_catalogue_path())
    if user_file is None or not user_file.exists():
        return base
    try:
        return _merge(base, _read_json(user_file))
    except CatalogueError as error:
        log.warning("Ignoring the user feed file, using the defaults: %s", error)
        return base


def read_user_data(user_file: Path) -> dict[str, Any]:
    """The user file's raw content, or an empty catalogue when it is missing or broken."""
    try:
        return _read_json(user_file)
    except CatalogueError as error:
        if user_file.exists():
            log.warning("Starting a new user feed file: %s", error)
        return {"version": FORMAT_VERSION, "categories": []}


def write_user_file(user_file: Path, data: Mapping[str, Any]) -> None:
    """Write atomically: a crash mid-write leaves the old file, never half a file."""
    user_file.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    import tempfile  # only when saving: tempfile costs the app's start-up several milliseconds

    fd, temp_name = tempfile.mkstemp(prefix=".feeds-", suffix=".tmp", dir=user_file.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, user_file)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def add_user_feed(
    user_file: Path,
    category_id: str,
    url: str,
    name: str | None = None,
    category_names: Mapping[str, str] | None = None,
) -> None:
    """Add a feed URL to a category in the user file (creating the category entry if needed).

    `category_names` is only used when the category is new to both defaults and user file.
    Raises CatalogueError for a URL that is not http(s).
    """
    url = url.strip()
    if not valid_feed_url(url):
        raise CatalogueError(f"not an http(s) URL: {url!r}")
    data = read_user_data(user_file)
    entry = next(
        (c for c in data["categories"] if isinstance(c, dict) and c.get("id") == category_id),
        None,
    )
    if entry is None:
        entry = {"id": category_id, "feeds": []}
        if category_names:
            entry["name"] = dict(category_names)
        data["categories"].append(entry)
    feeds = entry.setdefault("feeds", [])
    if not any(isinstance(f, dict) and f.get("url") == url for f in feeds):
        feeds.append({"name": name or urlsplit(url).netloc, "url": url})
    data.setdefault("version", FORMAT_VERSION)
    write_user_file(user_file, data)


def remove_user_feed(user_file: Path, category_id: str, url: str) -> bool:
    """Remove a feed the user added; returns whether it was there. Defaults cannot be removed
    this way (they are switched off per category in the settings)."""
    data = read_user_data(user_file)
    removed = False
    for entry in data["categories"]:
        if isinstance(entry, dict) and entry.get("id") == category_id:
            before = entry.get("feeds", [])
            entry["feeds"] = [
                f for f in before if not (isinstance(f, dict) and f.get("url") == url)
            ]
            removed = removed or len(entry["feeds"]) != len(before)
    if removed:
        write_user_file(user_file, data)
    return removed
