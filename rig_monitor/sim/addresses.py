"""Where a fleet's miners listen. Loopback only: the sim must never answer on a real network."""

from __future__ import annotations

import ipaddress

LOOPBACK = ipaddress.IPv4Network("127.0.0.0/8")
MIN_PORT = 1024


def check_port(port: int, count: int = 1) -> None:
    if port < MIN_PORT:
        raise ValueError(
            f"port {port} is privileged or invalid: the simulator only uses ports >= {MIN_PORT}"
        )
    if port + count - 1 > 65535:
        raise ValueError(f"ports {port}..{port + count - 1} run past 65535")


def plan_addresses(
    base: str, count: int, port: int, single_ip: bool = False
) -> list[tuple[str, int]]:
    """``count`` (ip, port) pairs counting up from ``base``, skipping host octets .0 and .255.

    ``single_ip`` puts every miner on 127.0.0.1 on consecutive ports (macOS only routes 127.0.0.1).
    """
    try:
        start = ipaddress.IPv4Address(base)
    except ValueError as exc:
        raise ValueError(f"base {base!r} is not an IPv4 address") from exc
    if start not in LOOPBACK:
        raise ValueError(f"base {base} is not loopback: the simulator only listens on 127.0.0.0/8")
    if count < 0:
        raise ValueError("count must be >= 0")
    if single_ip:
        check_port(port, max(count, 1))
        return [("127.0.0.1", port + i) for i in range(count)]
    check_port(port)
    out: list[tuple[str, int]] = []
    addr = int(start)
    while len(out) < count:
        ip = ipaddress.IPv4Address(addr)
        if ip not in LOOPBACK:
            raise ValueError(f"{count} miners from {base} do not fit in 127.0.0.0/8")
        if addr & 0xFF not in (0, 255):
            out.append((str(ip), port))
        addr += 1
    return out
