"""The Voorpagina as a user meets it, from a fixed store: where a new profile opens, its blocks
in the user's order, "Net binnen", "Meer uit …" under an article, unread and read, pictures,
live times, the keyboard there and back, narrow and wide windows."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QUrl
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.gui.conftest import AppFactory, UrlCatcher, stop_app
from tests.gui.test_main_window import set_language
from tests.gui.test_news_access import accessible_name, unnamed_controls
from tests.gui.test_news_screenshots import COLOURS, photo
from tests.support.front_page import (
    AMSTERDAM,
    NOW,
    STORIES,
    articles,
    quiet_catalogue,
    seed_profile,
)
from tests.support.localserver import LocalServer, Request, Response
from tests.support.newstab import plain, settled, tab_of, wait_for_rounds
from tests.support.shell import start_shell
from zeelandnet_desktop import settings as keys
from zeelandnet_desktop.settings import Settings
from zeelandnet_desktop.shell import Shell
from zeelandnet_desktop.ui.news.front_page_items import StoryButton
from zeelandnet_desktop.ui.news.tab import NewsTab


def titles(category: str) -> list[str]:
    """The category's stories, newest first."""
    return [title for c, _m, _d, title, _l, _p in sorted(STORIES, key=lambda s: s[1])
            if c == category]


def serve_pictures(server: LocalServer) -> None:
    for number, colour in enumerate(COLOURS):
        server.route(f"/foto{number}.jpg", Response(200, photo(colour),
                                                    content_type="image/jpeg"))


@pytest.fixture
def front_app(make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path,
              profile_dir: Path) -> Iterator[Shell]:
    """A new profile (nothing chosen yet) over the fixed store, in Dutch, at 18:30."""
    set_language(profile_dir, "nl")
    serve_pictures(server)
    seed_profile(profile_dir, articles(server))
    application = make_app(feeds=quiet_catalogue(server, tmp_path / "feeds.json"),
                           front_page=True)
    application.window.resize(1200, 800)
    wait_for_rounds(application, qtbot)
    tab_of(application).set_clock(lambda: NOW, AMSTERDAM)
    yield application


def front_settled(application: Shell, qtbot: QtBot) -> NewsTab:
    tab = tab_of(application)
    qtbot.waitUntil(lambda: tab.stage.shown and tab.list_settled, timeout=10_000)
    return tab


def strip_lines(tab: NewsTab) -> list[str]:
    return [plain(accessible_name(b)) for b in tab.front.strip.lines if b.isVisible()]


def test_the_window_comes_up_with_its_stories_before_the_rest_of_start_up(
        qapp: QApplication, server: LocalServer, tmp_path: Path, profile_dir: Path) -> None:
    """The mail side, the tray and the first refresh take the window's thread for a while:
    they start only once the first screen shows its stories, so a user never looks at an
    empty page meanwhile."""
    seed_profile(profile_dir, articles(server))
    seen: dict[str, object] = {}
    painted = PaintedStories()
    qapp.installEventFilter(painted)

    def look(shell: Shell) -> None:
        tab = tab_of(shell)
        seen["visible"] = shell.window.isVisible() and tab.front.isVisible()
        seen["blocks"] = [b.category for b in tab.front.shown_blocks()]
        seen["just in"] = [line.article.title for line in tab.front.strip.lines
                           if line.article is not None and line.isVisibleTo(tab.front)]
        seen["painted"] = set(painted.titles)

    try:
        application = start_shell(qapp, profile_dir, on_painted=look,
                                  feeds=quiet_catalogue(server, tmp_path / "feeds.json"))
    finally:
        qapp.removeEventFilter(painted)
    try:
        assert seen["visible"] is True
        assert seen["blocks"] == ["zeeland", "binnenland", "buitenland", "sport"]
        assert seen["just in"] and seen["just in"][0] == "Kabinet akkoord over de begroting"
        # On screen, not only put in: the stories were drawn before the rest began.
        assert "Kabinet akkoord over de begroting" in seen["painted"]  # type: ignore[operator]
        assert titles("zeeland")[0] in seen["painted"]  # type: ignore[operator]
    finally:
        stop_app(application)


class PaintedStories(QObject):
    """The titles of the Voorpagina's stories as they are drawn."""

    def __init__(self) -> None:
        super().__init__()
        self.titles: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, StoryButton) \
                and watched.article is not None:
            self.titles.append(watched.article.title)
        return False


