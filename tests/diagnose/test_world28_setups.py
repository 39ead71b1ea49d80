"""Round 28 ("world28"): server setups nobody on the project had built, on real servers,
each diagnosed, and where a fix is printed, the fix applied literally to the real config.

The classes fixed this round:
- a TLS 1.3 server whose groups are only ones the prober could not compute (FFDHE alone:
  ffdhe2048/3072/4096; an ML-KEM hybrid alone: X25519MLKEM768, OpenSSL 3.5's first
  group) answered with a HelloRetryRequest the prober could not follow: the certificate
  went unread (an expired one was "this machine's clock"). The prober computes those
  shares now, and the report says which groups the server took;
- a group mismatch printed the Mozilla cipher list (no cipher line fixes a group) for
  "either side": it is the server's when it refuses both X25519 and P-256 (RFC 8446 §9.1),
  and the fix is the software's groups line, carried out here on nginx, Apache, HAProxy,
  Dovecot and OpenSSL 4.0;
- a stale cross-sign (Let's Encrypt's DST Root CA X3, 2021) fails GnuTLS before 3.6.14 as
  it fails OpenSSL 1.0.x (a gnutls-3.6 profile with the fact and its source).
Each row also records its result to ``$TLSDOCTOR_W28_RECORD`` (JSON lines) when set:
docs/world28-matrix.md is made from a run on main before and one after.
"""

from __future__ import annotations

import json
import os
import ssl
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tlsdoctor import api
from tlsdoctor.testing import (
    dovecot_run,
    fixapply,
    ossl_bundled,
    postfix_smtpd,
    postgres_tls,
    servers,
)
from tlsdoctor.testing.fixapply import WebConfig

Make = Callable[[Any], tuple[Any, dict[str, Any]]]


@dataclass(frozen=True)
class Row:
    server: str
    fault: str
    cause: str | None  # None: works (ok or risky, nothing blocking)
    party: str | None = None
    client: str | None = None
    host: str = "localhost"
    extra: dict[str, Any] = field(default_factory=dict)


def _record(case: str, row: Row, report: Any) -> None:
    path = os.environ.get("TLSDOCTOR_W28_RECORD")
    if not path:
        return
    rc = report.root_cause if report is not None else None
    blocking = [f for f in report.findings if f.severity.value == "blocking"] if report else []
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps({
            "case": case, "server": row.server, "fault": row.fault, "client": row.client or "local",
            "expected": f"{row.cause} / {row.party}" if row.cause else "ok/risky",
            "outcome": report.outcome.value if report else "error",
            "got": f"{rc.cause.value} / {rc.who_fixes.value}" if rc and blocking else
                   (report.outcome.value if report else "error"),
            "handshakes": report.handshakes if report else 0}) + "\n")


def _record_fix(case: str, fixed: bool, detail: str = "") -> None:
    path = os.environ.get("TLSDOCTOR_W28_RECORD")
    if path:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"case": case, "fix": "fixed" if fixed else
                                 f"NOT fixed {detail}".strip()}) + "\n")


def attempt(case: str, apply: Callable[[], Any], good: Callable[[Any], bool]) -> Any:
    """Carry out a printed fix (``apply``: the new report), record whether it fixed it;
    a fix the server or the test cannot apply as written is 'NOT fixed' with the reason."""
    try:
        after = apply()
    except Exception as exc:
        _record_fix(case, False, f"({type(exc).__name__}: {str(exc)[:120]})")
        raise
    _record_fix(case, good(after), "" if good(after) else f"({after.root_cause_id})")
    return after


def step_for(case: str, finding: Any, software: str) -> Any:
    """The printed step for ``software``; none printed is recorded as not fixed."""
    step = next((s for s in (finding.fix if finding is not None else ()) if
                 s.applies_to == software and s.code), None)
    if step is None:
        _record_fix(case, False, f"(no {software} lines printed)")
        pytest.fail(f"no {software} step printed")
    return step


def _works(report: Any) -> bool:
    return report.outcome.value in ("ok", "risky")


def diagnose(port: int, root: Path, row: Row, **kw: Any) -> Any:
    kw.setdefault("offline", True)
    kw.setdefault("timeout", 3.0)
    if row.client:
        kw.setdefault("client", row.client)
    return api.diagnose(f"{row.host}:{port}", connect="127.0.0.1", ca_file=str(root),
                        **row.extra, **kw)


def check(report: Any, row: Row) -> None:
    blocking = [f for f in report.findings if f.severity.value == "blocking"]
    if row.cause is None:
        assert not blocking, report.summary()
        return
    assert report.root_cause_id == row.cause, report.summary()
    assert report.root_cause.who_fixes.value == row.party, report.summary()
    assert report.handshakes <= 12


