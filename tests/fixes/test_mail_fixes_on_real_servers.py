"""The Postfix and Dovecot lines of every server fix (fixes/snippets.toml: [protocols],
[ciphers], [dh]), applied to the real server: a misconfigured smtpd (STARTTLS) or imapd
(STARTTLS) on 127.0.0.1 is diagnosed with ``server_software`` naming it, the step that
finding gives for that software is written into main.cf / dovecot.conf as an operator would
(each ``name = value`` line replaces the setting of that name; a command the step names is
carried out), the server's own parser checks the file (``postfix check`` and ``postconf``'s
warnings, ``doveconf -n``), the server restarts, and then the finding is gone and
``openssl s_client -starttls`` connects with verification on. Without ``server_software``,
diagnose must name the software from its greeting (SMTP 220 banner, IMAP * OK). Skips
without Postfix (or not root) / Dovecot; .ci/run installs both.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from diagnosed import causes as _causes

import tlsdoctor
from tlsdoctor.testing import dovecot_run, postfix_smtpd
from tlsdoctor.testing.ca import SiteFiles, site_files
from tlsdoctor.testing.fixapply import carry_out
from tlsdoctor.testing.servers import Server

DATA = Path(tlsdoctor.__file__).parent / "testing" / "data"
_WEAK = "ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA:AES256-SHA"
_DHE = "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:@SECLEVEL=0"
_TLS12 = ">=TLSv1.2, <=TLSv1.2"
# How each server is misconfigured, in its own settings ({dh1024}: a 1024-bit group file).
BROKEN = {
    ("postfix", "protocols"): ("smtpd_tls_protocols = <=TLSv1",
                               "smtpd_tls_mandatory_protocols = <=TLSv1",
                               "tls_medium_cipherlist = DEFAULT:@SECLEVEL=0"),
    ("postfix", "ciphers"): (f"smtpd_tls_protocols = {_TLS12}",
                             f"smtpd_tls_mandatory_protocols = {_TLS12}",
                             f"tls_medium_cipherlist = {_WEAK}"),
    ("postfix", "dh"): (f"smtpd_tls_protocols = {_TLS12}",
                        f"smtpd_tls_mandatory_protocols = {_TLS12}",
                        f"tls_medium_cipherlist = {_DHE}",
                        "smtpd_tls_dh1024_param_file = {dh1024}"),
    # Dovecot 2.3 has no maximum version: TLS 1.0 and 1.1 accepted beside 1.2 and 1.3. No
    # DHE: without ssl_dh, Dovecot drops a handshake whose client prefers DHE ("Diffie-
    # Hellman key exchange requested, but no DH parameters provided"), as the probes do.
    ("dovecot", "protocols"): ("ssl_min_protocol = TLSv1",
                               "ssl_cipher_list = ECDHE:@SECLEVEL=0"),
    ("dovecot", "ciphers"): ("ssl_min_protocol = TLSv1.2", f"ssl_cipher_list = {_WEAK}"),
    ("dovecot", "dh"): ("ssl_min_protocol = TLSv1.2", f"ssl_cipher_list = {_DHE}",
                        "ssl_dh = <{dh1024}"),
}
CAUSE = {"protocols": "obsolete_protocol_enabled", "ciphers": "weak_cipher_or_no_pfs",
         "dh": "weak_cipher_or_no_pfs"}
CAUSE_FOR = {("postfix", "protocols"): "protocol_version_mismatch"}
STARTTLS = {"postfix": "smtp", "dovecot": "imap"}
# Files a step names on the real machine; the test's own stand in for them.
PATHS = {"/etc/dovecot/dh.pem": "dh.pem", "/etc/postfix/dh2048.pem": "dh2048.pem"}


Pki = SiteFiles


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return site_files(tmp_path_factory.mktemp("mailfix"), root_name="Mail Fix Test Root", stem="mail")


def _start(software: str) -> Callable[[Path, Path, Sequence[str]], Server]:
    if software == "postfix":
        if not postfix_smtpd.available():
            pytest.skip("Postfix is not installed (or not running as root)")
        return postfix_smtpd.server
    if not dovecot_run.have_dovecot():
        pytest.skip("Dovecot is not installed")
    return dovecot_run.server


def _diagnose(srv: Server, pki: Pki, software: str,
              named: str | None) -> tlsdoctor.DiagnoseReport:
    return tlsdoctor.diagnose(f"localhost:{srv.port}", connect="127.0.0.1",
                              ca_file=str(pki.root), timeout=3, offline=True,
                              starttls=STARTTLS[software], server_software=named)


def _fix_code(report: tlsdoctor.DiagnoseReport, cause: str, software: str) -> str:
    finding = next(f for f in report.findings if f.cause.value == cause)
    steps = [s for s in finding.fix if s.applies_to == software]
    assert steps, (software, [(s.applies_to, s.text) for s in finding.fix])
    return steps[0].code


def applied(code: str, tmp: Path) -> list[str]:
    """The step's setting lines as printed (a comment after a setting too: the file gets it
    literally), with the test's files for the real machine's; a command the step names (a
    line of its own, or that comment) is carried out first."""
    for real, name in PATHS.items():
        code = code.replace(real, str(tmp / name))
    settings = []
    for raw in code.splitlines():
        line, _, comment = raw.partition("#")
        if comment.strip():
            carry_out(comment.strip(), tmp)
        if line.strip() and not carry_out(line.strip(), tmp):
            settings.append(raw.strip())
    return settings


def _starttls_connects(srv: Server, pki: Pki, software: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["openssl", "s_client", "-starttls", STARTTLS[software], "-connect",
         f"127.0.0.1:{srv.port}", "-servername", "localhost", "-verify_return_error",
         "-verify_hostname", "localhost", "-CAfile", str(pki.root), "-brief"],
        input="", capture_output=True, text=True, timeout=20)


def _parser_warnings(srv: Server, software: str) -> str:
    """What the server's own parser says about the running file beyond the settings."""
    if software != "postfix" or srv.workdir is None:
        return ""
    out = subprocess.run(["postconf", "-c", str(srv.workdir / "conf"), "-n"],
                         capture_output=True, text=True, timeout=30)
    return out.stderr.strip()


