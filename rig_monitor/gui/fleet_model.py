"""The fleet table: a hand-written table model and its sort/filter proxy.

Updates are incremental: changed rows emit one ``dataChanged`` per contiguous span (all columns),
new miners are appended with ``beginInsertRows`` and removed ones go with ``beginRemoveRows``. The
model is never reset for a refresh (qt.md §2: a reset costs 10x and loses selection and scroll).

Every cell has a sort key under ``SORT_ROLE`` (numbers as floats, text as lower-case strings,
``None`` when unknown). Sorting happens in the source model, in Python (``sorted`` over those keys,
unknowns last in both directions, then one ``layoutChanged``): a ``QSortFilterProxyModel`` sort
calls back into Python for every comparison, about 0.5 s for 5,000 rows against ~15 ms here. The
proxy forwards ``sort()`` to the model and only filters.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QIcon, QPainter, QPixmap

from rig_monitor.core.filterlang import Compiled, compile_filter
from rig_monitor.core.model import Fault, MinerSnapshot, Target
from rig_monitor.gui import fmt
from rig_monitor.gui.filter_subject import SubjectCache
from rig_monitor.gui.fleet import FleetRow, FleetTotals, RowState, RunningTotals
from rig_monitor.gui.i18n import error_text
from rig_monitor.gui.sorted_model import SortedTableModel

SORT_ROLE = int(Qt.ItemDataRole.UserRole)
KEY_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # the miner's "ip:port" key, on every cell

AnyIndex = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
# More scattered updates than this go out as one covering dataChanged. A span off screen costs no
# repaint, a covering one repaints the whole view (10-30 ms at 5,000 rows); the window hands over
# at most 100 rows at a time (main_window.CHUNK_ROWS), so a sweep's updates go out span by span:
# 100 rows off screen 3.0 ms against 12.6 ms with the covering span (benchmarks/gui_turns.py, load 6).
MAX_SPANS = 128


class Col(enum.IntEnum):
    STATUS = 0
    ADDRESS = enum.auto()
    MODEL = enum.auto()
    HASHRATE = enum.auto()
    NOMINAL_PCT = enum.auto()
    CHIP_TEMP = enum.auto()
    BOARD_TEMP = enum.auto()
    FANS = enum.auto()
    POWER = enum.auto()
    EFFICIENCY = enum.auto()
    POOL = enum.auto()
    UPTIME = enum.auto()
    FAULTS = enum.auto()
    ERROR = enum.auto()


_NCOLS = len(Col)  # Qt asks for the column count thousands of times per repaint

HEADERS: dict[Col, tuple[str, str]] = {
    Col.STATUS: (
        "Status",
        "OK, worst fault severity, offline, or degraded (under 90 % of nominal, a stopped fan "
        "or missing chips, with no fault raised)",
    ),
    Col.ADDRESS: ("Address", "IP address (and API port when it is not 4028)"),
    Col.MODEL: ("Model", "Make and model (last known when offline)"),
    Col.HASHRATE: (
        "Hashrate",
        "Hashrate: the miner's own average (the 5 s figure is in the detail pane)",
    ),
    Col.NOMINAL_PCT: ("% nominal", "Hashrate as a share of the rated hashrate; red under 90 %"),
    Col.CHIP_TEMP: ("Chip max", "Hottest chip temperature"),
    Col.BOARD_TEMP: ("Board max", "Hottest hashboard (PCB) temperature"),
    Col.FANS: ("Fans", "Slowest fan in rpm × number of fans; red when a fan is stopped"),
    Col.POWER: ("Power", "Power draw reported by the miner"),
    Col.EFFICIENCY: ("J/TH", "Efficiency: watts per TH/s"),
    Col.POOL: ("Pool", "Active pool host and worker"),
    Col.UPTIME: ("Uptime", "Time since the mining process started"),
    Col.FAULTS: ("Faults", "Most severe fault, and how many"),
    Col.ERROR: ("Error", "Why the miner could not be read"),
}

NUMERIC_COLUMNS = frozenset(
    {
        Col.HASHRATE,
        Col.NOMINAL_PCT,
        Col.CHIP_TEMP,
        Col.BOARD_TEMP,
        Col.FANS,
        Col.POWER,
        Col.EFFICIENCY,
        Col.UPTIME,
    }
)

STATE_COLOURS: dict[RowState, QColor] = {
    RowState.OK: QColor(46, 157, 74),
    RowState.IDLE: QColor(120, 144, 156),
    RowState.INFO: QColor(59, 125, 216),
    RowState.DEGRADED: QColor(200, 170, 0),
    RowState.WARNING: QColor(224, 150, 0),
    RowState.CRITICAL: QColor(215, 38, 61),
    RowState.OFFLINE: QColor(110, 110, 110),
    RowState.PENDING: QColor(180, 180, 180),
}
# Translucent tints work on light and dark palettes alike.
ROW_TINTS: dict[RowState, QColor] = {
    RowState.WARNING: QColor(224, 150, 0, 38),
    RowState.CRITICAL: QColor(215, 38, 61, 46),
    RowState.OFFLINE: QColor(110, 110, 110, 50),
}
BAD = QColor(205, 30, 50)
WARM = QColor(196, 110, 0)

_ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_ALIGN_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

# data() answers several roles per visible cell on every repaint (issue 15: repaints are most of
# the window's time while sweeping): plain ints and tuples, no enum call or brush per answer.
_COLS = tuple(Col)
_ALIGNS = tuple(_ALIGN_RIGHT if c in NUMERIC_COLUMNS else _ALIGN_LEFT for c in Col)
_ALIGN_ROLE = int(Qt.ItemDataRole.TextAlignmentRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_tint_brushes: dict[RowState, QBrush] = {}

_icons: dict[RowState, QIcon] = {}


def state_icon(state: RowState) -> QIcon:
    """A filled dot in the state's colour (drawn on first use: needs a QGuiApplication)."""
    icon = _icons.get(state)
    if icon is None:
        pm = QPixmap(14, 14)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(STATE_COLOURS[state])
        p.drawEllipse(2, 2, 10, 10)
        p.end()
        icon = _icons[state] = QIcon(pm)
    return icon