def s_client_ok(port: int, root: Path, *options: str) -> None:
    """A real ``openssl s_client`` verifying as localhost connects (exit 0, verify OK)."""
    out = subprocess.run(
        ["openssl", "s_client", "-connect", f"127.0.0.1:{port}", "-servername", "localhost",
         "-verify_return_error", "-verify_hostname", "localhost", "-CAfile", str(root),
         *options], input="", capture_output=True, text=True, timeout=20)
    assert out.returncode == 0 and "Verify return code: 0 (ok)" in out.stdout, out.stdout[-600:]


_CHROME_GROUPS = ("-groups", "X25519:P-256:P-384")  # chrome-131 less X25519MLKEM768


# --- groups the prober could not complete before -----------------------------------------

GROUP_WEB = {  # case -> (software, the lines that narrow the groups)
    "nginx-ffdhe2048": ("nginx", dict(site_lines=("ssl_protocols TLSv1.3;",
                                                   "ssl_ecdh_curve ffdhe2048;"))),
    "nginx-p521": ("nginx", dict(site_lines=("ssl_protocols TLSv1.3;",
                                              "ssl_ecdh_curve secp521r1;"))),
    "apache-ffdhe3072": ("apache", dict(site_lines=("SSLProtocol -all +TLSv1.3",
                                                     "SSLOpenSSLConfCmd Groups ffdhe3072"))),
    "haproxy-ffdhe2048": ("haproxy", dict(bind_options=("ssl-min-ver", "TLSv1.3", "curves",
                                                         "ffdhe2048"))),
}


@pytest.mark.parametrize("case", sorted(GROUP_WEB))
def test_a_group_the_client_lacks_is_the_servers_groups_line(case, pki, web):
    software, lines = GROUP_WEB[case]
    row = Row(software, f"TLS 1.3, one group ({case.split('-')[1]})", "cipher_suite_mismatch",
              "server", client="chrome-131", extra={"server_software": software})
    chain, key = pki.write(pki.leaf("localhost", key_type="rsa2048"))
    srv = web(WebConfig(software=software, chain_path=chain, key_path=key, **lines))
    before = diagnose(srv.server.port, pki.root_pem, row)
    _record(case, row, before)
    f = before.root_cause
    step = step_for(case, f, software)

    def apply() -> Any:  # the server's own check (nginx -t, ...) runs first
        return diagnose(srv.apply(step.code).port, pki.root_pem, row)
    after = attempt(case, apply, _works)
    check(before, row)
    assert f.facts["kind"] == "group" and "ssl_ciphers" not in " ".join(s.code for s in f.fix)
    assert _works(after), after.summary()
    fixed = srv.server
    s_client_ok(fixed.port, pki.root_pem, *_CHROME_GROUPS)


FFDHE_EXPIRED = {  # case -> server, how it narrows to one FFDHE group
    "nginx-ffdhe2048-expired": "nginx",
    "gnutls-ffdhe3072-expired": "gnutls",
    "s_server-ffdhe4096-expired": "s_server",
}


@pytest.mark.parametrize("case", sorted(FFDHE_EXPIRED))
def test_an_ffdhe_only_tls13_server_shows_its_expired_certificate(case, pki, web, gnutls,
                                                                   s_server):
    kind = FFDHE_EXPIRED[case]
    row = Row(kind, "TLS 1.3, FFDHE only, expired leaf", "cert_expired", "server")
    leaf = pki.leaf("localhost", key_type="rsa2048", not_before=timedelta(days=-90),
                    not_after=timedelta(days=-3))
    if kind == "nginx":
        chain, key = pki.write(leaf)
        port = web(WebConfig(software="nginx", chain_path=chain, key_path=key, site_lines=(
            "ssl_protocols TLSv1.3;", "ssl_ecdh_curve ffdhe2048;"))).server.port
    elif kind == "gnutls":
        port = gnutls(leaf, priority="NORMAL:-VERS-ALL:+VERS-TLS1.3:-GROUP-ALL:"
                                     "+GROUP-FFDHE3072").port
    else:
        port = s_server(leaf, protocols=("tls1_3",), groups="ffdhe4096").port
    report = diagnose(port, pki.root_pem, row)
    _record(case, row, report)
    check(report, row)
    assert "client_clock_wrong" not in {f.cause.value for f in report.findings}
    _, retried = report.groups_seen()
    assert retried and all(0x0100 <= g <= 0x0104 for g in retried)
    assert report.to_json()["server"]["groups_accepted"][0].startswith("ffdhe")


