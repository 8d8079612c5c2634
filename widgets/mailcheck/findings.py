"""The data every validator returns: findings with stable codes, no prose."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from mailcheck.i18n import Counted


class Severity(StrEnum):
    """How bad a finding is; an ``error`` makes the verdict ``reject``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    """One problem (or hint) found by a rule.

    ``code`` is stable and documented (for example ``HELO_UNDERSCORE``); ``params`` are
    the values the message template needs (the offending part, a limit ...). ``row``
    and ``column`` locate CSV findings the way a spreadsheet shows them.
    """

    code: str
    severity: Severity
    params: dict[str, object] = field(default_factory=dict)
    row: int | None = None
    column: str | None = None


@dataclass(frozen=True)
class Rule:
    """What a code means: ``message`` (a msgid, or an ``NP_`` pair for a count) is shown to
    readers, ``why`` documents the rule.

    ``source`` names the standard or policy behind it; ``fixed`` marks problems a
    corrected copy of the input removes by itself.
    """

    severity: Severity
    message: str | Counted
    why: str
    source: str = ""
    fixed: bool = False


def finding_for(rules: dict[str, Rule], code: str, **fields: object) -> Finding:
    """A finding for ``code`` with its severity from ``rules`` (one source of truth).

    ``row`` and ``column`` locate it; every other keyword is a message parameter.
    """
    row, column = fields.pop("row", None), fields.pop("column", None)
    return Finding(code=code, severity=rules[code].severity, params=fields, row=row, column=column)


def verdict(findings: list[Finding]) -> str:
    """``reject`` as soon as one finding is an error, else ``accept``."""
    return "reject" if any(f.severity is Severity.ERROR for f in findings) else "accept"
