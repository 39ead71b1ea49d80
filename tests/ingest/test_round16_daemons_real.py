"""Round 16, real daemons on 127.0.0.1: an rsyslog sender and receiver over TLS (GnuTLS and
OpenSSL netstream drivers) a syslog-ng pair and a Kamailio TLS listener that requires client certificates, each broken
one way; what each daemon
really printed is fed to explain, which must name the cause and the side that printed it.
Skips when a daemon or rsyslog's driver module is missing (.ci/run installs rsyslog,
rsyslog-gnutls, rsyslog-openssl, kamailio with kamailio-tls-modules, and unpacks
syslog-ng-core)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.testing.kamailio_tls import have_kamailio, kamailio_log
from tlsdoctor.testing.prosody_run import have_prosody, prosody_log
from tlsdoctor.testing.rsyslog_pair import RsyslogOutput, have_rsyslog, run_pair
from tlsdoctor.testing.syslog_ng_pair import SyslogNgOutput, have_syslog_ng
from tlsdoctor.testing.syslog_ng_pair import run_pair as syslog_ng_pair


def _read(text: str, needle: str, until: str = "") -> tuple[str, str, str, float]:
    """(source, side, top cause, confidence) of the first line of ``text`` holding
    ``needle`` and the line after it, or every line up to one holding ``until`` (at most
    six), as a person pastes them."""
    # rsyslogd -n prints an internal message to its log file or to stderr, not always the
    # same one: the file when it holds the line, else stderr (the texts are "log\0stderr")
    log, _, err = text.partition("\0")
    lines = (log if needle in log or not err else err).splitlines()
    starts = [i for i, line in enumerate(lines) if needle in line]
    assert starts, f"{needle!r} not printed:\n{text[-3000:]}"
    at, end = starts[0], starts[0] + 2
    if until:  # the first block where ``until`` follows within six lines
        block = next(((i, j + 1) for i in starts for j in range(i, min(i + 6, len(lines)))
                      if until in lines[j]), None)
        assert block is not None, f"{until!r} not after {needle!r}:\n{text[-3000:]}"
        at, end = block
    r = explain("\n".join(lines[at:end]))
    assert r.recognized and r.findings, lines[at]
    top = r.findings[0]
    return r.source, r.side, top.cause.value, top.confidence


def _sent(out: RsyslogOutput | SyslogNgOutput) -> str:
    return (f"{out.sender}\0{out.sender_stderr}" if isinstance(out, RsyslogOutput)
            else out.sender)


def _received(out: RsyslogOutput | SyslogNgOutput) -> str:
    return (f"{out.receiver}\0{out.receiver_stderr}" if isinstance(out, RsyslogOutput)
            else out.receiver)


gtls = pytest.mark.skipif(not have_rsyslog("gtls"), reason="rsyslogd or rsyslog-gnutls missing")
ossl = pytest.mark.skipif(not have_rsyslog("ossl"), reason="rsyslogd or rsyslog-openssl missing")


@gtls
def test_sender_with_another_ca_does_not_trust_the_receiver(tmp_path: Path) -> None:
    out = run_pair(tmp_path, "wrong_ca", "gtls",
                   until=("signer not found", "omfwd' suspended", "will be closed"))
    source, side, cause, conf = _read(_sent(out), "certificate invalid: signer not found")
    assert (source, cause) == ("rsyslog", "cert_untrusted_root") and conf < 0.6
    # GnuTLS's driver prints these words on either side; with omfwd's suspension line (when
    # it follows) the text says it was the forwarder
    assert side in ("client", "unknown")
    sent = _sent(out)
    if "omfwd' suspended" in sent:
        _, side, _, _ = _read(sent, "omfwd' suspended")
        assert side == "client"
    # the receiver only sees the sender hang up: ranked, never confident
    source, side, cause, conf = _read(_received(out), "will be closed due to error")
    assert side == "server" and conf < 0.6


@gtls
def test_receiver_refuses_a_sender_certificate_of_another_name(tmp_path: Path) -> None:
    out = run_pair(tmp_path, "peer_name", "gtls", until=("peer name not authorized",))
    source, side, cause, _ = _read(_received(out), "peer name not authorized")
    assert (source, side, cause) == ("rsyslog", "server", "hostname_mismatch")


@gtls
def test_receiver_requires_a_sender_certificate(tmp_path: Path) -> None:
    out = run_pair(tmp_path, "no_client_cert", "gtls",
                   until=("did not provide a certificate",))
    source, side, cause, _ = _read(_received(out), "did not provide a certificate")
    assert (source, side, cause) == ("rsyslog", "server", "client_cert_required")


@gtls
def test_sender_refuses_an_expired_receiver_certificate(tmp_path: Path) -> None:
    out = run_pair(tmp_path, "expired", "gtls", until=("certificate expired",))
    source, _, cause, conf = _read(_sent(out), "certificate invalid: certificate expired")
    assert (source, cause) == ("rsyslog", "cert_expired") and conf >= 0.8


@gtls
def test_plain_sender_to_a_tls_receiver(tmp_path: Path) -> None:
    # omfwd notices the receiver's close only when it next writes: on its own exit
    # message, when run_pair stops it; waiting for that line ran out _RUN (15 s) each time.
    out = run_pair(tmp_path, "plain_sender", "gtls", until=("unexpected TLS packet",))
    _, side, cause, _ = _read(_received(out), "An unexpected TLS packet was received")
    assert (side, cause) == ("server", "non_tls_service_on_port")
    source, side, _, _ = _read(_sent(out), "seems to have closed connection")
    assert (source, side) == ("rsyslog", "client")


@ossl
def test_openssl_driver_sender_with_another_ca(tmp_path: Path) -> None:
    out = run_pair(tmp_path, "wrong_ca", "ossl",
                   until=("Certificate error at depth", "alert unknown ca", "omfwd"))
    _, side, _, _ = _read(_sent(out), "osslHandshakeCheck Client")
    assert side == "client"
    # a syslog peer's own CA missing from the sender's CA file, not an interception
    _, _, cause, conf = _read(_sent(out), "Certificate error at depth", until="omfwd")
    assert cause == "cert_untrusted_root" and conf < 0.6
    _, side, cause, _ = _read(_received(out), "alert unknown ca", until="will be closed")
    # the receiver's line: the sender sent "unknown ca" about this receiver's chain
    assert side == "server" and cause == "cert_untrusted_root"


def test_unknown_scenario_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown scenario"):
        run_pair(tmp_path, "nonsense")


sng = pytest.mark.skipif(not have_syslog_ng(), reason="syslog-ng missing")


@sng
def test_syslog_ng_sender_with_another_ca(tmp_path: Path) -> None:
    out = syslog_ng_pair(tmp_path, "wrong_ca", until=("SSL error while writing stream",
                                                     "SSL error while reading stream"))
    source, side, cause, conf = _read(_sent(out), "Syslog connection established",
                                      until="SSL error while writing stream")
    assert (source, side, cause) == ("syslog_ng", "client", "cert_untrusted_root")
    assert conf < 0.6  # a private CA missing here, ranked before a re-signing proxy
    # the receiver reads the sender's "unknown ca" alert: its own chain was refused
    source, side, cause, _ = _read(_received(out), "Syslog connection accepted",
                                   until="SSL error while reading stream")
    assert (source, side, cause) == ("syslog_ng", "server", "cert_untrusted_root")


@sng
def test_syslog_ng_sender_by_an_address_the_certificate_does_not_name(tmp_path: Path) -> None:
    out = syslog_ng_pair(tmp_path, "address_name", until=("SSL error while writing stream",))
    source, side, cause, conf = _read(_sent(out), "Syslog connection established",
                                      until="SSL error while writing stream")
    assert (source, side, cause) == ("syslog_ng", "client", "hostname_mismatch")
    assert conf >= 0.6


@sng
def test_syslog_ng_receiver_requires_a_client_certificate(tmp_path: Path) -> None:
    out = syslog_ng_pair(tmp_path, "no_client_cert",
                         until=("SSL error while reading stream",))
    source, side, cause, _ = _read(_received(out), "Syslog connection accepted",
                                   until="SSL error while reading stream")
    assert (source, side, cause) == ("syslog_ng", "server", "client_cert_required")


kam = pytest.mark.skipif(not have_kamailio(), reason="kamailio, its tls module or openssl missing")


@kam
@pytest.mark.parametrize(("client", "said", "cause"), [
    ("no_certificate", "peer did not return a certificate", "client_cert_required"),
    # a server's "certificate verify failed": the client's certificate (another CA's)
    ("other_ca_certificate", "certificate verify failed", "client_cert_required"),
    ("plain_sip", "wrong version number", "non_tls_service_on_port"),
])
def test_kamailio_tls_listener(tmp_path: Path, client: str, said: str, cause: str) -> None:
    log = kamailio_log(tmp_path, client)
    source, side, got, _ = _read(log, "TLS accept:", until="dst addr:")
    assert said in log
    assert (source, side, got) == ("kamailio", "server", cause)


@pytest.mark.skipif(not have_prosody(), reason="prosody missing")
@pytest.mark.parametrize("key_present", [False, True])
def test_prosody_cannot_load_its_own_key(tmp_path: Path, key_present: bool) -> None:
    log = prosody_log(tmp_path, key_present=key_present)
    source, _, cause, conf = _read(log, "SSL/TLS: Failed to load")
    assert (source, cause) == ("prosody", "server_misconfiguration") and conf >= 0.9
    source, _, cause, _ = _read(log, "Error creating context")
    assert (source, cause) == ("prosody", "server_misconfiguration")
