"""The client set-up files the build publishes: Thunderbird autoconfig and the static Apple profiles."""

from __future__ import annotations

import copy
import plistlib
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from mailcheck.i18n import LANGUAGES
from mailcheck.profile import build_profile, to_plist
from sitebuild import client_files, maildata

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "mail.yml"
DATA = maildata.load(DATA_FILE)
ROOTS = {lang: "" if lang == "en" else f"{lang}/" for lang in LANGUAGES}
SITE_URL = "https://help.example.org/mail/"

# clientConfig 1.1 (Thunderbird's ISPDB format, draft-ietf-mailmaint-autoconfig)
PROVIDER_ORDER = ["domain", "displayName", "displayShortName", "incomingServer", "outgoingServer", "documentation"]
SERVER_CHILDREN = ["hostname", "port", "socketType", "username", "authentication"]
SOCKET_TYPES = {"SSL", "STARTTLS", "plain"}
AUTHENTICATION = {"password-cleartext", "password-encrypted", "NTLM", "GSSAPI", "client-IP-address",
                  "TLS-client-cert", "OAuth2", "none"}
TYPES = {"incomingServer": {"imap", "pop3"}, "outgoingServer": {"smtp"}}


def _xml(data: dict = DATA, site_url: str | None = SITE_URL) -> ET.Element:
    docs = client_files.documentation_urls(data, site_url, ROOTS) if site_url else {}
    return ET.fromstring(client_files.autoconfig(data, docs))


def _rank(tag: str) -> int:
    return PROVIDER_ORDER.index(tag)


def test_autoconfig_follows_clientconfig_1_1() -> None:
    root = _xml()
    assert (root.tag, root.attrib) == ("clientConfig", {"version": "1.1"})
    [provider] = list(root)
    assert provider.tag == "emailProvider" and provider.get("id") == DATA["client_setup"]["autoconfig"]["domains"][0]
    tags = [child.tag for child in provider]
    assert tags == sorted(tags, key=_rank), "children in the order the format fixes"
    assert [d.text for d in provider.findall("domain")] == DATA["client_setup"]["autoconfig"]["domains"]
    assert provider.findtext("displayName") == DATA["provider"]["name"]
    for tag, types in TYPES.items():
        for server in provider.findall(tag):
            assert server.get("type") in types
            assert [child.tag for child in server] == SERVER_CHILDREN
            assert server.findtext("socketType") in SOCKET_TYPES
            assert server.findtext("authentication") in AUTHENTICATION
            assert server.findtext("username") == "%EMAILADDRESS%"
            assert int(server.findtext("port")) > 0


def _expected(direction: str, statuses: list[str]) -> list[tuple[str, str, int, str]]:
    entries = [(proto["id"], DATA["servers"]["host"], p["port"], p["security"], p["status"])
               for proto in DATA["servers"]["protocols"] if proto["direction"] == direction
               for p in proto["ports"] if p["status"] in statuses]
    entries.sort(key=lambda e: statuses.index(e[4]))
    return [(kind, host, port, {"ssl": "SSL", "starttls": "STARTTLS"}[sec]) for kind, host, port, sec, _ in entries]


def _servers(root: ET.Element, tag: str) -> list[tuple[str, str, int, str]]:
    return [(s.get("type"), s.findtext("hostname"), int(s.findtext("port")), s.findtext("socketType"))
            for s in root.iter(tag)]


def test_autoconfig_lists_every_server_of_the_data_file_recommended_first() -> None:
    root, statuses = _xml(), DATA["client_setup"]["autoconfig"]["statuses"]
    assert _servers(root, "incomingServer") == _expected("incoming", statuses)
    assert _servers(root, "outgoingServer") == _expected("outgoing", statuses)
    imap = next(p for p in DATA["servers"]["protocols"] if p["id"] == "imap")
    first = next(p for p in imap["ports"] if p["status"] == "recommended")
    assert _servers(root, "incomingServer")[0][:3] == ("imap", DATA["servers"]["host"], first["port"])
    assert len(_servers(root, "incomingServer")) + len(_servers(root, "outgoingServer")) == sum(
        len(p["ports"]) for p in DATA["servers"]["protocols"])


def test_the_data_file_is_the_switch() -> None:
    """Leaving a status out of client_setup.autoconfig.statuses, or a port out of servers, is all it takes."""
    data = copy.deepcopy(DATA)
    data["client_setup"]["autoconfig"]["statuses"] = ["recommended"]
    assert _servers(_xml(data), "incomingServer") == _expected("incoming", ["recommended"])
    assert _servers(_xml(data), "outgoingServer") == _expected("outgoing", ["recommended"])
    data = copy.deepcopy(DATA)
    data["servers"]["protocols"] = [p for p in data["servers"]["protocols"] if p["id"] != "pop3"]
    assert {kind for kind, *_ in _servers(_xml(data), "incomingServer")} == {"imap"}


