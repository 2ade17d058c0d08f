"""The systemd unit starts a command line that ``rig-monitor serve`` accepts."""

from __future__ import annotations

import configparser
import shlex
from pathlib import Path

from rig_monitor.cli import build_parser

UNIT = Path(__file__).resolve().parents[2] / "packaging/linux/rig-monitor-serve.service"


def test_unit_runs_serve_with_options_it_knows() -> None:
    cp = configparser.ConfigParser(interpolation=None, strict=False)
    cp.optionxform = str  # type: ignore[assignment,method-assign]
    cp.read(UNIT, encoding="utf-8")
    svc = cp["Service"]
    argv = shlex.split(svc["ExecStart"])
    assert argv[:2] == ["/usr/bin/rig-monitor", "serve"]
    args = build_parser().parse_args(argv[1:])
    assert args.func.__name__ == "cmd_serve"
    assert args.metrics.startswith("127.0.0.1:")  # loopback unless the operator opens it
    assert svc["KillSignal"] == "SIGTERM"
    assert int(svc["TimeoutStopSec"]) > 10  # serve's own stop budget is 10 s
    assert cp["Install"]["WantedBy"] == "multi-user.target"
