"""The per-miner poller against replies a broken or hostile miner sends (issue 10)."""

from __future__ import annotations

import asyncio

from rig_monitor.core.engine.poller import Poller
from rig_monitor.core.model import Ports, Target
from rig_monitor.core.wire.cgminer import Limits
from tests.canned import serve

LIMITS = Limits(connect_timeout_s=1.0, read_timeout_s=2.0)


def test_a_5000_deep_reply_during_detection_reads_nested_too_deep_not_refused() -> None:
    deep = b'{"STATUS":' + b"[" * 5000 + b"]" * 5000 + b"}\x00"

    async def go() -> list[str | None]:
        async with serve(lambda _req: deep) as (host, port, _seen):
            # the web and v3 ports are closed: only the API port answers, with the deep reply
            poller = Poller(LIMITS, ports=Ports(web=1025, whatsminer_v3=1026))
            try:
                target = Target(host, port, web_port=1025)
                return [(await poller.poll(target)).error for _ in range(2)]
            finally:
                await poller.aclose()

    errors = asyncio.run(go())
    assert errors == ["bad reply: nested too deep"] * 2
