"""Feeds made at test time, with dates relative to now (fixture files hold fixed dates)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

from tests.support.localserver import LocalServer, Response

RSS_TYPE = "application/rss+xml; charset=utf-8"


@dataclass(frozen=True)
class Item:
    title: str
    lead: str
    minutes_ago: float = 5
    guid: str | None = None
    link: str | None = None
    html: str | None = None  # the description as raw (untrusted) HTML instead of the lead
    image: str | None = None  # an enclosure with this image URL


def rss(channel: str, items: list[Item], now: datetime | None = None) -> bytes:
    now = now or datetime.now(timezone.utc)
    parts = []
    for number, item in enumerate(items):
        guid = item.guid or f"{channel}-{number}"
        link = item.link or f"https://www.nu.nl/artikel/{abs(hash((channel, guid))) % 10**8}"
        when = format_datetime(now - timedelta(minutes=item.minutes_ago))
        parts.append(
            f"<item><title>{escape(item.title)}</title><link>{escape(link)}</link>"
            f"<guid isPermaLink=\"false\">{escape(guid)}</guid><pubDate>{when}</pubDate>"
            f"<description><![CDATA[{item.html or '<p>' + escape(item.lead) + '</p>'}]]>"
            "</description>"
            + (f'<enclosure url="{escape(item.image)}" type="image/png" length="100"/>'
               if item.image else "")
            + "</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(channel)}</title><link>https://www.nu.nl/</link>"
        f"<description>{escape(channel)}</description>{''.join(parts)}</channel></rss>"
    ).encode()


def serve_feed(server: LocalServer, path: str, channel: str, items: list[Item]) -> str:
    server.route(path, Response(200, rss(channel, items), content_type=RSS_TYPE))
    return server.url(path)


def write_catalogue(path: Path, categories: list[tuple[str, str, str, list[tuple[str, str]]]]
                    ) -> Path:
    """categories: (id, Dutch name, English name, [(feed name, url), ...])."""
    data = {
        "version": 1,
        "categories": [
            {"id": cid, "name": {"nl": nl, "en": en}, "order": order, "notify": False,
             "feeds": [{"name": name, "url": url} for name, url in feeds]}
            for order, (cid, nl, en, feeds) in enumerate(categories)
        ],
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return path
