"""``rig-monitor action`` end to end against simulated miners (loopback only)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from rig_monitor import cli
from rig_monitor.core.actions.log import read_actions
from rig_monitor.sim import SimFleet
from tests.core.actions.simfleet import miners


@pytest.fixture
def fleet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SimFleet]:
    monkeypatch.setenv("RIG_MONITOR_CONFIG_DIR", str(tmp_path))
    with miners(["cgminer", "antminer:S19j Pro", "bitaxe"]) as f:
        for m in f.miners:
            m.control.state.down_s = m.control.state.restart_down_s = 0.2
        yield f


def _run(fleet: SimFleet, *argv: str) -> tuple[int, list[dict]]:
    out = io.StringIO()
    ports = fleet.ports  # type: ignore[attr-defined]
    targets = [f"{t.ip}:{t.port}" for t in fleet.targets]
    argv_full = ["action", argv[0], *targets, *argv[1:], "--json", "--timeout", "2"]
    argv_full += ["--web-port", str(ports.web), "--wave-gap", "0"]
    code = cli.main(argv_full, out)
    text = out.getvalue()
    return code, (json.loads(text) if text.strip() else [])


def test_restart_with_yes(fleet: SimFleet) -> None:
    code, rows = _run(fleet, "restart", "--yes")
    assert code == 0
    assert [set(r) for r in rows] == [
        {"ip", "port", "action", "supported", "ok", "error", "detail"}
    ] * 3
    assert [r["ok"] for r in rows] == [True, True, True]
    assert fleet.miners[0].control.state.received == ["restart"]
    logged = list(read_actions())
    assert sorted((r["ip"], r["ok"], r["dry_run"]) for r in logged) == sorted(
        (r["ip"], True, False) for r in rows
    )  # logged as each miner finishes


def test_pools_with_yes(fleet: SimFleet) -> None:
    code, rows = _run(
        fleet, "pools", "--yes",
        "--pool", "stratum+tcp://new.pool.invalid:3333,ops.w1,x",
        "--pool", "stratum+tcp://backup.pool.invalid:3333,ops.w1",
    )  # fmt: skip
    assert code == 0, rows
    assert all(r["ok"] for r in rows)
    assert [u for u, _ in fleet.miners[0].rig.pools] == [
        "stratum+tcp://new.pool.invalid:3333",
        "stratum+tcp://backup.pool.invalid:3333",
    ]


def test_dry_run_sends_nothing_and_ok_is_null(fleet: SimFleet) -> None:
    code, rows = _run(fleet, "locate-on", "--dry-run")
    assert code == 0
    assert [r["ok"] for r in rows] == [None, None, None]
    assert [r["supported"] for r in rows] == [False, True, False]  # cgminer, antminer, bitaxe
    assert all(m.control.state.received == [] for m in fleet.miners)


def test_without_yes_and_without_a_terminal_it_refuses(
    fleet: SimFleet, capsys: pytest.CaptureFixture[str]
) -> None:
    code, rows = _run(fleet, "reboot")
    assert code == 2 and rows == []
    assert "refusing without a terminal" in capsys.readouterr().err
    assert all(m.control.state.received == [] for m in fleet.miners)


def test_a_failure_makes_the_exit_code_1(fleet: SimFleet) -> None:
    fleet.miners[0].control.state.write_access = False
    code, rows = _run(fleet, "restart", "--yes")
    assert code == 1
    assert rows[0]["ok"] is False and "Access denied" in rows[0]["error"]
    assert rows[1]["ok"] is True


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["pools", "--yes", "--pool", "http://pool.invalid:80,me"], "not a stratum URL"),
        (["pools", "--yes"], "needs at least one --pool"),
        (["reboot", "--yes", "--pool", "stratum+tcp://a.invalid:3333,me"], "only for the 'pools'"),
    ],
)
def test_bad_input_is_a_clear_message(
    fleet: SimFleet, argv: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = _run(fleet, *argv)
    assert code == 2
    assert words in capsys.readouterr().err


def test_ranges_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["action", "reboot", "127.0.0.0/30", "--yes"], io.StringIO())
    assert exc.value.code == 2
    assert "names a whole range" in capsys.readouterr().err


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


# "yes" exits 1: two of the three miners cannot blink a LED
@pytest.mark.parametrize(("answer", "code", "sent"), [("yes\n", 1, True), ("no\n", 2, False)])
def test_on_a_terminal_it_names_the_miners_and_asks(
    fleet: SimFleet,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    answer: str,
    code: int,
    sent: bool,
) -> None:
    monkeypatch.setattr("sys.stdin", FakeTTY(answer))
    got, _ = _run(fleet, "locate-on")
    err = capsys.readouterr().err
    assert got == code
    assert "About to LOCATE-ON 1 miner(s):" in err
    assert fleet.targets[1].ip in err  # the Antminer, the only one with a LED here
    assert "2 miner(s) cannot do it" in err
    assert (fleet.miners[1].control.state.led is True) is sent
    assert (fleet.miners[1].control.state.received != []) is sent


def _history(db: Path, *argv: str) -> list[dict]:
    out = io.StringIO()
    assert cli.main(["history", "--since", "10m", "--json", "--db", str(db), *argv], out) == 0
    return json.loads(out.getvalue())


def test_every_confirmed_action_is_in_history_with_who_and_outcome(
    fleet: SimFleet, tmp_path: Path
) -> None:
    from rig_monitor.core.history import operator_name

    db = tmp_path / "elsewhere.db"
    fleet.miners[0].control.state.write_access = False  # one refusal: recorded as failed
    code, _ = _run(fleet, "restart", "--yes", "--db", str(db))
    assert code == 1
    events = {m["ip"]: [e for e in m["events"] if e["event"] == "action"] for m in _history(db)}
    assert set(events) == {f"{t.ip}:{t.port}" for t in fleet.targets}
    who = operator_name()
    first, second = (events[f"{t.ip}:{t.port}"] for t in fleet.targets[:2])
    assert len(first) == 1 and first[0]["detail"].startswith("restart: failed — ")
    assert "Access denied" in first[0]["detail"] and first[0]["detail"].endswith(f"({who})")
    assert len(second) == 1 and second[0]["detail"].startswith("restart: done")
    out = io.StringIO()
    assert cli.main(["handover", "--since", "10m", "--format", "json", "--db", str(db)], out) == 0
    handed = [i for i in json.loads(out.getvalue()) if i["section"] == "Actions"]
    assert len(handed) == 3 and {i["operator"] for i in handed} == {who}


def test_dry_runs_are_not_recorded_and_pool_passwords_never_are(
    fleet: SimFleet, tmp_path: Path
) -> None:
    db = tmp_path / "h.db"
    code, _ = _run(fleet, "reboot", "--dry-run", "--db", str(db))
    assert code == 0 and not db.exists()  # a preview: nothing was sent, nothing to record
    code, rows = _run(
        fleet, "pools", "--yes", "--db", str(db),
        "--pool", "stratum+tcp://new.pool.invalid:3333,ops.w1,s3cretPW",
    )  # fmt: skip
    assert code == 0, rows
    details = [e["detail"] for m in _history(db) for e in m["events"] if e["event"] == "action"]
    assert len(details) == 3 and all(d.startswith("pools: done") for d in details)
    for f in tmp_path.glob("h.db*"):
        assert b"s3cretPW" not in f.read_bytes()


def test_an_unusable_history_database_does_not_stop_the_action(
    fleet: SimFleet, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "broken.db"
    db.write_bytes(b"not a database" * 100)
    code, rows = _run(fleet, "restart", "--yes", "--db", str(db))
    assert code == 0 and all(r["ok"] for r in rows)
    err = capsys.readouterr().err
    assert "history:" in err and "action log only" in err
    assert len([r for r in read_actions() if not r["dry_run"]]) == 3  # the log has them all
