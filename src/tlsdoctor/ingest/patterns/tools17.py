"""Round 17: command-line download, transfer and version-control tools whose TLS wording no
table had (harvested by scripts/harvest/tools17.py into upstream/<source>.json, judged in
judgement/<source>.py): Subversion (ra_serf, its prompt, its 1.7 neon layer), serf, neon,
Mercurial, aria2, socat, w3m.

Each program's words count only in the forms it prints them: a short verdict ("issuer is
not trusted", "hostname does not match", "connection closed by peer") is a phrase of many
programs, so it is read after its program's own lead ("Server SSL certificate verification
failed: ", "SSL/TLS handshake failure: ", "socat[pid] E "), a table code only with its
"E<number>:" ("svn: E120171: Error running context: ..."). Beyond the entries, the shapes in
which these programs print OpenSSL's verify strings ("SSL/TLS handshake failure: unable to
get local issuer certificate", Mercurial's "abort: error: [SSL: CERTIFICATE_VERIFY_FAILED]
certificate verify failed: ...") are read with the OpenSSL verify table's reading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from . import GENERIC, REASON, SPECIFIC, Pattern, causes
from .harvested import (
    Entry,
    entries,
    judge,
    judged_numbered,
    text_regex,
    upstream_patterns,
    verify_shapes,
)

_MANY = r"(?:[^\n]{0,160}?, )?"  # the reasons said before this one, joined by ", "


def _text(entry: Entry) -> tuple[str, str] | None:
    return text_regex(entry.text, context=False)


def _svn_forms(entry: Entry) -> Iterator[tuple[str, str, str]]:
    """ra_serf's reasons after its lead, the prompt's bullets, table texts with their code."""
    got = _text(entry)
    if got is None:
        return
    if entry.kind == "svn_reason":
        yield ("reason", rf"\bServer SSL certificate verification failed: {_MANY}{got[0]}", got[1])
    elif entry.kind == "svn_bullet":
        yield ("bullet", rf"(?m)^[ \t]{{0,4}}- {got[0]}", got[1])
    elif entry.kind == "code_text":
        yield ("code", rf"\bE{int(entry.get('number'))}: {got[0]}", got[1])


def _own_forms_only(out: tuple[Pattern, ...], kinds: tuple[str, ...],
                    source: str) -> tuple[Pattern, ...]:
    """Drop the bare text forms of ``kinds`` entries: they count only in their own forms."""
    wanted = {e.id for e in entries(source) if e.kind in kinds}
    return tuple(p for p in out if p.upstream not in wanted
                 or (not p.id.endswith((".text", ".name")) and ".text." not in p.id))


def _subversion() -> tuple[Pattern, ...]:
    out = upstream_patterns("subversion", "Subversion", side="client", extra_forms=_svn_forms)
    return _own_forms_only(out, ("svn_reason", "svn_bullet", "code_text"), "subversion")


def _serf_forms(entry: Entry) -> Iterator[tuple[str, str, str]]:
    got = _text(entry)
    if got is not None:
        yield ("context", rf"(?:\bE{int(entry.get('number'))}: |\bError running context: )"
                          rf"(?:Error running context: )?{got[0]}", got[1])


def _serf() -> tuple[Pattern, ...]:
    out = upstream_patterns("serf", "Subversion (serf)", side="client", extra_forms=_serf_forms)
    return _own_forms_only(out, ("code_text",), "serf")


# Subversion 1.7's neon layer: "<METHOD> of '<url>': <neon's text> (<scheme>://<host>)".
_NEON_SVN = r"\b[A-Z]{3,12} of '[^'\n]{1,300}': "


def _neon_forms(entry: Entry) -> Iterator[tuple[str, str, str]]:
    got = _text(entry)
    if got is None:
        return
    if entry.kind == "svn_reason":
        yield ("reason", rf"\bServer certificate verification failed: {_MANY}{got[0]}", got[1])
        return
    yield ("svn", rf"{_NEON_SVN}(?:SSL handshake failed: )?{got[0]}", got[1])
    if "%s" not in entry.text:  # the socket's own words inside the session's lead
        yield ("handshake", rf"\bSSL handshake failed: {got[0]}", got[1])


def _neon() -> tuple[Pattern, ...]:
    """neon's texts in its own leads; a sentence of six words or more anywhere."""
    out = upstream_patterns("neon", "neon (Subversion 1.7, cadaver)", side="client",
                            extra_forms=_neon_forms)
    short = {e.id for e in entries("neon") if len(e.text.split()) < 6 or e.kind != "log"}
    return tuple(p for p in out if p.upstream not in short or not p.id.endswith(".text"))


