"""Each certificate cause, detected on the chain a real server (openssl s_server) sends,
with a healthy twin that yields no certificate finding."""

from __future__ import annotations

import json
import shlex
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from pkihelp import analyze, analyze_chain, causes, der

from tlsdoctor.diagnosis.causes import Cause, Party, Severity
from tlsdoctor.fixes import certs as fixsteps
from tlsdoctor.pki.trust import TrustStore, TrustStores
from tlsdoctor.testing.ca import CA, self_signed


def run(served, s_server, leaf, stores, *, hostname="localhost", sni="localhost", **kw):
    srv = s_server(leaf, **{k: kw.pop(k) for k in ("order", "include_root", "extra", "status_file",
                                                   "cipher") if k in kw})
    chain, staple = served(srv, sni=sni)
    return analyze_chain(chain, hostname=hostname, now=datetime.now(UTC), stores=stores,
                         stapled_ocsp=staple, **kw)


def test_healthy_chain_on_real_server(inter, stores, s_server, served) -> None:
    leaf = inter.issue(["localhost"])
    r = run(served, s_server, leaf, stores)
    assert r.findings == ()
    assert r.verified is True
    assert r.trusted_by["test-root"] is True
    assert not any(v for k, v in r.trusted_by.items() if k != "test-root")  # not a public CA
    assert [c.common_name for c in r.path] == ["localhost", inter.name, "tlsdoctor test root CA"]
    assert r.path[-1].source == "store:test-root"
    nb, na = r.validity_window
    assert nb == max(c.not_before for c in r.path) and na == min(c.not_after for c in r.path)
    assert r.completed_chain_pem is None
    assert r.revocation == "not checked"
    assert r.certificates[0].serial == f"{leaf.serial:X}"


def test_expired_leaf(inter, stores, s_server, served) -> None:
    leaf = inter.issue(["localhost"], not_before=timedelta(days=-90), not_after=timedelta(days=-3, hours=-1))
    r = run(served, s_server, leaf, stores)
    assert causes(r) == [Cause.CERT_EXPIRED]
    f = r.findings[0]
    assert "expired 3 days ago" in f.title
    assert f.facts["serial"] == f"{leaf.serial:X}" and f.facts["role"] == "leaf"
    assert f.who_fixes is Party.SERVER and f.severity is Severity.BLOCKING
    assert any("certbot renew" in s.code for s in f.fix)
    assert r.verified is False


def test_expired_intermediate_is_only_cert_expired(ca, stores, s_server, served) -> None:
    old = ca.intermediate(name="Old intermediate", not_before=timedelta(days=-400),
                          not_after=timedelta(days=-2))
    r = run(served, s_server, old.issue(["localhost"]), stores)
    assert causes(r) == [Cause.CERT_EXPIRED]
    assert r.findings[0].facts["role"] == "intermediate #1"
    assert "Old intermediate" in r.findings[0].title
    assert r.trusted_by["test-root"] is False


def test_not_yet_valid(inter, stores, s_server, served) -> None:
    leaf = inter.issue(["localhost"], not_before=timedelta(days=2, hours=1))
    r = run(served, s_server, leaf, stores)
    assert causes(r) == [Cause.CERT_NOT_YET_VALID]
    assert "in 2 days" in r.findings[0].title
    assert r.validity_window[0] > datetime.now(UTC)  # lets the lead tell a wrong clock apart


@pytest.mark.parametrize(("days", "warn", "expected"),
                         [(5, 30, [Cause.CERT_EXPIRING_SOON]), (5, 3, []), (90, 30, [])])
def test_expiring_soon_window(inter, stores, days, warn, expected) -> None:
    r = analyze(inter.issue(["localhost"], not_after=timedelta(days=days)), stores, warn_days=warn)
    assert causes(r) == expected


def test_self_signed_not_also_untrusted(stores, s_server, served) -> None:
    leaf = self_signed(["localhost"])
    r = run(served, s_server, leaf, stores)
    assert causes(r) == [Cause.CERT_SELF_SIGNED]
    assert any(s.applies_to == "java" and "keytool -importcert" in s.code for s in r.findings[0].fix)


def test_self_signed_trusted_explicitly_is_fine(stores) -> None:
    leaf = self_signed(["localhost"])
    mine = TrustStores(default=TrustStore(name="ca-file", roots=(leaf.cert,)))
    r = analyze(leaf, mine)
    assert causes(r) == []
    assert r.verified is True


