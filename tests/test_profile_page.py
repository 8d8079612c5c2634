"""The page's profile maker (widgets/web/profilemaker.js) against the CLI's Python, byte for byte.

The page makes profiles without the Python runtime, from the template and rules that
mailcheck.profile.page writes at build time. Here that script runs in Node on
thousands of generated addresses and names, odd ones included (case, NFD, IDN,
sharp s, Greek and Cyrillic, bidi controls, zero-width and invisible characters,
lone surrogates, noncharacters, emoji, XML specials, "$&" and token look-alikes,
lengths at and over every limit), and every answer must equal mailcheck.profile.report:
verdict, finding codes and messages, address, file name and the profile's bytes.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from mailcheck.i18n import LANGUAGES
from mailcheck.policy import policy
from mailcheck.profile import report
from mailcheck.profile.page import TOKENS, page_data, template

ROOT = Path(__file__).resolve().parent.parent
MAKER = ROOT / "widgets" / "web" / "profilemaker.js"
RUNNER = """
import { makeProfile } from "./profilemaker.mjs";
import { readFileSync } from "node:fs";
const { rules, cases } = JSON.parse(readFileSync(0, "utf8"));
const out = [];
for (const [address, name] of cases) out.push(await makeProfile(rules, address, name));
process.stdout.write(JSON.stringify(out));
"""

ATEXT = "abcxyzABCXYZ0189!#$%&'*+/=?^_`{|}~-"
LETTERS = "äöüßẞéèçñøåæœłžšđıİÄÖÜÉÑŁŽǅǆſŉΑΣ\u03c3\u03c2άΐЖжЁёЙй"
ODD = ["\u200b", "\u200d", "\u202e", "\u2066", "\u00ad", "\ufeff", "\u2028", "\x00", "\x1f", "\x7f", "\x85",
       "\ud800", "\udfff", "\ufffe", "\uffff", "\U0010ffff", "\U0001f600", "\u0301", "\u0308", "中", "א", "\u0627",
       "\u00a0", " ", "\t", "\n", "\u3164", "\u2800", "<", ">", "&", "\"", "'", "@", ".", "-", "$&", "$1", "@@NAME@@",
       "@@UUID@@", "\u0130", "\u212a", "\uff21", "\u0391\u03a3", "xn--", "--"]
DOMAIN_LETTERS = "äöüßéèçñøåæœłžšđıάжёй\u03c3\u03c2ÄÖÜÉÑ"
TLDS = ["org", "ch", "de", "example", "ΕΛ", "рф", "1", "0x1f", "Org", "co.uk", ""]


def _piece(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _plausible(rng: random.Random) -> str:
    """An address that should pass: dot-atom local part, IDN labels in several scripts, any case."""
    local = ".".join(_piece(rng, ATEXT.replace(".", "") + LETTERS, rng.randint(1, 8)) for _ in range(rng.randint(1, 2)))
    labels = [_piece(rng, "abcxyz0189" + DOMAIN_LETTERS, rng.randint(1, 12)) for _ in range(rng.randint(1, 3))]
    return f"{local}@{'.'.join(labels)}.{rng.choice(['org', 'ch', 'DE', 'рф', 'ελ', 'Example'])}"


def _address(rng: random.Random) -> str:
    if rng.random() < 0.4:
        return _plausible(rng)
    local = _piece(rng, ATEXT + LETTERS, rng.randint(0, 12))
    labels = [_piece(rng, "abcxyz0189-" + LETTERS, rng.randint(0, 10)) for _ in range(rng.randint(0, 3))]
    domain = ".".join([*labels, rng.choice(TLDS)])
    address = f"{local}@{domain}" if rng.random() > 0.05 else local + domain
    for _ in range(rng.choice([0, 0, 0, 1, 2])):  # an odd character somewhere
        at = rng.randint(0, len(address))
        address = address[:at] + rng.choice(ODD) + address[at:]
    if rng.random() < 0.1:
        address = "a" * rng.choice([60, 64, 65, 200, 240, 250, 254, 255, 300]) + address
    if rng.random() < 0.1:
        address = rng.choice(["  ", "\u3000", "\ufeff", "\t"]) + address + rng.choice(["", " ", "\n"])
    if rng.random() < 0.1:
        address = __import__("unicodedata").normalize(rng.choice(["NFD", "NFKD"]), address)
    return address


def _name(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return ""
    name = _piece(rng, "Jane Doe & <Müller> ÉΣж$'\"", rng.randint(1, 30))
    for _ in range(rng.choice([0, 0, 1, 2])):
        at = rng.randint(0, len(name))
        name = name[:at] + rng.choice(ODD) + name[at:]
    if rng.random() < 0.05:
        name = "N" * rng.choice([127, 128, 129, 500])
    return name


FIXED = [
    ("jane.doe@example.org", "Jane Doe"), ("Jane.Doe@Example.ORG", ""), ("straße@example.org", ""),
    ("strasse@example.org", ""), ("jane@straße.de", ""), ("jane@strasse.de", ""), ("jürg@bücher.example", "Jürg"),
    ("JÜRG@BÜCHER.EXAMPLE", ""), ("a$&b@x.org", "$& $' @@UUID@@ @@NAME@@"), ("j&co@x.org", "<b>&amp;</b>"),
    ("jane@x.ΑΣ", ""), ("ΑΣ@\u03b1\u03c3.gr", ""), ("jane@ж.рф", "Жанна"), ("e\u0301@x.org", "E\u0301"),
    ("jane@example.org", "Jane\ufffeDoe"), ("jane@example.org", "Jane\ud800"), ("jane@example.org", "\u202eeoD"),
    ("jane@example.org", "Ja\u200bne"), ("jane@xn--bcher-kva.example", ""), ("jane@x.0x1f", ""), ("", ""),
]


def _run_page(rules: dict, cases: list[tuple[str, str]], tmp_path: Path) -> list[dict]:
    shutil.copy(MAKER, tmp_path / "profilemaker.mjs")  # an ES module for Node whatever package.json says
    (tmp_path / "run.mjs").write_text(RUNNER)
    done = subprocess.run(["node", str(tmp_path / "run.mjs")], input=json.dumps({"rules": rules, "cases": cases}),
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _compare(lang: str, cases: list[tuple[str, str]], tmp_path: Path) -> int:
    answers = _run_page(page_data(policy(), lang), cases, tmp_path)
    made = 0
    for (address, name), page in zip(cases, answers, strict=True):
        cli = report(address, name, lang)
        where = f"{address!r} {name!r}"
        assert [(f["code"], f["severity"], f["message"]) for f in cli["findings"]] == [
            (f["code"], f["severity"], f["message"]) for f in page["findings"]], where
        assert (cli["verdict"], cli["summary"], cli["address"], cli["filename"]) == (
            page["verdict"], page["summary"], page["address"], page["filename"]), where
        assert cli["profile"] == page["profile"], where
        if cli["profile"] is not None:
            assert cli["profile"].encode("utf-8") == page["profile"].encode("utf-8")
            made += 1
    return made


def test_the_page_makes_the_clis_bytes_for_thousands_of_inputs(tmp_path: Path) -> None:
    rng = random.Random(22)
    cases = FIXED + [(_address(rng), _name(rng)) for _ in range(4000)]
    made = _compare("en", cases, tmp_path)
    assert made > 1000, "enough accepted inputs to compare profiles"


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_the_page_agrees_in_every_language(lang: str, tmp_path: Path) -> None:
    rng = random.Random(lang)
    assert _compare(lang, FIXED + [(_address(rng), _name(rng)) for _ in range(300)], tmp_path) > 20


def test_the_template_holds_every_token_once_per_place() -> None:
    named, unnamed = template(policy(), "de", True), template(policy(), "de", False)
    assert TOKENS["name"] in named and TOKENS["name"] not in unnamed
    for token in ("address", "shown", "identifier", "uuid", "mail_uuid"):
        assert TOKENS[token] in unnamed, token
