"""`zeelandnet-desktop headlines`: the latest news on the command line, no window, no QtWidgets.

Exit codes: 0 when there are headlines to show (fetched now, or --offline from the cache); 1 when
every attempted feed failed or nothing is saved to show (reasons on stderr, in words); 2 on bad
arguments (unknown category, unreadable --feeds file).
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ..i18n import cli_translate
from ..news.catalogue import USER_FILE_NAME, Catalogue, CatalogueError, load_catalogue
from ..news.catalogue import read_catalogue_file as _read_catalogue_file
from ..news.model import Article
from ..news.words import problem_text

if TYPE_CHECKING:
    from ..options import HeadlinesOptions
    from ..system.paths import AppPaths

log = logging.getLogger(__name__)

_MESSAGES: dict[str, dict[str, str]] = {
    "nl": {
        "unknown_category": "Onbekende categorie: {category}. Bekend: {known}",
        "bad_feeds": "Kan het feedbestand niet lezen: {error}",
        "all_failed": "Geen enkele feed werkte; je ziet opgeslagen nieuws.",
        "recovered": "De nieuwsdatabase was beschadigd en is opnieuw opgebouwd.",
        "empty": "Nog geen nieuws opgeslagen.",
        "read_only": "De profielmap is alleen-lezen: je ziet opgeslagen nieuws, nieuw nieuws "
                     "kan niet worden bewaard.",
    },
    "en": {
        "unknown_category": "Unknown category: {category}. Known: {known}",
        "bad_feeds": "Cannot read the feeds file: {error}",
        "all_failed": "No feed worked; showing saved news.",
        "recovered": "The news database was damaged and has been rebuilt.",
        "empty": "No news saved yet.",
        "read_only": "The profile folder is read-only: showing saved news, new news cannot be "
                     "kept.",
    },
}


def _lang(lang: str) -> str:
    return "nl" if lang.lower().startswith("nl") else "en"


def run(
    args: HeadlinesOptions,
    paths: AppPaths,
    lang: str,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    lang = _lang(lang)
    words = _MESSAGES[lang]
    translate = cli_translate(lang)
    try:
        if args.feeds:
            catalogue = _read_catalogue_file(Path(args.feeds))
        else:
            catalogue = load_catalogue(user_file=paths.config / USER_FILE_NAME)
    except CatalogueError as error:
        print(words["bad_feeds"].format(error=error), file=err)
        return 2
    if args.category and catalogue.category(args.category) is None:
        known = ", ".join(c.id for c in catalogue.categories)
        print(words["unknown_category"].format(category=args.category, known=known), file=err)
        return 2

    # Imported here: the store and fetcher pull in sqlite3/requests, not needed for --help.
    from ..news.fetch import Fetcher
    from ..news.refresh import refresh
    from ..news.store import NewsStore

    code = 0
    store = NewsStore(paths.database_file)
    try:
        if store.recovered_from_corruption:
            print(words["recovered"], file=err)
        if store.read_only:
            print(words["read_only"], file=err)
        if not args.offline and not store.read_only:
            fetcher = Fetcher()
            try:
                enabled = [args.category] if args.category else None
                report = refresh(catalogue, store, fetcher, enabled_categories=enabled)
            finally:
                fetcher.close()
            for outcome in report.problems:
                assert outcome.problem is not None
                print(f"{outcome.name}: {problem_text(outcome.problem, translate)}", file=err)
            if report.all_failed:
                print(words["all_failed"], file=err)
                code = 1
        articles = _select(store.articles(args.category), catalogue, args.limit)
    finally:
        store.close()
    if args.json:
        out.write(json.dumps([_as_json(a) for a in articles], ensure_ascii=False, indent=2))
        out.write("\n")
    elif articles:
        _print_lines(articles, catalogue, lang, out)
    if not articles:
        print(words["empty"], file=err)
        code = 1  # nothing to read: a script should not take this for news
    return code


def _select(articles: list[Article], catalogue: Catalogue, limit: int) -> list[Article]:
    known = {c.id for c in catalogue.categories}
    return [a for a in articles if a.category in known][:limit]


def _as_json(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "category": article.category,
        "title": article.title,
        "link": article.link,
        "published": article.published.isoformat(),
        "summary_text": article.summary_text,
        "source": article.source,
        "agencies": list(article.agencies),
    }


def _print_lines(articles: list[Article], catalogue: Catalogue, lang: str, out: TextIO) -> None:
    from ..news.reltime import clock_time, relative_time

    now = datetime.now(timezone.utc)
    names = {c.id: c.name(lang) for c in catalogue.categories}
    width = max(len(names.get(a.category, a.category)) for a in articles)
    for article in articles:
        name = names.get(article.category, article.category).ljust(width)
        when = relative_time(article.published, now, lang)
        out.write(f"{name}  {clock_time(article.published)}  {article.title}  ({when})\n")
