"""Antminer stock web UI (lighttpd CGI behind HTTP Digest): what the 4028 API does not say.

The RPC has no MAC, hostname, serial, health list or sleep flag, and newer firmware may close 4028
or answer it thinly; the web UI has all of it. The web is read alongside the RPC, never instead of
asking it, and any web failure except a rejected password just leaves those fields unknown: a
miner whose web UI is down still mines. A rejected password is different: the operator must act,
so the miner shows "auth failed", not "offline".
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import httpx

from rig_monitor.core.credentials import Credential
from rig_monitor.core.drivers.base import Session
from rig_monitor.core.drivers.jsonpick import mapping, text
from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import Board, ErrorKind, MinerSnapshot, Pool, VendorError
from rig_monitor.core.modeldb import ModelSpec
from rig_monitor.core.values import first_key, hashrate_ths, integer, max_or_none, num, temps
from rig_monitor.core.wire.http import digest

SYSTEM_INFO = "get_system_info.cgi"
SUMMARY = "summary.cgi"
STATS = "stats.cgi"
CONF = "get_miner_conf.cgi"
PAGES = (SYSTEM_INFO, SUMMARY, STATS, CONF)
RPC_ERROR_KEY = "rpc_error"  # set in the replies when 4028 failed and the web answered
AUTH_MESSAGE = "auth failed: set the password for this miner or its group"


# How often the pages the 4028 API cannot replace are re-read when the API answers fully. The
# identity (MAC, hostname, serial) hardly ever changes; the health list is worth a minute's delay
# rather than four extra HTTP requests on every poll of every Antminer.
IDENTITY_EVERY_S = 600.0
HEALTH_EVERY_S = 60.0
# While the last reading looked clean (looks_clean) the health page is read every 5 min instead:
# one digest-authenticated GET costs the engine as much CPU as ~3 whole RPC polls, and on a
# clean miner it says "all fine". A reading that looks off brings it back to HEALTH_EVERY_S and
# reads it in that very poll if it is older than that (AntminerDriver.poll). The price: a fault
# that only the health page reports (the RPC still clean) shows up to 5 min late, not 1.
HEALTH_CLEAN_EVERY_S = 300.0
CACHEABLE = (SYSTEM_INFO, SUMMARY)  # pages that may be shown from the last read
STATE_KEY = "antminer_web"


@dataclass(slots=True)
class WebState:
    """Per-miner web bookkeeping, kept in the session's state between polls."""

    auth: httpx.Auth | None = None
    cred: Credential | None = None
    pages: dict[str, Any] = field(default_factory=dict)  # last good CACHEABLE pages
    read_at: dict[str, float] = field(default_factory=dict)
    answered_at: dict[str, float] = field(default_factory=dict)  # every page, cached or not
    no_web_until: float = 0.0  # the web UI did not answer: do not ask again before this
    clean: bool = False  # the last reading looked clean: health page every HEALTH_CLEAN_EVERY_S

    def auth_for(self, cred: Credential | None) -> httpx.Auth | None:
        """One Digest object per miner and credential: it reuses the server's challenge (nonce)
        on later polls instead of paying a 401 round trip on every request."""
        if cred != self.cred or self.auth is None:
            self.cred = cred
            self.auth = digest(cred.username, cred.password) if cred is not None else None
        return self.auth

    def due(self, now: float) -> list[str]:
        if now < self.no_web_until:
            return []
        health = HEALTH_CLEAN_EVERY_S if self.clean else HEALTH_EVERY_S
        every = {SYSTEM_INFO: IDENTITY_EVERY_S, SUMMARY: health}
        return [p for p, period in every.items() if now - self.read_at.get(p, -1e18) >= period]

    def health_overdue(self, now: float) -> bool:
        """The health page is older than a reading that looks off allows (HEALTH_EVERY_S)."""
        return now >= self.no_web_until and now - self.read_at.get(SUMMARY, -1e18) >= HEALTH_EVERY_S


def looks_clean(snap: MinerSnapshot) -> bool:
    """Nothing in this reading that the health page might explain: hashing, no vendor code, and
    every board, chip and fan the model should have is there and working (no threshold here: the
    model's own counts and zero). Temperatures are left to the fault rules, which read them from
    the RPC on every poll; only the health page's own verdict on them may wait."""
    if snap.error_codes or not snap.hashrate_ths or snap.idle or snap.raw.get(RPC_ERROR_KEY):
        return False
    if snap.expected_boards is not None and len(snap.boards) < snap.expected_boards:
        return False
    for b in snap.boards:
        if not b.hashrate_ths or (b.expected_chips and b.chips != b.expected_chips):
            return False
        if b.chip_status and "x" in b.chip_status:
            return False
    fans = snap.expected_fans or 0
    return len(snap.fans_rpm) >= fans and all(f > 0 for f in snap.fans_rpm[:fans])


