"""Every fixed text of the main window, marked for ``pyside6-lupdate`` (context "MainWindow").

The widgets are built with these English texts; :func:`rig_monitor.gui.i18n.retranslate` swaps
them for the installed language by source text. Templates with ``{names}`` are the texts the
code builds at run time (``t(template).format(...)``). A string missing here stays English, and
``tests/gui/test_i18n.py`` fails on it.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

CONTEXT = "MainWindow"

_TEXTS: tuple[str, ...] = (  # type: ignore[assignment]  # QT_TRANSLATE_NOOP returns its text
    # row 1, totals, tabs
    QT_TRANSLATE_NOOP("MainWindow", "Scan my network…"),
    QT_TRANSLATE_NOOP(
        "MainWindow", "Add miners: 10.0.0.5, 10.0.0.0/24, 10.0.0.5-80, 127.1.0.1:4029"
    ),
    QT_TRANSLATE_NOOP("MainWindow", "Add"),
    QT_TRANSLATE_NOOP("MainWindow", "Remove selected"),
    QT_TRANSLATE_NOOP("MainWindow", "Poll now"),
    QT_TRANSLATE_NOOP("MainWindow", "Poll"),
    QT_TRANSLATE_NOOP("MainWindow", "every "),
    QT_TRANSLATE_NOOP("MainWindow", " s"),
    QT_TRANSLATE_NOOP("MainWindow", "Fault settings…"),
    QT_TRANSLATE_NOOP("MainWindow", "Fleet"),
    QT_TRANSLATE_NOOP("MainWindow", "Faults"),
    QT_TRANSLATE_NOOP("MainWindow", "Racks"),
    QT_TRANSLATE_NOOP("MainWindow", "Details"),
    # totals bar and counters (templates)
    QT_TRANSLATE_NOOP("MainWindow", "online"),
    QT_TRANSLATE_NOOP("MainWindow", "offline"),
    QT_TRANSLATE_NOOP("MainWindow", "with faults"),
    QT_TRANSLATE_NOOP("MainWindow", "degraded"),
    QT_TRANSLATE_NOOP("MainWindow", "waiting"),
    QT_TRANSLATE_NOOP("MainWindow", "total"),
    QT_TRANSLATE_NOOP("MainWindow", "of {nominal} nominal ({share})"),
    QT_TRANSLATE_NOOP("MainWindow", "({reporting} of {online} reporting)"),
    QT_TRANSLATE_NOOP("MainWindow", "kW (no miner reports power)"),
    QT_TRANSLATE_NOOP("MainWindow", "Last sweep {time} in {seconds} s"),
    QT_TRANSLATE_NOOP("MainWindow", "No sweep finished yet"),
    QT_TRANSLATE_NOOP("MainWindow", "{total} miners"),
    QT_TRANSLATE_NOOP("MainWindow", "Showing {shown} of {total}"),
    QT_TRANSLATE_NOOP("MainWindow", "Faults ({count})"),
    QT_TRANSLATE_NOOP("MainWindow", "Engine not started"),
    QT_TRANSLATE_NOOP("MainWindow", "Polling {count} miners…"),
    QT_TRANSLATE_NOOP("MainWindow", "Sweep {sweep}: {polled} miners in {seconds} s"),
    QT_TRANSLATE_NOOP("MainWindow", " ({count} offline, backing off)"),
    QT_TRANSLATE_NOOP("MainWindow", "Sweep {sweep} running: {polled} of {total} polled"),
    QT_TRANSLATE_NOOP("MainWindow", "{title} on {where}"),
    # filter bar
    QT_TRANSLATE_NOOP(
        "MainWindow",
        "Filter (Ctrl+F): 10.1.2.0/26  10.1.2.5-80  model:S19  fault:fan  status:offline  "
        "site:north  or any text",
    ),
    QT_TRANSLATE_NOOP("MainWindow", "Offline"),
    QT_TRANSLATE_NOOP("MainWindow", "Critical"),
    QT_TRANSLATE_NOOP("MainWindow", "Warning"),
    QT_TRANSLATE_NOOP("MainWindow", "Degraded"),
    QT_TRANSLATE_NOOP("MainWindow", "Problems only"),
    QT_TRANSLATE_NOOP("MainWindow", "Views"),
    QT_TRANSLATE_NOOP("MainWindow", "Save current view…"),
    QT_TRANSLATE_NOOP("MainWindow", "Delete view"),
    QT_TRANSLATE_NOOP("MainWindow", "No grouping"),
    QT_TRANSLATE_NOOP("MainWindow", "Group by site"),
    QT_TRANSLATE_NOOP("MainWindow", "Group by /24 block"),
    QT_TRANSLATE_NOOP("MainWindow", "Group by model"),
    QT_TRANSLATE_NOOP("MainWindow", "Group by firmware"),
    QT_TRANSLATE_NOOP("MainWindow", "Group by pool"),
    QT_TRANSLATE_NOOP("MainWindow", "Group"),
    QT_TRANSLATE_NOOP("MainWindow", "Miners"),
    QT_TRANSLATE_NOOP("MainWindow", "With faults"),
    # fleet table: headers and states
    QT_TRANSLATE_NOOP("MainWindow", "Status"),
    QT_TRANSLATE_NOOP("MainWindow", "Address"),
    QT_TRANSLATE_NOOP("MainWindow", "Model"),
    QT_TRANSLATE_NOOP("MainWindow", "Hashrate"),
    QT_TRANSLATE_NOOP("MainWindow", "% nominal"),
    QT_TRANSLATE_NOOP("MainWindow", "Chip max"),
    QT_TRANSLATE_NOOP("MainWindow", "Board max"),
    QT_TRANSLATE_NOOP("MainWindow", "Fans"),
    QT_TRANSLATE_NOOP("MainWindow", "Power"),
    QT_TRANSLATE_NOOP("MainWindow", "J/TH"),
    QT_TRANSLATE_NOOP("MainWindow", "Pool"),
    QT_TRANSLATE_NOOP("MainWindow", "Uptime"),
    QT_TRANSLATE_NOOP("MainWindow", "Error"),
    QT_TRANSLATE_NOOP("MainWindow", "OK"),
    QT_TRANSLATE_NOOP("MainWindow", "Idle"),
    QT_TRANSLATE_NOOP("MainWindow", "Info"),
    QT_TRANSLATE_NOOP("MainWindow", "Waiting"),
    # welcome
    QT_TRANSLATE_NOOP("MainWindow", "<h2>No miners yet</h2>"),
    QT_TRANSLATE_NOOP(
        "MainWindow",
        "Scan this computer's networks to find your miners, or type their addresses in the box "
        "above: <tt>10.0.0.5</tt>, <tt>10.0.0.0/24</tt>, <tt>10.0.0.5-80</tt>, "
        "<tt>10.0.0.5:4029</tt>.<br>To try Rig Monitor without miners, open the demo: a "
        "simulated fleet on this computer.",
    ),
    QT_TRANSLATE_NOOP("MainWindow", "Open the demo"),
    # details pane
    QT_TRANSLATE_NOOP("MainWindow", "Select a miner to see its details"),
    QT_TRANSLATE_NOOP("MainWindow", "Identity"),
    QT_TRANSLATE_NOOP("MainWindow", "Status:"),
    QT_TRANSLATE_NOOP("MainWindow", "Address:"),
    QT_TRANSLATE_NOOP("MainWindow", "Make / model:"),
    QT_TRANSLATE_NOOP("MainWindow", "Firmware:"),
    QT_TRANSLATE_NOOP("MainWindow", "MAC:"),
    QT_TRANSLATE_NOOP("MainWindow", "Hostname:"),
    QT_TRANSLATE_NOOP("MainWindow", "Serial:"),
    QT_TRANSLATE_NOOP("MainWindow", "Hashrate:"),
    QT_TRANSLATE_NOOP("MainWindow", "Power:"),
    QT_TRANSLATE_NOOP("MainWindow", "Uptime:"),
    QT_TRANSLATE_NOOP("MainWindow", "Last poll:"),
    QT_TRANSLATE_NOOP("MainWindow", "Hashboards"),
    QT_TRANSLATE_NOOP("MainWindow", "Pools"),
    QT_TRANSLATE_NOOP("MainWindow", "Faults and what to try"),
    QT_TRANSLATE_NOOP("MainWindow", "Chips"),
    QT_TRANSLATE_NOOP("MainWindow", "Board °C"),
    QT_TRANSLATE_NOOP("MainWindow", "Chip °C"),
    QT_TRANSLATE_NOOP("MainWindow", "Chip status"),
    QT_TRANSLATE_NOOP("MainWindow", "Worker"),
    QT_TRANSLATE_NOOP("MainWindow", "Accepted"),
    QT_TRANSLATE_NOOP("MainWindow", "Rejected"),
    # menus
    QT_TRANSLATE_NOOP("MainWindow", "&File"),
    QT_TRANSLATE_NOOP("MainWindow", "&View"),
    QT_TRANSLATE_NOOP("MainWindow", "&Help"),
    QT_TRANSLATE_NOOP("MainWindow", "Export table as CSV…"),
    QT_TRANSLATE_NOOP("MainWindow", "Quit"),
    QT_TRANSLATE_NOOP("MainWindow", "Find…"),
    QT_TRANSLATE_NOOP("MainWindow", "Details pane"),
    QT_TRANSLATE_NOOP("MainWindow", "Compact mode"),
    QT_TRANSLATE_NOOP("MainWindow", "Fit columns to contents"),
    QT_TRANSLATE_NOOP("MainWindow", "Reset columns"),
    QT_TRANSLATE_NOOP("MainWindow", "Theme"),
    QT_TRANSLATE_NOOP("MainWindow", "Follow the system"),
    QT_TRANSLATE_NOOP("MainWindow", "Light"),
    QT_TRANSLATE_NOOP("MainWindow", "Dark"),
    QT_TRANSLATE_NOOP("MainWindow", "Language"),
    QT_TRANSLATE_NOOP("MainWindow", "Keyboard shortcuts"),
    QT_TRANSLATE_NOOP("MainWindow", "About Rig Monitor"),
    # faults view, incident card, rack map
    QT_TRANSLATE_NOOP("MainWindow", "Filter faults by address, model, fault or evidence"),
    QT_TRANSLATE_NOOP("MainWindow", "All severities"),
    QT_TRANSLATE_NOOP("MainWindow", "Warning and worse"),
    QT_TRANSLATE_NOOP("MainWindow", "Critical only"),
    QT_TRANSLATE_NOOP("MainWindow", "Show:"),
    QT_TRANSLATE_NOOP("MainWindow", "Acknowledged"),
    QT_TRANSLATE_NOOP("MainWindow", "Snoozed"),
    QT_TRANSLATE_NOOP("MainWindow", "Grouped under incidents"),
    QT_TRANSLATE_NOOP("MainWindow", "<b>Recent</b>"),
    QT_TRANSLATE_NOOP("MainWindow", "Last hour"),
    QT_TRANSLATE_NOOP("MainWindow", "Last 8 hours"),
    QT_TRANSLATE_NOOP("MainWindow", "Last 12 hours"),
    QT_TRANSLATE_NOOP("MainWindow", "Last 24 hours"),
    QT_TRANSLATE_NOOP("MainWindow", "Since the app started"),
    QT_TRANSLATE_NOOP("MainWindow", "Raised and cleared only"),
    QT_TRANSLATE_NOOP("MainWindow", "<b>Incidents</b>: none"),
    QT_TRANSLATE_NOOP("MainWindow", "Select an incident to see its cause and what to check first."),
    QT_TRANSLATE_NOOP("MainWindow", "<b>Miners</b> (double-click: show in the fleet table)"),
    QT_TRANSLATE_NOOP("MainWindow", "Miner"),
    QT_TRANSLATE_NOOP("MainWindow", "{count} miners"),
    QT_TRANSLATE_NOOP("MainWindow", "since"),
    QT_TRANSLATE_NOOP("MainWindow", "Evidence:"),
    QT_TRANSLATE_NOOP("MainWindow", "How to confirm:"),
    QT_TRANSLATE_NOOP("MainWindow", "Likely causes"),
    QT_TRANSLATE_NOOP("MainWindow", "What to check first"),
    QT_TRANSLATE_NOOP("MainWindow", "Evidence"),
    QT_TRANSLATE_NOOP("MainWindow", "Colour by:"),
    QT_TRANSLATE_NOOP("MainWindow", "Chip temperature"),
    QT_TRANSLATE_NOOP("MainWindow", "% of rating"),
    QT_TRANSLATE_NOOP("MainWindow", "Status and faults"),
    QT_TRANSLATE_NOOP("MainWindow", "Define racks"),
    QT_TRANSLATE_NOOP("MainWindow", "From addresses (one rack per /24)…"),
    QT_TRANSLATE_NOOP("MainWindow", "From worker or host names…"),
    QT_TRANSLATE_NOOP("MainWindow", "Import CSV (rack,row,col,address)…"),
    QT_TRANSLATE_NOOP(
        "MainWindow",
        "blue ≤ 60 °C · green 75 °C · amber 85 °C · red ≥ 95 °C · grey: offline · hatched: no "
        "reading",
    ),
    QT_TRANSLATE_NOOP(
        "MainWindow", "green ≥ 95 % · amber 90 % · red ≤ 70 % · grey: offline · hatched: no reading"
    ),
    QT_TRANSLATE_NOOP(
        "MainWindow", "the table's status colours · grey: offline · hatched: no reading"
    ),
    QT_TRANSLATE_NOOP(
        "MainWindow",
        "No racks yet. Use <b>Define racks</b>: one rack per /24 block, from worker or host names "
        "like <tt>A03-R2-S07</tt>, or import a CSV with <tt>rack,row,col,address</tt>.",
    ),
    # miner actions (context menu and detail pane)
    QT_TRANSLATE_NOOP("MainWindow", "Actions"),
    QT_TRANSLATE_NOOP("MainWindow", "Blink locate LED"),
    QT_TRANSLATE_NOOP("MainWindow", "Stop locate LED"),
    QT_TRANSLATE_NOOP("MainWindow", "Restart mining"),
    QT_TRANSLATE_NOOP("MainWindow", "Reboot"),
    QT_TRANSLATE_NOOP("MainWindow", "Sleep"),
    QT_TRANSLATE_NOOP("MainWindow", "Wake"),
    QT_TRANSLATE_NOOP("MainWindow", "Set pools…"),
    QT_TRANSLATE_NOOP("MainWindow", "Open web UI in the browser"),
    QT_TRANSLATE_NOOP("MainWindow", "Open web UI"),
    # history (tabs)
    QT_TRANSLATE_NOOP("MainWindow", "Fleet history"),
    QT_TRANSLATE_NOOP("MainWindow", "Handover"),
    QT_TRANSLATE_NOOP("MainWindow", "Live"),
    QT_TRANSLATE_NOOP("MainWindow", "History"),
)

STATIC: frozenset[str] = frozenset(_TEXTS)
