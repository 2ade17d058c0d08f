"""Light and dark themes. "System" follows the OS (Qt reports the colour scheme and repaints when
it changes); "Light"/"Dark" ask Qt for that scheme, and where the platform cannot switch (some
Linux desktops, the offscreen platform) the Fusion style with a matching palette does it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

THEMES = ("system", "light", "dark")


def dark_palette() -> QPalette:
    p = QPalette()
    R = QPalette.ColorRole
    window, base, text = QColor(37, 39, 43), QColor(28, 30, 33), QColor(225, 225, 225)
    for role, colour in (
        (R.Window, window),
        (R.WindowText, text),
        (R.Base, base),
        (R.AlternateBase, QColor(44, 47, 52)),
        (R.ToolTipBase, QColor(50, 52, 58)),
        (R.ToolTipText, text),
        (R.PlaceholderText, QColor(140, 140, 140)),
        (R.Text, text),
        (R.Button, QColor(48, 51, 56)),
        (R.ButtonText, text),
        (R.BrightText, QColor(255, 90, 90)),
        (R.Light, QColor(70, 73, 80)),
        (R.Midlight, QColor(58, 61, 67)),
        (R.Mid, QColor(80, 84, 90)),
        (R.Dark, QColor(20, 21, 24)),
        (R.Shadow, QColor(0, 0, 0)),
        (R.Highlight, QColor(42, 110, 200)),
        (R.HighlightedText, QColor(255, 255, 255)),
        (R.Link, QColor(100, 160, 240)),
    ):
        p.setColor(role, colour)
    for role in (R.Text, R.WindowText, R.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(120, 120, 120))
    return p


def is_dark(app: QApplication) -> bool:
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def apply_theme(app: QApplication, theme: str) -> None:
    """Apply "system", "light" or "dark" (anything else counts as "system")."""
    hints = app.styleHints()
    if theme not in ("light", "dark"):
        hints.unsetColorScheme()
        return
    want = Qt.ColorScheme.Dark if theme == "dark" else Qt.ColorScheme.Light
    hints.setColorScheme(want)
    if hints.colorScheme() == want and is_dark(app) == (theme == "dark"):
        return  # the platform switched
    fusion = QStyleFactory.create("Fusion")
    if fusion is not None:
        app.setStyle(fusion)
    app.setPalette(
        dark_palette() if theme == "dark" else fusion.standardPalette() if fusion else QPalette()
    )
