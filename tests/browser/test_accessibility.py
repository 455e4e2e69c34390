"""Accessibility in Chromium: axe-core audits in both colour schemes on desktop and phone,
phone layout and tap targets, a keyboard-only journey, headings and link names, and the
chart's name and colours (WCAG 2.2 AA).
"""

from __future__ import annotations

import itertools
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_helpers import no_exceptions, open_app, planner_chart, result
from colours import THEME, contrast, css_rgb, hex_of, over
from playwright.sync_api import Locator, Page, expect

from runners_face.charts import CHART_ALT

# A realistic page: "About you" filled in via the link (realistic curve, radio, selectbox), a race
# day (its date field, words and button; 60 days ahead is ahead in every time zone) and one tip
# already ticked.
RACE_DAY = (datetime.now(UTC).date() + timedelta(days=60)).isoformat()
REALISTIC = f"?units=lb&weight=180&goal=165&sex=female&age=40&height=165&activity=1.6&by={RACE_DAY}&tips=sunscreen"
SLIDER = "Weekly pace (lb a week)"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 800}
MIN_TARGET = 24  # WCAG 2.2 SC 2.5.8 Target Size (Minimum), CSS px

# The theme's own colours are checked without a browser (tests/unit/test_colour_contrast.py).
# Primary buttons would put white text on primaryColor; the page has none (tested below).


# --- page helpers -----------------------------------------------------------------------


def open_planner(page: Page, url: str) -> None:
    """Open the page and wait until the planner fragment, chart included, is drawn."""
    open_app(page, url)
    expect(page.get_by_role("slider", name=SLIDER)).to_be_visible()
    expect(planner_chart(page)).to_have_attribute("role", "graphics-document")


def expander(page: Page, title: str | re.Pattern[str]) -> Locator:
    return page.get_by_test_id("stExpander").filter(has=page.locator("summary", has_text=title)).first


def open_expanders(page: Page) -> None:
    """Open the table by keyboard and the share box by click."""
    table = expander(page, "See the numbers as a table")
    table.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(table.locator("details")).to_have_attribute("open", "")
    expect(table.get_by_test_id("stTable")).to_be_visible()

    share = expander(page, "Save or share this plan")
    if share.count():
        share.locator("summary").click()
        expect(share.get_by_test_id("stCode").first).to_be_visible()


def show_whole_page(page: Page) -> None:
    """Make the viewport as tall as the page.

    The app scrolls inside [data-testid=stMain], not the document, and axe's colour-contrast
    rule silently skips whatever is scrolled out of that box: without this it audits one
    screenful only.
    """
    width = page.viewport_size["width"] if page.viewport_size else DESKTOP["width"]
    height = page.get_by_test_id("stMain").evaluate("main => main.scrollHeight")
    page.set_viewport_size({"width": width, "height": max(height, 800)})
    expect(page.get_by_test_id("stMain")).to_have_js_property("scrollTop", 0)


WHERE_JS = """e => {
  // The Streamlit elements around an axe target, e.g. 'stTable in stExpander "See the numbers..."'.
  const title = x => x.querySelector('summary [data-testid=stMarkdownContainer]')?.textContent.trim().slice(0, 40);
  const out = [];
  for (let a = e; a && out.length < 3; a = a.parentElement) {
    const id = a.dataset?.testid;
    if (id && !['stMarkdown', 'stMarkdownContainer', 'stElementContainer', 'stVerticalBlock'].includes(id))
      out.push(id === 'stExpander' ? `stExpander "${title(a)}"` : id);
  }
  return out.join(' in '); }"""


def describe(violation: dict[str, Any], page: Page | None = None) -> str:
    """One violation: rule, impact, help, and its first few elements (selector, Streamlit element, HTML)."""
    lines = [f"{violation['id']} ({violation['impact']}): {violation['help']} [{len(violation['nodes'])} element(s)]"]
    for node in violation["nodes"][:4]:
        selector = " > ".join(map(str, node["target"]))
        where = ""
        if page is not None and len(node["target"]) == 1:
            found = page.locator(str(node["target"][0]))
            where = f" (in {found.first.evaluate(WHERE_JS)})" if found.count() else ""
        summary = (node.get("failureSummary") or "").replace("\n", " ")
        lines.append(f"    {selector}{where}\n      {node['html'][:120]}\n      {summary[:220]}")
    return "\n".join(lines)


