"""Normalized snapshot of one miner, whatever its firmware.

Every driver turns vendor replies into these dataclasses so that the fault rules, the GUI, the CLI
and the exporter only ever see one vocabulary and one set of units: TH/s, °C, W, rpm, seconds.
Unknown is ``None``, never 0: a 0 rpm fan is a fault, an unknown fan speed is not.
"""

from __future__ import annotations

import dataclasses
import enum
import operator
import time
from dataclasses import dataclass, field
from typing import Any, TypeVar

_C = TypeVar("_C", bound=type)


def _fast_state(cls: _C) -> _C:
    """Pickle a slots dataclass by one C call out and one unpacking in.

    Why: a dataclass with ``slots=True`` pickles through ``dataclasses``' own ``__getstate__``
    and ``__setstate__``, which list the fields (``fields(self)``) anew for every object; the
    engine child pickles 5,000 snapshots with their boards, pools and faults at a launch, and
    the window unpickles them (issue 15: the child's CPU to the last row, and the window's).
    The state is the same values in the same order (a tuple, was a list); a state of another
    length (a pickle of another version) is refused with ``ValueError``, never half applied.
    Measured in docs/performance.md ("The engine child's first evaluation")."""
    names = tuple(f.name for f in dataclasses.fields(cls))
    if len(names) < 2:  # attrgetter of one name returns the value, not a tuple
        return cls
    getter = operator.attrgetter(*names)

    def __getstate__(self: object) -> tuple[Any, ...]:
        state: tuple[Any, ...] = getter(self)
        return state

    # ``self.a, self.b, ... = state``: stores straight into the slots, no call per field
    code = f"def __setstate__(self, state):\n    {', '.join('self.' + n for n in names)}, = state\n"
    scope: dict[str, Any] = {}
    exec(code, scope)  # the names are the class's own field names
    setattr(cls, "__getstate__", __getstate__)  # noqa: B010 - a class attribute mypy cannot type
    setattr(cls, "__setstate__", scope["__setstate__"])  # noqa: B010
    return cls


class ErrorKind(enum.StrEnum):
    """Why a miner could not be read. The values are the CLI's `error` prefixes."""

    REFUSED = "refused"  # TCP RST: host up, nothing listening on the port
    TIMEOUT = "timed out"  # no TCP answer, or the reply did not arrive in time
    UNREACHABLE = "unreachable"  # no route / host down (ICMP error)
    NOT_A_MINER = "not a miner"  # something answered, but not a miner API
    BAD_REPLY = "bad reply"  # a miner API that answered garbage we could not repair
    TOO_LARGE = "reply too large"
    AUTH_FAILED = "auth failed"  # the miner rejected our credentials


class Severity(enum.StrEnum):
    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.CRITICAL: 2}


class PoolStatus(enum.StrEnum):
    ALIVE = "alive"
    DEAD = "dead"
    SICK = "sick"
    DISABLED = "disabled"
    REJECTING = "rejecting"
    UNKNOWN = "unknown"

    @classmethod
    def parse(cls, text: str | None) -> PoolStatus:
        """Map any vendor spelling ("Alive", "alive", "NoStart", 1/0…) to one status."""
        if text is None:
            return cls.UNKNOWN
        t = str(text).strip().lower()
        if t in ("alive", "active", "1", "true", "connected", "ok"):
            return cls.ALIVE
        if t in ("dead", "0", "false", "disconnected", "nostart", "no start"):
            return cls.DEAD
        if t in ("disabled",):
            return cls.DISABLED
        if t in ("sick",):
            return cls.SICK
        if t in ("rejecting",):
            return cls.REJECTING
        return cls.UNKNOWN


# A 5 s sample this far below the average means the average lags a drop (healthy 5 s noise is a few
# per cent): the headline then stays on the sample.
AVERAGE_LAGS_BELOW = 0.9


@dataclass(slots=True)
class Target:
    """Where to reach one miner. ``port`` is the CGMiner API port (4028 unless forwarded)."""

    ip: str
    port: int = 4028
    web_port: int | None = None  # HTTP API port when it is not the default (80)

    @property
    def key(self) -> str:
        return f"{self.ip}:{self.port}"

    def __str__(self) -> str:
        return self.ip if self.port == 4028 else self.key


