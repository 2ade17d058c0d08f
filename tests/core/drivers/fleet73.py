"""Simulated fleets for the Auradine, Goldshell and IceRiver driver tests, on 127.73.x.0."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager

from rig_monitor.sim import SimFleet, SimFleetThread
from tests.sim.rawclient import free_port

_blocks = itertools.count(1)


@contextmanager
def fleet(personas: list[str], count: int = 1, **kw: object) -> Iterator[SimFleet]:
    base = f"127.73.{next(_blocks)}.0"
    ip1 = base[:-1] + "1"
    f = SimFleet.build(
        base=base,
        count=count,
        port=free_port(ip1),
        web_port=free_port(ip1),
        personas=personas,
        **kw,  # type: ignore[arg-type]
    )
    with SimFleetThread(f):
        yield f
