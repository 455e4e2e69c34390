"""The app as a big audience gets it: 2 replicas behind nginx (deploy/serve.py), in Chromium.

Streamlit's web files (the page and its scripts, styles and fonts) come from nginx, gzipped,
and none of them from a replica, while everything dynamic still reaches the reader's replica:
pace moves, uploads and downloads (which live in that replica's memory). A publisher's page
must be able to embed the planner with its plan in the link, while a site the publisher did
not name cannot.
"""

from __future__ import annotations

import csv
import io
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser_helpers import READY, no_exceptions, open_app, pace, result
from cluster_helpers import EMBED_HOST_PORT, Deployment, route_to
from icalendar import Calendar
from playwright.sync_api import Browser, Request, expect
from test_weighins_journey import ROWS, csv_bytes, section, upload

from deploy.serve import free_port, streamlit_static_dir

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
        # "-": nginx answered itself (Streamlit's web files).
        assert {line.rsplit(" upstream=", 1)[1].split()[0] for line in mine} - {"-"} == {f"127.0.0.1:{replica.port}"}
    finally:
        context.close()


def log_lines(deployment: Deployment, route: str) -> list[tuple[str, str, int]]:
    """(path, upstream, bytes sent) of each request nginx logged for the reader with ``route``;
    upstream is "-" when nginx answered itself."""
    lines = []
    for line in deployment.cluster.access_log.read_text(encoding="utf-8").splitlines():
        match = re.search(r'"\w+ (\S+)" \d+ route=(\S+) upstream=(\S+(?:, \S+)*) rt=\S+ sent=(\d+)', line)
        if match and match.group(2) == route:
            lines.append((match.group(1), match.group(3), int(match.group(4))))
    return lines


