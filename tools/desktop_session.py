"""Run a command inside a private desktop: Xvfb, plus the tray watcher, a notification daemon,
a Secret Service and the accessibility bus (AT-SPI) on the session bus that `dbus-run-session`
gave us.

    dbus-run-session -- python tools/desktop_session.py -- pytest -m desktop

Sets DISPLAY, QT_QPA_PLATFORM=xcb and ZND_DESKTOP_PASS=1 for the command, and ZND_SERVICES to
the services that started (tests check it and skip locally, or fail in CI, when one is missing).
Everything started here is stopped when the command ends.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KEYRING_PASSWORD = b"desktop-session-test"  # a throw-away keyring in a temp dir


def start_xvfb(env: dict[str, str]) -> subprocess.Popen[bytes]:
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    if not number:
        raise SystemExit("desktop_session: Xvfb did not start")
    env["DISPLAY"] = f":{number}"
    return xvfb


def wait_for_bus_name(name: str, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        probe = subprocess.run(
            ["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
             "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", f"string:{name}"],
            capture_output=True, text=True,
        )
        if "boolean true" in probe.stdout:
            return True
        time.sleep(0.05)
    return False


def accessibility_bus_launcher() -> str | None:
    """at-spi-bus-launcher (Debian at-spi2-core keeps it in libexec, off the PATH)."""
    for folder in ("/usr/libexec", "/usr/lib/at-spi2-core", "/usr/lib/at-spi2"):
        candidate = Path(folder) / "at-spi-bus-launcher"
        if candidate.is_file():
            return str(candidate)
    return shutil.which("at-spi-bus-launcher")


def main(argv: list[str]) -> int:
    if "--" in argv:
        argv = argv[argv.index("--") + 1:]
    if not argv:
        print(__doc__)
        return 2
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        print("desktop_session: run me under dbus-run-session", file=sys.stderr)
        return 2
    env = dict(os.environ)
    temp = Path(tempfile.mkdtemp(prefix="znd-desktop-"))
    runtime = temp / "runtime"
    runtime.mkdir(mode=0o700)
    env.update(XDG_RUNTIME_DIR=str(runtime), XDG_DATA_HOME=str(temp / "data"),
               XDG_CONFIG_HOME=str(temp / "config"), QT_QPA_PLATFORM="xcb",
               ZND_DESKTOP_PASS="1")
    children: list[subprocess.Popen[bytes]] = [start_xvfb(env)]
    services = ["xvfb"]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env}

    if shutil.which("status-notifier-watcher"):
        children.append(subprocess.Popen(["status-notifier-watcher"], **quiet))
        if wait_for_bus_name("org.kde.StatusNotifierWatcher"):
            services.append("tray")
    if shutil.which("dunst"):
        children.append(subprocess.Popen(["dunst"], **quiet))
        if wait_for_bus_name("org.freedesktop.Notifications"):
            services.append("notifications")
    if shutil.which("gnome-keyring-daemon"):
        keyring = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
            stdin=subprocess.PIPE, **quiet,
        )
        assert keyring.stdin is not None
        keyring.stdin.write(KEYRING_PASSWORD)
        keyring.stdin.close()
        children.append(keyring)
        if wait_for_bus_name("org.freedesktop.secrets"):
            services.append("secrets")
    launcher = accessibility_bus_launcher()
    if launcher:
        # The screen readers' bus: the app registers there when accessibility is on
        # (QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 in the tests that walk its tree).
        children.append(subprocess.Popen([launcher, "--launch-immediately"], **quiet))
        if wait_for_bus_name("org.a11y.Bus"):
            services.append("accessibility")
    env["ZND_SERVICES"] = ",".join(services)
    print(f"desktop_session: DISPLAY={env['DISPLAY']} services={env['ZND_SERVICES']}", flush=True)
    try:
        return subprocess.run(argv, env=env).returncode
    finally:
        for child in reversed(children):
            child.terminate()
        for child in children:
            try:
                child.wait(timeout=5)
            except subprocess.TimeoutExpired:
                child.kill()
        shutil.rmtree(temp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
