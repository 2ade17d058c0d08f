"""A deliberately tiny client for the sim tests: raw sockets, no project code."""

from __future__ import annotations

import json
import socket
from typing import Any


def ask(ip: str, port: int, payload: bytes | str, timeout: float = 10.0) -> bytes:
    """Send one request and read to EOF."""
    data = payload.encode() if isinstance(payload, str) else payload
    with socket.create_connection((ip, port), timeout=timeout) as sock:
        sock.sendall(data)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def decode(raw: bytes) -> Any:
    """Strip the NUL, mend bmminer's `}{` and parse."""
    assert raw.endswith(b"\x00"), raw[-40:]
    return json.loads(raw[:-1].decode().replace("}{", "},{"))


def ask_json(ip: str, port: int, command: str, parameter: str | None = None) -> Any:
    req: dict[str, str] = {"command": command}
    if parameter is not None:
        req["parameter"] = parameter
    return decode(ask(ip, port, json.dumps(req)))


def free_port(ip: str) -> int:
    with socket.socket() as s:
        s.bind((ip, 0))
        port: int = s.getsockname()[1]
    return port