@dataclass(frozen=True, slots=True)
class Ports:
    """Where a site's miners serve their other APIs. Target.web_port overrides ``web`` per miner.

    Real miners use the defaults; the simulator (an ordinary user cannot bind port 80) and miners
    behind port forwards use others.
    """

    web: int = 80
    whatsminer_v3: int = 4433


@_fast_state
@dataclass(slots=True)
class Board:
    """One hashboard (chain). ``index`` is 0-based whatever the firmware numbers it."""

    index: int
    hashrate_ths: float | None = None
    nominal_hashrate_ths: float | None = None
    chips: int | None = None
    expected_chips: int | None = None
    temp_board_c: float | None = None  # max of the board's PCB sensors
    temp_chip_c: float | None = None  # max of the board's chip sensors
    temp_inlet_c: float | None = None
    temp_outlet_c: float | None = None
    chip_status: str | None = None  # Antminer chain_acs: "oooo oxoo", '' = no board
    hw_errors: int | None = None
    frequency_mhz: float | None = None
    voltage_v: float | None = None
    serial: str | None = None
    status: str | None = None  # vendor status text ("Stable", "failure: …") when given

    def chip_status_counts(self, fitted: int | None = None) -> tuple[int, int, int]:
        """(ok, bad 'x', unstable '-') chips in ``chip_status``, only the first ``fitted`` marks
        when given: firmware pads the string past the fitted chips (an S23 Hyd. with 84 chips
        reports 84 'o' then "----"), and those slots hold no chip at all.

        Upper-case 'X' is a bad chip too: the L9 capture (BMMiner 2.12, tests/captures/antminer/
        l9-stock-bmminer2.12-failing-chain) marks chain 3 with 15 'x' and 70 'X', and its own
        ``chain_acn3`` counts only the 25 'o' as working chips."""
        text = (self.chip_status or "").replace("X", "x")
        ok, bad, unstable = text.count("o"), text.count("x"), text.count("-")
        if fitted is None or fitted <= 0 or fitted >= ok + bad + unstable:
            return ok, bad, unstable  # every mark counts: no need to walk the string
        marks = [c for c in text if c in "ox-"][:fitted]
        return marks.count("o"), marks.count("x"), marks.count("-")


@_fast_state
@dataclass(slots=True)
class Pool:
    url: str
    user: str | None = None
    status: PoolStatus = PoolStatus.UNKNOWN
    active: bool | None = None  # the pool currently used ("Stratum Active")
    priority: int | None = None
    accepted: int | None = None
    rejected: int | None = None
    stale: int | None = None
    last_share_time: float | None = None  # unix seconds, on the miner's clock
    # Seconds since the last share, on the miner's own clock (its reply's "When" minus "Last Share
    # Time"): a miner whose clock is unset (1970) still gives the right age, the desktop's clock
    # would not. None when the firmware does not give both.
    last_share_age_s: float | None = None


@dataclass(slots=True)
class Identity:
    """What detection learned; the driver's own parse may refine it on every poll.

    Here rather than in ``drivers/`` because the wire layer (Whatsminer v3's device info) builds
    one too, and ``wire/`` knows no drivers.
    """

    family: str
    make: str | None = None
    model: str | None = None
    firmware: str | None = None
    firmware_version: str | None = None


@_fast_state
@dataclass(slots=True)
class VendorError:
    """An error the firmware itself reports (Whatsminer code, Antminer status entry, …)."""

    code: str
    message: str | None = None
    board: int | None = None  # 0-based board the code names, when it names one
    since: float | None = None  # unix seconds when the firmware says it started


@_fast_state
@dataclass(slots=True)
class Fault:
    """One evaluated fault on one miner (see rig_monitor.core.faults)."""

    id: str
    severity: Severity
    title: str
    detail: str
    board: int | None = None
    since: float | None = None  # unix seconds of the first poll that showed it


