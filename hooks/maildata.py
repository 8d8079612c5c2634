"""Load and validate ``data/mail.yml``, the one source of servers, ports and limits.

A guide must never show a half-filled table, so the loader checks the whole file
against :data:`SCHEMA` and fails with the file, the key path and, where YAML
knows it, the line: ``data/mail.yml:12: servers.protocols[0].ports[1].port:
expected an integer, got 'x'``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml


class DataError(ValueError):
    """The data file is missing something or has a wrong value."""


@dataclass(frozen=True)
class MapOf:
    """Schema marker: a mapping with free keys whose values all follow ``spec``."""

    spec: Any


@dataclass(frozen=True)
class Optional:
    """Schema marker: a key that may be absent."""

    spec: Any


_PORT = {"port": int, "security": str, "status": str}
SCHEMA: dict[str, Any] = {
    "languages": [str],
    "provider": {"name": str, "smtp_greeting": str, "smtp_banner_host": str},
    "servers": {
        "host": str,
        "protocols": [{"id": str, "direction": str, "ports": [_PORT]}],
    },
    "account": {"username": str, "smtp_auth_required": bool, "smtp_auth_mechanisms": [str]},
    "limits": MapOf(int),
    "helo": {"banned": [str], "reject_reply": str, "max_input_bytes": int},
    "passwords": {"min_length": int, "max_length": int, "min_zxcvbn_score": int},
    "csv": {"delimiter": str, "max_bytes": int, "max_rows": int, "example_rows": [[str]]},
    "feedback": {"services": [str], "languages_by_service": Optional(MapOf([str]))},
    "labels": MapOf(MapOf(str)),
}

_TYPE_NAMES = {int: "an integer", str: "a string", bool: "true or false"}


def _check(value: Any, spec: Any, path: str) -> None:
    """Walk ``value`` along ``spec``; raise :class:`DataError` naming ``path``."""
    if isinstance(spec, Optional):
        spec = spec.spec
    if isinstance(spec, type):
        # bool is an int in Python; a port written as `true` must still fail.
        if not isinstance(value, spec) or (spec is int and isinstance(value, bool)):
            raise DataError(f"{path}: expected {_TYPE_NAMES[spec]}, got {value!r}")
    elif isinstance(spec, list):
        if not isinstance(value, list) or not value:
            raise DataError(f"{path}: expected a non-empty list, got {value!r}")
        for index, item in enumerate(value):
            _check(item, spec[0], f"{path}[{index}]")
    elif isinstance(spec, MapOf):
        if not isinstance(value, dict):
            raise DataError(f"{path}: expected a mapping, got {value!r}")
        for key, item in value.items():
            _check(item, spec.spec, f"{path}.{key}")
    else:
        if not isinstance(value, dict):
            raise DataError(f"{path}: expected a mapping, got {value!r}")
        unknown = sorted(set(value) - set(spec), key=str)
        if unknown:  # most often a typo of an optional key, which would be ignored silently
            prefix = f"{path}." if path else ""
            raise DataError(f"{prefix}{unknown[0]}: unknown key; expected one of {', '.join(spec)}")
        for key, sub in spec.items():
            if key in value:
                _check(value[key], sub, f"{path}.{key}" if path else key)
            elif not isinstance(sub, Optional):
                raise DataError(f"{f'{path}.' if path else ''}{key}: missing")


def _check_references(data: dict[str, Any]) -> None:
    """Cross-key rules: every label in every language, every id has its label."""
    languages = data["languages"]
    labels = data["labels"]
    for key, texts in labels.items():
        missing = [lang for lang in languages if not texts.get(lang)]
        if missing:
            raise DataError(f"labels.{key}: no text for {', '.join(missing)}")
        extra = sorted(set(texts) - set(languages))
        if extra:
            raise DataError(f"labels.{key}: unknown language {', '.join(extra)}")
    needed = [f"col.{c}" for c in ("protocol", "direction", "server", "port", "security", "status")]
    for i, proto in enumerate(data["servers"]["protocols"]):
        needed += [f"protocol.{proto['id']}", f"direction.{proto['direction']}"]
        needed += [f"security.{p['security']}" for p in proto["ports"]]
        needed += [f"status.{p['status']}" for p in proto["ports"]]
        if not any(p["status"] == "recommended" for p in proto["ports"]) and proto["id"] in ("imap", "smtp"):
            raise DataError(f"servers.protocols[{i}].ports: no recommended port for {proto['id']}")
    needed += [f"service.{s}" for s in data["feedback"]["services"]]
    needed += [f"csv.header.{c}" for c in "ABCD"]
    for key in needed:
        if key not in labels:
            raise DataError(f"labels.{key}: missing")
    for service, langs in (data["feedback"].get("languages_by_service") or {}).items():
        if service not in data["feedback"]["services"]:
            raise DataError(f"feedback.languages_by_service.{service}: not in feedback.services")
        unknown = sorted(set(langs) - set(languages))
        if unknown:
            raise DataError(f"feedback.languages_by_service.{service}: unknown language {', '.join(unknown)}")


def _line_of(text: str, key_path: str) -> int | None:
    """The 1-based line of the deepest existing key on ``key_path``, for the error."""
    node = yaml.compose(text)
    line = None
    for part in key_path.replace("[", ".[").split("."):
        if node is None or not part:
            break
        if part.startswith("[") and isinstance(node, yaml.SequenceNode):
            index = int(part[1:-1])
            node = node.value[index] if index < len(node.value) else None
        elif isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == part), None)
        else:
            break
        if node is not None:
            line = node.start_mark.line + 1
    return line


@cache
def _load_cached(path: Path, mtime_ns: int) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DataError(f"{path}: not valid YAML: {exc}") from exc
    try:
        _check(data, SCHEMA, "")
        _check_references(data)
    except DataError as exc:
        key_path = str(exc).split(":", 1)[0]
        line = _line_of(text, key_path)
        raise DataError(f"{path}{f':{line}' if line else ''}: {exc}") from None
    return data


def load(path: Path) -> dict[str, Any]:
    """The validated data file; parsed once per content change (7,500 pages share it)."""
    return _load_cached(path, path.stat().st_mtime_ns)


def label(data: dict[str, Any], key: str, lang: str) -> str:
    """A reader-visible text from ``labels``; keys are validated at load time."""
    try:
        return data["labels"][key][lang]
    except KeyError:
        raise DataError(f"labels.{key}: missing (language {lang})") from None
