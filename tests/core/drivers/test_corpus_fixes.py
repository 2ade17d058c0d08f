"""The fixes issue 17's corpus called for, each on the real capture that showed the problem
(tests/captures/<family>/<set>/, origin in each set's SOURCE)."""

from __future__ import annotations

import json
import time

import pytest

from rig_monitor.core.drivers.avalon import avalon_model
from rig_monitor.core.drivers.base import parse_pools, share_age
from rig_monitor.core.drivers.hiveon import HiveonDriver
from rig_monitor.core.drivers.whatsminer import WhatsminerDriver
from rig_monitor.core.faults import evaluate_snapshots
from rig_monitor.core.model import Board, Identity, MinerSnapshot, PoolStatus, Target
from rig_monitor.core.modeldb import cooling_from_name, lookup, model_key
from tests.replay.corpus import ROOT, load_set

TARGET = Target("127.0.0.1")


def test_hiveon_reads_the_antminer_stats_dialect() -> None:
    cs = load_set(ROOT / "hiveon" / "s19x88-hiveon")
    snap = HiveonDriver().parse(
        TARGET, {"stats": cs.rpc_json("stats")}, Identity(family="hiveon", make="Antminer")
    )
    snap.use_average_headline()
    assert (snap.make, snap.model, snap.firmware) == ("Antminer", "S19x88", "hiveon")
    assert [b.chips for b in snap.boards] == [88, 88, 88]
    assert snap.temp_chip_max_c == 61 and snap.temp_board_max_c == 50
    assert snap.fans_rpm == [3090, 3000, 3000, 3090]
    assert snap.hashrate_ths == pytest.approx(6.42151)  # GHS av, the headline
    assert snap.hashrate_5s_ths == pytest.approx(6.751)  # GHS 5s, for the detail pane
    assert snap.nominal_hashrate_ths == pytest.approx(63.28882)
    ok, bad, dash = snap.boards[0].chip_status_counts(88)
    assert (ok, bad, dash) == (10, 78, 0)  # Hiveon's pair format: one mark per chip still


def test_whatsminer_headline_is_the_firmware_average() -> None:
    cs = load_set(ROOT / "whatsminer" / "btminer-apiv1-2021fw")
    replies = {c: cs.rpc_json(c) for c in ("summary", "devs", "pools")}
    snap = WhatsminerDriver().parse(TARGET, replies, Identity(family="whatsminer"))
    snap.use_average_headline()
    assert snap.hashrate_ths == pytest.approx(67.68162018)  # MHS 15m (up 10154 s: windowed)
    assert snap.hashrate_5s_ths == pytest.approx(70.66811452)  # MHS 5s, 4 % off the average


def test_stopped_miner_keeps_its_5s_figure_as_headline() -> None:
    snap = MinerSnapshot(ip="127.0.0.1", hashrate_ths=0.0, hashrate_avg_ths=44.54)
    snap.use_average_headline()
    assert snap.hashrate_ths == 0.0 and snap.hashrate_5s_ths == 0.0


def test_chip_status_counts_only_the_fitted_chips() -> None:
    # the S23 Hyd. capture's chain string: 84 'o' then "----" past the 84 fitted chips
    cs = load_set(ROOT / "antminer" / "s23-hyd-stock")
    chains = cs.rpc_json("stats")["STATS"][1]
    acs = chains["chain_acs1"]
    board = Board(index=0, chips=chains["chain_acn1"], chip_status=acs)
    assert board.chips == 84
    assert board.chip_status_counts() == (84, 0, 4)
    assert board.chip_status_counts(84) == (84, 0, 0)


def test_hydro_recognised_in_the_name_and_the_table() -> None:
    assert cooling_from_name("S21 XP Hyd.") == "hydro"
    assert cooling_from_name("S19 Pro Hydro") == "hydro"
    assert cooling_from_name("S21 XP") is None
    assert model_key("S21 Hyd.") == model_key("S21 Hydro")
    for name in ("S21 XP Hyd.", "S23 Hyd.", "S21j XP Hyd.", "S21 Hyd."):
        spec = lookup("Antminer", name)
        assert spec is not None and spec.cooling == "hydro" and spec.fans == 0, name


def test_avalon_names_keep_their_variant() -> None:
    assert avalon_model("AvalonMiner 15-194", "15-194") == "A15-194"
    spec = lookup("Avalon", "A15-194")
    assert spec is not None and spec.nominal_ths == 194 and spec.chips_per_board == 160
    series = lookup("Avalon", "A1566-185")  # not listed by variant: the series' entry
    assert series is not None and series.model == "A1566"


def test_share_age_on_the_miners_clock() -> None:
    cs = load_set(ROOT / "avalon" / "avalon15-194-clock-unset")  # When 986: clock unset (1970)
    pools = parse_pools(cs.rpc_json("pools"))
    assert pools[0].last_share_age_s == 11  # When 986 - Last Share Time 975
    assert share_age(1000.0, "0:00:03") == 3  # bmminer/LuxOS print the age itself
    assert share_age(1000.0, 0) is None  # no share yet
    assert share_age(None, 975) is None  # no miner clock: no age, never the desktop's


def test_clock_unset_miner_gets_no_share_drought() -> None:
    cs = load_set(ROOT / "avalon" / "avalon15-194-clock-unset")
    snap = MinerSnapshot(
        ip="127.0.0.1",
        online=True,
        make="Avalon",
        model="A15-194",
        hashrate_ths=184.0,
        uptime_s=3600,
        timestamp=time.time(),  # 2026, while the miner says 1970
        pools=parse_pools(cs.rpc_json("pools")),
    )
    assert snap.pools[0].status is PoolStatus.ALIVE
    evaluate_snapshots([snap])
    assert "pool_latency" not in {f.id for f in snap.faults}
    snap.pools[0].last_share_age_s = 1500.0  # a real drought, on the miner's clock
    snap.faults.clear()
    evaluate_snapshots([snap])
    assert "pool_latency" in {f.id for f in snap.faults}


def test_iceriver_pool_connect_is_a_number_on_real_firmware() -> None:
    from rig_monitor.core.drivers.iceriver import _connected

    cs = load_set(ROOT / "iceriver" / "ks5l-userpanel-blog")
    pools = json.loads(cs.http["user_userpanel"])["data"]["pools"]
    assert [_connected(p["connect"]) for p in pools[:2]] == [True, False]  # 1.0, -1.0
    assert _connected(True) is True and _connected(None) is None


def test_btminer_api_1_4_is_recognised_by_its_description() -> None:
    """A real 2021 btminer names itself only as "whatsminer v1.4.0" in STATUS Description."""
    from rig_monitor.core.drivers.detect import Probe, classify

    cs = load_set(ROOT / "whatsminer" / "btminer-apiv1-2021fw")
    text = cs.rpc["get_version"].decode()
    assert "BTMINER" not in text.upper()  # the old marker alone would miss it
    assert classify(Probe(text, None)).family == "whatsminer"


def test_share_age_from_the_miners_own_timers() -> None:
    """ePIC counts seconds since the last accepted share; IceRiver prints the age as H:MM:SS."""
    from rig_monitor.core.drivers import epic, iceriver

    cs = load_set(ROOT / "epic" / "s19xp-powerplay-1.5.13")
    replies = {
        epic.SUMMARY: json.loads(cs.http["summary"]),
        epic.CAPABILITIES: json.loads(cs.http["capabilities"]),
    }
    snap = epic.EpicDriver().parse(TARGET, replies, Identity(family="epic"))
    assert snap.pools[0].last_share_age_s == 25  # Session 'Last Accepted Share Timer'
    cs = load_set(ROOT / "iceriver" / "ks5l-userpanel-blog")
    replies = {iceriver.PANEL: json.loads(cs.http["user_userpanel"])}
    snap = iceriver.IceRiverDriver().parse(TARGET, replies, Identity(family="iceriver"))
    assert snap.pools[0].last_share_age_s == 0  # lstime "00:00:00"
    assert snap.pools[0].active is True and snap.pools[1].active is False
