"""The stable JSON shape of a snapshot, shared by the CLI (``--json``) and the exporter.

Keys are a public contract (documented in the README): add keys, never rename or drop them.
"""

from __future__ import annotations

from typing import Any

from rig_monitor.core.faults.codes import decoded
from rig_monitor.core.model import MinerSnapshot


def _r(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)


def _ths(value: float | None) -> float | None:
    """Hashrates to 6 significant figures: 104.213 TH/s and a Scrypt box's 0.00207 TH/s alike."""
    return None if value is None else float(f"{value:.6g}")


def snapshot_to_dict(s: MinerSnapshot) -> dict[str, Any]:
    return {
        "ip": s.ip,
        "port": s.port,
        "online": s.online,
        "error": s.error,
        "make": s.make,
        "model": s.model,
        "firmware": s.firmware,
        "firmware_version": s.firmware_version,
        "hashrate_ths": _ths(s.hashrate_ths),
        "nominal_hashrate_ths": _ths(s.nominal_hashrate_ths),
        "hashrate_5s_ths": _ths(s.hashrate_5s_ths),
        "power_w": _r(s.power_w, 1),
        "efficiency_j_th": _r(s.efficiency_j_th, 2),
        "temp_chip_max_c": _r(s.temp_chip_max_c, 1),
        "temp_board_max_c": _r(s.temp_board_max_c, 1),
        "fans_rpm": list(s.fans_rpm),
        "boards": [
            {
                "index": b.index,
                "hashrate_ths": _ths(b.hashrate_ths),
                "chips": b.chips,
                "expected_chips": b.expected_chips,
                "temp_board_c": _r(b.temp_board_c, 1),
                "temp_chip_c": _r(b.temp_chip_c, 1),
            }
            for b in s.boards
        ],
        "pools": [
            {
                "url": p.url,
                "user": p.user,
                "status": str(p.status),
                "accepted": p.accepted,
                "rejected": p.rejected,
                "stale": p.stale,
            }
            for p in s.pools
        ],
        "uptime_s": s.uptime_s,
        "hw_errors": s.hw_errors,
        "error_codes": [
            {"code": e.code, "message": e.message, "board": e.board}
            for e in (decoded(raw, s.make, s.family) for raw in s.error_codes)
        ],
        "faults": [
            {
                "id": f.id,
                "severity": str(f.severity),
                "title": f.title,
                "detail": f.detail,
                "since": f.since,
            }
            for f in s.faults
        ],
        "notes": list(s.notes),
    }


def scan_to_dict(
    ip: str, port: int, make: str | None, model: str | None, firmware: str | None
) -> dict[str, Any]:
    return {"ip": ip, "port": port, "make": make, "model": model, "firmware": firmware}
