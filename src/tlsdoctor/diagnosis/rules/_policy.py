"""The connecting client's verification policy (clients/profiles.json), as rules read it.

A profile's ``VerifyPolicy`` records what each real client accepts. ``None`` anywhere
means "not recorded": the rules then keep their client-independent judgement.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...evidence import Evidence
from ...pki.chain import ChainFacts

if TYPE_CHECKING:  # a type only
    from ...clients.profile import VerifyPolicy


def policy(ev: Evidence) -> VerifyPolicy | None:
    return ev.client.policy if ev.client is not None else None


def client_name(ev: Evidence) -> str:
    return ev.client.title if ev.client is not None else "this client"


def refuses_hash(p: VerifyPolicy | None, hash_name: str, chain: ChainFacts) -> bool | None:
    """Does this client refuse a certificate signed with ``hash_name`` on this chain?
    None: not recorded. Some clients refuse weak hashes only under public roots (Java's
    jdk.certpath.disabledAlgorithms "SHA1 jdkCA"), so a private CA's chain passes."""
    if p is None or p.refused_signature_hashes is None:
        return None
    if hash_name not in p.refused_signature_hashes:
        return False
    return p.weak_signature_scope != "public_roots" or public_root(chain)


def public_root(chain: ChainFacts) -> bool:
    """The chain's anchor is in a store of public roots (not only the user's --ca-file)."""
    public = [s for s in chain.anchor_stores if "--ca-file" not in s]
    return bool(public)


def below(value: int | None, minimum: int | None) -> bool:
    return value is not None and minimum is not None and value < minimum
