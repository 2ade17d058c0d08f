"""Poll one target: detect its family once, then read it with that family's driver.

This is the engine's per-miner hot path, so identities and clients are cached per target and the
model database is consulted once per snapshot for what the firmware does not say itself.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from rig_monitor.core.credentials import Credentials
from rig_monitor.core.drivers import antminer_web, driver_for, firmware_name
from rig_monitor.core.drivers.base import Session
from rig_monitor.core.drivers.detect import WEAK_FAMILIES, Probe, classify, detect
from rig_monitor.core.engine.identity_cache import CachedIdentity
from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import ErrorKind, Identity, MinerSnapshot, Ports, Target
from rig_monitor.core.modeldb import lookup
from rig_monitor.core.wire.cgminer import (
    DEFAULT_LIMITS,
    REPAIRS_KEY,
    CGMinerClient,
    Limits,
    status_of,
)
from rig_monitor.core.wire.http import HttpClient

log = logging.getLogger(__name__)

HTTP_CONNECTIONS = 512  # web requests in flight across all miners (see Poller.http)
FORGET_AFTER_FAILURES = 3  # re-detect a miner that failed this often (it may have been replaced)
# A miner that keeps failing after being detected again is asked to identify itself less and less
# often (3, 6, 12 … failures): detection is the dearest poll, and a miner sending 2 MB of junk
# to every probe cost ~70 ms of CPU per detection.
FORGET_AFTER_MAX = 48
# Failures of a cached identity that suggest another device now answers there: identify again at
# once. Silence (timeout, refused) does not: detection would only wait as long again.
CONTRADICTING = frozenset({ErrorKind.BAD_REPLY, ErrorKind.NOT_A_MINER, ErrorKind.AUTH_FAILED})
# Every identity is checked again in the background at about this age (a random moment between
# half and one and a half times it, so a fleet's re-checks do not fall in one sweep): identified
# afresh as at a cold launch. Contradictions and failures trigger it at once (above); this
# catches what no reading contradicts. One detection per miner per 6 h is noise in CPU.
RECHECK_EVERY_S = 6 * 3600.0


@dataclass(slots=True)
class _Known:
    identity: Identity
    client: CGMinerClient
    failures: int = 0
    state: dict[str, Any] = field(default_factory=dict)  # the driver's per-miner scratch space
    seen: dict[str, str] = field(default_factory=dict)  # what the last good reading said it is
    cached: CachedIdentity | None = None  # from the identity cache, not yet confirmed by a read
    mac: str | None = None
    serial: str | None = None
    web_port: int | None = None
    read_at: float = 0.0  # unix time of the last successful read
    recheck_at: float = field(default_factory=lambda: _recheck_at(time.monotonic()))


def _recheck_at(now: float) -> float:
    return now + RECHECK_EVERY_S * random.uniform(0.5, 1.5)


# What a reading says the machine is. A change in any of them means another machine (or a
# reflash) at the same address: a board swap, a DHCP lease given to another miner.
_IDENTITY_FIELDS = ("make", "model", "family", "firmware", "firmware_version", "mac", "serial")


def _api_signature(raw: dict[str, Any]) -> str | None:
    """Who answers the API, from its ``version`` reply: the server's own name in STATUS
    ("bmminer", "btminer", …) and the VERSION fields it lists. A driver reading a stranger's
    replies falls back to the identity it knew (model, MAC from its cache), so the shape of
    this reply is what still tells a DHCP lease handed to another machine."""
    reply = raw.get("version")
    if not isinstance(reply, dict):
        return None
    # Every poll: the signature depends only on STATUS's letter and Description and on the
    # VERSION keys, which a miner repeats poll after poll, so the common shape (both texts)
    # is worked out once per distinct triple.
    st_list, ver = reply.get("STATUS"), reply.get("VERSION")
    if (
        isinstance(st_list, list)
        and st_list
        and isinstance(st_list[0], dict)
        and isinstance(ver, list)
        and ver
        and isinstance(ver[0], dict)
    ):
        letter, description = st_list[0].get("STATUS"), st_list[0].get("Description")
        if type(letter) is str and type(description) is str and len(ver[0]) <= 64:
            key = (letter, description, tuple(ver[0]))
            found = _SIGNATURES.get(key, _UNSET)
            if found is _UNSET:
                found = _api_signature_of(reply)
                if len(_SIGNATURES) >= _SIGNATURES_MAX:  # texts come from firmware: bounded
                    _SIGNATURES.clear()
                _SIGNATURES[key] = found
            return found if isinstance(found, str) else None
    return _api_signature_of(reply)


_UNSET = object()
_SIGNATURES: dict[tuple[str, str, tuple[str, ...]], object] = {}
_SIGNATURES_MAX = 256


def _api_signature_of(reply: dict[str, Any]) -> str | None:
    st = status_of(reply)
    if not st.ok:
        return None
    ver = reply.get("VERSION")
    keys = sorted(ver[0]) if isinstance(ver, list) and ver and isinstance(ver[0], dict) else []
    words = st.description.split()
    who = words[0].casefold() if words else ""
    return f"{who}:{','.join(keys)}" if who or keys else None


def _identity_of(snap: MinerSnapshot) -> dict[str, str]:
    out: dict[str, str] = {}
    api = _api_signature(snap.raw)
    if api is not None:
        out["api"] = api
    for name in _IDENTITY_FIELDS:
        value = getattr(snap, name)
        if value:
            text = str(value).strip()
            out[name] = text.upper().replace("-", ":") if name == "mac" else text.casefold()
    return out


def _contradiction(seen: dict[str, str], now: dict[str, str]) -> str | None:
    """The first identity field both readings state and disagree on, as words; else None."""
    for name in ("api", *_IDENTITY_FIELDS):
        if name in seen and name in now and seen[name] != now[name]:
            return f"{name} {seen[name]} -> {now[name]}"
    return None


class Poller:
    def __init__(
        self,
        limits: Limits = DEFAULT_LIMITS,
        *,
        ports: Ports | None = None,
        credentials: Credentials | None = None,
        http: HttpClient | None = None,
    ) -> None:
        self.limits = limits
        self.ports = ports or Ports()
        self.credentials = credentials or Credentials()
        self._known: dict[str, _Known] = {}
        self._forget_after: dict[str, int] = {}  # raised while re-detection does not help
        self._http: HttpClient | None = http

    @property
    def http(self) -> HttpClient:
        """Created on first use, on the loop that polls (httpx clients are loop-bound)."""
        if self._http is None:
            # As many web slots as the engine has polls in flight (default 500): with fewer, polls
            # queue for a slot inside their budget and healthy miners time out as "offline"
            # (measured: 1,205 of 5,000 in one sweep with 128 slots). 16 per shard as before.
            self._http = HttpClient(
                self.limits, max_connections=HTTP_CONNECTIONS, shards=HTTP_CONNECTIONS // 16
            )
        return self._http

    async def aclose(self) -> None:
        if self._http is not None:
            await self._http.aclose()
            self._http = None

    def session(
        self,
        target: Target,
        identity: Identity,
        client: CGMinerClient,
        state: dict[str, Any] | None = None,
    ) -> Session:
        return Session(
            target,
            client,
            identity,
            self.http,
            self.credentials,
            self.ports,
            state if state is not None else {},
        )

    def identity(self, target: Target) -> Identity | None:
        known = self._known.get(target.key)
        return known.identity if known else None

    def forget(self, target: Target) -> None:
        self._known.pop(target.key, None)

    def seed(self, targets: Iterable[Target], entries: Mapping[str, CachedIdentity]) -> int:
        """Known identities (identity_cache) for these targets: their first poll skips detection
        and is checked against the entry (see ``poll``). Returns how many were seeded."""
        n = 0
        for t in targets:
            entry = entries.get(t.key)
            if entry is None or t.key in self._known:
                continue
            client = CGMinerClient(t.ip, t.port, self.limits)
            known = _Known(
                entry.identity(), client, cached=entry, mac=entry.mac, serial=entry.serial
            )
            if entry.family == "antminer" and entry.mac:
                antminer_web.defer_pages(known.state)
            self._known[t.key] = known
            n += 1
        return n

    def identities(self) -> dict[str, CachedIdentity]:
        """What to save: every miner read at least once, and seeded ones not yet re-read."""
        out: dict[str, CachedIdentity] = {}
        for key, k in self._known.items():
            if k.cached is not None and not k.read_at:
                failing = k.failures > 0 or k.cached.failing  # not read since the launch
                out[key] = (
                    k.cached if failing == k.cached.failing else replace(k.cached, failing=failing)
                )
            elif k.read_at:
                i = k.identity
                out[key] = CachedIdentity(
                    family=i.family,
                    make=i.make,
                    model=i.model,
                    firmware=i.firmware,
                    firmware_version=i.firmware_version,
                    web_port=k.web_port,
                    mac=k.mac,
                    serial=k.serial,
                    seen=k.read_at,
                    api=k.seen.get("api"),
                    failing=k.failures > 0,
                )
        return out

    async def identify(self, target: Target) -> Identity:
        known = self._known.get(target.key)
        if known is not None:
            return known.identity
        client = CGMinerClient(target.ip, target.port, self.limits)
        state: dict[str, Any] = {}  # detection may leave the first poll what it already read
        identity = await detect(
            client,
            self.ports.whatsminer_v3,
            http=self.http,
            web_port=target.web_port or self.ports.web,
            credentials=self.credentials,
            state=state,
        )
        if identity.family != "antminer":
            state.clear()  # a stock login page in front of other firmware: its driver starts afresh
        self._known[target.key] = _Known(identity, client, state=state)
        return identity

    async def poll(self, target: Target) -> MinerSnapshot:
        known = self._known.get(target.key)
        if known is not None and known.cached is not None and not known.read_at:
            entry = known.cached  # first read of a saved identity: does the miner still match it?
            snap = await self._poll(target)
            if _contradicts(entry, snap):
                log.info("%s no longer matches its saved identity: identifying again", target.key)
                self.forget(target)
                snap = await self._poll(target)
        elif known is not None and known.read_at and time.monotonic() >= known.recheck_at:
            seen = known.seen  # scheduled re-check: identify again, compare with the last reading
            log.debug("%s: scheduled identity re-check", target.key)
            self.forget(target)
            snap = await self._poll(target)
            fresh = self._known.get(target.key)
            if fresh is not None and not fresh.seen:
                fresh.seen = seen
        else:
            snap = await self._poll(target)
        known = self._known.get(target.key)
        if not snap.online or known is None:
            return snap
        now = _identity_of(snap)
        changed = _contradiction(known.seen, now) if known.seen else None
        if changed is None:
            known.seen = now
            return snap
        # Another machine answers here: forget what we knew (identity, driver state, client) and
        # read it again as a stranger, at once, so this sweep shows the new machine.
        log.info("%s is not the miner it was (%s): identifying it again", target, changed)
        self.forget(target)
        snap = await self._poll(target)
        snap.notes.append(f"identity changed ({changed}): identified again")
        fresh = self._known.get(target.key)
        if fresh is not None and snap.online:
            fresh.seen = _identity_of(snap)
        return snap

    async def _poll(self, target: Target) -> MinerSnapshot:
        known = self._known.get(target.key)
        try:
            identity = await self.identify(target)
            known = self._known[target.key]
            driver = driver_for(identity.family)
            snap = await driver.poll(self.session(target, identity, known.client, known.state))
        except MinerError as exc:
            kind = exc.kind
            message = exc.message
            if kind is ErrorKind.NOT_A_MINER and known is not None:
                kind, message = ErrorKind.BAD_REPLY, message.replace("not a miner", "bad reply", 1)
            snap = MinerSnapshot.offline(target, kind, message)
            if known is not None:
                known.failures += 1
                snap.make, snap.model = known.identity.make, known.identity.model
                snap.family = known.identity.family
                limit = self._forget_after.get(target.key, FORGET_AFTER_FAILURES)
                if known.failures >= limit:
                    self.forget(target)
                    self._forget_after[target.key] = min(2 * limit, FORGET_AFTER_MAX)
            return snap
        known.failures = 0
        self._forget_after.pop(target.key, None)
        known.read_at = time.time()
        known.mac = snap.mac = snap.mac or known.mac  # a deferred identity page: the cache's
        known.serial = snap.serial = snap.serial or known.serial
        known.web_port = target.web_port
        for command, reply in snap.raw.items():
            if isinstance(reply, dict) and "truncated" in reply.get(REPAIRS_KEY, ()):
                snap.notes.append(f"'{command}' reply was cut short: showing what arrived")
        snap.firmware = firmware_name(snap.family or identity.family, snap.firmware)
        if snap.model and snap.model != identity.model:
            identity.model = snap.model  # the driver's reading is fresher than detection's
        enrich(snap)
        self.credentials.observe(snap)  # which device answers here (saved passwords are bound)
        return snap


def _contradicts(entry: CachedIdentity, snap: MinerSnapshot) -> bool:
    """Does this first read say another device answers where the cached one was?"""
    if not snap.online:
        return snap.error_kind in CONTRADICTING
    if snap.family and snap.family != entry.family:
        return True
    version = snap.raw.get("version")
    if entry.api is not None:  # who answered the API when the entry was saved
        api = _api_signature(snap.raw)
        if api is not None and api != entry.api:
            return True
    elif isinstance(version, dict):  # the same marker test detection uses, on the reply just read
        try:
            named = classify(Probe(json.dumps(version, ensure_ascii=False), None))
        except MinerError:
            named = None
        if named is not None and named.family not in WEAK_FAMILIES | {entry.family}:
            return True
    if entry.model and snap.model and snap.model != entry.model:
        return True
    return bool(entry.mac and snap.mac and snap.mac.lower() != entry.mac.lower())


def enrich(snap: MinerSnapshot) -> None:
    """Fill what the firmware did not report from the model database (the miner's own word wins)."""
    spec = lookup(snap.make, snap.model)
    if spec is None:
        return
    if snap.nominal_hashrate_ths is None:
        snap.nominal_hashrate_ths = spec.nominal_ths
    if snap.expected_fans is None:
        snap.expected_fans = spec.fans
    if snap.expected_boards is None:
        snap.expected_boards = spec.boards
    for board in snap.boards:
        if board.expected_chips is None:
            board.expected_chips = spec.chips_per_board
