"""Antminer stock firmware (Bitmain bmminer/cgminer) over the 4028 API and the web UI's CGI.

Hashrates are GH/s (``GHS 5s``, ``chain_rateN``); ``total_rateideal`` honours ``rate_unit``.
Per-chain data lives in ``stats``' second object with 1-based chain numbers (S9-era firmware uses
6–8); sensor strings are dash-joined per sensor ("62-60-75-74", zeros = absent sensor).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import re
import time
from dataclasses import dataclass
from typing import Any, ClassVar

from rig_monitor.core.drivers import antminer_web
from rig_monitor.core.drivers.base import (
    Driver,
    Session,
    base_snapshot,
    first,
    parse_guarded,
    parse_pools,
    section,
)
from rig_monitor.core.errors import HostileReply, MinerError
from rig_monitor.core.model import Board, ErrorKind, Identity, MinerSnapshot, Target
from rig_monitor.core.modeldb import lookup
from rig_monitor.core.values import (
    TO_THS,
    average_rate,
    first_key,
    hashrate_ths,
    integer,
    max_or_none,
    num,
    rate_from,
    temps,
)
from rig_monitor.core.wire.cgminer import status_of, status_ok

_CHAIN_KEY = re.compile(r"^chain_(?:acn|acs|rate|hw)(\d+)$")
_FAN_KEY = re.compile(r"^fan(\d+)$")


@dataclass(frozen=True, slots=True)
class _Layout:
    """Which keys of one ``stats`` record are chains and fans, worked out once per key set.

    bmminer sends the same keys in the same order on every poll of one firmware (values change,
    names do not), so scanning ~180 keys with two regexes on every poll was a third of the
    parse: the scan now runs once per distinct key sequence and polls only read values.
    ``populated`` lists, per chain slot, the keys present among acn/acs/rate (an absent key
    reads as "not populated", exactly as ``dict.get`` returning None did).
    """

    slots: tuple[int, ...]
    populated: tuple[tuple[int, str | None, str | None, str | None], ...]
    fans: tuple[tuple[int, str], ...]  # (header number, key), by header number


_LAYOUTS: dict[tuple[str, ...], _Layout] = {}
_LAYOUTS_MAX = 256  # key sequences come from firmware: bound the memo (a hostile miner varies)
# Real stats records have ~20-400 keys; a junk record with thousands is worked out every time
# rather than pinned in the memo (256 of them could hold hundreds of MB of key strings).
_LAYOUT_KEYS_MAX = 2048


def _layout(item: dict[str, Any]) -> _Layout:
    keys = tuple(item)
    found = _LAYOUTS.get(keys)
    if found is not None:
        return found
    slots = sorted(
        {int(m.group(1)) for k in keys if k[:6] == "chain_" and (m := _CHAIN_KEY.match(k))}
    )
    present = set(keys)

    def key(name: str) -> str | None:
        return name if name in present else None

    populated = tuple(
        (i, key(f"chain_acn{i}"), key(f"chain_acs{i}"), key(f"chain_rate{i}")) for i in slots
    )
    fans = sorted((int(m.group(1)), k) for k in keys if k[:3] == "fan" and (m := _FAN_KEY.match(k)))
    layout = _Layout(tuple(slots), populated, tuple(fans))
    if len(keys) > _LAYOUT_KEYS_MAX:
        return layout
    if len(_LAYOUTS) >= _LAYOUTS_MAX:
        _LAYOUTS.clear()
    _LAYOUTS[keys] = layout
    return layout


def _has_chain_key(item: dict[str, Any]) -> bool:
    return bool(_layout(item).slots)


_SLOT_KEYS: dict[int, tuple[str, ...]] = {}


def _slot_keys(i: int) -> tuple[str, ...]:
    """The per-board key names of chain slot ``i``, formatted once (nine per board per poll)."""
    names = _SLOT_KEYS.get(i)
    if names is None:
        names = tuple(
            f"{stem}{i}"
            for stem in (
                "temp_pcb",
                "temp_chip",
                "temp",
                "temp2_",
                "chain_acs",
                "chain_rate",
                "chain_rateideal",
                "chain_acn",
                "chain_hw",
                "freq_avg",
                "freq",
            )
        )
        if i < 1024:  # slot numbers come from firmware: cache only plausible ones
            _SLOT_KEYS[i] = names
    return names


# Bitmain's cgminer/bmminer drivers allow at most 16 chains (BITMAIN_MAX_CHAIN_NUM, 4-16 by
# generation, e.g. driver-btm-c5.h: 16): a larger ``miner_count`` is not a board count.
MAX_CHAINS = 16
_GH = TO_THS["G"]  # chain_rateN is GH/s whatever rate_unit says
_EMPTY = (0, "", None)  # values that make a slot's acn/acs/rate test false without parsing


def _populated(chains: dict[str, Any], acn: str | None, acs: str | None, rate: str | None) -> bool:
    if acn is not None:
        v = chains[acn]
        if v not in _EMPTY and (integer(v) or 0) > 0:
            return True
    if acs is not None:
        v = chains[acs]
        if v not in _EMPTY and str(v or "").strip():
            return True
    if rate is not None:
        v = chains[rate]
        if v not in _EMPTY and (num(v) or 0) > 0:
            return True
    return False


def _web_pages_needed(rpc: dict[str, Any]) -> list[str]:
    """Web pages this poll needs because of what the RPC reply lacks."""
    summary = first(rpc.get("summary"), "SUMMARY")
    stats_items = section(rpc.get("stats"), "STATS")
    has_chains = any(_has_chain_key(item) for item in stats_items)
    rate = rate_from(summary, ("5s", "av"))
    needed = []
    if not has_chains:
        needed.append(antminer_web.STATS)
    if not rate:  # zero or unknown: asleep by design, or stopped? only the web says
        needed.append(antminer_web.CONF)
    return needed


# Cached: every poll and every detection cleans one of a handful of texts with four regex passes
# (7.3 against 0.12 µs a call, docs/performance.md "Sixth pass at identification").
@functools.lru_cache(maxsize=256)
def clean_model(type_text: str) -> str:
    """ "Antminer S19j Pro (Vnish 1.2.6)" → "S19j Pro"; "Antminer S9_I" → "S9";
    "Antminer S19x88 Hiveon" → "S19x88" (Hiveon appends its name to the Type)."""
    text = re.sub(r"\s*\(.*$", "", type_text).strip()
    text = re.sub(r"\s+hiveon$", "", text, flags=re.IGNORECASE)
    text = re.sub(r"^(?:bitmain\s+)?antminer\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"_I$", "", text)
    return text.strip()


# Stock firmware that refuses multi-command requests (some S19 builds) answers each command on a
# connection of its own: 4 a poll. ``version`` (model, firmware build, API) changes only with an
# upgrade or another machine at the address, both of which the poll's own ``stats`` head (the same
# Type/CompileTime/miner fields) and the summary's Elapsed (an upgrade restarts) contradict: so it
# is reused between re-checks, like Whatsminer's identity (whatsminer.IDENTITY_RECHECK_S).
VERSION_RECHECK_S = 600.0
_VERSION_KEY = "antminer.version"
_VERSION_FIELDS = ("Type", "CompileTime", "BMMiner", "CGMiner", "Miner")


@dataclass(slots=True)
class _KeptVersion:
    at: float  # time.monotonic() when asked
    elapsed: float | None  # the summary's Elapsed at the last poll that reused it
    reply: dict[str, Any]


def _kept_version(replies: dict[str, Any], now: float) -> _KeptVersion | None:
    """A successful ``version`` reply worth keeping, with the summary's Elapsed beside it."""
    reply = replies.get("version")
    if not isinstance(reply, dict) or not status_ok(reply) or not first(reply, "VERSION"):
        return None
    return _KeptVersion(now, num(first(replies.get("summary"), "SUMMARY").get("Elapsed")), reply)


