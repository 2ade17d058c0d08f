"""Whatsminer API v2 crypto for the simulated btminer (server side; the client has its own).

Same scheme as the firmware (protocols.md §2.6): md5-crypt key and sign, AES-256-ECB under
SHA-256(key), zero padding, base64. passlib and cryptography do the primitives.
"""

from __future__ import annotations

import base64
import hashlib
import json
import warnings
from typing import Any


def _md5_crypt(word: str, salt: str) -> str:
    with warnings.catch_warnings():  # passlib probes the deprecated stdlib crypt module
        warnings.simplefilter("ignore", DeprecationWarning)
        from passlib.hash import md5_crypt

    return str(md5_crypt.using(salt=salt).hash(word)).rsplit("$", 1)[1]


def v2_keys(password: str, salt: str, newsalt: str, when: str) -> tuple[str, str]:
    key = _md5_crypt(password, salt)
    return key, _md5_crypt(key + when, newsalt)


def _aes(key: str) -> Any:
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    return Cipher(algorithms.AES(hashlib.sha256(key.encode()).digest()), modes.ECB())


def v2_encrypt(key: str, obj: dict[str, Any]) -> str:
    plain = json.dumps(obj).encode()
    plain += b"\0" * (-len(plain) % 16)
    enc = _aes(key).encryptor()
    return base64.b64encode(enc.update(plain) + enc.finalize()).decode()


def v2_decrypt(key: str, data: str) -> dict[str, Any]:
    try:
        raw = base64.b64decode(data)
        dec = _aes(key).decryptor()
        plain = dec.update(raw) + dec.finalize()
        value = json.loads(plain.rstrip(b"\0").decode("utf-8"))
    except (ValueError, TypeError) as exc:
        raise ValueError(str(exc)) from None
    if not isinstance(value, dict):
        raise ValueError("not an object")
    return value
