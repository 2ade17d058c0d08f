"""The detection rules: what one poll (plus, for the tracker, a little history) says is wrong.

A rule looks at one snapshot and reports *findings* with evidence in operator words; it never
decides how long a condition must last — that is the tracker's job (dwell, hysteresis, grace).
Each rule also says which fault ids it could judge this poll (``Outcome.seen``): a fault the rule
could not judge (no data, start-up grace) is neither raised nor cleared, so a missing reading
never clears a real alarm.

A *band* finding means "below the raise threshold but not yet below the clear threshold": it
keeps an open fault open and never opens one (hysteresis, faults.md §4.4).
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field

from rig_monitor.core.errwords import localise
from rig_monitor.core.faults.catalogue import Catalogue
from rig_monitor.core.faults.codes import GENERIC_FAULT, boot_reason, classify
from rig_monitor.core.faults.history import MinerHistory, Sample, sample_of
from rig_monitor.core.faults.peers import Peers
from rig_monitor.core.faults.sanity import Issue
from rig_monitor.core.faults.thresholds import Limits, ModelSpecLike
from rig_monitor.core.model import Board, MinerSnapshot, PoolStatus, Severity
from rig_monitor.core.modeldb import cooling_from_name

DIFF1_HASHES = 2**32
HYDRO = ("hydro", "immersion")

Key = tuple[str, int | None]


@dataclass(slots=True)
class Finding:
    fault_id: str
    severity: Severity
    detail: str
    board: int | None = None  # 0-based
    band: bool = False


@dataclass(slots=True)
class Outcome:
    findings: dict[Key, Finding] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)

    def add(self, f: Finding) -> None:
        self.seen.add(f.fault_id)
        key = (f.fault_id, f.board)
        old = self.findings.get(key)
        if old is None:
            self.findings[key] = f
            return
        if f.band != old.band:
            if old.band:
                self.findings[key] = f
            return
        worse, other = (f, old) if f.severity.rank > old.severity.rank else (old, f)
        detail = worse.detail if other.detail in worse.detail else f"{worse.detail}; {other.detail}"
        self.findings[key] = Finding(
            worse.fault_id, worse.severity, detail, worse.board, worse.band
        )

    def has(self, fault_id: str, *, min_severity: Severity = Severity.INFO) -> bool:
        if not self.findings:  # most miners, at every rule that asks (~9 times a poll)
            return False
        return any(
            k[0] == fault_id and not f.band and f.severity.rank >= min_severity.rank
            for k, f in self.findings.items()
        )


@dataclass(slots=True)
class Ctx:
    snap: MinerSnapshot
    limits: Limits
    cat: Catalogue
    spec: ModelSpecLike | None
    now: float
    hist: MinerHistory | None = None  # None: one-shot evaluation, no dwell, lifetime counters
    out: Outcome = field(default_factory=Outcome)
    sanity: list[Issue] = field(default_factory=list)  # values the sanity check dropped
    peers: Peers | None = None  # the site's miners of the same model
    current: Sample | None = None  # this poll as a history sample (see ``sample``)
    # ``p(fault_id, name, default=0.0)``: a parameter of these limits. Bound straight to
    # ``Limits.get``: the rules ask ~85 times per miner and poll, a wrapper call each time costs.
    p: Callable[..., float] = field(init=False, repr=False, compare=False)

    # the last window average made (window length, result): see _window_avg
    avg_memo: tuple[float, tuple[float, str] | None] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    # no fault is in its start-up grace: the uptime is past the longest grace_s (or unknown)
    settled: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.p = self.limits.get
        up = self.snap.uptime_s
        self.settled = up is None or up >= self.limits.highest("grace_s")

    @property
    def oneshot(self) -> bool:
        return self.hist is None

    def sample(self) -> Sample:
        """``sample_of(snap, now)``, made once: six rules read it, and rules never change the
        snapshot."""
        if self.current is None:
            self.current = sample_of(self.snap, self.now)
        return self.current

    def in_grace(self, fault_id: str) -> bool:
        if self.settled:
            return False
        up = self.snap.uptime_s
        return up is not None and up < self.p(fault_id, "grace_s")

    def say(self, fault_id: str, key: str, **values: object) -> str:
        return self.cat.text(fault_id, key, **values)

    def add(
        self,
        fault_id: str,
        severity: Severity,
        detail: str,
        board: int | None = None,
        band: bool = False,
    ) -> None:
        self.out.add(Finding(fault_id, severity, detail, board, band))

    def seen(self, *fault_ids: str) -> None:
        self.out.seen.update(fault_ids)

    def note(self, text: str) -> None:
        """A caveat about how the reading was judged ("power not judged: tuned profile"): it
        goes with the reading's own notes, once, so the operator sees why a rule kept quiet."""
        if text not in self.snap.notes:
            self.snap.notes.append(text)

    @property
    def cooling(self) -> str:
        if self.spec is not None and self.spec.cooling:
            return self.spec.cooling.lower()
        return cooling_from_name(self.snap.model) or "air"  # "S21 XP Hyd." not in the table yet

    @property
    def expected_ths(self) -> float | None:
        if self.snap.nominal_hashrate_ths:
            return self.snap.nominal_hashrate_ths
        return self.spec.nominal_ths if self.spec is not None and self.spec.nominal_ths else None

    @property
    def expected_boards(self) -> int | None:
        if self.snap.expected_boards is not None:
            return self.snap.expected_boards
        return self.spec.boards if self.spec is not None else None

    @property
    def expected_fans(self) -> int | None:
        if self.cooling in HYDRO:
            return 0
        if self.snap.expected_fans is not None:
            return self.snap.expected_fans
        return self.spec.fans if self.spec is not None else None

    def expected_chips(self, board: Board) -> int | None:
        if board.expected_chips:
            return board.expected_chips
        if self.spec is not None and self.spec.chips_per_board:
            return self.spec.chips_per_board
        return self.sibling_chips()

    def sibling_chips(self) -> int | None:
        """No chip count in the model table (Avalon): the boards of one machine are alike, so
        the fullest of at least three boards is what each should have."""
        counts = [b.chips for b in self.snap.boards if b.chips]
        return max(counts) if len(counts) >= 3 else None


# ---------------------------------------------------------------------------------------------
# formatting: evidence is read by people, so numbers are short and units always shown


