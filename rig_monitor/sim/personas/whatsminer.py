"""MicroBT Whatsminer (btminer): API v1/v2 on 4028 with its real quirks, API v3 on 4433.

Quirks reproduced, one firmware each (protocols.md §1.6): trailing commas and a raw newline
(2021 builds), the ``""temp0`` missing comma (20230106), a stray 0xaa byte (2024 builds, the
``UnicodeDecodeError`` of pyasic PR #383). btminer's own ``get_*``/``status`` commands answer in a
flat envelope (``STATUS`` a string, ``Msg`` an object, Code 131). Firmware from 2024-11 on closes
4028 and speaks only v3: length-prefixed frames with TH/s figures.
Error codes are derived from what the sample shows (a missing board is code 53X, …), as the
firmware derives them from what it measures.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Any, ClassVar

from rig_monitor.sim.faults import FAULTS
from rig_monitor.sim.hardware import HardwareSpec
from rig_monitor.sim.personas.base import Identity, Persona
from rig_monitor.sim.personas.common import cgminer_pool, device_counters, summary_counters
from rig_monitor.sim.personas.power import rig_spec, sample_watts
from rig_monitor.sim.rig import BoardSample, Sample
from rig_monitor.sim.wire import Reply, encode, f2

NEWLINE = "@@NL@@"  # placeholders the renderer swaps for what JSON encoding would escape
BAD_BYTE = "@@AA@@"  # becomes a lone 0xaa byte on the wire (surrogateescape)
OK_CODE = 131


@dataclass(frozen=True, slots=True)
class WhatsminerModel:
    spec: HardwareSpec
    fw_ver: str  # get_version fw_ver; summary prints it wrapped in single quotes
    api_ver: str
    platform: str
    trailing_commas: bool = False
    raw_newline: bool = False
    missing_comma: bool = False
    bad_byte: bool = False
    # btminer up to 2022 (real 20210322 and 20220919 captures in asic-rs): status says
    # "Firmware Version" and "btmineroff" ("true" even while hashing), get_version has no
    # platform, summary no Env Temp/Power Rate/temp0 and devs no per-board Factory GHS. Later
    # firmware uses the API v2 document's names (FirmwareVersion, mineroff, mineroff_reason).
    legacy_keys: bool = False
    v3_only: bool = False  # firmware >= 2024-11: 4028 closed, API v3 on 4433
    # firmware from late 2024 that keeps a reduced legacy API on 4028 (get_version, a summary
    # without hashrate or temperatures, empty devdetails) and serves the data on v3 (issue 9)
    reduced_legacy: bool = False


def _spec(chips: int, ths: float, watts: float, fan: int) -> HardwareSpec:
    # air-cooled Whatsminers: boards ~66 °C, chip sensors ~82 °C when healthy (faults.md §1:
    # healthy air-cooled chips read up to about 90 °C; pyasic issue #229: a 72 °C M50 board)
    return rig_spec(3, chips, ths, watts, 2, fan, pcb_temp_c=66, chip_delta_c=16.0)


MODELS: dict[str, WhatsminerModel] = {
    "M30S+_VE40": WhatsminerModel(
        _spec(156, 100, 3400, 5400),
        "20210322.22.REL",
        "2.0.3",
        "H6OS",
        trailing_commas=True,
        raw_newline=True,
        legacy_keys=True,
    ),
    "M50S_VH30": WhatsminerModel(
        _spec(156, 126, 3276, 6600), "20230106.11.REL", "2.0.4", "H616", missing_comma=True
    ),
    "M60S_VL30": WhatsminerModel(
        _spec(172, 186, 3440, 6900), "20240822.18.REL", "2.0.5", "H616", bad_byte=True
    ),
    "M60_VK40": WhatsminerModel(
        _spec(180, 172, 3420, 6900), "20250214.16.Rel2", "3.0.2", "H616", v3_only=True
    ),
    "M60S_VL20": WhatsminerModel(
        _spec(164, 186, 3440, 6900), "20241118.20.Rel1", "2.0.5", "H616", reduced_legacy=True
    ),
}


_REDUCED_SUMMARY = frozenset(
    {"Elapsed", "Accepted", "Rejected", "Stale", "Uptime", "Power Mode", "Firmware Version"}
)


def fault_codes(s: Sample, spec: HardwareSpec) -> list[str]:
    """The codes btminer would raise for what the sample shows (faults.md §2.2)."""
    codes: list[str] = []
    if s.idle:
        return codes
    for b in s.boards:
        if not b.present:
            codes.append(f"53{b.index}")  # slot X not found
        elif max(b.chip) >= 150:
            codes.append(f"32{b.index}")  # slot X temperature reading error (a dead sensor)
        elif max(b.chip) >= 95:
            codes.append(f"35{b.index}")  # slot X temperature protection
    for n, rpm in enumerate(s.fans[:2]):
        if rpm == 0:
            codes.append(str(110 + n))  # intake / exhaust fan speed error
    if all(b.present for b in s.boards) and s.rate_5s_ghs < 0.8 * s.ideal_ghs:
        codes.append("2310")  # hashrate too low
    return codes


def _stamp(unix: int) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(unix))


@dataclass(slots=True)
class BtminerReply(Reply):
    """A normal reply, printed with this firmware's defects."""

    trailing_commas: bool = False
    edits: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> str:
        text = Reply.to_json(self)
        if self.trailing_commas:  # `,}` closing every list item
            text = re.sub(r"}(?=,\{|\],\"id\")", ",}", text)
        for old, new in self.edits:
            text = text.replace(old, new)
        return text


