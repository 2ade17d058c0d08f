"""The trend rules' shortcut for a poll with no earlier sample (a miner's first evaluation):
same outcome as building the windows, on random histories with resets, gaps and fan drop-outs."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable

import pytest

from rig_monitor.core.faults import Thresholds, rules
from rig_monitor.core.faults.history import MinerHistory, sample_of
from rig_monitor.core.faults.rules import Ctx
from rig_monitor.core.model import MinerSnapshot, Severity
from tests.core.faults.factory import DAY, S19JPRO, T0, board, s19

TREND_RULES = (
    rules.rule_temp_rising,
    rules.rule_hashrate_degrading,
    rules.rule_chips_dropping,
    rules.rule_pool_reject_rising,
)


def _old_rule_fan_intermittent(ctx: Ctx) -> None:
    """``rule_fan_intermittent`` before the shortcut (kept as it was)."""
    fid = "fan_intermittent"
    hist = ctx.hist
    if hist is None or ctx.expected_fans == 0 or ctx.in_grace(fid):
        return
    window = ctx.p(fid, "window_s", 900)
    polls = [f for t, f in hist.fan_polls if t >= ctx.now - window and f]
    if len(polls) < 3:
        return
    ctx.seen(fid)
    if min(min(f) for f in polls) > 0 and (
        ctx.p(fid, "min_zero", 2) > 0 or ctx.p(fid, "min_spells", 2) > 0
    ):
        return
    for n in range(max(len(f) for f in polls)):
        series = [f[n] for f in polls if n < len(f)]
        run = len(series) - next(
            (i + 1 for i in range(len(series) - 1, -1, -1) if series[i] > 0), 0
        )
        if run >= ctx.p(fid, "dead_polls", 3):
            continue
        zero = sum(1 for r in series if r <= 0)
        spells = sum(1 for a, b in itertools.pairwise(series) if a <= 0 < b)
        if zero >= ctx.p(fid, "min_zero", 2) and spells >= ctx.p(fid, "min_spells", 2):
            ctx.add(
                fid,
                Severity.WARNING,
                ctx.say(fid, "fan", n=n + 1, zero=zero, polls=len(series)),
            )


def _random_polls(rng: random.Random, n: int) -> list[MinerSnapshot]:
    out: list[MinerSnapshot] = []
    t, up, acc, rej = T0, rng.choice([300, 2 * DAY]), 1000, 5
    for _ in range(n):
        t += rng.choice([5, 30, 54, 55, 60, 61, 120, 600])
        up += int(t - (out[-1].timestamp if out else t))
        if rng.random() < 0.08:
            up = rng.randrange(10, 400)  # a restart
        if rng.random() < 0.05:
            acc, rej = 0, 0  # counters reset
        acc += rng.randrange(0, 200)
        rej += rng.randrange(0, 8)
        chips = [126 - rng.choice([0, 0, 0, 1, 3]) for _ in range(3)]
        hot = rng.gauss(65, 6)
        out.append(
            s19(
                timestamp=t,
                uptime_s=up,
                accepted=acc,
                rejected=rej,
                hashrate_5s_ths=rng.choice([None, 104.0, 98.0, 90.0, 0.0]),
                fans_rpm=[rng.choice([0, 5800, 6000]) for _ in range(4)],
                temp_chip_max_c=hot + 15,
                temp_board_max_c=hot,
                boards=[
                    board(i, chips=c, temp_board_c=hot + i, temp_chip_c=hot + 15 + i)
                    for i, c in enumerate(chips)
                ],
            )
        )
    return out


def _outcome(
    rule: Callable[[Ctx], None], snap: MinerSnapshot, th: Thresholds, hist: MinerHistory
) -> object:
    limits = th.for_miner(snap.ip, snap.port, snap.make, snap.model, S19JPRO)
    ctx = Ctx(snap, limits, th.catalogue, S19JPRO, snap.timestamp, hist=hist)
    ctx.current = sample_of(snap, snap.timestamp)
    rule(ctx)
    return sorted(ctx.out.seen), {
        k: (f.severity, f.detail, f.band) for k, f in ctx.out.findings.items()
    }


def test_trend_rules_same_outcome_with_and_without_the_shortcut(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    th = Thresholds()
    alone_seen = trend_findings = fan_findings = 0
    for seed in range(40):
        rng = random.Random(seed)
        hist = MinerHistory()
        for snap in _random_polls(rng, 40):
            current = sample_of(snap, snap.timestamp)
            hist.observe(
                snap, snap.timestamp, keep_s=3600, slack_s=120, reboot_keep_s=86400, sample=current
            )
            probe = Ctx(
                snap,
                th.for_miner(snap.ip, snap.port, snap.make, snap.model, S19JPRO),
                th.catalogue,
                S19JPRO,
                snap.timestamp,
                hist=hist,
            )
            probe.current = current
            alone_seen += rules._alone(hist, probe)
            for rule in TREND_RULES:
                new = _outcome(rule, snap, th, hist)
                with monkeypatch.context() as m:
                    m.setattr(rules, "_alone", lambda hist, ctx: False)  # the windows built
                    old = _outcome(rule, snap, th, hist)
                assert new == old, (seed, rule.__name__, snap.timestamp)
                trend_findings += bool(new[1])  # type: ignore[index]
            new = _outcome(rules.rule_fan_intermittent, snap, th, hist)
            assert new == _outcome(_old_rule_fan_intermittent, snap, th, hist), seed
            fan_findings += bool(new[1])  # type: ignore[index]
    # the random histories reach both sides: first polls and resets, and real trend findings
    assert alone_seen > 40 and trend_findings > 20 and fan_findings > 20
