"""Words for what the news core reports in codes: feed problems, in the user's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..news.model import FeedProblem


def problem_words(problem: FeedProblem) -> str:
    """'time-out', 'geen geldige feed', 'serverfout (HTTP 500)' …"""
    translate = QCoreApplication.translate
    kind, detail = problem.kind, problem.detail
    if kind == "offline":
        return translate("FeedProblem", "offline (no network)")
    if kind == "timeout":
        return translate("FeedProblem", "time-out")
    if kind == "connection":
        return translate("FeedProblem", "connection broken off")
    if kind == "http":
        return translate("FeedProblem", "server error (HTTP %1)").replace("%1", detail or "?")
    if kind == "not_a_feed":
        return translate("FeedProblem", "not a valid feed")
    if kind == "too_large":
        return translate("FeedProblem", "feed too large")
    if kind == "redirect_loop":
        return translate("FeedProblem", "redirect loop")
    if kind == "rate_limited":
        return translate("FeedProblem", "the server asks us to wait")
    if kind == "tls":
        return translate("FeedProblem", "secure connection failed")
    if kind == "invalid_url":
        return translate("FeedProblem", "invalid address")
    return translate("FeedProblem", "internal error (see the log file)")
