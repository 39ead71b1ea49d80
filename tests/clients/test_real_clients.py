"""Each profile that has a real program on this machine predicts what that program does.

For every (real client, profile, scenario): tlsdoctor.diagnose(target, client=profile,
ca_file=root) must give the real client's outcome (connects: ok or risky; fails: fails)
and, when both fail, a root cause the client's own error text means.

Pairs that do not agree yet are listed in KNOWN_MISSES with the policy fact (in
src/tlsdoctor/clients/profiles.json) that explains the miss: the judgement that applies
each profile's policy lives in diagnosis/rules. They are strict xfails, so a pair that
starts agreeing fails here until its entry is removed.
"""

from __future__ import annotations

from typing import Any

import pytest

from tlsdoctor.realclients.scenarios import SCENARIO_NAMES
from tlsdoctor.realclients.verify import all_drivers

KNOWN_MISSES: dict[tuple[str, str, str], str] = {
    ("chromium", "chrome-131", "missing-intermediate-aia"):
        "aia_fetching=true: Chromium fetches the missing intermediate from the leaf's AIA URL and connects; predicted incomplete_chain",
    ("chromium", "chrome-131", "sha1-leaf"):
        "refused_signature_hashes: Chromium refuses SHA-1 certificate signatures under any root (weak_signature_scope=all); predicted only a risk",
    ("chromium", "chrome-131", "sha1-intermediate"):
        "refused_signature_hashes: Chromium refuses a SHA-1 signed intermediate (weak_signature_scope=all); predicted only a risk",
    ("chromium", "chrome-131", "revoked-crl"):
        "crl_checked=false, ocsp: Chromium does not fetch CRLs by default and connects; predicted cert_revoked",
    ("chromium", "chrome-131", "must-staple"):
        "must_staple_enforced=false: Chromium ignores must-staple and connects; predicted ocsp_must_staple_missing",
    ("chromium", "chrome-131", "ca-as-leaf"):
        "ca_as_leaf_cause=cert_wrong_purpose: Chromium reports the CA certificate's key usage / purpose first; predicted hostname_mismatch",
    ("chromium", "chrome-131", "huge-certificate"):
        "max_cert_message_bytes: Chromium refuses a 208,541-byte Certificate message (its limit is in the policy); predicted ok",
    ("firefox", "firefox-132", "sha1-leaf"):
        "refused_signature_hashes: Firefox refuses SHA-1 certificate signatures under any root (weak_signature_scope=all); predicted only a risk",
    ("firefox", "firefox-132", "sha1-intermediate"):
        "refused_signature_hashes: Firefox refuses a SHA-1 signed intermediate (weak_signature_scope=all); predicted only a risk",
    ("firefox", "firefox-132", "revoked-crl"):
        "crl_checked=false, ocsp: Firefox does not fetch CRLs by default and connects; predicted cert_revoked",
    ("firefox", "firefox-132", "ca-as-leaf"):
        "ca_as_leaf_cause=cert_wrong_purpose: Firefox reports the CA certificate's key usage / purpose first; predicted hostname_mismatch",
    ("firefox", "firefox-132", "huge-certificate"):
        "max_cert_message_bytes: Firefox refuses a 208,541-byte Certificate message (its limit is in the policy); predicted ok",
    ("java", "java-17", "dh2047"):
        "dh_bits_multiple_of=64: Java cannot use a 2047-bit DH group ('DH key size must be multiple of 64'); predicted only a risk",
    ("java", "java-17", "cn-only"):
        "cn_fallback=true: Java matches the subject CN when there is no SAN and connects; predicted hostname_mismatch",
    ("java", "java-17", "revoked-crl"):
        "crl_checked=false, ocsp: Java does not fetch CRLs by default and connects; predicted cert_revoked",
    ("java", "java-17", "must-staple"):
        "must_staple_enforced=false: Java ignores must-staple and connects; predicted ocsp_must_staple_missing",
    ("java", "java-17", "ca-as-leaf"):
        "ca_as_leaf_cause=cert_wrong_purpose: Java reports the CA certificate's key usage / purpose first; predicted hostname_mismatch",
    ("java", "java-17", "huge-certificate"):
        "max_cert_message_bytes: Java refuses a 208,541-byte Certificate message (its limit is in the policy); predicted ok",
    ("go", "go-1.18", "sha1-leaf"):
        "refused_signature_hashes: Go refuses SHA-1 certificate signatures under any root (weak_signature_scope=all); predicted only a risk",
    ("go", "go-1.18", "sha1-intermediate"):
        "refused_signature_hashes: Go refuses a SHA-1 signed intermediate (weak_signature_scope=all); predicted only a risk",
    ("go", "go-1.18", "revoked-crl"):
        "crl_checked=false, ocsp: Go does not fetch CRLs by default and connects; predicted cert_revoked",
    ("go", "go-1.18", "must-staple"):
        "must_staple_enforced=false: Go ignores must-staple and connects; predicted ocsp_must_staple_missing",
    ("go", "go-1.18", "huge-certificate"):
        "max_cert_message_bytes: Go refuses a 208,541-byte Certificate message (its limit is in the policy); predicted ok",
    ("node", "node-20", "sha1-leaf"):
        "refused_signature_hashes: Node refuses SHA-1 certificate signatures under any root (weak_signature_scope=all); predicted only a risk",
    ("node", "node-20", "sha1-intermediate"):
        "refused_signature_hashes: Node refuses a SHA-1 signed intermediate (weak_signature_scope=all); predicted only a risk",
    ("node", "node-20", "cn-only"):
        "cn_fallback=true: Node matches the subject CN when there is no SAN and connects; predicted hostname_mismatch",
    ("node", "node-20", "revoked-crl"):
        "crl_checked=false, ocsp: Node does not fetch CRLs by default and connects; predicted cert_revoked",
    ("node", "node-20", "must-staple"):
        "must_staple_enforced=false: Node ignores must-staple and connects; predicted ocsp_must_staple_missing",
    ("node", "node-20", "ca-as-leaf"):
        "ca_as_leaf_cause=cert_wrong_purpose: Node reports the CA certificate's key usage / purpose first; predicted hostname_mismatch",
    ("node", "node-20", "huge-certificate"):
        "max_cert_message_bytes: Node refuses a 208,541-byte Certificate message (its limit is in the policy); predicted ok",
    ("curl", "curl-8", "sha1-leaf"):
        "refused_signature_hashes: curl refuses SHA-1 certificate signatures under any root (weak_signature_scope=all); predicted only a risk",
    ("curl", "curl-8", "sha1-intermediate"):
        "refused_signature_hashes: curl refuses a SHA-1 signed intermediate (weak_signature_scope=all); predicted only a risk",
    ("curl", "curl-8", "rsa1024-leaf"):
        "min_rsa_bits=2048: curl refuses an RSA-1024 leaf (OpenSSL security level 2); predicted only a risk",
    ("curl", "curl-8", "dh1024"):
        "min_dh_bits=2048: curl refuses a 1024-bit DH group ('dh key too small'); predicted only a risk",
    ("curl", "curl-8", "dh2047"):
        "min_dh_bits=2048: curl refuses a 2047-bit DH prime ('dh key too small'); predicted only a risk",
    ("curl", "curl-8", "cn-only"):
        "cn_fallback=true: curl matches the subject CN when there is no SAN and connects; predicted hostname_mismatch",
    ("curl", "curl-8", "revoked-crl"):
        "crl_checked=false, ocsp: curl does not fetch CRLs by default and connects; predicted cert_revoked",
    ("curl", "curl-8", "must-staple"):
        "must_staple_enforced=false: curl ignores must-staple and connects; predicted ocsp_must_staple_missing",
    ("curl", "curl-8", "ca-as-leaf"):
        "ca_as_leaf_cause=cert_wrong_purpose: curl reports the CA certificate's key usage / purpose first; predicted hostname_mismatch",
    ("curl", "curl-8", "huge-certificate"):
        "max_cert_message_bytes: curl refuses a 208,541-byte Certificate message (its limit is in the policy); predicted ok",
    ("python", "python-3", "sha1-leaf"):
        "refused_signature_hashes: Python ssl refuses SHA-1 certificate signatures under any root (weak_signature_scope=all); predicted only a risk",
    ("python", "python-3", "sha1-intermediate"):
        "refused_signature_hashes: Python ssl refuses a SHA-1 signed intermediate (weak_signature_scope=all); predicted only a risk",
    ("python", "python-3", "rsa1024-leaf"):
        "min_rsa_bits=2048: Python ssl refuses an RSA-1024 leaf (OpenSSL security level 2); predicted only a risk",
    ("python", "python-3", "dh1024"):
        "min_dh_bits=2048: Python ssl refuses a 1024-bit DH group ('dh key too small'); predicted only a risk",
    ("python", "python-3", "dh2047"):
        "min_dh_bits=2048: Python ssl refuses a 2047-bit DH prime ('dh key too small'); predicted only a risk",
    ("python", "python-3", "cn-only"):
        "cn_fallback=true: Python ssl matches the subject CN when there is no SAN and connects; predicted hostname_mismatch",
    ("python", "python-3", "revoked-crl"):
        "crl_checked=false, ocsp: Python ssl does not fetch CRLs by default and connects; predicted cert_revoked",
    ("python", "python-3", "must-staple"):
        "must_staple_enforced=false: Python ssl ignores must-staple and connects; predicted ocsp_must_staple_missing",
    ("python", "python-3", "ca-as-leaf"):
        "ca_as_leaf_cause=cert_wrong_purpose: Python ssl reports the CA certificate's key usage / purpose first; predicted hostname_mismatch",
    ("python", "python-3", "huge-certificate"):
        "max_cert_message_bytes: Python ssl refuses a 208,541-byte Certificate message (its limit is in the policy); predicted ok",
    ("python", "local", "cn-only"):
        "cn_fallback=true: Python ssl matches the subject CN when there is no SAN and connects; predicted hostname_mismatch",
    ("python", "local", "revoked-crl"):
        "crl_checked=false, ocsp: Python ssl does not fetch CRLs by default and connects; predicted cert_revoked",
    ("python", "local", "must-staple"):
        "must_staple_enforced=false: Python ssl ignores must-staple and connects; predicted ocsp_must_staple_missing",
    ("python", "local", "ca-as-leaf"):
        "ca_as_leaf_cause=cert_wrong_purpose: Python ssl reports the CA certificate's key usage / purpose first; predicted hostname_mismatch",
    ("python", "local", "huge-certificate"):
        "max_cert_message_bytes: the local reproduction fails ('excessive message size') but no rule names a cause; the policy's limit should make it server_misconfiguration",
}