def test_a_new_profile_opens_on_the_front_page_with_a_block_per_category_in_order(
        front_app: Shell, qtbot: QtBot) -> None:
    tab = front_settled(front_app, qtbot)
    assert tab.categories.item(0).text() == "Voorpagina"
    assert tab.categories.currentRow() == 0
    assert tab.front.isVisible() and not tab.list.isVisible() and not tab.view.isVisible()
    blocks = tab.front.shown_blocks()
    # Net binnen is the strip on top; Zeeland comes right under it; Economie has no stories.
    assert [b.category for b in blocks] == ["zeeland", "binnenland", "buitenland", "sport"]
    assert [accessible_name(b) for b in blocks] == ["Zeeland", "Binnenland", "Buitenland",
                                                    "Sport"]
    empty = tab.front.blocks[-1]  # kept for when a round brings its news, not shown
    assert empty.category == "economie" and not empty.isVisible()
    zeeland = blocks[0]
    assert zeeland.lead.article is not None
    assert zeeland.lead.article.title == titles("zeeland")[0]
    assert zeeland.lead.when == "9 minuten geleden"
    assert zeeland.lead.show_picture  # the lead story large with its picture
    assert [b.article.title for b in zeeland.headlines if b.article] == titles("zeeland")[1:5]
    assert [b.when for b in zeeland.headlines] == ["35 minuten geleden", "1 uur geleden",
                                                   "2 uur geleden", "3 uur geleden"]
    assert accessible_name(zeeland.link) == "Meer uit Zeeland"
    sport = blocks[3]
    assert [b.isVisibleTo(sport) for b in sport.headlines] == [True, False, False, False]
    assert front_app.settings.get(keys.LAST_NEWS_CATEGORY) == ""  # the Voorpagina remembered


def test_net_binnen_lists_the_eight_newest_as_category_time_title(
        front_app: Shell, qtbot: QtBot) -> None:
    tab = front_settled(front_app, qtbot)
    assert accessible_name(tab.front.strip) == "Net binnen"
    assert strip_lines(tab) == [
        "Ongelezen: Net binnen 18:28 Kabinet akkoord over de begroting",
        "Ongelezen: Binnenland 18:26 Woningbouw blijft achter bij de plannen",
        "Ongelezen: Buitenland 18:24 Ook China mag bij vredesraad",
        "Ongelezen: Zeeland 18:21 Nieuwe brug over het Kanaal door Walcheren open",
        "Ongelezen: Sport 18:18 Feyenoord wint de topper",
        "Ongelezen: Net binnen 18:03 Storing bij NS voorbij",
        "Ongelezen: Zeeland 17:55 Veerboot Vlissingen-Breskens vaart weer",
        "Ongelezen: Binnenland 17:42 Kamer wil snel duidelijkheid over toeslagen",
    ]
    line = tab.front.strip.lines[3]
    assert (line.label, line.when) == ("Zeeland", "18:21")


def test_a_category_switched_off_leaves_the_page_and_the_order_follows_the_user(
        front_app: Shell, qtbot: QtBot) -> None:
    tab = front_settled(front_app, qtbot)
    front_app.settings.set(keys.DISABLED_CATEGORIES, ["binnenland"])
    qtbot.waitUntil(lambda: [b.category for b in tab.front.shown_blocks()]
                    == ["zeeland", "buitenland", "sport"] and tab.list_settled)
    assert not any("Binnenland" in line for line in strip_lines(tab))


