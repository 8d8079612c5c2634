"""One HELO value in, findings out: the RFC grammar first, then the hoster's policy."""

from __future__ import annotations

from mailcheck.findings import Finding
from mailcheck.helo import grammar, policy
from mailcheck.helo.extract import BLANKS


def check(value: str) -> list[Finding]:
    """Findings for one HELO/EHLO argument; blanks around it are ignored, as Postfix does.

    A bare IP address skips the name grammar: "the last label is only digits" would
    only confuse a reader whose real problem is sending an address instead of a name.
    """
    value = value.strip(BLANKS)
    if grammar.is_ip_address(value):
        return policy.check(value)
    return grammar.check(value) + policy.check(value)
