"""Which webmail the user chose, the providers they can choose from, and the web profile's files
on disk. The webmail widgets ask this service; they never read providers.json or remove files
themselves.
"""

from __future__ import annotations

import logging
from collections.abc import Container
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from .. import settings as keys
from ..mail.downloads import unique_path
from ..mail.providers import (
    CUSTOM_ID,
    USER_FILE_NAME,
    Provider,
    ProviderError,
    custom_provider,
    load_providers,
)
from ..settings import Settings
from ..system.paths import AppPaths

log = logging.getLogger(__name__)


class WebmailService(QObject):
    provider_changed = Signal()  # the chosen provider (or its custom address) changed

    def __init__(self, settings: Settings, paths: AppPaths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._paths = paths
        settings.changed.connect(self._on_setting_changed)

    def providers(self) -> dict[str, Provider]:
        """The shipped providers with the user's providers.json laid over them."""
        return load_providers(self._paths.config / USER_FILE_NAME)

    def provider(self) -> Provider | None:
        """The chosen provider, or None while none is chosen (or the choice no longer exists)."""
        chosen = self._settings.get(keys.WEBMAIL_PROVIDER)
        if not chosen:
            return None
        if chosen == CUSTOM_ID:
            try:
                return custom_provider(self._settings.get(keys.WEBMAIL_CUSTOM_URL))
            except ProviderError as exc:
                log.warning("The custom webmail address is not usable (%s); asking again", exc)
                return None
        found = self.providers().get(chosen)
        if found is None:
            log.warning("Webmail provider %r is not known (any more); asking again", chosen)
        return found

    def choose(self, provider_id: str, custom_url: str = "") -> None:
        if provider_id == CUSTOM_ID:
            self._settings.set(keys.WEBMAIL_CUSTOM_URL, custom_url)
        self._settings.set(keys.WEBMAIL_PROVIDER, provider_id)

    def web_storage(self, provider_id: str) -> Path:
        """Where the provider's web profile keeps cookies and cache (made when missing)."""
        folder = self._paths.web / provider_id
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def remove_cookie_files(self, provider_id: str) -> None:
        """Sign out on this computer while no browser has the profile open."""
        folder = self.web_storage(provider_id)
        for name in ("Cookies", "Cookies-journal"):
            try:
                (folder / name).unlink(missing_ok=True)
            except OSError as exc:
                log.warning("Could not remove the %s cookies: %s", provider_id, exc.strerror)

    def download_folder(self) -> Path:
        chosen = self._settings.get(keys.WEBMAIL_DOWNLOAD_DIR)
        if chosen:
            return Path(chosen).expanduser()
        from PySide6.QtCore import QStandardPaths

        location = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DownloadLocation)
        return Path(location or Path.home() / "Downloads")

    def place_download(self, suggested: str, taken: Container[Path]) -> tuple[Path, Path]:
        """(folder, file) for an attachment: the folder made, a name that overwrites nothing
        (`taken`: names of downloads still running). OSError names the folder."""
        folder = self.download_folder()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, str(folder)) from None
        return folder, unique_path(folder, suggested, taken)

    def _on_setting_changed(self, name: str) -> None:
        if name == keys.WEBMAIL_PROVIDER.name or (
                name == keys.WEBMAIL_CUSTOM_URL.name
                and self._settings.get(keys.WEBMAIL_PROVIDER) == CUSTOM_ID):
            self.provider_changed.emit()
