"""ClientProfile: what a real client offers and accepts, as data with its sources."""

from __future__ import annotations

from dataclasses import dataclass, field

# Code points: IANA TLS registries (tls-parameters). Kept as ints so this module
# imports nothing from the codec.
TLS13, TLS12, TLS11, TLS10, SSL3, SSL2 = 0x0304, 0x0303, 0x0302, 0x0301, 0x0300, 0x0002
X25519, SECP256R1, SECP384R1, SECP521R1, X448 = 0x001D, 0x0017, 0x0018, 0x0019, 0x001E
X25519MLKEM768 = 0x11EC
FFDHE2048, FFDHE3072 = 0x0100, 0x0101


@dataclass(frozen=True, slots=True, kw_only=True)
class VerifyPolicy:
    """What a client accepts from a server: versions, keys, signatures, names, revocation.

    Every field is a client's default behaviour; ``None`` means "not recorded for this
    client" (never a guess). ``sources`` maps each recorded field to where the fact
    comes from (the project's code or documentation, or a test against the real
    program in tests/clients).
    """

    min_version: int | None = None  # lowest version the client offers by default
    server_min_version: int | None = None  # the same library acting as a server
    refused_signature_hashes: tuple[str, ...] | None = None  # e.g. ("md5", "sha1")
    weak_signature_scope: str | None = None  # "all" chains, or only "public_roots"
    min_rsa_bits: int | None = None  # 0: no minimum
    min_ecdsa_bits: int | None = None
    min_dh_bits: int | None = None
    dhe_suites: bool | None = None  # offers finite-field DHE suites at all
    dh_bits_multiple_of: int | None = None  # Java: DH sizes must be multiples of 64
    cn_fallback: bool | None = None  # matches the subject CN when there is no DNS SAN
    aia_fetching: bool | None = None  # fetches a missing intermediate from AIA caIssuers
    crl_checked: bool | None = None  # fetches CRLs by default
    ocsp: str | None = None  # "off", "soft-fail", "hard-fail"
    revocation_push: str | None = None  # "CRLSets", "CRLite", "" (none)
    must_staple_enforced: bool | None = None
    max_cert_message_bytes: int | None = None  # largest Certificate message accepted
    name_constraints_enforced: bool | None = None
    eku_checked: bool | None = None  # serverAuth required when the leaf has an EKU
    ca_as_leaf_cause: str | None = None  # the cause id this client reports for it; "": accepted
    trust_store: str | None = None  # which roots it reads
    # Builds the path from its store's roots first (False: from the chain as sent, so a
    # served cross-sign leading to an expired root it holds fails: OpenSSL 1.0.x).
    trusted_first: bool | None = None
    sources: tuple[tuple[str, str], ...] = ()  # (field, source)

    def source(self, name: str) -> str | None:
        return dict(self.sources).get(name)

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for name in _POLICY_FIELDS:
            value = getattr(self, name)
            if value is None:
                continue
            if name in ("min_version", "server_min_version"):
                value = VERSION_NAMES.get(value, f"0x{value:04x}")
            out[name] = {"value": list(value) if isinstance(value, tuple) else value,
                         "source": self.source(name)}
        return out


VERSION_NAMES = {TLS13: "TLS 1.3", TLS12: "TLS 1.2", TLS11: "TLS 1.1", TLS10: "TLS 1.0",
                 SSL3: "SSL 3.0", SSL2: "SSL 2.0"}
_POLICY_FIELDS = tuple(n for n in VerifyPolicy.__dataclass_fields__ if n != "sources")


@dataclass(frozen=True, slots=True, kw_only=True)
class ClientProfile:
    """A client as the server sees it (its ClientHello) plus what it accepts in return.

    ``min_rsa_bits``/``min_dh_bits``/``sha1_certs`` encode the client's certificate and key
    policy (e.g. OpenSSL security level 2: RSA and DH >= 2048 bits, no SHA-1 signatures).
    """

    name: str  # stable id used by --client
    title: str
    versions: tuple[int, ...]  # highest first
    cipher_suites: tuple[int, ...]
    # The same suites in the order the client sends on a CPU without AES hardware, for
    # a library that reorders by it (Go: ChaCha20-Poly1305 first); () when it does not.
    cipher_suites_no_aes: tuple[int, ...] = ()
    groups: tuple[int, ...] = (X25519, SECP256R1, SECP384R1)
    signature_algorithms: tuple[int, ...] = ()
    sni: bool = True
    alpn: tuple[str, ...] = ()
    # Two extensions a server may act on; None: not recorded for this client.
    status_request: bool | None = None  # asks for a stapled OCSP response (RFC 6066 §8)
    extended_master_secret: bool | None = None  # RFC 7627; a server may require it
    trust: str = "system"  # trust store family: system, mozilla, java, apple, microsoft, android
    min_rsa_bits: int = 2048
    min_dh_bits: int = 1024
    sha1_certs: bool = False  # accepts SHA-1 signed (non-root) certificates
    family: str = ""  # browser, library, os, runtime, tool, embedded
    # Which client-side fix steps fit this client (fixes/snippets.toml [client_kinds]):
    # java, node, go, python, curl, openssl, wget, dotnet, chrome, firefox, safari,
    # windows, android, embedded; "local" for this machine; "" unknown (show every kind).
    fix_kind: str = ""
    sources: tuple[str, ...] = ()
    is_local: bool = False  # this machine's own TLS stack (reproduced with a real handshake)
    policy: VerifyPolicy = field(default_factory=VerifyPolicy)
    # The real program this profile was checked against by tests/clients (None:
    # documented from sources only, no real program here to test).
    verified_against: str | None = None

    def verification(self) -> dict[str, str]:
        """Tested against a real program here, captured from one, or documented only."""
        if self.verified_against:
            return {"status": "tested", "against": self.verified_against}
        return {"status": "captured" if self.family == "captured" else "documented"}

    def suite_orders(self) -> tuple[tuple[int, ...], ...]:
        """Every order this client may send its suites in (its usual one first)."""
        return (self.cipher_suites,) + ((self.cipher_suites_no_aes,)
                                        if self.cipher_suites_no_aes else ())

    def to_json(self) -> dict[str, object]:
        return {"name": self.name, "title": self.title,
                "versions": [f"0x{v:04x}" for v in self.versions],
                "cipher_suites": [f"0x{s:04x}" for s in self.cipher_suites],
                "groups": [f"0x{g:04x}" for g in self.groups],
                "sni": self.sni, "status_request": self.status_request,
                "extended_master_secret": self.extended_master_secret,
                "trust": self.trust, "family": self.family,
                "sources": list(self.sources),
                "verification": self.verification(),
                "policy": self.policy.to_json()}


# What OpenSSL 3.0 sends by default (at security level 1 and up: no SHA-1 schemes), in its
# order: captured from Python 3.11.7 / OpenSSL 3.0.19 and every OpenSSL 3.0 program here
# (round 19, realclients/hellos.py; profiles.json list openssl30_sigalgs says the same).
# The brainpool TLS 1.3 schemes (0x081A-0x081C) came with OpenSSL 3.2, not 3.0.
OPENSSL3_SIGALGS = (0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0809, 0x080A, 0x080B,
                    0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601,
                    0x0303, 0x0301, 0x0302, 0x0402, 0x0502, 0x0602)
