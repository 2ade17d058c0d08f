"""Group-by for the fleet table: per-group totals (site, /24 block, model, firmware, pool) above
the table; clicking a group filters the table to it through the filter language."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from rig_monitor.gui import fmt
from rig_monitor.gui.fleet import FleetRow
from rig_monitor.gui.fleet_model import BAD
from rig_monitor.gui.grouping import Group, group_rows

CHOICES = (
    ("", "No grouping"),
    ("site", "Group by site"),
    ("block", "Group by /24 block"),
    ("model", "Group by model"),
    ("firmware", "Group by firmware"),
    ("pool", "Group by pool"),
)
HEADERS = ["Group", "Miners", "Offline", "With faults", "Hashrate", "% nominal"]


class GroupPanel(QTableWidget):
    """The per-group table; hidden while there is no grouping."""

    group_chosen = Signal(str)  # the filter text of the clicked group

    def __init__(
        self,
        rows: Callable[[], Sequence[FleetRow]],
        sites: Mapping[str, Sequence[str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(0, len(HEADERS), parent)
        self._rows = rows
        self._sites = sites
        self.by = ""
        self.groups: list[Group] = []
        self.combo = QComboBox()
        for key, label in CHOICES:
            self.combo.addItem(label, key)
        self.combo.currentIndexChanged.connect(
            lambda _i: self.set_grouping(self.combo.currentData())
        )
        self.setHorizontalHeaderLabels(HEADERS)
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setDefaultSectionSize(22)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.setMaximumHeight(170)
        self.cellClicked.connect(self._on_click)
        self.hide()

    def set_grouping(self, by: str) -> None:
        self.by = by or ""
        self.setVisible(bool(self.by))
        self.refresh()

    def refresh(self) -> None:
        if not self.by:
            self.groups = []
            self.setRowCount(0)
            return
        self.groups = group_rows(self._rows(), self.by, self._sites)
        self.setRowCount(len(self.groups))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for r, g in enumerate(self.groups):
            cells = (
                g.name,
                f"{g.miners:,}",
                f"{g.offline:,}",
                f"{g.faults:,}",
                fmt.hashrate(g.hashrate_ths),
                fmt.percent(g.share),
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(right)
                if (c == 2 and g.offline) or (c == 3 and g.faults):
                    item.setForeground(BAD)
                self.setItem(r, c, item)

    def _on_click(self, row: int, _col: int) -> None:
        if 0 <= row < len(self.groups):
            self.group_chosen.emit(self.groups[row].filter)
