"""Fleet diagnosis: many miners, one shared cause, one incident."""

from __future__ import annotations

from rig_monitor.core.faults import FaultTracker, diagnose, load_catalogue
from rig_monitor.core.model import MinerSnapshot, Pool, PoolStatus, Severity
from tests.core.faults.factory import S19JPRO, T0, offline, s19


def site() -> dict[str, MinerSnapshot]:
    """110 healthy miners: rack B3 = 10.10.1.1–22 (one /26), 10.10.1.65–92, 10.10.2.1–30,
    10.10.3.1–30."""
    ips = [f"10.10.1.{i}" for i in [*range(1, 23), *range(65, 93)]]
    ips += [f"10.10.2.{i}" for i in range(1, 31)] + [f"10.10.3.{i}" for i in range(1, 31)]
    return {ip: s19(ip) for ip in ips}


def alive(t: float) -> list[Pool]:
    return [
        Pool(
            "stratum+tcp://btc.pool.example:3333",
            status=PoolStatus.ALIVE,
            active=True,
            priority=0,
            last_share_time=t - 5,
        )
    ]


def test_rack_outage_is_one_incident_and_scattered_failures_are_not() -> None:
    miners = site()
    rack = [f"10.10.1.{i}" for i in range(1, 21)]
    for ip in [*rack, "10.10.2.7", "10.10.3.19"]:
        miners[ip] = offline(ip)
    incidents = diagnose(miners.values())
    assert [i.id for i in incidents] == ["site_network_or_power"]
    inc = incidents[0]
    assert inc.severity is Severity.CRITICAL and inc.scope == "10.10.1.0/26"
    assert inc.miners == [f"{ip}:4028" for ip in rack]
    assert inc.title == (
        "20 miners in 10.10.1.0/26 unreachable — a switch, PDU or breaker, not 20 miners"
    )
    assert (
        inc.detail == "20 of 22 miners in 10.10.1.0/26 stopped answering (10.10.1.1 … 10.10.1.20)."
    )
    assert inc.fault_id == "miner_unreachable"


def test_half_a_subnet_down_is_not_blamed_on_the_rack() -> None:
    miners = site()
    for i in [*range(1, 23, 2), *range(65, 93, 2)]:  # every other miner: not one feed
        miners[f"10.10.1.{i}"] = offline(f"10.10.1.{i}")
    assert [i.id for i in diagnose(miners.values())] == []


def test_rack_outage_through_the_tracker_says_since_when() -> None:
    tr = FaultTracker(spec_lookup=lambda make, model: S19JPRO)
    ips = [f"10.10.1.{i}" for i in range(1, 43)] + [f"10.10.2.{i}" for i in range(1, 31)]
    for n in range(4):
        t = T0 + 60 * n
        batch = [
            offline(ip, t)
            if ip.startswith("10.10.1.") and int(ip.split(".")[3]) <= 40
            else s19(ip, timestamp=t, pools=alive(t))
            for ip in ips
        ]
        tr.update(batch, now=t)
    incidents = diagnose(batch, tr.active())
    assert len(incidents) == 1 and len(incidents[0].miners) == 40
    assert incidents[0].since == T0 and " since " in incidents[0].detail


def test_pool_outage() -> None:
    dead = [
        Pool("stratum+tcp://btc.pool.example:3333", status=PoolStatus.DEAD, priority=0),
        Pool("stratum+tcp://backup.pool.example:443", status=PoolStatus.DEAD, priority=1),
    ]
    miners = {ip: s19(ip, pools=dead) for ip in site()}
    miners["x"] = offline("10.10.9.9")
    incidents = diagnose(miners.values())
    assert [i.id for i in incidents] == ["site_pool_outage"]
    inc = incidents[0]
    assert len(inc.miners) == 110 and inc.fault_id == "pools_all_dead"
    assert inc.title.startswith("All pools dead on 110 miners — check the site's internet link")
    few = site()
    for ip in ("10.10.1.3", "10.10.2.4"):
        few[ip] = s19(ip, pools=dead)
    assert diagnose(few.values()) == []


