"""One driver per firmware family; each turns vendor replies into a MinerSnapshot.

``REGISTRY`` maps a family id (what detection decides) to its driver class. A family detected but
without a driver of its own is read by the generic driver, keeping whatever detection learned.
"""

from __future__ import annotations

from rig_monitor.core.drivers.antminer import AntminerDriver
from rig_monitor.core.drivers.auradine import AuradineDriver
from rig_monitor.core.drivers.avalon import AvalonDriver
from rig_monitor.core.drivers.base import Driver
from rig_monitor.core.drivers.bitaxe import BitaxeDriver
from rig_monitor.core.drivers.braiins import BraiinsDriver
from rig_monitor.core.drivers.epic import EpicDriver
from rig_monitor.core.drivers.generic import GenericDriver
from rig_monitor.core.drivers.goldshell import GoldshellDriver
from rig_monitor.core.drivers.hiveon import HiveonDriver
from rig_monitor.core.drivers.iceriver import IceRiverDriver
from rig_monitor.core.drivers.luxos import LuxOSDriver
from rig_monitor.core.drivers.vnish import VnishDriver
from rig_monitor.core.drivers.whatsminer import WhatsminerDriver, WhatsminerV3Driver

REGISTRY: dict[str, type[Driver]] = {
    AntminerDriver.family: AntminerDriver,
    GenericDriver.family: GenericDriver,
    BitaxeDriver.family: BitaxeDriver,
    EpicDriver.family: EpicDriver,
    WhatsminerDriver.family: WhatsminerDriver,
    WhatsminerV3Driver.family: WhatsminerV3Driver,
    BraiinsDriver.family: BraiinsDriver,
    LuxOSDriver.family: LuxOSDriver,
    AvalonDriver.family: AvalonDriver,
    VnishDriver.family: VnishDriver,
    AuradineDriver.family: AuradineDriver,
    IceRiverDriver.family: IceRiverDriver,
    GoldshellDriver.family: GoldshellDriver,
    HiveonDriver.family: HiveonDriver,
}


def driver_for(family: str) -> Driver:
    return REGISTRY.get(family, GenericDriver)()


# What the operator calls the firmware, by driver family: vendor firmware is "stock" (the make says
# whose); aftermarket firmware by its name. The driver's own wording (BOSer, btminer, bmminer…)
# stays in firmware_version / raw. Families not listed keep what their driver reported.
FIRMWARE_NAMES: dict[str, str] = {
    "antminer": "stock",
    "whatsminer": "stock",
    "whatsminer_v3": "stock",
    "avalon": "stock",
    "braiins": "braiins",
    "luxos": "luxos",
    "vnish": "vnish",
    "hiveon": "hiveon",
    "marathon": "marathon",
    "epic": "epic",
    "bitaxe": "axeos",
    "auradine": "stock",
    "iceriver": "stock",
    "goldshell": "stock",
}


def firmware_name(family: str | None, reported: str | None) -> str | None:
    if family is not None and family in FIRMWARE_NAMES:
        return FIRMWARE_NAMES[family]
    return reported.lower() if reported else family
