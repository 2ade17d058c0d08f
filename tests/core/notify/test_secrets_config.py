"""Secrets come from the keyring, the environment or an owner-only file; never the config."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rig_monitor.core.credentials import MemoryStore
from rig_monitor.core.model import Severity
from rig_monitor.core.notify.channels import EmailChannel, TelegramChannel, WebhookChannel
from rig_monitor.core.notify.config import ChannelConfigError, channels_from
from rig_monitor.core.notify.secrets import SecretError, resolve, save_in_keyring


class PersistentStore(MemoryStore):
    persistent = True


def test_env_and_file_secrets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RIG_TEST_TOKEN", "123:abc\n")
    assert resolve("env:RIG_TEST_TOKEN") == "123:abc"
    f = tmp_path / "token"
    f.write_text("s3cret\n")
    f.chmod(0o600)
    assert resolve(f"file:{f}") == "s3cret"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_a_file_others_can_read_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "token"
    f.write_text("s3cret")
    f.chmod(0o644)
    with pytest.raises(SecretError, match="chmod 600"):
        resolve(f"file:{f}")


def test_missing_and_plain_secrets_are_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RIG_NOPE", raising=False)
    with pytest.raises(SecretError, match="RIG_NOPE is not set"):
        resolve("env:RIG_NOPE")
    with pytest.raises(SecretError, match="never as plain text"):
        resolve("hunter2")
    with pytest.raises(SecretError, match="no OS keyring"):
        resolve("keyring:smtp", store=MemoryStore())


def test_keyring_round_trip() -> None:
    store = PersistentStore()
    assert save_in_keyring("tg", "123:abc", store)
    assert resolve("keyring:tg", store=store) == "123:abc"
    assert not save_in_keyring("tg", "x", MemoryStore())
    with pytest.raises(SecretError, match="notify set-secret other"):
        resolve("keyring:other", store=store)


def test_channels_from_config(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RIG_SMTP", "pw")
    monkeypatch.setenv("RIG_SLACK", "http://127.0.0.1:9/hook")
    monkeypatch.setenv("RIG_TG", "1:x")
    got = channels_from(
        [
            {"name": "mail", "type": "email", "host": "127.0.0.1", "to": "ops@example.org",
             "username": "rig", "password": "env:RIG_SMTP", "min_severity": "critical",
             "quiet_hours": "22:00-07:00", "group_s": 60, "max_per_hour": 5},
            {"name": "slack", "type": "webhook", "preset": "slack", "url": "env:RIG_SLACK"},
            {"name": "tg", "type": "telegram", "token": "env:RIG_TG", "chat_id": -100},
            {"name": "hook", "type": "webhook", "url": "http://127.0.0.1:9/x"},
        ]
    )  # fmt: skip
    (mail, mp), (slack, _), (tg, _), (hook, _) = got
    assert isinstance(mail, EmailChannel) and mail.port == 587 and mail.password is not None
    assert mail.password() == "pw"
    assert mp.min_severity is Severity.CRITICAL and mp.quiet_hours == (1320, 420)
    assert (mp.group_s, mp.max_per_hour) == (60.0, 5)
    assert isinstance(slack, WebhookChannel) and slack.url() == "http://127.0.0.1:9/hook"
    assert isinstance(tg, TelegramChannel) and tg.chat_id == "-100"
    assert isinstance(hook, WebhookChannel) and hook.preset == "json"


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"name": "m", "type": "email", "host": "h", "to": "a@b", "username": "u",
          "password": "hunter2"}, "never as plain text"),
        ({"name": "s", "type": "webhook", "preset": "slack",
          "url": "https://hooks.slack.com/services/T/B/X"}, "is a secret"),
        ({"name": "t", "type": "telegram", "token": "env:RIG_UNSET_VAR", "chat_id": 1},
         "RIG_UNSET_VAR is not set"),
        ({"name": "x", "type": "pager"}, "use email, telegram or webhook"),
        ({"name": "w", "type": "webhook", "url": "http://h/", "colour": "red"}, "unknown keys colour"),
        ({"name": "w", "type": "webhook", "url": "http://h/", "quiet_hours": "late"}, "HH:MM"),
    ],
)  # fmt: skip
def test_bad_channel_config_is_explained(item: dict[str, object], message: str) -> None:
    with pytest.raises(ChannelConfigError, match=message):
        channels_from([item])
