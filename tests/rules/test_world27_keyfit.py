"""rules/_keyfit (round 27): which certificate keys each recorded client can use at all,
without servers: the judgement cipher_suite_mismatch's "key" finding rests on."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding

from tlsdoctor.clients.catalog import get_profile
from tlsdoctor.diagnosis.rules._keyfit import unusable_key
from tlsdoctor.probe.outcome import Exchange, Offer, Outcome
from tlsdoctor.testing.ca import CA


@pytest.fixture(scope="module")
def ca() -> CA:
    return CA(name="keyfit root")


def _served(ca: CA, **kw) -> Exchange:
    der = ca.issue(("localhost",), **kw).cert.public_bytes(Encoding.DER)
    return Exchange(label="wide", offer=Offer(versions=(0x0304,), cipher_suites=(0x1301,)),
                    outcome=Outcome.HANDSHAKE, certificates=(der,))


@pytest.mark.parametrize("key, client, unusable", [
    ("ec521", "chrome-131", "ECDSA P-521"),  # no ecdsa_secp521r1_sha512, no secp521r1
    ("ec521", "firefox-132", None),
    ("ec384", "chrome-131", None),
    ("ed25519", "java-8u31", "Ed25519"),
    ("ed25519", "firefox-132", "Ed25519"),  # NSS offers no ed25519 scheme
    ("ed25519", "java-17", None),
    ("ed25519", "local", None),
    ("rsa2048", "ie-8-xp", None),  # no signature_algorithms at all: RSA is fine
    ("ec256", "java-6", None),
])
def test_which_keys_a_client_can_use(ca, key, client, unusable):
    from tlsdoctor.clients.local import local_profile

    profile = local_profile() if client == "local" else get_profile(client)
    assert unusable_key(profile, _served(ca, key_type=key)) == unusable


def test_brainpool_is_judged_and_an_unknown_curve_is_not_claimed(ca):
    brainpool = ec.generate_private_key(ec.BrainpoolP256R1())
    assert unusable_key(get_profile("chrome-131"), _served(ca, key=brainpool)) == \
        "ECDSA brainpoolP256r1"  # RFC 8734 / 7027 code points; Chrome offers neither
    k1 = ec.generate_private_key(ec.SECP256K1())
    assert unusable_key(get_profile("chrome-131"), _served(ca, key=k1)) is None


def test_no_certificate_or_no_recorded_schemes_is_no_answer(ca):
    bare = Exchange(label="wide", offer=Offer(versions=(0x0304,), cipher_suites=(0x1301,)),
                    outcome=Outcome.HANDSHAKE)
    assert unusable_key(get_profile("chrome-131"), bare) is None
    assert unusable_key(None, _served(ca, key_type="ed25519")) is None
