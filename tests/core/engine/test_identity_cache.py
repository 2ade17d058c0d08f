"""Warm start: saved identities skip detection, and a miner that contradicts its entry is
identified again at once (issue 15)."""

from __future__ import annotations

import asyncio
import dataclasses
import io
import json
from pathlib import Path
from typing import Any

import pytest

from rig_monitor.cli import main
from rig_monitor.core.engine import identity_cache
from rig_monitor.core.engine.identity_cache import CachedIdentity
from rig_monitor.core.engine.poller import Poller
from rig_monitor.core.model import MinerSnapshot, Target
from rig_monitor.core.paths import cache_dir
from rig_monitor.core.wire.cgminer import CGMinerClient
from tests.core.webfleet import FAST, fleet
from tests.core.webfleet import poll as cold_poll


def record_rpc(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """Every RPC request sent from now on (the list fills as requests go out)."""
    sent: list[bytes] = []
    real_raw = CGMinerClient.raw

    async def raw(self: CGMinerClient, payload: bytes) -> bytes:
        sent.append(payload)
        return await real_raw(self, payload)

    monkeypatch.setattr(CGMinerClient, "raw", raw)
    return sent


def polls(
    target: Target, entries: dict[str, CachedIdentity], monkeypatch: pytest.MonkeyPatch
) -> tuple[MinerSnapshot, list[bytes], Poller]:
    sent = record_rpc(monkeypatch)

    async def go() -> tuple[MinerSnapshot, Poller]:
        poller = Poller(FAST)
        try:
            assert poller.seed([target], entries) == len(entries)
            return await poller.poll(target), poller
        finally:
            await poller.aclose()

    snap, poller = asyncio.run(go())
    return snap, sent, poller


def test_a_cached_identity_skips_detection(monkeypatch: pytest.MonkeyPatch) -> None:
    with fleet(["antminer:S19j Pro"]) as f:
        t = f.targets[0]
        entry = CachedIdentity("antminer", "Antminer", "S19j Pro", "stock", seen=1.0)
        snap, sent, poller = polls(t, {t.key: entry}, monkeypatch)
    assert snap.online and snap.model == "S19j Pro" and snap.hashrate_ths
    assert len(sent) == 1 and b"devdetails" not in sent[0]  # the driver's read, no probe
    saved = poller.identities()[t.key]
    assert (saved.family, saved.model, saved.mac) == ("antminer", "S19j Pro", snap.mac)
    assert saved.mac and saved.seen > 1.0


def test_a_miner_contradicting_its_entry_is_identified_again_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with fleet(["braiins:S19 XP"]) as f:
        t = f.targets[0]
        wrong = CachedIdentity("antminer", "Antminer", "S21", "stock", seen=1.0)  # replaced since
        snap, sent, poller = polls(t, {t.key: wrong}, monkeypatch)
    assert snap.online and snap.family == "braiins" and snap.model == "S19 XP"
    assert any(b"devdetails" in p for p in sent)  # detection ran
    assert poller.identities()[t.key].family == "braiins"


def test_another_model_at_the_address_is_identified_again(monkeypatch: pytest.MonkeyPatch) -> None:
    with fleet(["antminer:S21"]) as f:
        t = f.targets[0]
        old = CachedIdentity("antminer", "Antminer", "S19j Pro", "stock", seen=1.0)
        snap, sent, _ = polls(t, {t.key: old}, monkeypatch)
    assert snap.online and snap.model == "S21"
    assert any(b"devdetails" in p for p in sent)


def test_file_round_trip_and_hostile_files(tmp_path: Path) -> None:
    path = tmp_path / "x" / "ids.json"
    e = CachedIdentity("whatsminer", "Whatsminer", "M50S", None, None, 24080, "aa", "s1", 5e9)
    identity_cache.save(path, {"127.0.0.1:4028": e})
    assert identity_cache.load(path, now=5e9) == {"127.0.0.1:4028": e}
    assert identity_cache.load(path, now=5e9 + identity_cache.MAX_AGE_S + 1) == {}  # too old
    assert [p.name for p in path.parent.iterdir()] == ["ids.json"]  # no temporary left behind
    for text in ("{", "[]", '{"version": 99, "miners": {}}', '{"version": 1, "miners": 3}'):
        path.write_text(text)
        assert identity_cache.load(path) == {}
    path.write_text(
        json.dumps(
            {
                "version": 1,
                "miners": {
                    "a": {"family": 3},
                    "b": {"family": "antminer", "web_port": "x", "model": 7, "seen": 5e9},
                },
            }
        )
    )
    assert identity_cache.load(path, now=5e9) == {"b": CachedIdentity("antminer", seen=5e9)}
    assert "password" not in CachedIdentity.__dataclass_fields__  # no secrets in the cache


def test_cli_poll_saves_identities_and_the_next_poll_starts_warm(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with fleet(["antminer:S19j Pro"], count=3) as f:
        spec = f"{f.targets[0].ip}-{f.targets[-1].ip.rsplit('.', 1)[1]}:{f.targets[0].port}"
        web = str(f.targets[0].web_port)
        args = ["poll", spec, "--json", "--timeout", "2", "--web-port", web]
        first = io.StringIO()
        assert main(args, first) == 0
        files = list(cache_dir().glob("identities/*.json"))
        assert len(files) == 1
        saved = identity_cache.load(files[0])
        assert sorted(saved) == sorted(t.key for t in f.targets)
        assert all(e.model == "S19j Pro" and e.mac for e in saved.values())

        sent = record_rpc(monkeypatch)
        second = io.StringIO()
        assert main(args, second) == 0
        assert not any(b"devdetails" in p for p in sent)  # warm: no detection
        assert [m["online"] for m in json.loads(second.getvalue())] == [True] * 3
        sent.clear()
        cold = io.StringIO()
        assert main([*args, "--cold"], cold) == 0
        assert sum(b"devdetails" in p for p in sent) == 3
        assert [m["online"] for m in json.loads(cold.getvalue())] == [True] * 3


def test_warm_antminer_defers_its_web_pages_and_shows_the_cached_mac() -> None:
    from tests.core.engine.test_first_poll_cost import Counting

    with fleet(["antminer:S19j Pro"]) as f:
        t = f.targets[0]
        entry = CachedIdentity("antminer", "Antminer", "S19j Pro", "stock", mac="02:AA", seen=1.0)

        async def go() -> tuple[MinerSnapshot, Any]:
            http = Counting()
            poller = Poller(FAST, http=http)
            poller.seed([t], {t.key: entry})
            try:
                return await poller.poll(t), http.paths
            finally:
                await http.aclose()

        snap, paths = asyncio.run(go())
    assert snap.online and snap.hashrate_ths and snap.mac == "02:AA"
    assert not paths  # one RPC request: the identity and health pages come within their periods


DETECTION_PROBE = b'"version+devdetails'  # detection's first request (drivers never send it)


@pytest.mark.parametrize(("cached_mac", "again"), [(None, False), ("02:00:00:00:00:99", True)])
def test_another_mac_reported_by_the_miner_is_identified_again(
    cached_mac: str | None, again: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same family and model, but the miner's own reply names another MAC (a swapped unit on the
    same lease): the entry is a hint, the reply wins, detection runs and the new MAC is saved.
    The control (None: the MAC a cold read got) changes nothing."""
    with fleet(["whatsminer:M50S_VH30"]) as f:
        t = f.targets[0]
        mac = cached_mac or cold_poll([t])[0].mac
        old = CachedIdentity("whatsminer", "Whatsminer", "M50S_VH30", mac=mac, seen=1.0)
        snap, sent, poller = polls(t, {t.key: old}, monkeypatch)
    assert snap.online and snap.mac
    assert any(DETECTION_PROBE in p for p in sent) is again
    assert (snap.mac != old.mac) is again
    assert poller.identities()[t.key].mac == snap.mac


def test_a_silent_cached_miner_keeps_its_entry_and_is_not_identified_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Refused (powered off, rebooting) says nothing about who is there: no detection (it would
    only fail as well), and the saved identity stays for the next launch."""
    from tests.sim.rawclient import free_port

    ip = "127.71.250.1"
    t = Target(ip, free_port(ip))  # nothing listens there
    entry = CachedIdentity("antminer", "Antminer", "S19j Pro", "stock", mac="aa", seen=7.0)
    snap, sent, poller = polls(t, {t.key: entry}, monkeypatch)
    assert not snap.online and snap.model == "S19j Pro"
    assert sent and not any(DETECTION_PROBE in p for p in sent)
    assert poller.identities()[t.key] == dataclasses.replace(entry, failing=True)


def test_poll_site_saves_under_the_site_and_starts_warm_next_time(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`poll --site NAME`: the identities are kept per site (not per address list) and the
    next `poll --site NAME` reads every miner without detection."""
    from rig_monitor.core.config import update_config

    monkeypatch.setenv("RIG_MONITOR_CONFIG_DIR", str(tmp_path))
    with fleet(["antminer:S19j Pro"], count=2) as f:
        keys = [t.key for t in f.targets]
        update_config(lambda c: c.sites.__setitem__("rack-w", keys))
        args = ["poll", "--site", "rack-w", "--json", "--timeout", "2"]
        args += ["--web-port", str(f.targets[0].web_port)]
        assert main(args, io.StringIO()) == 0
        saved = identity_cache.load(identity_cache.cache_path("site:rack-w|"))
        assert sorted(saved) == sorted(keys)

        sent = record_rpc(monkeypatch)
        out = io.StringIO()
        assert main(args, out) == 0
    assert [m["online"] for m in json.loads(out.getvalue())] == [True, True]
    assert len(sent) == 2 and not any(b"devdetails" in p for p in sent)


def test_saved_api_signature_settles_the_first_read_without_the_classifier(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The entry keeps who answered the API; at launch the first read compares its own: the same
    → no detection and no classifier run; another (a different server now answers) → identified
    again at once."""
    from rig_monitor.core.engine import poller as poller_mod

    with fleet(["antminer:S19j Pro"]) as f:
        t = f.targets[0]
        first = asyncio.run(_identities_after_cold_poll(t))[t.key]
        assert first.api and first.api.startswith("bmminer:")
        path = cache_dir() / "ids.json"
        identity_cache.save(path, {t.key: first})
        assert identity_cache.load(path)[t.key].api == first.api

        classified: list[object] = []
        real_classify = poller_mod.classify
        monkeypatch.setattr(
            poller_mod, "classify", lambda p: classified.append(p) or real_classify(p)
        )
        snap, sent, _ = polls(t, {t.key: first}, monkeypatch)
        assert snap.online and not any(DETECTION_PROBE in p for p in sent)
        assert classified == []

        stranger = dataclasses.replace(first, api="cgminer:API,CGMiner")  # another server
        snap, sent, _ = polls(t, {t.key: stranger}, monkeypatch)
    assert snap.online and any(DETECTION_PROBE in p for p in sent)


async def _identities_after_cold_poll(t: Target) -> dict[str, CachedIdentity]:
    poller = Poller(FAST)
    try:
        assert (await poller.poll(t)).online
        return poller.identities()
    finally:
        await poller.aclose()


def test_a_warm_launch_reads_known_answering_miners_first(tmp_path: Path) -> None:
    """The cache says which miners were not answering at the last save (and knows nothing of new
    ones): at a warm launch those are polled after the known, answering ones (their share of the
    slots is the failing miners'), and the flag survives the file; a cold launch puts none later."""
    from rig_monitor.core.engine.engine import EngineConfig, PollEngine

    path = tmp_path / "ids.json"
    targets = [Target(f"127.0.0.{n}", 4028) for n in range(1, 7)]
    entries = {
        t.key: CachedIdentity("antminer", seen=5e9, failing=t.ip.endswith((".2", ".4")))
        for t in targets[:5]
    }  # .6 is new
    identity_cache.save(path, entries)
    assert identity_cache.load(path, now=5e9) == entries
    path.write_text(path.read_text().replace('"failing":true', '"failing":"yes"', 1))
    assert sum(e.failing for e in identity_cache.load(path, now=5e9).values()) == 1  # only True

    identity_cache.save(identity_cache.cache_path("later-test"), entries)
    poller = Poller()
    warm = identity_cache.WarmStart("later-test", poller, targets)
    assert warm.seeded == 5 and warm.later == ["127.0.0.2:4028", "127.0.0.4:4028", "127.0.0.6:4028"]
    assert identity_cache.WarmStart("nothing-saved", Poller(), targets).later == []

    async def forgotten() -> None:  # failed until the poller forgot it: saved as failing
        poller.forget(targets[0])
        warm.save_soon()
        await warm.saved()

    asyncio.run(forgotten())
    saved = identity_cache.load(identity_cache.cache_path("later-test"), now=5e9)
    assert saved[targets[0].key].failing and not saved[targets[2].key].failing

    order: list[str] = []

    async def poll(t: Target) -> MinerSnapshot:
        order.append(t.key)
        return MinerSnapshot(ip=t.ip, port=t.port, online=True)

    engine = PollEngine(poll, lambda _b: None, EngineConfig(interval_s=0.0, concurrency=1))
    engine.set_targets(targets)
    engine.poll_later([*warm.later, "127.9.9.9:4028"])  # a key that is no target: ignored
    asyncio.run(engine.sweep())
    assert order == [t.key for t in targets if t.key not in warm.later] + warm.later
    order.clear()
    asyncio.run(engine.sweep())  # they answered: no longer later
    assert order == [t.key for t in targets]