def test_opening_a_story_marks_it_read_and_alt_home_goes_back_to_it(
        front_app: Shell, qtbot: QtBot, system_browser: UrlCatcher) -> None:
    tab = front_settled(front_app, qtbot)
    tab.categories.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(tab.categories, Qt.Key.Key_Tab)
    first = QApplication.focusWidget()
    assert first is tab.front.strip.lines[0]  # Tab goes from the categories to the stories
    qtbot.keyClick(first, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is tab.front.strip.lines[1]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)  # on to the next block
    zeeland = tab.front.shown_blocks()[0]
    assert QApplication.focusWidget() is zeeland.lead
    qtbot.keyClick(zeeland.lead, Qt.Key.Key_Down)
    story = zeeland.headlines[0]
    assert QApplication.focusWidget() is story and story.article is not None
    assert accessible_name(story).startswith("Ongelezen: ")
    assert story.title_font().bold()
    chosen = story.article

    qtbot.keyClick(story, Qt.Key.Key_Return)
    settled(front_app, qtbot)
    assert not tab.stage.shown and tab.current_category() == "zeeland"
    assert tab.current_article() is not None and tab.current_article().id == chosen.id
    assert tab.current_article().read
    assert QApplication.focusWidget() is tab.list
    assert tab.categories.item(2).text() == "Zeeland (5)"  # one of six read, as in the list
    assert system_browser.urls == []  # Enter opened it here, not on the website

    qtbot.keyClick(tab.list, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    tab = front_settled(front_app, qtbot)
    assert QApplication.focusWidget() is story  # back where the keyboard was
    assert not accessible_name(story).startswith("Ongelezen")
    assert not story.title_font().bold()
    assert tab.categories.currentRow() == 0


def test_more_from_under_the_article_opens_the_next_story(
        front_app: Shell, qtbot: QtBot) -> None:
    tab = front_settled(front_app, qtbot)
    tab.front.shown_blocks()[0].lead.click()
    qtbot.waitUntil(lambda: tab.more_from.settled and bool(tab.view.more.stories))
    settled(front_app, qtbot)
    shown = [a.title for a in tab.view.more.stories]
    assert shown == titles("zeeland")[1:6]
    text = tab.view.toPlainText().splitlines()
    start = text.index("Meer uit Zeeland")
    assert text[start + 1 : start + 4] == [
        "Veerboot Vlissingen-Breskens vaart weer",
        "Na een storing vaart de veerboot weer volgens de dienstregeling.",
        "35 minuten geleden"]

    # Tab reaches its links (after the article's own), Enter opens the story in the app.
    tab.view.setFocus(Qt.FocusReason.TabFocusReason)
    for _press in range(10):
        qtbot.keyClick(tab.view, Qt.Key.Key_Tab)
        if tab.view.textCursor().charFormat().anchorHref().startswith("story:"):
            break
    assert tab.view.textCursor().selectedText() == "Veerboot Vlissingen-Breskens vaart weer"
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.current_article() is not None
                    and tab.current_article().title == shown[0])
    assert tab.current_article().read
    # A click on another one does the same.
    qtbot.waitUntil(lambda: tab.more_from.settled and bool(tab.view.more.stories))
    target = tab.view.more.stories[2]
    tab.view.anchorClicked.emit(QUrl(f"story:{target.id}"))
    qtbot.waitUntil(lambda: tab.current_article() is not None
                    and tab.current_article().id == target.id)


def test_more_from_zeeland_opens_the_category(front_app: Shell, qtbot: QtBot) -> None:
    tab = front_settled(front_app, qtbot)
    tab.front.shown_blocks()[0].link.click()
    settled(front_app, qtbot)
    assert not tab.stage.shown and tab.current_category() == "zeeland"
    assert [a.title for a in tab.model.articles()] == titles("zeeland")
    assert tab.current_article() is None  # nothing opened, nothing marked read
    assert tab.categories.hasFocus()


def test_times_move_on_with_the_minute_tick_and_only_they_change(
        front_app: Shell, qtbot: QtBot) -> None:
    tab = front_settled(front_app, qtbot)
    lead = tab.front.shown_blocks()[0].lead
    story = lead.article
    later = NOW + timedelta(minutes=20)
    tab.clock.set(lambda: later, AMSTERDAM)
    tab._tick.timeout.emit()  # the minute tick
    assert lead.when == "29 minuten geleden"
    assert accessible_name(lead).endswith(", 29 minuten geleden")
    assert lead.article is story  # nothing read again
    assert tab.front.shown_blocks()[0].lead is lead
    assert tab.front.strip.lines[3].when == "18:21"  # a clock time stays what it was


def test_search_from_the_front_page_lists_the_results_and_clearing_comes_back(
        front_app: Shell, qtbot: QtBot) -> None:
    tab = front_settled(front_app, qtbot)
    tab.search.setText("veerboot")
    qtbot.waitUntil(lambda: tab.list.isVisible() and tab.list_settled
                    and [a.title for a in tab.model.articles()]
                    == ["Veerboot Vlissingen-Breskens vaart weer"])
    assert not tab.front.isVisible()
    tab.search.clear()
    front_settled(front_app, qtbot)
    assert tab.front.isVisible()


def test_every_story_and_link_has_a_name(front_app: Shell, qtbot: QtBot) -> None:
    tab = front_settled(front_app, qtbot)
    assert unnamed_controls(tab) == []
    assert accessible_name(tab.front) == "Voorpagina"
    buttons = tab.front.findChildren(StoryButton)
    assert all(accessible_name(b) for b in buttons if b.isVisibleTo(tab))
    lead = tab.front.shown_blocks()[0].lead
    assert lead.accessibleDescription() == STORIES[2][4]  # the lead line, said after it


