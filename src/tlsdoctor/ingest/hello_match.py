"""Which client sent this ClientHello: the nearest known profile, and the TLS library.

A ClientHello is shaped by the client's TLS library (the extensions it writes, in its
order) and by the program's settings (versions, suites in order, groups, signature
algorithms). The profiles (``clients/profiles.json``) record the second for 41 clients;
``LIBRARIES`` below records the first for the libraries whose order is known. The
nearest profile is the one whose lists agree best with the hello; the library is the
one whose extension order (or set, for libraries that shuffle it) agrees best, together
with the library of the nearest profiles. Where a library changed its order between
releases (Go 1.23; Chromium turning BoringSSL's per-connection permutation on), each
profile is compared with its own releases' order (``Release``), so a fixed order stays
evidence for the clients that keep one. Scores run from 0 (nothing in common) to 1
(the same lists in the same order); both the best and the runner-up are given, so a
close call shows as one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from importlib import resources
from typing import Any

from ..clients.catalog import all_profiles
from ..clients.profile import ClientProfile
from ..wire.hello import SIGNALLING_SUITES
from ..wire.registry import ExtensionType, is_grease

__all__ = ["LIBRARIES", "ClientGuess", "Library", "Match", "guess_client"]

_KNOWN_VERSIONS = frozenset({0x0002, 0x0300, 0x0301, 0x0302, 0x0303, 0x0304})
# How much each list counts in a profile's score. Suites carry the most of a client's
# configuration; extensions are compared with the profile's library (profiles do not
# list their own).
WEIGHTS = {"cipher_suites": 0.35, "signature_algorithms": 0.2, "groups": 0.15,
           "versions": 0.05, "extensions": 0.2, "alpn": 0.1, "flags": 0.05}
# A profile may record whether its client sends status_request (RFC 6066 §8) and
# extended_master_secret (RFC 7627): wget and gnutls-cli send the same lists and differ
# in these (round 19 captures).


@dataclass(frozen=True, slots=True, kw_only=True)
class Release:
    """The extension order of some releases of a library, where it differs from the
    library's own (``profiles``: the profiles of those releases)."""

    profiles: tuple[str, ...]
    extensions: tuple[int, ...]
    shuffled: bool = False
    source: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Library:
    """A TLS library's ClientHello extension order (the types it may write, in order)."""

    name: str
    extensions: tuple[int, ...]
    shuffled: bool = False  # the order changes per connection: only the set tells
    grease: bool = False  # sends RFC 8701 GREASE values
    markers: tuple[int, ...] = ()  # extensions few other libraries send
    policies: tuple[str, ...] = ()  # profiles.json policies of clients built on it
    source: str = ""
    # Releases whose order differs; a profile in several (a range that straddles a
    # change) takes the best of them.
    releases: tuple[Release, ...] = ()

    def orders(self) -> tuple[tuple[tuple[int, ...], bool], ...]:
        """Every (order, shuffled) this library has sent."""
        return ((self.extensions, self.shuffled),
                *((r.extensions, r.shuffled) for r in self.releases))

    def orders_of(self, profile: str) -> tuple[tuple[tuple[int, ...], bool], ...]:
        """The (order, shuffled) pairs of the releases a profile covers."""
        own = tuple((r.extensions, r.shuffled) for r in self.releases
                    if profile in r.profiles)
        return own or ((self.extensions, self.shuffled),)


# BoringSSL's kExtensions in a Chrome 100-era revision (then padding, pre_shared_key).
_BORINGSSL_2022 = (0, 65037, 23, 65281, 10, 11, 35, 16, 5, 13, 13172, 18, 30032, 14, 51, 45,
                   42, 43, 44, 57, 65445, 27, 34, 17513, 21, 41)

