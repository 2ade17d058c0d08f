""" "Scan my network" (operator story 1): suggested networks, live progress, miners as they appear,
a final report, then "Add to fleet" or "Save as site".

The scan runs on a short-lived thread with its own asyncio loop (like the engine thread): a
scan of thousands of addresses must never stall the window. Results cross to the GUI thread as one
queued signal per batch (every ~100 ms), never one per address.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rig_monitor.core.config import check_site_name
from rig_monitor.core.engine.discovery import (
    ScanOptions,
    ScanProgress,
    ScanReport,
    ScanResult,
    scan_iter,
)
from rig_monitor.core.engine.loops import close_loop
from rig_monitor.core.model import Ports, Target
from rig_monitor.core.netinfo import Suggestion, suggest_networks
from rig_monitor.core.targets import TargetError, is_public, parse_targets
from rig_monitor.gui.i18n import t, tn
from rig_monitor.gui.thread_hop import emit_on_gui

BATCH_S = 0.1  # how often found results are handed to the GUI thread

ConfirmFn = Callable[[QWidget, str], bool]
SuggestFn = Callable[[], Sequence[Suggestion]]


class ScanWorker(QObject):
    """Runs one scan on its own thread and loop. Signals arrive queued on the GUI thread."""

    batch = Signal(object, object)  # list[ScanResult], ScanProgress | None
    finished = Signal(object)  # list[ScanResult], everything, in arrival order

    def __init__(self, targets: list[Target], options: ScanOptions | None = None) -> None:
        super().__init__()
        self._targets = targets
        self._options = options or ScanOptions()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[None] | None = None
        self._thread = threading.Thread(target=self._run, name="rig-monitor-scan", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Stop the scan; the addresses not settled yet are simply not reported."""
        loop, task = self._loop, self._task
        if loop is not None and task is not None and not loop.is_closed():
            loop.call_soon_threadsafe(task.cancel)

    def wait(self, timeout_s: float = 10.0) -> bool:
        if self._thread.is_alive():
            self._thread.join(timeout_s)
        return not self._thread.is_alive()

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        everything: list[ScanResult] = []
        try:
            self._task = loop.create_task(self._main(everything))
            loop.run_until_complete(asyncio.gather(self._task, return_exceptions=True))
        finally:
            close_loop(loop)  # identification tasks and their requests too
            emit_on_gui(self.finished, everything)

    async def _main(self, everything: list[ScanResult]) -> None:
        pending: list[ScanResult] = []
        last: list[ScanProgress | None] = [None]
        sent = time.monotonic()

        def flush() -> None:
            emit_on_gui(self.batch, pending[:], last[0])
            pending.clear()

        try:
            async for result in scan_iter(
                self._targets, self._options, on_progress=lambda p: last.__setitem__(0, p)
            ):
                everything.append(result)
                pending.append(result)
                if time.monotonic() - sent >= BATCH_S:
                    flush()
                    sent = time.monotonic()
        finally:
            flush()


