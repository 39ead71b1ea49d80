"""The doctor's probe plan: reproduce the client's failure, then isolate the cause.

Each probe is chosen from the results so far and the plan stops as soon as the
cause is proven (SPEC budget: a failing diagnosis in <= 12 handshakes, a healthy
server with its risk checks in <= 10). Diagnosis itself (rules) never touches
the network: this module gathers Evidence, ``diagnosis.engine`` judges it.
"""

from __future__ import annotations

import asyncio
import functools
import os
import re
import ssl
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from .clients.local import local_profile, security_level
from .clients.openssl_conf import narrowing_lines
from .clients.profile import SSL2, SSL3, TLS10, TLS11, TLS12, TLS13, ClientProfile
from .evidence import UNRECOGNIZED_NAME, VERSION_FLOOR, Evidence, LocalFacts, Probe, Statement
from .ingest.messages import find_matches, statements
from .ingest.patterns import LOCAL_MODULES
from .pki.analyze import analyze_chain, leaf_out_of_date
from .pki.chain import ChainFacts
from .pki.fetch import Fetcher, Scope
from .pki.trust import TrustStores, load_trust_stores
from .probe.budget import ProbeOptions, Prober
from .probe.handshake import run_probe
from .probe.outcome import Outcome, ProbeResult
from .probe.reproduce import Reproduction, make_context, reproduce
from .probe.target import Target
from .wire.hello import SIGNALLING_SUITES, ClientHelloSpec
from .wire.registry import AlertDescription, name_of
from .wire.suites import CIPHER_SUITES, CipherSuite, insecure

# A name no server is configured for: a server (or filter) that answers it but not the
# user's name is choosing by SNI. ".invalid" is reserved (RFC 2606 §2).
NEUTRAL_SNI = "tlsdoctor-neutral.invalid"
_INTERNAL_ERROR = 80  # AlertDescription.internal_error

ALL_GROUPS = (0x001D, 0x0017, 0x0018, 0x0019, 0x001E, 0x0100, 0x0101, 0x0102, 0x0103,
              0x0104, 0x001A, 0x001B, 0x001C, 0x11EC, 0x11EB, 0x11ED, 0x0016, 0x0015, 0x0013, 0x0012)
# The DHE probe lists no finite-field group (RFC 7919 §2: 0x0100-0x01FF): a server that
# honours them would answer with one and hide the group it gives every client that lists
# none (scanner/engine.py DEFAULT_GROUPS leaves them out for the same reason).
def _is_ffdhe(group: int) -> bool:
    return 0x0100 <= group <= 0x01FF


_NO_FFDHE = tuple(g for g in ALL_GROUPS if not _is_ffdhe(g))
# Groups we can compute a key share for (tlsdoctor.wire.tls13): one share is sent, for
# the client's first such group, as browsers do; others are reached via HelloRetryRequest.
KEY_SHARE_GROUPS = (0x001D, 0x0017, 0x0018)
ALL_SIGALGS = (0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806, 0x0809,
               0x080A, 0x080B, 0x0401, 0x0501, 0x0601, 0x0203, 0x0201, 0x0303, 0x0301,
               0x0402, 0x0502, 0x0602, 0x0202, 0x0302, 0x0101, 0x0102)


def _suites(pred: object = None, *, tls13: bool = False) -> tuple[int, ...]:
    """Known suites (SCSVs excluded), strongest kinds first so a server that follows the
    client's order picks a representative one. ECDHE comes before DHE, as in OpenSSL's
    DEFAULT list and every browser: a server that lists DHE but has no DH parameters
    (Dovecot 2.3 without ssl_dh) fails a client that asks for DHE first, which no real
    client does."""
    out: list[CipherSuite] = []
    for s in CIPHER_SUITES.values():
        # SCSVs signal, and TLS_NULL_WITH_NULL_NULL must never be negotiated (RFC 5246 §A.5).
        if (s.code == 0x0000 or s.code in SIGNALLING_SUITES or s.code > 0xFFFF or s.protocol == "SSL2"
                or not s.iana):  # unregistered code points: a server choosing one is broken
            continue
        if (s.protocol == "TLS1.3") != tls13:
            continue
        if pred is None or pred(s):  # type: ignore[operator]
            out.append(s)
    out.sort(key=lambda s: (not s.aead, not s.pfs, s.kx != "ECDHE", s.export or s.null or s.anon,
                          -(s.bits or 0)))
    return tuple(s.code for s in out)


