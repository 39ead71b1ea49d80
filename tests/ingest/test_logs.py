"""read_logs(): TLS failures in real nginx logs and in the documented formats of Apache,
HAProxy, Postfix, Dovecot and journald; streaming, caps and bad input."""

from __future__ import annotations

import gzip
import io
import os
import shutil
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from tlsdoctor import read_logs
from tlsdoctor.errors import InputError, UsageError
from tlsdoctor.ingest import logs
from tlsdoctor.ingest.messages import find_matches
from tlsdoctor.ingest.patterns import SERVER_SOURCES
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.servers import Site, have_nginx, nginx_server

CORPUS = Path(__file__).parent / "corpus"
NGINX_LOG = CORPUS / "nginx_error.log"
SERVER_LOGS = CORPUS / "server_logs"


def test_recorded_nginx_error_log() -> None:
    r = read_logs([NGINX_LOG])
    # Line 1 is a TCP connect that sent no byte (not a handshake); line 8, "peer closed
    # connection in SSL handshake", names no reason: unclassified, not a certificate cause.
    assert r.failures == 6 and r.closed_without_tls == 1
    assert r.by_cause == {"protocol_version_mismatch": 2, "cert_untrusted_root": 1,
                          "non_tls_service_on_port": 1, "client_cert_required": 1,
                          "unclassified": 1}
    assert r.by_client == {"127.0.0.1": 6}
    # nginx's "server:" is the listen address or the server block, never the SNI
    assert r.by_sni == {}
    assert r.by_server == {"127.0.0.1:55973": 4, "tls13.test": 1, "mtls.test": 1}
    assert r.by_format == {"nginx": 6}
    assert [e.line for e in r.events] == [2, 3, 4, 6, 7, 8]
    assert r.first_seen == r.last_seen == "2026-11-23T10:16:15"
    assert r.timeline_unit == "minute" and r.timeline == (("2026-11-23T10:16", 6),)
    assert r.top_fix is not None and r.top_fix["cause"] == "protocol_version_mismatch"
    assert r.top_fix["fix"][0]["applies_to"] == "nginx"  # the log names its server
    assert r.lines == 10


@pytest.mark.parametrize(("name", "failures", "causes", "clients", "fmt"), [
    # AH02008 and its "SSL Library Error" line are one failure (logs._MOD_SSL)
    ("apache_error.log", 4, {"protocol_version_mismatch", "client_cert_required",
                             "sni_required_or_mismatch", "non_tls_service_on_port"},
     {"198.51.100.7", "198.51.100.8", "198.51.100.9", "198.51.100.10"}, "apache"),
    # "Connection closed during SSL handshake" (CO_ER_SSL_EMPTY): nothing was received
    ("haproxy.log", 3, {"client_cert_required", "middlebox_or_firewall_interference"},
     {"198.51.100.20", "198.51.100.22", "198.51.100.23"}, "haproxy"),
    # smtpd[5121]'s "SSL_accept error" and its "TLS library problem" line are one
    # failure (logs._SMTPD; Postfix 3.7 on loopback writes them so for one handshake)
    ("maillog", 6, {"protocol_version_mismatch", "cipher_suite_mismatch",
                    "cert_untrusted_root"},
     {"198.51.100.30", "198.51.100.31", "198.51.100.40", "198.51.100.41", "198.51.100.42"},
     None),
    ("journal_short_iso.txt", 2, {"middlebox_or_firewall_interference",
                                  "protocol_version_mismatch"},
     {"198.51.100.50", "198.51.100.61"}, None),
    # a server's "no suitable signature algorithm": most often a TLS 1.0/1.1 client
    # (judgement/openssl.py SSL_SERVER_READINGS), the suites next
    ("journal_export.txt", 1, {"protocol_version_mismatch"}, set(), "journald"),
])
def test_server_formats(name: str, failures: int, causes: set[str], clients: set[str],
                        fmt: str | None) -> None:
    r = read_logs([SERVER_LOGS / name])
    assert r.failures == failures
    assert causes <= set(r.by_cause)
    assert set(r.by_client) == clients
    if fmt:
        assert set(r.by_format) == {fmt}
    for e in r.events:  # every event carries its findings, root cause first
        assert e.findings or e.meaning


