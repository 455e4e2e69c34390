"""The page's colours keep WCAG 2.2 AA contrast on its background, in both colour schemes:
arithmetic on the theme (.streamlit/config.toml) and the chart's colours, with no browser.
(What the browser draws is checked in tests/browser/test_accessibility.py.)"""

from __future__ import annotations

import pytest
from colours import THEME, contrast, over

from runners_face.charts import COLOURS

# What Streamlit 1.67 does with the theme colours (measured in the browser):
CAPTION_OPACITY = 0.6  # st.caption is drawn in textColor at 60 % opacity, links inside it too
# The pace control's thumb and filled track are drawn in primaryColor on the page background.


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chart_lines_keep_3_to_1_contrast_on_the_page_background(scheme: str) -> None:
    background = THEME[scheme]["backgroundColor"]
    weak = {
        series: round(contrast(colour, background), 2)
        for series, colour in COLOURS.items()
        if contrast(colour, background) < 3.0
    }
    assert not weak, f"chart colours below 3:1 on the {scheme} page ({background}): {weak}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_theme_text_links_and_primary_colour_keep_4_5_to_1_contrast(scheme: str) -> None:
    colours = THEME[scheme]
    page_bg = colours["backgroundColor"]
    text = colours["textColor"]
    primary = colours["primaryColor"]
    pairs = {
        "text on the page": (text, page_bg),
        "caption on the page": (over(text, page_bg, CAPTION_OPACITY), page_bg),
        "text on the secondary background": (text, colours["secondaryBackgroundColor"]),
        "pace control thumb (primary) on the page": (primary, page_bg),
    }
    if "linkColor" in colours:
        link = colours["linkColor"]
        pairs["link on the page"] = (link, page_bg)
        pairs["link in a caption"] = (over(link, page_bg, CAPTION_OPACITY), page_bg)
    weak = {what: round(contrast(*pair), 2) for what, pair in pairs.items() if contrast(*pair) < 4.5}
    assert not weak, f"{scheme} theme below 4.5:1: {weak}"
