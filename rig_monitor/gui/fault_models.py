"""Models behind the Faults view and the troubleshooting pane, fed by :class:`FaultBook`.

- :class:`FaultTableModel` + :class:`FaultFilterProxy`: every open fault of the fleet. Like the
  fleet table, it sorts in the source model (Python ``sorted`` + one ``layoutChanged``) and the
  proxy only filters; updates are diffs (``dataChanged`` spans, inserts, removals), never resets.
- :class:`IncidentModel`: fleet incidents (two levels: the incident, then its miners).
- :class:`RecentModel` + :class:`RecentFilterProxy`: raised/cleared/... events, newest first,
  for the shift handover.

:class:`FaultBook` receives each :class:`FaultReport` on the GUI thread, keeps the operator's
acknowledge/snooze actions visible until a report reflects them, and updates the three models.
"""

from __future__ import annotations

import enum
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication

from rig_monitor.core.faults import Catalogue, EventKind, FaultEvent, Incident, ThresholdOverrides
from rig_monitor.core.faults.stage import (
    FaultKey,
    FaultRecord,
    FaultReport,
    FaultStage,
    incident_key,
)
from rig_monitor.core.model import Severity
from rig_monitor.gui import fmt
from rig_monitor.gui.fleet import SEVERITY_STATE
from rig_monitor.gui.fleet_model import KEY_ROLE, SORT_ROLE, STATE_COLOURS, state_icon
from rig_monitor.gui.i18n import t, tn
from rig_monitor.gui.sorted_model import SortedTableModel

AnyIndex = QModelIndex | QPersistentModelIndex
RECORD_ROLE = int(Qt.ItemDataRole.UserRole) + 2  # the FaultRecord / Incident / FaultEvent
MAX_EVENTS = 20_000
DIM = QColor(128, 128, 128)

_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def miner_address(key: str) -> str:
    """ "10.0.0.5:4028" -> "10.0.0.5"; other ports stay."""
    host, _, port = key.rpartition(":")
    return host if port == "4028" else key


def since_text(ts: float | None, now: float) -> str:
    """ "14:05 (2 h 10 min)", with the day when it is not today."""
    if ts is None:
        return fmt.DASH
    same_day = time.localtime(ts)[:3] == time.localtime(now)[:3]
    clock = fmt.local_time(ts, "HH:mm" if same_day else t("ddd d MMM HH:mm"))
    return f"{clock} ({fmt.duration(int(max(0.0, now - ts)))})"


def severity_label(sev: Severity) -> str:
    """ "Critical", "Warning", "Info" in the window's language."""
    return t(str(sev).capitalize())


def board_title(title: str, board: int | None) -> str:
    """A fault title with its board (boards count from 1 on the miner's own pages too)."""
    return (
        title
        if board is None
        else t("{title} (board {board})").format(title=title, board=board + 1)
    )


def record_title(rec: FaultRecord, catalogue: Catalogue | None) -> str:
    """A fault's title in the catalogue's language (the stage's words when there is none)."""
    title = catalogue.title(rec.fault.id) if catalogue is not None else rec.fault.title
    return board_title(title, rec.fault.board)


def severity_colour(sev: Severity) -> QColor:
    return STATE_COLOURS[SEVERITY_STATE[sev]]


def _severity_icon(sev: Severity) -> Any:
    state = SEVERITY_STATE[sev]
    if QGuiApplication.instance() is None:
        return STATE_COLOURS[state]
    return state_icon(state)


