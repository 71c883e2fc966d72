"""The lighter PySide6 import check answers as PySide6's own does and keeps no source text."""

from __future__ import annotations

import importlib
import importlib.util
import json
import linecache
import sys
from pathlib import Path
from types import ModuleType

import pytest

from zeelandnet_desktop.system import pyside_imports


def _module_from(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_same_answer_as_pyside6_for_modules_with_and_without_it(tmp_path: Path) -> None:
    asked: list[str] = []

    def original(module: ModuleType) -> bool:
        asked.append(module.__name__)
        return False

    check = pyside_imports.lighter_check(original)
    uses = tmp_path / "uses_qt.py"
    uses.write_text("from PySide6.QtCore import QObject\n", encoding="utf-8")
    plain = tmp_path / "plain.py"
    plain.write_text("VALUE = 1\n", encoding="utf-8")

    assert check(_module_from(uses, "uses_qt")) is True
    assert check(_module_from(plain, "plain")) is False
    assert check(json) is False
    assert asked == []  # plain .py files are read here, not handed on
    assert check(sys) is False  # a built-in: PySide6's own check answers
    assert asked == ["sys"]


def test_a_file_that_went_away_is_handed_to_pyside6(tmp_path: Path) -> None:
    gone = tmp_path / "gone.py"
    gone.write_text("X = 1\n", encoding="utf-8")
    module = _module_from(gone, "gone")
    gone.unlink()
    check = pyside_imports.lighter_check(lambda _module: True)
    assert check(module) is True


def test_modules_imported_afterwards_leave_no_source_in_memory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert pyside_imports.lighten() is True
    assert pyside_imports.lighten() is True  # a second call changes nothing
    source = tmp_path / "imported_after_pyside.py"
    source.write_text("from PySide6 import QtCore\nVALUE = 2\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    linecache.clearcache()

    module = importlib.import_module("imported_after_pyside")
    feature = sys.modules["shibokensupport.feature"]
    feature.feature_imported(module)  # what PySide6's import hook does after each import

    assert module.VALUE == 2
    assert str(source) not in linecache.cache
    assert feature.pyside_feature_dict["imported_after_pyside"] == 0  # "uses PySide6"
