"""Goldshell boxes (KD Kadena, HS Handshake, LT Litecoin): bfgminer-style RPC plus a JSON web API.

Shapes follow protocols.md §2.9 and the Goldshell tools' readers: ``devs`` items carry ``"MHS
20s"`` (MH/s), ``tstemp-0``/``tstemp-1`` (chip sensors), ``tstemp-2`` (board sensor), ``fan0``/
``fan1`` (rpm); ``devdetails`` answers its items under ``DEVS`` with ``chips-nr`` and names the
driver (``kdaminer`` on KD boxes, ``intchains_qomo`` on the others: the RPC marker). Web: ``GET
/user/login?username=admin&password=…&cipher=false`` → ``{"JWT Token"}``; then ``Authorization:
Bearer`` on ``/mcb/status`` (``model`` "KD-Box", ``firmware``), ``/mcb/setting`` (``name`` = MAC),
``/mcb/pools`` and ``/mcb/cgminer?cgminercmd=devs`` (per-board MH/s, "°C" and "rpm" strings; shaped
after the real reply in tests/captures/goldshell). The simulated GH/s stand for the coin's own hash.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any, ClassVar

from rig_monitor.sim.faults import FAULTS
from rig_monitor.sim.hardware import HardwareSpec
from rig_monitor.sim.personas.base import HttpReply, Identity
from rig_monitor.sim.personas.cgminer import CgminerPersona
from rig_monitor.sim.personas.power import rig_spec
from rig_monitor.sim.rig import Sample
from rig_monitor.sim.wire import Reply, f2

USERNAME = "admin"
PASSWORD = "123456789"
CHANGED_PASSWORD = "owner-changed-it"  # what ``bad_password`` makes the miner expect
_JSON = {"Content-Type": "application/json"}
_INDEX = (
    b"<!DOCTYPE html><html><head><title>Goldshell</title></head>"
    b'<body><div id="app" class="cloud-box"></div></body></html>'
)
_UNSUPPORTED = frozenset({"missing_chips", "chip_x", "idle"})  # no chip status, no sleep


@dataclass(frozen=True, slots=True)
class GoldshellModel:
    web_model: str  # as /mcb/status spells it
    driver: str  # devdetails Driver: the RPC marker
    firmware: str
    spec: HardwareSpec


# Provisional figures from vendor listings.
MODELS: dict[str, GoldshellModel] = {
    "KD Box": GoldshellModel(
        "KD-Box", "kdaminer", "2.2.6", rig_spec(1, 16, 1.6, 205.0, 2, 4200, pcb_temp_c=55.0)
    ),
    "KD6": GoldshellModel(
        "KD6", "kdaminer", "2.2.8", rig_spec(4, 36, 29.2, 2630.0, 2, 5600, pcb_temp_c=62.0)
    ),
    "HS Box": GoldshellModel(
        "HS-Box", "intchains_qomo", "2.2.6", rig_spec(1, 16, 0.235, 230.0, 2, 4200)
    ),
    "LT5": GoldshellModel(
        "LT5", "intchains_qomo", "2.2.5", rig_spec(4, 22, 0.00205, 2080.0, 2, 5400)
    ),
}


def token_for(sample: Sample) -> str:
    return hashlib.sha256(("goldshell:" + sample.miner_id).encode()).hexdigest()[:40]


def goldshell_mac(sample: Sample) -> str:
    raw = "D4E5F6" + sample.miner_id[:6].lower()
    return ":".join(raw[i : i + 2] for i in range(0, 12, 2))


class GoldshellPersona(CgminerPersona):
    id = "goldshell"
    version_key = "BFGMiner"
    version = "5.4.2"
    api = "3.1"
    rate_keys = ("MHS 20s",)
    device_name = "GSD"
    reports_nominal = False
    model_weights: ClassVar[dict[str, float]] = {
        "KD Box": 40.0,
        "KD6": 20.0,
        "HS Box": 30.0,
        "LT5": 10.0,  # Scrypt: ~0.002 TH/s, exported to 6 significant figures
    }

    def _m(self, model: str | None) -> GoldshellModel:
        return MODELS[self.check_model(model) or "KD Box"]

    def hardware(self, model: str | None) -> HardwareSpec:
        return self._m(model).spec

    def identity(self, model: str | None) -> Identity:
        return Identity("Goldshell", self.check_model(model), "stock", self._m(model).firmware, "")

    def description(self, model: str | None) -> str:
        return f"bfgminer {self.version}"

    def supported_faults(self, model: str | None) -> frozenset[str]:
        return frozenset(FAULTS) - _UNSUPPORTED

    def services(self, model: str | None) -> frozenset[str]:
        return frozenset({"rpc", "http"})

    def reply(
        self, command: str, parameter: str | None, sample: Sample, model: str | None
    ) -> Reply | None:
        if command == "devdetails":
            m = self._m(model)
            items = [
                {
                    "DEVDETAILS": n,
                    "Name": self.device_name,
                    "ID": n,
                    "Driver": m.driver,
                    "chips-nr": b.chips,
                    "Model": m.web_model,
                    "Device Path": f"/dev/ttyS{n + 1}",
                }
                for n, b in enumerate(sample.boards)
            ]
            return Reply(self.status(69, "Device Details", model, when=sample.when), "DEVS", items)
        return super().reply(command, parameter, sample, model)

    def _dev(self, s: Sample, n: int) -> dict[str, Any]:
        out = super()._dev(s, n)
        b = s.boards[n]
        del out["Temperature"]
        fans = {f"fan{i}": rpm for i, rpm in enumerate(s.fans)}
        return (
            {"PGA": n}
            | out
            | {
                "tstemp-0": f2(float(max(b.chip) if b.present else 0)),
                "tstemp-1": f2(float(min(b.chip) if b.present else 0)),
                "tstemp-2": f2(float(max(b.pcb) if b.present else 0)),
                "clock": int(b.freq_mhz),
                "rebootcnt": 0,
                "overheat": 0,
            }
            | fans
        )

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
        if path == "/user/login":
            password = CHANGED_PASSWORD if "bad_password" in sample.faults else PASSWORD
            if query.get("username") != USERNAME or query.get("password") != password:
                return 401, dict(_JSON), b'{"error": "invalid username or password"}'
            return 200, dict(_JSON), json.dumps({"JWT Token": token_for(sample)}).encode()
        pages = {
            "/mcb/status": self._status,
            "/mcb/setting": self._setting,
            "/mcb/pools": None,
            "/mcb/cgminer": self._web_cgminer,
        }
        if path not in pages:
            return None
        if headers.get("authorization") != f"Bearer {token_for(sample)}":
            return 401, dict(_JSON), b'{"error": "Check Token Error"}'
        page = pages[path]
        if path == "/mcb/cgminer" and query.get("cgminercmd") != "devs":
            return 200, dict(_JSON), b'{"status": 1, "data": []}'  # only devs is simulated
        doc: Any = page(sample, model) if page is not None else self._web_pools(sample)
        return 200, dict(_JSON), json.dumps(doc).encode()

    def _status(self, s: Sample, model: str | None) -> dict[str, Any]:
        m = self._m(model)
        return {
            "model": m.web_model,
            "firmware": m.firmware,
            "hardware": "GS-CB-V1.2",
            "boot": "1.0.3",
            "isupgrading": False,
            "tempstate": 0,
        }

    def _setting(self, s: Sample, model: str | None) -> dict[str, Any]:
        return {
            "name": goldshell_mac(s),
            "version": self._m(model).firmware,
            "powerplans": [{"level": 0, "info": "Normal"}, {"level": 1, "info": "Eco"}],
            "select": 0,
            "ledcontrol": True,
        }

    def _web_pools(self, s: Sample) -> list[dict[str, Any]]:
        return [
            {
                "url": p.url,
                "user": p.user,
                "pass": "x",
                "legal": True,
                "active": p.active,
                "dragid": p.index,
                "pool-priority": p.index,
            }
            for p in s.pools
        ]

    def _web_cgminer(self, s: Sample, model: str | None) -> dict[str, Any]:
        """The web UI's copy of ``devs``: rates in MH/s, temperatures and fans as display strings."""
        fans = " / ".join(f"{rpm} rpm" for rpm in s.fans)
        items = []
        for n, b in enumerate(s.boards):
            dev = CgminerPersona._dev(self, s, n)
            nonces = dev["Accepted"] + dev["Rejected"] + b.hw
            items.append(
                {
                    "valid": 15 if b.present else 0,
                    "av_hashrate": round(b.rate_ghs * 1000.0 * 0.998, 3),
                    "rejected": dev["Rejected"],
                    "time": s.elapsed // 60,  # unit not documented; the capture fits minutes
                    "id": n,
                    "powerplan": 0,
                    "hwerrors": b.hw,
                    "fanspeed": fans,
                    "accepted": dev["Accepted"],
                    "hwerr_ration": round(b.hw / nonces, 6) if nonces else 0.0,
                    "nonces": nonces,
                    "hashrate": round(b.rate_ghs * 1000.0, 3),
                    "temp": f"{max(b.chip):.1f} \u00b0C / {max(b.pcb):.1f} \u00b0C",
                    "minerstatus": 0 if b.present else 1,
                }
            )
        return {"status": 2, "data": items}  # 2 as captured (meaning unknown)
