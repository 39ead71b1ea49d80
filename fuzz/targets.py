"""Fuzz targets shared by the brief in-suite runs (tests/test_fuzz_*.py) and the long
runs (fuzz/run_hypothesis.py, fuzz/run_atheris.py).

Each target takes bytes and either returns or raises the parser's documented error;
anything else escaping is a crash. Library warnings are silenced as they are in
production (the test suite's "warnings are errors" would otherwise turn cryptography's
deprecation notice on a negative serial into an exception the product never sees).
Seeds are built here from the codec's own encoders and the test CA, so the corpus is
small, deterministic in shape and has no binary fixtures to keep in sync.
"""

from __future__ import annotations

import functools
import io
import os
import struct
import warnings
from collections.abc import Callable
from datetime import UTC, datetime

from cryptography.hazmat.primitives.serialization import Encoding

from tlsdoctor.errors import InputError
from tlsdoctor.wire import DecodeError, RecordReader
from tlsdoctor.wire.extensions import Extension
from tlsdoctor.wire.hello import ClientHelloSpec, encode_server_hello
from tlsdoctor.wire.messages import encode_certificate
from tlsdoctor.wire.record import encode_handshake, encode_record
from tlsdoctor.wire.session import ClientSession, SessionResult

__all__ = ["TARGETS", "seeds"]

TLS12 = ClientHelloSpec(versions=(0x0303,), cipher_suites=(0xC02F, 0x009C, 0xC030),
                        groups=(0x001D, 0x0017), sni="localhost")
TLS13 = ClientHelloSpec(versions=(0x0304, 0x0303), cipher_suites=(0x1301, 0x1302, 0xC02F),
                        groups=(0x001D, 0x0017), key_share_groups=(0x001D,),
                        signature_algorithms=(0x0403, 0x0804), sni="localhost")


def _quiet(fn: Callable[[bytes], object]) -> Callable[[bytes], object]:
    @functools.wraps(fn)
    def run(data: bytes) -> object:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return fn(data)
    return run


# --- wire --------------------------------------------------------------------------------

def record_reader(data: bytes) -> object:
    """RecordReader, fed in chunks whose sizes come from the first byte: DecodeError only."""
    step = (data[0] if data else 1) or 1
    r = RecordReader()
    out = []
    try:
        for i in range(0, len(data), step):
            r.feed(data[i:i + step])
            out.extend(r.records())
    except DecodeError:
        pass
    return out