def test_an_ffdhe_only_server_is_healthy_for_this_machine(pki, s_server):
    # OpenSSL 3.0 offers ffdhe2048-8192 too: this machine connects, and the report says
    # which group the server took and that it asked for it.
    row = Row("s_server", "TLS 1.3, ffdhe2048 only, valid leaf", None)
    srv = s_server(pki.leaf("localhost"), protocols=("tls1_3",), groups="ffdhe2048")
    report = diagnose(srv.port, pki.root_pem, row)
    _record("s_server-ffdhe2048-ok", row, report)
    check(report, row)
    assert report.to_json()["server"]["hello_retry_groups"] == ["ffdhe2048"]
    s_client_ok(srv.port, pki.root_pem, "-groups", "ffdhe2048")


@pytest.mark.parametrize("client, cause", [("chrome-131", "cipher_suite_mismatch"),
                                           ("firefox-132", None)])
def test_gnutls_ffdhe2048_only_for_browsers(client, cause, pki, gnutls):
    # Firefox offers ffdhe2048/3072 (profiles.json), Chrome none.
    row = Row("gnutls", "TLS 1.3, FFDHE2048 only", cause, "server" if cause else None,
              client=client)
    srv = gnutls(pki.leaf("localhost"), priority="NORMAL:-VERS-ALL:+VERS-TLS1.3:-GROUP-ALL:"
                                                  "+GROUP-FFDHE2048")
    report = diagnose(srv.port, pki.root_pem, row)
    _record(f"gnutls-ffdhe2048-{client}", row, report)
    check(report, row)


def test_an_x448_only_server_for_chrome(pki, s_server):
    row = Row("s_server", "TLS 1.3, X448 only", "cipher_suite_mismatch", "server",
              client="chrome-131")
    srv = s_server(pki.leaf("localhost"), protocols=("tls1_3",), groups="X448")
    report = diagnose(srv.port, pki.root_pem, row)
    _record("s_server-x448-chrome", row, report)
    check(report, row)
    assert "X448" in report.root_cause.title.upper()


def test_an_ffdhe_only_server_with_the_wrong_name(pki, s_server):
    row = Row("s_server", "TLS 1.3, ffdhe2048 only, leaf for other.example",
              "hostname_mismatch", "server")
    srv = s_server(pki.leaf("other.example"), protocols=("tls1_3",), groups="ffdhe2048")
    report = diagnose(srv.port, pki.root_pem, row)
    _record("s_server-ffdhe2048-name", row, report)
    check(report, row)


# --- ML-KEM hybrids alone (OpenSSL 4.0 from the cryptography wheel) ----------------------

needs_mlkem = pytest.mark.skipif(not ossl_bundled.available(), reason="no ML-KEM OpenSSL")


@needs_mlkem
def test_an_mlkem_only_server_is_read_and_its_groups_line_fixes_it(pki, tmp_path):
    row = Row("OpenSSL 4.0", "TLS 1.3, X25519MLKEM768 only, expired leaf",
              "cipher_suite_mismatch", "server")
    chain, key = pki.write(pki.leaf("localhost", not_before=timedelta(days=-90),
                                    not_after=timedelta(days=-3)))
    with ossl_bundled.bundled_server(chain, key, "X25519MLKEM768", workdir=tmp_path) as srv:
        report = diagnose(srv.port, pki.root_pem, row)
        chrome = diagnose(srv.port, pki.root_pem, Row("", "", None, client="chrome-131"))
    _record("mlkem-only-expired", row, report)
    _record("mlkem-only-expired-chrome", Row("OpenSSL 4.0", "X25519MLKEM768 only, expired",
                                            "cert_expired", "server", client="chrome-131"),
            chrome)

    # The groups line, as printed (the OpenSSL list of nginx's ssl_ecdh_curve line), set
    # with SSL_CTX_set1_groups_list on a valid certificate: this machine connects.
    def apply() -> Any:
        line = step_for("mlkem-only-expired", report.root_cause, "nginx").code
        groups = line.splitlines()[-1].split()[-1].rstrip(";")
        chain, key = pki.write(pki.leaf("localhost"))
        with ossl_bundled.bundled_server(chain, key, groups, workdir=tmp_path) as srv:
            after = diagnose(srv.port, pki.root_pem, Row("", "", None))
            s_client_ok(srv.port, pki.root_pem)
        return after
    after = attempt("mlkem-only-expired", apply, _works)
    check(report, row)
    causes = {f.cause.value for f in report.findings}
    assert "cert_expired" in causes  # the certificate was read behind the retry
    assert report.to_json()["server"]["groups_accepted"] == ["X25519MLKEM768"]
    assert chrome.root_cause_id == "cert_expired", chrome.summary()  # Chrome has the group
    assert after.outcome.value in ("ok", "risky"), after.summary()


