"""Defining, loading and saving racks for the window's rack map.

File reads and writes run on the window's worker pool (never the GUI thread); results come back
through a queued signal. Bad input (a broken CSV line, a pattern without the named groups) is
said in the rack map's status line.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QWidget

from rig_monitor.core.racks import (
    DEFAULT_NAME_PATTERN,
    Rack,
    RackError,
    load_racks,
    racks_from_addresses,
    racks_from_csv,
    racks_from_names,
    save_racks,
)
from rig_monitor.gui.fleet import FleetRow
from rig_monitor.gui.i18n import t
from rig_monitor.gui.rack_map import RackMapView
from rig_monitor.gui.thread_hop import emit_on_gui

Run = Callable[[Callable[[], None]], None]


def worker_name(row: FleetRow) -> str:
    """The name farms encode positions in: the worker suffix of the active pool user
    ("acct.A03-R2-S07" -> "A03-R2-S07"), else the host name."""
    ident = row.identity
    if ident is None:
        return ""
    user = ident.active_pool.user if ident.active_pool is not None else None
    if user:
        return user.rsplit(".", 1)[-1]
    return ident.hostname or ""


class RackController(QObject):
    loaded = Signal(object, str)  # racks (or None), message

    def __init__(
        self,
        view: RackMapView,
        rows: Callable[[], list[FleetRow]],
        run: Run,
        path: Path | None,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.rows = rows
        self.run = run
        self.path = path
        self.parent_widget = parent
        self.message = ""
        view.define_from_addresses.connect(self.ask_from_addresses)
        view.define_from_names.connect(self.ask_from_names)
        view.import_csv.connect(self.ask_import_csv)
        self.loaded.connect(self._on_loaded)

    # -- persistence ------------------------------------------------------------------------------
    def load(self) -> None:
        path, report = self.path, self.loaded
        if path is None:
            return

        def job() -> None:
            try:
                emit_on_gui(report, load_racks(path), "")
            except (OSError, RackError) as exc:
                emit_on_gui(report, None, t("Could not read the racks: {error}").format(error=exc))

        self.run(job)

    def _save(self, racks: list[Rack]) -> None:
        path = self.path
        if path is None:
            return

        def job() -> None:
            try:
                save_racks(path, racks)
            except OSError as exc:
                emit_on_gui(
                    self.loaded, None, t("Could not save the racks: {error}").format(error=exc)
                )

        self.run(job)

    def _on_loaded(self, racks: object, message: str) -> None:
        if isinstance(racks, list):
            self.view.set_racks(racks)
        self._say(message)

    def _say(self, message: str) -> None:
        self.message = message
        if message:
            self.view.summary.setText(message)

    def apply(self, racks: list[Rack], what: str) -> None:
        self.view.set_racks(racks)
        self._save(racks)
        placed = sum(len(r.slots) for r in racks)
        text = t("racks: {racks}, miners placed: {placed}").format(
            racks=f"{len(racks):,}", placed=f"{placed:,}"
        )
        self._say(f"{text} ({what})")

    # -- the three ways ---------------------------------------------------------------------------
    def from_addresses(self, cols: int) -> None:
        try:
            racks = racks_from_addresses([r.key for r in self.rows()], cols)
        except RackError as exc:
            self._say(str(exc))
            return
        self.apply(racks, t("one rack per /24 block"))

    def from_names(self, pattern: str) -> None:
        names = {r.key: worker_name(r) for r in self.rows()}
        try:
            racks = racks_from_names(names, pattern)
        except RackError as exc:
            self._say(t("Pattern not used: {error}").format(error=exc))
            return
        if not racks:
            self._say(t("No worker or host name matched the pattern"))
            return
        self.apply(racks, t("from names"))

    def from_csv_text(self, text: str) -> None:
        try:
            racks = racks_from_csv(text)
        except RackError as exc:
            self._say(t("CSV not imported: {error}").format(error=exc))
            return
        self.apply(racks, t("from CSV"))

    def ask_from_addresses(self) -> None:
        cols, ok = QInputDialog.getInt(
            self.parent_widget,
            t("Racks from addresses"),
            t("Miners per shelf (columns):"),
            10,
            1,
            200,
        )
        if ok:
            self.from_addresses(cols)

    def ask_from_names(self) -> None:
        pattern, ok = QInputDialog.getText(
            self.parent_widget,
            t("Racks from names"),
            t(
                "Regular expression with the groups rack, row and col\n"
                "(matched against the pool worker name, else the host name):"
            ),
            QLineEdit.EchoMode.Normal,
            DEFAULT_NAME_PATTERN,
        )
        if ok and pattern.strip():
            self.from_names(pattern.strip())

    def ask_import_csv(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.parent_widget, t("Import racks"), "", t("CSV files (*.csv);;All files (*)")
        )
        if not name:
            return
        path = Path(name)
        text_ready = _TextReady(self)
        text_ready.done.connect(self._on_csv_read)

        def job() -> None:
            try:
                emit_on_gui(text_ready.done, path.read_text(encoding="utf-8-sig"), "")
            except (OSError, UnicodeDecodeError) as exc:
                emit_on_gui(
                    text_ready.done,
                    "",
                    t("Could not read {path}: {error}").format(path=path, error=exc),
                )

        self.run(job)

    def _on_csv_read(self, text: str, error: str) -> None:
        if error:
            self._say(error)
        else:
            self.from_csv_text(text)


class _TextReady(QObject):
    done = Signal(str, str)
