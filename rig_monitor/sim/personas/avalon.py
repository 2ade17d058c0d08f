"""Canaan Avalon (cgminer 4.11.1 fork): the machine's state packed into bracket strings.

``estats``/``stats`` carry one ``MM ID0`` string of ``Key[value]`` tokens (shapes from a real
A1566 capture); the Avalon Q prints the newer nested form (``"MM ID0:Summary": "'STATS':{…}"``
plus ``HBinfo``). Quirks: ``"nan"`` quoted where a number belongs (``devs`` Temperature) and, on
the A12 firmware, a ``summary`` reply whose first byte is a comma instead of ``{``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, ClassVar

from rig_monitor.sim.faults import FAULTS
from rig_monitor.sim.hardware import HardwareSpec
from rig_monitor.sim.personas.base import Identity, Persona
from rig_monitor.sim.personas.common import (
    cgminer_pool,
    pool_stats,
    summary_counters,
    total_mh,
    utility,
)
from rig_monitor.sim.personas.power import rig_spec, sample_watts
from rig_monitor.sim.rig import BoardSample, Sample
from rig_monitor.sim.wire import Reply, f2, f4, f6, f8

PSU_EFFICIENCY = 0.945  # PS[4] (PSU output) against WALLPOWER (input)


@dataclass(frozen=True, slots=True)
class AvalonModel:
    spec: HardwareSpec
    prod: str
    code: str  # VERSION MODEL
    version: str
    hwtype: str
    nested: bool = False  # Avalon Q: 'STATS':{…} blocks and HBinfo
    echu_ok: int = 0  # what ECHU shows for a healthy board on this generation
    leading_comma: bool = False  # summary arrives as `,"STATUS":…` (protocols.md §1.6 #8)


def _spec(boards: int, chips: int, ths: float, watts: float, fans: int, fan: int) -> HardwareSpec:
    return rig_spec(boards, chips, ths, watts, fans, fan, freq_mhz=340, chip_delta_c=10.0)


MODELS: dict[str, AvalonModel] = {
    "A1566-185": AvalonModel(
        _spec(3, 160, 185, 3420, 2, 4260),
        "AvalonMiner 1566-185",
        "1566-185",
        "24102401_25462b2_9ddf522",
        "MM4v2_X3",
    ),
    "A1246-90": AvalonModel(
        _spec(3, 120, 90, 3420, 4, 5400),
        "AvalonMiner 1246-90",
        "1246-90",
        "21042001_4ec6bb0_61407fa",
        "MM3v2_X3",
        echu_ok=512,
        leading_comma=True,
    ),
    "Q": AvalonModel(
        _spec(1, 160, 90, 1674, 4, 3200),
        "Avalon Q",
        "Q",
        "25052801_14a19a2",
        "Q_hb_v1.1",
        nested=True,
    ),
}

ECHU_DEAD = 1  # a board that does not answer


def _join(values: list[Any]) -> str:
    return " ".join(map(str, values))


@functools.lru_cache(maxsize=16)
def _work_counts(chips: int) -> str:
    """Each chip's work count, the same every reply: joined once per chip count."""
    return _join([20 + (c * 13) % 11 for c in range(chips)])


