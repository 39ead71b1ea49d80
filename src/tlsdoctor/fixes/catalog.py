"""Default wording for every cause, and the one factory that builds Findings.

Every producer of findings (live rules, pki, explain, logs, pcap) calls
``make_finding`` so titles, default severity and who fixes stay consistent.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..diagnosis.causes import Cause, Party, Severity
from ..diagnosis.finding import Finding, FixStep


@dataclass(frozen=True, slots=True)
class CauseInfo:
    title: str
    explanation: str
    who_fixes: Party
    severity: Severity
    fix: str  # generic one-line fix; specific snippets come from fixes.snippets


B, R, W = Severity.BLOCKING, Severity.RISK, Severity.WARNING
S, C, N, E = Party.SERVER, Party.CLIENT, Party.NETWORK, Party.EITHER

CATALOG: Mapping[Cause, CauseInfo] = {
    Cause.PROTOCOL_VERSION_MISMATCH: CauseInfo(
        "No TLS version in common",
        "The client and the server do not accept any protocol version in common, so the "
        "server rejects the ClientHello (usually alert protocol_version or handshake_failure).",
        E, B, "Enable TLS 1.2 and TLS 1.3 on the outdated side."),
    Cause.CIPHER_SUITE_MISMATCH: CauseInfo(
        "No cipher suite, group or signature algorithm in common",
        "The versions overlap, but none of the cipher suites (or key-exchange groups, or "
        "signature algorithms) the client offers is accepted by the server.",
        E, B, "Configure the server with a modern cipher list (Mozilla intermediate) or let the client offer AEAD/ECDHE suites."),
    Cause.OBSOLETE_PROTOCOL_ENABLED: CauseInfo(
        "Server still accepts an obsolete protocol version",
        "SSLv2, SSLv3, TLS 1.0 and TLS 1.1 are deprecated (RFC 8996) and have known attacks.",
        S, R, "Disable everything below TLS 1.2 on the server."),
    Cause.WEAK_CIPHER_OR_NO_PFS: CauseInfo(
        "Server accepts weak cipher suites or lacks forward secrecy",
        "The server accepts suites with broken or weak encryption (NULL, anonymous, EXPORT, "
        "RC4, DES, 3DES), key exchange without forward secrecy, or weak DH/EC parameters.",
        S, R, "Restrict the server to ECDHE/DHE with AEAD ciphers (Mozilla intermediate)."),
    Cause.CERT_EXPIRED: CauseInfo(
        "Certificate has expired",
        "A certificate in the chain is past its notAfter date; clients refuse it.",
        S, B, "Renew the certificate and install the new one with its intermediates."),
    Cause.CERT_NOT_YET_VALID: CauseInfo(
        "Certificate is not valid yet",
        "A certificate in the chain has a notBefore date in the future.",
        S, B, "Install a certificate that is valid now, or check the clock of the issuing system."),
    Cause.CERT_EXPIRING_SOON: CauseInfo(
        "Certificate expires soon",
        "The certificate is valid now but expires within the warning window.",
        S, W, "Renew the certificate before it expires (automate it with ACME)."),
    Cause.CERT_REVOKED: CauseInfo(
        "Certificate has been revoked",
        "The issuing CA says this certificate must no longer be trusted (OCSP or CRL).",
        S, B, "Obtain and install a new certificate (and a new key if it was compromised)."),
    Cause.CERT_SELF_SIGNED: CauseInfo(
        "Certificate is self-signed",
        "The server's certificate is signed by its own key, so no trusted CA vouches for it.",
        S, B, "Install a certificate from a trusted CA, or have the client trust this certificate explicitly."),
    Cause.CERT_UNTRUSTED_ROOT: CauseInfo(
        "Chain ends at a root the client does not trust",
        "The certificate chain leads to a root CA that is not in the client's trust store.",
        S, B, "Use a certificate from a publicly trusted CA, or add the private root CA to the client's trust store."),
    Cause.HOSTNAME_MISMATCH: CauseInfo(
        "Certificate does not cover the name requested",
        "The name the client connected to is not among the certificate's subjectAltNames.",
        S, B, "Install a certificate whose subjectAltName lists this name, or connect with a name it covers."),
    Cause.INCOMPLETE_CHAIN: CauseInfo(
        "Server does not send the intermediate certificate(s)",
        "The server sends its certificate without the intermediates needed to reach a "
        "trusted root. Browsers sometimes repair this; most other clients fail.",
        S, B, "Serve the full chain: leaf followed by the intermediates (not the root)."),
    Cause.BAD_CHAIN_ORDER_OR_EXTRA: CauseInfo(
        "Certificate chain is out of order or has extra certificates",
        "The certificates the server sends are misordered, duplicated, unrelated, or include the root.",
        S, W, "Serve exactly: leaf, then each issuer in order, without the root."),
    Cause.WEAK_SIGNATURE_OR_KEY: CauseInfo(
        "Weak certificate signature or key",
        "A certificate uses a broken signature hash (MD5, SHA-1) or a key that is too small.",
        S, R, "Reissue the certificate with SHA-256 and an RSA 2048+ or ECDSA P-256 key."),
    Cause.CERT_WRONG_PURPOSE: CauseInfo(
        "Certificate is not valid for a TLS server",
        "The certificate's extended key usage, key usage, basic constraints or name constraints "
        "do not allow it to authenticate a TLS server.",
        S, B, "Reissue the certificate as a TLS server certificate (EKU serverAuth, no CA flag)."),
    Cause.OCSP_MUST_STAPLE_MISSING: CauseInfo(
        "Certificate requires OCSP stapling, but the server does not staple",
        "The certificate carries the TLS Feature (must-staple) extension, so clients that honour "
        "it reject the connection when no OCSP response is stapled.",
        S, B, "Enable OCSP stapling on the server."),
    Cause.SNI_REQUIRED_OR_MISMATCH: CauseInfo(
        "Server needs SNI, or serves another certificate without it",
        "The server chooses the certificate by the name in the SNI extension; without it (or "
        "with a name it does not know) it rejects the handshake or serves a default certificate.",
        E, B, "Make the client send SNI, or give the server a default certificate that covers the name."),
    Cause.CLIENT_CERT_REQUIRED: CauseInfo(
        "Server requires a client certificate",
        "The server asks for a client certificate (mutual TLS) and the client did not present one "
        "it accepts.",
        C, B, "Configure the client with a certificate (and key) issued by a CA the server accepts."),
    Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE: CauseInfo(
        "Something on the network path interferes with TLS",
        "The connection is refused, dropped, reset or truncated in a way a TLS server would not "
        "do; typical of a firewall, a filtering proxy or a version-intolerant middlebox.",
        N, B, "Ask the network administrator to allow TLS to this host and port (evidence below)."),
    Cause.TLS_INTERCEPTION_MITM: CauseInfo(
        "The connection is intercepted and re-signed",
        "The certificate received was issued by a TLS-inspection product or proxy, not by the "
        "server's real CA.",
        N, B, "Ask the network administrator to exempt this host from TLS inspection, or trust the inspection CA deliberately."),
    Cause.CLIENT_CLOCK_WRONG: CauseInfo(
        "This machine's clock is wrong",
        "The local clock is far from the real time, so valid certificates look expired or not yet valid.",
        C, B, "Correct the system clock (enable NTP time synchronisation)."),
    Cause.CLIENT_MISCONFIGURATION: CauseInfo(
        "The client's own TLS settings prevent the connection",
        "The client disables versions or suites the server needs, uses a strict security level, "
        "an outdated library, a broken trust store override or proxy setting.",
        C, B, "Fix the client's TLS settings (details below)."),
    Cause.NON_TLS_SERVICE_ON_PORT: CauseInfo(
        "The port does not speak TLS",
        "The server answered in plaintext (HTTP, an SMTP/IMAP/POP3/FTP banner...) instead of a "
        "TLS ServerHello: wrong port or scheme, or the protocol needs STARTTLS.",
        C, B, "Use the TLS port or scheme, or STARTTLS for this protocol."),
    Cause.SERVER_MISCONFIGURATION: CauseInfo(
        "Server's TLS setup cannot work for any client",
        "The server's configuration is inconsistent (cipher list incompatible with the key type, "
        "key/certificate mismatch, no usable certificate).",
        S, B, "Fix the server's certificate/key and cipher configuration."),
    Cause.NAME_RESOLUTION_OR_UNREACHABLE: CauseInfo(
        "The server cannot be reached",
        "The name does not resolve, or there is no route to the address.",
        N, B, "Check the name, DNS and routing."),
}


def make_finding(cause: Cause, *, severity: Severity | None = None, who_fixes: Party | None = None,
                 title: str | None = None, explanation: str | None = None,
                 fix: Iterable[FixStep] | None = None, evidence: Iterable[str] = (),
                 facts: Mapping[str, Any] | None = None, confidence: float = 1.0) -> Finding:
    """Build a Finding, filling what is not given from the catalogue."""
    info = CATALOG[cause]
    steps = tuple(fix) if fix is not None else (FixStep(text=info.fix),)
    return Finding(cause=cause, severity=severity or info.severity,
                   who_fixes=who_fixes or info.who_fixes, title=title or info.title,
                   explanation=explanation or info.explanation, fix=steps,
                   evidence=tuple(evidence), facts=dict(facts or {}), confidence=confidence)
