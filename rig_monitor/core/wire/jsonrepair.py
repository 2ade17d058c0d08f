"""Turn the broken JSON that real miner firmware sends into something ``json`` accepts.

Each repair answers a quirk seen in the field (shared/reference/protocols.md §1.6); they run only
when a strict parse fails, so a healthy miner pays for one ``json.loads`` and nothing else.
Repairs are ordered from the narrowest to the most invasive.

A hostile or broken miner controls these bytes, so every step here is linear in the reply's size
and runs in C (regular expressions without nested quantifiers, ``str.split``/``translate``/
``replace``): no per-character Python loop, no backtracking that grows with the input. Nesting is
capped at ``MAX_DEPTH`` (real replies nest 4-6 deep), reported as "nested too deep".
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import orjson

MAX_DEPTH = 64  # real replies: 4-6 levels; deeper is a broken or hostile miner
# Real replies that need repairs are small (bmminer `stats` ~10 KB); repairing costs ~0.13 s per
# MB here, so a bigger broken reply is refused after one strict parse instead of costing its
# miner's budget and the event loop a quarter of a second per sweep.
REPAIR_MAX_CHARS = 256 * 1024
# Objects and lists in one reply: real ones hold tens to a few hundred. A valid 2 MB reply of
# tiny objects would cost ~70 MB of Python objects, kept with the snapshot until the next poll.
MAX_CONTAINERS = 20_000

_TRAILING_COMMA = re.compile(r",\s*+(?=[}\]])")
_BACK_TO_BACK = re.compile(r"}\s*+{")  # bmminer `stats`: two STATS objects with no comma
_BACK_TO_BACK_BYTES = re.compile(rb"}\s*+{")  # the same on an ASCII reply's bytes
_LEADING_COMMA = re.compile(r"\[\s*+,")  # bmminer: "[,{"
_MISSING_COMMA = re.compile(r'""(?=[A-Za-z_])')  # btminer 2023-01-06: ""temp0 → ","temp0
_QUOTED_NONFINITE = re.compile(r'"(?:nan|-?inf)"', re.IGNORECASE)  # Avalon
_BARE_NONFINITE = re.compile(r"(?<=[:\[,\s])-?(?:nan|inf(?:inity)?)(?=\s*[,}\]])", re.IGNORECASE)
# Whatsminer 2.0.4: "error_code":[ "329":"…" ] shaped like an object. Possessive quantifiers and a
# first part without ':' so a long bracket-less run is scanned once, not once per colon.
_ERROR_CODE_ARRAY = re.compile(r'("error_code"\s*+:\s*+)\[([^\[\]:]*+:[^\[\]]*+)\]')
_ESCAPE = re.compile(r"\\.", re.DOTALL)
_NOT_BRACKET = {ord(c): None for c in map(chr, range(128)) if c not in "[]{}"}
_CONTROL_IN_STRINGS = str.maketrans("\r\n\t", "   ")


class ReplyDecodeError(ValueError):
    """The bytes are not a miner reply we can read, even after every repair."""


class HostileText(ReplyDecodeError):
    """Not a quirk of real firmware but junk no miner sends (too many objects, too deep, broken
    and too large to repair): the wire layer turns it into ``errors.HostileReply``."""


class NestedTooDeep(HostileText):
    """Brackets nested deeper than any real reply (MAX_DEPTH)."""

    def __init__(self) -> None:
        super().__init__("nested too deep")


def decode_text(raw: bytes) -> str:
    """Bytes → text: strip NULs and edge whitespace; invalid UTF-8 becomes U+FFFD, never an error."""
    return raw.replace(b"\x00", b"").decode("utf-8", errors="replace").strip()


def _outside_strings(text: str) -> list[str]:
    """``text`` split at its string delimiters: even items lie outside strings, odd ones inside.

    Escapes are blanked first (same length), so every remaining quote delimits a string. An even
    number of items means the text ends inside a string.
    """
    return _ESCAPE.sub("__", text).split('"')


def _open_closers(parts: list[str]) -> str:
    """The closers still owed at the end (innermost last), from ``_outside_strings`` parts.

    Matched pairs are removed a layer per pass, so the cost is linear per pass and the passes are
    capped at MAX_DEPTH; brackets still pairing up after that are nested too deep.
    """
    brackets = "".join(parts[0::2]).translate(_NOT_BRACKET)
    for _ in range(MAX_DEPTH + 1):
        reduced = brackets.replace("[]", "").replace("{}", "")
        if reduced == brackets:
            break
        brackets = reduced
    else:
        raise NestedTooDeep()
    if len(brackets) > MAX_DEPTH:
        raise NestedTooDeep()
    if any(c in "]}" for c in brackets):
        return ""  # closers without openers: not a truncation, nothing to close
    return brackets[::-1].translate(str.maketrans("[{", "]}"))


def _last_safe_cut(parts: list[str]) -> int:
    """Index just past the last complete value outside strings (before a ',' or after a '}'/']')."""
    k = len(parts) - 1 if len(parts) % 2 else len(parts) - 2  # last part outside strings
    while k >= 0:
        part = parts[k]
        comma, close = part.rfind(","), max(part.rfind("}"), part.rfind("]"))
        if comma >= 0 or close >= 0:
            offset = sum(map(len, parts[:k])) + k  # the parts before, and their k quotes
            return offset + (comma if comma > close else close + 1)
        k -= 2
    return -1


def _close_truncated(text: str) -> str:
    """Cut a reply that stopped mid-way at its last complete value and close open brackets."""
    parts = _outside_strings(text)
    owed = _open_closers(parts)  # first: too deep is the answer even when there is no cut
    if len(parts) % 2 and not owed:
        return text
    cut = _last_safe_cut(parts)
    if cut <= 0:
        raise ReplyDecodeError("truncated before the first complete value")
    head = text[:cut].rstrip().rstrip(",")
    return head + _open_closers(_outside_strings(head))


_STEPS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("back-to-back objects", _BACK_TO_BACK, "},{"),
    ("trailing comma", _TRAILING_COMMA, ""),
    ("leading comma in array", _LEADING_COMMA, "["),
    ("missing comma", _MISSING_COMMA, '","'),
    ("quoted nan/inf", _QUOTED_NONFINITE, "0"),
    ("bare nan/inf", _BARE_NONFINITE, "0"),
    ("error_code array", _ERROR_CODE_ARRAY, r"\1{\2}"),
)


def may_hold_nonfinite(text: str) -> bool:
    """False when neither non-finite pattern can match ``text``, known in two C passes.

    Why: both patterns ignore case and the bare one starts with a look-behind, so Python's
    engine tries them at every position: ~60 and ~135 µs on a 6 KB Whatsminer batch, every poll
    of the builds whose reply needs a later repair (20210322's raw newlines), for a word no such
    reply holds. Both match only "nan", "inf" or "infinity" in any case; "n", "a" and "f" have no
    case variants outside ASCII ("i" has: U+0130, U+0131), so a match holds "nan" or "nf" once
    lowered, and ``lower`` keeps neighbouring ASCII letters neighbours.
    """
    low = text.lower()
    return "nan" in low or "nf" in low


def repairs(text: str) -> Iterator[tuple[str, str]]:
    """The repaired candidates, each named, cumulative, cheapest first.

    A generator: a reply fixed by an early repair never pays for the later ones.
    """
    t = text
    if t.startswith(","):  # Avalon: ',"id":1}' garbage start
        t = "{" + t[1:]
        yield "leading comma", t
    nonfinite: bool | None = None  # whether t may hold nan/inf; worked out once per text
    for name, pattern, repl in _STEPS:
        if pattern is _QUOTED_NONFINITE or pattern is _BARE_NONFINITE:
            if nonfinite is None:
                nonfinite = may_hold_nonfinite(t)
            if not nonfinite:
                continue  # the pattern cannot match: same text, nothing yielded
        fixed = pattern.sub(repl, t)
        if fixed != t:
            t = fixed
            nonfinite = None
            yield name, t
    if "\n" in t or "\r" in t or "\t" in t:  # btminer: raw control characters inside strings
        t = t.translate(_CONTROL_IN_STRINGS)
        yield "raw newlines", t
    try:
        closed = _close_truncated(t)
    except NestedTooDeep:
        raise
    except ReplyDecodeError:
        closed = t
    if closed != t:
        yield "truncated", closed


# orjson reads an integer past 64 bits as a float; json keeps it an int. Such a number has 19 or
# more digits in a row, which a byte translation and a substring search find in a few µs.
_DIGITS_ONLY = bytes(0x30 if 0x30 <= i <= 0x39 else 0x20 for i in range(256))
_LONG_DIGIT_RUN = b"0" * 19
# Real replies are a few KB; a big one (broken or hostile firmware) goes straight to json, whose
# memory use the hostile-reply tests bound (the check's copies of a 2 MB reply are ~12 MB more).
FAST_MAX_CHARS = 256 * 1024


# orjson's refusals for which json fails too (plain syntax errors: `}{` of bmminer's stats, a
# trailing comma, a cut-off reply), unless the text has what json alone reads: NaN, Infinity.
_SYNTAX_ONLY = (
    "unexpected character",
    "trailing comma is not allowed",
    "unexpected content after document",
    "unexpected end of data",
)


class _Invalid(Exception):
    """The text is not JSON to json either (json's own error is worked out only if needed)."""


def _long_digit_run(text: str) -> bool:
    """Whether ``text`` holds 19 ASCII digits in a row (a number orjson may read otherwise)."""
    return _LONG_DIGIT_RUN in text.encode("utf-8", "surrogatepass").translate(_DIGITS_ONLY)


def _fast_loads(text: str, long_run: bool | None = None) -> Any:
    """json.loads' value, or _Invalid where json.loads would fail (NestedTooDeep as _loads).

    orjson first (a poll's replies: ~16 µs instead of ~39 µs, the long-number check included;
    a broken Antminer reply is refused in ~3 µs instead of ~13); json for what orjson refuses or
    reads differently (NaN and Infinity, integers past 64 bits, 1e400, lone surrogate escapes,
    deep nesting), so a reply reads exactly as json reads it. ``long_run``: what
    ``_long_digit_run(text)`` says, or True where it might (json then reads it: the same value),
    when the caller knows; None: worked out here.
    """
    if len(text) <= FAST_MAX_CHARS and not (
        _long_digit_run(text) if long_run is None else long_run
    ):
        try:
            return orjson.loads(text)
        except orjson.JSONDecodeError as exc:
            if exc.msg.startswith(_SYNTAX_ONLY) and "NaN" not in text and "Infinity" not in text:
                raise _Invalid() from None
    try:
        return _loads(text)
    except json.JSONDecodeError:
        raise _Invalid() from None


def _loads(text: str) -> Any:
    try:
        return json.loads(text)
    except RecursionError:
        raise NestedTooDeep() from None


def _json_error(text: str) -> json.JSONDecodeError:
    """json's error for a text _fast_loads found invalid (for the operator's message)."""
    try:
        _loads(text)
    except json.JSONDecodeError as exc:
        return exc
    return json.JSONDecodeError("not JSON", text, 0)  # not reached: json read what it could not


def _check_depth(text: str) -> None:
    """Raise NestedTooDeep for a text that parsed but nests deeper than MAX_DEPTH: a 900-deep
    reply is valid JSON, but it would break whatever walks it later (pickling a snapshot to the
    window's process recurses too). Costs a few C passes, and only for texts with that many
    brackets at all."""
    if text.count("[") + text.count("{") > MAX_DEPTH:
        _open_closers(_outside_strings(text))


def _seam_outside_strings(body: bytes) -> bool:
    """Whether the first ``}{`` lies outside strings, known without parsing: with no backslash
    before it, an even count of quotes before it says so. Such a reply is never valid JSON, so
    strict parsing is refused (orjson spends ~5 µs and an exception finding that out) and the
    text path would try the back-to-back repair next: bmminer's `stats` on every poll."""
    seam = body.find(b"}{")
    return seam > 0 and body.find(b"\\", 0, seam) < 0 and body.count(b'"', 0, seam) % 2 == 0


# One translation of a reply's bytes answers two questions that took three C passes ("{" and
# "[" counted apart, then the digit translation): "{" and "[" become "{", digits "0", anything
# else " ". Its "{" count is the brackets; a 19-digit run is 19 "0"s in a row.
_SHAPE = bytes(0x7B if i in b"{[" else 0x30 if 0x30 <= i <= 0x39 else 0x20 for i in range(256))


def loads_reply_fast(raw: bytes) -> tuple[Any, list[str]] | None:
    """``loads_lenient(decode_text(raw))`` for the common reply, or None: take that path.

    Why: most polls' reply is a stock Antminer's multi-command answer, whose `stats` needs the
    back-to-back repair; through text it paid a decode, the bracket and digit checks twice, a
    regex over the text and two orjson attempts (~89 µs for an S19j Pro's 6 KB, issue 15). On
    the bytes of an ASCII reply without NULs every step answers as the text path does, once:
    the same checks (brackets, 19-digit runs, on one translation, ``_SHAPE``), orjson, and
    only after a syntax refusal (or a seam known without trying) the same back-to-back repair.
    Anything else (non-ASCII, NULs inside, NaN, big numbers, other repairs, a non-object)
    returns None, and the full path decides as before.
    """
    if raw[-1:] == b"\x00":  # cgminer's terminator
        raw = raw[:-1]
    if len(raw) > FAST_MAX_CHARS or not raw.isascii() or b"\x00" in raw:
        return None
    body = raw.strip()
    if body[:1] != b"{":
        return None
    shape = body.translate(_SHAPE)
    brackets = shape.count(b"{")
    if brackets > MAX_CONTAINERS or _LONG_DIGIT_RUN in shape:
        return None
    # a seam outside strings is invalid as it is: the text path repairs it first, no orjson try
    repair = _seam_outside_strings(body)
    if not repair:
        try:
            value = orjson.loads(body)
        except orjson.JSONDecodeError as exc:
            if not exc.msg.startswith(_SYNTAX_ONLY):
                return None
            repair = True
    if repair:
        fixed = _BACK_TO_BACK_BYTES.sub(b"},{", body)
        if fixed == body:
            return None
        try:
            value = orjson.loads(fixed)
        except orjson.JSONDecodeError:
            return None
    if brackets > MAX_DEPTH:
        _check_depth(body.decode("ascii"))
    return value, ["back-to-back objects"] if repair else []


def loads_lenient(text: str) -> tuple[Any, list[str]]:
    """Parse ``text``; returns (value, names of the repairs that were needed).

    Raises ReplyDecodeError, never anything else: ``HostileText`` (``NestedTooDeep`` among
    them) for what no real firmware sends. A big text that is not even shaped like JSON (an HTML
    page where a JSON API was asked) is only "not JSON": a web UI may serve that.
    """
    brackets = text.count("{") + text.count("[")  # cheap; brackets in strings count
    if brackets > MAX_CONTAINERS:
        outside = "".join(_outside_strings(text)[0::2])  # one C pass, not one per string
        containers = outside.count("{") + outside.count("[")
        if containers > MAX_CONTAINERS:  # a log string full of "Chain[0]" is not refused
            raise HostileText(
                f"{containers:,} objects and lists, more than any miner sends ({MAX_CONTAINERS:,})"
            )
    # Worked out once for the text, not again for each repaired candidate (Whatsminer's batch
    # tries two or three, each paying an encode and a translation of 6 KB): no repair but the
    # quoted nan/inf one can join digits into a longer run (the others insert or drop commas,
    # whitespace and closers, swap brackets or cut), so a candidate has no run the text has
    # not, until "quoted nan/inf" is applied; a run the text has and a candidate lost only
    # sends that candidate to json, whose value orjson's would equal.
    long_run = len(text) <= FAST_MAX_CHARS and _long_digit_run(text)
    try:
        value = _fast_loads(text, long_run)
    except _Invalid:
        pass
    else:
        if brackets > MAX_DEPTH:  # _check_depth(text), its count known
            _open_closers(_outside_strings(text))
        return value, []
    if len(text) > REPAIR_MAX_CHARS:
        error = _json_error(text)
        refusal = HostileText if text.lstrip()[:1] in ("{", "[") else ReplyDecodeError
        raise refusal(
            f"not JSON ({error.msg} at char {error.pos}) and, at {len(text) / 1e6:.1f} MB,"
            " too large to repair"
        )
    applied: list[str] = []
    last = text
    for name, candidate in repairs(text):
        applied.append(name)
        last = candidate
        try:
            value = _fast_loads(candidate, None if "quoted nan/inf" in applied else long_run)
        except _Invalid:
            continue
        # no repair adds an opening bracket but the leading comma's "{": a candidate holds at
        # most one more than the text, and _check_depth finds nothing to do below MAX_DEPTH
        if brackets + 1 > MAX_DEPTH:
            _check_depth(candidate)
        return value, applied
    error = _json_error(last)
    snippet = text[:60].encode("unicode_escape").decode("ascii")
    raise ReplyDecodeError(f"not JSON even after repairs ({error.msg}): {snippet!r}")