CASES = sorted(BROKEN)


@pytest.mark.parametrize(("software", "section"), CASES, ids=[f"{s}-{c}" for s, c in CASES])
def test_the_fix_fixes_the_real_mail_server(software: str, section: str, pki: Pki,
                                            tmp_path: Path) -> None:
    start = _start(software)
    (tmp_path / "dh1024.pem").write_bytes((DATA / "dh1024.pem").read_bytes())
    broken = [ln.format(dh1024=tmp_path / "dh1024.pem") for ln in BROKEN[software, section]]
    cause = CAUSE_FOR.get((software, section), CAUSE[section])
    srv = start(pki.chain, pki.key, broken)
    try:
        before = _diagnose(srv, pki, software, software)
        unnamed = _diagnose(srv, pki, software, None)
        assert cause in _causes(before), (software, before.summary())
        code = _fix_code(before, cause, software)
        # the greeting names the software: a user who does not gets its lines too
        assert unnamed.evidence.server_software == software
        assert _fix_code(unnamed, cause, software) == code
        settings = applied(code, tmp_path)
    finally:
        srv.stop()
    fixed = start(pki.chain, pki.key, [*broken, *settings])
    try:
        assert not _parser_warnings(fixed, software), settings
        after = _diagnose(fixed, pki, software, software)
        assert cause not in _causes(after), (software, settings, after.summary())
        assert after.outcome.value in ("ok", "risky"), after.summary()
        client = _starttls_connects(fixed, pki, software)
        assert client.returncode == 0 and "Verification: OK" in client.stderr, client.stderr
        log = fixed.log_path.read_text(errors="replace") if fixed.log_path.exists() else ""
        # a setting the server could not use (a missing DH file...); the handshakes the
        # probes fail on purpose are "TLS library problem" lines
        assert not re.search(r"(?i)warning: (?!TLS library problem)", log), log[-1500:]
    finally:
        fixed.stop()


@pytest.mark.parametrize(("greeting", "named"), [
    ("220 mx.example.org ESMTP Postfix (Debian/GNU)", "postfix"),
    ("220 mx.example.org ESMTP Postfix", "postfix"),
    ("* OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN] Dovecot (Debian) ready.", "dovecot"),
    ("* OK Dovecot ready.", "dovecot"),
    # an operator's own banner, another product, or the word in a host name: no guess
    ("220 mx.example.org ESMTP", None),
    ("220 dovecot.example.org ESMTP Exim 4.96", None),
    ("* OK IMAP4rev1 Service Ready (postfix.example.org)", None),
    ("\x1b[31m220 ESMTP Postfix", None),
])
def test_the_greeting_names_the_software(greeting: str, named: str | None) -> None:
    from tlsdoctor.doctor import _software
    from tlsdoctor.probe.outcome import Offer, Outcome, ProbeResult

    base = ProbeResult(label="baseline", offer=Offer(versions=(), cipher_suites=()),
                       outcome=Outcome.HANDSHAKE, extra={"greeting": greeting})
    assert _software(None, None, base) == named
    assert _software("nginx", None, base) == "nginx"  # --server wins


