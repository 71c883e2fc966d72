"""Settings: typed values, defaults, bad values fall back with a log line, corrupt files too."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from zeelandnet_desktop import settings as keys
from zeelandnet_desktop.settings import Settings


def test_defaults_on_a_new_profile(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "s.ini")
    assert settings.get(keys.REFRESH_MINUTES) == 15
    assert settings.get(keys.PRUNE_DAYS) == 14
    assert settings.get(keys.LANGUAGE) == "system"
    assert settings.get(keys.REMOTE_IMAGES) is True  # pictures on unless switched off
    assert settings.get(keys.DISABLED_CATEGORIES) == []


def test_values_survive_a_restart(tmp_path: Path) -> None:
    first = Settings(tmp_path / "s.ini")
    first.set(keys.REFRESH_MINUTES, 30)
    first.set(keys.REMOTE_IMAGES, False)
    first.set(keys.DISABLED_CATEGORIES, ["sport"])
    first.set(keys.WINDOW_GEOMETRY, b"\x00\x01\xffgeometry")
    first.sync()
    second = Settings(tmp_path / "s.ini")
    assert second.get(keys.REFRESH_MINUTES) == 30
    assert second.get(keys.REMOTE_IMAGES) is False
    assert second.get(keys.DISABLED_CATEGORIES) == ["sport"]
    assert second.get(keys.WINDOW_GEOMETRY) == b"\x00\x01\xffgeometry"


def test_changed_signal_names_the_key_once_per_real_change(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "s.ini")
    seen: list[str] = []
    settings.changed.connect(seen.append)
    settings.set(keys.REFRESH_MINUTES, 20)
    settings.set(keys.REFRESH_MINUTES, 20)
    settings.set(keys.LANGUAGE, "nl")
    assert seen == ["news/refresh_minutes", "ui/language"]


def test_a_wrong_value_from_code_is_refused(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "s.ini")
    with pytest.raises(ValueError):
        settings.set(keys.LANGUAGE, "fr")
    with pytest.raises(ValueError):
        settings.set(keys.REFRESH_MINUTES, 0)


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("refresh_minutes=banana", keys.REFRESH_MINUTES),
        ("refresh_minutes=-5", keys.REFRESH_MINUTES),
        ("remote_images=perhaps", keys.REMOTE_IMAGES),
    ],
)
def test_invalid_value_in_the_file_gives_the_default_and_a_log_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, line: str, key: keys.Key[object]
) -> None:
    path = tmp_path / "s.ini"
    path.write_text(f"[news]\n{line}\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        value = Settings(path).get(key)
    assert value == key.default
    assert any(key.name in record.getMessage() for record in caplog.records)


def test_garbage_file_is_set_aside_and_defaults_are_used(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "s.ini"
    path.write_bytes(b"\x00\xff\xfe[ui]\nlanguage=\x00\x01nl\n\xff")
    with caplog.at_level(logging.WARNING):
        settings = Settings(path)
    assert settings.get(keys.LANGUAGE) == "system"
    assert any("could not be read" in record.getMessage() for record in caplog.records)
    # The broken file is kept for a bug report, and new preferences can be saved again.
    assert [p.name.startswith("s.ini.corrupt-") for p in tmp_path.iterdir()].count(True) == 1
    settings.set(keys.LANGUAGE, "en")
    settings.sync()
    assert Settings(path).get(keys.LANGUAGE) == "en"


def test_nothing_secret_has_a_key() -> None:
    names = [value.name for value in vars(keys).values() if isinstance(value, keys.Key)]
    assert names, "the key table is empty"
    for name in names:
        assert not any(word in name.lower() for word in ("password", "wachtwoord", "cookie",
                                                         "token", "secret")), name


def test_the_old_webmail_zoom_becomes_the_one_text_size_once(tmp_path: Path) -> None:
    ini = tmp_path / "s.ini"
    before = Settings(ini)
    before.set(keys.WEBMAIL_PROVIDER, "delta")
    before.set_map_entry(keys.WEBMAIL_ZOOM, "zeelandnet", 1.5)
    before.set_map_entry(keys.WEBMAIL_ZOOM, "delta", 1.25)
    before.sync()

    settings = Settings(ini)
    keys.upgrade_text_size(settings)
    assert settings.get(keys.TEXT_SIZE) == 125  # the chosen webmail's, the one seen last
    settings.set(keys.TEXT_SIZE, 90)  # the user changes it afterwards
    keys.upgrade_text_size(settings)
    assert settings.get(keys.TEXT_SIZE) == 90  # carried over once, not again


def test_a_zoom_of_another_webmail_or_none_at_all(tmp_path: Path) -> None:
    other = Settings(tmp_path / "other.ini")
    other.set_map_entry(keys.WEBMAIL_ZOOM, "zeelandnet", 4.0)  # beyond the largest step
    keys.upgrade_text_size(other)
    assert other.get(keys.TEXT_SIZE) == 300
    fresh = Settings(tmp_path / "fresh.ini")
    keys.upgrade_text_size(fresh)
    assert fresh.get(keys.TEXT_SIZE) == 100 and not fresh.has(keys.TEXT_SIZE)
