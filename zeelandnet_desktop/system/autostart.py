"""Start at login ("Starten bij aanmelden"): one small interface, one backend per OS.

- Linux and other XDG desktops: `$XDG_CONFIG_HOME/autostart/zeelandnet-desktop.desktop`.
- Windows: a value in HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run.
- macOS: `~/Library/LaunchAgents/nl.zeelandnet.desktop.plist`.

Each backend writes through a tiny writer object (files, or the registry), so tests check what
the Windows and macOS backends would write without those systems. The command always starts
the app with `--minimized`: at login it belongs in the tray, not in the user's face. No Qt here.
"""

from __future__ import annotations

import logging
import os
import plistlib
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from .. import APP_ID, APP_NAME, DESKTOP_ID

log = logging.getLogger(__name__)

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = "ZeelandNet Desktop"
LAUNCH_AGENT_LABEL = DESKTOP_ID


def launch_command(executable: str | None = None, argv0: str | None = None,
                   frozen: bool | None = None) -> list[str]:
    """How to start this very installation again, with --minimized.

    A frozen build (PyInstaller) is its own executable; an installed entry point (a script
    named like the app) is run as is; anything else (python -m, a source checkout) runs the
    package with the current interpreter.
    """
    executable = executable or sys.executable
    argv0 = sys.argv[0] if argv0 is None else argv0
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    if frozen:
        return [executable, "--minimized"]
    name = Path(argv0).name.lower()
    if name.startswith(APP_ID) and not name.endswith(".py") and Path(argv0).exists():
        return [str(Path(argv0).absolute()), "--minimized"]
    return [executable, "-m", "zeelandnet_desktop", "--minimized"]


class FileWriter(Protocol):
    def write(self, path: Path, data: bytes) -> None: ...
    def remove(self, path: Path) -> None: ...
    def exists(self, path: Path) -> bool: ...


class DiskWriter:
    def write(self, path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(path.name + ".tmp")
        temp.write_bytes(data)
        temp.replace(path)  # never a half-written entry the session would trip over

    def remove(self, path: Path) -> None:
        path.unlink(missing_ok=True)

    def exists(self, path: Path) -> bool:
        return path.exists()


class RegistryWriter(Protocol):
    def set_value(self, key: str, name: str, value: str) -> None: ...
    def delete_value(self, key: str, name: str) -> None: ...
    def get_value(self, key: str, name: str) -> str | None: ...


class WinRegWriter:  # pragma: no cover - runs on Windows only
    def set_value(self, key: str, name: str, value: str) -> None:
        if sys.platform != "win32":  # also tells mypy that winreg exists below
            raise OSError("the Windows registry exists only on Windows")
        import winreg

        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, key) as handle:
            winreg.SetValueEx(handle, name, 0, winreg.REG_SZ, value)

    def delete_value(self, key: str, name: str) -> None:
        if sys.platform != "win32":  # also tells mypy that winreg exists below
            raise OSError("the Windows registry exists only on Windows")
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key, 0, winreg.KEY_SET_VALUE) as h:
                winreg.DeleteValue(h, name)
        except FileNotFoundError:
            pass

    def get_value(self, key: str, name: str) -> str | None:
        if sys.platform != "win32":  # also tells mypy that winreg exists below
            raise OSError("the Windows registry exists only on Windows")
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key) as handle:
                value, _kind = winreg.QueryValueEx(handle, name)
        except FileNotFoundError:
            return None
        return str(value)


class Autostart(Protocol):
    """Start at login, on or off. Errors are OSError; the caller tells the user."""

    def is_enabled(self) -> bool: ...
    def enable(self) -> None: ...
    def disable(self) -> None: ...


