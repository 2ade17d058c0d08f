"""The decode's shortcuts give exactly what the general code gives.

``repairs`` skips the two non-finite patterns when ``may_hold_nonfinite`` says they cannot
match; ``loads_reply_fast`` counts brackets and looks for long digit runs on one translation,
and goes to the seam's repair without an exception; ``loads_lenient`` counts brackets and looks
for digit runs once per text, not per repaired candidate. The general versions are kept
here as they were (commit db84747); every real reply (tests/captures, the stock fixtures,
cgminer 4.11.1's own replies) and scrambled copies of each, with the quirks firmware sends and
"nan"/"inf" in every case and form, must give the same answers through both.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from rig_monitor.core.wire import jsonrepair
from rig_monitor.core.wire.jsonrepair import (
    _BACK_TO_BACK,
    _BACK_TO_BACK_BYTES,
    _BARE_NONFINITE,
    _CONTROL_IN_STRINGS,
    _DIGITS_ONLY,
    _ERROR_CODE_ARRAY,
    _LEADING_COMMA,
    _LONG_DIGIT_RUN,
    _MISSING_COMMA,
    _QUOTED_NONFINITE,
    _SYNTAX_ONLY,
    _TRAILING_COMMA,
    FAST_MAX_CHARS,
    MAX_CONTAINERS,
    MAX_DEPTH,
    NestedTooDeep,
    ReplyDecodeError,
    _check_depth,
    _close_truncated,
    _Invalid,
    _seam_outside_strings,
    decode_text,
    loads_lenient,
    loads_reply_fast,
    may_hold_nonfinite,
    repairs,
)

TESTS = Path(__file__).parents[2]


def _old_repairs(text: str) -> Iterator[tuple[str, str]]:
    t = text
    if t.startswith(","):
        t = "{" + t[1:]
        yield "leading comma", t
    steps: list[tuple[str, re.Pattern[str], str]] = [
        ("back-to-back objects", _BACK_TO_BACK, "},{"),
        ("trailing comma", _TRAILING_COMMA, ""),
        ("leading comma in array", _LEADING_COMMA, "["),
        ("missing comma", _MISSING_COMMA, '","'),
        ("quoted nan/inf", _QUOTED_NONFINITE, "0"),
        ("bare nan/inf", _BARE_NONFINITE, "0"),
        ("error_code array", _ERROR_CODE_ARRAY, r"\1{\2}"),
    ]
    for name, pattern, repl in steps:
        fixed = pattern.sub(repl, t)
        if fixed != t:
            t = fixed
            yield name, t
    if "\n" in t or "\r" in t or "\t" in t:
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


def _old_loads_reply_fast(raw: bytes) -> tuple[Any, list[str]] | None:
    if raw[-1:] == b"\x00":
        raw = raw[:-1]
    if len(raw) > FAST_MAX_CHARS or not raw.isascii() or b"\x00" in raw:
        return None
    body = raw.strip()
    if body[:1] != b"{":
        return None
    brackets = body.count(b"{") + body.count(b"[")
    if brackets > MAX_CONTAINERS or _LONG_DIGIT_RUN in body.translate(_DIGITS_ONLY):
        return None
    applied: list[str] = []
    try:
        if _seam_outside_strings(body):
            raise _Invalid()
        value = orjson.loads(body)
    except (orjson.JSONDecodeError, _Invalid) as exc:
        if isinstance(exc, orjson.JSONDecodeError) and not exc.msg.startswith(_SYNTAX_ONLY):
            return None
        fixed = _BACK_TO_BACK_BYTES.sub(b"},{", body)
        if fixed == body:
            return None
        try:
            value = orjson.loads(fixed)
        except orjson.JSONDecodeError:
            return None
        applied.append("back-to-back objects")
    if brackets > MAX_DEPTH:
        _check_depth(body.decode("ascii"))
    return value, applied


def _old_fast_loads(text: str) -> Any:
    if len(text) <= FAST_MAX_CHARS and _LONG_DIGIT_RUN not in text.encode(
        "utf-8", "surrogatepass"
    ).translate(_DIGITS_ONLY):
        try:
            return orjson.loads(text)
        except orjson.JSONDecodeError as exc:
            if exc.msg.startswith(_SYNTAX_ONLY) and "NaN" not in text and "Infinity" not in text:
                raise _Invalid() from None
    try:
        return jsonrepair._loads(text)
    except json.JSONDecodeError:
        raise _Invalid() from None


def _old_loads_lenient(text: str) -> tuple[Any, list[str]]:
    if text.count("{") + text.count("[") > MAX_CONTAINERS:
        outside = "".join(jsonrepair._outside_strings(text)[0::2])
        containers = outside.count("{") + outside.count("[")
        if containers > MAX_CONTAINERS:
            raise jsonrepair.HostileText(
                f"{containers:,} objects and lists, more than any miner sends ({MAX_CONTAINERS:,})"
            )
    try:
        value = _old_fast_loads(text)
    except _Invalid:
        pass
    else:
        _check_depth(text)
        return value, []
    if len(text) > jsonrepair.REPAIR_MAX_CHARS:
        error = jsonrepair._json_error(text)
        refusal = jsonrepair.HostileText if text.lstrip()[:1] in ("{", "[") else ReplyDecodeError
        raise refusal(
            f"not JSON ({error.msg} at char {error.pos}) and, at {len(text) / 1e6:.1f} MB,"
            " too large to repair"
        )
    applied: list[str] = []
    last = text
    for name, candidate in _old_repairs(text):
        applied.append(name)
        last = candidate
        try:
            value = _old_fast_loads(candidate)
        except _Invalid:
            continue
        _check_depth(candidate)
        return value, applied
    error = jsonrepair._json_error(last)
    snippet = text[:60].encode("unicode_escape").decode("ascii")
    raise ReplyDecodeError(f"not JSON even after repairs ({error.msg}): {snippet!r}")


def _texts() -> list[tuple[str, str]]:
    files = sorted((TESTS / "captures").glob("*/*/rpc/*"))
    files += sorted((TESTS / "fixtures").glob("**/*.raw"))
    shared = Path("/work/shared/fixtures/cgminer-4.11.1")
    if shared.is_dir():  # the shared copy exists on the project's build machine only
        files += sorted(shared.glob("*.raw"))
    return [
        (str(f.relative_to(f.parents[2])), decode_text(f.read_bytes()))
        for f in files
        if f.suffix in (".json", ".raw")
    ]


TEXTS = _texts()

# Words the non-finite patterns match, in forms and cases firmware could send, and near misses.
WORDS = [
    "nan", "NaN", "NAN", "nAn", "inf", "Inf", "INF", "-inf", "-Infinity", "infinity",
    "\u0130nf", "\u0131nf", "\u0130NFINITY", "-\u0131nfinity", "infinit", "na", "nf", "Nf",
    "nF", "NF", "n a n", "iNf", "NaNa", "banana", "info", "conf", "-", "ïnf", "ñan",
]  # fmt: skip


def _scramble(text: str, rng: random.Random) -> str:
    """A copy of ``text`` with the quirks real firmware sends, and non-finite words, at random
    places: values replaced by bare or quoted words, commas doubled or dropped, raw newlines,
    ``""key``, a back-to-back seam, an error_code array, a cut-off tail."""
    out = text
    for _ in range(rng.randint(1, 6)):
        if not out:
            break
        at = rng.randrange(len(out))
        kind = rng.randrange(9)
        word = rng.choice(WORDS)
        if kind == 0:
            out = out[:at] + word + out[at:]
        elif kind == 1:
            out = out[:at] + f'"{word}"' + out[at:]
        elif kind == 2:  # a value replaced: after a colon up to the next delimiter
            colon = out.find(":", at)
            end = min(
                (i for i in (out.find(",", colon), out.find("}", colon)) if i > 0), default=-1
            )
            if colon > 0 and end > colon:
                out = out[: colon + 1] + rng.choice([word, f'"{word}"', f" {word} "]) + out[end:]
        elif kind == 3:
            out = out[:at] + ",\n " + out[at:]
        elif kind == 4:
            out = out[:at] + rng.choice(['""temp0', "\r\n", "\t", "}{", "[,"]) + out[at:]
        elif kind == 5:
            out = out[:at] + '"error_code":[ "329":"x" ]' + out[at:]
        elif kind == 6:
            out = out[:at]
        elif kind == 7:
            out = out.replace(":", ": ", 1)
        else:
            out = "," + out
    return out


def _candidates(gen: Callable[[str], Iterator[tuple[str, str]]], text: str) -> Any:
    try:
        return list(gen(text))
    except ReplyDecodeError as exc:
        return type(exc).__name__


def _lenient(f: Callable[[str], Any], text: str) -> Any:
    try:
        return repr(f(text))
    except ReplyDecodeError as exc:
        return f"{type(exc).__name__}: {exc}"


_VARIANTS = {"i": "iI\u0130\u0131", "n": "nN", "a": "aA", "f": "fF", "t": "tT", "y": "yY"}


def _cased(word: str, rng: random.Random) -> str:
    """``word`` with each letter in a random case variant (U+0130/U+0131 for "i"), sometimes a
    letter dropped or a stranger put in."""
    out = "".join(rng.choice(_VARIANTS.get(c, c)) for c in word)
    if rng.random() < 0.2:
        at = rng.randrange(len(out))
        out = out[:at] + rng.choice(["", "x", "\u00ef", " "]) + out[at + 1 :]
    return out


def test_may_hold_nonfinite_is_true_wherever_a_nonfinite_pattern_matches() -> None:
    rng = random.Random(6)
    texts = [
        rng.choice(["", ":", "[", ",", " ", "x", '"', '":']) + rng.choice(["", "-", "+"])
        + _cased(rng.choice(["nan", "inf", "infinity"]), rng)
        + rng.choice(["", "}", "]", ",", " ,", '"', "x", '"}'])
        for _ in range(20_000)
    ]  # fmt: skip
    texts += [f":{w}}}" for w in WORDS] + [f'"{w}"' for w in WORDS]
    matched = 0
    for t in texts:
        if _QUOTED_NONFINITE.search(t) or _BARE_NONFINITE.search(t):
            matched += 1
            assert may_hold_nonfinite(t), t
    assert matched > 2000
    assert not may_hold_nonfinite('{"Fan Speed In": 3000, "Power": 3100, "Elapsed": 7}')


def test_repairs_give_every_real_reply_and_its_scrambled_copies_the_same_candidates() -> None:
    assert len(TEXTS) >= 40
    cases = 0
    for name, text in TEXTS:
        rng = random.Random(name)
        for t in [text] + [_scramble(text, rng) for _ in range(60)]:
            assert _candidates(repairs, t) == _candidates(_old_repairs, t), (name, t[:200])
            cases += 1
    assert cases > 2000


# Texts at the edges of the shortcuts: digits joined by the quoted nan/inf repair into a run
# orjson reads otherwise (a float past 64 bits), runs a cut removes, brackets at MAX_DEPTH with
# the leading comma's "{" on top, trailing commas and raw newlines around long numbers.
EDGE_TEXTS = [
    '{"a":1234567890"nan"123456789012,}',
    '{"a":1234567890"NaN"1234567890,"b":[1,]}',
    '{"a":12345678901234567890123,"b":[1,]}',
    '{"a":"x\n","b":12345678901234567890123,}',
    '{"a":[1,2],"b":99999999999999999999999,"c":[',
    ',"a":' + "[" * 62 + "1" + "]" * 62 + "}",
    ',"a":' + "[" * 63 + "1" + "]" * 63 + "}",
    ',"a":' + "[" * 64 + "1" + "]" * 64 + "}",
    '{"a":' + "[" * 63 + "1," + "]" * 63 + "}",
    '{"a":' + "[" * 64 + "1," + "]" * 64 + "}",
    '{"a":' + "[" * 63 + "1" + "]" * 63 + "}",
    '{"a":' + "[" * 64 + "1" + "]" * 64 + "}",
    '{"error_code":[ "329":"x" ],"n":12345678901234567890123,}',
    ',"a":' + "[" * 70 + "1" + "]" * 70 + "}",
    '{"a":' + "[" * 70 + "1," + "]" * 70 + "}",
    '{"a":' + "[" * 70 + "1" + "]" * 70 + "}",
]


def test_loads_lenient_reads_every_real_reply_and_scrambled_copy_as_before(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = random.Random(15)
    texts = [t for _, text in TEXTS for t in [text] + [_scramble(text, rng) for _ in range(8)]]
    texts += EDGE_TEXTS
    new = [_lenient(loads_lenient, t) for t in texts]
    old = [_lenient(_old_loads_lenient, t) for t in texts]
    assert new == old
    repaired = [
        n for n in new if "[]" not in n[-4:] and not n.startswith(("ReplyDecode", "Hostile"))
    ]
    assert len(repaired) > 50  # the scramble reached the repairs, not only refusals
    assert any("1234567890012345678901" in n for n in new)  # json's int, not orjson's float
    assert sum("nested too deep" in n for n in new) >= 3


def _scramble_bytes(raw: bytes, rng: random.Random) -> bytes:
    """A copy of a reply's bytes with what the fast path must read or hand back as before:
    seams bare, with whitespace or inside strings, "}" followed by whitespace elsewhere, long
    digit runs, brackets, NULs, non-ASCII, NaN, cuts."""
    out = raw
    pieces = [
        b"}{", b"} {", b"}\n{", b"}\x0b{", b"}\x0c{", b"} ]", b"}\r\n", b"}\t,", b"{", b"[",
        b"1234567890123456789", b"123456789012345678", b"-9223372036854775809", b"\x00",
        b"\xc3\xa9", b"NaN", b"\\", b'\\"', b'"', b",", b"\x1c", b"]", b"}",
    ]  # fmt: skip
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(out) + 1)
        kind = rng.randrange(4)
        if kind == 0:
            out = out[:at] + rng.choice(pieces) + out[at:]
        elif kind == 1:  # a value replaced
            colon = out.find(b":", at)
            end = out.find(b",", colon)
            if colon > 0 and end > colon:
                out = out[: colon + 1] + rng.choice([*pieces[10:13], b'"}{"', b"{}"]) + out[end:]
        elif kind == 2:
            out = out.replace(b"}{", rng.choice([b"} {", b"}\n\t{", b"}{", b"}  {"]))
        else:
            out = out[:at]
    return out


def _fast(f: Callable[[bytes], Any], raw: bytes) -> str:
    try:
        return repr(f(raw))
    except ReplyDecodeError as exc:
        return f"{type(exc).__name__}: {exc}"


def test_the_bytes_path_reads_every_real_reply_and_scrambled_copy_as_before() -> None:
    files = [f for f in sorted((TESTS / "captures").glob("*/*/rpc/*")) if f.suffix == ".json"]
    files += sorted((TESTS / "fixtures").glob("**/*.raw"))
    raws = [f.read_bytes() for f in files]
    raws += [text.encode() for _, text in TEXTS]
    # the shape every stock Antminer poll sends: bmminer's stats seam in a multi-command reply
    stats = (TESTS / "fixtures" / "antminer" / "s19jpro_stats.raw").read_bytes().rstrip(b"\x00")
    raws.append(b'{"stats":[' + stats + b'],"id":1}')
    assert b"}{" in stats and len(raws) >= 80
    rng = random.Random(7)
    taken = fixed = 0
    for raw in raws:
        for variant in [raw, raw + b"\x00"] + [_scramble_bytes(raw, rng) for _ in range(40)]:
            got = _fast(loads_reply_fast, variant)
            assert got == _fast(_old_loads_reply_fast, variant), variant[:200]
            taken += got != "None"
            fixed += "back-to-back objects" in got
    assert taken > 1000 and fixed > 50  # the fast path and its repair were both taken
