"""Benchmark of the in-browser checkers in headless Chromium (not a test).

The built site is served by a private nginx with the project's hosting/nginx.conf
(precompressed twins, the README's cache headers, the build's CSP) under /help/,
next to a baseline page on the same server that does what Pyodide's documentation
does: ``loadPyodide()`` with npm's files as they come (standard library as source).
Prints:

- navigation -> HELO checker ready, cold (new profile) and warm (the same profile,
  new browser), next to navigation -> stock ``loadPyodide()`` done, same run, and the
  ratio (the figure that survives a noisy machine);
- bytes transferred (as sent, with the precompressed twins) and raw (file sizes);
- navigation -> CSV checker ready, warm, against the HELO checker's;
- the reader's view on an emulated connection (CDP, default 20 Mbit/s and 40 ms
  round trip), cold: land on the HELO guide, start typing 1 s later at 8 characters
  per second, click Check; the time from the click to the result on screen;
- time per HELO check, CSV files of 50 and 10,000 strong and 200 look-alike rows,
  profile maker ready (cold, no runtime: bytes fetched) and the time to make a personal
  profile, and the bytes of the checker runtime fetched by a guide without a checker (goal: 0);
- ``loadPyodide()`` in Node, stock against the site's bytecode standard library
  (bench/pyodide_start.mjs): no browser, no network, so the least noisy figure.

    .venv/bin/python bench/widget.py [--site DIR] [--runs N] [--mbit 20] [--rtt-ms 40]

Without --site the project is built into bench/out/site first. Needs Debian's
nginx (``scripts/setup --test`` installs it).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import shutil
import statistics
import string
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, Page, Playwright, sync_playwright

from sitebuild.testing import nginx_server  # the hosting test's private nginx
from sitebuild.testing.browser import CHROMIUM, CHROMIUM_ARGS, launch

ROOT = Path(__file__).resolve().parent.parent

PREFIX = "/help/"
HELO_PAGE, CSV_PAGE, PLAIN_PAGE = "errors/bogus-helo/", "addresses/batch-creation/", "clients/android/"
PROFILE_PAGE = "clients/iphone-ipad/"
STOCK = "_bench_stock/"  # the baseline page, added to a copy of the site
STOCK_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
STOCK_HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>stock loadPyodide()</title>
<script type="module" src="stock.js"></script></head><body><p id="state">loading</p></body></html>"""
STOCK_JS = """import { loadPyodide } from "./pyodide.mjs";
await loadPyodide();
performance.mark("stock:ready");
document.getElementById("state").textContent = "ready";
"""
READY_MS = 120_000


def build_site() -> Path:
    site = ROOT / "bench" / "out" / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)], cwd=ROOT, check=True,
                   capture_output=True)
    return site


def add_stock_page(site: Path) -> None:
    """npm's Pyodide files and a page that calls loadPyodide(), with gzip twins like the site's."""
    target = site / STOCK
    target.mkdir(exist_ok=True)
    for name in STOCK_FILES:
        shutil.copy2(ROOT / "node_modules" / "pyodide" / name, target / name)
        data = (target / name).read_bytes()
        packed = gzip.compress(data, compresslevel=9, mtime=0)
        if len(packed) < len(data) * 0.9:  # the same rule as the site's twins
            (target / (name + ".gz")).write_bytes(packed)
    (target / "index.html").write_text(STOCK_HTML)
    (target / "stock.js").write_text(STOCK_JS)


class Transfer:
    """Bytes that crossed the network for one page (cache hits are 0), and the same files' raw sizes."""

    def __init__(self, page: Page, site: Path) -> None:
        self.site = site
        self.sent: list[tuple[str, int]] = []  # one entry per request: a URL may be asked twice
        page.on("requestfinished", self._finished)

    def _finished(self, request) -> None:
        response = request.response()
        if response is None or response.from_service_worker:
            return
        sizes = request.sizes()
        self.sent.append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))

    def total(self, part: str = "") -> int:
        return sum(size for url, size in self.sent if part in url)

    def raw(self) -> int:
        """Size on disk of every file fetched over the network (what a server without twins sends)."""
        total = 0
        for url in {url for url, size in self.sent if size}:
            path = self.site / urlsplit(url).path.removeprefix(PREFIX)
            path = path / "index.html" if path.is_dir() else path
            total += path.stat().st_size if path.is_file() else 0
        return total


def time_to(context: BrowserContext, url: str, site: Path, mark: str, selector: str) -> tuple[float, int, int]:
    """Navigation -> ``mark``, in seconds; bytes sent and raw."""
    page = context.new_page()
    transfer = Transfer(page, site)
    page.goto(url)
    page.wait_for_selector(selector, timeout=READY_MS)
    seconds = page.evaluate(f"performance.getEntriesByName('{mark}')[0].startTime") / 1000
    page.wait_for_load_state("networkidle")
    page.close()
    return seconds, transfer.total(), transfer.raw()