def _version_contradicted(kept: _KeptVersion, replies: dict[str, Any]) -> bool:
    """Does this poll say the kept ``version`` may be stale? A restart (Elapsed went down),
    another server in the stats reply's STATUS, a differing Type/CompileTime/miner field in
    its head, or a stats reply that cannot vouch (failed, or without any of those fields)."""
    elapsed = num(first(replies.get("summary"), "SUMMARY").get("Elapsed"))
    if elapsed is not None and kept.elapsed is not None and elapsed < kept.elapsed:
        return True
    stats = replies.get("stats")
    if not isinstance(stats, dict) or not status_ok(stats):
        return True
    if status_of(stats).description != status_of(kept.reply).description:
        return True
    head = first(stats, "STATS")
    version = first(kept.reply, "VERSION")
    shared = [k for k in _VERSION_FIELDS if k in head and k in version]
    return not shared or any(head[k] != version[k] for k in shared)


class AntminerDriver(Driver):
    family: ClassVar[str] = "antminer"
    make: ClassVar[str | None] = "Antminer"
    commands: ClassVar[tuple[str, ...]] = ("version", "summary", "stats", "pools")

    async def fetch(self, session: Session) -> dict[str, Any]:
        """RPC first, the web only for what RPC cannot say, on a schedule (see antminer_web).

        The identity/health pages that are due go out alongside the RPC request; the sleep flag
        is read only when the miner reports no hashrate (the only time it changes a verdict),
        and the web stats only when 4028 failed or has no chain data. A rejected web password
        wins over everything: the operator must fix it.
        """
        st = antminer_web.web_state(session)
        started = time.monotonic()
        due = st.due(started)
        results: tuple[dict[str, Any] | BaseException, ...]
        if due:
            results = await asyncio.gather(
                self._rpc(session),
                antminer_web.fetch_web(session, pages=due),
                return_exceptions=True,
            )
        else:  # nothing due on the web (most polls): no tasks to run the two side by side
            try:
                alone: dict[str, Any] | BaseException = await self._rpc(session)
            except Exception as exc:
                alone = exc
            results = (alone, await antminer_web.fetch_web(session, pages=due))
        rpc, web = results
        if isinstance(web, MinerError) and web.kind is ErrorKind.AUTH_FAILED:
            raise MinerError(ErrorKind.AUTH_FAILED, antminer_web.AUTH_MESSAGE)
        for result in (rpc, web):
            if isinstance(result, BaseException) and not isinstance(result, Exception):
                raise result  # cancellation
        pages = web if isinstance(web, dict) else {}
        if isinstance(rpc, BaseException):
            if not isinstance(rpc, MinerError) or isinstance(rpc, HostileReply):
                raise rpc  # junk on 4028: the web pages of that device are not asked for it
            wanted: tuple[str, ...] = (antminer_web.STATS, antminer_web.CONF)
            if antminer_web.SUMMARY not in due:  # deferred (seed, warm start): needed now
                wanted = (antminer_web.SUMMARY, *wanted)
            more = await antminer_web.fetch_web(session, pages=wanted)
            # 4028 failed: only what the web answered during this poll counts; the cached
            # identity/health pages are not a reading (a dead miner must go offline, not stay
            # "online" at its last hashrate with a false restart when the cache ages)
            pages = antminer_web.answered_since(session, started, {**pages, **more})
            if not antminer_web.has_data(pages):
                raise rpc
            return {**pages, antminer_web.RPC_ERROR_KEY: str(rpc.kind)}
        extra = _web_pages_needed(rpc)
        if extra:
            pages = {**pages, **await antminer_web.fetch_web(session, pages=extra)}
        return {**rpc, **pages}

    async def _rpc(self, session: Session) -> dict[str, Any]:
        """The RPC replies; where each command is a connection of its own (multi-command
        refused), ``version`` is asked when due or contradicted and reused in between: 3
        connections a poll instead of 4 (see VERSION_RECHECK_S)."""
        rpc = session.rpc
        if rpc.multi_supported is not False or "version" not in self.commands:
            replies = await super().fetch(session)
            if rpc.multi_supported is False:  # just found out: keep this version
                session.state[_VERSION_KEY] = _kept_version(replies, time.monotonic())
            return replies
        kept: _KeptVersion | None = session.state.get(_VERSION_KEY)
        now = time.monotonic()
        if kept is None or now - kept.at >= VERSION_RECHECK_S:
            replies = await super().fetch(session)
            session.state[_VERSION_KEY] = _kept_version(replies, now)
            return replies
        rest = dict(await rpc.multi(*(c for c in self.commands if c != "version")))
        if _version_contradicted(kept, rest):
            with contextlib.suppress(MinerError):  # failed: absent, as a refused single is
                rest = {"version": await rpc.command("version"), **rest}
            session.state[_VERSION_KEY] = _kept_version(rest, now)
            return rest
        elapsed = num(first(rest.get("summary"), "SUMMARY").get("Elapsed"))
        kept.elapsed = elapsed if elapsed is not None else kept.elapsed
        return {"version": kept.reply, **rest}

    async def poll(self, session: Session) -> MinerSnapshot:
        """The reading, and the health page's schedule from it (see HEALTH_CLEAN_EVERY_S).

        A reading that looks off while the health page is older than HEALTH_EVERY_S reads the
        page at once and parses again with it. Subclasses with a fetch of their own do not
        read the stock web UI, so they keep the plain poll.
        """
        snap = await super().poll(session)
        if type(self).fetch is not AntminerDriver.fetch or session.http is None:
            return snap
        st = antminer_web.web_state(session)
        st.clean = antminer_web.looks_clean(snap)
        now = time.monotonic()
        if not st.clean and st.health_overdue(now):
            web = await antminer_web.fetch_web(session, pages=(antminer_web.SUMMARY,))
            if st.read_at.get(antminer_web.SUMMARY, -1e18) >= now:  # answered just now
                snap = parse_guarded(self, session.target, {**snap.raw, **web}, session.identity)
                snap.use_average_headline()
        return snap

    def parse(self, target: Target, replies: dict[str, Any], identity: Identity) -> MinerSnapshot:
        snap = base_snapshot(target, identity, replies)
        snap.make = "Antminer"
        version = first(replies.get("version"), "VERSION")
        summary = first(replies.get("summary"), "SUMMARY")
        stats_items = section(replies.get("stats"), "STATS")
        chains = next((s for s in stats_items if _has_chain_key(s)), {})
        head = stats_items[0] if stats_items else {}

        type_text = (
            first_key(version, "Type") or first_key(head, "Type") or first_key(chains, "Type")
        )
        if not (isinstance(type_text, str) and type_text.strip()):
            type_text = antminer_web.web_type(replies)
        if isinstance(type_text, str) and type_text.strip():
            snap.model = clean_model(type_text)
        snap.firmware = "stock"  # the family; the miner process (bmminer/cgminer) is in raw
        fw = first_key(version, "CompileTime") or first_key(head, "CompileTime")
        snap.firmware_version = str(fw).strip() if fw else identity.firmware_version
        api = first_key(version, "API")
        snap.api_version = str(api) if api is not None else None

        snap.hashrate_ths = rate_from(summary, ("5s",)) or rate_from(chains, ("5s",))
        if snap.hashrate_ths is None:
            snap.hashrate_ths = rate_from(summary, ("av",)) or rate_from(chains, ("av",))
        snap.hashrate_avg_ths = average_rate(summary, ("15m", "30m", "av")) or rate_from(
            chains, ("av",)
        )
        unit = str(chains.get("rate_unit") or "GH")
        snap.nominal_hashrate_ths = hashrate_ths(chains.get("total_rateideal"), unit)

        snap.uptime_s = integer(first_key(chains, "Elapsed") or first_key(summary, "Elapsed"))
        snap.hw_errors = integer(summary.get("Hardware Errors"))
        snap.accepted = integer(summary.get("Accepted"))
        snap.rejected = integer(summary.get("Rejected"))
        snap.stale = integer(summary.get("Stale"))
        power = first_key(chains, "total_power", "chain_power", "Power", "power", "watt")
        snap.power_w = num(power)

        spec = lookup("Antminer", snap.model)
        snap.boards = self._boards(chains, spec.boards if spec else None, unit)
        snap.expected_boards = spec.boards if spec else None
        snap.fans_rpm = self._fans(chains, spec.fans if spec else None)
        snap.expected_fans = spec.fans if spec else integer(chains.get("fan_num"))
        if spec is not None:
            for b in snap.boards:
                b.expected_chips = spec.chips_per_board
        snap.temp_board_max_c = max_or_none(b.temp_board_c for b in snap.boards)
        snap.temp_chip_max_c = max_or_none(b.temp_chip_c for b in snap.boards)
        snap.pools = parse_pools(replies.get("pools"))
        antminer_web.merge_web(snap, replies, spec)
        if snap.idle is None and snap.hashrate_ths:
            snap.idle = False  # hashing: not asleep, whether or not the sleep flag was read
        return snap

    @staticmethod
    def _boards(chains: dict[str, Any], expected: int | None, unit: str) -> list[Board]:
        layout = _layout(chains)
        if not layout.slots:
            return []
        live = [i for i, acn, acs, rate in layout.populated if _populated(chains, acn, acs, rate)]
        base = 6 if live and min(live) >= 6 and not any(1 <= i <= 5 for i in live) else 1
        count = expected
        if not count:  # the model's board count, else what the firmware says it has
            said = integer(chains.get("miner_count")) or 0
            if not 0 <= said <= MAX_CHAINS:
                said = 0  # junk (a board per unit of 2**60 took all memory): live chains decide
            count = max(len(live), said)
        wanted = [base + n for n in range(count)] if count else []
        indices = sorted(set(wanted) | set(live))
        boards = []
        get = chains.get
        ideal_factor = _GH if unit == "GH" else None
        for pos, i in enumerate(indices):
            k_pcb, k_chip, k_temp, k_temp2, k_acs, k_rate, k_ideal, k_acn, k_hw, k_favg, k_freq = (
                _slot_keys(i)
            )
            pcb = temps(get(k_pcb))
            chip = temps(get(k_chip))
            if not pcb:
                pcb = temps(get(k_temp))
            if not chip:
                chip = temps(get(k_temp2))
            acs = get(k_acs)
            rate = num(get(k_rate))
            ideal = num(get(k_ideal))
            freq = get(k_favg)
            if freq is None or freq == "":  # first_key(chains, k_favg, k_freq), inlined
                freq = get(k_freq)
            boards.append(
                Board(
                    index=pos,
                    hashrate_ths=None if rate is None else rate * _GH,
                    nominal_hashrate_ths=(
                        None
                        if ideal is None
                        else ideal * ideal_factor
                        if ideal_factor is not None
                        else hashrate_ths(ideal, unit)
                    ),
                    chips=integer(get(k_acn)),
                    temp_board_c=max(pcb) if pcb else None,
                    temp_chip_c=max(chip) if chip else None,
                    chip_status=acs.strip() if isinstance(acs, str) else None,
                    hw_errors=integer(get(k_hw)),
                    frequency_mhz=num(freq),
                )
            )
        return boards

    @staticmethod
    def _fans(chains: dict[str, Any], expected: int | None) -> list[int]:
        """Fan speeds in header order, a stopped fan kept as 0.

        ``fan_num`` is not the fan count: bmminer counts the fans it currently detects, so it
        drops when a fan stops. The model's fan count (else the last spinning header) decides.
        """
        fans = {n: integer(chains[k]) or 0 for n, k in _layout(chains).fans}
        if not fans:
            return []
        # S9-era firmware reports its 2 fans on headers 3 and 6
        s9_layout = (expected == 2 or integer(chains.get("fan_num")) == 2) and {3, 6} <= fans.keys()
        if s9_layout and not any(fans.get(i, 0) for i in (1, 2, 4, 5)):
            return [fans[3], fans[6]]
        order = sorted(fans)
        spinning = [i for i in order if fans[i] > 0]
        # Other boards wire their fans to later headers too (a real Z15: fan_num 2 on fan3/fan4,
        # fan1/fan2 0). Only when the model's fan count, fan_num and the spinning headers agree:
        # fan_num drops when a fan stops, so any disagreement keeps every header (a stop shows).
        agree = bool(expected) and integer(chains.get("fan_num")) == expected == len(spinning)
        if agree and spinning != order[:expected]:
            return [fans[i] for i in spinning]
        last_spinning = max(spinning, default=0)
        count = max(expected or 0, integer(chains.get("fan_num")) or 0, last_spinning)
        return [fans[i] for i in order[:count]]
