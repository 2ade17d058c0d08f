from rig_monitor.cli import main

raise SystemExit(main())
