"""Each repair on the real-shaped reply that needs it (protocols.md §1.6)."""

from __future__ import annotations

import json

import pytest

from rig_monitor.core.wire.jsonrepair import ReplyDecodeError, decode_text, loads_lenient

BMMINER_STATS = (
    '{"STATUS":[{"STATUS":"S","When":1700000000,"Code":70,"Msg":"BMMiner stats",'
    '"Description":"bmminer 1.0.0"}],"STATS":[{"BMMiner":"1.0.0","Miner":"49.0.1.3",'
    '"CompileTime":"Tue Dec  6 16:12:30 CST 2022","Type":"Antminer S19j Pro"}'
    '{"STATS":0,"ID":"BC50","Elapsed":3600,"GHS 5s":"104210.55","chain_rate1":"34720.18"}],"id":1}'
)


def test_healthy_reply_needs_no_repair() -> None:
    value, applied = loads_lenient('{"STATUS":[{"STATUS":"S"}],"id":1}')
    assert applied == []
    assert value["id"] == 1


def test_bmminer_back_to_back_stats_objects() -> None:
    value, applied = loads_lenient(BMMINER_STATS)
    assert "back-to-back objects" in applied
    assert len(value["STATS"]) == 2
    assert value["STATS"][1]["chain_rate1"] == "34720.18"


def test_btminer_trailing_commas_and_raw_newlines() -> None:
    text = '{"STATUS":[{"STATUS":"S","Msg":"Summary",}],"SUMMARY":[{"MHS 1m":98000000.1,\n"Power":3300,}],"id":1}'
    value, applied = loads_lenient(text)
    assert value["SUMMARY"][0]["Power"] == 3300
    assert "trailing comma" in applied


def test_bmminer_leading_comma_in_array() -> None:
    value, _ = loads_lenient('{"STATS":[,{"a":1}],"id":1}')
    assert value["STATS"] == [{"a": 1}]


def test_btminer_dropped_comma_before_temp_key() -> None:
    value, applied = loads_lenient('{"DEVS":[{"Slot":0,"Status":"Alive""temp0":61.5}]}')
    assert value["DEVS"][0]["temp0"] == 61.5
    assert "missing comma" in applied


def test_avalon_nan_and_inf() -> None:
    value, _ = loads_lenient('{"STATS":[{"MGHS":"nan","TAvg":"inf","DH":nan}]}')
    assert value["STATS"][0] == {"MGHS": 0, "TAvg": 0, "DH": 0}


def test_avalon_garbage_leading_comma() -> None:
    value, _ = loads_lenient(',"STATUS":[{"STATUS":"S"}],"id":1}')
    assert value["id"] == 1


def test_truncated_reply_keeps_complete_part() -> None:
    full = json.dumps(
        {
            "STATUS": [{"STATUS": "S"}],
            "DEVS": [{"ASC": 0, "Temperature": 60}, {"ASC": 1, "Temperature": 61}],
        }
    )
    cut = full[: full.index('"Temperature": 61') + 5]
    value, applied = loads_lenient(cut)
    assert "truncated" in applied
    assert value["DEVS"][0] == {"ASC": 0, "Temperature": 60}
    assert value["STATUS"] == [{"STATUS": "S"}]


def test_whatsminer_error_code_array_shaped_like_object() -> None:
    value, _ = loads_lenient('{"STATUS":"S","Msg":{"error_code":["110":"2023-01-01 10:00:00"]}}')
    assert value["Msg"]["error_code"] == {"110": "2023-01-01 10:00:00"}


def test_invalid_utf8_is_replaced_not_fatal() -> None:
    text = decode_text(b'{"Description":"btminer \xaa\xff","id":1}\x00')
    value, _ = loads_lenient(text)
    assert value["Description"].startswith("btminer ")
    assert "\ufffd" in value["Description"]


def test_stray_nuls_are_dropped() -> None:
    assert decode_text(b'{"a":\x001}\x00\x00') == '{"a":1}'


@pytest.mark.parametrize("garbage", ["<html>hi</html>", "{{{{", "\x01\x02\x03", '{"a":'])
def test_unrepairable_input_raises_clear_error(garbage: str) -> None:
    with pytest.raises(ReplyDecodeError, match=r"not JSON|truncated"):
        loads_lenient(garbage)


# -- hostile replies (issue 10): bounded work, clear errors -------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "[" * 5000 + "]" * 5000,  # complete but absurdly deep: json's C parser recurses
        '{"a":' + "[" * 5000,  # never closed: the truncation repair must not build it
        '{"a":' + "[1," * 3000,
    ],
)
def test_deep_nesting_is_a_clear_error_not_a_recursion_error(text: str) -> None:
    with pytest.raises(ReplyDecodeError, match="nested too deep"):
        loads_lenient(text)


