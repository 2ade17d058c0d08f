"""A minimal stratum v1 pool on loopback, so a real cgminer/bfgminer starts and keeps a pool
"alive" while trying `rig-monitor action restart|pools` against it (README). No mining happens:
it subscribes, authorizes, sends one difficulty and one job, and accepts whatever comes back.

    python3 tests/tools/stratum_stub.py 23333    # listens on 127.0.0.1:23333 only
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

# A job shaped like the stratum examples (prevhash zeros, a coinbase split in two, no branches).
JOB = [
    "1",
    "00" * 32,
    "01000000010000000000000000000000000000000000000000000000000000000000000000ffffffff20020862062f503253482f04b8864e5008",
    "072f736c7573682f000000000100f2052a010000001976a914d23fcdf86f7e756a64a7a9688ef9903327048ed988ac00000000",
    [],
    "00000002",
    "1c2ac4af",
    "504e86b9",
    True,
]


async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    async def send(obj: Any) -> None:
        writer.write((json.dumps(obj) + "\n").encode())
        await writer.drain()

    while line := await reader.readline():
        try:
            msg = json.loads(line)
        except ValueError:
            continue
        method, mid = msg.get("method"), msg.get("id")
        if method == "mining.subscribe":
            subs = [["mining.set_difficulty", "1"], ["mining.notify", "1"]]
            await send({"id": mid, "result": [subs, "08000002", 4], "error": None})
        elif method == "mining.authorize":
            await send({"id": mid, "result": True, "error": None})
            await send({"id": None, "method": "mining.set_difficulty", "params": [1]})
            await send({"id": None, "method": "mining.notify", "params": JOB})
        else:
            await send({"id": mid, "result": True, "error": None})
    writer.close()


async def main(port: int) -> None:
    server = await asyncio.start_server(handle, "127.0.0.1", port)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 23333))
