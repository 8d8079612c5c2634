"""The data every validator returns: findings with stable codes, no prose."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


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


def verdict(findings: list[Finding]) -> str:
    """``reject`` as soon as one finding is an error, else ``accept``."""
    return "reject" if any(f.severity is Severity.ERROR for f in findings) else "accept"
