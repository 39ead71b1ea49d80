"""One captured connection as evidence: the same Exchange type a probe makes.

``pcap_tls`` records what each side said; this turns it into an Exchange (what the
client offered, what came back, alerts with their sender, the TCP story) and an
Evidence (the chain judged at capture time), for the same rules that judge a live
diagnosis. Nothing here decides a cause.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from ..evidence import Evidence, Probe, Source
from ..pki.chain import ChainFacts
from ..probe.outcome import AlertSeen, CertRequest, Exchange, Offer, Outcome, Transport
from ..probe.target import Target
from ..wire.hello import ClientHello
from .pcap_tls import ConnState

if TYPE_CHECKING:  # the chain checks load cryptography: only for a capture's certificates
    from ..pki.trust import TrustStores

_PLAINTEXT = ("http", "plaintext")


@dataclass(frozen=True, slots=True, kw_only=True)
class Sides:
    """Who is who in one TCP connection, and what TCP did."""

    client_is_a: bool
    server_ip: str
    server_port: int
    reset_by: str | None
    reset_packet: int
    reset_injected: bool
    closed_by: tuple[str, ...]
    server_bytes: int
    syn_answer: str | None = None  # see probe.outcome.Transport
    syns: int = 0  # SYNs the client sent (retransmissions included)
    waited: float = 0.0  # seconds from the first SYN to the answer, or to the capture's end

    def role(self, from_a: bool) -> str:
        return "client" if from_a == self.client_is_a else "server"


_new = object.__new__
# Each field's slot setter: what the frozen class's generated __init__ reaches through
# object.__setattr__ (as tcp._event does for its events).
(_CLIENT_IS_A, _SERVER_IP, _SERVER_PORT, _RESET_BY, _RESET_PACKET, _RESET_INJECTED,
 _CLOSED_BY, _SERVER_BYTES, _SYN_ANSWER, _SYNS, _WAITED) = (
    Sides.__dict__[name].__set__ for name in (
        "client_is_a", "server_ip", "server_port", "reset_by", "reset_packet",
        "reset_injected", "closed_by", "server_bytes", "syn_answer", "syns", "waited"))


def sides_of(client_is_a: bool, server_ip: str, server_port: int, reset_by: str | None,
             reset_packet: int, reset_injected: bool, closed_by: tuple[str, ...],
             server_bytes: int, syn_answer: str | None, syns: int, waited: float) -> Sides:
    """``Sides(client_is_a=client_is_a, ...)`` made as its generated ``__init__`` makes
    it, each field set through its slot, without the keyword call and the frozen class's
    ``object.__setattr__`` lookups (one per connection: ~1.4 us against ~0.6)."""
    made = _new(Sides)
    _CLIENT_IS_A(made, client_is_a)
    _SERVER_IP(made, server_ip)
    _SERVER_PORT(made, server_port)
    _RESET_BY(made, reset_by)
    _RESET_PACKET(made, reset_packet)
    _RESET_INJECTED(made, reset_injected)
    _CLOSED_BY(made, closed_by)
    _SERVER_BYTES(made, server_bytes)
    _SYN_ANSWER(made, syn_answer)
    _SYNS(made, syns)
    _WAITED(made, waited)
    return made


def exchange(st: ConnState, sides: Sides) -> Exchange:
    """The connection's handshake as an Exchange (label "capture")."""
    alerts = tuple(AlertSeen(by=sides.role(a.from_a), level=a.level, description=a.description,
                             after=a.after, packet=a.number) for a in st.alerts)
    server_kind = st.kinds.get(not sides.client_is_a)
    client_kind = st.kinds.get(sides.client_is_a)
    ch, sh = st.client_hello, st.server_hello
    server_alert = next((a for a in alerts if a.by == "server"), None)
    extra: dict[str, object] = {}
    if ch is None and client_kind in _PLAINTEXT and server_kind in ("tls", "sslv2"):
        extra["client_spoke"] = client_kind
    if sides.syn_answer in ("none", "rst"):
        extra["syns"] = sides.syns
    req = st.cert_request
    return Exchange(
        label=Probe.CAPTURE, offer=_offer(ch), outcome=_outcome(st, sides, server_kind),
        seconds=sides.waited if sides.syn_answer in ("none", "rst") else 0.0,
        version=sh.version if sh is not None and not sh.is_hello_retry_request else None,
        cipher_suite=sh.cipher_suite if sh is not None else None,
        alert=(server_alert.level, server_alert.description) if server_alert else None,
        certificates=st.server_certs, ocsp_staple=st.ocsp_staple,
        cert_request=CertRequest(ca_names=tuple(req.ca_names)) if req is not None else None,
        alpn=sh.alpn if sh is not None else None,
        plaintext=st.samples.get(not sides.client_is_a, b"") if server_kind in _PLAINTEXT else b"",
        alerts=alerts, client_certificates=st.client_cert_count,
        complete=st.handshake_complete(), client_data=st.client_data_bytes,
        transport=Transport(reset_by=sides.reset_by, reset_packet=sides.reset_packet,
                            reset_injected=sides.reset_injected, closed_by=sides.closed_by,
                            ended=bool(sides.reset_by or sides.closed_by),
                            server_bytes=sides.server_bytes, syn_answer=sides.syn_answer),
        encrypted_client=tuple(st.enc_records_a if sides.client_is_a else st.enc_records_b),
        encrypted_server=tuple(st.enc_records_b if sides.client_is_a else st.enc_records_a),
        extra=extra)


