"""Round 24: families of real threads' output that main did not recognise, harvested
(scripts/harvest/harvest24.py; patterns/harvest24.py, alerts.py's Schannel kinds).

- Schannel's newer alert events, as Event Viewer shows them: "The following fatal alert was
  generated: 40. The internal error state is 1205." (36888: this machine sent the alert)
  and "The following fatal alert was received: 47" (36887: the peer sent it), read per
  alert number with the direction; the internal error state is not read.
- Qt's TLS loader and QSslSocket lines with their logging category: this machine has no
  usable OpenSSL, its own setup, never the server's.
- Outlook's 0x800CCC1A (Microsoft KB Q250926's line, and newer Outlook's sentence with the
  same number): the port's TLS mode or the versions disagree, a ranking below 0.6.
- Firefox's "The add-on could not be downloaded because of a connection failure." (a
  ranking); its other install errors stay unrecognised.
- OpenLDAP's "ldap_start_tls: Connect error (-11)" (bare: a ranking below 0.6) and, in a
  GnuTLS build, "additional info: (unknown error code)" (a certificate refused); then the
  real ldapsearch -ZZ against a real slapd on 127.0.0.1 whose certificate it does not
  trust, and whose TLS 1.0-only offer slapd refuses. Skips without slapd/ldapsearch
  (.ci/run installs slapd and ldap-utils).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.processes import logged_process
from tlsdoctor.testing.servers import HOST, free_port, wait_ready

_VIEWER = ("Log Name:      System\nSource:        Schannel\nDate:          05-08-2013 20:16:02\n"
           "Event ID:      {event}\nTask Category: None\nLevel:         Error\nKeywords:\n"
           "User:          SYSTEM\nComputer:      My-Computer\nDescription:\n{text}")


def _ids(text: str) -> list[str]:
    return [m.pattern_id for m in explain(text).matches]


@pytest.mark.parametrize(("text", "kind", "top"), [
    # KB 2801679's and the MSDN blog's samples, bare and as Event Viewer shows them
    ("The following fatal alert was generated: 40. The internal error state is 1205.",
     "alert.40.schannel-generated", "cipher_suite_mismatch"),
    (_VIEWER.format(event=36888, text="The following fatal alert was generated: 40. The "
                    "internal error state is 1205."),
     "alert.40.schannel-generated", "cipher_suite_mismatch"),
    ("The following fatal alert was generated: 70. The internal error state is 105.",
     "alert.70.schannel-generated", "protocol_version_mismatch"),
    (_VIEWER.format(event=36887, text="The following fatal alert was received: 47"),
     "alert.47.schannel-received", None),
    ("The following fatal alert was received: 70.", "alert.70.schannel-received",
     "protocol_version_mismatch"),
])
def test_schannel_alert_events_read_with_their_direction(text: str, kind: str,
                                                         top: str | None) -> None:
    r = explain(text)
    assert r.recognized and kind in _ids(text), (text, _ids(text))
    if top is not None:
        assert r.findings[0].cause.value == top, r.findings
    # 40 names no single cause: a ranking, whichever side logged it
    if "alert was generated: 40" in text:
        assert r.findings[0].confidence < 0.6


def test_a_generated_certificate_alert_is_this_machines_refusal() -> None:
    """48 generated: this machine refused the peer's chain (a server refusing a client's
    certificate, or a client refusing the server's); received: the peer refused ours."""
    sent = explain("The following fatal alert was generated: 48. The internal error state "
                   "is 552.")
    got = explain("The following fatal alert was received: 48")
    assert "this machine sent TLS alert 48" in sent.meaning
    assert "the peer sent TLS alert 48" in got.meaning
    assert sent.findings[0].confidence < 0.6 and got.findings[0].confidence < 0.6


@pytest.mark.parametrize("text", [
    "qt.tlsbackend.ossl: Failed to load libssl/libcrypto.",
    "qt.network.ssl: No functional TLS backend was found",
    "qt.network.ssl: QSslSocket::connectToHostEncrypted: TLS initialization failed",
    "QSslSocket: cannot resolve OPENSSL_init_ssl",
    "qt.tlsbackend.ossl: QSslSocket: cannot resolve SSL_CTX_set_ciphersuites",
    "qt.tlsbackend.ossl: Incompatible version of OpenSSL (built with OpenSSL >= 3.x, runtime "
    "version is < 3.x)",
    "qt.tlsbackend.ossl: QSslSocket: OpenSSL >= 1.1.1 is required; OpenSSL 1.0.2k-fips  26 "
    "Jan 2017 was found instead",
    # an Android app's logcat, as a real report quotes it
    "qt.tlsbackend.ossl: Failed to load libssl/libcrypto.\nqt.network.ssl: No functional TLS "
    "backend was found\nqt.network.ssl: QSslSocket::connectToHostEncrypted: TLS "
    "initialization failed",
])
def test_qt_without_a_usable_openssl_is_this_machines_setup(text: str) -> None:
    r = explain(text)
    assert r.recognized, text
    assert any(i.startswith("qt_tls.up.") for i in _ids(text)), _ids(text)
    assert r.findings[0].cause.value == "client_misconfiguration", r.findings
    assert r.findings[0].confidence >= 0.6
    assert all(f.cause.value != "server_misconfiguration" for f in r.findings)
    assert r.side == "client"


def test_qts_bare_error_string_is_only_a_ranking() -> None:
    r = explain("TLS initialization failed")
    assert r.recognized
    assert r.findings[0].cause.value == "client_misconfiguration"
    assert r.findings[0].confidence < 0.6


