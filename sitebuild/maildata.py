"""Load and validate ``data/mail.yml``, the one source of servers, ports and limits.

A guide must never show a half-filled table, so the loader checks the whole file
against :data:`SCHEMA` (types and value ranges) and fails with the file, the
line and the key path: ``data/mail.yml:12: servers.protocols[0].ports[1].port:
expected an integer, got 'x'``. A duplicate key (which YAML would resolve by
silently keeping the last value) and a file that is not UTF-8 fail the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml


class DataError(ValueError):
    """The data file is missing something or has a wrong value."""


KeyPath = tuple[str | int, ...]  # keys and list indexes from the top; label keys contain dots


def show(path: KeyPath) -> str:
    """``("servers", "protocols", 0, "port")`` -> ``servers.protocols[0].port``."""
    text = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path)
    return text.removeprefix(".") or "(top level)"


class _Invalid(DataError):
    """A schema failure at ``path`` (keys and indexes from the top)."""

    def __init__(self, path: KeyPath, reason: str) -> None:
        super().__init__(f"{show(path)}: {reason}")
        self.path = path


class NotUtf8(DataError):
    """A file saved in another encoding: ``line`` holds its first undecodable byte."""

    def __init__(self, shown: str, line: int, reason: str) -> None:
        super().__init__(f"{shown}:{line}: {reason}")
        self.line, self.reason = line, reason


@dataclass(frozen=True)
class MapOf:
    """Schema marker: a mapping with free keys whose values all follow ``spec``.

    ``special`` gives some keys their own spec (a price may be 0 where every
    count and size must be positive).
    """

    spec: Any
    special: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Int:
    """Schema marker: an integer within ``low``..``high`` (None: unbounded).

    A port of 70000 or a size of -5 is a valid integer that would ship a wrong
    page or a checker refusing every file, so ranges are part of the schema.
    """

    low: int | None = None
    high: int | None = None
    what: str = ""

    def reason(self, value: int) -> str | None:
        """Why ``value`` is out of range, or None."""
        if (self.low is None or value >= self.low) and (self.high is None or value <= self.high):
            return None
        if self.high is None:
            bound = "greater than 0" if self.low == 1 else f"at least {self.low}"
        else:
            bound = f"between {self.low} and {self.high}"
        return f"expected {self.what or 'a number'} {bound}, got {value}"


@dataclass(frozen=True)
class Text:
    """Schema marker: a string matching ``pattern`` whole (described by ``what`` in the error)."""

    pattern: str
    what: str

    def reason(self, value: str) -> str | None:
        """Why ``value`` does not fit, or None."""
        return None if re.fullmatch(self.pattern, value) else f"expected {self.what}, got {value!r}"


@dataclass(frozen=True)
class PerLanguage:
    """Schema marker: one value of ``spec`` for every language, or a mapping language -> value.

    The hoster's support page has an address per language; the web app and the
    Manager have one address. Every language of ``languages`` is then required
    (checked with the other cross-key rules).
    """

    spec: Any


@dataclass(frozen=True)
class Optional:
    """Schema marker: a key that may be absent."""

    spec: Any


PORT = Int(1, 65535, "a port")
POSITIVE = Int(1, what="a size or count")
AT_LEAST_0 = Int(0)
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
HOST = Text(rf"(?=.{{1,253}}$){_LABEL}(?:\.{_LABEL})+", "a host name such as mail.example.com")
LANGUAGE = Text(r"[a-z]{2,3}(?:_[A-Z]{2})?", "a language code such as fr")
CELL = Text(r"[^\n]*", "one line of text (may be empty)")
ID = Text(r"[a-z0-9_]+", "an identifier of lower-case letters, digits and _")
FILE_NAME = Text(r"(?:[A-Za-z0-9._-]|\{(?:stem|index|total)\})+",
                 "an ASCII file name (letters, digits, . _ - and {stem}, {index}, {total})")
DOWNLOADS = ("template", "part", "fixed", "findings", "groups", "profile")
ID_WORDS = Text(r"[a-z0-9]+(?:-[a-z0-9]+)*", "an identifier of lower-case words joined by -")
URL = Text(r"https://\S+", "an https:// address")

_PORT = {"port": PORT, "security": ID, "status": ID}
SCHEMA: dict[str, Any] = {
    "languages": [LANGUAGE],
    "provider": {"name": str, "smtp_greeting": str, "smtp_banner_host": HOST},
    "servers": {
        "host": HOST,
        "protocols": [{"id": ID, "direction": ID, "ports": [_PORT]}],
    },
    "client_setup": {
        "profile": {"identifier": str},
        "autoconfig": {"domains": [HOST], "statuses": [ID], "documentation": str},
    },
    "account": {"username": str, "smtp_auth_required": bool, "smtp_auth_mechanisms": [str]},
    # Counts and sizes; a price may be free.
    "limits": MapOf(POSITIVE, special={"starter_price_chf": AT_LEAST_0}),
    "helo": {"banned": [str], "reject_reply": str, "max_input_bytes": POSITIVE},
    "passwords": {"min_length": POSITIVE, "max_length": POSITIVE, "min_zxcvbn_score": Int(0, 4, "a zxcvbn score")},
    "csv": {
        "delimiter": Text(r"[,;\t|]", "one of , ; | or a tab"),
        "max_bytes": POSITIVE, "max_rows": POSITIVE, "example_rows": MapOf([[CELL]]), "example_passwords": [CELL],
    },
    "downloads": MapOf(MapOf(FILE_NAME)),
    "recipients": {"max_bytes": POSITIVE},
    "search": {"popular": [Text(r"[a-z0-9_/-]+\.md", "a guide's path under docs/<lang>/, e.g. clients/x.md")]},
    "bounce": {
        "max_input_bytes": POSITIVE,
        "refusals": [{"id": ID_WORDS, "reason": ID_WORDS, "text": str, "source": URL, "remedy": MapOf(str)}],
    },
    # one address, or one per language (fr: https://..., en: https://...)
    "links": MapOf(PerLanguage(Text(r"(https://\S+)?", "an https:// address, or \"\" while it is not known"))),
    "feedback": {"services": [ID], "languages_by_service": Optional(MapOf([LANGUAGE])), "channel": ID},
    "labels": MapOf(MapOf(str)),
}

_TYPE_NAMES = {int: "an integer", str: "a string", bool: "true or false"}


def _check_type(value: Any, kind: type, path: KeyPath) -> None:
    # bool is an int in Python; a port written as `true` must still fail.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _Invalid(path, f"expected {_TYPE_NAMES[kind]}, got {value!r}")


def _check(value: Any, spec: Any, path: KeyPath) -> None:
    """Walk ``value`` along ``spec``; raise :class:`DataError` naming ``path``."""
    if isinstance(spec, Optional):
        spec = spec.spec
    if isinstance(spec, PerLanguage):
        spec = MapOf(spec.spec) if isinstance(value, dict) else spec.spec
    if isinstance(spec, type):
        _check_type(value, spec, path)
        if spec is str and not value.strip():
            raise _Invalid(path, "empty text")
    elif isinstance(spec, (Int, Text)):
        _check_type(value, int if isinstance(spec, Int) else str, path)
        reason = spec.reason(value)
        if reason:
            raise _Invalid(path, reason)
    elif isinstance(spec, list):
        if not isinstance(value, list) or not value:
            raise _Invalid(path, f"expected a non-empty list, got {value!r}")
        for index, item in enumerate(value):
            _check(item, spec[0], (*path, index))
    elif isinstance(spec, MapOf):
        if not isinstance(value, dict):
            raise _Invalid(path, f"expected a mapping, got {value!r}")
        for key, item in value.items():
            _check(item, spec.special.get(key, spec.spec), (*path, key))
    else:
        if not isinstance(value, dict):
            raise _Invalid(path, f"expected a mapping, got {value!r}")
        unknown = sorted(set(value) - set(spec), key=str)
        if unknown:  # most often a typo of an optional key, which would be ignored silently
            raise _Invalid((*path, unknown[0]), f"unknown key; expected one of {', '.join(spec)}")
        for key, sub in spec.items():
            if key in value:
                _check(value[key], sub, (*path, key))
            elif not isinstance(sub, Optional):
                raise _Invalid((*path, key), "missing")


def _check_references(data: dict[str, Any]) -> None:
    """Cross-key rules: every label in every language, every id has its label."""
    languages = data["languages"]
    for index, code in enumerate(languages):
        if code in languages[:index]:
            raise _Invalid(("languages", index), f"{code} is listed twice")
    for key in DOWNLOADS:
        if key not in data["downloads"]:
            raise _Invalid(("downloads", key), "missing")
    per_language = [(("downloads", key), names) for key, names in data["downloads"].items()]
    per_language.append((("csv", "example_rows"), data["csv"]["example_rows"]))
    for path, texts in per_language:  # every language has its own; a language of its own is in `languages:`
        missing = [lang for lang in languages if lang not in texts]
        if missing:
            raise _Invalid(path, f"nothing for {', '.join(missing)}")
    labels = data["labels"]
    for key, texts in labels.items():
        missing = [lang for lang in languages if not texts.get(lang)]
        if missing:
            raise _Invalid(("labels", key), f"no text for {', '.join(missing)}")
        extra = sorted(set(texts) - set(languages))
        if extra:
            raise _Invalid(("labels", key, extra[0]),
                           f"unknown language {extra[0]}; `languages:` has {', '.join(languages)}")
    needed = [f"col.{c}" for c in ("protocol", "direction", "server", "port", "security", "status")]
    for i, proto in enumerate(data["servers"]["protocols"]):
        needed += [f"protocol.{proto['id']}", f"direction.{proto['direction']}"]
        needed += [f"security.{p['security']}" for p in proto["ports"]]
        needed += [f"status.{p['status']}" for p in proto["ports"]]
        if not any(p["status"] == "recommended" for p in proto["ports"]) and proto["id"] in ("imap", "smtp"):
            raise _Invalid(("servers", "protocols", i, "ports"), f"no recommended port for {proto['id']}")
    needed += [f"service.{s}" for s in data["feedback"]["services"]]
    needed += [f"csv.header.{c}" for c in "ABCD"]
    needed += [f"link.{name}" for name in data["links"]]
    for name, url in data["links"].items():
        if isinstance(url, dict):
            if missing := [lang for lang in languages if lang not in url]:
                raise _Invalid(("links", name), f"no address for {', '.join(missing)}")
            if extra := sorted(set(url) - set(languages)):
                raise _Invalid(("links", name, extra[0]),
                               f"unknown language {extra[0]}; `languages:` has {', '.join(languages)}")
    if data["feedback"]["channel"] not in data["links"]:
        raise _Invalid(("feedback", "channel"), f"{data['feedback']['channel']!r} is not in links")
    needed += ["profile.display_name", "profile.description", "autoconfig.documentation"]
    statuses = {p["status"] for proto in data["servers"]["protocols"] for p in proto["ports"]}
    for i, status in enumerate(data["client_setup"]["autoconfig"]["statuses"]):
        if status not in statuses:
            raise _Invalid(("client_setup", "autoconfig", "statuses", i), f"no port has status {status!r}")
    for key in needed:
        if key not in labels:
            raise _Invalid(("labels", key), "missing")
    for service, langs in (data["feedback"].get("languages_by_service") or {}).items():
        if service not in data["feedback"]["services"]:
            raise _Invalid(("feedback", "languages_by_service", service), "not in feedback.services")
        unknown = sorted(set(langs) - set(languages))
        if unknown:
            raise _Invalid(("feedback", "languages_by_service", service),
                           f"unknown language {', '.join(unknown)}; `languages:` has {', '.join(languages)}")
    passwords = data["passwords"]
    if passwords["min_length"] > passwords["max_length"]:
        raise _Invalid(("passwords", "min_length"),
                       f"{passwords['min_length']} is above max_length {passwords['max_length']}")


def _line_of(root: yaml.Node, path: KeyPath) -> int | None:
    """The 1-based line of the deepest existing key or item on ``path``."""
    node, line = root, None
    for part in path:
        if isinstance(part, int) and isinstance(node, yaml.SequenceNode) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        elif isinstance(node, yaml.MappingNode) and (pair := next((p for p in node.value if p[0].value == part), None)):
            line, node = pair[0].start_mark.line + 1, pair[1]
        else:
            break
    return line


def duplicate_key(node: yaml.Node, path: KeyPath = ()) -> tuple[int, str, int] | None:
    """The first key given twice in one mapping: (0-based line, key path, line of the first).

    YAML keeps the last value silently; for an author that is a lost edit.
    """
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, yaml.Node] = {}
        for key, value in node.value:
            if key.value in seen:
                return key.start_mark.line, show((*path, key.value)), seen[key.value].start_mark.line
            seen[key.value] = key
            if found := duplicate_key(value, (*path, key.value)):
                return found
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            if found := duplicate_key(item, (*path, index)):
                return found
    return None


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it: 7,500 guides


def parse_yaml(text: str) -> tuple[yaml.Node | None, Any]:
    """The node tree (lines, duplicate keys) and the data of ``text``, from one parse."""
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def read_utf8(path: Path, shown: str | None = None) -> str:
    """The file as text; a file saved in another encoding fails with the line of its first bad byte.

    ``shown`` is the path the error names (default: ``path``).
    """
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise NotUtf8(shown or str(path), line, f"not UTF-8 (byte 0x{raw[exc.start]:02x} at column {column}); "
                      "save the file as UTF-8") from None


@cache
def _load_cached(path: Path, mtime_ns: int) -> dict[str, Any]:
    text = read_utf8(path)
    try:
        root, data = parse_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        reason = getattr(exc, "problem", None) or str(exc)
        raise DataError(f"{path}{where}: not valid YAML: {reason}") from None
    if duplicate := duplicate_key(root):
        line, key, first = duplicate
        raise DataError(f"{path}:{line + 1}: {key}: duplicate key; first given at line {first + 1}")
    try:
        _check(data, SCHEMA, ())
        _check_references(data)
    except _Invalid as exc:
        # A top-level key that is missing (or an empty file) is blamed on the first line.
        line = (_line_of(root, exc.path) if root is not None else None) or 1
        raise DataError(f"{path}:{line}: {exc}") from None
    return data


def load(path: Path) -> dict[str, Any]:
    """The validated data file; parsed once per content change (7,500 pages share it)."""
    return _load_cached(path, path.stat().st_mtime_ns)


def link_address(data: dict[str, Any], name: str, lang: str) -> str:
    """The address of the place ``name`` (``links:``) for a reader of ``lang``; "" while unknown."""
    if name not in data["links"]:
        raise DataError(f"unknown link {name!r}; known: {', '.join(data['links'])}")
    url = data["links"][name]
    return url[lang] if isinstance(url, dict) else url


def label(data: dict[str, Any], key: str, lang: str) -> str:
    """A reader-visible text from ``labels``; keys are validated at load time."""
    try:
        return data["labels"][key][lang]
    except KeyError:
        raise DataError(f"labels.{key}: missing (language {lang})") from None
