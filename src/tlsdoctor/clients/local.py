"""This machine's own TLS client: Python's ``ssl`` default context on the local OpenSSL.

Read live from the ``ssl`` module so the profile is what this machine really does,
including the distribution's OpenSSL configuration (e.g. Debian's @SECLEVEL=2).
"""

from __future__ import annotations

import re
import ssl
from functools import cache

from .profile import (
    OPENSSL3_SIGALGS,
    SECP256R1,
    SECP384R1,
    SECP521R1,
    TLS10,
    TLS11,
    TLS12,
    TLS13,
    X448,
    X25519,
    ClientProfile,
    VerifyPolicy,
)

_VERSION_CODES = {ssl.TLSVersion.TLSv1: TLS10, ssl.TLSVersion.TLSv1_1: TLS11,
                  ssl.TLSVersion.TLSv1_2: TLS12, ssl.TLSVersion.TLSv1_3: TLS13}

# OpenSSL SSL_CTX_set_security_level(3): level -> minimum RSA/DH bits (doc/man3/
# SSL_CTX_set_security_level.pod); SHA-1 signatures are refused from level 1 in 3.0.
_SECLEVEL_BITS = {0: 0, 1: 1024, 2: 2048, 3: 3072, 4: 7680, 5: 15360}
_SECLEVEL_ECC_BITS = {0: 0, 1: 160, 2: 224, 3: 256, 4: 384, 5: 512}
_SECLEVEL_DOC = "openssl doc/man3/SSL_CTX_set_security_level.pod"
_MAX_CERT_LIST = 102400  # SSL_MAX_CERT_LIST_DEFAULT (openssl include/openssl/ssl.h.in); Python keeps it


def _client_context() -> ssl.SSLContext:
    """A context with everything ``ssl.create_default_context()`` sets that this module
    reads (versions, suites, security level, flags: OpenSSL applies its configuration to
    every new context) but without loading the system store, which costs ~20-30 ms of a
    diagnosis and is not read here (tests/clients compare the two)."""
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def security_level(ctx: ssl.SSLContext | None = None) -> int:
    ctx = ctx or _client_context()
    level = getattr(ctx, "security_level", None)
    return int(level) if level is not None else 1


def _versions(ctx: ssl.SSLContext) -> tuple[int, ...]:
    lo = ctx.minimum_version
    hi = ctx.maximum_version
    order = [ssl.TLSVersion.TLSv1_3, ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_1,
             ssl.TLSVersion.TLSv1]
    out = []
    for v in order:
        below_max = hi in (ssl.TLSVersion.MAXIMUM_SUPPORTED,) or v.value <= hi.value
        above_min = lo in (ssl.TLSVersion.MINIMUM_SUPPORTED,) or v.value >= lo.value
        if below_max and above_min and (v != ssl.TLSVersion.TLSv1_3 or ssl.HAS_TLSv1_3):
            out.append(_VERSION_CODES[v])
    return tuple(out)


@cache
def local_profile() -> ClientProfile:
    """The profile of ``ssl.create_default_context()`` on this machine."""
    ctx = _client_context()
    suites = tuple(c["id"] & 0xFFFF for c in ctx.get_ciphers())
    level = security_level(ctx)
    m = re.match(r"OpenSSL (\S+)", ssl.OPENSSL_VERSION)
    lib = m.group(1) if m else ssl.OPENSSL_VERSION
    return ClientProfile(
        name="local", title=f"this machine (Python {_py()} ssl, {ssl.OPENSSL_VERSION})",
        versions=_versions(ctx), cipher_suites=suites,
        # OpenSSL 3.0 default groups (ssl/t1_lib.c supported_groups_default), ffdhe2048..8192 included.
        groups=(X25519, SECP256R1, X448, SECP521R1, SECP384R1, 0x0100, 0x0101, 0x0102, 0x0103, 0x0104),
        signature_algorithms=OPENSSL3_SIGALGS, sni=True, trust="system", fix_kind="local",
        # Python's ssl never asks for a staple (no API for it); OpenSSL sends EMS by
        # default. Both as captured from Python 3.11.7 (round 19, realclients/hellos.py).
        status_request=False, extended_master_secret=True,
        min_rsa_bits=_SECLEVEL_BITS.get(level, 2048), min_dh_bits=_SECLEVEL_BITS.get(level, 2048),
        sha1_certs=level < 1 or not lib.startswith("3"), family="library",
        sources=("read live from Python ssl.create_default_context()",
                 f"security level {level}"), is_local=True, policy=live_policy(ctx),
        verified_against=f"this machine's Python {_py()} ssl (read live; tests/clients)")


def live_policy(ctx: ssl.SSLContext) -> VerifyPolicy:
    """This machine's verification policy, read from the context and OpenSSL's level."""
    level = security_level(ctx)
    openssl3 = ssl.OPENSSL_VERSION_INFO[0] >= 3
    # OpenSSL 3 counts SHA-1 as below level 1; 1.1.1 allowed it until level 2.
    refused = ("md5", "sha1") if level >= 2 or (openssl3 and level >= 1) else ("md5",)
    live = f"read live: security level {level}, {ssl.OPENSSL_VERSION}"
    versions = _versions(ctx)
    crl = bool(ctx.verify_flags & ssl.VERIFY_CRL_CHECK_LEAF)
    facts = {
        "min_version": (min(versions) if versions else None, f"{live}; ssl.SSLContext.minimum_version"),
        "refused_signature_hashes": (refused, f"{live}; {_SECLEVEL_DOC}"),
        "weak_signature_scope": ("all", _SECLEVEL_DOC),
        "min_rsa_bits": (_SECLEVEL_BITS.get(level, 2048), f"{live}; {_SECLEVEL_DOC}"),
        "min_dh_bits": (_SECLEVEL_BITS.get(level, 2048), f"{live}; {_SECLEVEL_DOC}"),
        "min_ecdsa_bits": (_SECLEVEL_ECC_BITS.get(level, 224), f"{live}; {_SECLEVEL_DOC}"),
        "dhe_suites": (any("DHE" in c["name"] and "ECDHE" not in c["name"] for c in ctx.get_ciphers()),
                       "read live: ssl.SSLContext.get_ciphers()"),
        "cn_fallback": (bool(ctx.hostname_checks_common_name),
                        "read live: ssl.SSLContext.hostname_checks_common_name"),
        "aia_fetching": (False, "OpenSSL never fetches AIA caIssuers"),
        "crl_checked": (crl, "read live: ssl.SSLContext.verify_flags (VERIFY_CRL_CHECK_LEAF)"),
        "ocsp": ("off", "Python's ssl module has no OCSP checking"),
        "must_staple_enforced": (False, "OpenSSL does not enforce the TLS Feature extension"),
        "max_cert_message_bytes": (_MAX_CERT_LIST, "openssl doc/man3/SSL_CTX_set_max_cert_list.pod"),
        "ca_as_leaf_cause": ("cert_wrong_purpose", "openssl crypto/x509/v3_purp.c check_purpose_ssl_server"),
        "trust_store": (ssl.get_default_verify_paths().openssl_cafile,
                        "read live: ssl.get_default_verify_paths()"),
    }
    kept = {k: v for k, v in facts.items() if v[0] is not None}
    return VerifyPolicy(**{k: v[0] for k, v in kept.items()},  # type: ignore[arg-type]
                        sources=tuple((k, v[1]) for k, v in kept.items()))


def _py() -> str:
    import sys

    return ".".join(map(str, sys.version_info[:3]))
