"""Build the site with one MkDocs process per group of languages, then merge them.

mkdocs-static-i18n renders the languages one after the other on one core. Here
each process renders only the languages it owns (sitebuild/parts.py) into a folder
of its own, and the owned folders are merged into the site; the checker runtime
is published once for the merged site, and the search bundles each part wrote
for its own languages are joined. The result has the same files as ``mkdocs build``.

    python scripts/build_parallel.py [--project DIR] [--site-dir DIR] [--jobs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def languages(project: Path) -> tuple[str, list[str]]:
    """(default language, all languages) from the i18n plugin settings in mkdocs.yml."""
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("!", lambda *_: None)  # !ENV and the like do not matter here
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=loader)
    plugin = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    locales = [lang["locale"] for lang in plugin["languages"] if lang.get("build", True)]
    default = next(lang["locale"] for lang in plugin["languages"] if lang.get("default"))
    return default, locales


def groups(locales: list[str], jobs: int) -> list[list[str]]:
    """Languages dealt round-robin to ``jobs`` processes; the first gets the default one."""
    return [locales[i::jobs] for i in range(min(jobs, len(locales)))]


def build(project: Path, site_dir: Path, jobs: int) -> dict[str, float]:
    """Build ``project`` into ``site_dir``; returns seconds spent per phase."""
    default, locales = languages(project)
    locales.remove(default)
    parts = groups([default, *locales], jobs)
    timings: dict[str, float] = {}
    start = time.monotonic()
    with tempfile.TemporaryDirectory(dir=site_dir.parent, prefix=".parts-") as scratch:
        folders = [Path(scratch) / f"part{i}" for i in range(len(parts))]
        env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
        running = [
            subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(folder)],
                cwd=project, env=env | {"KB_BUILD_LANGUAGES": ",".join(owned)},
            )
            for owned, folder in zip(parts, folders, strict=True)
        ]
        failed = [p.args for p in running if p.wait() != 0]
        if failed:
            raise SystemExit(f"parallel build: {len(failed)} part(s) failed: {failed}")
        timings["parts"] = time.monotonic() - start
        from sitebuild import csp, search, widget_assets

        # The default language's part holds the site root; the others bring their folders.
        shutil.rmtree(site_dir, ignore_errors=True)
        folders[0].rename(site_dir)
        for owned, folder in zip(parts[1:], folders[1:], strict=True):
            for lang in owned:
                shutil.rmtree(site_dir / lang, ignore_errors=True)
                (folder / lang).rename(site_dir / lang)
        # Each part indexed its own languages (hooks/kb.py): join the bundles.
        search.merge([site_dir, *folders[1:]], site_dir)
    timings["merge"] = time.monotonic() - start - timings["parts"]
    mark = time.monotonic()
    widget_assets.publish(site_dir)
    csp.write(site_dir)  # the parts' pages are all there now
    timings["widgets"] = time.monotonic() - mark
    timings["total"] = time.monotonic() - start
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, default=ROOT, help="folder with mkdocs.yml (default: this repo)")
    parser.add_argument("--site-dir", type=Path, help="output folder (default: PROJECT/site)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="processes (default: CPU count)")
    args = parser.parse_args()
    project = args.project.resolve()
    site = (args.site_dir or project / "site").resolve()
    timings = build(project, site, args.jobs)
    print(" ".join(f"{phase}={seconds:.1f}s" for phase, seconds in timings.items()))


if __name__ == "__main__":
    main()
