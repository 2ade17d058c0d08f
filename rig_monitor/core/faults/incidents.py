"""Fleet diagnosis: when many miners fail together, name the shared cause once.

Forty miners in one rack going dark is a switch, a PDU or a breaker, not forty broken miners;
every miner's pools dying at 03:10 is the site's internet or the pool. Each rule groups miners
by address block (a rack is usually one /26 or /24) or by time, and raises one incident whose
detail says how many, out of how many, and where — so the operator can check the claim.
Thresholds live in the catalogue's ``incidents`` params.
"""

from __future__ import annotations

import functools
import ipaddress
import statistics
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rig_monitor.core.faults.catalogue import Catalogue, IncidentSpec, default_catalogue, render
from rig_monitor.core.faults.rules import duration, num
from rig_monitor.core.faults.tracker import ActiveFault
from rig_monitor.core.model import MinerSnapshot, Pool, PoolStatus, Severity


@dataclass(slots=True)
class Incident:
    id: str
    severity: Severity
    title: str
    detail: str
    miners: list[str]  # miner keys (ip:port), in address order
    fault_id: str | None = None  # the per-miner fault grouped under this incident
    scope: str | None = None  # "10.10.1.0/26", or None for the whole site
    since: float | None = None


def _ipv4(ip: str) -> int | None:
    """A dotted-quad IPv4 address as ``ipaddress`` reads it (four decimal octets of 0-255, no
    leading zeros), else None (then ``ipaddress`` decides: IPv6, or not an address).

    Why: a launch diagnoses a fleet whose addresses are new to these caches, and
    ``ipaddress``'s parse was most of the first sweep's diagnosis (issue 15, the engine child's
    CPU to the last row). Same values: tests/core/faults/test_incident_addresses.py."""
    parts = ip.split(".")
    if len(parts) != 4:
        return None
    value = 0
    for part in parts:
        if not (0 < len(part) <= 3 and part.isascii() and part.isdigit()):
            return None
        if part[0] == "0" and part != "0":
            return None
        octet = int(part)
        if octet > 255:
            return None
        value = value << 8 | octet
    return value


def _dotted(value: int) -> str:
    return f"{value >> 24}.{value >> 16 & 255}.{value >> 8 & 255}.{value & 255}"


@functools.lru_cache(maxsize=65536)  # same keys every diagnosis: parse each address once
def _ip_sort(key: str) -> tuple[int, str]:
    ip = key.rsplit(":", 1)[0]
    fast = _ipv4(ip)
    if fast is not None:
        return fast, key
    try:
        return int(ipaddress.ip_address(ip)), key
    except ValueError:
        return 0, key


@functools.lru_cache(maxsize=65536)
def _net(ip: str, prefix: int) -> str | None:
    fast = _ipv4(ip) if type(prefix) is int and 0 <= prefix <= 32 else None
    if fast is not None:
        return f"{_dotted(fast & (0xFFFFFFFF << (32 - prefix)) & 0xFFFFFFFF)}/{prefix}"
    try:
        return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))
    except ValueError:
        return None


def _clock(ts: float) -> str:
    return time.strftime("%H:%M", time.localtime(ts))


def _ints(value: Any, default: list[int]) -> list[int]:
    if isinstance(value, list) and all(isinstance(x, int) for x in value):
        return list(value)
    return default


@dataclass(slots=True)
class _Fleet:
    snaps: dict[str, MinerSnapshot]
    affected: dict[str, dict[str, float | None]] = field(
        default_factory=dict
    )  # fault -> key -> since


_NO_IDS: frozenset[str] = frozenset()


def _all_dead(pools: Sequence[Pool]) -> bool:
    """At least one pool not disabled, and every such pool dead (one loop, no lists: it runs
    for every miner of the site on each diagnosis)."""
    live = False
    for p in pools:
        status = p.status
        if status is PoolStatus.DISABLED:
            continue
        if status is not PoolStatus.DEAD:
            return False
        live = True
    return live


def _from_snapshots(
    snaps: Mapping[str, MinerSnapshot], cat: Catalogue
) -> dict[str, dict[str, float | None]]:
    """What the snapshots themselves show, for the one-shot ``poll``/``diagnose`` commands."""
    out: dict[str, dict[str, float | None]] = defaultdict(dict)
    warn = float(cat.params("inlet_overtemp").get("warn_c", 35))
    for key, s in snaps.items():
        ids = {f.id for f in s.faults} if s.faults else _NO_IDS
        if not s.online or "miner_unreachable" in ids:
            out["miner_unreachable"][key] = None
            continue
        if "pools_all_dead" in ids or _all_dead(s.pools):
            out["pools_all_dead"][key] = None
        if "inlet_overtemp" in ids or (s.temp_inlet_c is not None and s.temp_inlet_c >= warn):
            out["inlet_overtemp"][key] = None
    return out


