"""The main window: totals bar, fleet table and Faults view, detail pane, target entry, engine
status, fault alerts (tray notification, or the status bar when there is no tray)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QItemSelectionModel,
    QModelIndex,
    QSettings,
    Qt,
    QThreadPool,
    QTimer,
    Slot,
)
from PySide6.QtGui import QAction, QCloseEvent, QColor, QIcon, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QSystemTrayIcon,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rig_monitor.core.config import MAX_INTERVAL_S, MIN_INTERVAL_S, AppConfig, save_config
from rig_monitor.core.engine.engine import Batch, EngineConfig, EngineThread, PollFn, SweepStats
from rig_monitor.core.engine.engine_process import EngineProcess, RemoteStage, use_process_engine
from rig_monitor.core.engine.protocol import Engine
from rig_monitor.core.export import snapshot_to_dict
from rig_monitor.core.faults import Incident, ThresholdOverrides, save_overrides, thresholds_path
from rig_monitor.core.faults.stage import FaultRecord, FaultReport, FaultStage
from rig_monitor.core.model import MinerSnapshot, Target
from rig_monitor.gui import fmt
from rig_monitor.gui.bridge import EngineBridge
from rig_monitor.gui.detail import DetailPane
from rig_monitor.gui.fault_models import FaultBook, miner_address
from rig_monitor.gui.faults_view import FaultsView
from rig_monitor.gui.fleet import FleetTotals, RowState, compute_totals
from rig_monitor.gui.fleet_model import (
    BAD,
    KEY_ROLE,
    STATE_COLOURS,
    Col,
    FleetFilterProxy,
    FleetTableModel,
)
from rig_monitor.gui.history_charts import FleetHistoryView, MinerHistoryView
from rig_monitor.gui.history_handover import HandoverView
from rig_monitor.gui.history_link import HistoryLink
from rig_monitor.gui.thresholds_dialog import ThresholdsDialog, effective_language

log = logging.getLogger(__name__)

ParseFn = Callable[[str], list[Target]]

RESORT_DELAY_MS = 2000  # re-sort/filter at most this often after updates (qt.md §3)
NOTIFY_GAP_MS = 60_000  # at most one tray notification a minute; later ones are summed up
INTERVAL_DEBOUNCE_MS = 700

COLUMN_WIDTHS: dict[Col, int] = {
    Col.STATUS: 98,
    Col.ADDRESS: 136,
    Col.MODEL: 140,
    Col.HASHRATE: 88,
    Col.NOMINAL_PCT: 80,
    Col.CHIP_TEMP: 72,
    Col.BOARD_TEMP: 80,
    Col.FANS: 84,
    Col.POWER: 70,
    Col.EFFICIENCY: 52,
    Col.POOL: 250,
    Col.UPTIME: 84,
    Col.FAULTS: 160,
}


def default_parse(text: str) -> list[Target]:
    """The GUI's target parser: ``parse_targets`` minus ``@files`` (no disk I/O on the GUI thread)."""
    from rig_monitor.core.targets import parse_targets

    if any(tok.startswith("@") for tok in text.replace(",", " ").split()):
        raise ValueError("@files are for the command line: paste the addresses here instead")
    return parse_targets(text)


def app_icon(colour: QColor | None = None) -> QIcon:
    """A drawn icon (no resource files needed): a chip in the fleet's state colour."""
    colour = colour or STATE_COLOURS[RowState.OK]
    pm = QPixmap(64, 64)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(40, 44, 52))
    p.drawRoundedRect(4, 4, 56, 56, 10, 10)
    p.setBrush(colour)
    p.drawRoundedRect(16, 16, 32, 32, 5, 5)
    p.setBrush(QColor(200, 200, 200))
    for i in range(4):
        x = 18 + i * 8
        p.drawRect(x, 8, 4, 6)
        p.drawRect(x, 50, 4, 6)
        p.drawRect(8, x, 6, 4)
        p.drawRect(50, x, 6, 4)
    p.end()
    return QIcon(pm)


