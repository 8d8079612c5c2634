"""What widget_assets.publish puts into the site: bytecode, hashed names, and cheap repeats."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from mailcheck.i18n import LANGUAGES
from sitebuild import pycompile, stdlib_subset, widget_assets

ROOT = Path(__file__).resolve().parent.parent
HASHED = re.compile(rf"(?:^|[./])([0-9a-f]{{{widget_assets.HASH_LENGTH}}})(?:[./]|$)")


def _pins(path: Path) -> dict[str, str]:
    pins = re.findall(r"^([A-Za-z0-9._-]+)==(\S+)", path.read_text(), re.M)
    return {name.lower().replace("_", "-"): version for name, version in pins}


def test_browser_wheels_are_pinned_like_the_cpython_environment() -> None:
    """Parity with CPython means nothing if the two run different dependency versions."""
    browser, cpython = _pins(widget_assets.BROWSER_REQUIREMENTS), _pins(ROOT / "requirements.txt")
    assert browser and all(cpython.get(name) == version for name, version in browser.items())


def test_compiler_wheels_share_the_pins_of_the_cpython_environment() -> None:
    tools, cpython = _pins(pycompile.TOOLS), _pins(ROOT / "requirements.txt")
    assert "pyodide-build" in tools
    assert all(cpython[name] == version for name, version in tools.items() if name in cpython)


def _manifest(widgets: Path) -> dict:
    return json.loads((widgets / widget_assets.MANIFEST).read_text())


def test_every_published_file_but_the_manifest_has_a_content_hash_in_its_path(published_widgets: Path) -> None:
    files = [p for p in published_widgets.rglob("*") if p.is_file() and not p.name.endswith(".gz")]
    assert len(files) > 15
    for path in files:
        relative = path.relative_to(published_widgets).as_posix()
        if relative == widget_assets.MANIFEST:
            continue
        found = HASHED.search(relative)
        assert found, f"{relative} carries no content hash"
        if path.name.count(".") >= 2 and found.group(1) in path.name:  # name.<hash>.ext: the file's own bytes
            assert found.group(1) == widget_assets.content_hash(path.read_bytes()), relative


def test_manifest_names_existing_files_and_the_loader_carries_it(published_widgets: Path) -> None:
    manifest = _manifest(published_widgets)
    named = [manifest["stdlib"], manifest["stdlib_full"], manifest["worker"], manifest["loader"], manifest["css"]]
    named += [file for entry in manifest["checkers"].values() for file in [entry["module"], *entry["wheels"]]]
    assert all((published_widgets / name).is_file() for name in named)
    for name in (*widget_assets.RUNTIME_FILES, widget_assets.LOCK_FILE):
        assert (published_widgets / manifest["pyodide"] / name).stat().st_size > 0
    assert (published_widgets / manifest["pyodide"] / "pyodide.asm.wasm.gz").is_file()
    lock = json.loads((published_widgets / manifest["pyodide"] / widget_assets.LOCK_FILE).read_text())
    assert lock["packages"] == {} and lock["info"]["python"].startswith("3.14")
    loader = (published_widgets / manifest["loader"]).read_text()
    assert widget_assets.MANIFEST_SLOT not in loader and manifest["worker"] in loader
    helo = (published_widgets / manifest["checkers"]["helo"]["module"]).read_text()
    assert re.search(r'from "\./ui\.[0-9a-f]{10}\.js"', helo), "modules import each other by hashed name"
    for lang in LANGUAGES:
        template = published_widgets / manifest["templates"] / widget_assets.template_filename(lang)
        assert template.read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("key", ["stdlib", "stdlib_full"])
def test_standard_library_is_stored_bytecode_with_a_gzip_twin(published_widgets: Path, key: str) -> None:
    stdlib = published_widgets / _manifest(published_widgets)[key]
    with zipfile.ZipFile(stdlib) as archive:
        entries = archive.infolist()
    names = {entry.filename for entry in entries}
    assert "json/__init__.pyc" in names and "encodings/utf_8.pyc" in names
    # py-compile drops the sources; the trimmed archive carries its fallback finder as source.
    assert {name for name in names if name.endswith(".py")} <= {stdlib_subset.FALLBACK_MODULE}
    assert all(entry.compress_type == zipfile.ZIP_STORED for entry in entries), "the .gz twin compresses it"
    twin = stdlib.with_name(stdlib.name + ".gz")
    assert twin.stat().st_size < stdlib.stat().st_size * 0.5


def test_trimmed_standard_library_holds_what_the_checkers_import(published_widgets: Path) -> None:
    manifest = _manifest(published_widgets)
    trimmed, full = (published_widgets / manifest[key] for key in ("stdlib", "stdlib_full"))
    assert trimmed.stat().st_size < full.stat().st_size / 2
    with zipfile.ZipFile(trimmed) as archive:
        names = set(archive.namelist())
    assert {"gettext.pyc", "csv.pyc", "encodings/cp1252.pyc", stdlib_subset.FALLBACK_MODULE} <= names
    assert "unittest/__init__.pyc" not in names
    assert not any(name.endswith("/") for name in names)


def test_each_checker_loads_only_its_own_wheels_as_bytecode(published_widgets: Path) -> None:
    manifest = _manifest(published_widgets)
    assert set(manifest["checkers"]) == {"helo", "csv", "recipients", "bounce"}, "the profile maker needs no runtime"
    wheels = {name: entry["wheels"] for name, entry in manifest["checkers"].items()}
    helo = wheels["helo"]
    assert not any("zxcvbn" in file or "email_validator" in file for file in helo)
    assert not any("zxcvbn" in file for file in wheels["recipients"])  # addresses, no passwords
    assert any("email_validator" in file for file in wheels["recipients"])
    published = {p.relative_to(published_widgets).as_posix() for p in (published_widgets / "wheels").rglob("*.whl")}
    assert published == {file for entry in manifest["checkers"].values() for file in entry["wheels"]}
    for file in published:
        assert file.endswith("-cp314-none-any.whl"), "compiled for Pyodide's Python 3.14"
        names = zipfile.ZipFile(published_widgets / file).namelist()
        assert any(name.endswith(".pyc") for name in names)
        assert not any(name.endswith(".py") for name in names)
    own = zipfile.ZipFile(published_widgets / helo[0]).namelist()
    assert {"mailcheck/web.pyc", "mailcheck/policy.json", "mailcheck/locale/fr/LC_MESSAGES/ui.mo"} <= set(own)


def test_publishing_again_copies_nothing(published_widgets: Path) -> None:
    before = {path: path.stat().st_mtime_ns for path in published_widgets.rglob("*")}
    widget_assets.publish(published_widgets.parent)
    after = {path: path.stat().st_mtime_ns for path in published_widgets.rglob("*")}
    assert after == before


@pytest.fixture
def data_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A copy of data/mail.yml that the build reads instead; the policy is rewritten from the real one after."""
    copy = tmp_path / "mail.yml"
    copy.write_text(widget_assets.compile_assets.DATA_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(widget_assets.compile_assets, "DATA_FILE", copy)
    yield copy
    monkeypatch.undo()
    widget_assets.compile_catalogs()


def test_a_new_ban_list_gets_new_urls_and_nothing_else_does(data_file: Path, tmp_path: Path) -> None:
    """A deploy with another policy cannot be served from a reader's cache of the old one."""
    widget_assets.publish(tmp_path / "before")
    text = data_file.read_text(encoding="utf-8")
    assert "banned: [fakedomain.xyz]" in text
    data_file.write_text(text.replace("banned: [fakedomain.xyz]", "banned: [fakedomain.xyz, spam.example]"),
                         encoding="utf-8")
    widget_assets.publish(tmp_path / "after")
    before, after = (_manifest(tmp_path / name / widget_assets.ASSETS) for name in ("before", "after"))

    policy_before, policy_after = before["checkers"]["helo"]["wheels"][0], after["checkers"]["helo"]["wheels"][0]
    assert policy_before != policy_after, "the wheel that carries the policy must get a new URL"
    with zipfile.ZipFile(tmp_path / "after" / widget_assets.ASSETS / policy_after) as wheel:
        assert "spam.example" in json.loads(wheel.read("mailcheck/policy.json"))["helo"]["banned"]
    assert before["loader"] != after["loader"], "pages must name a loader that knows the new wheel"
    unchanged = ("pyodide", "stdlib", "worker")
    assert [before[key] for key in unchanged] == [after[key] for key in unchanged]
