from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

import pytest

from rig_monitor.sim import SimFleet, SimFleetThread
from rig_monitor.sim.miner import SimMiner
from tests.sim.rawclient import free_port

# Each fleet gets its own 127.42.N.0 block so parallel runs (and other people's tests) never clash.
_blocks = itertools.count(1)


def next_base() -> str:
    return f"127.42.{next(_blocks)}.0"


@pytest.fixture
def serve_miners() -> Iterator[Callable[[list[SimMiner]], SimFleetThread]]:
    """serve_miners(miners) -> running SimFleetThread serving exactly these; stopped after the test."""
    running: list[SimFleetThread] = []

    def start(miners: list[SimMiner]) -> SimFleetThread:
        thread = SimFleetThread(SimFleet(miners))
        thread.start()
        running.append(thread)
        return thread

    yield start
    for thread in running:
        thread.stop()


@pytest.fixture
def serve(
    serve_miners: Callable[[list[SimMiner]], SimFleetThread],
) -> Callable[..., SimFleetThread]:
    """serve(**build_kwargs) -> running SimFleetThread; stopped after the test."""

    def start(**kwargs: object) -> SimFleetThread:
        base = str(kwargs.pop("base", next_base()))
        port = kwargs.pop("port", None) or free_port(base[:-1] + "1")
        # the web port too: a fixed one would clash with a parallel run on the same block
        kwargs.setdefault("web_port", free_port(base[:-1] + "1"))
        fleet = SimFleet.build(base=base, port=int(port), **kwargs)  # type: ignore[arg-type]
        return serve_miners(fleet.miners)

    return start
