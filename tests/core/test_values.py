"""values.num: the fast path for plain numbers reads exactly as the general (regex) path."""

from __future__ import annotations

import math
import random

import pytest

from rig_monitor.core.values import _NUM, _SENSOR_SEP, num, temps


def _general(value: object) -> float | None:
    """num as it was before the fast path: one regular expression for every non-number."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        f = float(value)
    else:
        m = _NUM.search(str(value))
        if not m:
            return None
        f = float(m.group())
    return None if math.isnan(f) or math.isinf(f) else f


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("62", 62.0),
        ("-40", -40.0),
        ("+5", 5.0),
        ("37603.30", 37603.3),
        ("12.", 12.0),
        ("007", 7.0),
        (".5", 5.0),  # the regex reads the digits after the dot (firmware never sends this)
        ("-.5", 5.0),
        ("1e5", 100000.0),
        ("1.e5", 1.0),
        (" 62", 62.0),
        ("3250 W", 3250.0),
        ("1_000", 1.0),
        ("9" * 400, None),  # overflows to inf
        ("", None),
        ("-", None),
        ("nan", None),
        (1, 1.0),
        (1.5, 1.5),
        (float("nan"), None),
        (float("-inf"), None),
        (True, None),
        (None, None),
    ],
)
def test_num_reads_common_shapes(value: object, expected: float | None) -> None:
    assert num(value) == expected
    assert _general(value) == expected


def test_fast_path_agrees_with_the_general_path_on_random_strings() -> None:
    rng = random.Random(15)
    alphabet = "0123456789.-+eE _a١"
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 7)))
        got, want = num(text), _general(text)
        assert got == want or (got is None and want is None), text
        if got is not None and want is not None:
            assert math.copysign(1, got) == math.copysign(1, want), text


def _temps_general(value: object) -> list[float]:
    """values.temps before its fast path for dash-joined digits: regex split, num() per item."""
    if value is None:
        return []
    items = _SENSOR_SEP.split(value.strip()) if isinstance(value, str) else [value]
    out = []
    for item in items:
        t = num(item)
        if t is not None and t > 0 and t != 127:
            out.append(t)
    return out


@pytest.mark.parametrize(
    "text",
    ["55-53-70-69", "0-0-0-0", "-40", "127-60", "62--60", "62-", " 62-60 ", "", "-", "9" * 400],
)
def test_temps_fast_path_reads_as_the_regex_split(text: str) -> None:
    assert temps(text) == _temps_general(text)


def test_temps_fast_path_agrees_on_random_sensor_strings() -> None:
    rng = random.Random(16)
    alphabet = "0123456789-- ,.١²"
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert temps(text) == _temps_general(text), text
