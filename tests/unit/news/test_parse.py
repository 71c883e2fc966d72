from __future__ import annotations

from datetime import datetime, timezone

from tests.unit.news.conftest import feed_bytes
from zeelandnet_desktop.news.model import NOT_A_FEED
from zeelandnet_desktop.news.parse import ParsedFeed, parse_feed

NOW = datetime(2026, 11, 28, 13, 0, tzinfo=timezone.utc)


def parse(name: str, content_type: str = "application/rss+xml", url: str = "") -> ParsedFeed:
    return parse_feed(
        feed_bytes(name),
        {"content-type": content_type},
        feed_url=url or f"https://feeds.example/{name}",
        category="buitenland",
        source="Bron",
        now=NOW,
    )


def test_nu_style_rss() -> None:
    feed = parse("nu_buitenland.xml")
    assert feed.problem is None
    assert feed.title == "NU - Buitenland"
    first, second, third = feed.articles
    assert first.title == "Ook China mag bij vredesraad van Trump"
    assert first.link.startswith("https://www.nu.nl/buitenland/6371234/")
    assert first.published == datetime(2026, 11, 28, 12, 5, tzinfo=timezone.utc)
    assert first.published.tzinfo is not None
    assert first.places == ("WASHINGTON",) and first.agencies == ("ANP", "RTR")
    assert first.lead.startswith("Ook China is uitgenodigd")
    assert first.summary_text.startswith("WASHINGTON (ANP/RTR) - Ook China")
    assert first.image_url and first.image_url.startswith("https://media.nu.nl/")
    assert first.source == "Bron" and first.category == "buitenland" and not first.read
    assert second.places == ("SEOUL", "VLADIVOSTOK")
    assert second.agencies == ("ANP", "RTR", "AFP")
    assert third.places == ("ATHENE",) and third.image_url is None
    assert "geëvacueerd" in third.title


def test_ids_are_stable_and_scoped_per_feed() -> None:
    one = parse("nu_buitenland.xml", url="https://a.example/rss")
    again = parse("nu_buitenland.xml", url="https://a.example/rss")
    other = parse("nu_buitenland.xml", url="https://b.example/rss")
    assert [a.id for a in one.articles] == [a.id for a in again.articles]
    assert not {a.id for a in one.articles} & {a.id for a in other.articles}


def test_nos_style_cdata_html() -> None:
    feed = parse("nos_buitenland.xml")
    quake = feed.articles[1]
    assert quake.places == ("ANKARA",) and quake.agencies == ("ANP", "AFP")
    # content:encoded is the body, the description the lead.
    assert "<blockquote>" in quake.summary_html
    assert "<img" not in quake.summary_html
    assert quake.image_url == "https://cdn.nos.nl/image/2026/11/28/turkije.jpg"
    assert quake.summary_text.startswith("ANKARA (ANP/AFP) — Bij een zware aardbeving")
    assert feed.articles[0].image_url == "https://cdn.nos.nl/image/2026/11/28/1201234/1008x567a.jpg"


def test_atom() -> None:
    feed = parse("omroep_zeeland.atom", "application/atom+xml")
    beach, tunnel = feed.articles
    assert beach.places == ("DOMBURG",) and beach.agencies == ()
    assert beach.published == datetime(2026, 11, 28, 9, 35, tzinfo=timezone.utc)
    assert beach.image_url == "https://images.omroepzeeland.nl/domburg.png"
    assert tunnel.places == ("ELLEWOUTSDIJK", "TERNEUZEN")
    assert tunnel.published == datetime(2026, 11, 27, 18, 0, tzinfo=timezone.utc)  # updated


def test_rss_1_rdf() -> None:
    feed = parse("regional.rdf", "application/rdf+xml")
    assert [a.places for a in feed.articles] == [("VLISSINGEN",), ("MIDDELBURG",)]
    assert feed.articles[0].published == datetime(2026, 11, 28, 7, 0, tzinfo=timezone.utc)


def test_iso_8859_1_declared_only_in_http() -> None:
    feed = parse("latin1.xml", "application/rss+xml; charset=ISO-8859-1")
    article = feed.articles[0]
    assert article.title == "Café in Zierikzee wint prijs voor beste crème brûlée"
    assert "éénstemmig" in article.lead


def test_missing_dates_become_first_seen() -> None:
    feed = parse("missing_dates.xml")
    assert [a.published for a in feed.articles] == [NOW, NOW]
    assert feed.undated == {a.id for a in feed.articles}
    assert feed.articles[1].link == ""  # no guid, no link: id from title (+ date)


def test_duplicate_guids_collapse_to_the_first() -> None:
    feed = parse("duplicate_guids.xml")
    assert [a.title for a in feed.articles] == ["Eerste versie", "Ander bericht"]


def test_injection_is_neutralised() -> None:
    article = parse("injection.xml").articles[0]
    assert article.link == ""  # a javascript: link is no link
    html = article.summary_html.lower()
    for needle in ("script", "onclick", "onerror", "javascript:", "data:", "iframe", "style"):
        assert needle not in html
    assert 'href="https://www.nu.nl/x"' in html and "noopener" in html
    assert "alert" not in article.title and "alert" not in article.summary_text
    assert article.places == ("AMSTERDAM",)


def test_html_page_is_not_a_feed() -> None:
    feed = parse("not_a_feed.html", "text/html; charset=utf-8")
    assert feed.articles == ()
    assert feed.problem is not None and feed.problem.kind == NOT_A_FEED


def test_empty_and_garbage_documents_are_not_feeds() -> None:
    for body in (b"", b"\x00\xff\xfe garbage", b"<rss version='2.0'><channel></channel></rss>"):
        feed = parse_feed(
            body, {}, feed_url="https://x.example/", category="c", source="s", now=NOW
        )
        assert feed.problem is not None and feed.problem.kind == NOT_A_FEED


def test_truncated_xml_keeps_only_complete_entries() -> None:
    feed = parse("truncated.xml")
    assert feed.problem is None
    assert [a.title for a in feed.articles] == ["Ook China mag bij vredesraad van Trump"]
    assert feed.dropped_incomplete == 1


def test_truncated_before_the_first_entry_ends_is_not_a_feed() -> None:
    body = feed_bytes("nu_buitenland.xml")[:900]
    feed = parse_feed(body, {}, feed_url="https://x.example/", category="c", source="s", now=NOW)
    assert feed.problem is not None and feed.problem.kind == NOT_A_FEED


def test_entity_expansion_bomb_is_not_expanded() -> None:
    feed = parse("entity_bomb.xml")  # an exponential expansion would hang here (pytest-timeout)
    # Either refused or parsed without expanding: never a gigabyte of "lol".
    total = sum(len(a.title) + len(a.summary_html) + len(a.summary_text) for a in feed.articles)
    assert total < 10_000