_is_insecure = insecure  # the wire table's one definition (wire.suites.insecure)


def _is_non_pfs(s: CipherSuite) -> bool:
    return not s.pfs and not insecure(s) and s.kx in ("RSA", "DH", "ECDH")


def _spec(versions: Sequence[int], suites: Sequence[int], *, sni: str | None,
          groups: Sequence[int] = ALL_GROUPS, sigalgs: Sequence[int] = ALL_SIGALGS,
          alpn: Sequence[str] = (), ems: bool = True) -> ClientHelloSpec:
    shareable = [g for g in groups if g in KEY_SHARE_GROUPS]
    return ClientHelloSpec(versions=tuple(versions), cipher_suites=tuple(suites),
                           groups=tuple(groups), signature_algorithms=tuple(sigalgs),
                           sni=sni, alpn=tuple(alpn), ocsp_stapling=True,
                           key_share_groups=tuple(shareable[:1]), extended_master_secret=ems)


def client_spec(client: ClientProfile, target: Target) -> ClientHelloSpec:
    # The profile's groups go out as listed, FFDHE ones included, and the server decides
    # with them: JSSE gives a TLS 1.2 DHE client that lists an FFDHE group that group,
    # before jdk.tls.ephemeralDHKeySize (openjdk/jdk @ 0827b24f8cd6 DHKeyExchange.java,
    # DHEPossessionGenerator.createPossession); OpenSSL's server sends its own DH
    # parameters whatever the client lists (nodejs/node @ 0db62db04835, its OpenSSL copy's
    # ssl/statem/statem_srvr.c tls_construct_server_key_exchange). Both measured in
    # tests/clients/test_dhe_groups.py: a profile missing its program's groups mispredicts.
    # extended_master_secret is sent as the client does (a server may require it); a
    # stapling request always is: no server refuses a client for not asking (RFC 6066 §8),
    # and the stapled answer is evidence about the server.
    return _spec(client.versions, client.cipher_suites,
                 sni=target.sni if client.sni else None, groups=client.groups,
                 sigalgs=client.signature_algorithms or ALL_SIGALGS, alpn=client.alpn,
                 ems=client.extended_master_secret is not False)


def wide_spec(sni: str | None) -> ClientHelloSpec:
    return _spec((TLS13, TLS12, TLS11, TLS10, SSL3), _suites(tls13=True) + _suites(), sni=sni)


# The level comes from the OpenSSL configuration, read once per process; asking costs a
# default context with the whole system store (~50 ms), once per diagnosis otherwise,
# which dominated ``diagnose --all-clients`` (41 diagnoses).
# A bare client context has the same level (OpenSSL applies its configuration to every
# new context) without loading the system store, which create_default_context does.
_security_level = functools.cache(lambda: security_level(ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)))


def local_facts(target: Target, now: datetime) -> LocalFacts:
    proxies: list[tuple[str, str]] = []
    no_proxy = os.environ.get("NO_PROXY", os.environ.get("no_proxy", ""))
    bypass = any(p.strip() and (target.host.endswith(p.strip().lstrip(".")) or p.strip() == "*")
                 for p in no_proxy.split(","))
    if not bypass:
        for var in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
            if os.environ.get(var):
                proxies.append((var, os.environ[var]))
    broken = []
    for var, check in (("SSL_CERT_FILE", os.path.isfile), ("SSL_CERT_DIR", os.path.isdir),
                       ("REQUESTS_CA_BUNDLE", os.path.isfile), ("CURL_CA_BUNDLE", os.path.isfile)):
        path = os.environ.get(var)
        if path and not check(path):
            broken.append((var, path))
    return LocalFacts(openssl=ssl.OPENSSL_VERSION, security_level=_security_level(),
                      proxy_env=tuple(proxies), broken_ca_env=tuple(broken), clock=now,
                      openssl_conf=_narrowing_lines())


