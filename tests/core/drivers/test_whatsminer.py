"""Whatsminer driver on real-shaped btminer replies (broken ones included) and the v3 client."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from rig_monitor.core.drivers.base import Session
from rig_monitor.core.drivers.whatsminer import WhatsminerDriver, WhatsminerV3Driver
from rig_monitor.core.errors import MinerError
from rig_monitor.core.export import snapshot_to_dict
from rig_monitor.core.faults.codes import decoded
from rig_monitor.core.model import ErrorKind, Identity, Ports, Target
from rig_monitor.core.wire.cgminer import CGMinerClient, Limits, parse_reply
from rig_monitor.core.wire.whatsminer_v3 import WhatsminerV3Client, frame, probe_v3

ST = '"STATUS":[{"STATUS":"S","When":1700000000,"Code":11,"Msg":"Summary","Description":"btminer"}]'
SUMMARY = (
    "{" + ST + ',"SUMMARY":[{"Elapsed":5400,"MHS av":99880012.55,"MHS 5s":100215500.10,'
    '"MHS 1m":100101333.90,"Accepted":1500,"Rejected":3,"Hardware Errors":0,"Stale":1,'
    '"Temperature":71.00,"Fan Speed In":5430,"Fan Speed Out":5310,"Power":3356,'
    '"Power Limit":3600,"Env Temp":27.50,"Power Mode":"Normal""temp0":44.5,"Factory GHS":100000,'
    '"Chip Temp Min":63.0,"Chip Temp Max":83.25,"Chip Temp Avg":74.1,"MAC":"C4:07:2F:00:11:22",'
    '"Firmware Version":"\'20230106.11.REL\'","Error Code Count":2,"Error Code 0":531,'
    '"Error Code 1":110,}],"id":1}'
).encode() + b"\x00"
EDEVS = (
    b'{"STATUS":[{"STATUS":"S","When":1700000000,"Code":9,"Msg":"3 ASC(s)","Description":"btminer"}],'
    b'"DEVS":[{"ASC":0,"Slot":0,"Enabled":"Y","Status":"Alive","Temperature":70.0,"MHS 1m":50100000.0,'
    b'"Factory GHS":50000,"Effective Chips":156,"PCB SN":"HEM\xaa0A","Chip Temp Max":82.0,},'
    b'{"ASC":2,"Slot":2,"Enabled":"Y","Status":"Alive","Temperature":71.0,"MHS 1m":50000000.0,'
    b'"Factory GHS":50000,"Effective Chips":150,"PCB SN":"HEM0C","Chip Temp Max":83.25,}],"id":1}\x00'
)
DEVDETAILS = (
    b'{"STATUS":[{"STATUS":"S","Code":69,"Msg":"Device Details","Description":"btminer"}],'
    b'"DEVDETAILS":[{"DEVDETAILS":0,"Name":"SM","ID":0,"Driver":"bitmicro","Model":"M30S+_VE42"}],'
    b'"id":1}'
)


def flat(msg: dict[str, Any], code: int = 131, letter: str = "S") -> bytes:
    return json.dumps(
        {"STATUS": letter, "When": 1700000000, "Code": code, "Msg": msg, "Description": ""}
    ).encode()


def replies(**extra: bytes) -> dict[str, Any]:
    raw = {
        "summary": SUMMARY,
        "edevs": EDEVS,
        "devdetails": DEVDETAILS,
        "get_version": flat({"api_ver": "2.0.4", "fw_ver": "20230106.11.REL", "platform": "H6"}),
        "get_miner_info": flat(
            {"mac": "C4:07:2F:00:11:22", "hostname": "wm-7", "minersn": "HTM3X1"}
        ),
        "get_error_code": flat({"error_code": [{"531": "2023-11-14 22:13:20"}, {"5320": ""}]}),
        "status": flat({"mineroff": "false", "FirmwareVersion": "'20230106.11.REL'"}),
    } | extra
    return {k: parse_reply(v) for k, v in raw.items()}


def parse(r: dict[str, Any]) -> Any:
    return WhatsminerDriver().parse(Target("10.0.0.9"), r, Identity("whatsminer", "Whatsminer"))


def test_summary_with_every_quirk() -> None:
    snap = parse(replies())
    assert (snap.make, snap.model, snap.firmware) == ("Whatsminer", "M30S+_VE42", "btminer")
    assert snap.firmware_version == "20230106.11.REL" and snap.api_version == "2.0.4"
    assert snap.hashrate_ths == pytest.approx(100.2155)  # MHS 5s, in MH/s
    assert snap.hashrate_avg_ths == pytest.approx(99.88001255)
    assert snap.nominal_hashrate_ths == pytest.approx(100.0)  # Factory GHS, in GH/s
    assert (snap.power_w, snap.power_limit_w) == (3356, 3600)
    assert snap.fans_rpm == [5430, 5310] and snap.temp_inlet_c == 27.5
    assert snap.temp_chip_max_c == 83.25 and snap.temp_board_max_c == 71.0
    assert (snap.mac, snap.hostname, snap.serial) == ("C4:07:2F:00:11:22", "wm-7", "HTM3X1")
    assert snap.idle is False and snap.uptime_s == 5400


def test_boards_by_slot_with_the_bad_byte() -> None:
    snap = parse(replies())
    assert [b.index for b in snap.boards] == [0, 2]  # slot 1 is missing from edevs
    assert snap.boards[0].serial == "HEM\ufffd0A"  # 0xaa decoded as U+FFFD, never an exception
    assert snap.boards[1].chips == 150 and snap.boards[1].temp_chip_c == 83.25
    assert snap.boards[0].hashrate_ths == pytest.approx(50.1)


def test_error_codes_from_summary_and_get_error_code_merged_raw_then_decoded_by_faults() -> None:
    snap = parse(replies())
    raw = {e.code: e for e in snap.error_codes}
    assert set(raw) == {"531", "110", "5320"}
    assert raw["531"].since is not None  # dated by get_error_code
    assert raw["531"].board is None  # the driver passes codes on; faults/ decodes them
    errs = {e.code: e for e in (decoded(e, snap.make, snap.family) for e in snap.error_codes)}
    assert errs["531"].board == 1 and errs["531"].message == "slot 1 not found"
    assert errs["110"].board is None and errs["110"].message == "intake fan speed error"
    exported = {e["code"]: e for e in snapshot_to_dict(snap)["error_codes"]}
    assert exported["531"]["board"] == 1 and exported["531"]["message"] == "slot 1 not found"


def test_mineroff_is_idle_and_v1_btmineroff_only_without_hashrate() -> None:
    assert parse(replies(status=flat({"mineroff": "true"}))).idle is True
    # API v1 says btmineroff "true" while hashing (capture btminer-apiv1-2021fw): not idle then
    assert parse(replies(status=flat({"btmineroff": "true"}))).idle is False
    stopped = SUMMARY.replace(b'"MHS av":99880012.55,"MHS 5s":100215500.10,', b"")
    stopped = stopped.replace(b'"MHS 1m":100101333.90,', b"")
    assert parse(replies(summary=stopped, status=flat({"btmineroff": "true"}))).idle is True


def test_refused_flat_commands_and_missing_sections_leave_unknowns() -> None:
    refused = flat({}, code=14, letter="E")
    r = replies(get_version=refused, get_error_code=refused, get_miner_info=refused)
    del r["edevs"], r["devdetails"]
    snap = parse(r)
    assert snap.firmware_version == "20230106.11.REL"  # from summary, quotes stripped
    assert snap.model is None and snap.boards == [] and snap.hostname is None
    assert {e.code for e in snap.error_codes} == {"531", "110"}


def test_truncated_summary_keeps_what_arrived() -> None:
    cut = SUMMARY[: SUMMARY.index(b'"Power"')]
    snap = parse(replies(summary=cut))
    assert snap.hashrate_ths == pytest.approx(100.2155) and snap.power_w is None
    assert snap.fans_rpm == [5430, 5310]


def test_minus_one_power_is_unknown() -> None:
    r = replies(summary=SUMMARY.replace(b'"Power":3356', b'"Power":-1'))
    assert parse(r).power_w is None


# --- API v3 ------------------------------------------------------------------------------------

V3_INFO = {
    "network": {"mac": "C4:07:AA:BB:CC:DD", "hostname": "wm-v3"},
    "system": {"api": "3.0.2", "fwversion": "20251209.16.Rel2", "platform": "H616"},
    "miner": {"type": "M60S_VK40", "miner-sn": "HTM6SN", "working": "true", "pcbsn0": "P0"},
    "error-code": [{"111": "2025-12-09 10:00:00", "reason": "exhaust fan"}],
}
V3_SUMMARY = {
    "summary": {
        "hash-realtime": 185.4,
        "hash-average": 184.9,
        "factory-hash": -0.003,
        "power-realtime": 3380,
        "power-limit": 3600,
        "environment-temperature": 26.0,
        "chip-temp-max": 81.0,
        "fan-speed-in": 6900,
        "fan-speed-out": 6780,
        "elapsed": 4200,
    }
}


async def v3_server(answers: dict[str, Any]) -> tuple[asyncio.Server, int, list[dict[str, Any]]]:
    seen: list[dict[str, Any]] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        size = int.from_bytes(await reader.readexactly(4), "little")
        req = json.loads(await reader.readexactly(size))
        seen.append(req)
        key = req["cmd"] + (f":{req['param']}" if "param" in req else "")
        answer = answers.get(key)
        if isinstance(answer, bytes):
            writer.write(answer)
        elif answer is not None:
            writer.write(frame({"code": 0, "msg": answer, "desc": req["cmd"], "when": 1}))
        else:
            writer.write(frame({"code": -1, "msg": "invalid cmd", "desc": req["cmd"]}))
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(handle, "127.72.200.1", 0)
    return server, server.sockets[0].getsockname()[1], seen


def test_v3_client_frames_and_errors() -> None:
    async def run() -> None:
        server, port, seen = await v3_server(
            {"get.device.info": V3_INFO, "get.miner.status:summary": V3_SUMMARY, "bad": b"HTTP/1.1"}
        )
        async with server:
            client = WhatsminerV3Client("127.72.200.1", port, Limits(1, 2))
            assert (await client.msg("get.device.info"))["miner"]["type"] == "M60S_VK40"
            assert seen[-1] == {"cmd": "get.device.info"}
            summary = await client.msg("get.miner.status", "summary")
            assert summary["summary"]["hash-realtime"] == 185.4
            assert seen[-1] == {"cmd": "get.miner.status", "param": "summary"}
            with pytest.raises(MinerError) as exc:
                await client.call("get.nothing")
            assert exc.value.kind is ErrorKind.BAD_REPLY and "invalid cmd" in exc.value.message
            with pytest.raises(MinerError) as exc:
                await client.call("bad")  # 'HTTP' read as a length: not a v3 miner
            assert exc.value.kind is ErrorKind.NOT_A_MINER
            ident = await probe_v3("127.72.200.1", port, Limits(1, 2))
            assert ident is not None
            assert (ident.family, ident.make, ident.model) == (
                "whatsminer_v3",
                "Whatsminer",
                "M60S_VK40",
            )
            assert ident.firmware_version == "20251209.16.Rel2"

    asyncio.run(run())


def test_probe_v3_on_a_closed_port_is_none() -> None:
    async def run() -> None:
        server = await asyncio.start_server(lambda r, w: None, "127.72.200.2", 0)
        port = server.sockets[0].getsockname()[1]
        server.close()
        await server.wait_closed()
        assert await probe_v3("127.72.200.2", port, Limits(1, 1)) is None

    asyncio.run(run())


def test_v3_parse_units_and_unknowns() -> None:
    edevs = {
        "edevs": [
            {
                "id": 0,
                "hash-realtime": 61.8,
                "factory-hash": 62.0,
                "effective-chips": 225,
                "chip-temp-max": 81.0,
                "freq": 590,
                "status": "alive",
            }
        ]
    }
    pools = {
        "pools": [
            {
                "id": 0,
                "url": "stratum+tcp://p.invalid:3333",
                "account": "w.1",
                "status": "alive",
                "stratum-active": True,
            }
        ]
    }
    r = {"get.device.info": V3_INFO, "summary": V3_SUMMARY, "edevs": edevs, "pools": pools}
    snap = WhatsminerV3Driver().parse(Target("10.0.0.3"), r, Identity("whatsminer_v3"))
    assert (snap.model, snap.firmware_version, snap.api_version) == (
        "M60S_VK40",
        "20251209.16.Rel2",
        "3.0.2",
    )
    assert snap.hashrate_ths == 185.4 and snap.nominal_hashrate_ths is None  # -0.003 = unknown
    assert (snap.power_w, snap.power_limit_w, snap.fans_rpm) == (3380, 3600, [6900, 6780])
    assert snap.boards[0].chips == 225 and snap.boards[0].serial == "P0"
    assert [(e.code, e.message) for e in snap.error_codes] == [("111", "exhaust fan")]
    assert snap.pools[0].active is True and snap.pools[0].user == "w.1" and snap.idle is False


def test_v3_device_info_without_telemetry_is_read_not_failed() -> None:
    """A v3 miner that answers get.device.info but not get.miner.status (real reply: capture
    whatsminer/m60s-vk40-apiv3-deviceinfo): online, named, its three boards listed without
    readings; reading_incomplete (rules) says the hashrate is missing."""
    capture = (
        Path(__file__).resolve().parents[2]
        / "captures/whatsminer/m60s-vk40-apiv3-deviceinfo/rpc/get.device.info.json"
    )
    info = json.loads(capture.read_text())["msg"]

    async def run() -> Any:
        server, port, _seen = await v3_server({"get.device.info": info})
        async with server:
            target = Target("127.72.200.1")
            session = Session(
                target,
                CGMinerClient("127.72.200.1", 4028, Limits(1, 2)),  # 4028 unused by the v3 driver
                Identity("whatsminer_v3"),
                ports=Ports(whatsminer_v3=port),
            )
            driver = WhatsminerV3Driver()
            return driver.parse(target, await driver.fetch(session), session.identity)

    snap = asyncio.run(run())
    assert (snap.model, snap.hashrate_ths) == ("M60S_VK40", None)
    assert [(b.index, b.serial, b.hashrate_ths) for b in snap.boards] == [
        (0, "BKM3CSE1404807K42757", None),
        (1, "BKM3CSE1404812K43675", None),
        (2, "BKM3CSE1404807K42762", None),
    ]


def test_v3_with_neither_reply_still_fails() -> None:
    async def run() -> None:
        server, port, _seen = await v3_server({})
        async with server:
            session = Session(
                Target("127.72.200.1"),
                CGMinerClient("127.72.200.1", 4028, Limits(1, 2)),
                Identity("whatsminer_v3"),
                ports=Ports(whatsminer_v3=port),
            )
            await WhatsminerV3Driver().fetch(session)

    with pytest.raises(MinerError):
        asyncio.run(run())
