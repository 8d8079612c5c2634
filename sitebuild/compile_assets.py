"""Generate the files the ``mailcheck`` package reads at run time but does not commit.

* ``mailcheck/policy.json``: the parts of ``data/mail.yml`` the checkers need. The
  browser cannot read YAML without another package, and the checkers should not see
  (or depend on) the rest of the data file.
* ``locale/<lang>/LC_MESSAGES/<domain>.mo`` from every ``.po``: the standard library's
  :mod:`gettext` reads ``.mo`` only, so Pyodide needs no Babel at run time.

Run it with ``.venv/bin/python widgets/compile_assets.py``. A broken catalog (syntax,
a translation whose ``{placeholders}`` differ from its id) stops the run with the
file and the message named. Files are rewritten only when their bytes change, so
``mkdocs serve`` and copy-if-changed steps see stable mtimes.
"""

from __future__ import annotations

import io
import json
import string
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po

from sitebuild import maildata  # the one loader and schema of the data file (shared with the site build)
from sitebuild.paths import DATA_FILE, ROOT, WIDGETS

PACKAGE_DIR = WIDGETS / "mailcheck"
POLICY_FILE = PACKAGE_DIR / "policy.json"
LOCALE_DIR = PACKAGE_DIR / "locale"

# Dotted paths into data/mail.yml that the checkers read (see mailcheck/policy.py).
POLICY_PATHS = (
    "provider.name",
    "provider.smtp_greeting",
    "provider.smtp_banner_host",
    "helo.banned",
    "helo.reject_reply",
    "helo.max_input_bytes",
    "passwords",
    "csv",
    "limits.batch_addresses_per_day",
    "feedback.channel",
    "limits.recipients_per_message",
    "recipients",
    "bounce",
    "limits.max_message_bytes",
    "provider.name",
    "servers",
    "client_setup.profile",
    "downloads",
)
# Label keys (in every language) the checkers show.
LABEL_KEYS = ("csv.header.A", "csv.header.B", "csv.header.C", "csv.header.D",
              "profile.display_name", "profile.description")


class AssetError(Exception):
    """A data file or catalog that cannot become a run-time asset."""


def _lookup(data: dict, path: str) -> object:
    node: object = data
    for key in path.split("."):
        if not isinstance(node, dict) or key not in node:
            raise AssetError(f"{DATA_FILE.name}: missing key {path!r}")
        node = node[key]
    return node


def build_policy(data: dict) -> dict:
    """Copy ``POLICY_PATHS`` (keeping their nesting) and ``LABEL_KEYS`` out of the data file."""
    policy: dict = {}
    for path in POLICY_PATHS:
        *parents, leaf = path.split(".")
        node = policy
        for key in parents:
            node = node.setdefault(key, {})
        node[leaf] = _lookup(data, path)
    labels = data.get("labels", {})
    keys = (*LABEL_KEYS, f"link.{policy['feedback']['channel']}")  # the channel's name
    missing = [key for key in keys if key not in labels]
    if missing:
        raise AssetError(f"{DATA_FILE.name}: missing labels {', '.join(missing)}")
    policy["labels"] = {key: labels[key] for key in keys}
    return policy


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of a message (``{{`` escapes are not fields)."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def placeholder_mismatches(catalog: Catalog) -> list[str]:
    """Translations whose placeholders differ from their id: ``str.format`` would raise.

    A form of a counted message may leave out the count ``{n}`` ("une ligne"), nothing else.
    """
    problems = []
    for msg in catalog:
        if not msg.id or not msg.string:
            continue
        if isinstance(msg.id, str):
            if placeholders(msg.id) != placeholders(msg.string):
                problems.append(f"{msg.id!r}: translation uses {sorted(placeholders(msg.string))}")
            continue
        wanted = placeholders(msg.id[1])
        for form in msg.string:
            if form and not wanted - {"n"} <= placeholders(form) <= wanted:
                problems.append(f"{msg.id[0]!r}: a plural form uses {sorted(placeholders(form))}")
    return problems


def read_catalog(po_file: Path) -> Catalog:
    """Parse a ``.po`` file strictly; any syntax or placeholder error raises :class:`AssetError`."""
    try:
        with po_file.open("rb") as handle:
            catalog = read_po(handle, abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, ValueError) as error:
        raise AssetError(f"{po_file}: {error}") from error
    problems = placeholder_mismatches(catalog)
    if problems:
        raise AssetError(f"{po_file}: " + "; ".join(problems))
    return catalog


def write_if_changed(path: Path, content: bytes) -> bool:
    """Write ``content`` unless ``path`` holds it already: an unchanged file keeps its mtime."""
    if path.exists() and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return True


def compile_catalogs(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Compile every ``.po`` under ``locale_dir`` next to itself; return the ``.mo`` paths."""
    written = []
    for po_file in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        buffer = io.BytesIO()
        write_mo(buffer, read_catalog(po_file), use_fuzzy=False)
        mo_file = po_file.with_suffix(".mo")
        write_if_changed(mo_file, buffer.getvalue())
        written.append(mo_file)
    return written


def write_policy(data_file: Path = DATA_FILE, policy_file: Path = POLICY_FILE) -> Path:
    """Write ``policy.json`` from the data file, validated as the site build validates it."""
    try:
        data = maildata.load(data_file)
    except maildata.DataError as error:
        raise AssetError(str(error)) from error
    text = json.dumps(build_policy(data), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    write_if_changed(policy_file, text.encode("utf-8"))
    return policy_file


def main() -> int:
    try:
        policy_file = write_policy()
        catalogs = compile_catalogs()
    except AssetError as error:
        print(f"compile_assets: {error}", file=sys.stderr)
        return 1
    print(f"compile_assets: {policy_file.relative_to(ROOT)}, {len(catalogs)} catalog(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
