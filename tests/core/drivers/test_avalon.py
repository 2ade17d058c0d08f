"""Avalon driver: the bracket parser on real estats strings (flat A1566, nested Q) and odd ones."""

from __future__ import annotations

import json
from typing import Any

import pytest

from rig_monitor.core.drivers.avalon import AvalonDriver, avalon_model, numbers, parse_brackets
from rig_monitor.core.model import Identity, Target
from rig_monitor.core.wire.cgminer import parse_reply

# Shape of a real A1566 `estats` MM ID0 (pyasic test data), per-chip arrays shortened.
A1566 = (
    "Ver[15-194-24102401_25462b2_9ddf522] DNA[020100008c699117] MEMFREE[1392832.1381104] "
    "NETFAIL[0 0 0 0 0 0 0 0] SYSTEMSTATU[Work: In Work, Hash Board: 3 ] Elapsed[975] "
    "BOOTBY[0x04.00000000] LW[714031] MH[0 0 0] DHW[0] HW[0] DH[1.299%] Temp[31] TMax[78] "
    "TAvg[70] Fan1[4275] Fan2[4282] FanR[49%] Vo[296] PS[0 1209 1187 297 3526 1188 3731] "
    "WALLPOWER[3731] GHSspd[199241.07] DHspd[1.299%] GHSmm[201920.42] GHSavg[184007.00] "
    "Freq[345.94] Led[0] MGHS[59459.52 61407.83 63139.66] MTmax[77 78 77] MTavg[69 70 71] "
    "TA[480] Core[A3197S] SoftOFF[0] ECHU[0 0 0] ECMM[0] PVT_T0[ 66  65  0  62] "
    "PVT_T1[ 65  66] PVT_T2[] MW0[22 19 17 14] CRC[0 0 0] FACOPTS0[] "
    "ATAOPTS0[--avalon10-freq 240:258:279:300 --hash-asic 160] MPO[3515] WORKMODE[1]"
)
Q_SUMMARY = (
    "'STATS':{Ver[Q-25052801_14a19a2] DNA[020100002fa7f22f] STATE[2] "
    "SYSTEMSTATU[Work: In Idle, Hash Board: 1] Elapsed[1860367] ITemp[24] HBITemp[32] "
    "HBOTemp[32] TMax[0] TAvg[0] Fan1[0] Fan2[0] Fan3[0] Fan4[0] FanR[0%] PS[0 1216 1 0 0 2243 17] "
    "GHSspd[0.00] GHSmm[56112.38] GHSavg[70967.01] MGHS[0.00] TA[160] SoftOFF[4] ECHU[0] ECMM[0] "
    "MPO[800] Nonce Mask[25]}"
)


def reply(section: str, items: list[dict[str, Any]]) -> dict[str, Any]:
    status = [{"STATUS": "S", "Code": 70, "Msg": "", "Description": "cgminer 4.11.1"}]
    return parse_reply(json.dumps({"STATUS": status, section: items, "id": 1}).encode())


VERSION = reply(
    "VERSION",
    [
        {
            "CGMiner": "4.11.1",
            "API": "3.7",
            "PROD": "AvalonMiner 1566-185",
            "MODEL": "1566-185",
            "VERSION": "24102401_25462b2_9ddf522",
            "DNA": "020100008c699117",
            "MAC": "123456789012",
        }
    ],
)


def parse(replies: dict[str, Any]) -> Any:
    return AvalonDriver().parse(Target("10.0.0.7"), replies, Identity("avalon", "Avalon"))


def test_bracket_parser_tokens() -> None:
    blob = parse_brackets(A1566)
    assert blob["SYSTEMSTATU"] == "Work: In Work, Hash Board: 3"
    assert numbers(blob, "MGHS") == [59459.52, 61407.83, 63139.66]
    assert numbers(blob, "DH") == [1.299] and blob["FACOPTS0"] == ""
    assert blob["ATAOPTS0"].startswith("--avalon10-freq 240:258")
    nested = parse_brackets(Q_SUMMARY + " 'HB0':{PVT_T0[58 59 60] MW0[100 200]}")
    assert nested["STATS"]["Mask"] == "25" and numbers(nested["HB0"], "PVT_T0") == [58, 59, 60]
    junk = parse_brackets(",Temp[31] garbage ]] Fan1[4000] Cut[12 1")
    assert junk["Temp"] == "31" and junk["Fan1"] == "4000" and junk["Cut"] == "12 1"


