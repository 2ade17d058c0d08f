"""Shapes of JSON replies, values ignored: which key paths exist and with which JSON types.

Numbered keys are folded ("chain_acn1" and "chain_acn4" are one path "chain_acn#"), and list
items are merged, so a three-board capture and a four-board simulated miner compare equal when
they are built the same way.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

_DIGITS = re.compile(r"\d+")

Shape = dict[str, set[str]]  # path -> JSON type names seen there


def type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def shape(doc: Any) -> Shape:
    out: Shape = defaultdict(set)

    def walk(value: Any, path: str) -> None:
        out[path].add(type_name(value))
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, f"{path}.{_DIGITS.sub('#', str(k))}")
        elif isinstance(value, list):
            for v in value:
                walk(v, f"{path}[]")

    walk(doc, "$")
    return dict(out)


def merge(shapes: list[Shape]) -> Shape:
    out: Shape = defaultdict(set)
    for s in shapes:
        for k, v in s.items():
            out[k] |= v
    return dict(out)


def differences(sim: Shape, real: list[Shape]) -> list[str]:
    """What the simulated reply does that no real one does, and what every real one has that it
    lacks. Empty when the shapes agree."""
    union = merge(real)
    common = set.intersection(*(set(s) for s in real)) if real else set()
    diffs = []
    for path in sorted(sim):
        if path not in union:
            diffs.append(f"extra {path} ({'/'.join(sorted(sim[path]))})")
        elif not sim[path] & union[path] and not ({"int", "float"} >= sim[path] | union[path]):
            diffs.append(
                f"type {path}: sim {'/'.join(sorted(sim[path]))}, real {'/'.join(sorted(union[path]))}"
            )
    for path in sorted(common - set(sim)):
        diffs.append(f"missing {path}")
    return diffs
