"""A keyring backend for tests: a dict, and a record of which calls ran on an asyncio loop."""

from __future__ import annotations

import asyncio

from keyring.backend import KeyringBackend


def _on_a_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


class FakeKeyring(KeyringBackend):
    priority = 10  # type: ignore[assignment]  # keyring declares it as a classproperty

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}
        self.reads = 0
        self.reads_on_loop = 0

    def get_password(self, service: str, username: str) -> str | None:
        self.reads += 1
        self.reads_on_loop += _on_a_loop()
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)