def _spans(rows: Sequence[int]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for r in rows:
        if spans and spans[-1][1] == r - 1:
            spans[-1] = (spans[-1][0], r)
        else:
            spans.append((r, r))
    return spans


# ---------------------------------------------------------------------------------------------
# active faults


class FCol(enum.IntEnum):
    SEVERITY = 0
    MINER = enum.auto()
    MODEL = enum.auto()
    FAULT = enum.auto()
    EVIDENCE = enum.auto()
    SINCE = enum.auto()
    STATE = enum.auto()


FAULT_HEADERS = {
    FCol.SEVERITY: ("Severity", "Critical, warning or info"),
    FCol.MINER: ("Miner", "Address (double-click to show it in the fleet table)"),
    FCol.MODEL: ("Model", "Make and model"),
    FCol.FAULT: ("Fault", "What is wrong"),
    FCol.EVIDENCE: ("Evidence", "What the miner reported"),
    FCol.SINCE: ("Since", "First bad poll of the streak that raised it, and its age"),
    FCol.STATE: ("State", "Acknowledged, snoozed, or grouped under an incident"),
}


class FaultTableModel(SortedTableModel[FaultRecord]):
    """One row per open fault (miner, fault id, board); sorted here (see sorted_model)."""

    columns = FCol

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent, sort_column=FCol.SEVERITY, sort_order=Qt.SortOrder.DescendingOrder)
        self._now = time.time()
        self._catalogue: Catalogue | None = None
        self._incident_titles: dict[str, str] = {}

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FCol)

    def records(self) -> Sequence[FaultRecord]:
        return self._rows

    def record_at(self, row: int) -> FaultRecord:
        return self._rows[row]

    def row_of(self, key: FaultKey) -> int | None:
        return self._index.get(key)

    @property
    def now(self) -> float:
        return self._now

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(FCol):
            return None
        title, tip = FAULT_HEADERS[FCol(section)]
        if role == Qt.ItemDataRole.DisplayRole:
            return t(title)
        if role == Qt.ItemDataRole.ToolTipRole:
            return t(tip)
        return None

    def title(self, rec: FaultRecord) -> str:
        return record_title(rec, self._catalogue)

    def state_text(self, rec: FaultRecord) -> str:
        parts = []
        if rec.snoozed(self._now) and rec.snoozed_until is not None:
            until = _clock_day(rec.snoozed_until, self._now)
            parts.append(t("Snoozed until {time}").format(time=until))
        if rec.acknowledged_at is not None:
            at = _clock_day(rec.acknowledged_at, self._now)
            parts.append(t("Acknowledged {time}").format(time=at))
        if rec.incident is not None:
            parts.append(t("In incident"))
        return " · ".join(parts) if parts else t("Open")

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if not (0 <= r < len(self._rows) and 0 <= c < len(FCol)):
            return None
        rec, col = self._rows[r], FCol(c)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(rec, col)
        if role == SORT_ROLE:
            return self._sort_key(rec, col)
        if role == KEY_ROLE:
            return rec.miner
        if role == RECORD_ROLE:
            return rec
        quiet = rec.acknowledged or rec.snoozed(self._now) or rec.incident is not None
        if role == Qt.ItemDataRole.ForegroundRole:
            if col is FCol.SEVERITY and not quiet:
                return QBrush(severity_colour(rec.severity))
            return QBrush(DIM) if quiet else None
        if role == Qt.ItemDataRole.DecorationRole and col is FCol.SEVERITY:
            return _severity_icon(rec.severity)
        if role == Qt.ItemDataRole.FontRole and col is FCol.SEVERITY and not quiet:
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT
        if role == Qt.ItemDataRole.ToolTipRole:
            if col is FCol.STATE and rec.incident is not None:
                title = self._incident_titles.get(rec.incident, rec.incident)
                return t("Grouped under: {title}").format(title=title)
            if col in (FCol.FAULT, FCol.EVIDENCE):
                return f"{self.title(rec)}\n{rec.fault.detail}"
        return None

    def _text(self, rec: FaultRecord, col: FCol) -> str:
        if col is FCol.SEVERITY:
            return severity_label(rec.severity)
        if col is FCol.MINER:
            return miner_address(rec.miner)
        if col is FCol.MODEL:
            return rec.model or fmt.DASH
        if col is FCol.FAULT:
            return self.title(rec)
        if col is FCol.EVIDENCE:
            return rec.fault.detail
        if col is FCol.SINCE:
            return since_text(rec.first_seen, self._now)
        return self.state_text(rec)

    def _sort_key(self, rec: FaultRecord, col: FCol) -> float | str | None:
        if col is FCol.SEVERITY:
            return float(rec.severity.rank)
        if col is FCol.MINER:
            from rig_monitor.gui.fleet import address_sort_key

            host, _, port = rec.miner.rpartition(":")
            return address_sort_key(host, int(port) if port.isdigit() else 4028)
        if col is FCol.SINCE:
            return rec.first_seen
        text = self._text(rec, col)
        return None if text in ("", fmt.DASH) else text.lower()

    # -- sorting (SortedTableModel) --------------------------------------------------------------
    def _tie_key(self, rec: FaultRecord) -> tuple[Any, ...]:
        return (rec.first_seen, rec.miner)  # ties: oldest first, then by address

    # -- updates --------------------------------------------------------------------------------
    def set_records(
        self,
        records: Iterable[FaultRecord],
        now: float,
        catalogue: Catalogue | None,
        incident_titles: dict[str, str],
    ) -> None:
        """Replace the contents by a diff: changed rows, removed rows, appended rows; re-sort."""
        self._now = now
        self._catalogue = catalogue
        self._incident_titles = incident_titles
        self._changed()  # every record is new (ages move): a few hundred keys at most
        incoming = {r.key: r for r in records}
        gone = sorted(i for k, i in self._index.items() if k not in incoming)
        for first, last in reversed(_spans(gone)):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._rows[first : last + 1]
            self.endRemoveRows()
        if gone:
            self._index = {r.key: i for i, r in enumerate(self._rows)}
        # ages move with every report: repaint every kept row, in one span
        for i, rec in enumerate(self._rows):
            self._rows[i] = incoming.pop(rec.key)
        if self._rows:
            last_col = len(FCol) - 1
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, last_col))
        if incoming:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(incoming) - 1)
            for rec in incoming.values():
                self._index[rec.key] = len(self._rows)
                self._rows.append(rec)
            self.endInsertRows()
        self.resort()


