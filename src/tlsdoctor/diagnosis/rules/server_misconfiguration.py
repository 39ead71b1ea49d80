"""server_misconfiguration: a server setup that fails every client."""

from __future__ import annotations

import hashlib

from ...causes import Cause, Severity
from ...evidence import Evidence, Probe
from ...finding import Finding
from ...probe.outcome import Exchange, Outcome
from ...safe import printable
from ...wire.registry import AlertDescription, SignatureScheme, name_of
from .. import words
from ..catalog import make_finding
from . import rule
from ._capture import (
    alert_line,
    alert_name,
    captured,
    deciding_alert,
    legacy_hello_refused,
    unexplained_alert,
)
from ._chain import cert_evidence, cert_facts, chain_of
from ._common import name_refusal, unrecognized_name
from ._policy import client_name, policy
from ._text import stated


@rule
def server_misconfiguration(ev: Evidence) -> list[Finding]:
    """Every variant refused; a handshake signed with another key than the certificate's;
    answers that break TLS itself; no usable certificate; a cipher suite the certificate's
    key cannot serve. From a capture: a server that gives up without an alert."""
    said = stated(ev, Cause.SERVER_MISCONFIGURATION)
    if said is not None:
        return [said]
    found = (_refuses_everything(ev), _key_mismatch(ev), _protocol_violation(ev),
             _no_certificate(ev), _key_type(ev), _too_large(ev), _captured(ev))
    return [f for f in found if f is not None]


def _refuses_everything(ev: Evidence) -> Finding | None:
    """Every variant (all versions and suites, with and without SNI) ends in an alert."""
    wide = ev.probe(Probe.WIDE)
    if not ev.live or wide is None or wide.ok or any(p.ok for p in ev.probes):
        return None
    if unrecognized_name(ev.baseline) and ev.baseline.offer.sni is None:
        return None  # it wants a name: sni_required_or_mismatch
    if name_refusal(ev) is not None:
        return None  # no certificate for any name tried: sni_required_or_mismatch
    answered = [p for p in ev.probes if p.outcome is Outcome.ALERT]
    if not answered or len(answered) < len([p for p in ev.probes if p.label != Probe.SSL2]):
        return None
    sni = {p.offer.sni is not None for p in ev.probes}
    tried = ("with and without SNI" if sni == {True, False} else
             "with SNI" if sni == {True} else "without SNI (no name to send)")
    return make_finding(
        Cause.SERVER_MISCONFIGURATION,
        title="Server refuses every handshake, whatever the client offers",
        explanation="Offered every protocol version, cipher suite, group and signature "
                    f"algorithm, {tried}, the server still answers with an alert. "
                    "No client can connect: typically the cipher list does not fit the "
                    "certificate's key type (e.g. RSA-only suites with an ECDSA certificate), "
                    "the key does not match the certificate, or no certificate is configured.",
        evidence=tuple(f"{p.label}: alert {words.alert(p.alert)}" for p in answered),
        facts={"kind": "refuses_all"})


def _spki_sha256(cert_der: bytes) -> str | None:
    """SHA-256 of the leaf's DER SubjectPublicKeyInfo: the value the fix commands print
    (they convert the public key to DER first, so the hashes compare as they are)."""
    # Imported here: cryptography is loaded only when a certificate is read (a capture
    # without one, such as TLS 1.3 or a bulk transfer, never needs it).
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    from ...wire.signatures import leaf_public_key

    key = leaf_public_key(cert_der)
    if key is None:
        return None
    return hashlib.sha256(key.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
                          ).hexdigest()


def _signed_with(p: Exchange) -> str:
    if p.server_signature_scheme is None:
        return "legacy MD5+SHA-1 / SHA-1" if p.version is not None and p.version < 0x0303 \
            else "unknown scheme"
    return name_of(SignatureScheme, p.server_signature_scheme)


