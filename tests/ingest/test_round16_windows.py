"""Round 16: Windows' WinHTTP / WinINet codes and the Schannel System-log events, in every
form programs print them (patterns/windows_net.py, sources there): the number after an
error word, the name, the HRESULT, the system text, .NET's WinHttpException wrapper, the
WinHttpRequest COM error box, Windows Update's code line, and each event as the event log
renders it. Each form must give the code's own first cause, sure (>= 0.6) exactly when the
table is. Windows programs cannot run here (no Windows, no Wine): the forms are the printed
ones quoted by the sources, filled in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.causes import Cause
from tlsdoctor.ingest.patterns import causes as parse_causes
from tlsdoctor.ingest.patterns.dotnet import CODES as SCHANNEL_CODES
from tlsdoctor.ingest.patterns.windows_net import (
    _ALONE,
    CODES,
    EVENT_NUMBERS,
    EVENTS,
    FLAG_BITS,
    FLAGS,
    TRUST_BITS,
    WEB_STATUS,
    Code,
)


def _first(spec: str) -> tuple[Cause, bool]:
    ranked = parse_causes(spec)
    return ranked[0][0], ranked[0][1] >= 0.6


def _hresult(c: Code) -> str:
    return f"{0x80070000 + c.number:08X}"


def _code_forms(c: Code) -> list[str]:
    hx = _hresult(c)
    forms = [f"WinHttpSendRequest failed with error {c.number}",
             f"Error: {c.number}", f"(errno {c.number}) during HTTP write phase",
             f"There were some problems installing updates. (0x{hx.lower()})",
             f"Exception from HRESULT: 0x{hx}", f"error code: {c.number}"]
    forms += [f"{name}" for name in c.names]
    forms += [f"InternetErrorDlg: {name} ({c.number})" for name in c.names]
    if c.text:
        winhttp = f"System.Net.Http.WinHttpException ({hx}, {c.number}): Error {c.number} " \
                  f"calling WINHTTP_CALLBACK_STATUS_REQUEST_ERROR, '{c.text}'."
        forms += [winhttp, f"System.Net.Http.WinHttpException (0x{hx}): {c.text}",
                  f"Error: {c.text}\nCode: {hx}\nSource: WinHttp.WinHttpRequest"]
        if c.text_alone:
            forms += [c.text, f'Exception calling "Send" with "0" argument(s): "{c.text}"']
    return forms


CODE_ROWS = [(form, c) for c in CODES for form in _code_forms(c)]


@pytest.mark.parametrize(("text", "code"), CODE_ROWS,
                         ids=[f"{c.number}-{n}" for n, (_, c) in enumerate(CODE_ROWS)])
def test_every_code_in_every_printed_form(text: str, code: Code) -> None:
    r = explain(text)
    first, sure = _first(code.causes)
    assert r.recognized, text
    top = r.findings[0]
    assert top.cause is first, (text, [(f.cause, f.confidence) for f in r.findings])
    assert (top.confidence >= 0.6) is sure, (text, top.confidence)


def test_winhttp_secure_failure_in_any_language() -> None:
    # dotnet/runtime#33509: the wrapper with Windows' Spanish text; the number carries it.
    r = explain("System.Net.Http.WinHttpException : Error 12175 calling "
                "WINHTTP_CALLBACK_STATUS_REQUEST_ERROR, 'Error de seguridad'.")
    assert r.recognized and r.source == "winhttp"
    assert r.findings[0].confidence < 0.6  # which certificate check is not printed
    assert "w32tm" in r.meaning  # the check that tells the candidates apart


@pytest.mark.parametrize("flag", sorted(FLAGS))
def test_secure_failure_flags(flag: str) -> None:
    r = explain(f"WinHTTP secure failure: WINHTTP_CALLBACK_STATUS_FLAG_{flag}")
    first, sure = _first(FLAGS[flag][1])
    assert r.recognized and r.findings[0].cause is first
    assert (r.findings[0].confidence >= 0.6) is sure


def _event_text(rx: str) -> str:
    """The event's first sentence from its regex (the first alternative, roles filled)."""
    plain = rx.split("|リ")[0]
    plain = plain.replace(r"\b", "").replace("an? ", "a ").replace("An? ", "A ").replace("(?:TLS|SSL|DTLS)", "TLS")
    plain = plain.replace("(?:TLS|SSL)", "TLS").replace("(?:server|client)", "server")
    assert not re.search(r"[\\()?|\[]", plain), plain
    return plain + "."


def _event_forms(event: int, text: str) -> list[str]:
    return [text, f"Log Name: System\nSource: Schannel\nEvent ID: {event}\nLevel: Error\n"
                  f"Description:\n{text} The TLS connection request has failed.",
            f"Error\t06.12.2026 08:00:00\tSchannel\t{event}\tNone\t{text}"]


EVENT_ROWS = [(form, event, cs) for event, rx, _, cs, _ in EVENTS
              for form in _event_forms(event, _event_text(rx))]


