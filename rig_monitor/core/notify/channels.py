"""Delivery: email (smtplib), Telegram bot API and JSON webhooks (httpx). Each ``send`` is
synchronous and runs on the channel's own thread; failures raise :class:`DeliveryError` with a
message that never contains the secret (a bot token or a webhook URL is one)."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any, Protocol
from urllib.parse import urlsplit

import httpx

from rig_monitor.core.notify.events import AlertEvent, subject, text, webhook_body

TIMEOUT_S = 10.0
SecretFn = Callable[[], str]  # resolved at each send: a rotated token is picked up


class DeliveryError(Exception):
    """A failed delivery. ``permanent``: retrying cannot help (wrong token, 4xx)."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


class Channel(Protocol):
    name: str
    kind: str

    def send(self, events: Sequence[AlertEvent]) -> None: ...


def _http_error(what: str, exc: Exception) -> DeliveryError:
    if isinstance(exc, httpx.TimeoutException):
        return DeliveryError(f"{what}: no answer within {TIMEOUT_S:g} s")
    if isinstance(exc, httpx.ConnectError):
        return DeliveryError(f"{what}: cannot connect ({type(exc).__name__})")
    return DeliveryError(f"{what}: {type(exc).__name__}")


def _check_status(what: str, resp: httpx.Response, detail: str = "") -> None:
    if resp.status_code < 300:
        return
    permanent = 400 <= resp.status_code < 500 and resp.status_code not in (408, 429)
    extra = f": {detail}" if detail else ""
    raise DeliveryError(
        f"{what}: HTTP {resp.status_code} {resp.reason_phrase}{extra}", permanent=permanent
    )


def _post(what: str, url: str, payload: dict[str, Any]) -> httpx.Response:
    try:
        with httpx.Client(timeout=TIMEOUT_S, follow_redirects=False, trust_env=False) as client:
            return client.post(url, json=payload)
    except httpx.HTTPError as exc:
        raise _http_error(what, exc) from None


def host_of(url: str) -> str:
    """What may be logged of a URL: its host (webhook paths and bot URLs carry secrets)."""
    try:
        return urlsplit(url).hostname or "?"
    except ValueError:
        return "?"


PRESETS = ("json", "slack", "discord")


@dataclass(slots=True)
class WebhookChannel:
    name: str
    url: SecretFn
    preset: str = "json"  # json: {"events": [...]}; slack: {"text"}; discord: {"content"}
    kind: str = field(default="webhook", init=False)

    def payload(self, events: Sequence[AlertEvent]) -> dict[str, Any]:
        if self.preset == "slack":
            return {"text": f"*{subject(events)}*\n{text(events)}"}
        if self.preset == "discord":
            return {"content": f"**{subject(events)}**\n{text(events)}"[:2000]}
        return webhook_body(events)

    def send(self, events: Sequence[AlertEvent]) -> None:
        url = self.url()
        what = f"webhook {self.name} ({host_of(url)})"
        _check_status(what, _post(what, url, self.payload(events)))


@dataclass(slots=True)
class TelegramChannel:
    name: str
    token: SecretFn
    chat_id: str
    api_base: str = "https://api.telegram.org"  # tests point it at a loopback stand-in
    kind: str = field(default="telegram", init=False)

    def send(self, events: Sequence[AlertEvent]) -> None:
        what = f"telegram {self.name}"
        url = f"{self.api_base.rstrip('/')}/bot{self.token()}/sendMessage"
        body = {
            "chat_id": self.chat_id,
            "text": f"{subject(events)}\n\n{text(events)}"[:4096],
            "disable_web_page_preview": True,
        }
        resp = _post(what, url, body)
        detail = ""
        try:
            doc = resp.json()
            if isinstance(doc, dict) and not doc.get("ok", False):
                detail = str(doc.get("description") or "")[:200]
        except ValueError:
            pass
        if resp.status_code == 401:
            raise DeliveryError(
                f"{what}: the bot token was rejected (401 {detail})", permanent=True
            )
        _check_status(what, resp, detail)
        if detail:
            raise DeliveryError(f"{what}: {detail}")


SECURITY = ("starttls", "tls", "none")


@dataclass(slots=True)
class EmailChannel:
    name: str
    host: str
    to: list[str]
    sender: str
    port: int = 587
    security: str = "starttls"  # starttls (587), tls (465), none (a relay on localhost)
    username: str | None = None
    password: SecretFn | None = None
    kind: str = field(default="email", init=False)
    ssl_context: ssl.SSLContext | None = None  # tests trust their own certificate

    def message(self, events: Sequence[AlertEvent]) -> EmailMessage:
        msg = EmailMessage()
        msg["Subject"] = subject(events)
        msg["From"] = self.sender
        msg["To"] = ", ".join(self.to)
        msg.set_content(text(events, max_lines=500) + "\n\n-- rig-monitor\n")
        return msg

    def send(self, events: Sequence[AlertEvent]) -> None:
        what = f"email {self.name} ({self.host}:{self.port})"
        ctx = self.ssl_context or ssl.create_default_context()
        try:
            smtp: smtplib.SMTP
            if self.security == "tls":
                smtp = smtplib.SMTP_SSL(self.host, self.port, timeout=TIMEOUT_S, context=ctx)
            else:
                smtp = smtplib.SMTP(self.host, self.port, timeout=TIMEOUT_S)
            with smtp:
                if self.security == "starttls":
                    smtp.starttls(context=ctx)
                if self.username and self.password is not None:
                    smtp.login(self.username, self.password())
                smtp.send_message(self.message(events))
        except smtplib.SMTPAuthenticationError as exc:
            raise DeliveryError(
                f"{what}: login refused ({exc.smtp_code})", permanent=True
            ) from None
        except smtplib.SMTPRecipientsRefused:
            raise DeliveryError(f"{what}: every recipient was refused", permanent=True) from None
        except smtplib.SMTPNotSupportedError as exc:
            raise DeliveryError(f"{what}: {exc}", permanent=True) from None
        except TimeoutError:
            raise DeliveryError(f"{what}: no answer within {TIMEOUT_S:g} s") from None
        except ConnectionRefusedError:
            raise DeliveryError(f"{what}: connection refused (is the server up?)") from None
        except (OSError, smtplib.SMTPException) as exc:
            raise DeliveryError(f"{what}: {type(exc).__name__}: {exc}") from None
