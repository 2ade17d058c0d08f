"""CSV export of the fleet table as shown: the rows that pass the filter, in the table's order,
the shown columns in their on-screen order. Reading cells happens on the GUI thread (it is the
model); writing the file happens on a worker (the window's saver pool)."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from rig_monitor.gui.table_layout import visible_columns


def table_rows(table: QTableView) -> list[list[str]]:
    """Header plus one list of cell texts per shown row (what the operator sees)."""
    model = table.model()
    cols = visible_columns(table.horizontalHeader())
    rows = [[str(model.headerData(c, Qt.Orientation.Horizontal)) for c in cols]]
    for r in range(model.rowCount()):
        rows.append([_cell(model.index(r, c).data()) for c in cols])
    return rows


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def write_csv(path: Path, rows: list[list[str]]) -> None:
    """UTF-8 with a BOM, so spreadsheet programs on Windows read Chinese and Russian right."""
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    tmp.replace(path)
