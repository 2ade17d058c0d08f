"""Bitmain stock bmminer, legacy ``stats`` layout, quirks included.

All models use the flat legacy ``STATS[1]`` layout, even S19 XP/S21/T21 whose newer firmwares can
also answer ``new_api`` requests with ``chain[]`` objects: legacy is what every stock firmware serves
for a plain ``{"command":"stats"}``, and one layout keeps the persona simple.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rig_monitor.sim.hardware import HardwareSpec
from rig_monitor.sim.personas import antminer_web
from rig_monitor.sim.personas.base import HttpReply, Identity, Persona
from rig_monitor.sim.personas.common import (
    device_counters,
    pool_difficulties,
    pool_head,
    pool_rejected_percent,
    pool_stale_percent,
    stratum_host,
    summary_counters,
)
from rig_monitor.sim.rig import BoardSample, Sample
from rig_monitor.sim.wire import Reply, f2, f4


@dataclass(frozen=True, slots=True)
class AntminerModel:
    spec: HardwareSpec
    miner: str  # the "Miner" version string
    compile_time: str
    bmminer: str = "1.0.0"
    first_chain: int = 1  # S9-era firmware numbers its chains 6..8
    chain_slots: int = 4  # chain_* keys printed, empty for absent chains
    fan_slots: tuple[int, ...] = (1, 2, 3, 4)  # which fanN keys carry the real fans
    fan_keys: int = 4
    string_ghs_5s: bool = False  # S9 prints "GHS 5s" as a string
    sensor_strings: bool = True  # temp_pcbN/temp_chipN "a-b-c-d"; S9 has only tempN/temp2_N
    multi_command: bool = True  # False: this firmware answers `a+b` with "Invalid command"
    soc_id: str = "BTM_SOC0"


def _spec(
    chips: int,
    ths: float,
    watts: float,
    freq: float,
    fan: int,
    pcb: float,
    group: int,
    fans: int = 4,
) -> HardwareSpec:
    return HardwareSpec(
        boards=3,
        chips_per_board=chips,
        fans=fans,
        nominal_ths=ths,
        power_w=watts,
        freq_mhz=freq,
        fan_rpm=fan,
        pcb_temp_c=pcb,
        chip_delta_c=5.0,
        acs_group=group,
    )


MODELS: dict[str, AntminerModel] = {
    "S9": AntminerModel(
        spec=_spec(63, 13.5, 1323, 650, 5400, 62, 8, fans=2),
        miner="16.8.1.3",
        compile_time="Fri Nov 17 17:37:49 CST 2017",
        bmminer="2.0.0",
        first_chain=6,
        chain_slots=16,
        fan_slots=(3, 6),
        fan_keys=8,
        string_ghs_5s=True,
        sensor_strings=False,
        soc_id="BC50",
    ),
    # Some S19 stock firmwares refuse multi-command requests (pyasic notes it): the client's fallback
    # to one request per command is tested against this model.
    "S19": AntminerModel(
        spec=_spec(76, 95, 3250, 650, 5880, 68, 4),
        miner="49.0.1.3",
        compile_time="Mon Mar 15 18:27:43 CST 2021",
        multi_command=False,
    ),
    "S19 Pro": AntminerModel(
        spec=_spec(114, 110, 3250, 675, 5880, 68, 3),
        miner="49.0.1.3",
        compile_time="Tue Jun  8 14:02:07 CST 2021",
    ),
    "S19j Pro": AntminerModel(
        spec=_spec(126, 100, 3068, 525, 5820, 68, 3),
        miner="49.0.1.3",
        compile_time="Sat May 15 21:17:18 CST 2021",
    ),
    "S19 XP": AntminerModel(
        spec=_spec(110, 140, 3010, 490, 5700, 66, 10),
        miner="uart_trans.1.3",
        compile_time="Tue Dec  6 16:12:30 CST 2022",
    ),
    "S21": AntminerModel(
        spec=_spec(108, 200, 3500, 490, 5400, 64, 9),
        miner="uart_trans.1.3",
        compile_time="Thu Nov 30 11:05:21 CST 2023",
    ),
    "T21": AntminerModel(
        spec=_spec(108, 190, 3610, 490, 5460, 65, 9),
        miner="uart_trans.1.3",
        compile_time="Fri Apr 12 10:41:55 CST 2024",
    ),
}


def _dash(values: list[int]) -> str:
    return "-".join(map(str, values))


# "fan1", "temp2_3", "chain_acs4"…: the numbered STATS keys built once, not at every reply (the
# same string objects reply after reply also make the renderer's template lookup cheaper).
_KEY: dict[str, tuple[str, ...]] = {
    key: tuple(f"{key}{n}" for n in range(17))
    for key in (
        "fan", "temp", "temp2_", "temp_pcb", "temp_chip", "temp_pic",
        "chain_acn", "chain_acs", "chain_hw", "chain_rate", "freq",
    )
}  # fmt: skip


def _since(now: int, then: int) -> str:
    """bmminer prints Last Share Time as time since the share, "H:MM:SS"."""
    if not then:
        return "0"
    s = max(0, now - then)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


def _diff_label(diff: int) -> str:
    if diff >= 1_000_000:
        return f"{diff / 1_000_000:.3g}M"
    if diff >= 1000:
        return f"{diff / 1000:.3g}K"
    return str(diff)


class AntminerPersona(Persona):
    id = "antminer"
    model_weights: ClassVar[dict[str, float]] = {
        "S19j Pro": 30.0,
        "S21": 22.0,
        "S19 XP": 18.0,
        "S19": 8.0,
        "S19 Pro": 8.0,
        "T21": 8.0,
        "S9": 6.0,
    }

    def _m(self, model: str | None) -> AntminerModel:
        return MODELS[self.check_model(model) or "S19j Pro"]

    def hardware(self, model: str | None) -> HardwareSpec:
        return self._m(model).spec

    def identity(self, model: str | None) -> Identity:
        m = self._m(model)
        return Identity("Antminer", model, "stock", m.bmminer, "3.1")

    def description(self, model: str | None) -> str:
        return f"bmminer {self._m(model).bmminer}"

    def supports_multi(self, model: str | None) -> bool:
        return self._m(model).multi_command

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
        m = self._m(model)
        return antminer_web.render(
            path=path,
            method=method,
            headers=headers,
            sample=sample,
            type_text=f"Antminer {model}",
            miner_version=m.miner,
            compile_time=m.compile_time,
            full_json=m.sensor_strings,  # S9-era web UI: only system info and config in JSON
        )

    def reply(
        self, command: str, parameter: str | None, sample: Sample, model: str | None
    ) -> Reply | None:
        m = self._m(model)
        when = sample.when
        if command == "version":
            return Reply(
                self.status(22, "BMMiner versions", model, when=when),
                "VERSION",
                [self._header(m, model) | {"API": "3.1"}],
                text_prefix=True,
            )
        if command == "summary":
            return Reply(
                self.status(11, "Summary", model, when=when),
                "SUMMARY",
                [self._summary(m, sample)],
                text_prefix=True,
            )
        if command == "stats":
            return Reply(
                self.status(70, "CGMiner stats", model, when=when),
                "STATS",
                [self._header(m, model), self._stats(m, sample)],
                glued_items=True,
            )
        if command == "pools":
            items = [self._pool(sample, n) for n in range(len(sample.pools))]
            return Reply(self.status(7, f"{len(items)} Pool(s)", model, when=when), "POOLS", items)
        if command == "devs":
            items = [self._dev(sample, b) for b in sample.boards]
            return Reply(self.status(9, f"{len(items)} ASC(s)", model, when=when), "DEVS", items)
        return None

    @staticmethod
    def _header(m: AntminerModel, model: str | None) -> dict[str, Any]:
        return {
            "BMMiner": m.bmminer,
            "Miner": m.miner,
            "CompileTime": m.compile_time,
            "Type": f"Antminer {model}",
        }

    def _summary(self, m: AntminerModel, s: Sample) -> dict[str, Any]:
        ghs_5s: Any = f"{s.rate_5s_ghs:.2f}" if m.string_ghs_5s else f2(s.rate_5s_ghs)
        out: dict[str, Any] = {"Elapsed": s.elapsed, "GHS 5s": ghs_5s, "GHS av": f2(s.rate_avg_ghs)}
        if not m.string_ghs_5s:
            out["GHS 30m"] = f2(s.rate_30m_ghs)
        return out | summary_counters(s, self.getworks_key)

    @staticmethod
    def _stats(m: AntminerModel, s: Sample) -> dict[str, Any]:
        slot = {b.index + m.first_chain: b for b in s.boards}
        slots = range(1, m.chain_slots + 1)
        fan_values = dict(zip(m.fan_slots, s.fans, strict=True))
        out: dict[str, Any] = {
            "STATS": 0,
            "ID": m.soc_id,
            "Elapsed": s.elapsed,
            "Calls": 0,
            "Wait": 0,
            "Max": 0,
            "Min": 99999999,
            "GHS 5s": f"{s.rate_5s_ghs:.2f}" if m.string_ghs_5s else f2(s.rate_5s_ghs),
            "GHS av": f2(s.rate_avg_ghs),
        }
        if not m.string_ghs_5s:
            out["rate_30m"] = f2(s.rate_30m_ghs)
            out["Mode"] = 2
        present = [b for b in s.boards if b.present]
        out["miner_count"] = len(present)
        out["frequency"] = int(m.spec.freq_mhz)
        out["fan_num"] = sum(1 for f in s.fans if f > 0)
        for n in range(1, m.fan_keys + 1):
            out[_KEY["fan"][n]] = fan_values.get(n, 0)
        out["temp_num"] = len(present)
        if m.sensor_strings:
            for b in s.boards:
                n = b.index + m.first_chain
                out[_KEY["temp"][n]] = max(b.pcb)
                out[_KEY["temp2_"][n]] = max(b.chip)
            for key, attr in (("temp_pcb", "pcb"), ("temp_chip", "chip"), ("temp_pic", "pic")):
                for n in slots:
                    board = slot.get(n)
                    out[_KEY[key][n]] = _dash(getattr(board, attr)) if board else "0-0-0-0"
        else:
            for n in slots:
                board = slot.get(n)
                out[_KEY["temp"][n]] = max(board.pcb) if board else 0
            for n in slots:
                board = slot.get(n)
                out[_KEY["temp2_"][n]] = max(board.chip) if board else 0
        out["total_rateideal"] = f2(s.ideal_ghs)
        out["rate_unit"] = "GH"
        out["total_freqavg"] = int(m.spec.freq_mhz)
        out["total_acn"] = sum(b.chips for b in s.boards)
        out["total rate"] = f2(s.rate_avg_ghs)
        out["temp_max"] = 0
        out["no_matching_work"] = s.hw
        for key, value in (
            ("chain_acn", lambda b: b.chips),
            ("chain_acs", lambda b: b.acs),
            ("chain_hw", lambda b: b.hw),
            ("chain_rate", lambda b: f"{b.rate_ghs:.2f}"),
        ):
            for n in slots:
                board = slot.get(n)
                empty: Any = "" if key in ("chain_acs", "chain_rate") else 0
                out[_KEY[key][n]] = value(board) if board else empty
        for n in slots:
            board = slot.get(n)
            out[_KEY["freq"][n]] = int(board.freq_mhz) if board else 0
        out["miner_version"] = m.miner
        out["miner_id"] = s.miner_id
        return out

    # LuxOS keeps bmminer's pools reply but spells two keys its own way (real captures)
    getworks_key: ClassVar[str] = "Getwork"  # sic: bmminer (real S19 Pro, L9 summaries)
    long_poll_key: ClassVar[str] = "Long Poll"
    pool_stale_key: ClassVar[str] = "Pool Stale%%"  # sic: real bmminer key

    def _pool(self, s: Sample, n: int) -> dict[str, Any]:
        p = s.pools[n]
        return {
            **pool_head(s, p, works_key=False, long_poll_key=self.long_poll_key),
            "Last Share Time": _since(s.when, p.last_share_time),
            "Diff": _diff_label(p.diff),
            "Diff1 Shares": 0,
            "Proxy Type": "",
            "Proxy": "",
            **pool_difficulties(p),
            "Has Stratum": True,
            "Stratum Active": p.active,
            "Stratum URL": stratum_host(p.url) if p.active else "",
            "Has GBT": False,
            "Best Share": s.best_share if p.active else 0,
            "Pool Rejected%": f4(pool_rejected_percent(p)),
            self.pool_stale_key: f4(pool_stale_percent(p)),
        }

    @staticmethod
    def _dev(s: Sample, b: BoardSample) -> dict[str, Any]:
        return {
            "ASC": b.index,
            "Name": "BTM_SOC",
            "ID": b.index,
            "Enabled": "Y",
            "Status": "Alive",
            "Tenperature": f2(float(max(b.chip))),  # sic: real bmminer key
            "MHS av": f2(b.rate_ghs * 1000.0),
            "MHS 5s": f2(b.rate_ghs * 1000.0),
        } | device_counters(s, b, no_device_key=False)


class AntminerWebOnlyPersona(AntminerPersona):
    """Newer stock firmware with the 4028 API switched off: everything is read over the web."""

    id = "antminer-web"
    # The JSON CGI web UI came with the X19 generation; S9-era firmware never had it.
    model_weights: ClassVar[dict[str, float]] = {
        "S21": 35.0,
        "S19 XP": 25.0,
        "S19j Pro": 25.0,
        "T21": 15.0,
    }

    def services(self, model: str | None) -> frozenset[str]:
        return frozenset({"http"})
