"""detect._login_within: the stock match's wait for its web login, awaited inline (no task). It
must tell the three outcomes apart as the task-based wait did: the probe's result, the probe's
own failure (also a TimeoutError raised by the probe, which is not the wait running out), and
the wait running out (the probe cancelled, nothing read)."""

from __future__ import annotations

import asyncio

from rig_monitor.core.drivers.detect import _login_within
from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import ErrorKind


def test_result_arrives_within_the_wait() -> None:
    async def page() -> str:
        await asyncio.sleep(0)
        return "verdict"

    assert asyncio.run(_login_within(page(), 5.0)) == ("verdict", False)  # type: ignore[arg-type]


def test_the_probes_own_failures_are_its_result() -> None:
    async def refused() -> None:
        raise MinerError(ErrorKind.REFUSED, "refused: nothing listens")

    async def own_timeout() -> None:
        raise TimeoutError("the probe's, not the wait's")

    result, cut = asyncio.run(_login_within(refused(), 5.0))
    assert isinstance(result, MinerError) and result.kind is ErrorKind.REFUSED and not cut
    result, cut = asyncio.run(_login_within(own_timeout(), 5.0))
    assert isinstance(result, TimeoutError) and not cut


def test_a_login_slower_than_the_wait_is_cut_and_cancelled() -> None:
    cancelled = []

    async def hung() -> None:
        try:
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            cancelled.append(True)
            raise

    assert asyncio.run(_login_within(hung(), 0.01)) == (None, True)
    assert cancelled == [True]
