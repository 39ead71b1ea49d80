"""The comparison itself: when a prediction agrees with a real client, and what a real
client's error text means (explain plus the per-client table), and the command."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tlsdoctor.realclients.base import RealOutcome
from tlsdoctor.realclients.compare import Prediction, compare, error_causes


def _real(connected: bool, error: str = "", client: str = "go") -> RealOutcome:
    return RealOutcome(client=client, scenario="s", connected=connected, error=error)


def _pred(outcome: str, cause: str | None = None) -> Prediction:
    return Prediction(profile="go-1.18", scenario="s", outcome=outcome, root_cause=cause,
                      title="")


@pytest.mark.parametrize("real, predicted, agrees", [
    (_real(True), _pred("ok"), True),
    (_real(True), _pred("risky", "weak_signature_or_key"), True),  # works, with a risk
    (_real(True), _pred("fails", "cert_revoked"), False),
    (_real(False, "x509: certificate has expired or is not yet valid: current time"),
     _pred("fails", "cert_expired"), True),
    (_real(False, "x509: certificate has expired or is not yet valid: current time"),
     _pred("fails", "hostname_mismatch"), False),  # fails too, for another reason
    (_real(False, "x509: certificate has expired"), _pred("risky", "cert_expiring_soon"), False),
    (_real(False, "x509: certificate has expired"), _pred("unknown"), False),
])
def test_agreement(real, predicted, agrees):
    assert compare(real, predicted).agrees is agrees


@pytest.mark.parametrize("client, text, cause", [
    ("go", 'Get "https://x:1/": tls: handshake message of length 208541 bytes exceeds '
           "maximum of 65536 bytes", "server_misconfiguration"),
    ("firefox", "SSL_ERROR_RX_CERTIFICATE_REQUIRED_ALERT about:neterror?e=nssFailure2",
     "client_cert_required"),
    ("java", "javax.net.ssl.SSLHandshakeException: KeyUsage does not allow digital signatures",
     "cert_wrong_purpose"),
    ("curl", "curl: (60) SSL certificate problem: certificate has expired", "cert_expired"),
    ("chromium", "net::ERR_CERT_AUTHORITY_INVALID", "cert_untrusted_root"),
])
def test_a_real_error_text_means_a_cause(client, text, cause):
    assert cause in error_causes(client, text)


def test_table_entries_apply_only_to_their_client():
    # Only Chromium says this when a TLS 1.3 server refuses its empty client certificate
    # (observed); explain reads it as a closed connection, mutual TLS not first.
    text = "net::ERR_SOCKET_NOT_CONNECTED"
    assert "client_cert_required" in error_causes("chromium", text)
    assert error_causes("go", text)[0] != "client_cert_required"
    # A JDK's words that explain alone does not know: the table adds them for Java only.
    text = "DH key size must be multiple of 64"
    assert "weak_cipher_or_no_pfs" in error_causes("java", text)
    assert "weak_cipher_or_no_pfs" not in error_causes("go", text)
    # Another JDK driven the same way (round 20: java-11, java-21) prints the same words.
    text = "The size of the handshake message (208542) exceeds the maximum allowed size (32768)"
    assert "server_misconfiguration" in error_causes("java-21", text)
    assert "server_misconfiguration" not in error_causes("gopher", text)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tlsdoctor", "clients", *args],
                          capture_output=True, text=True, timeout=120, check=False,
                          env={**os.environ, "COLUMNS": "200"})


def test_verify_command_for_one_client_and_two_scenarios():
    p = _cli("--verify", "--client", "python", "--scenario", "healthy", "--scenario",
             "expired", "--json")
    assert p.returncode == 0, p.stdout + p.stderr
    data = json.loads(p.stdout)
    pairs = {(x["profile"], x["scenario"]): x for x in data["pairs"]}
    assert set(pairs) == {(pr, s) for pr in ("python-3", "local") for s in ("healthy", "expired")}
    assert pairs[("python-3", "expired")]["real"]["error"].startswith("SSLCertVerificationError")
    assert pairs[("python-3", "expired")]["predicted"]["root_cause"] == "cert_expired"
    assert data["summary"] == {"agree": 4, "total": 4}
    assert data["stats"]["real_connections"] == 2 and data["stats"]["handshakes"] > 0


@pytest.mark.parametrize("args, message", [
    (("--verify", "--scenario", "nope"), "unknown scenario: nope"),
    (("--verify", "--client", "lynx"), "unknown client: lynx"),
    (("--scenario", "healthy"), "go with --verify"),
])
def test_bad_verify_arguments_are_usage_errors(args, message):
    p = _cli(*args)
    assert p.returncode == 3 and message in p.stderr and len(p.stderr.splitlines()) == 1