def test_private_root_untrusted(stores, s_server, served) -> None:
    other = CA(name="Corp Internal Root")
    leaf = other.intermediate(name="Corp Issuing CA").issue(["localhost"])
    r = run(served, s_server, leaf, stores)
    assert causes(r) == [Cause.CERT_UNTRUSTED_ROOT]
    f = r.findings[0]
    assert f.facts["private"] is True and "Corp Internal Root" in f.title
    assert {s.applies_to for s in f.fix} >= {"system", "python", "curl", "java", "node"}
    # the healthy twin: the same chain, with that root trusted
    twin = TrustStores(default=TrustStore(name="corp", roots=(other.cert,)))
    assert causes(analyze(leaf, twin)) == []


def test_root_trusted_elsewhere_points_at_the_client(ca, inter) -> None:
    stores = TrustStores(default=TrustStore(name="system", roots=()),
                         others=(TrustStore(name="mozilla", roots=(ca.cert,)),))
    r = analyze((*inter.issue(["localhost"]).chain, ca.cert), stores)
    f = next(f for f in r.findings if f.cause is Cause.CERT_UNTRUSTED_ROOT)
    assert f.who_fixes is Party.CLIENT and f.facts["in_stores"] == ["mozilla"]
    assert r.trusted_by == {"system": False, "mozilla": True}


def test_incomplete_chain_not_untrusted(inter, stores) -> None:
    leaf = inter.issue(["localhost"])
    rep = analyze([leaf.cert], stores)
    assert causes(rep) == [Cause.INCOMPLETE_CHAIN]
    assert inter.name in rep.findings[0].facts["missing_issuer"]
    assert rep.completed_chain_pem is None  # nothing to complete it with (no AIA, offline)


def test_incomplete_chain_on_real_server(inter, stores, pki, s_server, served) -> None:
    leaf = inter.issue(["localhost"])
    chain_path = pki.write_pem("leaf-only.pem", leaf.cert_pem)
    key_path = pki.write_pem("leaf.key", leaf.key_pem)
    srv = s_server(chain_path=chain_path, key_path=key_path)
    chain, _ = served(srv)
    assert len(chain) == 1
    r = analyze_chain(chain, hostname="localhost", now=datetime.now(UTC), stores=stores)
    assert causes(r) == [Cause.INCOMPLETE_CHAIN]
    assert r.verified is False


def test_misordered_chain_gets_corrected_bundle(ca, stores, s_server, served) -> None:
    i1 = ca.intermediate(name="Level 1 CA")
    i2 = i1.intermediate(name="Level 2 CA")
    leaf = i2.issue(["localhost"])
    r = run(served, s_server, leaf, stores, order="reversed")
    assert causes(r) == [Cause.BAD_CHAIN_ORDER_OR_EXTRA]
    assert r.findings[0].severity is Severity.WARNING
    assert "wrong order" in " ".join(r.findings[0].evidence)
    bundle = x509.load_pem_x509_certificates(r.completed_chain_pem.encode())
    assert bundle == [leaf.cert, i2.cert, i1.cert]
    twin = run(served, s_server, leaf, stores)
    assert causes(twin) == []


def test_root_sent_and_unrelated_extra(inter, ca, stores, s_server, served) -> None:
    leaf = inter.issue(["localhost"])
    r = run(served, s_server, leaf, stores, include_root=True)
    assert causes(r) == [Cause.BAD_CHAIN_ORDER_OR_EXTRA]
    assert r.findings[0].severity is Severity.INFO
    unrelated = CA(name="Unrelated CA").cert
    r2 = analyze([*leaf.chain, unrelated, leaf.chain[1]], stores)
    assert causes(r2) == [Cause.BAD_CHAIN_ORDER_OR_EXTRA]
    ev = " ".join(r2.findings[0].evidence)
    assert "Unrelated CA" in ev and "sent 2 times" in ev
    assert x509.load_pem_x509_certificates(r2.completed_chain_pem.encode()) == list(leaf.chain)


def test_weak_signature(inter, stores, s_server, served) -> None:
    leaf = inter.issue(["localhost"], sig_hash="sha1")
    srv = s_server(leaf, cipher="DEFAULT:@SECLEVEL=0")
    chain, _ = served(srv)
    r = analyze_chain(chain, hostname="localhost", now=datetime.now(UTC), stores=stores)
    assert causes(r) == [Cause.WEAK_SIGNATURE_OR_KEY]
    assert "SHA1" in r.findings[0].explanation


def test_weak_key_rsa1024(inter, stores) -> None:
    r = analyze(inter.issue(["localhost"], key_type="rsa1024"), stores)
    assert causes(r) == [Cause.WEAK_SIGNATURE_OR_KEY]
    assert "RSA key of 1024 bits" in r.findings[0].explanation


