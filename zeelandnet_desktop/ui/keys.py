"""Keys that work on Linux, Windows and macOS.

Qt's standard keys depend on the platform theme: Preferences (Ctrl+,) exists only on macOS,
FullScreen is empty on a Linux desktop without a KDE or GNOME theme, Quit on Windows. So an
action gets its explicit keys, plus the platform's own where it has one; a sequence given twice
would make the shortcut ambiguous (then Qt triggers neither), so each is kept once. The
platform's own key comes first, so the menus show the key people there know; "Ctrl" is Cmd on a
Mac, as Mac users expect.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

StandardKey = QKeySequence.StandardKey
KeySpec = str | QKeySequence.StandardKey


_MODIFIER_NAMES = ("Ctrl+", "Alt+", "Meta+")  # as PortableText spells them


def sequences(*specs: KeySpec, modified: bool = False) -> list[QKeySequence]:
    """Each key once, the first given first (the one menus show); a standard key is the one
    this platform binds first to it (possibly none). `modified`: only keys with Ctrl, Alt or
    Cmd (a page's Back must not be Backspace, which deletes a letter in a mail)."""
    found: dict[str, QKeySequence] = {}
    for spec in specs:
        sequence = QKeySequence(spec)
        text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
        if not text or text in found:
            continue
        if modified and not any(name in text for name in _MODIFIER_NAMES):
            continue
        found[text] = sequence
    return list(found.values())


# The keys of the actions: the platform's standard (where it has one), then ours for all three.
SETTINGS: tuple[KeySpec, ...] = (StandardKey.Preferences, "Ctrl+,")
QUIT: tuple[KeySpec, ...] = (StandardKey.Quit, "Ctrl+Q")
FULL_SCREEN: tuple[KeySpec, ...] = (StandardKey.FullScreen, "F11")
# Windows and Linux users press F5 whatever the platform's standard says, browser users Ctrl+R.
REFRESH: tuple[KeySpec, ...] = (StandardKey.Refresh, "F5", "Ctrl+R")
SHOW_NEWS: tuple[KeySpec, ...] = ("Ctrl+1",)
SHOW_WEBMAIL: tuple[KeySpec, ...] = ("Ctrl+2",)
BIGGER: tuple[KeySpec, ...] = (StandardKey.ZoomIn, "Ctrl++", "Ctrl+=")
SMALLER: tuple[KeySpec, ...] = (StandardKey.ZoomOut, "Ctrl+-")
NORMAL_SIZE: tuple[KeySpec, ...] = ("Ctrl+0",)
HELP: tuple[KeySpec, ...] = (StandardKey.HelpContents, "F1")
BACK: tuple[KeySpec, ...] = (StandardKey.Back, "Alt+Left")
FORWARD: tuple[KeySpec, ...] = (StandardKey.Forward, "Alt+Right")
FIND: tuple[KeySpec, ...] = (StandardKey.Find, "Ctrl+F")
PRINT: tuple[KeySpec, ...] = (StandardKey.Print, "Ctrl+P")
