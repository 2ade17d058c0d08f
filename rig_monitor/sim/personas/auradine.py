"""Auradine Teraflux (AT air, AI immersion, AD hydro): gcminer on 4028 plus a JSON web API.

Shapes follow protocols.md §2.11 and pyasic's Auradine backend: ``version`` ``VERSION[0].GCMiner``,
``summary`` ``MHS 5s``/``Elapsed``/``Wattage``, ``devs`` with 1-based ``ID`` and a board
``Temperature``. The web API (port 8080 on a real miner; the fleet's web port here) wants a token:
``POST /token {"command":"token","user","password"}`` → ``Token[0].Token``, then header ``Token:``
on ``/fan``, ``/psu``, ``/ipreport``, ``/mode``, ``/led`` (GET or POST); ``/temperature``,
``/voltage`` and ``/frequency`` per board and chip, shaped after the real FluxOS 2.2.0 replies in
tests/captures/auradine. ``GET /`` is the SPA page ("Miner UI").
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any, ClassVar

from rig_monitor.sim.faults import FAULTS
from rig_monitor.sim.hardware import HardwareSpec
from rig_monitor.sim.personas.base import HttpReply, Identity
from rig_monitor.sim.personas.cgminer import CgminerPersona
from rig_monitor.sim.personas.power import rig_spec, sample_watts
from rig_monitor.sim.rig import BoardSample, Sample
from rig_monitor.sim.wire import Reply

VERSION = "2024.10.2"  # FluxOS release the gcminer build belongs to
GCMINER = "1.2.7"
USERNAME = "admin"
PASSWORD = "admin"
CHANGED_PASSWORD = "owner-changed-it"  # what ``bad_password`` makes the miner expect
_JSON = {"Content-Type": "application/json"}
_INDEX = b"<!DOCTYPE html><html><head><title>Miner UI</title></head><body><div id=root></div></body></html>"
# No chip status string on gcminer.
_UNSUPPORTED = frozenset({"missing_chips", "chip_x", "chips_fading"})

# Provisional figures (vendor data sheets vary by batch); 3 boards of 132 chips (pyasic).
MODELS: dict[str, HardwareSpec] = {
    "AT1500": rig_spec(3, 132, 190.0, 3420.0, 4, 5400, pcb_temp_c=62.0, chip_delta_c=10.0),
    "AT2880": rig_spec(3, 132, 260.0, 4420.0, 4, 5700, pcb_temp_c=63.0, chip_delta_c=10.0),
}


def token_for(sample: Sample) -> str:
    return hashlib.sha256(("auradine:" + sample.miner_id).encode()).hexdigest()[:32]


def auradine_mac(sample: Sample) -> str:
    raw = "0CEA14" + sample.miner_id[:6].upper()
    return ":".join(raw[i : i + 2] for i in range(0, 12, 2)).lower()


class AuradinePersona(CgminerPersona):
    id = "auradine"
    version_key = "GCMiner"
    version = GCMINER
    api = "3.7"
    rate_keys = ("MHS 5s", "MHS 1m", "MHS 5m", "MHS 15m")
    device_name = "GCB"
    reports_nominal = False
    model_weights: ClassVar[dict[str, float]] = {"AT1500": 60.0, "AT2880": 40.0}

    def hardware(self, model: str | None) -> HardwareSpec:
        return MODELS[self.check_model(model) or "AT1500"]

    def identity(self, model: str | None) -> Identity:
        return Identity("Auradine", self.check_model(model), "stock", GCMINER, self.api)

    def description(self, model: str | None) -> str:
        return f"gcminer {GCMINER}"

    def supported_faults(self, model: str | None) -> frozenset[str]:
        return frozenset(FAULTS) - _UNSUPPORTED

    def pools(self, seed: int, worker: str) -> list[tuple[str, str]]:
        return super(CgminerPersona, self).pools(seed, worker)

    def services(self, model: str | None) -> frozenset[str]:
        return frozenset({"rpc", "http"})

    def reply(
        self, command: str, parameter: str | None, sample: Sample, model: str | None
    ) -> Reply | None:
        r = super().reply(command, parameter, sample, model)
        if command == "summary" and r is not None and r.items:
            r.items[0]["Wattage"] = sample_watts(self.hardware(model), sample)
            r.items[0]["ThsThrottle"] = 0
        return r

    def _dev(self, s: Sample, n: int) -> dict[str, Any]:
        out = super()._dev(s, n)
        b = s.boards[n]
        out["ID"] = n + 1  # gcminer numbers boards from 1
        out["Temperature"] = float(max(b.pcb))  # the board's sensor (pyasic reads it as board temp)
        return out

    # --- web API ----------------------------------------------------------------------------

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
        if path == "/token" and method == "POST":
            try:
                req = json.loads(body or b"{}")
            except ValueError:
                req = {}
            password = CHANGED_PASSWORD if "bad_password" in sample.faults else PASSWORD
            if (
                not isinstance(req, dict)
                or req.get("user") != USERNAME
                or req.get("password") != password
            ):
                return 401, dict(_JSON), self._status("E", 401, "Invalid user or password")
            doc = {
                "STATUS": self._status_list("S", 0, "Token"),
                "Token": [{"Token": token_for(sample)}],
            }
            return 200, dict(_JSON), json.dumps(doc).encode()
        command = path.strip("/")
        pages = {
            "fan": self._fan,
            "psu": self._psu,
            "ipreport": self._ipreport,
            "mode": self._mode,
            "led": self._led,
        }
        readings = {
            "temperature": (590, "System temperature", self._temperature),
            "voltage": (630, "System voltage", self._voltage),
            "frequency": (640, "System frequency", self._frequency),
        }
        if command not in pages and command not in readings:
            return None
        if headers.get("token") != token_for(sample):
            return 401, dict(_JSON), self._status("E", 401, "Invalid token")
        if command in readings:
            code, msg, page = readings[command]
            status = {"STATUS": "S", "When": sample.when, "Code": code, "Msg": msg}
            doc = {"STATUS": [status | {"Description": VERSION}]} | page(sample) | {"id": 1}
            return 200, dict(_JSON), json.dumps(doc).encode()
        doc = {"STATUS": self._status_list("S", 0, command)} | pages[command](sample, model)
        return 200, dict(_JSON), json.dumps(doc).encode()

    @staticmethod
    def _status_list(letter: str, code: int, msg: str) -> list[dict[str, Any]]:
        return [{"STATUS": letter, "Code": code, "Msg": msg, "Description": "FluxOS"}]

    def _status(self, letter: str, code: int, msg: str) -> bytes:
        return json.dumps({"STATUS": self._status_list(letter, code, msg)}).encode()

    def _fan(self, s: Sample, model: str | None) -> dict[str, Any]:
        return {"Fan": [{"ID": n + 1, "Speed": rpm, "Max": 7000} for n, rpm in enumerate(s.fans)]}

    def _psu(self, s: Sample, model: str | None) -> dict[str, Any]:
        watts = sample_watts(self.hardware(model), s)
        return {
            "PSU": [
                {
                    "ID": 0,
                    "PowerIn": f"{watts}W",
                    "PowerOut": f"{round(watts * 0.95)}W",
                    "PoutMax": f"{round((self.hardware(model).power_w or 0) * 1.1)}W",
                    "VoltageIn": "230.1V",
                }
            ]
        }

    def _ipreport(self, s: Sample, model: str | None) -> dict[str, Any]:
        name = self.check_model(model) or "AT1500"
        return {
            "IPReport": [
                {
                    "ip": "",
                    "mac": auradine_mac(s),
                    "hostname": "teraflux-" + s.miner_id[:4],
                    "version": VERSION,
                    "model": name,
                    "InternalType": name + "-01",
                    "SerialNo": "AUR" + s.miner_id[:10].upper(),
                    "HBSerialNo": [f"HB{s.miner_id[:6].upper()}{n}" for n in range(len(s.boards))],
                }
            ]
        }

    def _mode(self, s: Sample, model: str | None) -> dict[str, Any]:
        spec = self.hardware(model)
        return {
            "Mode": [
                {
                    "Mode": "normal",
                    "Power": spec.power_w,
                    "Ths": spec.nominal_ths,
                    "Sleep": "on" if s.idle else "off",
                }
            ]
        }

    def _led(self, s: Sample, model: str | None) -> dict[str, Any]:
        return {"LED": [{"Code": 2}]}

    @staticmethod
    def _per_board(
        s: Sample, inner: str, field: str, values: Callable[[BoardSample], list[float]]
    ) -> list[dict[str, Any]]:
        """Hash boards numbered from 1 as "Hash Board N", each with its readings as ID/value items."""
        return [
            {
                "ID": n + 1,
                "Name": f"Hash Board {n + 1}",
                inner: [{"ID": i, field: v} for i, v in enumerate(values(b))],
            }
            for n, b in enumerate(s.boards)
        ]

    def _temperature(self, s: Sample) -> dict[str, Any]:
        """The control board first (no chips: ``ChipTemp`` null), then each hash board's board
        sensors and chip sensors."""
        control = {
            "ID": 0,
            "Name": "Control Board",
            "BoardTemp": [{"ID": 0, "Temperature": 25.0}],
            "ChipTemp": None,
        }
        boards = self._per_board(s, "BoardTemp", "Temperature", lambda b: [float(t) for t in b.pcb])
        for item, b in zip(boards, s.boards, strict=True):
            item["ChipTemp"] = [{"ID": i, "Temperature": float(t)} for i, t in enumerate(b.chip)]
        return {"Temperature": [control, *boards]}

    def _voltage(self, s: Sample) -> dict[str, Any]:
        """Chip-domain voltages of about 0.24 V, as the real miner reports (illustrative values)."""
        return {
            "Voltage": self._per_board(
                s,
                "ChipVoltage",
                "Voltage",
                lambda b: [round(0.24 + 0.002 * i + 0.001 * b.index, 6) for i in range(3)],
            )
        }

    def _frequency(self, s: Sample) -> dict[str, Any]:
        return {
            "Frequency": self._per_board(
                s,
                "ChipFrequency",
                "Frequency",
                lambda b: [round(b.freq_mhz, 2)] * 3 if b.present else [0.0] * 3,
            )
        }
