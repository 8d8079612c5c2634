"""The hoster's rules as data: ``policy.json``, generated from ``data/mail.yml``.

``sitebuild/compile_assets.py`` writes the file at build time, so the same values
reach the guides, the CLI and the browser without YAML at run time.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import TypedDict


class ProviderPolicy(TypedDict):
    name: str  # the hoster's name: in the checkers' messages and the client set-up profile
    smtp_greeting: str  # the text after "220 " in the hoster's greeting
    smtp_banner_host: str  # the name the hoster's MX announces


class HeloPolicy(TypedDict):
    banned: list[str]  # names refused whatever their syntax
    reject_reply: str  # the RCPT TO reply, with an ``{address}`` placeholder
    max_input_bytes: int  # what the checker reads of a paste (UTF-8); the rest is cut and reported


class PasswordPolicy(TypedDict):
    min_length: int
    max_length: int
    min_zxcvbn_score: int


class CsvPolicy(TypedDict):
    delimiter: str
    max_bytes: int
    max_rows: int
    example_rows: dict[str, list[list[str]]]  # language -> the template's example rows
    example_passwords: list[str]  # the guides' example passwords, refused like the template's


class LimitsPolicy(TypedDict):
    batch_addresses_per_day: int
    recipients_per_message: int  # To, Cc and Bcc together
    max_message_bytes: int  # the largest message the hoster accepts (the bounce explainer quotes it)


class RefusalPolicy(TypedDict):
    id: str  # "rbl"; the bogus-HELO reply is helo.reject_reply
    reason: str  # one of mailcheck.bounce.codes.REASONS
    text: str  # the hoster's words, with {address} for any address
    source: str  # the hoster's page that quotes it
    remedy: dict[str, str]  # language -> the hoster's advice


class BouncePolicy(TypedDict):
    max_input_bytes: int  # what the bounce explainer reads of a paste
    refusals: list[RefusalPolicy]


class RecipientsPolicy(TypedDict):
    max_bytes: int  # the most text the recipient counter reads


class FeedbackPolicy(TypedDict):
    channel: str  # an id of ``links``; its label ``link.<id>`` is in ``labels``


class PortPolicy(TypedDict):
    port: int
    security: str  # "ssl" or "starttls"
    status: str  # "recommended", "supported", "not_recommended"


class ProtocolPolicy(TypedDict):
    id: str  # "imap", "pop3", "smtp"
    direction: str  # "incoming" or "outgoing"
    ports: list[PortPolicy]


class ServersPolicy(TypedDict):
    host: str
    protocols: list[ProtocolPolicy]


class ProfilePolicy(TypedDict):
    identifier: str  # reverse-DNS prefix of the profile's PayloadIdentifiers


class ClientSetupPolicy(TypedDict):
    profile: ProfilePolicy


class Policy(TypedDict):
    provider: ProviderPolicy
    helo: HeloPolicy
    passwords: PasswordPolicy
    csv: CsvPolicy
    limits: LimitsPolicy
    feedback: FeedbackPolicy
    recipients: RecipientsPolicy
    bounce: BouncePolicy
    servers: ServersPolicy
    client_setup: ClientSetupPolicy
    labels: dict[str, dict[str, str]]  # label key -> language -> text
    downloads: dict[str, dict[str, str]]  # kind -> language -> file name, see download_name


def download_name(kind: str, lang: str, **fields: object) -> str:
    """The name of a file the reader downloads (``downloads`` in the data file), in ``lang``:
    ``modele-adresses.csv``, ``ventes-partie-2-sur-3.csv``. ``fields``: ``stem``, ``index``, ``total``."""
    return policy()["downloads"][kind][lang].format(**fields)


class PolicyMissing(RuntimeError):
    """``policy.json`` was not generated: a build step was skipped, not a reader's error."""


@cache
def policy() -> Policy:
    """The parsed ``policy.json`` shipped inside the package (read once per process)."""
    try:
        text = resources.files("mailcheck").joinpath("policy.json").read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise PolicyMissing(
            "mailcheck/policy.json is missing: run `python -m sitebuild.compile_assets`"
        ) from error
    return json.loads(text)