_HG_LINK = "; see https://"  # a help link a person may redact or shorten when posting


def _hg_forms(entry: Entry) -> Iterator[tuple[str, str, str]]:
    form = str(entry.get("form") or "")
    if _HG_LINK in entry.text:  # the sentence before the link is Mercurial's own
        got = text_regex(entry.text.split(_HG_LINK)[0], context=False)
        if got is not None:
            yield ("sentence", got[0], got[1])
        return
    got = _text(entry)
    if got is not None and form.startswith("abort: ") and "%TEXT%" in form:
        lead = re.escape(form.split("%TEXT%")[0]).replace(re.escape("hg.example.com"),
                                                           r"[^\s]{1,253}")
        host = r"[^\s]{1,253}" if entry.text.startswith("%s ") else ""  # "<host> ssl ..."
        yield ("abort", rf"(?<![\w./-]){lead}{host}{got[0]}", got[1])


def _mercurial() -> tuple[Pattern, ...]:
    """Mercurial's texts: short ones after "abort: ", warnings up to their help link."""
    out = upstream_patterns("mercurial", "Mercurial", side="client", extra_forms=_hg_forms)
    short = {e.id for e in entries("mercurial") if len(e.text.split()) < 6 or _HG_LINK in e.text}
    return tuple(p for p in out if p.upstream not in short or not p.id.endswith(".text"))


_ARIA2_LEAD = r"\bSSL/TLS handshake failure:"


def _aria2_forms(entry: Entry) -> Iterator[tuple[str, str, str]]:
    got = _text(entry)
    if entry.id == "SSL/TLS handshake failure: %s":  # the lead itself, colon included
        yield ("lead", rf"{_ARIA2_LEAD} ", "ssl/tls handshake failure:")
    elif got is not None and entry.kind == "aria2_verdict":
        yield ("verdict", rf"{_ARIA2_LEAD}[^\n]{{0,200}}?{got[0]}", got[1])
    elif got is not None and entry.id.startswith("EX_"):
        # an exception's line: "  -> [SocketCore.cc:1019] errorCode=1 SSL protocol error"
        yield ("exception", rf"\berrorCode=\d{{1,3}} {got[0]}", got[1])
    elif got is not None and entry.id.startswith("MSG_"):
        # its console line, the level in colour or not: "[\x1b[1;31mERROR\x1b[0m] ..."
        yield ("console", rf"\b(?:ERROR|WARN|NOTICE)(?:\x1b\[0m)?\] (?:CUID#\d+ - )?"
                          rf"{got[0]}", got[1])


def _aria2() -> tuple[Pattern, ...]:
    """aria2's verdicts after its handshake lead, its exception texts after "errorCode=N";
    a message of six words or more anywhere."""
    out = _own_forms_only(upstream_patterns("aria2", "aria2", side="client",
                                            extra_forms=_aria2_forms), ("aria2_verdict",), "aria2")
    short = {e.id for e in entries("aria2") if len(e.text.split()) < 6}
    # a verdict after the lead says more than the lead alone (which claims any handshake)
    return tuple(replace(p, spec=max(p.spec, SPECIFIC)) if ".verdict" in p.id else p
                 for p in out if p.upstream not in short or not p.id.endswith(".text"))


_SOCAT_LINE = r"\bsocat\[\d{1,10}\] [EWNI] "


