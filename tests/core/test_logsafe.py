"""No password or session token reaches a log line, a traceback or an error text."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from rig_monitor.core.credentials import Credential, Credentials, MemoryStore
from rig_monitor.core.errors import MinerError
from rig_monitor.core.logsafe import RedactingFilter, redact, setup_logging
from rig_monitor.core.model import ErrorKind
from rig_monitor.sim.personas.goldshell import CHANGED_PASSWORD, token_for
from tests.core.drivers.fleet73 import fleet
from tests.core.webfleet import poll

SECRET = "Tr0ub4dor&3"


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        # httpx's INFO line for Goldshell's login (protocols.md §2.9)
        (
            "HTTP Request: GET http://10.0.0.9/user/login?username=admin&password=Tr0ub4dor&3"
            '&cipher=false "HTTP/1.1 200 OK"',
            "username=admin",
        ),
        # IceRiver's login (protocols.md §2.10)
        (
            "HTTP Request: POST http://10.0.0.9/user/loginpost?post=6&user=admin&pwd=Tr0ub4dor&3",
            "post=6",
        ),
        ("headers={'Authorization': 'Bearer Tr0ub4dor&3', 'Accept': '*/*'}", "Accept"),
        ("Authorization: Digest username=root, response=Tr0ub4dor&3", "Authorization"),
        ("sent Bearer Tr0ub4dor3xxxxxxxxxxxxxxx.eyJhbGciOi to the miner", "to the miner"),
        ('{"JWT Token": "Tr0ub4dor&3"}', "JWT Token"),
        ("Cookie: session_id=Tr0ub4dor&3", "Cookie"),
        ('keyring blob {"u": "root", "p": "Tr0ub4dor&3"}', '"u": "root"'),
        ("http://root:Tr0ub4dor&3@10.0.0.9/cgi-bin/stats.cgi", "10.0.0.9/cgi-bin"),
    ],
)
def test_secrets_are_masked_and_the_rest_kept(line: str, kept: str) -> None:
    out = redact(line)
    assert "Tr0ub4dor" not in out and "***" in out
    assert kept in out


def test_ordinary_text_is_untouched() -> None:
    for text in (
        "auth failed: web API rejected the password",
        "auth failed: set the password for this miner or its group",
        "timed out: no complete reply from http://10.0.0.9/mcb/status in 3 s",
        "Sweep 4: 200 miners in 1.2 s",
        "Digest authentication failed for basic monitoring",
    ):
        assert redact(text) == text


def test_error_texts_are_redacted_at_the_source() -> None:
    exc = MinerError(
        ErrorKind.BAD_REPLY, f"bad reply: http://10.0.0.9/user/login?password={SECRET}"
    )
    assert SECRET not in exc.message and SECRET not in str(exc)


def test_tracebacks_are_redacted(tmp_path: Path) -> None:
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed %s", ("here",), None)
    try:
        raise RuntimeError(f"GET /user/login?password={SECRET}")
    except RuntimeError:
        import sys

        record.exc_info = sys.exc_info()
    RedactingFilter().filter(record)
    assert record.exc_text and SECRET not in record.exc_text and "password=***" in record.exc_text


@pytest.fixture
def app_logs(tmp_path: Path) -> Iterator[Path]:
    root = logging.getLogger()
    level = root.level
    levels = {n: logging.getLogger(n).level for n in ("httpx", "httpcore")}
    path = setup_logging(logging.DEBUG, log_dir=tmp_path / "logs")
    assert path is not None
    # httpx logs every request's full URL at INFO: held at WARNING even when the app is at DEBUG
    assert logging.getLogger("httpx").getEffectiveLevel() == logging.WARNING
    assert logging.getLogger("httpcore").getEffectiveLevel() == logging.WARNING
    try:
        yield path
    finally:
        for h in list(root.handlers):
            if getattr(h, "_rig_monitor", False):
                root.removeHandler(h)
                h.close()
        root.setLevel(level)
        for n, lv in levels.items():
            logging.getLogger(n).setLevel(lv)


@pytest.mark.parametrize("persona", ["goldshell:KD Box", "iceriver:KS3M"])
def test_a_poll_at_debug_logs_no_password(
    persona: str, app_logs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with fleet([persona]) as f:
        m = f.miners[0]
        f.inject(m.ip, "bad_password")  # the owner changed it: the saved password is needed
        creds = Credentials(MemoryStore())
        creds.set_for_miner(m.ip, m.port, Credential("admin", CHANGED_PASSWORD))
        good = poll(f.targets, credentials=creds)[0]
        assert good.online and not good.notes, (good.error, good.notes)
        # someone turns httpx up to DEBUG: the filter still masks what it logs
        logging.getLogger("httpx").setLevel(logging.DEBUG)
        logging.getLogger("httpcore").setLevel(logging.DEBUG)
        again = poll(f.targets, credentials=creds)[0]
        creds.set_for_miner(m.ip, m.port, Credential("admin", SECRET))  # and a wrong one
        bad = poll(f.targets, credentials=creds)[0]
        token = token_for(m.sample()) if persona.startswith("goldshell") else None
    for h in logging.getLogger().handlers:
        h.flush()
    logged = app_logs.read_text(encoding="utf-8") + capsys.readouterr().err
    # every page asked was logged at DEBUG (by httpx, or by the light path for plain HTTP)...
    assert "HTTP Request" in logged or f"HTTP GET http://{m.ip}:" in logged
    assert "***" in logged  # ...and the filter masked what carried a secret
    texts = [logged, *(s.error or "" for s in (good, again, bad)), *good.notes, *bad.notes]
    for text in texts:
        assert CHANGED_PASSWORD not in text and SECRET not in text
        assert token is None or token not in text


def test_the_last_resort_handler_is_redacted_too(capsys: pytest.CaptureFixture[str]) -> None:
    """The CLI configures no logging: Python's fallback handler prints warnings as they are."""
    root = logging.getLogger()
    saved = root.handlers[:]
    root.handlers.clear()  # as in a plain CLI process (pytest adds its own handlers)
    try:
        logging.getLogger("rig_monitor.x").warning("GET /user/login?password=%s", SECRET)
    finally:
        root.handlers[:] = saved
    err = capsys.readouterr().err
    assert "password=***" in err and SECRET not in err
