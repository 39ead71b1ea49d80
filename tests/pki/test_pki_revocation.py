"""Revocation through a real OCSP responder and CRL server on 127.0.0.1, and stapled responses."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pkihelp import LOOPBACK, OcspResponder, Route, analyze, causes

from tlsdoctor.diagnosis.causes import Cause
from tlsdoctor.pki.fetch import Fetcher
from tlsdoctor.pki.revocation import check_ocsp_response
from tlsdoctor.testing.ca import CA


def test_ocsp_responder_revoked_and_good(inter, stores, http_srv) -> None:
    responder = OcspResponder(inter)
    http_srv.routes["/ocsp"] = Route(ocsp=responder, content_type="application/ocsp-response")
    bad = inter.issue(["localhost"], ocsp_url=http_srv.url("/ocsp"))
    good = inter.issue(["localhost"], ocsp_url=http_srv.url("/ocsp"))
    responder.add(bad, "revoked")
    responder.add(good, "good")
    r = analyze(bad, stores, fetcher=Fetcher(scope=LOOPBACK, timeout=3))
    assert causes(r) == [Cause.CERT_REVOKED]
    assert r.revocation == "revoked"
    assert r.findings[0].facts["source"] == f"OCSP {http_srv.url('/ocsp')}"
    twin = analyze(good, stores, fetcher=Fetcher(scope=LOOPBACK, timeout=3))
    assert causes(twin) == [] and twin.revocation == "good"


def test_ocsp_unreachable_is_unknown_not_good(inter, stores, http_srv) -> None:
    leaf = inter.issue(["localhost"], ocsp_url=http_srv.url("/nothing-here"))
    r = analyze(leaf, stores, fetcher=Fetcher(scope=LOOPBACK, timeout=3))
    assert causes(r) == []
    assert r.revocation.startswith("unknown:") and "404" in r.revocation


def test_ocsp_signed_by_another_ca_is_unknown(inter, stores, http_srv) -> None:
    impostor = CA(name="Impostor")
    leaf = inter.issue(["localhost"], ocsp_url=http_srv.url("/ocsp"))
    # A response for this certificate, but signed by a key that is not the issuer's.
    fake = impostor.ocsp_response(inter.issue(["x"]).cert, "revoked")
    http_srv.routes["/ocsp"] = Route(body=fake)
    r = analyze(leaf, stores, fetcher=Fetcher(scope=LOOPBACK, timeout=3))
    assert Cause.CERT_REVOKED not in causes(r)
    assert r.revocation.startswith("unknown:")


def test_ocsp_unauthorized_status(inter, stores, http_srv) -> None:
    responder = OcspResponder(inter)  # knows nobody: "unauthorized"
    http_srv.routes["/ocsp"] = Route(ocsp=responder)
    leaf = inter.issue(["localhost"], ocsp_url=http_srv.url("/ocsp"))
    r = analyze(leaf, stores, fetcher=Fetcher(scope=LOOPBACK, timeout=3))
    assert "unauthorized" in r.revocation


def test_crl_revoked_and_good(inter, stores, http_srv) -> None:
    bad = inter.issue(["localhost"], crl_url=http_srv.url("/int.crl"))
    good = inter.issue(["localhost"], crl_url=http_srv.url("/int.crl"))
    http_srv.routes["/int.crl"] = Route(body=inter.crl([bad]), content_type="application/pkix-crl")
    r = analyze(bad, stores, fetcher=Fetcher(scope=LOOPBACK, timeout=3))
    assert causes(r) == [Cause.CERT_REVOKED]
    assert r.findings[0].facts["source"] == f"CRL {http_srv.url('/int.crl')}"
    twin = analyze(good, stores, fetcher=Fetcher(scope=LOOPBACK, timeout=3))
    assert causes(twin) == [] and twin.revocation == "good"


def test_ocsp_unknown_falls_back_to_crl(inter, stores, http_srv) -> None:
    leaf = inter.issue(["localhost"], ocsp_url=http_srv.url("/down"), crl_url=http_srv.url("/c.crl"))
    http_srv.routes["/c.crl"] = Route(body=inter.crl([leaf]))
    r = analyze(leaf, stores, fetcher=Fetcher(scope=LOOPBACK, timeout=3))
    assert causes(r) == [Cause.CERT_REVOKED]
    assert any("OCSP" in e and "unknown" in e for e in r.findings[0].evidence)


def test_stale_or_foreign_crl_is_unknown(ca, inter, stores, http_srv) -> None:
    leaf = inter.issue(["localhost"], crl_url=http_srv.url("/old.crl"))
    http_srv.routes["/old.crl"] = Route(body=inter.crl([leaf], last_update=timedelta(days=-20),
                                                        next_update=timedelta(days=-10)))
    r = analyze(leaf, stores, fetcher=Fetcher(scope=LOOPBACK, timeout=3))
    assert "stale" in r.revocation and Cause.CERT_REVOKED not in causes(r)
    leaf2 = inter.issue(["localhost"], crl_url=http_srv.url("/root.crl"))
    http_srv.routes["/root.crl"] = Route(body=ca.crl([leaf2]))
    r2 = analyze(leaf2, stores, fetcher=Fetcher(scope=LOOPBACK, timeout=3))
    assert "another issuer" in r2.revocation


def test_huge_crl_is_bounded(inter, stores, http_srv) -> None:
    leaf = inter.issue(["localhost"], crl_url=http_srv.url("/huge.crl"))
    http_srv.routes["/huge.crl"] = Route(stream_bytes=4 * 1024 * 1024)
    r = analyze(leaf, stores, fetcher=Fetcher(scope=LOOPBACK, timeout=3, max_bytes=512 * 1024))
    assert "exceeds" in r.revocation


def test_stale_stapled_response(inter) -> None:
    leaf = inter.issue(["localhost"])
    old = inter.ocsp_response(leaf, "good", this_update=timedelta(days=-10),
                              next_update=timedelta(days=-3))
    res = check_ocsp_response(old, leaf.cert, inter.cert, datetime.now(UTC), "stapled OCSP")
    assert res.status == "unknown" and "stale" in res.detail
    fresh = inter.ocsp_response(leaf, "good")
    assert check_ocsp_response(fresh, leaf.cert, inter.cert, datetime.now(UTC), "s").status == "good"
    other = inter.issue(["localhost"])
    res = check_ocsp_response(fresh, other.cert, inter.cert, datetime.now(UTC), "s")
    assert res.status == "unknown" and "another certificate" in res.detail
    assert check_ocsp_response(b"junk", leaf.cert, inter.cert, datetime.now(UTC), "s").status == "unknown"


def test_no_fetcher_means_not_checked(inter, stores) -> None:
    leaf = inter.issue(["localhost"], ocsp_url="http://127.0.0.1:9/ocsp")
    assert analyze(leaf, stores).revocation == "not checked"