def seed(
    state: dict[str, Any],
    cred: Credential,
    auth: httpx.Auth,
    system_info: Any,
    rng: random.Random | None = None,
) -> None:
    """Detection's stock login already settled the Digest challenge and read system info: hand
    both to the first poll, which then needs no web request. The health page is read at a
    random moment within HEALTH_EVERY_S, as on a warm start (defer_pages), not by every miner
    of a cold sweep at once (a miner reporting no hashrate still gets its sleep flag at once)."""
    if not isinstance(system_info, dict):
        return
    st = WebState(auth=auth, cred=cred)
    st.pages[SYSTEM_INFO] = system_info
    now = time.monotonic()
    st.read_at[SYSTEM_INFO] = now
    st.read_at[SUMMARY] = now - (rng or random).uniform(0, HEALTH_EVERY_S)
    state[STATE_KEY] = st


def defer_pages(state: dict[str, Any], rng: random.Random | None = None) -> None:
    """Warm start (identity cache): the MAC and serial are known, so the identity page is read at
    a random moment within IDENTITY_EVERY_S, and the health page within HEALTH_EVERY_S, instead of
    on every miner's first poll at once: a known fleet is on screen after one RPC request each.
    (A miner reporting no hashrate still gets its sleep flag at once: _web_pages_needed.)"""
    st = state.get(STATE_KEY)
    if not isinstance(st, WebState):
        st = state[STATE_KEY] = WebState()
    now, r = time.monotonic(), rng or random
    st.read_at[SYSTEM_INFO] = now - r.uniform(0, IDENTITY_EVERY_S)
    st.read_at[SUMMARY] = now - r.uniform(0, HEALTH_EVERY_S)


def web_state(session: Session) -> WebState:
    state = session.state.get(STATE_KEY)
    if not isinstance(state, WebState):
        state = session.state[STATE_KEY] = WebState()
    return state


async def fetch_web(
    session: Session, family: str = "antminer", pages: Iterable[str] = PAGES
) -> dict[str, Any]:
    """Read ``pages`` (fresh) and return them together with the cached identity/health pages.

    Raises MinerError only for AUTH_FAILED. When the challenge is not settled yet, system info
    goes first, alone: it settles the Digest challenge and tells at once whether a web UI is there.
    """
    st = web_state(session)
    wanted = list(dict.fromkeys(pages))
    if session.http is None or not wanted:
        return dict(st.pages)
    http = session.http
    auth = st.auth_for(session.credential(family))
    fresh: dict[str, Any] = {}

    async def page(name: str) -> None:
        try:
            reply = await http.get(session.web_url("/cgi-bin/" + name), auth=auth)
        except MinerError as exc:
            if exc.kind is ErrorKind.AUTH_FAILED:
                st.auth = None  # try a fresh challenge next time (the password may be fixed)
                raise
            return
        if reply.status == 401:  # no credential to try at all
            raise MinerError(ErrorKind.AUTH_FAILED, AUTH_MESSAGE)
        if reply.status != 200:
            return
        try:
            doc = reply.json()
        except MinerError:
            return  # an HTML error page or a body cut short: leave the page out
        if isinstance(doc, dict):
            fresh[name] = doc
            st.answered_at[name] = time.monotonic()

    now = time.monotonic()
    if st.cred is None or SYSTEM_INFO in wanted or not st.pages:
        lead = SYSTEM_INFO if SYSTEM_INFO in wanted else wanted[0]  # not due: deferred (warm)
        await page(lead)
        if lead not in fresh:
            st.no_web_until = now + IDENTITY_EVERY_S  # no web UI here: stop asking for a while
            return dict(st.pages)
        wanted = [p for p in wanted if p != lead]
    await asyncio.gather(*(page(name) for name in wanted))
    for name, doc in fresh.items():
        if name in CACHEABLE:
            st.pages[name] = doc
            st.read_at[name] = now
    return {**st.pages, **fresh}


def has_data(web: dict[str, Any]) -> bool:
    return any(name in web for name in (SYSTEM_INFO, SUMMARY, STATS))


def answered_since(session: Session, since: float, pages: dict[str, Any]) -> dict[str, Any]:
    """Only the pages the web UI answered at or after ``since`` (monotonic): a reading older
    than the current poll is not live, so a cached page must never stand in for a dead miner."""
    st = web_state(session)
    return {k: v for k, v in pages.items() if st.answered_at.get(k, -1e18) >= since}


def _first(doc: Any, key: str) -> dict[str, Any]:
    items = mapping(doc).get(key)
    if isinstance(items, list) and items and isinstance(items[0], dict):
        return items[0]
    return mapping(items)


def web_type(replies: dict[str, Any]) -> str | None:
    """The "Antminer S21" type text, from system info or a structured reply's INFO (a type that
    is not text is a broken page, not a model)."""
    for value in (
        mapping(replies.get(SYSTEM_INFO)).get("minertype"),
        mapping(mapping(replies.get(STATS)).get("INFO")).get("type"),
        mapping(mapping(replies.get(SUMMARY)).get("INFO")).get("type"),
    ):
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def web_compile_time(replies: dict[str, Any]) -> str | None:
    for name in (SUMMARY, STATS):
        found = text(mapping(mapping(replies.get(name)).get("INFO")).get("CompileTime"))
        if found:
            return found
    return text(mapping(replies.get(SYSTEM_INFO)).get("system_filesystem_version"))


