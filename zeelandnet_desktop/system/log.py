"""Logging: a rotating file in the profile, Qt's own messages in the same log, no silent crashes."""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO, Any

log = logging.getLogger("zeelandnet_desktop")

_LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
_crash_file: IO[str] | None = None


def setup_logging(log_file: Path, *, verbose: bool = False) -> bool:
    """Log to a rotating file (1 MB × 3) and warnings and worse to stderr. When the file cannot
    be written (a read-only profile, a full disk) everything goes to stderr instead; returns
    whether the file is used."""
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(root.handlers):
        if getattr(handler, "_zeelandnet", False):
            root.removeHandler(handler)
    stderr_handler = logging.StreamHandler(sys.stderr)
    stderr_handler.setLevel(logging.DEBUG if verbose else logging.WARNING)
    stderr_handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handlers: list[logging.Handler] = [stderr_handler]
    problem = ""
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        file_handler = RotatingFileHandler(log_file, max_bytes=1_000_000, backups=3)
    except OSError as exc:
        problem = exc.strerror or type(exc).__name__
        stderr_handler.setLevel(logging.DEBUG if verbose else logging.INFO)
    else:
        file_handler.setFormatter(logging.Formatter(_LOG_FORMAT))
        handlers.append(file_handler)
    for handler in handlers:
        setattr(handler, "_zeelandnet", True)  # noqa: B010 - marks our handlers for a re-setup
        root.addHandler(handler)
    # urllib3 logs every connection at DEBUG; keep our own debug output readable.
    logging.getLogger("urllib3").setLevel(logging.WARNING)
    if problem:
        log.warning("The log file %s cannot be written (%s); logging here instead", log_file,
                    problem)
        return False
    _enable_faulthandler(log_file.with_name("crash.log"))
    return True


class RotatingFileHandler(logging.FileHandler):
    """Size-rotated log file (name.log, name.log.1 … name.log.N).

    logging.handlers has one, but importing that module pulls in socket servers, pickle and
    queues that the app never uses, at a cost the start-up budget notices.
    """

    def __init__(self, path: Path, *, max_bytes: int, backups: int) -> None:
        self._max_bytes = max_bytes
        self._backups = backups
        super().__init__(path, encoding="utf-8", delay=False)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is not None and self.stream.tell() >= self._max_bytes:
                self._roll_over()
        except (OSError, ValueError):
            pass
        super().emit(record)

    def _roll_over(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        base = self.baseFilename
        for number in range(self._backups - 1, 0, -1):
            if os.path.exists(f"{base}.{number}"):
                os.replace(f"{base}.{number}", f"{base}.{number + 1}")
        if os.path.exists(base):
            os.replace(base, f"{base}.1")
        self.stream = self._open()


def _enable_faulthandler(path: Path) -> None:
    # A segfault in Qt or Chromium leaves a Python trace here instead of nothing.
    global _crash_file
    if _crash_file is None:
        try:
            _crash_file = open(path, "a", encoding="utf-8")  # noqa: SIM115 - lives for the process
        except OSError:
            return
    faulthandler.enable(_crash_file)


def install_qt_message_handler() -> None:
    """Route qDebug/qWarning/... into Python logging under the name 'qt'."""
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        category = context.category or "default"
        qt_log.log(levels.get(kind, logging.WARNING), "[%s] %s", category, message)

    qInstallMessageHandler(handler)


ErrorDialog = Callable[[str, Path], None]


def install_excepthook(log_file: Path, show_dialog: ErrorDialog | None) -> None:
    """Log unhandled exceptions (also in threads) and show one dialog naming the log file.

    Without this, an exception raised in a Qt slot is printed to a console nobody sees and the
    user is left with a window that silently stopped doing something.
    """
    showing = threading.Event()

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        log.critical("Unhandled exception", exc_info=(kind, value, tb))
        if show_dialog is None or showing.is_set():
            return
        if threading.current_thread() is not threading.main_thread():
            return  # widgets only on the GUI thread; the log line is there
        showing.set()
        try:
            show_dialog(f"{kind.__name__}: {value}", log_file)
        finally:
            showing.clear()

    def thread_hook(args: Any) -> None:
        if args.exc_type is SystemExit:
            return
        hook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook
