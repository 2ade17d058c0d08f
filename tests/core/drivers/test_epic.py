"""ePIC PowerPlay: parse real-shaped /summary and /capabilities (and broken ones), then end to end."""

from __future__ import annotations

import pytest

from rig_monitor.core.drivers.epic import CAPABILITIES, SUMMARY, EpicDriver
from rig_monitor.core.model import ErrorKind, Identity, PoolStatus, Target
from tests.core.webfleet import fleet, poll

T = Target("10.0.0.7")
ID = Identity("epic", "ePIC")

# PowerPlay-BMS on an S19j Pro with board 2 not detected (shape of a real reply, trimmed)
SUMMARY_DOC = {
    "Status": {"Operating State": "Mining", "Last Error": "Board 2 not detected"},
    "Hostname": "epic-rack4-07", "Software": "PowerPlay-BMS v1.5.13",
    "Stratum": {"Current Pool": "stratum+tcp://btc.pool.example:3333", "Current User": "acct.w7",
                "IsPoolConnected": True, "Config Id": 0},
    "Session": {"Uptime": 43210, "Accepted": 5021, "Rejected": 12, "Average MHs": 66100000.0},
    "HBs": [
        {"Index": 0, "Hashrate": [33200000.0, 98.5], "Temperature": 66, "Input Voltage": 13.9,
         "Core Clock Avg": 525.0},
        {"Index": 1, "Hashrate": [33050000.0, 98.1], "Temperature": 68, "Input Voltage": 13.9,
         "Core Clock Avg": 525.0},
    ],
    "HBStatus": [{"Index": 0, "Detected": True}, {"Index": 1, "Detected": True},
                 {"Index": 2, "Detected": False}],
    "Fans Rpm": {"Fans Speed 1": 5400, "Fans Speed 2": 5460, "Fans Speed 3": None,
                 "Fans Speed 4": 5400},
    "Power Supply Stats": {"Input Power": 2130.5, "Output Voltage": 13.9},
    "PerpetualTune": {"Running": False, "Algorithm": {}},
}  # fmt: skip
CAPS_DOC = {"Model": "AntMiner S19j Pro", "Max HBs": 3, "Default Hashrate": 100.0,
            "Performance Estimator": {"Chip Count": 126},
            "Board Serial Numbers": ["SN0", "SN1", "SN2"]}  # fmt: skip


def test_parse_summary_and_capabilities() -> None:
    s = EpicDriver().parse(T, {SUMMARY: SUMMARY_DOC, CAPABILITIES: CAPS_DOC}, ID)
    assert (s.make, s.model, s.firmware, s.firmware_version) == (
        "Antminer",
        "S19j Pro",
        "ePIC",
        "1.5.13",
    )
    assert s.hashrate_ths == pytest.approx(66.25) and s.hashrate_avg_ths == pytest.approx(66.1)
    assert s.nominal_hashrate_ths == pytest.approx(33.2 / 0.985 + 33.05 / 0.981)
    assert s.power_w == 2130.5 and s.fans_rpm == [5400, 5460, 5400] and s.uptime_s == 43210
    assert [b.index for b in s.boards] == [0, 1, 2]
    assert s.boards[2].chips == 0 and s.boards[2].hashrate_ths is None
    assert s.boards[0].chips == 126 and s.boards[1].serial == "SN1" and s.temp_board_max_c == 68
    assert s.expected_boards == 3 and s.hostname == "epic-rack4-07" and s.idle is False
    assert s.pools[0].status is PoolStatus.ALIVE and s.pools[0].user == "acct.w7"
    assert [e.message for e in s.error_codes] == ["Board 2 not detected"]


def test_idling_and_missing_capabilities() -> None:
    doc = dict(SUMMARY_DOC, Status={"Operating State": "Idling", "Last Error": None}, HBs=[])
    s = EpicDriver().parse(T, {SUMMARY: doc}, ID)
    assert s.idle is True and s.model is None and s.make == "ePIC" and s.hashrate_ths is None
    assert s.error_codes == []


@pytest.mark.parametrize(
    "doc",
    ["<html>502 Bad Gateway</html>", None, {"HBs": "x", "Session": [], "Fans Rpm": [1, 2],
     "Power Supply Stats": {"Input Power": "?"}, "Software": 3}],
)  # fmt: skip
def test_broken_replies_give_unknowns(doc: object) -> None:
    s = EpicDriver().parse(T, {SUMMARY: doc, CAPABILITIES: "oops"}, ID)
    assert s.online and s.hashrate_ths is None and s.power_w is None and s.fans_rpm == []
    assert s.boards == [] and s.pools == []


def test_end_to_end_rest_on_the_api_port() -> None:
    with fleet(["epic:S19 XP"]) as f:
        m = f.miners[0]
        s = poll(f.targets)[0]
        t = m.truth()
        assert s.online, s.error
        assert (s.family, s.make, s.model, s.firmware) == (
            "epic",
            "Antminer",
            "S19 XP",
            "epic",
        )  # the family name
        assert s.hashrate_ths == pytest.approx(t.hashrate_ths, rel=0.02)
        assert s.nominal_hashrate_ths == pytest.approx(t.nominal_hashrate_ths, rel=0.02)
        assert [b.temp_board_c for b in s.boards] == [b.temp_board_c for b in t.boards]
        assert s.fans_rpm == t.fans_rpm and s.power_w and s.power_w > 1000


def test_end_to_end_dead_board_and_hung() -> None:
    with fleet(["epic:S19j Pro"], count=2) as f:
        f.inject(f.miners[0].ip, "dead_board")
        f.inject(f.miners[1].ip, "hung")
        dead, hung = poll(f.targets, limits=None)
        assert dead.online and sum(1 for b in dead.boards if b.chips == 0) == 1
        assert not hung.online and hung.error_kind is ErrorKind.TIMEOUT


def test_real_capture_disabled_board_and_tune_target() -> None:
    # tests/captures/epic/s19xp-powerplay-1.5.13 (SOURCE there): HBStatus board 0 Detected but
    # Enabled false, boards 1-2 hashing; PerpetualTune VoltageOptimizer running, Target 143 TH/s
    import json

    from rig_monitor.core.faults import evaluate_snapshots
    from tests.replay.corpus import ROOT, load_set

    cs = load_set(ROOT / "epic" / "s19xp-powerplay-1.5.13")
    replies = {
        SUMMARY: json.loads(cs.http["summary"]),
        CAPABILITIES: json.loads(cs.http["capabilities"]),
    }
    s = EpicDriver().parse(T, replies, ID)
    assert [b.index for b in s.boards] == [1, 2] and s.expected_boards == 2
    assert s.notes == [
        "board 1 disabled in the firmware (HBStatus Enabled false): not counted as a board"
    ]
    assert s.nominal_hashrate_ths == 143.0  # the tune target, not the two boards' 95.9
    s.use_average_headline()
    evaluate_snapshots([s])
    faults = {f.id: f for f in s.faults}
    assert "board_missing" not in faults
    assert "90.1 of 143 TH/s (63 %)" in faults["hashrate_low"].detail
    assert faults["hashrate_low"].severity.value == "critical"  # < 70 %, faults.md §4.3
