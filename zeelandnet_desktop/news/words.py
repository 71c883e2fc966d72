"""Words for a feed problem: one English source text per kind, translated by the caller.

The window passes QCoreApplication.translate, the command line a QTranslator's translate
(loaded from the same .qm); both are called as translate(context, text). A translator that
has no translation answers "", and the English text is used then.

The texts say what happened in everyday words, without codes or jargon; the technical part
(an HTTP status) is `problem_detail`, for small print. No Qt here: the marker below only lets
lupdate find the texts.
"""

from __future__ import annotations

from collections.abc import Callable

from .. import QT_TRANSLATE_NOOP
from .model import (
    CONNECTION,
    DISK_FULL,
    HTTP,
    INTERNAL,
    INVALID_URL,
    NOT_A_FEED,
    OFFLINE,
    RATE_LIMITED,
    REDIRECT_LOOP,
    TIMEOUT,
    TLS,
    TOO_LARGE,
    FeedProblem,
)

Translate = Callable[[str, str], str]
CONTEXT = "FeedProblem"



# For HTTP, the status decides which text fits; HTTP itself covers every other status.
HTTP_GONE = "http_gone"  # 404, 410: nothing (any more) at this address
HTTP_REFUSED = "http_refused"  # 401, 403: the site does not let us in

TEXTS: dict[str, str] = {
    OFFLINE: QT_TRANSLATE_NOOP("FeedProblem", "No internet connection"),
    TIMEOUT: QT_TRANSLATE_NOOP("FeedProblem", "The news source took too long to answer"),
    CONNECTION: QT_TRANSLATE_NOOP("FeedProblem", "The connection to the news source broke off"),
    HTTP: QT_TRANSLATE_NOOP("FeedProblem", "The news source's website gave an error"),
    HTTP_GONE: QT_TRANSLATE_NOOP("FeedProblem", "The news source is not (or no longer) at this "
                                 "address"),
    HTTP_REFUSED: QT_TRANSLATE_NOOP("FeedProblem", "The news source's website refused access"),
    NOT_A_FEED: QT_TRANSLATE_NOOP("FeedProblem", "There is no news source at this address"),
    TOO_LARGE: QT_TRANSLATE_NOOP("FeedProblem", "The news source sent far too much data"),
    REDIRECT_LOOP: QT_TRANSLATE_NOOP("FeedProblem", "The news source's website keeps sending us "
                                     "on to another address"),
    RATE_LIMITED: QT_TRANSLATE_NOOP("FeedProblem", "The news source asks us to wait a while"),
    TLS: QT_TRANSLATE_NOOP("FeedProblem", "A secure connection to the news source failed"),
    INVALID_URL: QT_TRANSLATE_NOOP("FeedProblem", "The address of this news source is not a "
                                   "valid web address"),
    DISK_FULL: QT_TRANSLATE_NOOP("FeedProblem", "The disk is full, so new news cannot be saved "
                                 "(the news saved before is kept)"),
    INTERNAL: QT_TRANSLATE_NOOP("FeedProblem", "Something went wrong in the program (the log "
                                "file has the details)"),
}
ERROR_CODE = QT_TRANSLATE_NOOP("FeedProblem", "error code %1")


def _text_key(problem: FeedProblem) -> str:
    if problem.kind == HTTP:
        if problem.detail in ("404", "410"):
            return HTTP_GONE
        if problem.detail in ("401", "403"):
            return HTTP_REFUSED
    return problem.kind


def _translated(translate: Translate, text: str) -> str:
    return translate(CONTEXT, text) or text


def problem_text(problem: FeedProblem, translate: Translate) -> str:
    """The plain sentence for `problem` ("De website van de nieuwsbron gaf een fout")."""
    return _translated(translate, TEXTS.get(_text_key(problem), TEXTS[INTERNAL]))


def problem_detail(problem: FeedProblem, translate: Translate) -> str:
    """The small print after the sentence ("foutcode 500"), or "" when there is none worth
    showing (hosts, byte counts and the like are for the log)."""
    if problem.kind == HTTP and problem.detail.isdigit():
        return _translated(translate, ERROR_CODE).replace("%1", problem.detail)
    return ""


def english(context: str, text: str) -> str:
    """A `translate` that keeps the English source text."""
    return text
