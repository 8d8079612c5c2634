"""Pastes that real systems wrote give exactly the HELO value they show, and nothing else.

The corpora (``tests/fixtures/helo/``, read by :mod:`sitebuild.testing.helo_pastes`):
what Postfix, Exim, OpenSMTPD and swaks wrote here (``make_corpus.py``), what client
libraries print in debug mode here (``make_clients.py``), and what other systems wrote
as published in their code, documentation, bug reports and mailing lists, each paste
with its source. A paste that shows no HELO must give none: placeholders, reverse names,
the server's own names and webmail hops are traps, not values.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from mailcheck.helo import report
from mailcheck.helo.extract import RULES, extract
from sitebuild.testing.helo_pastes import found_as_expected, load

PASTES = load()
MTAS = {"postfix", "exim", "opensmtpd"}


def _id(index: int) -> str:
    paste = PASTES[index]
    return f"{paste.writer}-{paste.kind}-{index}"


def test_the_corpora_cover_forty_writers_and_many_kinds_of_text() -> None:
    writers = Counter(paste.writer for paste in PASTES)
    kinds = {(paste.writer, paste.kind) for paste in PASTES}
    assert len(writers) >= 40, sorted(writers)
    assert len({kind for _, kind in kinds}) >= 10
    several = [writer for writer in writers if len({k for w, k in kinds if w == writer}) >= 2]
    assert len(several) >= 8, several
    assert sum(paste.refusal for paste in PASTES) >= 30  # refusals without the name
    assert {paste.writer for paste in PASTES if paste.kind == "received-header"} >= MTAS | {
        "sendmail", "qmail", "exchange-online", "iis-smtpsvc", "haraka", "ironport", "communigate", "courier"}
    assert sum(not paste.expected and not paste.uncertain for paste in PASTES) >= 40  # traps: no value


def test_every_published_paste_names_its_source() -> None:
    for paste in PASTES:
        if paste.file == "published.jsonl":
            assert paste.source.startswith("https://"), paste


def test_the_corpus_holds_the_wrap_traps_as_the_mtas_wrote_them() -> None:
    """Bounces whose continuation starts with "Helo command rejected", and wrapped ``Out:``
    replies whose continuation holds only "HELO": neither is a HELO command."""
    texts = [paste.text for paste in PASTES]
    assert sum("\n    Helo command rejected" in text for text in texts) >= 3
    assert sum("bogus\n     HELO\n" in text for text in texts) >= 3


@pytest.mark.parametrize("index", range(len(PASTES)), ids=_id)
def test_a_real_paste_gives_exactly_the_values_it_shows(index: int) -> None:
    paste = PASTES[index]
    found, _ = extract(paste.text)
    assert found_as_expected(paste, found), ([(item.value, item.rule, item.certain) for item in found], paste)
    if paste.refusal:
        assert [(r["helo"], [f["code"] for f in r["findings"]]) for r in report(paste.text, "en")] == [
            (None, ["HELO_REFUSED_NOT_SHOWN"])]


# Forms that issue 21's survey of published pastes names but of which the corpora hold no
# paste with a citable source yet; each is a rule so that the form is read, and each waits
# for its paste. The list may only shrink.
FORMS_WITHOUT_A_PASTE = {
    "zmailer-received": 'ZMailer: "EHLO NAME" inside the Received: brackets',
    "haraka-log": 'Haraka: disconnect lines with helo="NAME"',
    "hmailserver-log": 'hMailServer: "RECEIVED: EHLO NAME" in its SMTPD log',
    "spf-why-helo": "policyd-spf and SpamAssassin: Why?s=helo;id=NAME",
    "mdaemon-header": "MDaemon: X-MDHelo: NAME",
    "james-reply": "Apache James: Invalid EHLO argument received: NAME",
}


def test_every_extraction_rule_reads_some_real_paste() -> None:
    """The rule table and what the systems write stay in step: no rule is there for nothing."""
    used = {item.rule for paste in PASTES for item in extract(paste.text)[0]}
    assert used == {rule.name for rule in RULES} - set(FORMS_WITHOUT_A_PASTE)
    assert not used & set(FORMS_WITHOUT_A_PASTE), "a paste arrived: take the form off the list"


def test_the_readme_tables_list_every_rule_and_every_code() -> None:
    """widgets/README.md documents the rule table and the finding codes: neither may drift."""
    from mailcheck.helo.codes import RULES as CODES

    readme = (Path(__file__).parent.parent / "widgets" / "README.md").read_text(encoding="utf-8")
    start = readme.index("## HELO checker: reading pastes")
    rules_section = readme[start:readme.index("\n## ", start + 1)]
    assert {rule.name for rule in RULES} <= set(re.findall(r"`([a-z0-9-]+)`", rules_section))
    for code, rule in CODES.items():
        assert f"| `{code}` | {rule.severity.value} | {rule.source} |" in readme, code
