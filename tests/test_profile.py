"""The Apple configuration profile: Apple's schema, the data file's values, stable identifiers."""

from __future__ import annotations

import plistlib
import re
from pathlib import Path

import pytest
import yaml
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st

import mailcheck.profile
from mailcheck.i18n import LANGUAGES, LOCALE_DIR
from mailcheck.policy import policy
from mailcheck.profile import Account, build_profile, filename, report, to_plist
from mailcheck.profile.codes import RULES

DATA = yaml.safe_load((Path(__file__).resolve().parent.parent / "data" / "mail.yml").read_text(encoding="utf-8"))
UUID = re.compile(r"^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$")

# Apple's device-management schema (mdm/profiles/TopLevel.yaml, com.apple.mail.managed.yaml):
# key -> (type, required). Optional keys we write are listed with their types too.
TOP_LEVEL = {
    "PayloadType": (str, True), "PayloadVersion": (int, True), "PayloadIdentifier": (str, True),
    "PayloadUUID": (str, True), "PayloadContent": (list, True), "PayloadDisplayName": (str, False),
    "PayloadDescription": (str, False), "PayloadOrganization": (str, False),
}
MAIL = {
    "PayloadType": (str, True), "PayloadVersion": (int, True), "PayloadIdentifier": (str, True),
    "PayloadUUID": (str, True), "PayloadDisplayName": (str, False),
    "EmailAccountType": (str, True), "IncomingMailServerHostName": (str, True),
    "IncomingMailServerAuthentication": (str, True), "OutgoingMailServerHostName": (str, True),
    "OutgoingMailServerAuthentication": (str, True),
    "IncomingMailServerPortNumber": (int, False), "IncomingMailServerUseSSL": (bool, False),
    "OutgoingMailServerPortNumber": (int, False), "OutgoingMailServerUseSSL": (bool, False),
    "OutgoingPasswordSameAsIncomingPassword": (bool, False), "EmailAccountDescription": (str, False),
    "EmailAddress": (str, False), "EmailAccountName": (str, False),
    "IncomingMailServerUsername": (str, False), "OutgoingMailServerUsername": (str, False),
    "allowMailDrop": (bool, False),
}
PASSWORD_KEYS = {"IncomingPassword", "OutgoingPassword"}


def _recommended(protocol: str) -> dict:
    proto = next(p for p in DATA["servers"]["protocols"] if p["id"] == protocol)
    return next(p for p in proto["ports"] if p["status"] == "recommended")


def _conforms(payload: dict, schema: dict) -> None:
    for key, (kind, required) in schema.items():
        if required:
            assert key in payload, key
        if key in payload:
            # bool is an int in Python: a port must not be written as <true/>
            assert isinstance(payload[key], kind) and (kind is bool or not isinstance(payload[key], bool)), key
    assert set(payload) <= set(schema), set(payload) - set(schema)


def _parsed(account: Account | None, lang: str) -> dict:
    return plistlib.loads(to_plist(build_profile(DATA, lang, account)))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("account", [None, Account("jane.doe@example.org", "Jane Doe")])
def test_profile_follows_apples_schema_and_the_data_file(account: Account | None, lang: str) -> None:
    profile = _parsed(account, lang)
    _conforms(profile, TOP_LEVEL)
    assert (profile["PayloadType"], profile["PayloadVersion"]) == ("Configuration", 1)
    [mail] = profile["PayloadContent"]
    _conforms(mail, MAIL)
    assert (mail["PayloadType"], mail["PayloadVersion"]) == ("com.apple.mail.managed", 1)
    assert mail["EmailAccountType"] == "EmailTypeIMAP"
    imap, smtp = _recommended("imap"), _recommended("smtp")
    assert mail["IncomingMailServerHostName"] == mail["OutgoingMailServerHostName"] == DATA["servers"]["host"]
    assert (mail["IncomingMailServerPortNumber"], mail["IncomingMailServerUseSSL"]) == (
        imap["port"], imap["security"] in {"ssl", "starttls"})
    assert (mail["OutgoingMailServerPortNumber"], mail["OutgoingMailServerUseSSL"]) == (
        smtp["port"], smtp["security"] in {"ssl", "starttls"})
    assert mail["IncomingMailServerAuthentication"] == mail["OutgoingMailServerAuthentication"] == "EmailAuthPassword"
    assert mail["OutgoingPasswordSameAsIncomingPassword"] is True
    assert not PASSWORD_KEYS & set(mail)
    assert all(UUID.match(p["PayloadUUID"]) for p in (profile, mail))
    assert mail["PayloadIdentifier"].startswith(profile["PayloadIdentifier"] + ".")
    assert profile["PayloadIdentifier"].startswith(DATA["client_setup"]["profile"]["identifier"])
    name = DATA["labels"]["profile.display_name"][lang].format(provider=DATA["provider"]["name"])
    assert mail["EmailAccountDescription"] == (name if account is None else account.address)
    assert mail["allowMailDrop"] is True, "an account added by hand may use Mail Drop"
    assert profile["PayloadDescription"] == DATA["labels"]["profile.description"][lang].format(
        provider=DATA["provider"]["name"])


