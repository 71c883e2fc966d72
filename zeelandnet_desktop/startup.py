"""Start-up and shut-down: the order in which the process claims its profile, builds, shows and
tears down, and exits.

1. logging; 2. the single-instance claim (a lock before anything else is opened, or the hand-over
to the running instance); 3. the display check; 4. QApplication; 5. the Shell, shown; 6. the event
loop; 7. a bounded shut-down; 8. exit. The window shows first; network and QtWebEngine come after
the first paint.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from . import APP_NAME, DESKTOP_ID, __version__, i18n
from .options import LaunchOptions
from .system import early_checks, single_instance
from .system import paths as app_paths
from .system.log import install_excepthook, install_qt_message_handler, setup_logging

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

log = logging.getLogger(__name__)
_keep_alive: list[object] = []  # the signal wake-up sockets live as long as the process


def run(options: LaunchOptions) -> int:
    """The GUI: returns the process exit code."""
    paths = app_paths.resolve(options.profile_dir).ensure()
    setup_logging(paths.log_file, verbose=options.verbose)
    log.info("Starting %s %s (profile: %s)", APP_NAME, __version__,
             paths.profile_dir or "default")
    app_paths.set_application_names()

    try:
        lock = single_instance.claim(paths.instance_key(), options.tab)
    except single_instance.InstanceBusyError:
        print(early_checks.instance_busy_message(i18n.cli_language(paths)), file=sys.stderr)
        log.warning("Another instance holds the profile and does not answer")
        return 1
    if lock is None:
        log.info("Another instance is running; handed over (tab=%s)", options.tab)
        return 0

    problem = early_checks.display_problem()
    if problem:
        print(early_checks.no_display_message(problem, i18n.cli_language(paths)),
              file=sys.stderr)
        log.info("No display: %s", problem)  # the file only: stderr has its one clear line
        return 2
    early_checks.disable_webengine_sandbox_if_root()
    from .system.memory import limit_malloc_arenas

    limit_malloc_arenas()

    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QApplication

    # QtWebEngine is imported late (when webmail is first shown); Qt allows that only when
    # contexts are shared, and the attribute must be set before the QApplication exists.
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    qt_app = QApplication([sys.argv[0] if sys.argv else "zeelandnet-desktop"])
    QApplication.setDesktopFileName(DESKTOP_ID)  # the Wayland app id: docks find our icon
    install_qt_message_handler()
    install_excepthook(paths.log_file, _show_error_dialog)
    _quit_on_termination_signals(qt_app)

    # Feeds are parsed on worker threads; with Python's default 5 ms switch interval a busy
    # worker kept the GUI thread waiting for the interpreter lock long enough to be felt
    # (scrolling, typing) during a refresh round. 1 ms hands it back sooner.
    sys.setswitchinterval(0.001)
    from .shell import Shell

    shell = Shell(qt_app, paths, options)
    shell.start()
    code = qt_app.exec()
    shell.shut_down()
    log.info("Stopped (exit code %d)", code)
    lock.release()
    return int(code)


def _quit_on_termination_signals(qt_app: QCoreApplication) -> None:
    """SIGTERM (logout, `kill`) and Ctrl+C quit through Qt, so the window state is saved.

    Python runs signal handlers only between bytecodes, and Qt's event loop is C++: the wake-up
    fd makes the signal readable on a socket that Qt watches, so no polling timer is needed.
    """
    import signal
    import socket

    from PySide6.QtCore import QSocketNotifier

    if sys.platform == "win32":
        return
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, qt_app)

    def drain() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)

    notifier.activated.connect(drain)
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda signum, _frame: _quit_for_signal(qt_app, signum))
    _keep_alive.extend((reader, writer, notifier))


def _quit_for_signal(qt_app: QCoreApplication, signum: int) -> None:
    log.info("Quitting on signal %d", signum)
    qt_app.setProperty("quitBySignal", True)  # the shell stays silent: the session is ending
    qt_app.quit()


def _show_error_dialog(summary: str, log_file: Path) -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None:
        return
    translate = QCoreApplication.translate
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME,
                      translate("ErrorDialog", "Something went wrong in ZeelandNet Desktop."))
    box.setInformativeText(
        translate("ErrorDialog", "The details are in the log file:\n%1").replace("%1",
                                                                            str(log_file))
    )
    box.setDetailedText(summary)
    box.exec()
