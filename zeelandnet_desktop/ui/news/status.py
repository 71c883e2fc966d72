"""What a refresh round means in words: "Bijgewerkt om 18:57", "12 nieuwsbronnen niet
bereikbaar — details", the banner when there is no connection or the disk is full, and one
line per news source for the details.

Every sentence must be true: "updated" only when something was fetched, "you are seeing saved
news" only when there is saved news, a source that asked us to wait is named with the time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject

from ... import i18n
from ...news.model import CONNECTION, DISK_FULL, OFFLINE, RATE_LIMITED, TIMEOUT, TLS
from ...news.reltime import clock_time, days_ago, time_label
from ...news.report import PROBLEM, SKIPPED, FeedOutcome, RefreshReport
from ..words import problem_small_print, problem_words
from .clock import NewsClock

UNREACHABLE = (OFFLINE, TIMEOUT, CONNECTION, TLS)


@dataclass(frozen=True)
class Banner:
    text: str
    retry: bool  # offer "Try again"


@dataclass(frozen=True)
class SourceLine:
    """One news source in the details: its name, category, the problem, small print."""

    name: str
    category: str
    words: str
    detail: str


def waiting(outcome: FeedOutcome) -> bool:
    """Its site asked us to wait (Retry-After) this round or before, until a known time."""
    return (outcome.status in (SKIPPED, PROBLEM) and outcome.problem is not None
            and outcome.problem.kind == RATE_LIMITED and outcome.next_allowed is not None)


class RoundWords(QObject):
    """The sentences; a QObject only for tr()."""

    def __init__(self, clock: NewsClock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock

    def _when(self, moment: datetime, now: datetime) -> str:
        """The clock time for today and for what lies ahead (a site's wait is capped at a few
        hours, so "tot 01:00" means tonight); a date before that."""
        tz = self._clock.tz
        if moment >= now or days_ago(moment, now, tz) == 0:
            return clock_time(moment, tz)
        return time_label(moment, now, i18n.current_language(), tz)

    def updated(self, report: RefreshReport) -> str:
        """'Updated at 18:57' when the round fetched anything; '' when it did not."""
        if not report.any_success:
            return ""
        return self.tr("Updated at %1").replace("%1", clock_time(report.finished,
                                                                 self._clock.tz))

    def problems(self, report: RefreshReport, now: datetime) -> str:
        """The summary on the details button, or '' when every source did its job."""
        if report.offline:
            return ""  # the banner says it; sixteen times "no connection" helps nobody
        failing = [o for o in report.problems if not waiting(o)
                   and (o.problem is None or o.problem.kind != DISK_FULL)]
        asked = [o for o in report.outcomes if waiting(o)]
        parts: list[str] = []
        if len(failing) == 1 and not asked and failing[0].problem is not None:
            parts.append(f"{failing[0].name}: {problem_words(failing[0].problem)}")
        elif failing:
            unreachable = all(o.problem is not None and o.problem.kind in UNREACHABLE
                              for o in failing)
            if len(failing) == 1:
                text = (self.tr("1 news source could not be reached") if unreachable
                        else self.tr("1 news source is not working"))
            else:
                text = (self.tr("%1 news sources could not be reached") if unreachable
                        else self.tr("%1 news sources are not working"))
            parts.append(text.replace("%1", str(len(failing))))
        if asked:
            until = max(o.next_allowed for o in asked if o.next_allowed is not None)
            if len(asked) == 1:
                text = self.tr("%1 asked us to wait until %2").replace("%1", asked[0].name)
            else:
                text = self.tr("%1 news sources asked us to wait until %2").replace(
                    "%1", str(len(asked)))
            parts.append(text.replace("%2", self._when(until, now)))
        if not parts:
            return ""
        return self.tr("%1 — details").replace("%1", " · ".join(parts))

    def banner(self, report: RefreshReport | None, *, stored: int,
               recovered: bool, read_only: bool = False) -> Banner | None:
        if read_only:
            return Banner(self.tr("This profile's folder cannot be written (it is read-only): "
                                  "you see the news saved before, but nothing new can be "
                                  "fetched or kept."), retry=False)
        offline = report is not None and report.offline
        disk_full = report is not None and any(
            o.problem is not None and o.problem.kind == DISK_FULL for o in report.outcomes)
        if recovered:
            text = self.tr("The saved news could not be read and was set aside; the news is "
                           "fetched again.")
            if offline:
                text = self.tr("The saved news could not be read and was set aside. There is "
                               "no internet connection now: the news is fetched as soon as you "
                               "are online again.")
            return Banner(text, retry=offline)
        if disk_full:
            return Banner(self.tr("The disk is full, so new news cannot be saved. The news "
                                  "saved before is kept."), retry=False)
        if offline:
            if stored > 0:
                return Banner(self.tr("Offline — you are seeing saved news"), retry=True)
            return Banner(self.tr("There is no internet connection. The news appears as soon "
                                  "as you are online again."), retry=True)
        return None

    def empty_list(self, *, search: str, stored: int, refreshing: bool, offline: bool,
                   report: RefreshReport | None, unread_only: bool,
                   category_failed: bool = False) -> str:
        """Why the list is empty."""
        if search:
            return self.tr("Nothing found for “%1” in any category.").replace("%1", search)
        if stored == 0:
            if refreshing:
                return self.tr("Fetching the news…")
            if offline:
                return self.tr("No news yet: there is no connection. The news appears here as "
                               "soon as you are online again.")
            if report is not None and report.problems:
                return self.tr("No news could be fetched. Choose “details” above the list to "
                               "see what went wrong.")
            return self.tr("No news yet. Press F5 to fetch it.")
        if unread_only:
            return self.tr("No unread articles in this category.")
        if category_failed:
            return self.tr("The news sources of this category could not be fetched. Choose "
                           "“details” above the list to see why.")
        return self.tr("No articles in this category yet.")

    def source_lines(self, report: RefreshReport, categories: Mapping[str, str],
                     now: datetime) -> list[SourceLine]:
        """Each source that failed or asked us to wait, in the catalogue's order."""
        lines = []
        for outcome in report.outcomes:
            category = categories.get(outcome.category, outcome.category)
            if waiting(outcome) and outcome.next_allowed is not None:
                words = self.tr("Its website asked us to wait until %1; it is fetched again "
                                "then").replace("%1", self._when(outcome.next_allowed, now))
                lines.append(SourceLine(outcome.name, category, words, ""))
            elif outcome.status == PROBLEM and outcome.problem is not None:
                lines.append(SourceLine(outcome.name, category,
                                        problem_words(outcome.problem),
                                        problem_small_print(outcome.problem)))
        return lines

    def category_failed(self, report: RefreshReport | None, category: str | None) -> bool:
        """Every source of this category that was asked for failed or asked us to wait."""
        if report is None or category is None:
            return False
        mine = [o for o in report.outcomes if o.category == category
                and (o.status != SKIPPED or waiting(o))]
        return bool(mine) and all(o.status == PROBLEM or waiting(o) for o in mine)
