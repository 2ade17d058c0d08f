"""Arithmetic every CGMiner-family persona prints the same way (percentages, stratum host…)."""

from __future__ import annotations

import functools
from typing import Any
from urllib.parse import urlsplit

from rig_monitor.sim.rig import BoardSample, PoolSample, Sample
from rig_monitor.sim.wire import f2, f4, f6, f8


def percent(part: float, whole: float) -> float:
    return 100.0 * part / whole if whole else 0.0


def pool_rejected_percent(p: PoolSample) -> float:
    return percent(p.rejected, p.accepted + p.rejected + p.stale)


def pool_stale_percent(p: PoolSample) -> float:
    return percent(p.stale, p.accepted + p.rejected + p.stale)


@functools.lru_cache(maxsize=1024)
def stratum_host(url: str) -> str:
    """Cached: a fleet has a handful of pool URLs and every pools reply prints each one's host."""
    return urlsplit(url).hostname or ""


def utility(sample: Sample) -> float:
    """Accepted shares per minute since start, cgminer's ``Utility``."""
    return sample.accepted * 60.0 / sample.elapsed if sample.elapsed else 0.0


def work_utility(sample: Sample) -> float:
    """Diff-1 shares per minute since start, cgminer's ``Work Utility``."""
    return sample.diff1 * 60.0 / sample.elapsed if sample.elapsed else 0.0


def total_mh(sample: Sample) -> float:
    return sample.rate_avg_ghs * 1000.0 * sample.elapsed


def summary_counters(s: Sample, getworks_key: str = "Getworks") -> dict[str, Any]:
    """The SUMMARY keys after the hashrates. bmminer spells cgminer's "Getworks" "Getwork"
    (real S19 Pro and L9 captures in tests/captures/antminer)."""
    return {
        "Found Blocks": 0,
        getworks_key: s.getworks,
        "Accepted": s.accepted,
        "Rejected": s.rejected,
        "Hardware Errors": s.hw,
        "Utility": f2(utility(s)),
        "Discarded": s.discarded,
        "Stale": s.stale,
        "Get Failures": 0,
        "Local Work": s.local_work,
        "Remote Failures": 0,
        "Network Blocks": s.elapsed // 600,
        "Total MH": f4(total_mh(s)),
        "Work Utility": f2(work_utility(s)),
        "Difficulty Accepted": f8(float(s.accepted * s.pool_diff)),
        "Difficulty Rejected": f8(float(s.rejected * s.pool_diff)),
        "Difficulty Stale": f8(float(s.stale * s.pool_diff)),
        "Best Share": s.best_share,
        "Device Hardware%": f4(s.hw_percent),
        "Device Rejected%": f4(s.rejected_percent),
        "Pool Rejected%": f4(s.rejected_percent),
        "Pool Stale%": f4(s.stale_percent),
        "Last getwork": s.when,
    }


def device_counters(s: Sample, b: BoardSample, *, no_device_key: bool) -> dict[str, Any]:
    """A DEVS item's keys after its hashrates; the board's share of the totals follows its hashrate."""
    share = b.rate_ghs / s.rate_5s_ghs if s.rate_5s_ghs else 0.0
    accepted, rejected = int(s.accepted * share), int(s.rejected * share)
    out: dict[str, Any] = {
        "Accepted": accepted,
        "Rejected": rejected,
        "Hardware Errors": b.hw,
        "Utility": f2(utility(s) * share),
        "Last Share Pool": 0,
        "Last Share Time": s.pools[0].last_share_time if s.pools else 0,
        "Total MH": f4(b.rate_ghs * 1000.0 * s.elapsed),
        "Diff1 Work": int(s.diff1 * share),
        "Difficulty Accepted": f8(float(accepted * s.pool_diff)),
        "Difficulty Rejected": f8(float(rejected * s.pool_diff)),
        "Last Share Difficulty": f8(float(s.pool_diff)),
    }
    if no_device_key:
        out["No Device"] = False
    return out | {
        "Last Valid Work": s.when,
        "Device Hardware%": f4(s.hw_percent),
        "Device Rejected%": f4(s.rejected_percent),
        "Device Elapsed": s.elapsed,
    }


