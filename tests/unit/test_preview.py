"""A shared link previews as the page: the tags written into the served index.html."""

from __future__ import annotations

import pytest

from runners_face.content import load_content
from runners_face.preview import index_with_preview, preview_head

STREAMLIT_INDEX = '<!doctype html><html lang="en"><head><meta charset="UTF-8" /><title>Streamlit</title></head></html>'


def test_the_index_gets_the_pages_title_description_and_open_graph_tags() -> None:
    content = load_content()
    page = index_with_preview(STREAMLIT_INDEX, preview_head(content, "https://runners-face.example.com/"))
    assert "<title>Streamlit</title>" not in page
    assert "<title>Runner&#x27;s face, explained</title>" in page
    assert f'<meta name="description" content="{content.page["preview_description"]}"' in page.replace("&#x27;", "'")
    assert '<meta property="og:image" content="https://runners-face.example.com/preview.png">' in page
    assert '<meta property="og:url" content="https://runners-face.example.com/">' in page


def test_without_the_sites_address_there_is_no_relative_image_or_url() -> None:
    head = preview_head(load_content())
    assert "og:image" not in head and "og:url" not in head and "og:title" in head


def test_an_index_without_a_title_is_refused() -> None:
    with pytest.raises(ValueError, match="no <title>"):
        index_with_preview("<html></html>", "<title>x</title>")
