"""wget: its own wording, judged by the shared keyword rules (judgement/_common.py
TEXT_RULES) after the entries listed here; the remaining lines are not about why a TLS
connection failed (startup, configuration syntax, internal states, debug output)."""

from __future__ import annotations

from . import _common as common

JUDGE: dict[str, str] = {
    # src/openssl.c and src/gnutls.c (mirror/wget 8775506f632f): SSL_get_peer_certificate /
    # gnutls_certificate_get_peers gave nothing, i.e. the SERVER sent no certificate (an
    # anonymous suite, or something in between answering for it) - not a client certificate,
    # which the keyword rules would read from "certificate presented".
    "%s: No certificate presented by %s.\n": "server_misconfiguration:.5 "
                                              "tls_interception_mitm:.3 | reason",
}

RULES = (
    *common.client_text_rules(),
    (r".", "not_tls", "the remaining wget lines are not about why a connection failed"),
)
