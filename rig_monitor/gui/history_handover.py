"""The shift handover: what changed since a time (new and cleared faults, actions, notes).

Grouped by section, newest last, each line with the miner, what happened and who; double-click a
line to show that miner in the fleet table; export as CSV for the shift log.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rig_monitor.core.history import HistoryReader
from rig_monitor.core.history.export import SECTIONS, HandoverItem, handover, handover_csv
from rig_monitor.gui import fmt
from rig_monitor.gui.history_link import HistoryLink
from rig_monitor.gui.i18n import t, tn

SINCE: list[tuple[str, float]] = [
    ("last 4 hours", 4 * 3600.0),
    ("last 8 hours", 8 * 3600.0),
    ("last 12 hours", 12 * 3600.0),
    ("last 24 hours", 86400.0),
    ("last 48 hours", 2 * 86400.0),
    ("last 7 days", 7 * 86400.0),
]
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
# a section's count in the status line, with the plural forms of each language ("1 action")
SECTION_COUNTS = {
    "New faults": "%n new faults",
    "Cleared": "%n cleared",
    "Actions": "%n actions",
    "Notes": "%n notes",
    "Acknowledged and snoozed": "%n acknowledged or snoozed",
}
EVENT_NAMES = {  # history event kinds as the window names them
    "raised": "raised",
    "escalated": "escalated",
    "cleared": "cleared",
    "acknowledged": "acknowledged",
    "snoozed": "snoozed",
    "note": "note",
    "action": "action",
}
SEVERITY_NAMES = {"critical": "critical", "warning": "warning", "info": "info"}


def section_count(section: str, n: int) -> str:
    """ "1 action", "2 actions" (Russian: 1 действие, 2 действия, 5 действий)."""
    template = SECTION_COUNTS.get(section)
    return tn(template, n) if template else f"{n} {t(section)}"


def event_name(kind: str, severity: str | None) -> str:
    name = t(EVENT_NAMES[kind]) if kind in EVENT_NAMES else kind
    if severity and kind != "note":
        name += f" ({t(SEVERITY_NAMES[severity]) if severity in SEVERITY_NAMES else severity})"
    return name


class HandoverView(QWidget):
    miner_activated = Signal(str)  # operator address of the miner ("10.0.0.5" or "ip:port")

    def __init__(self, link: HistoryLink | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.link = link
        self._qid = 0
        self.items: list[HandoverItem] = []
        self._shown = False  # show_items has run: a language switch redraws the items
        self.since_box = QComboBox()
        for name, span in SINCE:
            self.since_box.addItem(name, span)
        self.since_box.setCurrentIndex(2)
        self.since_box.currentIndexChanged.connect(lambda _i: self.reload())
        self.refresh_button = QPushButton(t("Refresh"))
        self.refresh_button.clicked.connect(self.reload)
        self.export_button = QPushButton(t("Export CSV…"))
        self.export_button.clicked.connect(lambda: self.export())
        self.status = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(QLabel(t("What changed in the")))
        bar.addWidget(self.since_box)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.status, 1)
        bar.addWidget(self.export_button)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels([t("When"), t("Miner"), t("Event"), t("What"), t("Who")])
        self.tree.setRootIsDecorated(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        for col, width in enumerate((150, 140, 150, 560)):
            self.tree.setColumnWidth(col, width)
        self.tree.itemDoubleClicked.connect(self._on_double_click)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(bar)
        lay.addWidget(self.tree, 1)
        if link is None:
            self.status.setText(t("History is off"))
            for w in (self.since_box, self.refresh_button, self.export_button):
                w.setEnabled(False)
        else:
            link.result.connect(self._on_result)
            link.recorded.connect(self.reload)

    @property
    def span_s(self) -> float:
        return float(self.since_box.currentData())

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.reload()

    @Slot()
    def reload(self) -> None:
        if self.link is None:
            return
        since = time.time() - self.span_s
        self.status.setText(t("Loading…"))
        self._qid = self.link.query(lambda reader: handover(reader, since))

    @Slot(int, object)
    def _on_result(self, qid: int, result: object) -> None:
        if qid != self._qid:
            return
        if isinstance(result, Exception):
            self.status.setText(t("History unavailable: {error}").format(error=result))
            return
        if isinstance(result, str):
            self.status.setText(t("Saved {path}").format(path=result))
            return
        assert isinstance(result, list)
        self.show_items(result)

    def show_items(self, items: list[HandoverItem]) -> None:
        self.items = items
        self._shown = True
        self.tree.clear()
        counts = []
        for section in SECTIONS:
            part = [i for i in items if i.section == section]
            if not part:
                continue
            counts.append(section_count(section, len(part)))
            head = QTreeWidgetItem([f"{t(section)} ({len(part)})"])
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            self.tree.addTopLevelItem(head)
            head.setFirstColumnSpanned(True)
            for i in part:
                when = fmt.local_time(i.t, "ddd HH:mm:ss")
                event = event_name(i.kind, i.severity)
                child = QTreeWidgetItem([when, i.miner, event, i.text, i.operator or ""])
                child.setData(0, KEY_ROLE, i.miner)
                child.setToolTip(3, i.text)
                head.addChild(child)
            head.setExpanded(True)
        self.status.setText(t(", ").join(counts) if counts else t("Nothing changed"))

    def retranslate(self) -> None:
        """Redraw the texts made here in the language now installed."""
        if self.link is None:
            self.status.setText(t("History is off"))
        elif self._shown:
            self.show_items(self.items)

    def _on_double_click(self, item: QTreeWidgetItem, _col: int) -> None:
        miner = item.data(0, KEY_ROLE)
        if isinstance(miner, str) and miner:
            self.miner_activated.emit(miner)

    def export(self, path: str | None = None) -> int | None:
        if self.link is None:
            return None
        name = path
        if name is None:
            name, _ = QFileDialog.getSaveFileName(
                self, t("Export handover"), "handover.csv", t("CSV (*.csv)")
            )
        if not name:
            return None
        since = time.time() - self.span_s

        def write(reader: HistoryReader) -> str:
            with open(name, "w", encoding="utf-8", newline="") as fh:
                handover_csv(handover(reader, since), fh)
            return name

        self._qid = self.link.query(write)
        return self._qid
