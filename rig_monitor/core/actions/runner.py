"""Run one action on many miners: identify, check capability and cooldown, pace, send, record.

Every target gets exactly one :class:`ActionResult`, whatever happens (offline, refused, hung,
unsupported, not in the operator's list): nothing is left half-done without saying so. A miner's
whole action runs under one deadline, so a miner that hangs mid-action costs that deadline and
never holds up the others (they run concurrently within a wave).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Collection, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from rig_monitor.core.actions.log import record_action
from rig_monitor.core.actions.pacing import Clock, Cooldown, Pacing, waves
from rig_monitor.core.drivers.control import Action, ActionRefused, PoolSpec, controller_for
from rig_monitor.core.engine.poller import Poller
from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import Target
from rig_monitor.core.wire.cgminer import CGMinerClient

Sleep = Callable[[float], Awaitable[None]]
Recorder = Callable[..., Any]
EXPECT_BACK_S = 900.0  # how long a rebooted miner's restart counts as expected


@dataclass(slots=True)
class ActionResult:
    ip: str
    port: int
    action: str
    supported: bool | None  # None: the miner could not be identified
    ok: bool | None  # None on a dry run
    error: str | None = None
    detail: str | None = None

    @property
    def key(self) -> str:
        return f"{self.ip}:{self.port}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class ActionRunner:
    def __init__(
        self,
        poller: Poller,
        pacing: Pacing | None = None,
        *,
        clock: Clock = time.time,
        sleep: Sleep = asyncio.sleep,
        record: Recorder = record_action,
        cooldown: Cooldown | None = None,
        on_expect_reboot: Callable[[list[str], float], None] | None = None,
    ) -> None:
        self.poller = poller
        self.pacing = pacing or Pacing()
        self.clock = clock
        self.sleep = sleep
        self.record = record
        self.cooldown = cooldown or Cooldown(self.pacing.cooldown_s, clock)
        self.on_expect_reboot = on_expect_reboot
        self._restarting: set[str] = set()  # miners whose coming restart we caused

    async def run(
        self,
        targets: Sequence[Target],
        action: Action,
        pools: tuple[PoolSpec, ...] = (),
        *,
        dry_run: bool = False,
        allowed: Collection[str] | None = None,
        on_result: Callable[[ActionResult], None] | None = None,
    ) -> list[ActionResult]:
        """Results in the order of ``targets``. ``allowed``: the keys of the operator's miners."""
        if action is Action.POOLS and not pools:
            raise ValueError("the pools action needs at least one pool")
        results: dict[str, ActionResult] = {}

        def done(r: ActionResult) -> None:
            results[r.key] = r
            self.record(
                ip=r.ip,
                port=r.port,
                action=r.action,
                supported=r.supported,
                ok=r.ok,
                error=r.error,
                detail=r.detail,
                dry_run=dry_run,
            )
            if on_result is not None:
                on_result(r)

        unique = list({t.key: t for t in reversed(targets)}.values())[::-1]  # one per miner
        todo: list[Target] = []
        for t in unique:
            if allowed is not None and t.key not in allowed:
                done(
                    ActionResult(
                        t.ip,
                        t.port,
                        action.value,
                        None,
                        None if dry_run else False,
                        "not in your miner list: add it first",
                    )
                )
            else:
                todo.append(t)
        gate = asyncio.Semaphore(self.pacing.concurrency)

        async def one(t: Target) -> None:
            async with gate:
                done(await self._one(t, action, pools, dry_run))

        if action.disruptive and not dry_run:
            plan = waves(todo, lambda t: t.ip, self.pacing.per_block, self.pacing.block_prefix)
        else:
            plan = [todo] if todo else []
        for n, wave in enumerate(plan):
            if n and self.pacing.wave_gap_s:
                await self.sleep(self.pacing.wave_gap_s)
            await asyncio.gather(*(one(t) for t in wave))
        rebooted = [r.key for r in results.values() if r.ok and r.key in self._restarting]
        if rebooted and self.on_expect_reboot is not None:
            self.on_expect_reboot(rebooted, EXPECT_BACK_S)
        return [results[t.key] for t in unique]

    async def _one(
        self, t: Target, action: Action, pools: tuple[PoolSpec, ...], dry_run: bool
    ) -> ActionResult:
        res = ActionResult(t.ip, t.port, action.value, None, None if dry_run else False)
        # Checked before any contact: a miner just rebooted may still be down
        left = self.cooldown.wait_left(t.key, action.value) if action.disruptive else 0.0
        if left > 0:
            res.error = (
                f"rate limit: {action.value} was sent less than "
                f"{self.pacing.cooldown_s:g} s ago; allowed again in {left:.0f} s"
            )
            return res
        try:
            async with asyncio.timeout(self.pacing.miner_timeout_s):
                identity = await self.poller.identify(t)
                ctl = controller_for(identity.family)
                res.supported = ctl.supports(action)
                if not res.supported:
                    res.error = ctl.reason(action)
                    return res
                if dry_run:
                    res.detail = f"would send: {ctl.plan(action, pools)}"
                    return res
                client = CGMinerClient(t.ip, t.port, self.poller.limits)
                session = self.poller.session(t, identity, client)
                if action.disruptive:
                    self.cooldown.note(
                        t.key, action.value
                    )  # noted before: a timeout may still land
                res.detail = await ctl.run(session, action, pools)
                res.ok = True
                if ctl.restarts(action):
                    self._restarting.add(t.key)
        except ActionRefused as exc:
            res.error = exc.message
        except MinerError as exc:
            res.error = exc.message
            if res.supported is None:
                self.poller.forget(t)
        except TimeoutError:
            res.error = (
                f"timed out: no complete answer in {self.pacing.miner_timeout_s:g} s; "
                "the miner may or may not have acted (check it before retrying)"
            )
        except Exception as exc:  # a bug must not cost the other miners their results
            res.error = f"internal error: {type(exc).__name__}: {exc}"
        return res
