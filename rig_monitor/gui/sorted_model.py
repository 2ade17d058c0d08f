"""Sorting done in the source table model, shared by the fleet and fault tables.

Why not QSortFilterProxyModel's sort: its ``lessThan`` calls back into Python for every comparison
(measured ≈ 0.5 s per sort at 5,000 rows); one Python ``sorted`` over precomputed keys plus one
``layoutChanged`` (which keeps selection and persistent indexes) takes 20–75 ms. The proxy still
filters. Unknown values sort last in both directions; ties keep a stable order given by the row.

Sort keys are cached per row and dropped when a row changes (:meth:`SortedTableModel._changed`):
a live fleet changes a few hundred rows between two re-sorts, so a re-sort of 5,000 rows computes
a few hundred keys, not 5,000 (issue 15: the re-sort was the GUI thread's longest stall).

The rows changed since the last re-sort are remembered too: when each of them still sits between
its neighbours, the order is right as it is and the re-sort ends there, without a
``layoutChanged`` (which makes the filter proxy ask for all 5,000 rows again and the view repaint:
~30 ms at 5,000 rows, the longest event-loop turn left while sweeping). Sorted by state, most
updates move nothing.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from itertools import compress, repeat
from operator import attrgetter, is_not, itemgetter, not_
from typing import Any, Generic, TypeVar, cast

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

RowT = TypeVar("RowT")


class SortedTableModel(QAbstractTableModel, Generic[RowT]):
    """Subclasses fill ``_rows``/``_index`` and define ``_sort_key`` and ``_tie_key``."""

    columns: type[enum.IntEnum]

    def __init__(
        self,
        parent: Any = None,
        *,
        sort_column: int | None = None,
        sort_order: Qt.SortOrder = Qt.SortOrder.AscendingOrder,
    ) -> None:
        super().__init__(parent)
        self._rows: list[RowT] = []
        self._index: dict[Any, int] = {}
        self._sort_col: enum.IntEnum | None = (
            None if sort_column is None else self.columns(sort_column)
        )
        self._sort_order = sort_order
        self._keys: dict[Any, tuple[Any, tuple[Any, ...]]] = {}  # row key -> (sort key, tie)
        # rows whose data changed since the last re-sort; None: anything may have (a full sort)
        self._dirty: set[Any] | None = None
        self._plan: SortPlan | None = None  # a re-sort worked out, not applied yet

    # what subclasses provide
    def _sort_key(self, row: RowT, col: Any) -> Any:
        raise NotImplementedError

    def _tie_key(self, row: RowT) -> tuple[Any, ...]:
        raise NotImplementedError

    # a row's identity: read for every row in a full re-sort, so a C-level getter, not a method
    _row_key: Callable[[Any], Any] = staticmethod(attrgetter("key"))

    @property
    def sort_column(self) -> int:
        return -1 if self._sort_col is None else int(self._sort_col)

    @property
    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        col = self.columns(column) if 0 <= column < len(self.columns) else None
        if col != self._sort_col:
            self._keys.clear()
        self._sort_col = col
        self._sort_order = order
        self._dirty = None
        self.resort()

    def _changed(self, keys: Any = None) -> None:
        """These rows' data changed (all rows when None): their sort keys are computed again."""
        if keys is None:
            self._keys.clear()
            self._dirty = None
            return
        pop = self._keys.pop
        dirty = self._dirty
        for k in keys:
            pop(k, None)
            if dirty is not None:
                dirty.add(k)

    def _cached_key(self, row: RowT) -> tuple[Any, tuple[Any, ...]]:
        rk = self._row_key(row)
        entry = self._keys.get(rk)
        if entry is None:
            assert self._sort_col is not None
            entry = self._keys[rk] = (self._sort_key(row, self._sort_col), self._tie_key(row))
        return entry

    def warm_keys(self, rows: Any) -> None:
        """Compute the sort keys of these (just changed) rows now, a batch at a time, so the next
        re-sort has little left to do."""
        if self._sort_col is not None:
            for row in rows:
                self._cached_key(row)

    def _still_sorted(self) -> bool:
        """Whether the current order is still right: every row changed since the last re-sort
        is in order with both its neighbours (the pairs of unchanged rows were in order then),
        and every row has a key (a row appended since has none, and is not in place yet)."""
        dirty = self._dirty
        if dirty is None or len(dirty) > len(self._rows) // 2:
            return False  # most rows changed: the full sort is as quick, and it is needed anyway
        rows, index, compute = self._rows, self._index, self._cached_key
        last = len(rows) - 1
        desc = self._sort_order == Qt.SortOrder.DescendingOrder
        for k in dirty:
            i = index.get(k)
            if i is None:
                continue  # removed: removing rows keeps the others in order
            here = compute(rows[i])
            if i > 0 and not _in_order(compute(rows[i - 1]), here, desc):
                return False
            if i < last and not _in_order(here, compute(rows[i + 1]), desc):
                return False
        return len(self._keys) == len(rows)

    def resort(self) -> bool:
        """Re-apply the current sort to changed data; returns whether any row moved."""
        return self.plan_resort() and self.apply_planned()

    @property
    def resort_pending(self) -> bool:
        """Whether a planned re-sort waits for :meth:`apply_planned`."""
        return self._plan is not None

    def plan_resort(self) -> bool:
        """The first half of :meth:`resort`: work out the new order without moving any row;
        returns whether rows will move (then :meth:`apply_planned` moves them). The window runs
        the halves in two event-loop turns: at 5,000 rows each is 5-8 ms of the GUI thread, the
        two in one turn 13-15 ms before the repaint that follows (issue 15: stalls < 50 ms)."""
        if self._plan is not None:
            # an order planned and never applied: the changed rows it covered are no longer
            # marked, so this time every row is sorted
            self._plan = None
            self._dirty = None
        col = self._sort_col
        if col is None or len(self._rows) < 2:
            return False
        if self._still_sorted():
            self._dirty = set()
            return False
        # C-level passes (map, zip, compress, sort by itemgetter) over the rows, not a Python
        # loop: while the first sweep fills the table most re-sorts move rows and take this path
        # (5,000 rows: the loop was ~6 of the re-sort's ~14 ms, issue 15)
        rows, cache = self._rows, self._keys
        got = list(map(cache.get, map(self._row_key, rows)))
        entries: list[tuple[Any, tuple[Any, ...]]]
        if None in got:  # rows changed since the last re-sort: compute their keys now
            compute = self._cached_key
            entries = [e if e is not None else compute(r) for e, r in zip(got, rows, strict=True)]
        else:
            entries = cast("list[tuple[Any, tuple[Any, ...]]]", got)
        keys = list(map(itemgetter(0), entries))
        n = len(rows)
        decorated = list(zip(keys, map(itemgetter(1), entries), range(n), strict=True))
        has_key = list(map(is_not, keys, repeat(None)))
        known = list(compress(decorated, has_key))
        unknown = list(compress(decorated, map(not_, has_key)))
        known.sort(key=itemgetter(1))  # ties keep their order, whichever the direction
        known.sort(key=itemgetter(0), reverse=self._sort_order == Qt.SortOrder.DescendingOrder)
        unknown.sort(key=itemgetter(1))  # unknown values last, by tie, then by row
        order = list(map(itemgetter(2), known))
        order += map(itemgetter(2), unknown)
        self._dirty = set()
        if order == list(range(n)):
            return False
        self._plan = SortPlan(order, list(rows))
        return True

    def apply_planned(self, *, in_place: bool = False) -> bool:
        """Move the rows into the order :meth:`plan_resort` worked out. Rows that changed since
        are still marked changed, so the next re-sort checks them; when rows came or went since,
        the plan no longer fits: it is dropped and the next re-sort sorts every row. Returns
        whether rows moved.

        By default one ``layoutChanged``: selection and persistent indexes follow their rows.
        ``in_place``: the rows' contents change where they stand instead (one ``dataChanged``
        over the rows that moved); persistent indexes stay at their positions, so the caller
        puts the selection back by key. Why: a ``layoutChanged`` makes a filter proxy map every
        row again, one ``filterAcceptsRow`` call into Python per row (5,000 rows: ~5.5 of the
        ~7 ms this step took), and a proxy that filters nothing has nothing to map."""
        plan, self._plan = self._plan, None
        if plan is None:
            return False
        rows = self._rows
        if len(rows) != len(plan.rows) or any(map(is_not, rows, plan.rows)):
            self._dirty = None
            return False
        order, n = plan.order, len(rows)
        if in_place:
            self._rows = list(map(rows.__getitem__, order))
            self._index = dict(zip(map(self._row_key, self._rows), range(n), strict=True))
            moved = [i for i, j in enumerate(order) if i != j]
            last_col = self.columnCount() - 1
            self.dataChanged.emit(self.index(moved[0], 0), self.index(moved[-1], last_col))
            return True
        self.layoutAboutToBeChanged.emit()
        new_row = dict(zip(order, range(n), strict=True))
        old_persistent = self.persistentIndexList()
        new_persistent = [
            self.index(new_row[ix.row()], ix.column()) if ix.isValid() else QModelIndex()
            for ix in old_persistent
        ]
        self._rows = list(map(rows.__getitem__, order))
        self._index = dict(zip(map(self._row_key, self._rows), range(n), strict=True))
        self.changePersistentIndexList(old_persistent, new_persistent)
        self.layoutChanged.emit()
        return True


@dataclass(frozen=True, slots=True)
class SortPlan:
    """A re-sort worked out but not applied: ``order[i]`` is the current row that goes to i."""

    order: list[int]
    rows: list[Any]  # the rows when planned: the plan fits only while they are the same


def _in_order(a: tuple[Any, tuple[Any, ...]], b: tuple[Any, tuple[Any, ...]], desc: bool) -> bool:
    """Whether row ``a`` may come before row ``b`` in :meth:`SortedTableModel.resort`'s order:
    known keys first, in the column's direction, unknown ones last; ties by the tie key."""
    (ka, ta), (kb, tb) = a, b
    if ka is None:
        return kb is None and ta <= tb
    if kb is None:
        return True
    if ka != kb:
        return bool(ka > kb) if desc else bool(ka < kb)
    return ta <= tb
