"""``rig-monitor notify``: send a test alert through each channel, keep a channel's secret."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from rig_monitor.cli import EXIT_USAGE


def cmd_notify(args: argparse.Namespace, out: TextIO) -> int:
    if args.action == "set-secret":
        return _set_secret(args, out)
    return _send_test(args, out)


def _set_secret(args: argparse.Namespace, out: TextIO) -> int:
    import getpass

    from rig_monitor.core.notify.secrets import save_in_keyring

    if not args.name:
        print("rig-monitor notify: error: set-secret needs a NAME", file=sys.stderr)
        return EXIT_USAGE
    if args.stdin:
        secret = sys.stdin.readline().strip()
    else:
        secret = getpass.getpass(f"secret for {args.name}: ")
    if not secret:
        print("rig-monitor notify: error: empty secret", file=sys.stderr)
        return EXIT_USAGE
    if not save_in_keyring(args.name, secret):
        print(
            "rig-monitor notify: error: this machine has no OS keyring; put the secret in a file "
            "only you can read (chmod 600) and use file:PATH, or an environment variable (env:VAR)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    out.write(f"saved in the OS keyring; refer to it as keyring:{args.name}\n")
    return 0


def _send_test(args: argparse.Namespace, out: TextIO) -> int:
    from rig_monitor.core.model import Severity
    from rig_monitor.core.notify.channels import DeliveryError, WebhookChannel
    from rig_monitor.core.notify.config import ChannelConfigError, channels_from
    from rig_monitor.core.notify.events import AlertEvent
    from rig_monitor.core.serve.settings import SettingsError, load_settings

    try:
        settings = load_settings(Path(args.config) if args.config else None)
        channels = [c for c, _ in channels_from(settings.channels)]
    except (SettingsError, ChannelConfigError) as exc:
        print(f"rig-monitor notify: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.webhook:
        url = args.webhook
        channels.append(WebhookChannel("webhook", lambda: url))
    if args.channel:
        channels = [c for c in channels if c.name in args.channel]
    if not channels:
        where = settings.source or "the serve config"
        print(
            f"rig-monitor notify: error: no channels to test (none configured in {where})",
            file=sys.stderr,
        )
        return EXIT_USAGE
    event = AlertEvent(
        ip="",
        fault="test",
        severity=Severity.INFO,
        event="raised",
        title="Test notification",
        detail="rig-monitor can reach this channel",
        t=time.time(),
        site=settings.site or "",
    )
    failed = 0
    for ch in channels:
        try:
            ch.send([event])
        except DeliveryError as exc:
            failed += 1
            out.write(f"FAILED  {ch.name} ({ch.kind}): {exc}\n")
        else:
            out.write(f"ok      {ch.name} ({ch.kind})\n")
    return 1 if failed else 0


def register(sub: Any) -> None:
    sp = sub.add_parser(
        "notify", help="send a test alert through the configured channels; keep channel secrets"
    )
    sp.add_argument("action", choices=["test", "set-secret"])
    sp.add_argument("name", nargs="?", help="set-secret: the name to use as keyring:NAME")
    sp.add_argument(
        "--config", metavar="FILE", help="serve settings (default <config dir>/serve.json)"
    )
    sp.add_argument("--channel", action="append", metavar="NAME", help="test only this channel")
    sp.add_argument("--webhook", metavar="URL", help="also test this webhook URL")
    sp.add_argument("--stdin", action="store_true", help="set-secret: read it from standard input")
    sp.set_defaults(func=cmd_notify)
