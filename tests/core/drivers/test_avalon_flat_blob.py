"""The flat estats shape recognised in one split (no possessive fullmatch per token) reads every
text exactly as the old recognition did.

Why a copy of the old function: ``parse_brackets`` runs on every Avalon poll, ~1.1 M of its
~3.9 M instructions were the old ``_FLAT_BLOB.fullmatch`` (callgrind, branch ``parse6``); the
new test is the equality, on every string of every real capture and on random texts built from
the characters that decide the shape.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from rig_monitor.core.drivers import avalon
from rig_monitor.core.drivers.avalon import (
    _FLAT_BLOB,
    _FLAT_TOKEN,
    _NAME_BLOCK,
    _TOKEN_START,
    _closing,
    parse_brackets,
)

CAPTURES = Path(__file__).parents[2] / "captures"


def _old_parse_brackets(text: str) -> dict[str, Any]:
    # parse_brackets as it was before the one-split flat path (db84747), unchanged
    if len(text) > avalon.MAX_BLOB_CHARS:
        raise ValueError("too long")
    if _FLAT_BLOB.fullmatch(text):
        out: dict[str, Any] = {}
        for key, value in _FLAT_TOKEN.findall(text):
            key = key.strip(",")
            if key:
                out[key] = value.strip()
        return out
    out = {}
    i, n = 0, len(text)
    while i < n:
        found = _TOKEN_START.search(text, i)
        if found is None:
            break
        i = found.start()
        ch = text[i]
        if ch == "'":
            end = text.find("'", i + 1)
            m = _NAME_BLOCK.match(text, end + 1) if end > 0 else None
            if m:
                body_start = m.end()
                body_end = _closing(text, body_start, "{", "}")
                out[text[i + 1 : end]] = _old_parse_brackets(text[body_start:body_end])
                i = body_end + 1
                continue
            i += 1
            continue
        if ch == "[":
            key_start = i
            while (
                key_start > 0
                and not text[key_start - 1].isspace()
                and text[key_start - 1] not in "]{}"
            ):
                key_start -= 1
            key = text[key_start:i].strip().strip(",")
            end = _closing(text, i + 1, "[", "]")
            if key:
                out[key] = text[i + 1 : end].strip()
            i = end + 1
            continue
        i += 1
    return out


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _capture_strings() -> list[str]:
    out: list[str] = []
    for path in sorted(CAPTURES.rglob("*.json")):
        try:
            data = json.loads(path.read_bytes().rstrip(b"\x00"))
        except ValueError:
            continue
        out += _strings(data)
    return out


def test_every_string_of_every_real_capture_reads_as_before() -> None:
    texts = _capture_strings()
    estats = [t for t in texts if "[" in t and "]" in t]
    assert len(estats) >= 10  # the Avalon captures' MM ID blobs among them
    assert any("Ver[" in t or "MM ID" in t for t in estats)
    for text in texts:
        assert parse_brackets(text) == _old_parse_brackets(text), text[:200]


@pytest.mark.parametrize("seed", range(4))
def test_random_texts_of_the_deciding_characters_read_as_before(seed: int) -> None:
    rng = random.Random(seed)
    alphabet = ["[", "]", "{", "}", "'", ":", " ", "\t", ",", "a", "Ver", "MM ID0", "1", "5.2"]
    flat = 0
    for _ in range(4000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert parse_brackets(text) == _old_parse_brackets(text), repr(text)
        flat += bool(_FLAT_BLOB.fullmatch(text))
    assert flat > 100  # the flat shape was exercised, not only the general path


def test_real_shaped_blobs_with_junk_read_as_before() -> None:
    rng = random.Random(7)
    real = [t for t in _capture_strings() if "Ver[" in t or "MM ID" in t or "Elapsed[" in t]
    assert real
    for text in real:
        for _ in range(50):
            chars = list(text)
            for _ in range(rng.randint(1, 4)):
                chars.insert(rng.randrange(len(chars) + 1), rng.choice("[]{}' ,x"))
            mutated = "".join(chars)
            assert parse_brackets(mutated) == _old_parse_brackets(mutated), repr(mutated[:200])
