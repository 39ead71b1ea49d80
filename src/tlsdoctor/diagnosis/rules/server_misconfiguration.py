"""server_misconfiguration: the server fails every handshake, whatever is offered; or it
answers, but its handshake signature is not made with its certificate's key."""

from __future__ import annotations

import hashlib
import shlex

from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from ...evidence import Evidence, Probe
from ...fixes.catalog import make_finding
from ...probe.outcome import Outcome, ProbeResult
from ...safe import printable
from ...wire.registry import SignatureScheme, name_of
from ...wire.signatures import leaf_public_key
from .. import words
from ..causes import Cause
from ..finding import Finding, FixStep
from . import rule
from .sni_required_or_mismatch import unrecognized_name


@rule
def server_misconfiguration(ev: Evidence) -> Finding | None:
    """Every variant (all versions and suites, with and without SNI) ends in an alert."""
    wide = ev.probe(Probe.WIDE)
    if wide is None or wide.ok or any(p.ok for p in ev.probes):
        return None
    if unrecognized_name(ev.baseline) and ev.baseline.offer.sni is None:
        return None  # it wants a name: sni_required_or_mismatch
    answered = [p for p in ev.probes if p.outcome is Outcome.ALERT]
    if not answered or len(answered) < len([p for p in ev.probes if p.label != Probe.SSL2]):
        return None
    return make_finding(
        Cause.SERVER_MISCONFIGURATION,
        title="Server refuses every handshake, whatever the client offers",
        explanation="Offered every protocol version, cipher suite, group and signature "
                    "algorithm, with and without SNI, the server still answers with an alert. "
                    "No client can connect: typically the cipher list does not fit the "
                    "certificate's key type (e.g. RSA-only suites with an ECDSA certificate), "
                    "the key does not match the certificate, or no certificate is configured.",
        evidence=tuple(f"{p.label}: alert {words.alert(p.alert)}" for p in answered),
        fix=(FixStep(text="Check that the certificate and key belong together:",
                     code="openssl x509 -noout -pubkey -in cert.pem | sha256sum\n"
                          "openssl pkey -pubout -in key.pem | sha256sum"),
             FixStep(text="Check the server's error log for the handshake error, and use a "
                          "cipher list that includes suites for the certificate's key type "
                          "(Mozilla intermediate).")))


def _spki_sha256(cert_der: bytes) -> str | None:
    """SHA-256 of the leaf's DER SubjectPublicKeyInfo: the value the fix commands print
    (they convert the public key to DER first, so the hashes compare as they are)."""
    key = leaf_public_key(cert_der)
    if key is None:
        return None
    return hashlib.sha256(key.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
                          ).hexdigest()


def _signed_with(p: ProbeResult) -> str:
    if p.server_signature_scheme is None:
        return "legacy MD5+SHA-1 / SHA-1" if p.version is not None and p.version < 0x0303 \
            else "unknown scheme"
    return name_of(SignatureScheme, p.server_signature_scheme)


@rule
def server_key_mismatch(ev: Evidence) -> Finding | None:
    """The handshake works on the wire, but the server's signature (TLS 1.3 CertificateVerify,
    TLS 1.2 ServerKeyExchange) does not verify with the public key of the certificate it
    sends: the server holds another private key than its certificate's. Every client that
    checks the signature (all of them) aborts with "bad signature" / decrypt_error."""
    checked = [p for p in ev.probes if p.outcome is Outcome.HANDSHAKE
               and p.server_signature_ok is not None]
    bad = [p for p in checked if p.server_signature_ok is False]
    if not bad:
        return None
    good = len(checked) - len(bad)
    first = bad[0]
    spki = _spki_sha256(first.certificates[0]) if first.certificates else None
    evidence = [f"{p.label}: {words.version(p.version)}, {words.suite(p.cipher_suite)}: "
                f"the {'CertificateVerify' if (p.version or 0) >= 0x0304 else 'ServerKeyExchange'}"
                f" signature ({_signed_with(p)}) does not verify with the certificate's key"
                for p in bad]
    if good:
        # Some handshakes verify and some do not: typical of a pool where one backend
        # (or one of several configured certificates) has the wrong key.
        evidence.append(f"{good} other handshake(s) to the same address did verify: "
                        "probably one server (or one certificate) of several is wrong")
    if spki:
        evidence.append(f"certificate public key (SPKI) SHA-256: {spki}")
    host, address = ev.target.sni or ev.target.host, ev.target.address
    connect = shlex.quote(f"[{address}]:{ev.target.port}" if ":" in address
                          else f"{address}:{ev.target.port}")
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
        evidence=tuple(evidence),
        facts={"probes": [p.label for p in bad], "verified_elsewhere": good,
               "signature_scheme": first.server_signature_scheme, "spki_sha256": spki},
        fix=(FixStep(text="Compare the public key of the certificate with the private key "
                          "the server is configured with; the two hashes must be equal (and "
                          "equal to the SPKI SHA-256 in the evidence for the certificate):",
                     code="openssl x509 -noout -pubkey -in cert.pem "
                          "| openssl pkey -pubin -outform DER | openssl sha256\n"
                          "openssl pkey -pubout -outform DER -in key.pem | openssl sha256"),
             FixStep(text="For RSA, comparing the moduli says the same:",
                     code="openssl x509 -noout -modulus -in cert.pem | openssl sha256\n"
                          "openssl rsa -noout -modulus -in key.pem | openssl sha256"),
             FixStep(text="Install the certificate together with the key it was issued for "
                          "(or reissue the certificate for the key in use), then reload the "
                          "server. See what the server really sends:",
                     code=f"openssl s_client -connect {connect} "
                          f"-servername {shlex.quote(host)} </dev/null 2>/dev/null "
                          "| openssl x509 -noout -pubkey | openssl pkey -pubin -outform DER "
                          "| openssl sha256"),
             FixStep(text="If the files match, the signature is changed on the way: check for "
                          "a TLS-inspection proxy or load balancer between client and server, "
                          "and compare from another network.")))


@rule
def protocol_violation(ev: Evidence) -> Finding | None:
    """The answer breaks TLS itself (lying lengths, oversized records, a choice the client
    never offered, a flood): no client can complete a handshake with it."""
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
        fix=(FixStep(text="See what the server really sends, and compare from a host on the "
                          "server's own network (a difference points at the path):",
                     code=f"openssl s_client -connect {shlex.quote(f'{ev.target.address}:{ev.target.port}')} "
                          f"-servername {shlex.quote(ev.target.host)} -msg -state </dev/null"),
             FixStep(text="Update the TLS stack or firmware of the server or appliance that "
                          "terminates TLS.")))