def test_deep_nesting_through_parse_reply_says_bad_reply() -> None:
    from rig_monitor.core.errors import MinerError
    from rig_monitor.core.wire.cgminer import parse_reply

    with pytest.raises(MinerError, match=r"^bad reply: nested too deep$"):
        parse_reply(b'{"STATUS":' + b"[" * 10_000 + b"\x00")


@pytest.mark.timeout(10)
def test_error_code_repair_is_linear_on_a_run_of_colons() -> None:
    # The old pattern (two lazy quantifiers) took ~2 s for 20,000 colons and grew as the square.
    text = '{"Msg":{"error_code":[' + ":" * 200_000 + "[}"
    with pytest.raises(ReplyDecodeError):
        loads_lenient(text)


def test_big_broken_reply_is_refused_after_one_strict_parse() -> None:
    from rig_monitor.core.wire import jsonrepair

    unit = '{"a":[1,2,],"b":{"c":3,},},'  # trailing commas everywhere, never closed
    text = '{"STATUS":[{"STATUS":"S"}],"STATS":[' + unit * (2_000_000 // len(unit))
    assert len(text) > jsonrepair.REPAIR_MAX_CHARS
    with pytest.raises(ReplyDecodeError, match=r"objects and lists, more than any miner sends"):
        loads_lenient(text)  # refused by a count, before any parse
    few = '{"STATUS":[{"STATUS":"S","Msg":"' + "log line, " * 100_000 + '"},],'
    with pytest.raises(ReplyDecodeError, match=r"too large to repair"):
        loads_lenient(few)  # one strict parse, no repairs
    small = '{"STATUS":[{"STATUS":"S"}],"STATS":[' + unit * 100
    value, applied = loads_lenient(small)
    assert applied == ["trailing comma", "truncated"]
    assert len(value["STATS"]) == 100


def test_brackets_inside_strings_do_not_count_as_objects() -> None:
    log = "Chain[0]: nonce error, asic 0 core 0 times 1, " * 30_000  # 30,000 '[' in a string
    value, applied = loads_lenient('{"STATUS":[{"STATUS":"S"}],"LOG":"' + log + '","id":1}')
    assert applied == [] and value["LOG"] == log


def test_truncated_inside_a_string_with_commas_and_brackets() -> None:
    value, applied = loads_lenient('{"a":"x,y]","b":[1,2],"c":"p,q}')
    assert value == {"a": "x,y]", "b": [1, 2]}
    assert applied == ["truncated"]


def test_escaped_quotes_do_not_confuse_the_truncation_cut() -> None:
    value, _ = loads_lenient('{"a":"say \\"hi\\", ok","b":{"c":[1,')
    assert value == {"a": 'say "hi", ok', "b": {"c": [1]}}


# --- orjson first, json for the rest: every real reply reads exactly as json reads it ---------

_REPLY_FILES = sorted(
    p
    for root in ("tests/fixtures", "tests/captures", "tests/replay")
    for p in __import__("pathlib").Path(root).rglob("*")
    if p.suffix in (".json", ".raw")
)


def _same(a: object, b: object) -> bool:
    """Equal values and equal types all the way down (1 is not 1.0 here)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)  # type: ignore[index]
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))  # type: ignore[arg-type]
    if isinstance(a, float):
        return a == b or (a != a and b != b)  # type: ignore[comparator-overlap]
    return a == b


def _lenient(text: str) -> tuple[object, object]:
    from rig_monitor.core.wire.jsonrepair import loads_lenient

    try:
        return loads_lenient(text)
    except ReplyDecodeError as exc:
        return type(exc), str(exc)


def _json_only(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    from rig_monitor.core.wire import jsonrepair

    with monkeypatch.context() as m:
        m.setattr(jsonrepair, "FAST_MAX_CHARS", -1)  # every text straight to json, as before
        return _lenient(text)


_BROKEN = [
    '{"STATUS":[{"STATUS":"S"}],"STATS":[{"Type":"Antminer S19"}{"STATS":0,"GHS 5s":1}],"id":1}',
    '{"a":[1,2,],"b":{"c":3,},}',
    '{"a": NaN, "b": [1,}',  # json reads NaN; the trailing comma needs a repair
    ',"id":1}',
    '{"error_code":["329":"x"]}',
    '{"a":"b""c":1}',
    '{"a":[1,2',
    '{"a": "cut',
    "not json at all {",
    '{"a":1}{"b":2}',
    '{"a": 1e400, "b": [1,]}',
    '{"big": 123456789012345678901234567890, "c": [1,]}',
    '{"s": "\\ud800", "c": [1,]}',
    "[" * 1000 + "]" * 999,
]


def test_real_replies_read_as_with_json_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """Values, the repairs named and the error messages are json's, orjson only makes it faster."""
    checked = 0
    for path in _REPLY_FILES:
        text = decode_text(path.read_bytes())
        if not text or text[0] not in "{[,":
            continue
        got, want = _lenient(text), _json_only(text, monkeypatch)
        assert _same(got, want), path
        checked += 1
    assert checked >= 60  # the captures are there (not an empty loop)


@pytest.mark.parametrize("text", _BROKEN)
def test_broken_replies_are_repaired_or_refused_as_with_json_alone(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _same(_lenient(text), _json_only(text, monkeypatch))


@pytest.mark.parametrize(
    "text",
    [
        '{"a": NaN, "b": Infinity, "c": -Infinity}',  # json reads these, RFC 8259 does not
        '{"a": [NaN, 1]}',
        '{"a": -Infinity}',
        '{"a": Infinity}',
        '{"big": 123456789012345678901234567890}',  # orjson: a float; json: the int
        '{"s": "\\ud800"}',  # a lone surrogate escape
        '{"f": 1e400}',
        '{"k": 1, "k": 2}',  # duplicate key: the last value, at the first key's place
        '{"x": -0, "y": -0.0, "z": 0.1}',
    ],
)
def test_what_orjson_refuses_or_reads_differently_reads_as_json_reads_it(text: str) -> None:
    import json

    from rig_monitor.core.wire.jsonrepair import _fast_loads

    assert _same(_fast_loads(text), json.loads(text))


def test_very_deep_nesting_is_still_refused_as_too_deep() -> None:
    from rig_monitor.core.wire.jsonrepair import NestedTooDeep, loads_lenient

    with pytest.raises(NestedTooDeep):
        loads_lenient("[" * 5000 + "]" * 5000)


def _reply(raw: bytes) -> tuple[object, object]:
    from rig_monitor.core.errors import MinerError
    from rig_monitor.core.wire.cgminer import parse_reply

    try:
        return parse_reply(raw), None
    except MinerError as exc:
        return type(exc), (exc.kind, str(exc))


def _reply_by_text(raw: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    from rig_monitor.core.wire import cgminer

    with monkeypatch.context() as m:
        m.setattr(cgminer, "loads_reply_fast", lambda _raw: None)  # the text path, as before
        return _reply(raw)


def _variants(raw: bytes) -> list[bytes]:
    """A reply as sent, and shapes the bytes path must hand back or read alike: seams with
    whitespace or inside strings, NULs, non-ASCII, NaN, long numbers, trailing junk, cuts."""
    out = [raw, raw + b"\x00", raw.rstrip(b"\x00") + b"\x00\x00", b"  \r\n" + raw + b"\n "]
    out += [raw.replace(b"}{", b"} {"), raw.replace(b"}{", b"}\n\t{"), raw.replace(b"}{", b"},{")]
    out += [raw.replace(b'":"', b'":"}{', 1), raw.replace(b'":"', b'":"} \xc2\xa0{', 1)]
    out += [raw.replace(b'":', b'":\x00', 1), raw.replace(b'":"', b'":"\xc3\xa9', 1)]
    out += [
        raw.replace(b'":', b'":NaN,"x":', 1),
        raw.replace(b'":', b'":12345678901234567890,"y":', 1),
    ]
    out += [raw.replace(b'":', b'":1e400,"z":', 1), raw.replace(b'":"', b'":"\\ud800', 1)]
    out += [raw.rstrip(b"\x00") + b"\x1c", b"\x1c" + raw, raw[: len(raw) // 2], raw + b"{}"]
    out += [raw.replace(b",", b",,", 1), raw.replace(b"}", b",}", 1)]
    return out


def test_reply_bytes_read_as_through_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """parse_reply's bytes path (loads_reply_fast) gives exactly the text path's value, repairs
    and errors on every real reply with a stated origin and on broken shapes of each."""
    from rig_monitor.core.wire import jsonrepair

    shapes = [
        *(p.read_bytes() for p in _REPLY_FILES),
        *(t.encode() for t in _BROKEN),
        b'{"a":' + b"[" * 70 + b"1" + b"]" * 70 + b"}",  # valid, deeper than MAX_DEPTH
        b'{"a":' + b"[" * 60 + b"1" + b"]" * 60 + b',"b":[' + b"[1]," * 20 + b"2]}",
        b'{"STATUS":[{"STATUS":"S"}]}{"id":1}',
        b"[1,2]",
        b'{"x":"' + b"}{" * 10 + b'"}',
    ]
    calls: list[bool] = []
    real = jsonrepair.loads_reply_fast

    def counted(raw: bytes) -> tuple[object, list[str]] | None:
        got = real(raw)
        calls.append(got is not None)
        return got

    from rig_monitor.core.wire import cgminer

    checked = 0
    for raw in shapes:
        for variant in _variants(raw):
            with monkeypatch.context() as m:
                m.setattr(cgminer, "loads_reply_fast", counted)
                got = _reply(variant)
            want = _reply_by_text(variant, monkeypatch)
            assert _same(got, want), variant[:120]
            checked += 1
    assert checked > 1000
    assert sum(calls) > 300 and calls.count(False) > 300  # both paths were taken
