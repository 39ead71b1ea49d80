"""Round 14: programs nobody had (Qt, Haskell tls, Zig std, OpenWrt uclient-fetch, LWP's
no-CA message). Every harvested entry with a verdict is fed to explain the way its program
prints it, and must be recognised with the judged top cause; a few short words of the new
tables must not make ordinary text match."""

from __future__ import annotations

import pytest

from tlsdoctor.api import explain
from tlsdoctor.ingest.patterns import frameworks
from tlsdoctor.ingest.patterns.harvested import Entry, as_printed, entries, judge, printed


def _judged(source: str) -> list[Entry]:
    out = []
    for e in entries(source):
        v = judge(e)
        if v is not None and v.kind == "causes":
            out.append(e)
    return out


def _top(text: str) -> str:
    r = explain(text)
    assert r.recognized, text
    assert r.findings, text
    return r.findings[0].cause.value


def _first(verdict_causes: str) -> str:
    return verdict_causes.split()[0].split(":")[0]


QT = _judged("qt")


@pytest.mark.parametrize("entry", QT, ids=[e.id for e in QT])
def test_qt_every_error_string(entry: Entry) -> None:
    """QSslError::errorString() alone, after QNetworkReply's "SSL handshake failed: ", and
    its enum name in qDebug's form."""
    want = _first(judge(entry).causes)  # type: ignore[union-attr]
    text = printed(entry.text)
    assert _top(text) == want
    if entry.id != "SSL handshake failed":
        assert _top(f"SSL handshake failed: {text}") == want
        assert _top(f"QSslError::{entry.id}") == want


HS = [e for e in _judged("haskell_tls") if e.kind == "message"]


@pytest.mark.parametrize("entry", HS, ids=[e.id for e in HS])
def test_haskell_tls_every_protocol_error(entry: Entry) -> None:
    """Error_Protocol texts in both show layouts (tls < 1.8 tuple, 1.8+ constructor)."""
    want = _first(judge(entry).causes)  # type: ignore[union-attr]
    text = printed(entry.text)
    alert = entry.get("alert") or "HandshakeFailure"
    old = f'TlsException (HandshakeFailed (Error_Protocol ("{text}",True,{alert})))'
    new = f'HandshakeFailed (Error_Protocol "{text}" {alert})'
    assert _top(old) == want
    assert _top(new) == want


@pytest.mark.parametrize("name", sorted(frameworks._FAILED))
def test_haskell_failed_reasons_inside_certificate_rejected(name: str) -> None:
    text = (f'HandshakeFailed (Error_Protocol ("certificate rejected: [{name} \\"x\\"]",'
            f"True,CertificateUnknown))")
    assert _top(text) == _first(frameworks._FAILED[name])


def test_haskell_remote_alert_is_read_as_the_alert() -> None:
    r = explain('HandshakeFailed (Error_Protocol ("remote side fatal error",True,UnknownCa))')
    assert r.recognized and r.source == "haskell_tls"
    # Client or server (warp-tls): the alert's two readings, both ranked.
    assert {f.cause.value for f in r.findings[:2]} == {"client_cert_required",
                                                        "cert_untrusted_root"}


ZIG = [e for e in _judged("zig")]


@pytest.mark.parametrize("entry", ZIG, ids=[e.id for e in ZIG])
def test_zig_every_error_name(entry: Entry) -> None:
    """As Zig prints them: "error: Name" from main's return, and in a return trace."""
    want = _first(judge(entry).causes)  # type: ignore[union-attr]
    assert _top(f"error: {entry.id}") == want
    assert _top(f"lib/std/crypto/tls/Client.zig:1:1: 0x1 in init\n"
                f"    return error.{entry.id};") == want


def test_zig_alerts_are_the_alerts() -> None:
    r = explain("error: TlsAlertUnknownCa")
    assert r.recognized and r.source == "zig"
    assert "client_cert_required" in {f.cause.value for f in r.findings[:2]}


UCLIENT = _judged("uclient")


@pytest.mark.parametrize("entry", UCLIENT, ids=[e.id for e in UCLIENT])
def test_uclient_every_error(entry: Entry) -> None:
    # ustream's "self-signed or not signed by a trusted CA" names two causes: either.
    verdict = judge(entry).causes  # type: ignore[union-attr]
    top = _top(as_printed(entry))
    assert top == _first(verdict) or (" or " in entry.text and top in verdict)


def test_lwp_without_ca_is_the_client_setup() -> None:
    text = ("Can't verify SSL peers without knowing which Certificate Authorities to trust.\n\n"
            "This problem can be fixed by either setting the PERL_LWP_SSL_CA_FILE\n"
            "environment variable or by installing the Mozilla::CA module.")
    assert _top(text) == "client_misconfiguration"


def test_tables_have_their_size() -> None:
    """The audit enumerates whole tables, not a few strings."""
    assert len(QT) >= 30 and len(HS) >= 80 and len(ZIG) >= 30 and len(UCLIENT) >= 4


@pytest.mark.parametrize("text", [
    "The weather has expired and nobody could be verified",
    "InvalidSignature on the form, please sign again",
    "Expired: your subscription ended",
    "error: EndOfStream",
    "error: OutOfMemory",
    "Connection error: something else went wrong",
    "SelfSigned UnknownCA are words in a poem",
    "bad record of the team this season",
    "the certificate rejected by the committee",
])
def test_ordinary_words_stay_unrecognised(text: str) -> None:
    assert not explain(text).recognized, text