def test_streamlits_files_come_from_nginx_gzipped_and_the_app_still_works(
    browser: Browser, nginx_cluster: Deployment
) -> None:
    wheel = streamlit_static_dir()

    def wheel_file(path: str) -> Path | None:
        """The file of Streamlit's wheel that a path of the app names, if it names one."""
        found = wheel / ("index.html" if path == "/" else path.lstrip("/"))
        return found if path != "/static/" and found.is_file() else None

    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)  # empty cache
    finished: list[Request] = []
    try:
        page = context.new_page()
        page.on("requestfinished", lambda request: finished.append(request))
        open_app(page, nginx_cluster.url + "?units=kg&weight=90&goal=84&pace=0.5")
        files = [r for r in finished if r.url.startswith(nginx_cluster.url) and wheel_file(urlsplit(r.url).path)]
        assert len(files) > 20, "the page loaded Streamlit's scripts, styles and fonts"
        raw_bytes = sum(wheel_file(urlsplit(r.url).path).stat().st_size for r in files)  # type: ignore[union-attr]
        wire_bytes = 0
        for request in files:
            response = request.response()
            assert response is not None and response.status == 200, request.url
            headers = response.headers
            path = urlsplit(request.url).path
            if path.startswith("/static/"):
                assert headers["cache-control"] == "public, max-age=31536000, immutable", path
                assert "set-cookie" not in headers, f"{path}: a cached cookie would send every reader to one replica"
            if path == "/":
                assert headers["cache-control"] == "no-cache"
            if path.endswith((".js", ".css", "/")):
                # Every script and style sheet has its gzipped copy (but a few tiny ones gzip
                # does not shrink), and nginx sends that copy.
                name = "index.html" if path == "/" else path.lstrip("/")
                packed = nginx_cluster.cluster.run_dir / "static" / (name + ".gz")
                assert packed.exists() or wheel_file(path).stat().st_size < 1024, path  # type: ignore[union-attr]
                assert (headers.get("content-encoding") == "gzip") == packed.exists(), path
            assert (
                headers["x-content-type-options"] == "nosniff"
                and "frame-ancestors" in headers["content-security-policy"]
            ), path
            sizes = request.sizes()
            wire_bytes += sizes["responseHeadersSize"] + sizes["responseBodySize"]
        print(
            f"\nStreamlit's files, cold cache: {len(files)} requests, {wire_bytes / 1e6:.2f} MB on the wire "
            f"(headers and gzipped bodies; {raw_bytes / 1e6:.2f} MB as files)"
        )
        assert wire_bytes < 0.7 * raw_bytes

        # The app still works through nginx: a pace move reaches Python (the result box and the
        # link are Python's), an upload and a download reach the reader's replica.
        control = pace(page, "kg")
        control.focus()
        page.keyboard.press("ArrowRight")
        expect(result(page)).to_contain_text("At 0.55 kg a week you would reach 84 kg")
        expect(page).to_have_url(re.compile(r"[?&]pace=0\.55\b"))
        box = section(page)
        box.get_by_text("Check my weigh-ins").click()
        upload(page, box, "weigh-ins.csv", csv_bytes(ROWS))
        expect(box.get_by_text("Read 28 weigh-ins from your file")).to_be_visible()
        page.locator(READY).wait_for(state="attached")
        page.get_by_text("Save or share this plan").click()
        with page.expect_download() as info:
            page.get_by_role("button", name=re.compile("Plan as a spreadsheet")).click()
        rows = list(csv.reader(io.StringIO(info.value.path().read_text(encoding="utf-8"))))
        assert rows[0] == ["date", "week", "weight_kg"] and float(rows[-1][2]) == 84.0
        no_exceptions(page)

        route = nginx_cluster.route_of(context)
        replica = f"127.0.0.1:{nginx_cluster.replica_serving(context).port}"
        logged = log_lines(nginx_cluster, route)
        local = [path for path, upstream, _ in logged if upstream == "-"]
        to_replicas = [(path, upstream) for path, upstream, _ in logged if upstream != "-"]
        # Count from nginx's own log: every one of Streamlit's files was answered by nginx
        # (the page is logged as /index.html) and none reached a replica.
        loaded = [r for r in finished if r.url.startswith(nginx_cluster.url) and wheel_file(urlsplit(r.url).path)]
        assert len(local) == len(loaded) > len(files), "the uploader and download button load chunks of their own"
        assert [(path, up) for path, up in to_replicas if wheel_file(path) or path == "/index.html"] == []
        assert {up for _, up in to_replicas} == {replica}, "the reader's websocket, upload and download: one replica"
        for prefix in ("/_stcore/upload_file/", "/media/"):
            assert any(path.startswith(prefix) for path, _ in to_replicas), f"no {prefix} request reached the replica"
    finally:
        context.close()
    # nginx logs the websocket when it closes.
    deadline = time.monotonic() + 10
    while not any(p == "/_stcore/stream" and up == replica for p, up, _ in log_lines(nginx_cluster, route)):
        assert time.monotonic() < deadline, "the websocket did not go to the reader's replica"
        threading.Event().wait(0.05)  # a poll of nginx's log file


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
            expect(result(frame)).to_contain_text("At 0.5 kg a week")
            expect(frame.get_by_test_id("stException")).to_have_count(0)
            # Embedded: Streamlit draws no header or toolbar inside the publisher's page.
            expect(frame.get_by_test_id("stToolbar")).to_have_count(0)
            (app_frame,) = [f for f in page.frames if f.url.startswith(nginx_cluster.url)]
            assert "embed=true" in app_frame.url
            # The reader can use it in place: a move updates the plan inside the frame.
            frame.get_by_role("slider", name="Weekly pace (kg a week)").focus()
            page.keyboard.press("ArrowRight")
            expect(result(frame)).to_contain_text("At 0.55 kg a week")
            # ...which goes into the frame's own link (keeping view=planner and embed=true).
            app_frame.wait_for_url(re.compile(r"[?&]pace=0\.55\b"))
            assert "embed=true" in app_frame.url and "view=planner" in app_frame.url
            # The planner alone, sized to fit by the README's script: nothing scrolls inside it.
            expect(frame.get_by_text("Your skin-care checklist")).to_have_count(0)
            iframe = page.locator("iframe")
            expect(iframe).not_to_have_css("height", "760px")  # the script sized it
            tall = app_frame.evaluate(
                """() => [...document.querySelectorAll('*')].filter(e => {
                    const s = getComputedStyle(e);
                    return /(auto|scroll)/.test(s.overflowY) && e.scrollHeight > e.clientHeight + 2;
                }).map(e => e.dataset.testid || e.tagName)"""
            )
            print(f"embedded planner: the iframe is {iframe.evaluate('f => f.offsetHeight')} px tall")
            assert not tall, f"scrolls inside the iframe: {tall}"
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
