"""`scan --report`, sites, and `networks` through the CLI (simulator on loopback only)."""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ipaddress import IPv4Network
from pathlib import Path

import pytest

from rig_monitor import cli
from rig_monitor.core.netinfo import Suggestion
from rig_monitor.sim.fleet import SimFleet
from rig_monitor.sim.thread import SimFleetThread

PORT, WEB = 24141, 24241


class Router(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        body = b"<html><title>Home router</title></html>"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SimFleet]:
    monkeypatch.setenv("RIG_MONITOR_CONFIG_DIR", str(tmp_path))
    fleet = SimFleet.build(base="127.74.0.1", count=3, seed=3, port=PORT, web_port=WEB)
    router = ThreadingHTTPServer(("127.74.0.9", WEB), Router)  # a web page, not a miner
    thread = threading.Thread(target=router.serve_forever, daemon=True)
    thread.start()
    try:
        with SimFleetThread(fleet):
            yield fleet
    finally:
        router.shutdown()
        router.server_close()


def run(*argv: str) -> str:
    out = io.StringIO()
    assert cli.main(list(argv), out) == 0
    return out.getvalue()


def test_report_explains_the_non_miner_and_saves_a_site(site: SimFleet) -> None:
    text = run(
        "scan", f"127.74.0.1-9:{PORT}", "--web-port", str(WEB), "--report", "--save-site", "rack-a"
    )
    assert "3 miners found" in text
    assert "1 answered but is not a miner" in text
    assert f"127.74.0.9:{PORT}: not a miner" in text
    assert "saved 3 miners as site 'rack-a'" in text
    polled = json.loads(run("poll", "--site", "rack-a", "--web-port", str(WEB), "--json"))
    assert sorted(o["ip"] for o in polled) == sorted(m.ip for m in site.miners)
    assert all(o["online"] for o in polled)


def test_unknown_site_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("RIG_MONITOR_CONFIG_DIR", str(tmp_path))
    with pytest.raises(SystemExit):
        cli.main(["poll", "--site", "nowhere"], io.StringIO())
    assert "no such site" in capsys.readouterr().err


def test_networks_lists_suggestions(monkeypatch: pytest.MonkeyPatch) -> None:
    found = [Suggestion(IPv4Network("10.10.0.0/22"), "eth0", "10.10.1.7", "")]
    monkeypatch.setattr("rig_monitor.core.netinfo.suggest_networks", lambda: found)
    text = run("networks")
    assert "10.10.0.0/22" in text and "eth0" in text
    assert "rig-monitor scan 10.10.0.0/22" in text
    doc = json.loads(run("networks", "--json"))
    assert doc == [{"network": "10.10.0.0/22", "interface": "eth0", "note": ""}]


@pytest.mark.parametrize("name", ["  ", " rack-a"])
def test_a_blank_or_padded_site_name_is_refused_before_scanning(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("RIG_MONITOR_CONFIG_DIR", str(tmp_path))
    out = io.StringIO()
    code = cli.main(["scan", "127.74.9.1", "--save-site", name], out)
    assert code == 2 and out.getvalue() == ""
    assert "site name" in capsys.readouterr().err
    assert not (tmp_path / "config.json").exists()
