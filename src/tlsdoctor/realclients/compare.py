"""Predicted vs real: what tlsdoctor says for a profile, against what the real client did.

A pair agrees when the outcome matches (the real client connected, and tlsdoctor says
``ok`` or ``risky``; or it failed, and tlsdoctor says ``fails``) and, when both fail,
the predicted root cause is one the real client's error text means. The meaning of an
error text comes from ``tlsdoctor.explain`` plus, for the texts it does not know, the
small table below (each entry observed from that real program here, and named in its
own source where the program has one).
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from pathlib import Path

from .base import RealOutcome
from .scenarios import LiveScenario

# Every cause a failed chain verification can mean (a client that prints no reason).
_VERIFY_CAUSES = ("cert_expired", "cert_not_yet_valid", "hostname_mismatch", "cert_self_signed",
                  "cert_untrusted_root", "incomplete_chain", "weak_signature_or_key",
                  "cert_wrong_purpose", "cert_revoked")

# (client, pattern in its error text) -> causes it means. Only what explain lacks.
_CLIENT_ERRORS: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    # A server whose only suites need a key it does not have refuses every client with
    # a handshake_failure alert (openssl ssl/statem/statem_srvr.c: "no shared cipher"),
    # so each client's "handshake failure" text can mean that misconfiguration too.
    ("*", r"(?i)handshake[ _]failure|SSL_ERROR_NO_CYPHER_OVERLAP|ERR_SSL_VERSION_OR_CIPHER_MISMATCH",
     ("server_misconfiguration",), "RFC 8446 §6.2 handshake_failure; nss lib/ssl/sslerr.h"),
    ("firefox", r"SSL_ERROR_RX_CERTIFICATE_REQUIRED_ALERT", ("client_cert_required",),
     "nss lib/ssl/sslerr.h: the server sent certificate_required (RFC 8446 §4.4.2.4)"),
    ("chromium", r"net::ERR_SOCKET_NOT_CONNECTED", ("client_cert_required",),
     "observed: Chromium 156 when a TLS 1.3 server refuses the empty client certificate"),
    ("chromium", r"net::ERR_CERT_INVALID", ("weak_signature_or_key",),
     "chromium net/cert/cert_status_flags.cc: SHA-1 signatures map to CERT_STATUS_INVALID"),
    ("chromium", r"net::ERR_SSL_PROTOCOL_ERROR", ("server_misconfiguration",
                                                   "non_tls_service_on_port"),
     "chromium net/base/net_error_list.h SSL_PROTOCOL_ERROR: the peer broke the protocol"),
    ("go", r"tls: handshake message of length \d+ bytes exceeds maximum",
     ("server_misconfiguration",), "go/src/crypto/tls/conn.go readHandshake"),
    ("go", r"server gave HTTP response to HTTPS client", ("non_tls_service_on_port",),
     "go/src/net/http/transport.go"),
    ("firefox", r"SSL_ERROR_RX_MALFORMED_HANDSHAKE", ("server_misconfiguration",),
     "nss lib/ssl/sslerr.h SSL_ERROR_RX_MALFORMED_HANDSHAKE"),
    ("firefox", r"SSL_ERROR_RX_RECORD_TOO_LONG", ("non_tls_service_on_port",),
     "nss lib/ssl/sslerr.h: a plaintext answer read as a TLS record"),
    ("java", r"handshake message \(\d+\) exceeds the maximum allowed size",
     ("server_misconfiguration",), "JDK sun.security.ssl.SSLEngineInputRecord"),
    ("java", r"Unsupported or unrecognized SSL message", ("non_tls_service_on_port",),
     "JDK sun.security.ssl.SSLSocketInputRecord"),
    ("java", r"DH key size must be multiple of 64", ("weak_cipher_or_no_pfs",),
     "JDK DHKeyPairGenerator.initialize"),
    ("java", r"KeyUsage does not allow", ("cert_wrong_purpose",),
     "JDK sun.security.validator.EndEntityChecker"),
    ("node", r"excessive message size|EXCESSIVE_MESSAGE_SIZE", ("server_misconfiguration",),
     "openssl ssl/statem/statem.c (SSL_R_EXCESSIVE_MESSAGE_SIZE)"),
    ("curl", r"excessive message size", ("server_misconfiguration",),
     "openssl ssl/statem/statem.c (SSL_R_EXCESSIVE_MESSAGE_SIZE)"),
    ("python", r"EXCESSIVE_MESSAGE_SIZE", ("server_misconfiguration",),
     "openssl ssl/statem/statem.c (SSL_R_EXCESSIVE_MESSAGE_SIZE)"),
    # Round 18: GnuTLS (gnutls-cli, wget), PHP, Perl, Erlang, Mono.
    ("gnutls", r"handshake data size is too large", ("server_misconfiguration",),
     "gnutls lib/errors.c GNUTLS_E_HANDSHAKE_TOO_LARGE (3.7.9)"),
    ("wget", r"handshake data size is too large", ("server_misconfiguration",),
     "gnutls lib/errors.c GNUTLS_E_HANDSHAKE_TOO_LARGE (3.7.9), printed by wget src/gnutls.c"),
    ("gnutls", r"[Rr]eceived alert \[40\]", ("cipher_suite_mismatch", "server_misconfiguration"),
     "gnutls 3.7.9 src/cli.c: '*** Received alert [%d]'; 40 is handshake_failure (RFC 8446 §6.2)"),
    ("wget", r"received alert \[40\]", ("cipher_suite_mismatch", "server_misconfiguration"),
     "wget src/gnutls.c _do_handshake: 'received alert [%d]'; 40 is handshake_failure"),
    ("wget", r"Read error (\(.*\) in headers|at byte)|Failed writing HTTP request",
     ("client_cert_required",),
     "RFC 8446 §4.4.2.4: a TLS 1.3 server refuses a missing client certificate after the "
     "handshake; wget src/http.c 'Read error (%s) in headers.', '%s (%s) - Read error at byte "
     "%s (%s).', 'Failed writing HTTP request'"),
    # wget words seven GnuTLS status bits (src/gnutls.c _CHECK_CERT); any other bit, such as
    # GNUTLS_CERT_MISSING_OCSP_STATUS or GNUTLS_CERT_PURPOSE_MISMATCH, leaves only "not trusted".
    ("wget", r"is not trusted\.(?!.*ERROR: The certificate)", ("ocsp_must_staple_missing",
                                                                "cert_wrong_purpose"),
     "wget src/gnutls.c ssl_check_certificate (mirror/wget @ 8775506f632f, _CHECK_CERT)"),
    # PHP streams, IO::Socket::SSL and Mono's BTLS print the handshake error alone
    # ("certificate verify failed"), without the verifier's reason: any verification cause.
    *((who, r"(?i)certificate[ _]verify[ _]failed", _VERIFY_CAUSES, why) for who, why in (
        ("php", "php-src ext/openssl/xp_ssl.c: 'SSL operation failed' with ERR_error_string only"),
        ("perl", "IO::Socket::SSL 2.081 SSL.pm: $SSL_ERROR is 'SSL connect attempt failed' "
                 "plus the OpenSSL error string"),
        ("mono", "mono/mono mcs/class/System/Mono.Btls/MonoBtlsContext.cs GetException: the "
                 "BoringSSL error string (CERTIFICATE_VERIFY_FAILED)"))),
    ("perl", r"closed the connection after the handshake", ("client_cert_required",),
     "RFC 8446 §4.4.2.4: a TLS 1.3 server refuses a missing client certificate after the "
     "handshake; IO::Socket::SSL 2.081 sysread returns 0 (observed here)"),
    ("erlang", r"\{(send_failed|no_http_response),\{error,closed\}\}", ("client_cert_required",),
     "RFC 8446 §4.4.2.4: a TLS 1.3 server refuses a missing client certificate after the "
     "handshake; ssl:send/recv then return {error,closed} (observed here, OTP 25)"),
    ("erlang", r"received SERVER ALERT: Fatal - Handshake Failure",
     ("cipher_suite_mismatch", "server_misconfiguration"),
     "erlang/otp lib/ssl/src/ssl_alert.erl: the server's handshake_failure alert"),
)


def error_causes(client: str, text: str) -> tuple[str, ...]:
    """The cause ids a real client's error text means (most likely first; may be empty)."""
    from ..api.text import explain

    causes = [f.cause.value for f in explain(text[:2000]).findings] if text else []
    family = client.split("-")[0]  # "java-21": another JDK, the same error words as "java"
    for who, pattern, extra, _source in _CLIENT_ERRORS:
        if who in (client, family, "*") and re.search(pattern, text):
            causes.extend(c for c in extra if c not in causes)
    return tuple(causes)


