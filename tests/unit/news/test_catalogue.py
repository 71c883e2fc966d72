from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from zeelandnet_desktop.news.catalogue import (
    CatalogueError,
    add_user_feed,
    load_catalogue,
    read_catalogue_file,
    remove_user_feed,
)


def test_defaults_have_the_agreed_categories() -> None:
    catalogue = load_catalogue()
    ids = [c.id for c in catalogue.categories]
    assert ids == [
        "net-binnen", "zeeland", "binnenland", "buitenland", "economie", "sport", "tech",
        "opmerkelijk",
    ]  # fmt: skip
    just_in = catalogue.category("net-binnen")
    assert just_in is not None
    assert just_in.name("nl") == "Net binnen"
    assert just_in.name("en") == "Just in"
    assert just_in.notify is True
    assert {f.url for f in just_in.feeds} == {
        "https://www.nu.nl/rss/Algemeen",
        "https://feeds.nos.nl/nosnieuwsalgemeen",
    }
    for category in catalogue.categories:
        assert category.feeds, category.id
        assert category.names["nl"] and category.names["en"]
        for feed in category.feeds:
            assert feed.url.startswith("https://")
    urls = [feed.url for _c, feed in catalogue.feeds()]
    assert len(urls) == len(set(urls))


def test_user_file_overrides_by_id_and_adds(tmp_path: Path) -> None:
    user = tmp_path / "feeds.json"
    user.write_text(
        json.dumps(
            {
                "version": 1,
                "categories": [
                    {"id": "sport", "notify": True, "order": 0},
                    {
                        "id": "zeeland",
                        "replace_feeds": True,
                        "feeds": [{"name": "PZC", "url": "https://www.pzc.nl/zeeland/rss.xml"}],
                    },
                    {
                        "id": "tech",
                        "feeds": [
                            {"name": "Tweakers", "url": "https://tweakers.net/feeds/nieuws.xml"}
                        ],
                    },
                    {
                        "id": "middelburg",
                        "name": {"nl": "Middelburg", "en": "Middelburg"},
                        "order": 9,
                        "feeds": [{"url": "https://www.example-regio.nl/rss"}],
                    },
                ],
            }
        ),
        encoding="utf-8",
    )
    catalogue = load_catalogue(user)
    sport = catalogue.category("sport")
    assert sport is not None and sport.notify and sport.order == 0
    assert catalogue.categories[0].id in ("net-binnen", "sport")
    zeeland = catalogue.category("zeeland")
    assert zeeland is not None
    assert [f.name for f in zeeland.feeds] == ["PZC"]
    tech = catalogue.category("tech")
    assert tech is not None and len(tech.feeds) == 3 and tech.feeds[-1].name == "Tweakers"
    extra = catalogue.category("middelburg")
    assert extra is not None and extra.feeds[0].name == "www.example-regio.nl"
    assert catalogue.categories[-1].id == "middelburg"


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        '{"categories": "nope"}',
        '{"categories": [{"id": "x", "feeds": [{"url": "ftp://example.nl/feed"}]}]}',
        '{"categories": [{"name": "zonder id"}]}',
        "\udcff",
    ],
)
def test_broken_user_file_means_defaults_and_a_warning(
    tmp_path: Path, content: str, caplog: pytest.LogCaptureFixture
) -> None:
    user = tmp_path / "feeds.json"
    user.write_bytes(content.encode("utf-8", "surrogateescape"))
    with caplog.at_level(logging.WARNING):
        catalogue = load_catalogue(user)
    assert catalogue == load_catalogue()
    assert "user feed file" in caplog.text


def test_strict_reading_raises(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError):
        read_catalogue_file(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{"categories": [{"id": "a", "order": "eerste"}]}', encoding="utf-8")
    with pytest.raises(CatalogueError):
        read_catalogue_file(bad)


def test_add_and_remove_a_user_feed(tmp_path: Path) -> None:
    user = tmp_path / "config" / "feeds.json"
    add_user_feed(user, "zeeland", "https://www.pzc.nl/zeeland/rss.xml", "PZC")
    add_user_feed(user, "zeeland", "https://www.pzc.nl/zeeland/rss.xml", "PZC")  # no duplicate
    add_user_feed(user, "hobby", "https://example.nl/rss", category_names={"nl": "Hobby"})
    catalogue = load_catalogue(user)
    zeeland = catalogue.category("zeeland")
    assert zeeland is not None
    assert [f.url for f in zeeland.feeds].count("https://www.pzc.nl/zeeland/rss.xml") == 1
    hobby = catalogue.category("hobby")
    assert hobby is not None and hobby.name("nl") == "Hobby"
    assert [p.name for p in user.parent.iterdir()] == ["feeds.json"]  # no temp file left
    assert remove_user_feed(user, "zeeland", "https://www.pzc.nl/zeeland/rss.xml")
    assert not remove_user_feed(user, "zeeland", "https://www.pzc.nl/zeeland/rss.xml")
    with pytest.raises(CatalogueError):
        add_user_feed(user, "zeeland", "javascript:alert(1)")


def test_a_feed_in_two_categories_is_fetched_once(tmp_path: Path) -> None:
    user = tmp_path / "feeds.json"
    add_user_feed(user, "zeeland", "https://www.nu.nl/rss/Algemeen", "NU.nl")
    catalogue = load_catalogue(user)
    owners = [c.id for c, f in catalogue.feeds() if f.url == "https://www.nu.nl/rss/Algemeen"]
    assert owners == ["net-binnen"]
    only_zeeland = [c.id for c, f in catalogue.feeds(["zeeland"]) if "nu.nl" in f.url]
    assert only_zeeland == ["zeeland"]
