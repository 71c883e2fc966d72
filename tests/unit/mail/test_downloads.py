"""Download names: no path tricks, never overwriting."""

from __future__ import annotations

from pathlib import Path

import pytest

from zeelandnet_desktop.mail.downloads import safe_file_name, unique_path


@pytest.mark.parametrize(("suggested", "expected"), [
    ("naam.pdf", "naam.pdf"),
    ("../../etc/passwd", "passwd"),
    ("..\\..\\boot.ini", "boot.ini"),
    ("a:b*c?.txt", "a_b_c_.txt"),
    ("...", "download"),
    ("", "download"),
    (".bashrc", "bashrc"),
])
def test_safe_file_name(suggested: str, expected: str) -> None:
    assert safe_file_name(suggested) == expected


def test_unique_path_never_overwrites(tmp_path: Path) -> None:
    assert unique_path(tmp_path, "naam.pdf") == tmp_path / "naam.pdf"
    (tmp_path / "naam.pdf").write_bytes(b"1")
    assert unique_path(tmp_path, "naam.pdf") == tmp_path / "naam (1).pdf"
    (tmp_path / "naam (1).pdf").write_bytes(b"2")
    assert unique_path(tmp_path, "naam.pdf") == tmp_path / "naam (2).pdf"


def test_unique_path_respects_reserved_names(tmp_path: Path) -> None:
    reserved = {tmp_path / "x.pdf", tmp_path / "x (1).pdf"}
    assert unique_path(tmp_path, "x.pdf", reserved) == tmp_path / "x (2).pdf"


def test_unique_path_keeps_double_extensions_and_bare_names(tmp_path: Path) -> None:
    (tmp_path / "backup.tar.gz").write_bytes(b"")
    (tmp_path / "README").write_bytes(b"")
    assert unique_path(tmp_path, "backup.tar.gz").name == "backup (1).tar.gz"
    assert unique_path(tmp_path, "README").name == "README (1)"
