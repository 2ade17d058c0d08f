"""The fleet filter language that operators type into the window's filter box.

Why a language and not a substring: at a farm the questions are "which miners in this /26",
"every S19 with a fan fault", "what is offline in the north site" — a substring on the address
finds ``127.1.0.1`` in 111 miners and nothing for ``127.1.0.0/26``.

Syntax (terms separated by spaces, all terms must match; quote to keep spaces):

- ``10.1.2.0/26`` — a CIDR block; ``10.1.2.5-80`` or ``10.1.2.5-10.1.2.80`` — a range;
  ``10.1.2.7`` (or ``10.1.2.7:4029``) — that one miner; ``10.1.2.`` — an address prefix
- ``field:value`` with fields ``model``, ``fault``, ``status``, ``site``, ``pool``,
  ``fw``/``firmware``, ``ip``; a comma means "any of": ``status:offline,critical``
- anything else is free text, found in the address, model, host, pool, worker and fault texts
- ``-term`` negates a term: ``-status:ok``

:func:`compile_filter` raises :class:`FilterError` with the position of the bad term, so the
window can say what is wrong next to the box. No Qt here: the CLI may use the same language.
"""

from __future__ import annotations

import functools
import ipaddress
import re
import shlex
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

STATUSES = ("ok", "idle", "info", "degraded", "warning", "critical", "offline", "waiting")
# "problem" is what the quick filter and "Problems only" mean: offline, faults, degraded.
STATUS_ALIASES: dict[str, tuple[str, ...]] = {
    "problem": ("degraded", "warning", "critical", "offline"),
    "problems": ("degraded", "warning", "critical", "offline"),
    "fault": ("warning", "critical"),
    "faults": ("warning", "critical"),
    "online": ("ok", "idle", "info", "degraded", "warning", "critical"),
    "pending": ("waiting",),
}
FIELDS = ("model", "fault", "status", "site", "pool", "fw", "firmware", "ip")

_IPV4_FULL = re.compile(r"^\d{1,3}(\.\d{1,3}){3}$")
_IPV4_PREFIX = re.compile(r"^\d{1,3}(\.\d{1,3}){0,2}\.$|^\d{1,3}(\.\d{1,3}){1,2}$")
_RANGE = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){3})-(\d{1,3}(?:\.\d{1,3}){3}|\d{1,3})$")


class FilterError(ValueError):
    """Bad filter syntax; ``position`` is where the offending term starts in the text."""

    def __init__(self, message: str, position: int = 0) -> None:
        super().__init__(message)
        self.position = position


