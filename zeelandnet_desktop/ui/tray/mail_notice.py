"""The words of a new-mail notification from the mail watch, and what a click on it opens.

One message: "Nieuwe e-mail van Piet de Vries" above its subject, and a click opens that message.
Several at once: "3 nieuwe e-mails" above a line per message ("Piet de Vries: Factuur"), and a
click opens the webmail. Sender names and subjects only, never a body; everything from the
network is plain text here and escaped for the markup form (news/announce.py does the same).
"""

from __future__ import annotations

import html
from collections.abc import Callable

from ... import QT_TRANSLATE_NOOP
from ...news.announce import (
    MAIL_KEY,
    MAIL_LINES,
    NEW_MAIL,
    NO_SUBJECT,
    TITLE_MAX,
    Text,
    one_line,
)
from ...services.mail_watch import NewMailNotice

FROM_ONE = QT_TRANSLATE_NOOP("Notifications", "New e-mail from %1")
NEW_SEVERAL = QT_TRANSLATE_NOOP("Notifications", "%1 new e-mails")
AND_MORE = QT_TRANSLATE_NOOP("Notifications", "and %1 more")

_MESSAGE = "webmail-message:"


def message_key(uid: int) -> str:
    return f"{_MESSAGE}{uid}"


def message_of(key: str) -> int | None:
    """The message a click on this notification opens (its UID in the inbox), if one."""
    if not key.startswith(_MESSAGE):
        return None
    uid = key[len(_MESSAGE):]
    return int(uid) if uid.isdigit() else None


def watch_mail_key(notice: NewMailNotice) -> str:
    if not notice.grouped and notice.messages:
        return message_key(notice.messages[-1].uid)
    return MAIL_KEY


def watch_mail_text(notice: NewMailNotice, *,
                    translate: Callable[[str], str] = lambda text: text) -> Text:
    if not notice.grouped and notice.messages:
        message = notice.messages[-1]
        sender = one_line(message.sender, 60)
        subject = one_line(message.subject, TITLE_MAX) or translate(NO_SUBJECT)
        summary = translate(FROM_ONE).replace("%1", sender) if sender else translate(NEW_MAIL)
        return Text(summary, subject, html.escape(subject, quote=False))
    total = len(notice.messages) + notice.more
    plain: list[str] = []
    marked: list[str] = []
    newest_first = list(reversed(notice.messages))
    for message in newest_first[:MAIL_LINES]:
        who = one_line(message.sender, 60)
        what = one_line(message.subject, TITLE_MAX) or translate(NO_SUBJECT)
        plain.append(f"{who}: {what}" if who else what)
        marked.append(f"<b>{html.escape(who, quote=False)}</b>: {html.escape(what, quote=False)}"
                      if who else html.escape(what, quote=False))
    rest = total - min(len(newest_first), MAIL_LINES)
    if rest > 0:
        more = translate(AND_MORE).replace("%1", str(rest))
        plain.append(more)
        marked.append(html.escape(more, quote=False))
    return Text(translate(NEW_SEVERAL).replace("%1", str(total)), "\n".join(plain),
                "\n".join(marked))
