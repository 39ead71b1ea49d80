"""The checks run on a built path, each returning facts (see chain.py), never causes.

Validity, what the server sent versus what it should send, weak signatures and keys,
the certificate's purpose (EKU, keyUsage, basicConstraints, name constraints; RFC 5280
§4.2.1.3, .9, .10, .12) and whether the key fits the negotiated suite.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from cryptography import x509

from .certinfo import CertInfo, ext, to_pem, utc
from .chain import ServedOrder, Validity, WeakLink
from .pathbuild import Step, same_key

_WEAK_HASHES = ("md2", "md4", "md5", "sha1")
# Curves below 256 bits are refused by current clients (CA/B BR §6.1.5 allows P-256/384/521).
_OK_CURVES = ("secp256r1", "secp384r1", "secp521r1")


def validity(steps: Sequence[Step], now: datetime, warn_days: int) -> tuple[Validity, ...]:
    out = []
    for i, s in enumerate(steps):
        info = s.info
        if now > info.not_after:
            state, secs = "expired", (now - info.not_after).total_seconds()
        elif now < info.not_before:
            state, secs = "not_yet_valid", (info.not_before - now).total_seconds()
        elif info.not_after - now < timedelta(days=warn_days):
            state, secs = "expiring", (info.not_after - now).total_seconds()
        else:
            state, secs = "valid", (info.not_after - now).total_seconds()
        out.append(Validity(position=i, state=state, seconds=int(secs)))
    return tuple(out)


def served_order(served: Sequence[x509.Certificate], infos: Sequence[CertInfo],
                 steps: Sequence[Step], now: datetime | None = None,
                 store_issuers: Callable[[x509.Name], Sequence[x509.Certificate]] | None = None,
                 ) -> ServedOrder | None:
    """Misordered, duplicate, unrelated or root certificates in what the server sent, and
    (given ``now``) a stale cross-signed copy of the root: expired itself, or leading to
    an expired root that the store (``store_issuers``: the store's certificates of a
    subject) still holds."""
    problems: list[str] = []
    stale: list[int] = []
    fps = [i.sha256 for i in infos]
    dups = {fp for fp in fps if fps.count(fp) > 1}
    for fp in dups:
        i = fps.index(fp)
        problems.append(f"'{infos[i].common_name}' is sent {fps.count(fp)} times")
    order = [s.served_index for s in steps if s.served_index is not None]
    if order != sorted(order):
        expected = " -> ".join(f"'{s.info.common_name}'" for s in steps if s.served_index is not None)
        sent = " -> ".join(f"'{i.common_name}'" for i in infos)
        problems.append(f"sent in the wrong order: {sent}; expected {expected}")
    in_path = {s.served_index for s in steps}
    top = steps[-1]
    root_sent = top.served_index is not None and top.info.self_signed and len(steps) > 1
    for i, info in enumerate(infos):
        if i in in_path or info.sha256 in dups:
            continue
        if served[i].subject == top.cert.subject and same_key(served[i], top.cert):
            # The anchor itself, or a cross-signed copy that older clients need (as Let's
            # Encrypt served ISRG Root X1 signed by DST Root CA X3): only the former is noise.
            root_sent = root_sent or info.self_signed
            stale_why = _stale_cross_sign(served[i], info, now, store_issuers)
            if stale_why:
                problems.append(f"'{info.common_name}' (#{i}) is a cross-signed copy of the "
                                f"root {stale_why}: clients that follow the chain as sent "
                                "(OpenSSL 1.0.x, GnuTLS before 3.6.14, older LibreSSL) "
                                "fail with 'certificate has expired'; the others ignore "
                                "it")
                stale.append(i)
            continue
        problems.append(f"'{info.common_name}' (#{i}) is not part of the chain (unrelated certificate)")
    only_root = root_sent and not problems
    if root_sent:
        problems.append(f"the root '{top.info.common_name}' is sent; clients ignore it, "
                        "it only costs bytes")
    if not problems:
        return None
    corrected = [s.cert for s in steps if s.served_index is not None and not s.info.self_signed]
    return ServedOrder(problems=tuple(problems), only_root_sent=only_root,
                       corrected_pem=to_pem(corrected) if corrected else None,
                       expired_cross_signs=tuple(stale))


def _stale_cross_sign(cert: x509.Certificate, info: CertInfo, now: datetime | None,
                      store_issuers: Callable[[x509.Name], Sequence[x509.Certificate]] | None,
                      ) -> str:
    """Why a cross-signed copy of the anchor helps nobody any more ("" when it still may):
    Let's Encrypt's 2021 shape (ISRG Root X1 cross-signed by DST Root CA X3, which expired
    while stores still held it). OpenSSL 1.0.2 "always prefers the untrusted chain and if
    that chain ... leads to an expired trusted root ... the expiration will be reported"
    (openssl.org blog, 2021-09-13, "Old Let's Encrypt Root Certificate Expiration and
    OpenSSL 1.0.2"); clients that look in their store first ignore the copy."""
    if now is None or info.self_signed:
        return ""
    if now > info.not_after:
        return f"that expired on {info.not_after:%Y-%m-%d}"
    issuers = store_issuers(cert.issuer) if store_issuers is not None else ()
    if issuers and all(now > utc(c.not_valid_after_utc) for c in issuers):
        return f"signed by '{info.issuer}', a root that expired but is still in the store"
    return ""


def weak_links(steps: Sequence[Step]) -> tuple[WeakLink, ...]:
    out = []
    for i, s in enumerate(steps):
        info, problems = s.info, []
        anchor = info.self_signed or info.source.startswith("store:")
        if info.signature_hash in _WEAK_HASHES and not anchor:
            problems.append(f"signed with {info.signature_hash.upper()}")
        kt, bits = info.key_type, info.key_bits
        if kt == "RSA" and bits < 2048:
            problems.append(f"RSA key of {bits} bits (minimum 2048)")
        elif kt == "DSA":
            problems.append(f"DSA key ({bits} bits; DSA is no longer accepted for TLS certificates)")
        elif kt.startswith("EC ") and kt[3:] not in _OK_CURVES:
            problems.append(f"elliptic curve {kt[3:]} ({bits} bits; use P-256 or P-384)")
        if problems:
            out.append(WeakLink(position=i, problems=tuple(problems)))
    return tuple(out)


def purpose_problems(steps: Sequence[Step], suite_problems: Sequence[str] = ()) -> tuple[str, ...]:
    """Why the leaf may not authenticate a TLS server (its own extensions, then
    ``suite_problems`` for the negotiated key exchange), and CA constraints along the path
    (basicConstraints, keyCertSign, EKU chaining, pathLen, name constraints; Mozilla
    enforces EKU on intermediates)."""
    leaf = steps[0]
    problems: list[str] = []
    eku = leaf.info.eku
    if eku is not None and "serverAuth" not in eku and "anyExtendedKeyUsage" not in eku:
        problems.append(f"its extendedKeyUsage is {', '.join(eku) or 'empty'}, without serverAuth")
    if leaf.info.is_ca and not leaf.info.self_signed:
        problems.append("it is marked CA:TRUE (basicConstraints); a server certificate must not be a CA")
    ku: x509.KeyUsage | None = ext(leaf.cert, x509.KeyUsage)
    if ku is not None and not (ku.digital_signature or ku.key_encipherment or ku.key_agreement):
        problems.append("its keyUsage allows neither digitalSignature nor keyEncipherment")
    problems.extend(suite_problems)
    for i, s in enumerate(steps[1:], start=1):
        problems.extend(_issuer_problems(s, steps, i, leaf.info.dns_names))
    return tuple(problems)


def _issuer_problems(s: Step, steps: Sequence[Step], i: int,
                     leaf_names: Sequence[str]) -> list[str]:
    name = f"'{s.info.common_name}'"
    if not s.info.is_ca:
        return [f"the issuer {name} is not a CA (basicConstraints CA:FALSE or absent)"]
    out = []
    cku: x509.KeyUsage | None = ext(s.cert, x509.KeyUsage)
    if cku is not None and not cku.key_cert_sign:
        out.append(f"the issuer {name} lacks keyUsage keyCertSign")
    if s.info.eku is not None and "serverAuth" not in s.info.eku and \
            "anyExtendedKeyUsage" not in s.info.eku:
        out.append(f"the intermediate {name} is restricted (EKU) to {', '.join(s.info.eku)}")
    bc: x509.BasicConstraints | None = ext(s.cert, x509.BasicConstraints)
    below = sum(1 for q in steps[1:i] if not q.info.self_signed)
    if bc is not None and bc.path_length is not None and below > bc.path_length:
        out.append(f"the CA {name} allows {bc.path_length} intermediate(s) below it "
                   f"(pathLenConstraint) but the chain has {below}")
    nc: x509.NameConstraints | None = ext(s.cert, x509.NameConstraints)
    if nc is not None:
        out.extend(f"the CA {name} is name-constrained and may not issue for '{dns}'"
                   for dns in leaf_names if not _nc_allows(nc, dns))
    return out


def key_usage_for_suite(steps: Sequence[Step], negotiated_kx: str | None) -> tuple[
        tuple[str, ...], tuple[str, ...]]:
    """(keyUsage problems, key-type conflicts) of the leaf for the negotiated suite's key
    exchange ("RSA", "ECDHE_RSA", "ECDHE_ECDSA", "DHE_RSA", "ECDH_ECDSA", "TLS13"...)."""
    if not negotiated_kx:
        return (), ()
    leaf = steps[0]
    ku: x509.KeyUsage | None = ext(leaf.cert, x509.KeyUsage)
    kx = negotiated_kx.upper().replace("-", "_")
    parts, key = kx.split("_"), leaf.info.key_type
    if parts[0] == "RSA" or kx in ("RSA", "TLS_RSA"):
        if key != "RSA":
            return (), (f"the negotiated suite uses RSA key transport but the certificate key is {key}",)
        if ku is not None and not ku.key_encipherment:
            return ("the negotiated RSA key exchange needs keyUsage keyEncipherment, which it lacks",), ()
    elif parts[0] in ("ECDHE", "DHE", "TLS13", "TLS1.3"):
        auth = parts[1] if len(parts) > 1 else ""
        # RFC 8422 §2: the ECDHE_ECDSA suites authenticate with an ECDSA or an EdDSA
        # (Ed25519, Ed448) key alike.
        if (auth == "RSA" and key != "RSA") or \
                (auth == "ECDSA" and not key.startswith(("EC", "Ed25519", "Ed448"))):
            return (), (f"the negotiated suite authenticates with {auth} but the certificate key is {key}",)
        if ku is not None and not ku.digital_signature:
            return (f"the negotiated {parts[0]} key exchange needs keyUsage digitalSignature, "
                    "which it lacks",), ()
    elif parts[0] in ("ECDH", "DH") and ku is not None and not ku.key_agreement:
        return (f"the negotiated static {parts[0]} key exchange needs keyUsage keyAgreement",), ()
    return (), ()


def _dns_within(name: str, base: str) -> bool:
    name, base = name.lower().lstrip("*.").rstrip("."), base.lower().lstrip(".").rstrip(".")
    return name == base or name.endswith("." + base)


def _nc_allows(nc: x509.NameConstraints, dns: str) -> bool:
    permitted = [str(g.value) for g in nc.permitted_subtrees or () if isinstance(g, x509.DNSName)]
    excluded = [str(g.value) for g in nc.excluded_subtrees or () if isinstance(g, x509.DNSName)]
    if any(_dns_within(dns, e) for e in excluded):
        return False
    return not permitted or any(_dns_within(dns, p) for p in permitted)
