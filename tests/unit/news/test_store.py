"""The news store: de-duplication, read state, search, pruning, corruption and crash safety."""

from __future__ import annotations

import itertools
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.support.localserver import LocalServer, Request, Response
from tests.unit.news.conftest import RSS, catalogue_of, feed_response
from zeelandnet_desktop.news.db import Database
from zeelandnet_desktop.news.fetch import Fetcher
from zeelandnet_desktop.news.model import Article, FeedProblem, FeedState
from zeelandnet_desktop.news.refresh import refresh
from zeelandnet_desktop.news.store import SCHEMA_VERSION, NewsStore, StoreClosedError

NOW = datetime(2026, 11, 28, 13, 0, tzinfo=timezone.utc)
ROOT = Path(__file__).resolve().parents[3]


def make_article(number: int, **changes: object) -> Article:
    article = Article(
        id=f"id-{number}",
        feed_url="https://feeds.example/a",
        category="binnenland",
        source="NOS",
        title=f"Bericht nummer {number} over het weer",
        link=f"https://nos.example/artikel/{number}",
        published=NOW - timedelta(minutes=number),
        first_seen=NOW,
        summary_html=f"<p>GOES - Tekst {number}.</p>",
        summary_text=f"GOES - Tekst {number}.",
        lead=f"Tekst {number}.",
        places=("GOES",),
        agencies=(),
        image_url=None,
    )
    return replace(article, **changes)  # type: ignore[arg-type]


def save(
    store: NewsStore, *articles: Article, url: str = "https://feeds.example/a"
) -> tuple[str, ...]:
    return store.save_feed(FeedState(url, last_success=NOW), articles).result()


def test_fresh_store_has_the_schema(store: NewsStore) -> None:
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert not store.recovered_from_corruption
    assert store.articles() == [] and store.unread_counts() == {}


def test_round_trip_and_new_ids(store: NewsStore) -> None:
    article = make_article(1, places=("SEOUL", "VLADIVOSTOK"), agencies=("ANP", "AFP"))
    assert save(store, article) == ("id-1",)
    assert save(store, article, make_article(2)) == ("id-2",)
    assert store.article("id-1") == article
    assert store.article("nope") is None
    assert [a.id for a in store.articles()] == ["id-1", "id-2"]  # newest first


def test_refetch_keeps_first_seen_and_undated_published(store: NewsStore) -> None:
    first = make_article(1, published=NOW, first_seen=NOW)
    store.save_feed(FeedState("https://feeds.example/a"), [first], undated=["id-1"]).result()
    later = NOW + timedelta(hours=3)
    again = replace(first, published=later, first_seen=later, title="Nieuwe titel")
    store.save_feed(FeedState("https://feeds.example/a"), [again], undated=["id-1"]).result()
    stored = store.article("id-1")
    assert stored is not None
    assert stored.title == "Nieuwe titel"
    assert stored.published == NOW and stored.first_seen == NOW


def test_dedupe_within_a_category(store: NewsStore) -> None:
    nu = make_article(1, source="NU.nl", title="Ook China mag bij vredesraad van Trump")
    nos = make_article(
        2,
        source="NOS",
        feed_url="https://feeds.example/b",
        title="Ook China mag bij vredesraad van Trump!",  # normalised title matches
    )
    same_link = make_article(
        3,
        feed_url="https://feeds.example/b",
        title="Een andere kop",
        link=nu.link + "?utm_source=rss",
    )
    short = make_article(4, title="Liveblog")  # too short to merge on
    short_too = make_article(5, title="Liveblog", feed_url="https://feeds.example/b")
    other_category = make_article(
        6, category="buitenland", title=nu.title, link="https://x.example/6"
    )
    save(store, nu, nos, same_link, short, short_too, other_category)
    listed = store.articles("binnenland")
    assert [a.id for a in listed] == ["id-1", "id-4", "id-5"]
    assert store.unread_counts() == {"binnenland": 3, "buitenland": 1}
    assert [a.id for a in store.articles("binnenland", limit=2)] == ["id-1", "id-4"]

    # Reading one copy reads the story: all copies, and the count drops once.
    store.set_read(["id-2"]).result()
    assert store.article("id-1").read  # type: ignore[union-attr]
    assert store.articles("binnenland")[0].read
    assert store.unread_counts() == {"binnenland": 2, "buitenland": 1}
    store.set_read(["id-1"], read=False).result()
    assert store.unread_counts()["binnenland"] == 3