def _num(value: float | int | None) -> float | None:
    return None if value is None else float(value)


def temp_colour(value: float | None, warm: float, hot: float) -> QColor | None:
    if value is None:
        return None
    if value >= hot:
        return BAD
    if value >= warm:
        return WARM
    return None


class FleetTableModel(SortedTableModel[FleetRow]):
    """One row per miner; sorted here (see sorted_model), filtered by the proxy."""

    columns = Col

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        # Says why a "Degraded" row has no fault yet (see gui/degraded.py); set by the window.
        self.explain: Callable[[FleetRow], str] | None = None
        # a fault's title in the window's language (the snapshot's is the stage's at poll time)
        self.fault_title: Callable[[Fault], str] | None = None
        self._totals = RunningTotals()
        self._cells: dict[str, tuple[list[str], list[QBrush | None]]] = {}  # see _render

    def totals(self) -> FleetTotals:
        """The fleet totals (kept up to date as rows change: no walk over every row)."""
        return self._totals.totals()

    # -- data access --------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _NCOLS

    def rows(self) -> Sequence[FleetRow]:
        return self._rows

    def row_at(self, row: int) -> FleetRow:
        return self._rows[row]

    def row_of(self, key: str) -> int | None:
        return self._index.get(key)

    def find(self, key: str) -> FleetRow | None:
        i = self._index.get(key)
        return None if i is None else self._rows[i]

    def keys(self) -> list[str]:
        return [r.key for r in self._rows]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Col):
            return None
        title, tip = HEADERS[Col(section)]
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("MainWindow", title)
        if role == Qt.ItemDataRole.ToolTipRole:
            return QCoreApplication.translate("MainWindow", tip)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_RIGHT if Col(section) in NUMERIC_COLUMNS else _ALIGN_LEFT
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if not (0 <= r < len(self._rows) and 0 <= c < _NCOLS):
            return None
        row = self._rows[r]
        if role in (_DISPLAY, _FOREGROUND):
            cells = self._cells.get(row.key)
            if cells is None:
                cells = self._cells[row.key] = self._render(row)
            return cells[0][c] if role == _DISPLAY else cells[1][c]
        if role == _ALIGN_ROLE:
            return _ALIGNS[c]
        if role == _BACKGROUND:
            tint = ROW_TINTS.get(row.state)
            if tint is None:
                return None
            brush = _tint_brushes.get(row.state)
            if brush is None:
                brush = _tint_brushes[row.state] = QBrush(tint)
            return brush
        if role == _DECORATION:
            if c != Col.STATUS:
                return None
            if QGuiApplication.instance() is None:  # e.g. a model test without an app
                return STATE_COLOURS[row.state]
            return state_icon(row.state)
        if role == SORT_ROLE:
            return self._sort_key(row, _COLS[c])
        if role == KEY_ROLE:
            return row.key
        if role == _TOOLTIP:
            return self._tooltip(row, _COLS[c])
        return None

    # -- cell contents ------------------------------------------------------------------------
    def _render(self, row: FleetRow) -> tuple[list[str], list[QBrush | None]]:
        """Every cell's text and colour of one row, computed once per update of the row: a
        repaint asks for each visible cell several times (display, colour, alignment …)."""
        texts = [self._text(row, col) for col in Col]
        brushes: list[QBrush | None] = []
        for col in Col:
            colour = self._foreground(row, col)
            brushes.append(None if colour is None else QBrush(colour))
        return texts, brushes

    def invalidate_cells(self) -> None:
        """Texts changed for every row (another language): render them again when shown."""
        self._cells.clear()

    @staticmethod
    def _live(row: FleetRow) -> MinerSnapshot | None:
        """The snapshot to read measurements from: only when the miner answered."""
        return row.snap if row.online else None

    def _text(self, row: FleetRow, col: Col) -> str:
        s = self._live(row)
        if col is Col.STATUS:
            return QCoreApplication.translate("MainWindow", row.state.label)
        if col is Col.ADDRESS:
            return fmt.address(row.ip, row.port)
        if col is Col.MODEL:
            return fmt.make_model(row.identity)
        if col is Col.ERROR:
            if row.snap is None or row.online:
                return ""
            return error_text(row.snap.error or "")
        if col is Col.FAULTS and s is None:
            return ""  # faults are evaluated on answers only
        if s is None:
            return fmt.DASH
        if col is Col.HASHRATE:
            return fmt.hashrate(s.hashrate_ths)
        if col is Col.NOMINAL_PCT:
            return fmt.percent(s.hashrate_ratio)
        if col is Col.CHIP_TEMP:
            return fmt.temp(s.temp_chip_max_c)
        if col is Col.BOARD_TEMP:
            return fmt.temp(s.temp_board_max_c)
        if col is Col.FANS:
            return fmt.fans(s.fans_rpm)
        if col is Col.POWER:
            return fmt.power(s.power_w)
        if col is Col.EFFICIENCY:
            return fmt.number(s.efficiency_j_th, 1)
        if col is Col.POOL:
            pool = s.active_pool
            if pool is None:
                return fmt.DASH
            host = fmt.pool_host(pool.url)
            return f"{host} · {pool.user}" if pool.user else host
        if col is Col.UPTIME:
            return fmt.duration(s.uptime_s)
        if col is Col.FAULTS:
            if row.state is RowState.DEGRADED and self.explain is not None:
                return self.explain(row)
            if not s.faults:
                return ""
            top = max(s.faults, key=lambda f: f.severity.rank)
            title = self.fault_title(top) if self.fault_title is not None else top.title
            more = len(s.faults) - 1
            return f"{title} (+{more})" if more else title
        return ""

    def _sort_key(self, row: FleetRow, col: Col) -> float | str | None:
        s = self._live(row)
        if col is Col.STATUS:
            return None if row.state is RowState.PENDING else float(row.state)
        if col is Col.ADDRESS:
            return row.address_key
        if col is Col.MODEL:
            text = fmt.make_model(row.identity)
            return None if text == fmt.DASH else text.lower()
        if col is Col.ERROR:
            return (row.snap.error or "").lower() or None if row.snap and not row.online else None
        if s is None:
            return None
        if col is Col.HASHRATE:
            return _num(s.hashrate_ths)
        if col is Col.NOMINAL_PCT:
            return _num(s.hashrate_ratio)
        if col is Col.CHIP_TEMP:
            return _num(s.temp_chip_max_c)
        if col is Col.BOARD_TEMP:
            return _num(s.temp_board_max_c)
        if col is Col.FANS:
            return _num(min(s.fans_rpm)) if s.fans_rpm else None
        if col is Col.POWER:
            return _num(s.power_w)
        if col is Col.EFFICIENCY:
            return _num(s.efficiency_j_th)
        if col is Col.POOL:
            text = self._text(row, col)
            return None if text == fmt.DASH else text.lower()
        if col is Col.UPTIME:
            return _num(s.uptime_s)
        if col is Col.FAULTS:
            if not s.faults:
                return None
            worst = max(f.severity.rank for f in s.faults)
            return float(worst * 1000 + len(s.faults))
        return None

    def _foreground(self, row: FleetRow, col: Col) -> QColor | None:
        s = self._live(row)
        if col is Col.ERROR:
            return BAD
        if col is Col.STATUS:
            return None
        if s is None:
            return None
        if col is Col.NOMINAL_PCT:
            ratio = s.hashrate_ratio
            if ratio is not None and ratio < fmt.LOW_HASHRATE_RATIO:
                return BAD
        elif col is Col.HASHRATE:
            if s.hashrate_ths == 0 and not s.idle:
                return BAD
        elif col is Col.CHIP_TEMP:
            lim = fmt.temp_limits(s.make, s.model)
            return temp_colour(s.temp_chip_max_c, lim.chip_warn_c, lim.chip_crit_c)
        elif col is Col.BOARD_TEMP:
            lim = fmt.temp_limits(s.make, s.model)
            return temp_colour(s.temp_board_max_c, lim.board_warn_c, lim.board_crit_c)
        elif col is Col.FANS:
            if any(r == 0 for r in s.fans_rpm) or (
                s.expected_fans is not None and len(s.fans_rpm) < s.expected_fans
            ):
                return BAD
        elif col is Col.FAULTS and s.faults:
            return STATE_COLOURS[row.state]
        return None

    def _tooltip(self, row: FleetRow, col: Col) -> str | None:
        snap = row.snap
        if snap is None:
            return QCoreApplication.translate("MainWindow", "Waiting for the first poll")
        if not snap.online:
            return error_text(snap.error or "") or QCoreApplication.translate(
                "MainWindow", "Offline"
            )
        if col in (Col.STATUS, Col.FAULTS) and row.state is RowState.DEGRADED and self.explain:
            return self.explain(row)
        if col in (Col.STATUS, Col.FAULTS) and snap.faults:
            return "\n".join(f"[{f.severity}] {f.title}: {f.detail}" for f in snap.faults)
        if col is Col.FANS and snap.fans_rpm:
            rpm = ", ".join(f"{r:,} rpm" for r in snap.fans_rpm)
            return QCoreApplication.translate("MainWindow", "Fans: {rpm}").format(rpm=rpm)
        if col is Col.POOL and snap.pools:
            return "\n".join(
                f"{'▶ ' if p.active else ''}{p.url}  {p.user or ''}  ({p.status})"
                for p in snap.pools
            )
        if col is Col.NOMINAL_PCT and snap.nominal_hashrate_ths:
            nominal = fmt.hashrate(snap.nominal_hashrate_ths)
            return QCoreApplication.translate("MainWindow", "Nominal {hashrate}").format(
                hashrate=nominal
            )
        return None

    # -- sorting (SortedTableModel) ----------------------------------------------------------
    def _tie_key(self, row: FleetRow) -> tuple[Any, ...]:
        return (row.address_key,)

    # -- updates ------------------------------------------------------------------------------
    def add_pending(self, targets: Iterable[Target]) -> int:
        """Add rows for targets not in the table yet ("Waiting"); returns how many were added."""
        new: list[FleetRow] = []
        seen: set[str] = set()
        for t in targets:
            if t.key in self._index or t.key in seen:
                continue
            seen.add(t.key)
            new.append(FleetRow(key=t.key, ip=t.ip, port=t.port))
        self._append(new)
        return len(new)

    def apply_snapshots(self, snapshots: Iterable[MinerSnapshot]) -> None:
        """Update known miners in place (one dataChanged per contiguous span) and append new ones."""
        changed: set[int] = set()
        new: dict[str, FleetRow] = {}
        for snap in snapshots:
            i = self._index.get(snap.key)
            if i is not None:
                self._rows[i].update(snap)
                changed.add(i)
            elif snap.key in new:
                new[snap.key].update(snap)
            else:
                new[snap.key] = FleetRow.from_snapshot(snap)
        rows = [self._rows[i] for i in changed]
        cells = self._cells
        for row in rows:
            cells.pop(row.key, None)
        self._changed(r.key for r in rows)
        self.warm_keys(rows)  # this batch's share of the next re-sort
        for row in rows:
            self._totals.set(row)
        last_col = len(Col) - 1
        spans = _spans(sorted(changed))
        if len(spans) > MAX_SPANS:
            # Thousands of rows scattered by a sort: one covering span repaints the view once,
            # where thousands of one-row signals cost ~30 µs each (qt.md §2).
            spans = [(spans[0][0], spans[-1][1])]
        for first, last in spans:
            self.dataChanged.emit(self.index(first, 0), self.index(last, last_col))
        self._append(list(new.values()))

    def remove_keys(self, keys: Iterable[str]) -> int:
        """Remove the miners' rows (one beginRemoveRows per span); unknown keys are ignored."""
        doomed = sorted({i for k in keys if (i := self._index.get(k)) is not None})
        if not doomed:
            return 0
        for first, last in reversed(_spans(doomed)):
            self.beginRemoveRows(QModelIndex(), first, last)
            for row in self._rows[first : last + 1]:
                self._totals.remove(row.key)
                self._cells.pop(row.key, None)
            self._changed(r.key for r in self._rows[first : last + 1])
            del self._rows[first : last + 1]
            self.endRemoveRows()
        self._index = {r.key: i for i, r in enumerate(self._rows)}
        return len(doomed)

    def _append(self, rows: list[FleetRow]) -> None:
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        for i, row in enumerate(rows, start=first):
            self._rows.append(row)
            self._index[row.key] = i
            self._totals.set(row)
        self.endInsertRows()
        self._changed(r.key for r in rows)  # not in sorted place yet


