"""The vs_pyasic benchmark's judge: what counts as a tool reading a simulated miner correctly."""

from __future__ import annotations

import pytest

from benchmarks._truth import TOLERANCE, judge, model_matches

S19 = {"persona": "antminer", "model": "S19j Pro", "hashrate_ths": 100.0, "hashrate_avg_ths": 98.0}


@pytest.mark.parametrize(
    ("reported", "served"),
    [
        ("S19j Pro", "S19j Pro"),
        ("Antminer S19J-Pro", "S19j Pro"),
        ("M30S+", "M30S+_VE40"),
        ("M30S+ VE40", "M30S+_VE40"),
        ("Avalon 1246", "A1246-90"),
        ("AvalonMiner 1566", "A1566-185"),
        ("Avalon Q", "Q"),
        ("Avalon Q Home", "Q"),
        ("AvalonHomeQ", "Q"),
    ],
)
def test_the_same_model_spelt_otherwise_matches(reported: str, served: str) -> None:
    assert model_matches(reported, served)


@pytest.mark.parametrize(
    ("reported", "served"),
    [("S19", "S19 Pro"), ("S19 Pro", "S19"), ("M30S", "M30S+_VE40"), ("S21", "T21")],
)
def test_a_different_model_does_not_match(reported: str, served: str) -> None:
    assert not model_matches(reported, served)


def test_hashrate_within_tolerance_of_either_served_figure_is_correct() -> None:
    assert judge(100.0 * (1 + TOLERANCE) - 0.01, "S19j Pro", S19) == ("correct", "")
    assert judge(98.0 * (1 - TOLERANCE) + 0.01, None, S19)[0] == "correct"


def test_hashrate_outside_tolerance_or_in_the_wrong_unit_is_wrong() -> None:
    verdict, reason = judge(100.0 * (1 + TOLERANCE) + 0.5, "S19j Pro", S19)
    assert verdict == "wrong" and "hashrate" in reason
    assert judge(100_000.0, "S19j Pro", S19) == ("wrong", "hashrate 1e+03x of served")
    assert judge(66.0, "S19j Pro", S19)[0] == "wrong"  # one board of three missing


def test_right_hashrate_wrong_model_is_wrong() -> None:
    assert judge(100.0, "S19 Pro", S19) == ("wrong", "model 'S19 Pro' for 'S19j Pro'")


def test_no_model_reported_still_correct_but_said() -> None:
    assert judge(100.0, "Unknown", S19) == ("correct", "no model reported")
    generic = {"persona": "cgminer", "model": None, "hashrate_ths": 12.0}
    assert judge(12.0, "whatever", generic) == ("correct", "")


def test_no_hashrate_is_not_read_and_zero_served_needs_zero() -> None:
    assert judge(None, "S19j Pro", S19) == ("not read", "no hashrate")
    idle = {"model": "S19j Pro", "hashrate_ths": 0.0, "hashrate_avg_ths": 0.0}
    assert judge(0.0, "S19j Pro", idle) == ("correct", "")
    assert judge(5.0, "S19j Pro", idle)[0] == "wrong"


def test_tally_counts_every_expected_miner_once() -> None:
    from benchmarks.vs_pyasic import tally

    truth = {"127.0.0.2": S19, "127.0.0.3": S19, "127.0.0.4": S19}
    miners: list[list[object]] = [
        ["127.0.0.2", "read", 99.0, "S19j Pro"],
        ["127.0.0.3", "TimeoutError", None, None],
    ]
    verdicts, reasons = tally(miners, truth, list(truth))
    assert verdicts == {"correct": 1, "not read": 2}
    assert reasons == {"not read: TimeoutError [antminer S19j Pro]": 1, "not read: not returned": 1}
