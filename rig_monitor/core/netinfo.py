"""What the desktop itself knows about its networks: which ranges to offer for a scan, and how many
sockets this process may hold at once.

"Suggest my networks" must never offer a range that is not a miner LAN: only private IPv4
(10/8, 172.16/12, 192.168/16), never loopback, link-local, container or VM bridges. A big
interface network (a /16 office LAN) is not offered whole: scanning 65,534 addresses to find 300
miners is slow and noisy, so it is narrowed to the /24s actually in use (ours and our neighbours'
in the ARP table), or the /22 that holds them.
"""

from __future__ import annotations

import ipaddress
import socket
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PRIVATE = (
    ipaddress.IPv4Network("10.0.0.0/8"),
    ipaddress.IPv4Network("172.16.0.0/12"),
    ipaddress.IPv4Network("192.168.0.0/16"),
)
# Interfaces that are containers, VMs or tunnels on this machine, not the farm's LAN.
VIRTUAL_PREFIXES = (
    "docker",
    "br-",
    "veth",
    "virbr",
    "vboxnet",
    "vmnet",
    "cni",
    "flannel",
    "podman",
    "lxcbr",
    "lxdbr",
    "tun",
    "tap",
    "wg",
    "tailscale",
    "zt",
    "vEthernet",
)
DOCKER_DEFAULT = ipaddress.IPv4Network("172.17.0.0/16")
WIDEST = 22  # a network wider than this is narrowed to the /24s in use
MAX_SUGGESTIONS = 16
ARP_TABLE = Path("/proc/net/arp")
FD_RESERVE = 128  # descriptors kept for files, the GUI, logging


@dataclass(frozen=True, slots=True)
class Suggestion:
    network: ipaddress.IPv4Network
    interface: str
    address: str  # the desktop's own address on it
    note: str = ""  # why it was narrowed, if it was

    def __str__(self) -> str:
        return str(self.network)


def _is_virtual(name: str) -> bool:
    low = name.lower()
    return any(low.startswith(p.lower()) for p in VIRTUAL_PREFIXES)


def _private(addr: ipaddress.IPv4Address) -> bool:
    return any(addr in net for net in PRIVATE)


def _ipv4_of(snic: Any) -> tuple[str, str] | None:
    """(address, netmask) from a psutil snicaddr (or anything with family/address/netmask)."""
    if getattr(snic, "family", None) != socket.AF_INET:
        return None
    address, netmask = getattr(snic, "address", None), getattr(snic, "netmask", None)
    if not address or not netmask:
        return None
    return str(address), str(netmask)


def neighbours(path: Path = ARP_TABLE) -> list[ipaddress.IPv4Address]:
    """Addresses in the kernel's ARP table (Linux); empty where there is none to read."""
    try:
        text = path.read_text(encoding="ascii", errors="replace")
    except OSError:
        return []
    out: list[ipaddress.IPv4Address] = []
    for line in text.splitlines()[1:]:
        fields = line.split()
        if len(fields) >= 4 and fields[3] != "00:00:00:00:00:00":
            try:
                out.append(ipaddress.IPv4Address(fields[0]))
            except ValueError:
                continue
    return out


def _narrow(
    net: ipaddress.IPv4Network,
    own: ipaddress.IPv4Address,
    seen: Iterable[ipaddress.IPv4Address],
) -> tuple[list[ipaddress.IPv4Network], str]:
    used = {ipaddress.IPv4Network(f"{own}/24", strict=False)}
    used |= {ipaddress.IPv4Network(f"{a}/24", strict=False) for a in seen if a in net}
    blocks = sorted(used)
    supernet = blocks[0].supernet(new_prefix=WIDEST)
    if len(blocks) > 1 and all(b.subnet_of(supernet) for b in blocks):
        return [supernet], f"{net} narrowed to the /{WIDEST} in use"
    return blocks[:MAX_SUGGESTIONS], f"{net} narrowed to the /24s in use"


def suggest_networks(
    if_addrs: Mapping[str, Sequence[Any]] | None = None,
    *,
    seen: Iterable[ipaddress.IPv4Address | str] | None = None,
) -> list[Suggestion]:
    """Private networks of this desktop's interfaces, ready to scan.

    ``if_addrs`` is ``psutil.net_if_addrs()`` (read when omitted); ``seen`` are neighbours'
    addresses (the ARP table when omitted), used to narrow networks wider than a /22.
    """
    if if_addrs is None:
        import psutil

        if_addrs = psutil.net_if_addrs()
    seen_addrs = [ipaddress.IPv4Address(a) for a in (neighbours() if seen is None else seen) if a]
    out: dict[ipaddress.IPv4Network, Suggestion] = {}
    for name, snics in if_addrs.items():
        if _is_virtual(name):
            continue
        for snic in snics:
            pair = _ipv4_of(snic)
            if pair is None:
                continue
            try:
                iface = ipaddress.IPv4Interface(f"{pair[0]}/{pair[1]}")
            except ValueError:
                continue
            addr, net = iface.ip, iface.network
            if addr.is_loopback or addr.is_link_local or not _private(addr):
                continue
            if net == DOCKER_DEFAULT or net.prefixlen >= 31:
                continue
            if net.prefixlen < WIDEST:
                nets, note = _narrow(net, addr, seen_addrs)
            else:
                nets, note = [net], ""
            for n in nets:
                out.setdefault(n, Suggestion(n, name, str(addr), note))
    return sorted(out.values(), key=lambda s: s.network)


def raise_fd_limit(wanted: int) -> int | None:
    """Raise the soft open-file limit towards ``wanted`` (within the hard limit).

    Returns the soft limit now in force; None where there is no such limit (Windows).
    """
    try:
        import resource
    except ImportError:
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY or soft >= wanted:
        return int(soft) if soft != resource.RLIM_INFINITY else None
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if sys.platform == "darwin":
        target = min(target, 10240)  # macOS refuses more whatever the hard limit says
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    except (ValueError, OSError):
        return int(soft)
    return int(target)


def socket_budget(wanted: int = 16384) -> int | None:
    """How many more sockets this process can open (after raising the limit), less a reserve.

    None where the OS sets no per-process descriptor limit that we can read (Windows).
    """
    limit = raise_fd_limit(wanted)
    if limit is None:
        return None
    try:
        import psutil

        in_use = int(psutil.Process().num_fds())
    except (ImportError, AttributeError, OSError):
        in_use = 64
    return max(0, limit - in_use - FD_RESERVE)
