"""Channels from the ``channels`` list of a serve config (JSON); secrets only by reference.

Each channel: ``name``, ``type`` (email | telegram | webhook), its own settings, and the policy
keys ``min_severity``, ``quiet_hours`` ("22:00-07:00"), ``quiet_min_severity``, ``group_s``,
``max_per_hour``, ``send_cleared``. Secrets (``password``, ``token``, a Slack or Discord ``url``)
are ``keyring:NAME``, ``env:VAR`` or ``file:PATH`` (see :mod:`rig_monitor.core.notify.secrets`).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from rig_monitor.core.credentials import SecretStore
from rig_monitor.core.model import Severity
from rig_monitor.core.notify.channels import (
    PRESETS,
    SECURITY,
    Channel,
    EmailChannel,
    TelegramChannel,
    WebhookChannel,
)
from rig_monitor.core.notify.policy import Policy, parse_quiet_hours
from rig_monitor.core.notify.secrets import SecretError, resolve

POLICY_KEYS = {
    "min_severity",
    "quiet_hours",
    "quiet_min_severity",
    "group_s",
    "max_per_hour",
    "send_cleared",
}
_KEYS = {
    "email": {"host", "port", "security", "username", "password", "from", "to"},
    "telegram": {"token", "chat_id", "api_base"},
    "webhook": {"url", "preset"},
}


class ChannelConfigError(ValueError):
    pass


def _severity(value: object, what: str) -> Severity:
    try:
        return Severity(str(value))
    except ValueError:
        raise ChannelConfigError(f"{what}: {value!r} is not info, warning or critical") from None


def policy_from(d: Mapping[str, Any], name: str) -> Policy:
    p = Policy()
    try:
        if "min_severity" in d:
            p.min_severity = _severity(d["min_severity"], f"channel {name}: min_severity")
        if "quiet_min_severity" in d:
            p.quiet_min_severity = _severity(d["quiet_min_severity"], f"channel {name}")
        p.quiet_hours = parse_quiet_hours(d.get("quiet_hours"))
        if "group_s" in d:
            p.group_s = max(0.0, float(d["group_s"]))
        if "max_per_hour" in d:
            p.max_per_hour = max(1, int(d["max_per_hour"]))
        if "send_cleared" in d:
            p.send_cleared = bool(d["send_cleared"])
    except (TypeError, ValueError) as exc:
        raise ChannelConfigError(f"channel {name}: {exc}") from None
    return p


def _secret(d: Mapping[str, Any], key: str, name: str, store: SecretStore | None) -> Any:
    ref = d.get(key)
    if not isinstance(ref, str) or not ref:
        raise ChannelConfigError(f"channel {name}: {key} is required (keyring:, env: or file:)")
    try:
        resolve(ref, store=store)  # fail at start, with the reason, rather than at 3 a.m.
    except SecretError as exc:
        raise ChannelConfigError(f"channel {name}: {key}: {exc}") from None
    return functools.partial(resolve, ref, store=store)


def channel_from(
    d: Mapping[str, Any], *, store: SecretStore | None = None
) -> tuple[Channel, Policy]:
    if not isinstance(d, Mapping):
        raise ChannelConfigError("each channel is a JSON object")
    name = str(d.get("name") or "")
    kind = str(d.get("type") or "")
    if not name:
        raise ChannelConfigError("a channel has no name")
    if kind not in _KEYS:
        raise ChannelConfigError(f"channel {name}: type {kind!r} (use email, telegram or webhook)")
    unknown = set(d) - _KEYS[kind] - POLICY_KEYS - {"name", "type"}
    if unknown:
        raise ChannelConfigError(f"channel {name}: unknown keys {', '.join(sorted(unknown))}")
    policy = policy_from(d, name)
    channel: Channel
    if kind == "webhook":
        preset = str(d.get("preset", "json"))
        if preset not in PRESETS:
            raise ChannelConfigError(
                f"channel {name}: preset {preset!r} (use {', '.join(PRESETS)})"
            )
        url = d.get("url")
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            if preset != "json":
                raise ChannelConfigError(
                    f"channel {name}: a {preset} webhook URL is a secret; give it as "
                    "keyring:NAME, env:VAR or file:PATH, not in the config"
                )
            fixed = url
            channel = WebhookChannel(name, lambda: fixed, preset)
        else:
            channel = WebhookChannel(name, _secret(d, "url", name, store), preset)
    elif kind == "telegram":
        chat = d.get("chat_id")
        if chat in (None, ""):
            raise ChannelConfigError(f"channel {name}: chat_id is required")
        channel = TelegramChannel(
            name,
            _secret(d, "token", name, store),
            str(chat),
            str(d.get("api_base") or "https://api.telegram.org"),
        )
    else:
        security = str(d.get("security", "starttls"))
        if security not in SECURITY:
            raise ChannelConfigError(
                f"channel {name}: security {security!r} (use {', '.join(SECURITY)})"
            )
        to = d.get("to")
        if isinstance(to, str):
            to = [to]
        if not to or not all(isinstance(x, str) and "@" in x for x in to):
            raise ChannelConfigError(f"channel {name}: to must list email addresses")
        host = d.get("host")
        if not isinstance(host, str) or not host:
            raise ChannelConfigError(f"channel {name}: host is required")
        username = d.get("username")
        password = _secret(d, "password", name, store) if username else None
        default_port = {"starttls": 587, "tls": 465, "none": 25}[security]
        try:
            port = int(d.get("port", default_port))
        except (TypeError, ValueError):
            raise ChannelConfigError(f"channel {name}: port must be a number") from None
        channel = EmailChannel(
            name,
            host,
            list(to),
            str(d.get("from") or to[0]),
            port,
            security,
            str(username) if username else None,
            password,
        )
    return channel, policy


def channels_from(
    items: object, *, store: SecretStore | None = None
) -> list[tuple[Channel, Policy]]:
    if items is None:
        return []
    if not isinstance(items, list):
        raise ChannelConfigError("channels must be a JSON list")
    out = [channel_from(d, store=store) for d in items]
    names = [c.name for c, _ in out]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        raise ChannelConfigError(f"channel names must be unique: {', '.join(sorted(dupes))}")
    return out
