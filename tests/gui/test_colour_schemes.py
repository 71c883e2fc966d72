"""Light and dark: the whole window follows the scheme (the list, the article, the banner, the
webmail's own pages), every text is readable (at least 4.5:1, computed from what is shown), and
a person can look at both (screenshots)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.gui.conftest import AppFactory
from tests.gui.test_main_window import set_language
from tests.gui.test_news_screenshots import COLOURS, photo
from tests.support.feedgen import Item, serve_feed, write_catalogue
from tests.support.localserver import LocalServer, Response
from tests.support.newstab import tab_of, wait_for_rounds
from zeelandnet_desktop import settings as keys
from zeelandnet_desktop.settings import Settings
from zeelandnet_desktop.ui.news.status import Banner
from zeelandnet_desktop.ui.palette import contrast, error_color, is_dark, muted

Role = QPalette.ColorRole


def choose_scheme(profile_dir: Path, scheme: str) -> None:
    settings = Settings(profile_dir / "config" / "zeelandnet-desktop.ini")
    settings.set(keys.COLOR_SCHEME, scheme)
    settings.sync()


def zeeland_feeds(server: LocalServer, tmp_path: Path) -> Path:
    for number, colour in enumerate(COLOURS[:3]):
        server.route(f"/foto{number}.jpg", Response(200, photo(colour),
                                                    content_type="image/jpeg"))
    items = [
        Item("Stormvloedkering in de Oosterschelde gaat dicht",
             "KAMPERLAND (ANP) - De Oosterscheldekering gaat vannacht dicht vanwege de storm.",
             minutes_ago=5, image=server.url("/foto0.jpg")),
        Item("Veerboot Vlissingen-Breskens vaart weer", "VLISSINGEN - De veerboot vaart na "
             "een storing weer volgens de dienstregeling.", minutes_ago=80,
             image=server.url("/foto1.jpg")),
        Item("Mosselseizoen begint goed", "YERSEKE - De vissers zijn tevreden.",
             minutes_ago=60 * 26, image=server.url("/foto2.jpg")),
    ]
    url = serve_feed(server, "/zeeland.xml", "Omroep Zeeland", items)
    return write_catalogue(tmp_path / "f.json", [
        ("zeeland", "Zeeland", "Zeeland", [("Omroep Zeeland", url)]),
        ("binnenland", "Binnenland", "Netherlands", [])])


def colours_in(html_text: str) -> list[QColor]:
    return [QColor(name) for name in re.findall(r"color:\s*(#[0-9a-fA-F]{6})", html_text)]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_text_is_readable_in_both_schemes(
    scheme: str, make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path,
    profile_dir: Path, screenshots: Path,
) -> None:
    set_language(profile_dir, "nl")
    choose_scheme(profile_dir, scheme)
    application = make_app(feeds=zeeland_feeds(server, tmp_path))
    palette = QGuiApplication.palette()
    assert is_dark(palette) == (scheme == "dark")
    application.window.resize(1100, 700)
    wait_for_rounds(application, qtbot)
    tab = tab_of(application)
    tab.select_row(0)
    qtbot.waitUntil(lambda: tab.view.has_picture(server.url("/foto0.jpg")))

    base = tab.view.palette().color(Role.Base)
    html_text = tab.article_html(tab.current_article())  # type: ignore[arg-type]
    assert "gray" not in html_text  # no fixed colour: the palette's
    found = colours_in(html_text)
    assert found and all(contrast(colour, base) >= 4.5 for colour in found), found
    # The list: lead and "source · time" in muted text, the selection's text on its colour.
    list_palette = tab.list.palette()
    assert contrast(list_palette.color(Role.PlaceholderText), list_palette.color(Role.Base)) >= 4.5
    assert contrast(list_palette.color(Role.HighlightedText),
                    list_palette.color(Role.Highlight)) >= 4.5
    assert contrast(muted(palette), palette.color(Role.Window)) >= 4.5  # date lines, hints
    assert contrast(error_color(palette), palette.color(Role.Window)) >= 4.5

    # The lists are drawn on the base colour, as text fields are (white, or dark in dark).
    for area in (tab.categories, tab.list):
        viewport = area.viewport()
        corner = viewport.grab().toImage().pixelColor(viewport.width() - 3,
                                                      viewport.height() - 3)
        assert corner == area.palette().color(Role.Base), area.objectName()

    tab.banner.show_banner(Banner("Offline — je ziet opgeslagen nieuws", retry=True))
    banner = tab.banner.palette()
    assert tab.banner.autoFillBackground()
    assert contrast(tab.banner.text.palette().color(tab.banner.text.foregroundRole()),
                    banner.color(tab.banner.backgroundRole())) >= 4.5
    tab.list.setFocus()
    QApplication.processEvents()
    assert application.window.grab().save(str(screenshots / f"news-{scheme}.png"))


def test_switching_the_scheme_redraws_the_article_in_the_new_colours(
    make_app: AppFactory, qtbot: QtBot, server: LocalServer, tmp_path: Path, profile_dir: Path,
) -> None:
    set_language(profile_dir, "nl")
    choose_scheme(profile_dir, "light")
    application = make_app(feeds=zeeland_feeds(server, tmp_path))
    wait_for_rounds(application, qtbot)
    tab = tab_of(application)
    tab.select_row(1)
    light = tab.view.toHtml()
    application.settings.set(keys.COLOR_SCHEME, "dark")  # Instellingen → Algemeen → Donker
    assert is_dark(QGuiApplication.palette())
    qtbot.waitUntil(lambda: tab.view.toHtml() != light)
    dark_base = tab.view.palette().color(Role.Base)
    assert dark_base.lightness() < 80
    assert all(contrast(c, dark_base) >= 4.5 for c in colours_in(tab.article_html(
        tab.current_article())))  # type: ignore[arg-type]
    application.settings.set(keys.COLOR_SCHEME, "light")
    assert not is_dark(QGuiApplication.palette())


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_webmails_own_pages_follow_the_scheme(
    scheme: str, make_app: AppFactory, qtbot: QtBot, server: LocalServer, profile_dir: Path,
    screenshots: Path,
) -> None:
    import json

    from tests.support.fakewebmail import FakeWebmail
    from tests.support.localserver import closed_port_url

    set_language(profile_dir, "nl")
    choose_scheme(profile_dir, scheme)
    entry = FakeWebmail(server).provider_entry()
    entry["start_url"] = closed_port_url()  # the provider is away: our own page says so
    config = profile_dir / "config"
    (config / "providers.json").write_text(json.dumps({"providers": [entry]}))
    settings = Settings(config / "zeelandnet-desktop.ini")
    settings.set(keys.WEBMAIL_PROVIDER, "fake")
    settings.sync()
    application = make_app(tab="webmail")
    tab = application.webmail_feature.tab
    qtbot.waitUntil(lambda: tab.browser is not None and tab.browser.page.local_page_shown
                    and not tab.browser.page.isLoading()
                    and tab.title == "Webmail is niet bereikbaar", timeout=20_000)
    page: list[str] = []
    tab.browser.page.toHtml(page.append)
    qtbot.waitUntil(lambda: bool(page), timeout=5_000)
    css = dict(re.findall(r"([\w.]+) \{[^}]*?(?:background: (#[0-9a-f]{6}))", page[0]))
    colours = re.findall(r"color: (#[0-9a-f]{6})", page[0])
    palette = QGuiApplication.palette()
    assert css["body"] == palette.color(Role.Window).name()
    card = QColor(css["main"])
    assert card == palette.color(Role.Base)
    text, detail, button_text = (QColor(c) for c in colours[:3])
    assert contrast(text, card) >= 4.5 and contrast(detail, card) >= 4.5
    assert contrast(button_text, QColor(css["a.button"])) >= 4.5
    assert (card.lightness() < 80) == (scheme == "dark")
    view = tab.browser.view
    # Chromium paints on its own time: the screenshot once the card shows in the page.
    qtbot.waitUntil(lambda: contrast(view.grab().toImage().pixelColor(
        view.width() // 2, view.height() // 4), card) < 1.1, timeout=10_000)
    assert application.window.grab().save(str(screenshots / f"webmail-away-{scheme}.png"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_instellingen_offers_the_scheme_and_is_drawn_in_it(
    scheme: str, make_app: AppFactory, qtbot: QtBot, profile_dir: Path, screenshots: Path,
) -> None:
    from zeelandnet_desktop.ui.settings.dialog import GeneralPage, SettingsDialog

    set_language(profile_dir, "nl")
    choose_scheme(profile_dir, scheme)
    application = make_app()
    dialog = SettingsDialog(application.settings, application.settings_pages.factories(),
                            application.window)
    qtbot.addWidget(dialog)
    dialog.show()
    page = dialog.pages.widget(0)
    assert isinstance(page, GeneralPage)
    combo = page.color_scheme
    assert [combo.itemText(i) for i in range(combo.count())] == ["Systeem", "Licht", "Donker"]
    assert combo.currentData() == scheme
    combo.setFocus()
    qtbot.waitUntil(lambda: application.theme.focus_ring.target is combo)
    assert dialog.grab().save(str(screenshots / f"settings-{scheme}.png"))
    other = "light" if scheme == "dark" else "dark"
    combo.setCurrentIndex(combo.findData(other))
    dialog.accept()
    assert application.settings.get(keys.COLOR_SCHEME) == other
    assert is_dark(QGuiApplication.palette()) == (other == "dark")
