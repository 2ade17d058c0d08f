"""Whatsminer (MicroBT btminer) privileged commands, API v2 on 4028 and API v3 on 4433.

API v2 (pyasic ``rpc/btminer.py``: ``get_token``, ``_crypt``, ``create_privileged_cmd``,
``parse_btminer_priviledge_data``): ``get_token`` → ``Msg{time, salt, newsalt}``; key = the hash
part of md5-crypt(password, ``$1$salt$``); sign = hash part of md5-crypt(key + time,
``$1$newsalt$``); the JSON ``{"cmd", "token": sign, …}`` is zero-padded to 16 bytes, encrypted with
AES-256-ECB under SHA-256(key), base64'd and sent as ``{"enc": 1, "data": …}``; the reply
``{"enc": "<b64>"}`` decrypts with the same key. Success is ``Code`` 131 "API command OK". Write
access must be enabled on the miner (WhatsMinerTool); otherwise btminer answers
"can't access write cmd", which we report as is.

API v3 (pyasic ``BTMinerV3RPCAPI.send_command``): ``set.*`` commands carry ``ts``, ``account``
("super") and ``token`` = the first 8 characters of base64(SHA-256(cmd + password + salt + ts)),
salt from ``get.device.info`` param ``salt``. Reply ``code`` 0 = OK, else the text is in ``msg``.
Commands: ``set.system.reboot``, ``set.miner.service`` start/stop/restart, ``set.system.led``
("auto" or ``[{color, period, duration, start}]``), ``set.miner.pools`` (``[{pool, worker,
passwd}]`` as pyasic's ``as_btminer_v3`` sends it).

md5-crypt comes from passlib (the stdlib ``crypt`` module is gone in Python 3.13 and absent on
Windows) and AES from ``cryptography``: both well-kept implementations, not ours to hand-write.
"""

from __future__ import annotations

import base64
import hashlib
import json
import time
import warnings
from typing import Any

from rig_monitor.core.drivers.base import Session
from rig_monitor.core.drivers.control.base import Action, ActionRefused, Controller, PoolSpec
from rig_monitor.core.errors import MinerError
from rig_monitor.core.wire.cgminer import parse_reply, status_of
from rig_monitor.core.wire.whatsminer_v3 import WhatsminerV3Client

V2_OK = 131


def md5_crypt_hash(word: str, salt: str) -> str:
    """The hash part (after the last ``$``) of md5-crypt, as btminer computes it."""
    with warnings.catch_warnings():  # passlib probes the deprecated stdlib crypt module
        warnings.simplefilter("ignore", DeprecationWarning)
        from passlib.hash import md5_crypt

    return str(md5_crypt.using(salt=salt).hash(word)).rsplit("$", 1)[1]


def v2_keys(password: str, salt: str, newsalt: str, when: str) -> tuple[str, str]:
    """(key, sign) from a get_token reply: key encrypts, sign goes inside the request."""
    key = md5_crypt_hash(password, salt)
    return key, md5_crypt_hash(key + when, newsalt)


def _cipher(key: str) -> Any:
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    return Cipher(algorithms.AES(hashlib.sha256(key.encode()).digest()), modes.ECB())


def v2_encrypt(key: str, body: dict[str, Any]) -> str:
    plain = json.dumps(body, separators=(",", ":")).encode()
    plain += b"\0" * (-len(plain) % 16)
    enc = _cipher(key).encryptor()
    return base64.b64encode(enc.update(plain) + enc.finalize()).decode()


def v2_decrypt(key: str, data: str) -> dict[str, Any]:
    dec = _cipher(key).decryptor()
    plain = dec.update(base64.b64decode(data)) + dec.finalize()
    value = json.loads(plain.rstrip(b"\0").decode("utf-8", "replace"))
    if not isinstance(value, dict):
        raise ActionRefused("encrypted reply is not a JSON object")
    return value


_V2: dict[Action, tuple[str, dict[str, Any]]] = {
    Action.REBOOT: ("reboot", {}),
    Action.RESTART: ("restart_btminer", {}),
    Action.LOCATE_ON: (
        "set_led",
        {"param": {"color": "red", "period": 200, "duration": 100, "start": 0}},
    ),
    Action.LOCATE_OFF: ("set_led", {"param": "auto"}),
    Action.SLEEP: ("power_off", {"respbefore": "true"}),
    Action.WAKE: ("power_on", {}),
}


