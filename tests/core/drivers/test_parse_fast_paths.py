"""The per-poll parse's shortcuts read exactly as the general code they skip.

``integer`` returns ints from orjson as they are, ``parse_pools`` reads each pool's keys once and
``share_age`` reads bmminer's "0:00:03" without ``num``; the general versions are kept here as
they were (commit b7ff3e5) and every value of every real reply set (tests/captures, the stock
fixtures, cgminer 4.11.1's own replies), plus scrambled pools with the shapes firmware sends,
must read the same through both.
"""

from __future__ import annotations

import dataclasses
import math
import random
from pathlib import Path
from typing import Any

import pytest

from rig_monitor.core.drivers import antminer
from rig_monitor.core.drivers.antminer import AntminerDriver
from rig_monitor.core.drivers.base import miner_clock, parse_pools, section, share_age
from rig_monitor.core.engine import poller
from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import Identity, Pool, PoolStatus, Target
from rig_monitor.core.values import integer, num
from rig_monitor.core.wire.cgminer import parse_reply

TESTS = Path(__file__).parents[2]


def _old_integer(value: Any) -> int | None:
    f = num(value)
    return None if f is None else int(f)


def _old_share_age(when: float | None, last_share: Any) -> float | None:
    if isinstance(last_share, str) and ":" in last_share:
        parts = [num(p) for p in last_share.strip().split(":")]
        if len(parts) == 3 and all(p is not None for p in parts):
            h, m, sec = (float(p) for p in parts if p is not None)
            return h * 3600 + m * 60 + sec
        return None
    last = num(last_share)
    if when is None or not last or last <= 0:
        return None
    return max(0.0, when - last)


def _old_share_time(when: float | None, last_share: Any) -> float | None:
    # The reading as fixed after the fast path: an "h:mm:ss" ago gives When minus it (the old
    # code kept num()'s leading digit run, the hours); other values as before.
    if isinstance(last_share, str) and ":" in last_share:
        age = _old_share_age(when, last_share)
        return when - age if when is not None and age is not None else None
    return num(last_share) or None


def _old_parse_pools(reply: Any) -> list[Pool]:
    pools = []
    when = miner_clock(reply)
    for p in section(reply, "POOLS"):
        url = str(p.get("URL") or p.get("url") or "")
        if not url:
            continue
        active = p.get("Stratum Active")
        pools.append(
            Pool(
                url=url,
                user=(str(p["User"]) if p.get("User") not in (None, "") else None),
                status=PoolStatus.parse(p.get("Status")),
                active=bool(active) if isinstance(active, bool) else None,
                priority=_old_integer(p.get("Priority")),
                accepted=_old_integer(p.get("Accepted")),
                rejected=_old_integer(p.get("Rejected")),
                stale=_old_integer(p.get("Stale")),
                last_share_time=_old_share_time(when, p.get("Last Share Time")),
                last_share_age_s=_old_share_age(when, p.get("Last Share Time")),
            )
        )
    return pools


def _reply_files() -> list[Path]:
    files = sorted((TESTS / "captures").glob("*/*/rpc/*"))
    files += sorted((TESTS / "fixtures").glob("**/*.raw"))
    shared = Path("/work/shared/fixtures/cgminer-4.11.1")
    if shared.is_dir():  # the shared copy exists on the project's build machine only
        files += sorted(shared.glob("*.raw"))
    return [f for f in files if f.suffix in (".json", ".raw")]


def _replies() -> list[tuple[str, Any]]:
    out = []
    for f in _reply_files():
        try:
            out.append((str(f.relative_to(f.parents[2])), parse_reply(f.read_bytes())))
        except MinerError:  # junk captures are other tests' business
            continue
    return out


REPLIES = _replies()


def _scalars(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _scalars(v)]
    if isinstance(value, list):
        return [s for v in value for s in _scalars(v)]
    return [value]


EDGES: list[Any] = [
    0, 1, -1, 2**53, 2**53 + 1, -(2**53) - 1, 2**60 + 1, 10**400, True, False, None, "", "7",
    "-7", "+7", "12.", ".5", " 62", "1e5", "0:00:03", 1.5, -0.0, math.inf, math.nan, [], {},
]  # fmt: skip


def _same(a: Any, b: Any) -> bool:
    try:
        return repr(a()) == repr(b())
    except OverflowError:  # past float range: both must refuse it alike
        with pytest.raises(OverflowError):
            b()
        return True


def test_integer_reads_every_real_value_as_the_general_path() -> None:
    values = [s for _, reply in REPLIES for s in _scalars(reply)] + EDGES
    assert len(values) > 1000
    for v in values:
        assert _same(lambda v=v: integer(v), lambda v=v: _old_integer(v)), v
    assert integer(2**53 + 1) == 2**53  # past exact floats: rounded, as the float path did


SHARE_TIMES: list[Any] = [
    "0:00:03", "00:00:03", " 1:02:03 ", "12:34:56", "1:2", "a:b:c", "0:00:03.5", "-1:00:00",
    "٣:00:00", "9" * 15 + ":1:1", "9" * 16 + ":1:1", "9" * 400 + ":0:0", "::", "1::2", 0, -1,
    1796321739, "1796321739", None, "", 1.5e9, True,
]  # fmt: skip