@needs_mlkem
@pytest.mark.parametrize("groups, client, cause", [
    ("SecP256r1MLKEM768", "go-1.26", None),
    ("SecP256r1MLKEM768", "chrome-131", "cipher_suite_mismatch"),
    ("X25519MLKEM768", "firefox-132", None),
])
def test_mlkem_hybrids_for_clients_that_have_them_or_not(groups, client, cause, pki,
                                                         tmp_path):
    row = Row("OpenSSL 4.0", f"TLS 1.3, {groups} only", cause, "server" if cause else None,
              client=client)
    chain, key = pki.write(pki.leaf("localhost"))
    with ossl_bundled.bundled_server(chain, key, groups, workdir=tmp_path) as srv:
        report = diagnose(srv.port, pki.root_pem, row)
    _record(f"{groups}-{client}", row, report)
    check(report, row)


# --- web servers set up as operators do ---------------------------------------------------

def _sni_nginx(pki, tmp_path):
    good, gkey = pki.write(pki.leaf("localhost"))
    old = pki.leaf("b.example", not_before=timedelta(days=-90), not_after=timedelta(days=-1))
    chain, key = old.write(tmp_path, stem="b")
    block = ("server {\n    listen 127.0.0.1:PORT ssl;\n    server_name b.example;\n"
             f"    ssl_certificate {chain};\n    ssl_certificate_key {key};\n}}")
    return good, gkey, block


WEB_ROWS: dict[str, tuple[Row, Callable[..., dict[str, Any]]]] = {
    "nginx-include-tls13-win7": (
        Row("nginx", "ssl_protocols TLSv1.3 in an include file", "protocol_version_mismatch",
            "client", client="windows-7"),
        lambda pki, d: _include(d, "nginx", "ssl_protocols TLSv1.3;")),
    "nginx-verify-client-ca-list": (
        Row("nginx", "ssl_verify_client on, ssl_client_certificate (CA list)",
            "client_cert_required", "client"),
        lambda pki, d: dict(site_lines=("ssl_verify_client on;",
                                        f"ssl_client_certificate {pki.root_pem};"))),
    "nginx-dual-rsa-ecdsa-firefox": (
        Row("nginx", "RSA + ECDSA certificates, session tickets on", None, client="firefox-132"),
        lambda pki, d: _dual(pki, d)),
    "nginx-stapling-no-responder": (
        Row("nginx", "ssl_stapling on, a leaf without an OCSP URL", None),
        lambda pki, d: dict(site_lines=("ssl_stapling on;", "ssl_stapling_verify on;",
                                        f"ssl_trusted_certificate {pki.root_pem};"))),
    "apache-verify-require-ca-list": (
        Row("apache", "SSLVerifyClient require, SSLCACertificateFile", "client_cert_required",
            "client"),
        lambda pki, d: dict(site_lines=("SSLVerifyClient require",
                                        f"SSLCACertificateFile {pki.root_pem}"))),
    "apache-include-tls13-java8": (
        Row("apache", "SSLProtocol TLSv1.3 in an Include file", "protocol_version_mismatch",
            "client", client="java-8u31"),
        lambda pki, d: _include(d, "apache", "SSLProtocol -all +TLSv1.3")),
    "apache-tickets-tls13-only": (
        Row("apache", "SSLSessionTickets on, TLS 1.3 only", None),
        lambda pki, d: dict(site_lines=("SSLSessionTickets on", "SSLProtocol -all +TLSv1.3"))),
    "haproxy-verify-required-ca-file": (
        Row("haproxy", "verify required, ca-file", "client_cert_required", "client"),
        lambda pki, d: dict(bind_options=("verify", "required", "ca-file", str(pki.root_pem)))),
    "haproxy-tls13-only-tickets-off": (
        Row("haproxy", "ssl-min-ver TLSv1.3, no-tls-tickets", "protocol_version_mismatch",
            "client", client="java-8u31"),
        lambda pki, d: dict(bind_options=("ssl-min-ver", "TLSv1.3", "no-tls-tickets"))),
}


def _include(d: Path, software: str, line: str) -> dict[str, Any]:
    inc = d / f"{software}-tls.conf"
    inc.write_text(line + "\n")
    return dict(site_lines=(f"include {inc};" if software == "nginx" else f"Include {inc}",))


