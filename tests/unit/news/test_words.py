"""Feed problems in words: one English text per kind, Dutch through the shipped translation."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QTranslator

from zeelandnet_desktop.assets import resource_path
from zeelandnet_desktop.news.model import HTTP, NOT_A_FEED, OFFLINE, PROBLEM_KINDS, FeedProblem
from zeelandnet_desktop.news.words import english, problem_detail, problem_text

JARGON = re.compile(r"\b(?:http|https|feed|server|time-?out|tls|ssl|url|dns|\d{3})\b",
                    re.IGNORECASE)


@pytest.fixture(scope="module")
def dutch() -> QTranslator:
    """The translation the app ships, loaded the way the command line will load it."""
    translator = QTranslator()
    assert translator.load(str(resource_path("translations", "zeelandnet_desktop_nl.qm")))
    return translator


def every_problem() -> list[FeedProblem]:
    details = {HTTP: ["500", "404", "410", "401", "403", "418"]}
    return [FeedProblem(kind, detail) for kind in PROBLEM_KINDS
            for detail in details.get(kind, ["feeds.example.nl"])]


@pytest.mark.parametrize("problem", every_problem(), ids=str)
def test_every_problem_has_plain_words_in_both_languages(
    problem: FeedProblem, dutch: QTranslator
) -> None:
    text = problem_text(problem, english)
    in_dutch = problem_text(problem, dutch.translate)
    assert text and in_dutch and in_dutch != text
    for words in (text, in_dutch):
        assert not JARGON.search(words), words
        assert problem.detail not in words  # codes and hosts are small print at most


def test_a_website_error_says_so_and_keeps_the_code_for_the_small_print(
    dutch: QTranslator,
) -> None:
    problem = FeedProblem(HTTP, "500")
    assert problem_text(problem, dutch.translate) == "De website van de nieuwsbron gaf een fout"
    assert problem_detail(problem, dutch.translate) == "foutcode 500"
    assert problem_text(problem, english) == "The news source's website gave an error"
    assert problem_detail(problem, english) == "error code 500"
    gone = FeedProblem(HTTP, "404")
    assert problem_text(gone, dutch.translate) == "De nieuwsbron staat niet (meer) op dit adres"
    assert problem_detail(FeedProblem(OFFLINE, "nos.nl"), english) == ""


def test_not_a_feed_speaks_of_a_news_source(dutch: QTranslator) -> None:
    words = problem_text(FeedProblem(NOT_A_FEED, "unknown format"), dutch.translate)
    assert words == "Op dit adres staat geen nieuwsbron"


def test_a_translator_without_the_text_leaves_the_english() -> None:
    empty = QTranslator()  # nothing loaded: translate() answers "" for everything
    assert problem_text(FeedProblem(OFFLINE), empty.translate) == "No internet connection"
    assert problem_detail(FeedProblem(HTTP, "503"), empty.translate) == "error code 503"


def test_the_caller_chooses_the_translation() -> None:
    asked: list[tuple[str, str]] = []

    def translate(context: str, text: str) -> str:
        asked.append((context, text))
        return text.upper()

    assert problem_text(FeedProblem(OFFLINE), translate) == "NO INTERNET CONNECTION"
    assert asked == [("FeedProblem", "No internet connection")]
