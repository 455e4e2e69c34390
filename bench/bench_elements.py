"""What each kind of page element adds to a slider move, measured against the floor app.

Why this exists: after the planner was made a fragment, the remaining gap between our page and
the floor (bench_latency.py) grew with the number of elements on the page, not with the work the
slider does. This script shows it directly. It builds variants of the floor app in a temporary
folder: the floor with its number input, slider and chart in an ``st.fragment``, then the same plus 20 elements
of one kind above the fragment (Markdown, containers, closed expanders, heading elements,
checkboxes, buttons). It times slider key press -> chart marks changed for every variant,
interleaved press by press, and prints each median as a ratio to the plain fragment variant.

    .venv/bin/python bench/bench_elements.py               # 30 presses per variant
    .venv/bin/python bench/bench_elements.py --presses 60

It reuses the servers, browser, in-page timing and report of the other browser benchmarks
(``servers.py``, ``browser.py``, ``report.py``), reports only, and asserts nothing. Run it on a
quiet machine: eight servers and pages share the CPUs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: import bench.*

from playwright.sync_api import sync_playwright

from bench.browser import BENCH_JS, VIEWPORT, launch, open_app, press_and_time
from bench.report import Row, finish, fmt_ratio, log, machine_info
from bench.servers import FLOOR, ROOT, App, Server

# Python lines put above the fragment, one variant each: 20 elements of one kind.
EXTRAS = {
    "fragment only": "",
    "+20 Markdown": "for i in range(20):\n    st.markdown(f'Paragraph {i} with a few words in it.')\n",
    "+20 containers": "for i in range(20):\n    with st.container():\n        st.markdown(f'Paragraph {i}.')\n",
    "+20 expanders (closed)": "for i in range(20):\n    st.expander(f'Expander {i}')\n",
    "+20 st.header": "for i in range(20):\n    st.header(f'Heading {i}')\n",
    "+20 Markdown headings": "for i in range(20):\n    st.markdown(f'## Heading {i}')\n",
    "+20 checkboxes": "for i in range(20):\n    st.checkbox(f'Tick {i}', key=f'tick{i}')\n",
    "+20 buttons": "for i in range(20):\n    st.button(f'Button {i}', key=f'button{i}')\n",
}


def variant_source(extra: str) -> str:
    """The floor app with its inputs and chart in a fragment, and `extra` above them."""
    floor = (ROOT / FLOOR.script).read_text(encoding="utf-8")
    head, marker, body = floor.partition("weight = st.number_input")
    indented = "\n".join("    " + line if line else line for line in (marker + body).splitlines())
    return f"{head}{extra}\n@st.fragment\ndef live():\n{indented}\n\n\nlive()\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--presses", type=int, default=30, help="measured presses per variant (default 30)")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-elements-"))
    apps = []
    for index, (name, extra) in enumerate(EXTRAS.items()):
        script = folder / f"variant_{index}.py"
        script.write_text(variant_source(extra), encoding="utf-8")
        apps.append((name, App(f"variant{index}", str(script), FLOOR.slider)))
    log(f"{len(apps)} variants in {folder}; {args.presses} presses each (+4 warm-up), interleaved")
    samples: dict[str, list[float]] = {name: [] for name, _ in apps}
    res: dict[str, Any] = {"config": {"presses": args.presses, "variants": list(EXTRAS)}, "machine": machine_info()}
    with sync_playwright() as pw, ExitStack() as stack:
        servers = [stack.enter_context(Server(app, folder)) for _, app in apps]
        for server in servers:
            server.wait_healthy()
        browser = launch(pw)
        stack.callback(browser.close)
        chromium = browser.version
        pages = []
        for (_, app), server in zip(apps, servers, strict=True):
            context = browser.new_context(viewport=VIEWPORT)
            context.add_init_script(BENCH_JS)
            page = context.new_page()
            open_app(page, server.url, app)
            pages.append(page)
        for i in range(args.presses + 4):
            key = "ArrowRight" if i % 2 == 0 else "ArrowLeft"
            order = range(len(apps)) if i % 2 == 0 else reversed(range(len(apps)))
            for j in order:
                result = press_and_time(pages[j], apps[j][1], key, 10_000)
                if i >= 4 and result["ms"] is not None:
                    samples[apps[j][0]].append(result["ms"])
    base = statistics.median(samples["fragment only"])
    rows = []
    for name, values in samples.items():
        value = statistics.median(values)
        rows.append(
            Row(
                f"key->chart median: {name} (n={len(values)})",
                f"{value:.1f} ms",
                f"{base:.1f} ms",
                fmt_ratio(value / base),
                note="" if name == "fragment only" else f"{(value - base) / 20:+.2f} ms per element",
            )
        )
    res["machine"]["chromium"] = f"Chromium {chromium}"
    res["samples_ms"] = samples
    finish("bench_elements", "what each kind of element adds to a slider move (floor column: fragment only)", rows, res)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
