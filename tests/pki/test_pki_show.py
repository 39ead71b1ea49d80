"""``tlsdoctor cert FILE``: describe() on PEM, DER, PKCS#7 and broken files."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.serialization import Encoding, pkcs7
from pkihelp import judged

from tlsdoctor.diagnosis.causes import Cause
from tlsdoctor.errors import InputError
from tlsdoctor.pki.show import describe


def test_pem_chain_file(inter, pki, stores) -> None:
    leaf = inter.issue(["localhost"])
    path, _ = pki.write(leaf)
    rep = describe(str(path), stores=stores)
    assert [c.common_name for c in rep.certificates] == ["localhost", inter.name]
    assert judged(rep.chain) == ()
    data = json.loads(json.dumps(rep.to_json()))
    assert data["certificates"][0]["sha256"] == rep.certificates[0].sha256
    assert data["certificates"][0]["dns_names"] == ["localhost"]
    assert data["chain"]["trusted_by"]["test-root"] is True


def test_der_and_pkcs7_bytes(inter, stores) -> None:
    leaf = inter.issue(["localhost"], not_after=timedelta(days=-1), not_before=timedelta(days=-5))
    rep = describe(leaf.cert.public_bytes(Encoding.DER), stores=stores)
    assert rep.source == "<bytes>" and len(rep.certificates) == 1
    assert Cause.CERT_EXPIRED in [f.cause for f in judged(rep.chain)]
    p7 = pkcs7.serialize_certificates(list(leaf.chain), Encoding.PEM)
    assert len(describe(p7, stores=stores).certificates) == 2


def test_ca_file_option(inter, pki) -> None:
    path, _ = pki.write(inter.issue(["localhost"]))
    rep = describe(str(path), ca_file=str(pki.root_pem))
    assert rep.chain.verified is True
    assert judged(rep.chain) == ()


def test_bad_inputs(tmp_path, stores) -> None:
    with pytest.raises(InputError, match="no such file"):
        describe(str(tmp_path / "nope.pem"), stores=stores)
    junk = tmp_path / "junk.pem"
    junk.write_bytes(b"\x00garbage" * 10)
    with pytest.raises(InputError, match="no certificate"):
        describe(str(junk), stores=stores)
    broken = tmp_path / "broken.pem"
    broken.write_text("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
    with pytest.raises(InputError):
        describe(str(broken), stores=stores)


def test_one_good_one_broken_block(inter, tmp_path, stores) -> None:
    leaf = inter.issue(["localhost"])
    f = tmp_path / "mixed.pem"
    f.write_bytes(leaf.cert_pem + b"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
    rep = describe(str(f), stores=stores)
    assert len(rep.certificates) == 1 and len(rep.unparsable) == 1


@pytest.mark.parametrize(("data", "says"), [
    (b"-----BEGIN PRIVATE KEY-----\nMIGHAgEA\n-----END PRIVATE KEY-----\n", "PRIVATE KEY"),
    (b"-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n",
     "CERTIFICATE REQUEST"),
    (b"", "empty"),
    (b"  \n\r\n", "empty"),
])
def test_a_file_of_other_pem_blocks_or_nothing_says_what_it_holds(tmp_path, stores, data: bytes,
                                                                 says: str) -> None:
    # Round 27 review: a key, a CSR or an empty file was reported with the DER parser's
    # words ("ParseError { kind: UnexpectedTag { actual: Tag { value: 13, ...").
    f = tmp_path / "input.pem"
    f.write_bytes(data)
    with pytest.raises(InputError, match="no certificate") as exc:
        describe(str(f), stores=stores)
    assert says in str(exc.value) and "ParseError" not in str(exc.value)


def test_a_pipe_is_read_like_a_file(inter, stores) -> None:
    # Round 27 review: `tlsdoctor cert <(kubectl get secret ... | base64 -d)` said
    # "/dev/fd/63: no such file" (only regular files were read); logs and pcap read pipes.
    import os

    leaf = inter.issue(["localhost"])
    r, w = os.pipe()
    try:
        os.write(w, leaf.cert_pem)
        os.close(w)
        rep = describe(f"/dev/fd/{r}", stores=stores)
    finally:
        os.close(r)
    assert [c.common_name for c in rep.certificates] == ["localhost"]


def test_a_pem_certificate_cut_before_its_end_line_says_so(inter, tmp_path, stores) -> None:
    # Review 28: a PEM file cut short (a copy and paste that lost its end) was "only PEM
    # blocks of other kinds: CERTIFICATE".
    f = tmp_path / "cut.pem"
    f.write_bytes(inter.issue(["localhost"]).cert_pem[:300])
    with pytest.raises(InputError, match="no certificate") as exc:
        describe(str(f), stores=stores)
    assert "other kinds" not in str(exc.value)
    assert "-----END CERTIFICATE-----" in str(exc.value)