# Read once per process, like the security level: OpenSSL itself reads it once at start.
_narrowing_lines = functools.cache(narrowing_lines)


# The probes that offer no name or a name nobody serves: a name-based server or an SNI
# allow-list resets such a hello by configuration, so its reset answers the question
# ("does the name decide?"), it is not a host pushing back (see probe.budget). Counted
# as pushback, the name pair alone made every intolerant middlebox pause 0.2 s before
# the small hello that proves it.
_NAME_QUESTIONS = frozenset({Probe.NO_SNI, Probe.NEUTRAL_SNI, Probe.DEFAULT_CERT})


class _Run:
    """One diagnosis: the prober (budget, concurrency) and the probes made so far."""

    def __init__(self, target: Target, options: ProbeOptions) -> None:
        self.target = target
        self.prober = Prober(options)
        self.results: list[ProbeResult] = []
        self.extra_handshakes = 0  # real-stack handshakes (reproduction) are counted too

    async def probe(self, spec: ClientHelloSpec, label: str) -> ProbeResult:
        # A HelloRetryRequest is answered as real clients do: a server whose groups leave
        # out the hello's first share (vsftpd, nginx's ssl_ecdh_curve secp384r1) must still
        # show its certificate, or its chain goes unchecked.
        result = await run_probe(self.prober, self.target, spec, label=label,
                                 reset_is_answer=label in _NAME_QUESTIONS, retry_on_hrr=True)
        self.results.append(result)
        return result

    async def many(self, specs: Sequence[tuple[ClientHelloSpec, str]]) -> list[ProbeResult]:
        """Concurrently; kept in the order asked, not the order answered, so the same
        server gives the same report every time."""
        results = list(await asyncio.gather(
            *(run_probe(self.prober, self.target, s, label=label,
                        reset_is_answer=label in _NAME_QUESTIONS, retry_on_hrr=True)
              for s, label in specs)))
        self.results.extend(results)
        return results


async def _isolate(run: _Run, client: ClientProfile, base: ProbeResult) -> None:
    """The baseline failed: vary one thing at a time until one variant works."""
    target = run.target
    if base.outcome in (Outcome.DNS_FAILURE, Outcome.UNREACHABLE, Outcome.REFUSED,
                        Outcome.CONNECT_TIMEOUT, Outcome.PLAINTEXT, Outcome.GARBAGE,
                        Outcome.STARTTLS_FAILED, Outcome.PROXY_FAILED):
        return  # the connection itself says it all
    sni = base.offer.sni
    if base.outcome is Outcome.TIMEOUT:
        # Silence costs a whole read timeout per probe: ask the questions that tell a
        # black hole from a filter (any hello? another name? a small one?) all at once,
        # so a silent path costs two timeouts, not five.
        await run.many(_silent_variants(target, sni))
        return
    wide = await run.probe(wide_spec(sni), Probe.WIDE)
    if wide.ok:
        await _version_floor(run, client, wide)
        return
    if sni is not None:
        no_sni, neutral = await run.many([(wide_spec(None), Probe.NO_SNI),
                                          (wide_spec(NEUTRAL_SNI), Probe.NEUTRAL_SNI)])
        if no_sni.ok or neutral.ok:
            return
    elif not target.is_ip:
        with_sni = await run.probe(wide_spec(target.host), Probe.WITH_SNI)
        if with_sni.ok:
            return
    elif wide.outcome is Outcome.ALERT and wide.alert is not None and \
            wide.alert[1] == UNRECOGNIZED_NAME:
        # By IP address, no name to try: the alert itself says "send a name" (RFC 6066 §3).
        return
    elif wide.outcome is Outcome.ALERT and wide.alert is not None and \
            wide.alert[1] == _INTERNAL_ERROR and \
            (await run.probe(wide_spec(NEUTRAL_SNI), Probe.NEUTRAL_SNI)).ok:
        # By IP address, internal_error: Go's GetCertificate failing for an empty name
        # sends it too. Does a name change the answer? (one handshake)
        return
    small = await run.probe(_small_spec(sni), Probe.SMALL)
    if small.ok:
        return
    await run.probe(_spec((SSL2,), (), sni=None), Probe.SSL2)


