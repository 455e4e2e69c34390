"""A benchmark's window into its replicas: their count of Python objects.

Only the benchmarks load this (``bench/servers.py``'s :class:`ObjectProbe` puts ``bench/probe``
first on the replicas' ``PYTHONPATH`` and names a folder in ``RF_BENCH_PROBE_DIR``); the app
never does. Python imports ``sitecustomize`` at start-up, so each replica then writes
``objects-<pid>.json`` in that folder: once at start (``objects`` null: the probe is there),
and again on SIGUSR1 (the objects the garbage collector tracks, as they are) or SIGUSR2 (after
a full collection, so garbage not yet collected is not counted, with the 60 commonest types).
"""

import os

_DIR = os.environ.get("RF_BENCH_PROBE_DIR")

if _DIR:
    import gc
    import json
    import signal
    import time

    _FOLDER: str = _DIR

    def _write(objects: "int | None", collected: bool, types: "dict[str, int] | None" = None) -> None:
        path = os.path.join(_FOLDER, f"objects-{os.getpid()}.json")
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            json.dump({"t": time.time(), "objects": objects, "collected": collected, "types": types}, f)
        os.replace(path + ".tmp", path)

    def _count(signum: int, frame: object) -> None:
        collect = signum == signal.SIGUSR2
        if not collect:
            _write(len(gc.get_objects()), False)
            return
        gc.collect()
        objects = gc.get_objects()
        kinds: dict[str, int] = {}
        for o in objects:  # by type, to say what grows
            name = type(o).__qualname__
            kinds[name] = kinds.get(name, 0) + 1
        top = dict(sorted(kinds.items(), key=lambda kv: -kv[1])[:60])
        _write(len(objects), True, top)

    signal.signal(signal.SIGUSR1, _count)
    signal.signal(signal.SIGUSR2, _count)
    _write(None, False)
