"""Controllers by driver family: what each firmware lets us do, and how.

Families offered by their firmware but not yet spoken here say so ("not implemented in Rig Monitor
yet: the firmware offers …"), so the operator can tell "cannot" from "not yet".
"""

from __future__ import annotations

from rig_monitor.core.drivers.control.avalon import AvalonControl
from rig_monitor.core.drivers.control.base import (
    NOT_SUPPORTED,
    NOT_YET,
    Action,
    ActionRefused,
    Controller,
    PoolError,
    PoolSpec,
    Unsupported,
    check_pool_url,
    parse_pool,
)
from rig_monitor.core.drivers.control.cgminer import CGMinerControl
from rig_monitor.core.drivers.control.luxos import LuxOSControl
from rig_monitor.core.drivers.control.web import (
    AntminerWebControl,
    AuradineControl,
    BitaxeControl,
    BraiinsControl,
    EpicControl,
    IceRiverControl,
    VnishControl,
)
from rig_monitor.core.drivers.control.whatsminer import WhatsminerV2Control, WhatsminerV3Control

CONTROLLERS: dict[str, Controller] = {
    c.family: c
    for c in (
        CGMinerControl(),
        AntminerWebControl(),
        AvalonControl(),
        LuxOSControl(),
        BitaxeControl(),
        EpicControl(),
        IceRiverControl(),
        AuradineControl(),
        VnishControl(),
        BraiinsControl(),
        WhatsminerV2Control(),
        WhatsminerV3Control(),
    )
}

# Why the rest cannot be acted on (protocols.md §2 says what their firmware offers).
UNSUPPORTED: dict[str, str] = {
    "goldshell": f"{NOT_YET}: Goldshell offers pools (/mcb/newpool, /mcb/delpool) and power "
    "plans over its web API",
    "hiveon": f"{NOT_YET}: Hiveon's control API is not documented in our references",
    "marathon": f"{NOT_YET}: MARA firmware's control API is not documented in our references",
    "innosilicon": f"{NOT_YET}: Innosilicon offers reboot and pools over its JWT web API",
}


def controller_for(family: str | None) -> Controller:
    if family and family in CONTROLLERS:
        return CONTROLLERS[family]
    if family and family in UNSUPPORTED:
        return Unsupported(family, UNSUPPORTED[family])
    return Unsupported(family or "unknown", f"{NOT_SUPPORTED}: the miner was not identified")


__all__ = [
    "CONTROLLERS",
    "Action",
    "ActionRefused",
    "Controller",
    "PoolError",
    "PoolSpec",
    "check_pool_url",
    "controller_for",
    "parse_pool",
]