def test_the_published_profile_leaves_the_account_to_the_device() -> None:
    [mail] = _parsed(None, "en")["PayloadContent"]
    personal = {"EmailAddress", "IncomingMailServerUsername", "OutgoingMailServerUsername", "EmailAccountName"}
    assert not personal & set(mail)


def test_a_personal_profile_names_the_account() -> None:
    [mail] = _parsed(Account("jane.doe@example.org", "Jane Doe"), "de")["PayloadContent"]
    assert mail["EmailAddress"] == mail["IncomingMailServerUsername"] == mail["OutgoingMailServerUsername"] == (
        "jane.doe@example.org")
    assert mail["EmailAccountName"] == "Jane Doe"
    assert mail["EmailAccountDescription"] == "jane.doe@example.org", "two addresses, two account names"
    [unnamed] = _parsed(Account("jane.doe@example.org"), "de")["PayloadContent"]
    assert "EmailAccountName" not in unnamed


def _ids(address: str) -> set[str]:
    profile = plistlib.loads(report(address, "", "en")["profile"].encode())
    return {profile["PayloadUUID"], profile["PayloadIdentifier"], profile["PayloadContent"][0]["PayloadUUID"],
            profile["PayloadContent"][0]["PayloadIdentifier"]}


def test_identifiers_are_derived_not_random() -> None:
    jane, john = Account("jane@example.org"), Account("john@example.org")
    first = [_parsed(a, "fr") for a in (None, jane, john)]
    again = [_parsed(a, lang) for a, lang in ((None, "de"), (jane, "it"), (john, "es"))]
    ids = [(p["PayloadUUID"], p["PayloadIdentifier"], p["PayloadContent"][0]["PayloadUUID"]) for p in first]
    assert ids == [(p["PayloadUUID"], p["PayloadIdentifier"], p["PayloadContent"][0]["PayloadUUID"]) for p in again]
    assert len({uid for triple in ids for uid in triple}) == 9, "every profile and payload has its own id"
    # the same mailbox, typed in another case, updates the same profile
    assert _ids("JANE@Example.ORG") == _ids("jane@example.org")
    assert to_plist(build_profile(DATA, "en", jane)) == to_plist(build_profile(DATA, "en", jane))


@pytest.mark.parametrize(("one", "other"), [
    ("straße@example.org", "strasse@example.org"), ("jane@straße.de", "jane@strasse.de"),
    ("STRASSE@example.org", "straße@example.org"), ("jane@bücher.example", "jane@bucher.example"),
    ("\u03c2@example.org", "\u03c3@example.org"), ("jane@example.org", "jane@example.org.ch"),
])
def test_distinct_addresses_never_share_an_identifier(one: str, other: str) -> None:
    """Lower-casing, not case folding (ß stays ß); the domain as an A-label."""
    assert not _ids(one) & _ids(other)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.from_regex(r"[a-zA-Z0-9._%+ßäöüÄÖÜ\u03c3\u03c2ΣжЖ-]{1,12}@[a-z0-9äöüß\u03c3\u03c2ж-]{1,10}\.(ch|de|org)",
                              fullmatch=True), min_size=2, max_size=2, unique_by=str.lower))
