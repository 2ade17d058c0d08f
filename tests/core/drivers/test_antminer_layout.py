"""The Antminer parse with its key layout worked out once per key set reads exactly as before.

``_OldAntminer`` keeps the chain/fan scans as they were before the memo (two regexes over every
key on every poll); every real capture whose ``stats`` a bmminer-style driver reads, and
value-scrambled copies of them (same keys, values zeroed, emptied, negated, made text), must
give identical snapshots through both.
"""

from __future__ import annotations

import dataclasses
import random
import re
from pathlib import Path
from typing import Any

import pytest

from rig_monitor.core.drivers import antminer
from rig_monitor.core.drivers.antminer import AntminerDriver
from rig_monitor.core.drivers.hiveon import HiveonDriver
from rig_monitor.core.drivers.luxos import LuxOSDriver
from rig_monitor.core.drivers.vnish import VnishDriver
from rig_monitor.core.model import Board, Identity, Target
from rig_monitor.core.values import first_key, hashrate_ths, integer, num, temps
from rig_monitor.core.wire.cgminer import parse_reply

TESTS = Path(__file__).parents[2]
_CHAIN_KEY = re.compile(r"^chain_(?:acn|acs|rate|hw)(\d+)$")
_FAN_KEY = re.compile(r"^fan(\d+)$")


def _old_has_chain_key(item: dict[str, Any]) -> bool:
    return any(k[:6] == "chain_" and _CHAIN_KEY.match(k) for k in item)


class _OldAntminer(AntminerDriver):
    """AntminerDriver's board and fan reading before the layout memo (commit 88a9c49)."""

    @staticmethod
    def _boards(chains: dict[str, Any], expected: int | None, unit: str) -> list[Board]:
        slots = sorted(
            {int(m.group(1)) for k in chains if k[:6] == "chain_" and (m := _CHAIN_KEY.match(k))}
        )
        if not slots:
            return []

        def populated(i: int) -> bool:
            return bool(
                (integer(chains.get(f"chain_acn{i}")) or 0) > 0
                or str(chains.get(f"chain_acs{i}") or "").strip()
                or (num(chains.get(f"chain_rate{i}")) or 0) > 0
            )

        live = [i for i in slots if populated(i)]
        base = 6 if live and min(live) >= 6 and not any(1 <= i <= 5 for i in live) else 1
        count = expected
        if not count:
            said = integer(chains.get("miner_count")) or 0
            if not 0 <= said <= antminer.MAX_CHAINS:  # the cap came later: alike on both sides
                said = 0
            count = max(len(live), said)
        wanted = [base + n for n in range(count)] if count else []
        indices = sorted(set(wanted) | set(live))
        boards = []
        for pos, i in enumerate(indices):
            pcb = temps(chains.get(f"temp_pcb{i}"))
            chip = temps(chains.get(f"temp_chip{i}"))
            if not pcb:
                pcb = temps(chains.get(f"temp{i}"))
            if not chip:
                chip = temps(chains.get(f"temp2_{i}"))
            acs = chains.get(f"chain_acs{i}")
            boards.append(
                Board(
                    index=pos,
                    hashrate_ths=hashrate_ths(chains.get(f"chain_rate{i}"), "GH"),
                    nominal_hashrate_ths=hashrate_ths(chains.get(f"chain_rateideal{i}"), unit),
                    chips=integer(chains.get(f"chain_acn{i}")),
                    temp_board_c=max(pcb) if pcb else None,
                    temp_chip_c=max(chip) if chip else None,
                    chip_status=acs.strip() if isinstance(acs, str) else None,
                    hw_errors=integer(chains.get(f"chain_hw{i}")),
                    frequency_mhz=num(first_key(chains, f"freq_avg{i}", f"freq{i}")),
                )
            )
        return boards

    @staticmethod
    def _fans(chains: dict[str, Any], expected: int | None) -> list[int]:
        fans = {
            int(m.group(1)): integer(v) or 0
            for k, v in chains.items()
            if k[:3] == "fan" and (m := _FAN_KEY.match(k))
        }
        if not fans:
            return []
        s9_layout = (expected == 2 or integer(chains.get("fan_num")) == 2) and {3, 6} <= fans.keys()
        if s9_layout and not any(fans.get(i, 0) for i in (1, 2, 4, 5)):
            return [fans[3], fans[6]]
        order = sorted(fans)
        spinning = [i for i in order if fans[i] > 0]
        agree = bool(expected) and integer(chains.get("fan_num")) == expected == len(spinning)
        if agree and spinning != order[:expected]:
            return [fans[i] for i in spinning]
        last_spinning = max(spinning, default=0)
        count = max(expected or 0, integer(chains.get("fan_num")) or 0, last_spinning)
        return [fans[i] for i in order[:count]]