def cold_and_warm(playwright: Playwright, site: Path, targets: dict[str, tuple[str, str, str]], runs: int) -> dict:
    """``runs`` rounds; in each, every target gets a new profile (cold), then the same profile in a new
    browser (warm). Targets take turns within a round, so a burst of load on this shared machine hits
    them alike, and a ratio is taken within each round."""
    figures = {name: {"cold": [], "warm": [], "cold_sent": [], "cold_raw": [], "warm_sent": []} for name in targets}
    for _ in range(runs):
        for name, (url, mark, selector) in targets.items():
            with tempfile.TemporaryDirectory() as profile:
                for kind in ("cold", "warm"):
                    context = playwright.chromium.launch_persistent_context(
                        profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                    try:
                        seconds, sent, raw = time_to(context, url, site, mark, selector)
                    finally:
                        context.close()
                    figures[name][kind].append(seconds)
                    figures[name][f"{kind}_sent"].append(sent)
                    if kind == "cold":
                        figures[name]["cold_raw"].append(raw)
    return figures


# One check through a widget's form: [widget, field, value] -> ms from submit to result.
SUBMIT_JS = """async ([name, field, value]) => {
  const widget = document.querySelector(`.mailcheck--${name}`);
  const result = widget.querySelector('.mailcheck__result');
  widget.querySelector(field).value = value;
  const done = new Promise((resolve) => new MutationObserver((_, observer) => {
    observer.disconnect(); resolve();
  }).observe(result, {childList: true}));
  const started = performance.now();
  widget.querySelector('form').requestSubmit();
  await done;
  return performance.now() - started;
}"""

CLICK_ARM_JS = """() => {
  const widget = document.querySelector('.mailcheck--helo');
  const result = widget.querySelector('.mailcheck__result');
  window.__clickTiming = new Promise((resolve) => {
    widget.querySelector('button[type=submit]').addEventListener('click', () => {
      const clicked = performance.now();
      new MutationObserver((_, observer) => {
        if (!result.querySelector('[data-verdict]')) return;
        observer.disconnect();
        resolve({ clicked, result: performance.now() - clicked });
      }).observe(result, {childList: true, subtree: true});
    }, {once: true});
  });
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



def reader_on_a_slow_connection(playwright: Playwright, url: str, mbit: float, rtt_ms: float) -> dict:
    """Cold visit through CDP network emulation: land, type 1 s later at 8 characters/s, click Check."""
    with tempfile.TemporaryDirectory() as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            throughput = mbit * 1e6 / 8
            cdp.send("Network.emulateNetworkConditions", {
                "offline": False, "latency": rtt_ms, "downloadThroughput": throughput, "uploadThroughput": throughput})
            page.goto(url, wait_until="domcontentloaded")
            page.wait_for_timeout(1000)
            page.click("#mailcheck-helo-text")
            page.keyboard.type("mail.example.com", delay=125)  # 8 characters per second
            page.evaluate(CLICK_ARM_JS)
            page.click(".mailcheck--helo button[type=submit]")
            timing = page.evaluate("window.__clickTiming")
            page.wait_for_selector(".mailcheck[data-state=ready]", timeout=READY_MS)
            ready = page.evaluate("performance.getEntriesByName('mailcheck:ready')[0].startTime")
            return {"click_at": timing["clicked"] / 1000, "click_to_result": timing["result"], "ready": ready / 1000}
        finally:
            context.close()


def helo_checks(page: Page, runs: int) -> list[float]:
    values = ["localhost", "mail.example.com", "[127.0.0.1]", "EHLO mx_1.example.org", "www"]
    return [page.evaluate(SUBMIT_JS, ["helo", "textarea", values[i % len(values)]]) for i in range(runs)]


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


def node_start(site: Path, rounds: int) -> None:
    """Print loadPyodide() in Node: npm's standard library against the site's bytecode one."""
    result = subprocess.run(["node", str(ROOT / "bench" / "pyodide_start.mjs"), str(site / "_widgets"), str(rounds)],
                            cwd=ROOT, check=True, capture_output=True, text=True)
    times = json.loads(result.stdout)
    stock, bytecode = (statistics.median(times[kind]) for kind in ("stock", "bytecode"))
    print(f"loadPyodide() in Node: stock median {stock:.0f} ms, bytecode stdlib median {bytecode:.0f} ms,"
          f" ratio {bytecode / stock:.2f}  (stock {[round(t) for t in times['stock']]},"
          f" bytecode {[round(t) for t in times['bytecode']]})")


def _line(label: str, values: list[float]) -> str:
    return f"{label}: median {statistics.median(values):.2f} s  runs {[round(v, 2) for v in values]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site (default: build the project)")
    parser.add_argument("--runs", type=int, default=3, help="cold/warm repetitions")
    parser.add_argument("--mbit", type=float, default=20.0, help="emulated download speed, Mbit/s")
    parser.add_argument("--rtt-ms", type=float, default=40.0, help="emulated round trip, ms")
    args = parser.parse_args()
    site = args.site or build_site()
    add_stock_page(site)
    node_start(site, args.runs)

    with nginx_server.serve(site, PREFIX) as (base, _), sync_playwright() as playwright:
        print(f"site {site} on nginx with hosting/nginx.conf, {base}")
        ready = ("mailcheck:ready", ".mailcheck[data-state=ready]")
        figures = cold_and_warm(playwright, site, {
            "helo": (base + HELO_PAGE, *ready),
            "stock": (base + STOCK, "stock:ready", "#state:text('ready')"),
            "csv": (base + CSV_PAGE, *ready),
        }, args.runs)
        ours, stock, csv = figures["helo"], figures["stock"], figures["csv"]
        for kind in ("cold", "warm"):
            print(_line(f"HELO checker ready, {kind}", ours[kind]))
            print(_line(f"stock loadPyodide(), {kind}", stock[kind]))
            ratios = [a / b for a, b in zip(ours[kind], stock[kind], strict=True)]
            print(f"  ratio {kind} (median of the rounds' ratios): {statistics.median(ratios):.2f}"
                  f"  rounds {[round(r, 2) for r in ratios]}")
        print(f"bytes, HELO page cold: {max(ours['cold_sent']) / 1e6:.2f} MB sent (precompressed twins),"
              f" {max(ours['cold_raw']) / 1e6:.2f} MB raw; warm {max(ours['warm_sent']) / 1e6:.3f} MB")
        print(f"bytes, stock page cold: {max(stock['cold_sent']) / 1e6:.2f} MB sent,"
              f" {max(stock['cold_raw']) / 1e6:.2f} MB raw")
        for kind in ("cold", "warm"):
            print(_line(f"CSV checker ready, {kind}", csv[kind]))
            later = [c - h for c, h in zip(csv[kind], ours[kind], strict=True)]
            print(f"  CSV after HELO, {kind} (median of the rounds): {statistics.median(later):+.2f} s")
        print(f"bytes, CSV page cold: {max(csv['cold_sent']) / 1e6:.2f} MB sent")

        slow = [reader_on_a_slow_connection(playwright, base + HELO_PAGE, args.mbit, args.rtt_ms)
                for _ in range(args.runs)]
        print(f"reader on {args.mbit:g} Mbit/s, {args.rtt_ms:g} ms, cold: click at"
              f" {statistics.median(s['click_at'] for s in slow):.2f} s, ready at"
              f" {statistics.median(s['ready'] for s in slow):.2f} s, click -> result median"
              f" {statistics.median(s['click_to_result'] for s in slow):.0f} ms"
              f"  runs {[round(s['click_to_result']) for s in slow]}")

        browser = launch(playwright)
        page = browser.new_page()
        page.goto(base + HELO_PAGE)
        page.wait_for_selector(".mailcheck[data-state=ready]", timeout=READY_MS)
        checks = helo_checks(page, 50)
        print(f"HELO check (submit -> result shown): median {statistics.median(checks):.1f} ms,"
              f" max {max(checks):.1f} ms over {len(checks)}")
        page.goto(base + CSV_PAGE)
        page.wait_for_selector(".mailcheck[data-state=ready]", timeout=READY_MS)
        for rows, kind, alphabet, length in ((50, "strong", string.ascii_letters + string.digits, 16),
                                             (10_000, "strong", string.ascii_letters + string.digits, 16),
                                             (200, "look-alike", LOOK_ALIKE, 32)):
            # New passwords every run: the checker caches password scores.
            files = [csv_file(rows, seed, alphabet, length) for seed in range(3)]
            times = [csv_check(page, data) for data in files]
            print(f"CSV {rows} {kind} rows ({len(files[0]) / 1e3:.0f} kB): median {statistics.median(times):.0f} ms"
                  f"  runs {[round(t) for t in times]}")

        # The profile maker needs no runtime: a new browser, nothing cached, the page alone.
        cold = launch(playwright)
        maker = cold.new_page()
        transfer = Transfer(maker, site)
        maker.goto(base + PROFILE_PAGE)
        maker.wait_for_selector(".mailcheck--profile[data-state=ready]", timeout=READY_MS)
        seconds = maker.evaluate("performance.getEntriesByName('mailcheck:maker-ready')[0].startTime / 1000")
        maker.wait_for_load_state("networkidle")
        print(f"profile maker ready (cold, new browser): {seconds:.2f} s; {transfer.total() / 1e3:.0f} kB in all,"
              f" {transfer.total('/pyodide/') + transfer.total('.whl') + transfer.total('python_stdlib')} bytes"
              " of the checker runtime")
        made = [maker.evaluate(SUBMIT_JS, ["profile", "input[name=address]", f"user.{i}@example.org"])
                for i in range(50)]
        print(f"profile made (submit -> download link shown): median {statistics.median(made):.1f} ms,"
              f" max {max(made):.1f} ms over {len(made)}")
        cold.close()

        plain = browser.new_page()
        transfer = Transfer(plain, site)
        plain.goto(base + PLAIN_PAGE)
        plain.wait_for_load_state("networkidle")
        plain.wait_for_timeout(1500)
        print(f"guide without a checker: {transfer.total('/_widgets/')} bytes of the checker runtime,"
              f" {transfer.total() / 1e3:.0f} kB in all")
        browser.close()


if __name__ == "__main__":
    main()
