"""The diagnosis's own IPv4 parse gives exactly what ``ipaddress`` gives (blocks and order)."""

from __future__ import annotations

import ipaddress
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from rig_monitor.core.faults import incidents
from rig_monitor.core.faults.incidents import _ip_sort, _ipv4, _net

TRICKY = [
    "10.0.0.1",
    "0.0.0.0",
    "255.255.255.255",
    "256.1.1.1",
    "1.2.3",
    "1.2.3.4.5",
    "01.2.3.4",
    "1.2.3.00",
    "1.2.3.0",
    "1..3.4",
    "1.2.3.",
    ".1.2.3",
    "1.2.3.4 ",
    " 1.2.3.4",
    "1.2.3.+4",
    "1.2.3.-4",
    "1.2.3.٣",  # an Arabic-Indic digit: isdigit() but not ASCII
    "1.2.3.1000",
    "1.2.3.4/24",
    "::1",
    "fe80::1",
    "::ffff:10.1.2.3",
    "[::1]",
    "miner-7.local",
    "",
    "1.2.3.0x1",
]


def _reference_int(ip: str) -> int | None:
    try:
        return int(ipaddress.IPv4Address(ip))
    except ValueError:
        return None


def _reference_net(ip: str, prefix: int) -> str | None:
    try:
        return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))
    except ValueError:
        return None


def _reference_sort(key: str) -> tuple[int, str]:
    try:
        return int(ipaddress.ip_address(key.rsplit(":", 1)[0])), key
    except ValueError:
        return 0, key


def _check(ip: str) -> None:
    assert _ipv4(ip) == _reference_int(ip), ip
    for prefix in (0, 8, 23, 24, 26, 31, 32, 33, -1):
        _net.cache_clear()
        assert _net(ip, prefix) == _reference_net(ip, prefix), (ip, prefix)
    for key in (f"{ip}:4028", ip):
        _ip_sort.cache_clear()
        assert _ip_sort(key) == _reference_sort(key), key


def test_tricky_addresses_parse_as_ipaddress_does() -> None:
    for ip in TRICKY:
        _check(ip)


def test_random_dotted_quads_parse_as_ipaddress_does() -> None:
    rng = random.Random(15)
    pieces = ["0", "00", "1", "01", "9", "10", "99", "100", "199", "200", "255", "256", "999"]
    for _ in range(3000):
        ip = ".".join(
            rng.choice(pieces) if rng.random() < 0.7 else str(rng.randrange(300)) for _ in range(4)
        )
        _check(ip)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="0123456789.:/ x-", max_size=18))
def test_any_short_text_parses_as_ipaddress_does(text: str) -> None:
    _check(text)


def test_blocks_of_a_fleet_match_ipaddress() -> None:
    keys = [f"10.{i // 254 % 256}.{i % 254 + 1}.{i % 7}:4028" for i in range(2000)]
    incidents._grouped.cache_clear()
    got = incidents._grouped(tuple(keys), 26)
    want: dict[str, list[str]] = {}
    for k in keys:
        net = _reference_net(k.rsplit(":", 1)[0], 26)
        assert net is not None
        want.setdefault(net, []).append(k)
    assert got == {n: tuple(m) for n, m in want.items()}
