"""Checks that must run before a QApplication exists, because Qt's answer would be an abort."""

from __future__ import annotations

import logging
import os
import re
import sys

log = logging.getLogger(__name__)

# Platforms that need no display server.
_HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vkkhrdisplay")


def display_problem(environ: os._Environ[str] | dict[str, str] | None = None) -> str | None:
    """Why no window can be shown, or None. Only Linux and the BSDs can lack a display."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None
    platform = env.get("QT_QPA_PLATFORM", "").split(":", 1)[0].split(";", 1)[0].strip()
    if platform.startswith(_HEADLESS_PLATFORMS):
        return None
    wayland = env.get("WAYLAND_DISPLAY")
    x_display = env.get("DISPLAY")
    if platform.startswith("wayland"):
        return None if wayland else "WAYLAND_DISPLAY is not set"
    if not platform and wayland:
        return None
    if not x_display:
        if platform == "xcb":
            return "DISPLAY is not set"
        return "DISPLAY and WAYLAND_DISPLAY are not set"
    if not _x_server_answers(x_display):
        return f"the X server {x_display} does not answer"
    return None


def _x_server_answers(display: str) -> bool:
    """Connect with libxcb the way Qt will; if libxcb is missing, let Qt report it."""
    local = re.fullmatch(r":(\d+)(\.\d+)?", display)
    if local and os.path.exists(f"/tmp/.X11-unix/X{local.group(1)}"):
        return True  # a local server's socket: cheaper than loading libxcb on every start
    import ctypes

    try:
        # The soname directly: ctypes.util.find_library would run ldconfig on every start.
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return True
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        return bool(connection) and xcb.xcb_connection_has_error(connection) == 0
    finally:
        if connection:
            xcb.xcb_disconnect(connection)


def no_display_message(reason: str, language: str) -> str:
    if language == "nl":
        return (f"zeelandnet-desktop: geen beeldscherm beschikbaar ({reason}); "
                "start de app vanuit een grafische sessie.")
    return (f"zeelandnet-desktop: no display available ({reason}); "
            "start the app from a graphical session.")


def instance_busy_message(language: str) -> str:
    if language == "nl":
        return ("zeelandnet-desktop: ZeelandNet Desktop draait al, maar reageert niet. "
                "Sluit het af (of herstart de computer) en probeer het opnieuw.")
    return ("zeelandnet-desktop: ZeelandNet Desktop is already running but does not respond. "
            "Quit it (or restart the computer) and try again.")


def running_as_root() -> bool:
    getuid = getattr(os, "geteuid", None)
    return sys.platform.startswith("linux") and getuid is not None and getuid() == 0


def disable_webengine_sandbox_if_root() -> bool:
    """Chromium refuses to start as root with its sandbox and takes the whole process down.

    Only then, and only on Linux, the app switches the sandbox off itself, and says so.
    """
    if not running_as_root():
        return False
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    if "--no-sandbox" not in flags.split():
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = f"{flags} --no-sandbox".strip()
    log.warning("Running as root: the web view's sandbox is switched off (--no-sandbox). "
                "Run ZeelandNet Desktop as a normal user for full protection.")
    return True