@pytest.mark.parametrize("when", [None, 1796321742.0, 0.0])
def test_share_age_reads_as_the_general_path(when: float | None) -> None:
    real = [p.get("Last Share Time") for _, r in REPLIES for p in section(r, "POOLS")]
    assert real
    for last in real + SHARE_TIMES:
        assert _same(lambda x=last: share_age(when, x), lambda x=last: _old_share_age(when, x))


def _scramble_pools(reply: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    shapes: list[Any] = [0, "", None, -1, "x", 0.4, "12", 2**60, "0:00:03", "3:1:9", True, []]
    shapes += [" 12:34:56 ", "0001:02:03", "-1:00:00", "1:2:3:4", "9" * 20 + ":0:0", 1796321739]
    pools = [
        {k: (rng.choice(shapes) if rng.random() < 0.4 else v) for k, v in p.items()}
        for p in reply["POOLS"]
        if isinstance(p, dict)
    ]
    return {**reply, "POOLS": pools}


def test_parse_pools_reads_every_real_pools_reply_as_before() -> None:
    real = [(n, r) for n, r in REPLIES if isinstance(r, dict) and isinstance(r.get("POOLS"), list)]
    assert len(real) >= 5
    for name, reply in real:
        assert parse_pools(reply) == _old_parse_pools(reply), name
        rng = random.Random(name)
        for _ in range(100):
            scrambled = _scramble_pools(reply, rng)
            assert _same(
                lambda s=scrambled: parse_pools(s), lambda s=scrambled: _old_parse_pools(s)
            ), scrambled


def test_a_junk_chain_count_is_not_a_board_count() -> None:
    """``miner_count`` of 2**60 once built a board per unit until memory ran out (found by the
    scramble above, widened); past the 16 chains bmminer allows it is ignored."""
    stats = {
        "STATS": [
            {"Type": "Antminer Z9000"},  # not in the model database: no board count from it
            {"miner_count": 2**60, "chain_acn1": 63, "chain_rate1": "13.5", "chain_acs1": "oo"},
        ]
    }
    snap = AntminerDriver().parse(Target("10.0.0.1"), {"stats": stats}, Identity("antminer"))
    assert len(snap.boards) == 1
    stats["STATS"][1]["miner_count"] = antminer.MAX_CHAINS
    snap = AntminerDriver().parse(Target("10.0.0.1"), {"stats": stats}, Identity("antminer"))
    assert len(snap.boards) == antminer.MAX_CHAINS
    assert dataclasses.asdict(snap.boards[0])["chips"] == 63


def test_the_api_signature_memo_answers_as_the_general_path() -> None:
    """The poller's per-poll API signature comes from a memo for the common shape; every real
    ``version`` reply, and copies with other STATUS letters, descriptions, value types and key
    sets, give what the general path gives, the first time and from the memo."""
    versions = [r for n, r in REPLIES if "version" in n and isinstance(r, dict)]
    assert len(versions) >= 5
    rng = random.Random(15)
    shapes: list[Any] = ["S", "I", "E", "", 1, None, True, "bmminer 1.0.0", "cgminer 4.11.1"]
    shapes += ["BTMiner  x", "  ", 1.0, ["S"]]
    for reply in versions:
        cases = [reply]
        for _ in range(40):
            status = reply.get("STATUS")
            head = dict(status[0]) if isinstance(status, list) and status else {}
            for key in ("STATUS", "Description"):
                if rng.random() < 0.6:
                    head[key] = rng.choice(shapes)
                elif rng.random() < 0.2:
                    head.pop(key, None)
            ver = reply.get("VERSION")
            body = dict(ver[0]) if isinstance(ver, list) and ver else {}
            if body and rng.random() < 0.3:
                body.pop(rng.choice(list(body)))
            if rng.random() < 0.2:
                body[f"Extra{rng.randint(0, 3)}"] = 1
            cases.append({**reply, "STATUS": [head], "VERSION": [body]})
        for case in cases:
            for _ in range(2):  # the first answer fills the memo, the second comes from it
                assert poller._api_signature({"version": case}) == poller._api_signature_of(case)


def test_an_ago_share_time_is_when_minus_it_on_a_real_bmminer_reply() -> None:
    # asic-rs's captured stock S19 Pro (bmminer) pools reply: "Last Share Time": "0:00:03" is
    # how long ago; the parse kept the hours (0 -> None, "5:00:00" -> 5.0) as a unix time.
    path = Path(__file__).parents[2] / "captures/antminer/s19pro-stock-legacy/rpc/pools.json"
    reply = parse_reply(path.read_bytes())
    when = miner_clock(reply)
    assert when == 1755615295
    first = parse_pools(reply)[0]
    assert first.last_share_age_s == 3.0
    assert first.last_share_time == when - 3.0
    reply["POOLS"][0]["Last Share Time"] = "5:00:00"
    assert parse_pools(reply)[0].last_share_time == when - 5 * 3600.0
    del reply["STATUS"][0]["When"]
    assert parse_pools(reply)[0].last_share_time is None  # no clock: no time, only the age
