"""The same simulated fleet read cold by Rig Monitor, pyasic and asic-rs, in one run, with ratios.

    python -m benchmarks.vs_pyasic --miners 1000 --runs 3 [--hung N] [--hung-after-id N] [--no-netns]

Neither pyasic nor asic-rs is a project dependency: each runs in its own throwaway venv, in a
child process (``python -m venv /tmp/pyasic-venv && /tmp/pyasic-venv/bin/pip install pyasic
psutil``; ``python -m venv /tmp/asicrs-venv && /tmp/asicrs-venv/bin/pip install pyasic-rs``;
or ``--pyasic-python`` / ``--asicrs-python``; a missing interpreter skips that tool). All three
do the same work from cold: identify every miner, then read its data (pyasic and asic-rs:
``get_miner`` + ``get_data`` under a semaphore; Rig Monitor: the first sweep of a fresh poller,
detection included). ``--hung`` miners accept and never answer; ``--hung-after-id`` miners answer
``version``/``devdetails`` and hang on any data request.

**Port 80.** pyasic and asic-rs find a miner's web UI on port 80 only (no option), and ordinary
users may not bind ports below 1024. So by default (``--netns``) the whole benchmark, simulator
and the three tools, re-executes itself in a private unprivileged user + network namespace
(``unshare --user --map-root-user --net``), where it may bind port 80 of the namespace's own
loopback: the simulator serves its web UI on 80 and the RPC on 4028 for every 127.x address, and
Rig Monitor is told port 80 too. That namespace has no interface but its own ``lo`` (checked and
printed): no packet can reach the host's network, or even the host's loopback, which is stricter
than the project's loopback-only rule. Where user namespaces are refused (a sysctl, some
containers) or with ``--no-netns`` the web UI stays on 24080 and a warning says pyasic and
asic-rs cannot probe it, so their figures are then not comparable.

**Read correctly.** After each tool's run the simulator writes what every miner last served
(``--truth``; no reply is parsed here with project code) and each miner the tool returned is
judged by :mod:`benchmarks._truth`: its hashrate within ±10 % of the served figure, and its model
the served one when the tool reports a model. Printed per tool: read correctly, read wrong, not
read, each with its reasons.

**The simulator's own limit.** One Python process serves the whole fleet, where a real site has a
control board per miner. The simulator's CPU during each tool's run is printed: when it nears the
run's wall time the simulator, not the tool, sets the pace, and a tool that gives up early (pyasic's
identification timeout is 3 s, asic-rs's 10 s with 5 s per request) reports miners it would read
on a LAN as not identified. ``--concurrency`` lowers the pressure for every tool alike.
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import ipaddress
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from benchmarks._common import SimProcess, cpu_s, loadavg, machine, median, raise_fd_limit
from benchmarks._truth import judge

BASE = "127.240.0.1"
DEFAULT_PYASIC_PYTHON = "/tmp/pyasic-venv/bin/python"
DEFAULT_ASICRS_PYTHON = "/tmp/asicrs-venv/bin/python"
NETNS_ENV = "RIG_MONITOR_BENCH_NETNS"  # the re-executed child, in the namespace: the uid outside
SIM_WEB_PORT = 24080  # outside a namespace: the simulator's stand-in for port 80

# The same timed identify+read loop for both tools, run with their own venv's python (neither
# can import this project); only how a miner object is obtained, how its hashrate becomes TH/s and
# where its model sits differ. Each miner's result: [ip, outcome, TH/s or None, model or None].
_CHILD = r"""
import asyncio, json, os, sys, time
{imports}
ips = json.loads(sys.argv[1]); conc = int(sys.argv[2])
def to_ths(hr):
    return {to_ths}
def model_of(data):
    try:
        m = {model}
    except Exception:
        return None
    return None if m is None else str(m)
