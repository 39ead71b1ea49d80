"""read_pcap on real captures (tests/ingest/captures, made by record.py against real servers)."""

from __future__ import annotations

import io
import itertools
import json
import re
import struct
from pathlib import Path

import pytest

from tlsdoctor import read_pcap
from tlsdoctor.diagnosis.causes import Cause, Severity
from tlsdoctor.errors import InputError
from tlsdoctor.ingest.pcap import PcapReport
from tlsdoctor.ingest.pcap_file import FrameSource

CAPTURES = Path(__file__).parent / "captures"


def cap(name: str) -> Path:
    return CAPTURES / name


def only_event(report: PcapReport):  # type: ignore[no-untyped-def]
    assert len(report.events) == 1, report.to_json()["summary"]
    return report.events[0]


def whats(event) -> list[str]:  # type: ignore[no-untyped-def]
    return [f"{h['by']}: {h['what']}" for h in event.details["history"]]


# -- each failure scenario gives its cause; each works twin gives none ---------------------


@pytest.mark.parametrize("name, cause, outcome", [
    ("protocol_version.pcap", Cause.PROTOCOL_VERSION_MISMATCH, "failed"),
    ("protocol_version.pcapng", Cause.PROTOCOL_VERSION_MISMATCH, "failed"),
    ("client_cert.pcap", Cause.CLIENT_CERT_REQUIRED, "failed"),
    ("expired.pcap", Cause.CERT_EXPIRED, "failed"),
    ("self_signed.pcap", Cause.CERT_SELF_SIGNED, "failed"),
    ("unrecognized_name.pcap", Cause.SNI_REQUIRED_OR_MISMATCH, "failed"),
    ("incomplete_chain.pcap", Cause.INCOMPLETE_CHAIN, "failed"),
    ("expired_tls13.pcap", Cause.CERT_EXPIRED, "failed"),
    ("client_cert_tls13.pcap", Cause.CLIENT_CERT_REQUIRED, "failed"),
    ("rst_after_hello.pcap", Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE, "failed"),
    ("rst_after_hello.pcapng", Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE, "failed"),
    ("http_on_tls_port.pcap", Cause.NON_TLS_SERVICE_ON_PORT, "failed"),
    ("smtp_banner_on_tls.pcap", Cause.NON_TLS_SERVICE_ON_PORT, "failed"),
    ("tls12_ok.pcap", None, "ok"),
    ("tls13_ok.pcap", None, "ok"),
    ("tls13_ok.pcapng", None, "ok"),
    ("tls13_ipv6.pcap", None, "ok"),
    ("tls12_sll.pcap", None, "ok"),
    ("smtp_starttls.pcap", None, "ok"),
    ("pop3_starttls.pcap", None, "ok"),
    ("imap_starttls.pcap", None, "ok"),
    ("ftp_starttls.pcap", None, "ok"),
])
def test_scenario_root_cause(name: str, cause: Cause | None, outcome: str) -> None:
    report = read_pcap(cap(name))
    ev = only_event(report)
    assert ev.outcome == outcome
    assert ev.root_cause == cause
    summary = report.to_json()["summary"]
    assert summary["handshakes"][outcome] == 1
    if cause is not None:
        assert summary["causes"] == {cause.value: 1}
        assert ev.findings[0].severity is Severity.BLOCKING
    else:
        assert not [f for f in ev.findings if f.severity is Severity.BLOCKING]


def test_tls12_history_certificates_and_timings() -> None:
    ev = only_event(read_pcap(cap("tls12_ok.pcap")))
    steps = whats(ev)
    order = ["client: SYN", "server: SYN-ACK", "client: ClientHello (SNI localhost)",
             "server: ServerHello", "server: Certificate (1)", "server: ServerHelloDone",
             "client: ClientKeyExchange", "client: ChangeCipherSpec", "server: ChangeCipherSpec"]
    positions = [steps.index(s) for s in order]
    assert positions == sorted(positions)
    assert ev.sni == "localhost"
    d = ev.to_json()
    assert d["chosen"]["version"] == "TLS 1.2"
    assert d["chosen"]["cipher_suite"].startswith("TLS_ECDHE_")
    assert "TLS 1.2" in d["offered"]["versions"]
    assert d["certificates"][0]["subject"].endswith("CN=localhost") or "localhost" in d["certificates"][0]["subject"]
    assert d["certificates"][0]["dns_names"] == ["localhost"]
    t = d["timings"]
    assert 0 < t["tcp_rtt_ms"] <= t["handshake_rtt_ms"] <= t["handshake_ms"] <= t["duration_ms"]
    assert d["zeek_history"].startswith("ShAD")
    assert d["transport"]["closed_by"]["fin"]


