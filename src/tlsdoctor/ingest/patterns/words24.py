"""Round 24: programs' own sentences for causes their words name outright.

- nassl (sslyze's OpenSSL wrapper; nabla-c0d3/nassl @ b08d317e6fee7540d617bf798d3fdd918001bee2
  nassl/ssl_client.py ClientCertificateRequested): do_handshake raises it when the server
  asked for a client certificate and none was given ("Server requested a client certificate
  issued by one of the following CAs: %s." or, with no CA list, "Server requested a client
  certificate.").
- aws-crt-python 0.38.1 (its bundled aws-c-io, run here: a DER file given to
  TlsContextOptions.override_default_trust_store_from_path, which reads the file and passes
  its bytes): "static: Invalid CA buffer. Buffer must contain PEM encoded data", the same
  check as the harvested "Invalid CA file" sentence (judgement/aws_c_io.py) in that
  release's words.
"""

from __future__ import annotations

from dataclasses import replace

from . import REASON, Pattern, Row, table

_NASSL = ("nabla-c0d3/nassl @ b08d317e6fee7540d617bf798d3fdd918001bee2 nassl/ssl_client.py "
          "(ClientCertificateRequested)")
_CRT = ("aws-crt-python 0.38.1 (its aws-c-io's tls_channel_handler.c, printed on this "
        "machine for a DER trust file)")

_ROWS: list[tuple[str, Row]] = [
    ("nassl", (r"\bServer requested a client certificate(?: issued by one of the following "
               r"CAs: |\.)",
               "nassl (sslyze): the server asked for a client certificate and none was given",
               "client_cert_required:1", REASON, _NASSL,
               "server requested a client certificate")),
    ("aws_c_io", (r"\bInvalid CA buffer\. Buffer must contain PEM encoded data\b",
                  "AWS CRT (aws-c-io): the CA file given to override the trust store is not "
                  "PEM (a DER file, or not a certificate)",
                  "client_misconfiguration:1", REASON, _CRT)),
]

PATTERNS: tuple[Pattern, ...] = tuple(
    replace(p, id=f"{source}.r24.{n}")
    for n, (source, row) in enumerate(_ROWS)
    for p in table(source, str(row[4]) if len(row) > 4 else "", [row], side="client"))