def test_distinct_mailboxes_never_share_a_uuid(pair: list[str]) -> None:
    made = [report(address, "", "en") for address in pair]
    if all(r["profile"] for r in made) and made[0]["address"].lower() != made[1]["address"].lower():
        assert not _ids(pair[0]) & _ids(pair[1]), pair


def test_an_idn_domain_is_written_in_ascii_where_the_server_reads_it() -> None:
    result = report("Jürg@Bücher.Example", "", "en")
    [mail] = plistlib.loads(result["profile"].encode())["PayloadContent"]
    login = "Jürg@xn--bcher-kva.example"
    assert mail["EmailAddress"] == mail["IncomingMailServerUsername"] == mail["OutgoingMailServerUsername"] == login
    assert mail["EmailAccountDescription"] == "Jürg@bücher.example", "the reader's own spelling names the account"
    assert result["filename"] == login + ".mobileconfig"
    assert [f["code"] for f in result["findings"]] == ["PROFILE_ADDRESS_NORMALIZED", "PROFILE_ADDRESS_ASCII_DOMAIN"]


def test_the_data_file_and_policy_json_give_the_same_profile() -> None:
    """The site (data file) and the CLI/browser (policy.json) build byte-identical profiles."""
    for account in (None, Account("jane@example.org", "Jane")):
        assert to_plist(build_profile(DATA, "it", account)) == to_plist(build_profile(policy(), "it", account))


def test_the_recommended_entries_drive_the_profile() -> None:
    """Another recommended port in the data file is all it takes to change every profile."""
    data = yaml.safe_load(yaml.safe_dump(DATA))
    smtp = next(p for p in data["servers"]["protocols"] if p["id"] == "smtp")
    for entry in smtp["ports"]:
        entry["status"] = "recommended" if entry["security"] == "starttls" else "supported"
    [mail] = build_profile(data, "en")["PayloadContent"]
    starttls = next(e for e in smtp["ports"] if e["security"] == "starttls")
    assert mail["OutgoingMailServerPortNumber"] == starttls["port"]


# (address, name) -> expected codes
CASES = [
    ("jane.doe@example.org", "", []),
    ("  jane.doe@example.org ", "Jane Doe", []),
    ("\ufeffjane.doe@example.org\u3000", "\tJane\u00a0Doe ", []),
    ("Jane.Doe@Example.ORG", "", ["PROFILE_ADDRESS_NORMALIZED"]),
    ("", "", ["PROFILE_ADDRESS_EMPTY"]),
    ("jane.doe", "", ["PROFILE_ADDRESS_NO_AT"]),
    ("jane doe@example.org", "", ["PROFILE_ADDRESS_CHARACTER"]),
    ("ja\u200bne@example.org", "", ["PROFILE_ADDRESS_CHARACTER"]),
    ("jane@exa\u202emple.org", "", ["PROFILE_ADDRESS_CHARACTER"]),
    ("jane@example.中国", "", ["PROFILE_ADDRESS_CHARACTER"]),
    ("jane@@example.org", "", ["PROFILE_ADDRESS_CHARACTER"]),
    ("jane@xn--bcher-kva.example", "", ["PROFILE_ADDRESS_ACE"]),
    ("jane@example", "", ["PROFILE_ADDRESS_INVALID"]),
    ("jane.@example.org", "", ["PROFILE_ADDRESS_INVALID"]),
    ("jane@-example.org", "", ["PROFILE_ADDRESS_INVALID"]),
    ("jane@example.123", "", ["PROFILE_ADDRESS_INVALID"]),
    ("j" * 65 + "@example.org", "", ["PROFILE_ADDRESS_INVALID"]),
    ("x" * 250 + "@example.org", "", ["PROFILE_ADDRESS_TOO_LONG"]),
    ("jane@example.org", "Jane\nDoe", ["PROFILE_NAME_CONTROL"]),
    ("jane@example.org", "J" * 200, ["PROFILE_NAME_TOO_LONG"]),
    ("jane@example.org", "Jane\ufffeDoe", ["PROFILE_NAME_NOT_XML"]),
    ("jane@example.org", "Jane\uffff", ["PROFILE_NAME_NOT_XML"]),
    ("jane@example.org", "Jane\ud800", ["PROFILE_NAME_NOT_XML"]),
    ("jane@example.org", "\u202eeoD enaJ", ["PROFILE_NAME_INVISIBLE"]),
    ("jane@example.org", "Ja\u200bne", ["PROFILE_NAME_INVISIBLE"]),
    ("jane@example.org", "Ja\u0000ne\u2066", ["PROFILE_NAME_CONTROL", "PROFILE_NAME_INVISIBLE"]),
    ("", "Ja\u2028ne", ["PROFILE_ADDRESS_EMPTY", "PROFILE_NAME_CONTROL"]),
]