def _run(cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["sh", "-c", cmd], input="", capture_output=True, text=True,
                          timeout=30)


def test_the_client_stopgaps_speak_starttls(pki: Pki) -> None:
    """The client stopgaps for a TLS 1.0-only Postfix, run as printed (with the test root
    given to each client, as a person would): they must do STARTTLS (the https:// URL and
    the bare s_client/gnutls-cli they printed before never reached TLS) and then connect;
    wget, which speaks no STARTTLS protocol, gets none."""
    import shutil
    import smtplib
    import ssl
    import warnings

    if not postfix_smtpd.available():
        pytest.skip("Postfix is not installed (or not running as root)")
    srv = postfix_smtpd.server(pki.chain, pki.key, BROKEN["postfix", "protocols"])
    try:
        report = _diagnose(srv, pki, "postfix", "postfix")
        finding = next(f for f in report.findings
                       if f.cause.value == "protocol_version_mismatch")
        steps = {s.applies_to: s.code for s in finding.fix if s.code}
        assert {"curl", "openssl", "python"} <= set(steps), steps
        curl = _run(f"curl -sS --ssl-reqd --cacert {pki.root} smtp://localhost:{srv.port}/")
        assert curl.returncode == 35, curl.stderr  # as it is: the TLS 1.0 server refused
        curl = _run(steps["curl"].replace("curl ", f"curl -v -sS --cacert {pki.root} ", 1))
        assert "SSL connection using TLSv1" in curl.stderr, curl.stderr[-800:]
        s_client = _run(f"{steps['openssl']} -CAfile {pki.root} -verify_return_error -brief")
        assert s_client.returncode == 0 and "Verification: OK" in s_client.stderr, s_client.stderr
        if shutil.which("gnutls-cli"):  # not among this machine's client's steps: the table's
            from tlsdoctor.fixes.client import stopgaps

            url = f"smtp://localhost:{srv.port}/"
            assert not stopgaps("version", url, only="wget")
            gnutls_step = stopgaps("version", url, only="gnutls")
            gnutls = _run(f"{gnutls_step[0].code} --x509cafile {pki.root}")
            assert "Handshake was completed" in gnutls.stdout, gnutls.stdout + gnutls.stderr
        scope: dict[str, object] = {"ssl": ssl}
        with warnings.catch_warnings():  # Python 3.10+ deprecates naming TLS 1.0 (the point)
            warnings.simplefilter("ignore", DeprecationWarning)
            exec(steps["python"], scope)  # the printed snippet, run as printed
        ctx = scope["ctx"]
        assert isinstance(ctx, ssl.SSLContext)
        ctx.load_verify_locations(cafile=str(pki.root))
        with smtplib.SMTP("localhost", srv.port, local_hostname="localhost", timeout=10) as smtp:
            smtp.starttls(context=ctx)
            assert "TLSv1" in str(getattr(smtp.sock, "version", lambda: "")())
    finally:
        srv.stop()


# Dovecot 2.3's default ssl_cipher_list (doveconf -d 2.3.19.1) lists DHE suites, and with no
# ssl_dh it drops a handshake whose client asks for DHE first. @SECLEVEL=0 lets OpenSSL 3
# speak TLS 1.0 at all, as an old Dovecot's does.
_DOVECOT_DEFAULT_SUITES = ("ALL:!kRSA:!SRP:!kDHd:!DSS:!aNULL:!eNULL:!EXPORT:!DES:!3DES:!MD5:"
                           "!PSK:!RC4:!ADH:!LOW@STRENGTH:@SECLEVEL=0")


def test_old_versions_show_on_a_dovecot_without_dh_parameters(pki: Pki) -> None:
    """The probes order their suites as real clients do (ECDHE before DHE): a Dovecot that
    accepts TLS 1.0 with its default suites and no ssl_dh is found to, where a DHE-first
    offer was dropped and the old versions went unreported (only the probe offering DHE alone
    still meets Dovecot's 'no DH parameters')."""
    start = _start("dovecot")
    srv = start(pki.chain, pki.key, ("ssl_min_protocol = TLSv1",
                                     f"ssl_cipher_list = {_DOVECOT_DEFAULT_SUITES}"))
    try:
        report = _diagnose(srv, pki, "dovecot", None)
        log = srv.log_path.read_text(errors="replace") if srv.log_path.exists() else ""
    finally:
        srv.stop()
    assert "obsolete_protocol_enabled" in _causes(report), (report.to_json(), log[-1500:])
