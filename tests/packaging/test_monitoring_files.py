"""The shipped Prometheus rules and Grafana dashboard: generated from the catalogue, current,
and naming only metrics the exporter really serves."""

from __future__ import annotations

import json
import re
from pathlib import Path

from prometheus_client import CollectorRegistry, generate_latest

from rig_monitor.core.faults.catalogue import default_catalogue
from rig_monitor.core.model import Board, MinerSnapshot
from rig_monitor.core.serve.generate import (
    DASHBOARD_FILE,
    RULES_FILE,
    render_dashboard,
    render_rules,
)
from rig_monitor.core.serve.metrics import FaultLine, FleetCollector, FleetView, IncidentLine

DIR = Path(__file__).resolve().parents[2] / "packaging" / "monitoring"


def test_committed_files_match_the_generator() -> None:
    assert (DIR / RULES_FILE).read_text(encoding="utf-8") == render_rules(), (
        "run: python packaging/monitoring/generate.py"
    )
    assert (DIR / DASHBOARD_FILE).read_text(encoding="utf-8") == render_dashboard()


def test_every_fault_and_incident_has_a_rule() -> None:
    rules = render_rules()
    cat = default_catalogue("en")
    for fid in cat.ids:
        assert f'fault=\\"{fid}\\"' in rules, fid
    for iid in cat.incident_ids:
        assert f'incident=\\"{iid}\\"' in rules, iid


def exported_names() -> set[str]:
    """Every sample name a fully populated exporter serves."""
    snap = MinerSnapshot(
        "127.0.0.9", online=True, hashrate_ths=100.0, nominal_hashrate_ths=110.0,
        power_w=3000.0, temp_chip_max_c=70.0, temp_board_max_c=60.0, temp_inlet_c=25.0,
        temp_outlet_c=40.0, fans_rpm=[5000], uptime_s=10, poll_ms=5.0,
        boards=[Board(0, hashrate_ths=33.0, temp_chip_c=70.0, temp_board_c=60.0, chips=100, hw_errors=1)],
    )  # fmt: skip
    view = FleetView(
        "s", (snap,), {"127.0.0.9:4028": "S19"},
        faults=(FaultLine("127.0.0.9:4028", "fan_failed", "critical"),),
        incidents=(IncidentLine("site_cooling", "warning", "", 5),),
        sweep=1, sweep_duration_s=1.0, sweep_finished=1.0, polled=1,
    )  # fmt: skip
    collector = FleetCollector("s", lambda: {"mail": {"sent": 1, "failed": 0, "dropped": 0}})
    collector.publish(view)
    reg = CollectorRegistry(auto_describe=False)
    reg.register(collector)
    text = generate_latest(reg).decode()
    return {
        line.split("{")[0].split(" ")[0] for line in text.splitlines() if line and line[0] != "#"
    }


def test_rules_and_dashboard_name_only_exported_metrics() -> None:
    names = exported_names()
    used = set(re.findall(r"rig_monitor_[a-z_]+", render_rules() + render_dashboard()))
    used.discard("rig_monitor_")
    assert used and used <= names, sorted(used - names)
    dash = json.loads(render_dashboard())
    assert all(p["targets"] for p in dash["panels"])
