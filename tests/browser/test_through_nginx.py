"""The app as a big audience gets it: 2 replicas behind nginx (deploy/serve.py), in Chromium.

Downloads must come from the replica that holds the reader's session (they live in its
memory), and a publisher's page must be able to embed the planner with its plan in the link,
while a site the publisher did not name cannot.
"""

from __future__ import annotations

import csv
import io
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from browser_helpers import READY, no_exceptions, open_app
from cluster_helpers import EMBED_HOST_PORT, Deployment, route_to
from icalendar import Calendar
from playwright.sync_api import Browser, Request, expect

from deploy.serve import free_port

ROOT = Path(__file__).resolve().parents[2]
LINK = "?units=kg&weight=90&goal=84&pace=0.5&sex=female&age=40&height=170&tips=sunscreen,shade"
README_APP_URL = "https://runners-face.example.com/"


@pytest.mark.parametrize("replica_index", [0, 1])
def test_downloads_work_through_nginx_on_either_replica(
    browser: Browser, nginx_cluster: Deployment, replica_index: int
) -> None:
    replica = nginx_cluster.replicas[replica_index]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    # A reader whose sticky cookie sends them to this replica.
    context.add_cookies([{"name": "stroute", "value": route_to(nginx_cluster, replica), "url": nginx_cluster.url}])
    try:
        page = context.new_page()
        open_app(page, nginx_cluster.url + LINK)
        assert nginx_cluster.replica_serving(context).index == replica_index
        page.get_by_text("Save or share this plan").click()

        with page.expect_download() as info:
            page.get_by_role("button", name=re.compile("Plan as a spreadsheet")).click()
        rows = list(csv.reader(io.StringIO(info.value.path().read_text(encoding="utf-8"))))
        assert rows[0] == ["date", "week", "weight_kg"]
        assert float(rows[1][2]) == 90.0 and float(rows[-1][2]) == 84.0

        with page.expect_download() as info:
            page.get_by_role("button", name=re.compile("Reminders for your calendar")).click()
        assert len(Calendar.from_ical(info.value.path().read_bytes()).walk("VEVENT")) == 2

        with page.expect_download() as info:
            page.get_by_role("button", name=re.compile("Printable checklist")).click()
        markdown = info.value.path().read_text(encoding="utf-8")
        assert "2 of 6" in markdown and markdown.count("- [x]") == 2
        no_exceptions(page)
        # Every request of this reader (page, websocket, downloads) went to that one replica.
        route = nginx_cluster.route_of(context)
        log = nginx_cluster.cluster.access_log.read_text(encoding="utf-8")
        mine = [line for line in log.splitlines() if f" route={route} " in line]
        assert any('"GET /media/' in line for line in mine), "the downloads went through nginx"
        assert {line.rsplit(" upstream=", 1)[1].split()[0] for line in mine} == {f"127.0.0.1:{replica.port}"}
    finally:
        context.close()


def readme_iframe_snippet() -> str:
    """The copy-paste iframe from the README's "Embed it in your page" section."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Embed it in your page", 1)[1]
    return re.search(r"```html\n(.*?)```", section, re.S).group(1)  # type: ignore[union-attr]


@contextmanager
def publisher_page(port: int, html: str) -> Iterator[str]:
    """A publisher's page with ``html`` at http://127.0.0.1:port/ (in a thread)."""
    body = html.encode("utf-8")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # keep the test output clean
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()


def host_html(snippet: str, app_url: str) -> str:
    return (
        "<!doctype html><html lang='en'><head><title>A running magazine</title></head><body>"
        "<h1>Why runners' faces sag</h1>" + snippet.replace(README_APP_URL, app_url) + "</body></html>"
    )


def test_the_readme_iframe_shows_the_plan_from_its_link_on_the_publishers_page(
    browser: Browser, nginx_cluster: Deployment
) -> None:
    snippet = readme_iframe_snippet()
    assert README_APP_URL in snippet and "embed=true" in snippet
    with publisher_page(EMBED_HOST_PORT, host_html(snippet, nginx_cluster.url)) as host:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            page.goto(host)
            frame = page.frame_locator("iframe")
            frame.locator(READY).wait_for(state="attached", timeout=60_000)
            expect(frame.get_by_role("spinbutton", name="Current weight (kg)")).to_have_value("90.0")
            expect(frame.get_by_role("spinbutton", name="Goal weight (kg)")).to_have_value("84.0")
            expect(frame.get_by_role("slider", name="Weekly pace (kg a week)")).to_have_attribute(
                "aria-valuetext", re.compile(r"^0\.5 kg a week")
            )
            expect(frame.get_by_text("At 0.5 kg a week")).to_be_visible()
            expect(frame.get_by_test_id("stException")).to_have_count(0)
            # Embedded: Streamlit draws no header or toolbar inside the publisher's page.
            expect(frame.get_by_test_id("stToolbar")).to_have_count(0)
            (app_frame,) = [f for f in page.frames if f.url.startswith(nginx_cluster.url)]
            assert "embed=true" in app_frame.url
            # The reader can use it in place: a move updates the plan inside the frame.
            frame.get_by_role("slider", name="Weekly pace (kg a week)").focus()
            page.keyboard.press("ArrowRight")
            expect(frame.get_by_text("At 0.55 kg a week")).to_be_visible()
            # ...and a tick goes into the frame's own link, which keeps embed=true.
            frame.get_by_test_id("stCheckbox").filter(has_text="broad-spectrum sunscreen").click()
            app_frame.wait_for_url(re.compile(r"[?&]tips=sunscreen\b"))
            assert "embed=true" in app_frame.url and "weight=90" in app_frame.url
        finally:
            context.close()


def test_a_site_the_publisher_did_not_name_cannot_embed_the_page(browser: Browser, nginx_cluster: Deployment) -> None:
    snippet = readme_iframe_snippet()
    with publisher_page(free_port(), host_html(snippet, nginx_cluster.url)) as host:
        context = browser.new_context()
        try:
            page = context.new_page()

            def blocked(request: Request) -> bool:
                failure = request.failure or ""
                return request.url.startswith(nginx_cluster.url) and "ERR_BLOCKED_BY_RESPONSE" in failure

            # Chromium refuses the framed page because of its frame-ancestors header.
            with page.expect_event("requestfailed", blocked, timeout=30_000):
                page.goto(host)
            expect(page.frame_locator("iframe").locator("[data-testid=stApp]")).to_have_count(0)
            assert not [f for f in page.frames if f.url.startswith(nginx_cluster.url)]
        finally:
            context.close()
