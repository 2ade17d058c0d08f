"""The main window: totals bar, fleet table and Faults view, detail pane, target entry, engine
status, fault alerts (tray notification, or the status bar when there is no tray)."""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    QSettings,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QColor,
    QIcon,
    QKeySequence,
    QPainter,
    QPixmap,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QSystemTrayIcon,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rig_monitor.core.config import (
    MAX_INTERVAL_S,
    MIN_INTERVAL_S,
    AppConfig,
    merge_changes,
    update_config,
)
from rig_monitor.core.config import config_path as default_config_path
from rig_monitor.core.engine.engine import Batch, EngineConfig, EngineThread, PollFn, SweepStats
from rig_monitor.core.engine.engine_process import (
    EngineProcess,
    PollFactory,
    RemoteStage,
    use_process_engine,
)
from rig_monitor.core.engine.protocol import Engine
from rig_monitor.core.export import snapshot_to_dict
from rig_monitor.core.faults import (
    Catalogue,
    Incident,
    ThresholdOverrides,
    save_overrides,
    thresholds_path,
)
from rig_monitor.core.faults.stage import FaultRecord, FaultReport, FaultStage
from rig_monitor.core.filterlang import FilterError
from rig_monitor.core.model import Fault, MinerSnapshot, Target
from rig_monitor.core.targets import is_public
from rig_monitor.gui import fmt, saved_views
from rig_monitor.gui.bridge import EngineBridge
from rig_monitor.gui.collector import freeze_startup
from rig_monitor.gui.degraded import DegradedClock
from rig_monitor.gui.detail import DetailPane
from rig_monitor.gui.fault_models import FaultBook, miner_address
from rig_monitor.gui.faults_view import FaultsView
from rig_monitor.gui.filter_bar import FilterBar
from rig_monitor.gui.fleet import FleetRow, FleetTotals, RowState
from rig_monitor.gui.fleet_model import (
    BAD,
    KEY_ROLE,
    STATE_COLOURS,
    Col,
    FleetFilterProxy,
    FleetTableModel,
)
from rig_monitor.gui.group_panel import GroupPanel
from rig_monitor.gui.history_handover import HandoverView
from rig_monitor.gui.history_link import HistoryLink
from rig_monitor.gui.i18n import LanguageSwitch, retranslate, system_language, tn
from rig_monitor.gui.i18n import t as _t
from rig_monitor.gui.lazy_pane import LazyPane
from rig_monitor.gui.rack_control import RackController
from rig_monitor.gui.rack_map import RackMapView
from rig_monitor.gui.saved_views import ViewsButton
from rig_monitor.gui.table_export import table_rows, write_csv
from rig_monitor.gui.table_layout import (
    ResortGuard,
    apply_default_order,
    column_menu,
    fit_widths,
    kept_by_key,
    set_compact,
)
from rig_monitor.gui.theme import THEMES, apply_theme
from rig_monitor.gui.thread_hop import emit_on_gui
from rig_monitor.gui.thresholds_dialog import ThresholdsDialog, effective_language
from rig_monitor.gui.window_menus import Launcher, build_menus, demo_command, launch_detached

if TYPE_CHECKING:
    from rig_monitor.gui.history_charts import FleetHistoryView, MinerHistoryView

log = logging.getLogger(__name__)

ParseFn = Callable[[str], list[Target]]

# Batches are applied in steps of at most CHUNK_ROWS rows, and an event-loop turn takes steps
# until TURN_BUDGET_S of work is done: the window repaints and answers the operator in between.
# The budget follows issue 15's target (worst stall < 50 ms): one turn of ~8 ms plus a repaint
# (10-20 ms at 5,000 rows) stays well inside it even when the core is shared; a fixed row count
# (500 rows were 10-56 ms) cannot, as a row costs more on a loaded core.
CHUNK_ROWS = 100  # ~2-4 ms of apply_snapshots at 5,000 rows (benchmarks/gui.py)
TURN_BUDGET_S = 0.008
RESORT_DELAY_MS = 2000  # re-sort/filter at most this often after updates (qt.md §3)
RESORT_RETRY_MS = 800  # while the operator points at the table, try again this much later
MAX_DEFER_S = 30.0  # a pointer resting on the table for longer does not freeze the order forever
NOTIFY_GAP_MS = 60_000  # at most one tray notification a minute; later ones are summed up
INTERVAL_DEBOUNCE_MS = 700
HISTORY_WAIT_MS = 3000  # at most this long for the history's kept faults before polling
ENGINE_STOP_TIMEOUT_S = 3.0  # then the engine's child is terminated, then killed
SAVE_WAIT_MS = 3000  # pending config writes at shutdown (each one takes milliseconds)

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
    Col.FAULTS: 200,
    Col.ERROR: 180,
}


def default_parse(text: str) -> list[Target]:
    """The GUI's target parser: ``parse_targets`` minus ``@files`` (no disk I/O on the GUI thread)."""
    from rig_monitor.core.targets import parse_targets

    if any(tok.startswith("@") for tok in text.replace(",", " ").split()):
        raise ValueError(_t("@files are for the command line: paste the addresses here instead"))
    return parse_targets(text)


def _confirm_public(parent: QWidget, text: str) -> bool:
    from rig_monitor.gui.scan_dialog import confirm_public

    return confirm_public(parent, text)


