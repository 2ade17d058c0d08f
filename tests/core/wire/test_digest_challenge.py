"""The light 401 handed to httpx's Digest flow (http._Challenge) is answered exactly as a real
``httpx.Response`` is: if a newer httpx reads more of the response than status, headers and
cookies, this fails here instead of on a miner's login."""

from __future__ import annotations

import os
import time
from typing import cast

import httpx
import pytest

from rig_monitor.core.wire import http as http_module

URL = "http://127.0.0.1:24080/cgi-bin/get_system_info.cgi"
# the stock web UI's challenge: realm and lighttpd's ``time:hash`` nonce as printed in
# pyasic issue #243 (a real S19j Pro's 401, 2024-11-28), with qop=auth
HEADERS = [
    (b"content-type", b"text/html"),
    (
        b"www-authenticate",
        b'Digest realm="antMiner Configuration", charset=UTF-8, algorithm=MD5, '
        b'nonce="1732790000:0123456789abcdef0123456789abcdef", qop="auth"',
    ),
    (b"content-length", b"0"),
    (b"server", b"lighttpd/1.4.69"),
]


def _answer(response_of: object) -> str:
    auth = httpx.DigestAuth("root", "secret")
    request = httpx.Request("GET", URL)
    flow = auth.auth_flow(request)
    next(flow)
    challenge = response_of(request) if callable(response_of) else response_of
    return flow.send(cast(httpx.Response, challenge)).headers["authorization"]


@pytest.fixture
def fixed_cnonce(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "urandom", lambda n: b"\x01" * n)
    monkeypatch.setattr(time, "ctime", lambda *a: "Thu Dec  3 12:00:00 2026")


@pytest.mark.usefixtures("fixed_cnonce")
def test_light_challenge_answered_as_a_real_response() -> None:
    real = _answer(lambda req: httpx.Response(401, headers=HEADERS, request=req))
    light = _answer(http_module._Challenge(HEADERS))
    assert light.startswith('Digest username="root", realm="antMiner Configuration"')
    assert "qop=auth" in light and "nc=00000001" in light
    assert light == real


@pytest.mark.usefixtures("fixed_cnonce")
def test_light_challenge_without_digest_ends_the_flow() -> None:
    auth = httpx.DigestAuth("root", "secret")
    flow = auth.auth_flow(httpx.Request("GET", URL))
    next(flow)
    with pytest.raises(StopIteration):
        flow.send(
            cast(httpx.Response, http_module._Challenge([(b"www-authenticate", b"Basic realm=x")]))
        )


class _Lacking:
    """A light challenge as a newer httpx might find it: missing what that httpx reads."""

    status_code = 401

    def __init__(self, headers: object) -> None:
        pass


@pytest.mark.usefixtures("fixed_cnonce")
def test_an_httpx_reading_more_gets_a_real_response(monkeypatch: pytest.MonkeyPatch) -> None:
    real = _answer(lambda req: httpx.Response(401, headers=HEADERS, request=req))
    monkeypatch.setattr(http_module, "_Challenge", _Lacking)
    auth = httpx.DigestAuth("root", "secret")
    request = httpx.Request("GET", URL)
    flow = auth.auth_flow(request)
    next(flow)
    retry = http_module._answer(flow, auth, request, HEADERS)
    assert retry.headers["authorization"] == real
