"""Round 20: libldap's context lines are a client's unless slapd's framing says otherwise
(ingest/side.py): a FreeRADIUS row ("tls: %s: Error in %s") made "TLS: could not use CA
certificate: ASN1 parser: Error in DER parsing." a server's, so who fixes it was the server.
"""

from __future__ import annotations

import pytest
from ranked import top_and_party as _top


@pytest.mark.parametrize("text", [
    # libldap (tls_g.c) when TLS_CACERT is not PEM: ldapsearch's, SSSD's, PHP's own file
    "TLS: could not use CA certificate: ASN1 parser: Error in DER parsing. (-69)",
    "ldap_start_tls: Connect error (-11)\n\tadditional info: TLS: could not use CA "
    "certificate: ASN1 parser: Error in DER parsing. (-69)",
])
def test_libldap_ca_file_is_the_clients(text: str) -> None:
    assert _top(text)[0::2] == ("client_misconfiguration", "client")


def test_slapd_ca_file_stays_the_servers() -> None:
    text = ("slapd[812]: TLS: could not use CA certificate: ASN1 parser: Error in DER "
            "parsing. (-69)\nslapd[812]: main: TLS init def ctx failed: -1")
    assert _top(text)[0::2] == ("server_misconfiguration", "server")
