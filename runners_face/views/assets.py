"""The text of the JavaScript and CSS files beside the view modules."""

from __future__ import annotations

from pathlib import Path


def read_asset(name: str) -> str:
    """The text of a file beside this module. In Streamlit 1.67 a component's ``css`` and ``js``
    are inline text, or a path inside an ``asset_dir`` that only an installed package declares;
    the app runs from its folder, so the files are read and given as text (a string with a line
    break is taken as inline text)."""
    return (Path(__file__).parent / name).read_text(encoding="utf-8")
