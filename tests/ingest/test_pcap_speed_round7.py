"""pcap speed, round 7 (docs/pcap-speed.md): what changed the speed changes nothing else.

A listed connection gets its Exchange, details and own findings only once it is sure to
be listed (pcap._Kept, _Analysis.realize): two readers agree on the connections they list
together in a third exchange step, so each makes the details of its survivors only. The
verdict table keeps the tabled findings' placeholders and where they are, so a listed
connection counted from it gets its own frame numbers without a second judgement. And a
capture's run does not load what it never uses (the prober's key schedule, client
profiles, the fetcher, ``cert``'s describe, subprocess)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from bench_builder import bench_pcap
from fresh import fresh_python, pcap_modules_code
from pcap_split import record_splits

from tlsdoctor import read_pcap
from tlsdoctor.ingest import pcap, pcap_jobs, pcap_tls

ROOT = Path(__file__).resolve().parents[2]
CAPTURES = Path(__file__).parent / "captures"


def _built(path: Path, mb: float) -> None:
    bench_pcap().build(path, mb)


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("r7") / "copies.pcap"
    _built(path, 2.5)  # ~780 connections: thousands of frames, several hundred listed
    return path


def _json(path: Path, max_events: int, jobs: int = 1) -> str:
    data: dict[str, Any] = read_pcap(path, max_events=max_events, jobs=jobs).to_json()
    data["summary"].pop("seconds")
    return json.dumps(data, indent=2)


def test_readers_agree_on_what_they_list() -> None:
    """Step _LISTED: the last opening order listed among all readers' (each lists the
    first max_events of its own share), None when every one fits, and the numbering of
    all readers (the listed events' numbers, known before the merge)."""
    from tlsdoctor.ingest.pcap_groups import Numbering

    def numbering(*orders: int) -> Numbering:
        n = Numbering()
        for o in orders:
            n.mark(o)
        return n

    listed = pcap_jobs._LISTED
    for n, last in ((5, 6), (7, None), (9, None), (1, 1)):
        got, everyone = pcap_jobs._together([(listed, (n, [1, 3, 9], numbering(1, 3, 9, 11))),
                                             (listed, (n, [2, 4, 6, 8], numbering(2, 4, 6, 8)))])
        assert got == last, (n, got)
        assert everyone.numbers([1, 2, 3, 9, 11]) == {1: 1, 2: 2, 3: 3, 9: 7, 11: 8}
    got, _everyone = pcap_jobs._together([(listed, (0, [], numbering())),
                                          (listed, (0, [], numbering(4)))])
    assert got is None  # nothing listed (max_events=0)


def test_each_reader_makes_the_details_of_its_survivors_only(
        copies: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[int] = []  # in this process (the first reader)
    realize = pcap._Analysis._realize

    def counted(self: pcap._Analysis, kept: Any) -> None:
        made.append(id(kept))
        realize(self, kept)

    monkeypatch.setattr(pcap._Analysis, "_realize", counted)
    used = record_splits(monkeypatch)
    report = read_pcap(copies, max_events=300, jobs=2)
    assert used == [True] and len(report.events) == 300
    ends = [(e.client.rpartition(":"), e.server.rpartition(":")) for e in report.events]
    shares = Counter(pcap.share_of(c[0], s[0], int(c[2]), int(s[2]), 2) for c, s in ends)
    # this reader listed the first 300 of its own share (about 390 connections) until the
    # readers agreed; it made the details of its share of the 300 listed, no more
    assert len(made) == shares[0] and 0 < shares[0] < 300


def test_listed_connections_are_the_one_pass_ones(copies: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Listed, evicted by an earlier-opening connection that closes later, counted from the
    verdict table or judged in full: with one reader and two, every listing size."""
    for n in (10**9, 500, 37, 1, 0):
        one = _json(copies, n)
        used = record_splits(monkeypatch)
        assert _json(copies, n, jobs=2) == one, n
        assert used == [True]
        monkeypatch.undo()
        if n:
            data = json.loads(one)
            assert data["summary"]["events_listed"] == min(n, data["summary"]["tls_connections"])


def test_a_capture_run_loads_only_what_it_uses(tmp_path: Path) -> None:
    """``tlsdoctor pcap``'s start-up is most of a small capture's time: what it never uses
    stays unloaded (they are imported where they run)."""
    proc = fresh_python(pcap_modules_code(CAPTURES / "tls12_ok.pcap"))
    loaded = set(proc.stderr.split())
    assert json.loads(proc.stdout)["summary"]["tls_connections"] == 1
    assert "tlsdoctor.diagnosis.rules.client_cert_required" in loaded  # judged, certificates too
    assert "tlsdoctor.pki.analyze" in loaded
    never = {"tlsdoctor.wire.tls13", "tlsdoctor.clients.profile", "tlsdoctor.clients.openssl_conf",
             "tlsdoctor.pki.fetch", "tlsdoctor.pki.show", "tlsdoctor.pki.revocation",
             "tlsdoctor.probe.handshake", "asyncio", "subprocess", "rich",
             # explain's text tables (round 13: a fix module had imported two of them)
             "tlsdoctor.ingest.patterns.castore", "tlsdoctor.ingest.own_trust",
             "tlsdoctor.ingest.posting", "tlsdoctor.ingest.patterns.l10n",
             # pickle is for two readers only (round 19)
             "pickle"}
    assert not never & loaded, never & loaded


def test_client_key_exchange_named_without_decoding_as_the_decoder_would() -> None:
    """pcap_tls names a ClientKeyExchange without decoding it: the decoder reads none
    (any body, any version: an UnknownHandshake, never an error)."""
    import random

    from tlsdoctor.wire import decode_handshake
    from tlsdoctor.wire.messages_late import UnknownHandshake

    rng = random.Random(5)
    for _ in range(300):
        body = rng.randbytes(rng.choice((0, 1, 2, 33, 65, 130, 258, 600)))
        for version in (0x0300, 0x0301, 0x0303, 0x0304):
            got = decode_handshake(pcap_tls._CKE, body, version=version)
            assert isinstance(got, UnknownHandshake) and got.body == body


def test_messages_decoded_once_per_body_are_what_decoding_gives() -> None:
    """CertificateRequest, CertificateStatus, ServerHelloDone and Certificate are decoded
    once per distinct body and negotiated version (the table), as the decoder decodes them."""
    from tlsdoctor.ingest import hello_cache
    from tlsdoctor.wire import DecodeError, decode_handshake
    from tlsdoctor.wire.registry import HandshakeType

    # CertificateRequest: certificate types, [signature algorithms,] CA names (RFC 5246
    # §7.4.4; TLS 1.0/1.1 have no signature algorithms); TLS 1.3: context, extensions
    tls12 = bytes.fromhex("0201400004040104030000")
    tls10 = bytes.fromhex("0201400000")
    tls13 = bytes.fromhex("00000a000d0006000404030804")
    cases = [(HandshakeType.certificate_request, body, v) for body in (tls12, tls10, tls13)
             for v in (0x0301, 0x0303, 0x0304)]
    cases += [(HandshakeType.server_hello_done, b, 0x0303) for b in (b"", b"\x00")]
    cases += [(HandshakeType.certificate_status, bytes.fromhex("0100000401020304"), 0x0303)]
    for msg_type, body, version in cases * 2:  # the second time from the table
        try:
            want = decode_handshake(int(msg_type), body, version=version)
        except DecodeError:
            with pytest.raises(DecodeError):
                hello_cache.decode_cached(int(msg_type), body, version=version)
            continue
        assert hello_cache.decode_cached(int(msg_type), body, version=version) == want


def test_each_reader_writes_the_json_of_the_events_it_lists(
        copies: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With ``render`` (the command line's --json), two readers each write their listed
    events' JSON while the other does: the same text as writing the report's JSON after."""
    from tlsdoctor.report.json_text import dumps_indented, dumps_indented_listed, list_item
    from tlsdoctor.report.pcap_json import event_text

    for path in (copies, CAPTURES / "cipher_mismatch.pcap", CAPTURES / "smtp_starttls.pcap",
                 CAPTURES / "tls13_ipv6.pcap"):
        for n in (10**9, 300, 5, 0):
            used = record_splits(monkeypatch)
            report = read_pcap(path, max_events=n, jobs=2, render=event_text)
            assert used == [True], (path.name, n)
            monkeypatch.undo()
            data = report.to_json()
            assert report.events_json == tuple(list_item(e) for e in data["events"])
            listed = dumps_indented_listed({"summary": dict(report.summary),
                                            "events": report.events}, "events",
                                           report.events_json)
            assert b"".join(listed) == dumps_indented(data).encode("ascii"), (path.name, n)
            assert _json(path, n) == _without_seconds(data)  # the one-pass report
    assert read_pcap(copies, jobs=1, render=event_text).events_json is None  # one pass
    assert read_pcap(copies, jobs=2).events_json is None  # not asked for


def _without_seconds(data: dict[str, Any]) -> str:
    data["summary"].pop("seconds")
    return json.dumps(data, indent=2)


def _frame(ts: float, src: int, sport: int, dst: int, dport: int, flags: int, seq: int,
           ack: int = 0, payload: bytes = b"") -> bytes:
    """One Ethernet II / IPv4 (20-byte header) / TCP (20-byte header) pcap record."""
    import struct

    tcp = struct.pack(">HHIIHHHH", sport, dport, seq, ack, 0x5000 | flags, 65535, 0, 0)
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp) + len(payload), 1, 0, 64, 6, 0,
                     bytes((10, 0, 0, src)), bytes((10, 0, 0, dst)))
    frame = b"\x00" * 12 + b"\x08\x00" + ip + tcp + payload
    sec = int(ts)
    return struct.pack("<IIII", sec, round((ts - sec) * 1e6), len(frame), len(frame)) + frame


def _as_ipv6(rec: bytes) -> bytes:
    """A pcap record of Ethernet / IPv4 / TCP as Ethernet / IPv6 / TCP (2001:db8::/96)."""
    import struct

    eth = rec[16:]
    segment = eth[34:]
    prefix = bytes.fromhex("20010db8") + bytes(8)
    ip6 = (b"\x60\x00\x00\x00" + len(segment).to_bytes(2, "big") + bytes((6, 64))
           + prefix + eth[26:30] + prefix + eth[30:34])
    frame = eth[:12] + b"\x86\xdd" + ip6 + segment
    return rec[:8] + struct.pack("<II", len(frame), len(frame)) + frame


_LINKS = {  # link type, and the frame from an Ethernet II frame
    "eth": (1, lambda e: e),
    "sll": (113, lambda e: b"\x00\x00\x03\x04\x00\x06" + e[6:12] + b"\x00\x00" + e[12:14] + e[14:]),
}


@pytest.mark.parametrize("ipv6", [False, True])
@pytest.mark.parametrize("link", sorted(_LINKS))
def test_segments_of_closed_connections_are_what_full_decoding_makes_of_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, link: str, ipv6: bool) -> None:
    """A segment on the 4-tuple of a connection that closed is left alone from its raw
    bytes (tcp.TcpTracker.straggler) exactly when decoding it in full would leave it: an
    ACK or FIN after both FINs, data within CLOSED_GRACE; not data later (a new
    connection) nor a SYN (a new connection on the same ports). On Ethernet and Linux
    SLL, IPv4 and IPv6."""
    import struct

    from tlsdoctor.ingest import tcp

    syn, ack, fin, psh = tcp.SYN, tcp.ACK, tcp.FIN, 0x08
    records = []
    t = 1_700_000_000.0
    for port in (40000, 40001, 40002):
        records += [_frame(t, 1, port, 2, 443, syn, 100), _frame(t + .01, 2, 443, 1, port, syn | ack, 500, 101),
                    _frame(t + .02, 1, port, 2, 443, psh | ack, 101, 501, b"hello"),
                    _frame(t + .03, 1, port, 2, 443, fin | ack, 106, 501),
                    _frame(t + .04, 2, 443, 1, port, fin | ack, 501, 107),
                    _frame(t + .05, 1, port, 2, 443, ack, 107, 502)]  # after both FINs
        t += 1
    records += [_frame(t, 1, 40000, 2, 443, psh | ack, 107, 502, b"late"),  # within grace
                _frame(t + 1, 2, 443, 1, 40000, fin | ack, 501, 107),
                _frame(t + 200, 1, 40001, 2, 443, psh | ack, 107, 502, b"much later"),
                _frame(t + 201, 1, 40002, 2, 443, syn, 9000),  # reuse of the ports
                _frame(t + 201.1, 2, 443, 1, 40002, syn | ack, 7000, 9001)]
    linktype, relink = _LINKS[link]
    out = []
    for rec in records:
        rec = _as_ipv6(rec) if ipv6 else rec
        frame = relink(rec[16:])
        out.append(rec[:8] + struct.pack("<II", len(frame), len(frame)) + frame)
    path = tmp_path / "closed.pcap"
    path.write_bytes(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, linktype)
                     + b"".join(out))
    left: list[bool] = []
    straggler = tcp.TcpTracker.straggler

    def counted(self: tcp.TcpTracker, *args: Any) -> bool:
        left.append(straggler(self, *args))
        return left[-1]

    monkeypatch.setattr(tcp.TcpTracker, "straggler", counted)
    fast = read_pcap(path).to_json()
    assert left.count(True) >= 4 and False in left  # both kinds met from the raw bytes
    # no raw lookups: every frame decoded in full (IPv6 by dpkt)
    monkeypatch.setattr(pcap, "plain_ipv4_at", lambda linktype, data: -1)
    monkeypatch.setattr(pcap, "plain_ipv6_at", lambda linktype, data: -1)
    monkeypatch.setattr(pcap, "_tcp6", pcap._tcp6_dpkt)
    full = read_pcap(path).to_json()
    fast["summary"].pop("seconds")
    full["summary"].pop("seconds")
    assert fast == full
    assert fast["summary"]["tcp_connections"] == 5  # three, the late data, the reused ports
