"""hostname_mismatch: the name asked for is not among the certificate's names.

Sources: the chain with the hostname the client asked for (trust-type rule: a captured
client that went on accepted the name), a captured client's alert, error text. Folds: not
behind an inspection CA; a client without SNI is pointed at the default certificate.
"""

import pytest
from evidence_builders import (
    BAD_CERTIFICATE,
    HOST,
    TLS12,
    TLS13,
    analyze,
    capture,
    cause_absent,
    chain_only,
    client_alert,
    codes,
    exchange,
    live,
    one,
    root,
    specific_steps,
    text,
)

from tlsdoctor.causes import Cause, Party, Severity

MISMATCH = Cause.HOSTNAME_MISMATCH


@pytest.mark.parametrize("names, mismatch", [(("www.other.test",), True), ((HOST,), False),
                                             (("www.example.test", HOST), False)])
def test_chain_alone_fails_and_works(rpki, names, mismatch):
    ev = chain_only(analyze(rpki.leaf(*names), rpki.stores))
    if not mismatch:
        cause_absent(ev, MISMATCH)
        return
    f = one(ev, MISMATCH, Severity.BLOCKING, Party.SERVER)
    assert f.title == f"Certificate does not cover '{HOST}'"
    assert "certificate covers: www.other.test" in f.evidence
    assert f.facts["dns_names"] == ["www.other.test"]
    assert root(ev).cause is MISMATCH


def test_wildcard_covers_one_label_only(rpki):
    one(chain_only(analyze(rpki.leaf("*.test"), rpki.stores, hostname="a.b.test")), MISMATCH,
        Severity.BLOCKING, Party.SERVER)
    cause_absent(chain_only(analyze(rpki.leaf("*.b.test"), rpki.stores, hostname="a.b.test")),
                 MISMATCH)


def test_ip_address_needs_an_ip_san(rpki):
    ip = "192.0.2.7"
    f = one(chain_only(analyze(rpki.leaf(HOST), rpki.stores, hostname=ip)), MISMATCH,
            Severity.BLOCKING, Party.SERVER)
    assert f.facts["wanted"] == ip
    cause_absent(chain_only(analyze(rpki.leaf(HOST, ip_addresses=(ip,)), rpki.stores,
                                    hostname=ip)), MISMATCH)


def test_name_only_in_the_cn(rpki):
    ev = chain_only(analyze(rpki.leaf(HOST, cn_only=True), rpki.stores))
    f = one(ev, MISMATCH, Severity.BLOCKING, Party.SERVER)
    assert f.title == (f"Certificate has no subjectAltName; '{HOST}' is only in the CN, "
                       "which clients ignore")
    assert f.facts["cn_only"] is True


def test_live_fix_reissues_with_the_name(rpki):
    ev = live(exchange(), chain=analyze(rpki.leaf("www.other.test"), rpki.stores),
              chain_source="baseline", server_software="nginx")
    one(ev, MISMATCH, Severity.BLOCKING, Party.SERVER)
    steps = specific_steps(ev, MISMATCH)
    # Issue 11: the CSR asks for the right name only (www.other.test is another site's),
    # and the install step follows.
    assert f"subjectAltName=DNS:{HOST}" in codes(steps)
    assert "www.other.test" not in codes(steps)
    assert f"-d {HOST}" in codes(steps)
    assert any(s.applies_to == "nginx" and "ssl_certificate" in s.code for s in steps)


def test_no_sni_points_at_the_default_certificate(rpki):
    without = chain_only(analyze(rpki.leaf("default.test"), rpki.stores, served_sni=False))
    f = one(without, MISMATCH, Severity.BLOCKING, Party.SERVER)
    assert any("sent no SNI" in line for line in f.evidence)
    with_sni = chain_only(analyze(rpki.leaf("default.test"), rpki.stores, served_sni=True))
    assert not any("sent no SNI" in line for line in one(
        with_sni, MISMATCH, Severity.BLOCKING, Party.SERVER).evidence)


def test_interception_ca_folds_it(rpki):
    # An inspection proxy that mints a certificate for the wrong name: the proxy is the problem.
    intercepted = analyze([rpki.leaf("www.other.test", issuer=rpki.zscaler).cert,
                           rpki.zscaler.cert], rpki.stores)
    ev = chain_only(intercepted)
    cause_absent(ev, MISMATCH)
    assert root(ev).cause is Cause.TLS_INTERCEPTION_MITM


def test_capture_judges_names_only_when_the_client_complained(rpki):
    chain = analyze(rpki.leaf("www.other.test"), rpki.stores)
    rejected = capture(alerts=(client_alert(BAD_CERTIFICATE),), version=TLS12, chain=chain)
    one(rejected, MISMATCH, Severity.BLOCKING, Party.SERVER)
    assert root(rejected).cause is MISMATCH
    cause_absent(capture(version=TLS12, chain=chain), MISMATCH)


def test_tls13_capture_reads_the_alert():
    # OpenSSL clients send bad_certificate for a wrong name (unknown_ca for trust), so a
    # client's bad_certificate with the certificate encrypted reads as the name first.
    ev = capture(alerts=(client_alert(BAD_CERTIFICATE),), version=TLS13)
    assert one(ev, MISMATCH, Severity.BLOCKING, Party.SERVER).confidence == pytest.approx(0.35)
    assert root(ev).cause is MISMATCH
    cause_absent(capture(version=TLS13), MISMATCH)


def test_error_text():
    ev = text(f"ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify "
              f"failed: Hostname mismatch, certificate is not valid for '{HOST}'. (_ssl.c:1006)")
    assert root(ev).cause is MISMATCH and root(ev).confidence == 1.0
    cause_absent(text("curl: (60) SSL certificate problem: certificate has expired"), MISMATCH)
