"""The words of a refresh round, for each kind of round: true and short."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QApplication

from zeelandnet_desktop import i18n
from zeelandnet_desktop.news.model import (
    DISK_FULL,
    HTTP,
    NOT_A_FEED,
    OFFLINE,
    RATE_LIMITED,
    TIMEOUT,
    FeedProblem,
)
from zeelandnet_desktop.news.report import OK, PROBLEM, SKIPPED, FeedOutcome, RefreshReport
from zeelandnet_desktop.ui.news.clock import NewsClock
from zeelandnet_desktop.ui.news.status import RoundWords

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 24, 17, 0, tzinfo=timezone.utc)  # 18:00 in Amsterdam


@pytest.fixture
def words(qapp: QApplication) -> Iterator[RoundWords]:
    i18n.install_translators(qapp, "nl")
    yield RoundWords(NewsClock(lambda: NOW, AMSTERDAM))
    i18n.install_translators(qapp, "en")


def ok(name: str) -> FeedOutcome:
    return FeedOutcome(f"https://{name}.example/feed", "binnenland", name, OK, entries=3)


def failed(name: str, kind: str, detail: str = "") -> FeedOutcome:
    return FeedOutcome(f"https://{name}.example/feed", "binnenland", name, PROBLEM,
                       FeedProblem(kind, detail))


def waiting(name: str, minutes: int) -> FeedOutcome:
    return FeedOutcome(f"https://{name}.example/feed", "binnenland", name, SKIPPED,
                       FeedProblem(RATE_LIMITED, "example"),
                       next_allowed=NOW + timedelta(minutes=minutes))


def report(*outcomes: FeedOutcome) -> RefreshReport:
    return RefreshReport(NOW - timedelta(seconds=3), NOW, outcomes)


def test_updated_only_when_something_was_fetched(words: RoundWords) -> None:
    assert words.updated(report(ok("nos"), failed("nu", HTTP, "500"))) == "Bijgewerkt om 18:00"
    assert words.updated(report(failed("nu", HTTP, "500"))) == ""
    assert words.updated(report(waiting("nu", 30))) == ""


@pytest.mark.parametrize(("outcomes", "said"), [
    ([ok("nos")], ""),
    ([ok("nos"), failed("nu", HTTP, "500")],
     "nu: De website van de nieuwsbron gaf een fout — details"),
    ([ok("nos"), failed("a", TIMEOUT), failed("b", OFFLINE)],
     "2 nieuwsbronnen niet bereikbaar — details"),
    ([ok("nos"), failed("a", TIMEOUT), failed("b", NOT_A_FEED)],
     "2 nieuwsbronnen werken niet — details"),
    ([ok("nos"), waiting("nu", 65)], "nu vraagt ons te wachten tot 19:05 — details"),
    ([failed("a", HTTP, "404"), waiting("b", 10), waiting("c", 65)],
     "1 nieuwsbron werkt niet · 2 nieuwsbronnen vragen ons te wachten tot 19:05 — details"),
    # At most hours ahead (a server's wait is capped): the clock time is clear enough.
    ([waiting("nu", 60 * 7)], "nu vraagt ons te wachten tot 01:00 — details"),
    # The 429 itself, this round: named with its time as well.
    ([ok("nos"), replace(waiting("nu", 65), status=PROBLEM)],
     "nu vraagt ons te wachten tot 19:05 — details"),
    ([failed("a", OFFLINE), failed("b", OFFLINE)], ""),  # offline: the banner says it
])
def test_the_summary(words: RoundWords, outcomes: list[FeedOutcome], said: str) -> None:
    assert words.problems(report(*outcomes), NOW) == said


def test_two_hundred_failing_sources_are_one_short_line(words: RoundWords) -> None:
    outcomes = [failed(f"bron{n}", TIMEOUT) for n in range(200)]
    said = words.problems(report(ok("nos"), *outcomes), NOW)
    assert said == "200 nieuwsbronnen niet bereikbaar — details"
    lines = words.source_lines(report(*outcomes), {"binnenland": "Binnenland"}, NOW)
    assert len(lines) == 200 and lines[0].category == "Binnenland"


@pytest.mark.parametrize(("outcomes", "stored", "recovered", "said"), [
    ([failed("a", OFFLINE)], 12, False, "Offline — je ziet eerder opgehaald nieuws"),
    ([failed("a", OFFLINE)], 0, False,
     "Er is geen internetverbinding. Het nieuws verschijnt zodra je weer online bent."),
    ([ok("nos"), failed("a", DISK_FULL)], 12, False,
     "De schijf is vol, dus nieuwe berichten kunnen niet worden bewaard. De eerder bewaarde "
     "berichten blijven staan."),
    ([failed("a", OFFLINE)], 0, True,
     "Het bewaarde nieuws kon niet worden gelezen en is apart gezet. Er is nu geen "
     "internetverbinding: het nieuws wordt opgehaald zodra je weer online bent."),
    ([ok("nos")], 3, True,
     "Het bewaarde nieuws kon niet worden gelezen en is apart gezet; het nieuws wordt opnieuw "
     "opgehaald."),
    ([ok("nos"), failed("a", OFFLINE)], 3, False, None),  # one source worked: not offline
])
def test_the_banner(words: RoundWords, outcomes: list[FeedOutcome], stored: int,
                    recovered: bool, said: str | None) -> None:
    banner = words.banner(report(*outcomes), stored=stored, recovered=recovered)
    assert (banner.text if banner else None) == said


def test_a_read_only_profile_is_said_above_everything(words: RoundWords) -> None:
    banner = words.banner(report(failed("a", OFFLINE)), stored=12, recovered=False,
                          read_only=True)
    assert banner is not None and not banner.retry
    assert banner.text == ("De map van dit profiel is alleen-lezen: je ziet het eerder "
                           "bewaarde nieuws, maar er kan niets nieuws worden opgehaald of "
                           "bewaard.")


def test_a_waiting_source_in_the_details_says_until_when(words: RoundWords) -> None:
    lines = words.source_lines(report(waiting("nu", 65), failed("a", HTTP, "500")),
                               {}, NOW)
    assert [(line.name, line.words, line.detail) for line in lines] == [
        ("nu", "De website vraagt ons te wachten tot 19:05; dan wordt de nieuwsbron weer "
               "opgehaald", ""),
        ("a", "De website van de nieuwsbron gaf een fout", "foutcode 500"),
    ]
