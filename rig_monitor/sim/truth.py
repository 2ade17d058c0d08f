"""What a simulated miner served, in the normalized vocabulary of ``core.model`` (TH/s, °C, rpm, s).

Tests compare a driver's snapshot with this. It is built from the very sample the last reply was
rendered from, so a test never races the drift.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rig_monitor.sim.faults import FAULTS
from rig_monitor.sim.hardware import HardwareSpec
from rig_monitor.sim.personas.base import Identity
from rig_monitor.sim.rig import Sample


@dataclass(frozen=True, slots=True)
class TruthBoard:
    index: int  # 0-based, whatever the firmware numbers it
    present: bool
    hashrate_ths: float
    nominal_hashrate_ths: float
    chips: int | None
    expected_chips: int | None
    chip_status: str | None
    temp_board_c: float | None
    temp_chip_c: float | None
    hw_errors: int


@dataclass(frozen=True, slots=True)
class TruthPool:
    url: str
    user: str
    status: str  # "Alive" / "Dead" as the firmware spells it
    active: bool
    accepted: int
    rejected: int
    stale: int


@dataclass(frozen=True, slots=True)
class Truth:
    ip: str
    port: int
    persona: str
    make: str | None
    model: str | None
    firmware: str
    firmware_version: str
    api_version: str
    nominal_hashrate_ths: float | None
    hashrate_ths: float  # the freshest figure served (GHS 5s / MHS 5s / MHS 20s) in TH/s
    hashrate_avg_ths: float
    expected_boards: int
    boards: list[TruthBoard]
    fans_rpm: list[int]
    expected_fans: int
    pools: list[TruthPool]
    uptime_s: int
    accepted: int
    rejected: int
    stale: int
    hw_errors: int
    idle: bool
    temp_board_max_c: float | None
    temp_chip_max_c: float | None
    faults: frozenset[str] = field(default_factory=frozenset)

    @property
    def expected_fault_ids(self) -> frozenset[str]:
        """Fault ids the client's rules should raise for the injected faults (faults.md §1)."""
        return frozenset(fid for f in self.faults if (fid := FAULTS[f]) is not None)


def build_truth(
    *,
    ip: str,
    port: int,
    persona: str,
    identity: Identity,
    spec: HardwareSpec,
    sample: Sample,
    faults: frozenset[str],
    reports_nominal: bool,
) -> Truth:
    boards = [
        TruthBoard(
            index=b.index,
            present=b.present,
            hashrate_ths=b.rate_ghs / 1000.0,
            nominal_hashrate_ths=b.ideal_ghs / 1000.0,
            chips=b.chips if spec.chips_per_board else None,
            expected_chips=spec.chips_per_board,
            chip_status=b.acs if spec.chips_per_board else None,
            temp_board_c=float(max(b.pcb)) if b.present and spec.chips_per_board else None,
            temp_chip_c=float(max(b.chip)) if b.present else None,
            hw_errors=b.hw,
        )
        for b in sample.boards
    ]
    board_temps = [b.temp_board_c for b in boards if b.temp_board_c is not None]
    chip_temps = [b.temp_chip_c for b in boards if b.temp_chip_c is not None]
    return Truth(
        ip=ip,
        port=port,
        persona=persona,
        make=identity.make,
        model=identity.model,
        firmware=identity.firmware,
        firmware_version=identity.firmware_version,
        api_version=identity.api_version,
        nominal_hashrate_ths=sample.ideal_ghs / 1000.0 if reports_nominal else None,
        hashrate_ths=sample.rate_5s_ghs / 1000.0,
        hashrate_avg_ths=sample.rate_avg_ghs / 1000.0,
        expected_boards=spec.boards,
        boards=boards,
        fans_rpm=list(sample.fans),
        expected_fans=spec.fans,
        pools=[
            TruthPool(p.url, p.user, p.status, p.active, p.accepted, p.rejected, p.stale)
            for p in sample.pools
        ],
        uptime_s=sample.elapsed,
        accepted=sample.accepted,
        rejected=sample.rejected,
        stale=sample.stale,
        hw_errors=sample.hw,
        idle=sample.idle,
        temp_board_max_c=max(board_temps) if board_temps else None,
        temp_chip_max_c=max(chip_temps) if chip_temps else None,
        faults=faults,
    )
