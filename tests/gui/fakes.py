"""Synthetic miners for GUI tests: no network, deterministic values."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from rig_monitor.core.credentials import Credentials
from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import (
    Board,
    ErrorKind,
    Fault,
    MinerSnapshot,
    Pool,
    PoolStatus,
    Severity,
    Target,
)

NOMINAL_THS = 110.0


def target_list(count: int, base: str = "127.0.0", start: int = 1) -> list[Target]:
    return [Target(f"{base}.{start + i}") for i in range(count)]


def snapshot(
    target: Target,
    i: int,
    *,
    generation: int = 0,
    offline: bool = False,
    fault: Severity | None = None,
    power: bool = True,
) -> MinerSnapshot:
    if offline:
        return MinerSnapshot.offline(target, ErrorKind.TIMEOUT, "timed out: no TCP answer in 3 s")
    faults = []
    if fault is not None:
        faults.append(Fault("chips_missing", fault, "Chips missing", "chain 2: 98/126 chips", 1))
    return MinerSnapshot(
        ip=target.ip,
        port=target.port,
        online=True,
        make="Antminer",
        model="S19j Pro",
        firmware="bmminer",
        firmware_version="2023-01-01",
        mac=f"02:00:00:00:00:{i % 256:02x}",
        hostname=f"miner-{i}",
        hashrate_ths=100.0 + generation,
        nominal_hashrate_ths=NOMINAL_THS,
        power_w=3000.0 if power else None,
        temp_chip_max_c=80.0,
        temp_board_max_c=65.0,
        fans_rpm=[5880, 6000, 6120, 5990],
        expected_fans=4,
        uptime_s=3 * 86400 + 4 * 3600,
        boards=[
            Board(b, 33.0, 36.6, 126, 126, 64.0, 79.0, chip_status="o" * 126) for b in range(3)
        ],
        pools=[
            Pool("stratum+tcp://pool.example:3333", "site.w1", PoolStatus.ALIVE, True, 0, 10, 0),
            Pool("stratum+tcp://backup.example:3333", "site.w1", PoolStatus.ALIVE, False, 1),
        ],
        faults=faults,
    )


class FakeFleet:
    """An injectable ``poll``: miner ``i`` is offline when ``i % 20 == 0``, has a critical fault
    when ``i % 25 == 1``, and reports no power when ``i % 10 == 3``. Each call to :meth:`poll`
    uses the current ``generation`` (hashrate = 100 + generation TH/s)."""

    def __init__(self, targets: list[Target]) -> None:
        self.index = {t.key: i for i, t in enumerate(targets)}
        self.generation = 0
        self.calls = 0

    async def poll(self, target: Target) -> MinerSnapshot:
        self.calls += 1
        await asyncio.sleep(0)
        i = self.index.get(target.key, 0)
        return snapshot(
            target,
            i,
            generation=self.generation,
            offline=i % 20 == 0,
            fault=Severity.CRITICAL if i % 25 == 1 else None,
            power=i % 10 != 3,
        )

    def expected(self) -> dict[str, int]:
        n = len(self.index)
        offline = sum(1 for i in range(n) if i % 20 == 0)
        faults = sum(1 for i in range(n) if i % 25 == 1 and i % 20 != 0)
        power = sum(1 for i in range(n) if i % 20 != 0 and i % 10 != 3)
        return {"online": n - offline, "offline": offline, "faults": faults, "power": power}


LOCKED_PASSWORD = "s3cret"


@dataclass(frozen=True)
class ChildFleet:
    """The :class:`FakeFleet` rules, polled in the engine's child process (picklable).

    The parent cannot change a child's ``generation``, so each miner's hashrate is 100 TH/s plus
    the number of times it was polled before (100 on the first sweep, 101 on the second…).
    Miners in ``locked`` answer "auth failed" until the child's credentials hold
    ``LOCKED_PASSWORD`` for them (set from the window, through the engine's command pipe)."""

    targets: tuple[Target, ...]
    locked: frozenset[str] = frozenset()
    swapped: frozenset[str] = frozenset()  # another box (MAC) from their 2nd answered poll on

    def __call__(self, credentials: Credentials) -> Callable[[Target], Awaitable[MinerSnapshot]]:
        index = {t.key: i for i, t in enumerate(self.targets)}
        polls: dict[str, int] = {}
        answered: dict[str, int] = {}  # polls that got past the password
        locked, swapped = self.locked, self.swapped

        async def poll(target: Target) -> MinerSnapshot:
            await asyncio.sleep(0)
            generation = polls.get(target.key, 0)
            polls[target.key] = generation + 1
            if target.key in locked:
                try:  # as a driver asks: may refuse a password saved for another device
                    cred = credentials.resolve(target.ip, target.port, "antminer")
                except MinerError as exc:
                    return MinerSnapshot.offline(target, exc.kind, exc.message)
                if cred is None or cred.password != LOCKED_PASSWORD:
                    return MinerSnapshot.offline(
                        target, ErrorKind.AUTH_FAILED, "auth failed: set the password"
                    )
            i = index.get(target.key, 0)
            snap = snapshot(
                target,
                i,
                generation=generation,
                offline=i % 20 == 0,
                fault=Severity.CRITICAL if i % 25 == 1 else None,
                power=i % 10 != 3,
            )
            snap.family = "antminer"
            answered[target.key] = answered.get(target.key, 0) + 1
            if target.key in swapped and answered[target.key] >= 2:
                snap.mac = "02:00:00:00:99:99"
            credentials.observe(snap)  # as the poller does
            return snap

        return poll
