"""Logging: a rotating file, Qt's messages in it, and unhandled errors shown, not swallowed."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import qWarning

from zeelandnet_desktop.system.log import (
    RotatingFileHandler,
    install_excepthook,
    install_qt_message_handler,
    setup_logging,
)


@pytest.fixture
def restore_hooks() -> Iterator[None]:
    saved = sys.excepthook
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    sys.excepthook = saved
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def test_log_file_rotates_and_keeps_n_backups(tmp_path: Path) -> None:
    path = tmp_path / "app.log"
    handler = RotatingFileHandler(path, max_bytes=200, backups=2)
    logger = logging.getLogger("test.rotation")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        for number in range(40):
            logger.warning("line %02d with some padding to fill the file", number)
    finally:
        logger.removeHandler(handler)
        handler.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["app.log", "app.log.1", "app.log.2"]
    assert "line 39" in path.read_text(encoding="utf-8")
    assert all(p.stat().st_size < 400 for p in tmp_path.iterdir())


def test_qt_messages_land_in_the_log_file(tmp_path: Path, restore_hooks: None) -> None:
    log_file = tmp_path / "logs" / "app.log"
    setup_logging(log_file)
    install_qt_message_handler()
    try:
        qWarning("a warning from Qt itself")
    finally:
        from PySide6.QtCore import qInstallMessageHandler

        qInstallMessageHandler(None)
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "a warning from Qt itself" in log_file.read_text(encoding="utf-8")


def test_unhandled_exception_is_logged_and_shown_with_the_log_file(
    tmp_path: Path, restore_hooks: None
) -> None:
    log_file = tmp_path / "logs" / "app.log"
    setup_logging(log_file)
    shown: list[tuple[str, Path]] = []
    install_excepthook(log_file, lambda summary, path: shown.append((summary, path)))
    try:
        raise ValueError("the feed list is broken")
    except ValueError:
        sys.excepthook(*sys.exc_info())  # what Python does for an exception nobody caught
    assert shown == [("ValueError: the feed list is broken", log_file)]
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert "Unhandled exception" in text and "the feed list is broken" in text
