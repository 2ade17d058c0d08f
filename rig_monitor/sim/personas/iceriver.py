"""IceRiver (KS Kaspa / AL Alephium): web only, no 4028. Shapes follow protocols.md §2.10.

``POST /user/loginpost?post=6&user=admin&pwd=…`` sets a session cookie; ``POST
/user/userpanel?post=4`` then answers ``{"error": 0, "data": {softver1, fans[], mac, host, unit,
rtpow, runtime, boards[], pools[]…}, "message": ""}`` (keys as in the real KS5L reply in
tests/captures/iceriver; its ``model``/``algo`` say "none" there, and so they do here). Without the cookie every page is the login page (HTML),
as on the real web server. Rates are strings with a unit letter ("6012G"); the simulated machine's
GH/s stand for the coin's own hash (kHeavyHash, Blake3).
"""

from __future__ import annotations

import hashlib
import json
import time
from typing import ClassVar

from rig_monitor.sim.hardware import HardwareSpec
from rig_monitor.sim.personas.base import HttpReply, Identity, WebOnlyPersona
from rig_monitor.sim.personas.power import rig_spec
from rig_monitor.sim.rig import Sample

FIRMWARE = "1.1.3"
USERNAME = "admin"
PASSWORD = "12345678"
CHANGED_PASSWORD = "owner-changed-it"  # what ``bad_password`` makes the miner expect
COOKIE = "ice_session"
_JSON = {"Content-Type": "application/json"}
LOGIN_PAGE = (
    "<!DOCTYPE html><HTML><HEAD><meta charset='utf-8'><TITLE>用户界面</TITLE></HEAD>"
    "<BODY><form action='/user/loginpost'>IceRiver</form></BODY></HTML>"
).encode()
# No chip status string, no sleep mode; chipnum is reported but never short here.
_UNSUPPORTED = frozenset({"missing_chips", "chip_x", "idle", "chips_fading"})
_HISTORY = 23  # points in the rate history, as in the captured reply

# name → (softver1 model token, spec); provisional figures from vendor listings.
MODELS: dict[str, tuple[str, HardwareSpec]] = {
    "KS3M": ("ks3m", rig_spec(3, 24, 6.0, 3400.0, 4, 4800, pcb_temp_c=58.0)),
    "KS5L": ("ks5l", rig_spec(3, 36, 12.0, 3400.0, 4, 5100, pcb_temp_c=60.0)),
    "KS0 Pro": ("ks0pro", rig_spec(1, 6, 0.2, 100.0, 1, 3600, pcb_temp_c=50.0)),
}


def session_for(sample: Sample) -> str:
    return hashlib.sha256(("iceriver:" + sample.miner_id).encode()).hexdigest()[:24]


def iceriver_mac(sample: Sample) -> str:
    raw = "00A0C9" + sample.miner_id[:6].upper()
    return "-".join(raw[i : i + 2] for i in range(0, 12, 2))


def runtime(seconds: int) -> str:
    d, rest = divmod(seconds, 86400)
    h, rest = divmod(rest, 3600)
    m, s = divmod(rest, 60)
    return f"{d}:{h:02d}:{m:02d}:{s:02d}"


