"""Parse what operators type to name miners: IPs, IP:PORT, CIDRs, ranges and @files.

Accepted forms (separated by commas, whitespace or newlines):
``10.0.0.5``, ``10.0.0.5:4029``, ``10.0.0.0/24``, ``10.0.0.5-10.0.0.80``, ``10.0.0.5-80``,
``@miners.txt`` (one target per line, ``#`` comments). A port suffix applies to every address of a
CIDR or range (``10.0.0.0/24:4029``). Errors name the offending token.
"""

from __future__ import annotations

import ipaddress
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from rig_monitor.core.model import Target

DEFAULT_PORT = 4028
MAX_TARGETS = 262_144  # a /14: anything larger is a typo, not a farm
MAX_FILE_BYTES = 8 * 1024 * 1024  # an @file of 262,144 "255.255.255.255:65535" lines is 5.5 MiB


class TargetError(ValueError):
    pass


_SPLIT = re.compile(r"[\s,;]+")


def _port(text: str, token: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise TargetError(f"{token!r}: port must be a number from 1 to 65535")
    return int(text)


def _split_port(token: str) -> tuple[str, int]:
    if token.count(":") == 1:
        host, port = token.split(":")
        return host, _port(port, token)
    return token, DEFAULT_PORT


def _addr(text: str, token: str) -> ipaddress.IPv4Address:
    try:
        return ipaddress.IPv4Address(text)
    except ValueError:
        raise TargetError(
            f"{token!r}: not an IPv4 address, CIDR (10.0.0.0/24) or range (10.0.0.5-80)"
        ) from None


# Addresses that never name one host: 0.0.0.0/8 ("this network"; 0.0.0.0 means "any" to a
# socket), 224.0.0.0/4 multicast, 240.0.0.0/4 reserved, which ends with 255.255.255.255 (limited
# broadcast). A miner never has one; polling one is a typo or worse (RFC 6890).
_NOT_HOSTS = (
    (
        int(ipaddress.IPv4Address("0.0.0.0")),
        int(ipaddress.IPv4Address("0.255.255.255")),
        "is not a host address (0.0.0.0/8 means 'this network')",
    ),
    (
        int(ipaddress.IPv4Address("224.0.0.0")),
        int(ipaddress.IPv4Address("239.255.255.255")),
        "is a multicast address, not a miner",
    ),
    (
        int(ipaddress.IPv4Address("240.0.0.0")),
        int(ipaddress.IPv4Address("255.255.255.255")),
        "is reserved or broadcast (255.255.255.255), not a miner",
    ),
)


def _check_hosts(start: int, end: int, token: str) -> None:
    """``TargetError`` when ``start``..``end`` reaches an address that cannot be a miner."""
    for lo, hi, why in _NOT_HOSTS:
        if start <= hi and end >= lo:
            bad = ipaddress.IPv4Address(max(start, lo))
            where = "" if start == end else f" (it includes {bad})"
            raise TargetError(f"{token!r}{where}: {bad} {why}")


def _expand(token: str) -> Iterator[Target]:
    host, port = _split_port(token)
    if "/" in host:
        try:
            net = ipaddress.IPv4Network(host, strict=False)
        except ValueError:
            raise TargetError(f"{token!r}: not a valid CIDR block") from None
        if net.num_addresses > MAX_TARGETS:
            raise TargetError(f"{token!r}: {net.num_addresses:,} addresses is too many")
        _check_hosts(int(net.network_address), int(net.broadcast_address), token)
        hosts: Iterable[ipaddress.IPv4Address] = net.hosts() if net.prefixlen < 31 else iter(net)
        for a in hosts:
            yield Target(str(a), port)
        return
    if "-" in host:
        start_s, end_s = host.split("-", 1)
        start = _addr(start_s, token)
        if end_s.isdigit() and "." not in end_s:
            if int(end_s) > 255:
                raise TargetError(f"{token!r}: the range end must be 0-255 or a full address")
            end = ipaddress.IPv4Address(str(start).rsplit(".", 1)[0] + "." + end_s)
        else:
            end = _addr(end_s, token)
        if int(end) < int(start):
            raise TargetError(f"{token!r}: the range ends before it starts")
        if int(end) - int(start) + 1 > MAX_TARGETS:
            raise TargetError(f"{token!r}: {int(end) - int(start) + 1:,} addresses is too many")
        _check_hosts(int(start), int(end), token)
        for n in range(int(start), int(end) + 1):
            yield Target(str(ipaddress.IPv4Address(n)), port)
        return
    addr = _addr(host, token)
    _check_hosts(int(addr), int(addr), token)
    yield Target(str(addr), port)


def read_target_file(path: Path, token: str | None = None) -> str:
    """The text of an ``@file``: a regular UTF-8 text file of at most ``MAX_FILE_BYTES``.

    ``@/dev/zero``, a FIFO, a binary or a huge file is a ``TargetError`` naming it, read no
    further than the limit (never a freeze, never gigabytes in memory)."""
    token = token or f"@{path}"
    try:
        # stat before open: opening a FIFO would wait for a writer, forever
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise TargetError(f"{token!r}: {path} is not a regular file")
        with path.open("rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise TargetError(f"{token!r}: cannot read {path}: {exc.strerror or exc}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise TargetError(
            f"{token!r}: {path} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; "
            "a list of miners is far smaller"
        )
    if b"\x00" in raw:
        raise TargetError(f"{token!r}: {path} is a binary file, not a list of addresses")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TargetError(f"{token!r}: {path} is not UTF-8 text") from None


def _tokens(text: str, base: Path | None, depth: int) -> Iterator[str]:
    for line in text.splitlines():
        line = line.split("#", 1)[0]
        for token in _SPLIT.split(line.strip()):
            if not token:
                continue
            if token.startswith("@"):
                path = Path(token[1:]).expanduser()
                if base is not None and not path.is_absolute():
                    path = base / path
                if depth > 4:
                    raise TargetError(f"{token!r}: @files nested too deeply")
                yield from _tokens(read_target_file(path, token), path.parent, depth + 1)
            else:
                yield token


def parse_targets(text: str | Iterable[str], *, base_dir: Path | None = None) -> list[Target]:
    """All targets named by ``text`` (or by each string of an iterable), duplicates dropped.

    Raises :class:`TargetError` (a ``ValueError``) naming the first bad token.
    """
    if not isinstance(text, str):
        text = "\n".join(text)
    seen: dict[str, Target] = {}
    for token in _tokens(text, base_dir, 0):
        for target in _expand(token):
            seen.setdefault(target.key, target)
            if len(seen) > MAX_TARGETS:
                raise TargetError(f"more than {MAX_TARGETS:,} targets: narrow the ranges")
    return list(seen.values())


def is_public(target: Target) -> bool:
    """True for an address on the public internet (scanning one asks for confirmation)."""
    addr = ipaddress.IPv4Address(target.ip)
    return not (addr.is_private or addr.is_loopback or addr.is_link_local)
