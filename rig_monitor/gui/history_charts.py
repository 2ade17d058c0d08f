"""Charts of one miner (the detail pane's History tab) and of the fleet, with pyqtgraph.

Zoom and pan with the mouse (wheel, drag; right-click for the menu), hover for values; fault
events and notes are vertical lines on the time axis (red raised, green cleared, blue notes and
actions, grey acknowledged/snoozed) with the text in their tooltip and in the hover line.
Data comes from :class:`HistoryLink` queries (worker threads); drawing is ``setData`` only.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rig_monitor.core.history import EventRow, HistoryReader
from rig_monitor.core.history.export import (
    daily_report,
    fleet_csv,
    history_doc,
    iso,
    report_csv,
    report_html,
    write_samples_csv,
)
from rig_monitor.gui.history_data import (
    RANGES,
    Array,
    FleetChart,
    MinerChart,
    load_fleet,
    load_miner,
)
from rig_monitor.gui.history_handover import EVENT_NAMES
from rig_monitor.gui.history_link import HistoryLink
from rig_monitor.gui.i18n import t, tn

pg.setConfigOptions(antialias=False, background="w", foreground="k")

EVENT_COLOURS = {
    "raised": (200, 30, 30),
    "escalated": (200, 30, 30),
    "cleared": (30, 150, 60),
    "note": (40, 90, 200),
    "action": (40, 90, 200),
}
GREY = (150, 150, 150)
PALETTE = [
    (31, 119, 180),
    (255, 127, 14),
    (44, 160, 44),
    (214, 39, 40),
    (148, 103, 189),
    (140, 86, 75),
]


def event_text(e: EventRow) -> str:
    what = e.fault or ""
    kind = t(EVENT_NAMES[e.kind]) if e.kind in EVENT_NAMES else e.kind
    if e.kind in ("note", "action"):
        who = f" — {e.operator}" if e.operator else ""
        return f"{kind}: {e.detail or ''}{who}"
    title = e.title or what
    return f"{kind}: {title}" + (f" ({e.detail})" if e.detail else "")


def _plot(layout: pg.GraphicsLayout, title: str, units: str) -> pg.PlotItem:
    """A plot titled ``title`` (English; shown translated, and again after a switch)."""
    p: pg.PlotItem = layout.addPlot(axisItems={"bottom": pg.DateAxisItem()})
    p.rm_words = (title, units)
    p.setTitle(t(title), size="9pt")
    p.setLabel("left", t(units))
    p.showGrid(x=False, y=True, alpha=0.25)
    p.setClipToView(True)
    p.setDownsampling(auto=True, mode="peak")
    p.addLegend(offset=(5, 5), labelTextSize="8pt", brush=(255, 255, 255, 210), pen=(180, 180, 180))
    return p


def _curve(plot: pg.PlotItem, name: str, pen: Any) -> pg.PlotDataItem:
    """A named curve (``name`` English, shown translated) in ``plot``'s legend."""
    item: pg.PlotDataItem = plot.plot(name=t(name), pen=pen)
    item.rm_name = name
    return item


def _rename(plot: pg.PlotItem, item: pg.PlotDataItem, name: str) -> None:
    """Show ``item`` as ``name`` in the plot's legend (a switch of language, a new board)."""
    item.opts["name"] = name
    label = plot.legend.getLabel(item) if plot.legend is not None else None
    if label is not None:
        label.setText(name)


