"""Fault detection and troubleshooting guidance.

- :func:`evaluate` — one snapshot, one answer (``rig-monitor poll``);
- :class:`FaultTracker` — dwell, hysteresis, grace, reboots and the fault lifecycle across polls
  (``watch``, the GUI);
- :func:`diagnose` — fleet-level incidents: many miners, one shared cause;
- :func:`load_catalogue` — what each fault means and what to try, cheapest first.
"""

from rig_monitor.core.faults.catalogue import (
    Catalogue,
    CatalogueError,
    FaultSpec,
    IncidentSpec,
    default_catalogue,
    load_catalogue,
)
from rig_monitor.core.faults.codes import (
    CodeInfo,
    WhatsminerCode,
    antminer_code,
    avalon_ps,
    classify,
    decode_whatsminer,
    load_code_tables,
    whatsminer_code,
)
from rig_monitor.core.faults.evaluate import LOOKUP, evaluate, evaluate_snapshots
from rig_monitor.core.faults.incidents import Incident, diagnose
from rig_monitor.core.faults.overrides import (
    LoadedOverrides,
    ThresholdOverrides,
    load_thresholds,
    read_overrides,
    save_overrides,
    thresholds_path,
)
from rig_monitor.core.faults.thresholds import Limits, ModelSpecLike, Thresholds, modeldb_lookup
from rig_monitor.core.faults.tracker import ActiveFault, EventKind, FaultEvent, FaultTracker

__all__ = [
    "LOOKUP",
    "ActiveFault",
    "Catalogue",
    "CatalogueError",
    "CodeInfo",
    "EventKind",
    "FaultEvent",
    "FaultSpec",
    "FaultTracker",
    "Incident",
    "IncidentSpec",
    "Limits",
    "LoadedOverrides",
    "ModelSpecLike",
    "ThresholdOverrides",
    "Thresholds",
    "WhatsminerCode",
    "antminer_code",
    "avalon_ps",
    "classify",
    "decode_whatsminer",
    "default_catalogue",
    "diagnose",
    "evaluate",
    "evaluate_snapshots",
    "load_catalogue",
    "load_code_tables",
    "load_thresholds",
    "modeldb_lookup",
    "read_overrides",
    "save_overrides",
    "thresholds_path",
    "whatsminer_code",
]
