"""A full disk is said as such ("De schijf is vol"), not as an internal error, and what was
saved stays. SQLite's own limit on the file's size gives the very error a full disk gives
(SQLITE_FULL, "database or disk is full"), on any machine."""

from __future__ import annotations

import errno

from PySide6.QtCore import QTranslator

from tests.support.feedgen import Item, serve_feed
from tests.support.localserver import LocalServer
from tests.unit.news.conftest import catalogue_of
from zeelandnet_desktop.assets import resource_path
from zeelandnet_desktop.news.fetch import Fetcher
from zeelandnet_desktop.news.model import DISK_FULL
from zeelandnet_desktop.news.refresh import is_disk_full, refresh
from zeelandnet_desktop.news.report import PROBLEM
from zeelandnet_desktop.news.store import NewsStore
from zeelandnet_desktop.news.words import problem_text


def test_a_full_database_is_a_full_disk_and_the_saved_news_stays(
    store: NewsStore, server: LocalServer, fetcher: Fetcher
) -> None:
    first = serve_feed(server, "/a.xml", "NOS", [Item("Eerste bericht", "GOES - Tekst.")])
    refresh(catalogue_of(("zeeland", "NOS", first)), store, fetcher)
    assert [a.title for a in store.articles("zeeland")] == ["Eerste bericht"]

    def no_room(conn: object) -> None:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]  # type: ignore[attr-defined]
        conn.execute(f"PRAGMA max_page_count = {pages}")  # type: ignore[attr-defined]

    store._db.write(no_room).result()  # the write connection may not grow the file any more
    big = [Item(f"Bericht {n} " + "lange tekst " * 40, "GOES - " + "tekst " * 200,
                minutes_ago=n + 1) for n in range(60)]
    second = serve_feed(server, "/b.xml", "NU.nl", big)
    report = refresh(catalogue_of(("zeeland", "NOS", first), ("zeeland", "NU.nl", second)),
                     store, fetcher, force=True)
    failed = [o for o in report.outcomes if o.status == PROBLEM]
    assert [o.name for o in failed] == ["NU.nl"]
    assert failed[0].problem is not None and failed[0].problem.kind == DISK_FULL
    assert "Eerste bericht" in [a.title for a in store.articles("zeeland")]

    dutch = QTranslator()
    assert dutch.load(str(resource_path("translations", "zeelandnet_desktop_nl.qm")))
    words = problem_text(failed[0].problem, dutch.translate)
    assert words.startswith("De schijf is vol")
    assert "logbestand" not in words and "programma" not in words


def test_what_counts_as_a_full_disk() -> None:
    import sqlite3

    assert is_disk_full(OSError(errno.ENOSPC, "No space left on device"))
    assert is_disk_full(sqlite3.OperationalError("database or disk is full"))
    assert not is_disk_full(sqlite3.OperationalError("database is locked"))
    assert not is_disk_full(OSError(errno.EACCES, "Permission denied"))
    assert not is_disk_full(ValueError("full"))
