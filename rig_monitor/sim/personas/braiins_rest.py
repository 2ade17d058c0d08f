"""Braiins OS ≥ 25.07's public REST API (``GET /api/v1/…``), the read side.

Shaped after the real BOS+ 25.07 replies in tests/captures/braiins/s19xp-bos-25.07-rest: values
wrapped in unit objects (``{"gigahash_per_second": x}``, ``{"degree_c": x}``, ``{"watt": x}``,
``{"hertz": x}``), enums as integers, boards with string ids from "1", pools in groups. Login and
the token check are the control side's (rig_monitor.sim.control), which holds the token; a
request reaches these pages only once that check passed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from rig_monitor.sim.hardware import HardwareSpec
from rig_monitor.sim.personas.power import sample_watts
from rig_monitor.sim.rig import BoardSample, Sample

BOS_VERSION = "2025-08-06-0-3881c51d-25.07-plus"  # as the captured S19 XP prints it
# real_hashrate windows, in the order the firmware lists them
_WINDOWS = (
    "last_15m",
    "last_15s",
    "last_1h",
    "last_1m",
    "last_24h",
    "last_30m",
    "last_30s",
    "last_5m",
    "last_5s",
    "since_restart",
)
_SHORT = frozenset({"last_15s", "last_1m", "last_30s", "last_5s"})
# model -> (chip type, hash board name); the S19 XP's as captured, the others from their makers
_BOARDS = {"S19 XP": ("BM1366", "BHB56801"), "S19j NoPIC": ("BM1362", "BHB42601")}


def _ghs(value: float) -> dict[str, float]:
    return {"gigahash_per_second": round(value, 6)}


def _rates(now_ghs: float, avg_ghs: float) -> dict[str, dict[str, float]]:
    """Short windows follow the 5-second figure, the long ones the average."""
    return {w: _ghs(now_ghs if w in _SHORT else avg_ghs) for w in _WINDOWS}


def _stamp(unix: int) -> dict[str, int]:
    return {"nanos": 0, "seconds": unix}


def _pool_stats(accepted: int, rejected: int, stale: int, diff: int, last: int) -> dict[str, Any]:
    return {
        "accepted_shares": accepted,
        "best_share": diff * 7,
        "generated_work": (accepted + rejected + stale) * diff,
        "last_difficulty": diff,
        "last_share_time": _stamp(last),
        "rejected_shares": rejected,
        "stale_shares": stale,
    }


def _miner_details(s: Sample, spec: HardwareSpec, model: str) -> dict[str, Any]:
    h = s.miner_id
    return {
        "bos_mode": 4,
        "bos_version": {
            "bos_plus": True,
            "current": BOS_VERSION,
            "major": "2022-09-13-0-11012d53-22.08-plus",
        },
        "bosminer_uptime_s": s.elapsed,
        "control_board_soc_family": 3,
        "hostname": "Antminer",
        "kernel_version": "4.9.113",
        "mac_address": "02:" + ":".join(h[i : i + 2] for i in range(0, 10, 2)),
        "miner_identity": {
            "brand": 1,
            "miner_model": f"Antminer {model}",
            "model": 18,
            "name": f"Antminer {model}",
        },
        "platform": 4,
        "psu_info": {
            "fw_version": None,
            "max_voltage": {"volt": 15.2},
            "min_voltage": {"volt": 11.96},
            "model_name": "APW121215d/e",
            "serial_number": None,
            "version": 117,
        },
        "serial_number": None,  # null on the captured miner too
        "status": 1 if s.idle else 2,
        "sticker_hashrate": _ghs(spec.nominal_ths * 1000.0),
        "system_uptime": s.elapsed + 40,
        "system_uptime_s": s.elapsed + 40,
        "uid": h[:16],
    }


def _miner_stats(s: Sample, spec: HardwareSpec, model: str) -> dict[str, Any]:
    watts = sample_watts(spec, s)
    last = s.pools[0].last_share_time if s.pools else 0
    return {
        "miner_stats": {
            "best_share": s.best_share,
            "error_hashrate": {"megahash_per_second": 0.0},
            "found_blocks": 0,
            "nominal_hashrate": _ghs(s.ideal_ghs),
            "real_hashrate": _rates(s.rate_5s_ghs, s.rate_avg_ghs),
        },
        "pool_stats": _pool_stats(s.accepted, s.rejected, s.stale, s.pool_diff, last),
        "power_stats": {
            "approximated_consumption": {"watt": watts},
            "efficiency": {
                "joule_per_terahash": watts / (s.rate_5s_ghs / 1000.0) if s.rate_5s_ghs else 0.0
            },
        },
    }


def _board(b: BoardSample, chip_type: str, board_name: str, serial: str) -> dict[str, Any]:
    hottest = max(b.chip) if b.present else 0
    return {
        "board_name": board_name,
        "board_temp": {"degree_c": float(max(b.pcb))},
        "chip_type": chip_type,
        "chips_count": b.chips,
        "current_frequency": {"hertz": b.freq_mhz * 1e6},
        "current_voltage": {"volt": 12.9},
        "enabled": True,
        "highest_chip_temp": {
            "id": b.index + 1,
            "location": 1,
            "temperature": {"degree_c": float(hottest)},
        },
        "highest_outlet_temp": {"degree_c": float(max(b.pcb))},
        "id": str(b.index + 1),
        "lowest_inlet_temp": {"degree_c": float(min(b.pcb))},
        "model": board_name,
        "serial_number": serial,
        "stats": {
            "best_share": 0,
            "error_hashrate": {"megahash_per_second": 0.0},
            "found_blocks": 0,
            "nominal_hashrate": _ghs(b.ideal_ghs),
            "real_hashrate": _rates(b.rate_ghs, b.rate_ghs),
        },
    }


def _hashboards(s: Sample, spec: HardwareSpec, model: str) -> dict[str, Any]:
    """Boards the firmware found; a board without chips is left out, as bosminer does."""
    chip_type, board_name = _BOARDS.get(model, ("BM1387", "S9"))
    return {
        "hashboards": [
            _board(b, chip_type, board_name, f"NGS{s.miner_id[:10].upper()}{b.index}")
            for b in s.boards
            if b.present
        ]
    }


def _cooling(s: Sample, spec: HardwareSpec, model: str) -> dict[str, Any]:
    chips = [t for b in s.boards if b.present for t in b.chip]
    return {
        "fans": [
            {"position": n, "rpm": rpm, "target_speed_ratio": 1.0} for n, rpm in enumerate(s.fans)
        ],
        "highest_temperature": {
            "id": None,
            "location": 1,
            "temperature": {"degree_c": float(max(chips, default=0))},
        },
    }


def _errors(s: Sample, spec: HardwareSpec, model: str) -> dict[str, Any]:
    """A log of messages, not current faults (the real one holds week-old resolve failures)."""
    boot = time_iso(s.when - s.elapsed)
    return {
        "errors": [
            # sim: text
            {"components": [], "error_codes": [], "message": "bosminer started", "timestamp": boot}
        ]
    }


def time_iso(unix: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime(unix))


def _tuner(s: Sample, spec: HardwareSpec, model: str) -> dict[str, Any]:
    watts = round(spec.power_w or 0)
    return {
        "mode_state": {
            "powertargetmodestate": {
                "current_target": {"watt": watts},
                "profile": {
                    "created": _stamp(s.when - s.elapsed),
                    "estimated_power_consumption": {"watt": watts},
                    "measured_hashrate": _ghs(s.ideal_ghs),
                    "target": {"watt": watts},
                },
            }
        },
        "overall_tuner_state": 2,
    }


def _pools(s: Sample, spec: HardwareSpec, model: str) -> list[dict[str, Any]]:
    return [
        {
            "name": "Default",
            "pools": [
                {
                    "active": p.active,
                    "alive": p.status == "Alive",
                    "enabled": True,
                    "stats": _pool_stats(
                        p.accepted, p.rejected, p.stale, p.diff, p.last_share_time
                    ),
                    "uid": f"{s.miner_id[:12]}{p.index:04d}",
                    "url": p.url,
                    "user": p.user,
                }
                for p in s.pools
            ],
            "strategy": {"quota": {"value": 1}},
        }
    ]


def _version(s: Sample, spec: HardwareSpec, model: str) -> dict[str, Any]:
    return {"major": 1, "minor": 0, "patch": 0}


PAGES: dict[str, Callable[[Sample, HardwareSpec, str], Any]] = {
    "/api/v1/miner/details": _miner_details,
    "/api/v1/miner/stats": _miner_stats,
    "/api/v1/miner/hw/hashboards": _hashboards,
    "/api/v1/cooling/state": _cooling,
    "/api/v1/miner/errors": _errors,
    "/api/v1/performance/tuner-state": _tuner,
    "/api/v1/pools": _pools,
    "/api/v1/version": _version,
}