# IANA TLS ExtensionType values. "observed here" = captured by ``tlsdoctor listen`` from
# the program on Debian 12 (tests/ingest/test_listen_clients.py does it again).
LIBRARIES: tuple[Library, ...] = (
    Library(name="OpenSSL", policies=("openssl-3", "openssl-3-debian", "openssl-1.1",
                                      "openssl-1.0", "node", "android-legacy"),
            extensions=(65281, 0, 1, 28, 12, 11, 10, 35, 5, 13172, 16, 14, 22, 18, 23, 50, 49,
                        19, 20, 13, 43, 45, 51, 44, 27, 42, 47, 21, 41),
            source="openssl ssl/statem/extensions.c ext_defs @ 0026ef34; observed here: "
                   "openssl s_client 3.0, curl 7.88, Python 3.11, Node.js 20"),
    Library(name="GnuTLS", policies=("gnutls", "gnutls-3.6"),
            extensions=(5, 10, 11, 13, 22, 23, 35, 51, 43, 49, 65281, 0, 45, 28, 21),
            source="observed here: gnutls-cli 3.7.9, wget 1.21"),
    Library(name="Go crypto/tls", policies=("go", "go-1.22", "go-1.24"),
            extensions=(0, 5, 10, 11, 35, 13, 50, 65281, 23, 16, 18, 43, 44, 51, 42, 45, 57,
                        41),
            source="golang/go @ go1.22.10 src/crypto/tls/handshake_messages.go "
                   "clientHelloMsg.marshal (1.19's order, with extended_master_secret and "
                   "quic_transport_parameters); observed here: Go 1.19.8 and 1.22.10 net/http",
            # Not shuffled: marshalMsg writes a fixed order in every release to 1.27 (four
            # runs of go1.23.9 sent the same order: tests/clients/hellos/go-1.23*.json).
            releases=(Release(profiles=("go-1.23", "go-1.24", "go-1.25", "go-1.26", "go-1.27"),
                              extensions=(0, 11, 35, 65281, 23, 18, 42, 57, 65037, 5, 10, 13,
                                          50, 16, 43, 44, 51, 45, 41),
                              source="golang/go @ go1.23.9 and go1.27.3 src/crypto/tls/"
                                     "handshake_messages.go clientHelloMsg.marshalMsg: the "
                                     "extensions ECH may compress last, after the others"),)),
    Library(name="Java JSSE", policies=("java", "java-legacy"),
            extensions=(0, 5, 10, 11, 17, 23, 35, 13, 43, 45, 50, 51, 65281),
            source="observed here: OpenJDK 17.0.15 HttpsURLConnection (server_name first "
                   "when sent: sun.security.ssl.SSLExtension lists CH_SERVER_NAME first)"),
    Library(name="NSS", policies=("firefox", "firefox-68"),
            extensions=(0, 23, 65281, 10, 11, 35, 16, 14, 5, 34, 18, 51, 42, 43, 13, 44, 45,
                        49, 28, 27, 41),
            source="nss lib/ssl/ssl3ext.c clientHelloSendersTLS @ 05dadbbf"),
    Library(name="BoringSSL", policies=("chromium", "chromium-80", "android"), shuffled=True,
            grease=True, markers=(27, 17513, 17613, 65037),
            extensions=(0, 23, 65281, 10, 11, 35, 16, 5, 13, 18, 51, 45, 43, 27, 17513, 17613,
                        65037, 41, 21),
            source="boringssl ssl/extensions.cc kExtensions, permuted per connection "
                   "(SSL_set_permute_extensions, google/boringssl @ e9c5d72c09e0, 2021-06-14; "
                   "Chromium's net/socket/ssl_client_socket_impl.cc sets it behind "
                   "kPermuteTLSExtensions, chromium/chromium @ 007273bac8ab); observed here: "
                   "Chromium 156, a new order on each of three runs",
            releases=(
                # Before the permutation option existed, BoringSSL's table order.
                Release(profiles=("chrome-80", "chrome-100"),
                        extensions=(0, 23, 65281, 10, 11, 35, 16, 5, 13, 13172, 18, 30032, 14,
                                    51, 45, 42, 43, 44, 65445, 24, 27, 65282, 21, 41),
                        source="google/boringssl @ 239634da1be4 (2020-05-01) ssl/t1_lib.cc "
                               "kExtensions, written in order by ssl_add_clienthello_tlsext "
                               "(then padding, pre_shared_key last)"),
                # Chrome 93-123 straddles the release that turned permutation on (third-
                # party captures: 107 in this order, 110 permuted): either is its own.
                Release(profiles=("chrome-100",), extensions=_BORINGSSL_2022,
                        source="google/boringssl @ 81502beeddc5 (2022-02-28) "
                               "ssl/extensions.cc kExtensions"),
                Release(profiles=("chrome-100",), extensions=_BORINGSSL_2022, shuffled=True,
                        source="google/boringssl @ 81502beeddc5 (2022-02-28) "
                               "ssl/extensions.cc kExtensions, ssl_setup_extension_permutation"
                               ))),
)
_LIBRARY_BY_NAME = {lib.name: lib for lib in LIBRARIES}
_POLICY_LIBRARY = {p: lib.name for lib in LIBRARIES for p in lib.policies}
_POLICY_LIBRARY.update({"schannel": "SChannel", "schannel-legacy": "SChannel",
                        "apple": "Apple", "mbedtls": "Mbed TLS"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Match:
    name: str  # profile name or library name
    title: str
    score: float  # 0..1
    parts: tuple[tuple[str, float], ...] = ()  # per list, for a profile

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "score": round(self.score, 3),
                "parts": {k: round(v, 3) for k, v in self.parts}}


@dataclass(frozen=True, slots=True, kw_only=True)
class ClientGuess:
    """The nearest profiles and libraries, best first (``None``: nothing to compare)."""

    profile: Match | None
    profile_runner_up: Match | None
    library: Match | None
    library_runner_up: Match | None

    def to_json(self) -> dict[str, Any]:
        def j(m: Match | None) -> dict[str, Any] | None:
            return m.to_json() if m is not None else None
        return {"profile": j(self.profile), "profile_runner_up": j(self.profile_runner_up),
                "library": j(self.library), "library_runner_up": j(self.library_runner_up)}


def _clean(values: Iterable[int], drop: frozenset[int] = frozenset()) -> list[int]:
    return [v for v in values if not is_grease(v) and v not in drop]


def _ordered(a: Sequence[int], b: Sequence[int]) -> float:
    """Agreement of two ordered lists: 2 x matched / total (difflib), 1 for both empty."""
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, list(a), list(b), autojunk=False).ratio()


