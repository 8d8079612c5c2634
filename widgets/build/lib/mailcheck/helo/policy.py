"""The hoster's rules on top of the RFC: what its servers answer with "bogus HELO".

The seed guide names the refused kinds: a bare IP address, an address literal,
``localhost``, a name without a domain (``www``) and names on a ban list (kept in
``data/mail.yml``, shipped in ``policy.json``). RFC 6761 §6.3 makes ``localhost`` and
every name under ``.localhost`` loopback, so all of them are refused; a name under a
real domain whose first label merely says ``localhost`` is legal and only warned about.
On top of that, two warnings for names that pass here but look wrong to many
receivers: private or reserved suffixes and names of dynamic address pools.
"""

from __future__ import annotations

import re

from mailcheck.findings import Finding
from mailcheck.helo.codes import finding
from mailcheck.helo.grammar import is_ip_address
from mailcheck.policy import policy

# First labels that name the machine itself (the /etc/hosts aliases of common systems).
LOCAL_HOST_LABELS = frozenset({"localhost", "localhost4", "localhost6", "ip6-localhost", "ip6-loopback"})
# Default domains those aliases come with (localhost.localdomain, localhost6.localdomain6).
LOCAL_DOMAINS = frozenset({"localdomain", "localdomain4", "localdomain6"})

# Suffixes that never resolve in public DNS: RFC 2606/6761 (test, example, invalid,
# localhost), RFC 6762 (local, and Appendix G's private ones), RFC 8375 (home.arpa),
# RFC 9476 (alt), RFC 7686 (onion), plus "localdomain" from many default setups.
SPECIAL_USE_SUFFIXES = (
    "local", "lan", "internal", "intranet", "private", "corp", "home", "home.arpa",
    "localdomain", "test", "example", "invalid", "localhost", "alt", "onion",
)

# An IPv4 address written into a name: 192-168-1-2, 10.0.0.1, host-10-0-0-1 ...
_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_EMBEDDED_IPV4 = re.compile(rf"(?<![0-9]){_OCTET}(?:[-.]{_OCTET}){{3}}(?![0-9])", re.ASCII)


def normalise(value: str) -> str:
    """The name as DNS compares it: case-folded, without one trailing dot."""
    name = value.lower()
    return name[:-1] if len(name) > 1 and name.endswith(".") else name


def check(value: str) -> list[Finding]:
    """Policy findings for one HELO argument (already trimmed of outer blanks)."""
    if not value:
        return []  # grammar reports HELO_EMPTY
    if is_ip_address(value):
        return [finding("HELO_BARE_IP", part=value)]
    if value.startswith("["):
        return [finding("HELO_ADDRESS_LITERAL", part=value)]
    name = normalise(value)
    labels = name.split(".")
    findings = []
    loopback = is_loopback(name)
    if loopback:
        findings.append(finding("HELO_LOOPBACK", part=value))
    elif labels[0] in LOCAL_HOST_LABELS:
        local_alias = len(labels) == 1 or (len(labels) == 2 and labels[1] in LOCAL_DOMAINS)
        findings.append(finding("HELO_LOCALHOST" if local_alias else "HELO_LOCAL_LABEL", part=value))
    elif len(labels) == 1:
        findings.append(finding("HELO_SINGLE_LABEL", part=value))
    if name in {banned.lower() for banned in policy()["helo"]["banned"]}:
        findings.append(finding("HELO_BANNED", part=value))
    suffix = special_use_suffix(name)
    if suffix is not None and not loopback:  # "reserved suffix" would only repeat the loopback error
        findings.append(finding("HELO_SPECIAL_USE", part="." + suffix))
    if _EMBEDDED_IPV4.search(name):
        findings.append(finding("HELO_DYNAMIC", part=value))
    return findings


def is_loopback(name: str) -> bool:
    """RFC 6761 §6.3: ``localhost`` and all of ``.localhost``, plus the common ``localhost.localdomain``.

    ``name`` is already normalised (lower case, one trailing dot removed).
    """
    return name in {"localhost", "localhost.localdomain"} or name.endswith(".localhost")


def special_use_suffix(name: str) -> str | None:
    """The reserved suffix ``name`` lies under, if any (a bare ``local`` is a single label)."""
    for suffix in SPECIAL_USE_SUFFIXES:
        if name.endswith("." + suffix):
            return suffix
    return None
