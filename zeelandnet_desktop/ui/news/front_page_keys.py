"""The keyboard's way through the Voorpagina: story by story (Up, Down, Tab, J and K), part by
part (Left, Right: the previous or next block), to the ends (Home, End), and back to the story
opened last."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from .front_page_blocks import Part
from .front_page_items import StoryButton


class StoryKeys:
    """Mixed into the page, which says what its parts are."""

    opened: tuple[str, str] | None = None  # the story opened last (id, kind)

    def parts(self) -> list[Part]:
        """The parts shown, in reading order."""
        raise NotImplementedError

    def buttons(self) -> list[StoryButton]:
        """Every button shown, in the order the keys go."""
        return [b for part in self.parts() for b in part.buttons()]

    def move_focus(self, button: StoryButton, step: int, by_part: bool) -> None:
        if by_part:
            parts = self.parts()
            here = next((i for i, p in enumerate(parts) if p.isAncestorOf(button)), 0)
            there = max(0, min(len(parts) - 1, here + step))
            targets = parts[there].buttons()
            target = targets[0] if targets else None
        else:
            buttons = self.buttons()
            here = buttons.index(button) if button in buttons else 0
            target = buttons[max(0, min(len(buttons) - 1, here + step))] if buttons else None
        if target is not None:
            target.setFocus(Qt.FocusReason.TabFocusReason)

    def step(self, step: int) -> None:
        """The next (1) or previous (-1) story from the one with the focus (J and K)."""
        focused = QApplication.focusWidget()
        if isinstance(focused, StoryButton) and focused in self.buttons():
            self.move_focus(focused, step, False)
        else:
            self.focus_first()

    def focused_story(self) -> tuple[str, str] | None:
        """(article id, kind) of the story with the keyboard's focus."""
        widget = QApplication.focusWidget()
        if isinstance(widget, StoryButton) and widget.article is not None:
            return widget.article.id, widget.kind
        return None

    def focus_story(self, story: tuple[str, str] | None) -> bool:
        """The keyboard's place back on `story` (id, kind) — the same line of "Net binnen" or
        the same block's story — or on the first story when it is not on the page now."""
        buttons = self.buttons()
        same = [b for b in buttons if story and b.article is not None
                and b.article.id == story[0]]
        same.sort(key=lambda b: story is not None and b.kind != story[1])
        target = same[0] if same else (buttons[0] if buttons else None)
        if target is None:
            return False
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def focus_first(self) -> bool:
        return self.focus_story(None)
