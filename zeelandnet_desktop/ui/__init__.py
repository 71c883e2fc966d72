
# The name Qt adds to every window title (QGuiApplication.setApplicationDisplayName), which the
# tray, the task bar and screen readers say: a title that ends with it gets it once, not twice.
DISPLAY_NAME = "ZeelandNet"
