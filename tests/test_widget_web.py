"""mailcheck.web.run: the JSON door the browser worker uses. It must never raise."""

from __future__ import annotations

import base64
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from mailcheck import csvcheck, helo, web


def _run(request: object) -> dict:
    return json.loads(web.run(json.dumps(request)))


def test_helo_request_returns_the_helo_report() -> None:
    answer = _run({"checker": "helo", "lang": "de", "text": "EHLO localhost"})
    assert answer == {"checker": "helo", "lang": "de", "result": helo.report("EHLO localhost", "de")}
    assert answer["result"][0]["verdict"] == "reject"


def test_a_huge_helo_paste_is_cut_in_the_browsers_path_too() -> None:
    text = "EHLO mail.example.com\n" + "x" * 3_000_000
    (result,) = _run({"checker": "helo", "lang": "it", "text": text})["result"]
    assert result["helo"] == "mail.example.com"
    assert [f["code"] for f in result["findings"]] == ["HELO_INPUT_CUT"]


def test_csv_request_decodes_base64_and_returns_the_csv_report() -> None:
    data = csvcheck.template("fr").encode("utf-8")
    answer = _run({"checker": "csv", "lang": "fr", "data": base64.b64encode(data).decode()})
    result = answer["result"]
    # The browser also gets the downloads' names and the findings file, from the same code as the CLI.
    assert result.pop("fixed_name") == "addresses-corrige.csv"  # downloads.fixed in French
    assert result.pop("findings_name") == "addresses-remarques.csv"
    assert result.pop("findings_csv").startswith("Ligne,Colonne,Gravité,Message,Code\r\n")
    assert result == json.loads(json.dumps(csvcheck.report(data, "fr")))


def test_unknown_language_falls_back_to_english() -> None:
    assert _run({"checker": "helo", "lang": "xx", "text": "localhost"})["lang"] == "en"
    assert _run({"checker": "helo", "lang": ["de"], "text": "localhost"})["lang"] == "en"


def test_bad_requests_become_one_error_finding() -> None:
    for raw in ["", "not json", "[]", '{"checker": "spf"}', '{"checker": "csv", "data": "***"}',
                '{"checker": ["csv"]}', '{"checker": {"csv": 1}}', '{"checker": "csv", "data": "QUJD\u00e9"}',
                '{"checker": "csv", "data": 12}']:
        answer = json.loads(web.run(raw))
        assert answer["verdict"] == "error", raw
        assert [f["code"] for f in answer["findings"]] == ["WEB_BAD_REQUEST"], raw


def test_a_bad_request_prints_one_line_and_no_traceback(capsys) -> None:
    web.run('{"checker": ["csv"]}')
    web.run('{"checker": "csv", "data": "QUJD\u00e9"}')
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    assert len(out.out.splitlines()) == 2


def test_a_crashing_checker_becomes_a_translated_finding(monkeypatch, capsys) -> None:
    def crash(request: dict, lang: str, progress: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setitem(web.CHECKERS, "helo", crash)
    answer = _run({"checker": "helo", "lang": "it", "text": "x"})
    assert answer["findings"][0]["code"] == "WEB_INTERNAL_ERROR"
    assert answer["findings"][0]["message"] != web.INTERNAL_ERROR  # Italian, not the English id
    assert "RuntimeError: boom" in capsys.readouterr().err


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_string_gives_json(raw: str) -> None:
    answer = json.loads(web.run(raw))
    assert answer["lang"] == "en"


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(sorted(web.CHECKERS)), st.sampled_from(["fr", "en", "de", "it", "es"]), st.text(),
       st.binary())
def test_any_request_gives_an_answer(checker: str, lang: str, text: str, data: bytes) -> None:
    request = {"checker": checker, "lang": lang, "text": text, "data": base64.b64encode(data).decode(),
               "address": text, "name": text}
    answer = _run(request)
    assert "result" in answer, answer.get("findings")


def test_warm_up_runs_each_checker_quietly(capsys) -> None:
    for checker in web.CHECKERS:
        web.warm_up(checker, "es")
    assert capsys.readouterr().err == ""


def test_csv_request_reports_progress_without_changing_the_answer() -> None:
    header = csvcheck.template("it").splitlines()[0]
    data = ("\r\n".join([header, *(f"user.{i},Quiet-Harbor-{i:04d}-Lantern,," for i in range(600))]) + "\r\n").encode()
    request = json.dumps({"checker": "csv", "lang": "it", "data": base64.b64encode(data).decode()})
    calls: list[tuple[int, int]] = []
    assert web.run(request, lambda done, total: calls.append((done, total))) == web.run(request)
    assert [done for done, _ in calls] == [250, 500, 600]
    assert {total for _, total in calls} == {600}
