"""Acting on miners from the window: preview, confirmation, progress and a per-miner report.

The dialog first asks every selected miner what it is (a dry run, off the GUI thread) and shows,
per miner, what would be sent or why it cannot be done; nothing is sent until the operator
presses the button that names the action and the count. Then the action runs on its own thread
(its own event loop and poller: the engine keeps polling), results arrive one by one, and the
table ends as the report. Everything goes to the action log, as from the CLI.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rig_monitor.core.actions.log import read_actions
from rig_monitor.core.actions.pacing import Pacing
from rig_monitor.core.actions.runner import ActionResult, ActionRunner
from rig_monitor.core.drivers.control import Action, PoolError, PoolSpec, parse_pool
from rig_monitor.core.engine.poller import Poller
from rig_monitor.core.model import Ports, Target
from rig_monitor.gui.actions_menu import LABELS
from rig_monitor.gui.i18n import t as _t
from rig_monitor.gui.i18n import tn
from rig_monitor.gui.thread_hop import emit_on_gui

OK_COLOUR = QColor("#2e7d32")
BAD_COLOUR = QColor("#c62828")
GREY = QColor("#757575")


def _default_poller() -> Poller:
    from rig_monitor.core.credentials import for_this_user

    return Poller(ports=Ports(), credentials=for_this_user())


class ActionWorker(QObject):
    """Runs one dry run or one action on a Python thread with its own loop; results come back
    as queued signals, so the GUI thread does no network I/O and never waits."""

    result = Signal(object)  # ActionResult, one per miner as it finishes
    finished = Signal(object)  # list[ActionResult], in the targets' order

    def __init__(
        self,
        make_poller: Callable[[], Poller] = _default_poller,
        pacing: Pacing | None = None,
        parent: QObject | None = None,
        on_expect_reboot: Callable[[list[str], float], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.make_poller = make_poller
        self.pacing = pacing or Pacing()
        self.on_expect_reboot = on_expect_reboot
        self._thread: threading.Thread | None = None

    def start(
        self,
        targets: list[Target],
        action: Action,
        pools: tuple[PoolSpec, ...],
        *,
        dry_run: bool,
        allowed: set[str],
    ) -> None:
        def main() -> None:
            results: list[ActionResult] = []

            async def go() -> None:
                poller = self.make_poller()
                runner = ActionRunner(poller, self.pacing, on_expect_reboot=self.on_expect_reboot)
                runner.cooldown.seed(read_actions())
                try:
                    results.extend(
                        await runner.run(
                            targets,
                            action,
                            pools,
                            dry_run=dry_run,
                            allowed=allowed,
                            on_result=self._result_on_gui,
                        )
                    )
                finally:
                    await poller.aclose()

            try:
                asyncio.run(go())
            finally:
                emit_on_gui(self.finished, results)

        self._thread = threading.Thread(target=main, name="rig-monitor-action", daemon=True)
        self._thread.start()

    def _result_on_gui(self, result: ActionResult) -> None:  # the action's thread
        emit_on_gui(self.result, result)

    def wait(self, timeout_s: float = 60.0) -> bool:
        if self._thread is not None:
            self._thread.join(timeout_s)
            return not self._thread.is_alive()
        return True


class PoolsDialog(QDialog):
    """Up to three pools (main and two backups), checked before anything can be sent."""

    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tn("Set pools on %n miners", count))
        grid = QGridLayout()
        heads = (_t("Pool URL (stratum+tcp://host:port)"), _t("Worker"), _t("Password"))
        for col, head in enumerate(heads):
            grid.addWidget(QLabel(head), 0, col)
        self.rows: list[tuple[QLineEdit, QLineEdit, QLineEdit]] = []
        for r in range(3):
            url, user, pw = QLineEdit(), QLineEdit(), QLineEdit()
            url.setPlaceholderText(
                "stratum+tcp://pool.example.com:3333" if r == 0 else _t("backup")
            )
            pw.setPlaceholderText("x")
            pw.setEchoMode(QLineEdit.EchoMode.Password)
            for col, w in enumerate((url, user, pw)):
                grid.addWidget(w, r + 1, col)
            self.rows.append((url, user, pw))
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {BAD_COLOUR.name()};")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.pools: tuple[PoolSpec, ...] = ()

    @Slot()
    def _check(self) -> None:
        pools: list[PoolSpec] = []
        try:
            for url, user, pw in self.rows:
                if not url.text().strip() and not user.text().strip():
                    continue
                text = f"{url.text().strip()},{user.text().strip()},{pw.text()}"
                pools.append(parse_pool(text))
        except PoolError as exc:
            self.error.setText(str(exc))
            return
        if not pools:
            self.error.setText(_t("Give at least one pool URL and worker"))
            return
        self.pools = tuple(pools)
        self.accept()


class ActionsDialog(QDialog):
    """Preview → confirm → progress → report, for one action on the selected miners."""

    COLS = ("Miner", "Can do it?", "What happens")

    def __init__(
        self,
        action: Action,
        targets: list[Target],
        *,
        pools: tuple[PoolSpec, ...] = (),
        allowed: set[str] | None = None,
        worker_factory: Callable[[QObject], ActionWorker] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.action = action
        self.targets = targets
        self.pools = pools
        self.allowed = allowed if allowed is not None else {t.key for t in targets}
        self._factory = worker_factory or (lambda p: ActionWorker(parent=p))
        self.results: dict[str, ActionResult] = {}
        self.phase = "preview"
        label = _t(LABELS[action])
        self.setWindowTitle(f"{label}: {tn('%n miners', len(targets))}")
        self.resize(760, 480)

        self.heading = QLabel(
            tn("<b>{action}</b> on %n miners. Checking what each one can do…", len(targets)).format(
                action=label
            )
        )
        self.heading.setWordWrap(True)
        self.table = QTableWidget(len(targets), len(self.COLS))
        self.table.setHorizontalHeaderLabels([_t(c) for c in self.COLS])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self._row: dict[str, int] = {}
        self._items: list[tuple[QTableWidgetItem, QTableWidgetItem]] = []
        for i, t in enumerate(targets):
            self._row[t.key] = i
            can, what = QTableWidgetItem("…"), QTableWidgetItem("")
            self.table.setItem(i, 0, QTableWidgetItem(str(t)))
            self.table.setItem(i, 1, can)
            self.table.setItem(i, 2, what)
            self._items.append((can, what))
        self.progress = QProgressBar()
        self.progress.setRange(0, len(targets))
        self.progress.setValue(0)
        self.go_button = QPushButton(label)
        self.go_button.setEnabled(False)
        self.go_button.clicked.connect(self.confirm)
        self.close_button = QPushButton(_t("Cancel"))
        self.close_button.clicked.connect(self.reject)
        buttons = QDialogButtonBox()
        buttons.addButton(self.go_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.progress)
        layout.addWidget(buttons)

        self.worker = self._factory(self)
        self.worker.result.connect(self._on_result)
        self.worker.finished.connect(self._on_finished)
        self.worker.start(targets, action, pools, dry_run=True, allowed=self.allowed)

    def _set_row(self, r: ActionResult) -> None:
        row = self._row.get(r.key)
        if row is None:
            return
        if self.phase == "preview":
            can = {True: _t("yes"), False: _t("no")}.get(r.supported, _t("no answer"))  # type: ignore[arg-type]
            text = r.detail if r.supported and not r.error else (r.error or "")
            colour = GREY if not r.supported or r.error else None
        else:
            can = _t("done") if r.ok else _t("FAILED") if r.supported else _t("skipped")
            text = r.detail if r.ok else (r.error or "")
            colour = OK_COLOUR if r.ok else BAD_COLOUR if r.supported else GREY
        can_item, item = self._items[row]
        can_item.setText(can)
        item.setText(text or "")
        item.setToolTip(text or "")
        if colour is not None:
            can_item.setForeground(colour)
            item.setForeground(colour)

    @Slot(object)
    def _on_result(self, r: ActionResult) -> None:
        self.results[r.key] = r
        self._set_row(r)
        self.progress.setValue(len(self.results))

    @Slot(object)
    def _on_finished(self, results: list[ActionResult]) -> None:
        for r in results:
            self.results.setdefault(r.key, r)
        label = _t(LABELS[self.action])
        if self.phase == "preview":
            able = [
                self.results[t.key]
                for t in self.targets
                if t.key in self.results
                and self.results[t.key].supported
                and not self.results[t.key].error
            ]
            names = ", ".join(r.key for r in able[:8]) + (" …" if len(able) > 8 else "")
            cannot = len(self.targets) - len(able)
            text = tn("<b>{action}</b> will be sent to %n miners", len(able)).format(action=label)
            text += f": {names}." if able else "."
            if cannot:
                text += " " + tn("%n cannot (see why below) and will be skipped.", cannot)
            if self.action.disruptive and len(able) > 1:
                text += " " + _t("They go out in waves by address block, a few at a time.")
            self.heading.setText(text)
            self.go_button.setText(f"{label} {tn('%n miners', len(able))}")
            self.go_button.setMinimumWidth(self.go_button.sizeHint().width())
            self.go_button.setEnabled(bool(able))
            self._able = [t for t in self.targets if t.key in {r.key for r in able}]
            return
        ok = sum(1 for r in self.results.values() if r.ok)
        failed = sum(1 for r in self.results.values() if r.supported and not r.ok)
        self.heading.setText(
            _t(
                "<b>{action}</b>: {ok} done, {failed} failed, {skipped} skipped. "
                "Logged to the action log."
            ).format(action=label, ok=ok, failed=failed, skipped=len(self.targets) - ok - failed)
        )
        self.phase = "done"
        self.close_button.setText(_t("Close"))
        self.close_button.setEnabled(True)

    @Slot()
    def confirm(self) -> None:
        """The operator pressed the button that names the action and the count."""
        if self.phase != "preview" or not self._able:
            return
        self.phase = "running"
        self.go_button.setEnabled(False)
        self.close_button.setEnabled(False)  # the report must be seen to the end
        self.heading.setText(_t("<b>{action}</b>: sending…").format(action=_t(LABELS[self.action])))
        self.results = {}
        self.progress.setRange(0, len(self._able))
        self.progress.setValue(0)
        for t in self.targets:
            if t.key not in {a.key for a in self._able}:
                self._set_row_skipped(t)
        self.worker = self._factory(self)
        self.worker.result.connect(self._on_result)
        self.worker.finished.connect(self._on_finished)
        self.worker.start(self._able, self.action, self.pools, dry_run=False, allowed=self.allowed)

    def _set_row_skipped(self, t: Target) -> None:
        can_item, _ = self._items[self._row[t.key]]
        can_item.setText(_t("skipped"))
        can_item.setForeground(GREY)

    def reject(self) -> None:
        if self.phase == "running":
            return  # an action in flight is seen through; the report follows
        super().reject()

    def closeEvent(self, event: object) -> None:
        if self.phase == "running":
            event.ignore()  # type: ignore[attr-defined]
            return
        super().closeEvent(event)  # type: ignore[arg-type]


__all__ = ["LABELS", "ActionWorker", "ActionsDialog", "PoolsDialog", "Qt"]