@pytest.mark.parametrize(("address", "name", "codes"), CASES)
def test_address_and_name_findings(address: str, name: str, codes: list[str]) -> None:
    result = report(address, name, "en")
    assert [f["code"] for f in result["findings"]] == codes
    rejected = any(RULES[c].severity.value == "error" for c in codes)
    assert result["verdict"] == ("reject" if rejected else "accept")
    assert (result["profile"] is None) == rejected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_report_in_every_language(lang: str) -> None:
    good, bad = report("jane@example.org", "Jane", lang), report("jane", "", lang)
    assert good["filename"] == "jane@example.org.mobileconfig"
    assert "jane@example.org" in good["summary"]
    assert plistlib.loads(good["profile"].encode())["PayloadContent"][0]["EmailAddress"] == "jane@example.org"
    assert bad["filename"] is None and bad["profile"] is None
    [finding] = bad["findings"]
    assert "jane" in finding["message"]
    if lang != "en":
        assert finding["message"] != report("jane", "", "en")["findings"][0]["message"]


def test_file_name_never_becomes_a_path() -> None:
    assert filename(Account("a/b@example.org")) == "a_b@example.org.mobileconfig"
    assert filename(None) == "mail.mobileconfig"


ODD = st.sampled_from(["\ufffe", "\uffff", "\ud800", "\udfff", "\x00", "\x1b", "\u202e", "\u200b", "\ufeff",
                       "\u2028", "\U0010fffe", "\ufdd0", "&", "<", "]]>", "ß", "Σ", "ж", "\u0301"])
ANY_TEXT = st.lists(st.one_of(st.characters(), ODD), max_size=60).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(ANY_TEXT, st.text(max_size=400), st.builds("{}@{}".format, ANY_TEXT, ANY_TEXT)),
       st.one_of(ANY_TEXT, st.text(max_size=200)))
def test_any_input_gives_a_valid_profile_or_a_finding(address: str, name: str) -> None:
    """Surrogates, noncharacters, controls, bidi: a parsable profile of Apple's schema, or an error finding."""
    result = report(address, name, "de")
    assert result["verdict"] in {"accept", "reject"}
    if result["profile"] is None:
        assert any(f["severity"] == "error" for f in result["findings"])
        return
    profile = plistlib.loads(result["profile"].encode("utf-8"))
    _conforms(profile, TOP_LEVEL)
    [mail] = profile["PayloadContent"]
    _conforms(mail, MAIL)
    assert not PASSWORD_KEYS & set(mail)


def test_profile_template_matches_the_code() -> None:
    """profile.pot is regenerated whenever a message id changes in mailcheck/profile (see widgets/README)."""
    in_code = {message for _, _, message, *_ in extract_from_dir(Path(mailcheck.profile.__file__).parent,
                                                              keywords={**DEFAULT_KEYWORDS, "NP_": (1, 2)})}
    with (LOCALE_DIR / "profile.pot").open("rb") as pot:
        assert in_code == {m.id for m in read_po(pot) if m.id}


def test_the_readme_lists_every_code_with_its_message() -> None:
    readme = (Path(__file__).resolve().parent.parent / "widgets" / "README.md").read_text(encoding="utf-8")
    for code, rule in RULES.items():
        assert f"| `{code}` | {rule.severity.value} | {rule.source} | {rule.message} |" in readme, code
