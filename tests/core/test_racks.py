"""Rack definitions: from addresses, from names, from CSV, and back from JSON."""

from __future__ import annotations

import pytest

from rig_monitor.core.racks import (
    RackError,
    racks_from_addresses,
    racks_from_csv,
    racks_from_json,
    racks_from_names,
    racks_to_json,
)


def test_racks_from_addresses_one_per_block() -> None:
    keys = [f"10.1.2.{n}:4028" for n in (1, 2, 10, 11, 25)] + ["10.1.3.4:4028", "miner.lan:4028"]
    racks = racks_from_addresses(keys, cols=10)
    assert [r.name for r in racks] == ["10.1.2.0/24", "10.1.3.0/24"]
    a = racks[0]
    assert (a.rows, a.cols) == (3, 10)
    assert a.slots[(0, 0)] == "10.1.2.1:4028"
    assert a.slots[(0, 9)] == "10.1.2.10:4028"
    assert a.slots[(1, 0)] == "10.1.2.11:4028"
    assert a.slots[(2, 4)] == "10.1.2.25:4028"
    assert racks[1].slots == {(0, 3): "10.1.3.4:4028"}


def test_racks_from_worker_names() -> None:
    names = {
        "10.0.0.1:4028": "A03-R1-S01",
        "10.0.0.2:4028": "A03-R1-S02",
        "10.0.0.3:4028": "A03-R2-S01",
        "10.0.0.4:4028": "B1-R4-S12",
        "10.0.0.5:4028": "spare",
    }
    racks = racks_from_names(names)
    assert [r.name for r in racks] == ["A03", "B1"]
    assert racks[0].slots == {
        (0, 0): "10.0.0.1:4028",
        (0, 1): "10.0.0.2:4028",
        (1, 0): "10.0.0.3:4028",
    }
    assert (racks[1].rows, racks[1].cols) == (4, 12)
    with pytest.raises(RackError, match="named groups"):
        racks_from_names(names, r"(?P<rack>\w+)-(?P<row>\d+)")
    with pytest.raises(RackError, match="not a valid regular expression"):
        racks_from_names(names, r"(?P<rack>")


def test_racks_from_csv_and_errors_name_the_line() -> None:
    text = "rack,row,col,address\nNorth-1,1,1,10.0.0.1\nNorth-1,1,2,10.0.0.2:4029\nNorth-2,3,4,10.0.1.9\n"
    racks = racks_from_csv(text)
    assert [r.name for r in racks] == ["North-1", "North-2"]
    assert racks[0].slots == {(0, 0): "10.0.0.1:4028", (0, 1): "10.0.0.2:4029"}
    assert (racks[1].rows, racks[1].cols) == (3, 4)
    assert racks_from_json(racks_to_json(racks)) == racks
    with pytest.raises(RackError, match="line 1: the header needs"):
        racks_from_csv("name,address\nx,10.0.0.1\n")
    with pytest.raises(RackError, match="line 3: row and col must be whole numbers"):
        racks_from_csv("rack,row,col,address\nA,1,1,10.0.0.1\nA,one,1,10.0.0.2\n")
    with pytest.raises(RackError, match=r"line 2: '10\.0\.0\.300' is not an IPv4 address"):
        racks_from_csv("rack,row,col,address\nA,1,1,10.0.0.300\n")
    with pytest.raises(RackError, match="line 2: rows and columns count from 1"):
        racks_from_csv("rack,row,col,address\nA,0,1,10.0.0.1\n")
