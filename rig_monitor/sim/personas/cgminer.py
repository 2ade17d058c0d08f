"""Generic cgminer 4.11.1 (shapes copied from the real captures) and bfgminer, both in MH/s."""

from __future__ import annotations

from typing import Any, ClassVar

from rig_monitor.sim.faults import FAULTS
from rig_monitor.sim.hardware import HardwareSpec
from rig_monitor.sim.personas.base import Identity, Persona
from rig_monitor.sim.personas.common import (
    device_counters,
    pool_difficulties,
    pool_head,
    pool_rejected_percent,
    pool_stale_percent,
    pool_stats,
    stratum_host,
    summary_counters,
)
from rig_monitor.sim.rig import Sample
from rig_monitor.sim.wire import Reply, f2, f4, f8

# Two ASC devices of a small generic SHA-256 rig: enough for devs to carry hashrate.
GENERIC_SPEC = HardwareSpec(
    boards=2,
    chips_per_board=None,
    fans=0,
    nominal_ths=14.0,
    power_w=None,
    freq_mhz=600,
    fan_rpm=0,
    pcb_temp_c=58,
    chip_delta_c=8.0,
)

# No chip status string, no fans, no sleep mode: those faults cannot show on this firmware.
_UNSUPPORTED = frozenset(
    {"missing_chips", "chip_x", "fan_stopped", "idle", "fan_flaky", "chips_fading"}
)


class CgminerPersona(Persona):
    id = "cgminer"
    version_key: ClassVar[str] = "CGMiner"
    version: ClassVar[str] = "4.11.1"
    api: ClassVar[str] = "3.7"
    # cgminer names its rolling rate after --log-interval (5 s); bfgminer uses 20 s.
    rate_keys: ClassVar[tuple[str, ...]] = ("MHS 5s", "MHS 1m", "MHS 5m", "MHS 15m")
    device_name: ClassVar[str] = "BM1"
    reports_nominal = False

    def hardware(self, model: str | None) -> HardwareSpec:
        self.check_model(model)
        return GENERIC_SPEC

    def identity(self, model: str | None) -> Identity:
        return Identity(None, None, self.id, self.version, self.api)

    def description(self, model: str | None) -> str:
        return f"{self.id} {self.version}"

    def version_fields(self) -> dict[str, object]:
        return {self.version_key: self.version, "API": self.api}

    def supported_faults(self, model: str | None) -> frozenset[str]:
        return frozenset(FAULTS) - _UNSUPPORTED

    def pools(self, seed: int, worker: str) -> list[tuple[str, str]]:
        return super().pools(seed, worker)[:2]

    def reply(
        self, command: str, parameter: str | None, sample: Sample, model: str | None
    ) -> Reply | None:
        when = sample.when

        def status(code: int, msg: str, letter: str = "S") -> dict[str, object]:
            return self.status(code, msg, model, letter=letter, when=when)

        if command == "version":
            version = self.version_fields()
            return Reply(
                status(22, f"{self.version_key} versions"), "VERSION", [version], text_prefix=True
            )
        if command == "summary":
            return Reply(
                status(11, "Summary"), "SUMMARY", [self._summary(sample)], text_prefix=True
            )
        if command == "pools":
            items = [self._pool(sample, n) for n in range(len(sample.pools))]
            return Reply(status(7, f"{len(items)} Pool(s)"), "POOLS", items)
        if command == "devs":
            items = [self._dev(sample, n) for n in range(len(sample.boards))]
            return Reply(status(9, f"{len(items)} ASC(s)"), "DEVS", items)
        if command == "devdetails":
            items = [
                {
                    "DEVDETAILS": n,
                    "Name": self.device_name,
                    "ID": n,
                    "Driver": "bitmain",
                    "Kernel": "",
                    "Model": "",
                    "Device Path": "",
                }
                for n in range(len(sample.boards))
            ]
            return Reply(status(69, "Device Details"), "DEVDETAILS", items)
        if command in ("stats", "estats"):
            return Reply(status(70, "CGMiner stats"), "STATS", [pool_stats(sample, 0, 0)])
        if command == "config":
            item: dict[str, Any] = {
                "ASC Count": len(sample.boards),
                "PGA Count": 0,
                "Pool Count": len(sample.pools),
                "Strategy": "Failover",
                "Log Interval": 5,
                "Device Code": "BFL ICA ",
                "OS": "Linux",
                "Hotplug": 5,
            }
            return Reply(status(33, "CGMiner config"), "CONFIG", [item], text_prefix=True)
        if command == "check":
            if not parameter:
                return Reply(status(71, "Missing check cmd", "E"))
            return Reply(
                status(72, "Check command"),
                "CHECK",
                [{"Exists": "Y", "Access": "Y"}],
                text_prefix=True,
            )
        return None

    def _rates(self, mhs: float) -> dict[str, Any]:
        return {key: f2(mhs) for key in self.rate_keys}

    def _summary(self, s: Sample) -> dict[str, Any]:
        return (
            {"Elapsed": s.elapsed, "MHS av": f2(s.rate_avg_ghs * 1000.0)}
            | self._rates(s.rate_5s_ghs * 1000.0)
            | summary_counters(s)
        )

    def _pool(self, s: Sample, n: int) -> dict[str, Any]:
        p = s.pools[n]
        return {
            **pool_head(s, p, works_key=True),
            "Last Share Time": p.last_share_time,
            "Diff1 Shares": s.diff1 if p.active else 0,
            "Proxy Type": "",
            "Proxy": "",
            **pool_difficulties(p),
            "Work Difficulty": f8(float(p.diff)),
            "Has Stratum": True,
            "Stratum Active": p.active,
            "Stratum URL": stratum_host(p.url) if p.active else "",
            "Stratum Difficulty": f8(float(p.diff)),
            "Has Vmask": False,
            "Has GBT": False,
            "Best Share": s.best_share if p.active else 0,
            "Pool Rejected%": f4(pool_rejected_percent(p)),
            "Pool Stale%": f4(pool_stale_percent(p)),
            "Bad Work": 0,
            "Current Block Height": 850000 + s.when // 600 % 100000,
            "Current Block Version": 536870912,
        }

    def _dev(self, s: Sample, n: int) -> dict[str, Any]:
        b = s.boards[n]
        mhs = b.rate_ghs * 1000.0
        return (
            {
                "ASC": n,
                "Name": self.device_name,
                "ID": n,
                "Enabled": "Y",
                "Status": "Alive" if b.present else "Dead",
                "Temperature": f2(float(max(b.chip))),
                "MHS av": f2(mhs),
            }
            | self._rates(mhs)
            | device_counters(s, b, no_device_key=True)
        )


class BfgminerPersona(CgminerPersona):
    id = "bfgminer"
    version_key = "BFGMiner"
    version = "5.5.0"
    api = "3.1"
    rate_keys = ("MHS 20s",)

    def version_fields(self) -> dict[str, object]:
        """bfgminer's api.c apiversion(): "Miner" = "bfgminer 5.5.0", then "CGMiner" = "5.5.0"
        for cgminer compatibility; it never sends a "BFGMiner" key."""
        return {"Miner": f"{self.id} {self.version}", "CGMiner": self.version, "API": self.api}
