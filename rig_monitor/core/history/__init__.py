"""The history store: what the fleet did over time, on SQLite, for charts, reports and restarts.

One writer thread per process (:class:`HistoryRecorder`) records one transaction per sweep; readers
(:class:`HistoryReader`) open their own read-only connections, so queries never wait on the writer
(WAL). Nothing here imports Qt.
"""

from rig_monitor.core.history.errors import HistoryUnavailable
from rig_monitor.core.history.reader import (
    EventRow,
    FleetPoint,
    HistoryReader,
    MinerRow,
    SamplePoint,
)
from rig_monitor.core.history.recorder import HistoryRecorder
from rig_monitor.core.history.records import EventIn, KeptFault
from rig_monitor.core.history.retention import Retention
from rig_monitor.core.history.schema import SCHEMA_VERSION, default_path
from rig_monitor.core.history.store import HistoryStore, operator_name

__all__ = [
    "SCHEMA_VERSION",
    "EventIn",
    "EventRow",
    "FleetPoint",
    "HistoryReader",
    "HistoryRecorder",
    "HistoryStore",
    "HistoryUnavailable",
    "KeptFault",
    "MinerRow",
    "Retention",
    "SamplePoint",
    "default_path",
    "operator_name",
]
