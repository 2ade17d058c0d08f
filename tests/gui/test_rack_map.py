"""The rack map: racks from addresses, names and CSV; cells coloured by the chosen metric;
clicking a cell selects the miner. No network: scripted fake miners."""

from __future__ import annotations

import json
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from rig_monitor.core.model import MinerSnapshot
from rig_monitor.gui import fmt
from rig_monitor.gui.rack_map import OFFLINE, Metric, cell_colour, rating_colour, temp_colour
from tests.gui import fault_helpers
from tests.gui.fault_helpers import MakeWindow, chip_temp, sweeps

fault_window = fault_helpers.fault_window  # the fixture

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def hot_shelf(i: int, snap: MinerSnapshot) -> MinerSnapshot:
    """Miners .11-.15 (the third shelf at 5 per shelf) run at 97 °C; .4 at 60 % of rating;
    workers are named A01-R<row>-S<slot>."""
    if 10 <= i < 15:
        chip_temp(snap, 97.0)
    if i == 3:
        snap.hashrate_ths = 66.0
    snap.pools[0].user = f"acct.A01-R{i // 5 + 1}-S{i % 5 + 1:02d}"
    return snap


def test_rack_map_from_addresses_colours_and_selects(qtbot: Any, fault_window: MakeWindow) -> None:
    win, fake = fault_window(20, hot_shelf, base="127.79.4")
    fake.offline.add("127.79.4.20:4028")
    # the window's first sweep may have read .20 before it went offline: one more after it
    sweeps(qtbot, win, 2)
    win.tabs.setCurrentWidget(win.rack_view)
    view = win.rack_view
    assert not view.empty.isHidden()  # no racks yet: says how to define them

    win.racks.from_addresses(5)
    assert view.empty.isHidden()
    [grid] = view.grids()
    assert grid.rack.name == "127.79.4.0/24"
    assert (grid.rack.rows, grid.rack.cols) == (4, 5)
    assert "racks: 1, miners placed: 20" in view.summary.text()

    def colour(key: str) -> QColor:
        return cell_colour(win.model.find(key), view.current_metric)[0]

    assert view.current_metric is Metric.TEMPERATURE
    # the third shelf (.11-.15) is hot: every cell on it is the hot colour
    snap = win.model.find(grid.rack.slots[(2, 0)]).snap
    lim = fmt.temp_limits(snap.make, snap.model)  # the model's own limits, as the table's
    hot = temp_colour(97.0, lim.chip_warn_c, lim.chip_crit_c)
    assert [colour(grid.rack.slots[(2, c)]) for c in range(5)] == [hot] * 5
    assert colour(grid.rack.slots[(0, 0)]) == temp_colour(80.0, lim.chip_warn_c, lim.chip_crit_c)
    assert colour(grid.rack.slots[(0, 0)]) != hot
    assert colour("127.79.4.20:4028") == OFFLINE

    # drawn: the hot shelf's pixels are the hot colour
    qtbot.waitExposed(win)
    image = grid.grab().toImage()
    assert image.pixelColor(grid.cell_rect(2, 1).center()) == hot
    assert image.pixelColor(grid.cell_rect(0, 1).center()) != hot

    view.set_metric(Metric.RATING)
    assert grid.colour_by is Metric.RATING
    assert colour("127.79.4.4:4028") == rating_colour(0.6)
    assert colour("127.79.4.5:4028") == rating_colour(100 / 110)

    # a click on a cell selects that miner
    qtbot.mouseClick(grid, Qt.MouseButton.LeftButton, pos=grid.cell_rect(1, 2).center())
    assert win.detail.key == "127.79.4.8:4028"
    current = win.table.selectionModel().currentIndex()
    assert win.proxy.mapToSource(current).row() == win.model.row_of("127.79.4.8:4028")
    assert grid.selected == "127.79.4.8:4028"
    assert grid.key_at(QPoint(0, 0)) is None  # the title, not a cell


def test_rack_map_from_names_and_csv(qtbot: Any, fault_window: MakeWindow, tmp_path: Any) -> None:
    win, _ = fault_window(10, hot_shelf, base="127.79.5")
    sweeps(qtbot, win, 1)
    view = win.rack_view
    win.racks.from_names(r"(?P<rack>A\d+)-R(?P<row>\d+)-S(?P<col>\d+)")
    [grid] = view.grids()
    assert grid.rack.name == "A01"
    assert grid.rack.slots[(1, 4)] == "127.79.5.10:4028"
    win.racks.from_names(r"(?P<rack>A\d+)")
    assert "Pattern not used" in view.summary.text() and "named groups" in view.summary.text()
    assert view.grids()[0].rack.name == "A01"  # the bad pattern changed nothing

    win.racks.from_csv_text("rack,row,col,address\nB,1,1,127.79.5.1\nB,2,1,127.79.5.300\n")
    assert "CSV not imported: line 3" in view.summary.text()
    win.racks.from_csv_text("rack,row,col,address\nB,1,1,127.79.5.1\nC,2,3,127.79.5.2\n")
    assert [g.rack.name for g in view.grids()] == ["B", "C"]

    # saved next to the config, off the GUI thread
    saved = tmp_path / "racks.json"
    assert win._saver.wait()
    data = json.loads(saved.read_text())
    assert [r["name"] for r in data] == ["B", "C"]