def test_tls13_hides_certificates_but_completes() -> None:
    ev = only_event(read_pcap(cap("tls13_ok.pcap")))
    d = ev.to_json()
    assert d["chosen"]["version"] == "TLS 1.3"
    assert d["certificates"] == []  # encrypted in TLS 1.3
    assert "server: encrypted handshake" in whats(ev)
    assert d["timings"]["handshake_ms"] is not None


def test_pcapng_and_pcap_agree() -> None:
    a = read_pcap(cap("tls13_ok.pcap")).to_json()
    b = read_pcap(cap("tls13_ok.pcapng")).to_json()
    assert a["summary"]["capture"]["format"] == "pcap"
    assert b["summary"]["capture"]["format"] == "pcapng"
    ha, hb = a["events"][0]["history"], b["events"][0]["history"]
    assert [(h["packet"], h["by"], h["what"]) for h in ha] == [(h["packet"], h["by"], h["what"]) for h in hb]
    # Same instants; nanosecond stamps become floats by different sums in the two formats.
    assert all(abs(x["t_ms"] - y["t_ms"]) < 0.01 for x, y in zip(ha, hb, strict=True))


def test_link_types_and_ipv6() -> None:
    sll = read_pcap(cap("tls12_sll.pcap")).to_json()["summary"]
    assert any("SLL" in t for t in sll["capture"]["link_types"])
    v6 = only_event(read_pcap(cap("tls13_ipv6.pcap")))
    assert v6.server.startswith("[::1]:")


def test_protocol_version_alert_by_server_with_offer() -> None:
    ev = only_event(read_pcap(cap("protocol_version.pcap")))
    d = ev.to_json()
    assert d["alerts"][0]["by"] == "server"
    assert d["alerts"][0]["description"] == "protocol_version"
    assert d["alerts"][0]["after"].startswith("ClientHello")
    assert "TLS 1.0" not in d["offered"]["versions"]
    assert ev.findings[0].facts["alert_by"] == "server"


def test_expired_certificate_judged_at_capture_time() -> None:
    ev = only_event(read_pcap(cap("expired.pcap")))
    d = ev.to_json()
    assert d["alerts"][0]["by"] == "client"
    assert d["alerts"][0]["description"] == "certificate_expired"
    f = ev.findings[0]
    assert f.cause is Cause.CERT_EXPIRED
    assert f.facts["not_after"] < f.facts["checked_at"]  # judged at the capture's time


def test_tls13_failures_inferred_from_cleartext_alert_and_record_sizes() -> None:
    expired = only_event(read_pcap(cap("expired_tls13.pcap")))
    assert expired.to_json()["certificates"] == []  # encrypted
    assert [f.cause for f in expired.findings][:2] == [Cause.CERT_EXPIRED, Cause.CLIENT_CLOCK_WRONG]
    mtls = only_event(read_pcap(cap("client_cert_tls13.pcap")))
    f = mtls.findings[0]
    assert f.facts["inferred_from"] == "record sizes"
    assert 0.5 < f.confidence < 1


def test_client_cert_required_sequence() -> None:
    ev = only_event(read_pcap(cap("client_cert.pcap")))
    steps = whats(ev)
    assert "server: CertificateRequest" in steps
    assert "client: Certificate (empty)" in steps
    assert ev.to_json()["alerts"][0]["by"] == "server"


def test_rst_names_sni_and_sender() -> None:
    ev = only_event(read_pcap(cap("rst_after_hello.pcap")))
    assert ev.sni == "blocked.example"
    assert ev.to_json()["transport"]["closed_by"]["rst"] == "server"
    assert "server: ServerHello" not in whats(ev)
    assert ev.findings[0].facts["sni"] == "blocked.example"


