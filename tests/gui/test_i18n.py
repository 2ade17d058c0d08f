"""Languages in the window: switching at run time redraws every visible text, and this test fails
when a visible text of the main window has no Chinese or Russian translation."""

from __future__ import annotations

import re
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QSpinBox,
    QTableWidget,
    QWidget,
)

from rig_monitor.gui.fleet_model import Col
from rig_monitor.gui.main_window import MainWindow
from tests.gui import fault_helpers
from tests.gui.fault_helpers import MakeWindow, fan_stopped, sweeps

fault_window = fault_helpers.fault_window  # the fixture

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

# Words that stay as they are in every language: the product, units, key names, the filter
# syntax typed by operators, language names, and column names of the CSV format.
KEEP = {
    "rig", "monitor", "ctrl", "csv", "th", "ph", "gh", "kw", "mw", "mac", "j", "model", "fault",
    "status", "site", "north", "rack", "row", "col", "address", "english", "s", "ok",
}  # fmt: skip
WORD = re.compile(r"[A-Za-z]{2,}")


def visible_texts(win: MainWindow) -> list[str]:
    """Every text a person can see in the window as it is, plus the menus and table headers.

    Not here: fault titles and evidence (the alert line, the Faults column, fault cards). They
    come from the fault catalogue in resources/faults/, translated there per language."""
    texts: list[str] = []
    for w in [win, *win.findChildren(QWidget)]:
        if w is win.alert_button:
            continue
        if isinstance(w, QMenu):
            texts.append(w.title())
            texts += [a.text() for a in w.actions() if not a.isSeparator()]
            continue
        if not w.isVisible():
            continue
        if isinstance(w, QLabel | QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QDockWidget):
            texts.append(w.windowTitle())
        elif isinstance(w, QComboBox):
            texts.append(w.currentText())
        elif isinstance(w, QSpinBox):
            texts += [w.prefix(), w.suffix()]
        elif isinstance(w, QLineEdit) and not w.text():
            texts.append(w.placeholderText())
        elif isinstance(w, QTableWidget):
            texts += [
                item.text()
                for i in range(w.columnCount())
                if (item := w.horizontalHeaderItem(i)) is not None
            ]
    texts += [win.tabs.tabText(i) for i in range(win.tabs.count())]
    header = win.table.horizontalHeader()
    texts += [
        str(win.model.headerData(c, Qt.Orientation.Horizontal))
        for c in Col
        if not header.isSectionHidden(c)
    ]
    texts += [str(win.proxy.index(r, Col.STATUS).data()) for r in range(win.proxy.rowCount())]
    return [t for t in texts if t]


def english_left(texts: list[str]) -> list[str]:
    out = []
    for text in texts:
        plain = re.sub(r"<[^>]+>|&\w|\(&\w\)", " ", text)  # markup and menu accelerators
        plain = re.sub(r"\b\d+(\.\d+){1,3}(/\d+|-\d+|:\d+)?\b", " ", plain)  # addresses
        plain = re.sub(r"\b[a-z]+:\w+", " ", plain)  # filter syntax examples: model:S19
        words = [w for w in WORD.findall(plain) if w.lower() not in KEEP]
        words = [w for w in words if not re.fullmatch(r"S\d+|[A-Z]\d+", w)]  # S19, A03
        if words:
            out.append(text)
    return out


def switch(qtbot: Any, win: MainWindow, lang: str) -> None:
    win.set_language(lang)
    qtbot.waitUntil(lambda: win.language.language == lang, timeout=5000)


@pytest.mark.parametrize("lang", ["zh_CN", "ru"])
def test_every_visible_text_is_translated(qtbot: Any, fault_window: MakeWindow, lang: str) -> None:
    win, _ = fault_window(12, lambda i, s: fan_stopped(s) if i == 3 else s)
    sweeps(qtbot, win, 2)
    assert english_left(visible_texts(win))  # the check sees English when it is there
    switch(qtbot, win, lang)
    assert english_left(visible_texts(win)) == [], english_left(visible_texts(win))
    expected = {"zh_CN": "立即轮询", "ru": "Опросить сейчас"}[lang]
    assert win.poll_button.text() == expected
    # texts the code builds at run time follow too (totals, counts, the engine line)
    sweeps(qtbot, win, 1)
    assert english_left(visible_texts(win)) == []
    assert english_left([win.totals.summary(), win.engine_label.text()]) == []

    switch(qtbot, win, "en")  # and back, at run time
    assert win.poll_button.text() == "Poll now"
    assert win.model.headerData(Col.STATUS, Qt.Orientation.Horizontal) == "Status"
    assert "online" in win.totals.summary()


def test_a_missing_translation_is_caught(qtbot: Any, fault_window: MakeWindow) -> None:
    win, _ = fault_window(2)
    switch(qtbot, win, "zh_CN")
    assert english_left(visible_texts(win)) == []
    win.poll_button.setText("Poll all miners now")  # a new string nobody translated
    assert english_left(visible_texts(win)) == ["Poll all miners now"]
    switch(qtbot, win, "en")  # leave no translator installed for the tests that follow