class SubjectLike(Protocol):
    """What a filter reads from one miner (text lower-case). :class:`Subject` is the plain
    form; the window passes lazy row views that compute only the fields a filter reads."""

    @property
    def ip(self) -> str: ...
    @property
    def port(self) -> int: ...
    @property
    def ip_int(self) -> int | None: ...
    @property
    def address(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def model(self) -> str: ...
    @property
    def firmware(self) -> str: ...
    @property
    def pool(self) -> str: ...
    @property
    def faults(self) -> str: ...
    @property
    def text(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Subject:
    """What a filter looks at for one miner (all text lower-case)."""

    ip: str
    port: int = 4028
    status: str = "ok"
    model: str = ""
    firmware: str = ""
    pool: str = ""  # pool URLs and workers, space-separated
    faults: str = ""  # fault ids, titles and details, plus the error of an offline miner
    text: str = ""  # everything else free text should find (host name, MAC …)
    ip_int: int | None = field(default=None, compare=False)

    @classmethod
    def make(cls, ip: str, port: int = 4028, **kw: str) -> Subject:
        return cls(ip=ip, port=port, ip_int=ip_number(ip), **{k: v.lower() for k, v in kw.items()})

    @property
    def address(self) -> str:
        return self.ip if self.port == 4028 else f"{self.ip}:{self.port}"


@functools.lru_cache(maxsize=65536)
def ip_number(ip: str) -> int | None:
    """ "10.1.2.3" -> its 32-bit number; None for names. Cached: fleets keep their addresses, and
    re-filtering 5,000 rows must not parse 5,000 addresses each time."""
    parts = ip.split(".")
    if len(parts) != 4 or not all(p.isdigit() and len(p) <= 3 for p in parts):
        return None
    a, b, c, d = (int(p) for p in parts)
    if max(a, b, c, d) > 255:
        return None
    return (a << 24) | (b << 16) | (c << 8) | d


Predicate = Callable[[SubjectLike], bool]


@dataclass(frozen=True, slots=True)
class Compiled:
    """A compiled filter; ``empty`` when the text had no terms (everything passes)."""

    text: str
    terms: tuple[Predicate, ...]

    @property
    def empty(self) -> bool:
        return not self.terms

    def __call__(self, subject: SubjectLike) -> bool:
        return all(t(subject) for t in self.terms)


# -- addresses ------------------------------------------------------------------------------------
AddrSpan = tuple[int, int, int | None]  # first, last (inclusive), port or None for any


def _ip(text: str, pos: int) -> int:
    try:
        return int(ipaddress.IPv4Address(text))
    except ValueError:
        raise FilterError(f"{text!r} is not an IPv4 address", pos) from None


def parse_address_term(token: str, pos: int = 0) -> AddrSpan | None:
    """An address, CIDR block or range as a span of addresses; None if it is not address-like."""
    port: int | None = None
    body = token
    if ":" in token and "/" not in token:
        body, _, port_text = token.rpartition(":")
        if not port_text.isdigit() or not 0 < int(port_text) < 65536:
            raise FilterError(f"{token!r}: the port must be a number from 1 to 65535", pos)
        port = int(port_text)
    if "/" in body:
        if not _IPV4_FULL.match(body.split("/", 1)[0]):
            return None
        try:
            net = ipaddress.IPv4Network(body, strict=False)
        except ValueError as exc:
            raise FilterError(f"{token!r} is not a valid CIDR block ({exc})", pos) from None
        return int(net.network_address), int(net.broadcast_address), port
    m = _RANGE.match(body)
    if m:
        first = _ip(m.group(1), pos)
        end = m.group(2)
        if "." in end:
            last = _ip(end, pos)
        else:
            if int(end) > 255:
                raise FilterError(f"{token!r}: a range ends at a number up to 255", pos)
            last = (first & ~0xFF) | int(end)
        if last < first:
            raise FilterError(f"{token!r}: the range ends before it starts", pos)
        return first, last, port
    if _IPV4_FULL.match(body):
        ip = _ip(body, pos)
        return ip, ip, port
    return None


def site_spans(items: Sequence[str]) -> list[AddrSpan]:
    """A saved site's items ("10.0.0.0/24", "10.0.0.5-80", "10.0.0.5:4029") as spans."""
    spans: list[AddrSpan] = []
    for item in items:
        try:
            span = parse_address_term(item.strip())
        except FilterError:
            continue
        if span is not None:
            spans.append(span)
    return spans


def _in_spans(spans: Sequence[AddrSpan], s: SubjectLike) -> bool:
    ip = s.ip_int
    if ip is None:
        return False
    return any(a <= ip <= b and (p is None or p == s.port) for a, b, p in spans)


# -- terms ----------------------------------------------------------------------------------------
def _statuses(value: str, pos: int) -> frozenset[str]:
    wanted: set[str] = set()
    for v in value.split(","):
        v = v.strip()
        if v in STATUSES:
            wanted.add(v)
        elif v in STATUS_ALIASES:
            wanted.update(STATUS_ALIASES[v])
        else:
            choices = ", ".join((*STATUSES, "problem", "online"))
            raise FilterError(f"status:{v or '…'} — unknown status; use one of {choices}", pos)
    return frozenset(wanted)


def _any_in(values: list[str], attr: str) -> Predicate:
    def pred(s: SubjectLike) -> bool:
        hay: str = getattr(s, attr)
        return any(v in hay for v in values)

    return pred


def _field_term(name: str, value: str, pos: int, sites: Mapping[str, Sequence[str]]) -> Predicate:
    values = [v.strip() for v in value.lower().split(",") if v.strip()]
    if not values:
        raise FilterError(f"{name}: needs a value, e.g. {name}:{_EXAMPLES[name]}", pos)
    if name == "status":
        wanted = _statuses(value.lower(), pos)
        return lambda s: s.status in wanted
    if name == "model":
        return _any_in(values, "model")
    if name == "fault":
        return _any_in(values, "faults")
    if name == "pool":
        return _any_in(values, "pool")
    if name in ("fw", "firmware"):
        return _any_in(values, "firmware")
    if name == "ip":
        spans: list[AddrSpan] = []
        prefixes: list[str] = []
        for v in values:
            span = parse_address_term(v, pos)
            if span is not None:
                spans.append(span)
            elif _IPV4_PREFIX.match(v):
                prefixes.append(v)
            else:
                raise FilterError(f"ip:{v} is not an address, range, CIDR block or prefix", pos)
        return lambda s: _in_spans(spans, s) or any(s.address.startswith(p) for p in prefixes)
    if name == "site":
        lowered = {k.lower(): v for k, v in sites.items()}
        site_sp: list[AddrSpan] = []
        for v in values:
            items = lowered.get(v)
            if items is None:
                known = ", ".join(sorted(sites)) or "none saved yet (Scan → Save as site)"
                raise FilterError(f"site:{v} — no such site; known sites: {known}", pos)
            site_sp.extend(site_spans(items))
        return lambda s: _in_spans(site_sp, s)
    raise AssertionError(name)  # pragma: no cover - FIELDS is checked before


_EXAMPLES = {
    "model": "S19",
    "fault": "fan",
    "status": "offline",
    "site": "north",
    "pool": "viabtc",
    "fw": "braiins",
    "firmware": "braiins",
    "ip": "10.1.2.0/26",
}


def _term(token: str, pos: int, sites: Mapping[str, Sequence[str]]) -> Predicate:
    low = token.lower()
    name, sep, value = low.partition(":")
    if sep and name.isalpha() and not _IPV4_FULL.match(low.split(":")[0]):
        if name not in FIELDS:
            known = ", ".join(f"{f}:" for f in FIELDS)
            raise FilterError(f"{name}: is not a filter field; use {known}", pos)
        return _field_term(name, value, pos, sites)
    span = parse_address_term(low, pos)
    if span is not None:
        spans = [span]
        return lambda s: _in_spans(spans, s)
    if _IPV4_PREFIX.match(low) and low.endswith("."):
        return lambda s: s.address.startswith(low)
    if re.fullmatch(r"\d{1,3}(\.\d{1,3}){2,}\.?\d*", low) and low.count(".") > 3:
        raise FilterError(f"{token!r} is not an IPv4 address", pos)

    def free(s: SubjectLike) -> bool:
        return (
            low in s.address
            or low in s.model
            or low in s.faults
            or low in s.pool
            or low in s.firmware
            or low in s.text
            or low == s.status
        )

    return free


def _negate(p: Predicate) -> Predicate:
    return lambda s: not p(s)


def compile_filter(text: str, sites: Mapping[str, Sequence[str]] | None = None) -> Compiled:
    """Parse the filter text; raises :class:`FilterError` (with a position) on bad syntax."""
    sites = sites or {}
    lexer = shlex.shlex(text, posix=True, punctuation_chars=False)
    lexer.whitespace_split = True
    lexer.commenters = ""
    terms: list[Predicate] = []
    search_from = 0
    try:
        tokens = list(lexer)
    except ValueError:
        raise FilterError("a quote is not closed", text.find('"')) from None
    for token in tokens:
        pos = max(0, text.find(token.split(" ")[0], search_from))
        search_from = pos + 1
        negate = token.startswith("-") and len(token) > 1
        body = token[1:] if negate else token
        if not body.strip():
            continue
        pred = _term(body.strip(), pos, sites)
        terms.append(_negate(pred) if negate else pred)
    return Compiled(text=text, terms=tuple(terms))
