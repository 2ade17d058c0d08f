"""What a simulated machine physically has: boards, chips, fans, rated hashrate (faults.md §3.5)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class HardwareSpec:
    boards: int
    chips_per_board: int | None  # None: the firmware does not report chips (generic cgminer ASCs)
    fans: int
    nominal_ths: float
    power_w: float | None
    freq_mhz: float
    fan_rpm: int  # typical speed at normal load
    pcb_temp_c: float  # hottest PCB sensor at normal load
    chip_delta_c: (
        float  # chip reading above the PCB reading (estimated +5 on stock S19-class firmware)
    )
    acs_group: int = 8  # chain_acs prints chips in space-separated groups of this size

    @property
    def pool_difficulty(self) -> int:
        """Stratum difficulty a pool's vardiff would settle on: ~a share every few seconds."""
        target = self.nominal_ths * 500
        diff = 1024
        while diff * 2 <= target:
            diff *= 2
        return diff
