"""Vnish / AnthillOS (aftermarket Antminer firmware) over its bmminer-compatible API on 4028.

The replies are Bitmain's, so the Antminer parser reads them; Vnish only shows itself in the
``Type`` string ("Antminer S19j Pro (Vnish 1.2.6)"), where "(88)" marks the 88-chip NoPIC boards
and " AML" an Amlogic control board. Some builds report power in ``stats``; stock never does.
Its web API (richer: per-chain state, presets) is read by a later driver.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from rig_monitor.core.drivers.antminer import AntminerDriver
from rig_monitor.core.drivers.base import Driver, Session, first, section
from rig_monitor.core.model import Identity, MinerSnapshot, Target
from rig_monitor.core.modeldb import lookup
from rig_monitor.core.values import first_key

_VERSION = re.compile(r"\(\s*vnish\s+([^)]+?)\s*\)", re.IGNORECASE)
_NOPIC = re.compile(r"\(\s*88\s*\)")


def vnish_type(replies: dict[str, Any]) -> str | None:
    """The ``Type`` text: ``version`` on most builds, only ``stats`` on 1.3.0-alpha."""
    version = first(replies.get("version"), "VERSION")
    for item in [version, *section(replies.get("stats"), "STATS")]:
        text = first_key(item, "Type")
        if isinstance(text, str) and text.strip():
            return text
    return None


class VnishDriver(AntminerDriver):
    family: ClassVar[str] = "vnish"
    make: ClassVar[str | None] = "Antminer"

    async def fetch(self, session: Session) -> dict[str, Any]:
        """RPC only: Bitmain's web CGI (which the stock driver also reads) is not there."""
        return await Driver.fetch(self, session)

    def parse(self, target: Target, replies: dict[str, Any], identity: Identity) -> MinerSnapshot:
        snap = super().parse(target, replies, identity)
        snap.firmware = "vnish"
        type_text = vnish_type(replies) or ""
        m = _VERSION.search(type_text)
        snap.firmware_version = m.group(1) if m else identity.firmware_version
        if snap.model:
            model = re.sub(r"\s+AML$", "", snap.model, flags=re.IGNORECASE)
            snap.model = f"{model} NoPIC" if _NOPIC.search(type_text) else model
            spec = lookup("Antminer", snap.model)
            if spec is not None and spec.chips_per_board:  # 88-chip boards, not the stock count
                for board in snap.boards:
                    board.expected_chips = spec.chips_per_board
        return snap