def confirm_public(parent: QWidget, text: str) -> bool:
    answer = QMessageBox.warning(
        parent,
        t("Scan public addresses?"),
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


class ScanDialog(QDialog):
    """Emits ``add_requested(list[Target])`` and ``site_saved(name, target strings)``."""

    add_requested = Signal(object)
    site_saved = Signal(str, object)
    _parsed = Signal(str, object)  # @files read off the GUI thread: (text, targets or error)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        suggest: SuggestFn = suggest_networks,
        options: ScanOptions | None = None,
        ports: Ports | None = None,
        confirm: ConfirmFn = confirm_public,
        ask_name: Callable[[QWidget], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("Scan my network"))
        self.resize(640, 520)
        self._options = options or ScanOptions(ports=ports or Ports())
        self._confirm = confirm
        self._ask_name = ask_name or _ask_site_name
        self._worker: ScanWorker | None = None
        self._parsing = False
        self._parsed.connect(self._on_parsed)
        self._results: list[ScanResult] = []
        self._scanned_text = ""
        self.report: ScanReport | None = None

        self.targets_edit = QLineEdit()
        self.targets_edit.setPlaceholderText("10.10.0.0/22, 10.10.4.1-200, @miners.txt")
        try:
            suggestions = list(suggest())
        except Exception:  # interfaces unreadable: the operator types the range
            suggestions = []
        self.targets_edit.setText(", ".join(str(s) for s in suggestions))
        self.hint = QLabel(
            t("Suggested from this computer's networks.")
            if suggestions
            else t("Type the addresses of your miners' network.")
        )
        self.start_button = QPushButton(t("Scan"))
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start_scan)
        self.stop_button = QPushButton(t("Stop"))
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop_scan)
        row = QHBoxLayout()
        row.addWidget(self.targets_edit, 1)
        row.addWidget(self.start_button)
        row.addWidget(self.stop_button)

        self.progress = QProgressBar()
        self.progress.setFormat(t("%v of %m addresses"))
        self.progress.setValue(0)
        self.status = QLabel("")
        self.found_list = QListWidget()
        self.report_label = QLabel("")
        self.report_label.setWordWrap(True)
        self.report_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label = QLabel("")
        self.error_label.setStyleSheet("color: #c0392b;")
        self.error_label.hide()

        self.add_button = QPushButton(t("Add to fleet"))
        self.add_button.setEnabled(False)
        self.add_button.clicked.connect(self.add_to_fleet)
        self.save_button = QPushButton(t("Save as site…"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_as_site)
        close = QPushButton(t("Close"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.hint)
        layout.addWidget(self.error_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.found_list, 1)
        layout.addWidget(self.report_label)
        layout.addLayout(buttons)

    # -- scanning ---------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._worker is not None

    @property
    def miners(self) -> list[ScanResult]:
        return [r for r in self._results if r.is_miner]

    @Slot()
    def start_scan(self) -> None:
        if self._worker is not None:
            return
        text = self.targets_edit.text().strip()
        if self._parsing:
            return
        if any(tok.startswith("@") for tok in text.replace(",", " ").split()):
            # @files are read on a helper thread (a slow share or a huge file must not freeze
            # the window); the scan starts when they are read.
            self._parsing = True
            self.status.setText(t("Reading the address files…"))
            self.start_button.setEnabled(False)

            def read() -> None:
                try:
                    result: list[Target] | str = parse_targets(text)
                except TargetError as exc:
                    result = str(exc)
                emit_on_gui(self._parsed, text, result)

            threading.Thread(target=read, name="rig-monitor-read-targets", daemon=True).start()
            return
        try:
            targets = parse_targets(text) if text else []
        except TargetError as exc:
            self._error(str(exc))
            return
        self._start_with(text, targets)

    @Slot(str, object)
    def _on_parsed(self, text: str, result: object) -> None:
        self._parsing = False
        self.start_button.setEnabled(True)
        self.status.clear()
        if isinstance(result, str):
            self._error(result)
            return
        assert isinstance(result, list)
        self._start_with(text, result)

    def _start_with(self, text: str, targets: list[Target]) -> None:
        if not targets:
            self._error(t("Type the addresses to scan, e.g. 10.10.0.0/22"))
            return
        public = [t for t in targets if is_public(t)]
        if public and not self._confirm(
            self,
            t(
                "{count} of these addresses are on the public internet (first: {first}). Miners "
                "live on private networks; scanning other people's addresses may be unwelcome. "
                "Scan them anyway?"
            ).format(count=f"{len(public):,}", first=public[0].ip),
        ):
            return
        self.error_label.hide()
        self._results = []
        self._scanned_text = text
        self.report = None
        self.found_list.clear()
        self.report_label.clear()
        self.progress.setRange(0, len(targets))
        self.progress.setValue(0)
        self.status.setText(tn("Scanning %n addresses…", len(targets)))
        self.start_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.add_button.setEnabled(False)
        self.save_button.setEnabled(False)
        worker = ScanWorker(targets, self._options)
        worker.batch.connect(self._on_batch)
        worker.finished.connect(self._on_finished)
        self._worker = worker
        worker.start()

    @Slot()
    def stop_scan(self) -> None:
        if self._worker is not None:
            self.status.setText(t("Stopping…"))
            self._worker.stop()

    @Slot(object, object)
    def _on_batch(self, results: list[ScanResult], progress: ScanProgress | None) -> None:
        for r in results:
            if r.is_miner:
                self.found_list.addItem(r.explain())
        if progress is not None:
            self.progress.setValue(progress.done)
            self.status.setText(
                t("{done} of {total} addresses, {found} miners found").format(
                    done=f"{progress.done:,}",
                    total=f"{progress.total:,}",
                    found=f"{progress.found:,}",
                )
            )

    @Slot(object)
    def _on_finished(self, results: list[ScanResult]) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.wait(1.0)
        self._results = list(results)
        self.report = ScanReport(self._results)
        stopped = len(self._results) < self.progress.maximum()
        self.progress.setValue(len(self._results))
        summary = self.report.summary()
        self.report_label.setText((t("Stopped.") + " " if stopped else "") + summary + ".")
        self.status.setText(t("Scan stopped.") if stopped else t("Scan complete."))
        self.start_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        self.add_button.setEnabled(bool(self.miners))
        self.save_button.setEnabled(bool(self.miners))

    # -- results ----------------------------------------------------------------------------
    @Slot()
    def add_to_fleet(self) -> None:
        targets = [r.target for r in self.miners]
        if targets:
            self.add_requested.emit(targets)
            self.status.setText(tn("Added %n miners to the fleet.", len(targets)))

    @Slot()
    def save_as_site(self) -> None:
        name = self._ask_name(self)
        if name is None:
            return  # cancelled
        try:
            check_site_name(name)
        except ValueError as exc:  # blank or padded: it would vanish or be renamed on reload
            self._error(t("Not saved: {error}").format(error=exc))
            return
        # A site keeps what was scanned (ranges), so a re-scan finds replaced miners too.
        items = [t for t in (x.strip() for x in self._scanned_text.split(",")) if t]
        self.site_saved.emit(name, items)
        self.add_to_fleet()

    def _error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def done(self, result: int) -> None:
        if self._worker is not None:
            self._worker.stop()
            self._worker.wait(5.0)
            self._worker = None
        super().done(result)


def _ask_site_name(parent: QWidget) -> str | None:
    name, ok = QInputDialog.getText(parent, t("Save as site"), t("Site name (e.g. Qingdao-2):"))
    return name if ok else None
