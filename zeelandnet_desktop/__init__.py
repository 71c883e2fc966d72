"""ZeelandNet Desktop: the ZeelandNet portal's news and webmail in one calm desktop window."""

__version__ = "0.1.0"

APP_NAME = "ZeelandNet Desktop"
# Used for QSettings, folder names and the single-instance socket; never change once released.
APP_ID = "zeelandnet-desktop"
ORG_NAME = "ZeelandNet Desktop"
ORG_DOMAIN = "zeelandnet-desktop.invalid"