@_fast_state
@dataclass(slots=True)
class MinerSnapshot:
    """Everything one poll learned about one miner, in normalized units."""

    ip: str
    port: int = 4028
    online: bool = False
    error: str | None = None  # human text: "timed out after 3.0 s", "refused", …
    error_kind: ErrorKind | None = None
    timestamp: float = field(default_factory=time.time)
    poll_ms: float | None = None  # wall time of this poll

    # identity
    make: str | None = None  # "Antminer", "Whatsminer", "Avalon", …
    model: str | None = None  # "S19j Pro"
    family: str | None = None  # driver id: "antminer", "generic", "braiins", …
    firmware: str | None = None  # "bmminer", "cgminer", "BOSer", …
    firmware_version: str | None = None
    api_version: str | None = None
    mac: str | None = None
    hostname: str | None = None
    serial: str | None = None

    # performance
    # The headline figure: the firmware's own average when it gives one (MHS av / GHS av, or the
    # vendor's 1m/5m/15m average), else the freshest figure. A 5 s sample wanders several per cent
    # around every average the firmware reports, so the fleet table and the export show this.
    hashrate_ths: float | None = None
    hashrate_avg_ths: float | None = None  # the firmware's longer average (since start, 15m, …)
    hashrate_5s_ths: float | None = None  # the freshest sample (5 s / real time): detail pane
    nominal_hashrate_ths: float | None = None
    power_w: float | None = None
    power_limit_w: float | None = None

    # thermal
    temp_chip_max_c: float | None = None
    temp_board_max_c: float | None = None
    temp_inlet_c: float | None = None
    temp_outlet_c: float | None = None
    fans_rpm: list[int] = field(default_factory=list)
    expected_fans: int | None = None

    boards: list[Board] = field(default_factory=list)
    expected_boards: int | None = None
    pools: list[Pool] = field(default_factory=list)

    uptime_s: int | None = None
    hw_errors: int | None = None
    accepted: int | None = None
    rejected: int | None = None
    stale: int | None = None
    idle: bool | None = None  # intentionally not mining (sleep, pause, curtailment)
    error_codes: list[VendorError] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # caveats about this reading ("reply cut short")

    # the parsed replies, by command/endpoint, for the detail view
    raw: dict[str, Any] = field(default_factory=dict)

    @property
    def hashrate_now_ths(self) -> float | None:
        """The freshest figure (5 s sample when known): what says "stopped" without a lag."""
        return self.hashrate_5s_ths if self.hashrate_5s_ths is not None else self.hashrate_ths

    def use_average_headline(self) -> None:
        """Drivers parse the 5 s sample into ``hashrate_ths`` and the average into
        ``hashrate_avg_ths``; this makes the average the headline and keeps the sample apart."""
        if self.hashrate_5s_ths is None:
            self.hashrate_5s_ths = self.hashrate_ths
        if self.hashrate_5s_ths == 0 or self.idle:
            return  # stopped or asleep: an average since start would show it hashing for hours
        avg, now = self.hashrate_avg_ths, self.hashrate_5s_ths
        if avg is None:
            return
        if now is not None and now < AVERAGE_LAGS_BELOW * avg:
            # A board that died an hour into a week-long run barely moves an average since boot
            # (the only average old Antminer firmware gives): the fresh sample tells the truth.
            return
        self.hashrate_ths = avg

    @property
    def efficiency_j_th(self) -> float | None:
        if self.power_w is None or not self.hashrate_ths:
            return None
        return self.power_w / self.hashrate_ths

    @property
    def hashrate_ratio(self) -> float | None:
        """Current hashrate as a fraction of nominal, when both are known."""
        if self.hashrate_ths is None or not self.nominal_hashrate_ths:
            return None
        return self.hashrate_ths / self.nominal_hashrate_ths

    @property
    def active_pool(self) -> Pool | None:
        for p in self.pools:
            if p.active:
                return p
        for p in self.pools:
            if p.status is PoolStatus.ALIVE:
                return p
        return self.pools[0] if self.pools else None

    @property
    def worst_severity(self) -> Severity | None:
        if not self.faults:
            return None
        return max((f.severity for f in self.faults), key=lambda s: s.rank)

    @property
    def key(self) -> str:
        return f"{self.ip}:{self.port}"

    @classmethod
    def offline(cls, target: Target, kind: ErrorKind, message: str | None = None) -> MinerSnapshot:
        return cls(
            ip=target.ip,
            port=target.port,
            online=False,
            error=message or str(kind),
            error_kind=kind,
        )