class ConfigSaver:
    """Writes the config on a one-thread pool, in order, never on the GUI thread."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(1)

    def save(self, config: AppConfig) -> None:
        snapshot = config.copy()
        path = self._path

        def job() -> None:
            try:
                save_config(snapshot, path)
            except Exception:
                log.exception("could not save the config")

        self._pool.start(job)

    def run(self, job: Callable[[], None]) -> None:
        """Any other file write (e.g. thresholds.json), in order with the config saves."""
        self._pool.start(job)

    def wait(self, msecs: int = 5000) -> bool:
        return self._pool.waitForDone(msecs)


class TotalsBar(QFrame):
    """Fleet summary above the table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("totalsBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#totalsBar { background: palette(alternate-base); border-radius: 4px; }"
            "#totalsBar QLabel { font-size: 11pt; }"
        )
        self.online = QLabel()
        self.offline = QLabel()
        self.faults = QLabel()
        self.degraded = QLabel()
        self.waiting = QLabel()
        self.hashrate = QLabel()
        self.power = QLabel()
        self.sweep = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(22)
        labels = (self.online, self.offline, self.faults, self.degraded, self.waiting)
        for w in (*labels, self.hashrate, self.power):
            w.setTextFormat(Qt.TextFormat.RichText)
            layout.addWidget(w)
        layout.addStretch(1)
        layout.addWidget(self.sweep)
        self._plain: list[str] = []
        self.set_totals(FleetTotals(), None)

    def set_totals(self, t: FleetTotals, last_sweep: SweepStats | None) -> None:
        def part(label: QLabel, value: str, rest: str, colour: QColor | None) -> str:
            style = f' style="color:{colour.name()}"' if colour is not None else ""
            label.setText(f"<b{style}>{value}</b> {rest}")
            return f"{value} {rest}"

        ok, grey = STATE_COLOURS[RowState.OK], STATE_COLOURS[RowState.OFFLINE]
        plain = [
            part(self.online, f"{t.online:,}", "online", ok if t.online else None),
            part(self.offline, f"{t.offline:,}", "offline", BAD if t.offline else grey),
            part(
                self.faults,
                f"{t.with_faults:,}",
                "with faults",
                STATE_COLOURS[RowState.WARNING] if t.with_faults else None,
            ),
        ]
        self.degraded.setVisible(t.degraded > 0)
        if t.degraded:
            colour = STATE_COLOURS[RowState.DEGRADED]
            plain.append(part(self.degraded, f"{t.degraded:,}", "degraded", colour))
        self.waiting.setVisible(t.pending > 0)
        if t.pending:
            plain.append(part(self.waiting, f"{t.pending:,}", "waiting", None))
        rate = fmt.hashrate(t.hashrate_ths) if t.online else fmt.DASH
        if t.nominal_ths:
            share = fmt.percent(t.hashrate_ths / t.nominal_ths)
            rest = f"of {fmt.hashrate(t.nominal_ths)} nominal ({share})"
        else:
            rest = "total"
        plain.append(part(self.hashrate, rate, rest, None))
        if t.power_reporting:
            reporting = f"({t.power_reporting:,} of {t.online:,} reporting)"
            plain.append(part(self.power, fmt.fleet_power(t.power_w), reporting, None))
        else:
            plain.append(part(self.power, fmt.DASH, "kW (no miner reports power)", None))
        if last_sweep is not None and last_sweep.finished is not None:
            text = f"Last sweep {fmt.clock(last_sweep.finished)} in {last_sweep.duration_s:.1f} s"
        else:
            text = "No sweep finished yet"
        self.sweep.setText(text)
        plain.append(text)
        self._plain = plain

    def summary(self) -> str:
        """The bar as one line of plain text (for tests and the tray tooltip)."""
        return " · ".join(self._plain)


