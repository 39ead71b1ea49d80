"""Round 16, real daemons on 127.0.0.1: an rsyslog sender and receiver over TLS (GnuTLS and
OpenSSL netstream drivers), each broken one way; what each daemon really printed is fed to
explain, which must name the cause and the side that printed it. Skips when rsyslogd or the
driver module is missing (.ci/run installs rsyslog, rsyslog-gnutls and rsyslog-openssl)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.testing.rsyslog_pair import have_rsyslog, run_pair


def _read(text: str, needle: str, until: str = "") -> tuple[str, str, str, float]:
    """(source, side, top cause, confidence) of the first line of ``text`` holding
    ``needle`` and the line after it, or every line up to one holding ``until`` (at most
    six), as a person pastes them."""
    lines = text.splitlines()
    at = next((i for i, line in enumerate(lines) if needle in line), None)
    assert at is not None, f"{needle!r} not printed:\n{text[-3000:]}"
    end = at + 2
    if until:
        end = next((i + 1 for i in range(at, min(at + 6, len(lines))) if until in lines[i]),
                   None)
        assert end is not None, f"{until!r} not after {needle!r}:\n{text[-3000:]}"
    r = explain("\n".join(lines[at:end]))
    assert r.recognized and r.findings, lines[at]
    top = r.findings[0]
    return r.source, r.side, top.cause.value, top.confidence


gtls = pytest.mark.skipif(not have_rsyslog("gtls"), reason="rsyslogd or rsyslog-gnutls missing")
ossl = pytest.mark.skipif(not have_rsyslog("ossl"), reason="rsyslogd or rsyslog-openssl missing")


@gtls
def test_sender_with_another_ca_does_not_trust_the_receiver(tmp_path: Path) -> None:
    out = run_pair(tmp_path, "wrong_ca", "gtls")
    source, side, cause, conf = _read(out.sender, "certificate invalid: signer not found",
                                      until="omfwd' suspended")
    assert (source, cause) == ("rsyslog", "cert_untrusted_root") and conf < 0.6
    assert side == "client"  # omfwd's suspension line names the forwarder
    # the receiver only sees the sender hang up: ranked, never confident
    source, side, cause, conf = _read(out.receiver, "will be closed due to error")
    assert side == "server" and conf < 0.6


@gtls
def test_receiver_refuses_a_sender_certificate_of_another_name(tmp_path: Path) -> None:
    out = run_pair(tmp_path, "peer_name", "gtls")
    source, side, cause, _ = _read(out.receiver, "peer name not authorized")
    assert (source, side, cause) == ("rsyslog", "server", "hostname_mismatch")


@gtls
def test_receiver_requires_a_sender_certificate(tmp_path: Path) -> None:
    out = run_pair(tmp_path, "no_client_cert", "gtls")
    source, side, cause, _ = _read(out.receiver, "did not provide a certificate")
    assert (source, side, cause) == ("rsyslog", "server", "client_cert_required")


@gtls
def test_sender_refuses_an_expired_receiver_certificate(tmp_path: Path) -> None:
    out = run_pair(tmp_path, "expired", "gtls")
    source, _, cause, conf = _read(out.sender, "certificate invalid: certificate expired")
    assert (source, cause) == ("rsyslog", "cert_expired") and conf >= 0.8


@gtls
def test_plain_sender_to_a_tls_receiver(tmp_path: Path) -> None:
    out = run_pair(tmp_path, "plain_sender", "gtls")
    _, side, cause, _ = _read(out.receiver, "An unexpected TLS packet was received")
    assert (side, cause) == ("server", "non_tls_service_on_port")
    source, side, _, _ = _read(out.sender_stderr, "seems to have closed connection")
    assert (source, side) == ("rsyslog", "client")


@ossl
def test_openssl_driver_sender_with_another_ca(tmp_path: Path) -> None:
    out = run_pair(tmp_path, "wrong_ca", "ossl")
    _, side, _, _ = _read(out.sender, "osslHandshakeCheck Client")
    assert side == "client"
    # a syslog peer's own CA missing from the sender's CA file, not an interception
    _, _, cause, conf = _read(out.sender, "Certificate error at depth", until="omfwd")
    assert cause == "cert_untrusted_root" and conf < 0.6
    _, side, cause, _ = _read(out.receiver, "osslHandshakeCheck Server")
    # the receiver's line: the sender sent "unknown ca" about this receiver's chain
    assert side == "server" and cause == "cert_untrusted_root"


def test_unknown_scenario_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown scenario"):
        run_pair(tmp_path, "nonsense")
