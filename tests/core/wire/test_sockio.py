"""sockio's steps on their own (the CGMiner client's tests cover them through requests)."""

from __future__ import annotations

import asyncio
import socket

import pytest

from rig_monitor.core.wire import sockio


@pytest.mark.parametrize("size", [0, 1, 37, 4 * 1024 * 1024])
def test_send_all_delivers_every_byte_whole_or_in_pieces(size: int) -> None:
    """A request fits the buffer in one send (the fast path); a payload bigger than the
    socket's buffer is sent in pieces as the peer reads, without a byte lost or repeated."""
    payload = bytes(i % 251 for i in range(size))

    async def run() -> bytes:
        loop = asyncio.get_running_loop()
        a, b = socket.socketpair()
        a.setblocking(False)
        b.setblocking(False)
        got = bytearray()

        async def drain() -> None:
            while len(got) < size:
                got.extend(await loop.sock_recv(b, 65536))

        try:
            await asyncio.gather(sockio.send_all(loop, a, payload, loop.time() + 10), drain())
        finally:
            a.close()
            b.close()
        return bytes(got)

    assert asyncio.run(run()) == payload


def test_tcp_socket_is_non_blocking_ipv4_tcp() -> None:
    with sockio.tcp_socket() as sock:
        assert sock.getblocking() is False
        assert sock.family == socket.AF_INET
        assert sock.type == socket.SOCK_STREAM