def _confirm_identity(parent: QWidget, text: str) -> bool:
    from PySide6.QtWidgets import QMessageBox

    answer = QMessageBox.question(
        parent,
        _t("Another device at this address"),
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


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
    """Writes the config on a one-thread pool, in order, never on the GUI thread.

    Only what the window changed since its last save is written, merged into what is on disk
    under the lock file (core/config.py): a site the CLI saved meanwhile stays."""

    def __init__(self, path: Path | None = None, base: AppConfig | None = None) -> None:
        self._path = path
        self._base = base.copy() if base is not None else AppConfig()  # only the pool thread
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(1)

    def save(self, config: AppConfig) -> None:
        snapshot = config.copy()
        path = self._path

        def job() -> None:
            try:
                update_config(merge_changes(self._base, snapshot), path, if_missing=self._base)
                self._base = snapshot
            except Exception:
                log.exception("could not save the config")

        self._pool.start(job)

    def run(self, job: Callable[[], None]) -> None:
        """Any other file write (e.g. thresholds.json), in order with the config saves."""
        self._pool.start(job)

    def wait(self, msecs: int = 5000) -> bool:
        return self._pool.waitForDone(msecs)


class TotalsBar(QFrame):
    """Fleet summary above the table.

    Its width does not count in the window's minimum (horizontal size policy ``Ignored``): the
    numbers widen as miners are found ("89 online" becomes "4,612 online"), and a bar whose width
    set the window's minimum made the window resize itself a few times during the first sweep,
    each time relaying out and repainting every widget (26 ms at a quiet moment, 60 ms under
    load: the cold first sweep's longest stalls, issue 15). Narrower than its text, the bar cuts
    it at the right; the tray tooltip and :meth:`summary` keep the whole line.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("totalsBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
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
            part(self.online, f"{t.online:,}", _t("online"), ok if t.online else None),
            part(self.offline, f"{t.offline:,}", _t("offline"), BAD if t.offline else grey),
            part(
                self.faults,
                f"{t.with_faults:,}",
                _t("with faults"),
                STATE_COLOURS[RowState.WARNING] if t.with_faults else None,
            ),
        ]
        self.degraded.setVisible(t.degraded > 0)
        if t.degraded:
            colour = STATE_COLOURS[RowState.DEGRADED]
            plain.append(part(self.degraded, f"{t.degraded:,}", _t("degraded"), colour))
        self.waiting.setVisible(t.pending > 0)
        if t.pending:
            plain.append(part(self.waiting, f"{t.pending:,}", _t("waiting"), None))
        rate = fmt.hashrate(t.hashrate_ths) if t.online else fmt.DASH
        if t.nominal_ths:
            share = fmt.percent(t.hashrate_ths / t.nominal_ths)
            rest = _t("of {nominal} nominal ({share})").format(
                nominal=fmt.hashrate(t.nominal_ths), share=share
            )
        else:
            rest = _t("total")
        plain.append(part(self.hashrate, rate, rest, None))
        if t.power_reporting:
            reporting = _t("({reporting} of {online} reporting)").format(
                reporting=f"{t.power_reporting:,}", online=f"{t.online:,}"
            )
            plain.append(part(self.power, fmt.fleet_power(t.power_w), reporting, None))
        else:
            plain.append(part(self.power, fmt.DASH, _t("kW (no miner reports power)"), None))
        if last_sweep is not None and last_sweep.finished is not None:
            text = _t("Last sweep {time} in {seconds} s").format(
                time=fmt.clock(last_sweep.finished), seconds=f"{last_sweep.duration_s:.1f}"
            )
        else:
            text = _t("No sweep finished yet")
        self.sweep.setText(text)
        plain.append(text)
        self._plain = plain

    def summary(self) -> str:
        """The bar as one line of plain text (for tests and the tray tooltip)."""
        return " · ".join(self._plain)


class MainWindow(QMainWindow):
    """The fleet window. Owns the engine thread; call :meth:`start` once, :meth:`shutdown` at the end."""

    export_finished = Signal(str)  # from the writer thread: what the status bar should say
    catalogue_ready = Signal(object)  # the fault catalogue in a new language, read off-thread

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
        child_poll: PollFactory | None = None,
        history_path: Path | None = None,
        engine_early: bool = False,
    ) -> None:
        super().__init__()
        self.config = config.copy() if config is not None else AppConfig()
        self._persist = persist
        self._parse: ParseFn = parse or default_parse
        # Asked before public addresses join the fleet, as in the scan dialog and the CLI.
        self.confirm_public: Callable[[QWidget, str], bool] = _confirm_public
        self.confirm_identity: Callable[[QWidget, str], bool] = _confirm_identity
        self._settings = settings
        self._saver = ConfigSaver(config_path, self.config)
        self._config_path = config_path
        self._targets: dict[str, Target] = {}
        for t in targets:
            self._targets.setdefault(t.key, t)
        self._last_sweep: SweepStats | None = None
        # batches not applied in full yet, each with how many of its rows are applied: the batch
        # itself is never changed (other slots, the metrics exporter's, receive the same object)
        self._backlog: deque[tuple[Batch, int]] = deque()
        self._sweeps_seen = 0
        self._started = False
        self._engine_started = False
        self._shut_down = False
        self._startup_frozen = False
        self._stopper: threading.Thread | None = None
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
        self._alert_source: object = None  # what the alert button shows: incident or fault key
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
                poll_factory=child_poll,  # tests: fake miners polled in the child
            )
        else:
            self.engine = EngineThread(
                self.bridge.on_batch, ecfg, poll=poll, post_process=post_process
            )
        self.bridge.batch_ready.connect(self._on_batch)
        self.bridge.engine_failed.connect(self._on_engine_failed)
        # engine_early: the engine's child starts now, while the window is built, and polls from
        # start() on (EngineProcess.prestart). Off in the app: on a busy 2-core host it delayed
        # the window and brought the first rows no sooner (docs/performance.md, issue 15).
        self._engine_spawned = False
        if engine_early and isinstance(self.engine, EngineProcess):
            self.engine.prestart(self._targets.values())
            self._engine_spawned = True
        # History (charts, handover, kept faults): recorded on its own writer thread.
        self.history = HistoryLink(history_path, self.fault_stage, self) if history_path else None

        self.model = FleetTableModel(self)
        self.proxy = FleetFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.sites = self.config.sites
        self.degraded = DegradedClock()
        self.model.explain = self._explain_degraded
        self.model.fault_title = self._fault_title
        self.launch: Launcher = launch_detached  # "Open the demo" (tests swap it)
        self._widths_fitted = False
        self._dock_hidden_when_empty = False
        self._deferred_since = 0.0
        self.theme = "system"
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

        # the table's colours read models.json: not on the GUI thread at the first repaint
        threading.Thread(target=fmt.preload, name="preload-limits", daemon=True).start()
        if use_tray:
            self._setup_tray()
        self._restore_view_state()
        if self.fault_stage is not None and self.fault_stage.warnings:
            self.statusBar().showMessage(
                _t("Thresholds: {problems}").format(problems="; ".join(self.fault_stage.warnings)),
                120_000,
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
        self.interval_spin.setToolTip(_t("Time between sweeps"))
        self.interval_spin.valueChanged.connect(lambda _v: self._interval_timer.start())

        self.scan_button = QPushButton("Scan my network…")
        self.scan_button.setToolTip(_t("Find the miners on this computer's networks and add them"))
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
        self.settings_button.setToolTip(_t("Detection thresholds and the language of fault texts"))
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

        # row 3: filtering (the filter language, quick filters; see gui/filter_bar.py)
        self.filter_bar = FilterBar()
        self.filter_edit = self.filter_bar.edit
        self.problems_check = self.filter_bar.problems_check
        self.shown_label = self.filter_bar.shown_label
        self.filter_bar.changed.connect(self._apply_filters)
        self.views = ViewsButton(self.filter_bar, saved_views.load(self._settings))
        self.filter_bar.add_widget(self.views)
        self.groups = GroupPanel(lambda: self.model.rows(), self.config.sites)
        self.groups.group_chosen.connect(self.filter_edit.setText)
        self.filter_bar.add_widget(self.groups.combo)

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
        # movable columns, a chooser on the header's context menu, the reason next to the status
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._show_column_menu)
        apply_default_order(header)
        self.resort_guard = ResortGuard(self.table)
        self.table.setSortingEnabled(True)
        # worst first: an operator opens the window to find the sick miners
        self.table.sortByColumn(Col.STATUS, Qt.SortOrder.DescendingOrder)
        sel = self.table.selectionModel()
        sel.currentRowChanged.connect(self._on_current_changed)
        sel.selectionChanged.connect(lambda *_: self.remove_button.setEnabled(sel.hasSelection()))
        delete = QAction(_t("Remove selected miners"), self.table)
        delete.setShortcut(QKeySequence.StandardKey.Delete)
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.remove_selected)
        self.table.addAction(delete)
        password = QAction(_t("Set password for selected miners…"), self.table)
        password.triggered.connect(self.ask_password_for_selected)
        self.table.addAction(password)
        trust = QAction(_t("Send the saved password to the new device here…"), self.table)
        trust.triggered.connect(self.confirm_identity_for_selected)
        self.table.addAction(trust)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        # the fleet (filter row + table) and the Faults view are the window's tabs
        self.fleet_page = QWidget()
        fleet_layout = QVBoxLayout(self.fleet_page)
        fleet_layout.setContentsMargins(0, 4, 0, 0)
        fleet_layout.addWidget(self.filter_bar)
        fleet_layout.addWidget(self.groups)
        # First run (story 1): no miners yet, so say how to get some instead of an empty table.
        self.welcome = self._make_welcome()
        self.fleet_stack = QStackedWidget()
        self.fleet_stack.addWidget(self.table)
        self.fleet_stack.addWidget(self.welcome)
        fleet_layout.addWidget(self.fleet_stack, 1)
        self.detail = DetailPane(book=self.fault_book)
        self.faults_view = FaultsView(self.fault_book)
        from rig_monitor.gui.actions_menu import install_actions

        install_actions(self)  # reboot/locate/pools… on the selection and in the detail pane
        self.faults_view.miner_selected.connect(
            lambda key: self.detail.show_row(self.model.find(key))
        )
        self.faults_view.miner_activated.connect(self.show_in_fleet)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.fleet_page, "Fleet")
        self.tabs.addTab(self.faults_view, "Faults")
        # Rack map (gui/rack_map.py): racks drawn as grids coloured by a metric.
        self.rack_view = RackMapView(self.model.find)
        self.rack_view.miner_selected.connect(self._on_rack_cell)
        self.racks = RackController(
            self.rack_view,
            lambda: list(self.model.rows()),
            self._saver.run,
            (self._config_path or default_config_path()).with_name("racks.json"),
            self,
        )
        self.tabs.addTab(self.rack_view, "Racks")
        self.tabs.currentChanged.connect(lambda _i: self.rack_view.refresh())
        # the Faults tab's models are refilled only while it is on screen (issue 15)
        self.tabs.currentChanged.connect(
            lambda _i: self.faults_view.set_live(self.tabs.currentWidget() is self.faults_view)
        )
        self.faults_view.set_live(self.tabs.currentWidget() is self.faults_view)
        self.fleet_history = LazyPane(self._build_fleet_history)
        self.handover = HandoverView(self.history)
        self.handover.miner_activated.connect(self._show_address)
        self.tabs.addTab(self.fleet_history, "Fleet history")
        self.tabs.addTab(self.handover, "Handover")
        outer.addWidget(self.tabs, 1)
        self.miner_history = LazyPane(self._build_miner_history)
        self.setCentralWidget(central)
        # The detail pane is a dock: the table gets the height, the operator can close it (F9),
        # move it to the side or float it; its place is remembered (QSettings, on close).
        self.detail_dock = QDockWidget("Details", self)
        self.detail_dock.setObjectName("detailDock")
        detail_scroll = QScrollArea()  # lets the dock shrink below the pane's natural height
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        detail_scroll.setWidget(self.detail)
        self.detail_tabs = QTabWidget()
        self.detail_tabs.setDocumentMode(True)
        self.detail_tabs.addTab(detail_scroll, "Live")
        self.detail_tabs.addTab(self.miner_history, "History")
        self.detail_dock.setWidget(self.detail_tabs)
        self.detail_dock.setAllowedAreas(
            Qt.DockWidgetArea.BottomDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.detail_dock)
        self.resizeDocks([self.detail_dock], [280], Qt.Orientation.Vertical)
        self.language = LanguageSwitch(self._saver.run, self)
        self.language.changed.connect(self._on_language_changed)
        self.language_choice = "system"
        self.menu_actions = build_menus(self)
        self.export_finished.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.catalogue_ready.connect(self._on_catalogue_ready)

        self.alert_button = QPushButton()
        self.alert_button.setFlat(True)
        self.alert_button.setStyleSheet(f"color: {BAD.name()}; font-weight: bold;")
        self.alert_button.setToolTip(_t("Open the Faults view"))
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
        menu.addAction(_t("Show Rig Monitor"), self._show_from_tray)
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
            self._widths_fitted = True  # the operator's widths win over fitting
        state = s.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        compact = s.value("window/compact")
        if compact in (True, "true"):
            self.menu_actions["compact"].setChecked(True)
        language = s.value("window/language")
        if isinstance(language, str) and f"lang_{language}" in self.menu_actions:
            self.menu_actions[f"lang_{language}"].setChecked(True)
            self.language_choice = language
        if self.language_choice != "system" or system_language() != "en":
            self.set_language(self.language_choice)
        theme = s.value("window/theme")
        if isinstance(theme, str) and theme in THEMES and theme != "system":
            self.menu_actions[f"theme_{theme}"].setChecked(True)
            self.set_theme(theme)

    def _save_view_state(self) -> None:
        s = self._settings
        if s is None:
            return
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/header", self.table.horizontalHeader().saveState())
        s.setValue("window/state", self.saveState())
        s.setValue("window/compact", self.menu_actions["compact"].isChecked())
        s.setValue("window/theme", self.theme)
        s.setValue("window/language", self.language_choice)
        saved_views.store(s, self.views.views)
        s.sync()

    # -- life cycle ---------------------------------------------------------------------------
    def start(self) -> None:
        """Start polling the window's targets."""
        if self._started:
            return
        self._started = True
        if self._persist:
            self.racks.load()
        if self.history is not None:
            # The kept faults reach the stage before the first batch is judged, or that batch
            # would raise them again as new faults; a slow or broken store never holds polling.
            self.history.problem.connect(self._on_history_problem)
            self.history.ready.connect(self._start_engine)
            self.history.problem.connect(lambda _text: self._start_engine())
            QTimer.singleShot(HISTORY_WAIT_MS, self._start_engine)
            self.history.start()
        else:
            self._start_engine()

    def _start_engine(self) -> None:
        if self._engine_started or self._shut_down:
            return
        self._engine_started = True
        self.engine.start(self._targets.values())
        self._set_engine_text(self._polling_text())

    def _polling_text(self) -> str:
        return _t("Polling {count} miners…").format(count=f"{len(self._targets):,}")

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
        if self._started or self._engine_spawned:
            # On a helper thread: a child busy parsing or a loop stuck in a driver must not hold
            # the GUI thread (it used to, for up to ~19 s). wait_stopped() joins it, bounded.
            self._stopper = threading.Thread(
                target=self.engine.stop,
                kwargs={"timeout": ENGINE_STOP_TIMEOUT_S},
                name="rig-monitor-engine-stop",
                daemon=True,
            )
            self._stopper.start()
        if self.history is not None:
            self.history.close()  # writes what is queued
        self._saver.wait(SAVE_WAIT_MS)
        self._save_view_state()
        if self.tray is not None:
            self.tray.hide()

    def wait_stopped(self, timeout: float = ENGINE_STOP_TIMEOUT_S + 5.0) -> bool:
        """After :meth:`shutdown`: wait (off-screen, at exit) until the engine has stopped."""
        deadline = time.monotonic() + timeout
        stopper = self._stopper
        if stopper is not None:
            stopper.join(timeout)
        # the stop gives up after its own timeout; an engine that ends later still counts
        while self.engine.running and time.monotonic() < deadline:
            time.sleep(0.05)
        return not self.engine.running

    def quit(self) -> None:
        self._quitting = True
        self.close()

    def showEvent(self, event: QShowEvent) -> None:
        if not self._startup_frozen:  # the first show: start-up's heap is never walked again
            self._startup_frozen = True
            freeze_startup()
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.tray is not None and self.tray.isVisible() and not self._quitting:
            self.hide()  # keeps polling in the tray; "Quit" in the tray menu ends it
            self.tray.showMessage("Rig Monitor", _t("Still watching the fleet from the tray."))
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
                _t("Type addresses to add, e.g. 10.0.0.5, 10.0.0.0/24 or 10.0.0.5-80")
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
                _t("Already monitored.")
                if parsed
                else _t("Nothing to add: no addresses in that text.")
            )
            return
        public = [t for t in new if is_public(t)]
        if public and not self.confirm_public(
            self,
            _t(
                "{count} of these addresses are on the public internet (first: {first}). Miners "
                "live on private networks; polling other people's addresses may be unwelcome. "
                "Add them anyway?"
            ).format(count=f"{len(public):,}", first=public[0].ip),
        ):
            self._show_target_error(_t("Not added: public addresses need your confirmation."))
            return
        self.target_error.hide()
        self.target_edit.clear()
        self.add_targets(new)
        self.statusBar().showMessage(tn("Added %n miners", len(new)), 5000)

    def add_targets(self, targets: list[Target], *, save: bool = True) -> None:
        """``save=False``: targets the saved config already names (an ``@file`` read later)."""
        new = [t for t in targets if t.key not in self._targets]
        for t in new:
            self._targets[t.key] = t
        self.model.add_pending(new)
        if self._started:
            self.engine.add_targets(new)
        if save:
            self._targets_changed()
        else:
            self._update_empty_state()
            self._refresh_totals()
            self._schedule_resort()

    @Slot()
    def remove_selected(self) -> None:
        from rig_monitor.gui.actions_menu import confirm_remove

        keys = self.selected_keys()
        if confirm_remove(self, keys):  # Delete asks first (issue 12)
            self.remove_keys(keys)

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
            self.statusBar().showMessage(_t("Select the miners first"), 4000)
            return
        user, ok = QInputDialog.getText(self, _t("Miner password"), _t("User name:"), text="root")
        if not ok or not user.strip():
            return
        password, ok = QInputDialog.getText(
            self,
            _t("Miner password"),
            tn("Password for {user} on %n miners:", len(keys)).format(user=user.strip()),
            QLineEdit.EchoMode.Password,
        )
        if ok:
            self.set_password(keys, user.strip(), password)

    def confirm_identity_for_selected(self) -> None:
        """For miners showing "identity changed": the operator vouches for the device now at the
        address, and its saved password is bound to it and sent again."""
        keys = self.selected_keys()
        if not keys:
            self.statusBar().showMessage(_t("Select the miners first"), 4000)
            return
        if not self.confirm_identity(
            self,
            tn(
                "Send the saved password to the device now answering at %n addresses? "
                "Do this only if you replaced or reflashed these miners yourself.",
                len(keys),
            ),
        ):
            return
        engine = self.engine
        targets = [self._targets[k] for k in keys if k in self._targets]

        def job() -> None:  # may read the keyring: never on the GUI thread
            for t in targets:
                engine.confirm_miner_identity(t.ip, t.port)

        self._saver.run(job)
        self.statusBar().showMessage(
            tn("Saved password confirmed for %n miners; polling them again", len(targets)), 8000
        )

    def set_password(self, keys: list[str], user: str, password: str) -> None:
        persistent = self.engine.secrets_persistent
        if persistent is None:
            self.statusBar().showMessage(_t("The engine is not running yet"), 5000)
            return
        engine = self.engine
        targets = [self._targets[k] for k in keys if k in self._targets]

        def job() -> None:
            for t in targets:
                engine.set_miner_password(t.ip, t.port, user, password)
            engine.poll_now()

        self._saver.run(job)
        where = _t("the OS keyring") if persistent else _t("memory until the app closes")
        self.statusBar().showMessage(
            tn("Password for %n miners kept in {where}; polling them again", len(targets)).format(
                where=where
            ),
            8000,
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
        self.degraded.forget(keys)
        if self.detail.key in keys:
            self.detail.show_row(None)
        self._targets_changed()
        self.statusBar().showMessage(tn("Removed %n miners", len(keys)), 5000)

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
            self.statusBar().showMessage(_t("Polling now…"), 3000)

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
            "<tt>10.0.0.5:4029</tt>.<br>To try Rig Monitor without miners, open the demo: a "
            "simulated fleet on this computer."
        )
        text.setWordWrap(True)
        scan = QPushButton("Scan my network…")
        scan.clicked.connect(self.open_scan_dialog)
        self.demo_button = QPushButton("Open the demo")
        self.demo_button.setToolTip(
            _t("A simulated fleet on this computer only (loopback addresses)")
        )
        self.demo_button.clicked.connect(self.open_demo)
        for widget in (title, text):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(widget)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(scan)
        row.addWidget(self.demo_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        return box

    def _update_empty_state(self) -> None:
        self.fleet_stack.setCurrentWidget(self.welcome if not self._targets else self.table)
        # No miners: an empty details pane only takes room from the welcome; it comes back with
        # the first miners (unless the operator had closed it).
        dock = self.detail_dock
        if not self._targets and dock.isVisibleTo(self):
            self._dock_hidden_when_empty = True
            dock.hide()
        elif self._targets and self._dock_hidden_when_empty:
            self._dock_hidden_when_empty = False
            dock.show()

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
        """A batch from the engine, applied in steps (``CHUNK_ROWS`` rows, then its fault report,
        sweep end and removals) within a time budget per event-loop turn (``TURN_BUDGET_S``):
        batches keep their order, and a batch's report and sweep end come after its last rows."""
        if self._shut_down:
            return
        self._backlog.append((batch, 0))
        if len(self._backlog) == 1:
            self._drain_backlog()

    def _drain_backlog(self) -> None:
        if self._shut_down or not self._backlog:
            self._backlog.clear()
            return
        start = time.perf_counter()
        self._drain_step()
        while self._backlog and not self._report_next():
            if time.perf_counter() - start >= TURN_BUDGET_S:
                break
            self._drain_step()
        if self._backlog:
            QTimer.singleShot(0, self._drain_backlog)

    def _report_next(self) -> bool:
        """Whether the next step applies a fault report: it gets a turn of its own (the fault
        views' rebuild is ~5-10 ms at 5,000 miners, as much as a turn's budget)."""
        batch, done = self._backlog[0]
        total = len(batch.snapshots)
        return batch.extra is not None and (done == total or (done == 0 and total <= CHUNK_ROWS))

    def _drain_step(self) -> None:
        """Apply the next ``CHUNK_ROWS`` rows of the oldest batch, or, once its rows are all in,
        the rest of it (report, sweep end, removals) as a step of its own."""
        batch, done = self._backlog[0]
        total = len(batch.snapshots)
        if total - done > CHUNK_ROWS or (done and done < total):
            end = min(total, done + CHUNK_ROWS)
            self._backlog[0] = (batch, end)
            self._apply_batch(Batch(snapshots=batch.snapshots[done:end], sweep=batch.sweep))
            return
        self._backlog.popleft()
        self._apply_batch(replace(batch, snapshots=batch.snapshots[done:]) if done else batch)

    @property
    def batches_pending(self) -> int:
        """Batches received and not applied in full yet (large ones go in several turns)."""
        return len(self._backlog)

    def _apply_batch(self, batch: Batch) -> None:
        # A sweep already under way may report a miner the operator just removed: drop those.
        snaps = [s for s in batch.snapshots if s.key in self._targets]
        if snaps:
            self.degraded.update(r for s in snaps if (r := self.model.find(s.key)) is not None)
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
            self._set_engine_text(self._sweep_text(stats))
            if not self._widths_fitted:
                self._widths_fitted = True
                fit_widths(self.table)
        else:
            self._set_engine_text(
                _t("Sweep {sweep} running: {polled} of {total} polled").format(
                    sweep=stats.sweep, polled=f"{stats.polled:,}", total=f"{len(self._targets):,}"
                )
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
        message = _t("Polling stopped: {error}. Restart Rig Monitor to resume.").format(error=text)
        self._set_engine_text(_t("Engine stopped"))
        self.statusBar().showMessage(message)
        self.engine_label.setToolTip(message)

    @staticmethod
    def _sweep_text(stats: SweepStats) -> str:
        dur = stats.duration_s or 0.0
        text = _t("Sweep {sweep}: {polled} miners in {seconds} s").format(
            sweep=stats.sweep, polled=f"{stats.polled:,}", seconds=f"{dur:.1f}"
        )
        if stats.skipped_backoff:
            text += _t(" ({count} offline, backing off)").format(count=f"{stats.skipped_backoff:,}")
        return text

    def _set_engine_text(self, text: str) -> None:
        self.engine_label.setText(text)

    def _refresh_totals(self) -> None:
        if self.tabs.currentWidget() is self.rack_view:
            self.rack_view.refresh()
        totals = self.model.totals()
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
        """Re-sort and re-filter live data, but not under the operator's hand: while the pointer
        is over the table (or a button is down, a menu open) try again shortly; the current row
        keeps its place on screen."""
        now = time.monotonic()
        if self.resort_guard.busy() and not self._deferred_since:
            self._deferred_since = now
        if self.resort_guard.busy() and (
            self.resort_guard.pressed or now - self._deferred_since < MAX_DEFER_S
        ):
            self._resort_timer.start(RESORT_RETRY_MS)
            return
        self._deferred_since = 0.0
        self._resort_timer.setInterval(RESORT_DELAY_MS)
        with self.resort_guard.pinned():
            self.proxy.refresh(resort=False)
        # the order is worked out in this turn and the rows move in the next one (see
        # SortedTableModel.plan_resort): two turns of 5-8 ms instead of one of 13-15 ms
        if self.model.plan_resort():
            QTimer.singleShot(0, self._finish_resort)
        if self.groups.isVisible():  # group totals follow the data at the re-sort pace (2 s)
            self.groups.refresh()
        self._update_shown()

    @Slot()
    def _finish_resort(self) -> None:
        """The re-sort's second turn: move the rows as planned, the current row kept in place."""
        if self._shut_down or not self.model.resort_pending:
            return
        with self.resort_guard.pinned():
            if self.proxy.filtering or len(self.table.selectionModel().selectedRows()) > 200:
                moved = self.model.apply_planned()
            else:  # rows rewritten in place: the proxy has nothing to re-map (see apply_planned)
                with kept_by_key(self.table, self._proxy_index):
                    moved = self.model.apply_planned(in_place=True)
        if not moved:  # rows came or went since the plan: sort them all shortly
            self._schedule_resort()

    def _proxy_index(self, key: str) -> QModelIndex:
        row = self.model.row_of(key)
        return QModelIndex() if row is None else self.proxy.mapFromSource(self.model.index(row, 0))

    def _apply_filters(self) -> None:
        bar = self.filter_bar
        try:
            self.proxy.set_text_filter(bar.edit.text())
        except FilterError as exc:
            bar.show_error(str(exc))
        else:
            bar.show_error(None)
        self.proxy.set_quick_statuses(bar.statuses())
        self.proxy.set_problems_only(bar.problems_check.isChecked())
        self._update_shown()

    def focus_filter(self) -> None:
        """Ctrl+F: the fleet tab and its filter box, text selected for typing over."""
        self.tabs.setCurrentWidget(self.fleet_page)
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def _show_column_menu(self, pos: QPoint) -> None:
        header = self.table.horizontalHeader()
        menu = column_menu(header, self)
        self.resort_guard.menu_open = True
        try:
            menu.exec(header.viewport().mapToGlobal(pos))
        finally:
            self.resort_guard.menu_open = False

    def set_compact(self, on: bool) -> None:
        """Compact mode for 1366 × 768: fewer columns, shorter rows, a smaller details pane."""
        set_compact(self.table, on)
        if not on:
            fit_widths(self.table)
        self.resizeDocks([self.detail_dock], [200 if on else 280], Qt.Orientation.Vertical)

    def set_language(self, choice: str) -> None:
        """ "system", "en", "zh_CN" or "ru": the window redraws in it once the catalogue is read
        (on the worker pool) and installed."""
        self.language_choice = choice
        lang = system_language() if choice == "system" else choice
        self.language.request(lang)
        if self.fault_stage is not None and self.config.language is None:
            # fault texts "follow the system" (Fault settings): here they follow the window
            code = lang.split("_")[0]
            self.fault_stage.set_language(code)
            # titles, causes and remedies redraw now; evidence follows at the next report
            ready = self.catalogue_ready

            def job() -> None:
                from rig_monitor.core.faults.overrides import user_catalogue

                emit_on_gui(ready, user_catalogue(code))  # disk I/O: on the worker, never here

            self._saver.run(job)

    def _on_catalogue_ready(self, catalogue: object) -> None:
        if isinstance(catalogue, Catalogue):
            self.fault_book.use_catalogue(catalogue)
            self.model.invalidate_cells()
            rows = self.model.rowCount()
            if rows:
                self.model.dataChanged.emit(
                    self.model.index(0, Col.FAULTS), self.model.index(rows - 1, Col.FAULTS)
                )
            self._on_faults_changed()

    def _fault_title(self, fault: Fault) -> str:
        catalogue = self.fault_book.catalogue
        if catalogue is not None and fault.id in catalogue:
            return catalogue.title(fault.id)
        return fault.title

    def _on_language_changed(self, _lang: str) -> None:
        retranslate(self)
        self.model.invalidate_cells()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Col) - 1)
        if self.model.rowCount():
            last = self.model.index(self.model.rowCount() - 1, Col.STATUS)
            self.model.dataChanged.emit(self.model.index(0, Col.STATUS), last)
        self._refresh_totals()
        self._update_shown()
        self.fault_book.retranslate()  # headers and cells of the Faults view, incident card
        self.faults_view.fit_words()
        self._on_faults_changed()
        self.rack_view.retranslate()
        self.handover.retranslate()
        for pane in (self.fleet_history, self.miner_history):
            chart = pane.built
            if chart is not None:  # not built yet: it is built in the language of that moment
                chart.retranslate()
        self.detail.show_row(self.model.find(self.detail.key) if self.detail.key else None)
        if not self._started:
            self._set_engine_text(_t("Engine not started"))
        elif self._last_sweep is not None:
            self._set_engine_text(self._sweep_text(self._last_sweep))
        else:  # started, first sweep not finished: the line said so in the old language
            self._set_engine_text(self._polling_text())

    def set_theme(self, theme: str) -> None:
        """Light, dark or following the system (remembered with the window's layout)."""
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)
            for widget in (self, *self.findChildren(QWidget)):
                if widget.styleSheet():  # palette(...) in style sheets is resolved when set
                    widget.setStyleSheet(widget.styleSheet())
        self.theme = theme

    def fit_columns(self) -> None:
        fit_widths(self.table)

    def reset_columns(self) -> None:
        header = self.table.horizontalHeader()
        for col in Col:
            header.setSectionHidden(col, False)
        apply_default_order(header)
        if self.menu_actions["compact"].isChecked():
            set_compact(self.table, True)
        fit_widths(self.table)

    def _explain_degraded(self, row: FleetRow) -> str:
        catalogue = self.fault_book.catalogue
        return self.degraded.explain(row, catalogue.params if catalogue is not None else None)

    def _on_rack_cell(self, key: str) -> None:
        """A rack cell selects the miner: the details pane shows it, the fleet table selects it."""
        self.detail.show_row(self.model.find(key))
        self.detail_dock.show()
        self.select_key(key)

    def open_demo(self) -> None:
        """First run: start the simulated fleet (loopback only) in its own window."""
        try:
            self.launch(demo_command())
        except OSError as exc:
            self.statusBar().showMessage(
                _t("Could not start the demo: {error}").format(error=exc), 10_000
            )
            return
        self.statusBar().showMessage(_t("Starting the demo in its own window…"), 8000)

    def export_csv_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, _t("Export the table"), "rig-monitor-fleet.csv", _t("CSV files (*.csv)")
        )
        if path:
            self.export_csv(Path(path))

    def export_csv(self, path: Path) -> None:
        """The table as shown (filtered rows, shown columns); the file is written off the GUI
        thread, and the status bar says when it is done or why it failed."""
        rows = table_rows(self.table)
        report = self.export_finished

        def job() -> None:
            try:
                write_csv(path, rows)
            except OSError as exc:
                emit_on_gui(
                    report, _t("Could not write {path}: {error}").format(path=path, error=exc)
                )
            else:
                emit_on_gui(
                    report, tn("Exported %n miners to {path}", len(rows) - 1).format(path=path)
                )

        self._saver.run(job)
        self.statusBar().showMessage(
            tn("Exporting %n miners to {path}…", len(rows) - 1).format(path=path), 5000
        )

    # The charts (pyqtgraph, numpy) are imported and built when their tab is first shown.
    def _build_fleet_history(self) -> FleetHistoryView:
        from rig_monitor.gui.history_charts import FleetHistoryView

        return FleetHistoryView(self.history, self._table_dicts)

    def _build_miner_history(self) -> MinerHistoryView:
        from rig_monitor.gui.history_charts import MinerHistoryView

        return MinerHistoryView(self.history)

    def _update_shown(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.shown_label.setText(
            tn("%n miners", total)
            if shown == total
            else _t("Showing {shown} of {total}").format(shown=f"{shown:,}", total=f"{total:,}")
        )

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = current.data(KEY_ROLE) if current.isValid() else None
        self.detail.show_row(self.model.find(key) if isinstance(key, str) else None)
        chosen = key if isinstance(key, str) else None
        self.miner_history.apply("key", lambda view: view.set_key(chosen))

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
        self.filter_bar.clear()
        self.proxy.refresh()
        return self.select_key(key)

    # -- history ----------------------------------------------------------------------------------
    def _on_history_problem(self, text: str) -> None:
        if text:
            self.statusBar().showMessage(_t("History: {problem}").format(problem=text), 120_000)
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
        self.tabs.setTabText(
            1, _t("Faults ({count})").format(count=f"{count:,}") if count else _t("Faults")
        )
        if self.detail.key is not None:
            self.detail.faults.show_miner(self.detail.key, self._live(self.detail.key))
        self._reword_alert()

    def _reword_alert(self) -> None:
        """The alert button's latest alert, in the language of the latest report (a language
        switch re-words it; a cleared one keeps its last words)."""
        source = self._alert_source
        if source is None:
            return
        book = self.fault_book
        if isinstance(source, tuple) and len(source) == 2:  # an incident: (id, scope)
            for inc in book.incidents:
                if (inc.id, inc.scope) == source:
                    self._show_alert(inc.title, inc.detail)
                    return
        for rec in book.records:
            if rec.key == source:
                self._show_alert(self._fault_alert_title(rec), rec.fault.detail)
                return

    def _fault_alert_title(self, rec: FaultRecord) -> str:
        title = self.fault_book.title(rec)
        return _t("{title} on {where}").format(title=title, where=miner_address(rec.miner))

    def _live(self, key: str) -> MinerSnapshot | None:
        row = self.model.find(key)
        return row.snap if row is not None and row.online else None

    def _on_new_incidents(self, incidents: list[Incident]) -> None:
        for inc in incidents:
            self._alert_source = (inc.id, inc.scope)
            self._alert(inc.title, inc.detail)

    def _on_new_critical_faults(self, records: list[FaultRecord]) -> None:
        for rec in records:
            self._alert_source = rec.key
            self._alert(self._fault_alert_title(rec), rec.fault.detail)

    def _alert(self, title: str, text: str) -> None:
        """Tray notification, at most one per NOTIFY_GAP_MS (later ones are summed up in one);
        without a tray, the status bar says it. The alert button keeps the latest either way."""
        self._show_alert(title, text)
        if self.tray is None:
            return  # the alert button in the status bar is the alerts area
        self._held_alerts.append((title, text))
        wait = self._last_notice + NOTIFY_GAP_MS - time.monotonic() * 1000.0
        if wait <= 0:
            self._flush_alerts()
        elif not self._alert_timer.isActive():
            self._alert_timer.start(int(wait))

    def _show_alert(self, title: str, text: str) -> None:
        self.alert_button.setText(f"⚠ {title}")
        self.alert_button.setToolTip(f"{title}\n{text}\n{_t('(click: open the Faults view)')}")
        self.alert_button.show()

    def _flush_alerts(self) -> None:
        held, self._held_alerts = self._held_alerts, []
        if not held or self.tray is None:
            return
        self._last_notice = time.monotonic() * 1000.0
        if len(held) == 1:
            title, text = held[0]
        else:
            title = tn("%n new critical alerts", len(held))
            text = "\n".join(t for t, _ in held[:5])
        self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Critical, 15_000)

    def open_fault_settings(self) -> ThresholdsDialog | None:
        """Open the fault settings dialog (non-blocking); saving applies and writes them."""
        book = self.fault_book
        if self.fault_stage is None or book.catalogue is None:
            self.statusBar().showMessage(_t("Fault tracking is off in this window"), 5000)
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
        self.statusBar().showMessage(
            _t("Fault settings saved; they apply from the next poll"), 5000
        )