def _overlap(a: Iterable[int], b: Iterable[int]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 1.0


def _extension_score(hello: Sequence[int], lib: Library, grease: bool,
                     order: tuple[tuple[int, ...], bool] | None = None) -> float:
    """Order agreement with the library's list (``order``: one release's) restricted to
    what the hello sent (a library writes only the extensions its settings call for),
    times the share of the hello's extensions the library knows at all. A library that
    shuffles its order is told by the set alone, and by its GREASE and marker extensions:
    without them, at most half (its extensions are everyone's)."""
    extensions, shuffled = order if order is not None else (lib.extensions, lib.shuffled)
    known = [e for e in hello if e in extensions]
    coverage = len(known) / len(hello) if hello else 0.0
    if shuffled:
        signs = (grease == lib.grease) + any(e in lib.markers for e in hello)
        return coverage * (0.5 + 0.25 * signs)
    expected = [e for e in extensions if e in known]
    return coverage * _ordered(known, expected)


def _library_score(hello: Sequence[int], lib: Library, grease: bool) -> float:
    """The library's agreement with the hello: the best of its releases' orders."""
    return max(_extension_score(hello, lib, grease, o) for o in lib.orders())


def _strings(a: Sequence[str], b: Sequence[str]) -> float:
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, list(a), list(b), autojunk=False).ratio()


@cache
def _policies() -> dict[str, str]:
    """Profile name -> its policy name in profiles.json (the family of its library)."""
    data = json.loads(resources.files("tlsdoctor.clients").joinpath("profiles.json").read_text())
    return {p["name"]: p.get("policy", "") for p in data["profiles"]}


def library_of(profile: ClientProfile) -> str | None:
    return _POLICY_LIBRARY.get(_policies().get(profile.name, ""))


def _flags(p: ClientProfile, ext: Sequence[int]) -> float | None:
    """The share of the profile's recorded flags the hello agrees with (None: nothing to
    compare: the profile records none, or the hello's extensions are unknown)."""
    recorded = [(want, code) for want, code in (
                    (p.status_request, ExtensionType.status_request),
                    (p.extended_master_secret, ExtensionType.extended_master_secret))
                if want is not None]
    if not recorded or not ext:
        return None
    return sum((code in ext) == want for want, code in recorded) / len(recorded)


