"""Each channel against a real server on 127.0.0.1 started here: aiosmtpd for email, HTTP
stand-ins for webhooks and the Telegram bot API."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from email import message_from_bytes
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from rig_monitor.core.notify import channels
from rig_monitor.core.notify.channels import (
    DeliveryError,
    EmailChannel,
    TelegramChannel,
    WebhookChannel,
)
from rig_monitor.core.notify.events import AlertEvent

from .helpers import event, self_signed
from .standins import Receiver, serve


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# -- webhook -------------------------------------------------------------------------------------
def test_webhook_posts_the_documented_body() -> None:
    incident = AlertEvent(
        ip="",
        fault="site_network_or_power",
        severity=event().severity,
        event="raised",
        title="Rack down",
        detail="12 miners stopped answering at once",
        t=1.0,
        miners=("127.0.0.1", "127.0.0.2"),
        scope="127.0.0.0/26",
    )
    with serve(Receiver()) as rx:
        WebhookChannel("hook", lambda: rx.url + "/alerts").send([event(), incident])
        path, body = rx.requests[0]
    assert path == "/alerts"
    first, second = body["events"]
    assert set(first) >= {"ip", "fault", "severity", "event", "title", "detail", "t"}
    assert first["ip"] == "127.0.0.5" and first["event"] == "raised"
    assert first["severity"] == "critical" and "miners" not in first
    assert second["miners"] == ["127.0.0.1", "127.0.0.2"]
    assert second["fault"] == "site_network_or_power"


@pytest.mark.parametrize(("preset", "key"), [("slack", "text"), ("discord", "content")])
def test_chat_presets_send_text(preset: str, key: str) -> None:
    with serve(Receiver()) as rx:
        WebhookChannel("chat", lambda: rx.url, preset).send([event()])
        _, body = rx.requests[0]
    assert list(body) == [key]
    assert "Fan failed" in body[key] and "127.0.0.5" in body[key]


def test_webhook_500_is_a_retryable_error_naming_the_host_not_the_path() -> None:
    with serve(Receiver(statuses=[500])) as rx, pytest.raises(DeliveryError) as err:
        WebhookChannel("hook", lambda: rx.url + "/s3cr3t-path").send([event()])
    assert not err.value.permanent
    assert "HTTP 500" in str(err.value) and "127.0.0.1" in str(err.value)
    assert "s3cr3t" not in str(err.value)


def test_hanging_webhook_times_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(channels, "TIMEOUT_S", 0.5)
    with (
        serve(Receiver(hang=threading.Event())) as rx,
        pytest.raises(DeliveryError, match=r"no answer within 0\.5 s") as err,
    ):
        WebhookChannel("hook", lambda: rx.url).send([event()])
    assert not err.value.permanent


def test_refused_webhook_says_cannot_connect() -> None:
    url = f"http://127.0.0.1:{free_port()}/"
    with pytest.raises(DeliveryError, match="cannot connect"):
        WebhookChannel("hook", lambda: url).send([event()])


# -- Telegram ------------------------------------------------------------------------------------
def test_telegram_send_message() -> None:
    with serve(Receiver(), telegram=True) as rx:
        TelegramChannel("tg", lambda: "123:good", "-100200", api_base=rx.url).send([event()])
        path, body = rx.requests[0]
    assert path == "/bot123:good/sendMessage"
    assert body["chat_id"] == "-100200"
    assert "Fan failed" in body["text"]


def test_wrong_telegram_token_is_permanent_and_never_echoed() -> None:
    with serve(Receiver(), telegram=True) as rx:
        ch = TelegramChannel("tg", lambda: "999:WRONGTOKEN", "1", api_base=rx.url)
        with pytest.raises(DeliveryError) as err:
            ch.send([event()])
    assert err.value.permanent
    assert "token was rejected" in str(err.value) and "Unauthorized" in str(err.value)
    assert "WRONGTOKEN" not in str(err.value)


# -- email ---------------------------------------------------------------------------------------
class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


def _auth(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
    ok = isinstance(data, LoginPassword) and data.password == b"hunter2"
    return AuthResult(success=ok, handled=False)  # False: aiosmtpd sends the 535 itself


@pytest.fixture
def smtp_tls(tmp_path: Path) -> Iterator[tuple[Inbox, int, Any]]:
    server_ctx, client_ctx = self_signed(tmp_path)
    inbox = Inbox()
    port = free_port()
    ctl = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        tls_context=server_ctx,
        require_starttls=True,
        authenticator=_auth,
        auth_require_tls=True,
        # smtplib falls back from PLAIN to LOGIN after a refusal, and aiosmtpd's LOGIN never
        # answers smtplib's initial-response form (it waits): PLAIN alone, as most relays offer
        auth_exclude_mechanism=["LOGIN"],
    )
    ctl.start()
    try:
        yield inbox, port, client_ctx
    finally:
        ctl.stop()


def test_email_over_starttls_with_login(smtp_tls: tuple[Inbox, int, Any]) -> None:
    inbox, port, ctx = smtp_tls
    ch = EmailChannel(
        "mail",
        "127.0.0.1",
        ["ops@example.org"],
        "rig@example.org",
        port,
        "starttls",
        "rig",
        lambda: "hunter2",
        ssl_context=ctx,
    )
    ch.send([event(), event(ip="127.0.0.6")])
    assert len(inbox.messages) == 1
    sender, rcpts, raw = inbox.messages[0]
    msg = message_from_bytes(raw)
    assert (sender, rcpts) == ("rig@example.org", ["ops@example.org"])
    assert "2 raised" in msg["Subject"]
    body = msg.get_payload(decode=True).decode()
    assert "127.0.0.5" in body and "127.0.0.6" in body


def test_email_wrong_password_is_permanent(smtp_tls: tuple[Inbox, int, Any]) -> None:
    inbox, port, ctx = smtp_tls
    ch = EmailChannel(
        "mail", "127.0.0.1", ["o@x.org"], "r@x.org", port, "starttls", "rig", lambda: "nope",
        ssl_context=ctx,
    )  # fmt: skip
    with pytest.raises(DeliveryError, match="login refused") as err:
        ch.send([event()])
    assert err.value.permanent and not inbox.messages


def test_dead_smtp_server_is_a_retryable_error() -> None:
    ch = EmailChannel("mail", "127.0.0.1", ["o@x.org"], "r@x.org", free_port(), "none")
    with pytest.raises(DeliveryError, match="connection refused") as err:
        ch.send([event()])
    assert not err.value.permanent


def test_email_over_implicit_tls(tmp_path: Path) -> None:
    server_ctx, client_ctx = self_signed(tmp_path)
    inbox = Inbox()
    port = free_port()
    ctl = Controller(inbox, hostname="127.0.0.1", port=port, ssl_context=server_ctx)
    ctl.start()
    try:
        ch = EmailChannel(
            "mail", "127.0.0.1", ["ops@example.org"], "rig@example.org", port, "tls",
            ssl_context=client_ctx,
        )  # fmt: skip
        ch.send([event()])
    finally:
        ctl.stop()
    assert len(inbox.messages) == 1


def test_tls_to_a_server_with_an_untrusted_certificate_fails(
    smtp_tls: tuple[Inbox, int, Any],
) -> None:
    inbox, port, _ = smtp_tls
    ch = EmailChannel("mail", "127.0.0.1", ["o@x.org"], "r@x.org", port, "starttls")
    with pytest.raises(DeliveryError, match="SSLCertVerificationError") as err:
        ch.send([event()])  # the default context: the test's self-signed certificate is refused
    assert not inbox.messages and not err.value.permanent
