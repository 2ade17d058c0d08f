"""Prometheus alerting rules and a Grafana dashboard, generated from the fault catalogue.

Why generated: the catalogue is where faults, severities and advice live; rules written by hand
would drift from it. The committed files under ``packaging/monitoring/`` are checked against this
output by a test; regenerate with ``python packaging/monitoring/generate.py``.

The tracker already applies dwell and hysteresis before a fault is "active", so each rule fires
on ``rig_monitor_miner_fault_active > 0`` with a short ``for`` that only rides over a missed
scrape. Severity is not set by the rule: the series carries it (a fault may escalate).
"""

from __future__ import annotations

import json
import re
from typing import Any

from rig_monitor.core.faults.catalogue import Catalogue, default_catalogue

RULES_FILE = "rig-monitor-rules.yml"
DASHBOARD_FILE = "rig-monitor-dashboard.json"
MINER_LABELS = "site, ip, model, severity"


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escaping is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _camel(fault_id: str) -> str:
    return "".join(p.capitalize() for p in fault_id.split("_"))


def _placeholders(template: str) -> str:
    t = template.replace("{count}", "{{ $value }}").replace("{scope}", "{{ $labels.scope }}")
    t = re.sub(r"(?<!\{)\{[a-z_]+\}(?!\})", "…", t)
    return t.replace(" (… … …)", "")


def _rule(
    alert: str, expr: str, for_: str, labels: dict[str, str], ann: dict[str, str]
) -> list[str]:
    lines = [
        f"      - alert: {alert}",
        f"        expr: {_q(expr)}",
        f"        for: {for_}",
    ]
    if labels:
        lines.append("        labels:")
        lines += [f"          {k}: {_q(v)}" for k, v in labels.items()]
    lines.append("        annotations:")
    lines += [f"          {k}: {_q(v)}" for k, v in ann.items()]
    return lines


def render_rules(catalogue: Catalogue | None = None) -> str:
    cat = catalogue or default_catalogue("en")
    out = [
        "# Generated from resources/faults/catalogue.json by packaging/monitoring/generate.py.",
        "# Do not edit: change the catalogue and regenerate. Check: promtool check rules <file>",
        "groups:",
        "  - name: rig-monitor-faults",
        "    rules:",
    ]
    for fid in cat.ids:
        spec = cat.get(fid)
        desc = " ".join(
            x for x in (spec.summary, f"Confirm: {spec.confirm}" if spec.confirm else "") if x
        )
        if spec.remedies:
            desc += f" First try: {spec.remedies[0]}."
        out += _rule(
            f"RigMonitor{_camel(fid)}",
            f'max by ({MINER_LABELS}) (rig_monitor_miner_fault_active{{fault="{fid}"}}) > 0',
            "1m",
            {"fault": fid},
            {
                "summary": f"{spec.title} on {{{{ $labels.ip }}}} ({{{{ $labels.model }}}}, site {{{{ $labels.site }}}})",
                "description": desc,
            },
        )
    out += ["  - name: rig-monitor-incidents", "    rules:"]
    for iid in cat.incident_ids:
        inc = cat.incident(iid)
        title = inc.texts.get("title") or next(
            (v for k, v in sorted(inc.texts.items()) if k.startswith("title")), iid
        )
        out += _rule(
            f"RigMonitorIncident{_camel(iid)}",
            f'max by (site, incident, severity, scope) (rig_monitor_incident_active{{incident="{iid}"}}) > 0',
            "1m",
            {"incident": iid},
            {
                "summary": f"{_placeholders(title)} (site {{{{ $labels.site }}}})",
                "description": (
                    f"One shared cause behind {{{{ $value }}}} miners ({iid}); the per-miner "
                    "alerts it explains can be inhibited on the site label."
                ),
            },
        )
    out += ["  - name: rig-monitor-exporter", "    rules:"]
    out += _rule(
        "RigMonitorExporterDown",
        'up{job=~"rig-monitor.*"} == 0',
        "2m",
        {"severity": "critical"},
        {
            "summary": "rig-monitor serve at {{ $labels.instance }} cannot be scraped",
            "description": "The site's serve process is down or unreachable: its miners are unwatched.",
        },
    )
    out += _rule(
        "RigMonitorSweepsStalled",
        "time() - rig_monitor_last_sweep_timestamp_seconds > 300",
        "1m",
        {"severity": "critical"},
        {
            "summary": "No complete sweep at site {{ $labels.site }} for 5 minutes",
            "description": "serve answers scrapes but its engine has not finished a sweep: the metrics are stale.",
        },
    )
    out += _rule(
        "RigMonitorNotificationsDropped",
        "increase(rig_monitor_notifications_dropped_total[30m]) > 0",
        "0m",
        {"severity": "warning"},
        {
            "summary": "Alert channel {{ $labels.channel }} lost messages at {{ $labels.instance }}",
            "description": "Deliveries failed after retries or were refused (wrong token/password); see serve.log.",
        },
    )
    return "\n".join(out) + "\n"


def _target(
    expr: str, legend: str = "", *, instant: bool = False, fmt: str = "time_series"
) -> dict[str, Any]:
    t: dict[str, Any] = {
        "datasource": {"type": "prometheus", "uid": "${datasource}"},
        "expr": expr,
        "legendFormat": legend,
        "refId": "A",
        "format": fmt,
    }
    if instant:
        t["instant"] = True
        t["range"] = False
    return t