def _small_spec(sni: str | None) -> ClientHelloSpec:
    # The shape of a pre-2014 TLS 1.2 hello: well under 256 bytes (RFC 7685 §1), no 1.3.
    return _spec((TLS12,), (0xC02F, 0xC02B, 0x009C, 0x002F), sni=sni,
                 groups=(0x0017, 0x001D), sigalgs=(0x0401, 0x0403, 0x0804))


def _silent_variants(target: Target, sni: str | None) -> list[tuple[ClientHelloSpec, str]]:
    specs = [(wide_spec(sni), Probe.WIDE), (_small_spec(sni), Probe.SMALL)]
    if sni is not None:
        specs.append((wide_spec(NEUTRAL_SNI), Probe.NEUTRAL_SNI))
    elif not target.is_ip:
        specs.append((wide_spec(target.host), Probe.WITH_SNI))
    return specs


async def _version_floor(run: _Run, client: ClientProfile, wide: ProbeResult) -> None:
    """The server only speaks newer versions than the client: find its oldest one, so the
    finding says "requires TLS 1.2" rather than naming whatever the wide probe got."""
    if wide.version is None or not client.versions or wide.version <= max(client.versions):
        return
    # First the client's own versions with everything else wide: an Ed25519 or P-521
    # certificate makes a TLS 1.2 client fail for its signature schemes while the wide
    # probe, offering TLS 1.3, got through; that is no version mismatch.
    own = tuple(v for v in client.versions if v != SSL2)
    suites = _suites(tls13=True) + _suites() if TLS13 in own else _suites()
    if own and (await run.probe(_spec(own, suites, sni=wide.offer.sni),
                                Probe.CLIENT_VERSIONS)).ok:
        return
    newer = tuple(v for v in (TLS13, TLS12, TLS11, TLS10)
                  if max(client.versions) < v < wide.version)
    if not newer:
        return
    suites = _suites(tls13=True) + _suites() if TLS13 in newer else _suites()
    await run.probe(_spec(newer, suites, sni=wide.offer.sni), VERSION_FLOOR)


async def _risks(run: _Run, base: ProbeResult) -> None:
    """The handshake works: one probe per risk, each offering only the weak set."""
    sni = base.offer.sni
    specs = [
        (_spec((SSL2,), (), sni=None), Probe.SSL2),
        (_spec((TLS11, TLS10, SSL3), _suites(), sni=sni), Probe.OBSOLETE),
        (_spec((TLS12, TLS11, TLS10, SSL3), _suites(_is_insecure), sni=sni), Probe.INSECURE),
        (_spec((TLS12, TLS11, TLS10), _suites(_is_non_pfs), sni=sni), Probe.NON_PFS),
    ]
    chosen = CIPHER_SUITES.get(base.cipher_suite or -1)
    got_dhe = base.dh_bits is not None or (chosen is not None and chosen.kx == "DHE")
    # Also when this hello got DHE while listing FFDHE groups: the server may have used
    # one of them (JSSE does, see client_spec), and clients that list none get its own.
    if not got_dhe or any(_is_ffdhe(g) for g in base.offer.groups):
        dhe = _suites(lambda s: s.kx == "DHE" and not _is_insecure(s))
        specs.append((_spec((TLS12, TLS11, TLS10), dhe, sni=sni, groups=_NO_FFDHE), Probe.DHE))
    if sni is not None:
        specs.append((replace(client_spec_from(base), sni=None), Probe.DEFAULT_CERT))
    results = await run.many(specs)
    obsolete = results[1]
    if obsolete.ok and obsolete.version == TLS11:
        await run.probe(_spec((TLS10,), _suites(), sni=sni), Probe.TLS10)


def client_spec_from(base: ProbeResult) -> ClientHelloSpec:
    o = base.offer
    return _spec(o.versions, o.cipher_suites, sni=o.sni, groups=o.groups or ALL_GROUPS,
                 sigalgs=o.signature_algorithms or ALL_SIGALGS, alpn=o.alpn)


def _chain_probe(results: Sequence[ProbeResult]) -> ProbeResult | None:
    """Analyse the chain the user's own connection would get: the baseline's if it got one,
    else the first probe that used the same SNI."""
    base = results[0]
    if base.certificates:
        return base
    for p in results:
        if p.certificates and p.offer.sni == base.offer.sni:
            return p
    return None


