"""Benchmark of the in-browser checkers in headless Chromium on localhost (not a test).

Prints, for the built site served from 127.0.0.1 under /help/:
- navigation -> checker ready, cold (new profile) and warm (the same profile again),
  with the bytes transferred (cache hits count 0);
- time per HELO check (form submit -> result on screen), median of many;
- time to check a 50-row and a 10,000-row CSV file (file picked -> table on screen);
- profile page ready, and time to make a personal profile (submit -> download link on screen);
- bytes of the checker runtime fetched by a guide without a checker (goal: 0).

    .venv/bin/python bench/widget.py [--site DIR] [--cache none|revalidate|max-age] [--runs N]

Without --site the project is built into bench/out/site first. ``--cache`` picks
the Cache-Control policy of the test server (see the widget readme for servers).
"""

from __future__ import annotations

import argparse
import functools
import random
import statistics
import string
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
PREFIX = "/help/"
HELO_PAGE, CSV_PAGE, PLAIN_PAGE = "errors/bogus-helo/", "addresses/batch-creation/", "clients/android/"
PROFILE_PAGE = "clients/iphone-ipad/"
CACHE_POLICIES = {
    "none": None,  # what `python -m http.server` sends: Last-Modified only
    "revalidate": "no-cache",  # always ask, get 304 when unchanged
    "max-age": "public, max-age=86400",
}


def _handler(directory: Path, cache_control: str | None) -> type[SimpleHTTPRequestHandler]:
    class Handler(SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            inside = path.startswith(PREFIX)
            return super().translate_path("/" + path[len(PREFIX):]) if inside else str(directory / "__none__")

        def end_headers(self) -> None:
            if cache_control:
                self.send_header("Cache-Control", cache_control)
            super().end_headers()

        def log_message(self, *args: object) -> None:
            pass

    return functools.partial(Handler, directory=str(directory))


def serve(directory: Path, cache_control: str | None) -> str:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(directory, cache_control))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"


def build_site() -> Path:
    site = ROOT / "bench" / "out" / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)], cwd=ROOT, check=True,
                   capture_output=True)
    return site


class Transfer:
    """Bytes that really crossed the network for one page (cache hits are 0)."""

    def __init__(self, page: Page) -> None:
        self.by_url: dict[str, int] = {}
        page.on("requestfinished", self._finished)

    def _finished(self, request) -> None:
        response = request.response()
        if response is None or response.from_service_worker:
            return
        sizes = request.sizes()
        self.by_url[request.url] = sizes["responseBodySize"] + sizes["responseHeadersSize"]

    def total(self, part: str = "") -> int:
        return sum(size for url, size in self.by_url.items() if part in url)


def time_to_ready(context: BrowserContext, url: str) -> tuple[float, int]:
    page = context.new_page()
    transfer = Transfer(page)
    page.goto(url)
    page.wait_for_selector(".mailcheck[data-state=ready]", timeout=120_000)
    ready = page.evaluate("performance.getEntriesByName('mailcheck:ready')[0].startTime")
    page.wait_for_load_state("networkidle")
    page.close()
    return ready / 1000, transfer.total()


HELO_CHECK_JS = """async (value) => {
  const widget = document.querySelector('.mailcheck--helo');
  const result = widget.querySelector('.mailcheck__result');
  widget.querySelector('textarea').value = value;
  const done = new Promise((resolve) => new MutationObserver((_, observer) => {
    observer.disconnect(); resolve();
  }).observe(result, {childList: true}));
  const started = performance.now();
  widget.querySelector('form').requestSubmit();
  await done;
  return performance.now() - started;
}"""

CSV_ARM_JS = """() => {
  const widget = document.querySelector('.mailcheck--csv');
  const result = widget.querySelector('.mailcheck__result');
  window.__csvTiming = new Promise((resolve) => {
    widget.querySelector('input[type=file]').addEventListener('change', () => {
      const started = performance.now();
      new MutationObserver((_, observer) => { observer.disconnect(); resolve(performance.now() - started); })
        .observe(result, {childList: true});
    }, {once: true});
  });
}"""


PROFILE_JS = """async (address) => {
  const widget = document.querySelector('.mailcheck--profile');
  const result = widget.querySelector('.mailcheck__result');
  widget.querySelector('input[name=address]').value = address;
  const done = new Promise((resolve) => new MutationObserver((_, observer) => {
    observer.disconnect(); resolve();
  }).observe(result, {childList: true}));
  const started = performance.now();
  widget.querySelector('form').requestSubmit();
  await done;
  return performance.now() - started;
}"""


def helo_checks(page: Page, runs: int) -> list[float]:
    values = ["localhost", "mail.example.com", "[127.0.0.1]", "EHLO mx_1.example.org", "www"]
    return [page.evaluate(HELO_CHECK_JS, values[i % len(values)]) for i in range(runs)]


