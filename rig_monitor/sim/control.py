"""The simulated firmware's control side: privileged commands change the miner, as on hardware.

Each persona family answers its own control protocol here (kept apart from the read-only
personas, which render a :class:`Sample` and hold no state): refusals (``Access denied``, write
API disabled), wrong passwords, pool changes that show in the next ``pools`` read, a LED that
reads back, sleep that drops the hashrate, and reboots that close every port for a few seconds
and come back with the uptime reset. Replies copy the shapes the drivers' sources cite (pyasic,
cgminer api.c); where no capture exists the wording is marked "sim:" in a comment.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rig_monitor.sim.httpwire import HttpRequest, digest_challenge, digest_ok

if TYPE_CHECKING:
    from rig_monitor.sim.miner import SimMiner

HttpReply = tuple[int, dict[str, str], bytes]
_JSON = {"Content-Type": "application/json"}

# Factory passwords the control protocols check (protocols.md §0 / credentials.DEFAULTS).
DEFAULT_PASSWORDS = {
    "antminer": "root",
    "antminer-web": "root",
    "whatsminer": "admin",
    "whatsminer_v3": "super",
    "epic": "letmein",
    "vnish": "admin",
    "braiins": "",
}
# Firmware whose CGMiner API grants write access out of the box (others answer code 45).
WRITE_BY_DEFAULT = frozenset({"cgminer", "bfgminer", "avalon", "luxos"})


@dataclass(slots=True)
class ControlState:
    password: str | None = None  # None: the vendor default
    write_access: bool = True  # cgminer --api-allow W: / Whatsminer "API write" switch
    led: bool = False
    sleeping: bool = False
    down_s: float = 3.0  # how long a reboot keeps every port closed
    restart_down_s: float = 1.0  # a mining-program restart: the API port only, briefly
    switch_delay_s: float = 0.3  # switchpool takes effect this much later (real cgminer)
    received: list[str] = field(default_factory=list)  # control commands, for tests
    luxos_session: str = ""
    v2_tokens: dict[str, tuple[str, str]] = field(default_factory=dict)  # sign → (key, time)
    v3_salt: str = field(default_factory=lambda: secrets.token_hex(4))
    vnish_token: str = ""
    braiins_token: str = ""


def _ok(doc: Any, status: int = 200) -> HttpReply:
    return status, dict(_JSON), json.dumps(doc).encode()


class Control:
    """Dispatches one miner's control requests; ``None`` means "not a control request here"."""

    def __init__(self, miner: SimMiner) -> None:
        self.m = miner
        pid = miner.persona_id
        self.state = ControlState(write_access=pid in WRITE_BY_DEFAULT)

    # -- shared effects ---------------------------------------------------------------------------
    @property
    def password(self) -> str:
        if self.state.password is not None:
            return self.state.password
        if "bad_password" in self.m.faults:
            return "owner-changed-it"
        if "btminer_v3" in self.m.services:
            return DEFAULT_PASSWORDS["whatsminer_v3"]
        return DEFAULT_PASSWORDS.get(self.m.persona_id, "root")

    def _set_pools(self, pools: list[tuple[str, str]], active: int = 0) -> None:
        self.m.rig.set_pools(pools, active)
        self.m.refresh()

    def reboot(self, restart: bool = False) -> None:
        """Close every port (after this reply is out), reopen after the down time, uptime reset."""
        down = self.state.restart_down_s if restart else self.state.down_s
        self.m.go_down(down)

    def _when(self) -> int:
        return int(self.m.clock())

    def _status(self, letter: str, code: int, msg: str) -> dict[str, Any]:
        return {
            "STATUS": [
                {
                    "STATUS": letter,
                    "When": self._when(),
                    "Code": code,
                    "Msg": msg,
                    "Description": self.m.persona.description(self.m.model),
                }
            ],
            "id": 1,
        }

    def _denied(self, command: str) -> str:
        return json.dumps(self._status("E", 45, f"Access denied to '{command}' command"))

    # -- CGMiner API (port 4028) -----------------------------------------------------------------
    def rpc(self, raw: bytes) -> str | None:
        text = raw.rstrip(b"\x00\r\n").decode("utf-8", "replace").strip()
        try:
            obj = json.loads(text) if text.startswith("{") else None
        except ValueError:
            return None
        if not isinstance(obj, dict):
            return None
        if "enc" in obj and self.m.persona_id == "whatsminer":
            return self._whatsminer_v2_enc(obj)
        command = obj.get("command")
        if not isinstance(command, str):
            return None
        param = obj.get("parameter")
        param = None if param is None else str(param)
        pid = self.m.persona_id
        if pid == "whatsminer" and command == "get_token":
            return self._whatsminer_token()
        if pid == "luxos":
            return self._luxos(command, param)
        if command in ("restart", "addpool", "switchpool", "removepool", "enablepool",
                       "disablepool", "ascset"):  # fmt: skip
            self.state.received.append(command if param is None else f"{command}|{param}")
            if not self.state.write_access:
                return self._denied(command)
            if command == "ascset" and pid == "avalon":
                return self._avalon_ascset(param or "")
            if command == "ascset":
                return json.dumps(self._status("E", 120, "Missing ascset option"))
            return self._pool_or_restart(command, param)
        return None

    def _pool_or_restart(self, command: str, param: str | None) -> str:
        rig = self.m.rig
        pools = rig.pools
        if command == "restart":
            self.reboot(restart=self.m.persona_id != "avalon")  # an Avalon reboots whole
            # exactly what a real cgminer 4.11.1 sends (tests/fixtures/cgminer-4.11.1-control)
            return json.dumps({"STATUS": "RESTART", "id": 1})
        if command == "addpool":
            parts = _split_escaped(param or "")
            if len(parts) != 3 or not all(parts[:2]):
                return json.dumps(self._status("E", 24, "Invalid addpool details"))  # sim: code
            pools.append((parts[0], parts[1]))
            self._set_pools(pools, rig.active_pool)
            return json.dumps(self._status("S", 55, f"Added pool {len(pools) - 1}: '{parts[0]}'"))
        try:
            n = int(param or "")
        except ValueError:
            return json.dumps(self._status("E", 25, "Missing pool id parameter"))
        if not 0 <= n < len(pools):
            return json.dumps(
                self._status("E", 26, f"Invalid pool id {n} - range is 0 - {len(pools) - 1}")
            )
        if command == "switchpool":
            # as a real cgminer 4.11.1 does: the switch lands a moment later, so removing the
            # old pool straight away is refused ("Cannot remove active pool")
            url = pools[n][0]

            def land() -> None:
                now = self.m.rig.pools
                if url in (u for u, _ in now):
                    self._set_pools(now, [u for u, _ in now].index(url))

            schedule(self.state.switch_delay_s, land)
            return json.dumps(self._status("S", 27, f"Switching to pool {n}:'{url}'"))
        if command == "removepool":
            if n == rig.active_pool:
                return json.dumps(
                    self._status("E", 67, f"Cannot remove active pool {n}:'{pools[n][0]}'")
                )
            if len(pools) == 1:
                return json.dumps(self._status("E", 66, "Cannot remove last pool"))
            url = pools.pop(n)[0]
            active = rig.active_pool - (1 if n < rig.active_pool else 0)
            self._set_pools(pools, active)
            return json.dumps(self._status("S", 68, f"Removed pool {n}:'{url}'"))
        word = "Enabling" if command == "enablepool" else "Disabling"
        return json.dumps(self._status("S", 47, f"{word} pool {n}:'{pools[n][0]}'"))

    def _avalon_ascset(self, param: str) -> str:
        # pyasic avalonminer.py: LED "0,led,1-1" / "1-0" → "ASC 0 set OK"; soft off/on → "success"
        parts = param.split(",")
        opt = parts[1] if len(parts) > 1 else ""
        if opt == "led" and len(parts) == 3 and parts[2] in ("1-1", "1-0"):
            self.state.led = parts[2] == "1-1"
            return json.dumps(self._status("S", 119, "ASC 0 set OK"))
        if opt in ("softoff", "softon"):
            self.state.sleeping = opt == "softoff"
            self.m.refresh()
            return json.dumps(self._status("S", 119, f"ASC 0 set info: success {opt}"))  # sim: text
        return json.dumps(self._status("E", 120, f"ASC 0 set failed: unknown option '{opt}'"))

    # -- LuxOS: session id first ----------------------------------------------------------------
    def _luxos(self, command: str, param: str | None) -> str | None:
        st = self.state
        if command == "session":
            return json.dumps(
                self._status("S", 300, "Session") | {"SESSION": [{"SessionID": st.luxos_session}]}
            )
        if command == "logon":
            if st.luxos_session:
                return json.dumps(self._status("E", 301, "Another session is active"))  # sim: text
            st.luxos_session = secrets.token_hex(4)
            return json.dumps(
                self._status("S", 302, "Session created")
                | {"SESSION": [{"SessionID": st.luxos_session}]}
            )
        privileged = {"rebootdevice", "resetminer", "ledset", "curtail", "addpool", "removepool",
                      "switchpool"}  # fmt: skip
        if command not in privileged:
            return None
        st.received.append(command)
        sid, _, rest = (param or "").partition(",")
        if not st.luxos_session or sid != st.luxos_session:
            return json.dumps(self._status("E", 303, "Invalid session id"))  # sim: text
        if command in ("rebootdevice", "resetminer"):
            self.reboot(restart=command == "resetminer")
            return json.dumps(self._status("S", 304, f"{command} ok"))
        if command == "ledset":
            color, _, state = rest.partition(",")
            self.state.led = state in ("on", "blink")
            return json.dumps(self._status("S", 305, f"LED {color} {state}"))
        if command == "curtail":
            self.state.sleeping = rest == "sleep"
            self.m.refresh()
            return json.dumps(self._status("S", 306, f"curtail {rest}"))
        return self._pool_or_restart(command, rest)

    # -- Whatsminer API v2 (encrypted) ----------------------------------------------------------
    def _whatsminer_token(self) -> str:
        from rig_monitor.sim.wm_crypto import v2_keys

        salt, newsalt = "BQ5hoXV9", secrets.token_hex(4)
        now = str(self._when())[-4:]
        key, sign = v2_keys(self.password, salt, newsalt, now)
        self.state.v2_tokens[sign] = (key, now)
        self.state.v2_tokens["_last"] = (key, sign)
        return json.dumps({
            "STATUS": "S", "When": self._when(), "Code": 134,
            "Msg": {"time": now, "salt": salt, "newsalt": newsalt},
            "Description": "",
        })  # fmt: skip

    def _whatsminer_v2_enc(self, obj: dict[str, Any]) -> str:
        from rig_monitor.sim.wm_crypto import v2_decrypt, v2_encrypt

        def flat(letter: str, code: int, msg: str) -> str:
            return json.dumps({"STATUS": letter, "When": self._when(), "Code": code, "Msg": msg,
                               "Description": ""})  # fmt: skip

        # btminer keeps only the last token it handed out; decrypt with its key
        last = self.state.v2_tokens.get("_last")
        if last is None:
            return flat("E", 23, "enc json load err")
        key, sign = last
        try:
            body = v2_decrypt(key, str(obj.get("data", "")))
        except ValueError:
            return flat("E", 23, "enc json load err")  # a wrong password encrypts garbage
        if body.get("token") != sign:
            return flat("E", 23, "token error")  # sim: text
        cmd = str(body.get("cmd"))
        self.state.received.append(cmd)
        if not self.state.write_access:
            return flat("E", 45, "can't access write cmd")
        if cmd == "reboot":
            self.reboot()
        elif cmd == "restart_btminer":
            self.reboot(restart=True)
        elif cmd == "set_led":
            self.state.led = body.get("param") != "auto"
        elif cmd == "power_off":
            self.state.sleeping = True
            self.m.refresh()
        elif cmd == "power_on":
            self.state.sleeping = False
            self.m.refresh()
        elif cmd == "update_pools":
            new = [
                (str(body.get(f"pool{n}", "")), str(body.get(f"worker{n}", ""))) for n in (1, 2, 3)
            ]
            self._set_pools([p for p in new if p[0]], 0)
        else:
            return flat("E", 14, "invalid cmd")
        reply = {"STATUS": "S", "When": self._when(), "Code": 131, "Msg": "API command OK",
                 "Description": ""}  # fmt: skip
        return json.dumps({"enc": v2_encrypt(key, reply)})

    # -- Whatsminer API v3 (port 4433) ----------------------------------------------------------
    def v3(self, request: dict[str, Any]) -> dict[str, Any] | None:
        cmd = request.get("cmd")
        when = self._when()
        if cmd == "get.device.info" and request.get("param") == "salt":
            return {"code": 0, "msg": {"salt": self.state.v3_salt}, "desc": cmd, "when": when}
        if not isinstance(cmd, str) or not cmd.startswith("set."):
            return None
        self.state.received.append(cmd)
        ts = request.get("ts")
        digest = hashlib.sha256(f"{cmd}{self.password}{self.state.v3_salt}{ts}".encode()).digest()
        if request.get("token") != base64.b64encode(digest).decode()[:8]:
            return {"code": -2, "msg": "invalid token", "desc": cmd, "when": when}  # sim: text
        param = request.get("param")
        if cmd == "set.system.reboot":
            self.reboot()
        elif cmd == "set.miner.service" and param in ("restart", "start", "stop"):
            if param == "restart":
                self.reboot(restart=True)
            else:
                self.state.sleeping = param == "stop"
                self.m.refresh()
        elif cmd == "set.system.led":
            self.state.led = param != "auto"
        elif cmd == "set.miner.pools" and isinstance(param, list):
            self._set_pools(
                [
                    (str(p.get("pool", "")), str(p.get("worker", "")))
                    for p in param
                    if isinstance(p, dict)
                ]
            )
        else:
            return {"code": -1, "msg": "invalid param", "desc": cmd, "when": when}  # sim: text
        return {"code": 0, "msg": "ok", "desc": cmd, "when": when}

    # -- web APIs ---------------------------------------------------------------------------------
    def http(self, req: HttpRequest) -> HttpReply | None:
        pid = self.m.persona_id
        if pid in ("antminer", "antminer-web"):
            return self._antminer(req)
        if pid == "bitaxe":
            return self._bitaxe(req)
        if pid == "epic":
            return self._epic(req)
        if pid == "iceriver":
            return self._iceriver(req)
        if pid == "auradine":
            return self._auradine(req)
        if pid == "vnish":
            return self._vnish(req)
        if pid == "braiins":
            return self._braiins(req)
        return None

    def _braiins(self, req: HttpRequest) -> HttpReply | None:
        """Braiins OS public REST API (meta/braiins/25.07/openapi.json in asic-rs): login gives a
        token sent as the Authorization header value; actions are PUTs."""
        if req.path == "/api/v1/auth/login" and req.method == "POST":
            body = _json_body(req)
            if body.get("username") != "root" or body.get("password") != self.password:
                return _ok({"message": "Invalid credentials"}, 401)  # sim: text
            self.state.braiins_token = secrets.token_hex(8)
            return _ok({"token": self.state.braiins_token, "timeout_s": 3600})
        if not req.path.startswith("/api/v1/"):
            return None
        if (
            not self.state.braiins_token
            or req.headers.get("authorization") != self.state.braiins_token
        ):
            return _ok({"message": "Unauthorized"}, 401)  # sim: text
        if not req.path.startswith("/api/v1/actions/"):
            return None  # a read page, logged in: the persona renders it
        what = req.path.rsplit("/", 1)[1]
        if what == "locate" and req.method == "GET":
            return _ok(self.state.led)
        if req.method != "PUT":
            return None
        self.state.received.append(what)
        if what == "reboot":
            self.reboot()
            return 204, {}, b""
        if what == "restart":
            self.reboot(restart=True)
        elif what in ("pause", "resume"):
            was = self.state.sleeping
            self.state.sleeping = what == "pause"
            self.m.refresh()
            return _ok(was == self.state.sleeping)  # true: it already was
        elif what == "locate":
            try:
                on = json.loads(req.body or b"null")
            except ValueError:
                on = None
            if not isinstance(on, bool):
                return _ok({"message": "expected a boolean"}, 400)  # sim: text
            self.state.led = on
            return _ok(on)
        else:
            return None
        return _ok(True)

    def _vnish(self, req: HttpRequest) -> HttpReply | None:
        """AnthillOS ``/api/v1``: ``unlock {"pw"}`` → token; control with ``Authorization``
        (pyasic sends "Bearer <token>" for ``system/*`` and the bare token otherwise)."""
        if not req.path.startswith("/api/v1/"):
            return None
        cmd = req.path[len("/api/v1/") :]
        if cmd == "unlock" and req.method == "POST":
            if _json_body(req).get("pw") != self.password:
                return _ok({"err": "invalid password"}, 401)  # sim: text
            self.state.vnish_token = secrets.token_hex(8)
            return _ok({"token": self.state.vnish_token})
        auth = req.headers.get("authorization", "").removeprefix("Bearer ").strip()
        if not self.state.vnish_token or auth != self.state.vnish_token:
            return _ok({"err": "unauthorized"}, 401)  # sim: text
        if cmd == "status" and req.method == "GET":
            state = "stopped" if self.state.sleeping else "mining"
            return _ok({"miner_state": state, "find_miner": self.state.led})
        if req.method != "POST":
            return None
        self.state.received.append(cmd)
        if cmd == "system/reboot":
            self.reboot()
        elif cmd == "mining/restart":
            self.reboot(restart=True)
        elif cmd in ("mining/pause", "mining/resume"):
            self.state.sleeping = cmd == "mining/pause"
            self.m.refresh()
        elif cmd == "find-miner":
            self.state.led = not self.state.led  # a toggle, as the firmware's button
        else:
            return None
        return 200, {"Content-Type": "application/json"}, b""

    def _auradine(self, req: HttpRequest) -> HttpReply | None:
        from rig_monitor.sim.personas.auradine import token_for

        cmd = req.path.strip("/")
        if req.method != "POST" or cmd not in ("restart", "led", "mode", "updatepools"):
            return None  # reads (GET led/mode…) and /token are the persona's

        def status(letter: str, code: int, msg: str, http: int = 200) -> HttpReply:
            st = [{"STATUS": letter, "Code": code, "Msg": msg, "Description": "FluxOS"}]
            return _ok({"STATUS": st}, http)

        if req.headers.get("token") != token_for(self.m.sample()):
            return status("E", 401, "Invalid token", 401)
        body = _json_body(req)
        self.state.received.append(cmd)
        if cmd == "restart":
            self.reboot(restart=body.get("parameter") == "gcminer")
        elif cmd == "led":
            if body.get("code") not in (2, 3):
                return status("E", 400, "Invalid LED code")  # sim: text
            self.state.led = body.get("code") == 3
        elif cmd == "mode":
            if body.get("sleep") not in ("on", "off"):
                return status("E", 400, "Invalid mode")  # sim: text
            self.state.sleeping = body.get("sleep") == "on"
            self.m.refresh()
        else:
            pools = body.get("pools")
            if not isinstance(pools, list) or not pools:
                return status("E", 400, "Invalid pools")  # sim: text
            self._set_pools(
                [
                    (str(p.get("url", "")), str(p.get("user", "")))
                    for p in pools
                    if isinstance(p, dict)
                ]
            )
        return status("S", 0, cmd)

    def _iceriver(self, req: HttpRequest) -> HttpReply | None:
        from rig_monitor.sim.personas.iceriver import COOKIE, session_for

        if req.path != "/user/userpanel" or req.method != "POST" or req.query.get("post") != "5":
            return None
        self.state.received.append("locate")
        if f"{COOKIE}={session_for(self.m.sample())}" not in req.headers.get("cookie", ""):
            return None  # the persona answers its login page
        self.state.led = req.query.get("locate") == "1"
        return _ok({"error": 0})

    def _antminer(self, req: HttpRequest) -> HttpReply | None:
        paths = ("/cgi-bin/reboot.cgi", "/cgi-bin/blink.cgi", "/cgi-bin/get_blink_status.cgi",
                 "/cgi-bin/set_miner_conf.cgi")  # fmt: skip
        if req.path not in paths:
            return None
        if not digest_ok(req.method, req.headers, "antMiner Configuration", "root", self.password):
            return digest_challenge("antMiner Configuration")
        if req.path == "/cgi-bin/get_blink_status.cgi":
            return _ok({"blink": self.state.led})
        self.state.received.append(req.path.rsplit("/", 1)[1])
        if req.path == "/cgi-bin/reboot.cgi":
            self.reboot()
            return _ok({"stats": "success", "code": "R000", "msg": "OK!"})  # sim: R000
        body = _json_body(req)
        if req.path == "/cgi-bin/blink.cgi":
            on = str(body.get("blink", "")).lower() == "true"
            self.state.led = on
            return _ok({"code": "B000" if on else "B100"})
        pools = body.get("pools")
        if isinstance(pools, list):
            new = [
                (str(p.get("url", "")), str(p.get("user", "")))
                for p in pools
                if isinstance(p, dict)
            ]
            self._set_pools([p for p in new if p[0]], 0)
        if "miner-mode" in body:
            self.state.sleeping = str(body["miner-mode"]) == "1"
            self.m.refresh()
        return _ok({"stats": "success", "code": "M000", "msg": "OK!"})

    def _bitaxe(self, req: HttpRequest) -> HttpReply | None:
        if req.path == "/api/system/restart" and req.method == "POST":
            self.state.received.append("restart")
            self.reboot()
            return 200, {"Content-Type": "text/plain"}, b"System will restart shortly."
        if req.path == "/api/system" and req.method == "PATCH":
            body = _json_body(req)
            self.state.received.append("patch")
            if not body:
                return 400, {"Content-Type": "text/plain"}, b"Invalid JSON"
            if "stratumURL" in body:
                url = f"stratum+tcp://{body['stratumURL']}:{body.get('stratumPort', 3333)}"
                self._set_pools([(url, str(body.get("stratumUser", "")))], 0)
            return 200, {"Content-Type": "text/plain"}, b""
        return None

    def _epic(self, req: HttpRequest) -> HttpReply | None:
        actions: dict[str, Callable[[Any], None]] = {
            "/reboot": lambda _p: self.reboot(),
            "/softreboot": lambda _p: self.reboot(restart=True),
            "/identify": lambda p: setattr(self.state, "led", bool(p)),
            "/miner": self._epic_miner,
            "/coin": self._epic_coin,
        }
        if req.method != "POST" or req.path not in actions:
            return None
        body = _json_body(req)
        self.state.received.append(req.path)
        if body.get("password") != self.password:
            return _ok({"result": False, "error": "Incorrect password"}, 401)  # sim: text
        actions[req.path](body.get("param"))
        return _ok({"result": True, "error": None})

    def _epic_miner(self, param: Any) -> None:
        self.state.sleeping = param == "Stop"
        self.m.refresh()

    def _epic_coin(self, param: Any) -> None:
        configs = param.get("stratum_configs") if isinstance(param, dict) else None
        if isinstance(configs, list):
            self._set_pools(
                [
                    (str(c.get("pool", "")), str(c.get("login", "")))
                    for c in configs
                    if isinstance(c, dict)
                ]
            )


def _json_body(req: HttpRequest) -> dict[str, Any]:
    try:
        value = json.loads(req.body or b"{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _split_escaped(text: str) -> list[str]:
    """cgminer's comma split with backslash escapes (API-README "Escape")."""
    out, cur, esc = [], [], False
    for ch in text:
        if esc:
            cur.append(ch)
            esc = False
        elif ch == "\\":
            esc = True
        elif ch == ",":
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return out


def schedule(delay: float, fn: Callable[[], None]) -> None:
    """Run ``fn`` after ``delay`` seconds on the running loop (at once when there is none)."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        fn()
        return
    loop.call_later(delay, fn)


__all__ = ["Control", "ControlState", "schedule", "time"]
