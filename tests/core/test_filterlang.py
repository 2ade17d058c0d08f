"""The fleet filter language: each syntax, and clear errors with positions for bad input."""

from __future__ import annotations

import pytest

from rig_monitor.core.filterlang import FilterError, Subject, compile_filter

FLEET = [
    Subject.make(
        "10.1.2.1",
        status="ok",
        model="Antminer S19j Pro",
        pool="stratum+tcp://btc.viabtc.io:3333 farm.a1",
    ),
    Subject.make(
        "10.1.2.10",
        status="critical",
        model="Antminer S19 XP",
        faults="fan_failure fan stopped fan 2 at 0 rpm",
    ),
    Subject.make(
        "10.1.2.63", status="offline", model="Whatsminer M30S+", faults="timed out after 3.0 s"
    ),
    Subject.make(
        "10.1.2.64",
        status="warning",
        model="Antminer S21",
        faults="hashboard_missing hashboard 2 missing",
        firmware="braiins os 23.03",
    ),
    Subject.make("10.1.2.80", 4029, status="degraded", model="Avalon 1246"),
    Subject.make("10.1.3.5", status="waiting"),
]
SITES = {"North": ["10.1.2.0/26"], "South": ["10.1.2.64-80", "10.1.3.5"]}


def hits(text: str) -> list[str]:
    f = compile_filter(text, SITES)
    return [s.address for s in FLEET if f(s)]


def test_empty_text_passes_everything() -> None:
    assert compile_filter("   ").empty
    assert len(hits("")) == len(FLEET)


def test_full_address_is_exact_not_a_substring() -> None:
    assert hits("10.1.2.1") == ["10.1.2.1"]  # not 10.1.2.10 nor 10.1.2.63
    assert hits("10.1.2.80:4029") == ["10.1.2.80:4029"]
    assert hits("10.1.2.80:4028") == []


def test_cidr_and_ranges() -> None:
    assert hits("10.1.2.0/26") == ["10.1.2.1", "10.1.2.10", "10.1.2.63"]
    assert hits("10.1.2.5-80") == ["10.1.2.10", "10.1.2.63", "10.1.2.64", "10.1.2.80:4029"]
    assert hits("10.1.2.60-10.1.3.5") == ["10.1.2.63", "10.1.2.64", "10.1.2.80:4029", "10.1.3.5"]
    assert hits("ip:10.1.3.") == ["10.1.3.5"]
    assert hits("10.1.3.") == ["10.1.3.5"]


def test_fields() -> None:
    assert hits("model:S19") == ["10.1.2.1", "10.1.2.10"]
    assert hits("model:s21,avalon") == ["10.1.2.64", "10.1.2.80:4029"]
    assert hits("fault:fan") == ["10.1.2.10"]
    assert hits("status:offline") == ["10.1.2.63"]
    assert hits("status:offline,critical") == ["10.1.2.10", "10.1.2.63"]
    assert hits("status:problem") == ["10.1.2.10", "10.1.2.63", "10.1.2.64", "10.1.2.80:4029"]
    assert hits("pool:viabtc") == ["10.1.2.1"]
    assert hits("fw:braiins") == ["10.1.2.64"]
    assert hits("site:north") == ["10.1.2.1", "10.1.2.10", "10.1.2.63"]
    assert hits("site:south") == ["10.1.2.64", "10.1.2.80:4029", "10.1.3.5"]


def test_free_text_reads_fault_texts_and_terms_combine() -> None:
    assert hits("Hashboard") == ["10.1.2.64"]
    assert hits("timed out") == ["10.1.2.63"]  # two words: both must match
    assert hits('"fan 2"') == ["10.1.2.10"]
    assert hits("antminer -status:ok") == ["10.1.2.10", "10.1.2.64"]
    assert hits("site:north model:antminer") == ["10.1.2.1", "10.1.2.10"]


@pytest.mark.parametrize(
    ("text", "message", "position"),
    [
        ("model:S19 10.1.2.0/33", "not a valid CIDR block", 10),
        ("10.1.2.300", "not an IPv4 address", 0),
        ("status:sleeping", "unknown status", 0),
        ("fault:fan colour:red", "colour: is not a filter field", 10),
        ("site:east", "no such site; known sites: North, South", 0),
        ("10.1.2.9-3", "ends before it starts", 0),
        ("10.1.2.9-300", "up to 255", 0),
        ('model:"S19', "quote is not closed", 6),
        ("model:", "needs a value", 0),
        ("10.1.2.5:99999", "port must be", 0),
    ],
)
def test_bad_syntax_says_what_and_where(text: str, message: str, position: int) -> None:
    with pytest.raises(FilterError, match=message) as info:
        compile_filter(text, SITES)
    assert info.value.position == position
