from __future__ import annotations

from datetime import datetime, timezone

import pytest

from tests.unit.news.conftest import feed_bytes
from zeelandnet_desktop.news.model import NOT_A_FEED
from zeelandnet_desktop.news.parse import ParsedFeed, article_id, parse_feed

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


def test_a_guid_reused_for_another_story_does_not_merge_them() -> None:
    # "Tweede versie" carries the guid of "Eerste versie" but has its own link and date: it is
    # another story, not a duplicate. The older one keeps the guid's id.
    feed = parse("duplicate_guids.xml")
    first, second, other = feed.articles
    assert [a.title for a in feed.articles] == [
        "Eerste versie", "Tweede versie met dezelfde guid", "Ander bericht",
    ]  # fmt: skip
    assert first.id == article_id("https://feeds.example/duplicate_guids.xml", "dup-1")
    assert len({first.id, second.id, other.id}) == 3
    assert [a.id for a in parse("duplicate_guids.xml").articles] == [a.id for a in feed.articles]


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
    for body in (b"", b"\x00\xff\xfe garbage", b"<rss version='2.0'><channel><title>Half"):
        feed = parse_feed(
            body, {}, feed_url="https://x.example/", category="c", source="s", now=NOW
        )
        assert feed.problem is not None and feed.problem.kind == NOT_A_FEED


@pytest.mark.parametrize(
    "body",
    [
        feed_bytes("empty_feed.xml"),
        b"<rss version='2.0'><channel></channel></rss>",
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Leeg</title></feed>',
    ],
)
def test_a_valid_feed_without_items_is_a_feed_with_nothing_in_it(body: bytes) -> None:
    feed = parse_feed(body, {}, feed_url="https://x.example/", category="c", source="s", now=NOW)
    assert feed.problem is None and feed.articles == ()
    if body.startswith(b"<?xml version=\"1.0\" encoding"):
        assert feed.title == "NOS Nieuws - Regio Zeeland"


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
    # Its only item is titled "&lol9;", an entity left unexpanded: no title, no text, no article;
    # and a document of nothing but such items is no news source.
    assert feed.articles == ()
    assert feed.problem is not None and feed.problem.kind == NOT_A_FEED


def test_an_unexpanded_entity_is_no_title() -> None:
    feed = parse("entity_titles.xml")
    assert feed.problem is None
    from_lead, titled = feed.articles  # the item with neither title nor text is left out
    # No title of its own: the first line of its lead, as for any item without a title.
    assert from_lead.title == "De gemeenteraad van Goes stemt in met de nieuwe begroting."
    assert from_lead.places == ("GOES",)
    assert titled.title == "Vlissingen krijgt een nieuw stadhuis"
    assert titled.summary_text == "" and titled.summary_html == ""
    for article in feed.articles:
        assert "&" not in article.title + article.summary_text + article.summary_html


def test_a_date_after_first_seen_is_first_seen() -> None:
    # A server clock (or time zone) two hours ahead: the item must not stay on top as "zojuist".
    early = datetime(2026, 11, 28, 10, 0, tzinfo=timezone.utc)
    feed = parse_feed(
        feed_bytes("nu_buitenland.xml"), {}, feed_url="https://x.example/", category="c",
        source="s", now=early,
    )
    ahead, on_time, before = feed.articles  # 12:05, 10:42 and 08:15 UTC in the feed
    assert ahead.published == on_time.published == early == ahead.first_seen
    assert before.published == datetime(2026, 11, 28, 8, 15, tzinfo=timezone.utc)
    assert not feed.undated  # still counted as dated: the feed gave a date


def test_an_agency_notice_neither_hides_the_dateline_nor_becomes_the_lead() -> None:
    replaced, corrected, repeated, ordinary = parse("anp_correction.xml").articles
    assert replaced.places == ("UTRECHT",) and replaced.agencies == ("ANP",)
    assert replaced.lead.startswith("FNV kondigt werkonderbrekingen aan bij PostNL")
    assert replaced.notice == "Nieuw bericht, vervangt: FNV staat alleen met ultimatum aan PostNL"
    assert replaced.summary_text.startswith("UTRECHT (ANP) - FNV kondigt")
    assert "vervangt" not in replaced.summary_html
    assert replaced.summary_html.startswith("<p>UTRECHT (ANP) - ")

    assert corrected.places == ("DEN HAAG",) and corrected.agencies == ("ANP",)
    assert corrected.notice == "Correctie: in een eerdere versie stond een verkeerde datum."
    assert corrected.lead.startswith("Het kabinet neemt volgende week een besluit")
    assert corrected.summary_html.startswith("DEN HAAG (ANP) - Het kabinet")

    assert repeated.notice == "Herhaling" and repeated.places == ("VLISSINGEN",)
    assert repeated.lead.startswith("In de haven van Vlissingen")

    # A lead that merely opens with the word is no notice.
    assert ordinary.notice == "" and ordinary.lead.startswith("Correctie op de beurs")


def test_content_encoded_without_text_gives_way_to_the_description() -> None:
    _storm, ferry, _ship = parse("nos_pictures.xml").articles
    # content:encoded is only the picture's address: the description is the body.
    assert ferry.summary_html == (
        "<p>VLISSINGEN - De veerdienst tussen Vlissingen en Breskens vaart sinds vanochtend "
        "weer volgens de dienstregeling.</p><ul><li>Eerste afvaart om 07.10 uur</li>"
        "<li>Fietsers kunnen weer mee</li></ul>"
    )
    assert "https://" not in ferry.summary_text
    _dunes, _market, mussels = parse("omroep_lazy_images.xml").articles
    assert "Lees verder" not in mussels.summary_html  # content:encoded that only says that
    assert mussels.summary_html.startswith("<p>YERSEKE - De mosselen")


def test_subheadings_and_lists_are_kept_and_pictures_left_out_of_the_body() -> None:
    storm = parse("nos_pictures.xml").articles[0]
    body = storm.summary_html
    assert "<h2>Bomen op de weg</h2>" in body  # the feed's h1, one level down
    assert "<h3>Wat je moet weten</h3>" in body
    assert "<ul><li>Code oranje tot 12.00 uur</li><li>De veerdienst vaart niet</li></ul>" in body
    assert "<ol><li>Blijf binnen</li>" in body
    assert "<img" not in body and "figcaption" not in body and 'class="' not in body
    assert "Een omgewaaide boom" not in body  # a caption without its picture is left out too
    assert body.endswith("<p>Rijkswaterstaat houdt de Oosterscheldekering in de gaten.</p>")
    assert storm.summary_text == (
        "VLISSINGEN - Storm Bert heeft vannacht voor veel overlast gezorgd in Zeeland."
    )