def test_plaintext_answer_is_evidence_not_markup() -> None:
    ev = only_event(read_pcap(cap("http_on_tls_port.pcap")))
    f = ev.findings[0]
    assert f.facts["protocol"] == "http"
    assert f.facts["answer"].startswith("HTTP/1.1 400")


def test_cipher_mismatch_ranked_with_alternatives() -> None:
    report = read_pcap(cap("cipher_mismatch.pcap"))
    assert [e.outcome for e in report.events] == ["ok", "failed"]
    failed = report.events[1]
    causes = [f.cause for f in failed.findings]
    assert causes[0] is Cause.CIPHER_SUITE_MISMATCH
    assert Cause.PROTOCOL_VERSION_MISMATCH in causes[1:]
    assert failed.findings[0].confidence > failed.findings[1].confidence
    assert "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384" in failed.findings[0].facts["server_chosen_elsewhere"]


@pytest.mark.parametrize("proto", ["smtp", "pop3", "imap", "ftp"])
def test_starttls_followed_into_tls(proto: str) -> None:
    ev = only_event(read_pcap(cap(f"{proto}_starttls.pcap")))
    d = ev.to_json()
    assert d["starttls"] == proto
    assert d["chosen"]["version"] == "TLS 1.3"
    steps = whats(ev)
    assert steps.index(f"client: STARTTLS ({proto})") < steps.index("server: STARTTLS accepted") \
        < steps.index("client: ClientHello (SNI localhost)") < steps.index("server: ServerHello")


def test_smtp_banner_answer_suggests_starttls() -> None:
    f = only_event(read_pcap(cap("smtp_banner_on_tls.pcap"))).findings[0]
    assert f.facts["protocol"] == "smtp"
    assert "-starttls smtp" in f.fix[0].code


def test_lost_segment_in_a_real_capture_is_a_gap() -> None:
    # tcpdump really dropped the server's first flight while this was recorded.
    ev = only_event(read_pcap(cap("tls13_ipv6_lost_segment.pcap")))
    d = ev.to_json()
    assert ev.outcome == "unknown"
    assert d["transport"]["gaps"][0]["by"] == "server"
    assert d["transport"]["gaps"][0]["missing"] > 0
    assert any("missing" in n for n in d["notes"])


def test_summary_counts_per_server_and_sni() -> None:
    s = read_pcap(cap("cipher_mismatch.pcap")).to_json()["summary"]
    assert s["tls_connections"] == 2
    (server,) = s["servers"]
    assert s["servers"][server] == {"ok": 1, "failed": 1}
    assert s["sni"] == {"localhost": {"ok": 1, "failed": 1}}
    assert s["causes"] == {"cipher_suite_mismatch": 1}


def test_json_round_trips_with_spec_fields() -> None:
    d = read_pcap(cap("expired.pcap")).to_json()
    again = json.loads(json.dumps(d))
    assert set(again) == {"summary", "events"}
    f = again["events"][0]["findings"][0]
    assert set(f) == {"cause", "severity", "who_fixes", "title", "explanation", "fix", "evidence",
                      "facts", "confidence"}
    assert set(f["fix"][0]) == {"text", "code", "applies_to"}


def test_reads_a_binary_stream() -> None:
    data = cap("protocol_version.pcap").read_bytes()
    ev = only_event(read_pcap(io.BytesIO(data)))
    assert ev.root_cause is Cause.PROTOCOL_VERSION_MISMATCH


def test_live_recording_with_tcpdump(tmp_path: Path) -> None:
    """record.py end to end: a real TLS 1.0-only server, a real TLS 1.2+ client, tcpdump."""
    import importlib.util
    import os
    import shutil

    if os.geteuid() != 0 or not all(shutil.which(t) for t in ("tcpdump", "openssl", "curl")):
        pytest.skip("needs root, tcpdump, openssl and curl")
    spec = importlib.util.spec_from_file_location("record_captures", CAPTURES / "record.py")
    assert spec is not None and spec.loader is not None
    record = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(record)
    pki = record.Pki(tmp_path)
    for attempt in range(3):  # tcpdump on a busy loopback can drop packets: record again
        out = tmp_path / f"live{attempt}.pcap"
        record.protocol_version(pki, out)
        report = read_pcap(out)
        if report.to_json()["summary"]["gaps"] == 0:
            break
    ev = only_event(report)
    assert ev.root_cause is Cause.PROTOCOL_VERSION_MISMATCH


