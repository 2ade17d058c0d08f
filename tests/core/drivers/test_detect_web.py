"""Detection with the web probe racing the RPC probe: the disguise cases (docs/detection.md)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any, ClassVar

import pytest

from rig_monitor.core.credentials import Credential, Credentials
from rig_monitor.core.drivers.detect import detect
from rig_monitor.core.drivers.detect_web import classify_web
from rig_monitor.core.engine.discovery import ScanOutcome, scan
from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import ErrorKind, Identity, Ports, Target
from rig_monitor.core.wire.cgminer import CGMinerClient
from rig_monitor.core.wire.http import HttpClient
from rig_monitor.sim import PERSONAS, SimFleet
from rig_monitor.sim.personas.antminer import AntminerPersona
from rig_monitor.sim.personas.base import HttpReply, Persona
from rig_monitor.sim.rig import Sample
from rig_monitor.sim.wire import Reply
from tests.core.webfleet import FAST, fleet, poll


class VnishStockLogin(AntminerPersona):
    """Vnish that keeps Bitmain's login realm on the web port but says VNISH on 4028."""

    id = "vnish-stocklogin"

    def reply(
        self, command: str, parameter: str | None, sample: Sample, model: str | None
    ) -> Reply | None:
        r = super().reply(command, parameter, sample, model)
        if r is not None and command in ("version", "stats"):
            r.items[0]["Type"] = f"Antminer {model} (Vnish 1.2.6)"
        return r


class RouterPage(Persona):
    """A home router's admin page on the web port, nothing on 4028."""

    id = "router"

    def hardware(self, model: str | None) -> Any:
        return PERSONAS["cgminer"].hardware(None)

    def identity(self, model: str | None) -> Any:
        return PERSONAS["cgminer"].identity(None)

    def description(self, model: str | None) -> str:
        return "router"

    def services(self, model: str | None) -> frozenset[str]:
        return frozenset({"http"})

    def reply(
        self, command: str, parameter: str | None, sample: Sample, model: str | None
    ) -> Reply | None:
        return None

    def http(self, method: str, path: str, query: dict[str, str], headers: dict[str, str],
             body: bytes, sample: Sample, model: str | None) -> HttpReply | None:  # fmt: skip
        if path == "/":
            return 302, {"Location": "/login.html"}, b""
        page = b"<html><head><title>Router Login</title></head><body>TP-LINK</body></html>"
        return 200, {"Content-Type": "text/html"}, page


