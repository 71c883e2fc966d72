"""ZeelandNet Desktop: the ZeelandNet portal's news and webmail in one calm desktop window."""

__version__ = "0.1.0"

APP_NAME = "ZeelandNet Desktop"
# Used for QSettings, folder names and the single-instance socket; never change once released.
APP_ID = "zeelandnet-desktop"
ORG_NAME = "ZeelandNet Desktop"
ORG_DOMAIN = "zeelandnet-desktop.invalid"
# The reverse-DNS id the desktop knows the app by: the Linux desktop file (and so the Wayland app
# id), the AppStream metainfo, the macOS bundle id and the macOS LaunchAgent label.
DESKTOP_ID = "nl.zeelandnet.desktop"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for the translations (lupdate finds calls by this name) without translating
    it: the caller translates it in `context` when it is shown. Here, so Qt-free modules can
    mark their words too."""
    return text
