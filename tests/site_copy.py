"""A small scratch copy of the site for tests that break it: the real hooks, templates,
configuration and data file, and a few guides of the test's own in every language.

Builds of it take a second or two, and the tests do not depend on the real guides'
wording (which changes with every content edit).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from sitebuild.testing.scratch import point_popular_at

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("mkdocs.yml", "hooks", "overrides", "data")
# Read only, large: the checkers' runtime, the wheel caches, and the corpus the stdlib trace runs.
LINKED = ("widgets", "node_modules", "build", "tests")
LANGS = ("en", "fr", "de", "it", "es")

GUIDE = """---
title: {title}
sources: [seed]
description: {description}
revision: 1
weight: {weight}
keywords: [{title} words]
---

Intro with <!-- md:value limits.recipients_per_message --> recipients.

## Settings {{#settings}}

<!-- md:settings -->
"""
HOME = "---\ntitle: Home {lang}\ndescription: The home page.\nrevision: 1\n---\n\n<!-- md:categories -->\n"
CATEGORY = "---\ntitle: Guides {lang}\ndescription: A category.\nrevision: 1\nweight: 10\n---\n\n<!-- md:guides -->\n"


def make(target: Path) -> Path:
    """``target`` as a project: home page, one category ``guides/`` with ``first.md`` and ``second.md``."""
    target.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    for name in LINKED:
        (target / name).symlink_to(ROOT / name, target_is_directory=True)
    point_popular_at(target / "data" / "mail.yml", ["guides/first.md", "guides/second.md"])
    config = target / "mkdocs.yml"
    nav = "nav:\n  - index.md\n  - guides/index.md\n"
    config.write_text(re.sub(r"^nav:\n(?:[ \t]+.*\n)+", nav, config.read_text(encoding="utf-8"), flags=re.M))
    for lang in LANGS:
        write(target, f"{lang}/index.md", HOME.format(lang=lang))
        write(target, f"{lang}/guides/index.md", CATEGORY.format(lang=lang))
        write(target, f"{lang}/guides/first.md", GUIDE.format(title=f"First {lang}", description="One.", weight=10))
        write(target, f"{lang}/guides/second.md", GUIDE.format(title=f"Second {lang}", description="Two.", weight=20))
    return target


def write(project: Path, page: str, text: str | bytes) -> Path:
    """Write ``docs/<page>`` of ``project``."""
    path = project / "docs" / page
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def build(project: Path, site: Path, *, builder: str = "mkdocs", flags: tuple[str, ...] = (),
          **env: str) -> subprocess.CompletedProcess[str]:
    """``<builder> build --strict [flags]`` of ``project`` into ``site``, as an author runs it."""
    environ = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "KB_LANGUAGE", "KB_STRICT")}
    return subprocess.run(
        [sys.executable, "-m", builder, "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(site), *flags],
        cwd=project, env=environ | {"NO_MKDOCS_2_WARNING": "1"} | env, capture_output=True, text=True, check=False,
    )