# --- 1. axe-core ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scheme", "viewport"),
    [
        pytest.param(
            scheme,
            size,
            id=f"{scheme}-{name}",
            marks=pytest.mark.browser_context_args(color_scheme=scheme, viewport=size),
        )
        for scheme in ("light", "dark")
        for name, size in (("desktop", DESKTOP), ("phone", PHONE))
    ],
)
def test_axe_finds_no_serious_or_critical_wcag_violations(page: Page, app_url: str, scheme: str, viewport: Any) -> None:
    open_planner(page, app_url + REALISTIC)
    # Streamlit follows the system scheme because the config defines [theme.light] and
    # [theme.dark]: make sure this page really is in the scheme we asked for.
    expect(page.get_by_test_id("stApp")).to_have_css("background-color", css_rgb(THEME[scheme]["backgroundColor"]))
    open_expanders(page)
    show_whole_page(page)

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    violations = results.response["violations"]
    for violation in violations:  # shown by pytest when the test fails
        print(describe(violation, page))
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"{scheme}, {viewport['width']} px wide:\n" + "\n".join(describe(v, page) for v in blocking)
    no_exceptions(page)


# --- 2. phones --------------------------------------------------------------------------


@pytest.mark.browser_context_args(viewport=PHONE)
def test_on_a_phone_nothing_scrolls_sideways(page: Page, app_url: str) -> None:
    open_planner(page, app_url + REALISTIC)
    open_expanders(page)
    widths = page.evaluate(
        """() => [document.documentElement, document.querySelector('[data-testid=stMain]')]
                 .map(e => ({scroll: e.scrollWidth, client: e.clientWidth}))"""
    )
    for where, box in zip(("document", "stMain"), widths, strict=True):
        assert box["scroll"] <= box["client"] + 1, f"{where} scrolls sideways: {box['scroll']} > {box['client']} px"


TARGETS_JS = """main => {
  const shown = e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };
  const name = e => (e.getAttribute('aria-label') || e.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 50);
  const box = (kind, e, target) => { const r = target.getBoundingClientRect();
    const round = v => Math.round(v * 10) / 10;
    return {kind, name: name(e), x: r.x, y: r.y, width: round(r.width), height: round(r.height)}; };
  const out = [];
  // Buttons (preset paces, +/- steppers, downloads, chart toolbar, help icons), link buttons
  // and expander headers: the element itself is what a finger hits.
  for (const e of main.querySelectorAll('button, [data-testid=stLinkButton] a, summary'))
    if (shown(e)) out.push(box(e.tagName === 'SUMMARY' ? 'expander' : 'button', e, e));
  // Checkboxes, toggles and radio options: the whole label is clickable.
  for (const e of main.querySelectorAll('[data-testid=stCheckbox] label'))
    if (shown(e)) out.push(box('checkbox', e, e));
  for (const e of main.querySelectorAll('[data-testid=stRadio] [role=radiogroup] label'))
    if (shown(e)) out.push(box('radio', e, e));
  // The pace control: a native <input type=range> that takes a press anywhere along it.
  for (const input of main.querySelectorAll('input[type=range]'))
    if (shown(input)) out.push(box('slider', input, input));
  return out;
}"""


def _spaced_enough(small: dict[str, Any], targets: list[dict[str, Any]], undersized: list[dict[str, Any]]) -> bool:
    """WCAG 2.5.8's spacing exception: a 24 px circle centred on the undersized target touches
    no other target and no other undersized target's circle."""
    cx, cy = small["x"] + small["width"] / 2, small["y"] + small["height"] / 2
    radius = MIN_TARGET / 2
    for other in targets:
        if other is small:
            continue
        nx = min(max(cx, other["x"]), other["x"] + other["width"])
        ny = min(max(cy, other["y"]), other["y"] + other["height"])
        if (nx - cx) ** 2 + (ny - cy) ** 2 < radius**2:
            return False
        if other in undersized:
            ox, oy = other["x"] + other["width"] / 2, other["y"] + other["height"] / 2
            if (ox - cx) ** 2 + (oy - cy) ** 2 < (2 * radius) ** 2:
                return False
    return True


