"""Start at login: the XDG entry for real (in a temp XDG_CONFIG_HOME); Windows and macOS by what
they would write through their writer."""

from __future__ import annotations

import configparser
import plistlib
import subprocess
import sys
from pathlib import Path

import pytest

from zeelandnet_desktop import __version__
from zeelandnet_desktop.system import autostart


def read_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_linux_entry_written_and_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    starter = autostart.for_platform("linux")
    assert isinstance(starter, autostart.XdgAutostart)
    assert starter.path == tmp_path / "config" / "autostart" / "zeelandnet-desktop.desktop"
    assert not starter.is_enabled()

    assert autostart.apply(True, starter)
    assert starter.is_enabled()
    entry = read_entry(starter.path)
    assert entry["Type"] == "Application"
    assert entry["Name"] == "ZeelandNet Desktop"
    command = autostart._split_desktop_exec(entry["Exec"])
    assert command[-1] == "--minimized"
    assert list(starter.path.parent.iterdir()) == [starter.path]  # no temp file left behind

    # The Exec line starts this very installation: with --version instead it answers.
    result = subprocess.run([*command[:-1], "--version"], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0 and __version__ in result.stdout

    assert autostart.apply(False, starter)
    assert not starter.is_enabled()
    assert autostart.apply(False, starter)  # off twice is fine


def test_exec_quoting_survives_spaces_and_percent() -> None:
    command = ["/opt/Zeeland Net/bin/python3", "-m", "zeelandnet_desktop", "--feeds",
               "/tmp/100%.json", "--minimized"]
    line = autostart._desktop_exec(command)
    assert line.startswith('"/opt/Zeeland Net/bin/python3" -m')
    assert "100%%.json" in line
    assert autostart._split_desktop_exec(line) == command


@pytest.mark.parametrize(("executable", "argv0", "frozen", "expected"), [
    ("/app/ZeelandNet", "/app/ZeelandNet", True, ["/app/ZeelandNet", "--minimized"]),
    ("/usr/bin/python3", "-m", False,
     ["/usr/bin/python3", "-m", "zeelandnet_desktop", "--minimized"]),
    ("/usr/bin/python3", "/src/zeelandnet_desktop/__main__.py", False,
     ["/usr/bin/python3", "-m", "zeelandnet_desktop", "--minimized"]),
])
def test_launch_command(executable: str, argv0: str, frozen: bool, expected: list[str]) -> None:
    assert autostart.launch_command(executable, argv0, frozen) == expected


def test_launch_command_prefers_the_installed_script(tmp_path: Path) -> None:
    script = tmp_path / "zeelandnet-desktop"
    script.write_text("#!/bin/sh\n")
    assert autostart.launch_command(sys.executable, str(script), False) == [
        str(script), "--minimized"]


class FakeRegistry:
    def __init__(self) -> None:
        self.values: dict[tuple[str, str], str] = {}

    def set_value(self, key: str, name: str, value: str) -> None:
        self.values[(key, name)] = value

    def delete_value(self, key: str, name: str) -> None:
        self.values.pop((key, name), None)

    def get_value(self, key: str, name: str) -> str | None:
        return self.values.get((key, name))


def test_windows_run_key() -> None:
    registry = FakeRegistry()
    command = [r"C:\Program Files\ZeelandNet\ZeelandNet.exe", "--minimized"]
    starter = autostart.WindowsAutostart(command, registry)
    assert not starter.is_enabled()
    assert autostart.apply(True, starter)
    assert registry.values == {
        (r"Software\Microsoft\Windows\CurrentVersion\Run", "ZeelandNet Desktop"):
            r'"C:\Program Files\ZeelandNet\ZeelandNet.exe" --minimized'
    }
    assert starter.is_enabled()
    assert autostart.apply(False, starter)
    assert registry.values == {} and not starter.is_enabled()


class FakeFiles:
    def __init__(self) -> None:
        self.files: dict[Path, bytes] = {}

    def write(self, path: Path, data: bytes) -> None:
        self.files[path] = data

    def remove(self, path: Path) -> None:
        self.files.pop(path, None)

    def exists(self, path: Path) -> bool:
        return path in self.files


def test_macos_launch_agent() -> None:
    files = FakeFiles()
    command = ["/Applications/ZeelandNet.app/Contents/MacOS/ZeelandNet", "--minimized"]
    starter = autostart.MacAutostart(command, Path("/Users/anna"), files)
    assert autostart.apply(True, starter)
    path = Path("/Users/anna/Library/LaunchAgents/nl.zeelandnet.desktop.plist")
    assert list(files.files) == [path]
    plist = plistlib.loads(files.files[path])
    assert plist == {"Label": "nl.zeelandnet.desktop", "ProgramArguments": command,
                     "RunAtLoad": True, "ProcessType": "Interactive"}
    assert autostart.apply(False, starter)
    assert files.files == {}


def test_a_refusing_system_is_reported_not_raised(tmp_path: Path) -> None:
    blocker = tmp_path / "config"
    blocker.write_text("a file where the folder should be")
    starter = autostart.XdgAutostart(["app", "--minimized"], config_home=blocker)
    assert autostart.apply(True, starter) is False