def merge_web(snap: MinerSnapshot, replies: dict[str, Any], spec: ModelSpec | None) -> None:
    """Add the web's fields; the RPC's reading wins where both gave one (it is what every other
    stock-family driver reads, so numbers stay comparable across firmwares)."""
    info = mapping(replies.get(SYSTEM_INFO))
    snap.mac = text(info.get("macaddr")) or snap.mac
    snap.hostname = text(info.get("hostname")) or snap.hostname
    snap.serial = text(first_key(info, "serinum", "serial_no")) or snap.serial
    if not snap.firmware_version:
        snap.firmware_version = web_compile_time(replies)

    summary = _first(replies.get(SUMMARY), "SUMMARY")
    health = summary.get("status")
    for item in health if isinstance(health, list) else []:
        if not isinstance(item, dict):
            continue
        state = str(item.get("status") or "").strip().lower()
        if state in ("s", ""):  # "s" = fine; "" = not applicable (no fans on hydro)
            continue
        kind = text(item.get("type")) or "status"
        code = integer(item.get("code"))
        snap.error_codes.append(
            VendorError(
                code=str(code) if code else kind,
                message=text(item.get("msg")) or f"{kind}: {'error' if state == 'e' else state}",
            )
        )

    mode = text(mapping(replies.get(CONF)).get("bitmain-work-mode"))
    if mode is not None:
        snap.idle = mode == "1"

    stats = _first(replies.get(STATS), "STATS")
    unit = str(first_key(stats, "rate_unit") or first_key(summary, "rate_unit") or "GH")
    if snap.hashrate_ths is None:
        snap.hashrate_ths = hashrate_ths(
            first_key(stats, "rate_5s") or first_key(summary, "rate_5s"), unit
        )
    if snap.hashrate_avg_ths is None:
        avg = first_key(stats, "rate_30m", "rate_avg") or first_key(summary, "rate_30m", "rate_avg")
        snap.hashrate_avg_ths = hashrate_ths(avg, unit)
    if snap.nominal_hashrate_ths is None:
        ideal = first_key(stats, "rate_ideal") or first_key(summary, "rate_ideal")
        snap.nominal_hashrate_ths = hashrate_ths(ideal, unit)
    if snap.uptime_s is None:
        snap.uptime_s = integer(first_key(stats, "elapsed") or first_key(summary, "elapsed"))
    if snap.hw_errors is None:
        snap.hw_errors = integer(summary.get("hw_all"))
    if snap.power_w is None:
        # 0 is "no power reading" (a real S21 XP Hyd. prints watt 0 and jt 0.0 while hashing)
        snap.power_w = num(first_key(stats, "watt", "power")) or None
    if not snap.fans_rpm:
        fans = stats.get("fan")
        if isinstance(fans, list):
            snap.fans_rpm = [integer(f) or 0 for f in fans]
    if not snap.boards:
        snap.boards = _boards(stats.get("chain"), unit, spec)
        snap.temp_board_max_c = max_or_none(b.temp_board_c for b in snap.boards)
        snap.temp_chip_max_c = max_or_none(b.temp_chip_c for b in snap.boards)
    if not snap.pools:
        pools = mapping(replies.get(CONF)).get("pools")
        for i, p in enumerate(pools if isinstance(pools, list) else []):
            url = text(mapping(p).get("url"))
            if url:
                snap.pools.append(Pool(url=url, user=text(p.get("user")), priority=i))
    rpc_error = replies.get(RPC_ERROR_KEY)
    if rpc_error:
        snap.notes.append(f"the 4028 API did not answer ({rpc_error}): read from the web UI")


def _boards(chains: Any, unit: str, spec: ModelSpec | None) -> list[Board]:
    if not isinstance(chains, list):
        return []  # no web stats at all: unknown, not missing
    boards = []
    items = [c for c in chains if isinstance(c, dict)]
    for pos, c in enumerate(items):
        index = integer(c.get("index"))
        pcb = temps(c.get("temp_pcb"))
        chip = temps(c.get("temp_chip"))
        asic = c.get("asic")
        boards.append(
            Board(
                index=index if index is not None and 0 <= index < 16 else pos,
                hashrate_ths=hashrate_ths(c.get("rate_real"), unit),
                nominal_hashrate_ths=hashrate_ths(c.get("rate_ideal"), unit),
                chips=integer(c.get("asic_num")),
                expected_chips=spec.chips_per_board if spec else None,
                temp_board_c=max(pcb) if pcb else None,
                temp_chip_c=max(chip) if chip else None,
                chip_status=asic.strip() if isinstance(asic, str) else None,
                hw_errors=integer(c.get("hw")),
                frequency_mhz=num(c.get("freq_avg")),
                serial=text(c.get("sn")),
            )
        )
    if (
        spec is not None and spec.boards
    ):  # a board the firmware left out entirely is still a missing board
        have = {b.index for b in boards}
        boards += [Board(index=i) for i in range(spec.boards) if i not in have]
        boards.sort(key=lambda b: b.index)
    return boards