def _socat_forms(entry: Entry) -> Iterator[tuple[str, str, str]]:
    got = _text(entry)
    if got is not None:
        # the line ends there: "no peer certificate" is not "no peer certificate and no check"
        end = "" if entry.text.endswith("%s") else r"\.?[ \t]*$"
        yield ("line", rf"(?m){_SOCAT_LINE}{got[0]}{end}", got[1])


def _socat() -> tuple[Pattern, ...]:
    """socat's words on its own log line; the side is the function's (SSL_accept: socat's
    listener; a missing certificate option: the listener's)."""
    out = upstream_patterns("socat", "socat", side="client", extra_forms=_socat_forms)
    server = ("SSL_accept", "no certificate given", "no peer certificate")
    return tuple(replace(p, side="server" if p.upstream.startswith(server) else "client")
                 for p in out if p.id.endswith(".line") or len(p.upstream.split()) >= 6)


PATTERNS = (_subversion() + _serf() + _neon() + _mercurial() + _aria2() + _socat()
            + upstream_patterns("w3m", "w3m", side="client"))

# OpenSSL's verify string in each program's own shape, read as the OpenSSL table reads it.
_VERIFY_SHAPES = (
    ("aria2", "SSL/TLS handshake failure: %s", r"\bSSL/TLS handshake failure: {text}"),
    ("aria2", "MSG_CERT_VERIFICATION_FAILED", r"\bCertificate verification failed\. Cause: "
                                              r"{text}"),
    ("mercurial", "abort: error: %s",
     r"\babort: error: \[SSL: CERTIFICATE_VERIFY_FAILED\] certificate verify failed: {text}"),
    ("w3m", "%s: accept? (y/n)", r"(?<![\w ]){text}: accept\? \(y/n\)"),
    ("w3m", "This SSL session was rejected: %s", r"\bThis SSL session was rejected: {text}"),
)


def _verify_shapes() -> tuple[Pattern, ...]:
    """OpenSSL's numbered verify texts judged to name causes, in each tool's own shape."""
    return verify_shapes(_VERIFY_SHAPES, judged_numbered("openssl", lambda e: e.kind == "verify"))


def _aria2_gnutls() -> tuple[Pattern, ...]:
    """gnutls_strerror()'s sentence after aria2's lead (its GnuTLS back end's
    getLastErrorString, the build Debian ships), read as the GnuTLS table reads it."""
    wrapper = next(e for e in entries("aria2") if e.id == "SSL/TLS handshake failure: %s")
    out: list[Pattern] = []
    for e in entries("gnutls"):
        v = judge(e)
        got = _text(e)
        if e.kind != "message" or v is None or v.kind != "causes" or got is None:
            continue
        out.append(Pattern(
            source="aria2", rx=rf"{_ARIA2_LEAD} {got[0]}",
            meaning=f"aria2 (GnuTLS): {e.text} ({e.id})", causes=causes(v.causes),
            provenance=f"{wrapper.provenance}; {e.provenance}", spec=REASON + 1,
            needle=got[1], id=f"aria2.gnutls.{e.id}.{len(out)}", upstream=e.id, side="client"))
    return tuple(out)


_HG_ABORT = next(e for e in entries("mercurial") if e.id == "abort: error: %s")

PATTERNS += _verify_shapes() + _aria2_gnutls() + (Pattern(
    source="mercurial", rx=r"(?m)^abort: error: \[SSL: [A-Z0-9_]{3,60}\]",
    meaning="Mercurial: the TLS connection failed (Python's ssl error; OpenSSL's reason "
            "follows)",
    causes=causes("cipher_suite_mismatch:.3 protocol_version_mismatch:.3 "
                  "client_cert_required:.15 middlebox_or_firewall_interference:.15 "
                  "sni_required_or_mismatch:.1"),
    provenance=_HG_ABORT.provenance, spec=GENERIC, needle="abort: error: [ssl: ",
    id="mercurial.abort_ssl", upstream=_HG_ABORT.id, side="client"),)