def _spans(sorted_rows: Sequence[int]) -> list[tuple[int, int]]:
    """[1, 2, 3, 7, 9, 10] -> [(1, 3), (7, 7), (9, 10)]."""
    spans: list[tuple[int, int]] = []
    for r in sorted_rows:
        if spans and spans[-1][1] == r - 1:
            spans[-1] = (spans[-1][0], r)
        else:
            spans.append((r, r))
    return spans


class FleetFilterProxy(QSortFilterProxyModel):
    """Filters by the filter language (core/filterlang), a quick status filter and "problems
    only"; sorting is forwarded to :class:`FleetTableModel`.

    Dynamic filtering is off (re-filtering thousands of rows on every update is wasted work):
    call :meth:`refresh` after updates, at most every couple of seconds. The proxy's own sort
    column stays -1, so it keeps the model's (sorted) order.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setDynamicSortFilter(False)
        self.setSortRole(SORT_ROLE)
        self._text = ""
        self._filter: Compiled = compile_filter("")
        self._problems_only = False
        self._statuses: frozenset[str] = frozenset()
        self._subjects = SubjectCache()
        # whether any filter is on, kept as one flag: the proxy asks filterAcceptsRow for every
        # row after each re-sort that moves rows (5,000 calls from C++ into Python)
        self._active = False
        self.sites: dict[str, list[str]] = {}

    def fleet(self) -> FleetTableModel:
        src = self.sourceModel()
        assert isinstance(src, FleetTableModel)
        return src

    @property
    def text_filter(self) -> str:
        return self._text

    @property
    def problems_only(self) -> bool:
        return self._problems_only

    @property
    def quick_statuses(self) -> frozenset[str]:
        return self._statuses

    def set_text_filter(self, text: str) -> None:
        """Apply a filter-language text; raises FilterError (the old filter stays) when bad."""
        text = text.strip()
        if text == self._text:
            return
        compiled = compile_filter(text, self.sites)

        def apply() -> None:
            self._text, self._filter = text, compiled

        self._change_filter(apply)

    def set_problems_only(self, on: bool) -> None:
        if on != self._problems_only:
            self._change_filter(lambda: setattr(self, "_problems_only", on))

    def set_quick_statuses(self, statuses: frozenset[str]) -> None:
        """Quick filter buttons: only rows whose status word is in the set (empty: all)."""
        if statuses != self._statuses:
            self._change_filter(lambda: setattr(self, "_statuses", frozenset(statuses)))

    def _change_filter(self, apply: Callable[[], None]) -> None:
        self.beginFilterChange()
        apply()
        self._active = self._filtering()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.fleet().sort(column, order)

    @property
    def filtering(self) -> bool:
        """Whether any filter is on (else every row of the model is shown, in its order)."""
        return self._active

    def _filtering(self) -> bool:
        return bool(not self._filter.empty or self._problems_only or self._statuses)

    def refresh(self, *, resort: bool = True) -> None:
        """Re-apply the filters and (unless told not to) the sort to the current data."""
        if self._filtering():
            self._change_filter(lambda: None)
        if resort:
            self.fleet().resort()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self._active:
            return True
        row = self.fleet().row_at(source_row)
        if self._problems_only and not row.is_problem:
            return False
        if not self._statuses and self._filter.empty:
            return True
        subject = self._subjects.get(row)
        if self._statuses and subject.status not in self._statuses:
            return False
        return self._filter(subject)