def _key_mismatch(ev: Evidence) -> Finding | None:
    """The handshake works on the wire, but the server's signature (TLS 1.3 CertificateVerify,
    TLS 1.2 ServerKeyExchange) does not verify with the public key of the certificate it
    sends: the server holds another private key than its certificate's. Every client that
    checks the signature (all of them) aborts with "bad signature" / decrypt_error."""
    checked = [p for p in ev.probes if p.outcome is Outcome.HANDSHAKE
               and p.server_signature_ok is not None]
    bad = [p for p in checked if p.server_signature_ok is False]
    if not bad:
        return None
    good, first = len(checked) - len(bad), bad[0]
    spki = _spki_sha256(first.certificates[0]) if first.certificates else None
    lines = [f"{p.label}: {words.version(p.version)}, {words.suite(p.cipher_suite)}: the "
             f"{'CertificateVerify' if (p.version or 0) >= 0x0304 else 'ServerKeyExchange'}"
             f" signature ({_signed_with(p)}) does not verify with the certificate's key"
             for p in bad]
    if good:
        # Some handshakes verify and some do not: typical of a pool where one backend
        # (or one of several configured certificates) has the wrong key.
        lines.append(f"{good} other handshake(s) to the same address did verify: "
                     "probably one server (or one certificate) of several is wrong")
    if spki:
        lines.append(f"certificate public key (SPKI) SHA-256: {spki}")
    return make_finding(
        Cause.SERVER_MISCONFIGURATION,
        title="The server's private key does not match its certificate",
        explanation="The server completes the handshake, but the signature it makes with its "
                    "private key does not verify with the public key in the certificate it "
                    "sends. Every TLS client checks this signature and aborts (\"bad "
                    "signature\", \"decrypt error\", alert 51). The server is configured with "
                    "a key that belongs to another certificate (for example a renewed "
                    "certificate installed with the old key, or the wrong pair on one node "
                    "behind a load balancer). A TLS-intercepting device on the path that "
                    "forwards the real certificate but signs with its own key causes the "
                    "same symptom: if the server's files match, look at the network.",
        evidence=tuple(lines),
        facts={"kind": "key_mismatch", "probes": [p.label for p in bad],
               "verified_elsewhere": good, "signature_scheme": first.server_signature_scheme,
               "spki_sha256": spki})


def _protocol_violation(ev: Evidence) -> Finding | None:
    """The answer breaks TLS itself (lying lengths, oversized records, a choice the client
    never offered, a flood): no client can complete a handshake with it."""
    if not ev.probes:
        return None
    b = ev.baseline
    if b.outcome is not Outcome.MALFORMED or any(p.ok for p in ev.probes):
        return None
    broken = [p for p in ev.probes if p.outcome is Outcome.MALFORMED]
    truncated = any(p.extra.get("truncated") for p in broken)
    return make_finding(
        Cause.SERVER_MISCONFIGURATION, confidence=0.6 if truncated else 0.8,
        title=f"The server's answer breaks the TLS protocol: {printable(b.error or 'malformed')}",
        explanation="The reply is TLS, but not valid TLS: a record or handshake message that "
                    "cannot be decoded, a length that lies, or a choice the client never offered "
                    "(RFC 8446 §4.1.3, RFC 5246 §7.4.1.3 require the client to abort). Every "
                    "client fails on it. A buggy TLS stack or appliance on the server does this; "
                    "so can a device on the path that rewrites or cuts the connection"
                    + (" (the answer was cut off mid-message here)." if truncated else "."),
        evidence=tuple(f"{p.label}: {printable(p.error or p.outcome.value)}" for p in broken[:6]),
        facts={"kind": "protocol_violation"})


def _no_certificate(ev: Evidence) -> Finding | None:
    chain = ev.chain
    if chain is None:
        return None
    if chain.empty:
        return make_finding(Cause.SERVER_MISCONFIGURATION, title="Server sent no certificate",
                            explanation="The server's Certificate message is empty: it has no "
                                        "usable certificate configured.",
                            facts={"kind": "no_certificate"})
    bad = chain.leaf_unparsable
    if bad is None:
        return None
    return make_finding(
        Cause.SERVER_MISCONFIGURATION, title="Server's certificate cannot be parsed",
        explanation="The first certificate the server sent is not valid DER X.509, so no "
                    "client can use it.",
        evidence=(f"certificate #0: {bad.size} bytes, SHA-256 {bad.sha256}: {bad.error}",),
        facts={"kind": "unparsable_certificate", "index": 0, "error": bad.error},
        confidence=0.5 if ev.observed else 1.0)