def _from_active(active: Iterable[ActiveFault]) -> dict[str, dict[str, float | None]]:
    out: dict[str, dict[str, float | None]] = defaultdict(dict)
    for a in active:
        known = out[a.id].get(a.miner)
        out[a.id][a.miner] = a.first_seen if known is None else min(known, a.first_seen)
    return out


def _since_text(spec: IncidentSpec, times: Iterable[float | None]) -> tuple[str, float | None]:
    known = [t for t in times if t is not None]
    if not known:
        return "", None
    first = min(known)
    return render(spec.texts.get("since", ""), {"time": _clock(first)}), first


def _incident(
    spec: IncidentSpec,
    values: Mapping[str, Any],
    miners: list[str],
    scope: str | None = None,
    since: float | None = None,
    variant: str = "",
) -> Incident:
    title = render(spec.texts[f"title{variant}"], values)
    detail = render(spec.texts[f"detail{variant}"], values)
    return Incident(spec.id, spec.severity, title, detail, miners, spec.fault, scope, since)


def _groups(keys: Iterable[str], prefix: int) -> Mapping[str, Sequence[str]]:
    """The miner keys (``ip:port``) by address block, in the order given."""
    return _grouped(tuple(keys), prefix)


@functools.lru_cache(maxsize=8)
def _grouped(keys: tuple[str, ...], prefix: int) -> Mapping[str, Sequence[str]]:
    """Why cached: the stage diagnoses on every batch that changed something, and the fleet
    (or its answering part) is the same from one batch to the next; grouping 5,000 addresses
    three times a diagnosis was its biggest item (issue 15). Read-only: callers share it."""
    out: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        net = _net(key.rsplit(":", 1)[0], prefix)  # key = f"{ip}:{port}"
        if net is not None:
            out[net].append(key)
    return {net: tuple(members) for net, members in out.items()}


def _network_or_power(fleet: _Fleet, cat: Catalogue) -> list[Incident]:
    spec = cat.incident("site_network_or_power")
    p = spec.params
    down = fleet.affected.get(spec.fault or "miner_unreachable", {})
    claimed: set[str] = set()
    out: list[Incident] = []
    for prefix in _ints(p.get("prefixes"), [26, 24]):
        everyone = _groups(fleet.snaps, prefix)
        for net, members in sorted(everyone.items()):
            dark = sorted((k for k in members if k in down and k not in claimed), key=_ip_sort)
            if len(dark) < p.get("min_miners", 5) or len(dark) / len(members) < p.get(
                "min_fraction", 0.8
            ):
                continue
            claimed.update(dark)
            since, first = _since_text(spec, (down[k] for k in dark))
            values = {
                "count": len(dark),
                "total": len(members),
                "scope": net,
                "since": since,
                "first": fleet.snaps[dark[0]].ip,
                "last": fleet.snaps[dark[-1]].ip,
            }
            out.append(_incident(spec, values, dark, net, first))
    # A switch or PDU often feeds a run of consecutive addresses that does not line up with a
    # /26: a run of dark miners with no answering miner between them is one incident too.
    min_run = int(p.get("min_run", 8))
    run: list[str] = []
    for key in [*sorted(fleet.snaps, key=_ip_sort), None]:
        if key is not None and key in down and key not in claimed:
            run.append(key)
            continue
        if key is not None and key in claimed:
            continue  # already explained by a subnet incident: neither extends nor breaks a run
        if len(run) >= min_run:
            first_ip, last_ip = fleet.snaps[run[0]].ip, fleet.snaps[run[-1]].ip
            scope = f"{first_ip}–{last_ip}"
            since, first = _since_text(spec, (down[k] for k in run))
            values = {
                "count": len(run),
                "total": len(run),
                "scope": scope,
                "since": since,
                "first": first_ip,
                "last": last_ip,
            }
            out.append(_incident(spec, values, list(run), scope, first))
            claimed.update(run)
        run = []
    return out


