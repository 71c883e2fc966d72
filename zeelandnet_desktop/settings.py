"""Typed preferences over QSettings, with defaults and a changed(key) signal.

Only preferences live here. Passwords, tokens and cookies never do: those belong to the OS
keyring (mail/credentials.py) and to the web profile.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal

log = logging.getLogger(__name__)

T = TypeVar("T")


class Key(Generic[T]):
    """One preference: its name in the INI file, its type, its default and what is valid.

    A plain class rather than a dataclass: this module is imported before the first paint, and
    the dataclasses module costs start-up time.
    """

    __slots__ = ("check", "choices", "default", "maximum", "minimum", "name", "type")

    def __init__(
        self,
        name: str,
        type: type,
        default: T,
        choices: tuple[T, ...] | None = None,
        minimum: int | None = None,
        maximum: int | None = None,
        check: Callable[[T], bool] | None = None,
    ) -> None:
        self.name = name
        self.type = type
        self.default = default
        self.choices = choices
        self.minimum = minimum
        self.maximum = maximum
        self.check = check

    def __repr__(self) -> str:
        return f"Key({self.name!r})"

    def coerce(self, raw: Any) -> T:
        """Turn what QSettings returned into a valid value, or raise ValueError."""
        value: Any
        if self.type is bool:
            if isinstance(raw, bool):
                value = raw
            elif isinstance(raw, str) and raw.lower() in ("true", "1", "yes", "on"):
                value = True
            elif isinstance(raw, str) and raw.lower() in ("false", "0", "no", "off"):
                value = False
            elif isinstance(raw, int) and raw in (0, 1):
                value = bool(raw)
            else:
                raise ValueError(f"not a yes/no value: {raw!r}")
        elif self.type is int:
            if isinstance(raw, bool):
                raise ValueError(f"not a number: {raw!r}")
            value = int(raw)
            if self.minimum is not None and value < self.minimum:
                raise ValueError(f"{value} is below {self.minimum}")
            if self.maximum is not None and value > self.maximum:
                raise ValueError(f"{value} is above {self.maximum}")
        elif self.type is str:
            if not isinstance(raw, str):
                raise ValueError(f"not text: {raw!r}")
            value = raw
        elif self.type is bytes:
            if isinstance(raw, QByteArray):
                value = raw.data()
            elif isinstance(raw, bytes | bytearray):
                value = bytes(raw)
            else:
                raise ValueError(f"not binary data: {type(raw).__name__}")
        elif self.type is list:
            if isinstance(raw, str):  # QSettings returns a one-element list as a plain string
                raw = [raw] if raw else []
            if not isinstance(raw, list | tuple) or not all(isinstance(v, str) for v in raw):
                raise ValueError(f"not a list of text: {raw!r}")
            value = list(raw)
        else:  # pragma: no cover - a programming error in the key table
            raise TypeError(f"unsupported setting type {self.type!r}")
        if self.choices is not None and value not in self.choices:
            raise ValueError(f"{value!r} is not one of {self.choices!r}")
        if self.check is not None and not self.check(value):
            raise ValueError(f"{value!r} is not allowed")
        return value


class MapKey(Key[str]):
    """A JSON object stored as text, one entry per name (a provider id): read with
    Settings.get_map, change with set_map_entry / pop_map_entry."""

    __slots__ = ()

    def __init__(self, name: str) -> None:
        super().__init__(name, str, "{}", check=_is_json_object)


def _is_json_object(text: str) -> bool:
    try:
        return isinstance(json.loads(text), dict)
    except ValueError:
        return False


# The key table. Later features add their keys here so every preference is in one place.
LANGUAGE: Key[str] = Key("ui/language", str, "system", choices=("system", "nl", "en"))
LAST_TAB: Key[str] = Key("ui/last_tab", str, "news", choices=("news", "webmail"))
WINDOW_GEOMETRY: Key[bytes] = Key("ui/window_geometry", bytes, b"")
WINDOW_STATE: Key[bytes] = Key("ui/window_state", bytes, b"")
# Light or dark: "system" follows the computer's own choice (and its changes).
COLOR_SCHEME: Key[str] = Key("ui/color_scheme", str, "system", choices=("system", "light", "dark"))
# One text size, in percent, for the news (list and article) and the webmail page alike.
TEXT_SIZE: Key[int] = Key("ui/text_size", int, 100, minimum=50, maximum=300)

REFRESH_MINUTES: Key[int] = Key("news/refresh_minutes", int, 15, minimum=1, maximum=24 * 60)
PRUNE_DAYS: Key[int] = Key("news/prune_days", int, 14, minimum=1, maximum=365)
# Pictures in the list and the article, fetched by the app itself (no cookie, no referrer).
REMOTE_IMAGES: Key[bool] = Key("news/remote_images", bool, True)
DISABLED_CATEGORIES: Key[list[str]] = Key("news/disabled_categories", list, [])
LAST_NEWS_CATEGORY: Key[str] = Key("news/last_category", str, "")
NEWS_UNREAD_ONLY: Key[bool] = Key("news/unread_only", bool, False)

# Webmail
# "" = not chosen yet: the tab asks once ("Choose your webmail"), never at start-up.
WEBMAIL_PROVIDER: Key[str] = Key("webmail/provider", str, "")
WEBMAIL_CUSTOM_URL: Key[str] = Key("webmail/custom_url", str, "")  # for provider "custom"
WEBMAIL_DOWNLOAD_DIR: Key[str] = Key("webmail/download_dir", str, "")  # "" = system Downloads
# JSON objects keyed by provider id (MapKey), so a new provider needs no new key:
# notifications {"zeelandnet": "granted" | "denied"}. The zoom per provider {"zeelandnet": 1.25}
# was before TEXT_SIZE; it is read once, to carry a user's zoom over (upgrade_text_size).
WEBMAIL_ZOOM: MapKey = MapKey("webmail/zoom")
WEBMAIL_NOTIFICATIONS: MapKey = MapKey("webmail/notifications")
WEBMAIL_UNLOAD_MINUTES: Key[int] = Key("webmail/unload_after_minutes", int, 0,
                                       minimum=0, maximum=24 * 60)  # 0 = never unload
# Webmail sign-in. Addresses only: passwords live in the OS keyring
# (mail/credentials.py). JSON keyed by provider id: accounts {"zeelandnet": "jan@zeelandnet.nl"};
# never-save {"zeelandnet": ["piet@zeelandnet.nl"]} ("Nooit voor dit adres").
WEBMAIL_ACCOUNTS: MapKey = MapKey("webmail/accounts")
WEBMAIL_NEVER_SAVE: MapKey = MapKey("webmail/never_save")
# The address whose saved password the provider refused {"zeelandnet": "jan@..."}: not tried by
# itself again (not even after a restart) until a password for it worked.
WEBMAIL_REJECTED: MapKey = MapKey("webmail/rejected")
# Automatic sign-in: off until a password is saved, then on.
WEBMAIL_AUTO_LOGIN: Key[bool] = Key("webmail/auto_login", bool, False)
# New mail without opening the webmail (services/mail_watch.py): on, so it runs as soon as a
# password is saved; it never runs without one.
MAIL_WATCH: Key[bool] = Key("webmail/check_mail", bool, True)
# "Other webmail": its mail server as the user gave it (the shipped providers bring their own).
MAIL_CUSTOM_HOST: Key[str] = Key("webmail/custom_mail_host", str, "")
MAIL_CUSTOM_PORT: Key[int] = Key("webmail/custom_mail_port", int, 993, minimum=1, maximum=65535)
MAIL_CUSTOM_TLS: Key[str] = Key("webmail/custom_mail_tls", str, "implicit",
                                choices=("implicit", "starttls"))
# When the mail server last refused the saved password, per provider id (Unix time): a restart
# is not another attempt {"zeelandnet": 1767225600}.
MAIL_LOGIN_REFUSED: MapKey = MapKey("webmail/mail_login_refused")


def _is_clock(text: str) -> bool:
    # The breaking-news rule is imported when a quiet-hours time is first read, not with the
    # settings (which the first screen needs).
    from .news.breaking import is_clock

    return is_clock(text)


# Tray and notifications
NOTIFY_BREAKING: Key[bool] = Key("tray/notify_breaking", bool, True)
# The user's changes to the catalogue's per-category `notify` flags (see breaking.py).
NOTIFY_CATEGORIES_ON: Key[list[str]] = Key("tray/notify_categories_on", list, [])
NOTIFY_CATEGORIES_OFF: Key[list[str]] = Key("tray/notify_categories_off", list, [])
NOTIFY_PER_HOUR: Key[int] = Key("tray/notifications_per_hour", int, 6, minimum=1, maximum=60)
QUIET_HOURS: Key[bool] = Key("tray/quiet_hours", bool, True)
QUIET_START: Key[str] = Key("tray/quiet_start", str, "23:00", check=_is_clock)
QUIET_END: Key[str] = Key("tray/quiet_end", str, "07:00", check=_is_clock)
PAUSED_UNTIL: Key[int] = Key("tray/paused_until", int, 0, minimum=0)  # Unix time; 0 = not paused
NOTIFY_MAIL: Key[bool] = Key("tray/notify_mail", bool, True)
START_AT_LOGIN: Key[bool] = Key("tray/start_at_login", bool, False)
TRAY_HINT_SHOWN: Key[bool] = Key("tray/close_hint_shown", bool, False)



class Settings(QObject):
    """The app's preferences. Read with get(KEY), write with set(KEY, value)."""

    changed = Signal(str)  # the key's name

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # a read-only profile: the settings are read, not written
            log.warning("The settings folder %s cannot be made (%s)", path.parent, exc.strerror)
        if _looks_corrupt(path):
            self._set_aside_corrupt_file()
        self._qsettings = QSettings(str(path), QSettings.Format.IniFormat)
        if self._qsettings.status() != QSettings.Status.NoError:
            self._set_aside_corrupt_file()
            self._qsettings = QSettings(str(path), QSettings.Format.IniFormat)

    @property
    def path(self) -> Path:
        return self._path

    def _set_aside_corrupt_file(self) -> None:
        # A file Qt cannot parse would otherwise never be written again; keep it for a bug
        # report and start over with defaults.
        aside = self._path.with_name(f"{self._path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        log.warning("Settings file %s could not be read; moved to %s, using defaults",
                    self._path, aside.name)
        try:
            self._path.replace(aside)
        except OSError as exc:
            log.warning("Could not move the unreadable settings file aside: %s", exc)

    def get(self, key: Key[T]) -> T:
        if not self._qsettings.contains(key.name):
            return _copy(key.default)
        raw = self._qsettings.value(key.name)
        try:
            return key.coerce(raw)
        except (TypeError, ValueError) as exc:
            log.warning("Setting %s has an invalid value (%s); using the default %r",
                        key.name, exc, key.default if key.type is not bytes else "(empty)")
            return _copy(key.default)

    def set(self, key: Key[T], value: T) -> None:
        value = key.coerce(value)  # a wrong value is a programming error: raise here
        if self._qsettings.contains(key.name) and self.get(key) == value:
            return
        stored: Any = QByteArray(value) if isinstance(value, bytes) else value
        self._qsettings.setValue(key.name, stored)
        self.changed.emit(key.name)

    def get_map(self, key: MapKey) -> dict[str, Any]:
        """The JSON object (a broken value was logged and reads as empty)."""
        value: dict[str, Any] = json.loads(self.get(key))
        return value

    def set_map_entry(self, key: MapKey, name: str, value: Any) -> None:
        entries = self.get_map(key)
        entries[name] = value
        self.set(key, json.dumps(entries, sort_keys=True))

    def pop_map_entry(self, key: MapKey, name: str) -> Any:
        entries = self.get_map(key)
        value = entries.pop(name, None)
        if value is not None:
            self.set(key, json.dumps(entries, sort_keys=True))
        return value

    def has(self, key: Key[Any]) -> bool:
        """The key was ever written (else get() gives its default)."""
        return bool(self._qsettings.contains(key.name))

    def reset(self, key: Key[Any]) -> None:
        if self._qsettings.contains(key.name):
            self._qsettings.remove(key.name)
            self.changed.emit(key.name)

    def sync(self) -> None:
        self._qsettings.sync()
        if self._qsettings.status() != QSettings.Status.NoError:
            log.warning("Settings could not be written to %s", self._path)


