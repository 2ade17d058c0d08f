"""The simulator's reply encoder: its fast paths for exact types must print what the general
path (and jansson) prints, including the types that only look like the fast ones (bool is an int,
a subclass of str or dict)."""

from __future__ import annotations

import json
from collections import OrderedDict
from enum import IntEnum

from rig_monitor.sim.wire import Reply, dumps, f2, f8


class _Code(IntEnum):
    OK = 7


class _Text(str):
    pass


def test_plain_json_matches_the_standard_encoder() -> None:
    value = {
        "STATUS": "S",
        "When": 1_700_000_000,
        "Elapsed": 0,
        "ratio": 0.25,
        "on": True,
        "off": False,
        "none": None,
        "name": 'Antminer "S19" \\ ñ \u00aa',
        "list": [1, "two", [3.5, {"x": None}], {}],
        "nested": {"a": {"b": [True, 0]}},
    }
    assert dumps(value) == json.dumps(value, separators=(",", ":"))


def test_fixed_decimals_and_subclasses() -> None:
    value = OrderedDict(
        [("MHS av", f2(0)), ("Diff", f8(1.5)), ("code", _Code.OK), ("t", _Text("a|b"))]
    )
    assert dumps(value) == '{"MHS av":0.00,"Diff":1.50000000,"code":7,"t":"a|b"}'
    assert dumps({1: f2(2.345), "k": (1, 2)}) == '{"1":2.35,"k":[1,2]}'
    assert dumps([True, 1, f2(1)]) == "[true,1,1.00]"


def test_reply_envelope() -> None:
    reply = Reply({"STATUS": "S", "When": 5}, "SUMMARY", [{"Elapsed": 3, "GHS 5s": f2(1)}])
    assert reply.to_json() == (
        '{"STATUS":[{"STATUS":"S","When":5}],"SUMMARY":[{"Elapsed":3,"GHS 5s":1.00}],"id":1}'
    )
