"""Logging that never carries a secret, and the app's log files (rotated).

Why: some firmware takes the password in the query string (Goldshell ``/user/login?password=``,
IceRiver ``/user/loginpost?pwd=``) and httpx logs every request's full URL at INFO, so a plain
``basicConfig(level=INFO)`` wrote miner passwords to the log on every sweep. Three layers:

- httpx and httpcore are held at WARNING (their INFO/DEBUG lines are request URLs and headers);
- :class:`RedactingFilter` on every handler we install rewrites what still gets through:
  ``password=…``, ``pwd=…``, ``token=…``, ``Authorization``/``Bearer``/``Token:`` headers,
  cookies, JSON ``"password": "…"`` and ``"JWT Token": "…"``, ``user:pass@`` in URLs;
- :func:`redact` is applied to every ``MinerError`` message (core/errors.py), so error texts shown
  in the table, the CLI and exports are clean too.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
from pathlib import Path

MASK = "***"
LOG_FILE_BYTES = 2 * 1024 * 1024
LOG_FILE_BACKUPS = 5
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
NOISY_LOGGERS = ("httpx", "httpcore", "hpack", "urllib3")

_KEYS = (
    r"pass(?:word|wd)?|pwd|pw|passwd|token|jwt|session(?:id|_id)?|sid|secret|api[_-]?key|"
    r"auth(?:orization)?|access[_-]?token|refresh[_-]?token|cookie"
)
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # query strings and form bodies: ?user=admin&password=xyz, pwd=xyz
    (re.compile(rf"(?i)\b({_KEYS})=([^&\s'\",;)]+)"), rf"\1={MASK}"),
    # JSON and Python reprs: "password": "xyz", 'JWT Token': 'xyz', "p": "xyz" (keyring blob)
    (
        re.compile(rf"""(?i)(["'](?:{_KEYS}|jwt token|p)["']\s*:\s*)(["'])(?:(?!\2).)*\2"""),
        rf"\1\2{MASK}\2",
    ),
    # headers: Authorization: Bearer xyz / Basic xyz / Digest ..., Token: xyz, Cookie: a=b
    (
        re.compile(r"(?i)\b(authorization|token|cookie|set-cookie|x-api-key)(\s*:\s*)([^\r\n]+)"),
        rf"\1\2{MASK}",
    ),
    # a bare "Bearer <jwt>" / "Basic <base64>": tokens are long; "basic monitoring" is prose
    (re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=\-]{16,}"), rf"\1 {MASK}"),
    # URLs with credentials: http://user:pass@host
    (re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://[^/\s:@]+):[^@\s/]+@"), rf"\1:{MASK}@"),
)


def redact(text: str) -> str:
    """``text`` with passwords, tokens and session cookies replaced by ``***``."""
    if not text:
        return text
    for pattern, repl in _PATTERNS:
        text = pattern.sub(repl, text)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites a record's message (and its traceback text) before any handler formats it."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep what can be kept
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def quiet_noisy_loggers() -> None:
    """httpx/httpcore log full request URLs (with query-string passwords) below WARNING."""
    for name in NOISY_LOGGERS:
        logger = logging.getLogger(name)
        if logger.level == logging.NOTSET or logger.level < logging.WARNING:
            logger.setLevel(logging.WARNING)


def protect(handler: logging.Handler) -> logging.Handler:
    """Add the redacting filter to ``handler`` (once)."""
    if not any(isinstance(f, RedactingFilter) for f in handler.filters):
        handler.addFilter(RedactingFilter())
    return handler


def setup_logging(
    level: int = logging.INFO,
    *,
    log_dir: Path | None = None,
    file_name: str | None = "rig-monitor.log",
    stream: bool = True,
    fmt: str = LOG_FORMAT,
) -> Path | None:
    """Root logging for a front end: stderr and a rotating file in the log folder, both redacted.

    Returns the log file's path (None when there is none: no ``file_name`` or no writable
    folder). Safe to call twice: handlers it installed before are replaced.
    """
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "_rig_monitor", False):
            root.removeHandler(h)
            h.close()
    formatter = logging.Formatter(fmt)
    handlers: list[logging.Handler] = []
    if stream:
        handlers.append(logging.StreamHandler(sys.stderr))
    path: Path | None = None
    if file_name:
        from rig_monitor.core.paths import log_dir as default_log_dir

        folder = log_dir or default_log_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / file_name
            handlers.append(
                logging.handlers.RotatingFileHandler(
                    path, maxBytes=LOG_FILE_BYTES, backupCount=LOG_FILE_BACKUPS, encoding="utf-8"
                )
            )
        except OSError as exc:
            path = None
            print(f"rig-monitor: cannot write logs in {folder}: {exc}", file=sys.stderr)
    for h in handlers:
        h.setFormatter(formatter)
        protect(h)
        h._rig_monitor = True  # type: ignore[attr-defined]
        root.addHandler(h)
    # Handlers someone else installed (pytest's, an embedding app's) get the filter too.
    for h in root.handlers:
        protect(h)
    root.setLevel(level)
    quiet_noisy_loggers()
    logging.captureWarnings(True)
    return path


# Python's last-resort handler prints WARNING and above to stderr when nothing is configured (the
# CLI): it gets the filter too, so no process that imports the app's errors logs a secret.
if logging.lastResort is not None:
    protect(logging.lastResort)