async def gather_evidence(target: Target, *, client: ClientProfile | None = None,
                          options: ProbeOptions | None = None, ca_file: str | None = None,
                          now: datetime | None = None, warn_days: int = 30,
                          offline: bool = False, server_software: str | None = None,
                          stores: TrustStores | None = None,
                          risk_checks: bool = True) -> tuple[Evidence, int, float]:
    """Run the probe plan; returns the evidence, handshakes used and seconds taken.

    ``risk_checks=False`` skips the probes for risks of a working server (used when
    many clients are compared and only "can it connect, and why not" matters).
    """
    start = time.monotonic()
    client = client or local_profile()
    options = options or ProbeOptions()
    now = now or datetime.now(UTC)
    run = _Run(target, options)
    base = await run.probe(client_spec(client, target), Probe.BASELINE)
    # Read before any thread parses certificates (warnings.catch_warnings is not thread-safe).
    stale = bool(base.certificates) and leaf_out_of_date(base.certificates, now)
    ask = _ChainAsk(client=client, options=options, ca_file=ca_file, now=now,
                    warn_days=warn_days, offline=offline, stores=_Stores(stores, ca_file))
    repro: Reproduction | None = None
    if base.ok:
        # The real handshake goes first, alone: a TLS 1.3 server rejects a missing client
        # certificate only after the handshake, and a busy single-threaded server could
        # delay that alert past the read window.
        if _can_reproduce(client, target, options):
            # Its wait for an HTTP answer reads the trust stores meanwhile (when there is a
            # chain to judge: parsing the system store costs ~50 ms the first time).
            repro = await _reproduce(run, ca_file, options, on_handshake=ask.stores.start
                                     if base.certificates else None)
        if base.offer.sni is None and not target.is_ip:
            # The client sent no SNI (--no-sni, an old client): what would naming the host
            # get? A name-based server serves its default certificate without one.
            await run.probe(replace(client_spec_from(base), sni=target.host), Probe.WITH_SNI)
        if risk_checks:
            await _risks(run, base)
    else:
        await _isolate(run, client, base)
    found = await _chain_evidence(run, ask, repro, stale_base=stale)
    evidence = Evidence(target=target, client=client, now=now, local=local_facts(target, now),
                        probes=tuple(run.results), reproduction=repro, chain=found.chain,
                        chain_source=found.source, server_time=found.server_time,
                        chain_at_server_time=found.at_server,
                        server_software=_software(server_software, repro, base),
                        statements=found.statements)
    handshakes = len(run.results) + run.extra_handshakes
    return evidence, handshakes, time.monotonic() - start


class _Stores:
    """The trust stores: given, or read in a thread (started while a handshake waits for
    an answer, else when first needed: never on the event loop's thread, where a long
    read could outlast a wait whose answer had already come)."""

    def __init__(self, given: TrustStores | None, ca_file: str | None) -> None:
        self._given, self._ca_file = given, ca_file
        self._job: asyncio.Future[TrustStores] | None = None

    def start(self) -> None:
        if self._given is None and self._job is None:
            self._job = asyncio.ensure_future(asyncio.to_thread(load_trust_stores,
                                                                self._ca_file))

    async def get(self) -> TrustStores:
        if self._given is not None:
            return self._given
        self.start()
        assert self._job is not None
        return await self._job


@dataclass(frozen=True, slots=True, kw_only=True)
class _ChainAsk:
    """What judging the chain needs to know of the diagnosis."""

    client: ClientProfile
    options: ProbeOptions
    ca_file: str | None
    now: datetime
    warn_days: int
    offline: bool
    stores: _Stores


@dataclass(frozen=True, slots=True, kw_only=True)
class _ChainFound:
    chain: ChainFacts | None = None
    source: str = ""  # the label of the probe whose chain was judged
    server_time: datetime | None = None
    at_server: ChainFacts | None = None
    statements: tuple[Statement, ...] = ()


_Judged = tuple[ChainFacts, tuple[Statement, ...], TrustStores]