def test_weak_signature_on_root_is_not_reported(stores) -> None:
    old_root = CA(name="Old SHA1 Root", sig_hash="sha1", key_type="rsa2048")
    mine = TrustStores(default=TrustStore(name="old", roots=(old_root.cert,)))
    assert causes(analyze(old_root.issue(["localhost"]), mine)) == []


@pytest.mark.parametrize(("kw", "words"), [({"eku": ("clientAuth",)}, "without serverAuth"),
                                           ({"is_ca": True}, "CA:TRUE")])
def test_wrong_purpose(inter, stores, s_server, served, kw, words) -> None:
    r = run(served, s_server, inter.issue(["localhost"], **kw), stores)
    assert causes(r) == [Cause.CERT_WRONG_PURPOSE]
    assert words in r.findings[0].explanation


def test_name_constraints_violation(ca, stores) -> None:
    constrained = ca.intermediate(name="Constrained CA", permitted_dns=("example.com",))
    r = analyze(constrained.issue(["localhost"]), stores)
    assert Cause.CERT_WRONG_PURPOSE in causes(r)
    assert "name-constrained" in r.findings[causes(r).index(Cause.CERT_WRONG_PURPOSE)].explanation
    assert causes(analyze(constrained.issue(["www.example.com"]), stores, hostname="www.example.com")) == []


def test_key_usage_against_negotiated_kx(inter, stores) -> None:
    leaf = inter.issue(["localhost"], key_usage=("key_encipherment",))
    assert causes(analyze(leaf, stores, negotiated_kx="ECDHE_ECDSA")) == [Cause.CERT_WRONG_PURPOSE]
    good = inter.issue(["localhost"])
    assert causes(analyze(good, stores, negotiated_kx="ECDHE_ECDSA")) == []
    assert causes(analyze(good, stores, negotiated_kx="ECDHE_RSA")) == [Cause.SERVER_MISCONFIGURATION]


def test_must_staple_missing_and_stapled(inter, stores, pki, s_server, served) -> None:
    leaf = inter.issue(["localhost"], must_staple=True)
    r = run(served, s_server, leaf, stores)
    assert causes(r) == [Cause.OCSP_MUST_STAPLE_MISSING]
    assert any(s.applies_to == "nginx" and "ssl_stapling on" in s.code for s in r.findings[0].fix)
    status = pki.write_pem("ocsp.der", inter.ocsp_response(leaf, "good"))
    twin = run(served, s_server, leaf, stores, status_file=status)
    assert causes(twin) == []
    assert twin.revocation == "good"


def test_revoked_by_stapled_ocsp(inter, stores, pki, s_server, served) -> None:
    leaf = inter.issue(["localhost"])
    status = pki.write_pem("ocsp.der", inter.ocsp_response(leaf, "revoked"))
    r = run(served, s_server, leaf, stores, status_file=status)
    assert causes(r) == [Cause.CERT_REVOKED]
    assert r.revocation == "revoked"
    assert "stapled OCSP" in r.findings[0].facts["source"]


def test_interception_product(stores, s_server, served) -> None:
    proxy = CA(name="Zscaler Root CA")
    r = run(served, s_server, proxy.issue(["localhost"]), stores)
    assert causes(r) == [Cause.TLS_INTERCEPTION_MITM]
    assert r.findings[0].facts["product"] == "Zscaler Internet Access"
    assert r.findings[0].who_fixes is Party.NETWORK


def test_hostname_mismatch_on_real_server(inter, stores, s_server, served) -> None:
    leaf = inter.issue(["www.example.com"])
    r = run(served, s_server, leaf, stores, hostname="example.com", sni="example.com")
    assert causes(r) == [Cause.HOSTNAME_MISMATCH]
    f = r.findings[0]
    assert f.facts["suggestion"] == "www.example.com"
    assert "https://www.example.com/" in f.fix[0].text
    assert causes(run(served, s_server, leaf, stores, hostname="www.example.com",
                      sni="www.example.com")) == []


def test_cn_only_certificate(inter, stores) -> None:
    r = analyze(inter.issue(["localhost"], cn_only=True), stores)
    assert causes(r) == [Cause.HOSTNAME_MISMATCH]
    assert "only in the CN" in r.findings[0].title
    assert r.verified is True  # the path itself is fine; only the name is not


def test_ip_san(inter, stores) -> None:
    leaf = inter.issue(["127.0.0.1"])
    assert causes(analyze(leaf, stores, hostname="127.0.0.1")) == []
    assert causes(analyze(leaf, stores, hostname="127.0.0.2")) == [Cause.HOSTNAME_MISMATCH]
    dns_ip = inter.issue(["localhost"], subject_cn="127.0.0.1")
    assert causes(analyze(dns_ip, stores, hostname="127.0.0.1")) == [Cause.HOSTNAME_MISMATCH]


