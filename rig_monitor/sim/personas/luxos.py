"""LuxOS (Luxor firmware for Antminer): Bitmain's legacy ``stats`` layout under a LUXminer API.

The chain keys are the stock persona's; on top come LuxOS's own commands (``config``, ``power``,
``fans``, ``temps``, ``events``) and its ``version`` (``LUXminer``, ``Type`` still "Antminer …",
which is what makes a LuxOS miner look stock to a careless detector). Events are derived from
what the sample shows, as the firmware derives them from what it measures.
"""

from __future__ import annotations

import time
from typing import Any, ClassVar

from rig_monitor.sim.personas.antminer import AntminerModel, AntminerPersona
from rig_monitor.sim.personas.base import Identity, Persona
from rig_monitor.sim.personas.common import device_counters
from rig_monitor.sim.personas.power import sample_watts
from rig_monitor.sim.rig import Sample
from rig_monitor.sim.wire import Reply, f2

VERSION = "2025.4.8.220305-57b389c7"
API = "3.7"


# What the four board sensors are (LuxOS `temps` METADATA, as a real S19k Pro prints it)
_SENSORS = {
    "TopLeft": {"Label": "Board Exhaust (top)", "Position": [0, 0]},
    "TopRight": {"Label": "Board Intake (top)", "Position": [0, 1]},
    "BottomLeft": {"Label": "Board Exhaust (bottom)", "Position": [1, 0]},
    "BottomRight": {"Label": "Board Intake (bottom)", "Position": [1, 1]},
}


