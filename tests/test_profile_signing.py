"""Signing the published profiles at build time, with a test CA made here (never a key in the repository)."""

from __future__ import annotations

import logging
import plistlib
import subprocess
from pathlib import Path

import pytest

from mailcheck.profile import build_profile, to_plist
from sitebuild import client_files, maildata
from sitebuild.compile_assets import DATA_FILE

ROOTS = {"en": "", "fr": "fr/", "de": "de/"}
DATA = maildata.load(DATA_FILE)


def _openssl(*args: str | Path) -> subprocess.CompletedProcess:
    done = subprocess.run(["openssl", *map(str, args)], capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode()
    return done


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A CA and a signing certificate issued by it (RSA 2048, SHA-256), made with openssl."""
    folder = tmp_path_factory.mktemp("pki")
    names = ("ca.key", "ca.pem", "signer.key", "signer.csr", "signer.pem")
    ca_key, ca, key, request, cert = (folder / name for name in names)
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca_key, "-out", ca, "-days", "2",
             "-subj", "/CN=Test profile CA", "-addext", "basicConstraints=critical,CA:TRUE",
             "-addext", "keyUsage=critical,keyCertSign")
    _openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", request, "-subj", "/CN=help.example")
    extensions = folder / "signer.ext"
    extensions.write_text("keyUsage=critical,digitalSignature\n")
    _openssl("x509", "-req", "-in", request, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial", "-out", cert,
             "-days", "2", "-extfile", extensions)
    return {"ca": ca, "cert": cert, "key": key}


def _environ(pki: dict[str, Path]) -> dict[str, str]:
    return {client_files.SIGN_CERT: str(pki["cert"]), client_files.SIGN_KEY: str(pki["key"])}


@pytest.mark.parametrize("tool", ["cms", "smime"])
def test_a_signed_profile_verifies_and_holds_the_unsigned_bytes(pki: dict[str, Path], tool: str,
                                                                tmp_path: Path) -> None:
    unsigned = to_plist(build_profile(DATA, "fr"))
    signed = tmp_path / "signed.mobileconfig"
    signed.write_bytes(client_files.sign(unsigned, pki["cert"], pki["key"]))
    assert not signed.read_bytes().startswith(b"<?xml"), "DER, not the plain property list"
    content = tmp_path / "content.plist"
    done = _openssl(tool, "-verify", "-inform", "DER", "-in", signed, "-CAfile", pki["ca"], "-out", content)
    assert b"Verification successful" in done.stderr
    assert content.read_bytes() == unsigned


def test_the_build_signs_every_published_profile_when_told_how(pki: dict[str, Path], tmp_path: Path) -> None:
    client_files.publish(tmp_path, DATA, None, ROOTS, environ=_environ(pki))
    for lang in ROOTS:
        signed = tmp_path / client_files.profile_path(lang)
        content = tmp_path / f"{lang}.plist"
        _openssl("cms", "-verify", "-inform", "DER", "-in", signed, "-CAfile", pki["ca"], "-out", content)
        assert content.read_bytes() == to_plist(build_profile(DATA, lang))


def test_without_a_certificate_the_build_publishes_unsigned_and_says_so_once(
        tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(client_files, "_said_unsigned", False)
    with caplog.at_level(logging.INFO, logger=client_files.log.name):
        client_files.publish(tmp_path, DATA, None, ROOTS, environ={})
        client_files.publish(tmp_path, DATA, None, ROOTS, environ={})
    assert [r.getMessage() for r in caplog.records].count(caplog.records[0].getMessage()) == 1
    assert "unsigned" in caplog.records[0].getMessage() and client_files.SIGN_CERT in caplog.records[0].getMessage()
    assert all(r.levelno < logging.WARNING for r in caplog.records), "mkdocs --strict must not fail on it"
    profile = plistlib.loads((tmp_path / client_files.profile_path("de")).read_bytes())
    assert profile["PayloadType"] == "Configuration"


def test_half_a_signing_set_up_or_a_missing_file_stops_the_build(pki: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(client_files.SigningError, match="go together"):
        client_files.signer({client_files.SIGN_CERT: str(pki["cert"])})
    with pytest.raises(client_files.SigningError, match="no such file"):
        client_files.signer({**_environ(pki), client_files.SIGN_KEY: str(tmp_path / "absent.key")})
    wrong = tmp_path / "wrong.key"
    wrong.write_text("not a key\n")
    with pytest.raises(client_files.SigningError, match="openssl could not sign"):
        client_files.sign(b"<plist/>", pki["cert"], wrong)
