"""The CGMiner-family client on real cgminer 4.11.1 captures and on misbehaving miners."""

from __future__ import annotations

import asyncio
import os
import socket
import time
from typing import Any

import pytest

from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import ErrorKind
from rig_monitor.core.wire.cgminer import (
    CGMinerClient,
    Limits,
    parse_reply,
    parse_text_reply,
    status_of,
    status_ok,
)
from tests.canned import by_command, fixture, serve

FAST = Limits(connect_timeout_s=1.0, read_timeout_s=1.0, max_bytes=64 * 1024)


def run(coro):  # type: ignore[no-untyped-def]
    return asyncio.run(coro)


@pytest.mark.parametrize(
    "name",
    [
        "summary.raw",
        "pools.raw",
        "version.raw",
        "config.raw",
        "coin.raw",
        "stats.raw",
        "lcd.raw",
        "estats.raw",
        "check.raw",
        "privileged.raw",
    ],
)
def test_every_success_capture_parses_with_ok_status(name: str) -> None:
    raw = fixture(name)
    assert raw.endswith(b"\x00")  # the real terminator
    reply = parse_reply(raw)
    assert status_of(reply).ok
    assert status_of(reply).description == "cgminer 4.11.1"


@pytest.mark.parametrize("name", ["devs.raw", "devdetails.raw", "notify.raw", "check_noparam.raw"])
def test_error_captures_parse_with_error_status(name: str) -> None:
    st = status_of(parse_reply(fixture(name)))
    assert st.letter == "E"
    assert not st.ok


def test_invalid_command_capture_has_no_description() -> None:
    st = status_of(parse_reply(fixture("invalid_cmd.raw")))
    assert (st.letter, st.code, st.msg, st.description) == ("E", 14, "Invalid command", "")


def test_plaintext_summary_becomes_json_shape() -> None:
    reply = parse_reply(fixture("summary_plaintext.raw"))
    assert status_of(reply).ok
    summary = reply["SUMMARY"][0]
    assert summary["Elapsed"] == 68
    assert summary["MHS av"] == 0.0
    assert summary["Device Hardware%"] == 0.0


def test_text_escapes() -> None:
    reply = parse_text_reply(r"STATUS=S,Msg=ok|POOLS,URL=stratum+tcp://a\,b:3333,User=w\|1|")
    assert reply["POOLS"][0]["URL"] == "stratum+tcp://a,b:3333"
    assert reply["POOLS"][0]["User"] == "w|1"


def test_multi_command_unwraps_members_and_keeps_error_member() -> None:
    async def go() -> dict:
        replies = {"summary+pools+devs": fixture("summary+pools+devs.raw")}
        async with serve(by_command(replies)) as (host, port, seen):
            client = CGMinerClient(host, port, FAST)
            out = await client.multi("summary", "pools", "devs")
            assert len(seen) == 1  # one round trip
            assert client.multi_supported is True
            return out

    out = run(go())
    assert out["summary"]["SUMMARY"][0]["Elapsed"] == 62
    assert out["pools"]["POOLS"][0]["URL"] == "stratum+tcp://127.0.0.1:3333"
    assert status_of(out["devs"]).code == 10  # "No ASCs/PGAs" error object, kept as is


def test_multi_command_falls_back_to_singles_when_refused() -> None:
    async def go() -> tuple[dict, list[bytes], CGMinerClient]:
        replies = {"summary": fixture("summary.raw"), "pools": fixture("pools.raw")}
        async with serve(by_command(replies)) as (host, port, seen):
            client = CGMinerClient(host, port, FAST)
            out = await client.multi("summary", "pools")
            again = await client.multi("summary", "pools")
            assert again.keys() == out.keys()
            return out, seen, client

    out, seen, client = run(go())
    assert set(out) == {"summary", "pools"}
    assert client.multi_supported is False
    # first try "summary+pools" (refused), then two singles; the second call goes straight to singles
    assert len(seen) == 1 + 2 + 2


def test_reply_ended_by_close_without_nul() -> None:
    async def go() -> dict:
        body = fixture("version.raw").rstrip(b"\x00")
        async with serve(lambda _r: body) as (host, port, _):
            return await CGMinerClient(host, port, FAST).command("version")

    assert run(go())["VERSION"][0]["CGMiner"] == "4.11.1"


