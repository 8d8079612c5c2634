"""Client set-up files made from the data file at build time, and the links guides put to them.

    _profiles/<lang>/<name>.mobileconfig          Apple configuration profile, texts in <lang> (downloads.profile),
                                                  no address (the device asks for it)
    .well-known/autoconfig/mail/config-v1.1.xml   Thunderbird autoconfig (clientConfig 1.1)

Thunderbird asks ``https://autoconfig.<domain>/mail/config-v1.1.xml`` and then
``https://<domain>/.well-known/autoconfig/mail/config-v1.1.xml`` of the address's domain:
the file in this site is the one a domain owner copies there, adding their own
``<domain>``. Thunderbird also looks the MX host's domain up the same way, so a site
published at the hoster's own mail domain would serve every customer domain; no
entry of Thunderbird's ISPDB does so today.

Signing: when the build's environment names a certificate and its key
(:data:`SIGN_CERT`, :data:`SIGN_KEY`, optionally :data:`SIGN_CHAIN` for intermediate
certificates; paths, never files in the repository), every published profile is
signed (CMS/PKCS#7 with the content inside, as Apple expects, by ``openssl cms``),
and devices show it as verified. Without them the profiles are unsigned, and the build
says so once.

Both are written with the standard library (plistlib through mailcheck.profile,
xml.etree here) from ``servers`` and ``client_setup`` only: removing a port, or a
status from ``client_setup.autoconfig.statuses``, changes every file and guide at once.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
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
AUTOCONFIG_MIME = "text/xml"  # Debian's nginx mime.types for .xml; Thunderbird parses any XML type
HEADERS_FILE = "_headers"
SIGN_CERT, SIGN_KEY, SIGN_CHAIN = "KB_PROFILE_SIGN_CERT", "KB_PROFILE_SIGN_KEY", "KB_PROFILE_SIGN_CHAIN"
log = logging.getLogger("mkdocs.plugins.kb.client_files")

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


class SigningError(RuntimeError):
    """The build was asked to sign the profiles and could not: the message says why."""


def signer(environ: Mapping[str, str]) -> tuple[Path, Path, Path | None] | None:
    """(certificate, key, chain or None) named by the environment, or None to publish unsigned."""
    cert, key, chain = (environ.get(name, "").strip() for name in (SIGN_CERT, SIGN_KEY, SIGN_CHAIN))
    if not cert and not key:
        return None
    if not (cert and key):
        raise SigningError(f"{SIGN_CERT} and {SIGN_KEY} go together: set both (or neither, for unsigned profiles)")
    paths = [Path(cert), Path(key), *([Path(chain)] if chain else [])]
    missing = [str(path) for path in paths if not path.is_file()]
    if missing:
        raise SigningError(f"profile signing: no such file: {', '.join(missing)}")
    return paths[0], paths[1], paths[2] if chain else None


def sign(profile: bytes, cert: Path, key: Path, chain: Path | None = None) -> bytes:
    """``profile`` signed as CMS SignedData (DER) with the content inside, by ``openssl cms``."""
    openssl = shutil.which("openssl")
    if openssl is None:
        raise SigningError("profile signing needs the openssl command, which is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp) / "profile.mobileconfig", Path(tmp) / "signed.mobileconfig"
        source.write_bytes(profile)
        command = [openssl, "cms", "-sign", "-binary", "-nodetach", "-md", "sha256", "-outform", "DER",
                   "-signer", str(cert), "-inkey", str(key), "-in", str(source), "-out", str(target)]
        if chain is not None:
            command += ["-certfile", str(chain)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SigningError(f"openssl could not sign the profile: {done.stderr.strip()}")
        return target.read_bytes()


_said_unsigned = False


def publish(site_dir: Path, data: Mapping[str, Any], site_url: str | None, roots: Mapping[str, str],
            environ: Mapping[str, str] | None = None) -> None:
    """Write every language's profile (signed when the environment says how) and the autoconfig file.

    ``roots`` maps each language to its folder from the site root (``""``, ``fr/`` ...).
    Without a public ``site_url`` the autoconfig file has no documentation links:
    Thunderbird would have nothing to resolve a relative one against.
    """
    global _said_unsigned
    keys = signer(os.environ if environ is None else environ)
    if keys is None and not _said_unsigned:
        _said_unsigned = True
        log.info("Apple profiles are published unsigned (devices show 'Unsigned'): set %s and %s "
                 "to sign them", SIGN_CERT, SIGN_KEY)
    for lang in roots:
        profile = to_plist(build_profile(data, lang))
        compile_assets.write_if_changed(Path(site_dir) / profile_path(lang),
                                        profile if keys is None else sign(profile, *keys))
    documentation = documentation_urls(data, site_url, roots) if site_url else {}
    compile_assets.write_if_changed(Path(site_dir) / AUTOCONFIG, autoconfig(data, documentation))


def headers() -> str:
    """The ``_headers`` rules (Netlify, Cloudflare Pages) for the files above: their types.

    iOS offers to install a profile only when it comes as application/x-apple-aspen-config.
    """
    return (f"/{PROFILES}*\n  Content-Type: {PROFILE_MIME}\n"
            f"/{AUTOCONFIG}\n  Content-Type: {AUTOCONFIG_MIME}\n")


def write_headers(site_dir: Path) -> None:
    """Add :func:`headers` to the ``_headers`` file the CSP step wrote (sitebuild/csp.py)."""
    path = Path(site_dir) / HEADERS_FILE
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    if headers() not in existing:
        path.write_text(existing + headers(), encoding="utf-8")


def profile_link(lang: str, base: str) -> str:
    """``<!-- md:profile -->``: the published profile in the page's language."""
    return widget_markup.file_link(lang, "profile.download", base + profile_path(lang))


def autoconfig_link(lang: str, base: str) -> str:
    """``<!-- md:autoconfig -->``: the Thunderbird autoconfig file, for domain admins."""
    return widget_markup.file_link(lang, "autoconfig.link", base + AUTOCONFIG)