async def _chain_evidence(run: _Run, ask: _ChainAsk, repro: Reproduction | None, *,
                          stale_base: bool) -> _ChainFound:
    """The chain judged (now and, if the clocks differ, at the server's time) and the
    library's words, which need no chain but are read here to fill the clock peek's wait.
    ``stale_base``: the baseline's leaf is out of date."""
    source = _chain_probe(run.results)
    if source is None:
        return _ChainFound(statements=_library_words(run.results[0], repro))
    # Another probe's chain only when the baseline had none: then no thread is reading yet.
    stale = stale_base if source is run.results[0] else leaf_out_of_date(
        source.certificates, ask.now)
    can_peek = _can_reproduce(ask.client, run.target, ask.options) and (
        repro is None or repro.http_date is None)
    server_time = repro.http_date if repro is not None else None
    if can_peek and stale:
        # Certificates look out of date: ask the server for its clock (one more handshake,
        # verification off) so a wrong local clock can be told apart. Asked before the
        # chain is judged, which is done in a thread while the peek waits for a Date
        # header (a server not speaking HTTP never sends one: the whole wait).
        judging: list[asyncio.Future[_Judged]] = []
        peek = await _reproduce(run, ask.ca_file, ask.options, verify=False,
                                on_handshake=lambda: judging.append(asyncio.ensure_future(
                                    _judge_in_thread(run, ask, source, repro))))
        chain, words, stores = await (judging[0] if judging else
                                      _judge_in_thread(run, ask, source, repro))
        server_time = peek.http_date
    else:
        stores = await ask.stores.get()
        chain, words = _judge_chain(run, ask, source, stores, repro)
        if can_peek and _time_sensitive(chain):  # an intermediate or root out of date
            server_time = (await _reproduce(run, ask.ca_file, ask.options,
                                            verify=False)).http_date
    at_server = None
    if server_time is not None and abs((server_time - ask.now).total_seconds()) > 300:
        at_server = analyze_chain(source.certificates, hostname=run.target.host,
                                  now=server_time, stores=stores, warn_days=ask.warn_days,
                                  fetcher=None, stapled_ocsp=source.ocsp_staple)
    return _ChainFound(chain=chain, source=source.label, server_time=server_time,
                       at_server=at_server, statements=words)


async def _judge_in_thread(run: _Run, ask: _ChainAsk, source: ProbeResult,
                           repro: Reproduction | None) -> _Judged:
    stores = await ask.stores.get()
    chain, words = await asyncio.to_thread(_judge_chain, run, ask, source, stores, repro)
    return chain, words, stores


def _judge_chain(run: _Run, ask: _ChainAsk, source: ProbeResult, stores: TrustStores,
                 repro: Reproduction | None) -> tuple[ChainFacts, tuple[Statement, ...]]:
    """The chain of ``source`` at our clock, and the library's words (no I/O but AIA/OCSP
    fetches, which stay in scope: see pki.fetch)."""
    fetcher = None if ask.offline else Fetcher(scope=Scope(run.target.address))
    chosen = CIPHER_SUITES.get(source.cipher_suite) if source.cipher_suite is not None else None
    chain = analyze_chain(source.certificates, hostname=run.target.host, now=ask.now,
                          stores=stores, warn_days=ask.warn_days, fetcher=fetcher,
                          stapled_ocsp=source.ocsp_staple,
                          negotiated_kx=f"{chosen.kx}_{chosen.auth}" if chosen else None,
                          served_sni=source.offer.sni is not None)
    return chain, _library_words(run.results[0], repro)


async def _reproduce(run: _Run, ca_file: str | None, options: ProbeOptions, *,
                     verify: bool = True,
                     on_handshake: Callable[[], object] | None = None) -> Reproduction:
    run.extra_handshakes += 1
    # Through the prober like every other connection, so --delay, the per-host limit
    # and backoff hold for it too (issue 7: it opened 40 ms after the baseline).
    context = make_context(ca_file, verify=verify,  # the first is slow: before the slot
                           check_hostname=bool(run.target.sni))
    async with run.prober.slot(run.target):
        return await reproduce(run.target, ca_file=ca_file, verify=verify,
                               timeout=options.read_timeout, context=context,
                               listen_first=run.results[0].cert_request is not None,
                               on_handshake=on_handshake)


