"""Which picture, thumbnail, caption and credit an article gets from its feed."""

from __future__ import annotations

from datetime import datetime, timezone

from tests.unit.news.conftest import feed_bytes
from zeelandnet_desktop.news.model import Article
from zeelandnet_desktop.news.parse import parse_feed

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)
CDN = "https://cdn.nos.nl/image/2026/11/29"


def articles(name: str) -> tuple[Article, ...]:
    feed = parse_feed(feed_bytes(name), {"content-type": "application/rss+xml"},
                      feed_url=f"https://feeds.example/{name}", category="zeeland",
                      source="Bron", now=NOW)
    assert feed.problem is None
    return feed.articles


def test_the_largest_media_content_is_the_picture_and_media_thumbnail_the_thumbnail() -> None:
    storm = articles("nos_pictures.xml")[0]
    assert storm.image_url == f"{CDN}/1202001/1200x675a.jpg"  # not the 320 or 640 wide ones
    assert storm.thumbnail_url == f"{CDN}/1202001/128x72a.jpg"
    assert storm.image_caption == "Golven slaan over de boulevard van Vlissingen"
    assert storm.image_credit == "ANP / Lex van Lieshout"
    # The picture's media:title is the picture's, not the article's headline.
    assert storm.title == "Storm Bert zorgt voor overlast in Zeeland"


def test_untyped_media_content_by_file_size_and_never_a_video() -> None:
    ship = articles("nos_pictures.xml")[2]
    assert ship.image_url == f"{CDN}/1202003/groot/schip.jpg"
    assert ship.thumbnail_url == ship.image_url  # no media:thumbnail: the picture is both


def test_content_encoded_that_is_only_an_image_address_gives_the_picture() -> None:
    ferry = articles("nos_pictures.xml")[1]
    assert ferry.image_url == ferry.thumbnail_url == f"{CDN}/1202002/veerboot.jpg"
    assert ferry.image_caption == "" and ferry.image_credit == ""


def test_lazy_images_placeholders_tracking_pixels_and_data_urls() -> None:
    dunes, market, mussels = articles("omroep_lazy_images.xml")
    # src is a placeholder (after a 1x1 tracking pixel): data-src is the picture.
    assert dunes.image_url == "https://images.omroepzeeland.nl/17460001/duinovergang.jpg"
    assert (dunes.image_caption, dunes.image_credit) == ("De nieuwe duinovergang",
                                                         "Omroep Zeeland")
    assert market.image_url is None and market.thumbnail_url is None  # only a data: URL
    # A real src wins over data-src; the figcaption is the caption, its "Foto:" the credit.
    assert mussels.image_url == "https://images.omroepzeeland.nl/17460003/mosselen.jpg"
    assert mussels.image_caption == "Mosselen op de veiling in Yerseke"
    assert mussels.image_credit == "Marijn Hartog"


def test_enclosures_and_images_in_the_body_as_before() -> None:
    china, korea, fires = articles("nu_buitenland.xml")
    assert china.image_url == china.thumbnail_url
    assert china.image_url and china.image_url.startswith("https://media.nu.nl/")
    assert fires.image_url is None and fires.thumbnail_url is None
    quake = articles("nos_buitenland.xml")[1]
    assert quake.image_url == "https://cdn.nos.nl/image/2026/11/28/turkije.jpg"
    assert quake.image_caption == "Puin in Malatya"  # its alt text
    assert korea.image_caption == ""


def test_only_http_pictures() -> None:
    body = (
        b'<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>T'
        b"</title><item><title>Een bericht met een vreemd plaatje</title><guid>1</guid>"
        b'<media:content url="ftp://files.example/a.jpg" type="image/jpeg"/>'
        b'<media:thumbnail url="javascript:alert(1)"/>'
        b"<description><![CDATA[<p><img src=\"file:///etc/passwd.jpg\"></p><p>Tekst hier"
        b" en nog wat meer.</p>]]></description></item></channel></rss>"
    )
    feed = parse_feed(body, {}, feed_url="https://x.example/", category="c", source="s",
                      now=NOW)
    (article,) = feed.articles
    assert article.image_url is None and article.thumbnail_url is None