# -- broken input -----------------------------------------------------------------------------


def test_truncated_mid_packet_keeps_what_is_readable() -> None:
    data = cap("cipher_mismatch.pcap").read_bytes()
    cut = data[: len(data) - 40]  # inside the last packet
    report = read_pcap(io.BytesIO(cut))
    notes = report.to_json()["summary"]["notes"]
    assert any(re.match(r"capture truncated at packet \d+", n) for n in notes), notes
    assert report.events[0].outcome == "ok"
    assert report.events[1].root_cause is Cause.CIPHER_SUITE_MISMATCH


@pytest.mark.parametrize("data", [b"", b"\x00" * 3, b"GET / HTTP/1.1\r\n\r\n" * 4,
                                  bytes(range(256)) * 8])
def test_garbage_is_a_one_line_input_error(data: bytes) -> None:
    with pytest.raises(InputError) as info:
        read_pcap(io.BytesIO(data))
    assert "\n" not in str(info.value)


def test_missing_file_is_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read capture"):
        read_pcap(tmp_path / "nope.pcap")


@pytest.mark.parametrize("name, cut", [("tls12_ok.pcap", 24 + 16 + 20),  # inside packet 1
                                       ("tls12_ok.pcap", 24 + 10),  # inside its header
                                       ("tls13_ok.pcapng", 200)])  # inside its first block
