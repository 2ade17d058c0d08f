"""Alert notifications (email, Telegram, webhooks) delivered off the engine thread.

The engine thread only turns fault reports into :class:`AlertEvent` lists and drops them into
each channel's bounded queue (:class:`Notifier.submit` never blocks); every channel delivers on
its own thread with its own policy (severity, quiet hours, grouping, rate limit) and retries with
back-off, so a dead SMTP server or a hanging webhook never slows polling.
"""

from rig_monitor.core.notify.dispatcher import ChannelStatus, Notifier
from rig_monitor.core.notify.events import AlertEvent, Alerts
from rig_monitor.core.notify.policy import Policy

__all__ = ["AlertEvent", "Alerts", "ChannelStatus", "Notifier", "Policy"]
