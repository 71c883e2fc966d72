"""The real Secret Service (gnome-keyring on the desktop pass's private D-Bus): save, load and
delete through our store and through the service's worker thread, and a captured password that
ends up in it. The backend is pinned explicitly, never keyring's own choice."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from pytestqt.qtbot import QtBot

from tests.conftest import require_service
from tests.support.fakewebmail import WebmailEnv
from tests.support.localserver import LocalServer
from zeelandnet_desktop import settings as keys
from zeelandnet_desktop.mail.credentials import SERVICE_NAME, Account, CredentialStore
from zeelandnet_desktop.services.credentials import CredentialResult, CredentialService

QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)

pytestmark = pytest.mark.desktop

PASSWORD = "Zeeuws-Meisje-7!"
ACCOUNT = Account("fake", "jan")


@pytest.fixture
def secret_service() -> Iterator[object]:
    require_service("secrets" in os.environ.get("ZND_SERVICES", "").split(","),
                    "Secret Service (gnome-keyring)")
    from keyring.backends import SecretService

    backend = SecretService.Keyring()
    yield backend
    # Leave the throw-away keyring as we found it.
    CredentialStore(backend).delete(ACCOUNT)


def secret_items(label_part: str) -> list[dict[str, str]]:
    """What the Secret Service itself holds, read past our code (secretstorage over jeepney)."""
    import secretstorage

    connection = secretstorage.dbus_init()
    try:
        collection = secretstorage.get_default_collection(connection)
        return [item.get_attributes() for item in collection.get_all_items()
                if label_part in item.get_label()]
    finally:
        connection.close()


def test_save_load_delete_in_the_real_secret_service(secret_service: object) -> None:
    store = CredentialStore(secret_service)
    store.save(ACCOUNT, PASSWORD)
    items = secret_items("fake:jan")
    assert len(items) == 1
    # gnome-keyring adds its own attributes (xdg:schema); ours are the service and the entry.
    assert items[0]["service"] == SERVICE_NAME and items[0]["username"] == "fake:jan"
    secret = store.load(ACCOUNT)
    assert secret is not None and secret.password == PASSWORD
    store.save(ACCOUNT, "changed")  # a corrected password replaces the entry
    loaded = store.load(ACCOUNT)
    assert loaded is not None and loaded.password == "changed"
    assert len(secret_items("fake:jan")) == 1
    assert store.delete(ACCOUNT) is True
    assert store.load(ACCOUNT) is None
    assert secret_items("fake:jan") == []


def test_service_round_trip_off_the_gui_thread(qtbot: QtBot, secret_service: object) -> None:
    service = CredentialService(CredentialStore(secret_service))
    results: list[CredentialResult] = []
    service.save(ACCOUNT, PASSWORD, results.append)
    service.load(ACCOUNT, results.append)
    service.delete(ACCOUNT, results.append)
    service.load(ACCOUNT, results.append)
    qtbot.waitUntil(lambda: len(results) == 4, timeout=10_000)
    assert [r.operation for r in results] == ["save", "load", "delete", "load"]
    assert all(r.ok for r in results)
    assert results[1].secret is not None and results[1].secret.password == PASSWORD
    assert results[2].removed and results[3].secret is None
    service.shut_down()
    shiboken6.delete(service)


def test_captured_password_lands_in_the_secret_service(
        qtbot: QtBot, secret_service: object, server: LocalServer, profile_dir: Path,
        tmp_path: Path) -> None:
    env = WebmailEnv(server, profile_dir, tmp_path / "Downloads")
    env.fake.password = PASSWORD
    env.choose_fake()
    service = CredentialService(CredentialStore(secret_service))
    tab = env.make_tab()
    login = env.make_signin(service, tab, form_timeout_ms=1500)
    try:
        with qtbot.waitSignal(login.form_found, timeout=20_000):
            tab.activate()
        assert tab.browser is not None
        with qtbot.waitSignal(login.prompt_shown, timeout=20_000) as shown:
            tab.browser.page.runJavaScript(
                f"document.getElementById('rcmloginuser').value = 'jan';"
                f"document.getElementById('rcmloginpwd').value = '{PASSWORD}';"
                "document.getElementById('rcmloginsubmit').click();", 0)
        shown.args[0].findChild(object, "yes").click()
        qtbot.waitUntil(lambda: env.settings.get(keys.WEBMAIL_AUTO_LOGIN), timeout=10_000)
        secret = CredentialStore(secret_service).load(ACCOUNT)
        assert secret is not None and secret.password == PASSWORD
        assert PASSWORD not in env.paths.settings_file.read_text(encoding="utf-8")
    finally:
        login.shut_down()
        env.close()
        shiboken6.delete(login)
        shiboken6.delete(service)