class MainWindow(QMainWindow):
    """The fleet window. Owns the engine thread; call :meth:`start` once, :meth:`shutdown` at the end."""

    def __init__(
        self,
        targets: list[Target],
        *,
        config: AppConfig | None = None,
        poll: PollFn | None = None,
        engine_config: EngineConfig | None = None,
        persist: bool = True,
        config_path: Path | None = None,
        parse: ParseFn | None = None,
        settings: QSettings | None = None,
        title: str = "Rig Monitor",
        use_tray: bool = True,
        post_process: Callable[[list[MinerSnapshot]], object] | None = None,
        history_path: Path | None = None,
    ) -> None:
        super().__init__()
        self.config = config.copy() if config is not None else AppConfig()
        self._persist = persist
        self._parse: ParseFn = parse or default_parse
        self._settings = settings
        self._saver = ConfigSaver(config_path)
        self._targets: dict[str, Target] = {}
        for t in targets:
            self._targets.setdefault(t.key, t)
        self._last_sweep: SweepStats | None = None
        self._sweeps_seen = 0
        self._started = False
        self._shut_down = False
        self._quitting = False
        self.tray: QSystemTrayIcon | None = None
        self._tray_state: RowState | None = None
        # Fault tracking: a FaultStage as post_process feeds the Faults view and the detail pane.
        self.fault_stage = post_process if isinstance(post_process, FaultStage) else None
        self.fault_book = FaultBook(self.fault_stage, self)
        self._thresholds_path = (
            config_path.with_name("thresholds.json") if config_path is not None else None
        )
        self._held_alerts: list[tuple[str, str]] = []
        self._last_notice = -float(NOTIFY_GAP_MS)

        self.setWindowTitle(title)
        self.setWindowIcon(app_icon())
        self._default_size()

        ecfg = engine_config or EngineConfig()
        ecfg.interval_s = self.config.interval_s
        self.bridge = EngineBridge(self)
        # post_process runs on the engine side (e.g. fault evaluation), never on the GUI thread.
        # Real polling runs in a child process (its own GIL: parsing 5,000 miners' replies never
        # stalls a repaint); injected polls (tests) and RIG_MONITOR_ENGINE=thread use a thread.
        self.engine: Engine
        if (
            poll is None
            and use_process_engine()
            and (post_process is None or isinstance(post_process, RemoteStage))
        ):
            self.engine = EngineProcess(
                self.bridge.on_batch,
                ecfg,
                post_process=post_process,
                on_failure=self.bridge.on_engine_failed,
            )
        else:
            self.engine = EngineThread(
                self.bridge.on_batch, ecfg, poll=poll, post_process=post_process
            )
        self.bridge.batch_ready.connect(self._on_batch)
        self.bridge.engine_failed.connect(self._on_engine_failed)
        # History (charts, handover, kept faults): recorded on its own writer thread.
        self.history = HistoryLink(history_path, self.fault_stage, self) if history_path else None

        self.model = FleetTableModel(self)
        self.proxy = FleetFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._build_ui()
        self.model.add_pending(self._targets.values())
        self._update_empty_state()
        self._refresh_totals()

        # The totals walk every row: while a sweep streams in, refresh them at most every 500 ms
        # (and at once when the sweep ends) instead of on every batch.
        self._totals_timer = QTimer(self)
        self._totals_timer.setSingleShot(True)
        self._totals_timer.setInterval(500)
        self._totals_timer.timeout.connect(self._refresh_totals)
        self._resort_timer = QTimer(self)
        self._resort_timer.setSingleShot(True)
        self._resort_timer.setInterval(RESORT_DELAY_MS)
        self._resort_timer.timeout.connect(self._resort)
        self._interval_timer = QTimer(self)
        self._interval_timer.setSingleShot(True)
        self._interval_timer.setInterval(INTERVAL_DEBOUNCE_MS)
        self._interval_timer.timeout.connect(self._apply_interval)

        self._alert_timer = QTimer(self)
        self._alert_timer.setSingleShot(True)
        self._alert_timer.timeout.connect(self._flush_alerts)
        self.fault_book.changed.connect(self._on_faults_changed)
        self.fault_book.new_critical_incidents.connect(self._on_new_incidents)
        self.fault_book.new_critical_faults.connect(self._on_new_critical_faults)

        if use_tray:
            self._setup_tray()
        self._restore_view_state()
        if self.fault_stage is not None and self.fault_stage.warnings:
            self.statusBar().showMessage(
                "Thresholds: " + "; ".join(self.fault_stage.warnings), 120_000
            )

    # -- construction -------------------------------------------------------------------------
    def _default_size(self) -> None:
        """1600 x 900 or the screen's free area, whichever is smaller (settings may override)."""
        screen = self.screen()
        if screen is None:
            self.resize(1600, 900)
            return
        area = screen.availableGeometry()
        self.resize(min(1600, area.width()), min(900, area.height()))

    def _build_ui(self) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(8, 8, 8, 4)
        outer.setSpacing(6)

        # row 1: adding and removing miners, polling
        self.target_edit = QLineEdit()
        self.target_edit.setPlaceholderText(
            "Add miners: 10.0.0.5, 10.0.0.0/24, 10.0.0.5-80, 127.1.0.1:4029"
        )
        self.target_edit.setClearButtonEnabled(True)
        self.target_edit.returnPressed.connect(self.add_from_text)
        self.target_edit.textEdited.connect(self._clear_target_error)
        self.add_button = QPushButton("Add")
        self.add_button.clicked.connect(self.add_from_text)
        self.remove_button = QPushButton("Remove selected")
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(self.remove_selected)
        self.poll_button = QPushButton("Poll now")
        self.poll_button.clicked.connect(self.poll_now)
        self.interval_spin = QSpinBox()
        self.interval_spin.setRange(int(MIN_INTERVAL_S), int(MAX_INTERVAL_S))
        self.interval_spin.setPrefix("every ")
        self.interval_spin.setSuffix(" s")
        self.interval_spin.setValue(round(self.config.interval_s))
        self.interval_spin.setToolTip("Time between sweeps")
        self.interval_spin.valueChanged.connect(lambda _v: self._interval_timer.start())

        self.scan_button = QPushButton("Scan my network…")
        self.scan_button.setToolTip("Find the miners on this computer's networks and add them")
        self.scan_button.clicked.connect(self.open_scan_dialog)

        row1 = QHBoxLayout()
        row1.addWidget(self.scan_button)
        row1.addWidget(self.target_edit, 1)
        row1.addWidget(self.add_button)
        row1.addSpacing(12)
        row1.addWidget(self.remove_button)
        row1.addWidget(self.poll_button)
        row1.addWidget(QLabel("Poll"))
        row1.addWidget(self.interval_spin)
        self.settings_button = QPushButton("Fault settings…")
        self.settings_button.setToolTip("Detection thresholds and the language of fault texts")
        self.settings_button.clicked.connect(self.open_fault_settings)
        row1.addSpacing(12)
        row1.addWidget(self.settings_button)
        outer.addLayout(row1)

        self.target_error = QLabel()
        self.target_error.setObjectName("targetError")
        self.target_error.setWordWrap(True)
        self.target_error.setStyleSheet(f"color: {BAD.name()};")
        self.target_error.hide()
        outer.addWidget(self.target_error)

        self.totals = TotalsBar()
        outer.addWidget(self.totals)

        # row 3: filtering
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter by address, model, pool or worker")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._on_filter_text)
        self.problems_check = QCheckBox("Problems only")
        self.problems_check.setToolTip(
            "Offline, warning or critical faults, low hashrate, stopped fan"
        )
        self.problems_check.toggled.connect(self._on_problems_only)
        self.shown_label = QLabel()
        row3 = QHBoxLayout()
        row3.addWidget(self.filter_edit, 1)
        row3.addWidget(self.problems_check)
        row3.addSpacing(12)
        row3.addWidget(self.shown_label)

        # table and detail
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        for col, width in COLUMN_WIDTHS.items():
            header.resizeSection(col, width)
        self.table.setSortingEnabled(True)
        # worst first: an operator opens the window to find the sick miners
        self.table.sortByColumn(Col.STATUS, Qt.SortOrder.DescendingOrder)
        sel = self.table.selectionModel()
        sel.currentRowChanged.connect(self._on_current_changed)
        sel.selectionChanged.connect(lambda *_: self.remove_button.setEnabled(sel.hasSelection()))
        delete = QAction("Remove selected miners", self.table)
        delete.setShortcut(QKeySequence.StandardKey.Delete)
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.remove_selected)
        self.table.addAction(delete)
        password = QAction("Set password for selected miners…", self.table)
        password.triggered.connect(self.ask_password_for_selected)
        self.table.addAction(password)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        # the fleet (filter row + table) and the Faults view share the top of the splitter
        self.fleet_page = QWidget()
        fleet_layout = QVBoxLayout(self.fleet_page)
        fleet_layout.setContentsMargins(0, 4, 0, 0)
        fleet_layout.addLayout(row3)
        # First run (story 1): no miners yet, so say how to get some instead of an empty table.
        self.welcome = self._make_welcome()
        self.fleet_stack = QStackedWidget()
        self.fleet_stack.addWidget(self.table)
        self.fleet_stack.addWidget(self.welcome)
        fleet_layout.addWidget(self.fleet_stack, 1)
        self.detail = DetailPane(book=self.fault_book)
        self.faults_view = FaultsView(self.fault_book)
        self.faults_view.miner_selected.connect(
            lambda key: self.detail.show_row(self.model.find(key))
        )
        self.faults_view.miner_activated.connect(self.show_in_fleet)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.fleet_page, "Fleet")
        self.tabs.addTab(self.faults_view, "Faults")
        self.fleet_history = FleetHistoryView(self.history, self._table_dicts)
        self.handover = HandoverView(self.history)
        self.handover.miner_activated.connect(self._show_address)
        self.tabs.addTab(self.fleet_history, "Fleet history")
        self.tabs.addTab(self.handover, "Handover")
        self.miner_history = MinerHistoryView(self.history)
        self.detail_tabs = QTabWidget()
        self.detail_tabs.setDocumentMode(True)
        self.detail_tabs.addTab(self.detail, "Live")
        self.detail_tabs.addTab(self.miner_history, "History")
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self.detail_tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([470, 370])
        outer.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.alert_button = QPushButton()
        self.alert_button.setFlat(True)
        self.alert_button.setStyleSheet(f"color: {BAD.name()}; font-weight: bold;")
        self.alert_button.setToolTip("Open the Faults view")
        self.alert_button.clicked.connect(lambda: self.tabs.setCurrentWidget(self.faults_view))
        self.alert_button.hide()
        self.statusBar().addPermanentWidget(self.alert_button)
        self.engine_label = QLabel("Engine not started")
        self.statusBar().addPermanentWidget(self.engine_label)

    def _setup_tray(self) -> None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return  # Xvfb, some desktops: the window is the whole app, and closing it quits
        tray = QSystemTrayIcon(app_icon(), self)
        menu = QMenu(self)
        menu.addAction("Show Rig Monitor", self._show_from_tray)
        menu.addSeparator()
        menu.addAction("Quit", self.quit)
        tray.setContextMenu(menu)
        tray.activated.connect(
            lambda reason: (
                self._show_from_tray()
                if reason == QSystemTrayIcon.ActivationReason.Trigger
                else None
            )
        )
        tray.setToolTip("Rig Monitor")
        tray.show()
        self.tray = tray

    def _restore_view_state(self) -> None:
        s = self._settings
        if s is None:
            return
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        header = s.value("window/header")
        if isinstance(header, QByteArray):
            self.table.horizontalHeader().restoreState(header)
        splitter = s.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)

    def _save_view_state(self) -> None:
        s = self._settings
        if s is None:
            return
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/header", self.table.horizontalHeader().saveState())
        s.setValue("window/splitter", self.splitter.saveState())
        s.sync()

    # -- life cycle ---------------------------------------------------------------------------
    def start(self) -> None:
        """Start polling the window's targets."""
        if self._started:
            return
        self._started = True
        if self.history is not None:
            self.history.problem.connect(self._on_history_problem)
            self.history.start()  # reads the kept faults and hands them to the stage first
        self.engine.start(self._targets.values())
        self._set_engine_text(f"Polling {len(self._targets):,} miners…")

    def shutdown(self) -> None:
        """Stop the engine, flush pending config saves, remember the view. Safe to call twice."""
        if self._shut_down:
            return
        self._shut_down = True
        self._resort_timer.stop()
        if self._interval_timer.isActive():
            self._interval_timer.stop()
            self._apply_interval()
        self.bridge.close()
        if self._started:
            self.engine.stop()
        if self.history is not None:
            self.history.close()  # writes what is queued
        self._saver.wait()
        self._save_view_state()
        if self.tray is not None:
            self.tray.hide()

    def quit(self) -> None:
        self._quitting = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.tray is not None and self.tray.isVisible() and not self._quitting:
            self.hide()  # keeps polling in the tray; "Quit" in the tray menu ends it
            self.tray.showMessage("Rig Monitor", "Still watching the fleet from the tray.")
            event.ignore()
            return
        self.shutdown()
        event.accept()
        if self.tray is not None:
            from PySide6.QtWidgets import QApplication

            QApplication.quit()

    def _show_from_tray(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    # -- targets ------------------------------------------------------------------------------
    @property
    def targets(self) -> list[Target]:
        return list(self._targets.values())

    @Slot()
    def add_from_text(self) -> None:
        text = self.target_edit.text().strip()
        if not text:
            self._show_target_error(
                "Type addresses to add, e.g. 10.0.0.5, 10.0.0.0/24 or 10.0.0.5-80"
            )
            return
        try:
            parsed = self._parse(text)
        except ValueError as exc:
            self._show_target_error(str(exc))
            return
        new = [t for t in parsed if t.key not in self._targets]
        if not new:
            self._show_target_error(
                "Already monitored." if parsed else "Nothing to add: no addresses in that text."
            )
            return
        self.target_error.hide()
        self.target_edit.clear()
        self.add_targets(new)
        self.statusBar().showMessage(f"Added {len(new):,} miners", 5000)

    def add_targets(self, targets: list[Target]) -> None:
        new = [t for t in targets if t.key not in self._targets]
        for t in new:
            self._targets[t.key] = t
        self.model.add_pending(new)
        if self._started:
            self.engine.add_targets(new)
        self._targets_changed()

    @Slot()
    def remove_selected(self) -> None:
        self.remove_keys(self.selected_keys())

    def selected_keys(self) -> list[str]:
        keys = {
            self.proxy.mapToSource(ix).data(KEY_ROLE)
            for ix in self.table.selectionModel().selectedRows()
        }
        return sorted(k for k in keys if isinstance(k, str) and k in self._targets)

    def ask_password_for_selected(self) -> None:
        """For miners showing "auth failed": the password goes to the OS keyring (never a file),
        written on the saver thread, and the miners are polled again at once."""
        keys = self.selected_keys()
        if not keys:
            self.statusBar().showMessage("Select the miners first", 4000)
            return
        user, ok = QInputDialog.getText(self, "Miner password", "User name:", text="root")
        if not ok or not user.strip():
            return
        password, ok = QInputDialog.getText(
            self,
            "Miner password",
            f"Password for {user.strip()} on {len(keys)} miner(s):",
            QLineEdit.EchoMode.Password,
        )
        if ok:
            self.set_password(keys, user.strip(), password)

    def set_password(self, keys: list[str], user: str, password: str) -> None:
        persistent = self.engine.secrets_persistent
        if persistent is None:
            self.statusBar().showMessage("The engine is not running yet", 5000)
            return
        engine = self.engine
        targets = [self._targets[k] for k in keys if k in self._targets]

        def job() -> None:
            for t in targets:
                engine.set_miner_password(t.ip, t.port, user, password)
            engine.poll_now()

        self._saver.run(job)
        where = "the OS keyring" if persistent else "memory until the app closes"
        self.statusBar().showMessage(
            f"Password for {len(targets)} miner(s) kept in {where}; polling them again", 8000
        )

    def remove_keys(self, keys: list[str]) -> None:
        keys = [k for k in keys if k in self._targets]
        if not keys:
            return
        for k in keys:
            del self._targets[k]
        self.model.remove_keys(keys)
        if self._started:
            self.engine.remove_targets(keys)
        if self.fault_stage is not None:
            self.fault_stage.forget(keys)
        if self.detail.key in keys:
            self.detail.show_row(None)
        self._targets_changed()
        self.statusBar().showMessage(f"Removed {len(keys):,} miners", 5000)

    def _targets_changed(self) -> None:
        self._update_empty_state()
        self.config.targets = [str(t) for t in self._targets.values()]
        self._save_config()
        self._refresh_totals()
        self._schedule_resort()

    def _clear_target_error(self, _text: str = "") -> None:
        self.target_error.hide()

    def _show_target_error(self, message: str) -> None:
        self.target_error.setText(message)
        self.target_error.show()

    # -- polling ------------------------------------------------------------------------------
    @Slot()
    def poll_now(self) -> None:
        if self._started:
            self.engine.poll_now()
            self.statusBar().showMessage("Polling now…", 3000)

    def _apply_interval(self) -> None:
        seconds = float(self.interval_spin.value())
        if seconds == self.config.interval_s:
            return
        self.config.interval_s = seconds
        if self._started:
            self.engine.set_interval(seconds)
        else:
            self.engine.config.interval_s = seconds
        self._save_config()

    def _save_config(self) -> None:
        if self._persist:
            self._saver.save(self.config)

    @Slot()
    def _make_welcome(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.addStretch(1)
        title = QLabel("<h2>No miners yet</h2>")
        text = QLabel(
            "Scan this computer's networks to find your miners, or type their addresses in the "
            "box above: <tt>10.0.0.5</tt>, <tt>10.0.0.0/24</tt>, <tt>10.0.0.5-80</tt>, "
            "<tt>10.0.0.5:4029</tt>.<br>To try Rig Monitor without miners, run "
            "<tt>rig-monitor demo</tt>."
        )
        text.setWordWrap(True)
        scan = QPushButton("Scan my network…")
        scan.clicked.connect(self.open_scan_dialog)
        for widget in (title, text):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(widget)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(scan)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        return box

    def _update_empty_state(self) -> None:
        self.fleet_stack.setCurrentWidget(self.welcome if not self._targets else self.table)

    def open_scan_dialog(self) -> None:
        """Story 1: scan, watch miners appear, add them or save the ranges as a named site."""
        from rig_monitor.gui.scan_dialog import ScanDialog

        dialog = ScanDialog(self)
        dialog.add_requested.connect(self.add_targets)
        dialog.site_saved.connect(self._save_site)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.scan_dialog = dialog
        dialog.open()

    @Slot(str, object)
    def _save_site(self, name: str, items: list[str]) -> None:
        self.config.sites[name] = list(items)
        self._save_config()

    @Slot(object)
    def _on_batch(self, batch: Batch) -> None:
        if self._shut_down:
            return
        # A sweep already under way may report a miner the operator just removed: drop those.
        snaps = [s for s in batch.snapshots if s.key in self._targets]
        if snaps:
            self.model.apply_snapshots(snaps)
        if isinstance(batch.extra, FaultReport):
            self.fault_book.apply_report(batch.extra)
        if self.history is not None:
            self.history.on_batch(batch, self._targets.__contains__)
        gone = [k for k in batch.removed if k not in self._targets]
        if gone:
            self.model.remove_keys(gone)
        stats = batch.sweep
        if batch.sweep_done:
            self._last_sweep = stats
            self._sweeps_seen += 1
            dur = stats.duration_s or 0.0
            text = f"Sweep {stats.sweep}: {stats.polled:,} miners in {dur:.1f} s"
            if stats.skipped_backoff:
                text += f" ({stats.skipped_backoff:,} offline, backing off)"
            self._set_engine_text(text)
        else:
            self._set_engine_text(
                f"Sweep {stats.sweep} running: {stats.polled:,} of {len(self._targets):,} polled"
            )
        if self.detail.key is not None and any(s.key == self.detail.key for s in snaps):
            self.detail.show_row(self.model.find(self.detail.key))
        if batch.sweep_done or gone:
            self._totals_timer.stop()
            self._refresh_totals()
        elif not self._totals_timer.isActive():
            self._totals_timer.start()
        if snaps or gone:
            self._schedule_resort()

    @property
    def sweeps_seen(self) -> int:
        return self._sweeps_seen

    @Slot(str)
    def _on_engine_failed(self, text: str) -> None:
        message = f"Polling stopped: {text}. Restart Rig Monitor to resume."
        self._set_engine_text("Engine stopped")
        self.statusBar().showMessage(message)
        self.engine_label.setToolTip(message)

    def _set_engine_text(self, text: str) -> None:
        self.engine_label.setText(text)

    def _refresh_totals(self) -> None:
        totals = compute_totals(self.model.rows())
        self.totals.set_totals(totals, self._last_sweep)
        self._update_shown()
        self._update_tray(totals)

    def _update_tray(self, totals: FleetTotals) -> None:
        if self.tray is None:
            return
        if totals.offline:
            state = RowState.CRITICAL
        elif totals.with_faults:
            state = RowState.WARNING
        else:
            state = RowState.OK
        if state != self._tray_state:
            self._tray_state = state
            self.tray.setIcon(app_icon(STATE_COLOURS[state]))
        self.tray.setToolTip("Rig Monitor\n" + self.totals.summary().replace(" · ", "\n"))

    # -- sorting, filtering, selection -----------------------------------------------------------
    def _schedule_resort(self) -> None:
        if not self._resort_timer.isActive():
            self._resort_timer.start()

    @Slot()
    def _resort(self) -> None:
        self.proxy.refresh()
        self._update_shown()

    def _on_filter_text(self, text: str) -> None:
        self.proxy.set_text_filter(text)
        self._update_shown()

    def _on_problems_only(self, on: bool) -> None:
        self.proxy.set_problems_only(on)
        self._update_shown()

    def _update_shown(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.shown_label.setText(
            f"{total:,} miners" if shown == total else f"Showing {shown:,} of {total:,}"
        )

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = current.data(KEY_ROLE) if current.isValid() else None
        self.detail.show_row(self.model.find(key) if isinstance(key, str) else None)
        self.miner_history.set_key(key if isinstance(key, str) else None)

    def select_key(self, key: str) -> bool:
        """Make the miner the current row (it must pass the filter); returns whether it could."""
        src_row = self.model.row_of(key)
        if src_row is None:
            return False
        ix = self.proxy.mapFromSource(self.model.index(src_row, 0))
        if not ix.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            ix,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(ix)
        return True

    def show_in_fleet(self, key: str) -> bool:
        """Switch to the fleet table and select the miner, clearing filters that hide it."""
        self.tabs.setCurrentWidget(self.fleet_page)
        if self.select_key(key):
            return True
        self.filter_edit.clear()
        self.problems_check.setChecked(False)
        self.proxy.refresh()
        return self.select_key(key)

    # -- history ----------------------------------------------------------------------------------
    def _on_history_problem(self, text: str) -> None:
        if text:
            self.statusBar().showMessage(f"History: {text}", 120_000)
        else:
            self.statusBar().clearMessage()

    def _table_dicts(self) -> list[dict[str, object]]:
        return [snapshot_to_dict(r.snap) for r in self.model.rows() if r.snap is not None]

    def _show_address(self, address: str) -> None:
        key = address if ":" in address else f"{address}:4028"
        self.show_in_fleet(key)

    # -- faults -----------------------------------------------------------------------------------
    def _on_faults_changed(self) -> None:
        book = self.fault_book
        now = book.now
        loud = sum(
            1
            for r in book.records
            if r.incident is None and not r.acknowledged and not r.snoozed(now)
        )
        count = len(book.incidents) + loud
        self.tabs.setTabText(1, f"Faults ({count:,})" if count else "Faults")
        if self.detail.key is not None:
            self.detail.faults.show_miner(self.detail.key, self._live(self.detail.key))

    def _live(self, key: str) -> MinerSnapshot | None:
        row = self.model.find(key)
        return row.snap if row is not None and row.online else None

    def _on_new_incidents(self, incidents: list[Incident]) -> None:
        for inc in incidents:
            self._alert(inc.title, inc.detail)

    def _on_new_critical_faults(self, records: list[FaultRecord]) -> None:
        for rec in records:
            title = self.fault_book.faults_model.title(rec)
            where = miner_address(rec.miner)
            self._alert(f"{title} on {where}", rec.fault.detail)

    def _alert(self, title: str, text: str) -> None:
        """Tray notification, at most one per NOTIFY_GAP_MS (later ones are summed up in one);
        without a tray, the status bar says it. The alert button keeps the latest either way."""
        self.alert_button.setText(f"⚠ {title}")
        self.alert_button.setToolTip(f"{title}\n{text}\n(click: open the Faults view)")
        self.alert_button.show()
        if self.tray is None:
            return  # the alert button in the status bar is the alerts area
        self._held_alerts.append((title, text))
        wait = self._last_notice + NOTIFY_GAP_MS - time.monotonic() * 1000.0
        if wait <= 0:
            self._flush_alerts()
        elif not self._alert_timer.isActive():
            self._alert_timer.start(int(wait))

    def _flush_alerts(self) -> None:
        held, self._held_alerts = self._held_alerts, []
        if not held or self.tray is None:
            return
        self._last_notice = time.monotonic() * 1000.0
        if len(held) == 1:
            title, text = held[0]
        else:
            title = f"{len(held):,} new critical alerts"
            text = "\n".join(t for t, _ in held[:5])
        self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Critical, 15_000)

    def open_fault_settings(self) -> ThresholdsDialog | None:
        """Open the fault settings dialog (non-blocking); saving applies and writes them."""
        book = self.fault_book
        if self.fault_stage is None or book.catalogue is None:
            self.statusBar().showMessage("Fault tracking is off in this window", 5000)
            return None
        rows = self.model.rows()
        models = sorted({m for r in rows if (m := fmt.make_model(r.identity)) != fmt.DASH})
        miners = [fmt.address(r.ip, r.port) for r in rows]
        dlg = ThresholdsDialog(
            book.catalogue,
            book.overrides,
            language=self.config.language,
            models=models,
            miners=miners,
            warnings=self.fault_stage.warnings,
            parent=self,
        )
        dlg.accepted.connect(
            lambda: self.apply_fault_settings(dlg.result_overrides(), dlg.result_language())
        )
        dlg.finished.connect(dlg.deleteLater)
        dlg.open()
        return dlg

    def apply_fault_settings(self, overrides: ThresholdOverrides, language: str | None) -> None:
        """Hand new thresholds and language to the engine thread; write them off the GUI thread."""
        stage = self.fault_stage
        if stage is None:
            return
        stage.set_overrides(overrides)
        self.fault_book.overrides = overrides.copy()
        if self._persist:
            copy, path = overrides.copy(), self._thresholds_path or thresholds_path()

            def job() -> None:
                save_overrides(copy, path)

            self._saver.run(job)
        if language != self.config.language:
            self.config.language = language
            stage.set_language(effective_language(language))
            self._save_config()
        self.statusBar().showMessage("Fault settings saved; they apply from the next poll", 5000)
