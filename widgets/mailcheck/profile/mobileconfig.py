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
    """What a personal profile adds: the address (the user name too) and a display name."""

    address: str
    name: str = ""


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


def profile_uuid(data: Mapping[str, Any], account: Account | None) -> uuid.UUID:
    """The top-level PayloadUUID: from the identifier prefix, and the address when there is one.

    The address is case-folded: ``Jane@Example.org`` and ``jane@example.org`` reach
    the same mailbox and should update, not duplicate, each other's profile.
    """
    site = uuid.uuid5(uuid.NAMESPACE_DNS, data["client_setup"]["profile"]["identifier"])
    return site if account is None else uuid.uuid5(site, account.address.casefold())


def build_profile(data: Mapping[str, Any], lang: str, account: Account | None = None) -> dict[str, Any]:
    """The profile as a dict ready for :mod:`plistlib`, texts in ``lang``.

    Without ``account`` the device asks for the address, user name and password on
    installation (the profile the site publishes); with one, only for the password.
    """
    prefix = data["client_setup"]["profile"]["identifier"]
    top = profile_uuid(data, account)
    identifier = prefix if account is None else f"{prefix}.{top}"
    host = data["servers"]["host"]
    username = None if account is None else account.address
    display_name = _text(data, "profile.display_name", lang)
    mail: dict[str, Any] = {
        "PayloadType": MAIL_PAYLOAD,
        "PayloadVersion": 1,
        "PayloadIdentifier": f"{identifier}.{MAIL_PAYLOAD}",
        "PayloadUUID": str(uuid.uuid5(top, MAIL_PAYLOAD)).upper(),
        "PayloadDisplayName": display_name,
        "EmailAccountDescription": display_name,
        "EmailAccountType": "EmailTypeIMAP",
        **_server("Incoming", host, recommended(data, "imap"), username),
        **_server("Outgoing", host, recommended(data, "smtp"), username),
        "OutgoingPasswordSameAsIncomingPassword": True,
    }
    if account is not None:
        mail["EmailAddress"] = account.address
        if account.name:
            mail["EmailAccountName"] = account.name
    return {
        "PayloadType": "Configuration",
        "PayloadVersion": 1,
        "PayloadIdentifier": identifier,
        "PayloadUUID": str(top).upper(),
        "PayloadDisplayName": display_name if account is None else f"{display_name} ({account.address})",
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
