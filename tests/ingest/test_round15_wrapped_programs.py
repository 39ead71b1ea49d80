"""Round 15: QuickFIX/n, OfflineIMAP, ocaml-tls and NppFTP, whose TLS wording no table had:
every entry read from the program's source (patterns/wrappers.py, path + commit there),
judged by who fixes it; the ambiguous ones rank below 0.6. Each row is the text as the
program prints it (format strings filled in), its first cause and whether it is sure."""

from __future__ import annotations

import pytest

from tlsdoctor.api import explain
from tlsdoctor.causes import Cause as C

ROWS = [
    # QuickFIX/n SslStreamFactory.cs
    ("Remote certificate is not intended for server authentication: It is missing enhanced key "
     "usage 1.3.6.1.5.5.7.3.1", "quickfixn", C.CERT_WRONG_PURPOSE, False),
    ("Remote certificate is not intended for client authentication: It is missing enhanced key "
     "usage 1.3.6.1.5.5.7.3.2", "quickfixn", C.CERT_WRONG_PURPOSE, False),
    ("No server certificate specified, the SSLCertificate setting must be configured",
     "quickfixn", C.SERVER_MISCONFIGURATION, True),
    ("Remote certificate was not recognized as a valid certificate: "
     "RemoteCertificateNameMismatch", "quickfixn", C.HOSTNAME_MISMATCH, True),
    ("Remote certificate was not recognized as a valid certificate: "
     "RemoteCertificateChainErrors", "quickfixn", C.CERT_UNTRUSTED_ROOT, False),
    ("Certificate 'ca.pem' could not be loaded from store or path 'C:\\fix'", "quickfixn",
     C.CLIENT_MISCONFIGURATION, False),
    # OfflineIMAP imapserver.py / imaplibutil.py
    ("CA Cert verifying failed:  no matching domain name found in certificate", "offlineimap",
     C.HOSTNAME_MISMATCH, True),
    ("CA Cert verifying failed:  no commonName found in certificate", "offlineimap",
     C.HOSTNAME_MISMATCH, True),
    ("CA Cert verifying failed:  certificate expired Jan  1 00:00:00 2020 GMT", "offlineimap",
     C.CERT_EXPIRED, True),
    ("No CA certificates and no server fingerprints configured.  You must configure at least "
     "something, otherwise having SSL helps nothing.", "offlineimap", C.CLIENT_MISCONFIGURATION,
     True),
    ("Server SSL fingerprint(s) '[('sha512', 'ab')]' for hostname 'imap.example.org' does not "
     "match configured fingerprint(s) ['cd'].", "offlineimap", C.CLIENT_MISCONFIGURATION, False),
    ("Could not connect via SSL to host 'imap.example.org' and non-standard ssl port 143 "
     "configured. Make sure you connect to the correct port.", "offlineimap",
     C.NON_TLS_SERVICE_ON_PORT, True),
    # ocaml-tls: both printed forms (the 0.13 s-expression, lib/state.ml's printer)
    ("TLS connection failed: (Error (NoConfiguredSignatureAlgorithm ()))", "ocaml_tls",
     C.CLIENT_MISCONFIGURATION, False),
    ("TLS failure: no configure signature algorithm: ", "ocaml_tls", C.CLIENT_MISCONFIGURATION,
     False),
    ("(Error (NoConfiguredCiphersuite ()))", "ocaml_tls", C.CIPHER_SUITE_MISMATCH, True),
    ("TLS failure: no configured version: ", "ocaml_tls", C.PROTOCOL_VERSION_MISMATCH, True),
    ("(Error (NoMatchingCertificateFound example.org))", "ocaml_tls",
     C.SNI_REQUIRED_OR_MISMATCH, False),
    ("TLS failure: version error: none supported, client provided TLS 1.0", "ocaml_tls",
     C.PROTOCOL_VERSION_MISMATCH, True),
    ("(Fatal (Protocol_version (Unknown_record (72 84))))", "ocaml_tls",
     C.NON_TLS_SERVICE_ON_PORT, True),
    # NppFTP
    ("-> AUTH TLS\n234 AUTH TLS OK.\nUnable to connect\nDisconnected", "nppftp",
     C.PROTOCOL_VERSION_MISMATCH, False),
    ("[FTPS] No certificate presented by server, aborting connection.", "nppftp",
     C.SERVER_MISCONFIGURATION, True),
]


@pytest.mark.parametrize(("text", "source", "first", "sure"), ROWS,
                         ids=[f"{r[1]}-{n}" for n, r in enumerate(ROWS)])
def test_each_entry_is_judged(text: str, source: str, first: C, sure: bool) -> None:
    r = explain(text)
    assert r.recognized and r.source == source
    top = r.findings[0]
    assert top.cause is first, [(f.cause, f.confidence) for f in r.findings]
    assert (top.confidence >= 0.6) is sure, top.confidence
    assert all(f.facts["provenance"] for f in r.findings)