PAIRS = [(d.name, profile, scenario) for d in all_drivers() for profile in d.profiles
         for scenario in SCENARIO_NAMES]


def _param(client: str, profile: str, scenario: str) -> Any:
    reason = KNOWN_MISSES.get((client, profile, scenario))
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(client, profile, scenario, marks=marks,
                        id=f"{client}-{profile}-{scenario}")


def _run(matrix: dict[str, Any], client: str) -> dict[str, Any]:
    run = next(r for r in matrix["clients"] if r["client"] == client)
    if run["skipped"]:
        pytest.skip(f"{client}: {run['skipped']}")
    return dict(run)


def _pair(matrix: dict[str, Any], client: str, profile: str, scenario: str) -> dict[str, Any]:
    _run(matrix, client)
    if scenario not in matrix["scenarios"]:
        pytest.skip(f"scenario {scenario} needs a server program this machine lacks")
    return dict(next(p for p in matrix["pairs"] if (p["client"], p["profile"], p["scenario"])
                     == (client, profile, scenario)))


@pytest.mark.parametrize("client", [d.name for d in all_drivers()])
def test_each_real_client_really_ran(real_matrix, client):
    """The harness is honest: each program connected to the healthy server and refused
    the expired and the self-signed ones, with its own error text."""
    run = _run(real_matrix, client)
    assert run["version"], client
    real = {p["scenario"]: p["real"] for p in real_matrix["pairs"] if p["client"] == client}
    assert real["healthy"]["connected"], real["healthy"]
    for broken in ("expired", "self-signed"):
        assert not real[broken]["connected"] and real[broken]["error"], (broken, real[broken])
    assert "cert_expired" in real["expired"]["causes"], real["expired"]


@pytest.mark.parametrize(("client", "profile", "scenario"), [_param(*p) for p in PAIRS])
def test_profile_predicts_the_real_client(real_matrix, client, profile, scenario):
    pair = _pair(real_matrix, client, profile, scenario)
    real, predicted = pair["real"], pair["predicted"]
    said = f"real: {real}; predicted: {predicted}"
    assert pair["outcome_agrees"], said
    assert pair["cause_agrees"], said
    if not real["connected"]:
        assert predicted["root_cause"] in real["causes"], said


def test_known_misses_name_real_pairs_and_policy_facts():
    from tlsdoctor.clients.profile import VerifyPolicy

    facts = set(VerifyPolicy.__dataclass_fields__)
    pairs = set(PAIRS)
    for key, reason in KNOWN_MISSES.items():
        assert key in pairs, key
        assert reason.split("=")[0].split(":")[0].split(",")[0] in facts, reason