def num(x: float) -> str:
    """Below 1 (a Scrypt miner's 0.013 TH/s), two significant digits: "0.0" says nothing."""
    if 0 < abs(x) < 1 and math.isfinite(x):
        text = f"{x:.{1 - math.floor(math.log10(abs(x)))}f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(round(x)) if abs(x - round(x)) < 0.05 else f"{x:.1f}"


def pct(ratio: float) -> str:
    return (
        str(round(ratio * 100))
        if ratio * 100 >= 10
        else f"{ratio * 100:.1f}".rstrip("0").rstrip(".")
    )


def duration(seconds: float) -> str:
    s = max(0, int(seconds))
    if s < 120:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min"
    if s < 172800:
        h, m = divmod(s // 60, 60)
        return f"{h} h {m} min" if m else f"{h} h"
    d, h = divmod(s // 3600, 24)
    return f"{d} d {h} h" if h else f"{d} d"


def wilson_low(k: float, n: float, z: float) -> float:
    """Lower bound of the Wilson score interval for k successes in n trials.

    "3 rejects in 50 shares" is 6 %, but with 99 % confidence only "at least 1.3 %"; judging the
    bound instead of the ratio keeps a handful of shares from raising an alarm.
    """
    if n <= 0:
        return 0.0
    p = min(max(k / n, 0.0), 1.0)
    z2 = z * z
    centre = p + z2 / (2 * n)
    margin = z * math.sqrt(max(p * (1 - p) / n + z2 / (4 * n * n), 0.0))
    return max(0.0, (centre - margin) / (1 + z2 / n))


def device_hardware_pct(snap: MinerSnapshot) -> float | None:
    """The firmware's own cumulative ``Device Hardware%`` from the summary reply, if it sent one."""
    reply = snap.raw.get("summary")
    rows = reply.get("SUMMARY") if isinstance(reply, dict) else None
    if not isinstance(rows, list) or not rows or not isinstance(rows[0], dict):
        return None
    value = rows[0].get("Device Hardware%")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    v = float(value)
    return v if math.isfinite(v) and 0.0 <= v <= 100.0 else None


# ---------------------------------------------------------------------------------------------
# rules


def rule_unreachable(ctx: Ctx) -> None:
    s = ctx.snap
    ctx.seen("miner_unreachable")
    if s.online:
        return
    error = s.error or (str(s.error_kind) if s.error_kind else "no answer")
    error = localise(error, ctx.cat.lang)  # evidence is read in the catalogue's language
    # the tracker starts at warning and escalates after escalate_after_s; a one-shot poll has no
    # history to wait for, so it reports the catalogue's severity at once
    sev = ctx.cat.get("miner_unreachable").severity if ctx.oneshot else Severity.WARNING
    ctx.add("miner_unreachable", sev, ctx.say("miner_unreachable", "offline", error=error))


def rule_codes(ctx: Ctx) -> None:
    s = ctx.snap
    ctx.seen(GENERIC_FAULT)
    for err in s.error_codes:
        info = classify(err, s.make, s.family)
        if info is None:
            continue
        fid = info.fault_id if info.fault_id in ctx.cat else GENERIC_FAULT
        detail = ctx.say(
            GENERIC_FAULT, "code", vendor=info.vendor, code=info.code, meaning=info.meaning
        )
        if info.vendor == "Whatsminer" and info.board is not None:
            detail += ctx.say(GENERIC_FAULT, "board", board=info.board + 1)
        if info.action:
            detail += ctx.say(GENERIC_FAULT, "action", action=info.action)
        ctx.add(fid, info.severity, detail, info.board)


def rule_stopped(ctx: Ctx) -> None:
    s = ctx.snap
    if s.idle:
        ctx.add("mining_stopped", Severity.INFO, ctx.say("mining_stopped", "idle"))
        return
    now = s.hashrate_now_ths  # the 5 s sample: an average since start lags a stop for hours
    if ctx.in_grace("mining_stopped") or now is None:
        return
    ctx.seen("mining_stopped")
    if now <= 0:
        up = duration(s.uptime_s) if s.uptime_s is not None else "?"
        live = [p for p in s.pools if p.status is not PoolStatus.DISABLED]
        key = "pools_dead" if live and all(p.status is PoolStatus.DEAD for p in live) else "zero"
        ctx.add("mining_stopped", Severity.CRITICAL, ctx.say("mining_stopped", key, uptime=up))


def _window_avg(ctx: Ctx, fault_id: str) -> tuple[float, str] | None:
    """The hashrate to judge: the tracker's window average, else the firmware's own average."""
    s = ctx.snap
    if ctx.hist is None:
        value = s.hashrate_avg_ths if s.hashrate_avg_ths is not None else s.hashrate_ths
        return (value, "") if value is not None else None
    start = ctx.now - ctx.p(fault_id, "window_s", 1800)
    if s.uptime_s is not None:
        start = max(start, ctx.now - s.uptime_s + ctx.p(fault_id, "grace_s"))
    length = ctx.now - start
    if ctx.avg_memo is not None and ctx.avg_memo[0] == length:
        return ctx.avg_memo[1]  # hashrate_low and hashrate_high share their window by default
    window = ctx.hist.window(ctx.now, length, ctx.sample())
    rates = [x[1] for x in window if x[1] is not None]
    got = None
    if rates:
        span = ctx.now - window[0][0]
        got = sum(rates) / len(rates), duration(span) if len(rates) > 1 else ""
    ctx.avg_memo = (length, got)
    return got


def rule_hashrate(ctx: Ctx) -> None:
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
        # The evidence is written only for a finding (most miners have none): the catalogue
        # checked every template when it loaded, so writing it later cannot fail where writing
        # it now would not. A value the numbers' formatting refuses (inf, NaN) is still written
        # at once, so it fails this miner's evaluation exactly as it always did.
        early = (
            None
            if math.isfinite(value) and math.isfinite(nominal) and math.isfinite(ratio)
            else _hashrate_detail(ctx, fid, value, nominal, ratio, window)
        )
        if fid == "hashrate_low":
            if ratio >= ctx.p(fid, "clear_ratio", 0.95):
                continue
            detail = early or _hashrate_detail(ctx, fid, value, nominal, ratio, window)
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
            detail = early or _hashrate_detail(ctx, fid, value, nominal, ratio, window)
            ctx.add(fid, ctx.cat.get(fid).severity, detail, band=band)


def _hashrate_detail(
    ctx: Ctx, fid: str, value: float, nominal: float, ratio: float, window: str
) -> str:
    values = {"ths": num(value), "nominal": num(nominal), "pct": pct(ratio), "window": window}
    return ctx.say(
        fid,
        "low_avg"
        if window and fid == "hashrate_low"
        else ("low" if fid == "hashrate_low" else "high"),
        **values,
    )


def rule_boards(ctx: Ctx) -> None:
    s = ctx.snap
    if not s.boards:
        return
    by_index = {b.index: b for b in s.boards}
    expected = ctx.expected_boards
    if not ctx.in_grace("board_missing"):
        ctx.seen("board_missing")
        indices = sorted(set(by_index) | set(range(expected or 0)))
        present = sum(1 for b in s.boards if (b.chips or 0) > 0 or (b.hashrate_ths or 0) > 0)
        # an index not reported is absent only while boards are short: "board 1 not detected
        # (2 of 2 boards)" is no fault (ePIC leaves out the board it disabled, see its driver)
        short = expected is not None and len(by_index) < expected
        for i in indices:
            b = by_index.get(i)
            if b is None:
                if not short:
                    continue
                ctx.add(
                    "board_missing",
                    Severity.CRITICAL,
                    ctx.say(
                        "board_missing", "absent", board=i + 1, present=present, expected=expected
                    ),
                    i,
                )
            elif b.chips == 0 or (b.chip_status == "" and not b.hashrate_ths):
                exp = ctx.expected_chips(b)
                ctx.add(
                    "board_missing",
                    Severity.CRITICAL,
                    ctx.say("board_missing", "zero", board=i + 1, expected=exp if exp else "?"),
                    i,
                )
    for fid in ("chips_missing", "chip_status_bad"):
        if not ctx.in_grace(fid):
            ctx.seen(fid)
    for b in s.boards:
        if not b.chips and not b.chip_status:
            continue
        ok, bad, unstable = b.chip_status_counts()
        # The firmware's own count (chain_acn) says how many chips it found; 'x'/'-' marks say
        # which of the found chips misbehave. A short count is missing chips; marks with a full
        # count are bad chip status (faults.md §3.2: ok + bad < nominal → missing).
        found = b.chips if b.chips is not None else ok + bad + unstable
        exp = ctx.expected_chips(b)
        # judge only the fitted chips' marks: firmware pads past them with '-' (S23 Hyd.)
        fitted = max(found, exp or 0)
        ok, bad, unstable = b.chip_status_counts(fitted or None)
        missing = bool(exp and 0 < found < exp)
        if "chips_missing" in ctx.out.seen and missing:
            marks = ""
            if bad:
                marks += ctx.say("chips_missing", "x", n=bad)
            if unstable:
                marks += ctx.say("chips_missing", "dash", n=unstable)
            if not b.expected_chips and not (ctx.spec is not None and ctx.spec.chips_per_board):
                marks += ctx.say("chips_missing", "siblings", expected=exp)
            ctx.add(
                "chips_missing",
                Severity.WARNING,
                ctx.say(
                    "chips_missing",
                    "chain",
                    board=b.index + 1,
                    ok=found,
                    expected=exp,
                    marks=marks,
                ),
                b.index,
            )
        # On a short chain the marks are usually the absent chips' own slots (the L9 capture's
        # chain 3: 25 found, 85 marked x/X, 110 fitted; operator journey 3: 98/126, 28 x), which
        # chips_missing already tells ("28 x"): a second card would count the same chips twice.
        # Only 'x' marks beyond the absent chips are found chips answering wrongly.
        total = ok + bad + unstable
        if missing and exp:
            bad = max(bad - (exp - found), 0)
        if "chip_status_bad" in ctx.out.seen and (bad if missing else bad or unstable):
            ctx.add(
                "chip_status_bad",
                Severity.WARNING,
                ctx.say(
                    "chip_status_bad",
                    "chain",
                    board=b.index + 1,
                    dash=unstable,
                    x=bad,
                    total=total,
                ),
                b.index,
            )


def rule_fans(ctx: Ctx) -> None:
    s = ctx.snap
    expected = ctx.expected_fans
    if expected == 0:  # hydro / immersion: no fans to lose
        ctx.seen("fan_failed", "fan_speed_abnormal")
        return
    fans = s.fans_rpm
    if not fans:
        return
    if not ctx.in_grace("fan_failed"):
        ctx.seen("fan_failed")
        dead = [i for i, rpm in enumerate(fans) if rpm <= 0]
        lost = list(range(len(fans), expected)) if expected and expected > len(fans) else []
        if dead and len(dead) == len(fans) and len(fans) > 1:
            ctx.add("fan_failed", Severity.CRITICAL, ctx.say("fan_failed", "all", n=len(fans)))
        elif dead or lost:
            parts = [ctx.say("fan_failed", "fan", n=i + 1) for i in dead]
            parts += [ctx.say("fan_failed", "no_reading", n=i + 1) for i in lost]
            ctx.add("fan_failed", Severity.CRITICAL, ", ".join(parts))
    if not ctx.in_grace("fan_speed_abnormal"):
        ctx.seen("fan_speed_abnormal")
        fid = "fan_speed_abnormal"
        limit = ctx.p(fid, "max_rpm", 14000)
        spinning = [(i, rpm) for i, rpm in enumerate(fans) if rpm > 0]
        for i, rpm in spinning:
            if rpm > limit:
                ctx.add(
                    fid, Severity.WARNING, ctx.say(fid, "high", n=i + 1, rpm=rpm, limit=num(limit))
                )
        if len(spinning) >= 3:
            for i, rpm in spinning:
                others = statistics.median(r for j, r in spinning if j != i)
                if others < ctx.p(fid, "min_rpm_for_deviation", 1000):
                    continue
                off = abs(rpm - others) / others
                if off > ctx.p(fid, "deviation_ratio", 0.3):
                    ctx.add(
                        fid,
                        Severity.WARNING,
                        ctx.say(
                            fid, "deviation", n=i + 1, rpm=rpm, median=num(others), pct=pct(off)
                        ),
                    )


def _over(
    ctx: Ctx,
    fid: str,
    readings: list[tuple[float, int | None]],
    warn: float,
    crit: float,
    margin: float,
) -> None:
    """Raise/band logic shared by the over-temperature rules: the hottest reading decides."""
    if not readings:
        return
    temp, board = max(readings, key=lambda r: r[0])

    def evidence(limit: float) -> str:
        shown = board + 1 if board is not None else "?"
        return ctx.say(fid, "temp", temp=num(temp), limit=num(limit), board=shown)

    if temp >= crit:
        ctx.add(fid, Severity.CRITICAL, evidence(crit))
    elif ctx.in_grace(fid):  # start-up: boards still settling; only a protection level counts
        return
    elif warn >= crit:  # no sourced warning level: nothing below the protection but a band
        ctx.seen(fid)
        if temp >= crit - margin:
            ctx.add(fid, Severity.WARNING, evidence(crit), band=True)
    elif temp >= warn - margin:
        ctx.seen(fid)
        ctx.add(fid, Severity.WARNING, evidence(warn), band=temp < warn)
    else:
        ctx.seen(fid)


def rule_temps(ctx: Ctx) -> None:
    s = ctx.snap
    lo, hi = ctx.p("temp_sensor_fault", "min_c", -20), ctx.p("temp_sensor_fault", "max_c", 150)
    sensor_graced = ctx.in_grace("temp_sensor_fault")
    if not sensor_graced:
        ctx.seen("temp_sensor_fault")
        stuck = [i for i in ctx.sanity if i.sensor is not None]
        on_boards = {i.board for i in stuck if i.board is not None}
        for issue in stuck:
            if issue.board is None and on_boards:
                continue  # the snapshot-wide maximum repeats a board's broken reading
            ctx.add(
                "temp_sensor_fault",
                Severity.WARNING,
                ctx.say(
                    "temp_sensor_fault",
                    "stuck",
                    board=issue.board + 1 if issue.board is not None else "?",
                    kind=issue.sensor,
                    temp=num(issue.value) if math.isfinite(issue.value) else str(issue.value),
                ),
                issue.board,
            )

    def plausible(value: float | None, board: int | None, kind: str) -> float | None:
        if value is None:
            return None
        if lo <= value <= hi:
            return value
        if not sensor_graced:
            ctx.add(
                "temp_sensor_fault",
                Severity.WARNING,
                ctx.say(
                    "temp_sensor_fault",
                    "implausible",
                    board=board + 1 if board is not None else "?",
                    kind=kind,
                    temp=num(value),
                ),
                board,
            )
        return None

    chips: list[tuple[float, int | None]] = []
    pcbs: list[tuple[float, int | None]] = []
    inlets: list[float] = []
    for b in s.boards:
        c = plausible(b.temp_chip_c, b.index, "chip")
        p = plausible(b.temp_board_c, b.index, "board")
        i = plausible(b.temp_inlet_c, b.index, "inlet")
        if c is not None:
            chips.append((c, b.index))
        if p is not None:
            pcbs.append((p, b.index))
        if i is not None:
            inlets.append(i)
    if not chips and (c := plausible(s.temp_chip_max_c, None, "chip")) is not None:
        chips.append((c, None))
    if not pcbs and (p := plausible(s.temp_board_max_c, None, "board")) is not None:
        pcbs.append((p, None))
    if (i := plausible(s.temp_inlet_c, None, "inlet")) is not None:
        inlets.append(i)

    if not sensor_graced and (chips or pcbs):
        for b in s.boards:
            hashing = (b.hashrate_ths or 0) > 0 or (b.chips or 0) > 0
            if hashing and b.temp_chip_c is None and b.temp_board_c is None:
                ctx.add(
                    "temp_sensor_fault",
                    Severity.CRITICAL,
                    ctx.say("temp_sensor_fault", "lost", board=b.index + 1),
                    b.index,
                )

    for fid, readings in (("chip_overtemp", chips), ("board_overtemp", pcbs)):
        _over(
            ctx,
            fid,
            readings,
            ctx.p(fid, "warn_c", 90),
            ctx.p(fid, "crit_c", 95),
            ctx.p(fid, "clear_margin_c", 5),
        )

    if not inlets:
        return
    hydro = ctx.cooling in HYDRO
    fid = "inlet_overtemp"
    warn = ctx.p(fid, "hydro_warn_c" if hydro else "warn_c", 35)
    crit = ctx.p(fid, "hydro_crit_c" if hydro else "crit_c", 40)
    _over(ctx, fid, [(t, None) for t in inlets], warn, crit, ctx.p(fid, "clear_margin_c", 3))
    fid = "inlet_undertemp"
    ctx.seen(fid)
    low = ctx.p(fid, "hydro_warn_c" if hydro else "warn_c", 0)
    coldest = min(inlets)
    if coldest < low:
        ctx.add(fid, Severity.WARNING, ctx.say(fid, "temp", temp=num(coldest), limit=num(low)))
    elif coldest < low + ctx.p(fid, "clear_margin_c", 3):
        ctx.add(
            fid,
            Severity.WARNING,
            ctx.say(fid, "temp", temp=num(coldest), limit=num(low)),
            band=True,
        )


def profile_ratio(ctx: Ctx) -> float | None:
    """The firmware's own hashrate target over the model's stock rating: far from 1 means a
    tuned or eco profile (LuxOS "290MHz", a PerpetualTune target), for which the stock power
    rating says nothing."""
    own = ctx.snap.nominal_hashrate_ths
    stock = ctx.spec.nominal_ths if ctx.spec is not None else None
    return own / stock if own and stock else None


def rule_power(ctx: Ctx) -> None:
    s = ctx.snap
    fid = "power_out_of_range"
    if s.power_w is None or ctx.in_grace(fid):
        return
    rated = ctx.spec.nominal_w if ctx.spec is not None else None
    profile = profile_ratio(ctx)
    if (
        rated
        and profile is not None
        and not ctx.p(fid, "profile_low_ratio", 0.9)
        <= profile
        <= ctx.p(fid, "profile_high_ratio", 1.11)
    ):
        # faults.md §4.2: expected power is model + bin + power mode. A profile far from the
        # stock rating has no rated power of its own here, so only the firmware's power target
        # (when it reports one) is a reference.
        ctx.note(
            ctx.say(
                fid,
                "profile",
                pct=pct(profile),
                ths=num(s.nominal_hashrate_ths or 0.0),
                stock=num(ctx.spec.nominal_ths if ctx.spec and ctx.spec.nominal_ths else 0.0),
                w=round(rated),
            )
        )
        rated = None
    ref = s.power_limit_w or rated
    if not ref:
        return
    ctx.seen(fid)
    ratio = s.power_w / ref
    if ratio > ctx.p(fid, "clear_high_ratio", 1.05):
        limit = ref * ctx.p(fid, "high_ratio", 1.1)
        ctx.add(
            fid,
            Severity.WARNING,
            ctx.say(
                fid, "high", w=round(s.power_w), limit=round(limit), pct=pct(ratio), ref=round(ref)
            ),
            band=s.power_w <= limit,
        )
        return
    hr = (
        s.hashrate_ratio
        if s.nominal_hashrate_ths
        else (
            s.hashrate_ths / ctx.expected_ths
            if s.hashrate_ths is not None and ctx.expected_ths
            else None
        )
    )
    # the low bar: a power target below the rating is what this miner is meant to draw
    # (faults.md §4.3: "< 70 % expected while hashing"); a cap above the rating is no target
    expected_w = min(rated, s.power_limit_w) if rated and s.power_limit_w else rated
    if expected_w and hr is not None and hr >= ctx.p(fid, "min_hashrate_ratio", 0.9):
        low = s.power_w / expected_w
        if low < ctx.p(fid, "clear_low_ratio", 0.8):
            limit = expected_w * ctx.p(fid, "low_ratio", 0.7)
            ctx.add(
                fid,
                Severity.WARNING,
                ctx.say(fid, "low", w=round(s.power_w), limit=round(limit)),
                band=s.power_w >= limit,
            )


def _reject_window(ctx: Ctx) -> tuple[int, int, str] | None:
    """(accepted, rejected, window text) to judge: deltas over the window, else lifetime."""
    fid = "pool_reject_high"
    current = ctx.sample()
    if current[4] is None or current[5] is None:
        return None
    if ctx.hist is None:
        return current[4], current[5], ""
    window = ctx.hist.window(ctx.now, ctx.p(fid, "window_s", 1800), current)
    first = next((x for x in window if x[4] is not None and x[5] is not None), None)
    if first is None or first is current:
        return None
    return current[4] - (first[4] or 0), current[5] - (first[5] or 0), duration(ctx.now - first[0])


def rule_pools(ctx: Ctx) -> None:
    s = ctx.snap
    pools = [p for p in s.pools if p.status is not PoolStatus.DISABLED]
    if not pools:
        return
    fid = "pools_all_dead"
    if not ctx.in_grace(fid) and any(p.status is not PoolStatus.UNKNOWN for p in pools):
        ctx.seen(fid)
        dead = [p for p in pools if p.status is PoolStatus.DEAD]
        if len(dead) == len(pools):
            ctx.add(fid, Severity.CRITICAL, ctx.say(fid, "dead", dead=len(dead), total=len(pools)))

    fid = "pool_failover"
    if not ctx.in_grace(fid):
        ctx.seen(fid)
        active = next((p for p in pools if p.active), None)
        ranked = [p for p in pools if p.priority is not None]
        if active is not None and active.priority is not None and ranked:
            top = min(ranked, key=lambda p: p.priority or 0)
            if (
                top is not active
                and (top.priority or 0) < active.priority
                and top.status is not PoolStatus.ALIVE
            ):
                ctx.add(
                    fid,
                    Severity.INFO,
                    ctx.say(
                        fid,
                        "backup",
                        url=active.url,
                        prio=active.priority,
                        primary=top.url,
                        status=str(top.status),
                    ),
                )

    fid = "pool_reject_high"
    if not ctx.in_grace(fid):
        got = _reject_window(ctx)
        if got is not None:
            acc, rej, window = got
            shares = acc + rej
            if shares >= ctx.p(fid, "min_shares", 200) and shares > 0:
                ctx.seen(fid)
                ratio = rej / shares
                low = wilson_low(rej, shares, ctx.p(fid, "confidence_z", 2.58))
                enough = rej >= ctx.p(fid, "min_rejects", 5)
                if enough and ratio * 100 >= ctx.p(fid, "clear_pct", 1.0):
                    detail = ctx.say(
                        fid,
                        "window" if window else "lifetime",
                        pct=pct(ratio),
                        low=pct(low),
                        rejects=rej,
                        shares=shares,
                        window=window,
                    )
                    ctx.add(
                        fid,
                        Severity.WARNING,
                        detail,
                        band=low * 100 < ctx.p(fid, "warn_pct", 2.0),
                    )

    fid = "pool_latency"
    active_pool = s.active_pool
    # the age on the miner's own clock (When - Last Share Time), never the desktop's: a miner
    # whose clock is unset (1970) would otherwise show "no share for 20789 d"
    age = active_pool.last_share_age_s if active_pool is not None else None
    if ctx.in_grace(fid) or active_pool is None or age is None:
        return
    if not s.hashrate_ths or active_pool.status is not PoolStatus.ALIVE:
        return
    ctx.seen(fid)
    if age > ctx.p(fid, "max_share_age_s", 600):
        ctx.add(
            fid,
            Severity.WARNING,
            ctx.say(fid, "drought", duration=duration(age), url=active_pool.url),
        )


def diff1_hashes(ctx: Ctx) -> float | None:
    """Hashes per difficulty-1 share for the model's algorithm, so a hashrate becomes work the
    HW-error count can be compared with. None where the size is not known (Equihash,
    kHeavyHash, …): a SHA-256 figure there turns a healthy miner's errors into a false rate."""
    fid = "hw_error_rate_high"
    algo = getattr(ctx.spec, "algorithm", None) if ctx.spec is not None else None
    name = algo.strip().lower().replace("-", "") if isinstance(algo, str) else "sha256"
    if name == "sha256":
        return float(2 ** ctx.p(fid, "diff1_log2", 32))
    if name == "scrypt":
        return float(2 ** ctx.p(fid, "diff1_log2_scrypt", 16))
    return None


def rule_hw_errors(ctx: Ctx) -> None:
    s = ctx.snap
    fid = "hw_error_rate_high"
    if ctx.in_grace(fid) or s.hw_errors is None:
        return
    device_pct = device_hardware_pct(s)
    per_diff1 = diff1_hashes(ctx)
    if per_diff1 is None and (device_pct is None or ctx.hist is not None):
        if s.hw_errors:
            algo = getattr(ctx.spec, "algorithm", None)
            ctx.note(ctx.say(fid, "no_unit", algorithm=algo))
        return
    if ctx.hist is None:
        ths = s.hashrate_avg_ths if s.hashrate_avg_ths is not None else s.hashrate_ths
        if not s.uptime_s:
            return
        values: dict[str, object] = {"count": s.hw_errors, "uptime": duration(s.uptime_s)}
        if device_pct is not None:
            # the firmware's own cumulative ratio (Δ Hardware Errors / (errors + Diff1 Work))
            if device_pct <= 0 or not s.hw_errors:
                ctx.seen(fid)  # the firmware's own ratio is (rounded to) zero
                return
            errors = s.hw_errors
            work = errors * (100.0 - device_pct) / device_pct
            template = "device"
        elif ths and per_diff1:
            errors, work = s.hw_errors, ths * 1e12 * s.uptime_s / per_diff1
            template = "lifetime"
        else:
            return
    else:
        current = ctx.sample()
        window = [
            x
            for x in ctx.hist.window(ctx.now, ctx.p(fid, "window_s", 1800), current)
            if x[3] is not None
        ]
        if len(window) < 2 or window[-1][0] - window[0][0] < ctx.p(fid, "min_window_s", 600):
            return
        rates = [x[1] for x in window if x[1] is not None]
        if not rates:
            return
        span = window[-1][0] - window[0][0]
        errors = (window[-1][3] or 0) - (window[0][3] or 0)
        work = statistics.fmean(rates) * 1e12 * span / (per_diff1 or DIFF1_HASHES)
        values = {"window": duration(span)}
        template = "window"
    if errors + work <= 0:
        return
    ctx.seen(fid)
    rate = errors / (errors + work) * 100
    if rate < ctx.p(fid, "clear_pct", 0.5) or errors < ctx.p(fid, "min_errors", 20):
        return
    low = wilson_low(errors, errors + work, ctx.p(fid, "confidence_z", 2.58)) * 100
    detail = ctx.say(fid, template, pct=num(rate), **values)
    per_board = [(b.hw_errors, b.index) for b in s.boards if b.hw_errors]
    total = sum(n for n, _ in per_board)
    if total and len(per_board) > 1:
        top, idx = max(per_board)
        if top / total > 0.5:
            detail += ctx.say(fid, "chain", board=idx + 1, share=round(100 * top / total))
    sev = Severity.CRITICAL if low > ctx.p(fid, "crit_pct", 5) else Severity.WARNING
    ctx.add(fid, sev, detail, band=low <= ctx.p(fid, "warn_pct", 1))


def rule_freq(ctx: Ctx) -> None:
    fid = "freq_throttled"
    if ctx.hist is None or ctx.in_grace(fid):
        return
    base = ctx.hist.freq_base
    boards = [b for b in ctx.snap.boards if b.frequency_mhz]
    if not boards:
        return
    ctx.seen(fid)
    for b in boards:
        mhz = b.frequency_mhz or 0.0
        ref = base.get(b.index, 0.0)
        if mhz >= ref:
            base[b.index] = mhz
            continue
        ratio = mhz / ref
        if ratio < ctx.p(fid, "clear_ratio", 0.97):
            ctx.add(
                fid,
                Severity.INFO,
                ctx.say(
                    fid, "board", board=b.index + 1, mhz=num(mhz), pct=pct(ratio), base=num(ref)
                ),
                b.index,
                band=ratio >= ctx.p(fid, "ratio", 0.9),
            )


def rule_reboot(ctx: Ctx) -> None:
    fid = "unexpected_reboot"
    hist = ctx.hist
    if hist is None:
        return
    ctx.seen(fid)
    recent = hist.reboots_within(ctx.now, ctx.p(fid, "hold_s", 3600))
    if not recent or hist.last_reset is None:
        return
    r = hist.last_reset
    detail = ctx.say(fid, "reset", uptime=duration(r.uptime), was=duration(r.was))
    if r.gap_s is not None:
        detail += ctx.say(fid, "gap", gap=duration(r.gap_s))
    reason = boot_reason(ctx.snap.error_codes)
    if reason:
        detail += ctx.say(fid, "reason", reason=reason)
    ctx.add(fid, Severity.WARNING, detail)


def rule_reboot_loop(ctx: Ctx) -> None:
    fid = "reboot_loop"
    hist = ctx.hist
    if hist is None:
        return
    ctx.seen(fid)
    window = ctx.p(fid, "window_s", 3600)
    count = hist.reboots_within(ctx.now, window)
    if count < ctx.p(fid, "loop_count", 3) or hist.last_reset is None:
        return
    r = hist.last_reset
    detail = ctx.say(
        fid,
        "loop",
        count=count,
        window=duration(window),
        uptime=duration(r.uptime),
        was=duration(r.was),
    )
    reason = boot_reason(ctx.snap.error_codes)
    if reason:
        detail += ctx.say("unexpected_reboot", "reason", reason=reason)
    ctx.add(fid, Severity.CRITICAL, detail)


# ---------------------------------------------------------------------------------------------
# early warning: what a miner's own recent history says before a fixed limit is reached


def rule_flapping(ctx: Ctx) -> None:
    fid = "miner_flapping"
    hist = ctx.hist
    if hist is None:
        return
    ctx.seen(fid)
    window = ctx.p(fid, "window_s", 900)
    count = sum(1 for t in hist.drops if t >= ctx.now - window)
    if count >= ctx.p(fid, "drops", 3):
        ctx.add(fid, Severity.WARNING, ctx.say(fid, "drops", count=count, window=duration(window)))


def rule_fan_intermittent(ctx: Ctx) -> None:
    fid = "fan_intermittent"
    hist = ctx.hist
    # fewer than 3 polls kept at all: fewer than 3 in its window (a miner's first polls)
    if hist is None or len(hist.fan_polls) < 3 or ctx.expected_fans == 0 or ctx.in_grace(fid):
        return
    window = ctx.p(fid, "window_s", 900)
    polls = [f for t, f in hist.fan_polls if t >= ctx.now - window and f]
    if len(polls) < 3:
        return
    ctx.seen(fid)
    if min(min(f) for f in polls) > 0 and (
        ctx.p(fid, "min_zero", 2) > 0 or ctx.p(fid, "min_spells", 2) > 0
    ):
        return  # every fan turned at every poll: no drop-out to count (the usual case)
    for n in range(max(len(f) for f in polls)):
        series = [f[n] for f in polls if n < len(f)]
        run = len(series) - next(
            (i + 1 for i in range(len(series) - 1, -1, -1) if series[i] > 0), 0
        )
        if run >= ctx.p(fid, "dead_polls", 3):
            continue  # stopped for good now: fan_failed, not a drop-out
        zero = sum(1 for r in series if r <= 0)
        # separate drop-outs, each followed by a recovery: a fan that stopped once is fan_failed
        spells = sum(1 for a, b in itertools.pairwise(series) if a <= 0 < b)
        if zero >= ctx.p(fid, "min_zero", 2) and spells >= ctx.p(fid, "min_spells", 2):
            ctx.add(
                fid,
                Severity.WARNING,
                ctx.say(fid, "fan", n=n + 1, zero=zero, polls=len(series)),
            )


def _smoothed(values: list[float]) -> list[float]:
    """Means of 3 neighbouring samples: one odd reading is not a trend."""
    if len(values) < 3:
        return values
    return [statistics.fmean(values[i : i + 3]) for i in range(len(values) - 2)]


def _alone(hist: MinerHistory, ctx: Ctx) -> bool:
    """No sample older than this poll's: every window is this poll alone, too short for any
    trend rule (a miner's first evaluation, or the first after a counter reset).

    Why: at a launch every miner is judged for the first time, and the trend rules built their
    windows only to find one point in them (issue 15, the engine child's CPU to the last row)."""
    samples = hist.samples
    return len(samples) <= 1 and (not samples or samples[0][0] >= ctx.sample()[0])


def rule_temp_rising(ctx: Ctx) -> None:
    fid = "temp_rising"
    hist = ctx.hist
    if hist is None or _alone(hist, ctx) or ctx.in_grace(fid):  # a trend needs 4 points
        return
    window = hist.window(ctx.now, ctx.p(fid, "window_s", 1800), ctx.sample())
    for idx, kind, limit_fid in ((6, "board", "board_overtemp"), (7, "chip", "chip_overtemp")):
        points = [(x[0], float(v)) for x in window if isinstance(v := x[idx], int | float)]
        if len(points) < 4 or points[-1][0] - points[0][0] < ctx.p(fid, "min_span_s", 600):
            continue
        ctx.seen(fid)
        values = _smoothed([v for _, v in points])
        low_at = min(range(len(values)), key=lambda i: values[i])
        rise = values[-1] - values[low_at]
        temp = points[-1][1]
        crit = ctx.p(limit_fid, "crit_c", 100)
        if ctx.out.has(limit_fid):
            continue  # already over its limit: that fault says more
        # a steady rise, or a smaller one that has brought it close to its limit
        near = rise >= ctx.p(fid, "near_rise_c", 4) and values[-1] >= crit - ctx.p(fid, "near_c", 3)
        if (rise >= ctx.p(fid, "rise_c", 6) or near) and temp < crit:
            span = points[-1][0] - points[low_at][0]
            ctx.add(
                fid,
                Severity.WARNING,
                ctx.say(
                    fid,
                    "rise",
                    kind=kind,
                    rise=num(rise),
                    window=duration(span),
                    temp=num(temp),
                    limit=num(crit),
                ),
            )
            return


def rule_hashrate_degrading(ctx: Ctx) -> None:
    fid = "hashrate_degrading"
    hist = ctx.hist
    if hist is None or _alone(hist, ctx) or ctx.in_grace(fid) or ctx.snap.idle:  # needs 6
        return
    window = hist.window(ctx.now, ctx.p(fid, "window_s", 3600), ctx.sample())
    points = [(x[0], x[1]) for x in window if x[1] is not None]
    if len(points) < 6 or points[-1][0] - points[0][0] < ctx.p(fid, "min_span_s", 1200):
        return
    ctx.seen(fid)
    recent_from = ctx.now - ctx.p(fid, "recent_s", 600)
    before = [float(v or 0.0) for t, v in points if t < recent_from]
    recent = [float(v or 0.0) for t, v in points if t >= recent_from]
    if len(before) < 3 or not recent:
        return
    base, now = max(_smoothed(before)), statistics.fmean(recent)
    if base <= 0 or now <= 0 or ctx.out.has("hashrate_low"):
        return  # a stopped or already low miner has its own fault
    drop = 1.0 - now / base
    if drop >= ctx.p(fid, "drop_ratio", 0.05):
        ctx.add(
            fid,
            Severity.WARNING,
            ctx.say(
                fid,
                "drop",
                pct=pct(drop),
                window=duration(points[-1][0] - points[0][0]),
                was=num(base),
                now=num(now),
                window_avg=duration(ctx.p(fid, "recent_s", 600)),
            ),
        )


def rule_chips_dropping(ctx: Ctx) -> None:
    fid = "chips_dropping"
    hist = ctx.hist
    if hist is None or _alone(hist, ctx) or ctx.in_grace(fid) or not ctx.snap.boards:  # needs 2
        return
    current = ctx.sample()
    window = hist.window(ctx.now, 1e9, current)
    if len(window) < 2:
        return
    ctx.seen(fid)
    boards = sorted(ctx.snap.boards, key=lambda b: b.index)
    for pos, b in enumerate(boards):
        now = current[8][pos] if pos < len(current[8]) else None
        if not now:
            continue  # a board at 0 chips is board_missing
        seen = [(x[8][pos], x[0]) for x in window[:-1] if pos < len(x[8]) and x[8][pos]]
        if not seen:
            continue
        most, at = max(seen, key=lambda v: (v[0] or 0, -v[1]))
        lost = (most or 0) - now
        if lost >= ctx.p(fid, "min_lost", 1):
            ctx.add(
                fid,
                Severity.WARNING,
                ctx.say(
                    fid,
                    "lost",
                    board=b.index + 1,
                    lost=lost,
                    window=duration(ctx.now - at),
                    was=most,
                    now=now,
                ),
                b.index,
            )


def rule_pool_reject_rising(ctx: Ctx) -> None:
    fid = "pool_reject_rising"
    hist = ctx.hist
    if hist is None or _alone(hist, ctx) or ctx.in_grace(fid):  # no earlier counters to compare
        return
    current = ctx.sample()
    if current[4] is None or current[5] is None:
        return
    window = hist.window(ctx.now, ctx.p(fid, "window_s", 900), current)
    first = next((x for x in window if x[4] is not None and x[5] is not None), None)
    if first is None or first is current:
        return
    acc, rej = current[4] - (first[4] or 0), current[5] - (first[5] or 0)
    shares = acc + rej
    if shares < ctx.p(fid, "min_shares", 100) or acc < 0 or rej < 0:
        return
    ctx.seen(fid)
    if ctx.out.has("pool_reject_high"):
        return  # the established fault supersedes its early warning
    base_shares = (first[4] or 0) + (first[5] or 0)
    base = (first[5] or 0) / base_shares if base_shares else 0.0
    low = wilson_low(rej, shares, ctx.p(fid, "confidence_z", 2.58))
    if rej >= ctx.p(fid, "min_rejects", 3) and low - base >= ctx.p(fid, "rise_pct", 1.0) / 100:
        ctx.add(
            fid,
            Severity.WARNING,
            ctx.say(
                fid,
                "rise",
                rejects=rej,
                shares=shares,
                pct=pct(rej / shares),
                window=duration(ctx.now - first[0]),
                base=pct(base),
            ),
        )


def rule_reading_incomplete(ctx: Ctx) -> None:
    fid = "reading_incomplete"
    s = ctx.snap
    if s.idle:
        return
    ctx.seen(fid)
    if s.hashrate_ths is None and s.hashrate_avg_ths is None:
        ctx.add(fid, Severity.WARNING, ctx.say(fid, "no_hashrate"))
    elif not s.make and not s.model and not s.firmware:
        ctx.add(fid, Severity.WARNING, ctx.say(fid, "no_identity"))


def rule_peers(ctx: Ctx) -> None:
    peers = ctx.peers
    me = peers.get(ctx.snap.key) if peers is not None else None
    if peers is None or me is None:
        return
    # an established fault supersedes the comparison that would only say it again
    over = ctx.out.has("chip_overtemp") or ctx.out.has("board_overtemp")
    slow = ctx.out.has("hashrate_low") or ctx.out.has("mining_stopped")
    fid = "hotter_than_peers"
    if me.temp_c is not None and not ctx.in_grace(fid) and not over:
        sp = peers.spread(me.model, "temp", me.temp_kind)
        if sp is not None and sp.n >= ctx.p(fid, "min_peers", 10):
            ctx.seen(fid)
            margin, k = ctx.p(fid, "margin_c", 8), ctx.p(fid, "mad_k", 4)
            delta = sp.above(me.temp_c, margin, k)
            band = delta is None and me.temp_c - sp.median > max(margin, k * sp.mad) - ctx.p(
                fid, "clear_margin_c", 2
            )
            if delta is not None or band:
                values = {
                    "kind": me.temp_kind,
                    "temp": num(me.temp_c),
                    "delta": num(me.temp_c - sp.median),
                    "peers": sp.n - 1,
                    "model": me.model,
                    "median": num(sp.median),
                    "board": (me.temp_board or 0) + 1,
                }
                key = "hot_board" if me.temp_board is not None else "hot"
                ctx.add(fid, Severity.WARNING, ctx.say(fid, key, **values), band=band)
    fid = "slower_than_peers"
    if me.ratio is not None and not ctx.in_grace(fid) and not slow:
        sp = peers.spread(me.model, "ratio")
        if sp is not None and sp.n >= ctx.p(fid, "min_peers", 10):
            ctx.seen(fid)
            delta = sp.below(me.ratio, ctx.p(fid, "margin_ratio", 0.08), ctx.p(fid, "mad_k", 4))
            if delta is not None:
                ctx.add(
                    fid,
                    Severity.WARNING,
                    ctx.say(
                        fid,
                        "slow",
                        pct=pct(me.ratio),
                        median=pct(sp.median),
                        peers=sp.n - 1,
                        model=me.model,
                    ),
                )


ONLINE_RULES: tuple[Callable[[Ctx], None], ...] = (
    rule_codes,
    rule_stopped,
    rule_hashrate,
    rule_boards,
    rule_fans,
    rule_temps,
    rule_power,
    rule_pools,
    rule_hw_errors,
    rule_freq,
    rule_reboot,
    rule_reboot_loop,
    rule_fan_intermittent,
    rule_temp_rising,
    rule_hashrate_degrading,
    rule_chips_dropping,
    rule_pool_reject_rising,
    rule_reading_incomplete,
    rule_peers,
)


def run_rules(ctx: Ctx) -> Outcome:
    rule_unreachable(ctx)
    rule_flapping(ctx)
    if ctx.snap.online:
        for rule in ONLINE_RULES:
            rule(ctx)
    return ctx.out


def suppressed(cat: Catalogue, roots: set[str]) -> tuple[frozenset[str], bool]:
    """(fault ids hidden by the open root causes, whether *everything else* is hidden)."""
    hidden: set[str] = set()
    everything = False
    for root in roots:
        ids = cat.suppress.get(root, frozenset())
        if "*" in ids:
            everything = True
        hidden |= ids
    return frozenset(hidden - {"*"}), everything


def is_hidden(fault_id: str, roots: set[str], hidden: frozenset[str], everything: bool) -> bool:
    if fault_id in roots:
        return False
    if everything:
        return fault_id != "miner_unreachable"
    return fault_id in hidden


def roots_of(outcome: Outcome, snap: MinerSnapshot) -> set[str]:
    """The root causes this poll shows. One root per miner on top: dead pools explain a stopped
    miner, a reboot loop explains its restarts, so the explained root is folded under them."""
    roots: set[str] = set()
    if outcome.has("miner_unreachable"):
        roots.add("miner_unreachable")
    if outcome.has("pools_all_dead"):
        roots.add("pools_all_dead")
    if outcome.has("reboot_loop"):
        roots.add("reboot_loop")
    if outcome.has("fan_intermittent"):
        roots.add("fan_intermittent")  # its drop-outs are not a fan_failed each time
    if outcome.has("mining_stopped", min_severity=Severity.WARNING) and not roots & {
        "pools_all_dead",
        "reboot_loop",
    }:
        roots.add("mining_stopped")
    if snap.idle:
        roots.add("idle")
    return roots
