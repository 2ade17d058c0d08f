"""The CGMiner-family API's own control commands (cgminer, bfgminer, and firmware that keeps them).

Per cgminer's API-README: ``restart``, ``addpool|URL,USR,PASS``, ``switchpool|N``,
``removepool|N``, ``enablepool|N`` and ``disablepool|N`` are privileged: without ``--api-allow W:``
the miner answers ``E`` code 45 "Access denied to 'X' command", which we report word for word.
``restart`` answers a bare ``{"STATUS":"RESTART"}`` (pyasic ``rpc/cgminer.py`` treats that as
success). Commas inside a parameter are escaped with a backslash (API-README "Escape").
"""

from __future__ import annotations

import asyncio
from typing import Any, ClassVar

from rig_monitor.core.drivers.base import Session, section
from rig_monitor.core.drivers.control.base import (
    NOT_SUPPORTED,
    Action,
    ActionRefused,
    Controller,
    PoolSpec,
)
from rig_monitor.core.wire.cgminer import Reply, status_of


def escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(",", "\\,")


async def checked(session: Session, command: str, parameter: str | None = None) -> Reply:
    """One command; a refusal (status E/F) raises ActionRefused with the firmware's own message."""
    reply = await session.rpc.command(command, parameter)
    st = status_of(reply)
    if not st.ok:
        code = f" (code {st.code})" if st.code is not None else ""
        raise ActionRefused(f"{command} refused: {st.msg or 'no message'}{code}")
    return reply


async def replace_pools(session: Session, pools: tuple[PoolSpec, ...], prefix: str = "") -> str:
    """addpool each new pool, switch to the first, then remove the old ones. ``prefix`` goes
    before every write command's parameter (LuxOS: the session id and a comma).

    Nothing is removed until the new pools are in and active, so a failure half-way leaves the
    miner mining on something; the detail says exactly how far it got.
    """
    before = section(await checked(session, "pools"), "POOLS")
    old_ids = [int(p["POOL"]) for p in before if isinstance(p.get("POOL"), int)]
    for p in pools:
        args = ",".join(escape(v) for v in (p.url, p.user, p.password))
        await checked(session, "addpool", prefix + args)
    after = section(await checked(session, "pools"), "POOLS")
    new_ids = [int(p["POOL"]) for p in after if p.get("POOL") not in old_ids]
    if len(new_ids) < len(pools):
        raise ActionRefused(f"added {len(pools)} pool(s) but the miner lists {len(new_ids)} new")
    await checked(session, "switchpool", f"{prefix}{new_ids[0]}")
    removed = 0
    # highest index first: cgminer renumbers the pools after a removal
    for pid in sorted(old_ids, reverse=True):
        try:
            await remove_when_switched(session, f"{prefix}{pid}")
            removed += 1
        except ActionRefused as exc:
            raise ActionRefused(
                f"new pools added and active, but {len(old_ids) - removed} old pool(s) "
                f"remain: {exc.message}"
            ) from None
    return (
        f"{len(pools)} pool(s) set, {removed} old removed, mining on {pools[0].url} "
        "(not saved to the config file: a restart brings back the configured pools)"
    )


SWITCH_WAIT_S = 10.0
SWITCH_POLL_S = 0.25


async def remove_when_switched(session: Session, parameter: str) -> None:
    """removepool, retried while the miner still mines on that pool.

    A real cgminer 4.11.1 (built from source, tried on loopback) answers a removepool sent right
    after switchpool with "Cannot remove active pool" (code 67): the switch lands a moment later,
    and "Stratum Active" cannot tell (backup pools keep their stratum connections open too).
    """
    loop = asyncio.get_running_loop()
    end = loop.time() + SWITCH_WAIT_S
    while True:
        try:
            await checked(session, "removepool", parameter)
            return
        except ActionRefused as exc:
            if "(code 67)" not in exc.message or loop.time() >= end:
                raise
        await asyncio.sleep(SWITCH_POLL_S)


class CGMinerControl(Controller):
    family = "generic"
    reasons: ClassVar[dict[Action, str]] = {
        Action.REBOOT: f"{NOT_SUPPORTED}: the CGMiner API can restart the mining program, "
        "not the machine (use restart)",
        Action.LOCATE_ON: f"{NOT_SUPPORTED}: the CGMiner API has no locate LED",
        Action.LOCATE_OFF: f"{NOT_SUPPORTED}: the CGMiner API has no locate LED",
        Action.SLEEP: f"{NOT_SUPPORTED}: the CGMiner API has no sleep mode",
        Action.WAKE: f"{NOT_SUPPORTED}: the CGMiner API has no sleep mode",
    }

    def plan(self, action: Action, pools: tuple[PoolSpec, ...] = ()) -> str:
        if action is Action.POOLS:
            return f"addpool ×{len(pools)}, switchpool, removepool the old ones"
        return "restart (CGMiner API, privileged)"

    async def run(self, session: Session, action: Action, pools: tuple[PoolSpec, ...] = ()) -> str:
        if action is Action.RESTART:
            reply: dict[str, Any] = await checked(session, "restart")
            return f"mining program restarting ({status_of(reply).msg or 'RESTART'})"
        if action is Action.POOLS:
            return await replace_pools(session, pools)
        raise ActionRefused(self.reasons.get(action, NOT_SUPPORTED))