class LuxOSPersona(AntminerPersona):
    id = "luxos"
    getworks_key = "Getworks"
    long_poll_key = "Long Pool"  # sic, LuxOS 2025.4.8
    pool_stale_key = "Pool Stale%"
    model_weights: ClassVar[dict[str, float]] = {"S19j Pro": 45.0, "S19 XP": 35.0, "S21": 20.0}

    def identity(self, model: str | None) -> Identity:
        return Identity("Antminer", model, "luxos", VERSION, API)

    def description(self, model: str | None) -> str:
        return f"LUXminer {VERSION}"

    # RPC only: Bitmain's web UI, which the stock persona serves, is not there
    services = Persona.services
    http = Persona.http

    @staticmethod
    def _header(m: AntminerModel, model: str | None) -> dict[str, Any]:
        return {
            "CompileTime": m.compile_time,
            "LUXminer": VERSION,
            "Miner": VERSION,
            "Type": f"Antminer {model}",
        }

    def reply(
        self, command: str, parameter: str | None, sample: Sample, model: str | None
    ) -> Reply | None:
        m = self._m(model)

        def status(code: int, msg: str) -> dict[str, object]:
            return self.status(code, msg, model, when=sample.when)

        s = sample
        if command == "version":
            return Reply(
                status(22, "LUXminer versions"), "VERSION", [self._header(m, model) | {"API": API}]
            )
        if command == "stats":  # LuxOS prints the two STATS objects properly separated
            head = {k: v for k, v in self._header(m, model).items() if k != "LUXminer"}
            items = [head, self._stats(m, s)]
            return Reply(status(70, "LUXminer stats"), "STATS", items)
        if command == "config":
            return Reply(status(33, "LUXminer config"), "CONFIG", [self._config(m, s, model)])
        if command == "power":
            item = {"PSU": True, "Watts": sample_watts(m.spec, s)}
            return Reply(status(300, "Power"), "POWER", [item])
        if command == "fans":
            items = [
                {"ID": n, "FAN": f"FAN{n + 1}", "RPM": r, "Speed": 70} for n, r in enumerate(s.fans)
            ]
            ctrl = [{"MinFans": len(s.fans), "PowerOffSpeed": 20}]
            return Reply(status(202, f"{len(items)} Fan(s)"), "FANS", items, more={"FANCTRL": ctrl})
        if command == "temps":
            items = [
                {"ID": b.index, "TEMP": b.index}
                | dict(
                    zip(("TopLeft", "TopRight", "BottomLeft", "BottomRight"), b.pcb, strict=True)
                )
                for b in s.boards
            ]
            return Reply(
                status(201, f"{len(items)} Temp(s)"), "TEMPS", items, more={"METADATA": [_SENSORS]}
            )
        if command == "devs":
            items = [self._lux_dev(s, n) for n in range(len(s.boards))]
            return Reply(status(9, f"{len(items)} ASC(s)"), "DEVS", items)
        if command == "events":
            return Reply(status(400, "Events"), "EVENTS", self._events(s))
        return super().reply(command, parameter, sample, model)

    def _summary(self, m: AntminerModel, s: Sample) -> dict[str, Any]:
        return super()._summary(m, s) | {"GHS 24h": f2(s.rate_avg_ghs)}

    def _pool(self, s: Sample, n: int) -> dict[str, Any]:
        """bmminer's pool item plus the keys LuxOS adds (real LuxOS 2025.4.8 pools)."""
        p = s.pools[n]
        return super()._pool(s, n) | {
            "GROUP": 0,
            "AsicBoost": True,
            "Works": 0,
            "Has Vmask": True,
            "Work Difficulty": p.diff,
            "Stratum Difficulty": p.diff,
            "Bad Work": 0,
            "Current Block Height": 0,
            "Current Block Version": 536870912,
        }

    @staticmethod
    def _config(m: AntminerModel, s: Sample, model: str | None) -> dict[str, Any]:
        h = s.miner_id
        return {
            "ASC Count": len(s.boards),
            "Pool Count": len(s.pools),
            "MACAddr": ":".join(h[i : i + 2] for i in range(0, 12, 2)),
            "Hostname": f"luxos-{h[:6]}",
            "SerialNumber": f"YNAH{h[:10].upper()}",
            "Model": f"Antminer {model}",
            "NameplateTHS": m.spec.nominal_ths,
            "Profile": "default",
            "RedLed": "off",
            "GreenLed": "auto",
            "CurtailMode": "Sleep" if s.idle else "None",
            "SystemStatus": "sleeping" if s.idle else "mining",
            "IsAtmEnabled": False,
            # The rest as the real LuxOS 2025.4.8 config prints it (tests/captures/luxos); the
            # driver reads none of it. The network keys are empty: the sim has no LAN.
            "BcastAddr": "",
            "ControlBoardType": "cvitek",
            "Cooling": "Air",
            "DHCP": True,
            "DNS Servers": "",
            "Device Code": "",
            "FPGABuildIdHex": "0x18351835",
            "FPGABuildIdStr": "2018-35-18 35:00",
            "FeeStatus": "Ok",
            "Gateway": "",
            "Hotplug": "None",
            "IPAddr": "",
            "ImmersionMode": False,
            "IsPowerSupplyOn": not s.idle,
            "IsSingleVoltage": True,
            "IsTuning": False,
            "Log Interval": 0,
            "LogFileLevel": "info",
            "Netmask": "",
            "OS": "LuxOS",
            "PGA Count": 0,
            "PSUHwVersion": "75",
            "PSULabel": "APW121215e",
            "ProfileStep": "0",
            "Strategy": "Failover",
            "UpdateOnStartup": "off",
            "UpdateOnTimeout": "off",
            "UpdateOnUser": "full",
            "UpdateSource": "https://storage.googleapis.com/luxor-firmware/stable",
            "UpdateTimeout": 60,
        }

    @staticmethod
    def _lux_dev(s: Sample, n: int) -> dict[str, Any]:
        b = s.boards[n]
        mhs = b.rate_ghs * 1000.0
        return (
            {
                "ASC": n,
                "Name": "BTM_SOC",
                "ID": n,
                "Enabled": "Y",
                "Status": "Alive" if b.present else "Dead",
                "Temperature": f2(float(max(b.pcb))),
                "MHS av": f2(mhs),
                "MHS 5s": f2(mhs),
                "MHS 1m": f2(mhs),
                "Nominal MHS": f2(b.ideal_ghs * 1000.0),
                "Board": "BHB56903",  # the board model, as a real LuxOS S19k Pro prints it
                "Connector": f"J{n + 7}",  # connector names J7..J9, not numbers
                "SerialNumber": f"JYZZ{s.miner_id[:8].upper()}{n}",
                "Profile": "default",
                "IsRamping": False,
                "IsUserShutdown": False,
                "ControllerIPVersionHex": "0x18351835",
                "ControllerIPVersionStr": "N/A",
                "Hardware Error MHS 15m": 0,
                "MHS 5m": f2(mhs),
                "MHS 15m": f2(mhs),
                "Hardware Errors": b.hw,
            }
            | device_counters(s, b, no_device_key=False)
        )  # cgminer's, as the real LuxOS devs

    @staticmethod
    def _events(s: Sample) -> list[dict[str, Any]]:
        created = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(s.when - min(s.elapsed, 300)))
        return [
            {
                "Id": n,
                "Code": "BOARD_NOT_DETECTED",
                "Description": f"Hashboard {b.index} was not detected",
                "CreatedAt": created,
                "Target": f"board {b.index}",
                "DocUrl": "",
            }
            for n, b in enumerate(b for b in s.boards if not b.present)
        ]