def test_slow_dribbled_reply_within_deadline() -> None:
    async def go() -> dict:
        async with serve(lambda _r: fixture("pools.raw"), dribble=0.01) as (host, port, _):
            return await CGMinerClient(host, port, Limits(1.0, 3.0)).command("pools")

    assert run(go())["POOLS"][0]["Status"] == "Alive"


def test_a_reply_dribbled_past_the_deadline_times_out_and_leaves_no_timer() -> None:
    """The first chunk waits under its own timer, the rest under one deadline for the whole
    reply: a miner that keeps sending slowly still times out at the read deadline, and no timer
    of the request is left on the loop (a stale one would fire into the next request)."""

    async def go() -> tuple[MinerError, list[int], dict]:
        loop = asyncio.get_running_loop()
        ours = ("_expire", "_on_timeout")  # sockio's deadline, asyncio.timeout's

        def timers() -> int:
            return sum(
                1
                for h in loop._scheduled  # type: ignore[attr-defined]
                if not h.cancelled() and getattr(h._callback, "__name__", "") in ours
            )

        left = []
        async with serve(lambda _r: fixture("stats.raw"), dribble=0.05) as (host, port, _):
            with pytest.raises(MinerError) as info:
                await CGMinerClient(host, port, Limits(1.0, 0.3)).command("stats")
            left.append(timers())
        async with serve(lambda _r: fixture("version.raw")) as (host, port, _):
            reply = await CGMinerClient(host, port, FAST).command("version")
            left.append(timers())  # a request that succeeded well within its deadlines
        async with serve(lambda _r: fixture("pools.raw"), dribble=0.01) as (host, port, _):
            await CGMinerClient(host, port, FAST).command("pools")
            left.append(timers())
        return info.value, left, reply

    err, timers, reply = run(go())
    assert (err.kind, err.message) == (ErrorKind.TIMEOUT, "timed out: no complete reply in 0.3 s")
    assert timers == [0, 0, 0]
    assert reply["VERSION"][0]["CGMiner"] == "4.11.1"


def test_a_connect_the_kernel_times_out_reads_as_cannot_connect_not_as_our_deadline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """ETIMEDOUT from the kernel is a TimeoutError too; only the request's own deadline means
    "no TCP answer in N s" (the words before the deadlines moved onto the waits)."""
    import errno

    from rig_monitor.core.wire import cgminer

    async def kernel_gave_up(_loop: object, _sock: object, _deadline: object = None) -> None:
        raise OSError(errno.ETIMEDOUT, os.strerror(errno.ETIMEDOUT))

    monkeypatch.setattr(cgminer, "connect_now", lambda *_a: False)
    monkeypatch.setattr(cgminer, "connected", kernel_gave_up)

    async def go() -> MinerError:
        with pytest.raises(MinerError) as info:
            await CGMinerClient("127.0.0.1", 9, FAST).command("version")
        return info.value

    err = run(go())
    assert err.kind is ErrorKind.UNREACHABLE
    assert err.message.startswith("cannot connect:")


def test_hung_miner_times_out_at_read_deadline() -> None:
    async def go() -> MinerError:
        async with serve(lambda _r: None) as (host, port, _):
            t0 = time.monotonic()
            with pytest.raises(MinerError) as info:
                await CGMinerClient(host, port, Limits(1.0, 0.5)).command("summary")
            assert time.monotonic() - t0 < 5  # bounded (generous: not a timing test)
            return info.value

    err = run(go())
    assert err.kind is ErrorKind.TIMEOUT
    assert "no complete reply in 0.5 s" in err.message


