"""Avalon (Canaan) over its cgminer 4.11 API: ``ascset`` and ``restart``, as pyasic's
``miners/backends/avalonminer.py`` sends them: LED ``ascset|0,led,1-1`` / ``1-0`` (reply
"ASC 0 set OK"), soft off/on ``ascset|0,softoff,1:<unix+5>`` / ``softon``, reboot ``restart``.
Pools: ``addpool``/``switchpool``/``removepool`` as any cgminer.
"""

from __future__ import annotations

import time
from typing import ClassVar

from rig_monitor.core.drivers.base import Session
from rig_monitor.core.drivers.control.base import Action, ActionRefused, Controller, PoolSpec
from rig_monitor.core.drivers.control.cgminer import checked, replace_pools
from rig_monitor.core.wire.cgminer import status_of

_ASCSET = {
    Action.LOCATE_ON: "0,led,1-1",
    Action.LOCATE_OFF: "0,led,1-0",
}


class AvalonControl(Controller):
    family = "avalon"
    reasons: ClassVar[dict[Action, str]] = {
        Action.RESTART: "not supported by this firmware: Avalon's 'restart' reboots the whole "
        "unit (use reboot)",
    }

    def plan(self, action: Action, pools: tuple[PoolSpec, ...] = ()) -> str:
        if action is Action.REBOOT:
            return "restart (reboots an Avalon)"
        if action in _ASCSET:
            return f"ascset|{_ASCSET[action]}"
        if action is Action.SLEEP:
            return "ascset|0,softoff,1:<now+5>"
        if action is Action.WAKE:
            return "ascset|0,softon,1:<now+5>"
        return f"addpool ×{len(pools)}, switchpool, removepool the old ones"

    async def run(self, session: Session, action: Action, pools: tuple[PoolSpec, ...] = ()) -> str:
        if action is Action.REBOOT:
            await checked(session, "restart")
            return "rebooting"
        if action is Action.POOLS:
            return await replace_pools(session, pools)
        if action in _ASCSET:
            reply = await checked(session, "ascset", _ASCSET[action])
            return status_of(reply).msg
        if action in (Action.SLEEP, Action.WAKE):
            word = "softoff" if action is Action.SLEEP else "softon"
            reply = await checked(session, "ascset", f"0,{word},1:{int(time.time()) + 5}")
            msg = status_of(reply).msg
            if "success" not in msg.lower():
                raise ActionRefused(f"ascset {word}: {msg}")
            return msg
        raise ActionRefused(self.reasons.get(action, "not supported"))
