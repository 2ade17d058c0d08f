"""Vnish's web API summary (``GET /api/v1/summary``), the read side of AnthillOS.

Shaped after the real Vnish 1.2.0-rc3 reply in tests/captures/vnish/s19jpro-vnish-1.2.0rc3: totals
in TH/s (``instant_hashrate``/``average_hashrate``) and GH/s (``hr_realtime``), chains numbered
from 1 in GH/s with per-sensor readings and chip counts by colour (grey is the normal state), the
firmware's own DevFee pool listed after the operator's. Chains without chips are left out
(sim: what Vnish lists for a dead chain is not captured). The unlock and token check are the
control side's (rig_monitor.sim.control).
"""

from __future__ import annotations

from typing import Any

from rig_monitor.sim.hardware import HardwareSpec
from rig_monitor.sim.personas.power import sample_watts
from rig_monitor.sim.rig import BoardSample, PoolSample, Sample


def _sensors(values: list[int]) -> list[dict[str, Any]]:
    return [{"status": "measure", "temp": v} for v in values]


def _span(values: list[int]) -> dict[str, int]:
    return {"min": min(values), "max": max(values)}


def _chain(b: BoardSample, watts: int) -> dict[str, Any]:
    bad = b.acs.count("x")
    return {
        "id": b.index + 1,
        "frequency": float(b.freq_mhz),
        "voltage": 13600,
        "power_consumption": watts,
        "hashrate_ideal": round(b.ideal_ghs, 3),
        "hashrate_rt": round(b.rate_ghs, 3),
        "hashrate_percentage": round(100.0 * b.rate_ghs / b.ideal_ghs, 2) if b.ideal_ghs else 0.0,
        "hr_error": 0.0,
        "hw_errors": b.hw,
        "pcb_temp_sens": _sensors(b.pcb),
        "chip_temp_sens": _sensors(b.chip),
        "pcb_temp": _span(b.pcb),
        "chip_temp": _span(b.chip),
        "chip_statuses": {"red": bad, "orange": 0, "grey": b.chips - bad},
        "status": {"state": "mining"},
    }


def _short(diff: int) -> str:
    """Pool difficulty as the web UI prints it ("131K", "65.5K")."""
    return f"{diff / 1000:.3g}K" if diff >= 1000 else str(diff)


def _pool(p: PoolSample) -> dict[str, Any]:
    status = "active" if p.active else "working" if p.status == "Alive" else "offline"
    return {
        "id": p.index,
        "url": p.url,
        "pool_type": "UserPool",
        "user": p.user,
        "status": status,
        "asic_boost": True,
        "diff": _short(p.diff),
        "accepted": p.accepted,
        "rejected": p.rejected,
        "stale": p.stale,
        "ls_diff": float(p.diff if p.last_share_time else 0),
        "ls_time": "0:00:03" if p.last_share_time else "0",
        "diffa": float(p.accepted * p.diff),
        "ping": 19 if p.active else 0,
    }


def _devfee(index: int) -> dict[str, Any]:
    return _pool(PoolSample(index, "DevFee", "DevFee", "Dead", False, 0, 0, 0, 2048, 0, 0)) | {
        "pool_type": "DevFee",
        "asic_boost": False,
    }


def summary(s: Sample, spec: HardwareSpec, model: str, mac: str, version: str) -> dict[str, Any]:
    watts = sample_watts(spec, s)
    chains = [b for b in s.boards if b.present]
    pcb = [t for b in chains for t in b.pcb] or [0]
    chip = [t for b in chains for t in b.chip] or [0]
    hours, rest = divmod(s.elapsed // 60, 60)
    return {
        "system": {
            "os": "GNU/Linux",
            "miner_name": "vnish-" + s.miner_id[:4],
            "file_system_version": "",
            "mem_total": 252120,
            "mem_free": 214968,
            "mem_free_percent": 85,
            "mem_buf": 19612,
            "mem_buf_percent": 7,
            "network_status": {
                "mac": mac,
                "dhcp": True,
                "ip": "",
                "netmask": "",
                "gateway": "",
                "dns": ["0.0.0.0"],  # the sim has no LAN
                "hostname": "Antminer",
            },
            "uptime": f"{hours:2d}:{rest:02d}",
        },
        "miner": {
            "miner_status": {
                "miner_state": "stopped" if s.idle else "mining",
                "miner_state_time": s.elapsed,
            },
            "miner_type": f"Antminer {model} (Vnish {version})",
            "hardware_version": "uart_trans.1.3",
            "cgminer_version": "4.11.1",
            "compile_time": "Sat Jul 22 16:41:12 UTC 2023",
            "average_hashrate": round(s.rate_avg_ghs / 1000.0, 6),
            "instant_hashrate": round(s.rate_5s_ghs / 1000.0, 6),
            "hr_realtime": round(s.rate_5s_ghs, 3),
            "hr_average": round(s.rate_avg_ghs, 3),
            "pcb_temp": _span(pcb),
            "chip_temp": _span(chip),
            "power_consumption": watts,
            "power_usage": watts,
            "power_efficiency": watts / s.rate_5s_ghs if s.rate_5s_ghs else 0.0,
            "hw_errors_percent": round(s.hw_percent, 4),
            "hr_error": 0.0,
            "hw_errors": s.hw,
            "devfee_percent": 1.842,
            "devfee": round(s.rate_avg_ghs * 0.01842, 5),
            "pools": [_pool(p) for p in s.pools] + [_devfee(len(s.pools))],
            "cooling": {
                "fan_num": len(s.fans),
                "fans": [{"id": n, "rpm": rpm} for n, rpm in enumerate(s.fans)],
                "settings": {"mode": {"name": "auto"}},
                "fan_duty": 100,
            },
            "chains": [_chain(b, round(watts / max(len(chains), 1))) for b in chains],
            "found_blocks": 0,
            "best_share": s.best_share,
        },
    }
