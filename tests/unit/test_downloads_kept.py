"""A file a download click makes survives other sessions' runs until the reader fetches it
(runners_face/views/downloads.py): Streamlit 1.67's sweep after every finished run deletes an
unreferenced made file on its second pass."""

from __future__ import annotations

from unittest import mock

import pytest
from streamlit.runtime import media_file_manager
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from runners_face.views.downloads import FETCHED_SUFFIX, keep_fetched_files


def manager_with_a_click(keep: bool, session: str = "reader") -> tuple[MediaFileManager, MemoryMediaFileStorage, str]:
    storage = MemoryMediaFileStorage("/media")
    manager = MediaFileManager(storage)
    if keep:
        assert keep_fetched_files(manager)
    with mock.patch.object(media_file_manager, "_get_session_id", return_value=session):
        placeholder = manager.add_deferred(lambda: b"date,week\n", "text/csv", "1.2.3", "plan.csv")
    return manager, storage, manager.execute_deferred(placeholder)


def fetch(storage: MemoryMediaFileStorage, url: str) -> bytes:
    return storage.get_file(url.rsplit("/", 1)[1]).content


@pytest.mark.parametrize("keep", [False, True])
def test_a_made_file_outlives_two_sweeps_only_when_kept(keep: bool) -> None:
    manager, storage, url = manager_with_a_click(keep)
    manager.remove_orphaned_files()  # two runs finish in other sessions before the GET
    manager.remove_orphaned_files()
    if keep:
        assert fetch(storage, url) == b"date,week\n"
    else:  # Streamlit's own behaviour, the race the wrapper closes
        with pytest.raises(Exception, match="Bad filename"):
            fetch(storage, url)


def test_the_kept_file_goes_with_the_sessions_next_whole_run_or_its_end() -> None:
    manager, storage, url = manager_with_a_click(True)
    manager.clear_session_refs("reader")  # a whole-page run of that session, or its end
    manager.remove_orphaned_files()
    manager.remove_orphaned_files()
    with pytest.raises(Exception, match="Bad filename"):
        fetch(storage, url)


def test_a_second_click_replaces_the_first_files_reference() -> None:
    manager, _, _ = manager_with_a_click(True)
    with mock.patch.object(media_file_manager, "_get_session_id", return_value="reader"):
        again = manager.add_deferred(lambda: b"other\n", "text/csv", "1.2.3", "plan.csv")
    manager.execute_deferred(again)
    kept = [coords for coords in manager._files_by_session_and_coord["reader"] if coords.endswith(FETCHED_SUFFIX)]
    assert kept == ["1.2.3" + FETCHED_SUFFIX]


def test_wrapping_twice_wraps_once_and_an_unknown_manager_is_left_alone() -> None:
    manager = MediaFileManager(MemoryMediaFileStorage("/media"))
    assert keep_fetched_files(manager)
    wrapped = manager.execute_deferred
    assert keep_fetched_files(manager) and manager.execute_deferred is wrapped
    assert keep_fetched_files(object()) is False