def test_a_timed_out_request_leaves_no_reader_behind() -> None:
    """A read cut short by its deadline must not leave its descriptor registered with the loop:
    the next socket may get the same number, and a late clean-up would then unregister it (that
    miner would hang to its own deadline)."""

    def client_side(fds: list[int], server_port: int) -> list[int]:
        left = []
        for fd in fds:
            try:
                probe = socket.socket(fileno=os.dup(fd))
            except OSError:
                left.append(fd)  # registered but closed: a stale registration
                continue
            with probe:
                if probe.family == socket.AF_INET and probe.getsockname()[1] != server_port:
                    left.append(fd)
        return left

    async def go() -> tuple[list[int], dict]:
        loop = asyncio.get_running_loop()
        respond = lambda r: None if b"summary" in r else fixture("version.raw")  # noqa: E731
        async with serve(respond) as (host, port, _):
            with pytest.raises(MinerError):
                await CGMinerClient(host, port, Limits(1.0, 0.2)).command("summary")
            fds = [k.fd for k in loop._selector.get_map().values()]  # type: ignore[attr-defined]
            left = client_side(fds, port)
            # straight after: a new connection (likely the same descriptor number) still works
            reply = await CGMinerClient(host, port, FAST).command("version")
        return left, reply

    left, reply = run(go())
    assert left == []
    assert reply["VERSION"][0]["CGMiner"] == "4.11.1"


def test_refused_port() -> None:
    async def go() -> MinerError:
        async with serve(lambda _r: b"") as (host, port, _):
            pass  # server closed: the port is now free and refuses
        with pytest.raises(MinerError) as info:
            await CGMinerClient(host, port, FAST).command("summary")
        return info.value

    assert run(go()).kind is ErrorKind.REFUSED


def test_huge_reply_is_capped() -> None:
    async def go() -> MinerError:
        big = b'{"STATUS":[{"STATUS":"S"}],"X":"' + b"a" * (256 * 1024) + b'"}\x00'
        async with serve(lambda _r: big) as (host, port, _):
            with pytest.raises(MinerError) as info:
                await CGMinerClient(host, port, FAST).command("summary")
            return info.value

    err = run(go())
    assert err.kind is ErrorKind.TOO_LARGE


@pytest.mark.parametrize(
    ("payload", "kind"),
    [
        (b"HTTP/1.1 400 Bad Request\r\n\r\n", ErrorKind.NOT_A_MINER),
        (b"\x16\x03\x01\x02\x00garbage", ErrorKind.NOT_A_MINER),
        (b'{"STATUS":[{"STATUS":"S"}]]]],"SUMMARY" 12}\x00', ErrorKind.BAD_REPLY),
        (b"", ErrorKind.BAD_REPLY),
        (b"Socket connect failed: Connection refused\n", ErrorKind.BAD_REPLY),
    ],
)
def test_bad_input_gets_a_clear_error_kind(payload: bytes, kind: ErrorKind) -> None:
    async def go() -> MinerError:
        async with serve(lambda _r: payload) as (host, port, _):
            with pytest.raises(MinerError) as info:
                await CGMinerClient(host, port, FAST).command("summary")
            return info.value

    err = run(go())
    assert err.kind is kind
    assert err.message.startswith(str(kind))


