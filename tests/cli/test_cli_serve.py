"""``rig-monitor serve`` and ``notify test`` as an operator runs them: a real process, real
signals, a simulated fleet on 127.88.x and real loopback receivers."""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from rig_monitor.cli import main
from rig_monitor.sim import SimFleet, SimFleetThread

from ..core.notify.standins import Receiver, serve

BASE = "127.88.0.1"
COUNT = 12


def free_port(ip: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((ip, 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def fleet() -> Iterator[SimFleet]:
    sim = SimFleet.build(
        base=BASE, count=COUNT, port=free_port(BASE), web_port=free_port(BASE), seed=3
    )
    with SimFleetThread(sim):
        yield sim


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    e = dict(os.environ)
    e["RIG_MONITOR_CONFIG_DIR"] = str(tmp_path)
    e["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    return e


def targets_file(sim: SimFleet, tmp: Path) -> str:
    f = tmp / "miners.txt"
    f.write_text("".join(f"{m.ip}:{m.port}\n" for m in sim.miners))
    return f"@{f}"


class Serve:
    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "rig_monitor", "serve", *argv],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[dict[str, object]] = []
        self.err: list[str] = []
        self._t = [
            threading.Thread(target=self._read_out, daemon=True),
            threading.Thread(target=self._read_err, daemon=True),
        ]
        for t in self._t:
            t.start()

    def _read_out(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(json.loads(line))

    def _read_err(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.err.append(line)

    def wait_for(self, cond: object, timeout: float = 60.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if cond():  # type: ignore[operator]
                return True
            if self.proc.poll() is not None:
                return bool(cond())  # type: ignore[operator]
            time.sleep(0.05)
        return False

    def stop(self, sig: int = signal.SIGTERM) -> tuple[int, float]:
        t0 = time.monotonic()
        self.proc.send_signal(sig)
        try:
            rc = self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = -999
        for t in self._t:
            t.join(5)
        return rc, time.monotonic() - t0


def test_serve_exports_every_miner_and_stops_cleanly_on_sigterm(
    fleet: SimFleet, tmp_path: Path, env: dict[str, str]
) -> None:
    port = free_port()
    web = fleet.miners[0].web_port
    s = Serve(
        [targets_file(fleet, tmp_path), "--web-port", str(web), "--interval", "1",
         "--metrics", f"127.0.0.1:{port}", "--json", "--site-label", "east"],
        env,
    )  # fmt: skip
    try:
        assert s.wait_for(lambda: len(s.lines) >= 2), "".join(s.err)
        text = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text
    finally:
        rc, took = s.stop()
    assert rc == 0, "".join(s.err)
    assert (
        took < 10.0
    )  # the service contract (systemd's stop timeout is longer); not a speed target
    rates = {
        smp.labels["ip"]: smp.value
        for fam in text_string_to_metric_families(text)
        for smp in fam.samples
        if smp.name == "rig_monitor_miner_hashrate_hashes_per_second"
    }
    assert set(rates) == {f"{m.ip}:{m.port}" for m in fleet.miners}
    assert s.lines[0]["miners"] == COUNT and s.lines[0]["polled"] == COUNT
    log = (tmp_path / "logs" / "serve.log").read_text()
    assert "sweep 1:" in log and "stopped in" in log


def test_metrics_port_in_use_is_explained_and_retried_while_polling_goes_on(
    fleet: SimFleet, tmp_path: Path, env: dict[str, str]
) -> None:
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", 0))
    blocker.listen(1)
    port = blocker.getsockname()[1]
    s = Serve(
        [targets_file(fleet, tmp_path), "--web-port", str(fleet.miners[0].web_port),
         "--interval", "1", "--metrics", f"127.0.0.1:{port}", "--metrics-retry", "0.3", "--json"],
        env,
    )  # fmt: skip
    try:
        assert s.wait_for(lambda: len(s.lines) >= 2), "".join(s.err)
        err = "".join(s.err)
        assert f"cannot listen on 127.0.0.1:{port} for --metrics" in err
        assert "polling goes on" in err
        blocker.close()
        assert s.wait_for(lambda: any("metrics: http://" in line for line in s.err), 30)
        text = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text
        assert "rig_monitor_miner_up{" in text
    finally:
        blocker.close()
        rc, _ = s.stop(signal.SIGINT)
    assert rc == 0


def test_sigterm_exits_0_in_time_while_a_webhook_delivery_hangs(
    tmp_path: Path, env: dict[str, str]
) -> None:
    """A dead miner raises miner_unreachable (3 polls); its alert goes to a webhook that never
    answers; SIGTERM must still end serve with 0 inside the 10 s contract."""
    release = threading.Event()
    with serve(Receiver(hang=release)) as rx:
        dead = f"127.88.9.2:{free_port('127.88.9.2')}"  # nothing listens: refused
        cfg = tmp_path / "serve.json"  # the default settings file in RIG_MONITOR_CONFIG_DIR
        hook = {"name": "hook", "type": "webhook", "url": rx.url + "/hook", "group_s": 0}
        cfg.write_text(json.dumps({"channels": [hook]}))
        s = Serve([dead, "--interval", "1", "--json"], env)
        try:
            assert s.wait_for(rx.hanging.is_set, 60), "".join(s.err)
        finally:
            rc, took = s.stop()
        assert not release.is_set()
    assert rc == 0, "".join(s.err)
    assert took < 10.0  # the stop contract, with a delivery still in flight


def test_a_plaintext_secret_in_the_config_is_refused(tmp_path: Path, env: dict[str, str]) -> None:
    cfg = tmp_path / "serve.json"
    cfg.write_text(
        json.dumps(
            {
                "targets": ["127.88.9.1"],
                "channels": [{"name": "tg", "type": "telegram", "token": "123:abc", "chat_id": 1}],
            }
        )
    )
    r = subprocess.run(
        [sys.executable, "-m", "rig_monitor", "serve", "--config", str(cfg)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2
    assert "channel tg: token" in r.stderr and "never as plain text" in r.stderr
    assert "123" not in r.stderr and "abc" not in r.stderr


def test_notify_test_reports_each_channel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RIG_MONITOR_CONFIG_DIR", str(tmp_path))
    with serve(Receiver()) as good, serve(Receiver(statuses=[500])) as bad:
        cfg = tmp_path / "serve.json"
        cfg.write_text(
            json.dumps(
                {
                    "site": "north",
                    "channels": [
                        {"name": "good", "type": "webhook", "url": good.url},
                        {"name": "bad", "type": "webhook", "url": bad.url},
                    ],
                }
            )
        )
        out = io.StringIO()
        rc = main(["notify", "test"], out)
    assert rc == 1
    text = out.getvalue()
    assert "ok      good (webhook)" in text
    assert "FAILED  bad (webhook)" in text and "HTTP 500" in text
    (ev,) = good.requests[0][1]["events"]
    assert ev["title"] == "Test notification" and ev["site"] == "north"


def test_serve_db_records_every_sweep_into_that_database(
    fleet: SimFleet, tmp_path: Path, env: dict[str, str]
) -> None:
    db = tmp_path / "elsewhere" / "serve-history.db"
    web = fleet.miners[0].web_port
    s = Serve(
        [targets_file(fleet, tmp_path), "--web-port", str(web), "--interval", "1",
         "--sweeps", "2", "--db", str(db)],
        env,
    )  # fmt: skip
    rc = s.proc.wait(60)
    for t in s._t:
        t.join(5)
    assert rc == 0, "".join(s.err)
    assert f"history: recording into {db}" in "".join(s.err)
    out = io.StringIO()
    assert main(["history", "--since", "10m", "--json", "--db", str(db)], out) == 0
    doc = json.loads(out.getvalue())
    assert {m["ip"] for m in doc} == {f"{m.ip}:{m.port}" for m in fleet.miners}
    assert all(len(m["samples"]) == 2 for m in doc)  # both sweeps, the last one included
    with sqlite3.connect(db) as c:
        sources = c.execute("SELECT DISTINCT source FROM fleet_raw").fetchall()
    assert sources == [("serve",)]


def test_serve_with_an_unusable_db_says_so_and_serves_on(
    fleet: SimFleet, tmp_path: Path, env: dict[str, str]
) -> None:
    db = tmp_path / "broken.db"
    db.write_bytes(b"this is not sqlite" * 100)
    web = fleet.miners[0].web_port
    s = Serve(
        [targets_file(fleet, tmp_path), "--web-port", str(web), "--interval", "1",
         "--sweeps", "1", "--json", "--db", str(db)],
        env,
    )  # fmt: skip
    rc = s.proc.wait(60)
    for t in s._t:
        t.join(5)
    assert rc == 0, "".join(s.err)
    assert "history: not recording" in "".join(s.err) and str(db) in "".join(s.err)
    assert s.lines and s.lines[0]["miners"] == COUNT  # polling went on
    assert db.read_bytes() == b"this is not sqlite" * 100  # left untouched