def _session(spec: ClientHelloSpec, data: bytes) -> SessionResult:
    s = ClientSession(spec, rng=lambda n: bytes(n) if n != 32 else b"\x01" * 32)
    s.data_to_send()
    step = max(1, len(data) // 3)
    for i in range(0, len(data), step):
        s.receive_data(data[i:i + step])  # documented: never raises for peer bytes
        if s.done:
            break
    s.connection_closed()
    result = s.result()
    assert isinstance(result, SessionResult)
    return result


def session_tls12(data: bytes) -> object:
    return _session(TLS12, data)


def session_tls13(data: bytes) -> object:
    return _session(TLS13, data)


# --- pki ---------------------------------------------------------------------------------

@functools.cache
def _stores() -> object:
    from tlsdoctor.pki.trust import load_trust_stores
    return load_trust_stores(None)


@_quiet
def cert_summary(data: bytes) -> object:
    """One DER certificate: parsed to a summary or a BadCertificate, never an exception."""
    from tlsdoctor.pki.certinfo import CertInfo, load_der_list
    parsed, _ = load_der_list([data])
    for c in parsed:
        if not hasattr(c, "error"):
            CertInfo.of(c).to_json()  # type: ignore[arg-type]
    return parsed


@_quiet
def chain_analysis(data: bytes) -> object:
    """A chain (the input split in two certificates) through the whole analysis, offline."""
    from tlsdoctor.pki.analyze import analyze_chain
    cut = len(data) // 2
    chain = [data[:cut], data[cut:]] if data and data[0] == 0xFF else [data]
    report = analyze_chain(chain, hostname="localhost", now=datetime(2030, 1, 1, tzinfo=UTC),
                           stores=_stores(), fetcher=None)  # type: ignore[arg-type]
    report.to_json()
    return report


# --- ingest ------------------------------------------------------------------------------

def explain_text(data: bytes) -> object:
    from tlsdoctor import explain
    result = explain(data.decode("utf-8", "surrogateescape"))
    result.to_json()
    return result


def explain_bytes(data: bytes) -> object:
    from tlsdoctor import explain
    return explain(data).to_json()


def logs_lines(data: bytes) -> object:
    """Log files are bytes from anywhere: the reader takes a binary stream."""
    from tlsdoctor import read_logs
    try:
        return read_logs([io.BytesIO(data)]).to_json()
    except InputError:
        return None


def pcap_capture(data: bytes) -> object:
    from tlsdoctor import read_pcap
    try:
        return read_pcap(io.BytesIO(data)).to_json()
    except InputError:
        return None


def pcap_readers(data: bytes) -> object:
    """The compiled record loop (ingest/_pcapscan.c) and the pure-Python reader agree on any
    bytes: the same report or the same error (docs/pcap-speed.md, round 20)."""
    from tlsdoctor import read_pcap
    out, before = [], os.environ.get("TLSDOCTOR_PCAP_PURE")
    for pure in ("0", "1"):
        os.environ["TLSDOCTOR_PCAP_PURE"] = pure
        try:
            report = read_pcap(io.BytesIO(data)).to_json()
            report["summary"].pop("seconds")
            report["summary"]["capture"].pop("reader")
            out.append(report)
        except InputError as exc:
            out.append(str(exc))
        finally:
            os.environ.pop("TLSDOCTOR_PCAP_PURE")
            if before is not None:
                os.environ["TLSDOCTOR_PCAP_PURE"] = before
    if out[0] != out[1]:
        raise AssertionError("the C and Python pcap readers differ")
    return out[0]


TARGETS: dict[str, Callable[[bytes], object]] = {
    "record_reader": record_reader,
    "session_tls12": session_tls12,
    "session_tls13": session_tls13,
    "cert_summary": cert_summary,
    "chain_analysis": chain_analysis,
    "explain_text": explain_text,
    "explain_bytes": explain_bytes,
    "logs_lines": logs_lines,
    "pcap_capture": pcap_capture,
    "pcap_readers": pcap_readers,
}


# --- seeds ---------------------------------------------------------------------------------

@functools.cache
def _cert_ders() -> tuple[bytes, ...]:
    from tlsdoctor.testing.ca import CA
    ca = CA(name="fuzz root")
    leaf = ca.issue(("localhost", "www.example"), ocsp_url="http://127.0.0.1:9/ocsp",
                    crl_url="http://127.0.0.1:9/crl", must_staple=True)
    rsa = ca.intermediate().issue(("localhost",), key_type="rsa2048", sig_hash="sha1")
    return (leaf.cert.public_bytes(Encoding.DER), ca.cert.public_bytes(Encoding.DER),
            rsa.cert.public_bytes(Encoding.DER))


def _flight12(certs: tuple[bytes, ...]) -> bytes:
    sh = encode_server_hello(version=0x0303, random=b"\x02" * 32, session_id=b"",
                             cipher_suite=0xC02F,
                             extensions=(Extension(type=0xFF01, data=b"\x00"),))
    body = sh + encode_certificate(certs) + encode_handshake(14, b"")
    return encode_record(22, body, version=0x0303)


def _pcap(payloads: list[tuple[bool, bytes]]) -> bytes:
    """A classic little-endian pcap, Ethernet/IPv4/TCP, client 10.0.0.1 -> server :443."""
    out = bytearray(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    seq = {True: 1000, False: 5000}

    def packet(from_client: bool, flags: int, payload: bytes, t: int) -> None:
        src, dst = (b"\x0a\x00\x00\x01", b"\x0a\x00\x00\x02")
        sport, dport = 40000, 443
        if not from_client:
            src, dst, sport, dport = dst, src, dport, sport
        ack = seq[not from_client]
        tcp = struct.pack("!HHIIBBHHH", sport, dport, seq[from_client], ack, 5 << 4, flags,
                          65535, 0, 0) + payload
        seq[from_client] += len(payload) + (1 if flags & 0x03 else 0)
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0, 0, 64, 6, 0, src, dst)
        frame = b"\x00" * 12 + b"\x08\x00" + ip + tcp
        out.extend(struct.pack("<IIII", t, 0, len(frame), len(frame)) + frame)

    packet(True, 0x02, b"", 1)
    packet(False, 0x12, b"", 1)
    for i, (from_client, data) in enumerate(payloads):
        packet(from_client, 0x18, data, 2 + i)
    packet(True, 0x11, b"", 9)
    return bytes(out)


@functools.cache
def seeds(target: str) -> tuple[bytes, ...]:
    """Valid inputs for ``target``, for mutation."""
    from tlsdoctor.wire.hello import encode_client_hello_record
    leaf, root, rsa = _cert_ders()
    flight = _flight12((leaf, root))
    alert = encode_record(21, b"\x02\x28", version=0x0303)
    hello = encode_client_hello_record(TLS12, random=b"\x03" * 32)
    match target:
        case "record_reader":
            return (b"\x05" + flight, b"\x01" + alert, b"\x40" + flight + alert)
        case "session_tls12" | "session_tls13":
            return (flight, alert, flight[:60], encode_record(22, encode_handshake(0, b"")) * 3)
        case "cert_summary":
            return (leaf, root, rsa)
        case "chain_analysis":
            return (b"\xff" + leaf[1:] + root, leaf, rsa)
        case "explain_text" | "explain_bytes":
            return (b"error:0A000086:SSL routines::certificate verify failed",
                    b"curl: (60) SSL certificate problem: unable to get local issuer certificate",
                    b"javax.net.ssl.SSLHandshakeException: PKIX path building failed",
                    b"SSL alert number 40", b"x509: certificate signed by unknown authority")
        case "logs_lines":
            return (b"2024/01/01 00:00:00 [info] 7#7: *1 SSL_do_handshake() failed (SSL: "
                    b"error:0A000102:SSL routines::unsupported protocol) while SSL handshaking, "
                    b"client: 10.0.0.9, server: 0.0.0.0:443\n"
                    b"Jan  1 00:00:00 mx postfix/smtpd[1]: SSL_accept error from a[10.0.0.8]: -1\n",)
        case "pcap_capture" | "pcap_readers":
            return (_pcap([(True, hello), (False, flight)]), _pcap([(True, hello), (False, alert)]))
    raise KeyError(target)


if __name__ == "__main__":  # smoke: every seed through its target
    for name, fn in TARGETS.items():
        for s in seeds(name):
            fn(s)
        print(name, "ok", len(seeds(name)), "seeds", os.getpid())
