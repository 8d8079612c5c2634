"""Benchmark the help centre at knowledge-base scale, next to plain Material.

    python bench/run.py --n 300 [--out bench/out] [--no-baseline] [--json FILE]

On one corpus of N guides per language (bench/corpus.py) it measures our build
(one process, and one process per group of languages with scripts/build_parallel.py)
and plain Material + mkdocs-static-i18n (its own search, automatic navigation,
no hooks, no overrides): full build time and peak memory, the hooks' share of
the build, the time until an edited page shows in the served preview, output
size, HTML bytes per page (median, max), and the bytes and time of a reader's
first search in headless Chromium on localhost.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections import defaultdict
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO

import corpus
from playwright.sync_api import Page

from sitebuild.testing.browser import launch

HERE = Path(__file__).resolve().parent
PARALLEL_BUILD = HERE.parent / "scripts" / "build_parallel.py"
PREVIEW_LANGUAGE = "de"
# Words of most generated guides in the preview language (the search's worst case):
# the first query, then a second one once everything is loaded.
QUERIES = {"de": ("Einstellungen", "Adresse")}
# Which requests belong to the search, by path (everything else is the page itself).
SEARCH_PATHS = {
    "ours": ("/pagefind/", "/assets/javascripts/kb-search.js"),
    "baseline": ("/search/", "/assets/javascripts/workers/search"),
}
# True once the search box has loaded its index: ours says so in data-text-loading,
# Material shows its "search.result.initializer" text (German) until its worker is ready.
SEARCH_READY = """() => {
  const meta = document.querySelector('.md-search-result__meta');
  const box = document.querySelector('[data-kb-search]');
  const busy = box ? box.dataset.textLoading : 'Suche wird initialisiert';
  return meta !== null && meta.textContent.trim() !== busy;
}"""
# Put a word in the search box as typing does (Material reads it on keyup, ours on
# input) and resolve with the milliseconds until the result list has entries.
TIMED_SEARCH = """(word) => new Promise((resolve) => {
  const list = document.querySelector('.md-search-result__list');
  const input = document.querySelector('.md-search__input');
  list.replaceChildren();
  const start = performance.now();
  new MutationObserver((_, observer) => {
    if (list.querySelector('li')) { observer.disconnect(); resolve(performance.now() - start); }
  }).observe(list, {childList: true, subtree: true});
  input.focus();
  input.value = word;
  input.dispatchEvent(new Event('input', {bubbles: true}));
  input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}));
})"""
NOT_PAGES = ("pagefind", "_widgets", "assets", "search")  # folders of the output that hold no pages


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "KB_BUILD_LANGUAGES")} | {
        "NO_MKDOCS_2_WARNING": "1"
    }


def _measured(command: list[str], cwd: Path) -> dict[str, float]:
    """Wall time and peak memory (largest process of the tree) of ``command``; fail loudly."""
    load = os.getloadavg()[0]  # other work on the machine skews the figures: say how much
    start = time.monotonic()
    process = subprocess.Popen(command, cwd=cwd, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read() if process.stdout else b""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{output.decode(errors='replace')[-3000:]}")
    return {"seconds": round(time.monotonic() - start, 1), "peak_mb": round(usage.ru_maxrss / 1024), "load": load}


def _variant_config(project: Path, name: str, edit: Callable[[str], str]) -> Path:
    """A sibling of mkdocs.yml (``mkdocs-NAME.yml``) changed by ``edit``."""
    path = project / f"mkdocs-{name}.yml"
    path.write_text(edit((project / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8")
    return path


def _baseline_config(text: str) -> str:
    """Plain Material + i18n: its own search, automatic navigation, no hooks or overrides."""
    text = re.sub(r"^hooks:\n(?:[ \t]+.*\n)+", "", text, flags=re.M)
    text = re.sub(r"^nav:\n(?:[ \t]+.*\n)+", "", text, flags=re.M)
    text = re.sub(r"^  custom_dir: .*\n", "", text, flags=re.M)
    text = text.replace("reconfigure_search: false", "reconfigure_search: true")
    return text.replace("plugins:\n", "plugins:\n  - search\n", 1)


# --- output -----------------------------------------------------------------------------------

def output_stats(site: Path) -> dict[str, float]:
    """Output size and HTML bytes per page (pages: every .html outside asset folders)."""
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    pages = [
        p.stat().st_size for p in site.rglob("*.html")
        if p.relative_to(site).parts[0] not in NOT_PAGES and p.name != "404.html"
    ]
    return {
        "output_mb": round(total / 1e6, 1),
        "pages": len(pages),
        "html_median_kb": round(statistics.median(pages) / 1000, 1),
        "html_max_kb": round(max(pages) / 1000, 1),
    }


# --- preview ----------------------------------------------------------------------------------

def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8", errors="replace")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def preview_edit(project: Path) -> dict[str, float]:
    """Seconds from saving a guide to the served preview showing the change (``make preview``)."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=_env() | {"KB_LANGUAGE": PREVIEW_LANGUAGE, "KB_STRICT": "false"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    guide = project / "docs" / PREVIEW_LANGUAGE / "c00" / "guide-0001.md"
    url = f"http://127.0.0.1:{port}/c00/guide-0001/"
    original = guide.read_text(encoding="utf-8")
    try:
        start = time.monotonic()
        while True:
            try:
                _get(url)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() - start > 900:
                    raise SystemExit("preview server did not start") from None
                time.sleep(0.5)
        first = time.monotonic() - start
        time.sleep(1)  # let the watcher settle after the first build
        marker = f"edited{int(time.time())}"
        guide.write_text(original + f"\n\n{marker}\n", encoding="utf-8")
        edited = time.monotonic()
        while marker not in _get(url):
            if time.monotonic() - edited > 120:
                raise SystemExit("the edit never showed in the preview")
            time.sleep(0.05)
        return {"preview_first_build_s": round(first, 1), "preview_edit_s": round(time.monotonic() - edited, 2)}
    finally:
        server.terminate()
        server.wait()
        guide.write_text(original, encoding="utf-8")  # the corpus stays as generated


