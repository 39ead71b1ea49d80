"""Hostile bytes: mutated certificates never make analyze_chain or describe raise."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pkihelp import Judged, analyze_chain, der

from tlsdoctor.errors import InputError
from tlsdoctor.pki.show import describe
from tlsdoctor.testing.ca import CA

_CA = CA(name="fuzz root")
_LEAF = _CA.intermediate(name="fuzz int").issue(["localhost"], ocsp_url="http://127.0.0.1:9/",
                                                crl_url="http://127.0.0.1:9/c")
_CHAIN = der(_LEAF.chain)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pos=st.integers(min_value=0, max_value=len(_CHAIN[0]) - 1), value=st.integers(0, 255),
       cut=st.integers(min_value=1, max_value=len(_CHAIN[0])))
def test_mutated_leaf_never_raises(stores, pos, value, cut) -> None:
    mutated = bytearray(_CHAIN[0])
    mutated[pos] = value
    for blob in (bytes(mutated), bytes(mutated[:cut])):
        r = analyze_chain([blob, _CHAIN[1]], hostname="localhost", now=datetime.now(UTC),
                          stores=stores)
        assert isinstance(r, Judged)
        r.to_json()


@settings(max_examples=40, deadline=None)
@given(data=st.binary(max_size=400))
def test_random_bytes_describe(data) -> None:
    with contextlib.suppress(InputError):
        describe(b"-----BEGIN CERTIFICATE-----\n" + data + b"\n-----END CERTIFICATE-----\n" + data)
