"""Gradle (gradle/gradle platforms/software/resources-http/.../HttpClientHelper.java, read
through the search index): wrapWithExplanation() puts its own sentence before the JSSE
exception of a failed repository request.

"The server does not support the client's requested TLS protocol versions" is printed only
when the exception holds "protocol_version" (an alert: no version in common). "The server
may not support..." is printed for every other SSLHandshakeException that is not PKIX or
certificate_unknown ("Remote host terminated the handshake" through a proxy, a filtered
path, an old runtime): a ranking, the JSSE words after it decide. "Got SSL handshake
exception during request" is the PKIX/certificate_unknown case; "Got socket exception
during request" a SocketException (reset, closed) on the way.
"""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "protocol_versions.does": common.VERSION_OR_CLIENT,
    "protocol_versions.may": ("middlebox_or_firewall_interference:.4 "
                              "protocol_version_mismatch:.35 client_misconfiguration:.25 "
                              "| category"),
    "Got SSL handshake exception during request. It might be caused by SSL misconfiguration":
        ("cert_untrusted_root:.4 tls_interception_mitm:.3 client_misconfiguration:.2 "
         "incomplete_chain:.1 | category"),
    "Got socket exception during request. It might be caused by SSL misconfiguration":
        ("middlebox_or_firewall_interference:.5 protocol_version_mismatch:.2 "
         "client_misconfiguration:.15 name_resolution_or_unreachable:.15 | generic"),
}

RULES = ()