@pytest.mark.parametrize(("text", "event", "spec"), EVENT_ROWS,
                         ids=[f"{r[1]}-{n}" for n, r in enumerate(EVENT_ROWS)])
def test_every_schannel_event_rendering(text: str, event: int, spec: str) -> None:
    r = explain(text)
    assert r.recognized, text
    if not spec:  # 36880: a handshake that worked
        assert not r.findings
        return
    first, sure = _first(spec)
    top = r.findings[0]
    assert top.cause is first, (text, [(f.cause, f.confidence) for f in r.findings])
    assert (top.confidence >= 0.6) is sure


@pytest.mark.parametrize(("role", "owner"), [("server", Cause.SERVER_MISCONFIGURATION),
                                             ("client", Cause.CLIENT_MISCONFIGURATION)])
def test_own_credential_events_name_the_owner(role: str, owner: Cause) -> None:
    for text in (f"A fatal error occurred when attempting to access the TLS {role} credential "
                 "private key. The error code returned from the cryptographic module is "
                 "0x8009030D. The internal error state is 10001.",
                 f"The TLS {role} specified certificate's chain could not be retrieved."):
        r = explain(text)
        assert r.findings[0].cause is owner, text


EVENT_NUMBER_ROWS = [(form.format(n=event), spec) for event, (_, spec, _) in EVENT_NUMBERS.items()
                     for form in ("Source: Schannel, EventID: {n}", "Schannel {n}",
                                  "Event ID {n} (Schannel) logged every few minutes",
                                  "Event ID: {n}", "{n} Error Schannel")]


@pytest.mark.parametrize(("text", "spec"), EVENT_NUMBER_ROWS,
                         ids=[f"event-number-{n}" for n in range(len(EVENT_NUMBER_ROWS))])
def test_schannel_event_by_number_alone(text: str, spec: str) -> None:
    r = explain(text)
    first, sure = _first(spec)
    assert r.recognized and r.findings[0].cause is first, text
    assert (r.findings[0].confidence >= 0.6) is sure, text


def test_japanese_36881() -> None:
    r = explain("リモート サーバーから受信した証明書は、期限が切れているかまたはまだ有効ではありません。"
                "TLS 接続の要求に失敗しました。")
    assert r.recognized and r.findings[0].cause is Cause.CERT_EXPIRED


@pytest.mark.parametrize("text", [
    "A security error occurred",  # any program's words; WinHTTP's only beside its own
    "listening on port 12175", "took 12175 ms", "copied 12045 bytes", "Error 404",
    "Content decoding has failed",  # WinINet's 12175: not TLS
    "0x80072F8E", "12038 items processed", "version 12.0.12157",
    "The request was aborted: The request was canceled.",  # RequestCanceled: not TLS
    "id=2146893019", "offset -21468930190",
    "Schannel loaded", "Event ID: 4624", "36882 rows updated",
    "Error at line 12038", "error in row 12045 of the import", "status: 200 after 12157 s",
    "schannel: CertGetCertificateChain error mask: 0x00000000", "dwErrorStatus = 0x0",
])
def test_negatives_stay_unrecognised(text: str) -> None:
    assert not explain(text).recognized, text


def _status_forms(name: str, text: str) -> list[str]:
    forms = [f"The underlying connection was closed: {text}.",
             f"Invoke-WebRequest : The request was aborted: {text}.",
             f"Status         : {name}", f"if (ex.Status == WebExceptionStatus.{name})"]
    if name in _ALONE:
        forms += [f"System.Net.WebException: {text}",
                  f'Exception calling "DownloadString" with "1" argument(s): "{text}"']
    return forms


STATUS_ROWS = [(form, cs) for name, text, _, cs, _ in WEB_STATUS
               for form in _status_forms(name, text)]


@pytest.mark.parametrize(("text", "spec"), STATUS_ROWS,
                         ids=[f"status-{n}" for n in range(len(STATUS_ROWS))])
def test_every_web_exception_status(text: str, spec: str) -> None:
    r = explain(text)
    first, sure = _first(spec)
    assert r.recognized and r.findings[0].cause is first, text
    assert (r.findings[0].confidence >= 0.6) is sure


def _signed(hresult: int) -> str:
    return str(hresult - (1 << 32))


SIGNED_ROWS = ([(f"(os error {_signed(int(hx, 16))})", cs) for hx, _, cs, _ in
                SCHANNEL_CODES.values()]
               + [(f"[WinError {_signed(0x80070000 + c.number)}] ...", c.causes) for c in CODES]
               + [(f"HResult={_signed(0x80070000 + c.number)}", c.causes) for c in CODES])


@pytest.mark.parametrize(("text", "spec"), SIGNED_ROWS,
                         ids=[f"signed-{n}" for n in range(len(SIGNED_ROWS))])
