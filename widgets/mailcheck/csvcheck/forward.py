"""Columns C and D: an optional forward address, and whether to delete after forwarding.

The customer's own domain is not in the file, so "forwarding to itself" can only be
suspected: a forward address whose local part equals column A is a warning, not an
error (``jane@other-company.example`` is a legitimate target for ``jane``).
"""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

from mailcheck.csvcheck.codes import finding
from mailcheck.csvcheck.shapes import look_alikes
from mailcheck.findings import Finding

DELETE_VALUES = ("0", "1")


def check_forward(forward: str, delete: str, address: str) -> list[Finding]:
    """Findings for one row's trimmed C and D cells; ``address`` is the row's column A."""
    findings = []
    if forward:
        try:
            valid = validate_email(forward, check_deliverability=False)
        except EmailNotValidError:
            findings.append(finding("CSV_C_INVALID", column="C", value=forward))
        else:
            if address and valid.local_part.casefold() == address.casefold():
                findings.append(finding("CSV_C_SELF", column="C", value=forward))
            similar = look_alikes(forward)
            if similar:  # a look-alike domain or a pasted name: the copy does not carry it on
                findings.append(finding("CSV_C_LOOKALIKE", column="C", value=forward, chars=" ".join(similar)))
    if delete and delete not in DELETE_VALUES:
        findings.append(finding("CSV_D_INVALID", column="D", value=delete))
    elif delete and not forward:
        findings.append(finding("CSV_D_WITHOUT_C", column="D"))
    elif forward and not delete:
        findings.append(finding("CSV_D_MISSING", column="D"))
    return findings
