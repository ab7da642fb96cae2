"""Unknot's one visual language (docs/visual-language.md): a type scale, spacing steps and one
accent hue, applied to every pane and dialog from here.

Sizes are multiples of the system's font, never fixed pixels, so the window follows the person's
own font size and scaling. The accent is a calm blue-violet; there are no severity colours
(DESIGN §6). `install(app)` is called once by app/main.py; `apply_palette(app, palette)` swaps the
palette (the system's, or `dark_palette()` in tests) and derives the accent for it.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QLayout, QWidget

# --- type scale: multiples of the system font's size -----------------------------------------

BODY = 1.0
SMALL = 0.9
TITLE = 1.2
PAGE_TITLE = 1.45

# --- spacing steps: multiples of the font's height (4/8/12/16/24 px at a 16 px line) ----------

STEP_XS = 0.25
STEP_S = 0.5
STEP_M = 0.75
STEP_L = 1.0
STEP_XL = 1.5

# --- the one accent hue: blue-violet, a light and a dark tone ----------------------------------

ACCENT_ON_LIGHT = QColor("#4a4a9c")  # 7.6:1 on white
ACCENT_ON_DARK = QColor("#b4b4f0")  # 8.2:1 on #202124


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def accent(palette: QPalette | None = None) -> QColor:
    """The accent tone that reads on this palette's window and base colours."""
    palette = palette if palette is not None else QGuiApplication.palette()
    # A copy by its name: QColor(QColor) would build PySide's whole `Qt` namespace on the way
    # to the first screen (it tries Qt.GlobalColor first; see app/widgets/early_qt.py).
    return QColor((ACCENT_ON_DARK if is_dark(palette) else ACCENT_ON_LIGHT).name())


def spacing(widget: QWidget, step: float) -> int:
    """A spacing step in pixels for this widget's font (STEP_S → 8 px at a 16 px line)."""
    return max(1, round(widget.fontMetrics().height() * step))


def set_margins(layout: QLayout, widget: QWidget, step: float = STEP_M,
                between: float = STEP_S) -> None:
    """A layout's margins and spacing from the scale."""
    margin = spacing(widget, step)
    layout.setContentsMargins(margin, margin, margin, margin)
    layout.setSpacing(spacing(widget, between))


def scaled_font(widget: QWidget, factor: float, *, bold: bool = False,
                italic: bool | None = None) -> QFont:
    """The widget's font at `factor` of its size (a step of the type scale)."""
    return scaled_font_of(widget.font(), factor, bold=bold, italic=italic)


def scaled_font_of(base: QFont, factor: float, *, bold: bool = False,
                   italic: bool | None = None) -> QFont:
    font = QFont(base)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    else:
        font.setPixelSize(max(1, round(font.pixelSize() * factor)))
    if bold:
        font.setWeight(QFont.Weight.DemiBold)
    if italic is not None:
        font.setItalic(italic)
    return font


def page_title(label: QLabel) -> QLabel:
    """The one heading of a page (Timeline, the lock screen, first run)."""
    label.setFont(scaled_font(label, PAGE_TITLE, bold=True))
    label.setWordWrap(True)
    return label


def title(label: QLabel) -> QLabel:
    """A section's or a card's title."""
    label.setFont(scaled_font(label, TITLE, bold=True))
    label.setWordWrap(True)
    return label


def small(label: QLabel) -> QLabel:
    """Notes and captions: a little smaller, never lighter than the text's own colour."""
    label.setFont(scaled_font(label, SMALL))
    label.setWordWrap(True)
    return label


# --- palettes ----------------------------------------------------------------------------------


def dark_palette() -> QPalette:
    """A dark palette, built whole (for tests, and for people whose desktop gives none)."""
    p = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    colours = {
        role.Window: "#202124", role.WindowText: "#e8e8ec", role.Base: "#17181a",
        role.AlternateBase: "#26272b", role.Text: "#e8e8ec", role.Button: "#2c2d31",
        role.ButtonText: "#e8e8ec", role.BrightText: "#ffffff", role.ToolTipBase: "#2c2d31",
        role.ToolTipText: "#e8e8ec", role.PlaceholderText: "#a4a4ac", role.Light: "#3a3b40",
        role.Midlight: "#323338", role.Mid: "#6e6f78", role.Dark: "#111214",
        role.Shadow: "#000000",
    }
    for which, name in colours.items():
        p.setColor(which, QColor(name))
    for which, name in {role.WindowText: "#8a8a92", role.Text: "#8a8a92",
                        role.ButtonText: "#8a8a92"}.items():
        p.setColor(group.Disabled, which, QColor(name))
    return p


def apply_palette(app: QApplication, palette: QPalette | None = None) -> QPalette:
    """The given palette (or the system's) with the accent as its highlight and links, and
    placeholders dark enough to read (4.5:1). Installed on the application."""
    # app.palette() is a copy already; QPalette(QPalette) would build PySide's `Qt` namespace
    # before the first screen (see app/widgets/early_qt.py).
    palette = QPalette(palette) if palette is not None else app.palette()
    tone = accent(palette)
    dark = is_dark(palette)
    role = QPalette.ColorRole
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, role.Highlight, tone)
        palette.setColor(group, role.HighlightedText, QColor("#17181a" if dark else "#ffffff"))
        palette.setColor(group, role.Link, tone)
        palette.setColor(group, role.LinkVisited, tone)
        palette.setColor(group, role.Accent, tone)
        text = palette.color(group, role.Text)
        base = palette.color(group, role.Base)
        palette.setColor(group, role.PlaceholderText, _mix(text, base, 0.62))
    app.setPalette(palette)
    app.setStyleSheet(style_sheet(palette))
    return palette


def _mix(front: QColor, back: QColor, amount: float) -> QColor:
    """`amount` of `front` over `back`, opaque."""
    return QColor(round(front.red() * amount + back.red() * (1 - amount)),
                  round(front.green() * amount + back.green() * (1 - amount)),
                  round(front.blue() * amount + back.blue() * (1 - amount)))


def style_sheet(palette: QPalette) -> str:
    """The application's small style sheet: only what the palette cannot say (notices and the
    article's quotes get a rule in the accent). Colours come from the palette, so it holds in
    light and dark alike."""
    tone = accent(palette).name()
    return (
        f"QLabel#saveNotice, QLabel[notice=\"true\"] {{ border: 1px solid {tone}; "
        "border-radius: 4px; padding: 6px; }\n"
        f"QFrame#articleQuote {{ border: none; border-left: 3px solid {tone}; "
        "padding-left: 10px; margin-left: 4px; }\n"
    )


def install(app: QApplication) -> None:
    """Once, before any window: the accent in the system's palette and the style sheet."""
    apply_palette(app)
