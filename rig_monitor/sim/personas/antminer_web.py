"""Antminer stock web UI: the lighttpd CGI JSON behind HTTP Digest, rendered from the RPC's sample.

Shapes follow real X19/X21 firmware captures (protocols.md §2.1): ``stats.cgi`` and ``summary.cgi``
use the structured layout (``STATS[0].chain[]``, ``SUMMARY[0].status[]``, a single STATUS *object*),
``get_system_info.cgi`` is a flat object of strings. S9-era firmware only has the system info and
the config pages in JSON, so its other CGIs answer 404 and the client must cope.
"""

from __future__ import annotations

import json
from typing import Any

from rig_monitor.sim.httpwire import digest_challenge, digest_ok
from rig_monitor.sim.personas.base import HttpReply
from rig_monitor.sim.rig import Sample

REALM = "antMiner Configuration"
USERNAME = "root"
PASSWORD = "root"
CHANGED_PASSWORD = "owner-changed-it"  # what ``bad_password`` makes the miner expect
_JSON = {"Content-Type": "application/json"}
_INDEX = (
    b"<!DOCTYPE html><html><head><title>Antminer</title></head>"
    b'<body><div id="app">antMiner Configuration</div></body></html>'
)


def web_mac(sample: Sample) -> str:
    """A stable, locally administered MAC per miner (from its seed-derived miner id)."""
    raw = "02" + sample.miner_id[:10]
    return ":".join(raw[i : i + 2] for i in range(0, 12, 2)).upper()


def web_serial(sample: Sample) -> str:
    return "JYZZ" + sample.miner_id[-12:].upper()


def web_hostname(sample: Sample) -> str:
    return "Antminer-" + sample.miner_id[:4]


def _status(msg: str, when: int) -> dict[str, Any]:
    return {"STATUS": "S", "when": when, "Msg": msg, "api_version": "1.0.0"}


def _ok(doc: dict[str, Any]) -> HttpReply:
    return 200, dict(_JSON), json.dumps(doc).encode()


def render(
    *,
    path: str,
    method: str,
    headers: dict[str, str],
    sample: Sample,
    type_text: str,
    miner_version: str,
    compile_time: str,
    full_json: bool,
) -> HttpReply | None:
    """One request to the web UI. Everything, ``/`` included, is behind Digest (as on lighttpd)."""
    password = CHANGED_PASSWORD if "bad_password" in sample.faults else PASSWORD
    if not digest_ok(method, headers, REALM, USERNAME, password):
        # Bitmain's lighttpd web UI (1.4.69, realm "antMiner Configuration") sent this 401
        # without ``Connection: close`` on a real S19j Pro (headers printed in pyasic issue #243;
        # that miner ran Hiveon, which keeps the stock web UI): the answer may come on it
        return digest_challenge(REALM, keep_open=True)
    info = {"miner_version": miner_version, "CompileTime": compile_time, "type": type_text}
    if path in ("/", "/index.html"):
        return 200, {"Content-Type": "text/html"}, _INDEX
    if path == "/cgi-bin/get_system_info.cgi":
        return _ok(
            {
                "minertype": type_text,
                "nettype": "DHCP",
                "netdevice": "eth0",
                "macaddr": web_mac(sample),
                "hostname": web_hostname(sample),
                "ipaddress": "",
                "netmask": "255.255.255.0",
                "gateway": "",
                "dnsservers": "",
                "system_mode": "GNU/Linux",
                "system_kernel_version": "Linux 4.9.113 #1 SMP PREEMPT",
                "system_filesystem_version": compile_time,
                "firmware_type": "Release",
                "serinum": web_serial(sample),
            }
        )
    if path == "/cgi-bin/get_miner_conf.cgi":
        return _ok(
            {
                "pools": [{"url": p.url, "user": p.user, "pass": "x"} for p in sample.pools],
                "api-listen": True,
                "api-network": True,
                "api-groups": "A:stats:pools:devs:summary:version",
                "api-allow": "A:0/0,W:*",
                "bitmain-fan-ctrl": False,
                "bitmain-fan-pwm": "100",
                "bitmain-use-vil": True,
                "bitmain-freq": str(int(sample.boards[0].freq_mhz)) if sample.boards else "0",
                "bitmain-voltage": "1320",
                "bitmain-ccdelay": "0",
                "bitmain-pwth": "0",
                "bitmain-work-mode": "1" if sample.idle else "0",
                "bitmain-freq-level": "100",
            }
        )
    if not full_json:
        return None
    if path == "/cgi-bin/summary.cgi":
        return _ok(
            {
                "STATUS": _status("summary", sample.when),
                "INFO": info,
                "SUMMARY": [
                    {
                        "elapsed": sample.elapsed,
                        "rate_5s": sample.rate_5s_ghs,
                        "rate_30m": sample.rate_30m_ghs,
                        "rate_avg": sample.rate_avg_ghs,
                        "rate_ideal": sample.ideal_ghs,
                        "rate_unit": "GH/s",
                        "hw_all": sample.hw,
                        "bestshare": sample.best_share,
                        "status": [
                            {"type": kind, "status": "s", "code": 0, "msg": ""}
                            for kind in ("rate", "network", "fans", "temp")
                        ],
                    }
                ],
            }
        )
    if path == "/cgi-bin/stats.cgi":
        chains = [
            {
                "index": b.index,
                "freq_avg": int(b.freq_mhz),
                "rate_ideal": b.ideal_ghs,
                "rate_real": b.rate_ghs,
                "asic_num": b.chips,
                "asic": b.acs,
                "temp_pic": b.pic,
                "temp_pcb": b.pcb,
                "temp_chip": b.chip,
                "hw": b.hw,
                "eeprom_loaded": b.present,
                "sn": f"{web_serial(sample)}B{b.index}",
                "hwp": 0.0,
                "tpl": [],
            }
            for b in sample.boards
        ]
        return _ok(
            {
                "STATUS": _status("stats", sample.when),
                "INFO": info,
                "STATS": [
                    {
                        "elapsed": sample.elapsed,
                        "rate_5s": sample.rate_5s_ghs,
                        "rate_30m": sample.rate_30m_ghs,
                        "rate_avg": sample.rate_avg_ghs,
                        "rate_ideal": sample.ideal_ghs,
                        "rate_unit": "GH/s",
                        "chain_num": sum(1 for b in sample.boards if b.present),
                        "fan_num": len(sample.fans),
                        "fan": list(sample.fans),
                        "hwp_total": round(sample.hw_percent, 4),
                        "watt": 0,  # no power reading, as the real S21 XP Hyd. prints it
                        "miner-mode": 1 if sample.idle else 0,
                        "freq-level": 100,
                        "chain": chains,
                    }
                ],
            }
        )
    if path == "/cgi-bin/pools.cgi":
        return _ok(
            {
                "STATUS": _status("pools", sample.when),
                "INFO": info,
                "POOLS": [
                    {
                        "index": p.index,
                        "url": p.url,
                        "user": p.user,
                        "status": p.status,
                        "priority": p.index,
                        "getworks": p.getworks,
                        "accepted": p.accepted,
                        "rejected": p.rejected,
                        "stale": p.stale,
                        "diff": str(p.diff),
                    }
                    for p in sample.pools
                ],
            }
        )
    return None
