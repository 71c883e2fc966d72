"""Instellingen's pages, registered by the features that own them (as Picard's option pages)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtWidgets import QWidget


class SettingsPage(Protocol):
    """A page writes its values to the settings when the dialog is accepted, and only then."""

    def apply(self) -> None: ...


PageFactory = Callable[[QWidget], QWidget]  # parent -> a page widget with apply()


class SettingsPages:
    """Page factories in their order; a feature registers its page once when it attaches."""

    def __init__(self) -> None:
        self._factories: dict[str, tuple[int, PageFactory]] = {}

    def register(self, name: str, order: int, factory: PageFactory) -> None:
        self._factories[name] = (order, factory)

    def factories(self) -> list[PageFactory]:
        return [factory for _order, factory in sorted(self._factories.values(),
                                                     key=lambda entry: entry[0])]
