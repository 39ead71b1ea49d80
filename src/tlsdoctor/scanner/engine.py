"""``scan()`` / ``scan_async()``: the full capability map of one or more TLS servers.

The engine only drives: plans.py decides each next hello, the prober (probe.budget /
probe.handshake) sends it and counts it, mozilla.py and grade.py grade the map; its
findings come from the one judgement (tlsdoctor.api.scan). Targets
are scanned concurrently, each with its own Prober so the per-host concurrency limit
and delay apply per server.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .. import options as check
from ..errors import UsageError
from ..probe.budget import BudgetExceeded, ProbeOptions, Prober
from ..probe.handshake import run_probe
from ..probe.outcome import Outcome, ProbeResult
from ..probe.sync import run_sync
from ..probe.target import Target, parse_target
from ..wire.buffer import EncodeError
from ..wire.hello import ClientHelloSpec
from . import plans
from . import suiteinfo as si
from .grade import CertFacts, grade
from .mozilla import check_all
from .result import (
    CertChain,
    Enumerated,
    Features,
    Intolerance,
    ProtocolScan,
    ScanReport,
    SniBehaviour,
    TargetScan,
)

CHECKS = ("suites", "order", "groups", "sigalgs", "certificates", "sni", "features",
          "fallback", "intolerance")
# Outcomes where the target itself is not reachable as a TLS server at all.
_DEAD = frozenset({Outcome.REFUSED, Outcome.CONNECT_TIMEOUT, Outcome.DNS_FAILURE,
                   Outcome.UNREACHABLE, Outcome.PROXY_FAILED, Outcome.STARTTLS_FAILED,
                   Outcome.PLAINTEXT, Outcome.RESET_BEFORE_REPLY})
# Offered by default where a plan does not say: every EC group we know, key share X25519.
# No ffdhe groups: offering them lets an RFC 7919 server pick a group for DHE, which
# would hide the DH size it gives ordinary clients.
DEFAULT_GROUPS = (plans.X25519, plans.SECP256R1, plans.SECP384R1, plans.SECP521R1, plans.X448,
                  *(g for g in plans.EC_GROUPS if g not in (plans.X25519, plans.SECP256R1, plans.SECP384R1,
                                                        plans.SECP521R1, plans.X448)))
DEFAULT_KEY_SHARES = (plans.X25519, plans.SECP256R1)
SCAN_BUDGET = 1000  # handshakes per target
MAX_TARGETS = 1000
ALERT_INAPPROPRIATE_FALLBACK = 86  # RFC 7507 §2


@dataclass(frozen=True, slots=True, kw_only=True)
class ScanProgress:
    """Reported to the ``progress`` callback after every probe and when a target ends."""

    target: str
    phase: str
    handshakes: int
    done: bool = False


ProgressCallback = Callable[[ScanProgress], None]


_SPEC_FIELDS = frozenset(f.name for f in dataclasses.fields(ClientHelloSpec))


def to_spec(plan: plans.HelloPlan, target: Target) -> ClientHelloSpec:
    """HelloPlan -> the codec's ClientHelloSpec. Knobs the codec lacks are left out."""
    fields = _SPEC_FIELDS
    groups = plan.groups if plan.groups is not None else DEFAULT_GROUPS
    kw: dict[str, Any] = {
        "versions": plan.versions,
        "cipher_suites": plan.cipher_suites,
        "groups": groups,
        "signature_algorithms": (plan.signature_algorithms if plan.signature_algorithms
                                 is not None else plans.SIGALGS),
        "sni": target.sni if plan.sni else None,
        "alpn": plan.alpn,
    }
    if plans.TLS13 in plan.versions:
        if plan.key_share is None:
            # Two shares cover nearly every server without a HelloRetryRequest.
            kw["key_share_groups"] = tuple(g for g in DEFAULT_KEY_SHARES if g in groups)[:2] \
                or tuple(g for g in groups if g in plans.KEY_SHARE_CAPABLE)[:1]
        elif plan.key_share:
            kw["key_share_groups"] = plan.key_share
        else:
            # An empty client_shares list (RFC 8446 §4.2.8; the codec sends the extension
            # empty): the server must answer with a HelloRetryRequest naming its choice,
            # which is exactly what we want to learn.
            kw["key_share_groups"] = ()
    if plan.supported_versions_ext is not None:
        kw["supported_versions_ext"] = plan.supported_versions_ext
    if plan.fallback_scsv:
        kw["fallback_scsv"] = True
    if plan.padding_to:
        kw["padding_to"] = plan.padding_to
    if plan.legacy_version is not None:
        kw["legacy_version"] = plan.legacy_version
    if plan.features:
        # renegotiation_info, EMS and session_ticket are on by default in the codec.
        kw.update(ocsp_stapling=True, compression_methods=(1, 0))
    return ClientHelloSpec(**{k: v for k, v in kw.items() if k in fields})