def test_details_per_format() -> None:
    apache = read_logs([SERVER_LOGS / "apache_error.log"])
    # "(server www.example.com:443)" is mod_ssl's vhost id; SNI is named in AH02032 only
    assert apache.by_sni == {"shop.example.com": 1}
    assert apache.by_server == {"www.example.com:443": 1}
    cert = next(e for e in apache.events if "AH02039" in e.message)
    assert cert.findings[0].cause.value == "client_cert_required"
    mail = read_logs([SERVER_LOGS / "maillog"])
    dovecot = [e for e in mail.events if e.format == "dovecot"]
    assert [e.client for e in dovecot] == ["198.51.100.40", "198.51.100.41", "198.51.100.42"]
    # alert 46 logged by a server: the client rejected the server's certificate
    assert dovecot[2].findings[0].cause.value == "cert_untrusted_root"
    assert mail.first_seen is not None and mail.first_seen.endswith("-11-23T10:13:01")
    haproxy = read_logs([SERVER_LOGS / "haproxy.log"])
    assert haproxy.events[0].meaning.startswith("HAProxy")


def test_every_server_failure_line_passes_the_prefilter() -> None:
    """The byte keys of the hot path must not hide any line a server pattern recognises."""
    lines = NGINX_LOG.read_text().splitlines()
    for f in (*SERVER_LOGS.iterdir(), *(SERVER_LOGS / "matrix").glob("*.log")):
        if f.is_file() and f.suffix not in (".md", ".json"):
            lines += f.read_text().splitlines()
    checked = 0
    for line in lines:
        if any(m.source in SERVER_SOURCES for m in find_matches(line, server_side=True)):
            checked += 1
            assert any(k in line for k in logs._KEYS_S), line
    assert checked >= 15


@pytest.mark.skipif(not have_nginx(), reason="nginx not installed")
def test_live_nginx_error_log(tmp_path: Path) -> None:
    """nginx on loopback, broken clients, then read_logs over the error log it wrote."""
    ca = CA(name="logs live root")
    chain, key = ca.issue(["tls13.test", "mtls.test"]).write(tmp_path)
    ca_pem = ca.write(tmp_path / "ca.pem")
    sites = [Site(server_name="tls13.test", chain_path=chain, key_path=key,
                  protocols=("tls1_3",), default=True),
             Site(server_name="mtls.test", chain_path=chain, key_path=key, client_ca=ca_pem)]
    with nginx_server(sites) as srv:
        port = str(srv.port)
        for argv in (["openssl", "s_client", "-connect", f"127.0.0.1:{port}", "-tls1_2"],
                     ["curl", "-sS", "--max-time", "5", f"http://127.0.0.1:{port}/"],
                     ["curl", "-sSk", "--max-time", "5", "--resolve",
                      f"mtls.test:{port}:127.0.0.1", f"https://mtls.test:{port}/"]):
            if shutil.which(argv[0]):
                subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=20)
        srv.stop()
        text = srv.log()
    r = read_logs([io.StringIO(text)])
    assert r.by_cause.get("protocol_version_mismatch", 0) >= 1, text
    if shutil.which("curl"):
        assert r.by_cause.get("non_tls_service_on_port", 0) >= 1, text
        assert r.by_cause.get("client_cert_required", 0) >= 1, text
        assert "mtls.test" in r.by_server  # the server block; nginx logs no SNI at info
    assert r.by_client.get("127.0.0.1", 0) == r.failures


def test_gzip_stdin_and_streams_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = NGINX_LOG.read_bytes()
    gz = tmp_path / "error.log.1.gz"
    gz.write_bytes(gzip.compress(data))
    plain = read_logs([NGINX_LOG]).to_json()["summary"]

    class _Stdin:
        buffer = io.BufferedReader(io.BytesIO(gzip.compress(data)))  # type: ignore[arg-type]

    monkeypatch.setattr(sys, "stdin", _Stdin())
    for src in (gz, "-", io.BytesIO(data), io.StringIO(data.decode())):
        s = read_logs([src]).to_json()["summary"]
        for k in ("failures", "by_cause", "by_client", "timeline", "lines"):
            assert s[k] == plain[k], (src, k)
    both = read_logs([NGINX_LOG, gz])
    assert both.failures == 12 and both.sources == (str(NGINX_LOG), str(gz))


