"""The hashrate rule writes its evidence only for a finding: same findings, same evidence, same
failures as the rule that wrote it for every miner (kept here as it was)."""

from __future__ import annotations

import itertools
import json
import math
from pathlib import Path

from rig_monitor.core.faults import Thresholds
from rig_monitor.core.faults.catalogue import Catalogue, default_catalogue, load_catalogue
from rig_monitor.core.faults.history import MinerHistory
from rig_monitor.core.faults.rules import Ctx, _window_avg, num, pct, rule_hashrate
from rig_monitor.core.model import MinerSnapshot, Severity
from tests.core.faults.factory import DAY, S19JPRO, T0, board, s19


def _eager_rule_hashrate(ctx: Ctx) -> None:
    """``rule_hashrate`` before the change (evidence written before the thresholds are read)."""
    s = ctx.snap
    nominal = ctx.expected_ths
    if not nominal:
        return
    for fid in ("hashrate_low", "hashrate_high"):
        if ctx.in_grace(fid):
            continue
        got = _window_avg(ctx, fid)
        if got is None:
            continue
        value, window = got
        ratio = value / nominal
        ctx.seen(fid)
        values = {"ths": num(value), "nominal": num(nominal), "pct": pct(ratio), "window": window}
        detail = ctx.say(
            fid,
            "low_avg"
            if window and fid == "hashrate_low"
            else ("low" if fid == "hashrate_low" else "high"),
            **values,
        )
        if fid == "hashrate_low":
            if ratio >= ctx.p(fid, "clear_ratio", 0.95):
                continue
            if ratio >= ctx.p(fid, "warn_ratio", 0.9):
                ctx.add(fid, Severity.WARNING, detail, band=True)
                continue
            zero = [b for b in s.boards if b.hashrate_ths == 0]
            if zero and len(zero) < len(s.boards):
                detail += "; " + "; ".join(
                    ctx.say(fid, "board_zero", board=b.index + 1) for b in zero
                )
            crit = ratio < ctx.p(fid, "crit_ratio", 0.7) or bool(zero)
            ctx.add(fid, Severity.CRITICAL if crit else Severity.WARNING, detail)
        else:
            if ratio <= ctx.p(fid, "clear_ratio", 1.1):
                continue
            band = ratio <= ctx.p(fid, "warn_ratio", 1.2)
            ctx.add(fid, ctx.cat.get(fid).severity, detail, band=band)


RATES = [0.0, 1e-9, 50.0, 72.8, 90.0, 93.6, 99.0, 104.0, 114.5, 118.0, 130.0, 1e308, -5.0]
ODD = [math.inf, -math.inf, math.nan]
NOMINALS = [104.0, 0.013, 1e-320, math.inf, math.nan]


def _ctx(snap: MinerSnapshot, th: Thresholds, hist: MinerHistory | None) -> Ctx:
    limits = th.for_miner(snap.ip, snap.port, snap.make, snap.model, S19JPRO)
    return Ctx(snap, limits, th.catalogue, S19JPRO, snap.timestamp, hist=hist)


def _history(rate: float) -> MinerHistory:
    """Forty minutes of polls at ``rate`` before the one judged (a window average to read)."""
    hist = MinerHistory()
    for n in range(40):
        t = T0 - 60 * (40 - n)
        hist.observe(
            s19(timestamp=t, hashrate_5s_ths=rate, uptime_s=3 * DAY - 60 * (40 - n)),
            t,
            keep_s=7200,
            slack_s=120,
            reboot_keep_s=86400,
        )
    return hist


def _outcome(rule: object, snap: MinerSnapshot, th: Thresholds, rate: float | None) -> object:
    ctx = _ctx(snap, th, _history(rate) if rate is not None else None)
    if ctx.hist is not None:
        ctx.hist.observe(snap, ctx.now, keep_s=7200, slack_s=120, reboot_keep_s=86400)
    try:
        rule(ctx)  # type: ignore[operator]
    except Exception as exc:  # the failure itself is compared
        return ("raised", type(exc).__name__, str(exc))
    return (
        sorted(ctx.out.seen),
        {k: (f.severity, f.detail, f.board, f.band) for k, f in ctx.out.findings.items()},
    )


def _snaps(rate: float, nominal: float) -> list[MinerSnapshot]:
    return [
        s19(hashrate_avg_ths=rate, hashrate_5s_ths=rate, nominal_hashrate_ths=nominal),
        s19(
            hashrate_avg_ths=rate,
            hashrate_5s_ths=rate,
            nominal_hashrate_ths=nominal,
            boards=[board(0), board(1, hashrate_ths=0.0), board(2)],
        ),
        s19(hashrate_avg_ths=rate, nominal_hashrate_ths=nominal, uptime_s=120),  # in its grace
    ]


def _catalogues(tmp: Path) -> list[Catalogue]:
    """English, Chinese, and one where only hashrate_high is still in its start-up grace at
    3 days of uptime (then hashrate_low alone writes, or fails to write, its evidence)."""
    user = tmp / "faults.json"
    user.write_text(
        json.dumps({"faults": [{"id": "hashrate_high", "params": {"grace_s": 10 * DAY}}]}),
        encoding="utf-8",
    )
    return [default_catalogue(), default_catalogue("zh"), load_catalogue(user_file=user)]


def test_same_findings_and_failures_one_shot_and_tracked(tmp_path: Path) -> None:
    compared = findings = failures = 0
    for cat in _catalogues(tmp_path):
        th = Thresholds(catalogue=cat)
        for rate, nominal in itertools.product(RATES + ODD, NOMINALS):
            for snap_old, snap_new in zip(
                _snaps(rate, nominal), _snaps(rate, nominal), strict=True
            ):
                for hist_rate in (None, rate, 80.0):
                    old = _outcome(_eager_rule_hashrate, snap_old, th, hist_rate)
                    new = _outcome(rule_hashrate, snap_new, th, hist_rate)
                    assert new == old, (cat.lang, rate, nominal, hist_rate)
                    compared += 1
                    if isinstance(old, tuple) and old[0] == "raised":
                        failures += 1
                    elif isinstance(old, tuple) and old[1]:
                        findings += 1
    # the grid reaches every branch: findings, a miner's failure, and nothing to say
    assert findings > 100 and failures > 20 and compared - findings - failures > 100