def _dual(pki, d: Path) -> dict[str, Any]:
    chain, key = pki.ca.issue(("localhost",), key_type="rsa2048").write(d, stem="rsa")
    return dict(site_lines=(f"ssl_certificate {chain};", f"ssl_certificate_key {key};",
                            "ssl_session_tickets on;"))


@pytest.mark.parametrize("case", sorted(WEB_ROWS))
def test_web_setups(case, pki, web, tmp_path):
    row, lines = WEB_ROWS[case]
    key_type = "ec256" if "ecdsa" in case or "dual" in case else "rsa2048"
    chain, key = pki.write(pki.leaf("localhost", key_type=key_type))
    srv = web(WebConfig(software=row.server, chain_path=chain, key_path=key,
                        **lines(pki, tmp_path)))
    report = diagnose(srv.server.port, pki.root_pem, row)
    _record(case, row, report)
    check(report, row)


FIXABLE: dict[str, tuple[Row, Callable[..., dict[str, Any]], str]] = {
    # case -> row, setup lines, the key of the leaf. Suites without forward secrecy alone:
    # Python's default context (this machine) offers none of them, so it is a suite
    # mismatch, the server's (the outdated side), fixed by the server's cipher line.
    "nginx-no-pfs-tls12": (
        Row("nginx", "TLS 1.2 only, RSA key exchange suites (AES128-GCM-SHA256)",
            "cipher_suite_mismatch", "server", extra={"server_software": "nginx"}),
        lambda pki: dict(site_lines=("ssl_protocols TLSv1.2;",
                                     "ssl_ciphers AES128-GCM-SHA256:AES256-GCM-SHA384;")),
        "rsa2048"),
    "apache-no-pfs-tls12": (
        Row("apache", "SSLCipherSuite AES256-SHA256, TLS 1.2", "cipher_suite_mismatch",
            "server", extra={"server_software": "apache"}),
        lambda pki: dict(site_lines=("SSLProtocol -all +TLSv1.2",
                                     "SSLCipherSuite AES256-SHA256")), "rsa2048"),
    "haproxy-no-pfs-tls12": (
        Row("haproxy", "ciphers AES128-SHA, ssl-max-ver TLSv1.2", "cipher_suite_mismatch",
            "server", extra={"server_software": "haproxy"}),
        lambda pki: dict(bind_options=("ssl-max-ver", "TLSv1.2", "ciphers", "AES128-SHA")),
        "rsa2048"),
    "nginx-fips-rsa-suites-ecdsa-key": (
        Row("nginx", "FIPS-like ECDHE-RSA list, TLS 1.2, ECDSA key", "server_misconfiguration",
            "server", extra={"server_software": "nginx"}),
        lambda pki: dict(site_lines=("ssl_protocols TLSv1.2;", "ssl_ciphers "
                                     "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384;")),
        "ec256"),
}


@pytest.mark.parametrize("case", sorted(FIXABLE))
def test_suite_faults_and_their_printed_lines(case, pki, web):
    row, lines, key_type = FIXABLE[case]
    chain, key = pki.write(pki.leaf("localhost", key_type=key_type))
    srv = web(WebConfig(software=row.server, chain_path=chain, key_path=key, **lines(pki)))
    before = diagnose(srv.server.port, pki.root_pem, row)
    _record(case, row, before)
    f = next((x for x in before.findings if x.cause.value == row.cause), before.root_cause)
    step = step_for(case, f, row.server)
    after = attempt(case, lambda: diagnose(srv.apply(step.code).port, pki.root_pem, row),
                    lambda a: row.cause not in {x.cause.value for x in a.findings})
    assert f.cause.value == row.cause and f.who_fixes.value == row.party, before.summary()
    assert row.cause not in {x.cause.value for x in after.findings}, after.summary()
    fixed = srv.server
    s_client_ok(fixed.port, pki.root_pem)