def test_hot_intake_across_a_container() -> None:
    miners = site()
    for i in range(1, 21):
        miners[f"10.10.2.{i}"] = s19(f"10.10.2.{i}", temp_inlet_c=40.5 + i / 10)
    incidents = diagnose(miners.values())
    assert [(i.id, i.scope, len(i.miners)) for i in incidents] == [
        ("site_cooling", "10.10.2.0/24", 20)
    ]
    assert "on 20 of 30 miners in 10.10.2.0/24 (hottest 42.5 °C)" in incidents[0].detail


def test_inlet_rising_early_warning_from_the_tracker() -> None:
    tr = FaultTracker(spec_lookup=lambda make, model: S19JPRO)
    ips = [f"10.10.2.{i}" for i in range(1, 49)]
    for n in range(31):  # +0.2 °C a minute for 30 minutes, still below any threshold
        t = T0 + 60 * n
        batch = [s19(ip, timestamp=t, temp_inlet_c=24.0 + 0.2 * n, pools=alive(t)) for ip in ips]
        tr.update(batch, now=t)
    trends = tr.inlet_trends()
    assert round(trends["10.10.2.1:4028"]) == 6
    assert tr.active() == []
    incidents = diagnose(batch, tr.active(), inlet_rise=trends)
    assert [i.id for i in incidents] == ["site_cooling"]
    assert incidents[0].title == (
        "Inlet +6 °C in 30 min across 10.10.2.0/24 (48 miners) — check cooling"
    )


def test_power_blip() -> None:
    miners = site()
    for k, ip in enumerate([f"10.10.3.{i}" for i in range(1, 31)]):
        miners[ip] = s19(ip, uptime_s=240 + k % 7)  # all booted within seconds of each other
    incidents = diagnose(miners.values())
    assert [i.id for i in incidents] == ["site_power_blip"]
    assert len(incidents[0].miners) == 30 and "10.10.3.0/24: 30" in incidents[0].detail
    spread = site()
    for k, ip in enumerate([f"10.10.3.{i}" for i in range(1, 31)]):
        spread[ip] = s19(ip, uptime_s=120 + k * 400 if k < 8 else 3 * 86_400)
    assert diagnose(spread.values()) == []


def test_incident_titles_translate() -> None:
    miners = site()
    for i in range(1, 21):
        miners[f"10.10.1.{i}"] = offline(f"10.10.1.{i}")
    inc = diagnose(miners.values(), catalogue=load_catalogue("ru"))[0]
    assert inc.title.startswith("20 асиков в 10.10.1.0/26 не отвечают")


def test_a_run_of_consecutive_addresses_is_one_incident_even_across_subnet_lines() -> None:
    miners = site()
    run = [f"10.10.1.{i}" for i in range(70, 82)]  # 12 of 28 in their /26: under 80 %
    for ip in run:
        miners[ip] = offline(ip)
    incidents = diagnose(miners.values())
    assert [i.id for i in incidents] == ["site_network_or_power"]
    assert incidents[0].miners == [f"{ip}:4028" for ip in run]
    assert incidents[0].scope == "10.10.1.70–10.10.1.81"


def test_an_answering_miner_splits_a_run() -> None:
    miners = site()
    for i in [*range(70, 75), *range(76, 81)]:  # 5 + 5 dark, 10.10.1.75 still answers
        miners[f"10.10.1.{i}"] = offline(f"10.10.1.{i}")
    assert diagnose(miners.values()) == []


def test_block_heating_without_inlet_sensors_and_a_warming_site() -> None:
    miners = site()
    keys = [s.key for s in miners.values()]
    block = [k for k in keys if k.startswith("10.10.2.")]
    rise = {k: (6.0 if k in block else 0.5) for k in keys}
    incidents = diagnose(miners.values(), [], temp_rise=rise)
    assert [(i.id, i.scope, len(i.miners)) for i in incidents] == [
        ("site_cooling", "10.10.2.0/24", len(block))
    ]
    assert "vs 0.5 °C on the rest" in incidents[0].title
    # the whole site warming together: one incident for the room, not one per block
    warm = {k: 6.0 for k in keys}
    (room,) = diagnose(miners.values(), [], temp_rise=warm)
    assert room.id == "site_cooling" and "across the site" in room.title
    assert diagnose(miners.values(), [], temp_rise={k: 2.0 for k in keys}) == []
