"""What widget_assets.publish puts into the site, and that it stays cheap to repeat."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import widget_assets
from mailcheck.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent


def _pins(path: Path) -> dict[str, str]:
    pins = re.findall(r"^([A-Za-z0-9._-]+)==(\S+)", path.read_text(), re.M)
    return {name.lower().replace("_", "-"): version for name, version in pins}


def test_browser_wheels_are_pinned_like_the_cpython_environment() -> None:
    """Parity with CPython means nothing if the two run different dependency versions."""
    browser, cpython = _pins(widget_assets.BROWSER_REQUIREMENTS), _pins(ROOT / "requirements.txt")
    assert browser and all(cpython.get(name) == version for name, version in browser.items())


def test_publish_writes_runtime_wheels_code_and_templates(published_widgets: Path) -> None:
    for name in widget_assets.RUNTIME_FILES:
        assert (published_widgets / "pyodide" / name).stat().st_size > 0
    lock = json.loads((published_widgets / "pyodide" / "pyodide-lock.json").read_text())
    assert lock["packages"] == {} and lock["info"]["python"].startswith("3.14")
    for name in ["loader.js", "worker.js", "ui.js", "helo.js", "csv.js", "recipients.js", "profile.js", "widget.css"]:
        assert (published_widgets / name).is_file()
    assert (published_widgets / "pyodide" / "pyodide.asm.wasm.gz").is_file()
    assert not (published_widgets / "pyodide" / "python_stdlib.zip.gz").exists(), "gzip gains nothing there"
    for lang in LANGUAGES:
        template = (published_widgets / "templates" / f"addresses-template-{lang}.csv").read_bytes()
        assert template.startswith(b"\xef\xbb\xbf")


def test_each_checker_loads_only_the_wheels_it_needs(published_widgets: Path) -> None:
    manifest = json.loads((published_widgets / "wheels.json").read_text())
    assert set(manifest) == {"helo", "csv", "recipients", "profile"}
    for files in manifest.values():
        assert files[0].startswith("wheels/mailcheck-")
        assert all((published_widgets / file).is_file() for file in files)
    assert not any("zxcvbn" in file or "email_validator" in file for file in manifest["helo"])
    assert not any("zxcvbn" in file for file in manifest["recipients"])
    assert any("email_validator" in file for file in manifest["recipients"])
    assert not any("zxcvbn" in file for file in manifest["profile"])
    assert any("email_validator" in file for file in manifest["profile"])
    assert sorted(path.name for path in (published_widgets / "wheels").iterdir()) == sorted(
        {Path(file).name for files in manifest.values() for file in files}
    )


def test_mailcheck_wheel_carries_the_generated_assets(published_widgets: Path) -> None:
    wheel = next((published_widgets / "wheels").glob("mailcheck-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"mailcheck/web.py", "mailcheck/policy.json", "mailcheck/locale/fr/LC_MESSAGES/ui.mo"} <= names
    assert not any(name.endswith((".po", ".pyc")) for name in names)


def test_publishing_again_copies_nothing(published_widgets: Path) -> None:
    before = {path: path.stat().st_mtime_ns for path in published_widgets.rglob("*")}
    widget_assets.publish(published_widgets.parent)
    after = {path: path.stat().st_mtime_ns for path in published_widgets.rglob("*")}
    assert after == before