def _clock_day(ts: float, now: float) -> str:
    same_day = time.localtime(ts)[:3] == time.localtime(now)[:3]
    return fmt.local_time(ts, "HH:mm" if same_day else "ddd HH:mm")


class FaultFilterProxy(QSortFilterProxyModel):
    """Filters by text, minimum severity, and whether to show acknowledged, snoozed and grouped
    faults; sorting is forwarded to :class:`FaultTableModel`. Filters are re-applied when the
    book says new data arrived (dynamic filtering is off)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setDynamicSortFilter(False)
        self.setSortRole(SORT_ROLE)
        self._text = ""
        self.min_rank = Severity.INFO.rank
        self.show_acknowledged = True
        self.show_snoozed = True
        self.show_grouped = True

    def faults(self) -> FaultTableModel:
        src = self.sourceModel()
        assert isinstance(src, FaultTableModel)
        return src

    def set_filters(self, **changes: Any) -> None:
        """``text=``, ``min_rank=``, ``show_acknowledged=``, ``show_snoozed=``, ``show_grouped=``."""
        self.beginFilterChange()
        for name, value in changes.items():
            if name == "text":
                self._text = str(value).strip().lower()
            elif name in ("min_rank", "show_acknowledged", "show_snoozed", "show_grouped"):
                setattr(self, name, value)
            else:
                raise TypeError(f"unknown filter {name!r}")
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def refresh(self) -> None:
        self.beginFilterChange()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.faults().sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.faults()
        rec = model.record_at(source_row)
        if rec.severity.rank < self.min_rank:
            return False
        if not self.show_acknowledged and rec.acknowledged:
            return False
        if not self.show_snoozed and rec.snoozed(model.now):
            return False
        if not self.show_grouped and rec.incident is not None:
            return False
        if not self._text:
            return True
        hay = " ".join(
            (rec.miner, rec.model, model.title(rec), rec.fault.id, rec.fault.detail)
        ).lower()
        return self._text in hay


# ---------------------------------------------------------------------------------------------
# incidents


class ICol(enum.IntEnum):
    TITLE = 0
    MINERS = enum.auto()
    SINCE = enum.auto()
    DETAIL = enum.auto()


INCIDENT_HEADERS = ("Incident / miner", "Miners", "Since", "Detail")


class IncidentModel(QAbstractItemModel):
    """Incidents (top level) and their miners (children). Children carry internalId = the
    incident's stable uid, so removing an earlier incident never confuses persistent indexes."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._incidents: list[Incident] = []
        self._uids: list[int] = []
        self._row_of_uid: dict[int, int] = {}
        self._next_uid = 1
        self._now = time.time()
        self._models: dict[str, str] = {}
        self._evidence: dict[tuple[str, str], str] = {}

    def incidents(self) -> Sequence[Incident]:
        return self._incidents

    def model_of(self, miner: str) -> str:
        return self._models.get(miner, "")

    def evidence_of(self, miner: str, fault_id: str | None) -> str:
        return self._evidence.get((miner, fault_id or ""), "")

    # -- structure ------------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not 0 <= column < len(ICol):
            return QModelIndex()
        if not parent.isValid():
            if 0 <= row < len(self._incidents):
                return self.createIndex(row, column, 0)
            return QModelIndex()
        if parent.internalId() != 0 or not 0 <= parent.row() < len(self._incidents):
            return QModelIndex()
        p = parent.row()
        if 0 <= row < len(self._incidents[p].miners):
            return self.createIndex(row, column, self._uids[p])
        return QModelIndex()

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        row = self._row_of_uid.get(int(index.internalId()))
        return QModelIndex() if row is None else self.createIndex(row, 0, 0)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._incidents)
        if parent.internalId() != 0 or parent.column() != 0:
            return 0
        return len(self._incidents[parent.row()].miners)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return len(ICol)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(ICol)
        ):
            return t(INCIDENT_HEADERS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        col = ICol(index.column())
        uid = int(index.internalId())
        if uid == 0:
            inc = self._incidents[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                if col is ICol.TITLE:
                    return inc.title
                if col is ICol.MINERS:
                    return f"{len(inc.miners):,}"
                if col is ICol.SINCE:
                    return since_text(inc.since, self._now) if inc.since else fmt.DASH
                return inc.detail
            if role == Qt.ItemDataRole.DecorationRole and col is ICol.TITLE:
                return _severity_icon(inc.severity)
            if role == Qt.ItemDataRole.FontRole and col is ICol.TITLE:
                f = QFont()
                f.setBold(True)
                return f
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{inc.title}\n{inc.detail}"
            if role == RECORD_ROLE:
                return inc
            if role == SORT_ROLE:
                return float(inc.severity.rank)
            return None
        prow = self._row_of_uid.get(uid)
        if prow is None:
            return None
        inc = self._incidents[prow]
        miner = inc.miners[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if col is ICol.TITLE:
                return miner_address(miner)
            if col is ICol.MINERS:
                return self._models.get(miner, "")
            if col is ICol.DETAIL:
                return self._evidence.get((miner, inc.fault_id or ""), "")
            return ""
        if role == KEY_ROLE:
            return miner
        return None

    # -- updates --------------------------------------------------------------------------------
    def set_incidents(
        self,
        incidents: Iterable[Incident],
        now: float,
        models: dict[str, str],
        evidence: dict[tuple[str, str], str],
    ) -> None:
        self._now = now
        self._models = models
        self._evidence = evidence
        incoming = {incident_key(i): i for i in incidents}
        current = [incident_key(i) for i in self._incidents]
        gone = [r for r, k in enumerate(current) if k not in incoming]
        for first, last in reversed(_spans(gone)):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._incidents[first : last + 1]
            del self._uids[first : last + 1]
            self.endRemoveRows()
        self._reindex()
        last_col = len(ICol) - 1
        for row, old in enumerate(self._incidents):
            new = incoming.pop(incident_key(old))
            parent = self.createIndex(row, 0, 0)
            if new.miners != old.miners:
                if old.miners:
                    self.beginRemoveRows(parent, 0, len(old.miners) - 1)
                    self._incidents[row] = replace(old, miners=[])
                    self.endRemoveRows()
                if new.miners:
                    self.beginInsertRows(parent, 0, len(new.miners) - 1)
                    self._incidents[row] = new
                    self.endInsertRows()
            self._incidents[row] = new
            self.dataChanged.emit(parent, self.createIndex(row, last_col, 0))
            if new.miners:
                uid = self._uids[row]
                self.dataChanged.emit(
                    self.createIndex(0, 0, uid), self.createIndex(len(new.miners) - 1, 3, uid)
                )
        if incoming:
            first = len(self._incidents)
            self.beginInsertRows(QModelIndex(), first, first + len(incoming) - 1)
            for inc in incoming.values():
                self._incidents.append(inc)
                self._uids.append(self._next_uid)
                self._next_uid += 1
            self._reindex()
            self.endInsertRows()

    def _reindex(self) -> None:
        self._row_of_uid = {uid: r for r, uid in enumerate(self._uids)}


# ---------------------------------------------------------------------------------------------
# recent events (shift handover)


class RCol(enum.IntEnum):
    TIME = 0
    EVENT = enum.auto()
    MINER = enum.auto()
    FAULT = enum.auto()
    SEVERITY = enum.auto()
    EVIDENCE = enum.auto()


RECENT_HEADERS = ("Time", "Event", "Miner", "Fault", "Severity", "Evidence")
EVENT_LABELS = {
    EventKind.RAISED: "Raised",
    EventKind.ESCALATED: "Escalated",
    EventKind.DEESCALATED: "Eased",
    EventKind.CLEARED: "Cleared",
    EventKind.ACKNOWLEDGED: "Acknowledged",
    EventKind.SNOOZED: "Snoozed",
    EventKind.SNOOZE_ENDED: "Snooze ended",
}


class RecentModel(QAbstractTableModel):
    """Fault lifecycle events, newest first (row 0), capped at ``MAX_EVENTS``."""

    def __init__(self, parent: Any = None, max_events: int = MAX_EVENTS) -> None:
        super().__init__(parent)
        self._events: list[FaultEvent] = []
        self._max = max_events
        self._catalogue: Catalogue | None = None

    def events(self) -> Sequence[FaultEvent]:
        return self._events

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(RCol)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(RCol)
        ):
            return t(RECENT_HEADERS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._events):
            return None
        ev = self._events[index.row()]
        col = RCol(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if col is RCol.TIME:
                return fmt.local_time(ev.at, "ddd HH:mm:ss")
            if col is RCol.EVENT:
                return t(EVENT_LABELS[ev.kind]) if ev.kind in EVENT_LABELS else str(ev.kind)
            if col is RCol.MINER:
                return miner_address(ev.miner)
            if col is RCol.FAULT:
                cat = self._catalogue
                title = cat.title(ev.fault.id) if cat is not None else ev.fault.title
                return board_title(title, ev.fault.board)
            if col is RCol.SEVERITY:
                return severity_label(ev.fault.severity)
            return ev.fault.detail
        if role == Qt.ItemDataRole.ForegroundRole:
            if col is RCol.EVENT and ev.kind is EventKind.CLEARED:
                return QBrush(STATE_COLOURS[SEVERITY_STATE[Severity.INFO]])
            if col is RCol.SEVERITY:
                return QBrush(severity_colour(ev.fault.severity))
            return None
        if role == Qt.ItemDataRole.DecorationRole and col is RCol.SEVERITY:
            return _severity_icon(ev.fault.severity)
        if role == KEY_ROLE:
            return ev.miner
        if role == RECORD_ROLE:
            return ev
        if role == SORT_ROLE:
            return ev.at
        return None

    def add(self, events: Sequence[FaultEvent], catalogue: Catalogue | None) -> None:
        self._catalogue = catalogue
        if not events:
            return
        newest_first = sorted(events, key=lambda e: e.at, reverse=True)[: self._max]
        self.beginInsertRows(QModelIndex(), 0, len(newest_first) - 1)
        self._events[0:0] = newest_first
        self.endInsertRows()
        if len(self._events) > self._max:
            self.beginRemoveRows(QModelIndex(), self._max, len(self._events) - 1)
            del self._events[self._max :]
            self.endRemoveRows()


class RecentFilterProxy(QSortFilterProxyModel):
    """Events at or after ``since`` (unix seconds), optionally without acknowledge/snooze.

    The window slides forward with every fault report (twice a second while sweeping).
    Re-filtering calls into Python once per kept event (up to ``MAX_EVENTS``: 48 ms at 20,000,
    benchmarks/gui_turns.py), so it is done only when a shown event falls out of the window or
    the kind filter changes; new events are filtered as they are inserted. With the default
    12-hour window that is never in a session's first 12 hours, nor while the cap drops the
    oldest events first.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setDynamicSortFilter(False)
        self.since = 0.0
        self.changes_only = False
        self._oldest_shown = float("inf")  # the oldest accepted event's time (or older)

    def set_since(self, since: float, changes_only: bool | None = None) -> None:
        same_kind = changes_only is None or changes_only == self.changes_only
        if same_kind and self.since <= since <= self._oldest_shown:
            self.since = since  # a later start that no shown event is older than: none changes
            return
        self.beginFilterChange()
        self.since = since
        self._oldest_shown = float("inf")
        if changes_only is not None:
            self.changes_only = changes_only
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        src = self.sourceModel()
        assert isinstance(src, RecentModel)
        ev = src.events()[source_row]
        if ev.at < self.since:
            return False
        if self.changes_only and ev.kind in (
            EventKind.ACKNOWLEDGED,
            EventKind.SNOOZED,
            EventKind.SNOOZE_ENDED,
        ):
            return False
        if ev.at < self._oldest_shown:
            self._oldest_shown = ev.at
        return True


def handover_summary(events: Iterable[FaultEvent]) -> str:
    """ "3 faults raised, 4 cleared, 1 escalated, 1 reboot loop" (story 2)."""
    kinds = Counter(e.kind for e in events)
    loops = sum(
        1
        for e in events
        if e.fault.id == "unexpected_reboot"
        and e.fault.severity is Severity.CRITICAL
        and e.kind in (EventKind.RAISED, EventKind.ESCALATED)
    )
    parts = [tn("%n faults raised", kinds[EventKind.RAISED])]
    parts.append(tn("%n cleared", kinds[EventKind.CLEARED]))
    if kinds[EventKind.ESCALATED]:
        parts.append(tn("%n escalated", kinds[EventKind.ESCALATED]))
    if loops:
        parts.append(tn("%n reboot loops", loops))
    if kinds[EventKind.ACKNOWLEDGED]:
        parts.append(tn("%n acknowledged", kinds[EventKind.ACKNOWLEDGED]))
    return t(", ").join(parts)


# ---------------------------------------------------------------------------------------------
# the book


class FaultBook(QObject):
    """The GUI's view of the fault stage: the latest report plus the operator's pending actions.

    Lives on the GUI thread; :meth:`apply_report` is called from the window's batch slot.
    """

    changed = Signal()  # after a report or a local action: records may differ
    new_critical_incidents = Signal(list)  # list[Incident] not seen before
    new_critical_faults = Signal(list)  # list[FaultRecord] raised critical, not in an incident

    def __init__(self, stage: FaultStage | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self.catalogue: Catalogue | None = stage.catalogue if stage is not None else None
        self.overrides: ThresholdOverrides = (
            stage.overrides if stage is not None else ThresholdOverrides()
        )
        self.now = time.time()
        self._records: list[FaultRecord] = []
        self._by_miner: dict[str, list[FaultRecord]] = {}
        self.incidents: tuple[Incident, ...] = ()
        self._seen_incidents: set[str] = set()
        self._pending: dict[
            tuple[FaultKey, str], tuple[int, float]
        ] = {}  # (key, kind) -> (seq, value)
        self._report: FaultReport | None = None
        self._faults_model = FaultTableModel(self)
        self._faults_proxy = FaultFilterProxy(self)
        self._faults_proxy.setSourceModel(self._faults_model)
        self._incident_model = IncidentModel(self)
        # The fault table and incident models are filled only while someone looks (see
        # set_views_live); _views_stale says a report arrived while nobody did.
        self._views_live = True
        self._views_stale = False
        self.recent_model = RecentModel(self)
        self.recent_proxy = RecentFilterProxy(self)
        self.recent_proxy.setSourceModel(self.recent_model)
        self.started = time.time()
        self._clock: Callable[[], float] = time.time

    @property
    def available(self) -> bool:
        return self.stage is not None

    # The table and incident models, up to date whenever read: a report that arrived while the
    # Faults tab was hidden is applied to them first (see set_views_live).
    @property
    def faults_model(self) -> FaultTableModel:
        self.catch_up()
        return self._faults_model

    @property
    def faults_proxy(self) -> FaultFilterProxy:
        self.catch_up()
        return self._faults_proxy

    @property
    def incident_model(self) -> IncidentModel:
        self.catch_up()
        return self._incident_model

    def title(self, rec: FaultRecord) -> str:
        """A record's title in the latest catalogue's language, without refilling the table."""
        return record_title(rec, self.catalogue)

    @property
    def views_live(self) -> bool:
        return self._views_live

    def set_views_live(self, live: bool) -> None:
        """Whether each report refills the fault table and incident models at once (their view
        is on screen) or only when they are next read or shown. At 5,000 miners a refill (the
        diff, a re-sort and re-filter of every open fault, the incident tree) costs 5-10 ms of
        the GUI thread twice a second; with the Faults tab hidden nobody sees it (issue 15).
        The records, incidents and per-miner lists (tab title, detail pane, alerts) stay live."""
        self._views_live = live
        if live:
            self.catch_up()

    def catch_up(self) -> None:
        """Apply the latest report to the table and incident models if they missed it."""
        if self._views_stale:
            self._views_stale = False
            self._fill_views()

    @property
    def records(self) -> Sequence[FaultRecord]:
        return self._records

    def for_miner(self, key: str) -> list[FaultRecord]:
        return list(self._by_miner.get(key, ()))

    def has_report(self) -> bool:
        return self._report is not None

    def use_catalogue(self, catalogue: Catalogue) -> None:
        """Fault texts in another language, before the stage's next report brings them."""
        self.catalogue = catalogue
        self._faults_model._catalogue = catalogue
        self.recent_model._catalogue = catalogue
        self.retranslate()

    def retranslate(self) -> None:
        """Headers and cells are made in the language of the moment: ask every view to redraw."""
        for model in (self._faults_model, self._incident_model, self.recent_model):
            columns = model.columnCount()
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)
            rows = model.rowCount()
            if rows:
                model.dataChanged.emit(model.index(0, 0), model.index(rows - 1, columns - 1))
        self.changed.emit()

    def apply_report(self, report: FaultReport) -> None:
        self._report = report
        self.now = report.now
        if report.catalogue is not None:  # None: unchanged since the previous report
            self.catalogue = report.catalogue
        if report.overrides is not None:
            self.overrides = report.overrides
        self._pending = {k: v for k, v in self._pending.items() if v[0] > report.applied}
        self.recent_model.add(report.events, self.catalogue)
        before = {r.key for r in self._records}
        self._rebuild()
        fresh = [
            i
            for i in report.incidents
            if i.severity is Severity.CRITICAL and incident_key(i) not in self._seen_incidents
        ]
        self._seen_incidents = {incident_key(i) for i in report.incidents}
        if fresh:
            self.new_critical_incidents.emit(fresh)
        raised = [
            r
            for r in self._records
            if r.key not in before
            and r.severity is Severity.CRITICAL
            and r.incident is None
            and not r.acknowledged
            and not r.snoozed(self.now)
        ]
        if raised:
            self.new_critical_faults.emit(raised)

    def _rebuild(self) -> None:
        report = self._report
        if report is None:
            return
        records = []
        # no pending action (the usual case): skip two key look-ups per record (~400 twice a second)
        for rec in report.records if self._pending else ():
            ack = self._pending.get((rec.key, "ack"))
            if ack is not None:
                rec = replace(rec, acknowledged_at=ack[1])
            snooze = self._pending.get((rec.key, "snooze"))
            if snooze is not None:
                rec = replace(rec, snoozed_until=snooze[1])
            records.append(rec)
        if not self._pending:
            records = list(report.records)
        self._records = records
        by_miner: dict[str, list[FaultRecord]] = {}
        for rec in records:
            by_miner.setdefault(rec.miner, []).append(rec)
        for recs in by_miner.values():
            recs.sort(key=lambda r: (-r.severity.rank, r.first_seen))
        self._by_miner = by_miner
        self.incidents = report.incidents
        if self._views_live:
            self._fill_views()
        else:
            self._views_stale = True
        self.changed.emit()

    def _fill_views(self) -> None:
        report = self._report
        if report is None:
            return
        records = self._records
        titles = {incident_key(i): i.title for i in report.incidents}
        self._faults_model.set_records(records, report.now, self.catalogue, titles)
        self._faults_proxy.refresh()
        models = dict(report.models)
        evidence = {(r.miner, r.fault.id): r.fault.detail for r in records}
        self._incident_model.set_incidents(report.incidents, report.now, models, evidence)

    # -- operator actions -----------------------------------------------------------------------
    def acknowledge(self, key: FaultKey) -> bool:
        if self.stage is None:
            return False
        seq = self.stage.acknowledge(key)
        self._pending[(key, "ack")] = (seq, self._clock())
        self._rebuild()
        return True

    def snooze(self, key: FaultKey, until: float) -> bool:
        if self.stage is None:
            return False
        seq = self.stage.snooze(key, until)
        self._pending[(key, "snooze")] = (seq, until)
        self._rebuild()
        return True
