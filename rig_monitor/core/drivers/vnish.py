"""Vnish / AnthillOS (aftermarket Antminer firmware) over its bmminer-compatible API on 4028.

The replies are Bitmain's, so the Antminer parser reads them; Vnish only shows itself in the
``Type`` string ("Antminer S19j Pro (Vnish 1.2.6)"), where "(88)" marks the 88-chip NoPIC boards
and " AML" an Amlogic control board. Some builds report power in ``stats``; stock never does.
When the API port gives no ``summary`` (closed, or a build that answers nothing there), the web
API's ``GET /api/v1/summary`` is read instead (protocols.md 2.3; capture
s19jpro-vnish-1.2.0rc3): asked without a token first, then after ``POST /api/v1/unlock
{"pw"}`` → ``token`` (Bearer) when it answers 401/403.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from rig_monitor.core.drivers.antminer import AntminerDriver, clean_model
from rig_monitor.core.drivers.base import Driver, Session, base_snapshot, first, section
from rig_monitor.core.drivers.jsonpick import items, mapping, text
from rig_monitor.core.drivers.webtoken import rpc_else_web
from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import (
    Board,
    ErrorKind,
    Identity,
    MinerSnapshot,
    Pool,
    PoolStatus,
    Target,
)
from rig_monitor.core.modeldb import lookup
from rig_monitor.core.values import first_key, integer, max_or_none, num, temp

_VERSION = re.compile(r"\(\s*vnish\s+([^)]+?)\s*\)", re.IGNORECASE)
_NOPIC = re.compile(r"\(\s*88\s*\)")
WEB_SUMMARY = "web/api/v1/summary"
TOKEN_KEY = "vnish_token"


def vnish_type(replies: dict[str, Any]) -> str | None:
    """The ``Type`` text: ``version`` on most builds, only ``stats`` on 1.3.0-alpha."""
    version = first(replies.get("version"), "VERSION")
    for item in [version, *section(replies.get("stats"), "STATS")]:
        text = first_key(item, "Type")
        if isinstance(text, str) and text.strip():
            return text
    return None


class VnishDriver(AntminerDriver):
    family: ClassVar[str] = "vnish"
    make: ClassVar[str | None] = "Antminer"

    async def fetch(self, session: Session) -> dict[str, Any]:
        """RPC (Bitmain's web CGI, which the stock driver also reads, is not there); the web
        API's summary only when the RPC has none."""

        async def web() -> dict[str, Any]:
            return {WEB_SUMMARY: await _web_summary(session)}

        return await rpc_else_web(session, lambda: Driver.fetch(self, session), web)

    def parse(self, target: Target, replies: dict[str, Any], identity: Identity) -> MinerSnapshot:
        web = replies.get(WEB_SUMMARY)
        if isinstance(web, dict):
            return _parse_web(target, web, identity, replies)
        snap = super().parse(target, replies, identity)
        snap.firmware = "vnish"
        type_text = vnish_type(replies) or ""
        m = _VERSION.search(type_text)
        snap.firmware_version = m.group(1) if m else identity.firmware_version
        if snap.model:
            model = re.sub(r"\s+AML$", "", snap.model, flags=re.IGNORECASE)
            snap.model = f"{model} NoPIC" if _NOPIC.search(type_text) else model
            spec = lookup("Antminer", snap.model)
            if spec is not None and spec.chips_per_board:  # 88-chip boards, not the stock count
                for board in snap.boards:
                    board.expected_chips = spec.chips_per_board
        return snap


async def _web_summary(session: Session) -> dict[str, Any]:
    http = session.http
    if http is None:
        raise MinerError(ErrorKind.BAD_REPLY, "bad reply: no HTTP client")
    url = session.web_url("/api/v1/summary")
    token = session.state.get(TOKEN_KEY)
    headers = {"Authorization": f"Bearer {token}"} if token else None
    reply = await http.get(url, headers=headers)
    if reply.status in (401, 403):
        cred = session.credential()
        unlock = await http.post(
            session.web_url("/api/v1/unlock"), json_body={"pw": cred.password if cred else ""}
        )
        token = text(mapping(unlock.json()).get("token")) if unlock.status == 200 else None
        if token is None:
            raise MinerError(
                ErrorKind.AUTH_FAILED, "auth failed: Vnish web API refused the password"
            )
        session.state[TOKEN_KEY] = token
        reply = await http.get(url, headers={"Authorization": f"Bearer {token}"})
    if reply.status != 200:
        raise MinerError(ErrorKind.BAD_REPLY, f"bad reply: {url} answered HTTP {reply.status}")
    doc = reply.json()
    if not isinstance(doc, dict):
        raise MinerError(ErrorKind.BAD_REPLY, f"bad reply: {url} is no JSON object")
    return doc


def _parse_web(
    target: Target, doc: dict[str, Any], identity: Identity, replies: dict[str, Any]
) -> MinerSnapshot:
    """The web summary: totals in TH/s (instant/average_hashrate), chains in GH/s, chain ids
    from 1, chip counts as red + orange + grey (grey is the normal state)."""
    snap = base_snapshot(target, identity, replies)
    miner, system = mapping(doc.get("miner")), mapping(doc.get("system"))
    snap.make = "Antminer"
    snap.firmware = "vnish"
    type_text = text(miner.get("miner_type")) or ""
    m = _VERSION.search(type_text)
    snap.firmware_version = m.group(1) if m else identity.firmware_version
    model = clean_model(_VERSION.sub("", type_text).strip()) if type_text else None
    snap.model = model or identity.model
    net = mapping(system.get("network_status"))
    snap.mac, snap.hostname = text(net.get("mac")), text(net.get("hostname"))
    snap.hashrate_ths = num(miner.get("instant_hashrate"))
    snap.hashrate_avg_ths = num(miner.get("average_hashrate"))
    snap.power_w = num(first_key(miner, "power_consumption", "power_usage")) or None
    snap.hw_errors = integer(miner.get("hw_errors"))
    state = text(mapping(miner.get("miner_status")).get("miner_state"))
    if state is not None:
        snap.idle = state in ("stopped", "shutting-down")
    snap.fans_rpm = [
        r for f in items(mapping(miner.get("cooling")).get("fans")) if (r := integer(f.get("rpm")))
    ]
    for pos, chain in enumerate(items(miner.get("chains"))):
        n = integer(chain.get("id"))
        chips = mapping(chain.get("chip_statuses"))
        counts = [integer(chips.get(k)) for k in ("red", "orange", "grey")]
        snap.boards.append(
            Board(
                index=n - 1 if n is not None and 1 <= n <= 16 else pos,
                hashrate_ths=(g / 1000.0) if (g := num(chain.get("hashrate_rt"))) else None,
                nominal_hashrate_ths=(g / 1000.0)
                if (g := num(chain.get("hashrate_ideal")))
                else None,
                chips=sum(c for c in counts if c is not None) if chips else None,
                temp_board_c=temp(mapping(chain.get("pcb_temp")).get("max")),
                temp_chip_c=temp(mapping(chain.get("chip_temp")).get("max")),
                hw_errors=integer(chain.get("hw_errors")),
                frequency_mhz=num(chain.get("frequency")),
                status=text(mapping(chain.get("status")).get("state")),
            )
        )
    ideal = [b.nominal_hashrate_ths for b in snap.boards if b.nominal_hashrate_ths]
    # the preset's own target (Vnish runs presets below the stock rating), not the model's
    snap.nominal_hashrate_ths = sum(ideal) if ideal else None
    snap.temp_board_max_c = max_or_none(
        [temp(mapping(miner.get("pcb_temp")).get("max")), *(b.temp_board_c for b in snap.boards)]
    )
    snap.temp_chip_max_c = max_or_none(
        [temp(mapping(miner.get("chip_temp")).get("max")), *(b.temp_chip_c for b in snap.boards)]
    )
    for p in items(miner.get("pools")):
        url = text(p.get("url"))
        if url is None or text(p.get("pool_type")) == "DevFee":
            continue  # Vnish's own fee pool: not the operator's, and "offline" between turns
        status = text(p.get("status"))
        snap.pools.append(
            Pool(
                url=url,
                user=text(p.get("user")),
                status=PoolStatus.parse(status),
                active=status == "active",
                priority=integer(p.get("id")),
                accepted=integer(p.get("accepted")),
                rejected=integer(p.get("rejected")),
                stale=integer(p.get("stale")),
            )
        )
    spec = lookup("Antminer", snap.model)
    if spec is not None:
        snap.expected_boards = spec.boards
        snap.expected_fans = spec.fans
    return snap