class WhatsminerV2Control(Controller):
    family = "whatsminer"

    def plan(self, action: Action, pools: tuple[PoolSpec, ...] = ()) -> str:
        cmd = "update_pools" if action is Action.POOLS else _V2[action][0]
        return f"get_token, then encrypted '{cmd}' (API v2, write access must be on)"

    async def run(self, session: Session, action: Action, pools: tuple[PoolSpec, ...] = ()) -> str:
        password = self.credential(session).password
        token = await session.rpc.command("get_token")
        st = status_of(token)
        msg = token.get("Msg")
        if not st.ok or not isinstance(msg, dict):
            raise ActionRefused(f"get_token refused: {st.msg or msg or 'no token'}")
        key, sign = v2_keys(password, str(msg["salt"]), str(msg["newsalt"]), str(msg["time"]))
        if action is Action.POOLS:
            cmd, extra = "update_pools", dict[str, Any]()
            for n in range(3):
                p = pools[n] if n < len(pools) else PoolSpec("", "", "")
                extra |= {
                    f"pool{n + 1}": p.url,
                    f"worker{n + 1}": p.user,
                    f"passwd{n + 1}": p.password,
                }
        else:
            cmd, extra = _V2[action]
        body = {"cmd": cmd, "token": sign, **extra}
        payload = json.dumps({"enc": 1, "data": v2_encrypt(key, body)}).encode()
        reply = parse_reply(await session.rpc.raw(payload))
        if isinstance(reply.get("enc"), str):
            try:
                reply = v2_decrypt(key, reply["enc"])
            except (ValueError, UnicodeDecodeError) as exc:
                raise ActionRefused(
                    f"{cmd}: reply did not decrypt (wrong password?) {exc}"
                ) from None
        st = status_of(reply)
        if not st.ok:
            raise ActionRefused(f"{cmd} refused: {st.msg or 'no message'} (code {st.code})")
        return f"{cmd}: {st.msg or 'OK'}"


_V3: dict[Action, tuple[str, Any]] = {
    Action.REBOOT: ("set.system.reboot", None),
    Action.RESTART: ("set.miner.service", "restart"),
    Action.LOCATE_ON: (
        "set.system.led",
        [{"color": "red", "period": 200, "duration": 100, "start": 0}],
    ),
    Action.LOCATE_OFF: ("set.system.led", "auto"),
    Action.SLEEP: ("set.miner.service", "stop"),
    Action.WAKE: ("set.miner.service", "start"),
}


def v3_token(cmd: str, password: str, salt: str, ts: int) -> str:
    digest = hashlib.sha256(f"{cmd}{password}{salt}{ts}".encode()).digest()
    return base64.b64encode(digest).decode()[:8]


class WhatsminerV3Control(Controller):
    family = "whatsminer_v3"

    def plan(self, action: Action, pools: tuple[PoolSpec, ...] = ()) -> str:
        cmd = "set.miner.pools" if action is Action.POOLS else _V3[action][0]
        return f"salt, then '{cmd}' with a salted token (API v3, port 4433)"

    async def run(self, session: Session, action: Action, pools: tuple[PoolSpec, ...] = ()) -> str:
        cred = self.credential(session)
        client = WhatsminerV3Client(
            session.target.ip, session.ports.whatsminer_v3, session.rpc.limits
        )
        salt = str((await client.msg("get.device.info", "salt")).get("salt") or "")
        if not salt:
            raise ActionRefused("get.device.info gave no salt")
        if action is Action.POOLS:
            cmd: str = "set.miner.pools"
            param: Any = [
                {"pool": p.url, "worker": p.user, "passwd": p.password} for p in pools[:3]
            ]
        else:
            cmd, param = _V3[action]
        ts = int(time.time())
        body: dict[str, Any] = {"cmd": cmd, "ts": ts, "account": cred.username or "super"}
        body["token"] = v3_token(cmd, cred.password, salt, ts)
        if param is not None:
            body["param"] = param
        from rig_monitor.core.wire.cgminer import exchange
        from rig_monitor.core.wire.whatsminer_v3 import _read_frame, frame, parse_frame

        raw = await exchange(
            client.host, client.port, frame(body), _read_frame, client.limits, what="v3 reply"
        )
        try:
            reply = parse_frame(raw)
        except MinerError as exc:
            if "v3 error" in exc.message:
                raise ActionRefused(
                    f"{cmd} refused: {exc.message.split('v3 error ', 1)[1]}"
                ) from None
            raise
        return f"{cmd}: {reply.get('msg') or 'ok'}"