_NO_OFFER = Offer(versions=(), cipher_suites=())
# id(hello) -> (the hello, its Offer): hellos of one shape are one object (hello_cache),
# and the hello is kept here so its id is not reused while the entry lives.
_OFFERS: dict[int, tuple[ClientHello, Offer]] = {}


def _offer(ch: ClientHello | None) -> Offer:
    if ch is None:
        return _NO_OFFER
    got = _OFFERS.get(id(ch))
    if got is not None and got[0] is ch:
        return got[1]
    offer = Offer(versions=tuple(v for v in ch.versions if v in (2, 0x0300, 0x0301, 0x0302,
                                                                0x0303, 0x0304)),
                  cipher_suites=tuple(s for s in ch.cipher_suites if s <= 0xFFFF),
                  groups=ch.groups, signature_algorithms=ch.signature_algorithms, sni=ch.sni,
                  alpn=ch.alpn)
    if len(_OFFERS) >= 4096:
        _OFFERS.clear()
    _OFFERS[id(ch)] = (ch, offer)
    return offer


def _outcome(st: ConnState, sides: Sides, server_kind: str | None) -> Outcome:
    if sides.syn_answer == "none":
        return Outcome.CONNECT_TIMEOUT  # no SYN-ACK: TCP never opened
    if sides.syn_answer == "rst":
        return Outcome.REFUSED
    if st.server_hello is not None:
        return Outcome.HELLO_RETRY if st.server_hello.is_hello_retry_request and \
            st.version is None else Outcome.HANDSHAKE
    if server_kind in _PLAINTEXT:
        return Outcome.PLAINTEXT
    if any(a.from_a != sides.client_is_a for a in st.alerts):
        return Outcome.ALERT
    if sides.reset_by == "server":
        return Outcome.RESET
    if "server" in sides.closed_by:
        return Outcome.CLOSED
    return Outcome.TIMEOUT


def evidence(ex: Exchange, sides: Sides, when: float, *, stores: Callable[[], TrustStores],
             seen_suites: frozenset[int] = frozenset(),
             seen_versions: frozenset[int] = frozenset()) -> Evidence:
    """The capture's evidence for one connection, certificates judged at ``when``.

    Judged at the minute (``now`` and the chain alike): certificate validity does not turn
    within it, and connections of the same minute then have the same evidence, judged
    once (ingest.judge_cache)."""
    sni = ex.offer.sni
    target = Target(host=sni or sides.server_ip, port=sides.server_port, sni=sni,
                    connect=sides.server_ip)
    minute = int(when) // 60
    chain = (_chain(ex.certificates, ex.ocsp_staple, sni, minute, stores)
             if ex.certificates else None)
    return Evidence(now=_minute(minute), source=Source.CAPTURE, target=target,
                    probes=(ex,), chain=chain, chain_source=Probe.CAPTURE,
                    seen_suites=seen_suites, seen_versions=seen_versions)


@lru_cache(maxsize=1024)
def _minute(minute: int) -> datetime:
    return datetime.fromtimestamp(minute * 60, UTC)


@lru_cache(maxsize=256)  # a capture repeats the same chain in every connection to a server
def _chain(certs: tuple[bytes, ...], staple: bytes | None, sni: str | None, minute: int,
           stores: Callable[[], TrustStores]) -> ChainFacts:
    from ..pki.analyze import analyze_chain  # cryptography: only when a chain is read

    # No fetcher: a capture is judged offline, as it was at the time.
    return analyze_chain(certs, hostname=sni, now=_minute(minute),
                         stores=stores(), fetcher=None, stapled_ocsp=staple,
                         served_sni=sni is not None)