def test_single_path_argument_is_not_iterated_by_character() -> None:
    assert read_logs(str(NGINX_LOG)).failures == 6


def test_since_skips_older_lines() -> None:
    r = read_logs([SERVER_LOGS / "maillog"], since=datetime(2026, 11, 23, 10, 14))
    assert r.skipped_before_since == 5
    assert set(r.by_format) == {"dovecot"} and r.failures == 3


def test_event_cap_keeps_counts(tmp_path: Path) -> None:
    line = ("2026/11/23 10:{m:02d}:00 [info] 1#1: *{n} SSL_do_handshake() failed (SSL: "
            "error:0A000102:SSL routines::unsupported protocol) while SSL handshaking, "
            "client: 192.0.2.{c}, server: 0.0.0.0:443\n")
    f = tmp_path / "error.log"
    f.write_text("".join(line.format(m=n % 60, n=n, c=n % 200) for n in range(5000)))
    r = read_logs([f], max_events=10)
    assert r.failures == 5000 and len(r.events) == 10 and r.events_dropped == 4990
    assert r.by_cause == {"protocol_version_mismatch": 5000}
    assert len(r.by_client) == 50 and sum(r.by_client.values()) == 1250  # top 50 of 200
    assert r.distinct_clients == 200
    assert r.timeline_unit == "minute" and len(r.timeline) == 60
    assert len(r.to_json()["events"]) == 10
    with pytest.raises(UsageError):
        read_logs([f], max_events=-1)


def test_chunk_boundaries_do_not_change_the_result(monkeypatch: pytest.MonkeyPatch) -> None:
    want = read_logs([SERVER_LOGS / "maillog"]).to_json()
    for size in (7, 64, 333):
        monkeypatch.setattr(logs, "CHUNK", size)
        assert read_logs([SERVER_LOGS / "maillog"]).to_json() == want, size


def test_garbage_binary_and_overlong_lines(tmp_path: Path) -> None:
    junk = tmp_path / "junk.bin"
    junk.write_bytes(os.urandom(2 << 20))
    huge = tmp_path / "huge.log"
    with huge.open("wb") as f:
        f.write(b"SSL " * (1 << 20))  # a 4 MiB line with a key in it, no newline
        f.write(b"\n" + NGINX_LOG.read_bytes())
    t0 = time.perf_counter()
    with pytest.raises(InputError, match="not a text log"):  # binary: an error, not "no failures"
        read_logs([junk])
    r2 = read_logs([huge])
    assert r2.overlong_lines == 1
    assert r2.failures == 6  # the lines after it still count
    assert [e.line for e in r2.events][:2] == [3, 4]
    assert time.perf_counter() - t0 < 15


def test_unreadable_sources_raise_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        read_logs([tmp_path / "missing.log"])
    with pytest.raises(InputError):
        read_logs([tmp_path])


def test_json_is_escaped_and_complete(tmp_path: Path) -> None:
    f = tmp_path / "evil.log"
    f.write_text("2026/11/23 10:00:00 [info] 1#1: *1 SSL_do_handshake() failed (SSL: "
                 "error:0A000102:SSL routines::unsupported protocol) while SSL handshaking, "
                 "client: 192.0.2.1, server: \x1b]0;pwned\x07evil.example\n")
    j = read_logs([f]).to_json()
    assert set(j) == {"summary", "events"}
    ev = j["events"][0]
    assert ev["cause"] == "protocol_version_mismatch"
    assert ev["findings"][0]["cause"] == "protocol_version_mismatch"
    assert "\x1b" not in ev["message"] and "\x07" not in ev["message"]
    assert ev["sni"] is None or "\x1b" not in ev["sni"]
    s = j["summary"]
    for key in ("by_cause", "by_client", "by_sni", "first_seen", "last_seen", "timeline",
                "top_fix", "failures", "lines", "events_dropped"):
        assert key in s