class _ChartBase(QWidget):
    """Range selector, export buttons, a plot grid, the hover line and event markers."""

    def __init__(self, link: HistoryLink | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.link = link
        self._qid = 0
        self.range_box = QComboBox()
        for name, span in RANGES:
            self.range_box.addItem(name, span)
        self.range_box.setCurrentIndex(2)  # 24 hours
        self.range_box.currentIndexChanged.connect(lambda _i: self.reload())
        self.status = QLabel()
        self.status.setObjectName("historyStatus")
        self.hover = QLabel(" ")
        self.hover.setObjectName("historyHover")
        self.hover.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bar = QHBoxLayout()
        self.bar.addWidget(QLabel(t("Range")))
        self.bar.addWidget(self.range_box)
        self.bar.addWidget(self.status, 1)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setMinimumHeight(160)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(self.bar)
        lay.addWidget(self.graphics, 1)
        lay.addWidget(self.hover)
        self.plots: list[pg.PlotItem] = []
        self._markers: list[tuple[pg.PlotItem, pg.InfiniteLine]] = []
        self._events: list[EventRow] = []
        self._t: Array = np.zeros(0)
        self.graphics.scene().sigMouseMoved.connect(self._on_mouse)
        if link is not None:
            link.result.connect(self._on_result)

    @property
    def span_s(self) -> float:
        return float(self.range_box.currentData())

    def set_range(self, name: str) -> None:
        i = self.range_box.findText(name)
        if i >= 0:
            self.range_box.setCurrentIndex(i)

    def retranslate(self) -> None:
        """Titles, units and legends in the language now installed; the status line again."""
        for p in self.plots:
            title, units = p.rm_words
            p.setTitle(t(title), size="9pt")
            p.setLabel("left", t(units))
            for item in p.listDataItems():
                name = getattr(item, "rm_name", None)
                if isinstance(name, str):
                    _rename(p, item, t(name))
        chart = getattr(self, "chart", None)
        if chart is not None:
            self.draw(chart)  # the status line and per-board names, from the data in hand
        else:
            self.reload()

    def _link_x(self) -> None:
        for p in self.plots[1:]:
            p.setXLink(self.plots[0])

    def reload(self) -> None:
        raise NotImplementedError

    def _ask(self, fn: Callable[[HistoryReader], Any]) -> None:
        if self.link is None:
            self.status.setText(t("History is off"))
            return
        self.status.setText(t("Loading…"))
        self._qid = self.link.query(fn)

    @Slot(int, object)
    def _on_result(self, qid: int, result: object) -> None:
        if qid != self._qid:
            return
        if isinstance(result, Exception):
            self.status.setText(t("History unavailable: {error}").format(error=result))
            return
        self.draw(result)

    def draw(self, data: Any) -> None:
        raise NotImplementedError

    def _mark(self, events: Sequence[EventRow]) -> None:
        for plot, line in self._markers:
            plot.removeItem(line)
        self._markers = []
        self._events = list(events)
        for e in events:
            colour = EVENT_COLOURS.get(e.kind, GREY)
            for n, p in enumerate(self.plots):
                line = pg.InfiniteLine(
                    pos=e.t, angle=90, movable=False,
                    pen=pg.mkPen(colour, width=1, style=Qt.PenStyle.DashLine),
                )  # fmt: skip
                line.setToolTip(f"{iso(e.t)} {event_text(e)}")
                if n == 0:
                    line.label = pg.InfLineLabel(
                        line, text=e.kind[0].upper(), position=0.95, color=colour
                    )
                p.addItem(line, ignoreBounds=True)
                self._markers.append((p, line))

    def _on_mouse(self, pos: QPointF) -> None:
        if not self.plots or len(self._t) == 0:
            return
        for p in self.plots:
            if p.sceneBoundingRect().contains(pos):
                x = p.getViewBox().mapSceneToView(pos).x()
                self.hover.setText(self.describe(x, p))
                return

    def describe(self, x: float, plot: pg.PlotItem) -> str:
        return ""

    def _nearest(self, x: float) -> int | None:
        if len(self._t) == 0:
            return None
        i = int(np.searchsorted(self._t, x))
        if i >= len(self._t):
            i = len(self._t) - 1
        if i > 0 and abs(self._t[i - 1] - x) < abs(self._t[i] - x):
            i -= 1
        return i

    def _near_event(self, x: float, plot: pg.PlotItem) -> str:
        if not self._events:
            return ""
        vb = plot.getViewBox()
        (x0, x1), _ = vb.viewRange()
        width = max(1.0, vb.width())
        slack = (x1 - x0) / width * 6  # six pixels
        close = [e for e in self._events if abs(e.t - x) <= slack]
        return "  |  " + "; ".join(event_text(e) for e in close[:3]) if close else ""

    def _save_name(self, title: str, default: str, filters: str) -> str | None:
        name, _ = QFileDialog.getSaveFileName(self, title, default, filters)
        return name or None


def _fmt(v: float, unit: str, digits: int = 1) -> str:
    return "—" if np.isnan(v) else f"{v:,.{digits}f} {unit}"


class MinerHistoryView(_ChartBase):
    """One miner: hashrate against nominal, per-board hashrate, temperatures, fans, power; notes."""

    note_added = Signal(str, str)  # key, text

    def __init__(self, link: HistoryLink | None, parent: QWidget | None = None) -> None:
        super().__init__(link, parent)
        self.key: str | None = None
        self.chart: MinerChart | None = None
        self.export_csv = QPushButton(t("Export CSV…"))
        self.export_csv.clicked.connect(lambda: self.export("csv"))
        self.export_json = QPushButton(t("Export JSON…"))
        self.export_json.clicked.connect(lambda: self.export("json"))
        self.bar.addWidget(self.export_csv)
        self.bar.addWidget(self.export_json)
        g = self.graphics.ci
        self.p_hash = _plot(g, "Hashrate", "TH/s")
        self.p_boards = _plot(g, "Per board", "TH/s")
        g.nextRow()
        self.p_temp = _plot(g, "Temperatures", "°C")
        self.p_fans = _plot(g, "Fans", "rpm")
        g.nextRow()
        self.p_power = _plot(g, "Power", "W")
        self.plots = [self.p_hash, self.p_boards, self.p_temp, self.p_fans, self.p_power]
        self._link_x()
        self.c_hash = _curve(self.p_hash, "hashrate", pen=pg.mkPen(PALETTE[0], width=1))
        self.c_nominal = _curve(
            self.p_hash, "nominal", pen=pg.mkPen((90, 90, 90), width=1, style=Qt.PenStyle.DashLine)
        )
        self.c_chip = _curve(self.p_temp, "chip max", pen=pg.mkPen(PALETTE[3], width=1))
        self.c_board = _curve(self.p_temp, "board max", pen=pg.mkPen(PALETTE[1], width=1))
        self.c_power = _curve(self.p_power, "power", pen=pg.mkPen(PALETTE[4], width=1))
        self.c_boards: list[pg.PlotDataItem] = []
        self.c_fans: list[pg.PlotDataItem] = []

        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(
            t("Note for this miner: board 2 swapped, PSU replaced, fan changed…")
        )
        self.note_edit.returnPressed.connect(self.add_note)
        self.note_button = QPushButton(t("Add note"))
        self.note_button.clicked.connect(self.add_note)
        row = QHBoxLayout()
        row.addWidget(self.note_edit, 1)
        row.addWidget(self.note_button)
        lay = self.layout()
        assert isinstance(lay, QVBoxLayout)
        lay.addLayout(row)
        if link is not None:
            link.recorded.connect(self.reload)
        self._set_enabled(False)

    def _set_enabled(self, on: bool) -> None:
        for w in (self.note_edit, self.note_button, self.export_csv, self.export_json):
            w.setEnabled(on and self.link is not None)

    def set_key(self, key: str | None) -> None:
        if key == self.key:
            return
        self.key = key
        self._set_enabled(key is not None)
        if self.isVisible():  # else loaded when the History tab is opened
            self.reload()

    def showEvent(self, event: Any) -> None:  # load when the tab is opened
        super().showEvent(event)
        if self.key is not None and (self.chart is None or self.chart.key != self.key):
            self.reload()

    def reload(self) -> None:
        if self.key is None:
            self.status.setText(t("Select a miner to see its history"))
            return
        self._ask(load_miner(self.key, self.span_s))

    def draw(self, data: Any) -> None:
        assert isinstance(data, MinerChart)
        if data.key != self.key:
            return
        self.chart = c = data
        self._t = c.t
        if not c.found:
            self.status.setText(t("Nothing recorded for this miner yet"))
        else:
            serial = t("serial {serial}").format(serial=c.serial) if c.serial else ""
            who = " ".join(x for x in (c.model, serial) if x)
            res = t(
                {"raw": "every poll", "5m": "5-minute averages", "1h": "hourly averages"}[c.tier]
            )
            points = t("{points} points ({resolution})").format(
                points=f"{len(c.t):,}", resolution=res
            )
            self.status.setText(f"{who} · {points} · {tn('%n events', len(c.events))}")
        self.c_hash.setData(c.t, c.hashrate, connect="finite")
        self.c_nominal.setData(c.t, c.nominal, connect="finite")
        self.c_chip.setData(c.t, c.chip, connect="finite")
        self.c_board.setData(c.t, c.board, connect="finite")
        self.c_power.setData(c.t, c.power, connect="finite")
        self.c_boards = self._curves(
            self.p_boards,
            self.c_boards,
            [(t("board {board}").format(board=i), v) for i, v in sorted(c.boards.items())],
            c.t,
        )
        self.c_fans = self._curves(
            self.p_fans,
            self.c_fans,
            [(t("fan {fan}").format(fan=i + 1), v) for i, v in enumerate(c.fans)],
            c.t,
        )
        self._mark(c.events)
        self.p_hash.setXRange(c.since, c.until, padding=0)
        for p in self.plots:
            p.enableAutoRange(axis="y")

    @staticmethod
    def _curves(
        plot: pg.PlotItem, have: list[pg.PlotDataItem], series: list[tuple[str, Array]], t: Array
    ) -> list[pg.PlotDataItem]:
        while len(have) > len(series):
            item = have.pop()
            plot.removeItem(item)
        for i, (name, values) in enumerate(series):
            if i >= len(have):
                have.append(plot.plot(name=name, pen=pg.mkPen(PALETTE[i % len(PALETTE)], width=1)))
            elif have[i].opts.get("name") != name:
                _rename(plot, have[i], name)  # "board 1" in another language
            have[i].setData(t, values, connect="finite")
        return have

    def describe(self, x: float, plot: pg.PlotItem) -> str:
        c = self.chart
        i = self._nearest(x)
        if c is None or i is None:
            return ""
        parts = [
            time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(c.t[i])),
            t("online") if c.online[i] >= 0.5 else t("OFFLINE"),
            t("{value} of {nominal}").format(
                value=_fmt(c.hashrate[i], "TH/s", 2), nominal=_fmt(c.nominal[i], "TH/s", 0)
            ),
            t("chip {temp}").format(temp=_fmt(c.chip[i], "°C")),
            t("board {temp}").format(temp=_fmt(c.board[i], "°C")),
            _fmt(c.power[i], "W", 0),
        ]
        if c.fans:
            rpm = " ".join("—" if np.isnan(f[i]) else f"{f[i]:.0f}" for f in c.fans)
            parts.append(t("fans {rpm}").format(rpm=rpm))
        return " · ".join(parts) + self._near_event(x, plot)

    @Slot()
    def add_note(self) -> None:
        text = self.note_edit.text().strip()
        if not text or self.key is None or self.link is None:
            return
        self.link.add_note(self.key, text)
        self.note_edit.clear()
        self.note_added.emit(self.key, text)

    def export(self, kind: str, path: str | None = None) -> int | None:
        """Export this chart's miner and range (the file is written on a worker thread)."""
        if self.key is None or self.link is None:
            return None
        default = f"{self.key.replace(':', '_')}-history.{kind}"
        name = path or self._save_name(
            t("Export chart data"), default, f"{kind.upper()} (*.{kind})"
        )
        if not name:
            return None
        key, span = self.key, self.span_s

        def write(reader: HistoryReader) -> str:
            miners = reader.miners([key])
            since = time.time() - span
            with open(name, "w", encoding="utf-8", newline="") as fh:
                if kind == "json":
                    json.dump(history_doc(reader, miners, since), fh, indent=1, ensure_ascii=False)
                else:
                    write_samples_csv(reader, miners, since, fh)
            return name

        return self.link.query(write)


