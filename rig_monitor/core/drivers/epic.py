"""ePIC PowerPlay / UMC control boards: HTTP REST on the API port (4028), not the CGMiner socket.

``/summary`` carries everything live; ``/capabilities`` names the machine (``Model`` "AntMiner S19
XP") and its chip count. Per-board ``Hashrate`` is ``[MH/s, percent of ideal]``, so the rated
hashrate is MH/s ÷ (percent / 100) summed over boards (pyasic's reading), else capabilities'
``Default Hashrate`` (TH/s).
"""

from __future__ import annotations

import asyncio
import re
from typing import Any, ClassVar

from rig_monitor.core.drivers.antminer import clean_model
from rig_monitor.core.drivers.base import Driver, Session, base_snapshot
from rig_monitor.core.drivers.jsonpick import items, mapping, text
from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import (
    Board,
    ErrorKind,
    Identity,
    MinerSnapshot,
    Pool,
    PoolStatus,
    Target,
    VendorError,
)
from rig_monitor.core.modeldb import lookup
from rig_monitor.core.values import integer, max_or_none, num, temp
from rig_monitor.core.wire.http import base_url

SUMMARY = "/summary"
CAPABILITIES = "/capabilities"


class EpicDriver(Driver):
    family: ClassVar[str] = "epic"
    make: ClassVar[str | None] = "ePIC"

    async def fetch(self, session: Session) -> dict[str, Any]:
        if session.http is None:
            raise MinerError(ErrorKind.BAD_REPLY, "bad reply: no HTTP client for an ePIC miner")
        http = session.http
        base = base_url(session.target.ip, session.target.port)
        results: tuple[Any | BaseException, ...] = await asyncio.gather(
            http.get_json(base + SUMMARY),
            http.get_json(base + CAPABILITIES),
            return_exceptions=True,
        )
        summary, caps = results
        if isinstance(summary, BaseException):
            raise summary
        out: dict[str, Any] = {SUMMARY: summary}
        if not isinstance(caps, BaseException):
            out[CAPABILITIES] = caps
        return out

    def parse(self, target: Target, replies: dict[str, Any], identity: Identity) -> MinerSnapshot:
        snap = base_snapshot(target, identity, replies)
        s = mapping(replies.get(SUMMARY))
        caps = mapping(replies.get(CAPABILITIES))
        model_text = text(caps.get("Model"))
        if model_text:
            snap.model = clean_model(model_text)
            snap.make = "Antminer" if re.match(r"(?i)antminer", model_text) else "ePIC"
        else:
            snap.make = identity.make or "ePIC"
        snap.firmware = "ePIC"
        software = text(s.get("Software"))
        m = re.search(r"v?(\d+(?:\.\d+)+)", software or "")
        snap.firmware_version = m.group(1) if m else software
        snap.hostname = text(s.get("Hostname"))

        spec = lookup(snap.make, snap.model)
        chips = integer(mapping(caps.get("Performance Estimator")).get("Chip Count"))
        serials = caps.get("Board Serial Numbers")
        boards: dict[int, Board] = {}
        total = ideal = 0.0
        any_rate = any_ideal = False
        for hb in items(s.get("HBs")):
            index = integer(hb.get("Index"))
            if index is None or not 0 <= index < 16:
                continue
            rate = hb.get("Hashrate")
            mhs = num(rate[0]) if isinstance(rate, list) and rate else None
            pct = num(rate[1]) if isinstance(rate, list) and len(rate) > 1 else None
            board_ideal = mhs / (pct / 100.0) if mhs is not None and pct else None
            if mhs is not None:
                total += mhs
                any_rate = True
            if board_ideal is not None:
                ideal += board_ideal
                any_ideal = True
            boards[index] = Board(
                index=index,
                hashrate_ths=mhs / 1e6 if mhs is not None else None,
                nominal_hashrate_ths=board_ideal / 1e6 if board_ideal is not None else None,
                chips=chips,
                expected_chips=spec.chips_per_board if spec else chips,
                temp_board_c=temp(hb.get("Temperature")),
                frequency_mhz=num(hb.get("Core Clock Avg")),
                voltage_v=num(hb.get("Input Voltage")),
                serial=text(serials[index])
                if isinstance(serials, list) and index < len(serials)
                else None,
            )
        disabled: list[int] = []
        for st in items(s.get("HBStatus")):  # detected-but-silent and missing boards
            index = integer(st.get("Index"))
            if index is not None and 0 <= index < 16 and index not in boards:
                detected = st.get("Detected")
                if detected is True and st.get("Enabled") is False:
                    # switched off in the firmware (by the user, or by 'Disable Board On
                    # Failure'): not a dead board to count, but the note says it is there
                    disabled.append(index)
                    continue
                boards[index] = Board(index=index, chips=0 if detected is False else None)
        snap.boards = [boards[i] for i in sorted(boards)]
        if disabled:
            snap.notes.append(
                "board "
                + ", ".join(str(i + 1) for i in disabled)
                + " disabled in the firmware (HBStatus Enabled false): not counted as a board"
            )
        snap.temp_board_max_c = max_or_none(b.temp_board_c for b in snap.boards)

        snap.hashrate_ths = total / 1e6 if any_rate else None
        session = mapping(s.get("Session"))
        avg = num(session.get("Average MHs"))
        snap.hashrate_avg_ths = avg / 1e6 if avg is not None else None
        # the whole machine's rating: the PerpetualTune target the user set, when it runs (the
        # boards' own ideals leave out a disabled board), else the boards' ideals, else the
        # capabilities' default
        snap.nominal_hashrate_ths = _tune_target(s.get("PerpetualTune")) or (
            ideal / 1e6 if any_ideal and ideal > 0 else num(caps.get("Default Hashrate"))
        )
        snap.power_w = num(mapping(s.get("Power Supply Stats")).get("Input Power"))
        fans = mapping(s.get("Fans Rpm"))
        snap.fans_rpm = [r for v in fans.values() if (r := integer(v)) is not None]
        snap.uptime_s = integer(session.get("Uptime"))
        snap.accepted = integer(session.get("Accepted"))
        snap.rejected = integer(session.get("Rejected"))
        if spec is not None:
            snap.expected_boards = spec.boards
            snap.expected_fans = spec.fans
        else:
            snap.expected_boards = integer(caps.get("Max HBs"))
        if snap.expected_boards is not None and disabled:
            snap.expected_boards = max(0, snap.expected_boards - len(disabled))

        stratum = mapping(s.get("Stratum"))
        url = text(stratum.get("Current Pool"))
        if url:
            connected = stratum.get("IsPoolConnected")
            snap.pools.append(
                Pool(
                    url=url,
                    user=text(stratum.get("Current User")),
                    status=PoolStatus.ALIVE
                    if connected is True
                    else PoolStatus.DEAD
                    if connected is False
                    else PoolStatus.UNKNOWN,
                    active=connected if isinstance(connected, bool) else None,
                    accepted=snap.accepted,
                    rejected=snap.rejected,
                    # seconds since the last accepted share, counted by the miner itself
                    last_share_age_s=num(session.get("Last Accepted Share Timer")),
                )
            )
        status = mapping(s.get("Status"))
        state = text(status.get("Operating State"))
        if state is not None:
            snap.idle = state.lower() in ("idling", "idle", "stopped")
        error = text(status.get("Last Error"))
        if error:
            snap.error_codes.append(VendorError(code="epic", message=error))
        return snap


def _tune_target(tune: Any) -> float | None:
    """PerpetualTune's hashrate target in TH/s while it runs (``{"Running": true, "Algorithm":
    {"VoltageOptimizer": {"Target": 143, "Unit": "TH/s"}}}`` in the S19 XP capture)."""
    t = mapping(tune)
    if t.get("Running") is not True:
        return None
    for algo in mapping(t.get("Algorithm")).values():
        a = mapping(algo)
        target = num(a.get("Target"))
        if target is not None and target > 0 and (text(a.get("Unit")) or "").lower() == "th/s":
            return target
    return None
