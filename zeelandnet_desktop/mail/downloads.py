"""Download file names: safe, and never overwriting a file that is already there."""

from __future__ import annotations

import re
from collections.abc import Container
from pathlib import Path

_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')


def safe_file_name(suggested: str) -> str:
    """A bare file name from what a server suggested: no folders, no control characters, and
    nothing Windows refuses, so an attachment can never be written outside the download folder."""
    name = suggested.replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("_", name).strip().strip(".")
    return name or "download"


def unique_path(folder: Path, suggested: str, reserved: Container[Path] = ()) -> Path:
    """`folder/name`, or `name (1).ext`, `name (2).ext`, … when taken on disk or `reserved`
    (downloads still running that have claimed a name but not written it yet)."""
    name = safe_file_name(suggested)
    stem, dot, ext = _split_ext(name)  # safe_file_name leaves no leading dot
    candidate = folder / name
    number = 1
    while candidate.exists() or candidate in reserved:
        candidate = folder / f"{stem} ({number}){dot}{ext}"
        number += 1
    return candidate


def _split_ext(name: str) -> tuple[str, str, str]:
    # "report.tar.gz" keeps ".tar.gz" together so the copy is "report (1).tar.gz".
    lowered = name.lower()
    for double in (".tar.gz", ".tar.bz2", ".tar.xz"):
        if lowered.endswith(double) and len(name) > len(double):
            return name[: -len(double)], ".", name[-len(double) + 1:]
    stem, dot, ext = name.rpartition(".")
    if not stem:
        return name, "", ""
    return stem, dot, ext
