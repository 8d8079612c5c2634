"""axe-core violations per page type and width, in all five languages (figures, not a test).

    .venv/bin/python bench/a11y.py [--site DIR]

Prints, for every page type and state of tests/a11y.py at 1280 and 390 px, the
number of violations by impact summed over the five languages (and at 1280 px in the dark scheme), the rules that
fired, and the pages that scroll sideways at 320 px. Without --site the project
is built into a temporary folder first. The test (tests/test_a11y_browser.py)
asserts zero critical and serious ones; this script shows the whole picture.
"""

from __future__ import annotations

import argparse
import collections
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from sitebuild.testing import a11y, browser, local_site

IMPACTS = ("critical", "serious", "moderate", "minor")




def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "site"
        if not args.site:
            local_site.build(site)
        site_url = local_site.serve(site)
        counts: dict[tuple[str, str], collections.Counter] = collections.defaultdict(collections.Counter)
        rules: dict[tuple[str, str], set[str]] = collections.defaultdict(set)
        sideways: list[str] = []
        with sync_playwright() as playwright:
            chromium = browser.launch(playwright)
            page = chromium.new_page()
            for lang in a11y.LANGS:
                for state in a11y.audit(page, site_url, lang):
                    for width, violations in state.violations.items():
                        counts[state.name, width].update({})  # a page without violations shows as zeros
                        for violation in violations:
                            counts[state.name, width][violation["impact"]] += 1
                            rules[violation["id"], violation["impact"]].add(f"{state.name} {width}")
                    if state.scrolls_sideways:
                        sideways.append(f"{lang} {state.name}")
            chromium.close()
    print(f"axe-core: violations (rules failed) per page, summed over {len(a11y.LANGS)} languages")
    print(f"| page | width, scheme | {' | '.join(IMPACTS)} |")
    print("|---|---|" + "---|" * len(IMPACTS))
    for (state, width), counter in counts.items():
        print(f"| {state} | {width} | {' | '.join(str(counter[i]) for i in IMPACTS)} |")
    print("\nrules:")
    for (rule, impact), where in sorted(rules.items()):
        print(f"  {impact:9} {rule}: {len(where)} page states/widths")
    print(f"\nscrolls sideways at 320 px: {', '.join(sideways) or 'none'}")


if __name__ == "__main__":
    main()
