"""Whatsminer API v3 (btminer firmware from 2024-11 on): TCP 4433, length-prefixed JSON frames.

Both directions are a 4-byte little-endian length followed by UTF-8 JSON; the reply is
``{"code": 0, "msg": {...}, "desc": cmd, "when": ts}`` and ``code`` ≠ 0 is an error whose text is
in ``msg``. Only the unauthenticated reads are used (``get.device.info``, ``get.miner.status``).
Miners on this firmware may close 4028 altogether, so detection falls back to :func:`probe_v3`.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from rig_monitor.core.errors import HostileReply, MinerError
from rig_monitor.core.model import ErrorKind, Identity
from rig_monitor.core.wire.cgminer import (
    BIG_REPLY_BYTES,
    DEFAULT_LIMITS,
    ByteReader,
    Limits,
    big_reply_gate,
    check_containers,
    decode_failure,
    exchange,
)
from rig_monitor.core.wire.jsonrepair import ReplyDecodeError, decode_text, loads_lenient

FAMILY = "whatsminer_v3"
MAKE = "Whatsminer"
HEADER = 4


def frame(obj: Any) -> bytes:
    payload = json.dumps(obj, separators=(",", ":")).encode()
    return len(payload).to_bytes(HEADER, "little") + payload


async def _read_frame(reader: ByteReader, limits: Limits) -> bytes:
    try:
        head = await reader.readexactly(HEADER)
    except asyncio.IncompleteReadError as exc:
        if not exc.partial:
            raise MinerError(ErrorKind.BAD_REPLY, "bad reply: closed without answering") from None
        raise MinerError(ErrorKind.NOT_A_MINER, "not a miner: no v3 length prefix") from None
    size = int.from_bytes(head, "little")
    if size > limits.max_bytes:
        # a text protocol answering on this port reads as an absurd length ("HTTP" = 1.3 GB)
        kind = ErrorKind.NOT_A_MINER if size > 64 * limits.max_bytes else ErrorKind.TOO_LARGE
        raise MinerError(kind, f"{kind}: v3 frame announces {size} bytes")
    if size > BIG_REPLY_BYTES:
        async with big_reply_gate():
            return await _read_body(reader, size)
    return await _read_body(reader, size)


async def _read_body(reader: ByteReader, size: int) -> bytes:
    """The frame's ``size`` bytes as they arrive, the brackets counted on the way
    (cgminer.check_containers): a 2 MB frame of junk is dropped after its first ~200 KB instead
    of being read whole and then refused by jsonrepair."""
    if size <= 64 * 1024:  # real frames are a few KB; junk this small costs jsonrepair little
        try:
            return await reader.readexactly(size)
        except asyncio.IncompleteReadError as exc:
            return _cut_short(exc.partial)
    chunks: list[bytes] = []
    got = containers = 0
    while got < size:
        chunk = await reader.read(min(65536, size - got))
        if not chunk:
            return _cut_short(b"".join(chunks))
        chunks.append(chunk)
        got += len(chunk)
        containers = check_containers(containers, chunk, got)
    return b"".join(chunks)


def _cut_short(partial: bytes) -> bytes:
    if partial:
        return partial  # cut short: the lenient decoder closes what arrived
    raise MinerError(ErrorKind.BAD_REPLY, "bad reply: v3 frame without a body")


async def request(
    host: str, port: int, cmd: str, param: Any = None, limits: Limits = DEFAULT_LIMITS
) -> dict[str, Any]:
    """One v3 command on its own connection → the whole reply object. Raises MinerError."""
    body: dict[str, Any] = {"cmd": cmd}
    if param is not None:
        body["param"] = param
    raw = await exchange(host, port, frame(body), _read_frame, limits, what="v3 reply")
    return parse_frame(raw)


def parse_frame(raw: bytes) -> dict[str, Any]:
    """A v3 reply body → dict; ``code`` ≠ 0 becomes a MinerError carrying the firmware's text."""
    text = decode_text(raw)
    try:
        value, _ = loads_lenient(text) if text else (None, [])
    except ReplyDecodeError as exc:
        raise decode_failure(exc, f"bad reply: {exc}") from None
    if not isinstance(value, dict) or "code" not in value:
        raise MinerError(ErrorKind.NOT_A_MINER, "not a miner: not a Whatsminer v3 reply")
    code = value.get("code")
    if code not in (0, "0"):
        msg = value.get("msg")
        raise MinerError(ErrorKind.BAD_REPLY, f"bad reply: v3 error {code}: {msg}")
    return value


class WhatsminerV3Client:
    """Reads one miner over API v3; every call is its own connection, as the firmware expects."""

    def __init__(self, host: str, port: int = 4433, limits: Limits = DEFAULT_LIMITS) -> None:
        self.host = host
        self.port = port
        self.limits = limits

    async def call(self, cmd: str, param: Any = None) -> dict[str, Any]:
        return await request(self.host, self.port, cmd, param, self.limits)

    async def msg(self, cmd: str, param: Any = None) -> dict[str, Any]:
        """The ``msg`` object of a reply ({} when the firmware sent something else)."""
        msg = (await self.call(cmd, param)).get("msg")
        return msg if isinstance(msg, dict) else {}


def identity_of(device_info: dict[str, Any]) -> Identity | None:
    """Identity from a ``get.device.info`` msg; None unless it carries the ``miner`` block."""
    miner = device_info.get("miner")
    if not isinstance(miner, dict):
        return None
    system = device_info.get("system")
    system = system if isinstance(system, dict) else {}
    model = str(miner.get("type") or "").strip() or None
    fw = str(system.get("fwversion") or "").strip() or None
    return Identity(family=FAMILY, make=MAKE, model=model, firmware="btminer", firmware_version=fw)


async def probe_v3(ip: str, port: int, limits: Limits = DEFAULT_LIMITS) -> Identity | None:
    """Whether ``ip`` answers API v3 on ``port``; None for anything that is not a v3 Whatsminer.

    Raises HostileReply: junk on 4433 is the miner's answer (detection reports it and stops)."""
    try:
        info = await WhatsminerV3Client(ip, port, limits).msg("get.device.info")
    except HostileReply:
        raise
    except MinerError:
        return None
    return identity_of(info)