class IceRiverPersona(WebOnlyPersona):
    unsupported = _UNSUPPORTED
    id = "iceriver"
    model_weights: ClassVar[dict[str, float]] = {"KS3M": 40.0, "KS5L": 40.0, "KS0 Pro": 20.0}
    reports_nominal = False

    def _m(self, model: str | None) -> tuple[str, HardwareSpec]:
        return MODELS[self.check_model(model) or "KS3M"]

    def hardware(self, model: str | None) -> HardwareSpec:
        return self._m(model)[1]

    def identity(self, model: str | None) -> Identity:
        return Identity("IceRiver", self.check_model(model), "stock", FIRMWARE, "")

    def description(self, model: str | None) -> str:
        return f"IceRiver {FIRMWARE}"

    def http(
        self,
        method: str,
        path: str,
        query: dict[str, str],
        headers: dict[str, str],
        body: bytes,
        sample: Sample,
        model: str | None,
    ) -> HttpReply | None:
        html = {"Content-Type": "text/html; charset=utf-8"}
        if path in ("/", "/index.html", "/user/login"):
            return 200, html, LOGIN_PAGE
        if path == "/user/loginpost" and method == "POST":
            password = CHANGED_PASSWORD if "bad_password" in sample.faults else PASSWORD
            if query.get("user") != USERNAME or query.get("pwd") != password:
                return 200, dict(_JSON), b'{"error": 1, "msg": "user or password error"}'
            cookie = f"{COOKIE}={session_for(sample)}; Path=/; HttpOnly"
            return 200, dict(_JSON) | {"Set-Cookie": cookie}, b'{"error": 0}'
        if path == "/user/userpanel" and method == "POST":
            if f"{COOKIE}={session_for(sample)}" not in headers.get("cookie", ""):
                return 200, html, LOGIN_PAGE  # session expired: the login page again
            if query.get("post") != "4":
                return 200, dict(_JSON), b'{"error": 0, "data": {}}'
            doc = {"error": 0, "data": self.userpanel(sample, model), "message": ""}
            return 200, dict(_JSON), json.dumps(doc, ensure_ascii=False).encode()
        return None

    def userpanel(self, s: Sample, model: str | None) -> dict[str, object]:
        token, _ = self._m(model)
        history = [
            round(s.rate_avg_ghs * (1.0 + 0.01 * ((i * 7) % 5 - 2))) for i in range(_HISTORY)
        ]
        return {
            "model": "none",
            "algo": "none",
            "online": True,
            "firmver1": "BOOT_3_1",
            "firmver2": "image_1.0",
            "softver1": f"{FIRMWARE}_{token}",
            "softver2": "0.3.7",
            "firmtype": "Factory",
            "nic": "eth0",
            "mac": iceriver_mac(s),
            "ip": "",
            "netmask": "255.255.255.0",
            "host": "iceriver-" + s.miner_id[:4],
            "dhcp": True,
            "gateway": "",
            "dns": "",
            "locate": False,
            "pows": {"board1": history},  # the machine's rate history, one point per 5 min
            "pows_x": [f"{5 * i} mins" for i in range(_HISTORY)],
            "powstate": True,
            "netstate": True,
            "fanstate": all(s.fans),
            "tempstate": True,
            "fans": list(s.fans),
            "unit": "G",
            "rtpow": f"{s.rate_5s_ghs:.0f}G",
            "avgpow": f"{s.rate_avg_ghs:.0f}G",
            "runtime": runtime(s.elapsed),
            "reject": round(s.rejected_percent, 2),
            "boards": [
                {
                    "no": b.index + 1,
                    "chipnum": b.chips,
                    # chipsuc 0 and "false" = 1..chipnum, as the captured KS5L prints them
                    # while hashing: meaning unknown, the driver reads neither
                    "chipsuc": 0,
                    "error": 0,
                    "freq": int(b.freq_mhz),
                    "rtpow": f"{b.rate_ghs:.0f}G",
                    "avgpow": f"{b.rate_ghs:.0f}G",
                    "idealpow": f"{b.ideal_ghs:.0f}G",
                    "tempnum": "(null)",
                    "pcbtemp": "0.00-0.00-0.00-0.00",
                    "intmp": min(v for v in b.pcb) if b.present else 0,
                    "outtmp": max(b.pcb) if b.present else 0,
                    "state": b.present,
                    "false": list(range(1, b.chips + 1)),
                }
                for b in s.boards
            ],
            "pools": [
                {
                    "no": p.index + 1,
                    "addr": p.url,
                    "user": p.user,
                    "pass": "x",
                    "connect": 1.0 if p.active else -1.0,  # as a real KS5L prints it
                    "state": 1 if p.status == "Alive" else 0,
                    "diff": str(p.diff),
                    "priority": p.index + 1,
                    "accepted": p.accepted,
                    "rejected": p.rejected,
                    "diffa": p.accepted * p.diff,
                    "diffr": p.rejected * p.diff,
                    "lsdiff": p.diff,
                    "lstime": "00:00:03" if p.last_share_time else "",
                }
                for p in s.pools
            ],
            "refTime": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(s.when)),
        }
