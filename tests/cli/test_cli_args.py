from __future__ import annotations

from rig_monitor.cli import build_parser, cmd_demo


def test_demo_takes_a_port_for_its_simulated_miners() -> None:
    args = build_parser().parse_args(["demo", "--count", "20", "--port", "24999"])
    assert args.func is cmd_demo
    assert (args.count, args.port) == (20, 24999)
    assert build_parser().parse_args(["demo"]).port == 4028
