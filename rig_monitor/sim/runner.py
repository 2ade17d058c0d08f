"""``rig-monitor simulate``: serve a fleet in the foreground until Ctrl-C or a deadline."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import Sequence
from typing import TextIO

from rig_monitor.sim.fleet import SimFleet, Weights
from rig_monitor.sim.miner import DEFAULT_V3_PORT, DEFAULT_WEB_PORT


def format_table(fleet: SimFleet) -> str:
    rows = [(f"{m.ip}:{m.port}", m.label, ",".join(sorted(m.faults)) or "-") for m in fleet.miners]
    header = ("ADDRESS", "PERSONA/MODEL", "FAULTS")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(2)]
    lines = [f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]}" for r in [header, *rows]]
    return "\n".join(lines)


def run(
    *,
    base: str,
    count: int,
    faults_pct: float,
    seed: int,
    port: int,
    single_ip: bool,
    personas: Weights | Sequence[str] | None,
    duration_s: float | None = None,
    out: TextIO = sys.stdout,
    web_port: int = DEFAULT_WEB_PORT,
    v3_port: int = DEFAULT_V3_PORT,
) -> int:
    """Build, start and serve a fleet. Returns a process exit code (0 ok, 2 bad arguments or bind error)."""
    try:
        fleet = SimFleet.build(
            base=base,
            count=count,
            faults_pct=faults_pct,
            seed=seed,
            port=port,
            personas=personas,
            single_ip=single_ip,
            web_port=web_port,
            v3_port=v3_port,
        )
    except ValueError as exc:
        print(f"rig-monitor simulate: error: {exc}", file=sys.stderr)
        return 2

    async def serve() -> None:
        await fleet.start()
        try:
            print(format_table(fleet), file=out)
            faulty = sum(1 for m in fleet.miners if m.faults)
            until = f"for {duration_s:g} s" if duration_s is not None else "until Ctrl-C"
            print(
                f"serving {len(fleet.miners)} simulated miners ({faulty} with faults) {until}",
                file=out,
            )
            first, last = fleet.miners[0], fleet.miners[-1]
            if single_ip:
                print(
                    f"poll them: rig-monitor poll 127.0.0.1:{first.port} … 127.0.0.1:{last.port} "
                    f"--web-port {web_port}",
                    file=out,
                )
            else:
                print(
                    f"poll them: rig-monitor poll {first.ip}-{last.ip}:{port} --web-port {web_port}",
                    file=out,
                )
            out.flush()
            if duration_s is None:
                await asyncio.Event().wait()
            else:
                await asyncio.sleep(duration_s)
        finally:
            await fleet.stop()

    try:
        asyncio.run(serve())
    except OSError as exc:
        print(f"rig-monitor simulate: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        with contextlib.suppress(Exception):
            print("stopped", file=out)
    return 0
