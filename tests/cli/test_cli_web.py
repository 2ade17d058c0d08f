"""CLI paths that need the miners' web APIs and credentials (simulator on loopback only)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest

from rig_monitor import cli
from rig_monitor.core.credentials import Credential, MemoryStore
from rig_monitor.sim.fleet import SimFleet
from rig_monitor.sim.personas.antminer_web import CHANGED_PASSWORD
from rig_monitor.sim.thread import SimFleetThread

PORT = 24135
WEB = 24235


class PersistentFake(MemoryStore):
    persistent = True  # stands in for an OS keyring


@pytest.fixture(scope="module")
def fleet() -> Iterator[SimFleet]:
    personas = ["antminer:S19j Pro", "antminer:S19j Pro", "antminer-web", "bitaxe"]
    parts = [
        SimFleet.build(
            base=f"127.66.0.{i + 1}", count=1, seed=9 + i, port=PORT, web_port=WEB, personas=[p]
        )
        for i, p in enumerate(personas)
    ]
    f = SimFleet([m for part in parts for m in part.miners])
    f.miners[1].inject("bad_password")
    with SimFleetThread(f):
        yield f


def poll(*argv: str) -> dict[str, dict]:
    out = io.StringIO()
    assert cli.main(["poll", *argv, "--json", "--timeout", "2"], out) == 0
    return {o["ip"]: o for o in json.loads(out.getvalue())}


def test_wrong_password_is_auth_failed_web_only_and_bitaxe_are_read(fleet: SimFleet) -> None:
    by_ip = poll(f"127.66.0.1-4:{PORT}", "--web-port", str(WEB))
    healthy, locked, web_only, bitaxe = (by_ip[m.ip] for m in fleet.miners)
    assert healthy["online"] and healthy["model"] == "S19j Pro"
    assert locked["online"] is False and locked["error"].startswith("auth failed")
    assert web_only["online"] and web_only["make"] == "Antminer"
    assert bitaxe["online"] and bitaxe["make"] == "Bitaxe"
    truth = fleet.miners[3].truth()
    assert bitaxe["hashrate_5s_ths"] == pytest.approx(truth.hashrate_ths, rel=0.02)


def test_saved_family_password_unlocks_the_miner(
    fleet: SimFleet, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = PersistentFake()
    monkeypatch.setattr(cli, "open_store", lambda: store)
    monkeypatch.setattr("rig_monitor.core.credentials.open_store", lambda: store)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{CHANGED_PASSWORD}\n"))
    out = io.StringIO()
    argv = ["credentials", "set", "--miner", f"127.66.0.2:{PORT}", "--password-stdin"]
    assert cli.main(argv, out) == 0
    assert "saved in the OS keyring" in out.getvalue()
    assert CHANGED_PASSWORD not in out.getvalue()
    assert store.get(f"miner:127.66.0.2:{PORT}") == Credential("root", CHANGED_PASSWORD)
    by_ip = poll(f"127.66.0.2:{PORT}", "--web-port", str(WEB))
    assert by_ip["127.66.0.2"]["online"] is True  # the owner's password, not the default
    assert by_ip["127.66.0.2"]["model"] == "S19j Pro"


def test_no_keyring_refuses_to_save_rather_than_write_plaintext(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("secret\n"))
    code = cli.main(
        ["credentials", "set", "--family", "antminer", "--password-stdin"], io.StringIO()
    )
    assert code == 2
    assert "no OS keyring" in capsys.readouterr().err


def test_unknown_family_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(["credentials", "forget", "--family", "nosuch"], io.StringIO())
    assert info.value.code == 2
    assert "unknown family" in capsys.readouterr().err


def test_group_password_applies_to_the_miners_of_that_saved_site(
    fleet: SimFleet, monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    monkeypatch.setenv("RIG_MONITOR_CONFIG_DIR", str(tmp_path))
    store = PersistentFake()
    monkeypatch.setattr(cli, "open_store", lambda: store)
    monkeypatch.setattr("rig_monitor.core.credentials.open_store", lambda: store)
    from rig_monitor.core.config import AppConfig, save_config

    save_config(AppConfig(sites={"customer-b": [f"127.66.0.2:{PORT}"]}))
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{CHANGED_PASSWORD}\n"))
    assert (
        cli.main(["credentials", "set", "--group", "customer-b", "--password-stdin"], io.StringIO())
        == 0
    )
    by_ip = poll(f"127.66.0.2:{PORT}", "--web-port", str(WEB))
    assert by_ip["127.66.0.2"]["online"] is True  # resolved through the site, not the default