def test_search_is_case_and_accent_insensitive(store: NewsStore) -> None:
    save(
        store,
        make_article(1, title="Café in Zierikzee wint prijs", summary_text="Crème brûlée"),
        make_article(2, title="Aardbeving in Turkije", summary_text="ANKARA - Zware schok."),
        make_article(3, title="Geëvacueerd na brand", summary_text="Inwoners weg."),
    )
    assert [a.id for a in store.articles(search="CAFE")] == ["id-1"]
    assert [a.id for a in store.articles(search="creme brulee")] == ["id-1"]
    assert [a.id for a in store.articles(search="geevacueerd")] == ["id-3"]
    assert [a.id for a in store.articles(search="ankara schok")] == ["id-2"]  # every word
    assert store.articles(search="ankara café") == []
    assert len(store.articles(search="  ")) == 3
    assert store.articles("buitenland", search="cafe") == []


def test_read_state_survives_refetch_and_reopen(tmp_path: Path) -> None:
    path = tmp_path / "news.sqlite3"
    store = NewsStore(path)
    save(store, make_article(1), make_article(2))
    store.set_read(["id-1"]).result()
    save(store, replace(make_article(1), title="Bijgewerkte kop"), make_article(2))
    assert store.article("id-1").read  # type: ignore[union-attr]
    store.close()
    with NewsStore(path) as reopened:
        article = reopened.article("id-1")
        assert article is not None and article.read and article.title == "Bijgewerkte kop"
        assert not reopened.article("id-2").read  # type: ignore[union-attr]
        assert reopened.unread_counts() == {"binnenland": 1}


def test_a_copy_arriving_later_is_already_read(store: NewsStore) -> None:
    save(store, make_article(1))
    store.set_read(["id-1"]).result()
    copy = make_article(7, category="net-binnen", link=make_article(1).link, title="Ander")
    save(store, copy, url="https://feeds.example/b")
    assert store.article("id-7").read  # type: ignore[union-attr]


def test_feed_state_round_trip(store: NewsStore) -> None:
    state = FeedState(
        url="https://feeds.example/a",
        etag='"v1"',
        last_modified="Sat, 28 Nov 2026 12:10:00 GMT",
        last_success=NOW,
        last_error=FeedProblem("http", "500"),
        next_allowed=NOW + timedelta(minutes=5),
        title="NOS",
        fetch_url="https://feeds.example/a-nieuw",
    )
    store.save_feed(state).result()
    assert store.feed_states() == {state.url: state}


def test_writes_after_close_fail_politely(tmp_path: Path) -> None:
    store = NewsStore(tmp_path / "news.sqlite3")
    store.close()
    store.close()  # idempotent
    with pytest.raises(StoreClosedError):
        store.set_read(["x"]).result()
    with pytest.raises(StoreClosedError):
        store.articles()


def test_quitting_while_another_thread_reads_lets_that_read_finish(tmp_path: Path) -> None:
    """Quit with reads of the Voorpagina in flight: closing their connection under them
    failed them, or crashed the whole process (SQLite freed what a read was using)."""
    database = Database(tmp_path / "news.sqlite3")
    reading, closed = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def read() -> None:
        conn = database.reader()
        reading.set()
        try:
            while not closed.is_set():
                conn.execute("SELECT count(*) FROM articles").fetchone()
            for _ in range(200):  # reads that were already under way when it closed
                conn.execute("SELECT count(*) FROM articles").fetchone()
        except BaseException as error:
            failures.append(error)

    worker = threading.Thread(target=read)
    worker.start()
    assert reading.wait(10)
    database.close()
    closed.set()
    worker.join(60)
    assert failures == []
    with pytest.raises(StoreClosedError):
        database.reader()


def test_a_failing_write_rolls_back_and_the_writer_goes_on(store: NewsStore) -> None:
    bad = make_article(1, source=None)  # NOT NULL violation inside SQLite
    with pytest.raises(sqlite3.IntegrityError):
        store.save_feed(FeedState("https://feeds.example/a"), [make_article(2), bad]).result()
    assert store.articles() == [] and store.feed_states() == {}  # all or nothing
    assert save(store, make_article(3)) == ("id-3",)


