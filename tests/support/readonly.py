"""A folder made read-only for real (a read-only bind mount): as root, chmod alone does not stop
writes (TESTING.md), and a read-only disk is what users meet."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import require_service


def can_mount() -> bool:
    return os.geteuid() == 0 and Path("/bin/mount").exists()


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    """`folder`, read-only while the block runs (skipped locally where mounting is not allowed;
    in CI that is a failure)."""
    require_service(can_mount(), "a read-only bind mount (root and mount)")
    subprocess.run(["mount", "--bind", str(folder), str(folder)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], check=True)
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)