def upgrade_text_size(settings: Settings) -> None:
    """Carry the webmail zoom of before over into the one text size, once: the chosen
    provider's zoom (the one the user saw last), else the largest one set."""
    if settings.has(TEXT_SIZE):
        return
    zooms = settings.get_map(WEBMAIL_ZOOM)
    numbers = {name: float(v) for name, v in zooms.items()
               if isinstance(v, int | float) and not isinstance(v, bool)}
    if not numbers:
        return
    zoom = numbers.get(settings.get(WEBMAIL_PROVIDER), max(numbers.values()))
    low, high = TEXT_SIZE.minimum or 50, TEXT_SIZE.maximum or 300
    settings.set(TEXT_SIZE, min(high, max(low, round(zoom * 100))))
    log.info("Text size set to %d%% from the webmail zoom of before", settings.get(TEXT_SIZE))


def _looks_corrupt(path: Path) -> bool:
    """Qt's INI reader accepts nearly anything; a file it wrote is UTF-8 text without NULs.

    Binary garbage (a crash mid-write, a disk error) is set aside instead of being half-read.
    """
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        return False
    except OSError:
        return True
    if b"\0" in content:
        return True
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _copy(value: T) -> T:
    # Defaults that are lists must not be shared between callers.
    return list(value) if isinstance(value, list) else value  # type: ignore[return-value]