@pytest.mark.parametrize(
    "damage",
    ["garbage", "truncated", "zeroed"],
)
def test_corrupt_database_is_moved_aside_and_rebuilt(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "news.sqlite3"
    with NewsStore(path) as store:
        save(store, *(make_article(i, summary_html="x" * 2000) for i in range(200)))
    data = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(os.urandom(len(data)))
    elif damage == "truncated":
        path.write_bytes(data[: len(data) // 3])
    else:
        path.write_bytes(data[:100] + b"\0" * (len(data) - 100))
    with NewsStore(path) as store:
        assert store.recovered_from_corruption
        assert store.articles() == []
        assert save(store, make_article(1)) == ("id-1",)
    aside = [p.name for p in tmp_path.iterdir() if p.name.startswith("news.sqlite3.corrupt-")]
    assert aside, list(tmp_path.iterdir())


def _damage_keeping_size_and_time(path: Path, damage: str) -> None:
    """Change the file's bytes as a disk or another program might, its size and modification
    time left as they were."""
    before = path.stat()
    data = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(os.urandom(len(data)))
    else:  # all but the file header zeroed from `keep` bytes on
        keep = 100 if damage == "schema" else 4096
        path.write_bytes(data[:keep] + b"\0" * (len(data) - keep))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size


@pytest.mark.parametrize("damage", ["garbage", "schema"])
def test_a_cleanly_closed_database_that_is_no_longer_one_is_still_found(
        tmp_path: Path, damage: str) -> None:
    path = tmp_path / "news.sqlite3"
    with NewsStore(path) as store:
        save(store, *(make_article(i) for i in range(50)))
    _damage_keeping_size_and_time(path, damage)
    with NewsStore(path) as store:
        assert store.recovered_from_corruption
        assert store.articles() == []
        assert save(store, make_article(1)) == ("id-1",)


def test_after_a_run_that_did_not_close_the_database_the_whole_file_is_checked(
        tmp_path: Path) -> None:
    path = tmp_path / "news.sqlite3"
    with NewsStore(path) as store:
        save(store, *(make_article(i, summary_html="x" * 2000) for i in range(200)))
    abandoned = NewsStore(path)  # as a run that crashed: opened, never closed
    _damage_keeping_size_and_time(path, "zeroed")
    with NewsStore(path) as store:
        assert store.recovered_from_corruption
        assert store.articles() == []
    assert list(tmp_path.glob("news.sqlite3.corrupt-*"))
    del abandoned


def test_news_stay_over_many_clean_restarts(tmp_path: Path) -> None:
    path = tmp_path / "news.sqlite3"
    for number in range(4):
        with NewsStore(path) as store:
            assert not store.recovered_from_corruption
            assert len(store.articles()) == number
            save(store, make_article(number))


def _three_stories(store: NewsStore) -> None:
    """Five articles, three stories: id-2 and id-3 are one story told by two feeds."""
    save(store, make_article(1), make_article(2, title="Storm op de Westerschelde vannacht"))
    save(store, make_article(3, feed_url="https://feeds.example/b",
                             title="Storm op de Westerschelde vannacht"),
         url="https://feeds.example/b")
    save(store, make_article(4), make_article(5))
    store.set_read(["id-3"]).result()


def _read_by_another_program(path: Path, article_id: str) -> None:
    """Marked read in the file by a connection of its own, as the command line would."""
    other = sqlite3.connect(path)
    try:
        with other:
            other.execute("INSERT INTO read_state (article_id, read_at) VALUES (?, 0)",
                          (article_id,))
    finally:
        other.close()


def _listed(store: NewsStore) -> list[tuple[str, bool]]:
    return [(a.id, a.read) for a in store.articles("binnenland")]


def test_the_stories_and_what_was_read_are_the_same_after_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "news.sqlite3"
    with NewsStore(path) as store:
        _three_stories(store)
        before, counts = _listed(store), store.unread_counts()
    for _restart in range(2):
        with NewsStore(path) as store:
            assert _listed(store) == before
            assert store.unread_counts() == counts == {"binnenland": 3}
    with NewsStore(path) as store:  # and a change after the restart shows as usual
        store.set_read(["id-1"]).result()
        assert store.unread_counts() == {"binnenland": 2}


def test_what_another_program_changed_after_a_clean_close_is_what_shows(
        tmp_path: Path) -> None:
    path = tmp_path / "news.sqlite3"
    with NewsStore(path) as store:
        _three_stories(store)
        assert store.unread_counts() == {"binnenland": 3}
    _read_by_another_program(path, "id-1")
    with NewsStore(path) as store:
        assert ("id-1", True) in _listed(store)
        assert store.unread_counts() == {"binnenland": 2}


def test_what_another_program_changed_while_the_store_was_open_shows_after_a_restart(
        tmp_path: Path) -> None:
    path = tmp_path / "news.sqlite3"
    with NewsStore(path) as store:
        _three_stories(store)
    with NewsStore(path) as store:
        assert store.unread_counts() == {"binnenland": 3}
        _read_by_another_program(path, "id-1")
    with NewsStore(path) as store:
        assert store.unread_counts() == {"binnenland": 2}


def test_a_damaged_file_of_kept_stories_is_left_aside(tmp_path: Path) -> None:
    path = tmp_path / "news.sqlite3"
    with NewsStore(path) as store:
        _three_stories(store)
        before = _listed(store)
    kept = path.with_name("news.sqlite3.stories")
    assert kept.exists()
    for damage in ('{"tag": 1', '{"tag": null, "file": [], "categories": 3}'):
        kept.write_text(damage, encoding="utf-8")
        with NewsStore(path) as store:
            assert _listed(store) == before
            assert store.unread_counts() == {"binnenland": 3}


CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from tests.unit.news.conftest import catalogue_of
    from zeelandnet_desktop.news.fetch import Fetcher
    from zeelandnet_desktop.news.refresh import refresh
    from zeelandnet_desktop.news.store import NewsStore

    db, base = Path(sys.argv[1]), sys.argv[2]
    catalogue = catalogue_of(*[("buitenland", f"feed {i}", f"{base}/feed/{i}") for i in range(8)])
    store = NewsStore(db)
    fetcher = Fetcher()
    report = refresh(catalogue, store, fetcher)
    assert report.any_success and not report.problems, report
    print("first refresh done", flush=True)
    while True:  # refresh until killed: every round brings 8 x 40 new articles
        refresh(catalogue, store, fetcher, force=True)
        print("round", flush=True)
    """
)


def growing_feed() -> Callable[[Request], Response]:
    """Each request gets 40 articles no request got before."""
    counter = itertools.count(1)  # next() is atomic: the server answers from several threads

    def answer(request: Request) -> Response:
        round_ = next(counter)
        items = "".join(
            f"<item><title>Bericht {round_}-{i} met een lange kop</title>"
            f"<link>https://example.nl/{round_}/{i}</link><guid>{round_}-{i}</guid>"
            f"<description>VLISSINGEN - Tekst {'x' * 400}</description>"
            "<pubDate>Sat, 28 Nov 2026 10:00:00 +0000</pubDate></item>"
            for i in range(40)
        )
        body = f"<rss version='2.0'><channel><title>T</title>{items}</channel></rss>"
        return Response(200, body.encode(), content_type=RSS)

    return answer


def test_sigkill_during_refresh_loses_no_earlier_articles(
    tmp_path: Path, server: LocalServer
) -> None:
    answer = growing_feed()
    for i in range(8):
        server.route(f"/feed/{i}", answer)
    db = tmp_path / "news.sqlite3"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db), server.origin],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "first refresh done", child.stderr
        # Let it get going: kill it in the middle of later rounds, while it writes.
        for _ in range(2):
            assert child.stdout.readline().strip() == "round"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL
    with NewsStore(db) as store:
        assert not store.recovered_from_corruption
        titles = {a.title for a in store.articles()}
        # Every article of the first refresh survived (ids 1..8 were its requests).
        for request in range(1, 9):
            assert f"Bericht {request}-0 met een lange kop" in titles
            assert f"Bericht {request}-39 met een lange kop" in titles
        # And each feed write is all-or-nothing.
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            count = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert count % 40 == 0 and count >= 8 * 40 * 3


def test_refresh_dedupes_two_real_feeds(server: LocalServer, store: NewsStore) -> None:
    server.route("/nu", feed_response("nu_buitenland.xml"))
    server.route("/nos", feed_response("nos_buitenland.xml"))
    catalogue = catalogue_of(
        ("buitenland", "NU.nl", server.url("/nu")), ("buitenland", "NOS", server.url("/nos"))
    )
    fetcher = Fetcher()
    try:
        report = refresh(catalogue, store, fetcher)
    finally:
        fetcher.close()
    assert len(report.new_ids) == 5
    titles = [a.title for a in store.articles("buitenland")]
    assert len(titles) == 4  # "Ook China mag bij vredesraad van Trump" once
    assert sum("vredesraad" in t for t in titles) == 1
    assert store.unread_counts() == {"buitenland": 4}


def test_an_older_schema_is_migrated_keeping_its_articles(tmp_path: Path) -> None:
    from zeelandnet_desktop.news.schema import MIGRATIONS, _statements

    path = tmp_path / "news.sqlite3"
    conn = sqlite3.connect(path)
    for statement in _statements(MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute(
        "INSERT INTO articles VALUES ('id-1', 'https://f', 'sport', 'NOS', 'Oude kop', '', 1.0e9,"
        " 1.0e9, 1, '', '', '', '', '', NULL, '', '', 'oude kop')"
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with NewsStore(path) as store:
        assert not store.recovered_from_corruption
        assert [a.title for a in store.articles("sport")] == ["Oude kop"]
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4


def test_articles_by_id_in_the_order_asked_across_chunks(
    store: NewsStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zeelandnet_desktop.news.store as store_module

    save(store, *(make_article(n) for n in range(7)))
    asked = ["id-5", "nope", "id-0", "id-3", "id-5"]
    monkeypatch.setattr(store_module, "_CHUNK", 2)  # several IN (...) queries for five ids
    found = store.articles_by_id(asked)
    assert [a.id for a in found] == ["id-5", "id-0", "id-3"]
    assert found[1] == store.article("id-0")
