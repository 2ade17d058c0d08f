"""One driver per firmware family; each turns vendor replies into a MinerSnapshot.

``REGISTRY`` maps a family id (what detection decides) to its driver class. A family detected but
without a driver of its own is read by the generic driver, keeping whatever detection learned.
"""

from __future__ import annotations

from rig_monitor.core.drivers.antminer import AntminerDriver
from rig_monitor.core.drivers.avalon import AvalonDriver
from rig_monitor.core.drivers.base import Driver
from rig_monitor.core.drivers.bitaxe import BitaxeDriver
from rig_monitor.core.drivers.braiins import BraiinsDriver
from rig_monitor.core.drivers.epic import EpicDriver
from rig_monitor.core.drivers.generic import GenericDriver
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
}


def driver_for(family: str) -> Driver:
    return REGISTRY.get(family, GenericDriver)()
