"""Braiins OS (bosminer/BOSer) on Antminer hardware: cgminer-compatible API plus its own commands.

Shapes from the BOSminer API docs and real BOSer captures: MH/s rates, boards numbered 1–3 (6–8 on
S9 with the older bosminer), ``Frequency`` in Hz on old bosminer, ``devdetails`` echoing the
Antminer model, ``temps``/``fans``/``tunerstatus``; the tuner reports a failing chain by status text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, ClassVar

from rig_monitor.sim.faults import FAULTS
from rig_monitor.sim.hardware import HardwareSpec
from rig_monitor.sim.personas.base import HttpReply, Identity, Persona
from rig_monitor.sim.personas.braiins_rest import PAGES as REST_PAGES
from rig_monitor.sim.personas.common import device_counters, pool_head, summary_counters
from rig_monitor.sim.personas.power import rig_spec, sample_watts
from rig_monitor.sim.rig import BoardSample, Sample
from rig_monitor.sim.wire import Reply, f2

FAILED = "Failed to initialize hashchain {reason: no chips found}"


_INDEX = (
    b"<!DOCTYPE html><html><head><title>Braiins OS</title></head><body>Braiins OS</body></html>"
)


@dataclass(frozen=True, slots=True)
class BraiinsModel:
    spec: HardwareSpec
    version_key: str  # "BOSer" (BOS+ 22.x on) or "BOSminer+" (2020 builds)
    version: str
    device_model: str  # devdetails Model, as the firmware prints it
    first_id: int  # 1, or 6 on S9
    fan_slots: int
    frequency_hz: bool = False


def _spec(boards: int, chips: int, ths: float, watts: float, fans: int, fan: int) -> HardwareSpec:
    return rig_spec(
        boards, chips, ths, watts, fans, fan, freq_mhz=600, pcb_temp_c=60, chip_delta_c=14.0
    )


MODELS: dict[str, BraiinsModel] = {
    "S19j NoPIC": BraiinsModel(
        _spec(3, 88, 90, 3050, 4, 4800),
        "BOSer",
        "boser-buildroot 0.1.0-45f356ea",
        "Antminer S19J88NoPic",
        1,
        4,
    ),
    "S19 XP": BraiinsModel(
        _spec(3, 110, 140, 3010, 4, 5100),
        "BOSer",
        "boser-buildroot 0.1.0-45f356ea",
        "Antminer S19XP",
        1,
        4,
    ),
    "S9": BraiinsModel(
        _spec(3, 63, 13.5, 1323, 2, 5000),
        "BOSminer+",
        "0.2.0-ea64aec8e",
        "Bitmain Antminer S9",
        6,
        4,
        frequency_hz=True,
    ),
}


class BraiinsPersona(Persona):
    id = "braiins"
    model_weights: ClassVar[dict[str, float]] = {"S19j NoPIC": 50.0, "S19 XP": 35.0, "S9": 15.0}

    def _m(self, model: str | None) -> BraiinsModel:
        return MODELS[self.check_model(model) or "S19j NoPIC"]

    # The web UI and, from 25.07, the public REST API (read pages: braiins_rest; login, token
    # and actions: rig_monitor.sim.control)
    def services(self, model: str | None) -> frozenset[str]:
        return frozenset({"rpc", "http"})

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
        page = REST_PAGES.get(path)
        if page is None or method != "GET":
            return None
        if not headers.get("authorization"):  # the token itself is checked by the control side
            return 401, {"Content-Type": "application/json"}, b'{"message": "Unauthorized"}'
        doc = page(sample, self.hardware(model), self.check_model(model) or "S19j NoPIC")
        return 200, {"Content-Type": "application/json"}, json.dumps(doc).encode()

    def hardware(self, model: str | None) -> HardwareSpec:
        return self._m(model).spec

    def identity(self, model: str | None) -> Identity:
        m = self._m(model)
        return Identity("Antminer", model, "braiins", m.version, "3.7")

    def description(self, model: str | None) -> str:
        m = self._m(model)
        return f"{m.version_key} {m.version}"

    def supported_faults(self, model: str | None) -> frozenset[str]:
        return frozenset(FAULTS) - {"chip_x"}  # no chip status string over this API

    def reply(
        self, command: str, parameter: str | None, sample: Sample, model: str | None
    ) -> Reply | None:
        m = self._m(model)

        def status(code: int, msg: str) -> dict[str, object]:
            return self.status(code, msg, model, when=sample.when)

        boards = sample.boards
        if command == "version":
            return Reply(
                status(22, f"{m.version_key} versions"),
                "VERSION",
                [{"API": "3.7", m.version_key: m.version}],
            )
        if command == "summary":
            return Reply(status(11, "Summary"), "SUMMARY", [self._summary(sample)])
        if command in ("devs", "edevs"):
            items = [self._dev(m, sample, b) for b in boards]
            return Reply(status(9, f"{len(items)} ASC(s)"), "DEVS", items)
        if command == "devdetails":
            items = [self._detail(m, b) for b in boards]
            return Reply(status(69, "Device Details"), "DEVDETAILS", items)
        if command == "temps":
            items = [
                {"TEMP": b.index, "ID": b.index + m.first_id}
                | {"Board": float(max(b.pcb)), "Chip": float(max(b.chip))}
                for b in boards
                if b.present
            ]
            return Reply(status(201, f"{len(items)} Temp(s)"), "TEMPS", items)
        if command == "fans":
            rpm = list(sample.fans) + [0] * (m.fan_slots - len(sample.fans))
            items = [{"FAN": n, "ID": n, "RPM": r, "Speed": 100} for n, r in enumerate(rpm)]
            return Reply(status(202, f"{len(items)} Fan(s)"), "FANS", items)
        if command == "tunerstatus":
            return Reply(status(203, "Tuner Status"), "TUNERSTATUS", [self._tuner(m, sample)])
        if command == "pools":
            items = [
                pool_head(sample, p, works_key=False)
                | {"Last Share Time": p.last_share_time, "Stratum Active": p.active}
                for p in sample.pools
            ]
            return Reply(status(7, f"{len(items)} Pool(s)"), "POOLS", items)
        return None

    @staticmethod
    def _summary(s: Sample) -> dict[str, Any]:
        mhs = s.rate_5s_ghs * 1000.0
        avg = s.rate_avg_ghs * 1000.0
        return {
            "Elapsed": s.elapsed,
            "MHS av": f2(avg),
            "MHS 5s": f2(mhs),
            "MHS 1m": f2(mhs),
            "MHS 5m": f2(avg),
            "MHS 15m": f2(avg),
        } | summary_counters(s)

    @staticmethod
    def _dev(m: BraiinsModel, s: Sample, b: BoardSample) -> dict[str, Any]:
        mhs = b.rate_ghs * 1000.0
        return {
            "ASC": b.index,
            "Name": "",
            "ID": b.index + m.first_id,
            "Enabled": "Y",
            "Status": "Alive" if b.present else "Dead",
            "Temperature": float(max(b.pcb)),
            "MHS av": f2(mhs),
            "MHS 5s": f2(mhs),
            "MHS 1m": f2(mhs),
            "MHS 5m": f2(mhs),
            "MHS 15m": f2(mhs),
            "Nominal MHS": f2(b.ideal_ghs * 1000.0),
        } | device_counters(s, b, no_device_key=False)

    @staticmethod
    def _detail(m: BraiinsModel, b: BoardSample) -> dict[str, Any]:
        freq = b.freq_mhz * 1e6 if m.frequency_hz else b.freq_mhz
        return {
            "DEVDETAILS": b.index,
            "Name": f"Hash Chain {b.index + m.first_id}",
            "ID": b.index + m.first_id,
            "Driver": "",
            "Kernel": "",
            "Model": m.device_model,
            "Device Path": "",
            "Chips": b.chips,
            "Cores": b.chips * 114,
            "Frequency": int(freq),
            "Voltage": 13.6 if b.present else 0.0,
        }

    @staticmethod
    def _tuner(m: BraiinsModel, s: Sample) -> dict[str, Any]:
        watts = sample_watts(m.spec, s)
        limit = round(m.spec.power_w or 0)
        chains = []
        for b in s.boards:
            text = "Paused" if s.idle else "Stable" if b.present else FAILED
            chains.append(
                {
                    "ApproximatePowerConsumptionWatt": round(watts / len(s.boards)),
                    "HashchainIndex": b.index + m.first_id,
                    "Iteration": 0,
                    "LoadedProfileCreatedOn": s.when - s.elapsed,
                    "PowerLimitWatt": round(limit / len(s.boards)),
                    "StageElapsed": s.elapsed,
                    "Status": text,
                    "TunerRunning": False,
                    "TuningElapsed": 0,
                }
            )
        return {
            "ApproximateChainPowerConsumption": round(watts * 0.95),
            "ApproximateMinerPowerConsumption": watts,
            "DynamicPowerScaling": "Disabled",
            "PowerLimit": limit,
            "TunerChainStatus": chains,
        }
