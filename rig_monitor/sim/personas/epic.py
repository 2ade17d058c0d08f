"""ePIC PowerPlay (UMC control board on an Antminer): HTTP REST on the 4028-role port.

A raw ``{"command":…}`` on that port gets an HTTP 400, never a CGMiner reply; the dashboard on the
web port says "Miner Web Dashboard". Shapes follow PowerPlay-BMS 1.x ``/summary``,
``/capabilities``, ``/temps`` and ``/temps/chip`` (protocols.md §2.5; checked against the real
PowerPlay 1.5.13 replies in tests/captures/epic): per-board ``Hashrate`` is ``[MH/s, % of ideal,
…]``. Per-chip temperatures are all 0.0, as the captured S19 XP reports them.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from rig_monitor.sim.faults import FAULTS
from rig_monitor.sim.hardware import HardwareSpec
from rig_monitor.sim.personas.antminer import MODELS as ANTMINER_MODELS
from rig_monitor.sim.personas.base import HttpReply, Identity, Persona
from rig_monitor.sim.rig import Sample
from rig_monitor.sim.wire import Reply

SOFTWARE = "PowerPlay-BMS v1.5.13"
_INDEX = b"<!DOCTYPE html><html><head><title>Miner Web Dashboard</title></head><body></body></html>"
_JSON = {"Content-Type": "application/json"}
_UNSUPPORTED = frozenset({"missing_chips", "chip_x", "bad_password"})  # no chip status string
_BOARD_SENSORS = 2  # capabilities "Temp Sensor Info" Count on the captured S19 XP
_TUNERS = (
    ("VoltageOptimizer", "Voltage Optimizer"),
    ("ChipTune", "Chip Tune"),
    ("BoardTune", "Board Tune"),
)


class EpicPersona(Persona):
    id = "epic"
    model_weights: ClassVar[dict[str, float]] = {"S19j Pro": 60.0, "S19 XP": 40.0}

    def hardware(self, model: str | None) -> HardwareSpec:
        return ANTMINER_MODELS[self.check_model(model) or "S19j Pro"].spec

    def identity(self, model: str | None) -> Identity:
        return Identity("Antminer", self.check_model(model), "epic", SOFTWARE.split(" v")[1], "")

    def description(self, model: str | None) -> str:
        return SOFTWARE

    def services(self, model: str | None) -> frozenset[str]:
        return frozenset({"rpc", "http"})

    def rpc_speaks_http(self, model: str | None) -> bool:
        return True

    def supported_faults(self, model: str | None) -> frozenset[str]:
        return frozenset(FAULTS) - _UNSUPPORTED

    def reply(
        self, command: str, parameter: str | None, sample: Sample, model: str | None
    ) -> Reply | None:
        return None

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
        if method != "GET":
            return 200, dict(_JSON), b'{"result": false, "error": "read-only simulator"}'
        if path == "/summary":
            return 200, dict(_JSON), json.dumps(self.summary(sample, model)).encode()
        if path == "/capabilities":
            return 200, dict(_JSON), json.dumps(self.capabilities(sample, model)).encode()
        if path == "/temps":
            return 200, dict(_JSON), json.dumps(self.temps(sample)).encode()
        if path == "/temps/chip":
            return 200, dict(_JSON), json.dumps(self.chip_temps(sample, model)).encode()
        return None

    def capabilities(self, s: Sample, model: str | None) -> dict[str, Any]:
        spec = self.hardware(model)
        return {
            "Model": f"AntMiner {self.check_model(model)}",
            "Model Subtype": "BHB42601",
            "Chip Type": "BM1362",
            "Board Serial Numbers": [f"EP{s.miner_id[:8].upper()}{i}" for i in range(spec.boards)],
            "Control Board Version": {
                "somBoardVersion": "7.1.0",
                "carrierBoardVersion": "4.1.0",
                "cpuSerial": s.miner_id,
                "cpuHardware": "UMC",
            },
            "Default Clock": 485,
            "Default Voltage": 12900,
            "Default Hashrate": spec.nominal_ths,
            "Chips Per Bank": 10,
            "Max HBs": spec.boards,
            "Max Clock Configs": 1,
            "Coins": ["BTC"],
            "Display": ["ClksAndVoltage", "ShutdownTemp", "PerpetualTune"],
            "Tune Presets": [
                {
                    "voltage": 12300 + 200 * i,
                    "clk": 272 + 70 * i,
                    "hashrate": round(spec.nominal_ths * share, 1),
                    "power": round((spec.power_w or 0) * share),
                }
                for i, share in enumerate((0.6, 0.8, 1.0, 1.1))
            ],
            "PerpetualTune": [
                {
                    "algorithm": algo,
                    "name": name,
                    "description": f"{name} (simulated)",
                    "min": 60,
                    "max": 300,
                }
                for algo, name in _TUNERS
            ],
            "Temp Sensor Info": {"Type": "Board", "Count": _BOARD_SENSORS},
            "Psu Info": {"PSU Type": 118, "FW": 25, "Min Vout": 11877, "Max Vout": 15182},
            "Performance Estimator": {
                "Chip Count": spec.chips_per_board,
                "Hashes Per Second Per Chip": round(
                    spec.nominal_ths * 1000.0 / (spec.boards * (spec.chips_per_board or 1)), 1
                ),
            },
            "Voltage Estimator": {"Slope": 0.0041, "Y Intercept": 11.0},
        }

    def temps(self, s: Sample) -> list[dict[str, Any]]:
        """Every board slot, its board sensors coolest first (the last one is ``HBs`` Temperature)."""
        return [
            {
                "Index": b.index,
                "Data": [float(t) for t in sorted(b.pcb)[-_BOARD_SENSORS:]],
                "Total": 0.0,
            }
            for b in s.boards
        ]

    def chip_temps(self, s: Sample, model: str | None) -> list[dict[str, Any]]:
        """Enabled boards with one entry per chip, all 0.0 as the real S19 XP reports them."""
        chips = self.hardware(model).chips_per_board or 0
        return [
            {"Index": b.index, "Data": [0.0] * chips, "Total": 0.0} for b in s.boards if b.present
        ]

    def summary(self, s: Sample, model: str | None) -> dict[str, Any]:
        spec = self.hardware(model)
        load = s.rate_5s_ghs / s.ideal_ghs if s.ideal_ghs else 0.0
        power = round((spec.power_w or 0) * (0.03 + 0.97 * load), 1)
        hbs = [
            {
                "Index": b.index,
                "Input Voltage": 13.9,
                "Output Voltage": 13.6,
                "Input Current": 0.0,
                "Output Current": 0.0,
                "Input Power": round(power / spec.boards, 1),
                "Output Power": round(power / spec.boards * 0.96, 1),
                "Temperature": max(b.pcb),
                "Core Clock": [],
                "Core Clock Avg": b.freq_mhz,
                "Hashrate": [
                    round(b.rate_ghs * 1000.0, 2),
                    round(100.0 * b.rate_ghs / b.ideal_ghs, 2) if b.ideal_ghs else 0.0,
                ],
            }
            for b in s.boards
            if b.present
        ]
        pool = next((p for p in s.pools if p.active), s.pools[0])
        last_share = pool.last_share_time or s.when - s.elapsed  # none yet: since startup
        return {
            "Status": {
                "Operating State": "Idling" if s.idle else "Mining",
                "Last Error": None,
                "Last Command": None,  # no command since start (real PowerPlay 1.5.13)
                "Last Command Result": None,
            },
            "Hostname": "epic-" + s.miner_id[:4],
            "Software": SOFTWARE,
            "OS Type": "umcOS",
            "Mining": {"Coin": "BTC", "Algorithm": "SHA-256"},
            "PresetInfo": {"Target Power": spec.power_w or 0},
            "Stratum": {
                "Current Pool": pool.url,
                "Current User": pool.user,
                "IsPoolConnected": pool.active,
                "Config Id": pool.index,
                "Average Latency": 0.042,
                "Worker Unique Id": False,
                "Worker Unique Id Variant": "IpAddress",
            },
            "StratumConfigs": [{"pool": p.url, "login": p.user, "password": "x"} for p in s.pools],
            "Session": {
                "Startup Timestamp": s.when - s.elapsed,
                "Startup String": "",
                "Uptime": s.elapsed,
                "Last Work Timestamp": s.when,
                "Last Work Timer": 0,
                "WorkReceived": s.getworks,
                "Active HBs": len(hbs),
                "Average MHs": round(s.rate_avg_ghs * 1000.0, 2),
                "LastAverageMHs": {
                    "Hashrate": round(s.rate_5s_ghs * 1000.0, 2),
                    "Timestamp": s.when - s.when % 3600,
                },
                "Accepted": s.accepted,
                "Rejected": s.rejected,
                "Submitted": s.accepted + s.rejected,
                "Last Accepted Share Timestamp": last_share,
                "Last Accepted Share Timer": s.when - last_share,
                "Difficulty": float(s.pool_diff),
            },
            "HBs": hbs,
            "HBStatus": [
                {"Index": b.index, "Detected": b.present, "Enabled": True} for b in s.boards
            ],
            "Fans": {
                "Fans Speed": 60,
                "Fan Mode": {"Auto": {"Target Temperature": 60, "Idle Speed": 20}},
                "Minimum Working Fans": 0,
            },
            "Fans Rpm": {f"Fans Speed {i + 1}": rpm for i, rpm in enumerate(s.fans)},
            "Misc": {"Locate Miner State": False, "Critical Temp": 105.0, "Shutdown Temp": 110.0},
            # Not running: the driver would take its Target as the rating, and the sim's rating
            # is the hardware's ideal.
            "PerpetualTune": {
                "Running": False,
                "Algorithm": {
                    "VoltageOptimizer": {
                        "Optimized": False,
                        "Target": round(spec.nominal_ths),
                        "Throttle Target": None,
                        "Min Throttle Target": 50,
                        "Throttle Step": 5,
                        "Unit": "TH/s",
                    }
                },
            },
            "Power Supply Stats": {
                "Input Voltage": 230.0,
                "Output Voltage": 13.9,
                "Input Current": round(power / 230.0, 2),
                "Output Current": round(power / 13.9, 2),
                "Input Power": power,
                "Output Power": round(power * 0.94, 1),
                "Target Voltage": 13.9,
            },
            "HwConfig": {
                "Boards Target Clock": [
                    {"Index": b.index, "Data": float(round(b.freq_mhz))}
                    for b in s.boards
                    if b.present
                ]
            },
            "IdleOnConnectionLost": True,
            "Overdrive": False,
            "Disable Board On Failure": True,
            "Enable Boards On Idle": False,
            "Last License Error": None,
        }
