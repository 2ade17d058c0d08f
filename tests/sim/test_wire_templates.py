"""The fast renderer (one cached ``%`` template per object shape) against the general one.

The parsers' tests and the benchmarks' truth depend on every reply's bytes, so the fast path must
print exactly what :func:`rig_monitor.sim.wire.dumps` prints: for every persona and model, every
command it answers (JSON and text forms, alone and in ``+`` batches), healthy and with faults, at
seeded random states; and for the values a template could get wrong (a negative zero, a NaN, a
bool where an int was, a key with ``%`` or a quote, a shape that changes).
"""

from __future__ import annotations

import math
import random
from typing import Any

import pytest

from rig_monitor.sim import wire
from rig_monitor.sim.miner import SimMiner
from rig_monitor.sim.personas import PERSONAS
from rig_monitor.sim.wire import dumps, f2, f4, f6, f8, fast_dumps, reference_rendering

# Read-only commands only: a control command (addpool, switchpool…) changes the miner, and both
# renderings must see the same state.
_COMMANDS = [
    "version", "summary", "stats", "estats", "pools", "devs", "edevs", "devdetails", "config",
    "check", "temps", "fans", "tunerstatus", "power", "events", "get_version", "get_error_code",
    "status", "get_miner_info", "get_psu", "litestats", "coin", "nonsense",
    "version+summary+stats+pools", "summary+edevs+pools+devdetails",
    "version+config+summary+stats+power+fans+temps+devs+events+pools",
    "version+summary+devs+devdetails+temps+fans+tunerstatus+pools",
    "version+summary+estats+pools", "summary+get_version", "summary+summary+pools",
]  # fmt: skip
_REQUESTS = [
    *(b'{"command":"%s"}' % c.encode() for c in _COMMANDS),
    *(c.encode() for c in _COMMANDS),
    b'{"command":"check","parameter":"summary"}',
    b"check|summary",
    b"{not json",
]
# garbage draws from the miner's own random stream at each reply: no rendering, nothing to compare
_NOT_RENDERED = {"garbage"}

_CASES = [
    (persona_id, model)
    for persona_id, persona in PERSONAS.items()
    if "rpc" in persona.services(None) or persona.model_weights
    for model in (list(persona.model_weights) or [None])
    if "rpc" in persona.services(model) and not persona.rpc_speaks_http(model)
]


def _both(miner: SimMiner, raw: bytes) -> tuple[bytes, bytes]:
    fast = miner.handle(raw)
    with reference_rendering():
        reference = miner.handle(raw)  # same clock: the same sample (SAMPLE_REUSE_S)
    return fast, reference


@pytest.mark.parametrize(("persona_id", "model"), _CASES)
def test_every_reply_is_the_reference_bytes(persona_id: str, model: str | None) -> None:
    rng = random.Random(f"templates:{persona_id}:{model}")
    now = [1_780_000_000.0 + rng.uniform(0, 86400)]
    probe = SimMiner("127.0.0.1", 4028, persona_id, model, seed=1)
    faults = sorted(probe.supported_faults() - _NOT_RENDERED)
    compared = 0
    for _ in range(4):
        fault = rng.choice([None, None, *faults])
        miner = SimMiner(
            "127.0.0.1",
            4028,
            persona_id,
            model,
            seed=rng.randrange(1_000_000),
            faults=() if fault is None else (fault,),
            clock=lambda: now[0],
        )
        for _tick in range(3):
            now[0] += rng.uniform(1.5, 4000.0)
            for raw in _REQUESTS:
                fast, reference = _both(miner, raw)
                assert fast == reference, (persona_id, model, fault, raw)
                compared += 1
    assert compared == 4 * 3 * len(_REQUESTS)


def test_the_personas_answer_json_through_the_templates() -> None:
    """The comparison above means something only if the fast path is the one that answers."""
    wire._SHAPES.clear()
    miner = SimMiner("127.0.0.1", 4028, "antminer", "S19j Pro", seed=3)
    miner.handle(b'{"command":"version+summary+stats+pools"}')
    shapes = [s for s in wire._SHAPES.values() if s is not None]
    assert len(shapes) >= 6  # STATUS, VERSION, SUMMARY, two STATS items, a POOLS item
    assert any("%.2f" in s.template for s in shapes)
    with reference_rendering():
        wire._SHAPES.clear()
        miner.handle(b'{"command":"summary"}')
        assert wire._SHAPES == {}


def _objects() -> list[Any]:
    return [
        {"a": f2(-0.0), "b": f4(0.0), "c": f6(-0.0), "d": f8(float("nan"))},
        {"a": f2(0.0), "b": f4(-0.0), "c": f6(0.0), "d": f8(float("inf"))},
        {"a": f2(2.345), "b": f4(-1e-9), "c": f6(99999999.0), "d": f8(1e22)},
        {"On": True, "Off": False, "n": 1, "none": None},
        {"On": 1, "Off": 0, "n": True, "none": "null"},  # same keys, other types
        {"Pool Stale%%": f4(1.5), 'q"uote': 'a"b\\c\nd', "100%": "%s %d %%"},
        {"x": -0.0, "y": 1e-7, "z": math.pi, "big": 2**70, "neg": -5},
        {"nested": {"a": [1, {"b": f2(3)}], "c": []}, "list": [f2(1), "x", None, True]},
        {1: "int key", "k": (1, 2)},
        {True: "bool key"},
        {},
        {"chip": " ooo xxx", "bytes": "\u00aa\udcaa"},
    ]


def test_fast_dumps_prints_what_dumps_prints() -> None:
    for value in _objects():
        for _ in range(2):  # the second time from the cached template
            assert fast_dumps(value) == dumps(value), value
    assert fast_dumps([_objects()[0], _objects()[3]]) == dumps([_objects()[0], _objects()[3]])


def test_negative_zero_and_nan_keep_their_text() -> None:
    assert fast_dumps({"a": f2(-0.0)}) == '{"a":-0.00}'
    assert fast_dumps({"a": f2(0.0)}) == '{"a":0.00}'
    assert fast_dumps({"a": f8(float("nan"))}) == '{"a":nan}'


def test_the_shape_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wire, "_MAX_SHAPES", 3)
    wire._SHAPES.clear()
    for n in range(10):
        value = {f"k{n}": n, "v": f2(n / 3)}
        assert fast_dumps(value) == dumps(value)
    assert len(wire._SHAPES) == 3


def test_the_escaped_strings_are_bounded_and_stay_right() -> None:
    memo = wire._Escaped()
    for n in range(20_000):
        text = f'chain "{n}" \\ \u00e9'
        assert memo[text] == dumps(text)
    assert len(memo) <= 16384