@pytest.mark.parametrize("path", ["bare socket", "bare socket, connect waited", "asyncio streams"])
def test_both_transports_read_time_out_and_refuse_alike(
    path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """IPv4 literals on a selector loop take the bare-socket path; anything else (a host name,
    Windows' proactor loop) takes asyncio's streams. Same replies, same words. The bare socket
    skips the writable wait when the connect has already completed (loopback always has): the
    wait, which a real network takes, is forced here to be tested too."""
    from rig_monitor.core.wire import cgminer, sockio

    waited: list[bool] = []
    if path == "asyncio streams":
        monkeypatch.setattr(cgminer, "_bare", lambda _host: False)
    else:
        monkeypatch.setattr(cgminer, "exchange", None)  # must not be reached
    if path == "bare socket, connect waited":

        def pending(sock: socket.socket, host: str, port: int) -> bool:
            err = sock.connect_ex((host, port))
            assert err in sockio._PENDING  # a non-blocking connect always starts pending
            waited.append(True)
            return False

        monkeypatch.setattr(cgminer, "connect_now", pending)

    async def go() -> tuple[dict, MinerError, MinerError, MinerError]:
        respond = lambda r: None if b"summary" in r else fixture("version.raw")  # noqa: E731
        async with serve(respond) as (host, port, _):
            reply = await CGMinerClient(host, port, FAST).command("version")
            with pytest.raises(MinerError) as hung:
                await CGMinerClient(host, port, Limits(1.0, 0.3)).command("summary")
        with pytest.raises(MinerError) as refused:
            await CGMinerClient(host, port, FAST).command("version")
        big = b'{"X":"' + b"a" * (256 * 1024) + b'"}\x00'
        async with serve(lambda _r: big) as (host, port, _):
            with pytest.raises(MinerError) as huge:
                await CGMinerClient(host, port, FAST).command("summary")
        return reply, hung.value, refused.value, huge.value

    reply, hung, refused, huge = run(go())
    assert reply["VERSION"][0]["CGMiner"] == "4.11.1"
    assert (hung.kind, hung.message) == (ErrorKind.TIMEOUT, "timed out: no complete reply in 0.3 s")
    assert (refused.kind, refused.message.split(":")[0]) == (ErrorKind.REFUSED, "refused")
    assert huge.kind is ErrorKind.TOO_LARGE
    assert bool(waited) is (path == "bare socket, connect waited")


def _real_replies() -> list[object]:
    from pathlib import Path

    tests = Path(__file__).parents[2]
    files = [*tests.glob("fixtures/**/*.raw"), *tests.glob("captures/*/*/rpc/*")]
    return [parse_reply(f.read_bytes()) for f in sorted(files)]


@pytest.mark.parametrize(
    "reply",
    [
        *_real_replies(),
        {"STATUS": [{"STATUS": "I"}]},
        {"STATUS": [{"STATUS": 1}]},
        {"STATUS": [{}]},
        {"STATUS": []},
        {"STATUS": ["S"]},
        {"STATUS": "S", "Msg": {}},
        {"STATUS": "E", "Msg": "invalid cmd"},
        {"STATUS": "RESTART"},
        {"STATUS": None},
        {},
    ],
)
def test_status_ok_agrees_with_status_of(reply: dict) -> None:  # type: ignore[type-arg]
    """section() asks only whether a reply succeeded: the shortcut must answer as status_of."""
    assert isinstance(reply, dict)
    assert status_ok(reply) == status_of(reply).ok


@pytest.mark.parametrize("bare", [True, False], ids=["bare socket", "asyncio streams"])
def test_v3_frames_read_alike_on_both_transports(
    bare: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatsminer v3's length-prefixed frames go through ``exchange``, which takes the bare
    socket for IPv4 literals on a selector loop and asyncio's streams otherwise: a whole frame,
    one dribbled, one cut short, a hung miner, an HTTP answer and a silent close read alike."""
    from rig_monitor.core.wire import cgminer
    from rig_monitor.core.wire.whatsminer_v3 import frame, parse_frame, request

    readers: list[object] = []
    if bare:

        class Counted(cgminer._SockReader):
            def __init__(self, *a: Any) -> None:
                readers.append(self)
                super().__init__(*a)

        monkeypatch.setattr(cgminer, "_SockReader", Counted)
    else:
        monkeypatch.setattr(cgminer, "_bare", lambda _host: False)
    whole = frame({"code": 0, "msg": {"hash-realtime": 185.4}, "desc": "summary", "when": 1})

    async def outcome(respond: Any, **kw: Any) -> tuple[object, ...]:
        async with serve(respond, **kw) as (host, port, _):
            try:
                return ("ok", await request(host, port, "summary", limits=Limits(1.0, 0.5)))
            except MinerError as exc:
                return ("error", exc.kind, exc.message)

    async def go() -> list[tuple[object, ...]]:
        return [
            await outcome(lambda _r: whole),
            await outcome(lambda _r: whole, dribble=0.005),
            await outcome(lambda _r: whole[:-6]),
            await outcome(lambda _r: None),
            await outcome(lambda _r: b"HTTP/1.1 400 Bad Request\r\n\r\n"),
            await outcome(lambda _r: b""),
        ]

    ok, dribbled, cut, hung, http, silent = run(go())
    value = parse_frame(whole[4:])
    assert ok == dribbled == ("ok", value)
    try:
        assert cut == ("ok", parse_frame(whole[4:-6]))  # the lenient decoder closes what came
    except MinerError as exc:
        assert cut == ("error", exc.kind, exc.message)
    assert hung == ("error", ErrorKind.TIMEOUT, "timed out: no complete v3 reply in 0.5 s")
    assert http[:2] == ("error", ErrorKind.NOT_A_MINER)
    assert silent == ("error", ErrorKind.BAD_REPLY, "bad reply: closed without answering")
    assert (len(readers) == 6) is bare
