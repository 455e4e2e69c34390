"""The page's length and its links, as a reader on a phone or a keyboard meets them (issue 20):
at most 15 phone screens with everything optional closed, the disclaimer said once at the top
and once at the planner, numbered citations that link to one reference list and back, and
fewer Tab stops (no duplicate study links, no "Link to heading" icons in the article)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from browser_helpers import no_exceptions, open_app, planner_chart
from playwright.sync_api import Page, expect

from runners_face.content import REFERENCE_ID, load_content

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
MAX_SCREENS = {375: 15, 1280: 10}
"""The goal on a phone (issue 20), and a guard on a laptop (8.8 screens when it was written)."""
SOCIAL_LINK = "?units=lb&weight=172&goal=160&pace=1.5&utm_source=x"  # the review's arrival
CITATION = re.compile(r"^\[\d+\]$")

MEASURE_JS = """main => {
  // Words a reader can see: text not inside a closed disclosure or otherwise not drawn.
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  let words = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const e = n.parentElement;
    if (e && e.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true}))
      words += n.textContent.split(/\\s+/).filter(Boolean).length;
  }
  return {height: main.scrollHeight, words, open: main.querySelectorAll('details[open]').length,
          details: main.querySelectorAll('details').length};
}"""


def open_page(page: Page, url: str) -> None:
    """Open the page and wait until all of it is drawn: the planner's chart and, last, the
    reference list (an HTML element the browser draws a moment after the script ends)."""
    open_app(page, url)
    expect(page.get_by_role("slider", name="Weekly pace (lb a week)")).to_be_visible()
    expect(planner_chart(page)).to_have_attribute("role", "graphics-document")
    expect(page.locator(f"li[id^={REFERENCE_ID}]")).to_have_count(len(load_content().evidence.references()))
    expect(page.get_by_text(re.compile(r"^Privacy\."))).to_be_visible()


@pytest.mark.parametrize(
    ("viewport", "link"),
    [
        pytest.param(size, link, id=f"{size['width']}px-{name}", marks=pytest.mark.browser_context_args(viewport=size))
        for size in (PHONE, DESKTOP)
        for name, link in (("no-plan", ""), ("social-link", SOCIAL_LINK))
    ],
)
def test_the_page_is_at_most_15_phone_screens_with_everything_optional_closed(
    page: Page, app_url: str, viewport: dict[str, int], link: str
) -> None:
    # Measured at 375 x 812 in Chromium on the review's commit: 24,212 px, 29.8 screens, 5,617 words.
    open_page(page, app_url + link)
    measured: dict[str, Any] = page.get_by_test_id("stMain").evaluate(MEASURE_JS)
    screens = measured["height"] / viewport["height"]
    print(f"{viewport['width']} px wide: {measured['height']} px, {screens:.1f} screens, {measured['words']} words")
    assert measured["details"] >= 5 and measured["open"] == 0, measured  # every disclosure closed
    assert screens <= MAX_SCREENS[viewport["width"]], f"{measured['height']} px is {screens:.1f} screens"
    no_exceptions(page)


def visible_text(page: Page) -> str:
    return re.sub(r"\s+", " ", page.get_by_test_id("stMain").inner_text()).lower()


@pytest.mark.browser_context_args(viewport=PHONE)
def test_not_medical_advice_is_said_twice_and_talk_to_a_doctor_once(page: Page, app_url: str) -> None:
    # The review counted "not medical advice" 4 times and "talk to a doctor" 3 times.
    open_page(page, app_url)
    text = visible_text(page)
    assert text.count("not medical advice") == 2, "once near the top, once at the planner"
    assert text.count("talk to a doctor") == 1
    # The first is the small note near the top, before the article's first section.
    first = load_content().article.sections[0].title.lower()
    assert text.index("not medical advice") < text.index(first)
    # Opening every disclosure adds none.
    for summary in ("What the studies found, claim by claim", "Words used on this page", "Check my weigh-ins"):
        page.locator("summary", has_text=summary).click()
        expect(page.locator("details", has=page.locator("summary", has_text=summary))).to_have_attribute("open", "")
    page.locator("summary", has_text=re.compile(r"^Show all \d+ references$")).click()
    expect(page.locator(f"li[id^={REFERENCE_ID}]").first).to_be_visible()
    expect(page.get_by_text("Your weigh-ins are health data")).to_be_visible()  # the weigh-ins' body is drawn
    text = visible_text(page)
    assert text.count("not medical advice") <= 2 and text.count("talk to a doctor") <= 2
    no_exceptions(page)


CITATIONS_JS = """main => [...main.querySelectorAll('a')].filter(a => /^\\[\\d+\\]$/.test(a.textContent.trim()))
  .filter(a => a.checkVisibility()).map(a => {
    // The section a citation sits in: the nearest h2 before it.
    const h2 = document.evaluate('preceding::h2[1]', a, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null)
      .singleNodeValue;
    return {number: a.textContent.trim().slice(1, -1), href: a.getAttribute('href'), section: h2 && h2.id};
  })"""


@pytest.mark.browser_context_args(viewport=PHONE)
def test_each_citation_links_to_its_reference_and_the_reference_links_back(page: Page, app_url: str) -> None:
    open_page(page, app_url)
    evidence = load_content().evidence
    main = page.get_by_test_id("stMain")
    citations: list[dict[str, str]] = main.evaluate(CITATIONS_JS)
    assert len(citations) == sum(len(claim.sources) for claim in evidence.claims)
    entries = page.locator(f"li[id^={REFERENCE_ID}]")
    expect(entries).to_have_count(len(evidence.references()))  # one entry per source, not per claim
    # Each study is linked once on the whole page (it was 2 to 5 times, as "Read the study: ...").
    for source in evidence.references():
        expect(page.locator(f'a[href="{source.url}"]')).to_have_count(1)

    details = page.locator("details", has=entries.first)
    expect(details).not_to_have_attribute("open", "")
    seen: set[str] = set()
    for citation in citations:
        number, target, section = citation["number"], citation["href"], citation["section"]
        assert target == f"#{REFERENCE_ID}{number}", citation
        entry = page.locator(target)
        # The entry is the number-th in the list, so the browser shows it with that number.
        assert entry.evaluate("li => [...li.parentElement.children].indexOf(li) + 1") == int(number)
        # ...and links back to the section the citation is in.
        back = entry.locator(f'a[href="#{section}"]')
        expect(back).to_have_count(1)
        if number in seen:
            continue
        seen.add(number)
        # Follow the first citation of each number, then its way back.
        link = main.locator(f'a[href="{target}"]').filter(has_text=f"[{number}]").first
        link.click()
        expect(details).to_have_attribute("open", "")  # a citation opens the closed list
        expect(entry).to_be_in_viewport()
        expect(page).to_have_url(re.compile(re.escape(target) + "$"))
        expect(back).to_have_attribute("aria-label", re.compile(r"^Back to "))
        back.click()
        expect(page.locator(f"h2[id='{section}']")).to_be_in_viewport()
    assert len(seen) == len(evidence.references())
    no_exceptions(page)


FOCUSED_JS = """() => { const e = document.activeElement;
  if (!e || e === document.body) return null;
  const name = (e.getAttribute('aria-label') || e.textContent || '').replace(/\\s+/g, ' ').trim();
  return {name: name.slice(0, 80), tag: e.tagName, html: e.outerHTML.slice(0, 120),
          planner: !!e.closest('.st-key-planner'), control: ['INPUT', 'BUTTON', 'SELECT'].includes(e.tagName),
          tool: !!e.closest('.st-key-planner, .st-key-weighins')}; }"""


def tab_through(page: Page, limit: int = 250) -> list[dict[str, Any]]:
    """Every Tab stop of the page, from the top, until focus leaves the page or comes round again."""
    stops: list[dict[str, Any]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_JS)
        if focused is None or (stops and focused["html"] == stops[0]["html"]):
            return stops
        stops.append(focused)
    raise AssertionError(f"still tabbing after {limit} stops")


@pytest.mark.browser_context_args(viewport=DESKTOP)
def test_fewer_tab_stops_no_duplicate_study_links_and_no_heading_icons_in_the_article(page: Page, app_url: str) -> None:
    # The review counted 112 Tab stops at 1280 x 900: 40 "Read the study" links, 7 "Back to the
    # section" links and 23 "Link to heading" anchors, all with that one name (121 on the commit
    # before this change).
    open_page(page, app_url)
    stops = tab_through(page)
    names = [stop["name"] for stop in stops]
    first_control = next(i for i, stop in enumerate(stops) if stop["planner"] and stop["control"])
    print(f"{len(stops)} Tab stops; {first_control} before the first planner control")
    assert len(stops) <= 75, names
    assert not [n for n in names if n.startswith(("Read the study", "Back to the section"))]
    # The article's headings have no "Link to heading" icon; only the tools' own headings may
    # (drawn by the planner's and the weigh-ins' views).
    icons = [stop for stop in stops if stop["name"] == "Link to heading"]
    assert all(stop["tool"] for stop in icons), icons
    # Before the planner: the skip link, the scrolling page, the contents, and the citations of
    # the sections above it (13 numbers), and the two helplines of "Who this planner is not for".
    citations = sum(1 for n in names[:first_control] if CITATION.match(n))
    assert first_control - citations <= 11, names[:first_control]
    no_exceptions(page)


def tab_until(page: Page, found: str, limit: int) -> int:
    """Press Tab until the focused element makes the JavaScript test `found` true; the presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const e = document.activeElement; return !!e && ({found}); }}"):
            return presses
    raise AssertionError(f"not reached in {limit} Tab presses: {found}")


