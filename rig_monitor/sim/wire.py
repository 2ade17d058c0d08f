"""Byte-exact encoding of CGMiner-family replies.

Real firmware prints numbers with fixed decimals (``"MHS av":0.00``, ``"Difficulty Accepted":0.00000000``)
and some replies are not even valid JSON; ``json.dumps`` can do neither, so replies are rendered here.
"""

from __future__ import annotations

import json
import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, ClassVar

NUL = b"\x00"


class Fixed(float):
    """A float printed with a fixed number of decimals, the way cgminer's ``api_add_*`` helpers do.

    One subclass per number of decimals (:data:`f2`, :data:`f4`, :data:`f6`, :data:`f8`): the
    decimals are part of the value's type, so the fast renderer, which keys its templates on the
    values' types, prints one with ``%.2f`` baked into the template and no call of its own. A
    ``float`` subclass is built and formatted by C code; it prints as that float would.
    """

    __slots__ = ()
    places: ClassVar[int] = 2

    def render(self) -> str:
        return f"{self:.{self.places}f}"

    def __repr__(self) -> str:
        return f"f{self.places}({float(self)!r})"


class _Fixed2(Fixed):
    __slots__ = ()
    places = 2


class _Fixed4(Fixed):
    __slots__ = ()
    places = 4


class _Fixed6(Fixed):
    __slots__ = ()
    places = 6


class _Fixed8(Fixed):
    __slots__ = ()
    places = 8


FIXED_TYPES: frozenset[type[Fixed]] = frozenset({_Fixed2, _Fixed4, _Fixed6, _Fixed8})
# The constructors themselves (not functions calling them): one C call per value.
f2: type[Fixed] = _Fixed2
f4: type[Fixed] = _Fixed4
f6: type[Fixed] = _Fixed6
f8: type[Fixed] = _Fixed8


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
        elif kind in FIXED_TYPES:
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
    if kind in FIXED_TYPES:
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


# --- The fast path: one cached ``%`` template per object shape ------------------------------------
#
# A persona builds the same objects reply after reply: the same keys in the same order, each value
# of the same type, only the numbers change. So each shape (its keys and its values' exact types)
# is turned once into a ``%`` template with the keys and punctuation already printed and one
# conversion per value, all of them C functions; an object then renders with ``template % args``
# and no Python code per value. :func:`dumps` above stays the reference the tests compare against.

_Conv = Callable[[Any], object]
_call = operator.call


class _Escaped(dict[str, str]):
    """A string's JSON text by the string: a reply's strings are mostly the same few hundred
    (versions, URLs, "Alive", chip maps), and a hit is a C dict lookup instead of a new string."""

    def __missing__(self, text: str) -> str:
        if len(self) >= 16384:  # the odd changing string (a rate printed as text) must not pile up
            self.clear()
        out = self[text] = _string(text)
        return out


_escaped = _Escaped().__getitem__
_bool_word = {True: "true", False: "false"}.__getitem__
_null_word = {None: "null"}.__getitem__
_SLOTS: dict[type, tuple[str, _Conv]] = {
    str: ("%s", _escaped),
    int: ("%d", int),
    float: ("%r", float),
    bool: ("%s", _bool_word),
    type(None): ("%s", _null_word),
    **{kind: (f"%.{kind.places}f", float) for kind in FIXED_TYPES},
}
_MAX_SHAPES = 4096  # a bound, not a tuning knob: the personas print a few hundred shapes


@dataclass(frozen=True, slots=True)
class _Shape:
    template: str
    convs: tuple[_Conv, ...]


_SHAPES: dict[tuple[tuple[Any, ...], tuple[type, ...]], _Shape | None] = {}


def _shape(keys: tuple[Any, ...], kinds: tuple[type, ...]) -> _Shape | None:
    """The template for one shape, or None (general path) when a key is not a plain string."""
    if any(type(k) is not str for k in keys):
        return None
    parts: list[str] = []
    convs: list[_Conv] = []
    for name, kind in zip(keys, kinds, strict=True):
        slot, conv = _SLOTS.get(kind) or ("%s", fast_dumps if kind in (dict, list) else dumps)
        parts.append(_key(name).replace("%", "%%") + slot)
        convs.append(conv)
    return _Shape("{" + ",".join(parts) + "}", tuple(convs))


def _fast_object(obj: dict[Any, Any]) -> str:
    values = obj.values()
    sig = (tuple(obj), tuple(map(type, values)))
    try:
        shape = _SHAPES[sig]
    except KeyError:
        shape = _shape(*sig)
        if len(_SHAPES) < _MAX_SHAPES:
            _SHAPES[sig] = shape
    if shape is None:
        return _object(obj)
    return shape.template % tuple(map(_call, shape.convs, values))


def fast_dumps(value: Any) -> str:
    """:func:`dumps`' bytes, with dicts (the bulk of every reply) printed from cached templates."""
    kind = type(value)
    if kind is dict:
        return _fast_object(value)
    if kind is list:
        return "[" + ",".join([fast_dumps(v) for v in value]) + "]"
    return dumps(value)


_reference = False


@contextmanager
def reference_rendering() -> Iterator[None]:
    """Within it, replies render through the general :func:`dumps` (tests compare the two)."""
    global _reference
    saved, _reference = _reference, True
    try:
        yield
    finally:
        _reference = saved


def encode(value: Any) -> str:
    """What a reply's JSON is printed with: the fast path unless :func:`reference_rendering`."""
    return dumps(value) if _reference else fast_dumps(value)


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
        enc = encode
        body = '{"STATUS":[' + enc(self.status) + "]"
        if self.section is not None:
            sep = "" if self.glued_items else ","
            body += f',"{self.section}":[' + sep.join([enc(i) for i in self.items]) + "]"
        for name, items in self.more.items():
            body += f',"{name}":[' + ",".join([enc(i) for i in items]) + "]"
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
    members = ",".join([f"{_string(name)}:[{reply.to_json()}]" for name, reply in replies])
    return "{" + members + ',"id":1}'


def multi_text(replies: Sequence[tuple[str, Reply]]) -> str:
    return "".join(f"CMD={name}|{reply.to_text()}" for name, reply in replies)