class XdgAutostart:
    def __init__(self, command: Sequence[str], config_home: Path | None = None,
                 writer: FileWriter | None = None) -> None:
        self.command = list(command)
        home = config_home or Path(os.environ.get("XDG_CONFIG_HOME") or "~/.config").expanduser()
        self.path = home / "autostart" / f"{APP_ID}.desktop"
        self.writer = writer or DiskWriter()

    def entry(self) -> str:
        return (
            "[Desktop Entry]\n"
            "Type=Application\n"
            f"Name={APP_NAME}\n"
            "Comment=News from Zeeland and your webmail\n"
            "Comment[nl]=Nieuws uit Zeeland en je webmail\n"
            f"Exec={_desktop_exec(self.command)}\n"
            f"Icon={DESKTOP_ID}\n"
            "Terminal=false\n"
            "X-GNOME-Autostart-enabled=true\n"
        )

    def is_enabled(self) -> bool:
        return self.writer.exists(self.path)

    def enable(self) -> None:
        self.writer.write(self.path, self.entry().encode("utf-8"))

    def disable(self) -> None:
        self.writer.remove(self.path)


class WindowsAutostart:
    def __init__(self, command: Sequence[str], registry: RegistryWriter | None = None) -> None:
        self.command = list(command)
        self.registry = registry or WinRegWriter()

    def value(self) -> str:
        import subprocess

        return subprocess.list2cmdline(self.command)  # Windows' own quoting rules

    def is_enabled(self) -> bool:
        return self.registry.get_value(RUN_KEY, RUN_VALUE) is not None

    def enable(self) -> None:
        self.registry.set_value(RUN_KEY, RUN_VALUE, self.value())

    def disable(self) -> None:
        self.registry.delete_value(RUN_KEY, RUN_VALUE)


class MacAutostart:
    def __init__(self, command: Sequence[str], home: Path | None = None,
                 writer: FileWriter | None = None) -> None:
        self.command = list(command)
        self.path = ((home or Path.home()) / "Library" / "LaunchAgents"
                     / f"{LAUNCH_AGENT_LABEL}.plist")
        self.writer = writer or DiskWriter()

    def plist(self) -> bytes:
        return plistlib.dumps({
            "Label": LAUNCH_AGENT_LABEL,
            "ProgramArguments": self.command,
            "RunAtLoad": True,
            "ProcessType": "Interactive",
        })

    def is_enabled(self) -> bool:
        return self.writer.exists(self.path)

    def enable(self) -> None:
        self.writer.write(self.path, self.plist())

    def disable(self) -> None:
        self.writer.remove(self.path)


def for_platform(platform: str | None = None, command: Sequence[str] | None = None) -> Autostart:
    platform = platform or sys.platform
    command = list(command) if command is not None else launch_command()
    if platform == "win32":
        return WindowsAutostart(command)
    if platform == "darwin":
        return MacAutostart(command)
    return XdgAutostart(command)


def apply(wanted: bool, autostart: Autostart | None = None) -> bool:
    """Make start-at-login match `wanted`; False (and a log line) when the system refused."""
    autostart = autostart or for_platform()
    try:
        if wanted:
            autostart.enable()
        else:
            autostart.disable()
    except OSError as error:
        log.warning("Could not %s start at login: %s", "turn on" if wanted else "turn off", error)
        return False
    log.info("Start at login %s", "on" if wanted else "off")
    return True


def _desktop_exec(command: Sequence[str]) -> str:
    """The Exec key's quoting (Desktop Entry spec): arguments with reserved characters are
    double-quoted with \\, ", ` and $ escaped; a literal % is written %%."""
    reserved = set(' \t\n"\'\\><~|&;$*?#()`')
    parts = []
    for arg in command:
        arg = arg.replace("%", "%%")
        if any(c in reserved for c in arg):
            escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
            arg = f'"{escaped}"'
        parts.append(arg)
    return " ".join(parts)


def _split_desktop_exec(value: str) -> list[str]:
    """For tests: read an Exec line back into arguments."""
    return [part.replace("%%", "%") for part in shlex.split(value)]
