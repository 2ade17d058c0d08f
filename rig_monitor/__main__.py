import multiprocessing

from rig_monitor.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the polling engine's spawned child, in a frozen build
    raise SystemExit(main())
