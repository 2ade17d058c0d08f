"""The fleet filter row: the filter-language box with its inline error, quick status filters
and "Problems only". Emits :attr:`FilterBar.changed`; the window applies it to the proxy."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from rig_monitor.gui.fleet_model import BAD
from rig_monitor.gui.i18n import t

FILTER_HELP = (
    "Type terms; all must match:\n"
    "  10.1.2.0/26   a CIDR block        10.1.2.5-80   a range\n"
    "  10.1.2.7      one miner           10.1.2.       an address prefix\n"
    "  model:S19   fault:fan   status:offline   site:north   pool:viabtc   fw:braiins\n"
    "  status:offline,critical   (a comma means any of)\n"
    "  -status:ok   (a minus negates)     anything else: free text, fault texts too"
)

# (label, statuses the button keeps, tooltip)
QUICK_FILTERS: tuple[tuple[str, frozenset[str], str], ...] = (
    ("Offline", frozenset({"offline"}), "Only miners that do not answer"),
    ("Critical", frozenset({"critical"}), "Only miners with a critical fault"),
    ("Warning", frozenset({"warning"}), "Only miners with a warning"),
    (
        "Degraded",
        frozenset({"degraded"}),
        "Low hashrate, stopped fan or missing chips, no fault yet",
    ),
)


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setObjectName("fleetFilter")
        self.edit.setPlaceholderText(
            "Filter (Ctrl+F): 10.1.2.0/26  10.1.2.5-80  model:S19  fault:fan  status:offline  "
            "site:north  or any text"
        )
        self.edit.setToolTip(t(FILTER_HELP))
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(lambda _t: self.changed.emit())
        self.quick: dict[str, QToolButton] = {}
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        for label, _statuses, tip in QUICK_FILTERS:
            button = QToolButton()
            button.setText(label)
            button.setToolTip(t(tip))
            button.setCheckable(True)
            button.toggled.connect(lambda _on: self.changed.emit())
            self.quick[label] = button
            row.addWidget(button)
        self.problems_check = QCheckBox("Problems only")
        self.problems_check.setToolTip(
            t("Offline, warning or critical faults, low hashrate, stopped fan")
        )
        self.problems_check.toggled.connect(lambda _on: self.changed.emit())
        row.addWidget(self.problems_check)
        self._row = row
        row.addSpacing(12)
        self.shown_label = QLabel()
        row.addWidget(self.shown_label)

        self.error = QLabel()
        self.error.setObjectName("filterError")
        self.error.setStyleSheet(f"color: {BAD.name()};")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.error)

    def add_widget(self, widget: QWidget) -> None:
        """Another control on the filter row, before the count (e.g. saved views)."""
        self._row.insertWidget(self._row.indexOf(self.problems_check) + 1, widget)

    def statuses(self) -> frozenset[str]:
        wanted: set[str] = set()
        for label, statuses, _tip in QUICK_FILTERS:
            if self.quick[label].isChecked():
                wanted |= statuses
        return frozenset(wanted)

    def show_error(self, message: str | None) -> None:
        if message:
            self.error.setText(t("Filter not applied: {error}").format(error=message))
            self.error.show()
            self.edit.setStyleSheet(f"QLineEdit {{ border: 1px solid {BAD.name()}; }}")
        else:
            self.error.hide()
            self.edit.setStyleSheet("")

    def clear(self) -> None:
        """Drop every filter (e.g. to show a miner the filters hide)."""
        self.blockSignals(True)
        self.edit.clear()
        for button in self.quick.values():
            button.setChecked(False)
        self.problems_check.setChecked(False)
        self.blockSignals(False)
        self.changed.emit()
