"""The per-miner poller against replies a broken or hostile miner sends (issue 10)."""

from __future__ import annotations

import asyncio
import json

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


def test_a_miner_that_keeps_failing_is_detected_again_less_and_less_often() -> None:
    """Detection answers (a cgminer devdetails reply; multi-commands refused, as some stock
    firmware does), every command a poll sends gets junk: re-detected after 3 failures, then 6,
    then 12, not every third poll forever. (Junk in answer to the multi-command probe itself
    ends detection at once: tests/core/hostile/test_hostile_stops.py.)"""
    devdetails = b'{"STATUS":[{"STATUS":"S","Description":"cgminer 4.11.1"}],"DEVDETAILS":[{"DEVDETAILS":0,"Name":"BTM"}],"id":1}\x00'
    invalid = b'{"STATUS":[{"STATUS":"E","Code":14,"Msg":"Invalid command","Description":"cgminer 4.11.1"}],"id":1}\x00'

    def command(request: bytes) -> str:
        try:
            return str(json.loads(request)["command"])
        except (ValueError, KeyError):
            return request.decode(errors="replace").strip()

    def respond(request: bytes) -> bytes:
        if command(request) == "devdetails":  # asked by detection only, not by the driver
            return devdetails
        if "+" in command(request):
            return invalid
        return b'{"STATUS":[{"STATUS":"S",}],"SUMMARY":[' + b"[" * 100 + b"\x00"

    async def go() -> int:
        async with serve(respond) as (host, port, seen):
            poller = Poller(LIMITS, ports=Ports(web=1025, whatsminer_v3=1026))
            try:
                target = Target(host, port, web_port=1025)
                for _ in range(3 + 6 + 12):
                    snap = await poller.poll(target)
                    assert snap.error == "bad reply: nested too deep"
            finally:
                await poller.aclose()
            return sum(1 for r in seen if command(r) == "devdetails")

    # detected at polls 1, 4 (after 3 failures) and 10 (after 6 more); the next would be poll 22.
    # Without the backoff: polls 1, 4, 7, 10, 13, 16 and 19.
    assert asyncio.run(go()) == 3
