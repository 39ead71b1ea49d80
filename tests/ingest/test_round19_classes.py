"""Round 19: classes of misses found when holdout17 was folded into dev.

Go's tls.Config misuse (crypto/tls handshake_client.go, handshake_server.go @ go1.19.8) is
refused before a byte is sent: the program's own TLS settings are wrong, not the peer's. The
keyword rules read "ServerName" in it as the server's SNI refusal, with certainty.
"""

from __future__ import annotations

import pytest

from tlsdoctor.api import explain


@pytest.mark.parametrize(("text", "cause", "party"), [
    ("handshake server error: tls: either ServerName or InsecureSkipVerify must be specified "
     "in the tls.Config", "client_misconfiguration", "client"),
    ("dial: tls: invalid NextProtos value", "client_misconfiguration", "client"),
    ("http: TLS handshake error from 10.0.0.7:51234: tls: neither Certificates, "
     "GetCertificate, nor GetConfigForClient set in Config", "server_misconfiguration",
     "server"),
])
def test_go_config_misuse_is_the_programs_own_setting(text: str, cause: str,
                                                      party: str) -> None:
    top = explain(text).findings[0]
    assert (top.cause.value, top.who_fixes.value) == (cause, party)
    assert "sni_required_or_mismatch" not in {f.cause.value for f in explain(text).findings}