def _panel(
    pid: int,
    title: str,
    kind: str,
    grid: tuple[int, int, int, int],
    targets: list[dict[str, Any]],
    unit: str = "",
    **extra: Any,
) -> dict[str, Any]:
    x, y, w, h = grid
    for i, t in enumerate(targets):
        t["refId"] = chr(ord("A") + i)
    p: dict[str, Any] = {
        "id": pid,
        "title": title,
        "type": kind,
        "gridPos": {"x": x, "y": y, "w": w, "h": h},
        "datasource": {"type": "prometheus", "uid": "${datasource}"},
        "targets": targets,
        "fieldConfig": {"defaults": {"unit": unit} if unit else {}, "overrides": []},
    }
    p.update(extra)
    return p


def render_dashboard(catalogue: Catalogue | None = None) -> str:
    cat = catalogue or default_catalogue("en")
    sel = 'site=~"$site"'
    critical = ",".join(f for f in cat.ids if str(cat.get(f).severity) == "critical")
    panels = [
        _panel(1, "Fleet hashrate", "stat", (0, 0, 6, 4),
               [_target(f"sum(rig_monitor_fleet_hashrate_hashes_per_second{{{sel}}})")], "Hs"),
        _panel(2, "Miners online", "stat", (6, 0, 6, 4),
               [_target(f'sum(rig_monitor_fleet_miners{{{sel},state="online"}})', "online"),
                _target(f'sum(rig_monitor_fleet_miners{{{sel},state="offline"}})', "offline")]),
        _panel(3, "Fleet power", "stat", (12, 0, 6, 4),
               [_target(f"sum(rig_monitor_fleet_power_watts{{{sel}}})")], "watt"),
        _panel(4, "Miners with a critical fault", "stat", (18, 0, 6, 4),
               [_target(f'count(count by (site, ip) (rig_monitor_miner_fault_active{{{sel},severity="critical"}} > 0)) or vector(0)')]),
        _panel(5, "Hashrate by site", "timeseries", (0, 4, 12, 8),
               [_target(f"sum by (site) (rig_monitor_fleet_hashrate_hashes_per_second{{{sel}}})", "{{site}}")], "Hs"),
        _panel(6, "Hottest chips (top 10)", "timeseries", (12, 4, 12, 8),
               [_target(f'topk(10, rig_monitor_miner_temperature_celsius{{{sel},sensor="chip_max"}})', "{{site}} {{ip}}")], "celsius"),
        _panel(7, "Open faults", "table", (0, 12, 16, 10),
               [_target(f"rig_monitor_miner_fault_active{{{sel}}} > 0", instant=True, fmt="table")],
               transformations=[{"id": "organize", "options": {"excludeByName": {"Time": True, "__name__": True, "job": True, "instance": True}}}]),
        _panel(8, "Faults by kind", "bargauge", (16, 12, 8, 10),
               [_target(f"count by (fault) (rig_monitor_miner_fault_active{{{sel}}} > 0)", "{{fault}}", instant=True)]),
        _panel(9, "Incidents (many miners, one cause)", "table", (0, 22, 12, 6),
               [_target(f"rig_monitor_incident_active{{{sel}}}", instant=True, fmt="table")]),
        _panel(10, "Miners down", "table", (12, 22, 12, 6),
               [_target(f'rig_monitor_miner_up{{{sel}}} == 0 or rig_monitor_miner_fault_active{{{sel},fault=~"{critical.replace(",", "|")}"}} > 0', instant=True, fmt="table")]),
        _panel(11, "Sweep duration", "timeseries", (0, 28, 8, 6),
               [_target(f"rig_monitor_sweep_duration_seconds{{{sel}}}", "{{site}}")], "s"),
        _panel(12, "Miners polled per sweep", "timeseries", (8, 28, 8, 6),
               [_target(f"rig_monitor_sweep_miners_polled{{{sel}}}", "{{site}}")]),
        _panel(13, "Notification failures", "timeseries", (16, 28, 8, 6),
               [_target("sum by (instance, channel) (increase(rig_monitor_notifications_failed_total[15m]))", "{{instance}} {{channel}}")]),
    ]  # fmt: skip
    doc = {
        "title": "Rig Monitor — fleet",
        "uid": "rig-monitor-fleet",
        "description": "Generated by packaging/monitoring/generate.py from rig-monitor's metrics and fault catalogue.",
        "tags": ["rig-monitor", "mining"],
        "schemaVersion": 39,
        "version": 1,
        "editable": True,
        "refresh": "30s",
        "time": {"from": "now-6h", "to": "now"},
        "templating": {
            "list": [
                {
                    "name": "datasource",
                    "type": "datasource",
                    "query": "prometheus",
                    "label": "Prometheus",
                },
                {
                    "name": "site",
                    "type": "query",
                    "label": "Site",
                    "datasource": {"type": "prometheus", "uid": "${datasource}"},
                    "query": {"query": "label_values(rig_monitor_miner_up, site)", "refId": "site"},
                    "definition": "label_values(rig_monitor_miner_up, site)",
                    "includeAll": True,
                    "multi": True,
                    "allValue": ".*",
                    "current": {"text": "All", "value": "$__all"},
                    "refresh": 2,
                },
            ]
        },
        "panels": panels,
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