@pytest.mark.parametrize("pure", ["0", "1"])
def test_capture_cut_inside_its_first_packet_is_an_input_error(
        name: str, cut: int, pure: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not one packet can be read: a one-line error (exit 3), not "0 connections"."""
    monkeypatch.setenv("TLSDOCTOR_PCAP_PURE", pure)
    data = cap(name).read_bytes()[:cut]
    with pytest.raises(InputError, match="truncated") as info:
        read_pcap(io.BytesIO(data))
    assert "\n" not in str(info.value)


def test_capture_with_an_impossible_first_record_is_an_input_error() -> None:
    data = bytearray(cap("tls12_ok.pcap").read_bytes())
    data[24 + 8:24 + 12] = struct.pack("<I", 2**31)  # the first record's caplen
    with pytest.raises(InputError, match="corrupt"):
        read_pcap(io.BytesIO(bytes(data)))


def test_header_only_capture_is_empty() -> None:
    data = cap("tls12_ok.pcap").read_bytes()[:24]
    report = read_pcap(io.BytesIO(data))
    assert report.events == ()
    assert report.to_json()["summary"]["capture"]["packets"] == 0


def test_max_bytes_stops_with_a_note() -> None:
    report = read_pcap(cap("cipher_mismatch.pcap"), max_bytes=600)
    notes = report.to_json()["summary"]["notes"]
    assert any("max_bytes=600" in n for n in notes)


def test_max_events_keeps_counting_in_the_summary() -> None:
    report = read_pcap(cap("cipher_mismatch.pcap"), max_events=1)
    s = report.to_json()["summary"]
    assert len(report.events) == 1
    assert s["tls_connections"] == 2
    assert s["causes"] == {"cipher_suite_mismatch": 1}
    assert any("max_events=1" in n for n in s["notes"])


def test_bad_limits_are_input_errors() -> None:
    with pytest.raises(InputError):
        read_pcap(cap("tls12_ok.pcap"), max_connections=0)


# -- derived captures: the same real packets reordered, duplicated or dropped ----------------


def _frames(name: str) -> tuple[bytes, list[tuple[float, bytes]]]:
    with cap(name).open("rb") as f:
        src = FrameSource(f, max_bytes=1 << 30)
        frames = [(fr.ts, fr.data) for fr in src]
    header = cap(name).read_bytes()[:24]
    return header, frames


def _write(header: bytes, frames: list[tuple[float, bytes]]) -> io.BytesIO:
    nano = header[:4] in (b"\x4d\x3c\xb2\xa1",)
    out = io.BytesIO()
    out.write(header)
    for ts, data in frames:
        frac = round((ts % 1) * (1e9 if nano else 1e6))
        out.write(struct.pack("<IIII", int(ts), frac, len(data), len(data)) + data)
    out.seek(0)
    return out


def _payload_frames(frames: list[tuple[float, bytes]]) -> list[int]:
    # Ethernet (14 bytes), IPv4 total length minus the IP and TCP header lengths.
    def payload_len(d: bytes) -> int:
        ihl = (d[14] & 0x0F) * 4
        return int.from_bytes(d[16:18], "big") - ihl - (d[14 + ihl + 12] >> 4) * 4

    return [i for i, (_, d) in enumerate(frames) if payload_len(d) > 0]


def _sport(d: bytes) -> bytes:
    ihl = (d[14] & 0x0F) * 4
    return d[14 + ihl : 14 + ihl + 2]


def test_out_of_order_and_retransmitted_segments() -> None:
    header, frames = _frames("tls12_ok.pcap")
    original = only_event(read_pcap(_write(header, list(frames)))).to_json()
    data_idx = _payload_frames(frames)
    # Two consecutive data segments of the same direction, swapped: the later bytes arrive first.
    pairs = [(i, j) for i, j in itertools.pairwise(data_idx)
             if _sport(frames[i][1]) == _sport(frames[j][1])]
    i, j = pairs[0]
    frames[i], frames[j] = frames[j], frames[i]
    frames.insert(j + 1, frames[j])  # and the first of them again: a retransmission
    ev = only_event(read_pcap(_write(header, frames)))
    d = ev.to_json()
    assert ev.outcome == "ok"
    assert d["transport"]["retransmits"] == 1
    assert d["transport"]["gaps"] == []
    assert d["transport"]["client_bytes"] == original["transport"]["client_bytes"]
    assert d["transport"]["server_bytes"] == original["transport"]["server_bytes"]
    # Same messages from each side (their packet numbers, hence the interleaving, moved).
    for side in ("client", "server"):
        assert [h["what"] for h in d["history"] if h["by"] == side] == \
            [h["what"] for h in original["history"] if h["by"] == side]


def test_dropped_segment_is_reported_as_gap() -> None:
    header, frames = _frames("tls12_ok.pcap")
    data_idx = _payload_frames(frames)
    del frames[data_idx[1]]  # the server's first flight
    report = read_pcap(_write(header, frames))
    ev = only_event(report)
    assert ev.outcome == "unknown"
    gaps = ev.to_json()["transport"]["gaps"]
    assert gaps and gaps[0]["by"] == "server"
    assert report.to_json()["summary"]["gaps"] == 1


def test_capture_starting_mid_connection() -> None:
    header, frames = _frames("tls12_ok.pcap")
    data_idx = _payload_frames(frames)
    report = read_pcap(_write(header, frames[data_idx[4]:]))
    for ev in report.events:
        assert ev.outcome == "unknown"
        assert any("middle" in n for n in ev.to_json()["notes"])


@pytest.mark.parametrize(("magic", "says"), [(b"\x1f\x8b\x08\x08", "zcat"),
                                             (b"\x28\xb5\x2f\xfd", "zstdcat"),
                                             (b"\xfd7zXZ\x00", "xzcat"), (b"BZh9", "bzcat")])
def test_a_compressed_capture_says_how_to_read_it(magic: bytes, says: str) -> None:
    # Round 27 review: "not a pcap or pcapng capture (first bytes 1f8b0808...)" for a
    # capture.pcap.gz; logs names these formats and the command to read them.
    with pytest.raises(InputError, match=says) as info:
        read_pcap(io.BytesIO(magic + bytes(100)))
    assert "tlsdoctor pcap -" in str(info.value) and "\n" not in str(info.value)


def test_a_legacy_hello_refused_with_internal_error_is_a_version_mismatch() -> None:
    # Review 28: OpenSSL 3's s_server answers a TLS 1.1 hello with internal_error; the same
    # capture shows it negotiating TLS 1.3. pcap said server_misconfiguration ("cannot work
    # for any client"); diagnose says the server requires TLS 1.2.
    report = read_pcap(cap("legacy_hello_refused.pcap"))
    ok, refused = report.events
    assert ok.outcome == "ok" and refused.outcome == "failed"
    assert refused.root_cause is Cause.PROTOCOL_VERSION_MISMATCH
    assert Cause.SERVER_MISCONFIGURATION not in [f.cause for f in refused.findings]
