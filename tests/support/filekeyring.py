"""A stand-in for the OS keyring for the real app run as a separate process in the offscreen
pass (and the benchmarks), where no Secret Service runs: one JSON file named by
ZND_TEST_KEYRING, pinned with PYTHON_KEYRING_BACKEND=tests.support.filekeyring.FileKeyring.
The desktop pass uses the real gnome-keyring instead.

Viable only while ZND_TEST_KEYRING is set, so keyring's own discovery never picks it anywhere
else. The file holds a password a test made at run time, in the test's tmp dir.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from jaraco.classes import properties
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

VARIABLE = "ZND_TEST_KEYRING"
BACKEND = "tests.support.filekeyring.FileKeyring"


def write_keyring(path: Path, entries: dict[tuple[str, str], str]) -> dict[str, str]:
    """Make the file with these (service, user name) → password entries; the environment a
    process needs to use it."""
    data: dict[str, dict[str, str]] = {}
    for (service, username), password in entries.items():
        data.setdefault(service, {})[username] = password
    path.write_text(json.dumps(data), encoding="utf-8")
    path.chmod(0o600)
    return {"PYTHON_KEYRING_BACKEND": BACKEND, VARIABLE: str(path)}


class FileKeyring(KeyringBackend):
    @properties.classproperty
    def priority(cls) -> float:
        if not os.environ.get(VARIABLE):
            raise RuntimeError("a test stand-in: only where ZND_TEST_KEYRING names its file")
        return 0.1

    def _path(self) -> Path:
        return Path(os.environ[VARIABLE])

    def _read(self) -> dict[str, dict[str, str]]:
        path = self._path()
        data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        return data if isinstance(data, dict) else {}

    def _write(self, data: dict[str, dict[str, str]]) -> None:
        self._path().write_text(json.dumps(data), encoding="utf-8")

    def get_password(self, service: str, username: str) -> str | None:
        return self._read().get(service, {}).get(username)

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._read()
        data.setdefault(service, {})[username] = password
        self._write(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._read()
        if data.get(service, {}).pop(username, None) is None:
            raise PasswordDeleteError("no such entry")
        self._write(data)
