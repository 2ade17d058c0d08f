"""Languages in the window: switching at run time redraws every visible text, and this test fails
when a visible text of the main window has no Chinese or Russian translation."""

from __future__ import annotations

import re
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTreeView,
    QWidget,
)

from rig_monitor.gui import fmt
from rig_monitor.gui.fault_models import FCol, ICol, RCol
from rig_monitor.gui.fleet_model import Col
from rig_monitor.gui.main_window import MainWindow
from rig_monitor.gui.thresholds_dialog import TCol
from tests.gui import fault_helpers
from tests.gui.fault_helpers import MakeWindow, chips_missing, fan_stopped, sweeps

fault_window = fault_helpers.fault_window  # the fixture

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

# Words that stay as they are in every language: the product, units, key names, the filter
# syntax typed by operators, language names, and column names of the CSV format.
KEEP = {
    "rig", "monitor", "ctrl", "csv", "th", "ph", "gh", "kw", "mw", "mac", "j", "model", "fault",
    "status", "site", "north", "rack", "row", "col", "address", "english", "s", "ok",
    "api", "pdu", "dhcp", "ip", "tcp", "crc", "eeprom", "pic", "psu", "lpm", "rpm", "uptime", "ms", "mad",
}  # fmt: skip
# Kept in the fault catalogue's zh/ru texts on purpose: vendor, firmware and tool names, and the
# words operators read in English on the miner's own pages and logs ("find 0 asic", BOOTBY,
# Device Hardware%, stale/invalid/duplicate/low difficulty rejects, version rolling).
KEEP |= {
    "asicboost", "atm", "avalon", "bootby", "bitaxe", "braiins", "dns", "dead", "device", "error",
    "fi", "wi", "hardware", "ldo", "luxos", "mhz", "qos", "sd", "vlan", "vrm", "whatsminer",
    "asic", "boost", "bug", "difficulty", "duplicate", "find", "invalid", "low", "pin", "ping",
    "power", "rolling", "stale", "traceroute", "version", "sha", "scrypt",
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
        texts += widget_texts(w)
        if isinstance(w, QDockWidget):
            texts.append(w.windowTitle())
        elif isinstance(w, QSpinBox):
            texts += [w.prefix(), w.suffix()]
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


def widget_texts(w: QWidget) -> list[str]:
    """The text a label, button, group box, combo box or empty line edit shows."""
    if isinstance(w, QLabel | QAbstractButton):
        return [w.text()]
    if isinstance(w, QGroupBox):
        return [w.title()]
    if isinstance(w, QComboBox):
        return [w.currentText()]
    if isinstance(w, QLineEdit) and not w.text():
        return [w.placeholderText()]
    return []


def english_left(texts: list[str]) -> list[str]:
    out = []
    for text in texts:
        plain = re.sub(r"<[^>]+>|&\w|\(&\w\)", " ", text)  # markup and menu accelerators
        plain = re.sub(r"\b\d+(\.\d+){1,3}(/\d+|-\d+|:\d+)?\b", " ", plain)  # addresses
        plain = re.sub(r"\b[a-z]+:\w+", " ", plain)  # filter syntax examples: model:S19
        plain = re.sub(r"\b[a-z]+(_[a-z]+)+\b", " ", plain)  # parameter ids: warn_c
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


def texts_in(root: QWidget) -> list[str]:
    """What a person reads in ``root`` as shown: widgets, item views' headers and text cells.

    Cells of columns holding miner data (addresses, models, pool URLs, raw error text from the
    engine, which stays English) are not read; translated columns are."""
    out: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible():
            continue
        out += widget_texts(w)
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            header = w.horizontalHeader() if isinstance(w, QTableView) else None
            if isinstance(w, QTreeView):
                header = w.header()
            columns = range(model.columnCount())
            out += [
                str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                for c in columns
                if header is None or not header.isSectionHidden(c)
            ]
            translated = TRANSLATED_COLUMNS.get(w.objectName(), ())
            for r in range(min(model.rowCount(), 30)):
                out += [str(model.index(r, c).data() or "") for c in translated]
    # the engine's error text (the scripted fleet's timeout) is translated too: resources/i18n/
    # errors.json, through the evidence's {error}
    return [t for t in out if t]


# objectName of a view -> its columns whose cells the window writes (not the miner's own data)
TRANSLATED_COLUMNS = {
    "activeFaults": (FCol.SEVERITY, FCol.FAULT, FCol.EVIDENCE, FCol.STATE),
    "recentEvents": (RCol.TIME, RCol.EVENT, RCol.FAULT, RCol.SEVERITY),
    "incidents": (ICol.TITLE, ICol.DETAIL),
}


@pytest.mark.parametrize("lang", ["zh_CN", "ru"])
def test_views_cards_and_dialogs_are_translated(
    qtbot: Any, fault_window: MakeWindow, lang: str
) -> None:
    """The Faults view (incident, active faults, recent events and their headers), an incident
    card, a fault card in the detail pane, the rack map, the handover tab and the fault settings
    dialog: no English left once the language is switched."""

    def shape(i: int, s: Any) -> Any:
        return fan_stopped(s) if i == 21 else chips_missing(s) if i == 22 else s

    win, fake = fault_window(24, shape, base="127.78.9")
    fake.offline.update(f"127.78.9.{i}:4028" for i in range(1, 21))  # a dark rack: an incident
    sweeps(qtbot, win, 3)
    switch(qtbot, win, lang)
    sweeps(qtbot, win, 1)  # fault texts come in the new language with the next fault report
    assert not win.alert_button.isHidden()  # the dark rack's alert, raised in English
    assert english_left([win.alert_button.text()]) == [], win.alert_button.text()
    view = win.faults_view
    win.tabs.setCurrentWidget(view)
    view.grouped_check.setChecked(True)  # the incident's own faults listed too
    assert win.fault_book.faults_proxy.rowCount() >= 22
    assert win.fault_book.recent_model.rowCount() > 0
    view.incidents.setCurrentIndex(win.fault_book.incident_model.index(0, 0))
    assert not view.card_scroll.isHidden()
    shown = texts_in(view)
    assert english_left(shown) == [], english_left(shown)

    # the detail pane of a miner with a fault: fault card, identity, boards, pools
    assert win.select_key("127.78.9.23:4028")
    assert len(win.detail.faults.cards) == 1
    row = win.model.find("127.78.9.23:4028")
    assert row is not None and row.identity is not None
    ident = row.identity  # the miner's own words: model, firmware, host name
    data = [fmt.make_model(ident), f"{ident.firmware} {ident.firmware_version}", ident.hostname]
    shown = [t for t in texts_in(win.detail) if t not in data]
    for name in data:
        shown = [t.replace(str(name), "") for t in shown]
    assert english_left(shown) == [], english_left(shown)
    card_text = win.detail.faults.cards[0].plain_text()
    assert english_left([card_text]) == [], card_text

    win.tabs.setCurrentWidget(win.rack_view)
    win.racks.from_addresses(6)
    shown = texts_in(win.rack_view)
    assert english_left(shown) == [], english_left(shown)

    win.tabs.setCurrentWidget(win.handover)  # no history file here: says history is off
    shown = texts_in(win.handover)
    assert english_left(shown) == [], english_left(shown)
    assert english_left([win.engine_label.text(), win.statusBar().currentMessage()]) == []

    dlg = win.open_fault_settings()
    assert dlg is not None
    qtbot.addWidget(dlg)
    shown = [dlg.windowTitle(), *texts_in(dlg)]
    assert english_left(shown) == [], english_left(shown)
    # every parameter named in words, its id (the thresholds.json key) kept after the label
    params = [dlg.model.index(r, TCol.PARAM).data() for r in range(dlg.model.rowCount())]
    labels = [re.sub(r"[（(][a-z0-9_]+[)）]$", "", p) for p in params]
    assert len(labels) > 100 and english_left(labels) == [], english_left(labels)
    dlg.reject()
    switch(qtbot, win, "en")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["1 action", "2 actions", "5 actions"]),
        ("ru", ["1 действие", "2 действия", "5 действий"]),
        ("zh_CN", ["1 个操作", "2 个操作", "5 个操作"]),
    ],
)
def test_counts_take_the_plural_form_of_the_language(
    qtbot: Any, fault_window: MakeWindow, lang: str, expected: list[str]
) -> None:
    """The handover's section counts ("1 actions" before): Qt's %n forms, three in Russian."""
    from rig_monitor.gui.history_handover import section_count

    win, _ = fault_window(1)
    switch(qtbot, win, lang)
    assert [section_count("Actions", n) for n in (1, 2, 5)] == expected
    switch(qtbot, win, "en")


