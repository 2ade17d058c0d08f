"""Detail pane for the selected miner: identity, hashboards (and chip map), pools, faults with
troubleshooting guidance (fault_guide.py), error."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rig_monitor.core.model import Board, Pool, PoolStatus
from rig_monitor.gui import fmt
from rig_monitor.gui.fault_guide import ChipMap, FaultGuide, chips_summary
from rig_monitor.gui.fault_models import FaultBook
from rig_monitor.gui.fleet import FleetRow
from rig_monitor.gui.fleet_model import BAD, STATE_COLOURS, temp_colour
from rig_monitor.gui.i18n import error_text
from rig_monitor.gui.i18n import t as _t

POOL_STATUS = {  # pool states as the window names them (lupdate sees them in i18n_strings)
    PoolStatus.ALIVE: "alive",
    PoolStatus.DEAD: "dead",
    PoolStatus.SICK: "sick",
    PoolStatus.DISABLED: "disabled",
    PoolStatus.REJECTING: "rejecting",
    PoolStatus.UNKNOWN: "unknown",
}


def _small_table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    t.setAlternatingRowColors(True)
    t.setWordWrap(False)
    t.horizontalHeader().setStretchLastSection(True)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.verticalHeader().setDefaultSectionSize(22)
    return t


def _item(
    text: str, *, right: bool = False, colour: Any = None, tip: str | None = None
) -> QTableWidgetItem:
    it = QTableWidgetItem(text)
    align = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
    it.setTextAlignment(align | Qt.AlignmentFlag.AlignVCenter)
    if colour is not None:
        it.setForeground(QBrush(colour))
    if tip:
        it.setToolTip(tip)
    return it


def _boxed(title: str, widget: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(4, 4, 4, 4)
    layout.addWidget(widget)
    return box


class DetailPane(QWidget):
    """Shows one :class:`FleetRow`; call :meth:`show_row` again when its snapshot changes."""

    IDENTITY_FIELDS = (
        ("status", "Status"),
        ("address", "Address"),
        ("make", "Make / model"),
        ("firmware", "Firmware"),
        ("mac", "MAC"),
        ("hostname", "Hostname"),
        ("serial", "Serial"),
        ("hashrate", "Hashrate"),
        ("power", "Power"),
        ("uptime", "Uptime"),
        ("polled", "Last poll"),
    )

    def __init__(self, parent: QWidget | None = None, book: FaultBook | None = None) -> None:
        super().__init__(parent)
        self._key: str | None = None
        self.book = book
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)

        self.title = QLabel("Select a miner to see its details")
        f = QFont(self.title.font())
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.15)
        self.title.setFont(f)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.setStyleSheet(f"color: {BAD.name()}; font-weight: bold;")
        self.error.hide()

        ident_box = QGroupBox("Identity")
        form = QFormLayout(ident_box)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setVerticalSpacing(3)
        self.fields: dict[str, QLabel] = {}
        for key, label in self.IDENTITY_FIELDS:
            value = QLabel(fmt.DASH)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            form.addRow(label + ":", value)
        ident_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

        self.boards = _small_table(["#", "Hashrate", "Chips", "Board °C", "Chip °C", "Chip status"])
        self.chip_font = mono
        self.chip_map = ChipMap()
        self.chip_map.hide()
        boards_box = QGroupBox("Hashboards")
        boards_layout = QVBoxLayout(boards_box)
        boards_layout.setContentsMargins(4, 4, 4, 4)
        boards_layout.addWidget(self.boards)
        boards_layout.addWidget(self.chip_map)
        boards_layout.addStretch(1)

        self.pools = _small_table(["", "Pool", "Worker", "Status", "Accepted", "Rejected"])
        self.pools.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        self.pools.setColumnWidth(0, 22)
        pools_box = _boxed("Pools", self.pools)

        self.faults = FaultGuide(book)
        faults_box = _boxed("Faults and what to try", self.faults)

        right = QVBoxLayout()
        right.addWidget(pools_box, 0)
        right.addWidget(faults_box, 1)

        body = QHBoxLayout()
        body.addWidget(ident_box, 0)
        body.addWidget(boards_box, 3)
        body.addLayout(right, 4)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.error)
        layout.addLayout(body, 1)

    @property
    def key(self) -> str | None:
        return self._key

    def show_row(self, row: FleetRow | None) -> None:
        self._key = None if row is None else row.key
        if row is None:
            self.title.setText(_t("Select a miner to see its details"))
            self.error.hide()
            for label in self.fields.values():
                label.setText(fmt.DASH)
            self._fill_boards([])
            self._fill_pools([])
            self.faults.show_miner(None, None)
            return
        ident = row.identity
        live = row.snap if row.online else None
        state = row.state
        addr = fmt.address(row.ip, row.port)
        self.title.setText(
            _t("{model} at {address}").format(model=fmt.make_model(ident), address=addr)
            if ident
            else addr
        )
        if row.snap is not None and not row.online:
            when = fmt.clock(row.last_online.timestamp) if row.last_online else _t("never")
            self.error.setText(
                _t("Offline: {error} (last answered: {time})").format(
                    error=error_text(row.snap.error or "") or _t("no answer"), time=when
                )
            )
            self.error.show()
        else:
            self.error.hide()

        status = self.fields["status"]
        status.setText(_t(state.label))
        status.setStyleSheet(f"color: {STATE_COLOURS[state].name()}; font-weight: bold;")
        self.fields["address"].setText(addr)
        self.fields["make"].setText(fmt.make_model(ident))
        fw = " ".join(p for p in ((ident.firmware, ident.firmware_version) if ident else ()) if p)
        self.fields["firmware"].setText(fw or fmt.DASH)
        self.fields["mac"].setText((ident.mac if ident else None) or fmt.DASH)
        self.fields["hostname"].setText((ident.hostname if ident else None) or fmt.DASH)
        self.fields["serial"].setText((ident.serial if ident else None) or fmt.DASH)
        if live is not None:
            hr = fmt.hashrate(live.hashrate_ths)
            if live.nominal_hashrate_ths:
                hr += " " + _t("of {nominal} ({share})").format(
                    nominal=fmt.hashrate(live.nominal_hashrate_ths),
                    share=fmt.percent(live.hashrate_ratio),
                )
            if live.hashrate_5s_ths is not None and live.hashrate_5s_ths != live.hashrate_ths:
                hr += f"; 5 s: {fmt.hashrate(live.hashrate_5s_ths)}"  # the headline is the average
            self.fields["hashrate"].setText(hr)
            self.fields["power"].setText(fmt.power(live.power_w))
            self.fields["uptime"].setText(fmt.duration(live.uptime_s))
        else:
            for k in ("hashrate", "power", "uptime"):
                self.fields[k].setText(fmt.DASH)
        snap = row.snap
        polled = fmt.clock(snap.timestamp) if snap else fmt.DASH
        if snap is not None and snap.poll_ms is not None:
            polled += f" ({snap.poll_ms:.0f} ms)"
        self.fields["polled"].setText(polled)

        self._fill_boards(
            live.boards if live else [],
            fmt.temp_limits(live.make, live.model) if live else fmt.temp_limits(None, None),
        )
        self._fill_pools(live.pools if live else [])
        self.faults.show_miner(row.key, live)

    def _fill_boards(self, boards: list[Board], lim: fmt.TempLimits | None = None) -> None:
        lim = lim if lim is not None else fmt.temp_limits(None, None)
        t = self.boards
        t.setRowCount(len(boards))
        for r, b in enumerate(boards):
            chips = fmt.DASH
            chip_colour = None
            if b.chips is not None:
                chips = f"{b.chips}/{b.expected_chips}" if b.expected_chips else str(b.chips)
                if b.expected_chips and b.chips < b.expected_chips:
                    chip_colour = BAD
            bad = b.chip_status_counts(max(b.chips or 0, b.expected_chips or 0) or None)[1]
            status_text = b.chip_status or b.status or fmt.DASH
            tip = None
            if b.chip_status:
                tip = f"{chips_summary(b)}\n{b.chip_status}"
            low = b.hashrate_ths is not None and (
                b.hashrate_ths == 0
                or b.hashrate_ths < (b.nominal_hashrate_ths or 0.0) * fmt.LOW_HASHRATE_RATIO
            )
            hr_colour = BAD if low else None
            t.setItem(r, 0, _item(str(b.index + 1)))
            t.setItem(r, 1, _item(fmt.hashrate(b.hashrate_ths), right=True, colour=hr_colour))
            t.setItem(r, 2, _item(chips, right=True, colour=chip_colour))
            t.setItem(
                r,
                3,
                _item(
                    fmt.temp(b.temp_board_c),
                    right=True,
                    colour=temp_colour(b.temp_board_c, lim.board_warn_c, lim.board_crit_c),
                ),
            )
            t.setItem(
                r,
                4,
                _item(
                    fmt.temp(b.temp_chip_c),
                    right=True,
                    colour=temp_colour(b.temp_chip_c, lim.chip_warn_c, lim.chip_crit_c),
                ),
            )
            status_item = _item(status_text, colour=BAD if bad else None, tip=tip)
            status_item.setFont(self.chip_font)
            t.setItem(r, 5, status_item)
        self.chip_map.set_boards(boards)
        _fit_rows(t, 4)

    def _fill_pools(self, pools: list[Pool]) -> None:
        t = self.pools
        t.setRowCount(len(pools))
        for r, p in enumerate(pools):
            alive = p.status is PoolStatus.ALIVE
            tip = _t("active pool") if p.active else None
            t.setItem(r, 0, _item("▶" if p.active else "", tip=tip))
            t.setItem(r, 1, _item(fmt.pool_host(p.url), tip=p.url))
            t.setItem(r, 2, _item(p.user or fmt.DASH))
            status = _t(POOL_STATUS[p.status]) if p.status in POOL_STATUS else str(p.status)
            t.setItem(r, 3, _item(status, colour=None if alive else BAD))
            t.setItem(r, 4, _item(_int(p.accepted), right=True))
            t.setItem(r, 5, _item(_int(p.rejected), right=True))
        _fit_rows(t, 3)


def _fit_rows(t: QTableWidget, at_least: int) -> None:
    """Height for the rows it has (``at_least`` rows' worth), so the rest of the pane gets room."""
    rows = max(at_least, t.rowCount())
    h = t.horizontalHeader().height() + rows * t.verticalHeader().defaultSectionSize()
    t.setFixedHeight(h + 2 * t.frameWidth() + 2)


def _int(value: int | None) -> str:
    return fmt.DASH if value is None else f"{value:,}"