@dataclass(slots=True)
class FlatReply(Reply):
    """btminer's own envelope: ``{"STATUS":"S","When":…,"Code":131,"Msg":{…},"Description":""}``."""

    msg: Any = None

    def to_json(self) -> str:
        return encode({**self.status, "Msg": self.msg})


class WhatsminerPersona(Persona):
    id = "whatsminer"
    model_weights: ClassVar[dict[str, float]] = {
        "M30S+_VE40": 35.0,
        "M50S_VH30": 30.0,
        "M60S_VL30": 20.0,
        "M60_VK40": 15.0,
        "M60S_VL20": 0.0,  # only on request: the reduced-legacy firmware
    }
    # No chip status string; sleep is `power_off`, shown as status mineroff.
    unsupported: ClassVar[frozenset[str]] = frozenset({"chip_x"})

    def _m(self, model: str | None) -> WhatsminerModel:
        return MODELS[self.check_model(model) or "M30S+_VE40"]

    def hardware(self, model: str | None) -> HardwareSpec:
        return self._m(model).spec

    def identity(self, model: str | None) -> Identity:
        m = self._m(model)
        return Identity("Whatsminer", model, "stock", m.fw_ver, m.api_ver)

    def description(self, model: str | None) -> str:
        return "btminer"

    def supported_faults(self, model: str | None) -> frozenset[str]:
        return frozenset(FAULTS) - self.unsupported

    def batchable(self, command: str, model: str | None) -> bool:
        return not (command.startswith("get_") or command == "status")

    def services(self, model: str | None) -> frozenset[str]:
        m = self._m(model)
        if m.v3_only:
            return frozenset({"btminer_v3"})
        return frozenset({"rpc", "btminer_v3"}) if m.reduced_legacy else frozenset({"rpc"})

    # --- API v1/v2 on 4028 -----------------------------------------------------------------

    def reply(
        self, command: str, parameter: str | None, sample: Sample, model: str | None
    ) -> Reply | None:
        m = self._m(model)
        when = sample.when

        def status(code: int, msg: str) -> dict[str, object]:
            return self.status(code, msg, model, when=when)

        def quirky(code: int, msg: str, section: str, items: list[dict[str, Any]]) -> Reply:
            edits = [(NEWLINE, "\n"), (BAD_BYTE, "\udcaa")]
            if m.missing_comma:
                edits.append((',"temp0"', '"temp0"'))
            return BtminerReply(
                status(code, msg),
                section,
                items,
                trailing_commas=m.trailing_commas,
                edits=tuple(edits),
            )

        if command == "version":
            return Reply(
                status(22, "CGMiner versions"), "VERSION", [{"CGMiner": "4.9.2", "API": "3.7"}]
            )
        if command == "summary":
            summary = self._summary(m, sample)
            if m.reduced_legacy:  # counters only: no hashrate, no temperatures
                summary = {k: v for k, v in summary.items() if k in _REDUCED_SUMMARY}
            return quirky(11, "Summary", "SUMMARY", [summary])
        if m.reduced_legacy and command in ("devs", "edevs", "devdetails"):
            return quirky(9, "0 ASC(s)", "DEVS" if command != "devdetails" else "DEVDETAILS", [])
        if command in ("devs", "edevs"):
            boards = [b for b in sample.boards if b.present or command == "devs"]
            items = [self._dev(m, sample, b) for b in boards]
            return quirky(9, f"{len(items)} ASC(s)", "DEVS", items)
        if command == "devdetails":
            items = [
                {
                    "DEVDETAILS": b.index,
                    "Name": "SM",
                    "ID": b.index,
                    "Driver": "bitmicro",
                    "Kernel": BAD_BYTE if m.bad_byte else "",
                    "Model": model,
                }
                for b in sample.boards
            ]
            return quirky(69, "Device Details", "DEVDETAILS", items)
        if command == "pools":
            items = [self._pool(sample, n) for n in range(len(sample.pools))]
            return quirky(7, f"{len(items)} Pool(s)", "POOLS", items)
        flat = self._flat(m, command, sample)
        if flat is None:
            return None
        return FlatReply(status(OK_CODE, ""), msg=flat)

    def _flat(self, m: WhatsminerModel, command: str, s: Sample) -> dict[str, Any] | None:
        if command == "get_version":
            version = {"api_ver": m.api_ver, "fw_ver": m.fw_ver}
            return version if m.legacy_keys else version | {"platform": m.platform}
        if command == "get_miner_info":
            return {
                "ip": "",
                "proto": "dhcp",
                "netmask": "255.255.255.0",
                "dns": "",
                "mac": _mac(s),
                "ledstat": "auto",
                "hostname": f"WhatsMiner{s.miner_id[:4]}",
                "minersn": f"HTM3{s.miner_id[:12].upper()}",
            }
        if command == "status":
            if m.legacy_keys:  # "true" while hashing, as the real 20210322 status says
                return {"btmineroff": "true", "Firmware Version": f"'{m.fw_ver}'"}
            off = "true" if s.idle else "false"
            return {"mineroff": off, "mineroff_reason": "", "FirmwareVersion": f"'{m.fw_ver}'"}
        if command == "get_psu":  # the PSU of the real 2021 capture
            return {
                "name": "P21",
                "model": "P21-12-3600-E",
                "hw_version": "",
                "sw_version": "102220.009",
            }
        if command == "get_error_code" and m.api_ver >= "2.0.1":
            since = _stamp(s.when - min(s.elapsed, 600))
            return {"error_code": [{code: since} for code in fault_codes(s, m.spec)]}
        return None

    def _summary(self, m: WhatsminerModel, s: Sample) -> dict[str, Any]:
        codes = fault_codes(s, m.spec)
        chips = [t for b in s.boards if b.present for t in b.chip]
        mhs = s.rate_5s_ghs * 1000.0
        out: dict[str, Any] = {
            "Elapsed": s.elapsed,
            "MHS av": f2(s.rate_avg_ghs * 1000.0),
            "MHS 5s": f2(mhs),
            "MHS 1m": f2(mhs),
            "MHS 5m": f2(s.rate_avg_ghs * 1000.0),
            "MHS 15m": f2(s.rate_avg_ghs * 1000.0),
            "HS RT": f2(mhs),
        }
        counters = summary_counters(s)
        out |= {k: v for k, v in counters.items() if k in _SUMMARY_COUNTERS}
        out |= {
            "Temperature": f2(float(max((max(b.pcb) for b in s.boards if b.present), default=0))),
            "freq_avg": int(m.spec.freq_mhz),
            "Fan Speed In": s.fans[0],
            "Fan Speed Out": s.fans[1],
            "Power": sample_watts(m.spec, s),
            "Power_RT": sample_watts(m.spec, s),
            "Power Current": round(sample_watts(m.spec, s) / 13.0),
            "Power Fanspeed": 9060,
            "Voltage": 1180,
            "Uptime": s.elapsed + 95,
            "Hash Stable": True,
            "Hash Stable Cost Seconds": min(s.elapsed, 1538),
            "Hash Deviation%": 0.1,
            "Target Freq": int(m.spec.freq_mhz),
            "Target MHS": f2(s.ideal_ghs * 1000.0),
            "Power Rate": f2(sample_watts(m.spec, s) / max(s.rate_5s_ghs / 1000.0, 0.001)),
            "Env Temp": f2(25.0 + (s.when % 7) / 2),
            "Power Mode": "Normal",
            "temp0": f2(float(max(s.boards[0].pcb))),  # right after Power Mode (20230106 quirk)
            "Factory GHS": round(m.spec.nominal_ths * 1000),
            "Power Limit": round((m.spec.power_w or 0) * 1.05),
            "Chip Temp Min": f2(float(min(chips, default=0))),
            "Chip Temp Max": f2(float(max(chips, default=0))),
            "Chip Temp Avg": f2(sum(chips) / len(chips) if chips else 0.0),
            "CB Platform": "ALLWINNER_" + m.platform,
            "CB Version": "V10" + (NEWLINE if m.raw_newline else ""),
            "MAC": _mac(s),
            "Firmware Version": f"'{m.fw_ver}'",
            "Chip Data": "HP5A01-19101436   BINV04-192101D",
            "Liquid Cooling": False,
            "Security Mode": 0,
            "Error Code Count": len(codes),
            "Factory Error Code Count": 0,
        }
        out |= {k: v for k, v in counters.items() if k in _SUMMARY_LEGACY_COUNTERS}
        if m.legacy_keys:
            for key in _NOT_IN_LEGACY_SUMMARY:
                del out[key]
        out |= {f"Error Code {n}": int(code) for n, code in enumerate(codes)}
        return out

    def _dev(self, m: WhatsminerModel, s: Sample, b: BoardSample) -> dict[str, Any]:
        mhs = b.rate_ghs * 1000.0
        out: dict[str, Any] = {
            "ASC": b.index,
            "Name": "SM",
            "ID": b.index,
            "Slot": b.index,
            "Enabled": "Y",
            "Status": "Alive" if b.present else "Dead",
            "Temperature": f2(float(max(b.pcb))),
            "Chip Frequency": int(b.freq_mhz),
            "Fan Speed In": s.fans[0],
            "Fan Speed Out": s.fans[1],
            "MHS av": f2(mhs),
            "MHS 5s": f2(mhs),
            "MHS 1m": f2(mhs),
            "MHS 5m": f2(mhs),
            "MHS 15m": f2(mhs),
            "Hardware Errors": b.hw,
            "Effective Chips": b.chips,
            "PCB SN": f"HEM{s.miner_id[:8].upper()}{b.index}",
            "Chip Temp Min": f2(float(min(b.chip))),
            "Chip Temp Max": f2(float(max(b.chip))),
            "Chip Temp Avg": f2(sum(b.chip) / len(b.chip)),
            "Upfreq Complete": 1,
        }
        if not m.legacy_keys:
            out["Factory GHS"] = round(b.ideal_ghs)
        return out | device_counters(s, b, no_device_key=False)  # cgminer's, as the real 2021 devs

    @staticmethod
    def _pool(s: Sample, n: int) -> dict[str, Any]:
        return cgminer_pool(
            s, s.pools[n], vmask=False
        )  # btminer's are cgminer's (real 2021 capture)

    # --- API v3 on 4433 ----------------------------------------------------------------------

    def btminer_v3(
        self, request: dict[str, object], sample: Sample, model: str | None
    ) -> dict[str, object] | None:
        m = self._m(model)
        cmd, param = request.get("cmd"), request.get("param")
        if cmd == "get.device.info":
            msg: dict[str, Any] = self._v3_info(m, sample, model)
        elif cmd == "get.miner.status" and param == "summary":
            msg = {"summary": self._v3_summary(m, sample)}
        elif cmd == "get.miner.status" and param == "edevs":
            msg = {"edevs": [self._v3_dev(b) for b in sample.boards if b.present]}
        elif cmd == "get.miner.status" and param == "pools":
            msg = {"pools": [self._v3_pool(sample, n) for n in range(len(sample.pools))]}
        else:
            return {"code": -1, "msg": "invalid command", "desc": str(cmd), "when": sample.when}
        return {"code": 0, "msg": msg, "desc": str(cmd), "when": sample.when}

    def _v3_info(self, m: WhatsminerModel, s: Sample, model: str | None) -> dict[str, Any]:
        since = _stamp(s.when - min(s.elapsed, 600))
        # the keys a real M60S_VK40 sends (tests/captures/whatsminer/m60s-vk40-apiv3-deviceinfo)
        info: dict[str, Any] = {
            "network": {
                "mac": _mac(s),
                "hostname": f"WhatsMiner{s.miner_id[:4]}",
                "proto": "dhcp",
                "ip": "0.0.0.0",  # the sim's own address is the listener's, not known here
                "netmask": "255.255.255.0",
                "gateway": "",
                "dns": "",
            },
            "system": {
                "api": m.api_ver,
                "apiswitch": "1",
                "control-board-version": "CB6V10",
                "fwversion": m.fw_ver,
                "platform": m.platform,
                "ledstatus": "auto",
            },
            "miner": {
                "type": model,
                "miner-sn": f"HTM6{s.miner_id[:12].upper()}",
                "working": "false" if s.idle else "true",
                "board-num": str(len(s.boards)),
                "detect-hash-rate": ":".join(str(round(b.ideal_ghs)) for b in s.boards),
                "fast-boot": "disable",
                "hash-board": (model or "").rpartition("_V")[2] or "K40",
                "hash-percent": "0",
                "pool-strategy": "FAILOVER",
            }
            | {f"pcbsn{b.index}": f"HEM{s.miner_id[:8].upper()}{b.index}" for b in s.boards}
            | {f"chipdata{b.index}": "K8EC374-2426 BINVE6-197806A" for b in s.boards},
            "power": {
                "fanspeed": 5120,
                "model": "P221B",
                "type": "P221B",
                "vendor": "2",
                "hwversion": "RT0159",
                "swversion": "230224.220429",
                "sn": f"1436B{s.miner_id[:10].upper()}",
            },
            "salt": s.miner_id[:8],
        }
        codes = fault_codes(s, m.spec)
        if codes:  # a healthy real miner's reply has no error-code list at all
            info["error-code"] = [{c: since, "reason": ""} for c in codes]
        return info

    def _v3_summary(self, m: WhatsminerModel, s: Sample) -> dict[str, Any]:
        unknown = -0.001 * len(s.boards)  # the firmware's "no figure yet"
        chips = [t for b in s.boards if b.present for t in b.chip]
        hashing = not s.idle
        return {
            "elapsed": s.elapsed,
            "bootup-time": s.elapsed + 95,
            "hash-realtime": round(s.rate_5s_ghs / 1000.0, 3) if hashing else unknown,
            "hash-1min": round(s.rate_5s_ghs / 1000.0, 3) if hashing else unknown,
            "hash-15min": round(s.rate_avg_ghs / 1000.0, 3) if hashing else unknown,
            "hash-average": round(s.rate_avg_ghs / 1000.0, 3) if hashing else unknown,
            "factory-hash": m.spec.nominal_ths,
            "power-realtime": sample_watts(m.spec, s),
            "power-limit": round((m.spec.power_w or 0) * 1.05),
            "environment-temperature": 25.0,
            "chip-temp-min": min(chips, default=0),
            "chip-temp-avg": round(sum(chips) / len(chips), 1) if chips else 0,
            "chip-temp-max": max(chips, default=0),
            "fan-speed-in": s.fans[0],
            "fan-speed-out": s.fans[1],
            "freq-avg": int(m.spec.freq_mhz),
        }

    @staticmethod
    def _v3_dev(b: BoardSample) -> dict[str, Any]:
        return {
            "id": b.index,
            "hash-realtime": round(b.rate_ghs / 1000.0, 3),
            "hash-average": round(b.rate_ghs / 1000.0, 3),
            "factory-hash": round(b.ideal_ghs / 1000.0, 3),
            "effective-chips": b.chips,
            "chip-temp-min": min(b.chip),
            "chip-temp-avg": round(sum(b.chip) / len(b.chip), 1),
            "chip-temp-max": max(b.chip),
            "freq": int(b.freq_mhz),
            "status": "alive",
        }

    @staticmethod
    def _v3_pool(s: Sample, n: int) -> dict[str, Any]:
        p = s.pools[n]
        return {
            "id": n,
            "url": p.url,
            "account": p.user,
            "status": p.status.lower(),
            "stratum-active": p.active,
            "accepted": p.accepted,
            "rejected": p.rejected,
        }


_SUMMARY_COUNTERS = frozenset(
    {"Found Blocks", "Getworks", "Accepted", "Rejected", "Hardware Errors", "Stale", "Best Share"}
)
_NOT_IN_LEGACY_SUMMARY = ("Power Rate", "Env Temp", "temp0")
# cgminer's summary counters the real 20210322 summary also carries
_SUMMARY_LEGACY_COUNTERS = frozenset(
    {
        "Discarded",
        "Get Failures",
        "Local Work",
        "Remote Failures",
        "Network Blocks",
        "Total MH",
        "Utility",
        "Work Utility",
        "Difficulty Accepted",
        "Difficulty Rejected",
        "Difficulty Stale",
        "Last getwork",
        "Device Hardware%",
        "Device Rejected%",
        "Pool Rejected%",
        "Pool Stale%",
    }
)


def _mac(s: Sample) -> str:
    h = s.miner_id
    return "C4:07:" + ":".join(h[i : i + 2].upper() for i in range(0, 8, 2))