def test_ldap_connect_error_bare_is_a_ranking() -> None:
    r = explain("ldap_start_tls: Connect error (-11)")
    assert r.recognized and "ldap_tools.up.LDAP_CONNECT_ERROR.tool" in _ids(
        "ldap_start_tls: Connect error (-11)")
    assert r.findings[0].confidence < 0.6
    assert r.side == "client"


def test_ldap_connect_error_reads_its_additional_info() -> None:
    gnutls = "ldap_start_tls: Connect error (-11)\n\tadditional info: (unknown error code)\n"
    r = explain(gnutls)
    assert r.findings[0].cause.value == "cert_untrusted_root", r.findings
    assert r.findings[0].confidence < 0.6
    openssl = ("ldap_start_tls: Connect error (-11)\n\tadditional info: error:0A000086:SSL "
               "routines::certificate verify failed (self-signed certificate)\n")
    assert explain(openssl).findings[0].cause.value == "cert_self_signed"
    # "(unknown error code)" alone is anybody's words
    assert not explain("(unknown error code)").recognized


@pytest.mark.parametrize("text", [
    # Microsoft KB Q250926's quote (Outlook Express / Outlook 2000)
    "A secure connection to the server could not be established.\nAccount: 'accountname' "
    "Server: 'servername', Protocol: POP3, Port: 995, Secure(SSL): Yes, Error Number: "
    "0x800CCC1A",
    # newer Outlook's Send/Receive progress line
    "Task 'mail.example.com - Sending' reported error (0x800CCC1A) : 'Your server does not "
    "support the connection encryption type you have specified. Try changing the encryption "
    "method. Contact your mail server administrator or Internet service provider (ISP) for "
    "additional assistance.'",
])
def test_outlooks_encryption_error_is_a_ranking_of_the_ports_mode(text: str) -> None:
    r = explain(text)
    assert r.recognized and "outlook_mail.up.0x800CCC1A.number" in _ids(text)
    assert r.findings[0].cause.value == "non_tls_service_on_port"
    assert r.findings[0].confidence < 0.6
    assert {f.cause.value for f in r.findings} >= {"protocol_version_mismatch"}
    assert r.side == "client"


def test_firefoxs_addon_connection_failure_is_a_ranking() -> None:
    text = "The add-on could not be downloaded because of a connection failure."
    r = explain(text)
    assert r.recognized
    assert r.findings[0].confidence < 0.6
    assert {f.cause.value for f in r.findings} >= {"tls_interception_mitm",
                                                    "middlebox_or_firewall_interference"}
    # the file's own state is no connection's failure
    assert not explain("The add-on downloaded from this site could not be installed because "
                       "it appears to be corrupt.").recognized


# -- the real ldapsearch against a real slapd ------------------------------------------------

SLAPD = shutil.which("slapd") or ("/usr/sbin/slapd" if os.path.exists("/usr/sbin/slapd")
                                   else None)


@dataclass(frozen=True)
class Slapd:
    d: Path
    port: int


@pytest.fixture(scope="module")
def slapd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Slapd]:
    if SLAPD is None or shutil.which("ldapsearch") is None:
        pytest.skip("slapd or ldapsearch missing (apt packages slapd, ldap-utils)")
    d = tmp_path_factory.mktemp("slapd24")
    ca = CA()
    ca.issue(["localhost"], ip_addresses=[HOST]).write(d, stem="leaf")
    ca.write(d / "ca.pem")
    (d / "slapd.conf").write_text(
        f"pidfile {d}/slapd.pid\nargsfile {d}/slapd.args\nTLSCACertificateFile {d}/ca.pem\n"
        f"TLSCertificateFile {d}/leaf.chain.pem\nTLSCertificateKeyFile {d}/leaf.key.pem\n")
    port = free_port()
    argv = [SLAPD, "-h", f"ldap://{HOST}:{port}/", "-f", str(d / "slapd.conf"), "-d", "none"]
    with logged_process(argv, d / "slapd.log") as proc:
        wait_ready(HOST, port, timeout=15, alive=lambda: proc.poll() is None)
        yield Slapd(d, port)


def _start_tls(s: Slapd, **tls: str) -> str:
    """ldapsearch -ZZ (StartTLS required) for the root DSE; no ldap.conf, LDAPTLS_* given."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LDAP")}
    env.update(HOME=str(s.d), LDAPCONF=os.devnull, **{f"LDAPTLS_{k}": v for k, v in tls.items()})
    r = subprocess.run(["ldapsearch", "-x", "-ZZ", "-H", f"ldap://{HOST}:{s.port}", "-b", "",
                        "-s", "base"], capture_output=True, text=True, env=env, cwd=s.d,
                       timeout=30)
    assert r.returncode != 0, r.stdout
    return r.stderr


def test_real_ldapsearch_refusing_the_servers_certificate(slapd: Slapd) -> None:
    err = _start_tls(slapd)  # the test CA is in no store ldapsearch reads
    assert "ldap_start_tls: Connect error (-11)" in err, err
    r = explain(err)
    assert r.recognized, err
    assert r.findings[0].cause.value in ("cert_untrusted_root", "cert_self_signed"), r.findings
    assert r.side == "client"


def test_real_ldapsearch_whose_offer_slapd_refuses(slapd: Slapd) -> None:
    err = _start_tls(slapd, CACERT=str(slapd.d / "ca.pem"),
                     CIPHER_SUITE="NONE:+VERS-TLS1.0:+AES-128-CBC:+SHA1:+RSA:+COMP-NULL")
    assert "ldap_start_tls: Connect error (-11)" in err, err
    r = explain(err)
    assert r.recognized, err
    assert "ldap_tools.up.LDAP_CONNECT_ERROR.tool" in [m.pattern_id for m in r.matches]
