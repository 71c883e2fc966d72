"""The words of a notification: what the bubble says for breaking news and for new mail, and
the key that tells, when the user clicks it, what to open.

Pure functions over plain values (no Qt, no D-Bus). Each text comes twice: plain, for servers
that show text as it is, and as freedesktop body markup (a small HTML subset) for servers that
parse it. Everything from the network (titles, leads, senders, subjects) is plain text here and
escaped for the markup form, so a "<b>" in a title stays a "<b>" on screen. Nothing secret ever
reaches these functions: a count, names and subjects only.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from .. import QT_TRANSLATE_NOOP
from .breaking import Headline, Notification

CONTEXT = "Notifications"  # the translation context of the strings below
TITLE_MAX = 100  # characters of a title in a list of several
MAIL_LINES = 3  # senders and subjects shown for new mail



NEW_MAIL = QT_TRANSLATE_NOOP("Notifications", "New e-mail")
ONE_UNREAD = QT_TRANSLATE_NOOP("Notifications", "You have 1 unread message.")
SOME_UNREAD = QT_TRANSLATE_NOOP("Notifications", "You have %1 unread messages.")
NO_SUBJECT = QT_TRANSLATE_NOOP("Notifications", "(no subject)")

# What a click opens. Kept as text so a notification server can hand it back unchanged.
MAIL_KEY = "webmail"
WINDOW_KEY = "window"  # a hint: a click only shows the window
_ARTICLE = "article:"
_CATEGORY = "category:"


class Text(NamedTuple):
    summary: str  # plain text (the freedesktop summary never carries markup)
    body: str  # plain text
    markup: str  # the same body as freedesktop body markup


def news_key(notification: Notification) -> str:
    """One article opens on that article; a summary of several opens their category."""
    if notification.article_id is not None:
        return f"{_ARTICLE}{notification.category}:{notification.article_id}"
    return f"{_CATEGORY}{notification.category}"


def target_of(key: str) -> tuple[str, str] | None:
    """(category, article id) to open, as `ShellApi.show_article` takes it: article id "" for
    a category, ("", "") for the webmail, None when a click only shows the window."""
    if key == MAIL_KEY:
        return ("", "")
    if key.startswith(_ARTICLE):
        category, _, article_id = key[len(_ARTICLE):].partition(":")
        return (category, article_id)
    if key.startswith(_CATEGORY):
        return (key[len(_CATEGORY):], "")
    return None


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def one_line(text: str, limit: int = 0) -> str:
    """Text from the network as one tidy line: no control characters, no line breaks."""
    line = " ".join(_CONTROL.sub(" ", text).split())
    if limit and len(line) > limit:
        line = line[: limit - 1].rstrip() + "…"
    return line


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def where_from(headline: Headline) -> str:
    """ "NOS · Buitenland": the source and the category, whichever are known."""
    return " · ".join(part for part in (one_line(headline.source),
                                        one_line(headline.category_name)) if part)


def breaking_text(notification: Notification) -> Text:
    """One article: its title, then "NOS · Buitenland" above the first line of its lead.
    Several: "3 new articles" (already worded by the rule's caller) with up to three titles and
    their sources, newest first."""
    headlines = notification.headlines
    if notification.article_id is not None and headlines:
        first = headlines[0]
        origin, lead = where_from(first), one_line(first.lead_line)
        plain = [line for line in (origin, lead) if line]
        marked = [f"<i>{_escape(origin)}</i>" if origin else "", _escape(lead)]
        return Text(one_line(first.title) or one_line(notification.summary), "\n".join(plain),
                    "\n".join(line for line in marked if line))
    plain, marked = [], []
    for item in headlines:
        title, source = one_line(item.title, TITLE_MAX), one_line(item.source)
        plain.append(f"• {title} ({source})" if source else f"• {title}")
        marked.append(f"• {_escape(title)} <i>({_escape(source)})</i>" if source
                      else f"• {_escape(title)}")
    if not headlines:  # a notification from before headlines were carried
        plain = [one_line(line) for line in notification.body.splitlines() if line.strip()]
        marked = [_escape(line) for line in plain]
    return Text(one_line(notification.summary), "\n".join(plain), "\n".join(marked))


def mail_text(count: int, messages: Sequence[tuple[str, str]] = (), *,
              translate: Callable[[str], str] = lambda text: text) -> Text:
    """New mail: how many unread messages there are now, and the sender and subject of the
    newest ones when the mail watch knows them (newest first; at most three are shown)."""
    unread = (translate(ONE_UNREAD) if count == 1
              else translate(SOME_UNREAD).replace("%1", str(max(0, count))))
    plain, marked = [unread], [_escape(unread)]
    for sender, subject in messages[:MAIL_LINES]:
        who = one_line(sender, 60)
        what = one_line(subject, TITLE_MAX) or translate(NO_SUBJECT)
        plain.append(f"{who}: {what}" if who else what)
        marked.append(f"<b>{_escape(who)}</b>: {_escape(what)}" if who else _escape(what))
    return Text(translate(NEW_MAIL), "\n".join(plain), "\n".join(marked))


def page_text(title: str, body: str, *,
              translate: Callable[[str], str] = lambda text: text) -> Text:
    """The webmail page's own notification: its words as plain text (a page may put anything
    in them), never as markup; an empty title reads as "New e-mail"."""
    lines = [one_line(line) for line in body.splitlines()]
    plain = "\n".join(line for line in lines if line)
    return Text(one_line(title, TITLE_MAX) or translate(NEW_MAIL), plain, _escape(plain))
