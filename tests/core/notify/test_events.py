"""Fault reports -> alert events: tracker lifecycle per miner, incidents raised and cleared."""

from __future__ import annotations

from dataclasses import dataclass, field

from rig_monitor.core.faults import EventKind, FaultEvent, Incident
from rig_monitor.core.model import Fault, Severity
from rig_monitor.core.notify.events import Alerts, fold, subject, text


@dataclass
class Report:  # the FaultReport fields Alerts reads
    events: tuple[FaultEvent, ...] = ()
    incidents: tuple[Incident, ...] = ()
    now: float = 1000.0
    models: dict[str, str] = field(default_factory=dict)


FAN = Fault("fan_failed", Severity.CRITICAL, "Fan failed", "fan 2 at 0 rpm")
RACK = Incident(
    "site_network_or_power", Severity.CRITICAL, "6 miners in 10.0.1.0/26 unreachable", "…",
    [f"10.0.1.{i}:4028" for i in range(1, 7)], fault_id="miner_unreachable", scope="10.0.1.0/26",
)  # fmt: skip


def test_lifecycle_events_map_to_raised_and_cleared() -> None:
    a = Alerts(site="north", models={"10.0.0.6:4029": "Whatsminer M30S"})  # the owner's map
    evs = a.from_report(
        Report(
            events=(
                FaultEvent(EventKind.RAISED, "10.0.0.5:4028", FAN, 1.0),
                FaultEvent(EventKind.ACKNOWLEDGED, "10.0.0.5:4028", FAN, 2.0),
                FaultEvent(EventKind.ESCALATED, "10.0.0.6:4029", FAN, 3.0),
                FaultEvent(EventKind.CLEARED, "10.0.0.7:4028", FAN, 4.0),
            ),
            models={"10.0.0.5:4028": "Antminer S19"},
        )
    )
    assert [(e.ip, e.event) for e in evs] == [
        ("10.0.0.5", "raised"),
        ("10.0.0.6:4029", "raised"),
        ("10.0.0.7", "cleared"),
    ]
    assert evs[0].model == "Antminer S19" and evs[0].site == "north"
    assert evs[1].model == "Whatsminer M30S" and evs[2].model == ""


def test_an_incident_is_raised_once_and_cleared_when_it_goes() -> None:
    a = Alerts()
    first = a.from_report(Report(incidents=(RACK,)))
    again = a.from_report(Report(incidents=(RACK,)))
    gone = a.from_report(Report(now=2000.0))
    assert [e.event for e in first] == ["raised"] and again == []
    assert [e.event for e in gone] == ["cleared"] and gone[0].t == 2000.0
    assert first[0].miners == tuple(f"10.0.1.{i}" for i in range(1, 7))
    assert first[0].to_json()["miners"][0] == "10.0.1.1"


def test_fold_and_text() -> None:
    a = Alerts()
    (inc,) = a.from_report(Report(incidents=(RACK,)))
    down = Fault("miner_unreachable", Severity.WARNING, "Miner unreachable", "refused")
    per_miner = Alerts().from_report(
        Report(events=tuple(FaultEvent(EventKind.RAISED, m, down, 1.0) for m in RACK.miners))
    )
    folded = fold([*per_miner, inc])
    assert folded == [inc]
    assert "6 miners" in subject(folded) and "10.0.1.1, 10.0.1.2" in text(folded)
