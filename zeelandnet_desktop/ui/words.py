"""Words for what the news core reports in codes, in the user's language (the texts are the
core's, news/words.py; this only supplies the window's translator)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..news.model import FeedProblem
from ..news.words import problem_detail, problem_text


def problem_words(problem: FeedProblem) -> str:
    """The plain sentence ("De website van de nieuwsbron gaf een fout")."""
    return problem_text(problem, QCoreApplication.translate)


def problem_small_print(problem: FeedProblem) -> str:
    """What may follow in small print ("foutcode 500"), or ""."""
    return problem_detail(problem, QCoreApplication.translate)