def _reply_sets() -> list[tuple[str, dict[str, Any]]]:
    """Every real reply set with a ``stats`` reply: captures (all families: a foreign ``stats``
    must read alike too), the stock S19j Pro/S9 fixtures and cgminer 4.11.1's own replies."""
    out: list[tuple[str, dict[str, Any]]] = []
    for rpc in sorted((TESTS / "captures").glob("*/*/rpc")):
        replies = {}
        for f in sorted(rpc.iterdir()):
            if f.suffix in (".json", ".raw"):
                replies[f.stem] = parse_reply(f.read_bytes())
        if "stats" in replies:
            out.append((str(rpc.parent.relative_to(TESTS)), replies))
    fix = TESTS / "fixtures" / "antminer"
    for prefix in ("s19jpro", "s9"):
        replies = {
            f.stem.split("_", 1)[1]: parse_reply(f.read_bytes())
            for f in sorted(fix.glob(f"{prefix}_*.raw"))
        }
        out.append((f"fixtures/antminer/{prefix}", replies))
    for folder in (
        TESTS / "fixtures" / "cgminer-4.11.1",
        Path("/work/shared/fixtures/cgminer-4.11.1"),
    ):
        if folder.is_dir():  # the shared copy exists on the project's build machine only
            replies = {
                c: parse_reply((folder / f"{c}.raw").read_bytes())
                for c in ("version", "summary", "stats", "pools")
            }
            out.append((str(folder), replies))
    return out


SETS = _reply_sets()
DRIVERS = [AntminerDriver, HiveonDriver, LuxOSDriver, VnishDriver]


def _scramble(replies: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """The same keys in the same order, values swapped for shapes firmware sends for a dead board
    or fan (0, "", "0-0-0-0", None, negative, text, floats)."""
    shapes: list[Any] = [0, "", "0-0-0-0", None, -1, "x", 0.4, "12", 5880, "55-53-70-69", " ooxx "]
    stats = replies.get("stats")
    if not isinstance(stats, dict) or not isinstance(stats.get("STATS"), list):
        return replies
    items = [
        {k: (rng.choice(shapes) if rng.random() < 0.5 else v) for k, v in item.items()}
        if isinstance(item, dict)
        else item
        for item in stats["STATS"]
    ]
    return {**replies, "stats": {**stats, "STATS": items}}


def _parse_both(driver: type[AntminerDriver], replies: dict[str, Any]) -> tuple[Any, Any]:
    old_cls = type(
        "Old" + driver.__name__,
        (driver,),
        {name: _OldAntminer.__dict__[name] for name in ("_boards", "_fans")},  # staticmethods
    )
    new = driver().parse(Target("10.0.0.1"), replies, Identity(driver.family))
    old = old_cls().parse(Target("10.0.0.1"), replies, Identity(driver.family))
    return _reading(new), _reading(old)


def _reading(snap: Any) -> dict[str, Any]:
    out = dataclasses.asdict(snap)
    del out["timestamp"]  # when parse ran, not what it read
    return out


@pytest.mark.parametrize("driver", DRIVERS, ids=lambda d: d.family)
@pytest.mark.parametrize(("name", "replies"), SETS, ids=[n for n, _ in SETS])
def test_every_real_capture_reads_as_before(
    driver: type[AntminerDriver], name: str, replies: dict[str, Any]
) -> None:
    new, old = _parse_both(driver, replies)
    assert new == old


@pytest.mark.parametrize(("name", "replies"), SETS, ids=[n for n, _ in SETS])
def test_scrambled_values_on_real_key_sets_read_as_before(
    name: str, replies: dict[str, Any]
) -> None:
    rng = random.Random(name)
    for _ in range(60):
        scrambled = _scramble(replies, rng)
        new, old = _parse_both(AntminerDriver, scrambled)
        assert new == old
        stats = scrambled.get("stats")
        for item in stats.get("STATS", []) if isinstance(stats, dict) else []:
            if isinstance(item, dict):
                assert antminer._has_chain_key(item) == _old_has_chain_key(item)


def test_the_memo_stays_bounded_against_changing_key_sets() -> None:
    antminer._LAYOUTS.clear()
    for n in range(antminer._LAYOUTS_MAX * 3):
        item = {f"chain_rate{n % 7 + 1}": "1", f"junk{n}": 0, "fan1": n}
        assert antminer._has_chain_key(item)
        assert antminer.AntminerDriver._fans(item, None) == ([n] if n else [])
    assert len(antminer._LAYOUTS) <= antminer._LAYOUTS_MAX


def test_a_junk_record_with_thousands_of_keys_is_read_but_not_memoised() -> None:
    antminer._LAYOUTS.clear()
    item = {f"junk{n}": n for n in range(antminer._LAYOUT_KEYS_MAX)}
    item |= {"chain_rate1": "100", "chain_acn1": 3, "fan1": 4000}
    assert antminer._has_chain_key(item)
    assert AntminerDriver._fans(item, None) == [4000]
    assert antminer._LAYOUTS == {}