# --- hooks' share -----------------------------------------------------------------------------

def hook_seconds(project: Path) -> dict[str, float]:
    """Build in this process with every hook event timed; Pagefind and the widgets apart."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.chdir(project)
    config = load_config(str(project / "mkdocs.yml"))
    spent: dict[str, float] = defaultdict(float)

    def timed(key: str, function: Callable) -> Callable:
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            mark = time.monotonic()
            try:
                return function(*args, **kwargs)
            finally:
                spent[key] += time.monotonic() - mark

        return wrapper

    # hooks/kb.py hands MkDocs the functions of sitebuild.events: time those.
    for methods in config.plugins.events.values():
        for i, method in enumerate(methods):
            if getattr(method, "__module__", None) == "sitebuild.events":
                methods[i] = timed("hooks", method)
    timed_steps = (("sitebuild.search", "index", "pagefind"), ("sitebuild.widget_assets", "publish", "widgets"))
    for module, name, key in timed_steps:
        setattr(sys.modules[module], name, timed(key, getattr(sys.modules[module], name)))
    start = time.monotonic()
    build(config)
    total = time.monotonic() - start
    own = spent["hooks"] - spent["pagefind"] - spent["widgets"]
    return {
        "build_in_process_s": round(total, 1),
        "hooks_s": round(own, 1),
        "hooks_share_pct": round(100 * own / total, 1),
        "pagefind_s": round(spent["pagefind"], 1),
        "widgets_s": round(spent["widgets"], 1),
    }


# --- search in the browser --------------------------------------------------------------------

class _Counting(SimpleHTTPRequestHandler):
    """A static server that records the bytes of every file it sends."""

    sent: list[tuple[str, int]]
    lock = threading.Lock()

    def copyfile(self, source: BinaryIO, outputfile: BinaryIO) -> None:
        data = source.read()
        outputfile.write(data)
        with self.lock:
            self.sent.append((self.path, len(data)))

    def log_message(self, *args: object) -> None:
        pass


def search_probe(site: Path, kind: str) -> dict[str, float]:
    """A reader's searches on the preview language's home page, over localhost.

    ``first``: the box is focused (ours starts loading then), the reader types a
    word: milliseconds to results, and the bytes of everything the search loaded.
    ``next``: another word on the same page. ``cold``: a fresh browser, the word
    typed at once, so loading and searching add up: the worst case.
    """
    from playwright.sync_api import sync_playwright

    sent: list[tuple[str, int]] = []
    handler = type("Handler", (_Counting,), {"sent": sent})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    home = f"http://127.0.0.1:{server.server_address[1]}/{PREVIEW_LANGUAGE}/"
    first, second = QUERIES[PREVIEW_LANGUAGE]

    def timed_search(page: Page, word: str) -> float:
        """Milliseconds from the word entering the box to results in the page (timed in the page)."""
        return round(page.evaluate(TIMED_SEARCH, word))

    figures: dict[str, float] = {}
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_context().new_page()
            page.goto(home, wait_until="networkidle")
            page.focus(".md-search__input")
            page.wait_for_function(SEARCH_READY, timeout=120_000)
            page.wait_for_load_state("networkidle")
            figures["search_first_ms"] = timed_search(page, first)
            page.wait_for_load_state("networkidle")
            searched = sum(size for path, size in sent if path.startswith(SEARCH_PATHS[kind]))
            figures["search_first_kb"] = round(searched / 1000)
            figures["search_next_ms"] = timed_search(page, second)
            page = browser.new_context().new_page()
            page.goto(home, wait_until="networkidle")
            figures["search_cold_ms"] = timed_search(page, first)
            browser.close()
    finally:
        server.shutdown()
    return figures


# --- driver -----------------------------------------------------------------------------------

def machine() -> str:
    model = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")), platform.processor(),
    )
    return f"{os.cpu_count()} CPU(s), {model}, Python {platform.python_version()}, load {os.getloadavg()[0]:.1f}"


def run(n: int, out: Path, baseline: bool) -> dict[str, dict]:
    project = corpus.generate(out / f"n{n}", n)
    figures: dict[str, dict] = {}
    site = project / "site"
    shutil.rmtree(site, ignore_errors=True)
    print(f"N={n}: building ours (one process)", file=sys.stderr)
    ours = _measured([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], project)
    figures["ours"] = ours | output_stats(site) | search_probe(site, "ours")
    print(f"N={n}: building ours (parallel)", file=sys.stderr)
    parallel = project / "site-parallel"
    figures["ours_parallel"] = _measured(
        [sys.executable, str(PARALLEL_BUILD), "--project", str(project), "--site-dir", str(parallel)], project
    ) | output_stats(parallel)
    print(f"N={n}: hooks' share, preview edit", file=sys.stderr)
    hooks = subprocess.run(
        [sys.executable, str(Path(__file__)), "--hook-seconds", str(project)],
        env=_env(), capture_output=True, text=True, check=True,
    )
    figures["ours"] |= json.loads(hooks.stdout.strip().splitlines()[-1]) | preview_edit(project)
    shutil.rmtree(parallel)
    if baseline:
        print(f"N={n}: building the plain Material baseline", file=sys.stderr)
        config = _variant_config(project, "baseline", _baseline_config)
        base_site = project / "site-baseline"
        figures["baseline"] = _measured(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(base_site)], project
        ) | output_stats(base_site) | search_probe(base_site, "baseline")
        shutil.rmtree(base_site)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1500, help="guides per language (default 1500)")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="scratch folder (default bench/out)")
    parser.add_argument("--no-baseline", action="store_true", help="skip plain Material (slow at large N)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--hook-seconds", type=Path, help=argparse.SUPPRESS)  # internal: one timed build
    args = parser.parse_args()
    if args.hook_seconds:
        print(json.dumps(hook_seconds(args.hook_seconds.resolve())))
        return
    started = machine()
    figures = run(args.n, args.out.resolve(), not args.no_baseline)
    report = {"n": args.n, "machine": started, "figures": figures}
    print(f"N={args.n} guides per language; {started}")
    for variant, values in figures.items():
        print(f"  {variant:14} " + "  ".join(f"{key}={value}" for key, value in values.items()))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
