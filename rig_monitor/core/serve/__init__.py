"""Headless monitoring: the window's engine and fault stage with no display (``rig-monitor serve``),
a Prometheus exporter, and the alert rules and dashboard generated from the fault catalogue."""
