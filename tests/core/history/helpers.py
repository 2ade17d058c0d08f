"""Snapshots for history tests (synthetic values: the store only files numbers, it judges none)."""

from __future__ import annotations

from rig_monitor.core.model import Board, MinerSnapshot, Pool, PoolStatus


def snap(
    ip: str,
    t: float,
    *,
    serial: str | None = None,
    online: bool = True,
    hashrate: float = 100.0,
    power: float = 3250.0,
    chip: float = 70.0,
    port: int = 4028,
) -> MinerSnapshot:
    s = MinerSnapshot(ip=ip, port=port, online=online, timestamp=t, serial=serial)
    if online:
        s.make, s.model = "Antminer", "S19j Pro"
        s.hashrate_ths = hashrate
        s.nominal_hashrate_ths = 104.0
        s.power_w = power
        s.temp_chip_max_c = chip
        s.temp_board_max_c = chip - 10
        s.fans_rpm = [6000, 6060, 5940, 6000]
        s.boards = [
            Board(i, hashrate_ths=hashrate / 3, temp_chip_c=chip - i, temp_board_c=chip - 10 - i)
            for i in range(3)
        ]
        s.pools = [Pool("stratum+tcp://pool.example:3333", status=PoolStatus.ALIVE, active=True)]
    return s
