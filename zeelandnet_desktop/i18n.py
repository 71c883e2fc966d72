"""Which language the app speaks, and the translators that make it so: the one rule for the
window and the command line alike — the user's setting, else the system's language when the app
speaks it, else Dutch.

Source strings are English; Dutch comes from resources/translations/zeelandnet_desktop_nl.qm,
built from the .ts file by `make` (tools/build_translations.py). Qt's own strings (dialog buttons)
come from the qtbase translation that ships with PySide6.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from .assets import resource_path
from .system.paths import AppPaths

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication, QTranslator

log = logging.getLogger(__name__)

LANGUAGES = ("nl", "en")
_installed: list[QTranslator] = []
_cli_translators: list[QTranslator] = []
_current = "en"


def current_language() -> str:
    """The language the interface speaks now (for text built outside tr(), like relative times)."""
    return _current


def system_language() -> str | None:
    """The first of the system's preferred languages that the app speaks, or None."""
    from PySide6.QtCore import QLocale

    for name in QLocale.system().uiLanguages():
        code = name.lower()[:2]
        if code in LANGUAGES:
            return code
    return None


def resolve_language(preference: str) -> str:
    """The setting (system / nl / en) as the language to use: Dutch when the system speaks a
    language the app does not."""
    if preference in LANGUAGES:
        return preference
    return system_language() or "nl"


def cli_language(paths: AppPaths) -> str:
    """The language for command-line output: the user's choice in settings, else the system's."""
    from . import settings

    return resolve_language(settings.Settings(paths.settings_file).get(settings.LANGUAGE))


def cli_translate(language: str) -> Callable[[str, str], str]:
    """translate(context, text) for output without a window: the same .qm as the window's,
    read by a QTranslator that is not installed in any application."""
    if language == "en":
        return lambda _context, text: text
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    qm = resource_path("translations", f"zeelandnet_desktop_{language}.qm")
    if not translator.load(str(qm)):
        log.warning("No translation file for %r at %s; English output", language, qm)
        return lambda _context, text: text
    _cli_translators.append(translator)  # the callable below needs it alive
    return lambda context, text: translator.translate(context, text) or text


def install_translators(app: QCoreApplication, language: str) -> None:
    """Replace the installed translators with those for `language` (widgets get LanguageChange)."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    global _current
    _current = language
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language == "en":
        return
    ours = QTranslator(app)
    qm = resource_path("translations", f"zeelandnet_desktop_{language}.qm")
    if ours.load(str(qm)):
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        log.warning("No translation file for %r at %s; the interface stays English", language, qm)
    qt_translator = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_translator.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_translator)
        _installed.append(qt_translator)
