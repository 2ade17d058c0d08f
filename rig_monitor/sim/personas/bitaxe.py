"""Bitaxe (ESP-Miner / AxeOS): one small board, HTTP only, no 4028 at all.

``/api/system/info`` shapes follow ESP-Miner 2.x (protocols.md §2.12): ``hashRate`` in GH/s,
``expectedHashrate`` (≥ 2.9), temperatures in °C, ``power`` in W, ``voltage``/``current`` in mV/mA.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import urlsplit

from rig_monitor.sim.hardware import HardwareSpec
from rig_monitor.sim.personas.base import HttpReply, Identity, WebOnlyPersona
from rig_monitor.sim.rig import Sample

VERSION = "v2.9.0"
_INDEX = b"<!doctype html><html><head><title>AxeOS</title></head><body><app-root></app-root></body></html>"
# One ASIC, no chip status string, no sleep mode, no login.
_UNSUPPORTED = frozenset(
    {"missing_chips", "chip_x", "dead_board", "idle", "bad_password", "chips_fading"}
)


@dataclass(frozen=True, slots=True)
class BitaxeModel:
    asic: str
    asics: int
    small_cores: int
    freq_mhz: float
    watts: float
    board_version: str

    @property
    def expected_ghs(self) -> float:
        return self.small_cores * self.asics * self.freq_mhz / 1000.0


MODELS: dict[str, BitaxeModel] = {
    "Gamma": BitaxeModel("BM1370", 1, 2040, 525, 17, "601"),
    "Supra": BitaxeModel("BM1368", 1, 1276, 490, 13, "401"),
    "Ultra": BitaxeModel("BM1366", 1, 894, 485, 12, "204"),
    "Max": BitaxeModel("BM1397", 1, 672, 425, 12, "102"),
    "GT": BitaxeModel("BM1370", 2, 2040, 525, 38, "800"),
}


def bitaxe_mac(sample: Sample) -> str:
    raw = "24DC" + sample.miner_id[:8].upper()
    return ":".join(raw[i : i + 2] for i in range(0, 12, 2))


class BitaxePersona(WebOnlyPersona):
    unsupported = _UNSUPPORTED
    id = "bitaxe"
    model_weights: ClassVar[dict[str, float]] = {
        "Gamma": 40.0,
        "Supra": 25.0,
        "Ultra": 20.0,
        "GT": 10.0,
        "Max": 5.0,
    }

    def _m(self, model: str | None) -> BitaxeModel:
        return MODELS[self.check_model(model) or "Gamma"]

    def hardware(self, model: str | None) -> HardwareSpec:
        m = self._m(model)
        return HardwareSpec(
            boards=1,
            chips_per_board=m.asics,
            fans=1,
            nominal_ths=m.expected_ghs / 1000.0,
            power_w=m.watts,
            freq_mhz=m.freq_mhz,
            fan_rpm=4200,
            pcb_temp_c=52,
            chip_delta_c=6.0,
        )

    def identity(self, model: str | None) -> Identity:
        return Identity("Bitaxe", self.check_model(model), "axeos", VERSION, "")

    def description(self, model: str | None) -> str:
        return f"ESP-Miner {VERSION}"

    def http(
        self,
        method: str,
        path: str,
        query: dict[str, str],
        headers: dict[str, str],
        body: bytes,
        sample: Sample,
        model: str | None,
    ) -> HttpReply | None:
        if path in ("/", "/index.html"):
            return 200, {"Content-Type": "text/html"}, _INDEX
        if path == "/api/system/info" and method == "GET":
            doc = self.system_info(sample, model)
            return 200, {"Content-Type": "application/json"}, json.dumps(doc).encode()
        return None

    def system_info(self, s: Sample, model: str | None) -> dict[str, object]:
        m = self._m(model)
        board = s.boards[0]
        pool = s.pools[0]
        fallback = s.pools[1] if len(s.pools) > 1 else pool
        url = urlsplit(pool.url)
        fb = urlsplit(fallback.url)
        load = s.rate_5s_ghs / s.ideal_ghs if s.ideal_ghs else 0.0
        power = round(m.watts * (0.25 + 0.75 * load), 2)
        return {
            "power": power,
            "voltage": 5062.5,
            "current": round(power / 5.0625 * 1000, 1),
            "temp": float(max(board.chip)),
            "vrTemp": float(max(board.pcb)),  # the VR is the board sensor this persona has
            "maxPower": m.watts * 2,
            "nominalVoltage": 5,
            "hashRate": s.rate_5s_ghs,
            "expectedHashrate": s.ideal_ghs,
            "bestDiff": "4.29G",
            "bestSessionDiff": "12.1M",
            "freeHeap": 8_211_524,
            "coreVoltage": 1150,
            "coreVoltageActual": 1143,
            "frequency": int(m.freq_mhz),
            "ssid": "farm-wifi",
            "macAddr": bitaxe_mac(s),
            "hostname": "bitaxe-" + s.miner_id[:4],
            "wifiStatus": "Connected!",
            "sharesAccepted": s.accepted,
            "sharesRejected": s.rejected,
            "uptimeSeconds": s.elapsed,
            "asicCount": m.asics,
            "smallCoreCount": m.small_cores,
            "ASICModel": m.asic,
            "stratumURL": url.hostname or "",
            "stratumPort": url.port or 3333,
            "stratumUser": pool.user,
            "fallbackStratumURL": fb.hostname or "",
            "fallbackStratumPort": fb.port or 3333,
            "fallbackStratumUser": fallback.user,
            "isUsingFallbackStratum": 0,
            "version": VERSION,
            "idfVersion": "v5.3.1",
            "boardVersion": m.board_version,
            "runningPartition": "ota_0",
            "flipscreen": 1,
            "overheat_mode": 1 if "overheat" in s.faults and max(board.chip) >= 95 else 0,
            "invertscreen": 0,
            "invertfanpolarity": 1,
            "autofanspeed": 1,
            "fanspeed": 58 if s.fans[0] else 100,
            "fanrpm": s.fans[0],
        }
