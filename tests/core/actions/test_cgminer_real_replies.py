"""The CGMiner-family controller on real cgminer 4.11.1 control replies (see the fixture README),
and the simulator's replies held to the same shapes."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from rig_monitor.core.drivers.base import Session
from rig_monitor.core.drivers.control import ActionRefused, PoolSpec
from rig_monitor.core.drivers.control import cgminer as ctl
from rig_monitor.core.model import Identity, Target
from rig_monitor.core.wire.cgminer import parse_reply, status_of
from rig_monitor.sim.miner import SimMiner

FIX = Path(__file__).parents[2] / "fixtures" / "cgminer-4.11.1-control"


def real(name: str) -> dict[str, Any]:
    return parse_reply((FIX / f"{name}.raw").read_bytes().rstrip(b"\0"))


class ScriptedRPC:
    """Answers each command with the next real reply queued for it."""

    def __init__(self, script: dict[str, list[str]]) -> None:
        self.script = {k: list(v) for k, v in script.items()}
        self.sent: list[tuple[str, str | None]] = []

    async def command(self, command: str, parameter: str | None = None) -> dict[str, Any]:
        self.sent.append((command, parameter))
        return real(self.script[command].pop(0))


def _session(rpc: ScriptedRPC) -> Session:
    return Session(Target("127.0.0.1", 4028), rpc, Identity(family="generic"))  # type: ignore[arg-type]


def test_real_restart_reply_is_success_and_refusals_carry_the_message() -> None:
    assert status_of(real("restart")).ok
    rpc = ScriptedRPC({"restart": ["denied_restart"]})
    with pytest.raises(ActionRefused, match=r"Access denied to 'restart' command \(code 45\)"):
        asyncio.run(ctl.checked(_session(rpc), "restart"))


def test_pool_replacement_retries_removepool_until_the_switch_lands(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ctl, "SWITCH_POLL_S", 0.0)
    before = real("pools_after_addpool")
    before["POOLS"] = before["POOLS"][:2]  # the miner had pools 0 and 1
    rpc = ScriptedRPC(
        {
            "addpool": ["addpool"],
            "switchpool": ["switchpool"],
            "removepool": ["removepool_ok", "removepool_active_refused", "removepool_ok"],
        }
    )
    replies = iter([before, real("pools_after_addpool")])

    async def command(command: str, parameter: str | None = None) -> dict[str, Any]:
        if command == "pools":
            rpc.sent.append((command, parameter))
            return next(replies)
        return await ScriptedRPC.command(rpc, command, parameter)

    rpc.command = command  # type: ignore[method-assign]
    pool = PoolSpec("stratum+tcp://127.0.0.1:23333", "rig.cap", "x")
    detail = asyncio.run(ctl.replace_pools(_session(rpc), (pool,)))
    assert "1 pool(s) set, 2 old removed" in detail
    assert [s for s in rpc.sent if s[0] != "pools"] == [
        ("addpool", "stratum+tcp://127.0.0.1:23333,rig.cap,x"),
        ("switchpool", "2"),
        ("removepool", "1"),
        ("removepool", "0"),  # refused: still active (code 67) …
        ("removepool", "0"),  # … and retried once the switch landed
    ]


@pytest.mark.parametrize(
    ("name", "command", "parameter"),
    [
        ("restart", "restart", None),
        ("addpool", "addpool", "stratum+tcp://127.0.0.1:23333,rig.cap,x"),
        ("removepool_bad_id", "removepool", "9"),
        ("denied_restart", "restart", None),
    ],
)
def test_the_simulator_answers_like_the_real_cgminer(
    name: str, command: str, parameter: str | None
) -> None:
    miner = SimMiner("127.0.0.1", persona="cgminer")
    miner.control.state.write_access = name != "denied_restart"
    miner.go_down = lambda _s: None  # type: ignore[method-assign]
    if name == "removepool_bad_id":
        miner.rig.set_pools(miner.rig.pools[:2])
    body = {"command": command} | ({} if parameter is None else {"parameter": parameter})
    got = json.loads(miner.handle(json.dumps(body).encode()).rstrip(b"\0"))
    want = real(name)
    if isinstance(want["STATUS"], list):
        g, w = got["STATUS"][0], want["STATUS"][0]
        assert (g["STATUS"], g["Code"], g["Description"]) == (
            w["STATUS"],
            w["Code"],
            w["Description"],
        )
        assert g["Msg"].split(":")[0] == w["Msg"].split(":")[0]
    else:
        assert got == want
