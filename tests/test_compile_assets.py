"""sitebuild/compile_assets.py: policy.json from data/mail.yml, .po -> .mo, loud failures."""

from __future__ import annotations

import gettext
import json
from pathlib import Path

import pytest
import yaml

from mailcheck.policy import policy
from sitebuild import compile_assets

PO_HEADER = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def test_policy_json_holds_only_what_the_checkers_read(tmp_path: Path) -> None:
    target = compile_assets.write_policy(policy_file=tmp_path / "policy.json")
    written = json.loads(target.read_text(encoding="utf-8"))
    data = yaml.safe_load(compile_assets.DATA_FILE.read_text(encoding="utf-8"))
    assert set(written) == {"provider", "helo", "passwords", "csv", "limits", "recipients", "feedback", "labels",
                            "servers", "client_setup", "downloads", "bounce"}
    assert written["helo"] == {"banned": data["helo"]["banned"], "reject_reply": data["helo"]["reject_reply"],
                               "max_input_bytes": data["helo"]["max_input_bytes"]}
    assert set(written["provider"]) == {"smtp_greeting", "smtp_banner_host", "name"}
    assert written["servers"] == data["servers"]
    assert written["client_setup"] == {"profile": data["client_setup"]["profile"]}
    assert written["limits"] == {key: data["limits"][key]
                                 for key in ("batch_addresses_per_day", "recipients_per_message", "max_message_bytes")}
    assert written["recipients"] == data["recipients"]
    assert written["bounce"] == data["bounce"]
    assert written["feedback"] == {"channel": data["feedback"]["channel"]}
    # the channel's name, for the checkers' internal-error message
    assert set(written["labels"]) == {*compile_assets.LABEL_KEYS, f"link.{data['feedback']['channel']}"}
    assert all(set(texts) == set(data["languages"]) for texts in written["labels"].values())
    assert written == policy()  # the package ships the same file


def test_missing_data_key_names_the_key() -> None:
    with pytest.raises(compile_assets.AssetError, match=r"helo\.banned"):
        provider = {"name": "n", "smtp_greeting": "x", "smtp_banner_host": "y"}
        compile_assets.build_policy({"provider": provider, "helo": {}})


def _catalog(tmp_path: Path, body: str) -> Path:
    po = tmp_path / "xx" / "LC_MESSAGES" / "demo.po"
    po.parent.mkdir(parents=True)
    po.write_text(PO_HEADER + body, encoding="utf-8")
    return po


def test_catalogs_compile_to_mo_that_gettext_reads(tmp_path: Path) -> None:
    _catalog(tmp_path, 'msgid "Hello {name}"\nmsgstr "Salut {name}"\n')
    (mo,) = compile_assets.compile_catalogs(tmp_path)
    translations = gettext.translation("demo", localedir=tmp_path, languages=["xx"])
    assert mo.exists() and translations.gettext("Hello {name}") == "Salut {name}"


@pytest.mark.parametrize(("body", "complaint"), [
    ('msgid "Hello"\nmsgstr "Salut"\nnot po syntax\n', r"demo\.po"),  # a stray line
    ('msgid "Hello {name}"\nmsgstr "Salut {nom}"\n', "nom"),  # placeholder renamed
])
def test_a_broken_catalog_stops_the_build(tmp_path: Path, body: str, complaint: str) -> None:
    _catalog(tmp_path, body)
    with pytest.raises(compile_assets.AssetError, match=complaint):
        compile_assets.compile_catalogs(tmp_path)