LOOK_ALIKE = "4@8({[<369!|1l70$5+%2{}<>"  # zxcvbn's slowest kind of password (l33t signs)


def csv_file(rows: int, seed: int, alphabet: str = string.ascii_letters + string.digits, length: int = 16) -> bytes:
    """A valid batch file: template header, distinct local parts, long random passwords."""
    from mailcheck.csvcheck import template

    rng = random.Random(seed)
    header = template("en").splitlines()[0]
    lines = [header] + [
        f"user.{i:05d},{''.join(rng.choice(alphabet) for _ in range(length))},," for i in range(rows)
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


def csv_check(page: Page, data: bytes) -> float:
    page.evaluate(CSV_ARM_JS)
    page.set_input_files("#mailcheck-csv-file", files=[{"name": "b.csv", "mimeType": "text/csv", "buffer": data}])
    return page.evaluate("window.__csvTiming")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site (default: build the project)")
    parser.add_argument("--cache", choices=CACHE_POLICIES, default="max-age")
    parser.add_argument("--runs", type=int, default=3, help="cold/warm repetitions")
    args = parser.parse_args()
    site = args.site or build_site()
    base = serve(site, CACHE_POLICIES[args.cache])
    print(f"site {site}  cache policy {args.cache!r}")

    with sync_playwright() as playwright:
        cold, warm, cold_bytes, warm_bytes = [], [], [], []
        def visit(profile: str) -> tuple[float, int]:
            """A new browser process on ``profile``: navigation to ready, bytes transferred."""
            context = playwright.chromium.launch_persistent_context(
                profile, executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            try:
                return time_to_ready(context, base + HELO_PAGE)
            finally:
                context.close()

        for _ in range(args.runs):
            with tempfile.TemporaryDirectory() as profile:
                for times, sizes in ((cold, cold_bytes), (warm, warm_bytes)):
                    # The second visit is warm: same profile, disk and code caches kept.
                    seconds, size = visit(profile)
                    times.append(seconds)
                    sizes.append(size)
        print(f"HELO page ready, cold: median {statistics.median(cold):.2f} s  runs {[round(s, 2) for s in cold]}"
              f"  transferred {max(cold_bytes) / 1e6:.1f} MB")
        print(f"HELO page ready, warm: median {statistics.median(warm):.2f} s  runs {[round(s, 2) for s in warm]}"
              f"  transferred {max(warm_bytes) / 1e6:.2f} MB")

        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(base + HELO_PAGE)
        page.wait_for_selector(".mailcheck[data-state=ready]", timeout=120_000)
        checks = helo_checks(page, 50)
        print(f"HELO check (submit -> result shown): median {statistics.median(checks):.1f} ms,"
              f" max {max(checks):.1f} ms over {len(checks)}")

        page.goto(base + CSV_PAGE)
        seconds = page.wait_for_selector(".mailcheck[data-state=ready]", timeout=120_000) and page.evaluate(
            "performance.getEntriesByName('mailcheck:ready')[0].startTime / 1000")
        print(f"CSV page ready (HTTP cache warm, new page): {seconds:.2f} s")
        for rows, kind, alphabet, length in ((50, "strong", string.ascii_letters + string.digits, 16),
                                             (10_000, "strong", string.ascii_letters + string.digits, 16),
                                             (200, "look-alike", LOOK_ALIKE, 32)):
            # New passwords every run: the checker caches password scores.
            files = [csv_file(rows, seed, alphabet, length) for seed in range(3)]
            times = [csv_check(page, data) for data in files]
            print(f"CSV {rows} {kind} rows ({len(files[0]) / 1e3:.0f} kB): median {statistics.median(times):.0f} ms"
                  f"  runs {[round(t) for t in times]}")

        page.goto(base + PROFILE_PAGE)
        seconds = page.wait_for_selector(".mailcheck[data-state=ready]", timeout=120_000) and page.evaluate(
            "performance.getEntriesByName('mailcheck:ready')[0].startTime / 1000")
        print(f"profile page ready (HTTP cache warm, new page): {seconds:.2f} s")
        made = [page.evaluate(PROFILE_JS, f"user.{i}@example.org") for i in range(50)]
        print(f"profile made (submit -> download link shown): median {statistics.median(made):.1f} ms,"
              f" max {max(made):.1f} ms over {len(made)}")

        plain = browser.new_page()
        transfer = Transfer(plain)
        plain.goto(base + PLAIN_PAGE)
        plain.wait_for_load_state("networkidle")
        plain.wait_for_timeout(1500)
        print(f"guide without a checker: {transfer.total('/_widgets/')} bytes of the checker runtime,"
              f" {transfer.total() / 1e3:.0f} kB in all")
        browser.close()


if __name__ == "__main__":
    main()
