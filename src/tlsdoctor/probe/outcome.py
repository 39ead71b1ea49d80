"""One observed exchange (one ClientHello on one connection and what came back): a frozen,
complete record.

The same type whether tlsdoctor's prober made the exchange, a packet capture held it, or
``listen`` caught a real client: it is the contract between every source of handshake
evidence and the judgement above it (scan, diagnose, pcap, reports). ``None`` always
means "not seen / not applicable", never "false". ``ProbeResult`` is its historical name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Outcome(StrEnum):
    HANDSHAKE = "handshake"  # ServerHello (+ certificate flight) received: the server agreed
    HELLO_RETRY = "hello_retry"  # TLS 1.3 HelloRetryRequest, and no second try was made
    ALERT = "alert"  # the server answered with an alert
    REFUSED = "refused"  # TCP connection refused
    CONNECT_TIMEOUT = "connect_timeout"  # no answer to SYN (silent drop)
    RESET_BEFORE_REPLY = "reset_before_reply"  # RST right after connect, before we sent anything
    RESET = "reset"  # RST after the ClientHello, before any TLS reply
    CLOSED = "closed"  # clean EOF after the ClientHello, no reply
    TIMEOUT = "timeout"  # connected, ClientHello sent, silence until the read timeout
    PLAINTEXT = "plaintext"  # the port speaks a plaintext protocol (HTTP, SMTP banner...)
    GARBAGE = "garbage"  # bytes that are neither TLS nor a known plaintext protocol
    MALFORMED = "malformed"  # TLS, but a message that breaks the protocol (see ``error``)
    DNS_FAILURE = "dns_failure"  # the name does not resolve
    UNREACHABLE = "unreachable"  # no route / network unreachable
    STARTTLS_FAILED = "starttls_failed"  # the plaintext protocol refused STARTTLS
    PROXY_FAILED = "proxy_failed"  # the HTTP proxy refused CONNECT


@dataclass(frozen=True, slots=True, kw_only=True)
class Offer:
    """What the ClientHello offered (a summary, for reports and rules)."""

    versions: tuple[int, ...]  # protocol versions offered, highest first (0x0304...; 0x0002 = SSLv2)
    cipher_suites: tuple[int, ...]
    groups: tuple[int, ...] = ()
    signature_algorithms: tuple[int, ...] = ()
    sni: str | None = None
    alpn: tuple[str, ...] = ()
    size: int = 0  # bytes of the ClientHello handshake message


@dataclass(frozen=True, slots=True, kw_only=True)
class CertRequest:
    """The server asked for a client certificate."""

    ca_names: tuple[bytes, ...] = ()  # DER-encoded X.501 names of acceptable CAs
    signature_algorithms: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class AlertSeen:
    """An alert on the wire, with who sent it: the sender is the side that complains."""

    by: str  # "server" | "client"
    level: int  # 1 warning, 2 fatal
    description: int
    after: str = ""  # what the other side sent last ("ClientHello", "Certificate"...)
    packet: int = 0  # capture frame number; 0 for a probe

    @property
    def fatal(self) -> bool:
        return self.level == 2


@dataclass(frozen=True, slots=True, kw_only=True)
class Transport:
    """What TCP did around the exchange, as a capture shows it (a probe folds this into
    its Outcome): who reset or closed, and whether the connection ended in view."""

    reset_by: str | None = None  # "server" | "client"
    reset_packet: int = 0
    reset_injected: bool = False  # the RST's TTL/hop limit differs from the server's packets
    closed_by: tuple[str, ...] = ()  # sides that sent FIN
    ended: bool = True  # a FIN or RST was seen (not cut off by the end of the capture)
    server_bytes: int = 0  # bytes the server side sent
    # What answered the client's SYN: "syn-ack"; "rst" (refused: nothing listens);
    # "none" (no answer while the capture ran); None: the SYN is not in the capture.
    syn_answer: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Exchange:
    """One handshake as it went: what was offered, how it ended, what the server chose and sent."""
    label: str  # why this probe was made ("baseline", "tls1.0 only"), or "capture"
    offer: Offer
    outcome: Outcome
    seconds: float = 0.0
    version: int | None = None  # negotiated protocol version
    cipher_suite: int | None = None
    group: int | None = None  # key exchange group (key_share / ServerKeyExchange curve)
    dh_bits: int | None = None  # finite-field DH prime size from ServerKeyExchange
    dh_prime: bytes | None = field(default=None, repr=False)  # that prime, big-endian
    alert: tuple[int, int] | None = None  # (level, description) received
    # repr=False on the big byte fields: Python 3.11's asyncio.run repr()s the main task
    # (and so its result) when it restores the SIGINT handler, and a scan's report
    # printed whole with 360 copies of a 150 KB chain peaked at 200 MB of RSS (issue 7).
    certificates: tuple[bytes, ...] = field(default=(), repr=False)  # DER, as sent, in order
    # DER OCSPResponse from status_request / CertificateStatus
    ocsp_staple: bytes | None = field(default=None, repr=False)
    cert_request: CertRequest | None = None
    server_extensions: tuple[int, ...] = ()  # extension types in ServerHello/EncryptedExtensions
    hello_retry_group: int | None = None  # group asked for by a HelloRetryRequest
    alpn: str | None = None
    secure_renegotiation: bool | None = None
    extended_master_secret: bool | None = None
    session_ticket: bool | None = None
    compression: int | None = None
    downgrade_sentinel: bool = False  # ServerHello.random ends with the RFC 8446 §4.1.3 marker
    server_signature_scheme: int | None = None  # from CertificateVerify / ServerKeyExchange
    # That signature checked with the leaf certificate's public key (wire.signatures):
    # False = the server does not hold the certificate's key; None = not checked.
    server_signature_ok: bool | None = None
    plaintext: bytes = b""  # first bytes of a plaintext/garbage answer (untrusted)
    error: str = ""  # short reason (malformed message, OS error text)
    # The exchange as it happened, ("client" | "server", message name), for --trace.
    ladder: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    extra: dict[str, object] = field(default_factory=dict)  # anything else worth keeping
    peer: str | None = None  # the address connected to (not a proxy's); None: unknown
    # Seen only from the outside (captures): every alert with its sender, the client's
    # certificates, whether both Finished messages went by, the TCP story, and the sizes
    # of encrypted TLS 1.3 records (which tell an encrypted alert from a Certificate).
    alerts: tuple[AlertSeen, ...] = ()
    client_certificates: int | None = None  # how many the client sent; None: no Certificate
    complete: bool | None = None  # the handshake finished; None: a probe (see ``outcome``)
    client_data: int | None = None  # application bytes the client sent after it; None: unseen
    transport: Transport | None = None
    encrypted_client: tuple[int, ...] = ()
    encrypted_server: tuple[int, ...] = ()  # server records after the client's first encrypted one

    @property
    def ok(self) -> bool:
        return self.outcome in (Outcome.HANDSHAKE, Outcome.HELLO_RETRY)

    @property
    def abandoned(self) -> bool:
        """The handshake completed, then the client closed without sending a byte of data:
        it rejected something after the handshake (curl checks the host name then)."""
        t = self.transport
        return bool(self.complete and self.client_data == 0 and t is not None and t.ended
                    and (t.reset_by == "client" or "client" in t.closed_by
                         or any(a.by == "client" for a in self.alerts)))

    @property
    def client_alert(self) -> AlertSeen | None:
        """The client's first fatal alert: the client rejected something the server sent."""
        return next((a for a in self.alerts if a.by == "client" and a.fatal), None)


ProbeResult = Exchange
