"""Client set-up files made from the data file at build time, and the links guides put to them.

    _profiles/<lang>/<name>.mobileconfig          Apple configuration profile, texts in <lang> (downloads.profile),
                                                  no address (the device asks for it)
    .well-known/autoconfig/mail/config-v1.1.xml   Thunderbird autoconfig (clientConfig 1.1)

Thunderbird asks ``https://<domain>/.well-known/autoconfig/mail/config-v1.1.xml`` of the
address's domain, so the file in this site serves whoever hosts it at a mail domain, or
under ``autoconfig.<domain>``, and is the file to submit to Thunderbird's ISPDB (looked
up by the domain of the MX host, so one entry covers every customer domain).

Both are written with the standard library (plistlib through mailcheck.profile,
xml.etree here) from ``servers`` and ``client_setup`` only: removing a port, or a
status from ``client_setup.autoconfig.statuses``, changes every file and guide at once.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mailcheck.profile import build_profile, filename, to_plist
from sitebuild import (
    compile_assets,  # its write_if_changed: an unchanged file keeps its mtime
    widget_markup,
)

PROFILES = "_profiles/"
AUTOCONFIG = ".well-known/autoconfig/mail/config-v1.1.xml"
PROFILE_MIME = "application/x-apple-aspen-config"  # what the server must send (README, hosting)

# data file -> clientConfig 1.1 vocabulary
SERVER_TYPES = {"imap": "imap", "pop3": "pop3", "smtp": "smtp"}
SOCKET_TYPES = {"ssl": "SSL", "starttls": "STARTTLS", "plain": "plain"}
SERVER_TAGS = {"incoming": "incomingServer", "outgoing": "outgoingServer"}


def profile_path(lang: str) -> str:
    """Where the published profile in ``lang`` lives, from the site root."""
    return f"{PROFILES}{lang}/{filename(None, lang)}"


def servers(data: Mapping[str, Any], direction: str) -> list[tuple[str, Mapping[str, Any]]]:
    """(protocol id, port entry) of ``direction``, in the order of ``autoconfig.statuses``.

    Within one status the data file's order holds (IMAP before POP3); a status not
    listed leaves its ports out of the file.
    """
    order = data["client_setup"]["autoconfig"]["statuses"]
    found = [
        (proto["id"], entry)
        for proto in data["servers"]["protocols"] if proto["direction"] == direction
        for entry in proto["ports"] if entry["status"] in order
    ]
    return sorted(found, key=lambda item: order.index(item[1]["status"]))


def documentation_urls(data: Mapping[str, Any], site_url: str, roots: Mapping[str, str]) -> dict[str, str]:
    """Absolute URL of the documentation guide per language (directory URLs, as the site is built)."""
    page, _, anchor = data["client_setup"]["autoconfig"]["documentation"].partition("#")
    stem = page.removesuffix(".md")
    path = stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"
    base = site_url if site_url.endswith("/") else site_url + "/"
    return {lang: f"{base}{root}{path}{'#' + anchor if anchor else ''}" for lang, root in roots.items()}


def autoconfig(data: Mapping[str, Any], documentation: Mapping[str, str]) -> bytes:
    """``config-v1.1.xml``; ``documentation`` maps a language to its guide's absolute URL."""
    domains = data["client_setup"]["autoconfig"]["domains"]
    name = data["provider"]["name"]
    root = ET.Element("clientConfig", version="1.1")
    provider = ET.SubElement(root, "emailProvider", id=domains[0])
    for domain in domains:
        ET.SubElement(provider, "domain").text = domain
    ET.SubElement(provider, "displayName").text = name
    ET.SubElement(provider, "displayShortName").text = name
    for direction, tag in SERVER_TAGS.items():
        for protocol, entry in servers(data, direction):
            server = ET.SubElement(provider, tag, type=SERVER_TYPES[protocol])
            ET.SubElement(server, "hostname").text = data["servers"]["host"]
            ET.SubElement(server, "port").text = str(entry["port"])
            ET.SubElement(server, "socketType").text = SOCKET_TYPES[entry["security"]]
            ET.SubElement(server, "username").text = "%EMAILADDRESS%"  # the user name is the full address
            ET.SubElement(server, "authentication").text = "password-cleartext"  # LOGIN/PLAIN inside TLS
    for lang, url in documentation.items():
        doc = ET.SubElement(provider, "documentation", url=url)
        ET.SubElement(doc, "descr", lang=lang).text = data["labels"]["autoconfig.documentation"][lang]
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def publish(site_dir: Path, data: Mapping[str, Any], site_url: str | None, roots: Mapping[str, str]) -> None:
    """Write every language's profile and the autoconfig file into ``site_dir``.

    ``roots`` maps each language to its folder from the site root (``""``, ``fr/`` ...).
    Without a public ``site_url`` the autoconfig file has no documentation links:
    Thunderbird would have nothing to resolve a relative one against.
    """
    for lang in roots:
        compile_assets.write_if_changed(Path(site_dir) / profile_path(lang), to_plist(build_profile(data, lang)))
    documentation = documentation_urls(data, site_url, roots) if site_url else {}
    compile_assets.write_if_changed(Path(site_dir) / AUTOCONFIG, autoconfig(data, documentation))


def profile_link(lang: str, base: str) -> str:
    """``<!-- md:profile -->``: the published profile in the page's language."""
    return widget_markup.file_link(lang, "profile.download", base + profile_path(lang))


def autoconfig_link(lang: str, base: str) -> str:
    """``<!-- md:autoconfig -->``: the Thunderbird autoconfig file, for domain admins."""
    return widget_markup.file_link(lang, "autoconfig.link", base + AUTOCONFIG)
