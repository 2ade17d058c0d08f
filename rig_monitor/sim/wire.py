"""Byte-exact encoding of CGMiner-family replies.

Real firmware prints numbers with fixed decimals (``"MHS av":0.00``, ``"Difficulty Accepted":0.00000000``)
and some replies are not even valid JSON; ``json.dumps`` can do neither, so replies are rendered here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

NUL = b"\x00"


@dataclass(frozen=True, slots=True)
class Fixed:
    """A float printed with a fixed number of decimals, the way cgminer's ``api_add_*`` helpers do."""

    value: float
    places: int = 2

    def render(self) -> str:
        return f"{self.value:.{self.places}f}"


def f2(value: float) -> Fixed:
    return Fixed(value, 2)


def f4(value: float) -> Fixed:
    return Fixed(value, 4)


def f8(value: float) -> Fixed:
    return Fixed(value, 8)


# json.dumps(str) with its default ensure_ascii is exactly this C function; calling it directly
# skips the encoder object json.dumps builds per call (the simulator renders ~50 values a reply).
_string = json.encoder.encode_basestring_ascii
_KEYS: dict[str, str] = {}  # '"Key":' per key name: a persona's keys are a few hundred fixed words


def _key(name: str) -> str:
    text = _KEYS.get(name)
    if text is None:
        text = _KEYS[name] = _string(name) + ":"
    return text


def _object(obj: dict[Any, Any]) -> str:
    """A dict's members with the common scalars inlined: one call per object, not per value."""
    keys = _KEYS
    parts = []
    for name, value in obj.items():
        key = keys.get(name) if type(name) is str else None
        if key is None:
            key = _key(str(name))
        kind = type(value)
        if kind is str:
            parts.append(key + _string(value))
        elif kind is int:
            parts.append(key + str(value))
        elif kind is Fixed:
            parts.append(key + value.render())
        elif kind is float:
            parts.append(key + repr(value))
        else:
            parts.append(key + dumps(value))
    return "{" + ",".join(parts) + "}"


def dumps(value: Any) -> str:
    """Compact JSON exactly as cgminer/jansson print it: no spaces, insertion order kept."""
    kind = type(value)  # exact types first (bool is not int here), the general case below
    if kind is str:
        return str(_string(value))
    if kind is int:
        return str(value)
    if kind is Fixed:
        return str(value.render())
    if kind is float:
        return repr(value)
    if kind is dict:
        return _object(value)
    if kind is list:
        return "[" + ",".join([dumps(v) for v in value]) + "]"
    if isinstance(value, Fixed):
        return value.render()
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, Mapping):
        return "{" + ",".join(f"{json.dumps(str(k))}:{dumps(v)}" for k, v in value.items()) + "}"
    if isinstance(value, Sequence):
        return "[" + ",".join(dumps(v) for v in value) + "]"
    raise TypeError(f"cannot encode {type(value).__name__}")


def _text_scalar(value: Any) -> str:
    if isinstance(value, Fixed):
        return value.render()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    text = str(value)
    # API >= 1.7 escapes the separators inside text-form values.
    for ch in ("\\", "|", ",", "="):
        text = text.replace(ch, "\\" + ch)
    return text


def text_object(obj: Mapping[str, Any], prefix: str | None = None) -> str:
    parts = [prefix] if prefix else []
    parts += [f"{k}={_text_scalar(v)}" for k, v in obj.items()]
    return ",".join(parts) + "|"


@dataclass(slots=True)
class Reply:
    """One command's reply: a STATUS object plus an optional section of items.

    ``text_prefix`` mirrors api.c: single-object sections (SUMMARY, VERSION, CONFIG…) start their text form
    with the section name, lists whose items carry their own index key (POOL=0, ASC=0) do not.
    ``glued_items`` reproduces bmminer's ``stats`` bug: items written back-to-back as ``}{`` with no comma.
    """

    status: dict[str, Any]
    section: str | None = None
    items: list[dict[str, Any]] = field(default_factory=list)
    text_prefix: bool = False
    glued_items: bool = False
    # further sections after the main one (LuxOS: FANS + FANCTRL, TEMPS + METADATA)
    more: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status.get("STATUS") in ("S", "I")

    def to_json(self) -> str:
        body = '{"STATUS":[' + dumps(self.status) + "]"
        if self.section is not None:
            sep = "" if self.glued_items else ","
            body += f',"{self.section}":[' + sep.join(dumps(i) for i in self.items) + "]"
        for name, items in self.more.items():
            body += f',"{name}":[' + ",".join(dumps(i) for i in items) + "]"
        return body + ',"id":1}'

    def to_text(self) -> str:
        out = text_object(self.status)
        if self.section is not None:
            prefix = self.section if self.text_prefix else None
            out += "".join(text_object(i, prefix) for i in self.items)
        for items in self.more.values():
            out += "".join(text_object(i, None) for i in items)
        return out


def multi_json(replies: Sequence[tuple[str, Reply]]) -> str:
    """``summary+pools`` shape: each member a one-element array holding its normal reply."""
    members = ",".join(f"{json.dumps(name)}:[{reply.to_json()}]" for name, reply in replies)
    return "{" + members + ',"id":1}'


def multi_text(replies: Sequence[tuple[str, Reply]]) -> str:
    return "".join(f"CMD={name}|{reply.to_text()}" for name, reply in replies)