def test_fault_titles_follow_a_switch_without_waiting_for_a_poll(
    qtbot: Any, fault_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fleet table's Faults column, the Faults view and the detail pane's card re-word their
    fault titles from the window's own catalogue: here the fault stage never switches, so the
    polls keep bringing English titles, and the window still shows Russian."""
    win, _ = fault_window(4, lambda i, s: fan_stopped(s) if i == 1 else s)
    sweeps(qtbot, win, 2)
    assert win.fault_stage is not None
    monkeypatch.setattr(win.fault_stage, "set_language", lambda _lang: 0)
    key = "127.0.0.2:4028"
    assert win.select_key(key)
    row = win.model.find(key)
    assert row is not None
    index = win.model.index(win.model.rows().index(row), Col.FAULTS)
    assert index.data() == "Fan stopped"
    switch(qtbot, win, "ru")
    qtbot.waitUntil(lambda: index.data() == "Вентилятор остановился", timeout=5000)
    sweeps(qtbot, win, 1)
    assert [f.title for f in win.model.find(key).snap.faults] == ["Fan stopped"]  # the poll's
    assert index.data() == "Вентилятор остановился"
    assert win.fault_book.faults_proxy.index(0, FCol.FAULT).data() == "Вентилятор остановился"
    assert "Вентилятор остановился" in win.detail.faults.cards[0].plain_text()
    switch(qtbot, win, "en")
    qtbot.waitUntil(lambda: index.data() == "Fan stopped", timeout=5000)


@pytest.mark.parametrize(
    ("lang", "reason"),
    [
        ("zh_CN", "拒绝连接：端口 4028 上没有程序在监听"),
        ("ru", "отказ: на порту 4028 никто не слушает"),
    ],
)
def test_an_offline_miners_reason_is_translated(
    qtbot: Any, fault_window: MakeWindow, lang: str, reason: str
) -> None:
    """The Error column, its tooltip, the detail pane and the fault evidence read the engine's
    English reason in the window's language (resources/i18n/errors.json); English again after
    switching back, and the snapshot itself keeps English (JSON, history and CSV use it)."""
    win, fake = fault_window(3, base="127.78.10")
    message = "refused: nothing listens on port 4028"
    key = "127.78.10.2:4028"

    fake.refused.add(key)
    sweeps(qtbot, win, 2)
    switch(qtbot, win, lang)
    sweeps(qtbot, win, 1)
    row = win.model.find(key)
    assert row is not None and row.snap is not None and row.snap.error == message
    r = next(i for i in range(win.model.rowCount()) if win.model.row_at(i) is row)
    cell = win.model.index(r, Col.ERROR)
    assert cell.data() == reason
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == reason
    assert english_left([str(cell.data())]) == []
    assert win.select_key(key)
    assert reason in win.detail.error.text() and english_left([win.detail.error.text()]) == []
    evidence = [f.detail for f in row.snap.faults if f.id == "miner_unreachable"]
    assert evidence and reason in evidence[0], row.snap.faults

    switch(qtbot, win, "en")
    assert win.model.index(r, Col.ERROR).data() == message