def test_parallel_slices_match_a_single_pass(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Big plain files are split across processes; the result must not change."""
    f = tmp_path / "mixed.log"
    parts = [NGINX_LOG.read_text(), (SERVER_LOGS / "maillog").read_text(),
             (SERVER_LOGS / "haproxy.log").read_text()]
    f.write_text("".join(parts) * 40)
    monkeypatch.setattr(logs, "PARALLEL_MIN", 1000)
    one = read_logs([f], workers=1, max_events=50).to_json()
    two = read_logs([f], workers=2, max_events=50).to_json()
    assert one == two
    assert one["summary"]["failures"] == 40 * (6 + 6 + 3)
    assert [e["line"] for e in two["events"]][:6] == [2, 3, 4, 6, 7, 8]
    with pytest.raises(UsageError):
        read_logs([f], workers=0)


def test_cache_ignores_volatile_fields_but_not_codes(tmp_path: Path) -> None:
    """Per-connection fields do not defeat the cache; alert numbers still count."""
    f = tmp_path / "mixed.log"
    rows = []
    for n in range(20_000):  # busy IMAP server: every login line is unique, none a failure
        rows.append(f"Nov 23 10:00:{n % 60:02d} mx dovecot: imap-login: Login: user=<u{n}@x.org>, "
                    f"method=PLAIN, rip=192.0.2.{n % 250}, lip=192.0.2.1, mpid={n}, TLS, "
                    f"session=<s{n}>\n")
    for n, alert in enumerate((48, 40, 70)):
        rows.append(f"2026/11/23 10:01:0{n} [info] 9#9: *{n} SSL_do_handshake() failed (SSL: "
                    f"error:0A000{1000 + alert:03X}:SSL routines::x:SSL alert number {alert}) "
                    f"while SSL handshaking, client: 192.0.2.{n}, server: 0.0.0.0:443\n")
    f.write_text("".join(rows))
    t0 = time.perf_counter()
    r = read_logs([f])
    assert time.perf_counter() - t0 < 10
    assert r.candidates == 20_003 and r.failures == 3
    assert [e.findings[0].cause.value for e in r.events] == [
        "cert_untrusted_root", "cipher_suite_mismatch", "protocol_version_mismatch"]


def test_cli_max_events_lists_that_many() -> None:
    """``logs --max-events N`` lists N failure lines in detail and still counts every one."""
    import json
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, PYTHONPATH=str(root / "src"))
    run = subprocess.run([sys.executable, "-m", "tlsdoctor", "logs", "--json", "--max-events",
                          "2", str(CORPUS / "nginx_error.log")], capture_output=True, text=True,
                         timeout=120, env=env, check=False)
    data = json.loads(run.stdout)
    assert len(data["events"]) == 2 < data["summary"]["failures"]


# Round 27 review: syslog stamps carry no year. The current year was assumed, so a rotated
# maillog read in January put its December lines eleven months in the future ("between
# 2027-01-02 and 2027-12-30"), and with since= its January lines before since (skipped).
_TURN = ("Dec 30 23:59:01 mx1 postfix/smtpd[5121]: SSL_accept error from unknown[198.51.100.30]: -1\n"
         "Dec 30 23:59:01 mx1 postfix/smtpd[5121]: warning: TLS library problem: error:0A000102:"
         "SSL routines::unsupported protocol:../ssl/statem/statem_srvr.c:1657:\n"
         "Jan  2 00:00:05 mx1 postfix/smtpd[5122]: SSL_accept error from unknown[198.51.100.31]: -1\n"
         "Jan  2 00:00:05 mx1 postfix/smtpd[5122]: warning: TLS library problem: error:0A000102:"
         "SSL routines::unsupported protocol:../ssl/statem/statem_srvr.c:1657:\n")


def test_syslog_years_are_the_twelve_months_up_to_now_or_from_since() -> None:
    years = logs.syslog_years(since=None, now=datetime(2027, 1, 5))
    assert (years["Dec"], years["Feb"], years["Jan"]) == (2026, 2026, 2027)
    years = logs.syslog_years(since=datetime(2026, 12, 29), now=datetime(2027, 1, 5))
    assert (years["Nov"], years["Dec"], years["Jan"]) == (2027, 2026, 2027)


def test_syslog_lines_across_new_year_keep_their_order(tmp_path: Path) -> None:
    f = tmp_path / "maillog.1"
    f.write_text(_TURN)
    r = read_logs([f], since=datetime(2026, 12, 29))
    assert r.skipped_before_since == 0 and r.failures == 2
    assert (r.first_seen, r.last_seen) == ("2026-12-30T23:59:01", "2027-01-02T00:00:05")
