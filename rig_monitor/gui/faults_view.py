"""The Faults view: incidents on top, every open fault of the fleet, and what changed recently.

Single-click shows the miner in the detail pane, double-click selects it in the fleet table
(signals :attr:`FaultsView.miner_selected` and :attr:`FaultsView.miner_activated`).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from rig_monitor.core.faults import Incident
from rig_monitor.core.model import Severity
from rig_monitor.gui.fault_models import RECORD_ROLE, FaultBook, FCol, ICol, RCol, handover_summary
from rig_monitor.gui.fleet_model import KEY_ROLE
from rig_monitor.gui.i18n import t, tn
from rig_monitor.gui.incident_card import IncidentCard

RECENT_WINDOWS = (
    ("Last hour", 3600.0),
    ("Last 8 hours", 8 * 3600.0),
    ("Last 12 hours", 12 * 3600.0),
    ("Last 24 hours", 24 * 3600.0),
    ("Since the app started", None),
)
DEFAULT_WINDOW = 2  # 12 hours: a night shift


def _table(model: object) -> QTableView:
    t = QTableView()
    t.setModel(model)  # type: ignore[arg-type]
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setAlternatingRowColors(True)
    t.setWordWrap(False)
    t.setShowGrid(False)
    t.verticalHeader().setVisible(False)
    t.verticalHeader().setDefaultSectionSize(22)
    h = t.horizontalHeader()
    h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    h.setStretchLastSection(True)
    h.setHighlightSections(False)
    return t


def _section(title: str) -> QLabel:
    label = QLabel(f"<b>{title}</b>")
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


class FaultsView(QWidget):
    miner_selected = Signal(str)  # current row changed: show it in the detail pane
    miner_activated = Signal(str)  # double-click: select it in the fleet table

    def __init__(self, book: FaultBook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book

        # filters
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter faults by address, model, fault or evidence")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(lambda t: book.faults_proxy.set_filters(text=t))
        self.severity_combo = QComboBox()
        for label, sev in (
            ("All severities", Severity.INFO),
            ("Warning and worse", Severity.WARNING),
            ("Critical only", Severity.CRITICAL),
        ):
            self.severity_combo.addItem(label, sev.rank)
        self.severity_combo.currentIndexChanged.connect(
            lambda _i: book.faults_proxy.set_filters(min_rank=self.severity_combo.currentData())
        )
        self.ack_check = QCheckBox("Acknowledged")
        self.ack_check.setChecked(True)
        self.ack_check.toggled.connect(
            lambda on: book.faults_proxy.set_filters(show_acknowledged=on)
        )
        self.snoozed_check = QCheckBox("Snoozed")
        self.snoozed_check.setChecked(True)
        self.snoozed_check.toggled.connect(
            lambda on: book.faults_proxy.set_filters(show_snoozed=on)
        )
        self.grouped_check = QCheckBox("Grouped under incidents")
        self.grouped_check.setToolTip(
            t(
                "Faults that an incident above already explains (e.g. 40 unreachable miners in "
                "one rack): off by default, the incident says it once"
            )
        )
        self.grouped_check.setChecked(False)
        book.faults_proxy.set_filters(show_grouped=False)
        self.grouped_check.toggled.connect(
            lambda on: book.faults_proxy.set_filters(show_grouped=on)
        )
        self.summary = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.filter_edit, 1)
        row.addWidget(self.severity_combo)
        row.addWidget(QLabel("Show:"))
        row.addWidget(self.ack_check)
        row.addWidget(self.snoozed_check)
        row.addWidget(self.grouped_check)
        row.addSpacing(12)
        row.addWidget(self.summary)

        # incidents
        self.incidents_label = _section(t("Incidents"))
        self.incidents = QTreeView()
        self.incidents.setObjectName("incidents")
        self.incidents.setModel(book.incident_model)
        self.incidents.setAlternatingRowColors(True)
        self.incidents.setUniformRowHeights(True)
        self.incidents.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        ih = self.incidents.header()
        ih.setStretchLastSection(True)
        ih.resizeSection(ICol.TITLE, 620)
        ih.resizeSection(ICol.MINERS, 120)
        ih.resizeSection(ICol.SINCE, 130)
        self.incidents.doubleClicked.connect(self._activate)
        self.incidents.selectionModel().currentChanged.connect(self._select_incident)
        # Selecting an incident opens its card (cause, miners, evidence, what to check first).
        self.card = IncidentCard(book)
        self.card.miner_selected.connect(self.miner_selected)
        self.card.miner_activated.connect(self.miner_activated)
        self.card.hide()
        inc_split = self._inc_split = QSplitter(Qt.Orientation.Horizontal)
        inc_split.addWidget(self.incidents)
        self.card_scroll = QScrollArea()  # a long card scrolls instead of growing the window
        self.card_scroll.setWidgetResizable(True)
        self.card_scroll.setWidget(self.card)
        self.card_scroll.hide()
        inc_split.addWidget(self.card_scroll)
        inc_split.setStretchFactor(0, 2)
        inc_split.setStretchFactor(1, 3)
        inc_box = self._inc_box = QWidget()
        inc_layout = QVBoxLayout(inc_box)
        inc_layout.setContentsMargins(0, 0, 0, 0)
        inc_layout.addWidget(self.incidents_label)
        inc_layout.addWidget(inc_split)

        # active faults
        self.table = _table(book.faults_proxy)
        self.table.setObjectName("activeFaults")
        for col, width in (
            (FCol.SEVERITY, 92),
            (FCol.MINER, 130),
            (FCol.MODEL, 170),
            (FCol.FAULT, 220),
            (FCol.EVIDENCE, 420),
            (FCol.SINCE, 170),
        ):
            self.table.horizontalHeader().resizeSection(col, width)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(FCol.SEVERITY, Qt.SortOrder.DescendingOrder)
        self.table.doubleClicked.connect(self._activate)
        self.table.selectionModel().currentRowChanged.connect(self._select)
        self.active_label = _section(t("Active faults"))
        act_box = QWidget()
        act_layout = QVBoxLayout(act_box)
        act_layout.setContentsMargins(0, 0, 0, 0)
        act_layout.addWidget(self.active_label)
        act_layout.addWidget(self.table)

        # recent
        self.window_combo = QComboBox()
        for label, seconds in RECENT_WINDOWS:
            self.window_combo.addItem(label, seconds)
        self.window_combo.setCurrentIndex(DEFAULT_WINDOW)
        self.window_combo.currentIndexChanged.connect(lambda _i: self._refresh_recent())
        self.changes_check = QCheckBox("Raised and cleared only")
        self.changes_check.toggled.connect(lambda _on: self._refresh_recent())
        self.handover = QLabel()
        self.handover.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.recent = _table(book.recent_proxy)
        self.recent.setObjectName("recentEvents")
        for rcol, rwidth in (
            (RCol.TIME, 110),
            (RCol.EVENT, 100),
            (RCol.MINER, 130),
            (RCol.FAULT, 220),
            (RCol.SEVERITY, 90),
        ):
            self.recent.horizontalHeader().resizeSection(rcol, rwidth)
        self.recent.doubleClicked.connect(self._activate)
        self.recent.selectionModel().currentRowChanged.connect(self._select)
        rec_head = QHBoxLayout()
        rec_head.addWidget(_section(t("Recent")))
        rec_head.addWidget(self.window_combo)
        rec_head.addWidget(self.changes_check)
        rec_head.addSpacing(12)
        rec_head.addWidget(self.handover, 1)
        rec_box = QWidget()
        rec_layout = QVBoxLayout(rec_box)
        rec_layout.setContentsMargins(0, 0, 0, 0)
        rec_layout.addLayout(rec_head)
        rec_layout.addWidget(self.recent)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        for w in (inc_box, act_box, rec_box):
            self.splitter.addWidget(w)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([260, 260, 160])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.splitter, 1)

        # on screen or not (the window says so through set_live): hidden, a report only marks
        # this view stale, and showing it catches up
        self._live = True
        self._stale = False
        book.changed.connect(self._on_changed)
        # the recent window slides: re-filter once a minute even when nothing new arrives
        self._tick = QTimer(self)
        self._tick.setInterval(60_000)
        self._tick.timeout.connect(self._refresh_recent)
        self._tick.start()
        self._on_changed()

    # -- updates ----------------------------------------------------------------------------------
    def set_live(self, live: bool) -> None:
        """Whether this tab is on screen. Hidden, fault reports (twice a second while sweeping)
        neither refill its models nor its labels: at 5,000 miners that work was 5-10 ms of the
        GUI thread per report for a tab nobody looked at (issue 15). Shown, it catches up."""
        self._live = live
        self.book.set_views_live(live)
        if live and self._stale:
            self._on_changed()

    def _on_changed(self) -> None:
        if not self._live:
            self._stale = True
            return
        self._stale = False
        book = self.book
        n_inc = book.incident_model.rowCount()
        self.incidents.setVisible(n_inc > 0)
        self._inc_split.setVisible(n_inc > 0)
        self._refresh_card()
        self._inc_box.setMaximumHeight(
            16_777_215 if n_inc else self.incidents_label.sizeHint().height()
        )
        self.incidents_label.setText(
            "<b>{}</b> ({:,}): {}".format(t("Incidents"), n_inc, t("many miners, one cause"))
            if n_inc
            else t("<b>Incidents</b>: none")
        )
        records = book.records
        miners = len({r.miner for r in records})
        shown = book.faults_proxy.rowCount()
        grouped = sum(1 for r in records if r.incident is not None)
        # two counts, each with its own plural form (Russian: "на 1 асике", "на 5 асиках")
        text = tn("%n open faults", len(records)) + tn(" on %n miners", miners)
        if shown != len(records):
            text += " · " + t("showing {count}").format(count=f"{shown:,}")
        if grouped and not self.grouped_check.isChecked():
            text += " · " + tn("%n grouped under incidents", grouped)
        self.active_label.setText(f"<b>{t('Active faults')}</b>: {text}")
        self.summary.setText("" if book.available else t("Fault tracking is off"))
        self._refresh_recent()

    def fit_words(self) -> None:
        """After a language switch: the severity columns as wide as their words ("Критично")."""
        self.table.resizeColumnToContents(FCol.SEVERITY)
        self.recent.resizeColumnToContents(RCol.SEVERITY)

    def _refresh_recent(self) -> None:
        if not self._live:
            self._stale = True
            return
        seconds = self.window_combo.currentData()
        since = self.book.started if seconds is None else time.time() - float(seconds)
        self.book.recent_proxy.set_since(since, self.changes_check.isChecked())
        events = [e for e in self.book.recent_model.events() if e.at >= since]
        label = self.window_combo.currentText().lower()
        self.handover.setText(f"{label}: {handover_summary(events)}")

    def _key_at(self, index: QModelIndex) -> str | None:
        key = index.data(KEY_ROLE) if index.isValid() else None
        return key if isinstance(key, str) else None

    def _refresh_card(self) -> None:
        """Keep the open card on its incident as reports come in; close it when it ends."""
        shown = self.card.incident
        if shown is None:
            return
        for inc in self.book.incident_model.incidents():
            if inc.id == shown.id and inc.scope == shown.scope:
                self.card.show_incident(inc)
                return
        self.card.show_incident(None)
        self.card.hide()
        self.card_scroll.hide()

    def open_incident(self, incident: Incident) -> None:
        self.card.show_incident(incident)
        self.card.show()
        self.card_scroll.show()

    def _select_incident(self, current: QModelIndex, previous: QModelIndex) -> None:
        """An incident row opens its card; a miner row under it shows that miner."""
        inc = current.data(RECORD_ROLE) if current.isValid() else None
        if isinstance(inc, Incident):
            self.open_incident(inc)
        else:
            self._select(current, previous)

    def _select(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = self._key_at(current)
        if key is not None:
            self.miner_selected.emit(key)

    def _activate(self, index: QModelIndex) -> None:
        key = self._key_at(index)
        if key is not None:
            self.miner_activated.emit(key)