@dataclass(frozen=True, slots=True, kw_only=True)
class Prediction:
    """What ``tlsdoctor.diagnose`` says for one profile against one scenario."""

    profile: str
    scenario: str
    outcome: str  # ok, risky, fails, unknown
    root_cause: str | None
    title: str
    handshakes: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Agreement:
    """One (real client, profile, scenario) comparison."""

    real: RealOutcome
    predicted: Prediction
    real_causes: tuple[str, ...]
    outcome_agrees: bool
    cause_agrees: bool

    @property
    def agrees(self) -> bool:
        return self.outcome_agrees and self.cause_agrees

    def to_json(self) -> dict[str, object]:
        p = self.predicted
        return {"client": self.real.client, "profile": p.profile, "scenario": p.scenario,
                "real": {"connected": self.real.connected, "error": self.real.error,
                         "causes": list(self.real_causes)},
                "predicted": {"outcome": p.outcome, "root_cause": p.root_cause, "title": p.title},
                "agrees": self.agrees, "outcome_agrees": self.outcome_agrees,
                "cause_agrees": self.cause_agrees}


def compare(real: RealOutcome, predicted: Prediction) -> Agreement:
    causes = error_causes(real.client, real.error) if not real.connected else ()
    predicted_fails = predicted.outcome == "fails"
    outcome_agrees = real.connected != predicted_fails and predicted.outcome != "unknown"
    cause_agrees = real.connected or not predicted_fails or predicted.root_cause in causes
    return Agreement(real=real, predicted=predicted, real_causes=causes,
                     outcome_agrees=outcome_agrees, cause_agrees=cause_agrees)


async def predict_all(profiles: tuple[str, ...], live: tuple[LiveScenario, ...],
                      ca_file: Path, *, concurrency: int = 6) -> dict[tuple[str, str], Prediction]:
    """``tlsdoctor.diagnose`` for every (profile, scenario), a few at a time."""
    from ..api import diagnose_async

    sem = asyncio.Semaphore(concurrency)

    async def one(profile: str, s: LiveScenario) -> Prediction:
        async with sem:
            report = await diagnose_async(f"{s.host}:{s.port}", connect="127.0.0.1",
                                          client=profile, ca_file=str(ca_file), timeout=5.0)
        root = report.root_cause
        return Prediction(profile=profile, scenario=s.name, outcome=report.outcome.value,
                          root_cause=report.root_cause_id,
                          title=root.title if root is not None else "",
                          handshakes=report.handshakes)

    results = await asyncio.gather(*(one(p, s) for p in profiles for s in live))
    return {(r.profile, r.scenario): r for r in results}
