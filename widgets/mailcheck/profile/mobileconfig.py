"""Build the ``com.apple.mail.managed`` configuration profile from the data file.

Pure: the data (``data/mail.yml`` as the hooks load it, or the same keys from
``policy.json``) goes in, a property list comes out. Keys and types follow Apple's
device-management schema (mdm/profiles/com.apple.mail.managed.yaml and TopLevel.yaml).

Identifiers are derived, never random: a rebuild gives the same PayloadUUIDs, so a
device that installs the profile again sees an update of the same profile, not a
second account. A personal profile's UUID comes from its address as well, so two
addresses on one device stay two profiles. No password key is ever written: a
password belongs only in an encrypted profile, and the device asks for it anyway.
"""

from __future__ import annotations

import plistlib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mailcheck.policy import download_name

MAIL_PAYLOAD = "com.apple.mail.managed"
# Apple's schema says "Use SSL"; Mail then speaks TLS from the start (SSL) or
# upgrades with STARTTLS on the same setting, so both are true and nothing is clear text.
USE_SSL = {"ssl": True, "starttls": True}


@dataclass(frozen=True)
class Account:
    """What a personal profile adds: the address (the user name too) and a display name.

    ``address`` has its domain in ASCII (A-label) form: it is the login and the sending
    address, and an ASCII domain is what every server accepts (a Unicode domain in a
    sender address needs SMTPUTF8 on every hop). ``shown`` is the same address with
    the domain as the reader typed it (lower case): it names the profile and account.
    """

    address: str
    name: str = ""
    shown: str = ""

    @property
    def identity(self) -> str:
        """What the identifiers derive from: local part lower-cased, domain as A-label.

        Lower-casing, not case folding: ``straße`` and ``strasse`` are two mailboxes.
        """
        local, _, domain = self.address.rpartition("@")
        return f"{local.lower()}@{domain.lower()}"

    @property
    def label(self) -> str:
        return self.shown or self.address


def recommended(data: Mapping[str, Any], protocol: str) -> Mapping[str, Any]:
    """The recommended port entry of ``protocol`` (the data file guarantees one for IMAP and SMTP)."""
    for proto in data["servers"]["protocols"]:
        if proto["id"] == protocol:
            for entry in proto["ports"]:
                if entry["status"] == "recommended":
                    return entry
    raise KeyError(f"servers.protocols: no recommended port for {protocol}")


def _server(direction: str, host: str, entry: Mapping[str, Any], username: str | None) -> dict[str, Any]:
    keys: dict[str, Any] = {
        f"{direction}MailServerHostName": host,
        f"{direction}MailServerPortNumber": entry["port"],
        f"{direction}MailServerUseSSL": USE_SSL[entry["security"]],
        f"{direction}MailServerAuthentication": "EmailAuthPassword",
    }
    if username is not None:
        keys[f"{direction}MailServerUsername"] = username
    return keys


def _text(data: Mapping[str, Any], key: str, lang: str) -> str:
    return data["labels"][key][lang].format(provider=data["provider"]["name"])


def site_namespace(data: Mapping[str, Any]) -> uuid.UUID:
    """The UUID every personal profile's UUID derives from (and the published profile's own)."""
    return uuid.uuid5(uuid.NAMESPACE_DNS, data["client_setup"]["profile"]["identifier"])


def profile_uuid(data: Mapping[str, Any], account: Account | None) -> uuid.UUID:
    """The top-level PayloadUUID: from the identifier prefix, and the address when there is one.

    From :attr:`Account.identity`: ``Jane@Example.org`` and ``jane@example.org`` reach
    the same mailbox and update, not duplicate, each other's profile, while
    ``jane@straße.de`` and ``jane@strasse.de`` stay two profiles.
    """
    site = site_namespace(data)
    return site if account is None else uuid.uuid5(site, account.identity)


@dataclass(frozen=True)
class Identifiers:
    """The three derived values a profile carries (the page's template has tokens in their place)."""

    identifier: str
    uuid: str
    mail_uuid: str


def identifiers(data: Mapping[str, Any], account: Account | None) -> Identifiers:
    """PayloadIdentifier and the two PayloadUUIDs, derived, never random."""
    prefix = data["client_setup"]["profile"]["identifier"]
    top = profile_uuid(data, account)
    identifier = prefix if account is None else f"{prefix}.{top}"
    return Identifiers(identifier, str(top).upper(), str(uuid.uuid5(top, MAIL_PAYLOAD)).upper())


def build_profile(data: Mapping[str, Any], lang: str, account: Account | None = None,
                  ids: Identifiers | None = None) -> dict[str, Any]:
    """The profile as a dict ready for :mod:`plistlib`, texts in ``lang``.

    Without ``account`` the device asks for the address, the user names and the
    password on installation (the profile the site publishes); with one, only for the
    password. ``ids`` replaces the derived identifiers (the page's template only).
    """
    ids = ids or identifiers(data, account)
    host = data["servers"]["host"]
    username = None if account is None else account.address
    display_name = _text(data, "profile.display_name", lang)
    mail: dict[str, Any] = {
        "PayloadType": MAIL_PAYLOAD,
        "PayloadVersion": 1,
        "PayloadIdentifier": f"{ids.identifier}.{MAIL_PAYLOAD}",
        "PayloadUUID": ids.mail_uuid,
        "PayloadDisplayName": display_name,
        # A hand-made account is described by its address; two profiles, two names.
        "EmailAccountDescription": display_name if account is None else account.label,
        "EmailAccountType": "EmailTypeIMAP",
        **_server("Incoming", host, recommended(data, "imap"), username),
        **_server("Outgoing", host, recommended(data, "smtp"), username),
        "OutgoingPasswordSameAsIncomingPassword": True,
        # Apple's default is false, while an account added by hand may send large
        # attachments through Mail Drop: a profile must not take that away.
        "allowMailDrop": True,
    }
    if account is not None:
        mail["EmailAddress"] = account.address
        if account.name:
            mail["EmailAccountName"] = account.name
    return {
        "PayloadType": "Configuration",
        "PayloadVersion": 1,
        "PayloadIdentifier": ids.identifier,
        "PayloadUUID": ids.uuid,
        "PayloadDisplayName": display_name if account is None else f"{display_name} ({account.label})",
        "PayloadDescription": _text(data, "profile.description", lang),
        "PayloadOrganization": data["provider"]["name"],
        "PayloadContent": [mail],
    }


def to_plist(profile: Mapping[str, Any]) -> bytes:
    """The XML property list, keys sorted: the same profile gives the same bytes."""
    return plistlib.dumps(dict(profile), fmt=plistlib.FMT_XML, sort_keys=True)


def filename(account: Account | None, lang: str = "en") -> str:
    """The download name: ``<address>.mobileconfig``, or without one the site's profile in
    ``lang`` (``downloads.profile`` in the data file: ``mail.mobileconfig``, ``messagerie.mobileconfig``).

    A local part may hold ``/`` (RFC 5322 atext); it must not become a folder.
    """
    if account is None:
        return download_name("profile", lang)
    return account.address.replace("/", "_").replace("\\", "_") + ".mobileconfig"
