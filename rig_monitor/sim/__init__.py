"""Fake miners that answer like real firmware (demo, tests, benchmarks). Shares no parsing code with the client.

Public API: :class:`SimFleet`, :class:`SimMiner`, :class:`SimFleetThread`, :data:`FAULTS`,
:data:`PERSONAS`, :class:`Truth`, :func:`run` (in ``rig_monitor.sim.runner``).
"""

from rig_monitor.sim.faults import FAULTS
from rig_monitor.sim.fleet import DEFAULT_PERSONA_MIX, SimFleet
from rig_monitor.sim.miner import SimMiner
from rig_monitor.sim.personas import PERSONAS
from rig_monitor.sim.thread import SimFleetThread
from rig_monitor.sim.truth import Truth, TruthBoard, TruthPool

__all__ = [
    "DEFAULT_PERSONA_MIX",
    "FAULTS",
    "PERSONAS",
    "SimFleet",
    "SimFleetThread",
    "SimMiner",
    "Truth",
    "TruthBoard",
    "TruthPool",
]
