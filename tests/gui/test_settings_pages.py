"""Instellingen pages write what the user chose, and refuse what cannot work."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.gui.conftest import AppFactory
from zeelandnet_desktop import settings as keys
from zeelandnet_desktop.mail.providers import CUSTOM_ID
from zeelandnet_desktop.ui.webmail.settings_page import WebmailSettingsPage


def test_webmail_page_changes_the_provider(make_app: AppFactory, qtbot: QtBot) -> None:
    application = make_app()
    page = WebmailSettingsPage(application.settings,
                               application.webmail_feature.tab.available_providers())
    qtbot.addWidget(page)
    names = [page.provider.itemText(i) for i in range(page.provider.count())]
    assert "ZeelandNet webmail" in names and "DELTA webmail" in names
    page.provider.setCurrentIndex(page.provider.findData("delta"))
    page.unload_minutes.setValue(30)
    page.apply()
    assert application.settings.get(keys.WEBMAIL_PROVIDER) == "delta"
    assert application.settings.get(keys.WEBMAIL_UNLOAD_MINUTES) == 30


def test_webmail_page_refuses_an_address_that_is_not_https(
    make_app: AppFactory, qtbot: QtBot
) -> None:
    application = make_app()
    application.settings.set(keys.WEBMAIL_PROVIDER, "zeelandnet")
    page = WebmailSettingsPage(application.settings,
                               application.webmail_feature.tab.available_providers())
    qtbot.addWidget(page)
    page.provider.setCurrentIndex(page.provider.findData(CUSTOM_ID))
    assert page.custom_url.isEnabled()
    page.custom_url.setText("http://webmail.example.nl")
    page.apply()
    assert application.settings.get(keys.WEBMAIL_PROVIDER) == "zeelandnet"
    assert application.settings.get(keys.WEBMAIL_CUSTOM_URL) == ""
    assert "https://" in page.problem.text()
    page.custom_url.setText("https://webmail.example.nl")
    page.apply()
    assert application.settings.get(keys.WEBMAIL_PROVIDER) == CUSTOM_ID
    assert application.settings.get(keys.WEBMAIL_CUSTOM_URL) == "https://webmail.example.nl"