def _profile_extensions(p: ClientProfile, ext: Sequence[int], grease: bool) -> float | None:
    """The hello's extensions against the orders of the profile's own releases (None:
    no library known for the profile, or no extensions to compare)."""
    lib = _LIBRARY_BY_NAME.get(library_of(p) or "")
    if lib is None or not ext:
        return None
    return max(_extension_score(ext, lib, grease, o) for o in lib.orders_of(p.name))


def _profile_match(p: ClientProfile, hello: dict[str, Any], grease: bool,
                   ext: Sequence[int] = ()) -> Match:
    parts = {"versions": _overlap(hello["versions"], [v for v in p.versions
                                                      if v in _KNOWN_VERSIONS]),
             # Go without AES hardware puts ChaCha20 first: either order is the client's.
             "cipher_suites": max(_ordered(hello["cipher_suites"], _clean(o, SIGNALLING_SUITES))
                                  for o in p.suite_orders()),
             "groups": _ordered(hello["groups"], p.groups),
             "signature_algorithms": _ordered(hello["signature_algorithms"],
                                              p.signature_algorithms),
             "alpn": _strings(hello["alpn"], p.alpn)}
    extensions = _profile_extensions(p, ext, grease)
    if extensions is not None:
        parts["extensions"] = extensions
    flags = _flags(p, ext)
    if flags is not None:
        parts["flags"] = flags
    weight = sum(WEIGHTS[k] for k in parts)
    score = sum(WEIGHTS[k] * v for k, v in parts.items()) / weight
    return Match(name=p.name, title=p.title, score=score, parts=tuple(parts.items()))


def guess_client(*, versions: Sequence[int], cipher_suites: Sequence[int],
                 groups: Sequence[int], signature_algorithms: Sequence[int],
                 extensions: Sequence[int], alpn: Sequence[str] = (), grease: bool = False,
                 profiles: Sequence[ClientProfile] | None = None) -> ClientGuess:
    """The profiles and libraries nearest to a ClientHello's lists (GREASE ignored but for
    ``grease``: whether the hello carried any)."""
    hello = {"versions": [v for v in _clean(versions) if v in _KNOWN_VERSIONS],
             "cipher_suites": _clean(cipher_suites, SIGNALLING_SUITES), "groups": _clean(groups),
             "signature_algorithms": _clean(signature_algorithms), "alpn": list(alpn)}
    ext = _clean(extensions)
    if not hello["cipher_suites"]:
        return ClientGuess(profile=None, profile_runner_up=None, library=None,
                           library_runner_up=None)
    ext_by_library = ({lib.name: _library_score(ext, lib, grease) for lib in LIBRARIES}
                      if ext else {})
    pool = [p for p in (profiles if profiles is not None else all_profiles()) if not p.is_local]
    # On a tie (two profiles with one offer, e.g. GnuTLS 3.6 and 3.7), the profile checked
    # against the real program comes first.
    checked = {p.name for p in pool if p.verified_against}
    ranked = sorted((_profile_match(p, hello, grease, ext) for p in pool),
                    key=lambda m: (-m.score, m.name not in checked))
    libs = _libraries(ranked, pool, ext_by_library)
    return ClientGuess(profile=ranked[0] if ranked else None,
                       profile_runner_up=ranked[1] if len(ranked) > 1 else None,
                       library=libs[0] if libs else None,
                       library_runner_up=libs[1] if len(libs) > 1 else None)


def _libraries(ranked: list[Match], pool: Sequence[ClientProfile],
               ext_by_library: dict[str, float]) -> list[Match]:
    """Each library's score: its extension agreement (when known) and its best profile's
    score, evenly; a library with neither is not ranked."""
    by_name = {p.name: p for p in pool}
    best_profile: dict[str, Match] = {}
    for m in ranked:  # best first: the first seen per library is its best
        lib = library_of(by_name[m.name])
        if lib is not None:
            best_profile.setdefault(lib, m)
    out = []
    for lib in sorted(set(best_profile) | set(ext_by_library)):
        prof = best_profile.get(lib)
        parts = [("extensions", ext_by_library[lib])] if lib in ext_by_library else []
        if prof is not None:
            parts.append(("nearest_profile", prof.score))
        score = sum(v for _, v in parts) / len(parts)
        title = lib + (f" (nearest profile {prof.name})" if prof is not None else "")
        out.append(Match(name=lib, title=title, score=score, parts=tuple(parts)))
    return sorted(out, key=lambda m: -m.score)
