"""What a shared link previews as: the page's title, description and Open Graph tags, written
into the HTML that is served before any script runs (link-preview crawlers run none).

Streamlit serves the same ``index.html`` for every app, titled "Streamlit"; its page title is set
later, by the page's script. ``deploy/serve.py`` writes the copy that nginx serves with these
tags (:func:`index_with_preview`). On Streamlit Community Cloud the file is Streamlit's own, so a
link shared from there still previews as "Streamlit" (the README says so).
"""

from __future__ import annotations

import html
import re
from typing import Final

from runners_face.content import Content

PREVIEW_IMAGE: Final = "preview.png"
"""The preview image's file name: in ``content/`` (a publisher may replace it), and beside the
served ``index.html``."""


def preview_head(content: Content, public_url: str | None = None) -> str:
    """The tags for the page's ``<head>``: title, description, Open Graph and Twitter card. The
    image and the page's own address are absolute URLs, as Open Graph asks, so they are given only
    with the site's ``public_url``."""
    title = content.article.title
    description = content.page["preview_description"]
    tags = [
        f"<title>{html.escape(title)}</title>",
        f'<meta name="description" content="{html.escape(description)}">',
        '<meta property="og:type" content="website">',
        f'<meta property="og:title" content="{html.escape(title)}">',
        f'<meta property="og:description" content="{html.escape(description)}">',
        '<meta name="twitter:card" content="summary_large_image">',
    ]
    if public_url:
        base = public_url.rstrip("/")
        tags.append(f'<meta property="og:url" content="{html.escape(base)}/">')
        tags.append(f'<meta property="og:image" content="{html.escape(base)}/{PREVIEW_IMAGE}">')
    return "\n".join(tags)


def index_with_preview(index_html: str, head: str) -> str:
    """Streamlit's ``index.html`` with its title replaced by ``head`` (the title and the tags)."""
    replaced, count = re.subn(r"<title>.*?</title>", lambda _: head, index_html, count=1, flags=re.S)
    if count != 1:
        raise ValueError("index.html has no <title> to replace")
    return replaced
