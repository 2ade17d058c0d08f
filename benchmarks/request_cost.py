"""Where a steady poll's CPU goes, layer by layer, on a fleet of one model (issue 15 item 3).

    python -m benchmarks.request_cost --miners 1000 --rounds 5

One stock S19j Pro persona for every miner (the commonest of the default mix; one 4-command
request per steady poll), in a simulator process of its own. Each layer runs over every miner
``--rounds`` times with ``--concurrency`` in flight and reports this process's CPU per item,
user and system (the kernel's loopback connect/send/recv/close and epoll) apart:

- ``request``: the poll's request on the bare socket, reply bytes only (sockio + kernel);
- ``+ decode``: the same and ``parse_reply`` (JSON and bmminer's repair);
- ``poll``: ``Poller.poll``, the whole driver path (request, decode, parse, identity checks);
- ``engine``: ``PollEngine.sweep``, the steady sweep as ``benchmarks.sweep`` measures it.

Differences between layers are what each adds. Medians of the rounds.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import resource
import sys
import time
from collections.abc import Awaitable, Callable

from benchmarks._common import SimProcess, loadavg, machine, median, raise_fd_limit, sim_targets

BASE = "127.212.0.1"
PERSONA = "antminer:S19j Pro"


async def _pool(items: list[object], work: Callable[[object], Awaitable[object]], n: int) -> None:
    queue = list(reversed(items))

    async def worker() -> None:
        while queue:
            await work(queue.pop())

    await asyncio.gather(*(worker() for _ in range(n)))


async def _measure(
    n: int, rounds: int, concurrency: int, profile: str | None = None
) -> dict[str, tuple[float, float]]:
    from rig_monitor.core.engine.engine import EngineConfig, PollEngine, collector_fit_for_polling
    from rig_monitor.core.engine.poller import Poller
    from rig_monitor.core.wire.cgminer import parse_reply, request_bytes, send_raw

    payload = request_bytes("version+summary+stats+pools")
    out: dict[str, tuple[float, float]] = {}
    with SimProcess(["--base", BASE, "--count", str(n), "--personas", PERSONA, "--seed", "5"]):
        targets = sim_targets(BASE, n)
        for t in targets:
            t.web_port = 24080
        poller = Poller()
        engine = PollEngine(
            poller.poll, lambda _b: None, EngineConfig(interval_s=0.0, concurrency=concurrency)
        )
        engine.set_targets(targets)
        await engine.sweep()  # identification: not measured

        async def request(t: object) -> object:
            return await send_raw(t.ip, t.port, payload)  # type: ignore[attr-defined]

        async def decode(t: object) -> object:
            return parse_reply(await request(t))

        async def poll(t: object) -> object:
            return await poller.poll(t)  # type: ignore[arg-type]

        layers: list[tuple[str, Callable[[], Awaitable[object]]]] = [
            ("request", lambda: _pool(list(targets), request, concurrency)),
            ("+ decode", lambda: _pool(list(targets), decode, concurrency)),
            ("poll", lambda: _pool(list(targets), poll, concurrency)),
            ("engine", engine.sweep),
        ]
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name, _ in layers}
        with collector_fit_for_polling():  # every layer under the engine's GC setting
            await _rounds(layers, samples, rounds, n, profile)
        await poller.aclose()
        for name, got in samples.items():
            out[name] = (median([u for u, _ in got]), median([s for _, s in got]))
    return out


async def _rounds(
    layers: list[tuple[str, Callable[[], Awaitable[object]]]],
    samples: dict[str, list[tuple[float, float]]],
    rounds: int,
    n: int,
    profile: str | None,
) -> None:
    for _ in range(rounds):  # interleaved, so a change of load touches every layer alike
        for name, run in layers:
            t0 = resource.getrusage(resource.RUSAGE_SELF)  # µs resolution (os.times: 10 ms)
            prof = cProfile.Profile() if name == profile else None
            if prof is not None:
                prof.enable()
            await run()
            if prof is not None:
                prof.disable()
                pstats.Stats(prof, stream=sys.stderr).sort_stats("tottime").print_stats(30)
            t1 = resource.getrusage(resource.RUSAGE_SELF)
            samples[name].append(((t1.ru_utime - t0.ru_utime) / n, (t1.ru_stime - t0.ru_stime) / n))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--miners", type=int, default=1000)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--concurrency", type=int, default=64)
    p.add_argument("--profile", default=None, help="cProfile this layer (its CPU figures too)")
    args = p.parse_args(argv)
    raise_fd_limit()
    print(machine())
    print(
        f"request_cost: {args.miners} x {PERSONA}, {args.concurrency} in flight, median of "
        f"{args.rounds} rounds, this process's CPU per miner (us)"
    )
    t0 = time.perf_counter()
    got = asyncio.run(_measure(args.miners, args.rounds, args.concurrency, args.profile))
    print(f"{'layer':<10} {'user':>8} {'system':>8} {'total':>8}")
    for name, (user, system) in got.items():
        print(f"{name:<10} {user * 1e6:>8.1f} {system * 1e6:>8.1f} {(user + system) * 1e6:>8.1f}")
    print(f"wall {time.perf_counter() - t0:.1f} s, load {loadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
