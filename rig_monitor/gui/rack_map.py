"""The rack map: each rack drawn as a grid of its miners, coloured by a chosen metric (chip
temperature, % of rating, status), so a hot aisle or a dead shelf is seen at a glance.

Works from the fleet model alone (no network, no disk on the GUI thread: rack files are read and
written by the window's worker pool). Clicking a cell emits :attr:`RackMapView.miner_selected`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from rig_monitor.core.racks import Rack
from rig_monitor.gui import fmt
from rig_monitor.gui.fleet import FleetRow, RowState
from rig_monitor.gui.fleet_model import STATE_COLOURS
from rig_monitor.gui.i18n import t

CELL = 30
GAP = 3
EMPTY = QColor(0, 0, 0, 0)
UNKNOWN = QColor(170, 170, 170)
OFFLINE = STATE_COLOURS[RowState.OFFLINE]


class Metric(enum.Enum):
    TEMPERATURE = "Chip temperature"
    RATING = "% of rating"
    STATUS = "Status and faults"


def _lerp(a: QColor, b: QColor, t: float) -> QColor:
    t = min(1.0, max(0.0, t))
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


COOL = QColor(60, 130, 220)
GOOD = QColor(46, 157, 74)
WARN = QColor(230, 160, 0)
HOT = QColor(215, 38, 61)


def temp_colour(c: float, warm: float, hot: float) -> QColor:
    """Blue (≤ 60 °C) → green (75) → amber (the model's warning level) → red (its protection
    level): the very limits the table and the fault rules use for this model."""
    if c <= 60.0:
        return COOL
    if c <= 75.0 or warm <= 75.0:
        return _lerp(COOL, GOOD, min(1.0, (c - 60.0) / 15.0))
    if c <= warm:
        return _lerp(GOOD, WARN, (c - 75.0) / (warm - 75.0))
    span = hot - warm
    return _lerp(WARN, HOT, 1.0 if span <= 0 else min(1.0, (c - warm) / span))


def rating_colour(ratio: float) -> QColor:
    """Red (≤ 70 %) → amber (the table's 90 % line) → green (≥ 95 %)."""
    if ratio >= 0.95:
        return GOOD
    if ratio >= fmt.LOW_HASHRATE_RATIO:
        return _lerp(WARN, GOOD, (ratio - fmt.LOW_HASHRATE_RATIO) / 0.05)
    return _lerp(HOT, WARN, (ratio - 0.7) / (fmt.LOW_HASHRATE_RATIO - 0.7))


def cell_colour(row: FleetRow | None, metric: Metric) -> tuple[QColor, str]:
    """The cell's colour and its short label (shown in the tooltip)."""
    if row is None:
        return UNKNOWN, t("not in the fleet")
    state = row.state
    if state is RowState.OFFLINE:
        return OFFLINE, t("offline")
    if state is RowState.PENDING or row.snap is None:
        return UNKNOWN, t("waiting")
    snap = row.snap
    if metric is Metric.STATUS:
        return STATE_COLOURS[state], t(state.label)
    if metric is Metric.TEMPERATURE:
        c = snap.temp_chip_max_c
        if c is None:
            return UNKNOWN, t("no chip temperature")
        lim = fmt.temp_limits(snap.make, snap.model)
        return temp_colour(c, lim.chip_warn_c, lim.chip_crit_c), fmt.temp(c)
    ratio = snap.hashrate_ratio
    if ratio is None:
        return UNKNOWN, t("rating unknown")
    return rating_colour(ratio), fmt.percent(ratio)


class RackGrid(QWidget):
    """One rack: a title and a rows × columns grid of cells."""

    clicked = Signal(str)

    def __init__(
        self, rack: Rack, lookup: Callable[[str], FleetRow | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.rack = rack
        self.lookup = lookup
        self.colour_by = Metric.TEMPERATURE
        self.selected: str | None = None
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        r = self.rack
        title = self.fontMetrics().height() + 6
        w = max(r.cols * (CELL + GAP) + GAP, self.fontMetrics().horizontalAdvance(r.name) + 8)
        return QSize(w, title + r.rows * (CELL + GAP) + GAP)

    def _top(self) -> int:
        return self.fontMetrics().height() + 6

    def cell_rect(self, row: int, col: int) -> QRect:
        return QRect(GAP + col * (CELL + GAP), self._top() + row * (CELL + GAP), CELL, CELL)

    def key_at(self, pos: QPoint) -> str | None:
        y = pos.y() - self._top()
        if y < 0:
            return None
        col, row = (pos.x() - GAP) // (CELL + GAP), y // (CELL + GAP)
        if not self.cell_rect(row, col).contains(pos):
            return None
        return self.rack.slots.get((row, col))

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(self.palette().windowText().color())
        p.drawText(2, self.fontMetrics().ascent() + 2, self.rack.name)
        outline = self.palette().mid().color()
        for r in range(self.rack.rows):
            for c in range(self.rack.cols):
                rect = self.cell_rect(r, c)
                key = self.rack.slots.get((r, c))
                if key is None:
                    p.setPen(outline)
                    p.setBrush(EMPTY)
                    p.drawRoundedRect(rect.adjusted(0, 0, -1, -1), 3, 3)
                    continue
                colour, _ = cell_colour(self.lookup(key), self.colour_by)
                p.setPen(Qt.PenStyle.NoPen)
                # no reading: hatched, so it never reads as "offline" grey
                p.setBrush(
                    QBrush(colour, Qt.BrushStyle.Dense4Pattern) if colour == UNKNOWN else colour
                )
                p.drawRoundedRect(rect, 3, 3)
                if key == self.selected:
                    p.setPen(self.palette().highlight().color())
                    p.setBrush(EMPTY)
                    p.drawRoundedRect(rect.adjusted(-2, -2, 1, 1), 4, 4)
        p.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        key = self.key_at(event.position().toPoint())
        if key is not None:
            self.clicked.emit(key)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        key = self.key_at(event.position().toPoint())
        if key is None:
            self.setToolTip("")
            return
        row = self.lookup(key)
        _, label = cell_colour(row, self.colour_by)
        pos = self.rack.position_of(key)
        where = (
            t("{rack} row {row}, slot {slot}").format(
                rack=self.rack.name, row=pos[0] + 1, slot=pos[1] + 1
            )
            if pos
            else self.rack.name
        )
        model = fmt.make_model(row.identity) if row is not None else fmt.DASH
        self.setToolTip(f"{key.removesuffix(':4028')} · {model}\n{where}\n{label}")


class _Flow(QWidget):
    """Racks side by side, wrapping to the width (a simple flow layout for fixed-size grids)."""

    def __init__(self) -> None:
        super().__init__()
        self.grids: list[RackGrid] = []

    def set_grids(self, grids: Sequence[RackGrid]) -> None:
        for g in self.grids:
            g.deleteLater()
        self.grids = list(grids)
        for g in self.grids:
            g.setParent(self)
            g.show()
        self.relayout(self.width())

    def relayout(self, width: int) -> int:
        x = y = 0
        line = 0
        for g in self.grids:
            size = g.sizeHint()
            if x and x + size.width() > width:
                x, y, line = 0, y + line + 14, 0
            g.setGeometry(x, y, size.width(), size.height())
            x += size.width() + 18
            line = max(line, size.height())
        height = y + line
        self.setMinimumHeight(height)
        return height

    def resizeEvent(self, event: object) -> None:
        self.relayout(self.width())


class RackMapView(QWidget):
    """Metric chooser, rack definition menu, and the racks."""

    miner_selected = Signal(str)
    define_from_addresses = Signal()
    define_from_names = Signal()
    import_csv = Signal()

    def __init__(self, lookup: Callable[[str], FleetRow | None], parent: QWidget | None = None):
        super().__init__(parent)
        self.lookup = lookup
        self.racks: list[Rack] = []
        self.metric_combo = QComboBox()
        for m in Metric:
            self.metric_combo.addItem(m.value, m)
        self.metric_combo.currentIndexChanged.connect(lambda _i: self._apply_metric())
        self.define_button = QPushButton("Define racks")
        menu = QMenu(self.define_button)
        menu.addAction("From addresses (one rack per /24)…", self.define_from_addresses.emit)
        menu.addAction("From worker or host names…", self.define_from_names.emit)
        menu.addAction("Import CSV (rack,row,col,address)…", self.import_csv.emit)
        self.define_button.setMenu(menu)
        self.summary = QLabel()
        self.legend = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel("Colour by:"))
        top.addWidget(self.metric_combo)
        top.addWidget(self.define_button)
        top.addSpacing(12)
        top.addWidget(self.summary)
        top.addStretch(1)
        top.addWidget(self.legend)
        self.flow = _Flow()
        self.empty = QLabel(
            "No racks yet. Use <b>Define racks</b>: one rack per /24 block, from worker or host "
            "names like <tt>A03-R2-S07</tt>, or import a CSV with <tt>rack,row,col,address</tt>."
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.flow)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(scroll, 1)
        self._apply_metric()
        self.set_racks([])

    @property
    def current_metric(self) -> Metric:
        data = self.metric_combo.currentData()
        return data if isinstance(data, Metric) else Metric.TEMPERATURE

    def set_metric(self, metric: Metric) -> None:
        self.metric_combo.setCurrentIndex(list(Metric).index(metric))

    def set_racks(self, racks: list[Rack]) -> None:
        self.racks = racks
        grids = []
        for rack in racks:
            grid = RackGrid(rack, self.lookup)
            grid.colour_by = self.current_metric
            grid.clicked.connect(self._on_clicked)
            grids.append(grid)
        self.flow.set_grids(grids)
        self.empty.setVisible(not racks)
        self.retranslate()

    def retranslate(self) -> None:
        """The texts made here (the static ones follow :func:`rig_monitor.gui.i18n.retranslate`)."""
        racks = self.racks
        placed = sum(len(r.slots) for r in racks)
        text = t("racks: {racks}, miners placed: {placed}").format(
            racks=f"{len(racks):,}", placed=f"{placed:,}"
        )
        self.summary.setText(text if racks else "")

    def grids(self) -> list[RackGrid]:
        return self.flow.grids

    def refresh(self) -> None:
        """New data: repaint (cheap: cells read the model when drawn)."""
        for g in self.flow.grids:
            g.update()

    def select_key(self, key: str | None) -> None:
        for g in self.flow.grids:
            if g.selected != key:
                g.selected = key
                g.update()

    def _on_clicked(self, key: str) -> None:
        self.select_key(key)
        self.miner_selected.emit(key)

    def _apply_metric(self) -> None:
        metric = self.current_metric
        for g in self.flow.grids:
            g.colour_by = metric
            g.update()
        legends = {
            Metric.TEMPERATURE: "blue ≤ 60 °C · green 75 °C · amber 85 °C · red ≥ 95 °C",
            Metric.RATING: "green ≥ 95 % · amber 90 % · red ≤ 70 %",
            Metric.STATUS: "the table's status colours",
        }
        self.legend.setText(legends[metric] + " · grey: offline · hatched: no reading")
