"""Fans and boards cells: packed binary (v3), text fallback, and v2 text still read."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from rig_monitor.core.history import HistoryReader, HistoryStore, codec
from rig_monitor.core.history.rollup import aggregate
from rig_monitor.core.history.store import SweepWrite
from rig_monitor.core.model import Board

from .helpers import snap

T0 = 1_800_000_000


def test_packed_boards_round_trip_with_missing_values() -> None:
    boards = [
        Board(0, hashrate_ths=34.423745, temp_chip_c=68.8, temp_board_c=56.8),
        Board(1, hashrate_ths=None, temp_chip_c=71.3, temp_board_c=None),
        Board(2, hashrate_ths=0.00207, temp_chip_c=math.nan, temp_board_c=-3.4),
    ]
    cell = codec.board_objects_packed(boards)
    assert isinstance(cell, bytes) and len(cell) == 39  # the v2 text was 50+ characters
    (b0, b1, b2) = codec.boards_list(cell)
    assert b0 == (0, pytest.approx(34.423745, rel=1e-7), 68.8, 56.8)
    assert b1 == (1, None, 71.3, None)
    assert b2 == (2, 0.00207, None, -3.4)  # NaN from a miner is "no value", not a crash


def test_boards_the_binary_form_cannot_hold_fall_back_to_text() -> None:
    cell = codec.board_objects_packed([Board(300, hashrate_ths=5.5, temp_chip_c=70.0)])
    assert cell == "300:5500000:700:"  # board numbered above 255
    assert codec.boards_list(cell) == [(300, 5.5, 70.0, None)]
    huge = codec.board_objects_packed([Board(1, hashrate_ths=1e40, temp_chip_c=70.0)])
    assert isinstance(huge, str)  # over float32's range: text keeps it
    assert codec.boards_list(huge)[0][1] == pytest.approx(1e40)


def test_fans_packed_or_text() -> None:
    cell = codec.fans_packed([6000, 6060, 0, 65535])
    assert isinstance(cell, bytes) and len(cell) == 8
    assert codec.fans_list(cell) == [6000, 6060, 0, 65535]
    assert codec.fans_packed([6000.4, 70000]) == "6000,70000"  # a float rpm, over 16 bits
    assert codec.fans_list("6000,70000") == [6000, 70000]
    assert codec.fans_packed([]) is None and codec.fans_list(None) == []


def test_rollup_of_v2_text_and_packed_cells() -> None:
    """A bucket that spans the upgrade mixes both forms; the rollup reads both."""
    text = (1, 0, 1.0, 100, 104, 700, 600, 3250, "6000,6100", "alive", "0:30000000:700:600")
    packed = (
        1,
        30_000,
        1.0,
        110,
        104,
        800,
        600,
        3250,
        codec.fans_packed([6200, 6300]),
        "alive",
        codec.boards_packed([(0, 40.0, 75.0, None)]),
    )
    row = aggregate(1, 0, [text, packed])
    assert codec.fans_list(row[8]) == [6100, 6200]
    assert codec.boards_list(row[10]) == [(0, 35.0, 75.0, 60.0)]


def test_store_writes_packed_cells_and_reads_them_back(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    store = HistoryStore(db)
    store.write(SweepWrite([snap("10.0.0.5", T0, serial="A", hashrate=101.5, chip=71.3)], t=T0))
    fans, boards = store.conn.execute("SELECT fans, boards FROM samples_raw").fetchone()
    store.close()
    assert isinstance(fans, bytes) and isinstance(boards, bytes)
    with HistoryReader(db) as r:
        (m,) = r.miners(["10.0.0.5:4028"])
        (p,) = r.samples(m.id, T0 - 1, T0 + 1, tier="raw")
    assert p.fans_rpm == [6000, 6060, 5940, 6000]
    assert p.boards == [
        (0, pytest.approx(101.5 / 3, rel=1e-7), 71.3, 61.3),
        (1, pytest.approx(101.5 / 3, rel=1e-7), 70.3, 60.3),
        (2, pytest.approx(101.5 / 3, rel=1e-7), 69.3, 59.3),
    ]
