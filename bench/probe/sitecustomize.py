"""A benchmark's window into its replicas: their count of Python objects.

Only the benchmarks load this (``bench/servers.py``'s :class:`ObjectProbe` puts ``bench/probe``
first on the replicas' ``PYTHONPATH`` and names a folder in ``RF_BENCH_PROBE_DIR``); the app
never does. Python imports ``sitecustomize`` at start-up, so each replica then writes
``objects-<pid>.json`` in that folder: once at start (``objects`` null: the probe is there),
and again on SIGUSR1 (the objects the garbage collector tracks, as they are) or SIGUSR2 (after
a full collection, so garbage not yet collected is not counted).
"""

import os

_DIR = os.environ.get("RF_BENCH_PROBE_DIR")

if _DIR:
    import gc
    import json
    import signal
    import time

    _FOLDER: str = _DIR

    def _write(objects: "int | None", collected: bool) -> None:
        path = os.path.join(_FOLDER, f"objects-{os.getpid()}.json")
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            json.dump({"t": time.time(), "objects": objects, "collected": collected}, f)
        os.replace(path + ".tmp", path)

    def _count(signum: int, frame: object) -> None:
        collect = signum == signal.SIGUSR2
        if collect:
            gc.collect()
        _write(len(gc.get_objects()), collect)

    signal.signal(signal.SIGUSR1, _count)
    signal.signal(signal.SIGUSR2, _count)
    _write(None, False)