def test_hresults_printed_as_signed_numbers(text: str, spec: str) -> None:
    r = explain(text)
    assert r.recognized and r.findings[0].cause is _first(spec)[0], text


MASK_ROWS = [(f"schannel: CertGetCertificateChain error mask: 0x{bit:08x}", bit)
             for bit in TRUST_BITS] + [(f"dwErrorStatus = 0x{bit:x}", bit) for bit in TRUST_BITS]


@pytest.mark.parametrize(("text", "bit"), MASK_ROWS,
                         ids=[f"mask-{n}" for n in range(len(MASK_ROWS))])
def test_every_chain_error_bit(text: str, bit: int) -> None:
    r = explain(text)
    assert r.recognized and r.findings[0].cause is _first(TRUST_BITS[bit][2])[0], text


@pytest.mark.parametrize(("mask", "first"), [
    (0x01000040, Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE),  # revocation offline only
    (0x00010040, Cause.INCOMPLETE_CHAIN),  # a partial chain is not checked for revocation
    (0x00000065, Cause.CERT_REVOKED),  # revoked outranks the rest
])
def test_combined_masks(mask: int, first: Cause) -> None:
    r = explain(f"schannel: CertGetCertificateChain error mask: 0x{mask:08x}")
    assert r.findings[0].cause is first


def test_two_chain_faults_are_both_named() -> None:
    # an expired self-signed certificate, or an expired root: both bits, both readings
    r = explain("schannel: CertGetCertificateChain error mask: 0x00000021")
    causes = {f.cause for f in r.findings}
    assert {Cause.CERT_EXPIRED, Cause.CERT_UNTRUSTED_ROOT} <= causes


# The secure-failure flags as a number (the callback's status information), after WinHTTP's
# own words: every bit in decimal and in hex, each beside another bit too.
_INFO_FORMS = ("WinHTTP security error. Status 65536, statusInfo: {dec}",
               "WINHTTP_CALLBACK_STATUS_SECURE_FAILURE: dwStatusInformation = 0x{hex:08x}",
               "WinHttp callback 0x00010000 lpvStatusInformation={dec}",
               "WinHTTP secure failure, status information: 0x{hex:x}")
FLAG_NUMBER_ROWS = [(form.format(dec=bit | extra, hex=bit | extra), bit, extra)
                    for bit in FLAG_BITS for extra in (0, 0x2 if bit != 0x2 else 0x1)
                    for form in _INFO_FORMS
                    if "{dec}" not in form or bit | extra < 0x80 or extra == 0]


@pytest.mark.parametrize(("text", "bit", "extra"), FLAG_NUMBER_ROWS,
                         ids=[f"flags-{n}" for n in range(len(FLAG_NUMBER_ROWS))])
def test_secure_failure_flags_as_a_number(text: str, bit: int, extra: int) -> None:
    r = explain(text)
    causes = {f.cause for f in r.findings}
    for one in {bit, extra} - {0}:
        assert _first(FLAGS[FLAG_BITS[one]][1])[0] in causes, text
    if not extra:
        assert r.findings[0].cause is _first(FLAGS[FLAG_BITS[bit]][1])[0], text


@pytest.mark.parametrize("text", [
    "statusInfo: 16",  # no WinHTTP words: any program's field
    "WinHTTP security error. Status 65536, statusInfo: 0",  # no flag set
    "WinHTTP request took 16 ms, status information: retry",
])
def test_twin_flag_numbers_that_are_not_flags(text: str) -> None:
    assert not explain(text).recognized, text


_HEADERS = Path("/usr/share/mingw-w64/include")


@pytest.mark.skipif(not (_HEADERS / "winhttp.h").exists(), reason="mingw-w64 headers absent")
def test_names_and_numbers_match_the_headers() -> None:
    defined: dict[str, int] = {}
    for header, base in (("winhttp.h", "WINHTTP_ERROR_BASE"), ("wininet.h", "INTERNET_ERROR_BASE")):
        src = (_HEADERS / header).read_text(errors="replace")
        for m in re.finditer(rf"#define (ERROR_\w+)\s+\({base} \+ (\d+)\)", src):
            defined[m.group(1)] = 12000 + int(m.group(2))
    for c in CODES:
        for name in c.names:
            if name.startswith("ERROR_"):
                assert defined[name] == c.number, name
    flags = (_HEADERS / "winhttp.h").read_text(errors="replace")
    for flag in FLAGS:
        assert f"WINHTTP_CALLBACK_STATUS_FLAG_{flag} " in flags, flag
    for bit, flag in FLAG_BITS.items():
        assert re.search(rf"WINHTTP_CALLBACK_STATUS_FLAG_{flag}\s+0x{bit:08x}\b", flags), flag
    wincrypt = (_HEADERS / "wincrypt.h").read_text(errors="replace")
    for bit, (name, *_) in TRUST_BITS.items():
        assert f"#define CERT_TRUST_{name} 0x{bit:x}\n" in wincrypt, name
