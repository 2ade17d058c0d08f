"""Where a channel's secret (SMTP password, bot token, webhook URL) comes from — never the config.

A reference is one of:

- ``keyring:NAME`` — the OS keyring (``rig-monitor notify set-secret NAME``), as for miner
  passwords;
- ``env:VAR`` — an environment variable (systemd ``EnvironmentFile=`` or ``LoadCredential=``);
- ``file:PATH`` — a file only its owner can read (mode 0600 or stricter, owned by this user):
  for ``serve`` on a box without a keyring. A file others can read is refused, not used.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from rig_monitor.core.credentials import Credential, SecretStore, open_store

KEY_PREFIX = "notify:"


class SecretError(ValueError):
    """A secret reference that cannot be resolved; the message says what to fix."""


def keyring_key(name: str) -> str:
    return KEY_PREFIX + name


def save_in_keyring(name: str, secret: str, store: SecretStore | None = None) -> bool:
    """Store ``secret`` under ``notify:NAME``; False when this machine has no keyring."""
    store = store or open_store()
    if not store.persistent:
        return False
    store.set(keyring_key(name), Credential("", secret))
    return True


def check_private_file(path: Path) -> None:
    """Raise :class:`SecretError` unless only the owner (this user) can read ``path``."""
    try:
        st = path.stat()
    except OSError as exc:
        raise SecretError(f"secret file {path}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise SecretError(f"secret file {path}: not a regular file")
    if os.name == "posix":
        if st.st_mode & 0o077:
            raise SecretError(
                f"secret file {path} can be read by others (mode {stat.S_IMODE(st.st_mode):04o}); "
                f"run: chmod 600 {path}"
            )
        if st.st_uid != os.getuid():
            raise SecretError(f"secret file {path} belongs to another user (uid {st.st_uid})")


def resolve(ref: str, *, store: SecretStore | None = None) -> str:
    kind, _, rest = ref.partition(":")
    if kind not in ("env", "file", "keyring") or not rest:
        # not echoed: what is here may well be the secret itself
        raise SecretError(
            "a secret is given as keyring:NAME, env:VAR or file:PATH, never as plain text in "
            "the config"
        )
    if kind == "env":
        value = os.environ.get(rest)
        if not value:
            raise SecretError(f"environment variable {rest} is not set (or empty)")
        return value.strip()
    if kind == "file":
        path = Path(rest).expanduser()
        check_private_file(path)
        value = path.read_text(encoding="utf-8").strip()
        if not value:
            raise SecretError(f"secret file {path} is empty")
        return value
    if kind == "keyring":
        store = store or open_store()
        if not store.persistent:
            raise SecretError(
                f"keyring:{rest}: this machine has no OS keyring; use env:VAR or file:PATH"
            )
        cred = store.get(keyring_key(rest))
        if cred is None:
            raise SecretError(
                f"keyring:{rest}: nothing saved; run: rig-monitor notify set-secret {rest}"
            )
        return cred.password
    raise AssertionError(kind)  # unreachable: checked above
