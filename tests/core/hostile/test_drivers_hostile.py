"""Every driver's parser against random, mistyped and mutated replies (issue 10).

A parser given the right keys with the wrong shapes must end in a snapshot or in that miner's
clear "bad reply" error, never in an exception escaping into the sweep, and what it returns must
export (poll --json).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rig_monitor.core.drivers import REGISTRY
from rig_monitor.core.drivers.avalon import MAX_BLOB_CHARS, parse_brackets
from rig_monitor.core.drivers.base import parse_guarded
from rig_monitor.core.errors import MinerError
from rig_monitor.core.export import snapshot_to_dict
from rig_monitor.core.model import ErrorKind, Identity, MinerSnapshot, Target
from tests.core.hostile.strategies import HOSTILE, reply_sets

TARGET = Target("127.70.0.1")


def _read(family: str, replies: dict[str, Any]) -> MinerSnapshot | MinerError:
    driver = REGISTRY[family]()
    identity = Identity(family=family, make=driver.make)
    try:
        return parse_guarded(driver, TARGET, replies, identity)
    except MinerError as exc:
        return exc


@pytest.mark.parametrize("family", sorted(REGISTRY))
@HOSTILE
@given(data=st.data())
def test_a_driver_reads_or_says_bad_reply_never_crashes(family: str, data: st.DataObject) -> None:
    replies = data.draw(reply_sets(REGISTRY[family].commands), label="replies")
    result = _read(family, replies)
    if isinstance(result, MinerError):
        assert result.kind is ErrorKind.BAD_REPLY
        assert result.message.startswith("bad reply: ")
        assert "Traceback" not in result.message
        return
    assert isinstance(result, MinerSnapshot)
    json.dumps(snapshot_to_dict(result))  # what poll --json prints


@pytest.mark.parametrize("family", sorted(REGISTRY))
def test_a_5000_deep_reply_reads_nested_too_deep(family: str) -> None:
    nest: Any = 1
    for _ in range(5000):
        nest = [nest]
    replies = {c: {"STATUS": nest, "STATS": nest} for c in REGISTRY[family].commands or ("x",)}
    result = _read(family, replies)
    assert isinstance(result, MinerSnapshot | MinerError)
    if isinstance(result, MinerError):
        assert result.message in ("bad reply: nested too deep",) or result.message.startswith(
            "bad reply: "
        )


@HOSTILE
@given(text=st.text(alphabet="'[]{}: ab,", max_size=400))
def test_avalon_bracket_text_never_raises(text: str) -> None:
    try:
        blob = parse_brackets(text)
    except RecursionError:  # 'a':{'a':{… nested past the interpreter: the guard's "nested too deep"
        return
    assert isinstance(blob, dict)


def test_avalon_bracket_text_is_linear_in_a_run_of_quotes() -> None:
    # Each quote used to copy the rest of the text: 200,000 quotes took minutes.
    assert parse_brackets("'" * 120_000) == {}
    with pytest.raises(ValueError, match="estats text"):
        parse_brackets("'" * (MAX_BLOB_CHARS + 1))


def test_a_parser_crash_on_an_odd_shape_is_that_miners_bad_reply() -> None:
    class Brittle(REGISTRY["generic"]):  # type: ignore[misc,valid-type]
        def parse(self, target: Target, replies: dict[str, Any], identity: Identity) -> Any:
            return float(replies["summary"]["SUMMARY"][0]["MHS 5s"])  # a list there: TypeError

    with pytest.raises(MinerError, match=r"^bad reply: a value of an unexpected shape \(TypeError"):
        parse_guarded(
            Brittle(),
            TARGET,
            {"summary": {"SUMMARY": [{"MHS 5s": [1]}]}},
            Identity(family="generic"),
        )
