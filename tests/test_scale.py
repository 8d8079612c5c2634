"""The knowledge-base benchmark at a small size: generator, builds, budgets, search per language.

bench/run.py generates N guides per language and builds them the way the real
site is built; here N is small enough for CI and the output is checked.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
N = 20
LANGS = ("en", "fr", "de", "it", "es")
DEFAULT = "en"  # built at the site root
PAGE_BUDGET = 60_000  # bytes of HTML per page
SEARCH_BUDGET_KB = 300  # transferred by a reader's first search


def _run(*args: str, cwd: Path = ROOT) -> str:
    result = subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    """bench/run.py at N: its figures, and the project it generated and built."""
    out = tmp_path_factory.mktemp("bench")
    _run(str(BENCH / "run.py"), "--n", str(N), "--out", str(out), "--json", str(out / "figures.json"))
    return json.loads((out / "figures.json").read_text(encoding="utf-8")), out / f"n{N}"


def _page(site: Path, lang: str, rel: str) -> Path:
    return (site if lang == DEFAULT else site / lang) / rel / "index.html"


def _pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if p.relative_to(site).parts[0] not in ("pagefind", "_widgets", "assets")]


@pytest.mark.parametrize("lang", LANGS)
def test_every_generated_page_is_built_in_every_language(bench, lang):
    _, project = bench
    site = project / "site"
    for i in range(N):
        html = _page(site, lang, f"c00/guide-{i:04d}").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html
        assert f"ref{i:04d}" in html
    category = _page(site, lang, "c00").read_text(encoding="utf-8")
    assert category.count('href="guide-') == N, "the category page lists every guide"


def test_no_page_is_over_the_size_budget(bench):
    _, project = bench
    sizes = {p: p.stat().st_size for p in _pages(project / "site")}
    assert len(sizes) >= N * len(LANGS)
    assert max(sizes.values()) <= PAGE_BUDGET, max(sizes, key=sizes.get)


def test_benchmark_figures_are_complete_and_within_budget(bench):
    figures, _ = bench
    ours, baseline = figures["figures"]["ours"], figures["figures"]["baseline"]
    assert ours["pages"] == baseline["pages"] == figures["figures"]["ours_parallel"]["pages"]
    assert ours["html_max_kb"] * 1000 <= PAGE_BUDGET
    assert 0 < ours["search_first_kb"] <= SEARCH_BUDGET_KB
    assert ours["preview_edit_s"] > 0 and 0 <= ours["hooks_share_pct"] < 100
    for key in ("seconds", "peak_mb", "output_mb", "html_median_kb", "search_first_ms"):
        assert baseline[key] > 0, key


@pytest.mark.parametrize("lang", ["de", "fr", "en"])
def test_search_finds_a_generated_page_in_its_own_language_only(bench, serve, browser, lang):
    """Every translation carries the same reference code; only this language's page may match."""
    _, project = bench
    base = serve(project / "site", "/kb/")
    page = browser.new_page()
    try:
        page.goto(base + ("" if lang == DEFAULT else f"{lang}/"))
        page.fill(".md-search__input", "ref0007")
        page.wait_for_selector(".md-search-result__link")
        hrefs = page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.getAttribute('href'))")
    finally:
        page.close()
    prefix = "/kb/" if lang == DEFAULT else f"/kb/{lang}/"
    assert hrefs == [f"{prefix}c00/guide-0007/"]


def test_parallel_build_writes_the_same_pages(bench, tmp_path):
    """scripts/build_parallel.py (one process per group of languages) against the one-process build."""
    _, project = bench
    site = tmp_path / "site"
    _run(str(ROOT / "scripts" / "build_parallel.py"), "--project", str(project), "--site-dir", str(site), "--jobs", "2")
    serial = {p.relative_to(project / "site"): p for p in (project / "site").rglob("index.html")}
    parallel = {p.relative_to(site): p for p in site.rglob("index.html")}
    assert serial.keys() == parallel.keys()
    assert all(serial[k].read_bytes() == parallel[k].read_bytes() for k in serial)
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sorted(entry["languages"]) == sorted(LANGS)
    assert all(entry["languages"][lang]["page_count"] == N + 2 for lang in LANGS)