@pytest.mark.parametrize("chain_file", ["another CA's intermediate", "absent"])
def test_apache_chain_in_a_separate_file_and_the_printed_bundle(chain_file, pki, web,
                                                                 tmp_path):
    """SSLCertificateFile with the leaf alone and SSLCertificateChainFile (the pre-2.4.8
    way) naming the wrong intermediate, or no chain file at all."""
    case = "apache-chainfile-wrong" if chain_file != "absent" else "apache-leaf-only"
    row = Row("apache", f"leaf in SSLCertificateFile, SSLCertificateChainFile: {chain_file}",
              "incomplete_chain", "server", extra={"server_software": "apache"})
    inter = pki.ca.intermediate(name="world28 issuing CA")
    leaf = inter.issue(("localhost",))
    cert, key = leaf.write(tmp_path, stem="leafonly")
    cert.write_bytes(leaf.cert_pem)  # the leaf alone
    lines: tuple[str, ...] = ()
    if chain_file != "absent":
        wrong = tmp_path / "chain.pem"
        wrong.write_bytes(pki.ca.intermediate(name="world28 other CA").cert_pem)
        lines = (f"SSLCertificateChainFile {wrong}",)
    srv = web(WebConfig(software="apache", chain_path=cert, key_path=key, site_lines=lines))
    before = diagnose(srv.server.port, pki.root_pem, row)
    _record(case, row, before)
    save = before.root_cause.fix[0]
    step = step_for(case, before.root_cause, "apache")
    bundle_path = next(w for w in save.text.split() if w.startswith("/etc/ssl/"))
    bundle = tmp_path / "fullchain.pem"
    paths = {bundle_path.rstrip(":"): bundle, "/etc/ssl/private/localhost.key": key}
    if save.code.startswith("cat "):  # "Build PATH: the leaf, then each intermediate"
        (tmp_path / "intermediate.crt").write_bytes(inter.cert_pem)  # as the CA publishes it
        command = save.code.replace(bundle_path.rstrip(":"), str(bundle))
        command = command.replace("localhost.crt", str(cert)).replace(
            "intermediate.crt", str(tmp_path / "intermediate.crt"))
        assert fixapply.carry_out(command, tmp_path)
    else:
        bundle.write_text(save.code + "\n")  # "Save the corrected chain ... as PATH:"

    def apply() -> Any:
        fixed = srv.apply(step.code, paths=paths)  # apachectl configtest first
        s_client_ok(fixed.port, pki.root_pem)
        return diagnose(fixed.port, pki.root_pem, row)
    after = attempt(case, apply, lambda a: not {f.cause.value for f in a.findings}
                    & {"incomplete_chain", "bad_chain_order_or_extra"})
    check(before, row)
    left = {f.cause.value for f in after.findings}
    assert not left & {"incomplete_chain", "bad_chain_order_or_extra"}, after.summary()


def test_nginx_sni_blocks_expired_second_name(pki, tmp_path):
    if not servers.have_nginx():
        pytest.skip("nginx missing")
    row = Row("nginx", "two server blocks by SNI, b.example's certificate expired",
              "cert_expired", "server", host="b.example")
    good, gkey, block = _sni_nginx(pki, tmp_path)
    from tlsdoctor.testing.servers import _nginx
    def body(port: int) -> str:
        return (block.replace("PORT", str(port)) + "\nserver {\n    listen "
                f"127.0.0.1:{port} ssl default_server;\n    server_name localhost;\n"
                f"    ssl_certificate {good};\n    ssl_certificate_key {gkey};\n}}\n")
    with _nginx(body, timeout=10, error_log_level="info", check=True) as srv:
        report = diagnose(srv.port, pki.root_pem, row)
        other = diagnose(srv.port, pki.root_pem, Row("", "", None))
    _record("nginx-sni-expired-second", row, report)
    check(report, row)
    assert other.outcome.value in ("ok", "risky"), other.summary()


def test_apache_second_vhost_without_its_own_certificate(pki, apache):
    row = Row("apache", "second name (b.example) has no VirtualHost: the default one answers",
              "hostname_mismatch", "server", host="b.example")
    srv = apache(pki.leaf("localhost"))
    report = diagnose(srv.port, pki.root_pem, row)
    _record("apache-sni-no-vhost", row, report)
    check(report, row)


# --- gnutls-serv, Python ssl, Dovecot -----------------------------------------------------

def test_gnutls_requires_a_client_certificate(pki, gnutls):
    row = Row("gnutls", "--require-client-cert --x509cafile", "client_cert_required", "client")
    srv = gnutls(pki.leaf("localhost"), client_ca=pki.root_pem)
    report = diagnose(srv.port, pki.root_pem, row)
    _record("gnutls-require-client-cert", row, report)
    check(report, row)


def test_gnutls_psk_only(pki, gnutls, tmp_path):
    # A PSK-only service (no certificate kx): no certificate exists to show; the client
    # must be given the key. tlsdoctor reads it as a suite mismatch, the client's side.
    psk = tmp_path / "psk.txt"
    psk.write_text("client:00112233445566778899aabbccddeeff\n")
    row = Row("gnutls", "PSK-only (--pskpasswd, +PSK:+DHE-PSK)", "cipher_suite_mismatch",
              "client")
    srv = gnutls(pki.leaf("localhost"), priority="NORMAL:-VERS-TLS1.3:-KX-ALL:+PSK:+DHE-PSK:+ECDHE-PSK",
                 extra_args=("--pskpasswd", str(psk)))
    report = diagnose(srv.port, pki.root_pem, row)
    _record("gnutls-psk-only", row, report)
    check(report, row)


