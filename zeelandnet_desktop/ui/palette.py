"""Colours that can be read: the light and the dark palette, text contrast of at least 4.5:1
(WCAG AA) for every pair of roles the app draws text with, and the few colours derived from a
palette (muted text, an error, the focus outline).

Every colour the app shows comes from the application palette; nothing here is a fixed colour
in a widget. A palette from the system is kept as it is where it is readable and only the
failing roles are moved, lighter or darker, until they are.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

TEXT_CONTRAST = 4.5  # WCAG 2 AA for body text
OUTLINE_CONTRAST = 3.0  # WCAG 2 AA for a focus outline against what surrounds it
_TARGET = 4.6  # a little above, so rounding to whole 8-bit channels never falls below

Role = QPalette.ColorRole
Group = QPalette.ColorGroup
GROUPS = (Group.Active, Group.Inactive)
# (text, the backgrounds it is drawn on). Placeholder text is the app's muted text: the lead and
# the source in the list, dates, hints in empty fields.
TEXT_PAIRS: tuple[tuple[QPalette.ColorRole, tuple[QPalette.ColorRole, ...]], ...] = (
    (Role.Text, (Role.Base, Role.AlternateBase)),
    (Role.WindowText, (Role.Window,)),
    (Role.ButtonText, (Role.Button,)),
    (Role.PlaceholderText, (Role.Base, Role.AlternateBase, Role.Window)),
    (Role.Link, (Role.Base, Role.Window)),
    (Role.LinkVisited, (Role.Base, Role.Window)),
    (Role.ToolTipText, (Role.ToolTipBase,)),
)


def luminance(color: QColor) -> float:
    """Relative luminance (WCAG 2) of an opaque colour."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF())
            + 0.0722 * channel(color.blueF()))


def over(color: QColor, background: QColor) -> QColor:
    """`color` as it shows on `background` (a translucent colour made opaque)."""
    alpha = color.alphaF()
    if alpha >= 1.0:
        return QColor(color)
    return QColor.fromRgbF(color.redF() * alpha + background.redF() * (1 - alpha),
                           color.greenF() * alpha + background.greenF() * (1 - alpha),
                           color.blueF() * alpha + background.blueF() * (1 - alpha))


def contrast(foreground: QColor, background: QColor) -> float:
    """The contrast ratio of text in `foreground` on `background` (1 to 21)."""
    front, back = luminance(over(foreground, background)), luminance(background)
    light, dark = max(front, back), min(front, back)
    return (light + 0.05) / (dark + 0.05)


def is_dark(palette: QPalette) -> bool:
    return luminance(palette.color(Role.Window)) < luminance(palette.color(Role.WindowText))


def readable_on(color: QColor, background: QColor, ratio: float = _TARGET) -> QColor:
    """`color`, made lighter or darker (away from `background`) until it reaches `ratio`;
    the hue stays, so a link is still blue and an error still red."""
    result = over(color, background)
    if contrast(result, background) >= ratio:
        return result
    darker = luminance(background) > 0.18  # darker text on a light background
    hue, saturation, lightness = result.hslHueF(), result.hslSaturationF(), result.lightnessF()
    step = 0.01
    while 0.0 < lightness < 1.0:
        lightness = max(0.0, lightness - step) if darker else min(1.0, lightness + step)
        result = QColor.fromHslF(max(hue, 0.0), saturation, lightness)
        if contrast(result, background) >= ratio:
            return result
    return QColor("black") if darker else QColor("white")


def readable_palette(palette: QPalette) -> QPalette:
    """The palette with every text role readable on its backgrounds, and the selection
    readable under its text (the selection moves, its text stays white or black)."""
    fixed = QPalette(palette)
    for group in GROUPS:
        for text, backgrounds in TEXT_PAIRS:
            color = fixed.color(group, text)
            for background in backgrounds:
                color = readable_on(color, fixed.color(group, background))
            if color != fixed.color(group, text):
                fixed.setColor(group, text, color)
        selected = fixed.color(group, Role.HighlightedText)
        highlight = readable_on(fixed.color(group, Role.Highlight), selected)
        fixed.setColor(group, Role.Highlight, highlight)
    return fixed


def muted(palette: QPalette) -> QColor:
    """Secondary text (source and time, dates, captions): readable on Base and Window."""
    color = palette.color(Group.Active, Role.PlaceholderText)
    for background in (Role.Base, Role.Window):
        color = readable_on(color, palette.color(Group.Active, background))
    return color


def error_color(palette: QPalette) -> QColor:
    """Red words (a refused address) readable on the window: dark red in light, light red in
    dark."""
    return readable_on(QColor(176, 0, 32), palette.color(Group.Active, Role.Window))


def outline_color(palette: QPalette) -> QColor:
    """The focus outline: the selection colour where it stands out against the window."""
    return readable_on(palette.color(Group.Active, Role.Highlight),
                       palette.color(Group.Active, Role.Window), OUTLINE_CONTRAST + 0.1)


def _fill(palette: QPalette, colors: dict[QPalette.ColorRole, str], disabled: str) -> QPalette:
    for role, name in colors.items():
        palette.setColor(role, QColor(name))
    for role in (Role.WindowText, Role.Text, Role.ButtonText, Role.PlaceholderText):
        palette.setColor(Group.Disabled, role, QColor(disabled))
    return palette


def light_palette() -> QPalette:
    """The light palette the app draws itself where the system cannot give one."""
    return _fill(QPalette(), {
        Role.Window: "#efefef", Role.WindowText: "#1b1b1b", Role.Base: "#ffffff",
        Role.AlternateBase: "#f5f5f5", Role.Text: "#1b1b1b", Role.Button: "#efefef",
        Role.ButtonText: "#1b1b1b", Role.BrightText: "#ffffff", Role.Light: "#ffffff",
        Role.Midlight: "#e3e3e3", Role.Mid: "#b8b8b8", Role.Dark: "#9f9f9f",
        Role.Shadow: "#767676", Role.Highlight: "#1d62a7", Role.HighlightedText: "#ffffff",
        Role.Link: "#0b57a4", Role.LinkVisited: "#6a2fa0", Role.ToolTipBase: "#fff4ce",
        Role.ToolTipText: "#3b2f00", Role.PlaceholderText: "#5f6368", Role.Accent: "#1d62a7",
    }, "#8a8a8a")


def dark_palette() -> QPalette:
    """The dark palette the app draws itself where the system cannot switch (xcb without a
    desktop theme, older systems)."""
    return _fill(QPalette(), {
        # Fields and lists a step lighter than the window, so an empty check box or text field
        # stands out from what is around it (Fusion draws them in Base).
        Role.Window: "#1c1d20", Role.WindowText: "#e8eaed", Role.Base: "#27282c",
        Role.AlternateBase: "#2f3034", Role.Text: "#e8eaed", Role.Button: "#34363a",
        Role.ButtonText: "#e8eaed", Role.BrightText: "#ffffff", Role.Light: "#4a4c51",
        Role.Midlight: "#3c3e42", Role.Mid: "#2a2b2f", Role.Dark: "#141517",
        Role.Shadow: "#000000", Role.Highlight: "#2f6fc7", Role.HighlightedText: "#ffffff",
        Role.Link: "#8ab4f8", Role.LinkVisited: "#c58af9", Role.ToolTipBase: "#3c3520",
        Role.ToolTipText: "#f5e6b8", Role.PlaceholderText: "#a8abb0", Role.Accent: "#8ab4f8",
    }, "#75787d")