def _pool_outage(fleet: _Fleet, cat: Catalogue) -> list[Incident]:
    """Every pool dead on many miners: the whole site (the pool or the WAN), or one address
    block whose pools still work elsewhere (that block's network path)."""
    spec = cat.incident("site_pool_outage")
    p = spec.params
    online = [k for k, s in fleet.snaps.items() if s.online]
    dead_map = fleet.affected.get(spec.fault or "pools_all_dead", {})
    dead = sorted((k for k in online if k in dead_map), key=_ip_sort)
    if not online or len(dead) < p.get("min_miners", 3):
        return []
    if len(dead) / len(online) >= p.get("min_fraction", 0.5):
        since, first = _since_text(spec, (dead_map[k] for k in dead))
        values = {"count": len(dead), "total": len(online), "since": since}
        return [_incident(spec, values, dead, None, first)]
    out: list[Incident] = []
    dead_set = set(dead)
    for prefix in _ints(p.get("prefixes"), [24]):
        for net, members in sorted(_groups(online, prefix).items()):
            block = sorted((k for k in members if k in dead_set), key=_ip_sort)
            if len(block) < p.get("block_min_miners", 5) or len(block) / len(members) < p.get(
                "block_min_fraction", 0.8
            ):
                continue
            dead_set -= set(block)
            urls = {pl.url for k in block for pl in fleet.snaps[k].pools if pl.url}
            inside = set(members)
            alive_elsewhere = [
                k
                for k in online
                if k not in inside
                and any(
                    pl.url in urls and pl.status is PoolStatus.ALIVE for pl in fleet.snaps[k].pools
                )
            ]
            since, first = _since_text(spec, (dead_map[k] for k in block))
            values = {
                "count": len(block),
                "total": len(members),
                "scope": net,
                "since": since,
                "alive": len(alive_elsewhere),
                "pools": ", ".join(sorted(urls)) or "?",
            }
            variant = "_block" if alive_elsewhere else ""
            out.append(_incident(spec, values, block, net, first, variant=variant))
    return out


def _block_heating(
    fleet: _Fleet, p: Mapping[str, Any], members: Sequence[str], temp_rise: Mapping[str, float]
) -> tuple[list[str], dict[str, Any]] | None:
    """Most of a block's miners hotter by ``temp_rise_c`` within the window while the rest of
    the site stayed flat: the block's air, not its miners (no inlet sensor needed)."""
    measured = [k for k in members if k in temp_rise]
    enough = max(float(p.get("min_miners", 5)), p.get("min_fraction", 0.5) * len(measured))
    rise_c = float(p.get("temp_rise_c", 4))
    rising = sorted((k for k in measured if temp_rise[k] >= rise_c), key=_ip_sort)
    if not measured or len(rising) < enough:
        return None
    inside = set(members)
    rest = [v for k, v in temp_rise.items() if k not in inside and k in fleet.snaps]
    other = statistics.median(rest) if rest else 0.0
    rise = statistics.median(temp_rise[k] for k in rising)
    if rest and other >= float(p.get("rest_margin_c", 3)):
        return None  # the whole site is warming: not this block
    values = {
        "count": len(rising),
        "total": len(members),
        "rise": num(rise),
        "window": duration(float(p.get("window_s", 1800))),
        "other": num(other),
        "rest": len(rest),
    }
    return rising, values


def _cooling(
    fleet: _Fleet,
    cat: Catalogue,
    inlet_rise: Mapping[str, float] | None,
    temp_rise: Mapping[str, float] | None = None,
) -> list[Incident]:
    spec = cat.incident("site_cooling")
    p = spec.params
    hot_map = fleet.affected.get(spec.fault or "inlet_overtemp", {})
    rise_c = float(p.get("rise_c", 5))
    warn = float(cat.params("inlet_overtemp").get("warn_c", 35))
    out: list[Incident] = []
    online = [k for k, s in fleet.snaps.items() if s.online]
    if temp_rise is not None and not hot_map:
        # the whole site warming together is the room itself: one incident, not one per block
        site = _block_heating(fleet, p, online, {k: temp_rise[k] for k in online if k in temp_rise})
        if site is not None:
            site_miners, site_values = site
            site_values["scope"] = "the site"
            return [_incident(spec, site_values, site_miners, None, variant="_temps")]
    for prefix in _ints(p.get("prefixes"), [24]):
        for net, members in sorted(_groups(online, prefix).items()):
            enough = max(float(p.get("min_miners", 5)), p.get("min_fraction", 0.5) * len(members))
            hot = sorted((k for k in members if k in hot_map), key=_ip_sort)
            rising = sorted(
                (k for k in members if inlet_rise and inlet_rise.get(k, 0.0) >= rise_c),
                key=_ip_sort,
            )
            if len(hot) >= enough:
                inlets = [fleet.snaps[k].temp_inlet_c for k in hot]
                hottest = max((t for t in inlets if t is not None), default=warn)
                values: dict[str, Any] = {
                    "count": len(hot),
                    "total": len(members),
                    "scope": net,
                    "limit": num(warn),
                    "hottest": num(hottest),
                }
                chosen, variant = hot, "hot"
            elif temp_rise is not None and (found := _block_heating(fleet, p, members, temp_rise)):
                chosen, values = found
                variant = "temps"
                out.append(_incident(spec, values | {"scope": net}, chosen, net, variant="_temps"))
                continue
            elif len(rising) >= enough and inlet_rise is not None:
                rise = statistics.median(inlet_rise[k] for k in rising)
                values = {
                    "count": len(rising),
                    "total": len(members),
                    "scope": net,
                    "rise": num(rise),
                    "window": duration(float(p.get("window_s", 1800))),
                }
                chosen, variant = rising, "rising"
            else:
                continue
            out.append(_incident(spec, values, chosen, net, variant=f"_{variant}"))
    return out