def test_a1566_capture() -> None:
    stats = reply("STATS", [{"STATS": 0, "ID": "AVA100", "MM ID0": A1566, "MM Count": 1}])
    snap = parse({"version": VERSION, "estats": stats})
    assert (snap.model, snap.firmware_version) == ("A1566-185", "24102401_25462b2_9ddf522")
    assert snap.mac == "12:34:56:78:90:12" and snap.serial == "020100008c699117"
    assert snap.hashrate_ths == pytest.approx(199.24107)  # no summary: GHSspd
    assert snap.nominal_hashrate_ths == pytest.approx(201.92042)
    assert [round(b.hashrate_ths or 0, 2) for b in snap.boards] == [59.46, 61.41, 63.14]
    assert [b.temp_chip_c for b in snap.boards] == [77, 78, 77]
    assert [b.chips for b in snap.boards] == [3, 2, 0]  # non-zero PVT readings; empty = none
    assert snap.fans_rpm == [4275, 4282] and snap.temp_inlet_c == 31 and snap.temp_chip_max_c == 78
    assert (snap.power_w, snap.power_limit_w) == (3731, 3515)  # wall power, MPO
    assert snap.idle is False
    assert [e.code for e in snap.error_codes] == ["BOOTBY:4"]


def test_errors_against_baseline_and_psu_bits() -> None:
    bad = A1566.replace("ECHU[0 0 0]", "ECHU[0 512 3]").replace("PS[0 1209", "PS[2048 1209")
    bad = bad.replace("ECMM[0]", "ECMM[7]")
    snap = parse({"version": VERSION, "estats": reply("STATS", [{"MM ID0": bad}])})
    codes = {(e.code, e.board) for e in snap.error_codes}
    assert {("PS:2048", None), ("ECHU:3", 2), ("ECMM:7", None)} <= codes
    assert not any(c.startswith("ECHU:512") for c, _ in codes)


def test_nested_q_idle_and_summary_rates() -> None:
    stats = reply("STATS", [{"MM ID0:Summary": Q_SUMMARY, "HBinfo": "'HB0':{PVT_T0[0 0 0] MW0[]}"}])
    summary = parse_reply(
        b',"STATUS":[{"STATUS":"S"}],"SUMMARY":[{"MHS 30s":"inf","MHS av":70967010.0}],"id":1}'
    )
    snap = parse({"version": VERSION, "estats": stats, "summary": summary})
    assert snap.idle is True and snap.fans_rpm == [0, 0, 0, 0]
    assert snap.hashrate_ths is None or snap.hashrate_ths == 0  # "inf" is no reading
    assert snap.hashrate_avg_ths == pytest.approx(70.96701)
    assert snap.temp_inlet_c == 24 and snap.temp_outlet_c == 32 and snap.temp_chip_max_c is None
    assert [(b.chips, b.temp_chip_c) for b in snap.boards] == [(0, None)]
    assert snap.power_w == 0 or snap.power_w is None


def test_missing_stats_and_models() -> None:
    snap = parse({"version": VERSION, "estats": reply("STATS", [{"ID": "POOL0"}])})
    assert snap.online and snap.boards == [] and snap.fans_rpm == [] and snap.power_w is None
    assert avalon_model("AvalonMiner 1246-90", None) == "A1246-90"
    assert avalon_model("AvalonMiner 15-194", "15-194") == "A15-194"  # not "A15"
    assert avalon_model(None, "1566") == "A1566"
    assert avalon_model(None, "Nano3s") == "Nano 3S" and avalon_model("Avalon Q", "Q") == "Q"


