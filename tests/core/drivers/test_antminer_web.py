"""Antminer web CGI: parse real-shaped pages (and broken ones), merge with the RPC, end to end."""

from __future__ import annotations

import pytest

from rig_monitor.core.drivers.antminer import AntminerDriver
from rig_monitor.core.drivers.antminer_web import CONF, RPC_ERROR_KEY, STATS, SUMMARY, SYSTEM_INFO
from rig_monitor.core.model import Identity, Target
from rig_monitor.sim.personas.antminer_web import web_hostname, web_mac, web_serial
from tests.core.webfleet import fleet, poll

T = Target("10.0.0.5")
ID = Identity("antminer", "Antminer", firmware="stock")

INFO = {"minertype": "Antminer S21", "macaddr": "E0:A5:09:11:22:33", "hostname": "Antminer",
        "serinum": "JYZZ1234567890", "system_filesystem_version": "Thu Nov 30 11:05:21 CST 2023"}  # fmt: skip
WEB_SUMMARY = {
    "INFO": {"CompileTime": "Thu Nov 30 11:05:21 CST 2023", "type": "Antminer S21"},
    "SUMMARY": [{"rate_5s": 198500.5, "rate_avg": 199100.0, "rate_ideal": 200000.0,
                 "rate_unit": "GH/s", "elapsed": 5000, "hw_all": 12, "status": [
                     {"type": "rate", "status": "s", "code": 0, "msg": ""},
                     {"type": "fans", "status": "", "code": 0, "msg": ""},
                     {"type": "temp", "status": "e", "code": 0, "msg": "temperature too high"},
                     {"type": "network", "status": "w", "code": 0, "msg": ""}]}],
}  # fmt: skip
WEB_STATS = {
    "STATS": [{"rate_5s": 198500.5, "rate_ideal": 200000.0, "rate_unit": "GH/s", "elapsed": 5000,
               "fan": [5400, 5460, 5400, 5340], "chain": [
        {"index": 0, "rate_real": 66100.1, "rate_ideal": 66666.0, "asic_num": 108,
         "asic": " oooooooo oooooooo", "temp_pcb": [44, 44, 52, 0], "temp_chip": [56, 56, 64, 0],
         "temp_pic": [34, 34, 42, 42], "freq_avg": 490, "sn": "B0"},
        {"index": 1, "rate_real": 66200.2, "rate_ideal": 66666.0, "asic_num": 108,
         "asic": " oooooooo", "temp_pcb": [45, 45, 53, 53], "temp_chip": [57, 57, 65, 65]}]}],
}  # fmt: skip


def test_web_only_parse() -> None:
    replies = {SYSTEM_INFO: INFO, SUMMARY: WEB_SUMMARY, STATS: WEB_STATS,
               CONF: {"bitmain-work-mode": "1", "pools": [{"url": "stratum+tcp://p:3333", "user": "u"}]},
               RPC_ERROR_KEY: "refused"}  # fmt: skip
    s = AntminerDriver().parse(T, replies, ID)
    assert (s.model, s.mac, s.hostname, s.serial) == (
        "S21",
        "E0:A5:09:11:22:33",
        "Antminer",
        "JYZZ1234567890",
    )
    assert s.firmware_version == "Thu Nov 30 11:05:21 CST 2023" and s.idle is True
    assert s.hashrate_ths == pytest.approx(198.5005) and s.nominal_hashrate_ths == pytest.approx(
        200.0
    )
    assert s.uptime_s == 5000 and s.hw_errors == 12 and s.fans_rpm == [5400, 5460, 5400, 5340]
    assert [b.index for b in s.boards] == [0, 1, 2] and s.boards[
        2
    ].hashrate_ths is None  # S21 has 3
    assert (
        s.boards[0].temp_board_c == 52
        and s.boards[0].temp_chip_c == 64
        and s.boards[0].chips == 108
    )
    assert s.temp_chip_max_c == 65 and [p.url for p in s.pools] == ["stratum+tcp://p:3333"]
    assert [(e.code, e.message) for e in s.error_codes] == [
        ("temp", "temperature too high"), ("network", "network: w"),
    ]  # fmt: skip
    assert any("4028" in n for n in s.notes)


@pytest.mark.parametrize(
    "page", ["<html>404</html>", None, {"STATS": "x", "SUMMARY": [3], "minertype": 7,
                                        "bitmain-work-mode": None}],
)  # fmt: skip
def test_broken_pages_leave_fields_unknown(page: object) -> None:
    replies = {SYSTEM_INFO: page, SUMMARY: page, STATS: page, CONF: page}
    s = AntminerDriver().parse(T, replies, ID)
    assert s.model is None and s.mac is None and s.idle is None and s.hashrate_ths is None
    assert s.boards == [] and s.error_codes == []


def test_rpc_and_web_merge_end_to_end() -> None:
    with fleet(["antminer:S21"]) as f:
        m = f.miners[0]
        s = poll(f.targets)[0]
        t = m.truth()
        sample = m.sample()
        assert s.online, s.error
        assert s.hashrate_ths == pytest.approx(t.hashrate_ths, rel=0.02)
        assert (s.mac, s.hostname, s.serial) == (
            web_mac(sample),
            web_hostname(sample),
            web_serial(sample),
        )
        assert s.idle is False and s.error_codes == [] and s.notes == []
        assert len(s.boards) == 3 and s.fans_rpm == t.fans_rpm


def test_web_only_end_to_end_and_sleep_mode() -> None:
    with fleet(["antminer-web:S19 XP"], count=2) as f:
        f.inject(f.miners[1].ip, "idle")
        awake, asleep = poll(f.targets)
        t = f.miners[0].truth()
        assert awake.online and awake.model == "S19 XP" and awake.firmware == "stock"
        assert awake.hashrate_ths == pytest.approx(t.hashrate_ths, rel=0.02)
        assert awake.nominal_hashrate_ths == pytest.approx(t.nominal_hashrate_ths, rel=0.02)
        assert [b.temp_chip_c for b in awake.boards] == [b.temp_chip_c for b in t.boards]
        assert awake.temp_board_max_c == t.temp_board_max_c and awake.fans_rpm == t.fans_rpm
        assert awake.firmware_version == "Tue Dec  6 16:12:30 CST 2022"
        assert asleep.online and asleep.idle is True and asleep.hashrate_ths == 0


def test_s9_old_web_ui_gives_what_it_has() -> None:
    with fleet(["antminer:S9"]) as f:
        s = poll(f.targets)[0]
        assert s.online and s.model == "S9" and s.mac and s.idle is False
        assert len(s.boards) == 3 and s.hashrate_ths  # boards and rate from the RPC