@pytest.mark.browser_context_args(viewport=PHONE)
def test_on_a_phone_every_control_is_big_enough_or_spaced_enough_to_tap(page: Page, app_url: str) -> None:
    open_planner(page, app_url + REALISTIC)
    targets: list[dict[str, Any]] = page.get_by_test_id("stMain").evaluate(TARGETS_JS)
    kinds = {t["kind"] for t in targets}
    assert {"button", "checkbox", "radio", "slider", "expander"} <= kinds, kinds
    undersized = [t for t in targets if t["width"] < MIN_TARGET or t["height"] < MIN_TARGET]
    for target in undersized:  # printed when the test fails, or with -rP
        print(f"under 24 x 24 px: {target['kind']} {target['name']!r} {target['width']} x {target['height']}")
    crowded = [
        f"{t['kind']} {t['name']!r}: {t['width']} x {t['height']} px, with another target within 12 px of its centre"
        for t in undersized
        if not _spaced_enough(t, targets, undersized)
    ]
    assert not crowded, "too small and too close to other targets (WCAG 2.5.8):\n  " + "\n  ".join(crowded)

    # A tap anywhere along the pace control moves the pace there.
    slider = page.get_by_role("slider", name=SLIDER)
    slider.scroll_into_view_if_needed()
    box = slider.bounding_box()
    assert box is not None and box["height"] >= MIN_TARGET, box
    page.mouse.click(box["x"] + box["width"] * 0.95, box["y"] + box["height"] / 2)
    expect(slider).to_have_attribute("aria-valuetext", re.compile(r"^3 lb a week"))
    expect(result(page)).to_contain_text("At 3 lb a week")


# --- 3. keyboard only -------------------------------------------------------------------

ACTIVE_IS = "(e, selector) => document.activeElement === e || !!document.activeElement?.closest(selector)"

RING_JS = """e => {
  // The focus indicator: outline or box-shadow on the focused element or, when that is
  // visually hidden (React Aria's slider input), on the nearest visible ancestor.
  const hiddenBox = n => { for (let a = n, i = 0; a && i < 3; a = a.parentElement, i++) {
      const r = a.getBoundingClientRect(); if (r.width <= 1 || r.height <= 1) return true; } return false; };
  for (let n = e, i = 0; n && i < 4; n = n.parentElement, i++) {
    if (hiddenBox(n)) continue;
    const s = getComputedStyle(n);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    if (outline) return `outline ${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} on ${n.tagName}`;
    if (s.boxShadow !== 'none') return `box-shadow ${s.boxShadow} on ${n.tagName}`;
  }
  return 'none';
}"""