@pytest.mark.parametrize("case", ["expired", "mtls-tls13"])
def test_python_ssl_servers(case, pki, py_server):
    if case == "expired":
        row = Row("Python ssl", "expired leaf", "cert_expired", "server")
        chain, key = pki.write(pki.leaf("localhost", not_before=timedelta(days=-90),
                                        not_after=timedelta(days=-1)))
    else:
        row = Row("Python ssl", "TLS 1.3 only, CERT_REQUIRED", "client_cert_required", "client")
        chain, key = pki.write(pki.leaf("localhost"))
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(chain, key)
    if case != "expired":
        ctx.minimum_version = ssl.TLSVersion.TLSv1_3
        ctx.verify_mode = ssl.CERT_REQUIRED
        ctx.load_verify_locations(cafile=str(pki.root_pem))
    srv = py_server(ctx)
    report = diagnose(srv.port, pki.root_pem, row)
    _record(f"python-{case}", row, report)
    check(report, row)


@pytest.mark.skipif(not dovecot_run.have_dovecot(), reason="dovecot missing")
def test_dovecot_ffdhe_only_curve_list_and_its_line(pki):
    row = Row("Dovecot (IMAP STARTTLS)", "ssl_min_protocol TLSv1.3, ssl_curve_list ffdhe2048",
              "cipher_suite_mismatch", "server", client="go-1.22",
              extra={"starttls": "imap", "server_software": "dovecot"})
    chain, key = pki.write(pki.leaf("localhost"))
    lines = ["ssl_min_protocol = TLSv1.3", "ssl_curve_list = ffdhe2048"]
    with dovecot_run.server(chain, key, lines) as srv:
        before = diagnose(srv.port, pki.root_pem, row)
    _record("dovecot-ffdhe2048-go", row, before)
    step = step_for("dovecot-ffdhe2048-go", before.root_cause, "dovecot")
    fixed_lines = [*lines, *[ln for ln in step.code.splitlines() if "=" in ln]]

    def apply() -> Any:
        with dovecot_run.server(chain, key, fixed_lines) as srv:  # doveconf -n checks it
            after = diagnose(srv.port, pki.root_pem, row)
            s_client_ok(srv.port, pki.root_pem, "-starttls", "imap", *_CHROME_GROUPS)
        return after
    after = attempt("dovecot-ffdhe2048-go", apply, _works)
    check(before, row)
    assert after.outcome.value in ("ok", "risky"), after.summary()


@pytest.mark.skipif(not postfix_smtpd.available(), reason="postfix missing or not root")
def test_postfix_p521_only_for_windows_and_its_line(pki):
    # Schannel (Windows 11) offers x25519, P-256 and P-384, no P-521.
    row = Row("Postfix (SMTP STARTTLS)", "TLS 1.3 only, tls_eecdh_auto_curves = secp521r1",
              "cipher_suite_mismatch", "server", client="windows-11",
              extra={"starttls": "smtp", "server_software": "postfix"})
    chain, key = pki.write(pki.leaf("localhost"))
    lines = ["smtpd_tls_protocols = >=TLSv1.3", "smtpd_tls_mandatory_protocols = >=TLSv1.3",
             "tls_eecdh_auto_curves = secp521r1"]
    with postfix_smtpd.server(chain, key, lines) as srv:
        before = diagnose(srv.port, pki.root_pem, row)
    _record("postfix-p521-windows11", row, before)
    step = step_for("postfix-p521-windows11", before.root_cause, "postfix")
    fixed_lines = [*lines, *[ln for ln in step.code.splitlines() if "=" in ln]]

    def apply() -> Any:
        with postfix_smtpd.server(chain, key, fixed_lines) as srv:  # postfix check first
            after = diagnose(srv.port, pki.root_pem, row)
            s_client_ok(srv.port, pki.root_pem, "-starttls", "smtp", "-groups", "X25519:P-256")
        return after
    after = attempt("postfix-p521-windows11", apply, _works)
    check(before, row)
    assert after.outcome.value in ("ok", "risky"), after.summary()


