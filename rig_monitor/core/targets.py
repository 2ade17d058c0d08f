"""Parse what operators type to name miners: IPs, IP:PORT, CIDRs, ranges and @files.

Accepted forms (separated by commas, whitespace or newlines):
``10.0.0.5``, ``10.0.0.5:4029``, ``10.0.0.0/24``, ``10.0.0.5-10.0.0.80``, ``10.0.0.5-80``,
``@miners.txt`` (one target per line, ``#`` comments). A port suffix applies to every address of a
CIDR or range (``10.0.0.0/24:4029``). Errors name the offending token.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from rig_monitor.core.model import Target

DEFAULT_PORT = 4028
MAX_TARGETS = 262_144  # a /14: anything larger is a typo, not a farm


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


def _expand(token: str) -> Iterator[Target]:
    host, port = _split_port(token)
    if "/" in host:
        try:
            net = ipaddress.IPv4Network(host, strict=False)
        except ValueError:
            raise TargetError(f"{token!r}: not a valid CIDR block") from None
        if net.num_addresses > MAX_TARGETS:
            raise TargetError(f"{token!r}: {net.num_addresses:,} addresses is too many")
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
        for n in range(int(start), int(end) + 1):
            yield Target(str(ipaddress.IPv4Address(n)), port)
        return
    yield Target(str(_addr(host, token)), port)


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
                try:
                    content = path.read_text(encoding="utf-8")
                except OSError as exc:
                    raise TargetError(f"{token!r}: cannot read {path}: {exc.strerror}") from None
                yield from _tokens(content, path.parent, depth + 1)
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
