"""How the byte-level faults (garbage, truncated, huge) spoil a reply before it is sent.

``hung``, ``slow`` and ``offline`` are about timing and sockets, so the server handles those.
"""

from __future__ import annotations

import functools
import random

from rig_monitor.sim.wire import NUL

SLOW_REPLY_S = 2.0
SLOW_CHUNKS = 20
HUGE_BYTES = 3 * 1024 * 1024

# A front-end proxy or a half-dead firmware: binary noise around a fragment of an HTTP error.
_GARBAGE_CORE = b"\xaa\x55\x01\xfeHTTP/1.1 502 Bad Gateway\r\n\x00\x7f\x80\xc3("


def garbage(rng: random.Random) -> bytes:
    return bytes(rng.randrange(128, 256) for _ in range(16)) + _GARBAGE_CORE + NUL


MALFORMED_BYTES = 2_000_000
_MALFORMED_UNIT = b'{"a":[1,2,],"b":{"c":3,},},'


@functools.cache
def malformed() -> bytes:
    """~2 MB of JSON full of trailing commas that never closes, then a NUL: what issue 10 measured
    (3 s and ~345 MB per reply before the repair was made linear). Built once: the sim must not
    spend its CPU on it."""
    head = b'{"STATUS":[{"STATUS":"S","Msg":"stats",},],"STATS":['
    return head + _MALFORMED_UNIT * ((MALFORMED_BYTES - len(head)) // len(_MALFORMED_UNIT)) + NUL


def malformed_json() -> bytes:
    """The same body for HTTP and v3 (no NUL)."""
    return malformed()[:-1]


def truncated(payload: str) -> bytes:
    """Cut in the middle of the JSON, no NUL: what a reader gets when the firmware's buffer overflows."""
    data = payload.encode("utf-8", "surrogateescape")
    return data[: max(1, len(data) * 55 // 100)]


def huge(payload: str) -> bytes:
    """A valid reply padded past several megabytes with a repeated log line."""
    line = "Chain[0]: nonce error, asic 0 core 0 times 1, "
    pad = line * (HUGE_BYTES // len(line) + 1)
    if payload.endswith(',"id":1}'):
        body = payload[: -len(',"id":1}')] + f',"LOG":"{pad}","id":1}}'
    else:
        body = payload + f"LOG={pad}|"
    return body.encode("utf-8", "surrogateescape") + NUL


def truncated_bytes(payload: bytes) -> bytes:
    """The first ~55 % of a body: the HTTP and v3 servers send it and close."""
    return payload[: max(1, len(payload) * 55 // 100)]


def huge_json(payload: bytes) -> bytes:
    """A JSON object body padded past several megabytes (still valid JSON); other bodies are padded
    with trailing whitespace."""
    line = "Chain[0]: nonce error, asic 0 core 0 times 1, "
    pad = line * (HUGE_BYTES // len(line) + 1)
    text = payload.rstrip()
    if text.endswith(b"}"):
        sep = b"" if text[:-1].rstrip().endswith(b"{") else b","
        return text[:-1] + sep + b'"LOG":"' + pad.encode() + b'"}'
    return payload + b" " * HUGE_BYTES