@pytest.mark.skipif(bool(postgres_tls.psql_unavailable()), reason="PostgreSQL missing")
def test_postgresql_one_curve_for_windows_and_its_line(pki):
    # PostgreSQL 15 takes one ECDH curve (ssl_ecdh_curve); secp521r1 with TLS 1.3 only
    # leaves Schannel (Windows 11: x25519, P-256, P-384) without a group.
    row = Row("PostgreSQL 15 (--starttls postgres)",
              "ssl_min_protocol_version TLSv1.3, ssl_ecdh_curve secp521r1",
              "cipher_suite_mismatch", "server", client="windows-11",
              extra={"starttls": "postgres", "server_software": "postgresql"})
    chain, key = pki.write(pki.leaf("localhost"))
    with postgres_tls.postgres_tls({"ok": (chain, key)}) as pg:
        tls = pg.root / "data" / "tls.conf"

        def reload(lines: list[str], name: str, value: str) -> None:
            tls.write_text(tls.read_text() + "".join(f"{ln}\n" for ln in lines))
            done = postgres_tls._run([str(pg.bindir / "pg_ctl"), "-D", str(pg.root / "data"),
                                      "reload"], timeout=30)  # as the server's user
            assert done.returncode == 0, done.stderr
            for _ in range(100):  # the postmaster reloads before the next backend forks
                if pg._show(name) == value:
                    return
                time.sleep(0.05)
            raise AssertionError(f"PostgreSQL did not take {name} = {value}")

        reload(["ssl_min_protocol_version = 'TLSv1.3'", "ssl_ecdh_curve = 'secp521r1'"],
               "ssl_ecdh_curve", "secp521r1")
        before = diagnose(pg.port, pki.root_pem, row)
        _record("postgresql-p521-windows11", row, before)
        step = step_for("postgresql-p521-windows11", before.root_cause, "postgresql")

        def apply() -> Any:  # the printed setting, added after the operator's (it wins)
            setting = [ln for ln in step.code.splitlines() if "=" in ln and
                       not ln.startswith("#")]
            reload(setting, "ssl_ecdh_curve", setting[-1].split("=", 1)[1].strip(" '"))
            s_client_ok(pg.port, pki.root_pem, "-starttls", "postgres", "-groups",
                        "X25519:P-256")
            return diagnose(pg.port, pki.root_pem, row)
        after = attempt("postgresql-p521-windows11", apply, _works)
    check(before, row)
    assert _works(after), after.summary()


# --- a stale cross-sign: which clients follow the chain as sent ----------------------------

def _le_2021(d: Path) -> tuple[Path, Path, Path]:
    """Round 27's shape (test_world27_shapes): leaf, R3, ISRG-like root cross-signed by
    an expired DST-like root; the client's store holds both roots."""
    from datetime import UTC, datetime

    from test_world27_shapes import _cross_sign

    from tlsdoctor.testing.ca import CA

    dst = CA(name="DST-like Root CA X3", not_before=timedelta(days=-4000),
             not_after=timedelta(days=-60))
    isrg = CA(name="ISRG-like Root X1")
    r3 = isrg.intermediate("R3-like")
    leaf = r3.issue(("localhost",), key_type="rsa2048")
    chain, key = leaf.write(d, stem="le")
    chain.write_bytes(leaf.cert_pem + r3.cert_pem
                      + _cross_sign(isrg, dst, datetime.now(UTC) + timedelta(days=700)))
    store = d / "store.pem"
    store.write_bytes(isrg.cert_pem + dst.cert_pem)
    return chain, key, store


@pytest.mark.parametrize("client, fails", [("gnutls-3.6", True), ("python-2.7", True),
                                           ("gnutls-3.7", False), ("java-8u31", False),
                                           ("android-7", False)])
def test_a_stale_cross_sign_fails_the_clients_that_follow_the_chain_as_sent(
        client, fails, tmp_path, web):
    chain, key, store = _le_2021(tmp_path)
    srv = web(WebConfig(software="apache", chain_path=chain, key_path=key))
    row = Row("apache", "ISRG-like root cross-signed by an expired DST-like root",
              "cert_expired" if fails else None, "server" if fails else None, client=client)
    report = diagnose(srv.server.port, store, row)
    _record(f"cross-sign-{client}", row, report)
    if fails:
        check(report, row)
        assert report.root_cause.facts["cross_sign"] is True
        assert "Android before 7.1.1" in report.root_cause.explanation
    else:
        assert "cert_expired" not in {f.cause.value for f in report.findings}, report.summary()
    if client == "gnutls-3.7":  # the real gnutls-cli 3.7.9 agrees: it connects
        out = subprocess.run(["gnutls-cli", "--x509cafile", str(store), "--port",
                              str(srv.server.port), "--sni-hostname", "localhost",
                              "--verify-hostname", "localhost", "127.0.0.1"],
                             input="", capture_output=True, text=True, timeout=20)
        assert "Status: The certificate is trusted" in out.stdout, out.stdout[-800:]