def test_no_sni_is_mentioned(inter, stores) -> None:
    r = analyze(inter.issue(["default.example"]), stores, hostname="localhost", served_sni=False)
    assert "sent no SNI" in " ".join(r.findings[0].evidence)


def test_garbage_never_raises(inter, stores) -> None:
    now = datetime.now(UTC)
    r = analyze_chain([b"\x30\x03\x02\x01\x00"], hostname="x", now=now, stores=stores)
    assert causes(r) == [Cause.SERVER_MISCONFIGURATION]
    assert causes(analyze_chain([], hostname="x", now=now, stores=stores)) == [Cause.SERVER_MISCONFIGURATION]
    leaf = inter.issue(["localhost"])
    r = analyze_chain([*der(leaf.chain), b"junk"], hostname="localhost", now=now, stores=stores)
    assert causes(r) == [Cause.BAD_CHAIN_ORDER_OR_EXTRA]
    assert len(r.bad_certificates) == 1
    r.to_json()


def test_hostile_fields_are_data(inter, stores) -> None:
    evil = "\x1b[31m<b>x</b>'; $(rm -rf /)"
    leaf = inter.issue(["localhost"], subject_cn=evil, not_after=timedelta(days=-1),
                       not_before=timedelta(days=-10))
    r = analyze(leaf, stores)
    assert r.certificates[0].common_name == evil  # kept verbatim; renderers escape it
    assert json.loads(json.dumps(r.to_json()))["certificates"][0]["common_name"] == evil
    # names reach shell commands only quoted
    code = fixsteps.renew_steps([evil])[1].code
    assert "/CN=" + evil in shlex.split(code)


def _cross_sign(subject_ca: CA, by: CA) -> x509.Certificate:
    """``subject_ca``'s name and key, certified by ``by`` (a cross-signed root)."""
    from cryptography.hazmat.primitives import hashes
    now = datetime.now(UTC)
    return (x509.CertificateBuilder().subject_name(subject_ca.cert.subject)
            .issuer_name(by.cert.subject).public_key(subject_ca.key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(by.key, hashes.SHA256()))


def test_cross_signed_root_prefers_the_trusted_path(ca, inter) -> None:
    old_root = CA(name="Old Root X3")
    cross = _cross_sign(ca, old_root)
    mine = TrustStores(default=TrustStore(name="new", roots=(ca.cert,)))
    r = analyze((*inter.issue(["localhost"]).chain, cross), mine)
    assert causes(r) == []
    assert r.path[-1].source == "store:new"
    # a client that only has the old root still gets there through the cross-sign
    old = TrustStores(default=TrustStore(name="old", roots=(old_root.cert,)))
    r_old = analyze((*inter.issue(["localhost"]).chain, cross), old)
    assert causes(r_old) == [] and r_old.path[-1].common_name == "Old Root X3"


@pytest.mark.parametrize(("kw", "host", "expected"), [
    ({"key_type": "rsa1024"}, "localhost", [Cause.WEAK_SIGNATURE_OR_KEY]),
    ({"cn_only": True}, "localhost", [Cause.HOSTNAME_MISMATCH]),
    ({"names": ["127.0.0.1"]}, "127.0.0.1", []),
    ({"names": ["localhost"]}, "127.0.0.1", [Cause.HOSTNAME_MISMATCH]),
    ({"names": ["*.example.test"]}, "a.b.example.test", [Cause.HOSTNAME_MISMATCH]),
    ({"names": ["*.example.test"]}, "a.example.test", []),
    ({"names": ["*.localhost"]}, "a.localhost", [Cause.HOSTNAME_MISMATCH]),  # a TLD-level wildcard
])
def test_more_chains_on_real_servers(inter, stores, s_server, served, kw, host, expected) -> None:
    names = kw.pop("names", ["localhost"])
    leaf = inter.issue(names, **kw)
    sni = None if host[0].isdigit() else host
    r = run(served, s_server, leaf, stores, hostname=host, sni=sni, cipher="DEFAULT:@SECLEVEL=0")
    assert causes(r) == expected


def test_path_length_violation(ca, stores) -> None:
    tight = ca.intermediate(name="No Sub-CAs", path_length=0)
    sub = tight.intermediate(name="Forbidden Sub-CA")
    r = analyze(sub.issue(["localhost"]), stores)
    assert Cause.CERT_WRONG_PURPOSE in causes(r)
    assert "pathLenConstraint" in " ".join(r.findings[causes(r).index(Cause.CERT_WRONG_PURPOSE)].evidence)
    assert causes(analyze(tight.issue(["localhost"]), stores)) == []
