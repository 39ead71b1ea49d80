"""ClientSession: one ClientHello, the server's answer, and when to stop listening.

What belongs here: the client state machine of a *diagnostic* handshake, sans-IO. It
sends a ClientHello (TLS, or SSLv2-format), reads the server's reply record by record
and stops as soon as the answer is known:

- TLS <= 1.2: after ServerHelloDone (ServerHello, Certificate, CertificateStatus,
  ServerKeyExchange, CertificateRequest collected on the way);
- TLS 1.3: it completes the key exchange itself (tls13.py), decrypts the server's
  flight and stops after CertificateVerify (Finished is not needed: we never prove
  anything to the server, we only read its certificate chain);
- on an alert, a HelloRetryRequest (unless asked to retry once), an SSLv2
  SERVER-HELLO, a decode error, or first bytes that are not TLS at all.

It never sends Finished or application data. The probe layer owns the socket: it
calls ``data_to_send()``, writes, and feeds what it reads to ``receive_data()`` until
``done``. Every input is bounded: total bytes, records and handshake messages.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from . import signatures, tls13
from .buffer import DecodeError, EncodeError
from .hello import (
    HRR_RANDOM,
    ClientHelloSpec,
    ServerHello,
    decode_server_hello,
    encode_client_hello,
)
from .messages import (
    Certificate,
    CertificateRequest,
    CertificateStatus,
    KeyExchange,
    ServerHelloDone,
    ServerKeyExchange,
    decode_alert,
    decode_handshake,
)
from .messages_late import CertificateVerify, EncryptedExtensions, HelloRequest, NewSessionTicket
from .record import (
    MAX_CIPHERTEXT,
    HandshakeMessage,
    HandshakeReassembler,
    Record,
    RecordReader,
    SSLv2Record,
    classify_first_bytes,
    encode_records,
)
from .registry import (
    AlertDescription,
    ContentType,
    HandshakeType,
    NamedGroup,
    is_grease,
    name_of,
)

__all__ = ["CertRequestInfo", "ClientSession", "OfferSummary", "SessionOutcome", "SessionResult"]

Rng = Callable[[int], bytes]

MAX_BYTES = 1 << 20  # a certificate flight is a few KiB; 1 MiB is far beyond any real one
MAX_RECORDS = 2048  # 1 MiB in full records is 64; thousands of records is a peer stalling us
MAX_MESSAGES = 256  # ... and so is an endless stream of HelloRequests or tickets
PLAINTEXT_KEEP = 512  # first bytes of a non-TLS answer kept as evidence
# Placeholder key shares for groups tls13.py cannot compute: the server may still pick
# the group, which is the fact a probe wants; we just cannot read the flight after it.
# ML-KEM encapsulation keys (FIPS 203 §7.2) of all-zero coefficients plus a random seed
# pass the server's modulus check; sizes from draft-ietf-tls-ecdhe-mlkem §4.
_MLKEM_PUBLIC: dict[int, tuple[int, int]] = {
    NamedGroup.X25519MLKEM768: (1184, 32),  # ML-KEM-768 key first, then X25519
    NamedGroup.SecP256r1MLKEM768: (1184, 65),  # P-256 point first, then ML-KEM-768
    NamedGroup.SecP384r1MLKEM1024: (1568, 97),
}
# RFC 7919 finite-field groups: the share is a value below the prime, as long as it.
_FFDHE_BYTES = {0x0100: 256, 0x0101: 384, 0x0102: 512, 0x0103: 768, 0x0104: 1024}


class SessionOutcome(StrEnum):
    """How the session ended; the prober maps these onto probe.outcome.Outcome."""

    HANDSHAKE = "handshake"  # ServerHello (+ flight): the server agreed
    HELLO_RETRY = "hello_retry"  # a HelloRetryRequest that we did not answer
    ALERT = "alert"
    MALFORMED = "malformed"  # TLS, but broken (see ``error``)
    PLAINTEXT = "plaintext"  # HTTP, a banner...
    GARBAGE = "garbage"
    INCOMPLETE = "incomplete"  # the connection ended (or we stopped) before an answer


@dataclass(frozen=True, slots=True, kw_only=True)
class OfferSummary:
    """What our ClientHello offered (mirrors probe.outcome.Offer)."""

    versions: tuple[int, ...]
    cipher_suites: tuple[int, ...]
    groups: tuple[int, ...] = ()
    signature_algorithms: tuple[int, ...] = ()
    sni: str | None = None
    alpn: tuple[str, ...] = ()
    size: int = 0  # bytes of the (last) ClientHello handshake message


_LADDER_CAP = 64  # messages kept for --trace


@dataclass(frozen=True, slots=True, kw_only=True)
class CertRequestInfo:
    ca_names: tuple[bytes, ...] = ()  # DER X.501 names
    signature_algorithms: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SessionResult:
    """Everything the session learnt. ``None`` means not seen / not applicable."""

    outcome: SessionOutcome
    offer: OfferSummary
    version: int | None = None
    cipher_suite: int | None = None
    group: int | None = None
    dh_bits: int | None = None
    dh_prime: bytes | None = None  # the ServerKeyExchange's DH p, big-endian
    alert: tuple[int, int] | None = None  # (level, description)
    certificates: tuple[bytes, ...] = ()  # DER, as sent, in order
    ocsp_staple: bytes | None = None
    cert_request: CertRequestInfo | None = None
    server_extensions: tuple[int, ...] = ()  # ServerHello then EncryptedExtensions, in order
    hello_retry_group: int | None = None
    alpn: str | None = None
    secure_renegotiation: bool | None = None
    extended_master_secret: bool | None = None
    session_ticket: bool | None = None
    compression: int | None = None
    downgrade_sentinel: bool = False
    server_signature_scheme: int | None = None
    # The server's CertificateVerify / ServerKeyExchange signature checked with the leaf
    # certificate's key: False means the server does not hold that key (or something on
    # the path re-signed); None means not checked (no signature, unknown scheme...).
    server_signature_ok: bool | None = None
    plaintext: bytes = b""  # first bytes of a plaintext/garbage answer (untrusted)
    error: str = ""
    hello_retried: bool = False  # we answered a HelloRetryRequest with a second ClientHello
    bytes_received: int = 0
    # Every message as it happened, ("client" | "server", name), for the --trace ladder;
    # TLS 1.3 messages decrypted from the server's flight are marked "(encrypted)".
    ladder: tuple[tuple[str, str], ...] = ()
    sslv2_cipher_kinds: tuple[int, ...] = ()  # SSLv2 SERVER-HELLO cipher specs
    sslv2_error: int | None = None  # SSLv2 ERROR code (outcome alert, ``alert`` stays None)


class _State(StrEnum):
    WAIT_SERVER_HELLO = "wait_server_hello"
    WAIT_FLIGHT_12 = "wait_flight_12"  # TLS <= 1.2: until ServerHelloDone
    WAIT_FLIGHT_13 = "wait_flight_13"  # TLS 1.3: encrypted, until CertificateVerify
    DONE = "done"


_KX_LAYOUT = {
    ("DHE", False): KeyExchange.DHE,
    ("DHE", True): KeyExchange.DH_ANON,
    ("ECDHE", False): KeyExchange.ECDHE,
    ("ECDHE", True): KeyExchange.ECDH_ANON,
}


def _ske_layout(code: int) -> KeyExchange | bool | None:
    """The ServerKeyExchange layout of a TLS <= 1.2 suite: a layout, None (let the
    decoder try each), or False (a layout the codec does not parse, e.g. PSK hints)."""
    from . import suites  # the suite table is large; load it only for TLS <= 1.2

    s = suites.suite(code)
    if s is None:
        return None
    if s.export and s.kx == "RSA":
        return KeyExchange.RSA_EXPORT
    if "_PSK_" in s.name:  # (EC)DHE_PSK: a psk_identity_hint before the params (RFC 4279,
        return False       # RFC 5489), unsigned; the table's kx says only "(EC)DHE"
    layout = _KX_LAYOUT.get((s.kx, s.anon))
    if layout is not None:
        return layout
    return False if s.kx in ("PSK", "RSA_PSK", "SRP", "ECCPWD", "GOST", "KRB5") else None


class ClientSession:
    """One diagnostic handshake, sans-IO.

    ``random`` fixes ClientHello.random (32 bytes); ``rng`` supplies every other random
    byte (key shares, session id). ``retry_on_hrr`` answers one HelloRetryRequest with a
    second ClientHello carrying the requested key share (RFC 8446 §4.1.4); by default
    the HRR itself is the answer. Caps: ``max_bytes`` received, ``max_records``,
    ``max_messages``.
    """

    def __init__(
        self,
        spec: ClientHelloSpec,
        *,
        random: bytes | None = None,
        rng: Rng = os.urandom,
        retry_on_hrr: bool = False,
        max_bytes: int = MAX_BYTES,
        max_records: int = MAX_RECORDS,
        max_messages: int = MAX_MESSAGES,
    ) -> None:
        if random is not None and len(random) != 32:
            raise ValueError("random must be 32 bytes")
        self._spec = spec
        self._rng = rng
        self._random = random if random is not None else rng(32)
        self._retry_on_hrr = retry_on_hrr
        self._max_bytes, self._max_records, self._max_messages = (
            max_bytes,
            max_records,
            max_messages,
        )
        self._sslv2 = spec.versions == (0x0002,)
        self._state = _State.WAIT_SERVER_HELLO
        self._outgoing = bytearray()
        self._reader = RecordReader(buffer_cap=max_bytes + 1)
        self._reassembler = HandshakeReassembler()
        self._transcript = tls13.Transcript()
        self._hash_name = ""  # the TLS 1.3 suite's transcript hash, once known
        self._server_random = b""
        self._shares: dict[int, tls13.KeyShare] = {}
        self._protection: tls13.RecordProtection | None = None
        self._records = self._messages = self._bytes = 0
        self._ccs_seen = False
        self._ladder: list[tuple[str, str]] = []
        self._hello_retried = False
        self._result: dict[str, object] = {}
        self._extensions: list[int] = []
        self._outcome: SessionOutcome | None = None
        self._late_plaintext = b""
        self._offer = OfferSummary(versions=spec.versions, cipher_suites=spec.cipher_suites)
        # TLS 1.3 middlebox compatibility (RFC 8446 §D.4) wants a non-empty session id;
        # a TLS <= 1.2 offer sends none, so no server can try to resume a session.
        self._session_id = rng(32) if spec.offers_tls13 else b""
        try:
            self._send_client_hello(spec)
        except (EncodeError, tls13.Tls13Error) as exc:
            raise ValueError(f"cannot encode this ClientHello: {exc}") from exc

    # --- public API ------------------------------------------------------------------

    @property
    def done(self) -> bool:
        return self._state is _State.DONE

    @property
    def offer(self) -> OfferSummary:
        """What the ClientHello offered (also in ``result()``, without building it)."""
        return self._offer

    def data_to_send(self) -> bytes:
        """Bytes for the socket: the ClientHello, later perhaps a second one (HRR)."""
        out = bytes(self._outgoing)
        self._outgoing.clear()
        return out

    def receive_data(self, data: bytes) -> None:
        """Feed bytes from the server. After ``done`` further bytes are ignored, except
        that a plaintext/garbage answer keeps growing its evidence up to 512 bytes."""
        if not data:
            return
        if self.done:
            if self._outcome in (SessionOutcome.PLAINTEXT, SessionOutcome.GARBAGE):
                self._late_plaintext += data[: PLAINTEXT_KEEP - len(self._late_plaintext)]
            return
        self._bytes += len(data)
        if self._bytes > self._max_bytes:
            self._finish(SessionOutcome.MALFORMED, f"too much data (over {self._max_bytes} bytes)")
            return
        self._reader.feed(data)
        try:
            for record in self._reader.records():
                self._records += 1
                if self._records > self._max_records:
                    self._finish(SessionOutcome.MALFORMED, "too many records")
                    return
                self._on_record(record)
                if self.done:
                    return
        except DecodeError as exc:
            self._on_decode_error(exc)
        except tls13.Tls13Error as exc:
            self._finish(SessionOutcome.MALFORMED, str(exc))

    def finishes_on(self, data: bytes) -> bool:
        """Whether ``data``, fed now as the first bytes of the server's answer, is sure to
        finish the session, judged from the record and message framing alone (no
        decoding, no cryptography), so a client can hang up before it decodes them.

        True for a whole first record that is an alert, and for whole plaintext
        handshake records holding a ServerHello that does not negotiate TLS 1.3 and,
        later, a ServerHelloDone (a TLS <= 1.2 flight), or a HelloRetryRequest when no
        second hello will follow. False whenever unsure: TLS 1.3 flights (encrypted),
        SSLv2, a partial record, anything odd.
        """
        if self._bytes or self._sslv2 or self.done:
            return False
        return _framing_finishes(data, hrr_ends=not self._retry_on_hrr)

    def connection_closed(self) -> None:
        """The peer closed (EOF or reset). Whatever is known becomes the result."""
        if self.done:
            return
        kind = self._reader.kind
        if kind is None and self._reader.first_bytes:
            kind = classify_first_bytes(self._reader.first_bytes)
        if kind in ("http", "plaintext"):
            self._finish(SessionOutcome.PLAINTEXT, "the port answered in plaintext")
        elif kind == "garbage":
            self._finish(SessionOutcome.GARBAGE, "the answer is not TLS")
        elif self._bytes == 0:
            self._finish(SessionOutcome.INCOMPLETE, "closed without an answer")
        else:
            self._finish(SessionOutcome.INCOMPLETE, f"closed during {self._state.value}")

    def result(self) -> SessionResult:
        """The facts so far (outcome ``incomplete`` while not done)."""
        outcome = self._outcome or SessionOutcome.INCOMPLETE
        r = self._result
        plaintext = b""
        if outcome in (SessionOutcome.PLAINTEXT, SessionOutcome.GARBAGE):
            plaintext = (self._reader.first_bytes + self._late_plaintext)[:PLAINTEXT_KEEP]
        return SessionResult(
            outcome=outcome,
            offer=self._offer,
            server_extensions=tuple(self._extensions),
            plaintext=plaintext,
            hello_retried=self._hello_retried,
            bytes_received=self._bytes,
            ladder=tuple(self._ladder),
            **r,  # type: ignore[arg-type]
        )

    # --- sending ---------------------------------------------------------------------

    def _send_client_hello(self, spec: ClientHelloSpec) -> None:
        if self._sslv2:
            self._send_sslv2_hello(spec)
            return
        key_shares: dict[int, bytes] = {}
        for group in spec.key_share_groups:
            key_shares[group] = self._key_share(group)
        message = encode_client_hello(
            spec, random=self._random, session_id=self._session_id, key_shares=key_shares
        )
        self._transcript.add(message)
        self._step("client", "ClientHello")
        version = spec.effective_record_version()
        if self._hello_retried and spec.record_version is None:
            version = 0x0303  # RFC 8446 §5.1: 0x0301 is allowed for the first ClientHello only
        self._outgoing += encode_records(ContentType.handshake, message, version=version)
        self._offer = OfferSummary(
            versions=spec.versions,
            cipher_suites=spec.cipher_suites,
            groups=spec.groups,
            signature_algorithms=spec.signature_algorithms,
            sni=spec.sni,
            alpn=spec.alpn,
            size=len(message),
        )

    def _send_sslv2_hello(self, spec: ClientHelloSpec) -> None:
        from . import sslv2

        challenge = self._random[16:]  # SSLv2 challenge: 16 bytes is what clients sent
        # An empty suite list means "every SSLv2 cipher kind" (the codec's default).
        kinds = spec.cipher_suites or tuple(sslv2.SSLv2Cipher)
        record = sslv2.encode_sslv2_client_hello(kinds, challenge=challenge)
        self._outgoing += record
        self._step("client", "SSLv2 CLIENT-HELLO")
        self._offer = OfferSummary(
            versions=spec.versions, cipher_suites=spec.cipher_suites, size=len(record) - 2
        )

    def _key_share(self, group: int) -> bytes:
        """Our key_exchange bytes for ``group``; a placeholder when we cannot compute it."""
        if group in tls13.SHARE_SIZES:
            share = self._shares.get(group)
            if share is None:
                share = self._shares[group] = tls13.KeyShare.generate(group, self._rng)
            return share.public
        if group in _MLKEM_PUBLIC:
            mlkem, classical = _MLKEM_PUBLIC[group]
            ek = bytes(mlkem - 32) + self._rng(32)
            other = tls13.KeyShare.generate(
                tls13.Group.X25519 if classical == 32 else _CLASSICAL[classical], self._rng
            ).public
            return ek + other if group == NamedGroup.X25519MLKEM768 else other + ek
        if group in _FFDHE_BYTES:
            n = _FFDHE_BYTES[group]
            # Every RFC 7919 prime starts with 64 one-bits, so a value starting 0x7f is
            # below p and above 1, a valid public value (RFC 7919 §5.1).
            return b"\x7f" + self._rng(n - 1)
        # Unknown group (GREASE, private use): one byte, as GREASE shares are sent.
        return b"\x00"

    # --- receiving -------------------------------------------------------------------

    def _on_decode_error(self, exc: DecodeError) -> None:
        kind = self._reader.kind
        if kind in ("http", "plaintext"):
            self._finish(SessionOutcome.PLAINTEXT, "the port answered in plaintext")
        elif kind == "garbage":
            self._finish(SessionOutcome.GARBAGE, "the answer is not TLS")
        else:
            self._finish(SessionOutcome.MALFORMED, exc.reason)

    def _on_record(self, record: Record | SSLv2Record) -> None:
        if isinstance(record, SSLv2Record):
            self._on_sslv2(record)
            return
        ctype = record.content_type
        if ctype == ContentType.alert:
            self._on_alert(record.fragment)
        elif ctype == ContentType.handshake:
            if self._protection is not None:
                # RFC 8446 §5: after ServerHello every handshake record is encrypted.
                self._finish(
                    SessionOutcome.MALFORMED, "plaintext handshake record after ServerHello"
                )
                return
            self._on_handshake_fragment(record.fragment)
        elif ctype == ContentType.change_cipher_spec:
            self._on_change_cipher_spec(record.fragment)
        elif ctype == ContentType.application_data and self._protection is not None:
            header = bytes((23, record.version >> 8, record.version & 0xFF))
            header += len(record.fragment).to_bytes(2, "big")
            inner_type, content = self._protection.decrypt(header, record.fragment)
            if inner_type == ContentType.handshake:
                self._on_handshake_fragment(content)
            elif inner_type == ContentType.alert:
                self._on_alert(content)
            else:
                self._finish(
                    SessionOutcome.MALFORMED,
                    f"unexpected encrypted {name_of(ContentType, inner_type)} record",
                )
        else:
            self._finish(
                SessionOutcome.MALFORMED,
                f"unexpected {name_of(ContentType, int(ctype))} record before the handshake ended",
            )

    def _step(self, side: str, name: str) -> None:
        if len(self._ladder) < _LADDER_CAP:  # an endless flood stays one screen long
            self._ladder.append((side, name))

    def _on_change_cipher_spec(self, fragment: bytes) -> None:
        self._step("server", "ChangeCipherSpec")
        tls13_wait = self._state is _State.WAIT_FLIGHT_13 or self._hello_retried
        if tls13_wait and not self._ccs_seen and fragment == b"\x01":
            self._ccs_seen = True  # RFC 8446 §D.4 middlebox compatibility: ignore one
            return
        if self._state is _State.WAIT_FLIGHT_12 and self._result.get("version") is not None:
            # TLS <= 1.2 ChangeCipherSpec before ServerHelloDone: the server resumed a
            # session (abbreviated handshake). We offered none, but it is an answer.
            self._finish(SessionOutcome.HANDSHAKE, "server sent ChangeCipherSpec (resumption)")
            return
        self._finish(SessionOutcome.MALFORMED, "unexpected ChangeCipherSpec")

    def _on_alert(self, fragment: bytes) -> None:
        if len(fragment) < 2:
            self._finish(SessionOutcome.MALFORMED, f"alert of {len(fragment)} bytes")
            return
        alert = decode_alert(fragment[:2])
        level, desc = int(alert.level), int(alert.description)
        kind = "fatal" if level == 2 else "warning" if level == 1 else f"level {level}"
        self._step("server", f"Alert ({kind} {name_of(AlertDescription, desc)})")
        self._result["alert"] = (level, desc)
        if level == 1 and desc != 0 and self._state is not _State.WAIT_SERVER_HELLO:
            # A warning alert mid-flight (e.g. unrecognized_name from old servers) is
            # noted; the handshake goes on (RFC 5246 §7.2.2).
            return
        self._finish(SessionOutcome.ALERT, "")

    def _on_handshake_fragment(self, fragment: bytes) -> None:
        self._reassembler.feed(fragment)
        for message in self._reassembler.messages():
            self._messages += 1
            if self._messages > self._max_messages:
                self._finish(SessionOutcome.MALFORMED, "too many handshake messages")
                return
            self._on_message(message)
            if self.done:
                return

    def _on_message(self, message: HandshakeMessage) -> None:
        msg_type = int(message.msg_type)
        name = "".join(w.capitalize() for w in name_of(HandshakeType, msg_type).split("_"))
        if msg_type == HandshakeType.server_hello and message.body[2:34] == HRR_RANDOM:
            name = "HelloRetryRequest"
        self._step("server", name + (" (encrypted)" if self._protection is not None else ""))
        if msg_type == HandshakeType.hello_request:
            return  # RFC 5246 §7.4.1.1: a client may ignore it (counted by the cap)
        if self._state is _State.WAIT_SERVER_HELLO:
            if msg_type != HandshakeType.server_hello:
                self._finish(
                    SessionOutcome.MALFORMED,
                    f"expected ServerHello, got {name_of(HandshakeType, msg_type)}",
                )
                return
            self._on_server_hello(message, decode_server_hello(message.body))
        elif self._state is _State.WAIT_FLIGHT_12:
            self._on_flight_12(msg_type, message)
        elif self._state is _State.WAIT_FLIGHT_13:
            self._on_flight_13(msg_type, message)

    def _on_server_hello(self, message: HandshakeMessage, sh: ServerHello) -> None:
        r = self._result
        if sh.is_hello_retry_request:
            self._on_hello_retry(message, sh)
            return
        if self._hello_retried and sh.cipher_suite != r.get("cipher_suite"):
            self._finish(SessionOutcome.MALFORMED, "ServerHello suite differs from the HRR's")
            return
        r["version"] = sh.version
        r["cipher_suite"] = sh.cipher_suite
        r["compression"] = sh.compression_method
        r["downgrade_sentinel"] = sh.downgrade_sentinel is not None
        self._server_random = sh.random  # signed in a TLS <= 1.2 ServerKeyExchange
        self._extensions.extend(sh.extension_types)
        unoffered = self._unoffered_choice(sh)
        if unoffered:
            # RFC 5246 §7.4.1.3 / RFC 8446 §4.1.3: the client must abort. Recorded as a
            # protocol violation (what was chosen is kept above), never as a working handshake.
            self._finish(SessionOutcome.MALFORMED, unoffered)
            return
        if sh.alpn is not None:
            r["alpn"] = sh.alpn
        if sh.version >= 0x0304:
            self._start_tls13(message, sh)
            return
        r["secure_renegotiation"] = sh.secure_renegotiation
        r["extended_master_secret"] = sh.extended_master_secret
        r["session_ticket"] = sh.session_ticket
        if sh.version == 0x0002 or sh.version < 0x0300:
            self._finish(SessionOutcome.MALFORMED, f"ServerHello version 0x{sh.version:04x}")
            return
        self._state = _State.WAIT_FLIGHT_12

    def _unoffered_choice(self, sh: ServerHello) -> str:
        """Why the ServerHello picks something the ClientHello never offered ("" if it doesn't)."""
        spec = self._spec
        if sh.version not in spec.versions and 0x0300 <= sh.version <= 0x0304:
            return f"server chose version 0x{sh.version:04x}, which the client did not offer"
        if sh.cipher_suite not in spec.cipher_suites:
            return f"server chose cipher suite 0x{sh.cipher_suite:04x}, which the client did not offer"
        return ""

    def _on_hello_retry(self, message: HandshakeMessage, hrr: ServerHello) -> None:
        r = self._result
        r["version"] = hrr.version
        r["cipher_suite"] = hrr.cipher_suite
        r["hello_retry_group"] = hrr.selected_group
        self._extensions.extend(hrr.extension_types)
        if self._hello_retried:
            # RFC 8446 §4.1.4: a second HRR in one connection is unexpected_message.
            self._finish(SessionOutcome.MALFORMED, "second HelloRetryRequest")
            return
        group = hrr.selected_group
        # A retry needs a real key share: for a group we cannot compute (ML-KEM hybrids,
        # FFDHE) the HRR stays the answer, as without retry_on_hrr.
        if not self._retry_on_hrr or group is None or group in self._spec.key_share_groups \
                or group not in tls13.SHARE_SIZES:
            # RFC 8446 §4.1.4: an HRR asking for a share we already sent is illegal;
            # without a retry the HRR is the answer (the group the server wants).
            if self._retry_on_hrr and group is not None and group in self._spec.key_share_groups:
                self._finish(SessionOutcome.MALFORMED, "HRR asks for a key share we sent")
            else:
                self._finish(SessionOutcome.HELLO_RETRY, "")
            return
        suite = tls13.SUITES.get(hrr.cipher_suite)
        if suite is None:
            self._finish(SessionOutcome.MALFORMED, f"HRR with suite 0x{hrr.cipher_suite:04x}")
            return
        self._transcript.restart_after_hello_retry(suite.hash_name)
        self._transcript.add(message.raw)
        self._hello_retried = True
        self._extensions.clear()
        second = dataclasses.replace(
            self._spec, key_share_groups=(group,), cookie=hrr.cookie, grease=self._spec.grease
        )
        self._send_client_hello(second)

    def _start_tls13(self, message: HandshakeMessage, sh: ServerHello) -> None:
        r = self._result
        share = sh.key_share
        if share is None:
            self._finish(SessionOutcome.MALFORMED, "TLS 1.3 ServerHello without key_share")
            return
        r["group"] = share.group
        if share.group in _FFDHE_BYTES:
            r["dh_bits"] = _FFDHE_BYTES[share.group] * 8  # RFC 7919 §A: the group's prime size
        ours = self._shares.get(share.group)
        if ours is None:
            if share.group in self._offered_share_groups():
                # The server chose a group whose math we do not implement (ML-KEM,
                # ffdhe): the choice is the answer, the flight stays unreadable.
                self._finish(
                    SessionOutcome.HANDSHAKE,
                    f"cannot decrypt: key exchange {name_of(NamedGroup, share.group)} "
                    "is not implemented",
                )
            else:
                self._finish(
                    SessionOutcome.MALFORMED, "server key share for a group we did not send"
                )
            return
        suite = tls13.suite_for(sh.cipher_suite)
        shared = ours.shared_secret(share.key_exchange)
        self._transcript.add(message.raw)
        secrets = tls13.handshake_secrets(suite, shared, self._transcript.digest(suite.hash_name))
        self._protection = tls13.RecordProtection(suite, secrets.server_handshake_traffic_secret)
        self._hash_name = suite.hash_name
        if self._reassembler.pending:
            # RFC 8446 §5.1: handshake messages must not span a key change.
            self._finish(SessionOutcome.MALFORMED, "handshake data after ServerHello in the clear")
            return
        self._state = _State.WAIT_FLIGHT_13

    def _offered_share_groups(self) -> tuple[int, ...]:
        return tuple(g for g in self._spec.key_share_groups if not is_grease(g))

    def _on_flight_12(self, msg_type: int, message: HandshakeMessage) -> None:
        r = self._result
        version = int(r["version"])  # type: ignore[call-overload]
        suite = int(r["cipher_suite"])  # type: ignore[call-overload]
        if msg_type == HandshakeType.server_key_exchange:
            layout = _ske_layout(suite)
            if isinstance(layout, bool):
                return  # PSK/SRP/GOST params: not parsed, nothing to learn here
            body = decode_handshake(msg_type, message.body, version=version, kind=layout)
        else:
            body = decode_handshake(msg_type, message.body, version=version)
        if isinstance(body, Certificate):
            r["certificates"] = body.certificates
        elif isinstance(body, CertificateStatus):
            r["ocsp_staple"] = body.ocsp_response
        elif isinstance(body, ServerKeyExchange):
            if body.dh_prime_bits is not None:
                r["dh_bits"] = body.dh_prime_bits
                r["dh_prime"] = body.dh_p
            if body.named_curve is not None:
                r["group"] = int(body.named_curve)
            if body.signature_scheme is not None:
                r["server_signature_scheme"] = int(body.signature_scheme)
            self._check_key_exchange_signature(body, version)
        elif isinstance(body, CertificateRequest):
            r["cert_request"] = CertRequestInfo(
                ca_names=body.ca_names, signature_algorithms=body.signature_algorithms
            )
        elif isinstance(body, ServerHelloDone):
            self._finish(SessionOutcome.HANDSHAKE, "")
        elif isinstance(body, NewSessionTicket | HelloRequest):
            return
        else:
            self._finish(
                SessionOutcome.MALFORMED,
                f"unexpected {name_of(HandshakeType, msg_type)} in the server flight",
            )

    def _check_key_exchange_signature(self, ske: ServerKeyExchange, version: int) -> None:
        certificates = self._result.get("certificates")
        if not ske.signature or not isinstance(certificates, tuple) or not certificates:
            return  # anonymous key exchange, or no certificate to check against
        scheme = None if version < 0x0303 or ske.signature_scheme is None else int(
            ske.signature_scheme)
        self._result["server_signature_ok"] = signatures.verify_server_key_exchange(
            certificates[0], scheme=scheme, signature=ske.signature,
            client_random=self._random, server_random=self._server_random, params=ske.params)

    def _on_flight_13(self, msg_type: int, message: HandshakeMessage) -> None:
        r = self._result
        # RFC 8446 §4.4.3: CertificateVerify signs the transcript up to Certificate.
        signed_hash = (self._transcript.digest(self._hash_name)
                       if msg_type == HandshakeType.certificate_verify else b"")
        self._transcript.add(message.raw)
        body = decode_handshake(msg_type, message.body, version=0x0304)
        if isinstance(body, EncryptedExtensions):
            self._extensions.extend(int(e.type) for e in body.extensions)
            if body.alpn is not None:
                r["alpn"] = body.alpn
        elif isinstance(body, CertificateRequest):
            r["cert_request"] = CertRequestInfo(
                ca_names=body.ca_names, signature_algorithms=body.signature_algorithms
            )
        elif isinstance(body, Certificate):
            r["certificates"] = body.certificates
            if body.entries and body.entries[0].ocsp_response is not None:
                r["ocsp_staple"] = body.entries[0].ocsp_response
        elif isinstance(body, CertificateVerify):
            r["server_signature_scheme"] = int(body.signature_scheme)
            certificates = r.get("certificates")
            if isinstance(certificates, tuple) and certificates:
                r["server_signature_ok"] = signatures.verify_certificate_verify(
                    certificates[0], int(body.signature_scheme), body.signature, signed_hash)
            self._finish(SessionOutcome.HANDSHAKE, "")
        elif msg_type == HandshakeType.finished:
            # No Certificate: only PSK handshakes do that, and we offer no PSK.
            self._finish(SessionOutcome.HANDSHAKE, "Finished without a certificate")
        else:
            self._finish(
                SessionOutcome.MALFORMED,
                f"unexpected {name_of(HandshakeType, msg_type)} in the encrypted flight",
            )

    def _on_sslv2(self, record: SSLv2Record) -> None:
        from . import sslv2

        r = self._result
        message = sslv2.decode_sslv2_message(record.body)
        self._step("server", "SSLv2 " + ("ERROR" if isinstance(message, sslv2.SSLv2Error)
                                         else "SERVER-HELLO"))
        if isinstance(message, sslv2.SSLv2Error):  # no-cipher, no-certificate...
            # SSLv2 error codes are not TLS alert codes: kept apart so nobody reads
            # no-cipher (1) as a TLS alert 1.
            r["sslv2_error"] = int(message.code)
            name = name_of(sslv2.SSLv2ErrorCode, int(message.code))
            self._finish(SessionOutcome.ALERT, f"SSLv2 ERROR {name}")
            return
        r["version"] = 0x0002
        r["certificates"] = (message.certificate,) if message.certificate else ()
        kinds = tuple(int(c) for c in message.cipher_specs)
        r["sslv2_cipher_kinds"] = kinds
        if kinds:
            r["cipher_suite"] = kinds[0]
        self._finish(SessionOutcome.HANDSHAKE, "")

    def _finish(self, outcome: SessionOutcome, error: str) -> None:
        if self.done:
            return
        self._outcome = outcome
        if error:
            self._result["error"] = error
        self._state = _State.DONE


_CLASSICAL = {65: tls13.Group.SECP256R1, 97: tls13.Group.SECP384R1}


_SUPPORTED_VERSIONS = 43  # RFC 8446 §4.2.1: only a TLS 1.3 ServerHello carries it


def _framing_finishes(data: bytes, *, hrr_ends: bool) -> bool:
    """See ClientSession.finishes_on: every check of the session's that ends it on such
    bytes (an alert in WAIT_SERVER_HELLO, ServerHelloDone, an HRR without a retry) is
    reached, whatever the decoding finds before it (which can only end it earlier);
    the session reads records in order and stops at its end, so what follows does not
    matter."""
    pos, end = 0, len(data)
    handshake = bytearray()
    messages = _Messages()
    while pos + 5 <= end:
        ctype, major, length = data[pos], data[pos + 1], (data[pos + 3] << 8) | data[pos + 4]
        if major != 3 or length > MAX_CIPHERTEXT or pos + 5 + length > end:
            return False
        if ctype == ContentType.alert:
            return pos == 0  # no answer yet: any alert ends it (see _on_alert)
        if ctype != ContentType.handshake:
            return False  # ChangeCipherSpec, encrypted records...: leave it to decoding
        handshake += data[pos + 5 : pos + 5 + length]
        pos += 5 + length
        verdict = messages.walk(handshake, hrr_ends=hrr_ends)
        if verdict is not None:
            return verdict
    return False


@dataclass(slots=True)
class _Messages:
    """Walks plaintext handshake message headers for _framing_finishes."""

    at: int = 0
    first: bool = True

    def walk(self, handshake: bytearray, *, hrr_ends: bool) -> bool | None:
        """True/False once decided; None: need more."""
        while self.at + 4 <= len(handshake):
            msg_type = handshake[self.at]
            size = int.from_bytes(handshake[self.at + 1 : self.at + 4], "big")
            body = handshake[self.at + 4 : self.at + 4 + size]
            if len(body) < size:
                return None
            self.at += 4 + size
            if self.first:
                self.first = False
                if msg_type != HandshakeType.server_hello:
                    return False
                if body[2:34] == HRR_RANDOM:
                    return hrr_ends
                if body[:2] > b"\x03\x03" or _offers_extension(body, _SUPPORTED_VERSIONS):
                    return False  # TLS 1.3 (or beyond): the rest of the flight is encrypted
            elif msg_type == HandshakeType.server_hello_done:
                return True
        return None


def _offers_extension(server_hello: bytes | bytearray, wanted: int) -> bool:
    """Whether a ServerHello body carries extension ``wanted`` (True if unparseable:
    the caller then stays unsure)."""
    at = 34
    if at >= len(server_hello):
        return True
    at += 1 + server_hello[at] + 3  # session_id, cipher_suite, compression_method
    if at + 2 > len(server_hello):
        return at != len(server_hello)  # no extensions at all is fine
    end = min(len(server_hello), at + 2 + int.from_bytes(server_hello[at : at + 2], "big"))
    at += 2
    while at + 4 <= end:
        if int.from_bytes(server_hello[at : at + 2], "big") == wanted:
            return True
        at += 4 + int.from_bytes(server_hello[at + 2 : at + 4], "big")
    return False
