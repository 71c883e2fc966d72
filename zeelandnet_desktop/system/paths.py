"""Where the app reads and writes: one profile, optionally moved as a whole by --profile-dir.

Only QtCore is imported here so the command-line tools can use the same folders without widgets.
"""

from __future__ import annotations

import contextlib
import os
import zlib
from pathlib import Path
from typing import NamedTuple

from .. import APP_ID, ORG_DOMAIN, ORG_NAME


class AppPaths(NamedTuple):
    """The folders of one profile. Everything the app writes lives under one of these."""

    config: Path  # settings (QSettings INI), user overrides of feeds.json / providers.json
    data: Path  # news database, remembered notification state
    cache: Path  # HTTP cache of the web view, images
    logs: Path  # rotating log file, crash traces
    web: Path  # QtWebEngine persistent profiles (cookies, local storage), one per provider
    profile_dir: Path | None  # set when --profile-dir moved everything under one folder

    @property
    def settings_file(self) -> Path:
        return self.config / f"{APP_ID}.ini"

    @property
    def log_file(self) -> Path:
        return self.logs / f"{APP_ID}.log"

    @property
    def database_file(self) -> Path:
        return self.data / "news.sqlite3"

    def instance_key(self) -> str:
        """Name of the single-instance socket: one per user and per profile.

        Hashed because local socket names are short on some systems and must not carry a path;
        two CRC-32s (not a cryptographic hash: nothing secret here, and hashlib costs start-up
        time) make a 64-bit name.
        """
        user = os.environ.get("USER") or os.environ.get("USERNAME") or str(_uid())
        where = str(self.profile_dir.resolve()) if self.profile_dir else "default"
        data = f"{user}\0{where}".encode()
        digest = f"{zlib.crc32(data):08x}{zlib.crc32(data[::-1]):08x}"
        return f"{APP_ID}-{digest}"

    def all_dirs(self) -> tuple[Path, ...]:
        return (self.config, self.data, self.cache, self.logs, self.web)

    def ensure(self) -> AppPaths:
        """Make the folders that are missing. A folder that cannot be made (a read-only profile)
        is left to whoever writes there, who says so: starting must not fail on it."""
        for folder in self.all_dirs():
            with contextlib.suppress(OSError):
                folder.mkdir(parents=True, exist_ok=True)
        return self

    def writable(self) -> bool:
        """The profile's data folder takes new files (False: read-only, or not there)."""
        return self.data.is_dir() and os.access(self.data, os.W_OK)


def _uid() -> int:
    getuid = getattr(os, "getuid", None)
    return getuid() if getuid else 0


def set_application_names() -> None:
    """Set organisation and application names once, before any QSettings or QStandardPaths use."""
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setOrganizationDomain(ORG_DOMAIN)
    QCoreApplication.setApplicationName(APP_ID)


def resolve(profile_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """The folders for this run: under profile_dir when given, else the OS's usual places."""
    if profile_dir is not None:
        root = Path(profile_dir).expanduser().absolute()
        return AppPaths(
            config=root / "config",
            data=root / "data",
            cache=root / "cache",
            logs=root / "logs",
            web=root / "web",
            profile_dir=root,
        )
    from PySide6.QtCore import QStandardPaths

    set_application_names()

    def location(kind: QStandardPaths.StandardLocation) -> Path:
        return Path(QStandardPaths.writableLocation(kind))

    data = location(QStandardPaths.StandardLocation.AppDataLocation)
    return AppPaths(
        config=location(QStandardPaths.StandardLocation.AppConfigLocation),
        data=data,
        cache=location(QStandardPaths.StandardLocation.CacheLocation),
        logs=data / "logs",
        web=data / "web",
        profile_dir=None,
    )
