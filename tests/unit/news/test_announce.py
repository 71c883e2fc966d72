"""What a notification says, from the rule's decision to the words in the bubble, and what a
click on it opens."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta, timezone

import pytest

from zeelandnet_desktop.news import announce, breaking
from zeelandnet_desktop.news.breaking import Situation
from zeelandnet_desktop.news.model import Article

NOW = datetime(2026, 3, 14, 12, 0, tzinfo=timezone.utc)
NAMES = {"buitenland": "Buitenland", "zeeland": "Zeeland"}
SITUATION = Situation(now=NOW, local_time=time(13, 0),
                      notify_categories=frozenset(NAMES), category_names=NAMES)


def article(n: int, *, title: str | None = None, source: str = "NOS",
            category: str = "buitenland", minutes_ago: float = 5,
            lead: str | None = None) -> Article:
    when = NOW - timedelta(minutes=minutes_ago)
    lead = lead if lead is not None else f"Eerste zin {n}.\nTweede regel."
    return Article(
        id=f"id-{n}", feed_url="https://feed", category=category, source=source,
        title=title if title is not None else f"Kop {n}", link=f"https://nos.nl/{n}",
        published=when, first_seen=when, summary_html="",
        summary_text=f"SEOUL (ANP) - {lead}", lead=lead, places=("SEOUL",), agencies=("ANP",),
        image_url=None,
    )


def announced(*articles: Article, many: str = "{n} nieuwe berichten") -> breaking.Notification:
    note = breaking.decide(list(articles), SITUATION,
                           many=lambda n: many.replace("{n}", str(n))).notification
    assert note is not None
    return note


def test_one_article_says_source_and_category_above_the_first_line_of_its_lead() -> None:
    text = announce.breaking_text(announced(article(1)))
    assert text.summary == "Kop 1"
    assert text.body == "NOS · Buitenland\nEerste zin 1."
    assert text.markup == "<i>NOS · Buitenland</i>\nEerste zin 1."


def test_several_say_how_many_with_three_titles_and_their_sources_newest_first() -> None:
    note = announced(article(1, minutes_ago=20), article(2, minutes_ago=2, source="NU.nl"),
                     article(3, minutes_ago=9, category="zeeland", source="Omroep Zeeland"),
                     article(4, minutes_ago=30))
    text = announce.breaking_text(note)
    assert text.summary == "4 nieuwe berichten"
    assert text.body.splitlines() == ["• Kop 2 (NU.nl)", "• Kop 3 (Omroep Zeeland)",
                                      "• Kop 1 (NOS)"]
    assert text.markup.splitlines()[0] == "• Kop 2 <i>(NU.nl)</i>"


def test_text_from_the_feed_is_never_markup() -> None:
    sly = article(1, title="<b>Gratis</b> & <a href='x'>klik</a>", source="A&B",
                  lead="Prijs < 5 euro & meer <img src=x onerror=alert(1)>")
    text = announce.breaking_text(announced(sly))
    # Plain for servers that show text as it is: exactly what the feed's text says.
    assert text.summary == "<b>Gratis</b> & <a href='x'>klik</a>"
    assert text.body == "A&B · Buitenland\nPrijs < 5 euro & meer <img src=x onerror=alert(1)>"
    # Markup for servers that parse it: only our own tags, the feed's text escaped.
    assert text.markup == ("<i>A&amp;B · Buitenland</i>\n"
                           "Prijs &lt; 5 euro &amp; meer &lt;img src=x onerror=alert(1)&gt;")
    several = announce.breaking_text(announced(sly, article(2, title="Kop <2>")))
    assert "<b>" not in several.markup and "&lt;b&gt;Gratis" in several.markup
    assert "Kop &lt;2&gt;" in several.markup


def test_control_characters_and_line_breaks_in_a_title_do_not_reach_the_bubble() -> None:
    text = announce.breaking_text(announced(article(1, title="Kop\x00 met\nregels\x1b")))
    assert text.summary == "Kop met regels"


def test_a_long_title_in_a_list_is_cut() -> None:
    text = announce.breaking_text(announced(article(1, title="woord " * 50, minutes_ago=1),
                                            article(2)))
    first = text.body.splitlines()[0]
    assert first.endswith("… (NOS)")
    assert len(first) == len("• ") + announce.TITLE_MAX + len(" (NOS)")


def test_an_unknown_category_leaves_just_the_source() -> None:
    note = breaking.decide([article(1)], replace(SITUATION, category_names={})).notification
    assert note is not None
    assert announce.breaking_text(note).body == "NOS\nEerste zin 1."


@pytest.mark.parametrize(("count", "messages", "body"), [
    (1, [], "You have 1 unread message."),
    (4, [], "You have 4 unread messages."),
    (2, [("Jan Jansen", "Afspraak morgen"), ("Gemeente Middelburg", "")],
     "You have 2 unread messages.\nJan Jansen: Afspraak morgen\nGemeente Middelburg: (no subject)"),
    (9, [(f"Afzender {n}", f"Onderwerp {n}") for n in range(5)],
     "You have 9 unread messages.\nAfzender 0: Onderwerp 0\nAfzender 1: Onderwerp 1\n"
     "Afzender 2: Onderwerp 2"),
    (1, [("", "Zonder afzender")], "You have 1 unread message.\nZonder afzender"),
])
def test_new_mail_says_the_count_now_and_who_wrote_about_what(
        count: int, messages: list[tuple[str, str]], body: str) -> None:
    text = announce.mail_text(count, messages)
    assert (text.summary, text.body) == ("New e-mail", body)


def test_new_mail_words_are_translated_and_senders_escaped() -> None:
    dutch = {"New e-mail": "Nieuwe e-mail",
             "You have %1 unread messages.": "Je hebt %1 ongelezen berichten."}
    text = announce.mail_text(3, [("Jan <jan@zeelandnet.nl>", "Re: <script>")],
                              translate=lambda source: dutch.get(source, source))
    assert text.summary == "Nieuwe e-mail"
    assert text.body == "Je hebt 3 ongelezen berichten.\nJan <jan@zeelandnet.nl>: Re: <script>"
    assert text.markup == ("Je hebt 3 ongelezen berichten.\n"
                           "<b>Jan &lt;jan@zeelandnet.nl&gt;</b>: Re: &lt;script&gt;")


def test_a_click_opens_the_article_its_category_or_the_webmail() -> None:
    one = announced(article(1))
    several = announced(article(1), article(2, category="zeeland", minutes_ago=1))
    assert announce.target_of(announce.news_key(one)) == ("buitenland", "id-1")
    assert announce.target_of(announce.news_key(several)) == ("zeeland", "")
    assert announce.target_of(announce.MAIL_KEY) == ("", "")
    assert announce.target_of(announce.WINDOW_KEY) is None
    # Article ids may hold anything a feed's guid holds, colons included.
    odd = replace(one, article_id="tag:nos.nl,2026:42")
    assert announce.target_of(announce.news_key(odd)) == ("buitenland", "tag:nos.nl,2026:42")


def test_the_webmail_pages_own_words_are_plain_text_and_never_markup() -> None:
    text = announce.page_text("Nieuw bericht van <b>Jan</b>\n", "Re: a < b & c\n\n\x07Tot morgen")
    assert text.summary == "Nieuw bericht van <b>Jan</b>"
    assert text.body == "Re: a < b & c\nTot morgen"
    assert text.markup == "Re: a &lt; b &amp; c\nTot morgen"


def test_a_page_notification_without_a_title_says_new_mail() -> None:
    dutch = {"New e-mail": "Nieuwe e-mail"}
    text = announce.page_text("  ", "", translate=lambda source: dutch.get(source, source))
    assert (text.summary, text.body, text.markup) == ("Nieuwe e-mail", "", "")
