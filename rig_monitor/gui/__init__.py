"""The Qt desktop application. Sits on top of rig_monitor.core; never does network or disk I/O on the GUI thread."""
