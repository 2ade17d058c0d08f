"""The benchmarks' simulator process: a SimFleet (optionally spread over a /20) plus silent addresses.

Run by :class:`benchmarks._common.SimProcess`; prints ``READY <miners> <silent>`` once everything
is bound and serves until stdin closes, SIGTERM, or ``--max-seconds`` (every benchmark stops by
itself even if its parent dies). With ``--truth FILE``, each ``t`` written to its stdin makes it
write what every miner last served (:meth:`SimMiner.truth`, JSON) to FILE and print ``TRUTH``: a
benchmark judges the tools it measures against the simulator's own figures, not by parsing.

"Silent" addresses imitate a LAN host that drops packets: a listener with a backlog of 0 whose
accept queue is filled by the server itself, so further SYNs are dropped and a client's connect
times out, as on a real network (unused loopback addresses refuse at once instead).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ipaddress
import json
import os
import random
import signal
import socket
import sys
import time
from pathlib import Path

from rig_monitor.sim.collector import settle_served_fleet
from rig_monitor.sim.fleet import SimFleet
from rig_monitor.sim.miner import DEFAULT_WEB_PORT, SimMiner


def spread(base: str, span: int, count: int, seed: int) -> list[str]:
    """``count`` distinct host addresses chosen at random in ``base``/``span`` addresses."""
    net = ipaddress.IPv4Network(f"{base}/{32 - (span - 1).bit_length()}", strict=False)
    hosts = [str(h) for h in net.hosts() if int(h) & 0xFF not in (0, 255)]
    rng = random.Random(f"spread:{seed}")
    return sorted(rng.sample(hosts, count), key=lambda a: int(ipaddress.IPv4Address(a)))


def silent_listeners(addresses: list[str], port: int) -> list[socket.socket]:
    socks: list[socket.socket] = []
    for ip in addresses:
        lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        lsock.bind((ip, port))
        lsock.listen(0)
        socks.append(lsock)
        for _ in range(2):  # backlog 0 holds one: fill it, the next SYN is dropped
            c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            c.setblocking(False)
            with contextlib.suppress(BlockingIOError):
                c.connect((ip, port))
            socks.append(c)
    return socks


# A request naming any of these asks for data, not identity (version, devdetails).
DATA_WORDS = (b"summary", b"stats", b"pools", b"devs", b"edevs", b"estats", b"get_", b"status")


def hang_after_identification(ips: set[str]) -> None:
    """These miners answer ``version``/``devdetails`` alone and hang on any request for data,
    as a control board whose cgminer froze mid-read does (the case pyasic's 100 s read timeout
    hits: pyasic #234, #65). Benchmark-only: wraps the simulator's request reader."""
    from rig_monitor.sim import server as server_mod

    original = server_mod.read_request

    async def read_request(reader: asyncio.StreamReader) -> bytes:
        data = await original(reader)
        transport = getattr(reader, "_transport", None)
        local = transport.get_extra_info("sockname") if transport is not None else None
        if local and local[0] in ips and any(w in data for w in DATA_WORDS):
            await asyncio.Event().wait()  # until the server stops and cancels us
        return data

    server_mod.read_request = read_request


def truth_record(m: SimMiner) -> dict[str, object]:
    t = m.truth()
    return {
        "persona": t.persona,
        "make": t.make,
        "model": t.model,
        "firmware": t.firmware,
        "hashrate_ths": t.hashrate_ths,
        "hashrate_avg_ths": t.hashrate_avg_ths,
        "faults": sorted(t.faults),
    }


def write_truth(fleet: SimFleet, path: str) -> None:
    data = {m.ip: truth_record(m) for m in fleet.miners}
    Path(path).write_text(json.dumps(data))
    print("TRUTH", flush=True)


async def main(args: argparse.Namespace) -> None:
    # Below 1024 only inside a private network namespace (benchmarks.vs_pyasic --netns), where the
    # fleet is built on the usual stand-in port and then moved: SimFleet itself refuses such ports.
    web_port = args.web_port if args.web_port >= 1024 else DEFAULT_WEB_PORT
    fleet = SimFleet.build(
        base=args.base,
        count=args.count,
        faults_pct=args.faults,
        seed=args.seed,
        port=args.port,
        personas=args.personas.split(",") if args.personas else None,
        web_port=web_port,
    )
    if web_port != args.web_port:
        for m in fleet.miners:
            m.web_port = args.web_port
    silent_ips: list[str] = []
    if args.spread:
        chosen = spread(args.base, args.spread, args.count + args.silent, args.seed)
        rng = random.Random(f"silent:{args.seed}")
        silent_ips = sorted(rng.sample(chosen, args.silent))
        silent_set = set(silent_ips)
        miner_ips = [a for a in chosen if a not in silent_set]
        miners: list[SimMiner] = []
        for m, ip in zip(fleet.miners, miner_ips, strict=True):
            m.ip = ip
            miners.append(m)
        fleet = SimFleet(miners)
    elif args.silent:
        last = int(ipaddress.IPv4Address(fleet.miners[-1].ip)) if fleet.miners else 0
        silent_ips = [str(ipaddress.IPv4Address(last + 1 + i)) for i in range(args.silent)]
    for m in fleet.miners[: args.hung]:
        m.inject("hung")  # accepts, reads the request, never answers (a frozen control board)
    if args.hung_after_id:
        stuck = fleet.miners[args.hung : args.hung + args.hung_after_id]
        hang_after_identification({m.ip for m in stuck})
    # --inject malformed=40 --inject garbage=10: the next miners in address order, in turn
    at = args.hung + args.hung_after_id
    for spec in args.inject or []:
        fault, _, n = spec.partition("=")
        for m in fleet.miners[at : at + int(n or 1)]:
            m.inject(fault)
        at += int(n or 1)
    await fleet.start()
    silent = silent_listeners(silent_ips, args.port)
    settle_served_fleet()  # this process only serves the fleet
    if args.addresses:
        lines = [
            f"miner {m.ip}:{m.port} {m.persona_id} {m.model} {','.join(sorted(m.faults)) or '-'}"
            for m in fleet.miners
        ]
        lines += [f"silent {ip}:{args.port}" for ip in silent_ips]
        Path(args.addresses).write_text("\n".join(lines) + "\n")  # noqa: ASYNC240 (startup)
    print(f"READY {len(fleet.miners)} {len(silent_ips)}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)

    def on_stdin() -> None:
        data = os.read(sys.stdin.fileno(), 64)
        if not data:
            stop.set()
        elif args.truth and b"t" in data:
            write_truth(fleet, args.truth)

    loop.add_reader(sys.stdin.fileno(), on_stdin)
    t0 = time.monotonic()
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), args.max_seconds - (time.monotonic() - t0))
    for s in silent:
        s.close()
    await fleet.stop()


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser()
    p.add_argument("--base", default="127.200.0.1")
    p.add_argument("--count", type=int, default=500)
    p.add_argument("--port", type=int, default=4028)
    p.add_argument("--web-port", type=int, default=24080)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--faults", type=float, default=0.0)
    p.add_argument("--personas", default=None)
    p.add_argument(
        "--spread", type=int, default=0, help="spread the miners over this many addresses"
    )
    p.add_argument("--silent", type=int, default=0, help="addresses that drop SYNs (time out)")
    p.add_argument("--hung", type=int, default=0, help="the first N miners accept but never answer")
    p.add_argument(
        "--hung-after-id",
        type=int,
        default=0,
        help="the next N miners answer version/devdetails and hang on data requests",
    )
    p.add_argument(
        "--inject",
        action="append",
        metavar="FAULT=N",
        help="give the next N miners (after the hung ones) this fault; repeatable",
    )
    p.add_argument("--addresses", default=None, help="write the served addresses to this file")
    p.add_argument("--truth", default=None, help="on each 't' on stdin, write the truth here")
    p.add_argument("--max-seconds", type=float, default=900.0)
    return p.parse_args(argv)


if __name__ == "__main__":
    from benchmarks._common import raise_fd_limit

    raise_fd_limit()
    asyncio.run(main(parse_args()))
