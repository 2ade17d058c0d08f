"""Each persona answers with the shapes, keys and units of the real firmware."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rig_monitor.sim import SimFleetThread
from rig_monitor.sim.personas.antminer import MODELS
from tests.sim.rawclient import ask, ask_json, decode

# the real cgminer captures, copied from shared/fixtures into the repo
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "cgminer-4.11.1"
Serve = Callable[..., SimFleetThread]


def fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_bytes().rstrip(b"\x00"))


def shape(obj: Any) -> Any:
    """Keys and nesting without values, to compare with a real capture."""
    if isinstance(obj, dict):
        return {k: shape(v) for k, v in obj.items() if k != "When"}
    if isinstance(obj, list):
        return [shape(v) for v in obj[:1]]
    return type(obj).__name__


def one(serve: Serve, persona: str) -> tuple[SimFleetThread, str, int]:
    thread = serve(count=1, personas=[persona])
    m = thread.fleet.miners[0]
    return thread, m.ip, m.port


@pytest.mark.parametrize("model", sorted(MODELS))
def test_antminer_stats_legacy_layout(serve: Serve, model: str) -> None:
    thread, ip, port = one(serve, f"antminer:{model}")
    raw = ask(ip, port, '{"command":"stats"}')
    assert raw.endswith(b"\x00") and raw.count(b"\x00") == 1
    assert b'"Type":"Antminer ' + model.encode() + b'"}{"STATS":0' in raw  # the real `}{` quirk
    with pytest.raises(json.JSONDecodeError):
        json.loads(raw[:-1])
    stats = decode(raw)["STATS"]
    assert set(stats[0]) == {"BMMiner", "Miner", "CompileTime", "Type"}
    s1 = stats[1]
    spec = MODELS[model]
    chains = range(spec.first_chain, spec.first_chain + 3)
    for n in chains:
        assert isinstance(s1[f"chain_rate{n}"], str) and float(s1[f"chain_rate{n}"]) > 0
        assert s1[f"chain_acn{n}"] == spec.spec.chips_per_board
        acs = s1[f"chain_acs{n}"]
        assert acs.count("o") == spec.spec.chips_per_board and "x" not in acs and " " in acs
    for n in range(1, spec.chain_slots + 1):
        if n not in chains:
            assert s1[f"chain_acs{n}"] == "" and s1[f"chain_rate{n}"] == ""
    assert s1["rate_unit"] == "GH"
    assert s1["total_rateideal"] == pytest.approx(spec.spec.nominal_ths * 1000, rel=0.02)
    assert "total rate" in s1 and "no_matching_work" in s1 and s1["miner_count"] == 3
    fans = [s1[f"fan{n}"] for n in spec.fan_slots]
    assert all(f > 1000 for f in fans) and s1["fan_num"] == spec.spec.fans
    if spec.sensor_strings:
        parts = s1[f"temp_pcb{chains[0]}"].split("-")
        assert len(parts) == 4 and all(p.isdigit() for p in parts)
        assert len(s1[f"temp_chip{chains[0]}"].split("-")) == 4
    else:
        assert 40 < s1[f"temp{chains[0]}"] < s1[f"temp2_{chains[0]}"] < 100
    truth = thread.fleet.miners[0].truth()
    rates = sum(float(s1[f"chain_rate{n}"]) for n in chains)
    assert truth.hashrate_ths == pytest.approx(rates / 1000, abs=1e-4)
    assert truth.nominal_hashrate_ths == pytest.approx(spec.spec.nominal_ths, rel=0.02)


def test_s9_uses_chains_6_to_8_fan3_fan6_and_string_ghs(serve: Serve) -> None:
    _, ip, port = one(serve, "antminer:S9")
    s1 = ask_json(ip, port, "stats")["STATS"][1]
    assert [s1[f"chain_acn{n}"] for n in range(1, 17)] == [0] * 5 + [63] * 3 + [0] * 8
    assert s1["fan3"] > 0 and s1["fan6"] > 0 and s1["fan1"] == 0 and s1["fan_num"] == 2
    summary = ask_json(ip, port, "summary")["SUMMARY"][0]
    assert isinstance(summary["GHS 5s"], str) and float(summary["GHS 5s"]) > 10000


def test_antminer_version_summary_pools_devs(serve: Serve) -> None:
    thread, ip, port = one(serve, "antminer:S19j Pro")
    version = ask_json(ip, port, "version")
    v = version["VERSION"][0]
    assert v["Type"] == "Antminer S19j Pro" and {"BMMiner", "API", "Miner", "CompileTime"} <= set(v)
    assert version["STATUS"][0]["Code"] == 22
    s = ask_json(ip, port, "summary")["SUMMARY"][0]
    for key in (
        "GHS 5s",
        "GHS av",
        "Elapsed",
        "Accepted",
        "Rejected",
        "Stale",
        "Hardware Errors",
        "Device Hardware%",
    ):
        assert key in s
    assert s["GHS 5s"] == pytest.approx(
        thread.fleet.miners[0].truth().hashrate_ths * 1000, abs=0.01
    )
    assert 90_000 < s["GHS 5s"] < 110_000  # GH/s, not MH/s
    pools = ask_json(ip, port, "pools")["POOLS"]
    assert len(pools) == 3 and "Pool Stale%%" in pools[0] and pools[0]["Stratum Active"] is True
    assert [p["Status"] for p in pools] == ["Alive"] * 3
    devs = ask_json(ip, port, "devs")["DEVS"]
    assert len(devs) == 3 and "Tenperature" in devs[0] and "Temperature" not in devs[0]


def test_cgminer_matches_real_capture_shapes(serve: Serve) -> None:
    _, ip, port = one(serve, "cgminer")
    for command, name in (
        ("version", "version.raw"),
        ("summary", "summary.raw"),
        ("pools", "pools.raw"),
    ):
        served = ask_json(ip, port, command)
        real = fixture(name)
        assert shape(served) == shape(real), command
        assert served["STATUS"][0]["Description"] == "cgminer 4.11.1"
    assert shape(ask_json(ip, port, "invalid_cmd")) == shape(fixture("invalid_cmd.raw"))
    assert "Description" not in ask_json(ip, port, "nonsense")["STATUS"][0]
    summary = ask_json(ip, port, "summary")["SUMMARY"][0]
    assert 10e6 < summary["MHS 5s"] < 20e6  # 14 TH/s in MH/s
    devs = ask_json(ip, port, "devs")
    assert devs["STATUS"][0]["Msg"] == "2 ASC(s)"
    assert sum(d["MHS 5s"] for d in devs["DEVS"]) == pytest.approx(summary["MHS 5s"], rel=0.01)


def test_cgminer_prints_fixed_decimals_like_the_capture(serve: Serve) -> None:
    _, ip, port = one(serve, "cgminer")
    raw = ask(ip, port, '{"command":"summary"}').decode()
    assert '"Difficulty Stale":' in raw
    diff_stale = raw.split('"Difficulty Stale":')[1].split(",")[0]
    assert len(diff_stale.split(".")[1]) == 8
    assert raw.split('"Device Hardware%":')[1].split(",")[0].count(".") == 1


def test_multi_command_shape_and_unknown_member(serve: Serve) -> None:
    _, ip, port = one(serve, "cgminer")
    reply = ask_json(ip, port, "summary+pools+devs+bogus+summary")
    assert list(reply) == ["summary", "pools", "devs", "bogus", "id"]
    for name in ("summary", "pools", "devs"):
        assert isinstance(reply[name], list) and len(reply[name]) == 1
        assert reply[name][0]["STATUS"][0]["STATUS"] == "S"
    assert reply["bogus"][0]["STATUS"][0]["Code"] == 14
    assert shape(reply["summary"]) == shape(fixture("summary+pools+devs.raw")["summary"])


def test_antminer_multi_command_keeps_the_stats_quirk(serve: Serve) -> None:
    _, ip, port = one(serve, "antminer:S21")
    raw = ask(ip, port, '{"command":"stats+summary"}')
    assert b"}{" in raw
    reply = decode(raw)
    assert reply["stats"][0]["STATS"][0]["Type"] == "Antminer S21"
    assert "GHS 5s" in reply["summary"][0]["SUMMARY"][0]


def test_s19_refuses_multi_command_but_answers_each(serve: Serve) -> None:
    _, ip, port = one(serve, "antminer:S19")
    refused = ask_json(ip, port, "summary+stats")
    assert refused["STATUS"][0]["STATUS"] == "E" and refused["STATUS"][0]["Code"] == 14
    assert "summary" not in refused
    assert ask_json(ip, port, "summary")["STATUS"][0]["STATUS"] == "S"


def test_privileged_commands_are_denied(serve: Serve) -> None:
    _, ip, port = one(serve, "antminer:S19j Pro")
    for command in ("restart", "addpool", "privileged"):
        status = ask_json(ip, port, command, "x")["STATUS"][0]
        assert status["STATUS"] == "E" and status["Code"] == 45
        assert status["Msg"] == f"Access denied to '{command}' command"


def test_plain_text_requests(serve: Serve) -> None:
    _, ip, port = one(serve, "cgminer")
    raw = ask(ip, port, "summary")
    assert raw.endswith(b"|\x00")
    text = raw[:-1].decode()
    assert (
        text.startswith("STATUS=S,When=")
        and ",Code=11,Msg=Summary,Description=cgminer 4.11.1|" in text
    )
    assert "|SUMMARY,Elapsed=" in text
    real = (FIXTURES / "summary_plaintext.raw").read_bytes()[:-1].decode()
    keys = [kv.split("=")[0] for kv in text.split("|")[1].split(",")]
    real_keys = [kv.split("=")[0] for kv in real.split("|")[1].split(",")]
    assert keys == real_keys
    pools = ask(ip, port, "pools")[:-1].decode().split("|")
    assert pools[1].startswith("POOL=0,URL=stratum+tcp://") and pools[2].startswith("POOL=1,")
    assert "Access denied" in ask(ip, port, "restart").decode()


def test_bfgminer_version_and_20s_rate(serve: Serve) -> None:
    _, ip, port = one(serve, "bfgminer")
    version = ask_json(ip, port, "version")["VERSION"][0]
    assert version == {"Miner": "bfgminer 5.5.0", "CGMiner": "5.5.0", "API": "3.1"}
    summary = ask_json(ip, port, "summary")["SUMMARY"][0]
    assert "MHS 20s" in summary and "MHS 5s" not in summary and summary["MHS 20s"] > 1e6


def test_bad_json_request(serve: Serve) -> None:
    _, ip, port = one(serve, "cgminer")
    status = decode(ask(ip, port, '{"command":'))["STATUS"][0]
    assert status["Code"] == 23 and status["STATUS"] == "E"