def chip_temps(b: BoardSample) -> list[int]:
    """One reading per chip, spread between the board's coolest and hottest sensor."""
    if not b.present or not b.chips:
        return []
    lo, hi = min(b.chip), max(b.chip)
    temps = [lo + (c * 7) % (hi - lo + 1) for c in range(b.chips)]
    temps[b.chips // 2] = hi
    return temps


@dataclass(slots=True)
class CommaReply(Reply):
    """A reply whose opening brace arrived as a comma."""

    def to_json(self) -> str:
        return "," + Reply.to_json(self)[1:]


class AvalonPersona(Persona):
    id = "avalon"
    model_weights: ClassVar[dict[str, float]] = {"A1566-185": 50.0, "A1246-90": 30.0, "Q": 20.0}

    def _m(self, model: str | None) -> AvalonModel:
        return MODELS[self.check_model(model) or "A1566-185"]

    def hardware(self, model: str | None) -> HardwareSpec:
        return self._m(model).spec

    def identity(self, model: str | None) -> Identity:
        return Identity("Avalon", model, "stock", self._m(model).version, "3.7")

    def description(self, model: str | None) -> str:
        return "cgminer 4.11.1"

    def supported_faults(self, model: str | None) -> frozenset[str]:
        return frozenset(FAULTS) - {"chip_x"}  # no per-chip status string

    def supports_multi(self, model: str | None) -> bool:
        return not self._m(model).leading_comma  # that build answers `+` with Invalid command

    def reply(
        self, command: str, parameter: str | None, sample: Sample, model: str | None
    ) -> Reply | None:
        m = self._m(model)

        def status(code: int, msg: str) -> dict[str, object]:
            return self.status(code, msg, model, when=sample.when)

        s = sample
        if command == "version":
            return Reply(status(22, "CGMiner versions"), "VERSION", [self._version(m, s)])
        if command == "summary":
            cls = CommaReply if m.leading_comma else Reply
            return cls(status(11, "Summary"), "SUMMARY", [self._summary(s)])
        if command == "devdetails":  # as a real Avalon Q answers it
            item = {
                "DEVDETAILS": 0,
                "Name": "AVALON",
                "ID": 0,
                "Driver": "avalon",
                "Kernel": "",
                "Model": "",
                "Device Path": "",
            }
            return Reply(status(69, "Device Details"), "DEVDETAILS", [item])
        if command in ("devs", "edevs"):
            return Reply(status(9, "1 ASC(s)"), "DEVS", [self._dev(s)])
        if command == "litestats" and m.nested:  # the Avalon Q's summary block alone (capture)
            summary, _ = self._blob(m, s)
            item = {"MM ID0:Summary": f"'STATS':{{{summary}}}"}
            return Reply(status(70, "CGMiner stats"), "STATS", [item])
        if command in ("stats", "estats"):
            items = [self._stats(m, s)]
            if command == "stats":  # cgminer lists its pools' stats after the device (captures)
                items += [pool_stats(s, n, n + 1) for n in range(len(s.pools))]
            return Reply(status(70, "CGMiner stats"), "STATS", items)
        if command == "pools":
            items = [cgminer_pool(s, p, vmask=False) for p in s.pools]
            return Reply(status(7, f"{len(items)} Pool(s)"), "POOLS", items)
        return None

    @staticmethod
    def _version(m: AvalonModel, s: Sample) -> dict[str, Any]:
        return {
            "CGMiner": "4.11.1",
            "API": "3.7",
            "STM8": "20.08.01",
            "PROD": m.prod,
            "MODEL": m.code,
            "HWTYPE": m.hwtype,
            "SWTYPE": "MM319",
            "VERSION": m.version,
            "LOADER": "d0d779de.00",
            "DNA": f"0201{s.miner_id[:12]}",
            "MAC": s.miner_id[4:16],
            "UPAPI": "2",
        }

    @staticmethod
    def _summary(s: Sample) -> dict[str, Any]:
        mhs, avg = s.rate_5s_ghs * 1000.0, s.rate_avg_ghs * 1000.0
        return {
            "Elapsed": s.elapsed,
            "MHS av": f2(avg),
            "MHS 30s": f2(mhs),
            "MHS 1m": f2(mhs),
            "MHS 5m": f2(avg),
            "MHS 15m": f2(avg),
        } | summary_counters(s)

    @staticmethod
    def _dev(s: Sample) -> dict[str, Any]:
        mhs = s.rate_5s_ghs * 1000.0
        return {
            "ASC": 0,
            "Name": "AVA10",
            "ID": 0,
            "Enabled": "Y",
            "Status": "Alive",
            # no sensor behind it: absolute zero on the 15-194 (MM4v2_X3, as the A1566), 0.00 on
            # the Q (real captures in tests/captures/avalon; none prints a quoted "nan" here)
            "Temperature": f2(-273.0),
            "MHS av": f2(s.rate_avg_ghs * 1000.0),
            "MHS 30s": f2(mhs),
            "MHS 1m": f2(mhs),
            "MHS 5m": f2(mhs),
            "MHS 15m": f2(mhs),
            "Accepted": s.accepted,
            "Rejected": s.rejected,
            "Hardware Errors": s.hw,
            # the one device is the whole miner: cgminer's per-device counters are its totals
            "Utility": f2(utility(s)),
            "Last Share Pool": 0,
            "Last Share Time": s.pools[0].last_share_time if s.pools else 0,
            "Total MH": f4(total_mh(s)),
            "Diff1 Work": s.diff1,
            "Difficulty Accepted": f8(float(s.accepted * s.pool_diff)),
            "Difficulty Rejected": f8(float(s.rejected * s.pool_diff)),
            "Last Share Difficulty": f8(float(s.pool_diff)),
            "Last Valid Work": s.when,
            "Device Hardware%": f4(s.hw_percent),
            "Device Rejected%": f4(s.rejected_percent),
            "Device Elapsed": s.elapsed,
        }

    def _stats(self, m: AvalonModel, s: Sample) -> dict[str, Any]:
        head: dict[str, Any] = {
            "STATS": 0,
            "ID": "AVA100",
            "Elapsed": s.elapsed,
            "Calls": 0,
            "Wait": f6(0.0),
            "Max": f6(0.0),
            "Min": f6(99999999.0),
        }
        summary, boards = self._blob(m, s)
        if m.nested:
            hb = " ".join(f"'HB{b.index}':{{{boards[b.index]}}}" for b in s.boards)
            head |= {"MM ID0:Summary": f"'STATS':{{{summary}}}", "HBinfo": hb}
        else:
            head["MM ID0"] = " ".join([summary, *boards])
        return head | {"MM Count": 1, "Smart Speed": 1, "Voltage Level Offset": 0, "Nonce Mask": 25}

    def _blob(self, m: AvalonModel, s: Sample) -> tuple[str, list[str]]:
        """The summary tokens, and each board's per-chip tokens."""
        live = [b for b in s.boards if b.present]
        chips = [t for b in live for t in b.chip]
        wall = sample_watts(m.spec, s)
        fans = {f"Fan{n + 1}": rpm for n, rpm in enumerate(s.fans)}
        # with every pool dead the firmware has no work and says "In Idle" too (issue 9): only
        # SoftOFF tells a sleep by design from a pool outage
        no_work = bool(s.pools) and all(p.status == "Dead" for p in s.pools)
        work = "In Idle" if s.idle or no_work else "In Work"
        inlet = 25 + s.when % 6
        tokens: dict[str, Any] = {
            "Ver": f"{m.code}-{m.version}",
            "DNA": f"0201{s.miner_id[:12]}",
            "NETFAIL": _join([0] * 8),
            "SYSTEMSTATU": f"Work: {work}, Hash Board: {len(live)} ",
            "Elapsed": s.elapsed,
            "BOOTBY": "0x01.00000000",
            "MH": _join([0] * len(s.boards)),
            "HW": s.hw,
            "DH": f"{s.hw_percent:.3f}%",
            ("ITemp" if m.nested else "Temp"): inlet,
            "TMax": max(chips, default=0),
            "TAvg": round(sum(chips) / len(chips)) if chips else 0,
            **fans,
            "FanR": "0%" if s.idle else "49%",
            "PS": _join([0, 1209, 1187, 297, round(wall * PSU_EFFICIENCY), 1188, wall]),
            "WALLPOWER": wall,
            "GHSspd": f"{s.rate_5s_ghs:.2f}",
            "DHspd": f"{s.hw_percent:.3f}%",
            "GHSmm": f"{s.ideal_ghs:.2f}",
            "GHSavg": f"{s.rate_avg_ghs:.2f}",
            "Freq": f"{m.spec.freq_mhz:.2f}",
            "Led": 0,
            "MGHS": _join([f"{b.rate_ghs:.2f}" for b in s.boards]),
            "MTmax": _join([max(b.chip) if b.present else 0 for b in s.boards]),
            "MTavg": _join([round(sum(b.chip) / 4) if b.present else 0 for b in s.boards]),
            "TA": sum(b.chips for b in s.boards),
            "Core": "A3197S",
            "SoftOFF": 4 if s.idle else 0,
            "ECHU": _join([m.echu_ok if b.present else ECHU_DEAD for b in s.boards]),
            "ECMM": 0,
            "CRC": _join([0] * len(s.boards)),
            "ATAOPTS0": f"--avalon10-freq {int(m.spec.freq_mhz)} --hash-asic {m.spec.chips_per_board}",
            "MPO": round((m.spec.power_w or 0) * 1.03),
            "WORKMODE": 1,
        }
        summary = " ".join(f"{k}[{v}]" for k, v in tokens.items())
        boards = []
        for b in s.boards:
            temps = chip_temps(b)
            boards.append(f"PVT_T{b.index}[{_join(temps)}] MW{b.index}[{_work_counts(len(temps))}]")
        return summary, boards
