"""The fleet table's layout: which columns show and where, their widths, compact mode, and a
re-sort that never moves the row under the mouse or the selection while the operator works.

Why the guard: live data re-sorts the table every couple of seconds; a click that lands while
rows move selects another miner. :class:`ResortGuard` says "not now" while the pointer is over the
table, a mouse button is down or a menu is open, and the window retries when it is idle. When a
re-sort does happen, :meth:`ResortGuard.pinned` keeps the current row at the same height on
screen, so the selection does not jump.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSignalBlocker,
    Qt,
)
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from rig_monitor.gui.fleet_model import HEADERS, KEY_ROLE, Col

# The status column is followed by why: the top fault and the offline reason, so a narrow window
# shows them before the measurements (issue 14: at 1366 px the Error column was off-screen).
DEFAULT_ORDER: tuple[Col, ...] = (
    Col.STATUS,
    Col.FAULTS,
    Col.ERROR,
    Col.ADDRESS,
    Col.MODEL,
    Col.HASHRATE,
    Col.NOMINAL_PCT,
    Col.CHIP_TEMP,
    Col.BOARD_TEMP,
    Col.FANS,
    Col.POWER,
    Col.EFFICIENCY,
    Col.POOL,
    Col.UPTIME,
)
# Compact mode (1366 × 768 laptops): the columns an operator on shift needs, narrower rows.
COMPACT_HIDDEN = frozenset({Col.BOARD_TEMP, Col.EFFICIENCY, Col.UPTIME, Col.POWER})
MIN_WIDTHS: dict[Col, int] = {
    Col.STATUS: 90,
    Col.FAULTS: 150,
    Col.ERROR: 130,
    Col.ADDRESS: 110,
    Col.MODEL: 120,
    Col.POOL: 160,
}
MAX_WIDTHS: dict[Col, int] = {Col.MODEL: 260, Col.FAULTS: 320, Col.ERROR: 260, Col.POOL: 320}
ROW_HEIGHT = 24
COMPACT_ROW_HEIGHT = 20


def apply_default_order(header: QHeaderView) -> None:
    for visual, col in enumerate(DEFAULT_ORDER):
        header.moveSection(header.visualIndex(col), visual)


def visible_columns(header: QHeaderView) -> list[Col]:
    """Shown columns in their on-screen order."""
    cols = [Col(header.logicalIndex(v)) for v in range(header.count())]
    return [c for c in cols if not header.isSectionHidden(c)]


def fit_widths(table: QTableView, sample_rows: int = 60) -> None:
    """Size each shown column to its content (header and the first rows), within limits, so model
    names are not cut while other columns have room. Cheap: looks at ``sample_rows`` rows only."""
    model = table.model()
    header = table.horizontalHeader()
    fm = table.fontMetrics()
    rows = min(model.rowCount(), sample_rows)
    for col in Col:
        if header.isSectionHidden(col):
            continue
        title = str(model.headerData(col, Qt.Orientation.Horizontal))
        widest = fm.horizontalAdvance(title) + 28
        # each distinct text measured once: most columns repeat a few texts ("S19j Pro", "—")
        texts = {model.index(r, col).data() for r in range(rows)}
        pad = 34 if col is Col.STATUS else 16
        for text in texts:
            if isinstance(text, str) and text:
                widest = max(widest, fm.horizontalAdvance(text) + pad)
        width = max(MIN_WIDTHS.get(col, 56), widest)
        header.resizeSection(col, min(width, MAX_WIDTHS.get(col, 200)))


COMPACT_WIDTHS: dict[Col, int] = {Col.FAULTS: 190, Col.ERROR: 170, Col.MODEL: 170, Col.POOL: 220}


def set_compact(table: QTableView, on: bool) -> None:
    """Hide the less-used columns and use shorter rows and a smaller font (1366 × 768)."""
    header = table.horizontalHeader()
    for col in COMPACT_HIDDEN:
        header.setSectionHidden(col, on)
    if on:
        for col, width in COMPACT_WIDTHS.items():
            header.resizeSection(col, min(header.sectionSize(col), width))
    table.verticalHeader().setDefaultSectionSize(COMPACT_ROW_HEIGHT if on else ROW_HEIGHT)
    font = QFont(table.font())
    base = QWidget().font().pointSizeF()
    if base > 0:
        font.setPointSizeF(base - 1 if on else base)
    table.setFont(font)


def column_menu(header: QHeaderView, parent: QWidget) -> QMenu:
    """The header's context menu: one check box per column (the last shown one cannot go), and
    "Reset columns"."""
    menu = QMenu(parent)
    shown = visible_columns(header)
    for visual in range(header.count()):
        col = Col(header.logicalIndex(visual))
        title, tip = HEADERS[col]
        action = QAction(title, menu)
        action.setCheckable(True)
        action.setChecked(not header.isSectionHidden(col))
        action.setToolTip(tip)
        action.setEnabled(not (len(shown) == 1 and col in shown))
        action.setData(int(col))
        action.toggled.connect(lambda on, c=col: header.setSectionHidden(c, not on))
        menu.addAction(action)
    menu.addSeparator()
    reset = QAction("Reset columns", menu)
    reset.setObjectName("resetColumns")

    def do_reset() -> None:
        for col in Col:
            header.setSectionHidden(col, False)
        apply_default_order(header)

    reset.triggered.connect(do_reset)
    menu.addAction(reset)
    return menu


class ResortGuard(QObject):
    """Watches the table's viewport: is the operator pointing at or clicking in it right now?"""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        self.hovered = False
        self.pressed = False
        self.menu_open = False
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Enter:
            self.hovered = True
        elif kind == QEvent.Type.Leave:
            self.hovered = False
            self.pressed = False
        elif kind == QEvent.Type.MouseButtonPress:
            self.pressed = True
        elif kind == QEvent.Type.MouseButtonRelease:
            self.pressed = False
        return False

    def busy(self) -> bool:
        """True while moving rows would move something under the operator's hand."""
        return self.hovered or self.pressed or self.menu_open

    @contextmanager
    def pinned(self) -> Iterator[None]:
        """Keep the current row at the same height in the viewport across a re-sort."""
        table = self.table
        selection = table.selectionModel()
        current = selection.currentIndex()
        before = table.visualRect(current).top() if current.isValid() else None
        yield
        after_ix = selection.currentIndex()  # the same miner: layoutChanged keeps it
        if before is None or not after_ix.isValid():
            return
        delta = table.visualRect(after_ix).top() - before
        if delta == 0:
            return
        bar = table.verticalScrollBar()
        if table.verticalScrollMode() == QAbstractItemView.ScrollMode.ScrollPerPixel:
            bar.setValue(bar.value() + delta)
        else:
            bar.setValue(bar.value() + round(delta / max(1, table.rowHeight(after_ix.row()))))


@contextmanager
def kept_by_key(table: QTableView, locate: Callable[[str], QModelIndex]) -> Iterator[None]:
    """Across rows whose contents change in place (a re-sort that rewrites rows instead of
    moving them, see ``SortedTableModel.apply_planned``): the current row and the selection stay
    on their miners, not on their positions. ``locate`` gives a key's row (column 0) in the
    table's model afterwards. The selection model's signals are held: every row stays selected
    or current as it was, only its position changed, and the rewritten rows are repainted."""
    selection = table.selectionModel()
    current = selection.currentIndex()
    current_key = current.data(KEY_ROLE) if current.isValid() else None
    keys = [ix.data(KEY_ROLE) for ix in selection.selectedRows()]
    yield
    last = table.model().columnCount() - 1
    chosen = QItemSelection()
    for key in keys:
        ix = locate(key)
        if ix.isValid():
            chosen.select(ix, ix.siblingAtColumn(last))
    flags = QItemSelectionModel.SelectionFlag
    with QSignalBlocker(selection):
        selection.select(chosen, flags.ClearAndSelect)
        if isinstance(current_key, str):
            ix = locate(current_key)
            if ix.isValid():
                selection.setCurrentIndex(ix.siblingAtColumn(current.column()), flags.NoUpdate)
