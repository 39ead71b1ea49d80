"""Enumeration plans for ``scan``: which ClientHello to send next, from the results so far.

Pure logic, no I/O: a plan is a small state machine that yields ``HelloPlan``s and is
fed the ``ProbeResult`` of each. The engine turns a HelloPlan into a wire ClientHelloSpec
and runs it. Keeping the decisions here makes the connection budget testable without a
network.

Suite enumeration (the testssl.sh / sslscan idea, with fewer connections): offer *every*
candidate suite of one version in one hello; the server picks its favourite; remove it and
offer the rest again; the first refusal proves that none of the remaining suites is
accepted. That is exactly ``accepted + 1`` connections per version (the first offer also
answers "is this version accepted?"). Offers alternate direction (forward, reversed, ...),
so the choices themselves tell server order from client order (``inferred_order``); one
more hello asks only when they cannot. A TLS 1.3 enumeration also offers the groups and
signature schemes not seen yet first, so its handshakes seed those eliminations. Another
check's question can ride on one enumeration hello (``Fold``): a handshake answers both,
anything else is asked again without it, so the suites never depend on it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from itertools import filterfalse
from typing import Any

from ..probe.outcome import Outcome, ProbeResult

SSL2, SSL3, TLS10, TLS11, TLS12, TLS13 = 0x0002, 0x0300, 0x0301, 0x0302, 0x0303, 0x0304
# A version that does not exist yet: RFC 8446 §4.2.1 requires servers to ignore unknown
# supported_versions entries, so offering it must not change the outcome.
FUTURE_VERSION = 0x0305
# Highest first: the engine probes in this order.
VERSIONS = (TLS13, TLS12, TLS11, TLS10, SSL3, SSL2)
VERSION_NAMES = {SSL2: "SSLv2", SSL3: "SSLv3", TLS10: "TLS 1.0", TLS11: "TLS 1.1",
                 TLS12: "TLS 1.2", TLS13: "TLS 1.3", FUTURE_VERSION: "TLS 1.4 (future)"}
VERSION_KEYS = {SSL2: "sslv2", SSL3: "sslv3", TLS10: "tls1.0", TLS11: "tls1.1",
                TLS12: "tls1.2", TLS13: "tls1.3"}

# Outcomes that mean "this server refused that offer" (as opposed to a network failure
# that proves nothing). A clean close or RST after the hello is how many servers (and
# OpenSSL for SSLv2/SSLv3 when compiled out) refuse without an alert.
REFUSALS = frozenset({Outcome.ALERT, Outcome.CLOSED, Outcome.RESET, Outcome.MALFORMED})
# Failures that may be the *size* of the hello (F5 / middleboxes that drop big hellos)
# rather than its content: worth splitting the offer once before concluding.
SIZE_SUSPECT = frozenset({Outcome.CLOSED, Outcome.RESET, Outcome.TIMEOUT})
ALERT_PROTOCOL_VERSION = 70  # RFC 8446 §6.2
SPLIT_SIZE = 40  # suites per chunk after a suspected size failure (~80 bytes each half)
MAX_GROUPS_ROUNDS = 40
MAX_SIGALG_ROUNDS = 40
# Accepted suites needed before client order is concluded from the choices alone: with
# two, a server whose own first choice is our first offered suite looks the same.
ORDER_MIN_SUITES = 3

# RFC 8446 §4.2.7 / IANA TLS Supported Groups registry.
X25519, SECP256R1, SECP384R1, SECP521R1, X448 = 0x001D, 0x0017, 0x0018, 0x0019, 0x001E
X25519MLKEM768 = 0x11EC  # draft-kwiatkowski-tls-ecdhe-mlkem (IANA codepoint 4588)
SECP256R1MLKEM768, SECP384R1MLKEM1024 = 0x11EB, 0x11ED
HYBRID_PQ_GROUPS = frozenset({X25519MLKEM768, SECP256R1MLKEM768, SECP384R1MLKEM1024})
FFDHE_GROUPS = (0x0100, 0x0101, 0x0102, 0x0103, 0x0104)
EC_GROUPS = (X25519, SECP256R1, SECP384R1, SECP521R1, X448,
             0x001A, 0x001B, 0x001C,  # brainpoolP256r1/384r1/512r1 (RFC 7027)
             0x0016, 0x0015, 0x0013, 0x0012, 0x0011, 0x0010, 0x000F, 0x000E,  # RFC 4492, deprecated
             0x000D, 0x000C, 0x000B, 0x000A, 0x0009, 0x0008, 0x0007, 0x0006,
             0x0005, 0x0004, 0x0003, 0x0002, 0x0001, 0x0014)
# Groups a TLS 1.3 scan asks about: hybrids first (they are what a modern server prefers).
TLS13_GROUPS = (X25519MLKEM768, SECP256R1MLKEM768, SECP384R1MLKEM1024, X25519, SECP256R1,
                SECP384R1, SECP521R1, X448, 0x001F, 0x0020, 0x0021, *FFDHE_GROUPS)
# Groups we can make a key_share for (the wire codec computes these with `cryptography`).
KEY_SHARE_CAPABLE = (X25519, SECP256R1, SECP384R1)

# IANA TLS SignatureScheme registry (RFC 8446 §4.2.3, RFC 8422, RFC 5246 §7.4.1.4.1).
SIGALGS = (0x0403, 0x0503, 0x0603,  # ecdsa_secp256r1_sha256, _secp384r1_sha384, _secp521r1_sha512
           0x0807, 0x0808,  # ed25519, ed448
           0x0804, 0x0805, 0x0806,  # rsa_pss_rsae_sha256/384/512
           0x0809, 0x080A, 0x080B,  # rsa_pss_pss_sha256/384/512
           0x081A, 0x081B, 0x081C,  # ecdsa_brainpoolP256r1tls13_sha256/384/512 (RFC 8734)
           0x0401, 0x0501, 0x0601,  # rsa_pkcs1_sha256/384/512
           0x0203, 0x0201,  # ecdsa_sha1, rsa_pkcs1_sha1
           0x0303, 0x0301,  # sha224 ecdsa / rsa (RFC 5246 HashAlgorithm 3)
           0x0402, 0x0502, 0x0602, 0x0202, 0x0302,  # dsa_*
           0x0101, 0x0102)  # md5 rsa / dsa
ECDSA_SIGALGS = (0x0403, 0x0503, 0x0603, 0x0203, 0x081A, 0x081B, 0x081C)
RSA_SIGALGS = (0x0804, 0x0805, 0x0806, 0x0809, 0x080A, 0x080B, 0x0401, 0x0501, 0x0601, 0x0201,
               0x0301, 0x0101)

ALPN_PROTOCOLS = ("h2", "http/1.1")
LARGE_HELLO = 2048  # bytes: spans two TCP segments; some middleboxes choke (RFC 7685 §1)


@dataclass(frozen=True, slots=True, kw_only=True)
class HelloPlan:
    """One ClientHello to send, described in scan terms.

    ``None`` fields mean "the codec's default": groups/sigalgs that every modern server
    accepts, and a key_share for the first group we can compute.
    """

    label: str
    versions: tuple[int, ...]  # highest first; only ever one for TLS <= 1.2 enumeration
    cipher_suites: tuple[int, ...]
    groups: tuple[int, ...] | None = None
    key_share: tuple[int, ...] | None = None  # () sends an empty key_share (RFC 8446 §4.2.8)
    signature_algorithms: tuple[int, ...] | None = None
    sni: bool = True  # send the target's SNI (when it has one)
    alpn: tuple[str, ...] = ()
    fallback_scsv: bool = False
    padding_to: int = 0
    legacy_version: int | None = None  # override ClientHello.legacy_version
    supported_versions_ext: bool | None = None  # None: the codec decides (with TLS 1.3)
    # Ask what one hello can show: OCSP stapling (RFC 6066 §8) and compression (RFC 3749,
    # CRIME-prone servers); renegotiation_info, EMS and session_ticket are always asked.
    features: bool = False

    @property
    def version(self) -> int:
        return self.versions[0]


@dataclass(frozen=True, slots=True, kw_only=True)
class Fold:
    """Another check's question asked along with one enumeration hello, so that it costs
    no connection of its own. ``changes`` are HelloPlan fields; ``label`` is appended to
    the hello's label.

    It rides on the first hello sent once the version is known to be accepted (the
    second: the first one is plain). Only an answer the enumeration would accept (a
    handshake at this version choosing an offered suite) answers it. Any other outcome
    might be the fold's doing, so the enumeration ignores it and sends the same offer
    again without the fold: the suites never depend on it.
    """

    label: str
    changes: Mapping[str, Any]


class FoldState(StrEnum):
    WAITING = "waiting"  # not sent yet (no hello so far proved the version accepted)
    SENT = "sent"  # on the hello in flight
    RETRYING = "retrying"  # that hello failed: the same offer goes again, plain
    ANSWERED = "answered"  # a handshake answered it (``fold_result``)
    BROKE = "broke"  # it failed where the same offer without it succeeded
    UNANSWERED = "unanswered"  # it failed and so did the plain offer: ask it on its own


@dataclass(slots=True)
class SuiteEnumeration:
    """Every suite a server accepts for one protocol version.

    ``accepted`` is in the order the server chose them, i.e. its preference order when
    it enforces one. ``accepted_version`` is True/False once known, None if the network
    never let us find out.
    """

    version: int
    candidates: tuple[int, ...]
    allow_split: bool = True
    accepted: list[int] = field(default_factory=list)
    accepted_version: bool | None = None
    first: ProbeResult | None = None  # the answer to the full offer
    handshakes: list[ProbeResult] = field(default_factory=list)
    anomaly: str = ""  # e.g. the server chose a suite that was not offered
    # TLS 1.3: offer unseen groups and signature schemes first; what each answer used is
    # collected here (seeds for groups_elimination / sigalgs_elimination).
    discover: bool = False
    groups_found: list[int] = field(default_factory=list)
    sigalgs_found: list[int] = field(default_factory=list)
    picks: list[tuple[tuple[int, ...], int]] = field(default_factory=list)  # (offer, choice)
    fold: Fold | None = None
    fold_state: FoldState = FoldState.WAITING
    fold_result: ProbeResult | None = None  # what the hello carrying the fold got
    _chunks: list[tuple[int, ...]] = field(default_factory=list)
    _split_done: bool = False
    _last: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        self._chunks = [tuple(dict.fromkeys(self.candidates))] if self.candidates else []

    @property
    def done(self) -> bool:
        return not self._chunks

    def next_plan(self) -> HelloPlan | None:
        taken = set(self.accepted).__contains__
        while self._chunks:
            offer = tuple(filterfalse(taken, self._chunks[0]))  # C speed: ~350 suites a step
            if offer:
                n = len(self.accepted)
                if n % 2:
                    offer = offer[::-1]  # alternate: see inferred_order
                self._last = offer
                plan = HelloPlan(label=f"{VERSION_KEYS.get(self.version, hex(self.version))} suites #{n + 1}",
                                 versions=(self.version,), cipher_suites=offer)
                return self._folding(self._discovering(plan) if self.discover else plan)
            self._chunks.pop(0)
        return None

    def _folding(self, plan: HelloPlan) -> HelloPlan:
        if (self.fold is None or self.fold_state is not FoldState.WAITING
                or self.accepted_version is not True):
            return plan
        self.fold_state = FoldState.SENT
        return replace(plan, label=f"{plan.label}+{self.fold.label}", **self.fold.changes)

    def fold_answer(self) -> ProbeResult | None:
        """What the fold's question got, when that tells: a handshake (ANSWERED) or a
        failure that only the fold explains (BROKE); None: ask it on its own."""
        if self.fold_state in (FoldState.ANSWERED, FoldState.BROKE):
            return self.fold_result
        return None

    def _chose(self, result: ProbeResult) -> bool:
        """The answer names an accepted suite of this version (what a fold needs)."""
        chosen = result.cipher_suite
        if chosen is None or chosen not in self._last:
            return False
        if result.outcome is Outcome.HANDSHAKE:
            return result.version == self.version
        return result.outcome is Outcome.HELLO_RETRY and self.version == TLS13

    def _discovering(self, plan: HelloPlan) -> HelloPlan:
        """Every group and signature scheme, the ones not seen yet first (a server choosing
        in the client's order then shows a new one each time); nothing is left out, so the
        suite choice is never constrained by them."""
        groups = _unseen_first(TLS13_GROUPS, self.groups_found)
        share = next((g for g in groups if g in KEY_SHARE_CAPABLE), X25519)
        return replace(plan, groups=groups, key_share=(share,),
                       signature_algorithms=_unseen_first(SIGALGS, self.sigalgs_found))

    def _learn(self, result: ProbeResult) -> None:
        group = result.hello_retry_group if result.outcome is Outcome.HELLO_RETRY else result.group
        if group is not None and group not in self.groups_found:
            self.groups_found.append(group)
        scheme = result.server_signature_scheme
        if scheme is not None and scheme not in self.sigalgs_found:
            self.sigalgs_found.append(scheme)

    def inferred_order(self) -> bool | None:
        """Server order (True) or client order (False), from the choices alone; None when
        they cannot tell (then ask with ``preference_plan``).

        A server following the client picks, from each offer, its first suite that the
        server accepts at all. A choice that is not that proves server order. Offers
        alternate direction, so a server following its own list would have to hold our
        zig-zag order by chance to look like client order: with ORDER_MIN_SUITES or more
        accepted suites that is taken as client order.
        """
        if not self.done or self.anomaly or len(self.accepted) < 2:
            return None
        accepted = set(self.accepted)
        for offer, chosen in self.picks:
            if next((s for s in offer if s in accepted), None) != chosen:
                return True
        return False if len(self.accepted) >= ORDER_MIN_SUITES else None

    def feed(self, result: ProbeResult) -> None:
        folded = self.fold_state is FoldState.SENT
        if folded:
            self.fold_result = result
            if not self._chose(result):
                # Maybe the fold's doing: not evidence about the suites. Same offer again.
                self.fold_state = FoldState.RETRYING
                return
            self.fold_state = FoldState.ANSWERED
        elif self.fold_state is FoldState.RETRYING:
            self.fold_state = FoldState.BROKE if self._chose(result) else FoldState.UNANSWERED
        if self.first is None:
            self.first = result
        chosen = result.cipher_suite
        if result.outcome is Outcome.HANDSHAKE and chosen is not None:
            self._feed_choice(result, chosen, folded=folded)
        elif result.outcome is Outcome.HANDSHAKE:
            self._feed_sslv2(result)
        elif (result.outcome is Outcome.HELLO_RETRY and self.version == TLS13
                and chosen is not None and chosen in self._last):
            # The suite is agreed in the HRR too (RFC 8446 §4.1.4).
            self._accept(result, chosen, folded=folded)
        else:
            self._feed_failure(result)

    def _accept(self, result: ProbeResult, chosen: int, *, folded: bool) -> None:
        self.accepted_version = True
        self.accepted.append(chosen)
        if not folded:
            # A fold (ALPN, say) could steer a server's choice: order is read without it.
            self.picks.append((self._last, chosen))
        self.handshakes.append(result)
        if self.discover:
            self._learn(result)

    def _feed_choice(self, result: ProbeResult, chosen: int, *, folded: bool) -> None:
        if chosen not in self._last:
            # RFC 5246 §7.4.1.3: the server must pick one of the client's suites.
            self.anomaly = f"server chose suite 0x{chosen:04X}, which was not offered"
            self._chunks.clear()
            return
        if result.version is not None and result.version != self.version:
            # A lower answer is legal (RFC 5246 App. E.1: the client offered this one as
            # its highest): this version is simply not accepted. A higher one is not.
            if result.version > self.version:
                self.anomaly = (f"asked for {VERSION_NAMES.get(self.version)}, server "
                                f"answered 0x{result.version:04X}")
            if self.accepted_version is None:
                self.accepted_version = False
            self._chunks.clear()
            return
        self._accept(result, chosen, folded=folded)

    def _feed_sslv2(self, result: ProbeResult) -> None:
        # Accepted, but no suite to remove (SSLv2 SERVER-HELLO lists its cipher kinds
        # instead, kept by the prober in ``extra``): the version is the fact we keep.
        if result.version in (None, self.version):
            self.accepted_version = True
            kinds = result.extra.get("sslv2_cipher_kinds")
            if isinstance(kinds, (list, tuple)):
                self.accepted.extend(k for k in kinds if isinstance(k, int)
                                     and k not in self.accepted)
            self.handshakes.append(result)
        self._chunks.clear()

    def _feed_failure(self, result: ProbeResult) -> None:
        if (self.allow_split and not self._split_done and result.outcome in SIZE_SUSPECT
                and len(self._last) > SPLIT_SIZE and not self.accepted):
            # Maybe the hello was too big for something on the path: retry in small
            # chunks. A server that simply resets unknown versions costs one more hello:
            # the first small chunk fails the same way and ends it (below).
            self._split_done = True
            rest = self._chunks.pop(0)
            self._chunks[:0] = [rest[i:i + SPLIT_SIZE] for i in range(0, len(rest), SPLIT_SIZE)]
            return
        version_refused = (result.outcome is Outcome.ALERT and result.alert is not None
                           and result.alert[1] == ALERT_PROTOCOL_VERSION)
        if self._split_done and (version_refused or result.outcome in SIZE_SUSPECT):
            # A small hello failed too: not a size problem; nothing more to learn here.
            self._chunks.clear()
        elif result.outcome in REFUSALS or result.outcome is Outcome.HELLO_RETRY:
            # No suite of this chunk is accepted (or the version is not).
            self._chunks.pop(0)
        else:
            # Timeout, refused, unreachable: no conclusion about the rest of this chunk.
            self.anomaly = self.anomaly or f"stopped early: {result.outcome.value}"
            self._chunks.pop(0)
            return
        if not self._chunks and not self.accepted and result.outcome in REFUSALS:
            self.accepted_version = False


def _unseen_first(candidates: Sequence[int], seen: Sequence[int]) -> tuple[int, ...]:
    return tuple(c for c in candidates if c not in seen) + tuple(c for c in seen
                                                                 if c in candidates)


def preference_plan(version: int, accepted: Sequence[int]) -> HelloPlan | None:
    """One extra hello with the accepted suites reversed: a server that enforces its own
    order still picks its first; one that follows the client picks our first."""
    if len(accepted) < 2:
        return None
    return HelloPlan(label=f"{VERSION_KEYS[version]} order", versions=(version,),
                     cipher_suites=tuple(reversed(accepted)))


def server_order(accepted: Sequence[int], result: ProbeResult | None) -> bool | None:
    """True: the server enforces its order; False: it follows the client's; None: unknown."""
    if result is None or result.outcome is not Outcome.HANDSHAKE or len(accepted) < 2:
        return None
    if result.cipher_suite == accepted[0]:
        return True
    if result.cipher_suite == accepted[-1]:
        return False
    return None


@dataclass(slots=True)
class Elimination:
    """Generic "offer all minus found until refused" over groups or signature schemes.

    ``pick`` extracts what the server chose from a result; None ends the enumeration
    (the server does not say, so going on would only waste connections).
    """

    label: str
    base: HelloPlan
    candidates: tuple[int, ...]
    kind: str  # "groups" or "sigalgs"
    max_rounds: int = MAX_GROUPS_ROUNDS
    found: list[int] = field(default_factory=list)
    finished: bool = False
    complete: bool = False  # ended with a refusal, so ``found`` is the whole set
    rounds: int = 0
    # Keep offering what was found, last: a TLS 1.2 server with an ECDSA certificate needs
    # its certificate's curve among the client's groups (RFC 8422 §5.1), so removing it
    # would end the enumeration early.
    keep_found: bool = False

    def next_plan(self) -> HelloPlan | None:
        if self.finished or self.rounds >= self.max_rounds:
            return None
        rest = tuple(c for c in self.candidates if c not in self.found)
        if not rest:
            self.finished = self.complete = True
            return None
        self.rounds += 1
        label = f"{self.label} #{self.rounds}"
        if self.kind == "groups":
            share = next((g for g in rest if g in KEY_SHARE_CAPABLE), None)
            key_share = (share,) if share is not None else ()
            groups = rest + tuple(self.found) if self.keep_found else rest
            return replace(self.base, label=label, groups=groups, key_share=key_share)
        return replace(self.base, label=label, signature_algorithms=rest)

    def feed(self, result: ProbeResult) -> None:
        picked: int | None
        if self.kind == "groups":
            picked = result.hello_retry_group if result.outcome is Outcome.HELLO_RETRY \
                else result.group
        else:
            picked = result.server_signature_scheme
        if result.ok and picked is not None and picked not in self.found:
            self.found.append(picked)
            return
        self.finished = True
        # Chose one already found: no other is preferred over it (client order), which
        # is not proof that none is supported, so not "complete".
        self.complete = result.outcome in REFUSALS


def groups_elimination(version: int, suites: Sequence[int], *, keep_found: bool = False,
                       seen: Sequence[int] = ()) -> Elimination:
    """Named groups: TLS 1.3 reads key_share / HelloRetryRequest (hybrid PQ included),
    TLS 1.2 reads the curve in ServerKeyExchange of an ECDHE suite. ``seen``: groups
    already shown by earlier answers (the TLS 1.3 suite enumeration), not asked again."""
    if version == TLS13:
        base = HelloPlan(label="groups", versions=(TLS13,), cipher_suites=tuple(suites))
        return Elimination(label="tls1.3 groups", base=base, candidates=TLS13_GROUPS,
                           kind="groups", found=[g for g in seen if g in TLS13_GROUPS])
    base = HelloPlan(label="groups", versions=(version,), cipher_suites=tuple(suites))
    return Elimination(label=f"{VERSION_KEYS[version]} groups", base=base,
                       candidates=EC_GROUPS, kind="groups", keep_found=keep_found,
                       found=[g for g in seen if g in EC_GROUPS])


def sigalgs_elimination(version: int, suites: Sequence[int],
                        seen: Sequence[int] = ()) -> Elimination:
    base = HelloPlan(label="sigalgs", versions=(version,), cipher_suites=tuple(suites))
    return Elimination(label=f"{VERSION_KEYS[version]} sigalgs", base=base, candidates=SIGALGS,
                       kind="sigalgs", max_rounds=MAX_SIGALG_ROUNDS,
                       found=[a for a in seen if a in SIGALGS])


def cert_plans(versions: Iterable[int], suites_by_version: dict[int, Sequence[int]],
               *, ecdsa_suites: Sequence[int], rsa_suites: Sequence[int]) -> list[HelloPlan]:
    """One hello per key type: only ECDSA suites/sigalgs, then only RSA ones, at the
    highest version accepted (TLS 1.3 picks the certificate by signature_algorithms)."""
    vs = tuple(v for v in sorted(set(versions), reverse=True) if v in (TLS13, TLS12, TLS11, TLS10))
    if not vs:
        return []
    t13 = tuple(suites_by_version.get(TLS13, ()))
    plans = []
    for key, suites, sigs in (("ecdsa", ecdsa_suites, ECDSA_SIGALGS),
                              ("rsa", rsa_suites, RSA_SIGALGS)):
        offer = (t13 if TLS13 in vs else ()) + tuple(suites)
        if offer:
            plans.append(HelloPlan(label=f"cert {key}", versions=vs, cipher_suites=offer,
                                   signature_algorithms=sigs))
    return plans

