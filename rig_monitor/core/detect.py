"""Identify a miner's firmware family, make and model in as few round trips as possible.

``version`` and ``devdetails`` are asked concurrently on the API port; the raw text of the replies
is searched for vendor markers in a fixed order (aftermarket firmware first, because it often
keeps the stock "Antminer" type string: Vnish reports "Antminer S21 (Vnish 1.2.6)").
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from dataclasses import dataclass

from rig_monitor.core.cgminer import CGMinerClient, parse_reply
from rig_monitor.core.drivers.antminer import clean_model
from rig_monitor.core.drivers.base import Identity, first
from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import ErrorKind, Ports
from rig_monitor.core.whatsminer_v3 import probe_v3

# (marker in the upper-cased reply text, family, make). First match wins.
MARKERS: tuple[tuple[str, str, str | None], ...] = (
    ("BOSMINER", "braiins", "Antminer"),
    ("BOSER", "braiins", "Antminer"),
    ("BTMINER", "whatsminer", "Whatsminer"),
    ("BITMICRO", "whatsminer", "Whatsminer"),
    ("LUXMINER", "luxos", "Antminer"),
    ("VNISH", "vnish", "Antminer"),
    ("HIVEON", "hiveon", "Antminer"),
    ("KAONSU", "marathon", "Antminer"),
    ("MARAFW", "marathon", "Antminer"),
    ("AVALON", "avalon", "Avalon"),
    ("GCMINER", "auradine", "Auradine"),
    ("FLUXOS", "auradine", "Auradine"),
    ("INNOMINER", "innosilicon", "Innosilicon"),
    ("INTCHAINS_QOMO", "goldshell", "Goldshell"),
    ("KDAMINER", "goldshell", "Goldshell"),
)


@dataclass(slots=True)
class Probe:
    version_text: str | None
    devdetails_text: str | None


async def _text(client: CGMinerClient, command: str) -> str:
    return (await client.raw(json.dumps({"command": command}).encode())).decode(
        "utf-8", errors="replace"
    )


async def probe(client: CGMinerClient) -> Probe:
    results = await asyncio.gather(
        _text(client, "version"), _text(client, "devdetails"), return_exceptions=True
    )
    texts = [r if isinstance(r, str) else None for r in results]
    if texts[0] is None and texts[1] is None:
        err = results[0]
        if isinstance(err, MinerError):
            raise err
        raise MinerError(ErrorKind.BAD_REPLY, f"bad reply: {err!r}")
    return Probe(texts[0], texts[1])


def classify(p: Probe) -> Identity:
    """Decide the family from the probe texts. Raises MinerError(NOT_A_MINER) if neither is an API."""
    version_text = p.version_text or ""
    dev_text = p.devdetails_text or ""
    if "STATUS" not in version_text and "STATUS" not in dev_text:
        raise MinerError(
            ErrorKind.NOT_A_MINER, "not a miner: the port answered, but not a miner API"
        )
    upper = (version_text + "\n" + dev_text).upper()
    version: dict[str, object] = {}
    with contextlib.suppress(MinerError):
        version = first(parse_reply(version_text.encode()), "VERSION")
    type_text = str(version.get("Type") or "")
    for marker, family, make in MARKERS:
        if marker in upper:
            model = clean_model(type_text) if type_text else None
            return Identity(family=family, make=make, model=model)
    # stock Antminer: only trust the version reply (devdetails on other firmware echoes "Antminer")
    if "ANTMINER" in version_text.upper() or "BMMiner" in version:
        return Identity(
            family="antminer",
            make="Antminer",
            model=clean_model(type_text) if type_text else None,
            firmware="stock",
        )
    for key in ("CGMiner", "BFGMiner", "SGMiner"):
        if key in version:
            return Identity(
                family="generic", firmware=key.lower(), firmware_version=str(version[key])
            )
    return Identity(family="generic")


# 4028 failures after which a Whatsminer on API v3 (which may close 4028) is worth asking.
V3_FALLBACK = frozenset({ErrorKind.REFUSED, ErrorKind.NOT_A_MINER})


async def detect(client: CGMinerClient, v3_port: int = Ports().whatsminer_v3) -> Identity:
    try:
        return classify(await probe(client))
    except MinerError as exc:
        if exc.kind not in V3_FALLBACK:
            raise
        identity = await probe_v3(client.host, v3_port, client.limits)
        if identity is None:
            raise
        return identity