def test_avalon_q_board_temperature_from_its_hash_board_sensors() -> None:
    # tests/captures/avalon/avalon-q-softoff: ITemp[26] inlet, HBITemp[27]/HBOTemp[27] on the
    # single hash board, TMax[0] while soft-off (no chip reading)
    from tests.replay.corpus import ROOT, load_set

    cs = load_set(ROOT / "avalon" / "avalon-q-softoff")
    replies = {c: cs.rpc_json(c) for c in ("version", "summary", "stats", "pools")}
    s = AvalonDriver().parse(Target("127.0.0.1"), replies, Identity(family="avalon"))
    assert len(s.boards) == 1 and s.boards[0].temp_board_c == 27.0
    assert s.temp_board_max_c == 27.0 and s.temp_inlet_c == 26.0
    assert s.temp_chip_max_c is None


def test_a7_era_stats_alone_of_a_real_avalon741() -> None:
    """Only ``stats`` of the old MM ID1 format (tests/captures/avalon/avalon741-mmid1-oldformat):
    no version reply, no MGHS/MTmax; boards from MW0..MW3, chip temperatures from PVT_T, the
    model from Ver, the single fan from Fan[…]."""
    from pathlib import Path

    from rig_monitor.core.drivers.avalon import pvt_hottest, ver_model

    path = Path(__file__).resolve().parents[2] / "captures/avalon/avalon741-mmid1-oldformat/rpc"
    replies = {"stats": parse_reply((path / "stats.json").read_bytes())}
    snap = AvalonDriver().parse(Target("127.0.0.1"), replies, Identity("avalon"))
    assert snap.model == "A741" and snap.fans_rpm == [4110]
    assert [(b.index, b.chips, b.temp_chip_c) for b in snap.boards] == [
        (0, 22, 88.0),
        (1, 22, 92.0),
        (2, 22, 93.0),
        (3, 22, 93.0),
    ]
    assert ver_model("1246-83-21072802_4ec6bb0_211fc46") == "A1246"
    assert ver_model("garbage") is None and ver_model(None) is None
    assert pvt_hottest("21-76/1-88/83 1-80/11-92/84") == [88.0, 92.0]
    assert pvt_hottest("77 78") == []


def _numbers_one_by_one(raw: str) -> list[float]:
    """What ``numbers`` read before its one-pass path: ``num`` on each part."""
    from rig_monitor.core.values import num

    out = []
    for part in raw.replace(",", " ").split():
        f = num(part.rstrip("%"))
        if f is not None:
            out.append(f)
    return out


@pytest.mark.parametrize(
    "raw",
    [
        " 63  70  70  0  69",
        "59459.52 61407.83 63139.66",
        "1.299%",
        "5%% 6%",
        "",
        "   ",
        "0 1214 1316 242 3189 1320 3504",
        "-40 +5 -0",
        "1,2, 3",
        ".5 1",  # num reads ".5" as 5
        "-.5",
        "5. 6",
        "12-34 56",
        "1_000 2",  # float() would take the underscore: num does not
        "nan inf 7",
        "1e5 2",
        "0x10 3",
        "9" * 308 + " 1",
        "9" * 400 + " 1",  # past a float: num reads None
        "\u0663\u0664 5",  # Arabic-Indic digits: not ASCII
        "7\xa08",  # a no-break space: str.split's, not the ASCII pattern's
        "7\x1c8",
        "Work: In Work, Hash Board: 3",
        "4\t5\n6",
    ],
)
def test_numbers_reads_every_token_as_num_part_by_part(raw: str) -> None:
    got = numbers({"K": raw}, "K")
    assert got == _numbers_one_by_one(raw)
    assert [str(x) for x in got] == [str(x) for x in _numbers_one_by_one(raw)]  # -0.0 too


def test_numbers_of_every_token_of_the_real_captures_read_as_num_would() -> None:
    from pathlib import Path

    from rig_monitor.core.drivers.avalon import modules

    checked = 0
    root = Path(__file__).resolve().parents[2] / "captures" / "avalon"
    for path in sorted(root.glob("*/rpc/*.json")):
        for blob, hb in modules(parse_reply(path.read_bytes())):
            for b in (blob, hb, *(v for v in hb.values() if isinstance(v, dict))):
                for key, raw in b.items():
                    if isinstance(raw, str):
                        assert numbers(b, key) == _numbers_one_by_one(raw), (path, key)
                        checked += 1
    assert checked > 100


