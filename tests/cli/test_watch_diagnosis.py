"""Issue 9 through ``watch`` on the simulator: healthy miners with realistic noise stay quiet,
each slow failure raises its early warning before any critical fault, a dark rack / a block's
pool outage / a hot block give exactly one incident, a dead Antminer goes offline (no cached
web reading, no false restart). Loopback only; simulated time (benchmarks/_watchsim.py runs the
real poller, engine and FaultStage, with the simulator's clock moving one minute per sweep)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable

import pytest

from benchmarks._watchsim import SimClock, Sweep, visible, watch
from rig_monitor.cli import main
from rig_monitor.core.model import Severity
from rig_monitor.sim.faults import SLOW_FAULTS
from rig_monitor.sim.fleet import SimFleet
from rig_monitor.sim.miner import SimMiner
from rig_monitor.sim.thread import SimFleetThread

PORT, WEB, V3 = 24161, 24261, 24361


def run(
    fleet: SimFleet, clock: SimClock, sweeps: int, on: Callable[[Sweep], None] | None = None
) -> list[Sweep]:
    with SimFleetThread(fleet):
        return watch(fleet, clock, sweeps, web_port=WEB, v3_port=V3, on_sweep=on)


def build(base: str, count: int, seed: int, clock: SimClock, **kw: object) -> SimFleet:
    return SimFleet.build(
        base=base, count=count, seed=seed, port=PORT, web_port=WEB, v3_port=V3, clock=clock, **kw
    )  # type: ignore[arg-type]


def test_healthy_mixed_fleet_with_noise_raises_nothing_in_40_minutes() -> None:
    clock = SimClock()
    fleet = build("127.71.0.1", 60, 21, clock)
    flagged: dict[str, set[str]] = {}

    def on(sw: Sweep) -> None:
        for key, ids in visible(sw).items():
            if ids:
                flagged.setdefault(key, set()).update(ids)

    sweeps = run(fleet, clock, 40, on)
    assert len(sweeps) == 40 and all(s.online for s in sweeps[-1].snaps)
    assert flagged == {}
    assert sweeps[-1].report is not None and sweeps[-1].report.incidents == ()


def test_each_slow_failure_warns_before_any_critical() -> None:
    clock = SimClock()
    fleet = build("127.72.0.1", 40, 22, clock, personas=["antminer:S19j Pro", "antminer:S21"])
    plan: dict[str, tuple[str, SimMiner]] = {}
    for n, fault in enumerate(SLOW_FAULTS):
        for m in fleet.miners[2 * n : 2 * n + 2]:
            plan[f"{m.ip}:{m.port}"] = (fault, m)
    warned: dict[str, int] = {}
    critical: dict[str, int] = {}
    details: dict[str, str] = {}

    def on(sw: Sweep) -> None:
        if sw.n == 2:
            for fault, m in plan.values():
                m.inject(fault)
        for s in sw.snaps:
            if s.key not in plan or sw.n <= 2:
                continue
            want = SLOW_FAULTS[plan[s.key][0]]
            for f in s.faults:
                if f.id == want:
                    warned.setdefault(s.key, sw.n)
                    details.setdefault(want, f.detail)
                    assert f.since is not None
                elif f.severity is Severity.CRITICAL:
                    critical.setdefault(s.key, sw.n)

    run(fleet, clock, 34, on)
    for key, (fault, _m) in plan.items():
        assert key in warned, f"{fault} on {key}: no {SLOW_FAULTS[fault]}"
        assert warned[key] < critical.get(key, 10**9), f"{fault} on {key}: critical first"
    # evidence in words
    assert "lost" in details["chips_dropping"] and "chips" in details["chips_dropping"]
    assert "dropped off" in details["miner_flapping"]
    assert "255" in details["temp_sensor_fault"]
    assert "read 0 rpm" in details["fan_intermittent"]


@pytest.mark.parametrize(
    ("fault", "block", "sweeps", "incident", "scope"),
    [
        ("offline", (192, 254), 6, "site_network_or_power", "127.73.0.192/26"),
        ("pools_dead", None, 6, "site_pool_outage", "127.73.1.0/24"),
        ("heat_creep", None, 20, "site_cooling", "127.73.1.0/24"),
    ],
)
def test_shared_cause_is_exactly_one_incident(
    fault: str, block: tuple[int, int] | None, sweeps: int, incident: str, scope: str
) -> None:
    clock = SimClock()
    fleet = build("127.73.0.151", 150, 23, clock)  # .151–.254 and 127.73.1.1–.46
    if block is not None:
        group = [m for m in fleet.miners if m.ip.startswith("127.73.0.")]
        group = [m for m in group if block[0] <= int(m.ip.rsplit(".", 1)[1]) <= block[1]]
    else:
        group = [m for m in fleet.miners if m.ip.startswith("127.73.1.")]
    group = [m for m in group if fault in m.supported_faults()]
    seen: list[list[tuple[str, str | None]]] = []

    def on(sw: Sweep) -> None:
        if sw.n == 2:
            for m in group:
                m.inject(fault)
        assert sw.report is not None
        seen.append([(i.id, i.scope) for i in sw.report.incidents])

    run(fleet, clock, sweeps, on)
    assert seen[0] == [] and seen[1] == []  # healthy before
    first = next(n for n, inc in enumerate(seen) if inc)
    assert seen[first] == [(incident, scope)]
    assert all(inc == [(incident, scope)] for inc in seen[first:])  # one, and it holds
    if fault != "heat_creep":
        assert first == 2  # the first sweep that sees it
    else:
        # the block's truth: +0.3 °C a minute; observable at the 4 °C the incident asks for
        observable = 2 + 4 / 0.3
        assert first <= observable + 2


def test_dead_stock_antminer_goes_offline_not_cached_and_no_false_reboot() -> None:
    clock = SimClock()
    fleet = build("127.74.0.1", 3, 24, clock, personas=["antminer:S19j Pro"])
    ids: list[dict[str, set[str]]] = []
    online: list[list[bool]] = []

    def on(sw: Sweep) -> None:
        if sw.n == 3:
            fleet.miners[0].inject("offline")  # 4028 and the web UI both gone
        if sw.n == 8:
            fleet.miners[0].clear("offline")
        ids.append({s.key: {f.id for f in s.faults} for s in sw.snaps})
        online.append([s.online for s in sw.snaps])

    run(fleet, clock, 10, on)
    key = f"{fleet.miners[0].ip}:{PORT}"
    assert online[2] == [True, True, True]
    assert all(o[0] is False for o in online[3:8])  # not "online" on cached web pages
    assert ids[7][key] == {"miner_unreachable"}
    assert online[8][0] is True
    assert all("unexpected_reboot" not in i[key] for i in ids)


def test_watch_json_sweeps_carry_incidents_and_since() -> None:
    fleet = SimFleet.build(
        base="127.75.0.1", count=20, seed=25, port=PORT, web_port=WEB, v3_port=V3
    )
    for m in fleet.miners[:12]:
        m.inject("offline")
    with SimFleetThread(fleet):
        out = io.StringIO()
        argv = ["watch", f"127.75.0.1-20:{PORT}", "--json", "--timeout", "1"]
        argv += ["--sweeps", "2", "--interval", "0.2", "--web-port", str(WEB)]
        argv += ["--v3-port", str(V3)]
        assert main(argv, out) == 0
        doc = json.loads(out.getvalue())
        out = io.StringIO()
        argv = ["diagnose", f"127.75.0.1-20:{PORT}", "--json", "--timeout", "1"]
        argv += ["--web-port", str(WEB), "--v3-port", str(V3)]
        assert main(argv, out) == 0
        diag = json.loads(out.getvalue())
    assert len(doc) == 2
    for sweep in doc:
        assert "incidents" in sweep
        for m in sweep["miners"]:
            for f in m["faults"]:
                assert isinstance(f["since"], float)
    (inc,) = doc[-1]["incidents"]
    (same,) = diag["incidents"]
    assert set(inc) == set(same) == {
        "id", "severity", "title", "detail", "miners", "scope", "fault_id", "since",
    }  # fmt: skip
    assert inc["id"] == same["id"] == "site_network_or_power"
    assert len(inc["miners"]) == 12 and inc["miners"] == same["miners"]


def test_explain_prints_the_catalogue_entry(capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    assert main(["explain", "fan_intermittent"], out) == 0
    text = out.getvalue()
    assert text.startswith("fan_intermittent — ") and "Likely causes:" in text
    assert "How to confirm:" in text and "fan_intermittent.window_s" in text
    out = io.StringIO()
    assert main(["explain", "chip_overtemp", "--json"], out) == 0
    entry = json.loads(out.getvalue())
    assert entry["params"]["crit_c"] == 100 and "Vnish" in entry["sources"]["crit_c"]
    assert main(["explain", "fan_intermitent"], io.StringIO()) == 2
    assert "Did you mean: fan_intermittent" in capsys.readouterr().err


def _poll(fleet: SimFleet, rng: str) -> list[dict[str, object]]:
    out = io.StringIO()
    argv = ["poll", rng, "--json", "--timeout", "2", "--web-port", str(WEB), "--v3-port", str(V3)]
    assert main(argv, out) == 0
    doc: list[dict[str, object]] = json.loads(out.getvalue())
    return doc


def test_firmware_fixes_whatsminer_v3_fallback_bfgminer_avalon() -> None:
    personas = ["whatsminer:M60S_VL20", "bfgminer", "avalon", "avalon", "avalon"]
    parts = [
        SimFleet.build(
            base=f"127.78.0.{i + 1}",
            count=1,
            seed=30 + i,
            port=PORT,
            web_port=WEB,
            v3_port=V3,
            personas=[p],
        )
        for i, p in enumerate(personas)
    ]
    fleet = SimFleet([m for part in parts for m in part.miners])
    fleet.miners[2].inject("pools_dead")
    fleet.miners[3].inject("missing_chips")
    with SimFleetThread(fleet):
        wm, bfg, dead, short, fine = _poll(fleet, f"127.78.0.1-5:{PORT}")
    # reduced legacy API on 4028: read over v3, with a model and a hashrate
    assert wm["online"] and wm["model"] == "M60S_VL20" and wm["hashrate_ths"]
    assert "read over API v3" in " ".join(wm["notes"])  # type: ignore[arg-type]
    assert wm["faults"] == []
    assert (bfg["firmware"], bfg["firmware_version"]) == ("bfgminer", "5.5.0")
    # Avalon with dead pools: the pool outage on top, not "idle by design", no mining_stopped
    ids = [f["id"] for f in dead["faults"]]  # type: ignore[union-attr]
    assert ids == ["pools_all_dead"]
    # Avalon chips missing, seen by comparing its boards with each other
    (miss,) = short["faults"]  # type: ignore[misc]
    assert miss["id"] == "chips_missing" and "chips" in miss["detail"]
    assert fine["faults"] == []
