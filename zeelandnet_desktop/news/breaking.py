"""The breaking-news rule: after a refresh round, one notification, or none.

Pure functions over plain values (no Qt, no clock, no I/O), so every case of the rule is a
table row in a unit test. The Qt side (services/breaking.py) gathers the facts, asks
`decide()`, shows what it returns and stores `Decision.remember`.

The rule, in the order it is applied:
- never on the first refresh of a new profile (the backlog is not news to the user);
- only articles in categories marked for notifications, published within the last hour,
  never notified (or considered) before;
- nothing while notifications are paused, in quiet hours, while the news tab is on screen in
  the active window, or once the hourly cap is reached;
- otherwise one notification: one article gives its title and the first line of its lead,
  several give "N new articles" with up to three titles. The notification also carries those
  articles as `Headline`s (source, category name), from which news/announce.py words the bubble.
Every article the rule looked at is remembered, whatever the outcome, so a suppressed article
never comes back later as a surprise (after a pause ends, say).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from .model import Article

FRESH_FOR = timedelta(minutes=60)
SUMMARY_TITLES = 3
LEAD_LINE_MAX = 160  # characters of the lead shown in a notification body


@dataclass(frozen=True)
class QuietHours:
    """A daily span of local wall-clock time; it may run past midnight (23:00–07:00)."""

    start: time
    end: time

    def contains(self, moment: time) -> bool:
        if self.start == self.end:
            return False  # an empty span: the user switched quiet hours off in effect
        if self.start < self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end


def parse_clock(text: str) -> time:
    """'23:00' → time(23, 0); raises ValueError for anything else."""
    hours, _, minutes = text.strip().partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
        raise ValueError(f"not a clock time: {text!r}")
    return time(int(hours), int(minutes))


def is_clock(text: str) -> bool:
    try:
        parse_clock(text)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Situation:
    """Everything besides the articles that the rule depends on."""

    now: datetime  # tz-aware
    local_time: time  # now on the user's wall clock, for quiet hours
    notify_categories: frozenset[str]
    seen: frozenset[str] = frozenset()  # keys (see `keys_of`) considered in earlier rounds
    first_refresh: bool = False
    paused_until: datetime | None = None
    quiet_hours: QuietHours | None = None
    sent_last_hour: int = 0
    hourly_limit: int = 6
    news_on_screen: bool = False
    category_names: Mapping[str, str] = field(default_factory=dict)  # id -> name shown


@dataclass(frozen=True)
class Headline:
    """One announced article, as plain text from the store (already free of feed HTML)."""

    article_id: str
    title: str
    source: str  # the news source's name ("NOS")
    category: str  # its id
    category_name: str  # as the user reads it ("Buitenland"); "" when unknown
    lead_line: str  # the first line of its lead


@dataclass(frozen=True)
class Notification:
    summary: str
    body: str
    category: str  # where a click on a summary goes
    article_id: str | None  # where a click goes for a single article
    article_ids: tuple[str, ...]
    headlines: tuple[Headline, ...] = ()  # the newest SUMMARY_TITLES of article_ids


# Reasons, for the log and for tests.
SHOWN = "shown"
NOTHING_NEW = "nothing new"
FIRST_REFRESH = "first refresh"
PAUSED = "paused"
QUIET_HOURS = "quiet hours"
ON_SCREEN = "news on screen"
HOURLY_CAP = "hourly cap"


@dataclass(frozen=True)
class Decision:
    notification: Notification | None
    reason: str
    remember: tuple[str, ...] = field(default_factory=tuple)  # keys to add to `seen`


def keys_of(article: Article) -> tuple[str, ...]:
    """What makes an article "the same one" for notifications: its id, and its link, so the
    same story arriving through a second feed is not announced again."""
    return (f"id:{article.id}", f"link:{article.link}") if article.link else (f"id:{article.id}",)


def first_line(text: str, limit: int = LEAD_LINE_MAX) -> str:
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    if len(line) > limit:
        line = line[: limit - 1].rstrip() + "…"
    return line


def candidates(articles: Iterable[Article], situation: Situation) -> list[Article]:
    """The round's articles worth announcing: wanted category, fresh, unseen, unread, each
    story once (newest first)."""
    chosen: list[Article] = []
    taken: set[str] = set()
    for article in sorted(articles, key=lambda a: a.published, reverse=True):
        if article.category not in situation.notify_categories or article.read:
            continue
        age = situation.now - article.published
        if age > FRESH_FOR or age < -FRESH_FOR:  # too old, or dated far in the future
            continue
        keys = keys_of(article)
        if any(k in situation.seen or k in taken for k in keys):
            continue
        taken.update(keys)
        chosen.append(article)
    return chosen


def decide(
    articles: Sequence[Article],
    situation: Situation,
    *,
    many: Callable[[int], str] = lambda n: f"{n} nieuwe berichten",
) -> Decision:
    """The notification for this round, or None with the reason. `many(n)` words the summary
    (the Qt side passes a translated phrase)."""
    remember = tuple(dict.fromkeys(k for a in articles for k in keys_of(a)))
    if situation.first_refresh:
        return Decision(None, FIRST_REFRESH, remember)
    fresh = candidates(articles, situation)
    if not fresh:
        return Decision(None, NOTHING_NEW, remember)
    if situation.paused_until is not None and situation.now < situation.paused_until:
        return Decision(None, PAUSED, remember)
    if situation.quiet_hours is not None and situation.quiet_hours.contains(situation.local_time):
        return Decision(None, QUIET_HOURS, remember)
    if situation.news_on_screen:
        return Decision(None, ON_SCREEN, remember)
    if situation.sent_last_hour >= situation.hourly_limit:
        return Decision(None, HOURLY_CAP, remember)
    return Decision(summarise(fresh, many, situation.category_names), SHOWN, remember)


def headline(article: Article, category_names: Mapping[str, str]) -> Headline:
    return Headline(article.id, article.title, article.source, article.category,
                    category_names.get(article.category, ""),
                    first_line(article.lead or article.summary_text))


def summarise(fresh: Sequence[Article], many: Callable[[int], str],
              category_names: Mapping[str, str] | None = None) -> Notification:
    ids = tuple(a.id for a in fresh)
    headlines = tuple(headline(a, category_names or {}) for a in fresh[:SUMMARY_TITLES])
    if len(fresh) == 1:
        article = fresh[0]
        return Notification(article.title, headlines[0].lead_line, article.category,
                            article.id, ids, headlines)
    categories = {a.category for a in fresh}
    # A click on a summary opens its category when all share one, else the newest's.
    category = fresh[0].category if len(categories) > 1 else categories.pop()
    body = "\n".join(f"• {a.title}" for a in fresh[:SUMMARY_TITLES])
    return Notification(many(len(fresh)), body, category, None, ids, headlines)


def notify_categories(defaults: Iterable[tuple[str, bool]], switched_on: Collection[str],
                      switched_off: Collection[str]) -> frozenset[str]:
    """The categories to notify for: the catalogue's `notify` flags, changed by the user's
    switches (kept as changes, so a new catalogue default still reaches users who never
    touched that category)."""
    wanted = {cid for cid, notify in defaults if notify}
    wanted |= set(switched_on)
    wanted -= set(switched_off)
    return frozenset(wanted)


def should_announce_mail(previous: int, count: int, *, enabled: bool, window_hidden: bool,
                         paused: bool, quiet: bool) -> bool:
    """One "new mail" notification when the unread count rises while the window is hidden."""
    return enabled and window_hidden and count > previous and not paused and not quiet


# The webmail page may announce new mail itself (its own web notifications, once the user
# allowed them for that provider), and the unread count in its title rises for the same mail.
# One new mail gets one notification: the page's when it gives one close to the rise (before or
# after it: both come from the same check for mail), ours from the count otherwise.
PAGE_GRACE = timedelta(seconds=10)

OURS_NOW = "ours now"
PAGE_SPOKE = "the page spoke"
WAIT_FOR_PAGE = "wait for the page"


def mail_voice(now: datetime, *, page_allowed: bool, page_spoke_at: datetime | None,
               grace: timedelta = PAGE_GRACE) -> str:
    """Who announces a rise of the unread count that `should_announce_mail` let through:
    PAGE_SPOKE (its notification came within `grace` before: ours stays silent), WAIT_FOR_PAGE
    (it may: ours only when none comes within `grace`), or OURS_NOW."""
    if page_spoke_at is not None and timedelta(0) <= now - page_spoke_at <= grace:
        return PAGE_SPOKE
    return WAIT_FOR_PAGE if page_allowed else OURS_NOW