def test_narrow_one_column_wide_more(front_app: Shell, qtbot: QtBot) -> None:
    tab = front_settled(front_app, qtbot)
    window = front_app.window
    window.resize(700, 800)
    qtbot.waitUntil(lambda: tab.front.columns == 1)
    qtbot.waitUntil(lambda: len({b.x() for b in tab.front.shown_blocks()}) == 1)
    tops = [b.y() for b in tab.front.shown_blocks()]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)
    window.resize(1900, 900)
    qtbot.waitUntil(lambda: tab.front.columns >= 2)
    first, second = tab.front.shown_blocks()[:2]
    qtbot.waitUntil(lambda: first.y() == second.y() and first.x() < second.x())


def test_a_picture_is_a_placeholder_until_it_comes(
        make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path,
        profile_dir: Path) -> None:
    released = threading.Event()

    def held(_request: Request) -> Response:
        released.wait(10)
        return Response(200, photo(COLOURS[0]), content_type="image/jpeg")

    serve_pictures(server)
    server.route("/foto0.jpg", held)
    seed_profile(profile_dir, articles(server))
    application = make_app(feeds=quiet_catalogue(server, tmp_path / "feeds.json"),
                           front_page=True)
    try:
        tab = front_settled(application, qtbot)
        zeeland, binnenland = tab.front.shown_blocks()[:2]
        qtbot.waitUntil(lambda: binnenland.lead.image is not None)
        assert zeeland.lead.show_picture and zeeland.lead.image is None  # its placeholder
        released.set()
        qtbot.waitUntil(lambda: zeeland.lead.image is not None)
    finally:
        released.set()


def test_pictures_off_no_picture_and_none_asked_for(
        make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path,
        profile_dir: Path) -> None:
    serve_pictures(server)
    seed_profile(profile_dir, articles(server))
    settings = Settings(profile_dir / "config" / "zeelandnet-desktop.ini")
    settings.set(keys.REMOTE_IMAGES, False)
    settings.sync()
    application = make_app(feeds=quiet_catalogue(server, tmp_path / "feeds.json"),
                           front_page=True)
    tab = front_settled(application, qtbot)
    leads = [b.lead for b in tab.front.shown_blocks()]
    assert leads and not any(lead.show_picture or lead.image for lead in leads)
    assert all(lead.picture_height(400) == 0 for lead in leads)  # no room kept either
    assert all(server.requests_for(f"/foto{n}.jpg") == [] for n in range(len(COLOURS)))
    # Switched on, they come.
    application.settings.set(keys.REMOTE_IMAGES, True)
    qtbot.waitUntil(lambda: tab.front.shown_blocks()[0].lead.image is not None)


def test_a_larger_text_size_gives_larger_stories_and_fewer_columns(
        front_app: Shell, qtbot: QtBot) -> None:
    tab = front_settled(front_app, qtbot)
    front_app.window.resize(1600, 900)
    qtbot.waitUntil(lambda: tab.front.columns == 3)
    lead = tab.front.shown_blocks()[0].lead
    before = lead.heightForWidth(300)
    larger = tab.font()
    larger.setPointSizeF(larger.pointSizeF() * 1.6)
    tab.setFont(larger)  # as a text-size setting would, through the widgets' fonts
    qtbot.waitUntil(lambda: tab.front.columns < 3)
    assert lead.heightForWidth(300) > before
    assert lead.title_font().pointSizeF() > larger.pointSizeF()  # the title stays larger


def test_in_english_the_words_and_names_follow(front_app: Shell, qtbot: QtBot) -> None:
    tab = front_settled(front_app, qtbot)
    front_app.settings.set(keys.LANGUAGE, "en")
    binnenland = tab.front.shown_blocks()[1]  # "The Netherlands" in English
    qtbot.waitUntil(lambda: accessible_name(binnenland) == "The Netherlands"
                    and strip_lines(tab)[1:2] == [
                        "Unread: The Netherlands 18:26 Woningbouw blijft achter bij de plannen"])
    assert tab.stage.shown  # still on the Voorpagina
    assert accessible_name(binnenland.link) == "More from The Netherlands"
    assert binnenland.lead.when == "4 minutes ago"
    assert tab.categories.item(0).text() == "Front page"
    assert accessible_name(tab.front.strip) == "Just in"


def test_with_no_news_yet_the_front_page_says_so(
        make_app: AppFactory, qtbot: QtBot, profile_dir: Path) -> None:
    set_language(profile_dir, "nl")
    application = make_app(front_page=True)  # no news sources, nothing stored
    wait_for_rounds(application, qtbot)
    tab = front_settled(application, qtbot)
    qtbot.waitUntil(lambda: tab.front.words.isVisible()
                    and tab.front.words.text() == "Nog geen nieuws. Druk op F5 om het op te "
                                                  "halen.")
    assert not tab.front.strip.isVisible() and tab.front.shown_blocks() == []