class _TargetRun:
    def __init__(self, target: Target, options: ProbeOptions,
                 progress: ProgressCallback | None, *, lead: int | None = None) -> None:
        self.target = target
        self.prober = Prober(options)
        self.progress = progress
        self.results: list[ProbeResult] = []
        # Set once it is known whether a version is accepted (its first answer, or the
        # first after a size split), or its enumeration ended without knowing: what the
        # fallback check waits for.
        self.known = {v: asyncio.Event() for v in plans.VERSIONS}
        self.phase = "protocols"
        self.stop_note = ""  # why a part of the scan stopped early (budget used up...)
        # The lead: the suite enumeration of ``lead`` (TLS 1.2, the longest chain of
        # hellos on nearly every server, each waiting for the last answer). While it runs,
        # every other part of the scan shares one more connection, so the lead never
        # waits for a slot nor, at a server that serves one connection at a time, behind
        # more than one other hello; the others' hellos fill the server while the scanner
        # reads the lead's answer and builds its next hello, instead of all finishing
        # early and leaving the lead to ping-pong alone at the end.
        self.lead = lead
        self._side_lane = asyncio.Semaphore(1)

    async def guard(self, coro: Any, default: Any = None) -> Any:
        """Run one part of the scan; a used-up budget ends it with what was found."""
        try:
            return await coro
        except BudgetExceeded as exc:
            self.stop_note = str(exc)
            return default
        except EncodeError as exc:  # a hello the codec cannot build: skip that part only
            self.stop_note = self.stop_note or f"a probe could not be encoded: {exc}"
            return default

    @property
    def handshakes(self) -> int:
        return int(self.prober.handshakes)

    async def run(self, plan: plans.HelloPlan, *, lead: bool = False) -> ProbeResult:
        if lead or self.lead is None:
            result = await self._probe(plan)
        else:
            async with self._side_lane:
                result = await self._probe(plan)
        self.results.append(result)
        if self.progress is not None:
            self.progress(ScanProgress(target=str(self.target), phase=self.phase,
                                       handshakes=self.handshakes))
        return result

    async def enumerate_suites(self, e: plans.SuiteEnumeration, *,
                               single: bool = False) -> plans.SuiteEnumeration:
        """Run ``e`` to its end (``single``: its first hello only)."""
        try:
            # Every step removes a suite or a chunk; the bound only guards against a bug.
            for _ in range(1 if single else len(e.candidates) + len(e.candidates)
                           // plans.SPLIT_SIZE + 4):
                plan = e.next_plan()
                if plan is None:
                    break
                e.feed(await self.run(plan, lead=e.version == self.lead))
                if e.accepted_version is not None:
                    self.known[e.version].set()
        finally:
            self.known[e.version].set()
            if e.version == self.lead:
                self.lead = None  # the others are free from here on
        return e

    async def _probe(self, plan: plans.HelloPlan) -> ProbeResult:
        return await run_probe(self.prober, self.target, to_spec(plan, self.target),
                               label=plan.label)

    async def eliminate(self, e: plans.Elimination) -> plans.Elimination:
        while (plan := e.next_plan()) is not None:
            e.feed(await self.run(plan))
        return e


def _candidates(version: int) -> tuple[int, ...]:
    return si.suites_for("TLS1.3") if version == plans.TLS13 else si.suites_for("TLS")


def _sslv2_candidates() -> tuple[int, ...]:
    return si.suites_for("SSL2")


async def _scan_one(target: Target, options: ProbeOptions, checks: frozenset[str],
                    facts: CertFacts | None, progress: ProgressCallback | None) -> TargetScan:
    start = time.monotonic()
    run = _TargetRun(target, options, progress,
                     lead=plans.TLS12 if "suites" in checks else None)
    enums = _enumerations(checks)
    enumerated = {v: asyncio.ensure_future(run.guard(_enumerate_one(run, enums[v], checks)))
                  for v in plans.VERSIONS}
    # Details that need only part of the enumeration start as soon as that part is in:
    # they share the connection slots with the long TLS 1.2 enumeration, not its tail.
    early = {"tls13": asyncio.ensure_future(run.guard(
                 _tls13_details(run, enums, enumerated[plans.TLS13], checks), {}))}
    if "fallback" in checks:
        early["fallback"] = asyncio.ensure_future(run.guard(_fallback(run, enums)))
    await asyncio.gather(*enumerated.values())
    accepted = [v for v in plans.VERSIONS if enums[v].accepted_version]
    if not accepted:
        await asyncio.gather(*early.values())  # nothing to ask: they end at once
        return _unreachable(target, run, start)
    order = await _orders(run, enums, accepted, checks)
    run.phase = "details"
    # A server that answers a TLS hello with an SSLv2 SERVER-HELLO "accepts" 3-byte SSLv2
    # cipher kinds (0x010080...), which no TLS hello can carry: building the next hellos
    # from them raised out of scan() (issue 7, found with the hostile-server suite).
    found = {v: tuple(s for s in enums[v].accepted if v == plans.SSL2 or s <= 0xFFFF)
             for v in accepted}
    tasks = _detail_tasks(run, enums, accepted, found, checks)
    done = dict(zip(tasks, await asyncio.gather(*(run.guard(c) for c in tasks.values())),
                    strict=True))
    done.update(await early["tls13"])
    if "fallback" in early:
        done["fallback"] = await early["fallback"]
    scan = _assemble(target, run, enums, order, done, checks)
    scan = dataclasses.replace(scan, compliance=check_all(scan), grade=grade(scan, facts))
    scan = dataclasses.replace(scan, handshakes=run.handshakes, seconds=time.monotonic() - start)
    if progress is not None:
        progress(ScanProgress(target=str(target), phase="done", handshakes=run.handshakes,
                              done=True))
    return scan


def _enumerations(checks: frozenset[str]) -> dict[int, plans.SuiteEnumeration]:
    """One per version. The TLS 1.3 one also collects groups and signature schemes for
    the details; with a full scan, questions of other checks ride on their hellos."""
    enums: dict[int, plans.SuiteEnumeration] = {}
    for v in plans.VERSIONS:
        cands = _sslv2_candidates() if v == plans.SSL2 else _candidates(v)
        enums[v] = plans.SuiteEnumeration(
            version=v, candidates=cands,
            discover=v == plans.TLS13 and bool(checks & {"groups", "sigalgs"}))
    if "suites" in checks and "intolerance" in checks:
        enums[plans.TLS13].fold = plans.Fold(label=FUTURE_LABEL, changes=_FUTURE_FOLD)
        if "features" in checks:
            enums[plans.TLS12].fold = plans.Fold(label=COMBINED_LABEL, changes=_COMBINED_FOLD)
    return enums


async def _enumerate_one(run: _TargetRun, e: plans.SuiteEnumeration,
                         checks: frozenset[str]) -> plans.SuiteEnumeration:
    # SSLv2 needs one hello (the SERVER-HELLO lists the server's cipher kinds); without
    # "suites" one hello per version only answers "accepted?".
    single = "suites" not in checks or e.version == plans.SSL2
    return await run.enumerate_suites(e, single=single)


async def _tls13_details(run: _TargetRun, enums: Mapping[int, plans.SuiteEnumeration],
                         enumerated: Awaitable[Any], checks: frozenset[str]) -> dict[str, Any]:
    """Groups and signature schemes of a TLS 1.3 server: they need only the TLS 1.3
    suites, so they start as soon as those are known."""
    await enumerated
    e = enums[plans.TLS13]
    suites = tuple(e.accepted)
    if not (e.accepted_version and suites):
        return {}
    tasks: dict[str, Any] = {}
    if "groups" in checks:
        tasks["groups"] = run.eliminate(plans.groups_elimination(
            plans.TLS13, suites, seen=e.groups_found))
    if "sigalgs" in checks:
        tasks["sigalgs"] = run.eliminate(plans.sigalgs_elimination(
            plans.TLS13, suites, e.sigalgs_found))
    results = await asyncio.gather(*(run.guard(c) for c in tasks.values()))
    return {k: r for k, r in zip(tasks, results, strict=True) if r is not None}


async def _orders(run: _TargetRun, enums: Mapping[int, plans.SuiteEnumeration],
                  accepted: Sequence[int], checks: frozenset[str]) -> dict[int, bool | None]:
    """Server or client preference per version: read from the enumeration's choices when
    they tell; otherwise one hello with the accepted suites reversed."""
    order: dict[int, bool | None] = {}
    if not ("order" in checks and "suites" in checks):
        return order
    run.phase = "order"

    async def pref(v: int) -> None:
        e = enums[v]
        order[v] = e.inferred_order()
        if order[v] is None:
            plan = plans.preference_plan(v, e.accepted)
            order[v] = plans.server_order(e.accepted, await run.run(plan)) if plan else None

    await asyncio.gather(*(run.guard(pref(v)) for v in accepted if v != plans.SSL2))
    return order


def _detail_tasks(run: _TargetRun, enums: Mapping[int, plans.SuiteEnumeration],
                  accepted: list[int], found: Mapping[int, tuple[int, ...]],
                  checks: frozenset[str]) -> dict[str, Any]:
    """The details that need every version's suites (TLS 1.3's groups and signature
    schemes, and the fallback check, run earlier)."""
    top = accepted[0]
    legacy_top = next((v for v in accepted if v in (plans.TLS12, plans.TLS11, plans.TLS10)), None)
    tasks: dict[str, Any] = {}
    if plans.TLS13 not in accepted and legacy_top is not None:
        tasks.update(_legacy_eliminations(run, legacy_top, found, checks))
    if "certificates" in checks:
        tasks["certs"] = _certs(run, accepted, found)
    if "sni" in checks:
        tasks["sni"] = _sni(run, top, found[top])
    if "features" in checks and "intolerance" in checks and top != plans.SSL2:
        carried = Carried(combined=enums[plans.TLS12].fold_answer(),
                          future=enums[plans.TLS13].fold_answer())
        tasks["features+intolerance"] = _features_and_intolerance(run, top, legacy_top, found,
                                                                  carried)
    elif "features" in checks:
        tasks["features"] = _features(run, legacy_top or top, found[legacy_top or top])
    elif "intolerance" in checks and top != plans.SSL2:  # TLS hellos only: nothing to ask SSLv2
        tasks["intolerance"] = _intolerance(run, top, found, enums[plans.TLS13].fold_answer())
    return tasks


def _legacy_eliminations(run: _TargetRun, version: int, found: Mapping[int, tuple[int, ...]],
                         checks: frozenset[str]) -> dict[str, Any]:
    """Groups and signature schemes of a server without TLS 1.3, read at ``version``."""
    tasks: dict[str, Any] = {}
    if "groups" in checks:
        elim = _groups(version, found)
        if elim is not None:
            tasks["groups"] = run.eliminate(elim)
    if "sigalgs" in checks:
        suites = tuple(s for s in found[version] if si.kx(s) in ("ECDHE", "DHE"))
        if suites:
            tasks["sigalgs"] = run.eliminate(plans.sigalgs_elimination(version, suites))
    return tasks


def _groups(version: int, found: Mapping[int, tuple[int, ...]]) -> plans.Elimination | None:
    """TLS <= 1.2: the curve in ServerKeyExchange of an ECDHE suite (RSA-authenticated
    ones first: an ECDSA certificate's curve must stay offered)."""
    ecdhe = tuple(s for s in found[version] if si.kx(s) == "ECDHE")
    rsa = tuple(s for s in ecdhe if si.auth(s) == "RSA")
    suites, keep = (rsa, False) if rsa else (ecdhe, True)
    if not suites:
        return None
    return plans.groups_elimination(version, suites, keep_found=keep)


def _assemble(target: Target, run: _TargetRun, enums: Mapping[int, plans.SuiteEnumeration],
              order: Mapping[int, bool | None], done: Mapping[str, Any],
              checks: frozenset[str]) -> TargetScan:
    protocols = tuple(_protocol(v, enums[v], order.get(v), "suites" in checks,
                                run.stop_note) for v in plans.VERSIONS)
    groups = done.get("groups")
    sig = done.get("sigalgs")
    feats_intol = done.get("features+intolerance") or (None, None)
    feats: Features = done.get("features") or feats_intol[0] or Features()
    if "fallback" in done:
        feats = dataclasses.replace(feats, fallback_scsv=done["fallback"])
    dh = [r.dh_bits for r in run.results if r.dh_bits]
    return TargetScan(
        target=target, protocols=protocols,
        groups=Enumerated(version=groups.base.version, codes=tuple(groups.found),
                          complete=groups.complete) if groups else None,
        signature_algorithms=Enumerated(version=sig.base.version, codes=tuple(sig.found),
                                        complete=sig.complete) if sig else None,
        dh_bits=min(dh) if dh else None,
        certificates=done.get("certs") or _default_chain(run.results),
        sni=done.get("sni"), features=feats,
        intolerance=done.get("intolerance") or feats_intol[1] or Intolerance(),
        probes=tuple(run.results))


def _protocol(v: int, e: plans.SuiteEnumeration, order: bool | None, full: bool,
              stop_note: str) -> ProtocolScan:
    complete = full and not e.anomaly and e.done
    note = e.anomaly or (stop_note if not e.done else "")
    return ProtocolScan(version=v, accepted=e.accepted_version, suites=tuple(e.accepted),
                        server_order=order, complete=complete, note=note)


def _unreachable(target: Target, run: _TargetRun, start: float) -> TargetScan:
    outcomes = [r for r in run.results]
    dead = [r for r in outcomes if r.outcome in _DEAD]
    if dead:
        r = dead[0]
        error = f"{r.outcome.value}: {r.error}" if r.error else r.outcome.value
    elif outcomes:
        error = "no SSL/TLS version accepted (" + ", ".join(
            sorted({r.outcome.value for r in outcomes})) + ")"
    else:
        error = "no probe could be made"
    scan = TargetScan(target=target, reachable=not dead, error=error, probes=tuple(outcomes),
                      protocols=tuple(ProtocolScan(version=v, accepted=None if dead else False)
                                      for v in plans.VERSIONS))
    return dataclasses.replace(scan, handshakes=run.handshakes, seconds=time.monotonic() - start)


def _default_chain(results: Sequence[ProbeResult]) -> tuple[CertChain, ...]:
    for r in results:
        if r.outcome is Outcome.HANDSHAKE and r.certificates:
            return (CertChain(key_type="default", label=r.label, certificates=r.certificates),)
    return ()


async def _certs(run: _TargetRun, accepted: list[int],
                 found: Mapping[int, tuple[int, ...]]) -> tuple[CertChain, ...]:
    """One chain per key type the server has. The suite enumeration's handshakes already
    carry them: a TLS <= 1.2 handshake of an ECDSA or RSA suite shows that key type's
    certificate. Only a TLS 1.3-only server (the certificate follows the signature
    algorithms there) is asked once per key type not seen yet."""
    seen = _chains_seen(run.results)
    legacy = [s for v in accepted if v != plans.TLS13 for s in found.get(v, ())]
    ecdsa = tuple(dict.fromkeys(s for s in legacy if si.auth(s) == "ECDSA"))
    rsa = tuple(dict.fromkeys(s for s in legacy if si.auth(s) == "RSA"))
    hellos = [] if legacy else [
        p for p in plans.cert_plans(accepted, dict(found), ecdsa_suites=ecdsa, rsa_suites=rsa)
        if p.label.split()[-1] not in seen]
    results = await asyncio.gather(*(run.run(p) for p in hellos))
    for plan, r in zip(hellos, results, strict=True):
        if r.outcome is Outcome.HANDSHAKE and r.certificates:
            seen.setdefault(plan.label.split()[-1], (plan.label, r.certificates))
    chains: dict[str, CertChain] = {}
    for key_type in ("ecdsa", "rsa"):
        if key_type in seen:
            label, certs = seen[key_type]
            chain = CertChain(key_type=key_type, label=label, certificates=certs)
            if chain.leaf_sha256 not in {c.leaf_sha256 for c in chains.values()}:
                chains[key_type] = chain
    if not chains:
        return _default_chain(run.results)
    return tuple(chains.values())


def _chains_seen(results: Sequence[ProbeResult]) -> dict[str, tuple[str, tuple[bytes, ...]]]:
    """key type -> (probe label, chain) of the first handshake that showed one: by the
    suite's authentication for TLS <= 1.2, by the leaf's key for TLS 1.3."""
    seen: dict[str, tuple[str, tuple[bytes, ...]]] = {}
    for r in results:
        if r.outcome is not Outcome.HANDSHAKE or not r.certificates or r.cipher_suite is None:
            continue
        if r.version == plans.TLS13:
            key_type = _leaf_key_type(r.certificates[0])
        else:
            key_type = {"ECDSA": "ecdsa", "RSA": "rsa"}.get(si.auth(r.cipher_suite))
        if key_type is not None:
            seen.setdefault(key_type, (r.label, r.certificates))
    return seen


def _leaf_key_type(der: bytes) -> str | None:
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import ec, rsa

    try:
        key = x509.load_der_x509_certificate(der).public_key()
    except (ValueError, TypeError):
        return None
    if isinstance(key, ec.EllipticCurvePublicKey):
        return "ecdsa"
    return "rsa" if isinstance(key, rsa.RSAPublicKey) else None


def _leaf(r: ProbeResult | None) -> str | None:
    if r is None or r.outcome is not Outcome.HANDSHAKE or not r.certificates:
        return None
    return CertChain(key_type="", label="", certificates=r.certificates).leaf_sha256


async def _sni(run: _TargetRun, top: int, suites: tuple[int, ...]) -> SniBehaviour:
    base = plans.HelloPlan(label="sni", versions=(top,), cipher_suites=suites)
    name = run.target.sni
    # Without a name every hello so far went without SNI: any handshake at the top
    # version already is the answer.
    without = None if name else next(
        (r for r in run.results if r.outcome is Outcome.HANDSHAKE and r.certificates
         and r.version == top and r.offer.sni is None), None)
    if without is None:
        without = await run.run(dataclasses.replace(base, label="no-sni", sni=False))
    with_r = None
    if name:
        with_r = next((r for r in run.results if r.outcome is Outcome.HANDSHAKE
                       and r.certificates and r.offer.sni == name), None)
        if with_r is None:
            with_r = await run.run(dataclasses.replace(base, label="with-sni", sni=True))
    how = without.outcome.value
    if without.alert is not None:
        how = f"alert {si.alert_name(without.alert[1])}"
    a, b = _leaf(with_r), _leaf(without)
    required = None
    if name and with_r is not None and with_r.ok:
        required = not without.ok
    return SniBehaviour(name=name, with_sni=a, without_sni=b, without_sni_outcome=how,
                        required=required,
                        same_certificate=(a == b) if a is not None and b is not None else None)


def _features_plan(version: int, suites: tuple[int, ...]) -> plans.HelloPlan:
    return plans.HelloPlan(label="features+alpn", versions=(version,), cipher_suites=suites,
                           alpn=plans.ALPN_PROTOCOLS, features=True)


# The features hello also asks two intolerance questions (legacy_version 0x0304 without
# supported_versions, RFC 8446 §4.1.2 and D.1; a large hello): a correct server answers
# all three at once. In a full scan these ride on a TLS 1.2 enumeration hello, and the
# future-version question on a TLS 1.3 one (plans.Fold): no connection of their own.
COMBINED_LABEL = "features+large-hello+legacy-0x0304"
_COMBINED_FOLD = {"alpn": plans.ALPN_PROTOCOLS, "features": True,
                  "padding_to": plans.LARGE_HELLO, "legacy_version": plans.TLS13}
FUTURE_LABEL = "future-version"
_FUTURE_FOLD = {"versions": (plans.FUTURE_VERSION, plans.TLS13), "supported_versions_ext": True}


@dataclass(frozen=True, slots=True, kw_only=True)
class Carried:
    """Answers that enumeration hellos carried (plans.Fold): None = ask on its own."""

    combined: ProbeResult | None = None  # features + large hello + legacy_version 0x0304
    future: ProbeResult | None = None  # a future version in supported_versions


async def _features(run: _TargetRun, version: int, suites: tuple[int, ...],
                    answer: ProbeResult | None = None) -> Features:
    """What one hello shows (``answer``: a features hello already made)."""
    plan = _features_plan(version, suites)
    r = answer if answer is not None else await run.run(plan)
    alpn: tuple[str, ...] | None = None
    if r.outcome is Outcome.HANDSHAKE:
        alpn = (r.alpn,) if r.alpn else ()
        if r.alpn == "h2":
            r2 = await run.run(dataclasses.replace(plan, label="alpn http/1.1",
                                                   alpn=("http/1.1",), features=False))
            if r2.outcome is Outcome.HANDSHAKE and r2.alpn:
                alpn = ("h2", r2.alpn)
    elif r.alert is not None and r.alert[1] == 120:  # no_application_protocol, RFC 7301 §3.2
        alpn = ()
    ok = r.outcome is Outcome.HANDSHAKE
    legacy = ok and version != plans.TLS13
    return Features(
        secure_renegotiation=r.secure_renegotiation if legacy else None,
        extended_master_secret=r.extended_master_secret if legacy else None,
        session_ticket=r.session_ticket if ok else None,
        compression=(r.compression not in (None, 0)) if legacy else None,
        alpn=alpn, ocsp_stapling=(r.ocsp_staple is not None) if ok else None)


async def _features_and_intolerance(run: _TargetRun, top: int, legacy_top: int | None,
                                    found: Mapping[int, tuple[int, ...]], carried: Carried
                                    ) -> tuple[Features, Intolerance]:
    """Features and intolerance from one combined hello (or the one an enumeration hello
    carried) plus the future-version hello. Only when the combined one fails is each of
    its questions asked on its own, so a failure is still pinned on the right one."""
    version = legacy_top or top
    hellos = _intolerance_plans(top, found)
    labels = {p.label for p in hellos}
    combined = dataclasses.replace(
        _features_plan(version, found[version]), label="features+large-hello",
        padding_to=plans.LARGE_HELLO)
    if "legacy-0x0304" in labels:  # same version as the features hello: TLS <= 1.2
        combined = dataclasses.replace(combined, label=COMBINED_LABEL,
                                       legacy_version=plans.TLS13)
    future = next(p for p in hellos if p.label == FUTURE_LABEL)
    first, fut = await asyncio.gather(
        _answer(run, carried.combined if version == plans.TLS12 else None, combined),
        _answer(run, carried.future, future))
    if first.ok:
        answered = {label: first for label in labels - {FUTURE_LABEL}}
        feats = await _features(run, version, found[version], answer=first)
        return feats, _intolerance_from({**answered, FUTURE_LABEL: fut}, found)
    rest = [p for p in hellos if p.label != FUTURE_LABEL]
    feats, results = await asyncio.gather(_features(run, version, found[version]),
                                          asyncio.gather(*(run.run(p) for p in rest)))
    by = {p.label: r for p, r in zip(rest, results, strict=True)}
    return feats, _intolerance_from({**by, FUTURE_LABEL: fut}, found)


async def _answer(run: _TargetRun, carried: ProbeResult | None,
                  plan: plans.HelloPlan) -> ProbeResult:
    return carried if carried is not None else await run.run(plan)


async def _fallback(run: _TargetRun, enums: Mapping[int, plans.SuiteEnumeration]
                    ) -> bool | None:
    """RFC 7507: offer a lower version than the best with TLS_FALLBACK_SCSV; a server
    that honours it answers inappropriate_fallback. Asked as soon as every version is
    known to be accepted or not, with the suites accepted at that version so far."""
    await asyncio.gather(*(run.known[v].wait() for v in plans.VERSIONS))
    tls = [v for v in (plans.TLS13, plans.TLS12, plans.TLS11, plans.TLS10, plans.SSL3)
           if enums[v].accepted_version]
    if len(tls) < 2:
        return None
    lower = tls[1]
    plan = plans.HelloPlan(label="fallback-scsv", versions=(lower,),
                           cipher_suites=tuple(s for s in enums[lower].accepted if s <= 0xFFFF),
                           fallback_scsv=True)
    r = await run.run(plan)
    if r.alert is not None and r.alert[1] == ALERT_INAPPROPRIATE_FALLBACK:
        return True
    if r.outcome is Outcome.HANDSHAKE:
        return False
    return None


def _intolerance_plans(top: int, found: Mapping[int, tuple[int, ...]]) -> list[plans.HelloPlan]:
    """Hellos a correct server must accept: a future version, legacy_version 0x0304 without
    supported_versions (RFC 8446 §4.1.2, D.1), and a large hello."""
    suites = tuple(dict.fromkeys(s for v in found for s in found[v]))
    real = tuple(v for v in (plans.TLS13, plans.TLS12) if v in found) or (top,)
    hellos = [plans.HelloPlan(label=FUTURE_LABEL, versions=(plans.FUTURE_VERSION, *real),
                              cipher_suites=suites, supported_versions_ext=True)]
    legacy = [v for v in (plans.TLS12, plans.TLS11, plans.TLS10) if v in found]
    if legacy:
        hellos.append(plans.HelloPlan(label="legacy-0x0304", versions=(legacy[0],),
                                      cipher_suites=found[legacy[0]],
                                      legacy_version=plans.TLS13))
    hellos.append(plans.HelloPlan(label="large-hello", versions=(top,),
                                  cipher_suites=found[top], padding_to=plans.LARGE_HELLO))
    return hellos


async def _intolerance(run: _TargetRun, top: int, found: Mapping[int, tuple[int, ...]],
                       future: ProbeResult | None) -> Intolerance:
    """Each intolerance hello (``future``: the future-version answer a TLS 1.3
    enumeration hello carried)."""
    hellos = _intolerance_plans(top, found)
    results = await asyncio.gather(*(_answer(run, future if p.label == FUTURE_LABEL else None,
                                             p) for p in hellos))
    return _intolerance_from({p.label: r for p, r in zip(hellos, results, strict=True)}, found)


def _intolerance_from(by: Mapping[str, ProbeResult],
                      found: Mapping[int, tuple[int, ...]]) -> Intolerance:
    notes = []
    fut = by[FUTURE_LABEL]
    future_bad = not fut.ok
    if fut.ok and fut.version is not None and fut.version != max(found):
        notes.append(f"with a future version offered the server chose 0x{fut.version:04X}, "
                     f"not 0x{max(found):04X}")
    if fut.ok and fut.version == plans.FUTURE_VERSION:
        notes.append("the server claimed to negotiate a version that does not exist")
        future_bad = True
    leg = by.get("legacy-0x0304")
    large = by["large-hello"]
    return Intolerance(future_version=future_bad,
                       legacy_version_0304=None if leg is None else not leg.ok,
                       large_hello=not large.ok, notes=tuple(notes))


def _coerce_targets(targets: Iterable[str | Target] | str | Target, *, sni: str | None,
                    no_sni: bool, connect: str | None, starttls: str | None) -> list[Target]:
    if isinstance(targets, (str, Target)):
        targets = [targets]
    out = [t if isinstance(t, Target) else
           parse_target(t, sni=sni, no_sni=no_sni, connect=connect, starttls=starttls)
           for t in targets]
    if not out:
        raise UsageError("no target to scan")
    if len(out) > MAX_TARGETS:
        raise UsageError(f"too many targets ({len(out)}); at most {MAX_TARGETS} per scan")
    return out


def _facts_for(cert_facts: Any, target: Target) -> CertFacts | None:
    if cert_facts is None or isinstance(cert_facts, CertFacts) or hasattr(cert_facts, "verified"):
        return CertFacts.coerce(cert_facts)
    if isinstance(cert_facts, Mapping):
        if any(k in CertFacts.__slots__ for k in cert_facts):  # one set for every target
            return CertFacts.coerce(cert_facts)
        for key in (str(target), target.host):
            if key in cert_facts:
                return CertFacts.coerce(cert_facts[key])
        return None
    raise UsageError("cert_facts must be a CertFacts, a mapping of its fields, "
                     "or a mapping of target -> those")


async def scan_async(targets: Iterable[str | Target] | str | Target, *,
                     options: ProbeOptions | None = None,
                     checks: Iterable[str] | None = None,
                     cert_facts: Any = None,
                     progress: ProgressCallback | None = None,
                     max_parallel_targets: int = 16,
                     sni: str | None = None, no_sni: bool = False, connect: str | None = None,
                     starttls: str | None = None, proxy: str | None = None,
                     timeout: float | None = None, delay: float | None = None) -> ScanReport:
    """Scan every target concurrently (each with its own per-host limits).

    ``targets``: "host[:port]" / URL strings (parsed with ``sni``, ``no_sni``, ``connect``,
    ``starttls``) or Targets. ``options``: the prober's settings; without it ``timeout``,
    ``delay`` and ``proxy`` build one with a scan-sized budget. ``checks``: a subset of
    ``CHECKS`` (default all); without "suites" one hello per version only says whether it
    is accepted. ``cert_facts``: the caller's certificate conclusions (trust, hostname) for
    the grade's T / M caps: a CertFacts, a mapping of its fields, pki's ChainReport, or a
    mapping "host:port" -> one of those. ``progress`` is called after every probe.
    Never raises for server behaviour; bad arguments raise UsageError / TargetError.
    """
    chosen = frozenset(CHECKS if checks is None else checks)
    unknown = chosen - set(CHECKS)
    if unknown:
        raise UsageError(f"unknown scan check(s): {', '.join(sorted(unknown))}; "
                         f"known: {', '.join(CHECKS)}")
    if not 1 <= max_parallel_targets <= 256:
        raise UsageError("max_parallel_targets must be between 1 and 256")
    if options is None:
        # A full map of a server with every legacy suite needs ~350 hellos; diagnose's
        # default budget is sized for a diagnosis, so scans get their own.
        kw: dict[str, Any] = {"max_handshakes": SCAN_BUDGET, "proxy": proxy}
        if timeout is not None:
            timeout = check.timeout(timeout)
            kw.update(connect_timeout=timeout, read_timeout=timeout)
        if delay is not None:
            kw["delay"] = check.delay(delay)
        options = ProbeOptions(**kw)
    tlist = _coerce_targets(targets, sni=check.sni(sni, no_sni), no_sni=no_sni,
                            connect=check.connect(connect), starttls=starttls)
    start = time.monotonic()
    gate = asyncio.Semaphore(max_parallel_targets)
    opts = options

    async def one(t: Target) -> TargetScan:
        async with gate:
            return await _scan_one(t, opts, chosen, _facts_for(cert_facts, t), progress)

    scans = await asyncio.gather(*(one(t) for t in tlist))
    return ScanReport(targets=tuple(scans), handshakes=sum(s.handshakes for s in scans),
                      seconds=time.monotonic() - start)


def scan(targets: Iterable[str | Target] | str | Target, **options: Any) -> ScanReport:
    """Synchronous twin of :func:`scan_async` (runs its own event loop)."""
    return run_sync(scan_async(targets, **options))