def tab_until(page: Page, target: Locator, limit: int, within: str = "") -> int:
    """Press Tab until `target` (or, with `within`, something inside that selector) has focus."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if target.evaluate(ACTIVE_IS, within or ":not(*)"):
            return presses
    focused = page.evaluate("() => document.activeElement?.outerHTML.slice(0, 200)")
    raise AssertionError(f"not reached with {limit} Tab presses; focus is on {focused}")


def focus_ring(target: Locator) -> str:
    ring: str = target.evaluate(RING_JS)
    return ring


def test_a_keyboard_user_plans_a_pace_and_ticks_a_tip_without_a_mouse(page: Page, app_url: str) -> None:
    open_planner(page, app_url)
    slider = page.get_by_role("slider", name=SLIDER)
    expect(result(page)).to_contain_text("At 1 lb a week")

    # From the top of the page to the pace slider with Tab alone; the arrow keys move it one step.
    presses = tab_until(page, slider, limit=80)
    print(f"Tab presses from the top to the pace slider: {presses}")
    expect(slider).to_be_focused()
    slider_ring = focus_ring(slider)
    assert slider_ring != "none", "the focused slider shows no focus indicator"
    page.keyboard.press("ArrowRight")
    expect(slider).to_have_attribute("aria-valuetext", re.compile(r"^1\.25\b"))
    expect(result(page)).to_contain_text("At 1.25 lb a week")
    expect(slider).to_be_focused()

    # On to the first preset pace button, which Enter presses.
    presets = page.get_by_role("group", name="Pace presets")
    button = presets.get_by_role("button").first
    tab_until(page, button, limit=5)
    expect(button).to_be_focused()
    label = button.inner_text().strip()
    button_ring = focus_ring(button)
    assert button_ring != "none", f"the focused button {label!r} shows no focus indicator"
    assert focus_ring(presets.get_by_role("button").nth(1)) == "none", "unfocused buttons look focused"
    assert focus_ring(slider) != slider_ring, "the slider's focus indicator does not go away when focus leaves"
    page.keyboard.press("Enter")
    expect(result(page)).to_contain_text(f"At {label}")
    expect(slider).to_have_attribute("aria-valuetext", re.compile(r"^" + re.escape(label.split()[0])))
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button).to_be_focused()

    # On to the checklist; Space ticks the first tip.
    checklist = page.locator(".st-key-checklist")
    tab_until(page, checklist.get_by_role("checkbox").first, limit=80)
    page.keyboard.press("Space")
    expect(checklist.get_by_role("checkbox").first).to_be_checked()
    expect(page.get_by_test_id("stProgress")).to_contain_text("1 of 6")
    no_exceptions(page)


def test_pressing_a_preset_pace_keeps_the_keyboard_focus_on_that_button(page: Page, app_url: str) -> None:
    open_planner(page, app_url)
    page.get_by_role("slider", name=SLIDER).focus()
    page.keyboard.press("Tab")  # keyboard modality, as for a keyboard user
    button = page.get_by_role("group", name="Pace presets").get_by_role("button", name="2 lb a week")
    button.focus()
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    expect(result(page)).to_contain_text("At 2 lb a week")
    expect(button).to_be_focused(timeout=2_000)


def test_the_page_draws_no_primary_buttons(page: Page, app_url: str) -> None:
    # The theme's dark primary colour is too light for white text; keep it that way.
    open_planner(page, app_url)
    expect(page.locator("[data-testid=stBaseButton-secondary]").first).to_be_visible()
    expect(page.locator("[data-testid=stBaseButton-primary]")).to_have_count(0)


# --- 4. structure -----------------------------------------------------------------------

VAGUE_LINK_NAMES = {
    "",
    "here",
    "click here",
    "link",
    "this link",
    "read more",
    "more",
    "learn more",
    "this",
    "details",
    "continue",
    "source",
    "study",
}


def test_one_h1_and_heading_levels_never_skip(page: Page, app_url: str) -> None:
    open_planner(page, app_url + REALISTIC)
    headings: list[list[Any]] = page.locator("h1, h2, h3, h4, h5, h6").evaluate_all(
        "hs => hs.map(h => [Number(h.tagName[1]), h.textContent.trim().slice(0, 60)])"
    )
    levels = [level for level, _ in headings]
    assert levels.count(1) == 1, f"expected exactly one h1, got {levels.count(1)}: {headings}"
    assert levels[0] == 1, f"the first heading is not the h1: {headings[0]}"
    skips = [
        f"h{before[0]} {before[1]!r} -> h{after[0]} {after[1]!r}"
        for before, after in itertools.pairwise(headings)
        if after[0] > before[0] + 1
    ]
    assert not skips, "heading levels skip:\n  " + "\n  ".join(skips)


def test_the_page_declares_its_language(page: Page, app_url: str) -> None:
    open_app(page, app_url)
    expect(page.locator("html")).to_have_attribute("lang", re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$"))


def test_every_link_says_where_it_goes_on_its_own(page: Page, app_url: str) -> None:
    open_planner(page, app_url + REALISTIC)
    links: list[dict[str, str]] = page.locator("a[href]").evaluate_all(
        """as => as.map(a => {
             const byId = (a.getAttribute('aria-labelledby') || '').split(/\\s+/)
               .map(id => document.getElementById(id)?.textContent || '').join(' ');
             const img = [...a.querySelectorAll('img[alt]')].map(i => i.alt).join(' ');
             const name = a.getAttribute('aria-label') || byId.trim() || a.textContent.trim() || img || a.title || '';
             return {name: name.replace(/\\s+/g, ' ').trim(), href: a.getAttribute('href')}; })"""
    )
    assert links, "no links found"
    vague = [
        f"{link['name']!r} -> {link['href']}"
        for link in links
        if re.sub(r"[^\w\s]", "", link["name"]).strip().lower() in VAGUE_LINK_NAMES
        or re.fullmatch(r"(https?://|www\.)\S+", link["name"])
    ]
    assert not vague, "links whose name does not make sense alone:\n  " + "\n  ".join(vague)
    # Links with the same name go to the same place (Streamlit's own "Link to heading" icons aside).
    targets: dict[str, set[str]] = {}
    for link in links:
        if link["name"] != "Link to heading":
            targets.setdefault(link["name"], set()).add(link["href"])
    clashes = {name: sorted(hrefs) for name, hrefs in targets.items() if len(hrefs) > 1}
    assert not clashes, f"one link name, several places: {clashes}"


# --- 5. the chart -----------------------------------------------------------------------


def test_the_chart_is_a_named_graphics_document(page: Page, app_url: str) -> None:
    open_planner(page, app_url + REALISTIC)
    chart = planner_chart(page)
    expect(chart).to_have_attribute("role", "graphics-document")
    expect(chart).to_have_attribute("aria-label", re.compile(r"\S"))
    expect(chart).to_have_attribute("aria-label", CHART_ALT)


@pytest.mark.parametrize(
    "scheme",
    [
        pytest.param(s, marks=pytest.mark.browser_context_args(color_scheme=s, viewport=PHONE))
        for s in ("light", "dark")
    ],
)
def test_chart_text_keeps_4_5_to_1_contrast_on_the_page_background(page: Page, app_url: str, scheme: str) -> None:
    # axe leaves SVG text "incomplete" (needs review), so the axis and legend labels are checked here.
    open_planner(page, app_url + REALISTIC)
    background = THEME[scheme]["backgroundColor"]
    expect(page.get_by_test_id("stApp")).to_have_css("background-color", css_rgb(background))
    # The colour the browser draws (the computed fill: the spec's colours are light-dark() pairs).
    texts: list[list[str]] = (
        planner_chart(page)
        .locator("svg text")
        .evaluate_all(
            """ts => ts.filter(t => t.textContent.trim())
                   .map(t => [getComputedStyle(t).fill, getComputedStyle(t).opacity, t.textContent.trim()])"""
        )
    )
    assert texts, "the chart has no text"
    weak: dict[str, list[str]] = {}
    for computed, opacity, text in texts:
        fill = hex_of(computed)
        ratio = contrast(over(fill, background, float(opacity)), background)
        if ratio < 4.5:
            weak.setdefault(f"{fill} at opacity {opacity}: {ratio:.2f}:1", []).append(text)
    weak_lines = [f"{colour} ({len(labels)} labels, e.g. {labels[0]!r})" for colour, labels in weak.items()]
    assert not weak, f"chart text below 4.5:1 on the {scheme} page ({background}):\n  " + "\n  ".join(weak_lines)


@pytest.mark.parametrize(
    "scheme",
    [
        pytest.param(s, marks=pytest.mark.browser_context_args(color_scheme=s, viewport=PHONE))
        for s in ("light", "dark")
    ],
)
def test_chart_legend_keys_keep_3_to_1_contrast_on_the_page_background(page: Page, app_url: str, scheme: str) -> None:
    # The legend is how a reader tells the lines apart, so its keys are graphics that need 3:1.
    open_planner(page, app_url + REALISTIC)
    background = THEME[scheme]["backgroundColor"]
    expect(page.get_by_test_id("stApp")).to_have_css("background-color", css_rgb(background))
    keys: list[list[str]] = (
        planner_chart(page)
        .locator("g.role-legend-symbol path")
        .evaluate_all("ps => ps.map(p => [p.getAttribute('stroke') || '', p.getAttribute('opacity') || '1'])")
    )
    assert keys, "the chart has no legend"
    weak = sorted(
        {
            f"{stroke} at opacity {opacity}: {contrast(over(stroke, background, float(opacity)), background):.2f}:1"
            for stroke, opacity in keys
            if stroke.startswith("#") and contrast(over(stroke, background, float(opacity)), background) < 3.0
        }
    )
    assert not weak, f"legend keys below 3:1 on the {scheme} page ({background}):\n  " + "\n  ".join(weak)