def test_documentation_links_the_ports_guide_in_every_language() -> None:
    docs = _xml().findall("emailProvider/documentation")
    assert [d.find("descr").get("lang") for d in docs] == list(LANGUAGES)
    urls = {d.find("descr").get("lang"): d.get("url") for d in docs}
    assert urls["en"] == SITE_URL + "clients/ports-and-protocols/#ports"
    assert urls["de"] == SITE_URL + "de/clients/ports-and-protocols/#ports"
    for doc in docs:
        lang = doc.find("descr").get("lang")
        assert doc.findtext("descr") == DATA["labels"]["autoconfig.documentation"][lang]
    page = DATA["client_setup"]["autoconfig"]["documentation"].partition("#")[0]
    assert all((DATA_FILE.parent.parent / "docs" / lang / page).is_file() for lang in LANGUAGES)


def test_without_a_public_address_no_relative_documentation_link() -> None:
    assert _xml(site_url=None).findall("emailProvider/documentation") == []


def test_publish_writes_every_profile_and_the_autoconfig_once(tmp_path: Path) -> None:
    client_files.publish(tmp_path, DATA, SITE_URL, ROOTS)
    for lang in LANGUAGES:
        path = tmp_path / client_files.profile_path(lang)  # the file name is the language's
        assert path.read_bytes() == to_plist(build_profile(DATA, lang))
        assert plistlib.loads(path.read_bytes())["PayloadType"] == "Configuration"
    autoconfig = tmp_path / ".well-known" / "autoconfig" / "mail" / "config-v1.1.xml"
    assert autoconfig.read_bytes().startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    stamps = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}
    client_files.publish(tmp_path, DATA, SITE_URL, ROOTS)
    assert stamps == {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}


def test_links_point_at_the_published_files() -> None:
    link = client_files.profile_link("fr", "../../")
    assert 'href="../../_profiles/fr/messagerie.mobileconfig"' in link and "profil général" in link
    assert "(one address per device)" in client_files.profile_link("en", "./"), "not named like the personal one"
    # no download attribute: iOS Safari installs a profile only when it opens the file itself
    assert not re.search(r"<a [^>]*\bdownload\b", link)
    link = client_files.autoconfig_link("de", "../")
    assert 'href="../.well-known/autoconfig/mail/config-v1.1.xml"' in link and "Thunderbird" in link


def test_an_unknown_status_in_the_switch_names_key_and_line(tmp_path: Path) -> None:
    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    data["client_setup"]["autoconfig"]["statuses"].append("recomended")
    path = tmp_path / "mail.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(maildata.DataError, match=r":\d+: client_setup\.autoconfig\.statuses\[3\]: no port has status"):
        maildata.load(path)


def test_headers_give_the_profile_and_autoconfig_types(tmp_path: Path) -> None:
    (tmp_path / "_headers").write_text("/*\n  Content-Security-Policy: default-src 'none'\n", encoding="utf-8")
    client_files.write_headers(tmp_path)
    client_files.write_headers(tmp_path)  # once only, however often the build runs it
    assert (tmp_path / "_headers").read_text(encoding="utf-8") == (
        "/*\n  Content-Security-Policy: default-src 'none'\n"
        "/_profiles/*\n  Content-Type: application/x-apple-aspen-config\n"
        "/.well-known/autoconfig/mail/config-v1.1.xml\n  Content-Type: text/xml\n")


def test_the_built_site_serves_the_files_and_the_guides_link_them(built_site: Path) -> None:
    headers = (built_site / "_headers").read_text(encoding="utf-8")
    assert headers.startswith("/*\n  Content-Security-Policy: ") and headers.endswith(client_files.headers())
    for lang in LANGUAGES:
        profile = built_site / client_files.profile_path(lang)
        assert profile.read_bytes() == to_plist(build_profile(DATA, lang))
    autoconfig = built_site / ".well-known" / "autoconfig" / "mail" / "config-v1.1.xml"
    assert autoconfig.read_bytes() == client_files.autoconfig(DATA, {})  # built without SITE_URL
    for lang in LANGUAGES:
        folder = built_site / ("" if lang == "en" else lang) / "clients"
        html = "".join((folder / guide / "index.html").read_text(encoding="utf-8")
                       for guide in ("iphone-ipad", "apple-mail", "thunderbird"))
        links = set(re.findall(r'href="([^"]*(?:mobileconfig|config-v1\.1\.xml))"', html))
        assert any(link.endswith(client_files.profile_path(lang)) for link in links)
        assert any(link.endswith("config-v1.1.xml") for link in links)
        for link in links:
            assert (folder / "apple-mail" / link).resolve().is_file(), link
