"""Control over the miners' web APIs: Antminer stock CGI (Digest), Bitaxe/AxeOS, ePIC.

- Antminer (X19/X21 CGI, pyasic ``web/antminer.py``): ``POST /cgi-bin/reboot.cgi``,
  ``POST /cgi-bin/blink.cgi {"blink": "true"|"false"}`` (reply ``code`` B000 on / B100 off),
  pools and sleep by read-modify-write of ``get_miner_conf.cgi`` → ``set_miner_conf.cgi`` with
  ``pools[{url,user,pass}]`` and ``miner-mode`` 1 = sleep, 0 = normal (pyasic
  ``config/mining`` ``as_am_modern``). All Digest-authenticated; a 401 is a wrong password.
- Bitaxe/AxeOS (pyasic ``web/espminer.py``): ``POST /api/system/restart``, settings with
  ``PATCH /api/system`` (``stratumURL`` host, ``stratumPort``, ``stratumUser``,
  ``stratumPassword``); new pool settings apply on restart, so we restart after patching. No LED,
  no sleep. No authentication at all on AxeOS.
- ePIC PowerPlay (pyasic ``web/epic.py``): HTTP on the API port, ``POST /reboot``,
  ``/softreboot``, ``/identify``, ``/miner`` (``Stop``/``Autostart``), ``/coin``; every POST
  carries ``"password"``; a refusal is ``{"result": false, "error": "…"}``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rig_monitor.core.drivers.base import Session
from rig_monitor.core.drivers.control.base import (
    NOT_SUPPORTED,
    NOT_YET,
    Action,
    ActionRefused,
    Controller,
    PoolSpec,
)
from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import ErrorKind
from rig_monitor.core.wire.http import HttpClient, HttpReply, base_url, digest


def _http(session: Session) -> HttpClient:
    if session.http is None:
        raise ActionRefused("no web client for this miner")
    return session.http


def _json_or_none(reply: HttpReply) -> Any:
    try:
        return reply.json()
    except MinerError:
        return None


def _check_http(reply: HttpReply, what: str) -> None:
    if reply.status in (401, 403):
        raise ActionRefused(f"{what}: wrong password (HTTP {reply.status})")
    if reply.status == 404:
        raise ActionRefused(f"{what}: this firmware has no such page (HTTP 404)")
    if reply.status >= 400:
        raise ActionRefused(f"{what}: the miner answered HTTP {reply.status}")


async def _auth_request(
    session: Session, method: str, path: str, body: Any = None, what: str = ""
) -> HttpReply:
    cred = Controller.credential(session)
    try:
        reply = await _http(session).request(
            method,
            session.web_url(path),
            auth=digest(cred.username, cred.password),
            json_body=body,
        )
    except MinerError as exc:
        if exc.kind is ErrorKind.AUTH_FAILED:
            raise ActionRefused(f"{what or path}: wrong password for {cred.username}") from None
        raise
    _check_http(reply, what or path)
    return reply


class AntminerWebControl(Controller):
    family = "antminer"

    def restarts(self, action: Action) -> bool:
        return action is not Action.LOCATE_ON and action is not Action.LOCATE_OFF  # conf reloads

    def plan(self, action: Action, pools: tuple[PoolSpec, ...] = ()) -> str:
        return {
            Action.REBOOT: "POST /cgi-bin/reboot.cgi (Digest)",
            Action.RESTART: "POST /cgi-bin/reboot.cgi (Digest; stock firmware restarts by rebooting)",
            Action.LOCATE_ON: 'POST /cgi-bin/blink.cgi {"blink":"true"}',
            Action.LOCATE_OFF: 'POST /cgi-bin/blink.cgi {"blink":"false"}',
            Action.SLEEP: "get_miner_conf.cgi → set_miner_conf.cgi miner-mode 1",
            Action.WAKE: "get_miner_conf.cgi → set_miner_conf.cgi miner-mode 0",
            Action.POOLS: f"get_miner_conf.cgi → set_miner_conf.cgi with {len(pools)} pool(s)",
        }[action]

    async def run(self, session: Session, action: Action, pools: tuple[PoolSpec, ...] = ()) -> str:
        if action in (Action.REBOOT, Action.RESTART):
            await _auth_request(session, "POST", "/cgi-bin/reboot.cgi", what="reboot")
            return "rebooting"
        if action in (Action.LOCATE_ON, Action.LOCATE_OFF):
            on = action is Action.LOCATE_ON
            reply = await _auth_request(
                session, "POST", "/cgi-bin/blink.cgi", {"blink": "true" if on else "false"}, "blink"
            )
            doc = _json_or_none(reply)
            code = doc.get("code") if isinstance(doc, dict) else None
            if code not in (None, "B000", "B100"):
                raise ActionRefused(f"blink: the miner answered code {code}")
            return "LED blinking" if on else "LED back to normal"
        conf_reply = await _auth_request(
            session, "GET", "/cgi-bin/get_miner_conf.cgi", what="read config"
        )
        conf = _json_or_none(conf_reply)
        if not isinstance(conf, dict):
            raise ActionRefused("read config: get_miner_conf.cgi did not answer JSON")
        new: dict[str, Any] = {
            k: conf[k] for k in ("bitmain-fan-ctrl", "bitmain-fan-pwm", "freq-level") if k in conf
        }
        new["pools"] = conf.get("pools") if isinstance(conf.get("pools"), list) else []
        mode = conf.get("bitmain-work-mode", "0")
        new["miner-mode"] = int(mode) if str(mode).isdigit() else 0
        if action is Action.POOLS:
            new["pools"] = [{"url": p.url, "user": p.user, "pass": p.password} for p in pools]
        elif action is Action.SLEEP:
            new["miner-mode"] = 1
        elif action is Action.WAKE:
            new["miner-mode"] = 0
        reply = await _auth_request(
            session, "POST", "/cgi-bin/set_miner_conf.cgi", new, "set config"
        )
        doc = _json_or_none(reply)
        if isinstance(doc, dict) and str(doc.get("stats", "success")).lower() not in (
            "success",
            "ok",
        ):
            raise ActionRefused(f"set config: {doc.get('msg') or doc}")
        if action is Action.POOLS:
            return f"{len(pools)} pool(s) written; mining on {pools[0].url} after the reload"
        return "going to sleep" if action is Action.SLEEP else "waking up"


class BitaxeControl(Controller):
    family = "bitaxe"
    reasons: ClassVar[dict[Action, str]] = {
        Action.LOCATE_ON: f"{NOT_SUPPORTED}: AxeOS has no locate LED",
        Action.LOCATE_OFF: f"{NOT_SUPPORTED}: AxeOS has no locate LED",
        Action.SLEEP: f"{NOT_SUPPORTED}: AxeOS has no sleep mode",
        Action.WAKE: f"{NOT_SUPPORTED}: AxeOS has no sleep mode",
    }

    def restarts(self, action: Action) -> bool:
        return action in (Action.REBOOT, Action.RESTART, Action.POOLS)  # pools apply on restart

    def plan(self, action: Action, pools: tuple[PoolSpec, ...] = ()) -> str:
        if action is Action.POOLS:
            extra = " (AxeOS keeps one pool: the first)" if len(pools) > 1 else ""
            return "PATCH /api/system stratumURL/Port/User/Password, then restart" + extra
        return "POST /api/system/restart"

    async def run(self, session: Session, action: Action, pools: tuple[PoolSpec, ...] = ()) -> str:
        http = _http(session)
        if action is Action.POOLS:
            p = pools[0]
            body = {
                "stratumURL": p.host,
                "stratumPort": p.port,
                "stratumUser": p.user,
                "stratumPassword": p.password,
            }
            reply = await http.request("PATCH", session.web_url("/api/system"), json_body=body)
            _check_http(reply, "PATCH /api/system")
        if action is Action.REBOOT or action is Action.RESTART or action is Action.POOLS:
            reply = await http.post(session.web_url("/api/system/restart"))
            _check_http(reply, "restart")
            if action is Action.POOLS:
                return f"pool set to {pools[0].url}; restarting to apply it"
            return "restarting"
        raise ActionRefused(self.reasons.get(action, NOT_SUPPORTED))


class EpicControl(Controller):
    family = "epic"
    _PATHS: ClassVar[dict[Action, tuple[str, Any]]] = {
        Action.REBOOT: ("/reboot", 0),
        Action.RESTART: ("/softreboot", None),
        Action.LOCATE_ON: ("/identify", True),
        Action.LOCATE_OFF: ("/identify", False),
        Action.SLEEP: ("/miner", "Stop"),
        Action.WAKE: ("/miner", "Autostart"),
    }

    def plan(self, action: Action, pools: tuple[PoolSpec, ...] = ()) -> str:
        if action is Action.POOLS:
            return f"POST /coin with {min(3, len(pools))} stratum config(s)"
        return f"POST {self._PATHS[action][0]}"

    async def run(self, session: Session, action: Action, pools: tuple[PoolSpec, ...] = ()) -> str:
        cred = self.credential(session)
        base = base_url(session.target.ip, session.target.port)
        if action is Action.POOLS:
            path = "/coin"
            body: dict[str, Any] = {
                "param": {
                    "coin": "Btc",
                    "stratum_configs": [
                        {"pool": p.url, "login": p.user, "password": p.password} for p in pools[:3]
                    ],
                    "unique_id": False,
                }
            }
        else:
            path, param = self._PATHS[action]
            body = {} if param is None else {"param": param}
        body["password"] = cred.password
        reply = await _http(session).post(base + path, json_body=body)
        doc = _json_or_none(reply)
        if isinstance(doc, dict) and doc.get("result") is False:
            raise ActionRefused(f"{path}: {doc.get('error') or 'refused'}")
        _check_http(reply, path)
        return {
            Action.REBOOT: "rebooting",
            Action.RESTART: "mining software restarting",
            Action.LOCATE_ON: "identify LED on",
            Action.LOCATE_OFF: "identify LED off",
            Action.SLEEP: "mining stopped",
            Action.WAKE: "mining started",
            Action.POOLS: f"{min(3, len(pools))} pool(s) set",
        }[action]


class IceRiverControl(Controller):
    """IceRiver web panel (pyasic ``web/iceriver.py`` ``locate``): log in as the driver does
    (``/user/loginpost?post=6``, session cookie), then ``POST /user/userpanel?post=5&locate=1|0``.
    The panel offers no reboot, pools or sleep that either reference documents."""

    family = "iceriver"
    reasons: ClassVar[dict[Action, str]] = {
        a: f"{NOT_SUPPORTED}: the IceRiver panel API offers only the locate LED"
        for a in (Action.REBOOT, Action.RESTART, Action.SLEEP, Action.WAKE, Action.POOLS)
    }

    def plan(self, action: Action, pools: tuple[PoolSpec, ...] = ()) -> str:
        on = "1" if action is Action.LOCATE_ON else "0"
        return f"log in, POST /user/userpanel?post=5&locate={on}"

    async def run(self, session: Session, action: Action, pools: tuple[PoolSpec, ...] = ()) -> str:
        from rig_monitor.core.drivers.iceriver import COOKIE_KEY, PANEL, IceRiverDriver

        http = _http(session)
        try:
            cookie = await IceRiverDriver()._login(session)
        except MinerError as exc:
            if exc.kind is ErrorKind.AUTH_FAILED:
                raise ActionRefused(f"log in: wrong password ({exc.message})") from None
            raise
        on = action is Action.LOCATE_ON
        reply = await http.post(
            session.web_url(PANEL),
            params={"post": "5", "locate": "1" if on else "0"},
            headers={"Cookie": cookie},
        )
        _check_http(reply, "locate")
        if reply.text.lstrip()[:1] == "<":
            session.state.pop(COOKIE_KEY, None)
            raise ActionRefused("locate: the miner answered its login page (session refused)")
        doc = _json_or_none(reply)
        if isinstance(doc, dict) and doc.get("error") not in (None, 0, "0"):
            raise ActionRefused(f"locate: {doc.get('msg') or doc.get('error')}")
        return "LED blinking" if on else "LED back to normal"


class AuradineControl(Controller):
    """Auradine FluxOS web API on 8080 (pyasic ``web/auradine.py`` and ``backends/auradine.py``):
    ``POST /token {"command":"token","user","password"}`` → ``Token[0].Token``, sent as header
    ``Token``; then ``POST /restart`` (reboot), ``/restart {"parameter":"gcminer"}`` (restart),
    ``/led {"code": 3}`` locate / ``2`` normal, ``/mode {"sleep":"on"|"off"}``,
    ``/updatepools {"pools":[{url,user,pass}]}``. Replies carry a cgminer-style STATUS list."""

    family = "auradine"
    _BODIES: ClassVar[dict[Action, tuple[str, dict[str, Any]]]] = {
        Action.REBOOT: ("restart", {}),
        Action.RESTART: ("restart", {"command": "restart", "parameter": "gcminer"}),
        Action.LOCATE_ON: ("led", {"command": "led", "code": 3}),
        Action.LOCATE_OFF: ("led", {"command": "led", "code": 2}),
        Action.SLEEP: ("mode", {"command": "mode", "sleep": "on"}),
        Action.WAKE: ("mode", {"command": "mode", "sleep": "off"}),
    }

    def plan(self, action: Action, pools: tuple[PoolSpec, ...] = ()) -> str:
        if action is Action.POOLS:
            return f"token, POST :8080/updatepools with {len(pools)} pool(s)"
        cmd, body = self._BODIES[action]
        return f"token, POST :8080/{cmd} {body or ''}".rstrip()

    async def run(self, session: Session, action: Action, pools: tuple[PoolSpec, ...] = ()) -> str:
        from rig_monitor.core.drivers.auradine import web_port

        http = _http(session)
        cred = self.credential(session)
        base = base_url(session.target.ip, web_port(session))
        reply = await http.post(
            base + "/token",
            json_body={"command": "token", "user": cred.username, "password": cred.password},
        )
        doc = _json_or_none(reply)
        token = None
        if isinstance(doc, dict) and isinstance(doc.get("Token"), list) and doc["Token"]:
            token = doc["Token"][0].get("Token") if isinstance(doc["Token"][0], dict) else None
        if reply.status in (401, 403) or not token:
            raise ActionRefused(f"token: wrong password for {cred.username}")
        if action is Action.POOLS:
            cmd, body = (
                "updatepools",
                {
                    "command": "updatepools",
                    "pools": [{"url": p.url, "user": p.user, "pass": p.password} for p in pools],
                },
            )
        else:
            cmd, body = self._BODIES[action]
        reply = await http.post(f"{base}/{cmd}", json_body=body, headers={"Token": str(token)})
        doc = _json_or_none(reply)
        status = doc.get("STATUS") if isinstance(doc, dict) else None
        st = (
            status[0] if isinstance(status, list) and status and isinstance(status[0], dict) else {}
        )
        if reply.status >= 400 or st.get("STATUS") not in ("S", "I"):
            raise ActionRefused(f"{cmd}: {st.get('Msg') or f'HTTP {reply.status}'}")
        return f"{cmd}: {st.get('Msg') or 'OK'}"


class VnishControl(Controller):
    """Vnish / AnthillOS web API (pyasic ``web/vnish.py``): ``POST /api/v1/unlock {"pw"}`` →
    ``token``; ``system/reboot``, ``mining/restart``, ``mining/pause``/``resume``; the locate LED
    is a toggle (``find-miner``), so its state is read first from ``GET status`` (``find_miner``).
    pyasic sends the token as "Bearer …" for ``system/*`` and bare otherwise; so do we."""

    family = "vnish"
    reasons: ClassVar[dict[Action, str]] = {
        Action.POOLS: f"{NOT_YET}: Vnish takes pools in its /api/v1/settings document",
    }
    _PATHS: ClassVar[dict[Action, str]] = {
        Action.REBOOT: "system/reboot",
        Action.RESTART: "mining/restart",
        Action.SLEEP: "mining/pause",
        Action.WAKE: "mining/resume",
        Action.LOCATE_ON: "find-miner",
        Action.LOCATE_OFF: "find-miner",
    }

    def plan(self, action: Action, pools: tuple[PoolSpec, ...] = ()) -> str:
        path = self._PATHS[action]
        if action in (Action.LOCATE_ON, Action.LOCATE_OFF):
            return f"unlock, GET /api/v1/status, POST /api/v1/{path} if it must toggle"
        return f"unlock, POST /api/v1/{path}"

    async def run(self, session: Session, action: Action, pools: tuple[PoolSpec, ...] = ()) -> str:
        http = _http(session)
        cred = self.credential(session)
        base = session.web_url("/api/v1/")
        reply = await http.post(base + "unlock", json_body={"pw": cred.password})
        doc = _json_or_none(reply)
        token = doc.get("token") if isinstance(doc, dict) else None
        if reply.status in (401, 403) or not isinstance(token, str) or not token:
            raise ActionRefused("unlock: wrong password")
        path = self._PATHS[action]

        def auth(p: str) -> dict[str, str]:
            return {"Authorization": f"Bearer {token}" if p.startswith("system") else str(token)}

        if action in (Action.LOCATE_ON, Action.LOCATE_OFF):
            want = action is Action.LOCATE_ON
            st = await http.get(base + "status", headers=auth("status"))
            _check_http(st, "status")
            status = _json_or_none(st)
            lit = status.get("find_miner") if isinstance(status, dict) else None
            if not isinstance(lit, bool):
                raise ActionRefused("status: no find_miner state to toggle from")
            if lit == want:
                return "LED already " + ("blinking" if want else "normal")
        reply = await http.post(base + path, headers=auth(path))
        _check_http(reply, path)
        return {
            Action.REBOOT: "rebooting",
            Action.RESTART: "mining restarting",
            Action.SLEEP: "mining paused",
            Action.WAKE: "mining resumed",
            Action.LOCATE_ON: "LED blinking",
            Action.LOCATE_OFF: "LED back to normal",
        }[action]


class BraiinsControl(Controller):
    """Braiins OS public REST API, 25.07 and later (``meta/braiins/25.07/openapi.json`` in
    asic-rs; asic-rs ``backends/braiins/v25_07/web.rs`` sends the token as the bare
    ``Authorization`` value): ``POST /api/v1/auth/login {"username","password"}`` → ``token``;
    ``PUT /api/v1/actions/{reboot,restart,pause,resume}``, ``PUT actions/locate`` with a JSON
    boolean. Older Braiins OS (GraphQL, LuCI) answers 404 on the login and is reported as such."""

    family = "braiins"
    reasons: ClassVar[dict[Action, str]] = {
        Action.POOLS: f"{NOT_YET}: Braiins OS takes pools as pool groups (/api/v1/pools/)",
    }
    _PATHS: ClassVar[dict[Action, tuple[str, Any]]] = {
        Action.REBOOT: ("reboot", None),
        Action.RESTART: ("restart", None),
        Action.SLEEP: ("pause", None),
        Action.WAKE: ("resume", None),
        Action.LOCATE_ON: ("locate", True),
        Action.LOCATE_OFF: ("locate", False),
    }

    def plan(self, action: Action, pools: tuple[PoolSpec, ...] = ()) -> str:
        what, body = self._PATHS[action]
        return f"login, PUT /api/v1/actions/{what}" + (
            "" if body is None else f" {str(body).lower()}"
        )

    async def run(self, session: Session, action: Action, pools: tuple[PoolSpec, ...] = ()) -> str:
        http = _http(session)
        cred = self.credential(session)
        base = session.web_url("/api/v1/")
        reply = await http.post(
            base + "auth/login", json_body={"username": cred.username, "password": cred.password}
        )
        if reply.status == 404:
            raise ActionRefused(
                f"{NOT_YET}: this Braiins OS has no REST API (older than 25.07: GraphQL/LuCI)"
            )
        doc = _json_or_none(reply)
        token = doc.get("token") if isinstance(doc, dict) else None
        if reply.status in (401, 403) or not isinstance(token, str) or not token:
            raise ActionRefused(f"login: wrong password for {cred.username}")
        what, body = self._PATHS[action]
        reply = await http.request(
            "PUT", base + "actions/" + what, json_body=body, headers={"Authorization": token}
        )
        _check_http(reply, f"actions/{what}")
        return {
            Action.REBOOT: "rebooting",
            Action.RESTART: "bosminer restarting",
            Action.SLEEP: "mining paused",
            Action.WAKE: "mining resumed",
            Action.LOCATE_ON: "LED blinking",
            Action.LOCATE_OFF: "LED back to normal",
        }[action]