# HTTP Server header product tokens (RFC 9110 §10.2.4) -> the names fixes.snippets knows.
# Tokens as the projects send them: nginx "nginx/1.24.0", Apache httpd "Apache/2.4.58",
# LiteSpeed "LiteSpeed", Microsoft IIS "Microsoft-IIS/10.0", Caddy "Caddy", lighttpd
# "lighttpd/1.4.73", Tomcat/Coyote "Apache-Coyote/1.1", OpenResty "openresty".
_SERVER_TOKENS = (("apache-coyote", "tomcat"), ("microsoft-iis", "iis"), ("openresty", "nginx"),
                  ("nginx", "nginx"), ("apache", "apache"), ("caddy", "caddy"),
                  ("lighttpd", "lighttpd"), ("haproxy", "haproxy"))


# Tomcat 8.5+ sends no Server header unless its connector sets server= (Http11Processor
# prepareResponse), and no reason phrase: "HTTP/1.1 404 " then CRLF, the space kept
# (Http11OutputBuffer.sendStatus: "Skip sending the reason phrase"); apache/tomcat at 10.1.59
# (08382643a5aaf23bea2915ff88143aedbf8764f5), measured on Debian's tomcat10 10.1.60. Go's
# net/http, Node's http and Python's http.server write the phrase (and the servers above a
# Server header), so a status line without a phrase and without a Server header names Tomcat.


# STARTTLS greetings (the server speaks first, before TLS: read even when the handshake
# fails) -> the same names. Postfix: smtpd_banner's default "$myhostname ESMTP $mail_name",
# mail_name "Postfix" (postconf(5), Postfix 3.7.11); Dovecot: login_greeting's default
# "Dovecot ready." (Debian's build: "Dovecot (Debian) ready."), after "* OK [CAPABILITY ...]"
# (doveconf -d login_greeting, Dovecot 2.3.19.1). An operator can change either banner.
_GREETING_TOKENS = ((re.compile(r"^220[ -].*\bESMTP Postfix\b"), "postfix"),
                    (re.compile(r"^\* OK\b.*\bDovecot\b.*\bready\.?$"), "dovecot"))


def _software(given: str | None, repro: Reproduction | None,
              base: ProbeResult | None = None) -> str | None:
    """--server wins; else the product named by the Server header of the real handshake
    (Tomcat: by its status line, when there is no Server header), or by the STARTTLS
    greeting the baseline probe read."""
    if given:
        return given.strip().lower()
    header = (repro.server_header or "").lower() if repro is not None else ""
    named = next((name for token, name in _SERVER_TOKENS if header.startswith(token)), None)
    if named is None and not header and repro is not None and repro.http_reason == "":
        named = "tomcat"  # Tomcat's own status line (above _GREETING_TOKENS)
    greeting = base.extra.get("greeting") if base is not None else None
    if named is None and isinstance(greeting, str):
        named = next((name for pattern, name in _GREETING_TOKENS if pattern.search(greeting)),
                     None)
    return named


def _can_reproduce(client: ClientProfile, target: Target, options: ProbeOptions) -> bool:
    """The real-stack handshake speaks implicit TLS on a direct connection only; through
    STARTTLS or a proxy it would test a different path than the probes did."""
    return client.is_local and target.starttls is None and options.proxy is None


def _time_sensitive(chain: ChainFacts) -> bool:
    return any(v.state in ("expired", "not_yet_valid") for v in chain.validity)


def _library_words(base: ProbeResult, repro: Reproduction | None) -> tuple[Statement, ...]:
    """What the client library said about the failure, in its own words, recognised by the
    error tables: the judgement's last resort when no probe proves a cause."""
    if repro is not None and not repro.ok:
        text = repro.error or repro.after_handshake_error
    elif base.alert is not None:
        text = (f"received fatal alert: {name_of(AlertDescription, base.alert[1])} "
                f"(SSL alert number {base.alert[1]})")
    else:
        text = base.error
    if not text:
        return ()
    return statements(find_matches(text, server_side=False, modules=LOCAL_MODULES),
                      server_side=False)
