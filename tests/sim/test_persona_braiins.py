"""Braiins OS persona end to end: BOSer/bosminer detected despite devdetails saying "Antminer";
the BOS 25.07 REST API read with its login."""

from __future__ import annotations

import json

import pytest

from rig_monitor.core.drivers.braiins import BraiinsDriver
from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import ErrorKind
from rig_monitor.sim import SimMiner
from rig_monitor.sim.httpwire import HttpRequest
from rig_monitor.sim.personas.braiins import MODELS
from rig_monitor.sim.personas.power import wall_watts
from tests.sim.families import poll, poll_web_only


@pytest.mark.parametrize("model", sorted(MODELS))
def test_poll_matches_truth(model: str) -> None:
    snap, truth, miner = poll("braiins", model)
    assert snap.online, snap.error
    assert (snap.family, snap.make, snap.model) == ("braiins", "Antminer", model)
    assert (snap.firmware, snap.firmware_version) == (truth.firmware, truth.firmware_version)
    assert snap.hashrate_now_ths == pytest.approx(truth.hashrate_ths, rel=0.02)  # 5 s
    assert snap.nominal_hashrate_ths == pytest.approx(truth.nominal_hashrate_ths, rel=0.02)
    assert snap.fans_rpm == truth.fans_rpm  # S9: the two always-zero slots are not fans
    assert snap.temp_chip_max_c == truth.temp_chip_max_c
    assert snap.temp_board_max_c == truth.temp_board_max_c
    ideal = sum(b.nominal_hashrate_ths for b in truth.boards)
    assert snap.power_w == wall_watts(miner.spec, truth.hashrate_ths, ideal)
    assert [(b.index, b.chips) for b in snap.boards] == [(b.index, b.chips) for b in truth.boards]
    assert all(b.expected_chips == miner.spec.chips_per_board for b in snap.boards)
    assert snap.error_codes == [] and all(b.status == "Stable" for b in snap.boards)


def test_failed_chain_is_a_vendor_error_on_its_board() -> None:
    snap, truth, _ = poll("braiins", "S9", ["dead_board"])
    dead = next(b.index for b in truth.boards if not b.present)
    assert [(e.code, e.board) for e in snap.error_codes] == [("tuner", dead)]
    assert snap.error_codes[0].message == "Failed to initialize hashchain"
    assert snap.boards[dead].chips == 0 and snap.boards[dead].hashrate_ths == 0


def test_paused_is_idle_not_an_error() -> None:
    snap, _, _ = poll("braiins", "S19 XP", ["idle"])
    assert snap.idle is True and snap.error_codes == []


def test_rest_api_read_matches_truth() -> None:
    snap, truth = poll_web_only(BraiinsDriver(), "braiins", "S19 XP")
    assert (snap.model, snap.firmware) == ("S19 XP", "BOS+")
    assert snap.hashrate_now_ths == pytest.approx(truth.hashrate_ths, rel=0.001)
    assert snap.fans_rpm == truth.fans_rpm
    assert snap.temp_chip_max_c == truth.temp_chip_max_c
    assert [(b.index, b.chips) for b in snap.boards] == [
        (b.index, b.chips) for b in truth.boards if b.present
    ]
    assert [(p.url, p.accepted) for p in snap.pools] == [(p.url, p.accepted) for p in truth.pools]


def test_rest_api_refuses_the_default_password_once_changed() -> None:
    """Nothing read without a login: the driver is left with the closed API port's error."""
    with pytest.raises(MinerError) as err:
        poll_web_only(BraiinsDriver(), "braiins", "S19 XP", ["bad_password"])
    assert err.value.kind is ErrorKind.REFUSED


def test_rest_pages_need_the_token_the_login_gave() -> None:
    miner = SimMiner("127.0.0.1", 4028, "braiins", "S19 XP", seed=7)

    def get(path: str, headers: dict[str, str]) -> bytes:
        return miner.handle_http(HttpRequest("GET", path, {}, headers, b"", path))

    assert get("/api/v1/miner/stats", {}).startswith(b"HTTP/1.1 401")
    assert get("/api/v1/miner/stats", {"authorization": "guessed"}).startswith(b"HTTP/1.1 401")
    login = b'{"username": "root", "password": ""}'
    reply = miner.handle_http(HttpRequest("POST", "/api/v1/auth/login", {}, {}, login, ""))
    token = json.loads(reply.partition(b"\r\n\r\n")[2])["token"]
    page = get("/api/v1/miner/stats", {"authorization": token})
    assert page.startswith(b"HTTP/1.1 200")
    assert b'"real_hashrate"' in page