def pool_difficulties(p: PoolSample) -> dict[str, Any]:
    return {
        "Difficulty Accepted": f8(float(p.accepted * p.diff)),
        "Difficulty Rejected": f8(float(p.rejected * p.diff)),
        "Difficulty Stale": f8(float(p.stale * p.diff)),
        "Last Share Difficulty": f8(float(p.diff if p.last_share_time else 0)),
    }


def pool_head(
    s: Sample, p: PoolSample, *, works_key: bool, long_poll_key: str = "Long Poll"
) -> dict[str, Any]:
    """A POOLS item's first keys, POOL to User; bmminer lacks cgminer's ``Works``; LuxOS
    spells "Long Poll" "Long Pool" (real LuxOS 2025.4.8 capture)."""
    out: dict[str, Any] = {
        "POOL": p.index,
        "URL": p.url,
        "Status": p.status,
        "Priority": p.index,
        "Quota": 1,
        long_poll_key: "N",
        "Getworks": p.getworks,
        "Accepted": p.accepted,
        "Rejected": p.rejected,
    }
    if works_key:
        out["Works"] = p.getworks * 4
    return out | {
        "Discarded": s.discarded if p.active else 0,
        "Stale": p.stale,
        "Get Failures": 0,
        "Remote Failures": 0,
        "User": p.user,
    }


def cgminer_pool(s: Sample, p: PoolSample, *, vmask: bool = True) -> dict[str, Any]:
    """A whole cgminer 4.x POOLS item (real cgminer 4.11.1, Avalon and btminer captures have
    these keys); ``vmask``: whether "Has Vmask" is there (cgminer 4.11, not Avalon/btminer)."""
    out: dict[str, Any] = {
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
    }
    if vmask:
        out["Has Vmask"] = False
    return out | {
        "Has GBT": False,
        "Best Share": s.best_share if p.active else 0,
        "Pool Rejected%": f4(pool_rejected_percent(p)),
        "Pool Stale%": f4(pool_stale_percent(p)),
        "Bad Work": 0,
        "Current Block Height": 850000 + s.when // 600 % 100000,
        "Current Block Version": 536870912,
    }


def pool_stats(s: Sample, n: int, stats_index: int) -> dict[str, Any]:
    """cgminer's per-pool STATS entry ("ID": "POOL<n>"), which ``stats`` (not ``estats``) lists
    after the devices (real cgminer 4.11.1 and Avalon captures)."""
    return {
        "STATS": stats_index,
        "ID": f"POOL{n}",
        "Elapsed": s.elapsed,
        "Calls": 0,
        "Wait": f6(0.0),
        "Max": f6(0.0),
        "Min": f6(99999999.0),
        "Pool Calls": 0,
        "Pool Attempts": 0,
        "Pool Wait": f6(0.0),
        "Pool Max": f6(0.0),
        "Pool Min": f6(99999999.0),
        "Pool Av": f6(0.0),
        "Work Had Roll Time": False,
        "Work Can Roll": False,
        "Work Had Expire": False,
        "Work Roll Time": 0,
        "Work Diff": f8(float(s.pool_diff)),
        "Min Diff": f8(float(s.pool_diff)),
        "Max Diff": f8(float(s.pool_diff)),
        "Min Diff Count": s.getworks,
        "Max Diff Count": s.getworks,
        "Times Sent": s.accepted + s.rejected,
        "Bytes Sent": (s.accepted + s.rejected) * 71,
        "Times Recv": s.getworks * 3,
        "Bytes Recv": s.getworks * 469,
        "Net Bytes Sent": (s.accepted + s.rejected) * 71,
        "Net Bytes Recv": s.getworks * 469,
    }