class FleetHistoryView(_ChartBase):
    """The fleet: total hashrate against nominal, miners online, open faults, power."""

    def __init__(
        self,
        link: HistoryLink | None,
        table_rows: Callable[[], list[dict[str, Any]]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(link, parent)
        self.chart: FleetChart | None = None
        self._table_rows = table_rows
        self.export_csv = QPushButton(t("Export chart CSV…"))
        self.export_csv.clicked.connect(lambda: self.export_chart())
        self.report_button = QPushButton(t("Daily report…"))
        self.report_button.setToolTip(
            t("Yesterday (UTC): hashrate, uptime, efficiency and faults per miner")
        )
        self.report_button.clicked.connect(lambda: self.export_report())
        self.table_button = QPushButton(t("Export fleet table…"))
        self.table_button.setToolTip(t("The fleet table as it is now, as CSV or JSON"))
        self.table_button.clicked.connect(lambda: self.export_table())
        for b in (self.export_csv, self.report_button, self.table_button):
            b.setEnabled(link is not None or b is self.table_button)
            self.bar.addWidget(b)
        g = self.graphics.ci
        self.p_hash = _plot(g, "Fleet hashrate", "TH/s")
        self.p_online = _plot(g, "Miners", "count")
        g.nextRow()
        self.p_power = _plot(g, "Fleet power", "kW")
        self.p_faults = _plot(g, "Open faults", "count")
        self.plots = [self.p_hash, self.p_online, self.p_power, self.p_faults]
        self._link_x()
        self.c_hash = _curve(self.p_hash, "hashrate", pen=pg.mkPen(PALETTE[0], width=1))
        self.c_nominal = _curve(
            self.p_hash,
            "nominal (online)",
            pen=pg.mkPen((90, 90, 90), width=1, style=Qt.PenStyle.DashLine),
        )
        self.c_online = _curve(self.p_online, "online", pen=pg.mkPen(PALETTE[2], width=1))
        self.c_miners = _curve(
            self.p_online, "polled", pen=pg.mkPen((90, 90, 90), width=1, style=Qt.PenStyle.DashLine)
        )
        self.c_power = _curve(self.p_power, "power", pen=pg.mkPen(PALETTE[4], width=1))
        self.c_faults = _curve(self.p_faults, "faults", pen=pg.mkPen(PALETTE[3], width=1))

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.reload()

    def reload(self) -> None:
        self._ask(load_fleet(self.span_s))

    def draw(self, data: Any) -> None:
        if isinstance(data, str):  # an export finished
            self.status.setText(t("Saved {path}").format(path=data))
            return
        assert isinstance(data, FleetChart)
        self.chart = c = data
        self._t = c.t
        self.c_hash.setData(c.t, c.hashrate)
        self.c_nominal.setData(c.t, c.nominal)
        self.c_online.setData(c.t, c.online)
        self.c_miners.setData(c.t, c.miners)
        self.c_power.setData(c.t, c.power / 1000)
        self.c_faults.setData(c.t, c.faults)
        self._mark(c.events)
        self.p_hash.setXRange(c.since, c.until, padding=0)
        for p in self.plots:
            p.enableAutoRange(axis="y")
        res = t({"raw": "every sweep", "5m": "5-minute averages", "1h": "hourly averages"}[c.tier])
        points = t("{points} points ({resolution})").format(points=f"{len(c.t):,}", resolution=res)
        self.status.setText(points if len(c.t) else t("Nothing recorded yet"))

    def describe(self, x: float, plot: pg.PlotItem) -> str:
        c = self.chart
        i = self._nearest(x)
        if c is None or i is None:
            return ""
        return " · ".join(
            [
                time.strftime("%Y-%m-%d %H:%M", time.localtime(c.t[i])),
                t("{value} of {nominal}").format(
                    value=f"{c.hashrate[i]:,.1f}", nominal=f"{c.nominal[i]:,.1f} TH/s"
                ),
                t("{online} of {miners} online").format(
                    online=f"{c.online[i]:,.0f}", miners=f"{c.miners[i]:,.0f}"
                ),
                f"{c.power[i] / 1000:,.1f} kW",
                t("{count} faults").format(count=f"{c.faults[i]:,.0f}"),
            ]
        ) + self._near_event(x, plot)

    def export_chart(self, path: str | None = None) -> int | None:
        if self.link is None:
            return None
        name = path or self._save_name(
            t("Export fleet chart"), "fleet-history.csv", t("CSV (*.csv)")
        )
        if not name:
            return None
        span = self.span_s

        def write(reader: HistoryReader) -> str:
            with open(name, "w", encoding="utf-8", newline="") as fh:
                fleet_csv(reader.fleet(time.time() - span), fh)
            return name

        self._qid = self.link.query(write)
        return self._qid

    def export_report(self, path: str | None = None, day_start: float | None = None) -> int | None:
        if self.link is None:
            return None
        now = time.time()
        start = (now - now % 86400 - 86400) if day_start is None else day_start
        day = time.strftime("%Y-%m-%d", time.gmtime(start))
        name = path or self._save_name(
            t("Daily site report"),
            f"site-report-{day}.html",
            t("Printable page (*.html);;CSV (*.csv)"),
        )
        if not name:
            return None

        def write(reader: HistoryReader) -> str:
            rows = daily_report(reader, start)
            with open(name, "w", encoding="utf-8", newline="") as fh:
                if name.endswith(".csv"):
                    report_csv(rows, fh)
                else:
                    fh.write(report_html(rows, start))
            return name

        self._qid = self.link.query(write)
        return self._qid

    def export_table(self, path: str | None = None) -> int | None:
        if self._table_rows is None:
            return None
        name = path or self._save_name(
            t("Export fleet table"), "fleet.csv", t("CSV (*.csv);;JSON (*.json)")
        )
        if not name:
            return None
        rows = self._table_rows()  # plain dicts, built here; the file is written off this thread
        if self.link is None:
            return None

        def write(_reader: HistoryReader) -> str:
            write_table(Path(name), rows)
            return name

        self._qid = self.link.query(write)
        return self._qid


TABLE_COLUMNS = [
    "ip", "port", "online", "error", "make", "model", "firmware", "hashrate_ths",
    "nominal_hashrate_ths", "power_w", "efficiency_j_th", "temp_chip_max_c", "temp_board_max_c",
    "fans_rpm", "uptime_s", "faults",
]  # fmt: skip


def write_table(path: Path, rows: list[dict[str, Any]]) -> None:
    """The fleet table as JSON (the ``poll --json`` shape) or CSV (its flat columns)."""
    import csv

    with path.open("w", encoding="utf-8", newline="") as fh:
        if path.suffix.lower() == ".json":
            json.dump(rows, fh, indent=1, ensure_ascii=False)
            fh.write("\n")
            return
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(TABLE_COLUMNS)
        for r in rows:
            cells = []
            for col in TABLE_COLUMNS:
                v = r.get(col)
                if col == "fans_rpm":
                    v = " ".join(str(f) for f in v or [])
                elif col == "faults":
                    v = "; ".join(f.get("title", "") for f in v or [])
                cells.append("" if v is None else v)
            w.writerow(cells)