def _power_blip(fleet: _Fleet, cat: Catalogue, tracked: bool) -> list[Incident]:
    spec = cat.incident("site_power_blip")
    p = spec.params
    rebooted = fleet.affected.get(spec.fault or "unexpected_reboot", {})
    online = [k for k, s in fleet.snaps.items() if s.online]
    boots: list[tuple[float, str]] = []
    recent_s = p.get("recent_s", 3600)
    for k in online:
        s = fleet.snaps[k]
        if s.uptime_s is None or s.uptime_s > recent_s:
            continue
        if tracked and k not in rebooted:  # the tracker knows which restarts were commanded
            continue
        boots.append((s.timestamp - s.uptime_s, k))
    if not boots:
        return []
    boots.sort()
    window = float(p.get("window_s", 300))
    best: Sequence[tuple[float, str]] = []
    lo = 0
    for hi in range(len(boots)):
        while boots[hi][0] - boots[lo][0] > window:
            lo += 1
        if hi - lo + 1 > len(best):
            best = boots[lo : hi + 1]
    if len(best) < p.get("min_miners", 5) or len(best) / len(online) < p.get("min_fraction", 0.2):
        return []
    keys = sorted((k for _, k in best), key=_ip_sort)
    per_net: dict[str, int] = defaultdict(int)
    for k in keys:
        per_net[_net(fleet.snaps[k].ip, 24) or fleet.snaps[k].ip] += 1
    scopes = ", ".join(f"{n}: {c}" for n, c in sorted(per_net.items()))
    at = statistics.median(t for t, _ in best)
    values = {
        "count": len(keys),
        "total": len(online),
        "window": duration(window),
        "time": _clock(at),
        "scopes": scopes,
    }
    return [_incident(spec, values, keys, None, at)]


def diagnose(
    snapshots: Iterable[MinerSnapshot] | Mapping[str, MinerSnapshot],
    active_faults: Iterable[ActiveFault] | None = None,
    *,
    catalogue: Catalogue | None = None,
    inlet_rise: Mapping[str, float] | None = None,
    temp_rise: Mapping[str, float] | None = None,
) -> list[Incident]:
    """Incidents shared by many miners, worst first.

    ``snapshots``: the latest snapshot of every miner of the site (the denominators come from
    these), or a mapping of them by ``key`` (the stage's: not keyed again on every diagnosis). ``active_faults``: the tracker's open faults (``tracker.active(include_suppressed=True)``);
    without them the snapshots' own state is used, as ``poll`` needs. ``inlet_rise``:
    ``tracker.inlet_trends()``, for the early cooling warning; ``temp_rise``:
    ``tracker.temp_trends()``, for a block heating up where no inlet is reported.
    """
    cat = catalogue if catalogue is not None else default_catalogue()
    snaps = dict(snapshots) if isinstance(snapshots, Mapping) else {s.key: s for s in snapshots}
    if not snaps:
        return []
    tracked = active_faults is not None
    affected = _from_snapshots(snaps, cat)
    if active_faults is not None:
        # the tracker's open faults carry since-times; a block that went dark or lost its pools
        # in this very sweep counts at once (the per-miner dwell must not delay the incident)
        now_seen = affected
        affected = _from_active(active_faults)
        for fid in ("miner_unreachable", "pools_all_dead"):
            for k in now_seen.get(fid, {}):
                affected[fid].setdefault(k, None)
    fleet = _Fleet(snaps, affected)
    incidents = [
        *_network_or_power(fleet, cat),
        *_pool_outage(fleet, cat),
        *_cooling(fleet, cat, inlet_rise, temp_rise),
        *_power_blip(fleet, cat, tracked),
    ]
    incidents.sort(key=lambda i: (-i.severity.rank, -len(i.miners)))
    return incidents