def test_fetch_asks_stats_only_when_estats_has_no_module() -> None:
    import asyncio

    from rig_monitor.core.drivers.avalon import _has_modules

    with_module = reply("STATS", [{"ID": "AVA100", "MM ID0": A1566}])
    none = reply("STATS", [{"ID": "AVA100", "Elapsed": 5}])
    not_text = reply("STATS", [{"ID": "AVA100", "MM ID0": 5}])
    assert _has_modules(with_module)
    assert not _has_modules(none) and not _has_modules(not_text) and not _has_modules(None)

    class Rpc:
        multi_supported = True

        def __init__(self, estats: Any) -> None:
            self.asked: list[str] = []
            self.estats = estats

        async def command(self, name: str) -> Any:
            self.asked.append(name)
            return with_module if name == "stats" else self.estats

        async def multi(self, *names: str) -> dict[str, Any]:
            self.asked.extend(names)
            return {n: (self.estats if n == "estats" else VERSION) for n in names}

    class Sess:
        def __init__(self, estats: Any) -> None:
            self.rpc = Rpc(estats)
            self.state: dict[str, Any] = {}

    for estats, stats_asked in ((with_module, False), (none, True), (not_text, True)):
        s = Sess(estats)
        replies = asyncio.run(AvalonDriver().fetch(s))  # type: ignore[arg-type]
        assert ("stats" in s.rpc.asked) is stats_asked
        assert ("stats" in replies) is stats_asked


def test_a_blob_longer_than_any_real_one_is_that_miners_bad_reply() -> None:
    from rig_monitor.core.drivers.base import parse_guarded
    from rig_monitor.core.errors import MinerError

    huge = reply("STATS", [{"ID": "AVA100", "MM ID0": "Temp[1] " * 20_000}])
    with pytest.raises(MinerError, match="bad reply"):
        parse_guarded(
            AvalonDriver(),
            Target("127.0.0.9"),
            {"version": VERSION, "estats": huge},
            Identity("avalon", "Avalon"),
        )


def _walked(text: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    """What ``parse_brackets`` reads with its one-pass path switched off: the walk alone."""
    import re

    from rig_monitor.core.drivers import avalon

    with monkeypatch.context() as m:
        m.setattr(avalon, "_FLAT_BLOB", re.compile(r"(?!)"))
        return avalon.parse_brackets(text)


def test_flat_blobs_read_in_one_pass_as_the_walk_reads_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import random
    from pathlib import Path

    from rig_monitor.core.drivers import avalon

    texts = [A1566, Q_SUMMARY, Q_SUMMARY[10:-1], "Nonce Mask[25]", "A[1][5] B[2]junk C[3]"]
    texts += ["a,[1] ,b[2]", "A[1]B[2]", "[5]", "A[x{y}'z'] B[ ]", "A[1", "A[1]]", "x'y[1]"]
    root = Path(__file__).resolve().parents[2] / "captures" / "avalon"
    for path in sorted(root.glob("*/rpc/*.json")):
        for item in avalon.section(parse_reply(path.read_bytes()), "STATS"):
            texts += [v for v in item.values() if isinstance(v, str)]
    rng = random.Random(15)
    pieces = ["Ab", "7", " ", "  ", "[", "]", "{", "}", "'", ":", ",", "\xa0", "\t", "x1", "%"]
    texts += ["".join(rng.choices(pieces, k=rng.randint(1, 30))) for _ in range(4000)]
    fast = 0
    for text in texts:
        assert avalon.parse_brackets(text) == _walked(text, monkeypatch), text
        fast += bool(avalon._FLAT_BLOB.fullmatch(text))
    assert fast > 200  # the one-pass path was taken, not only the walk


def test_the_flat_shape_check_is_linear_on_a_hostile_text() -> None:
    from rig_monitor.core.drivers import avalon

    # a backtracking pattern would not finish these in the suite's lifetime
    text = "  " * 30_000 + "A" * 60_000 + "'"
    assert avalon._FLAT_BLOB.fullmatch(text) is None
    assert avalon.parse_brackets(text) == {}
    many = "A[1] " * 20_000 + "{"
    assert avalon._FLAT_BLOB.fullmatch(many) is None
    assert avalon.parse_brackets(many) == {"A": "1"}
