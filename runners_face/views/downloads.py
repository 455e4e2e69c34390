"""Downloads that are still there when the reader's browser asks for them.

The page's download buttons build their files only when clicked (deferred downloads). In
Streamlit 1.67 the file a click makes (``MediaFileManager.execute_deferred``) is referenced by
no session, and every finished script run, in any session, sweeps files no session references:
the first sweep marks such a file, the second deletes it. On a busy server two runs can finish
elsewhere between the click's answer and the browser's GET of the file, and the reader gets a
404 (``bench_visits.py`` saw 11 of 280 downloads fail that way on 2 replicas at the viral hour's
rates).

``keep_fetched_files`` wraps the manager's ``execute_deferred`` so that the file it makes is
referenced by the session that clicked, under the button's own place, until that session's
next whole-page run or its end (as Streamlit keeps the files a run draws). A second click on
the same button replaces the reference, so a session keeps at most one made file per button.
Only private attributes of the pinned Streamlit are touched; if they are missing (another
version), downloads work as Streamlit made them and ``keep_fetched_files`` returns False.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath
from typing import Any

_WRAPPED = "_runners_face_keeps_fetched_files"
# The key under which a made file is referenced: after the button's coordinates, so it never
# clashes with an element's own.
FETCHED_SUFFIX = "#fetched"


def keep_fetched_files(manager: Any) -> bool:
    """Make ``manager`` (a Streamlit ``MediaFileManager``) keep each file a click makes for the
    session that clicked. Idempotent. Returns whether the manager keeps them."""
    if getattr(manager, _WRAPPED, False):
        return True
    needed = ("execute_deferred", "_lock", "_deferred_callables", "_files_by_session_and_coord", "_file_metadata")
    if not all(hasattr(manager, name) for name in needed):
        return False
    original: Callable[[str], str] = manager.execute_deferred

    def execute_deferred(file_id: str) -> str:
        with manager._lock:
            entry = manager._deferred_callables.get(file_id)
            owner = None if entry is None else (entry["session_id"], entry["coordinates"])
        url = original(file_id)
        if owner is not None:
            made = PurePosixPath(url).stem  # "/media/<id>.<ext>"
            with manager._lock:
                metadata = manager._file_metadata.get(made)
                if metadata is not None:
                    session_id, coordinates = owner
                    manager._files_by_session_and_coord[session_id][coordinates + FETCHED_SUFFIX] = made
                    if metadata.is_marked_for_delete:
                        # Marked by a sweep between the file's making and this line: keep it.
                        manager._file_metadata[made] = type(metadata)(kind=metadata.kind)
        return url

    manager.execute_deferred = execute_deferred
    setattr(manager, _WRAPPED, True)
    return True


def keep_this_servers_files() -> bool:
    """``keep_fetched_files`` for the running server's manager (once per process; then free)."""
    from streamlit import runtime

    if not runtime.exists():
        return False
    return keep_fetched_files(runtime.get_instance().media_file_mgr)
