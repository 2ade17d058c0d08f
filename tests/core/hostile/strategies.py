"""Hypothesis strategies for what a broken or hostile miner can send.

Keys are drawn from the string literals in the drivers' own source, so random structures reach
the parsers' deep paths (a ``chain_rate1`` holding a list, a ``STATS`` that is a number); real
captures (tests/fixtures) are mutated at random paths for the same reason.
"""

from __future__ import annotations

import ast
import copy
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from rig_monitor.core.wire.cgminer import parse_reply

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures"

# Modest and bounded: the machine is shared and the suite must stay fast; a failure found here
# is replayed from its printed example. database=None: nothing is written into the checkout.
HOSTILE = settings(
    max_examples=60,
    deadline=timedelta(seconds=3),
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@cache
def vocabulary() -> tuple[str, ...]:
    """Every short string literal in core/drivers and core/wire: the keys parsers look up."""
    words: set[str] = set()
    for folder in ("drivers", "wire"):
        for path in (ROOT / "rig_monitor" / "core" / folder).glob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                value = node.value if isinstance(node, ast.Constant) else None
                if isinstance(value, str) and 0 < len(value) <= 40 and "\n" not in value:
                    words.add(value)
    return tuple(sorted(words))


@cache
def fixture_replies() -> tuple[dict[str, Any], ...]:
    """Real captures by command: one set per device in tests/fixtures."""
    sets: dict[str, dict[str, Any]] = {}
    for path in sorted(FIXTURES.glob("*/*.raw")):
        if path.parent.name == "antminer":  # <device>_<command>.raw
            device, _, command = path.stem.rpartition("_")
        else:  # one device per folder, <command>.raw
            device, command = "", path.stem
        if "plaintext" in path.stem or "+" in path.stem or "_" in command:
            continue
        try:
            reply = parse_reply(path.read_bytes())
        except Exception:
            continue
        sets.setdefault(f"{path.parent.name}/{device}", {})[command] = reply
    return tuple(sets.values())


NUMBER_TEXT = st.sampled_from(
    ["95430.12", "-1", "0", "nan", "inf", "-inf", "1e400", "9" * 400, "", " ", "0x1f", "1,5"]
)
LEAVES = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
    | NUMBER_TEXT
)


def keys() -> st.SearchStrategy[str]:
    return st.sampled_from(vocabulary()) | st.text(max_size=6)


def json_values(max_leaves: int = 25) -> st.SearchStrategy[Any]:
    words = st.sampled_from(vocabulary())
    return st.recursive(
        LEAVES | words,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys(), inner, max_size=5),
        max_leaves=max_leaves,
    )


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            out.extend(_paths(v, (*path, k)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.extend(_paths(v, (*path, i)))
    return out


def _replace(root: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    parent = root
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = new
    return root


@st.composite
def mutated_fixture(draw: st.DrawFn) -> dict[str, Any]:
    """A real reply set with 1-4 values (anywhere, any depth) replaced by hostile ones."""
    replies = copy.deepcopy(draw(st.sampled_from(fixture_replies())))
    for _ in range(draw(st.integers(1, 4))):
        paths = _paths(replies)[1:]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        replies = _replace(replies, path, draw(json_values(10)))
    return replies


def reply_sets(commands: tuple[str, ...] = ()) -> st.SearchStrategy[dict[str, Any]]:
    """A driver's ``replies`` argument: command → anything, or a mutated real capture."""
    names = st.sampled_from(commands) | keys() if commands else keys()
    random_set = st.dictionaries(names, json_values(), max_size=6)
    return random_set | mutated_fixture()


def deep(depth: int, opener: str = "[") -> str:
    closer = {"[": "]", "{": "}"}[opener]
    if opener == "{":
        return '{"a":' * depth + "1" + closer * depth
    return opener * depth + closer * depth