@pytest.fixture(autouse=True)
def _test_personas(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setitem(PERSONAS, "vnish-stocklogin", VnishStockLogin())
    monkeypatch.setitem(PERSONAS, "router", RouterPage())
    yield


def identify(
    target: Target, credentials: Credentials | None = None, ports: Ports | None = None
) -> Identity:
    async def go() -> Identity:
        http = HttpClient(FAST)
        try:
            client = CGMinerClient(target.ip, target.port, FAST)
            web = target.web_port or (ports or Ports()).web
            return await detect(client, http=http, web_port=web, credentials=credentials)
        finally:
            await http.aclose()

    return asyncio.run(go())


def scan_targets(targets: list[Target], credentials: Credentials | None = None) -> list[Any]:
    return asyncio.run(scan(targets, limits=FAST, credentials=credentials))


def test_web_markers_are_data_and_ordered() -> None:
    m = classify_web(401, {"www-authenticate": 'Digest realm="antMiner Configuration"'}, "")
    assert m is not None and (m.family, m.strong) == ("antminer", False)
    assert classify_web(200, {}, "<title>AxeOS</title>").family == "bitaxe"  # type: ignore[union-attr]
    assert classify_web(200, {}, "Miner Web Dashboard").family == "epic"  # type: ignore[union-attr]
    assert classify_web(200, {}, "powered by AnthillOS").family == "vnish"  # type: ignore[union-attr]
    assert classify_web(307, {"location": "https://x/cgi-bin/luci"}, "").family == "whatsminer"  # type: ignore[union-attr]
    assert classify_web(200, {}, "<title>Router</title>") is None


def test_web_only_antminer_is_found_and_read_from_the_web() -> None:
    with fleet(["antminer-web:S21"]) as f:
        ident = identify(f.targets[0])
        assert (ident.family, ident.make, ident.model) == ("antminer", "Antminer", "S21")
        s = poll(f.targets)[0]
        assert s.online and s.model == "S21" and s.hashrate_ths
        assert scan_targets(f.targets)[0].outcome is ScanOutcome.FOUND


def test_vnish_claiming_stock_on_the_web_is_vnish() -> None:
    with fleet(["vnish-stocklogin:S19j Pro"]) as f:
        m = f.miners[0]
        assert "http" in m.services
        ident = identify(f.targets[0])
        assert ident.family == "vnish" and ident.model == "S19j Pro"


def test_vnish_with_a_rejected_stock_password_is_still_vnish() -> None:
    with fleet(["vnish-stocklogin:S21"]) as f:
        f.inject(f.miners[0].ip, "bad_password")
        assert identify(f.targets[0]).family == "vnish"


def test_bitaxe_with_rpc_refused() -> None:
    with fleet(["bitaxe:Supra"]) as f:
        assert identify(f.targets[0]).family == "bitaxe"
        assert scan_targets(f.targets)[0].outcome is ScanOutcome.FOUND


def test_epic_is_found_by_either_probe() -> None:
    with fleet(["epic:S19j Pro"]) as f:
        t = f.targets[0]
        assert identify(t).family == "epic"
        no_web = Target(t.ip, t.port, web_port=1)  # web probe refused: the API port's HTTP decides
        ident = identify(no_web)
        assert (ident.family, ident.model) == ("epic", "S19j Pro")


def test_router_page_is_not_a_miner_in_detect_and_scan() -> None:
    with fleet(["router"]) as f:
        with pytest.raises(MinerError) as err:
            identify(f.targets[0])
        assert err.value.kind is ErrorKind.NOT_A_MINER
        result = scan_targets(f.targets)[0]
        assert result.outcome is ScanOutcome.NOT_A_MINER and "no miner firmware" in (
            result.detail or ""
        )


def test_wrong_password_is_auth_failed_in_poll_and_scan_not_offline() -> None:
    with fleet(["antminer:S19j Pro"], count=2) as f:
        f.inject(f.miners[0].ip, "bad_password")
        bad, good = poll(f.targets)
        assert not bad.online and bad.error_kind is ErrorKind.AUTH_FAILED
        assert bad.error == "auth failed: set the password for this miner or its group"
        assert good.online and good.mac and good.serial
        results = scan_targets(f.targets)
        assert [r.outcome for r in results] == [ScanOutcome.AUTH_FAILED, ScanOutcome.FOUND]


def test_the_right_password_fixes_auth_failed() -> None:
    from rig_monitor.sim.personas.antminer_web import CHANGED_PASSWORD

    with fleet(["antminer-web:S21"]) as f:
        f.inject(f.miners[0].ip, "bad_password")
        t = f.targets[0]
        assert poll([t])[0].error_kind is ErrorKind.AUTH_FAILED
        creds = Credentials()
        creds.set_for_group("rack1", Credential("root", CHANGED_PASSWORD))
        creds.groups[t.key] = "rack1"
        s = poll([t], credentials=creds)[0]
        assert s.online and s.model == "S21"


def test_rpc_only_callers_keep_the_old_behaviour() -> None:
    with fleet(["antminer:S19 XP"]) as f:
        t = f.targets[0]

        async def go() -> Identity:
            return await detect(CGMinerClient(t.ip, t.port, FAST))

        assert asyncio.run(go()).model == "S19 XP"


def test_poller_reaches_a_web_port_from_ports_when_targets_do_not_say() -> None:
    with fleet(["bitaxe:Gamma"]) as f:
        m = f.miners[0]
        bare = Target(m.ip, m.port)  # no web_port on the target: the site-wide Ports decide
        assert not poll([bare])[0].online
        s = poll([bare], ports=Ports(web=m.web_port))[0]
        assert s.online and s.model == "Gamma"


def test_sim_fleet_targets_carry_the_web_port() -> None:
    f = SimFleet.build(base="127.71.200.0", count=2, port=41000, web_port=41080,
                       personas=["antminer:S21", "cgminer"], seed=4)  # fmt: skip
    ports = {m.persona_id: m.target.web_port for m in f.miners}
    assert ports.get("antminer", 41080) == 41080 and ports.get("cgminer") is None


class StockRpcOtherWeb(AntminerPersona):
    """Stock Antminer text on 4028, another firmware's page on the web port, and on the login
    page's path a Digest challenge of another realm (which must not be answered)."""

    id = "stockrpc-otherweb"
    authorizations: ClassVar[list[str]] = []

    def http(self, method: str, path: str, query: dict[str, str], headers: dict[str, str],
             body: bytes, sample: Sample, model: str | None) -> HttpReply | None:  # fmt: skip
        if path == "/":
            return 200, {"Content-Type": "text/html"}, b"<title>Braiins OS</title>"
        self.authorizations.append(headers.get("authorization", ""))
        return 401, {"WWW-Authenticate": 'Digest realm="router", nonce="abc", qop="auth"'}, b""


def test_aftermarket_page_behind_stock_rpc_is_found_and_no_other_realm_gets_a_password(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    persona = StockRpcOtherWeb()
    monkeypatch.setitem(PERSONAS, persona.id, persona)
    with fleet([f"{persona.id}:S19j Pro"]) as f:
        ident = identify(f.targets[0])
    assert ident.family == "braiins"  # the login page did not say stock: ``GET /`` decided
    assert persona.authorizations == [""]  # asked once, the "router" challenge unanswered
