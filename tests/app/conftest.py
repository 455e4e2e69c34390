from __future__ import annotations

import pytest
from app_helpers import APP
from streamlit.testing.v1 import AppTest


@pytest.fixture
def app() -> AppTest:
    # First runs import pandas/altair/pyarrow: allow for a slow CI machine.
    return AppTest.from_file(APP, default_timeout=60)
