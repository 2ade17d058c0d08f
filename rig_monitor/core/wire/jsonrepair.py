"""Turn the broken JSON that real miner firmware sends into something ``json`` accepts.

Each repair answers a quirk seen in the field (shared/reference/protocols.md §1.6); they run only
when a strict parse fails, so a healthy miner pays for one ``json.loads`` and nothing else.
Repairs are ordered from the narrowest to the most invasive.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_BACK_TO_BACK = re.compile(r"}\s*{")  # bmminer `stats`: two STATS objects with no comma
_LEADING_COMMA = re.compile(r"\[\s*,")  # bmminer: "[,{"
_MISSING_COMMA = re.compile(r'""(?=[A-Za-z_])')  # btminer 2023-01-06: ""temp0 → ","temp0
_QUOTED_NONFINITE = re.compile(r'"(?:nan|-?inf)"', re.IGNORECASE)  # Avalon
_BARE_NONFINITE = re.compile(r"(?<=[:\[,\s])-?(?:nan|inf(?:inity)?)(?=\s*[,}\]])", re.IGNORECASE)
_ERROR_CODE_ARRAY = re.compile(
    r'("error_code"\s*:\s*)\[([^\[\]]*?:[^\[\]]*?)\]'
)  # Whatsminer 2.0.4


class ReplyDecodeError(ValueError):
    """The bytes are not a miner reply we can read, even after every repair."""


def decode_text(raw: bytes) -> str:
    """Bytes → text: strip NULs and edge whitespace; invalid UTF-8 becomes U+FFFD, never an error."""
    return raw.replace(b"\x00", b"").decode("utf-8", errors="replace").strip()


def _scan(text: str) -> tuple[list[str], int]:
    """(closers still open at the end, index after the last complete value: a safe cut)."""
    stack: list[str] = []
    in_str = esc = False
    last_safe = -1
    for i, ch in enumerate(text):
        if in_str:
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == '"':
                in_str = False
            continue
        if ch == '"':
            in_str = True
        elif ch in "{[":
            stack.append("}" if ch == "{" else "]")
        elif ch in "}]":
            if stack:
                stack.pop()
            last_safe = i + 1
        elif ch == ",":
            last_safe = i
    return stack, last_safe


def _close_truncated(text: str) -> str:
    """Cut a reply that stopped mid-way at its last complete value and close open brackets."""
    stack, last_safe = _scan(text)
    if not stack:
        return text
    if last_safe <= 0:
        raise ReplyDecodeError("truncated before the first complete value")
    head = text[:last_safe].rstrip().rstrip(",")
    still_open, _ = _scan(head)
    return head + "".join(reversed(still_open))


def repairs(text: str) -> Iterator[tuple[str, str]]:
    """The repaired candidates, each named, cumulative, cheapest first.

    A generator: a reply fixed by an early repair never pays for the later ones (the truncation
    scan walks the whole text).
    """
    t = text
    if t.startswith(","):  # Avalon: ',"id":1}' garbage start
        t = "{" + t[1:]
        yield "leading comma", t
    steps: list[tuple[str, re.Pattern[str], str]] = [
        ("back-to-back objects", _BACK_TO_BACK, "},{"),
        ("trailing comma", _TRAILING_COMMA, r"\1"),
        ("leading comma in array", _LEADING_COMMA, "["),
        ("missing comma", _MISSING_COMMA, '","'),
        ("quoted nan/inf", _QUOTED_NONFINITE, "0"),
        ("bare nan/inf", _BARE_NONFINITE, "0"),
    ]
    for name, pattern, repl in steps:
        fixed = pattern.sub(repl, t)
        if fixed != t:
            t = fixed
            yield name, t
    fixed = _ERROR_CODE_ARRAY.sub(lambda m: m.group(1) + "{" + m.group(2) + "}", t)
    if fixed != t:
        t = fixed
        yield "error_code array", t
    if "\n" in t or "\r" in t or "\t" in t:  # btminer: raw control characters inside strings
        t = re.sub(r"[\r\n\t]", " ", t)
        yield "raw newlines", t
    try:
        closed = _close_truncated(t)
    except ReplyDecodeError:
        closed = t
    if closed != t:
        yield "truncated", closed


def loads_lenient(text: str) -> tuple[Any, list[str]]:
    """Parse ``text``; returns (value, names of the repairs that were needed)."""
    try:
        return json.loads(text), []
    except json.JSONDecodeError as first:
        error = first
    applied: list[str] = []
    for name, candidate in repairs(text):
        applied.append(name)
        try:
            return json.loads(candidate), applied
        except json.JSONDecodeError as exc:
            error = exc
    snippet = text[:60].encode("unicode_escape").decode("ascii")
    raise ReplyDecodeError(f"not JSON even after repairs ({error.msg}): {snippet!r}")
