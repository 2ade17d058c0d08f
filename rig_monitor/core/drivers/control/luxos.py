"""LuxOS: privileged commands carry a session id as their first parameter.

``session`` returns the open session (empty ``SessionID`` when none), ``logon`` opens one (pyasic
``rpc/luxminer.py`` ``auth``/``send_privileged_command``). Commands as pyasic's
``miners/backends/luxminer.py`` sends them: ``rebootdevice``, ``resetminer`` (restart),
``ledset,red,blink|off``, ``curtail,sleep|wakeup``.
"""

from __future__ import annotations

from rig_monitor.core.drivers.base import Session, first
from rig_monitor.core.drivers.control.base import Action, ActionRefused, Controller, PoolSpec
from rig_monitor.core.drivers.control.cgminer import checked, replace_pools
from rig_monitor.core.wire.cgminer import status_of

_COMMANDS: dict[Action, tuple[str, str]] = {
    Action.REBOOT: ("rebootdevice", ""),
    Action.RESTART: ("resetminer", ""),
    Action.LOCATE_ON: ("ledset", "red,blink"),
    Action.LOCATE_OFF: ("ledset", "red,off"),
    Action.SLEEP: ("curtail", "sleep"),
    Action.WAKE: ("curtail", "wakeup"),
}


async def session_id(session: Session) -> str:
    sid = str(first(await checked(session, "session"), "SESSION").get("SessionID") or "")
    if not sid:
        sid = str(first(await checked(session, "logon"), "SESSION").get("SessionID") or "")
    if not sid:
        raise ActionRefused("logon gave no session id")
    return sid


class LuxOSControl(Controller):
    family = "luxos"

    def plan(self, action: Action, pools: tuple[PoolSpec, ...] = ()) -> str:
        if action is Action.POOLS:
            return f"logon, addpool ×{len(pools)}, switchpool, removepool the old ones"
        cmd, arg = _COMMANDS[action]
        return f"logon, {cmd}" + (f" {arg}" if arg else "")

    async def run(self, session: Session, action: Action, pools: tuple[PoolSpec, ...] = ()) -> str:
        sid = await session_id(session)
        if action is Action.POOLS:
            return await replace_pools(session, pools, prefix=f"{sid},")
        cmd, arg = _COMMANDS[action]
        reply = await checked(session, cmd, f"{sid},{arg}" if arg else sid)
        return status_of(reply).msg or cmd