async def main():
{setup}
    sem = asyncio.Semaphore(conc)
    async def one(ip):
        async with sem:
            try:
                miner = await asyncio.wait_for({get_miner}(ip), 30)
                if miner is None:
                    return [ip, "not identified", None, None]
                data = await asyncio.wait_for(miner.get_data(), 30)
                hr = data.hashrate
                if hr is None:
                    return [ip, "no hashrate", None, model_of(data)]
                return [ip, "read", to_ths(hr), model_of(data)]
            except Exception as exc:
                return [ip, type(exc).__name__, None, None]
    t0 = time.perf_counter(); c0 = sum(os.times()[:2])
    res = await asyncio.gather(*(one(ip) for ip in ips))
    wall = time.perf_counter() - t0; cpu = sum(os.times()[:2]) - c0
    print("RESULT " + json.dumps({{"wall": wall, "cpu": cpu, "miners": res,
          "version": {version}}}))
asyncio.run(main())
"""

PYASIC_CHILD = _CHILD.format(
    imports="import pyasic",
    setup="    pass",
    get_miner="pyasic.get_miner",
    to_ths="float(hr.rate) * int(hr.unit) / 1e12",  # AlgoHashRate: rate in unit, unit in H/s
    model="data.model",
    version='pyasic.__version__ if hasattr(pyasic, "__version__") else "?"',
)
ASICRS_CHILD = _CHILD.format(
    imports="from importlib.metadata import version\nfrom pyasic_rs import MinerFactory\n"
    "from pyasic_rs.asic_rs import HashRateUnit",
    setup="    factory = MinerFactory()",
    get_miner="factory.get_miner",
    to_ths="hr.into_unit(HashRateUnit.TH).value",
    model="data.device_info.model",
    version='version("pyasic-rs")',
)

Miner = list[object]  # [ip, outcome, TH/s or None, model or None]


def _ips(n: int) -> list[str]:
    out: list[str] = []
    addr = int(ipaddress.IPv4Address(BASE))
    while len(out) < n:
        if addr & 0xFF not in (0, 255):
            out.append(str(ipaddress.IPv4Address(addr)))
        addr += 1
    return out


async def rig_monitor_cold(ips: list[str], concurrency: int, web_port: int) -> dict[str, object]:
    from rig_monitor.core.engine.engine import Batch, EngineConfig, PollEngine
    from rig_monitor.core.engine.poller import Poller
    from rig_monitor.core.model import Ports, Target

    poller = Poller(ports=Ports(web=web_port))
    miners: list[Miner] = []

    def on_batch(b: Batch) -> None:
        for snap in b.snapshots:
            if snap.online and snap.hashrate_ths is not None:
                miners.append([snap.ip, "read", snap.hashrate_ths, snap.model])
            else:
                miners.append([snap.ip, str(snap.error_kind or "no hashrate"), None, snap.model])

    engine = PollEngine(
        poller.poll, on_batch, EngineConfig(interval_s=0.0, concurrency=concurrency)
    )
    web = None if web_port == 80 else web_port
    engine.set_targets([Target(ip, 4028, web_port=web) for ip in ips])
    c0, t0 = cpu_s(), time.perf_counter()
    await engine.sweep()
    wall, cpu = time.perf_counter() - t0, cpu_s() - c0
    await poller.aclose()
    return {"wall": wall, "cpu": cpu, "miners": miners}


def _run(cmd: list[str], timeout_s: float) -> subprocess.CompletedProcess[str] | str:
    """The finished process, or why it could not run."""
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout_s, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return str(exc)


def child_cold(
    name: str, python: str, code: str, ips: list[str], concurrency: int
) -> dict[str, object] | str:
    out = _run([python, "-c", code, json.dumps(ips), str(concurrency)], 900)
    if isinstance(out, str):
        return f"{name} could not run: {out}"
    line = next((x for x in out.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        return f"{name} failed: {out.stderr[-1500:]}"
    result: dict[str, object] = json.loads(line[7:])
    return result


def tally(
    miners: list[Miner], truth: dict[str, dict[str, object]], expected: list[str]
) -> tuple[Counter[str], Counter[str]]:
    """Verdict counts and "verdict: reason" counts; a miner the tool never returned is not read."""
    verdicts: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    seen = set()
    for ip, outcome, ths, model in miners:
        seen.add(ip)
        if outcome != "read":
            verdict, reason = "not read", str(outcome)
        else:
            served = truth.get(str(ip))
            if served is None:
                verdict, reason = "wrong", "an address the simulator does not serve"
            else:
                hashrate = float(ths) if isinstance(ths, int | float) else None
                verdict, reason = judge(hashrate, None if model is None else str(model), served)
        if reason:
            served = truth.get(str(ip), {})
            kind = " ".join(str(served[k]) for k in ("persona", "model") if served.get(k))
            reasons[f"{verdict}: {reason} [{kind or '?'}]"] += 1
        verdicts[verdict] += 1
    for ip in expected:
        if ip not in seen:
            verdicts["not read"] += 1
            reasons["not read: not returned"] += 1
    return verdicts, reasons


def netns_refusal() -> str | None:
    """Why a private user + network namespace cannot be made here, or None if it can."""
    if shutil.which("unshare") is None:
        return "unshare (util-linux) is not installed"
    probe = _run(["unshare", "--user", "--map-root-user", "--net", "true"], 30)
    if isinstance(probe, str):
        return f"unshare failed: {probe}"
    if probe.returncode != 0:
        return f"unshare refused: {probe.stderr.strip() or probe.returncode}"
    return None


def loopback_up() -> list[str]:
    """Bring up the new namespace's ``lo`` (as ``ip link set lo up`` does: SIOCSIFFLAGS), and
    return the namespace's interfaces, which must be ``lo`` alone."""
    siocgifflags, siocsifflags, iff_up = 0x8913, 0x8914, 0x1
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        ifr = struct.pack("16sh22x", b"lo", 0)
        flags = struct.unpack("16sh22x", fcntl.ioctl(s, siocgifflags, ifr))[1]
        fcntl.ioctl(s, siocsifflags, struct.pack("16sh22x", b"lo", flags | iff_up))
    return [name for _, name in socket.if_nameindex()]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--miners", type=int, default=1000)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--concurrency", type=int, default=200, help="all sides (pyasic's default)")
    p.add_argument(
        "--hung",
        type=int,
        default=0,
        help="the first N miners accept connections and never answer, as frozen ones do",
    )
    p.add_argument(
        "--hung-after-id",
        type=int,
        default=0,
        help="the next N miners answer version/devdetails, then hang on every data request",
    )
    p.add_argument(
        "--personas",
        default=None,
        help="simulator personas, comma-separated (default: the simulator's mix)",
    )
    p.add_argument(
        "--netns",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="run in a private user + network namespace with the web UI on port 80 (default; "
        "falls back, with a warning, where namespaces are refused)",
    )
    p.add_argument(
        "--pyasic-python", default=os.environ.get("PYASIC_PYTHON", DEFAULT_PYASIC_PYTHON)
    )
    p.add_argument(
        "--asicrs-python", default=os.environ.get("ASICRS_PYTHON", DEFAULT_ASICRS_PYTHON)
    )
    args = p.parse_args(argv)
    outer_uid = os.environ.get(NETNS_ENV)
    inside = outer_uid is not None
    if args.netns and not inside:
        refusal = netns_refusal()
        if refusal is None:
            cmd = ["unshare", "--user", "--map-root-user", "--net", "--"]
            cmd += [sys.executable, "-m", "benchmarks.vs_pyasic", *argv]
            env = {**os.environ, NETNS_ENV: str(os.getuid())}
            root = Path(__file__).resolve().parent.parent
            return subprocess.run(cmd, env=env, cwd=root, check=False).returncode
        print(
            f"WARNING: no private network namespace ({refusal}): the simulator's web UI stays on "
            f"port {SIM_WEB_PORT}, so pyasic and asic-rs cannot probe port 80 and identify only "
            "what they recognise from the RPC; their figures are not comparable"
        )
    elif not args.netns:
        print(
            f"--no-netns: the simulator's web UI is on port {SIM_WEB_PORT}; pyasic and asic-rs "
            "cannot probe port 80 and identify only what they recognise from the RPC"
        )
    web_port = SIM_WEB_PORT
    if inside:
        interfaces = loopback_up()
        if interfaces != ["lo"]:
            print(f"refusing to run: the namespace has interfaces {interfaces}, not lo alone")
            return 1
        web_port = 80
        print(
            "private user + network namespace (interfaces: lo only): web UI on port 80, "
            f"RPC on 4028; started by uid {outer_uid}, uid {os.getuid()} in the namespace"
        )
    raise_fd_limit()
    print(machine())
    others = {
        "pyasic": (args.pyasic_python, PYASIC_CHILD),
        "asic-rs": (args.asicrs_python, ASICRS_CHILD),
    }
    for name, (python, _) in list(others.items()):
        if not Path(python).exists():
            print(f"{name} interpreter {python} not found (see the module docstring): skipped")
            del others[name]
    ips = _ips(args.miners)
    walls: dict[str, list[float]] = {"rig-monitor": [], **{n: [] for n in others}}
    cpus: dict[str, list[float]] = {n: [] for n in walls}
    correct: dict[str, list[int]] = {n: [] for n in walls}
    runs: dict[str, list[str]] = {n: [] for n in walls}  # correct/wrong/not read, each run
    sim_cpus: dict[str, list[float]] = {n: [] for n in walls}  # near wall: the sim is the limit
    verdicts: dict[str, Counter[str]] = {}
    reasons: dict[str, Counter[str]] = {}
    versions: dict[str, str] = {}
    truth_file = Path(tempfile.mkdtemp(prefix="vs_pyasic-")) / "truth.json"
    sim_args = ["--base", BASE, "--count", str(args.miners), "--port", "4028", "--seed", "3"]
    sim_args += ["--hung", str(args.hung), "--hung-after-id", str(args.hung_after_id)]
    sim_args += ["--web-port", str(web_port), "--truth", str(truth_file)]
    if args.personas:
        sim_args += ["--personas", args.personas]
    with SimProcess(sim_args) as sim:
        for _ in range(args.runs):
            for name in walls:
                r: dict[str, object] | str
                sim_c0 = sim.cpu_s()
                if name == "rig-monitor":
                    r = asyncio.run(rig_monitor_cold(ips, args.concurrency, web_port))
                else:
                    python, code = others[name]
                    r = child_cold(name, python, code, ips, args.concurrency)
                if isinstance(r, str):
                    print(r)
                    return 1
                sim_cpus[name].append(sim.cpu_s() - sim_c0)
                truth = sim.truth(truth_file)  # what this tool was just served
                walls[name].append(float(r["wall"]))  # type: ignore[arg-type]
                cpus[name].append(float(r["cpu"]))  # type: ignore[arg-type]
                v, why = tally(r["miners"], truth, ips)  # type: ignore[arg-type]
                correct[name].append(v["correct"])
                runs[name].append(f"{v['correct']}/{v['wrong']}/{v['not read']}")
                verdicts[name], reasons[name] = v, why
                versions[name] = str(r.get("version", "this tree"))
        if sim.output_lines:
            print(f"the simulator printed {sim.output_lines} lines; the last ones:")
            for line in list(sim.output_tail)[-5:]:
                print(f"      {line[:200]}")
    truth_file.unlink(missing_ok=True)
    truth_file.parent.rmdir()
    print(
        f"vs_pyasic: {args.miners} miners ({args.hung} hung, {args.hung_after_id} hung after "
        f"identification), concurrency {args.concurrency}, cold (identify + read), web UI on "
        f"port {web_port}, median of {args.runs}; personas {args.personas or 'default mix'}; "
        f"load {loadavg()}"
    )
    ow, oc = median(walls["rig-monitor"]), median(cpus["rig-monitor"])
    for name in walls:
        w, c = median(walls[name]), median(cpus[name])
        ratio = (
            f"; {name}/rig-monitor: wall {w / ow:.1f}x, CPU {c / oc:.1f}x" if name in others else ""
        )
        print(
            f"  {name:<12} {versions[name]:<10} wall {w:6.2f} s (runs "
            + " ".join(f"{x:.2f}" for x in walls[name])
            + f"), CPU {c:6.2f} s (runs "
            + " ".join(f"{x:.2f}" for x in cpus[name])
            + f"){ratio}\n      simulator CPU "
            + " ".join(f"{x:.2f}" for x in sim_cpus[name])
            + f" s; read correctly {median(correct[name]):.0f}/{args.miners} (median); "
            + f"correct/wrong/not read per run {' '.join(runs[name])}; reasons in the last run:"
        )
        for reason, n in reasons[name].most_common():
            print(f"      {n:5d}  {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