def _key_type(ev: Evidence) -> Finding | None:
    """The negotiated suite authenticates with a key type the certificate does not have."""
    chain = chain_of(ev)
    if chain is None or chain.leaf is None or not chain.key_type_conflicts:
        return None
    leaf = chain.leaf.info
    return make_finding(
        Cause.SERVER_MISCONFIGURATION,
        title="The certificate's key type does not fit the negotiated cipher suite",
        explanation="The server negotiated a suite that its certificate cannot authenticate: "
                    + "; ".join(chain.key_type_conflicts) + ". Configure a cipher list for the "
                    "key type, or a certificate of each type.",
        evidence=(cert_evidence(leaf, "leaf"), f"negotiated: {chain.negotiated_kx}",
                  *chain.key_type_conflicts),
        facts={**cert_facts(leaf), "negotiated_kx": chain.negotiated_kx, "kind": "key_type",
               "key_type": leaf.key_type})


# The smallest Certificate message limit among common clients (JDK 17's
# jdk.tls.maxCertificateChainLength... and SSLEngine's 32 KiB handshake buffer; see
# clients/profiles.json max_cert_message_bytes): above it, some clients fail.
_SMALLEST_LIMIT = 32768


def certificate_message_size(certificates: tuple[bytes, ...], version: int | None) -> int:
    """Bytes of the Certificate message body (RFC 5246 §7.4.2; RFC 8446 §4.4.2 adds a
    request context and per-entry extensions)."""
    if version == 0x0304:
        return 1 + 3 + sum(3 + len(c) + 2 for c in certificates)
    return 3 + sum(3 + len(c) for c in certificates)


def _too_large(ev: Evidence) -> Finding | None:
    """A Certificate message over the client's limit (OpenSSL's max_cert_list is 100 KiB:
    "excessive message size"); without a known client, over the smallest common limit."""
    source = ev.probe(ev.chain_source) if ev.chain_source else None
    if source is None or not source.certificates:
        return None
    size = certificate_message_size(source.certificates, source.version)
    p = policy(ev)
    limit = p.max_cert_message_bytes if p is not None else None
    if size <= (limit or _SMALLEST_LIMIT):
        return None
    blocking = limit is not None
    who = client_name(ev) if blocking else "clients with the smallest limits (Java)"
    return make_finding(
        Cause.SERVER_MISCONFIGURATION, severity=Severity.BLOCKING if blocking else Severity.WARNING,
        title=f"The certificate message is {size:,} bytes, more than {who} accept"
              + (f" ({limit:,})" if limit else ""),
        explanation="Clients cap the size of the server's Certificate message; this one is "
                    "over the cap, so the handshake stops ('excessive message size' in "
                    "OpenSSL). Certificates with thousands of names, or a chain with extra "
                    "certificates, do this.",
        evidence=(f"Certificate message: {size:,} bytes in {len(source.certificates)} "
                  "certificate(s)",
                  f"limit of {who}: {(limit or _SMALLEST_LIMIT):,} bytes"
                  + (f" ({p.source('max_cert_message_bytes')})" if p is not None and limit else "")),
        facts={"kind": "cert_message_too_large", "size": size, "limit": limit or _SMALLEST_LIMIT})


def _captured(ev: Evidence) -> Finding | None:
    ex = captured(ev)
    if ex is None:
        return None
    a = deciding_alert(ex)
    if a is not None and unexplained_alert(ex, a) and not legacy_hello_refused(ev, ex, a) and (
            a.by == "client" or a.description == AlertDescription.internal_error):
        return make_finding(Cause.SERVER_MISCONFIGURATION, confidence=0.4,
                            evidence=(alert_line(a),), facts={"alert": alert_name(a)})
    tr = ex.transport
    if a is None and ex.version is None and not ex.complete and tr is not None and \
            tr.reset_by != "server" and tr.closed_by[:1] == ("server",) and tr.server_bytes == 0:
        return make_finding(
            Cause.SERVER_MISCONFIGURATION, confidence=0.4,
            evidence=("a server with no usable certificate/configuration closes without an alert",),
            facts={"kind": "closed_silently"})
    return None
