"""Wall power and hardware specs for the Whatsminer, Braiins, LuxOS, Vnish and Avalon personas.

One formula for all, so a test can say what a persona served from the truth alone: the rated
draw scaled by how hard the boards hash, with a floor for the control board and fans.
"""

from __future__ import annotations

from rig_monitor.sim.hardware import HardwareSpec
from rig_monitor.sim.rig import Sample

IDLE_SHARE = 0.04  # control board, fans and PSU losses with every board asleep


def wall_watts(spec: HardwareSpec, hashrate_ths: float, ideal_ths: float) -> int:
    rated = spec.power_w or 0.0
    load = hashrate_ths / ideal_ths if ideal_ths > 0 else 0.0
    return round(rated * (IDLE_SHARE + (1.0 - IDLE_SHARE) * load))


def sample_watts(spec: HardwareSpec, s: Sample) -> int:
    return wall_watts(spec, s.rate_5s_ghs / 1000.0, sum(b.ideal_ghs for b in s.boards) / 1000.0)


def rig_spec(
    boards: int, chips: int, ths: float, watts: float, fans: int, fan_rpm: int, **kw: float
) -> HardwareSpec:
    """A machine's spec with the thermal defaults these personas share (overridable by name)."""
    thermal = {"freq_mhz": 560.0, "pcb_temp_c": 64.0, "chip_delta_c": 12.0} | kw
    return HardwareSpec(
        boards=boards,
        chips_per_board=chips,
        fans=fans,
        nominal_ths=ths,
        power_w=watts,
        fan_rpm=fan_rpm,
        freq_mhz=thermal["freq_mhz"],
        pcb_temp_c=thermal["pcb_temp_c"],
        chip_delta_c=thermal["chip_delta_c"],
    )