@pytest.mark.browser_context_args(viewport=DESKTOP)
def test_the_contents_takes_a_keyboard_user_to_the_planner_in_a_few_presses(page: Page, app_url: str) -> None:
    open_page(page, app_url)
    presses = tab_until(page, "e.textContent === 'Plan your pace'", limit=9)
    page.keyboard.press("Enter")
    expect(page.locator("h3[id='pace-planner']")).to_be_in_viewport()
    more = tab_until(page, "!!e.closest('.st-key-planner') && ['INPUT', 'BUTTON'].includes(e.tagName)", limit=3)
    print(f"first planner control after {presses} Tab presses, Enter and {more} more")
    assert presses + 1 + more <= 8


@pytest.mark.browser_context_args(viewport=PHONE)
def test_a_reader_from_a_social_link_sees_their_plan_on_the_first_phone_screen(page: Page, app_url: str) -> None:
    # The review: the first screen was the title, a note on sources and a disclaimer; the planner
    # started at 4,253 px (screen 5.2).
    open_page(page, app_url + SOCIAL_LINK)
    page.evaluate("() => window.scrollTo(0, 0)")
    card = page.locator(".rf-card").filter(has_text="Your plan:")
    expect(card).to_contain_text("172 lb → 160 lb at 1.5 lb a week")
    expect(card).to_contain_text("Inside the article's range")
    box = card.bounding_box()
    assert box is not None
    print(f"the plan card ends at {box['y'] + box['height']:.0f} px of the first {PHONE['height']} px screen")
    assert box["y"] + box["height"] <= PHONE["height"], box
    # Its link goes straight to the planner.
    card.get_by_role("link", name=re.compile("Change your plan")).click()
    expect(page).to_have_url(re.compile(r"#pace-planner$"))
    expect(page.get_by_role("slider", name="Weekly pace (lb a week)")).to_be_in_viewport()
    no_exceptions(page)
