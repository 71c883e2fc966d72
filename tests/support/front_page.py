"""A fixed news store for the Voorpagina's tests and screenshots: a profile whose database
holds known stories at known times, and a catalogue whose news sources answer with valid,
empty feeds (a refresh round succeeds and brings nothing, so the page shows just these)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.support.feedgen import rss, write_catalogue
from tests.support.localserver import LocalServer, Response
from zeelandnet_desktop.news.model import Article, FeedState
from zeelandnet_desktop.news.store import NewsStore
from zeelandnet_desktop.system import paths as app_paths

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 27, 17, 30, tzinfo=timezone.utc)  # 18:30 in Middelburg

CATEGORIES = [  # id, Dutch, English, in the user's order
    ("net-binnen", "Net binnen", "Just in"),
    ("zeeland", "Zeeland", "Zeeland"),
    ("binnenland", "Binnenland", "The Netherlands"),
    ("buitenland", "Buitenland", "World"),
    ("sport", "Sport", "Sport"),
    ("economie", "Economie", "Business"),  # no stories: no block
]

# (category, minutes ago, dateline, title, lead, picture number or None)
STORIES: list[tuple[str, int, str, str, str, int | None]] = [
    ("net-binnen", 2, "DEN HAAG (ANP)", "Kabinet akkoord over de begroting",
     "Het kabinet is het eens over de begroting voor volgend jaar.", None),
    ("net-binnen", 27, "UTRECHT (ANP)", "Storing bij NS voorbij",
     "De treinen rijden weer volgens de dienstregeling.", None),
    ("zeeland", 9, "MIDDELBURG", "Nieuwe brug over het Kanaal door Walcheren open",
     "De brug bij Souburg is vanmiddag geopend door de gedeputeerde.", 0),
    ("zeeland", 35, "VLISSINGEN", "Veerboot Vlissingen-Breskens vaart weer",
     "Na een storing vaart de veerboot weer volgens de dienstregeling.", 1),
    ("zeeland", 80, "DOMBURG", "Strandpaviljoens mogen langer open",
     "De gemeente Veere staat toe dat paviljoens tot november open blijven.", None),
    ("zeeland", 140, "GOES", "Fruittelers tevreden over de oogst",
     "De appel- en perenoogst in de Bevelanden is goed verlopen.", None),
    ("zeeland", 200, "YERSEKE", "Mosselseizoen begint met goede kwaliteit",
     "De eerste mosselen van het seizoen zijn groot en vol.", None),
    ("zeeland", 260, "ZIERIKZEE", "Monumentendag trekt duizenden bezoekers",
     "Op Schouwen-Duiveland waren tientallen monumenten open.", None),
    ("binnenland", 4, "AMSTERDAM (ANP)", "Woningbouw blijft achter bij de plannen",
     "Er zijn dit jaar minder huizen gebouwd dan afgesproken.", 2),
    ("binnenland", 48, "DEN HAAG (ANP)", "Kamer wil snel duidelijkheid over toeslagen",
     "Een meerderheid vraagt het kabinet om een brief voor de kerst.", None),
    ("binnenland", 95, "ROTTERDAM (ANP)", "Haven verwerkt meer containers",
     "De Rotterdamse haven zag de overslag in het derde kwartaal stijgen.", None),
    ("binnenland", 150, "ZWOLLE (ANP)", "Dijkversterking langs de IJssel klaar",
     "Het waterschap heeft de laatste kilometer opgeleverd.", None),
    ("binnenland", 300, "EINDHOVEN (ANP)", "Nieuwe fabriek voor chips",
     "Een chipmaker bouwt een fabriek bij Eindhoven.", None),
    ("buitenland", 6, "SEOUL/VLADIVOSTOK (ANP/RTR/AFP)", "Ook China mag bij vredesraad",
     "China mag aanschuiven bij de vredesraad, meldt het Witte Huis.", 3),
    ("buitenland", 60, "PARIJS (AFP)", "Storm trekt over Noord-Frankrijk",
     "Een storm trekt over het noorden van het land; treinen rijden niet.", None),
    ("buitenland", 130, "BRUSSEL (ANP)", "EU eens over klimaatdoelen",
     "De lidstaten zijn het eens over de doelen voor 2040.", None),
    ("sport", 12, "ROTTERDAM (ANP)", "Feyenoord wint de topper",
     "Feyenoord heeft de topper tegen PSV met 2-1 gewonnen.", 4),
    ("sport", 70, "AMSTERDAM (ANP)", "Ajax neemt afscheid van trainer",
     "De club en de trainer gaan in goed overleg uit elkaar.", None),
]


def article(number: int) -> Article:
    category, minutes, dateline, title, lead, picture = STORIES[number]
    return Article(
        id=f"story-{number}", feed_url=f"https://feeds.example/{category}", category=category,
        source="Omroep Zeeland" if category == "zeeland" else "NOS", title=title,
        link=f"https://nos.example/{category}/{number}",
        published=NOW - timedelta(minutes=minutes), first_seen=NOW,
        summary_html=f"<p>{dateline} - {lead}</p><p>Meer tekst over dit bericht.</p>",
        summary_text=f"{dateline} - {lead}", lead=lead,
        places=tuple(dateline.split(" (")[0].split("/")), agencies=(),
        image_url=f"https://pictures.invalid/{picture}.jpg" if picture is not None else None)


def articles(pictures: LocalServer | None = None) -> list[Article]:
    """Every story; with a server, their pictures there (else at an address nobody answers)."""
    found = []
    for number in range(len(STORIES)):
        story = article(number)
        if pictures is not None and story.image_url is not None:
            picture = STORIES[number][5]
            story = _with_picture(story, pictures.url(f"/foto{picture}.jpg"))
        found.append(story)
    return found


def _with_picture(story: Article, url: str) -> Article:
    from dataclasses import replace

    return replace(story, image_url=url)


def seed_profile(profile: Path, stories: Sequence[Article]) -> None:
    """Write `stories` into the profile's news database."""
    paths = app_paths.resolve(profile).ensure()
    by_feed: dict[str, list[Article]] = {}
    for story in stories:
        by_feed.setdefault(story.feed_url, []).append(story)
    with NewsStore(paths.database_file) as store:
        for url, items in by_feed.items():
            store.save_feed(FeedState(url, last_success=NOW), items).result()


def quiet_catalogue(server: LocalServer, path: Path) -> Path:
    """The categories, each with one news source that answers with a valid, empty feed."""
    server.route("/empty.xml", Response(200, rss("Leeg", []),
                                        content_type="application/rss+xml"))
    return write_catalogue(path, [(cid, nl, en, [(f"Bron {nl}", server.url("/empty.xml"))])
                                  for cid, nl, en in CATEGORIES])
