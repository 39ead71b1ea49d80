"""Bad arguments are usage errors: exit 3, one line on stderr, no traceback (issue 11 item 9).

Every case runs the real command as a process; none of them reaches a server (the checks
come before any connection: port 1 on loopback is never contacted successfully anyway).
The library functions raise the same typed errors.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from tlsdoctor import options
from tlsdoctor.errors import TlsDoctorError, UsageError

NOWHERE = "localhost:1"


def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tlsdoctor", *args], input=stdin,
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "COLUMNS": "200"})


def assert_usage_error(r: subprocess.CompletedProcess[str], *words: str) -> str:
    assert r.returncode == 3, (r.returncode, r.stdout[-500:], r.stderr[-2000:])
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("tlsdoctor: error: "), lines[0]
    for w in words:
        assert w in lines[0], (w, lines[0])
    return lines[0]


@pytest.fixture
def files(tmp_path: Path, pki) -> dict[str, str]:
    notpem = tmp_path / "notes.txt"
    notpem.write_text("these are not certificates\n")
    empty = tmp_path / "empty.pem"
    empty.write_bytes(b"")
    der = tmp_path / "root.der"
    der.write_bytes(pki.ca.cert.public_bytes(Encoding.DER))
    broken = tmp_path / "broken.pem"
    broken.write_text("-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n")
    adir = tmp_path / "adir"
    adir.mkdir()
    return {"missing": str(tmp_path / "nosuch.pem"), "notpem": str(notpem), "empty": str(empty),
            "der": str(der), "broken": str(broken), "dir": str(adir), "device": "/dev/zero",
            "good": str(pki.root_pem), "missing_dir": str(tmp_path / "nodir" / "out.pem")}


@pytest.fixture
def unreadable(tmp_path: Path) -> str:
    """A regular file this process cannot read (root reads anything chmod 000, so then a
    kernel file that refuses reads even to root)."""
    p = tmp_path / "secret.pem"
    p.write_text("x")
    p.chmod(0)
    if not os.access(p, os.R_OK):
        return str(p)
    for candidate in ("/proc/sys/vm/drop_caches", "/proc/sys/vm/compact_memory"):
        try:
            with open(candidate, "rb") as fh:
                fh.read(1)
        except PermissionError:
            return candidate
        except OSError:
            continue
    pytest.skip("no unreadable regular file available to this user")


@pytest.mark.parametrize("kind, words", [
    ("missing", ("--ca-file", "no such file")),
    ("notpem", ("--ca-file", "no PEM certificate")),
    ("empty", ("--ca-file", "no PEM certificate")),
    ("der", ("--ca-file", "DER", "openssl x509 -inform der")),
    ("broken", ("--ca-file", "OpenSSL cannot load it")),
    ("dir", ("--ca-file", "is a directory")),
    ("device", ("--ca-file", "not a regular file")),
])
def test_bad_ca_file(files, kind, words):
    assert_usage_error(cli("diagnose", NOWHERE, "--ca-file", files[kind]), *words)


def test_bad_ca_file_for_cert_and_all_clients(files):
    assert_usage_error(cli("cert", NOWHERE, "--ca-file", files["notpem"]), "no PEM certificate")
    assert_usage_error(cli("cert", files["good"], "--ca-file", files["missing"]), "no such file")
    assert_usage_error(cli("diagnose", NOWHERE, "--all-clients", "--ca-file", files["missing"]),
                       "--ca-file", "no such file")


def test_unreadable_files(unreadable):
    assert_usage_error(cli("diagnose", NOWHERE, "--ca-file", unreadable), "--ca-file", "cannot read")
    assert_usage_error(cli("scan", "--targets", unreadable), "--targets", "cannot read")
    for command in ("logs", "pcap", "cert"):
        r = cli(command, unreadable)
        assert_usage_error(r, unreadable)
        assert "ermission denied" in r.stderr


@pytest.mark.parametrize("kind, words", [
    ("missing", ("--targets", "no such file")),
    ("dir", ("--targets", "is a directory")),
    ("device", ("--targets", "not a regular file")),  # /dev/zero would be read for ever
])
def test_bad_targets_file(files, kind, words):
    assert_usage_error(cli("scan", "--targets", files[kind]), *words)


def test_a_targets_file_takes_comments_at_the_end_of_a_line(tmp_path: Path) -> None:
    # Review 28: "127.0.0.1:1 # closed" was "not a host name or URL" (only whole-line
    # comments were), and a fleet inventory's "HOST #tag" the same. A URL's fragment stays.
    f = tmp_path / "targets.txt"
    f.write_text("# hosts\n\nmx.example.test:25   # mail\nweb.example.test #prod\n"
                 "https://a.example.test/#top\n")
    assert options.targets_file(str(f)) == ["mx.example.test:25", "web.example.test",
                                            "https://a.example.test/#top"]


@pytest.mark.parametrize("command", ["logs", "pcap", "cert"])
@pytest.mark.parametrize("kind, words", [
    ("missing", ("no such file",)),
    ("dir", ("is a directory",)),
    ("device", ("not a regular file",)),
])
def test_bad_input_files(files, command, kind, words):
    r = cli(command, files[kind])
    assert files[kind] in assert_usage_error(r, *words)


@pytest.mark.parametrize("args, words", [
    (("--timeout", "-1"), ("--timeout", "at most 300")),
    # Review 28: "must be between 0 and 300 seconds, not 0.0" refused the bound it named.
    (("--timeout", "0"), ("--timeout", "more than 0", "at most 300")),
    (("--timeout", "nan"), ("--timeout",)),
    (("--timeout", "inf"), ("--timeout",)),
    (("--timeout", "abc"), ("--timeout", "not a valid float", "tlsdoctor diagnose --help")),
    (("--delay", "-1"), ("--delay",)),
    (("--warn-days", "-5"), ("--warn-days",)),
    (("--starttls", "nosuch"), ("--starttls", "smtp")),
    (("--client", "nosuch"), ("nosuch", "tlsdoctor clients")),
    (("--server", "nosuch"), ("--server", "nginx", "apache", "haproxy")),
    (("--sni", ""), ("--sni",)),
    (("--sni", "two words"), ("--sni",)),
    (("--sni", "x", "--no-sni"), ("--sni", "--no-sni")),
    (("--connect", ""), ("--connect",)),
    (("--proxy", "socks5://127.0.0.1:1"), ("proxy", "http://")),
    (("--nosuch-option",), ("--nosuch-option",)),
])
def test_bad_diagnose_options(args, words):
    assert_usage_error(cli("diagnose", NOWHERE, *args), *words)


def test_bundle_out_is_checked_before_the_diagnosis(files):
    assert_usage_error(cli("diagnose", NOWHERE, "--bundle-out", files["missing_dir"]),
                       "--bundle-out", "does not exist")
    assert_usage_error(cli("diagnose", NOWHERE, "--bundle-out", files["dir"]),
                       "--bundle-out", "is a directory")


@pytest.mark.parametrize("args, words", [
    (("scan", NOWHERE, "--timeout", "0"), ("--timeout",)),
    (("scan", NOWHERE, "--delay", "100"), ("--delay",)),
    (("scan",), ("at least one target",)),
    (("listen", "--count", "0"), ("--count",)),
    (("listen", "--port", "99999"), ("--port",)),
    (("nosuchcommand",), ("nosuchcommand",)),
    (("diagnose",), ("TARGET",)),
    (("diagnose", "bad host name"), ("not a host name",)),
])
def test_other_bad_arguments(args, words):
    assert_usage_error(cli(*args), *words)


def test_debug_is_accepted_after_the_command(files):
    for args in (("diagnose", NOWHERE, "--debug", "--ca-file", files["missing"]),
                 ("diagnose", NOWHERE, "--ca-file", files["missing"], "--debug"),
                 ("--debug", "diagnose", NOWHERE, "--ca-file", files["missing"])):
        assert_usage_error(cli(*args), "no such file")  # a usage error stays one line
    r = cli("clients", "--debug", "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["clients"]


def test_explain_with_nothing_recognisable_exits_3_and_a_recognised_no_fault_exits_0():
    r = cli("explain", "--json", stdin="")
    assert r.returncode == 3 and json.loads(r.stdout)["recognized"] is False
    r = cli("explain", "--json", "Verify return code: 0 (ok)")
    data = json.loads(r.stdout)
    assert r.returncode == 0 and data["recognized"] and data["findings"] == []
    r = cli("explain", "--json", "SSL routines::certificate verify failed")
    assert r.returncode == 2 and json.loads(r.stdout)["findings"]


# --- the library raises the same typed errors -------------------------------------------

def test_api_raises_usage_errors_not_os_or_ssl_errors(files):
    import tlsdoctor
    from tlsdoctor.certcmd import show_cert
    from tlsdoctor.probe.reproduce import make_context

    for kind in ("missing", "notpem", "dir", "broken", "der"):
        with pytest.raises(UsageError, match="--ca-file"):
            tlsdoctor.diagnose(NOWHERE, ca_file=files[kind])
        with pytest.raises(UsageError, match="--ca-file"):
            show_cert(NOWHERE, ca_file=files[kind])
    with pytest.raises(UsageError, match="--ca-file"):
        make_context(files["broken"])
    with pytest.raises(UsageError, match="--timeout"):
        tlsdoctor.scan([NOWHERE], timeout=0)
    with pytest.raises(UsageError, match="--server"):
        tlsdoctor.diagnose(NOWHERE, server_software="nosuch")
    with pytest.raises(TlsDoctorError):
        show_cert(files["dir"])
    with pytest.raises(UsageError, match="no such file"):
        show_cert("missing-chain.pem")
    with pytest.raises(TlsDoctorError, match="no certificate received"):
        show_cert("https://127.0.0.1:1/", timeout=2)  # a URL is a server, not a path


def test_options_accept_what_is_right(files):
    assert options.ca_file(files["good"]) == files["good"]
    assert options.ca_file(Path(files["good"])) == files["good"]
    assert options.server_software("Apache2", ("nginx", "apache")) == "apache"
    assert options.server_software(" NGINX ", ("nginx", "apache")) == "nginx"
    assert options.sni("www.example.test", False) == "www.example.test"
    assert options.timeout(0.5) == 0.5 and options.delay(0) == 0
    assert options.output_file(Path(files["good"]).parent / "new.pem", "--bundle-out")


# Round 27 review: "cert -" looked "-" up as a host name ("cannot resolve '-'"); logs, pcap
# and explain read "-" as stdin, and so does cert now. A bad target is a bad argument.
def test_cert_reads_stdin_for_dash(pki):
    r = cli("cert", "-", "--json", stdin=pki.root_pem.read_text())
    assert r.returncode == 2, r.stderr  # a private root alone: untrusted, blocking
    data = json.loads(r.stdout)
    assert data["source"] == "stdin" and len(data["certificates"]) == 1
    assert_usage_error(cli("cert", "-", stdin="not a certificate\n"), "stdin",
                       "no certificate found")


def test_diagnose_a_dash_is_a_bad_target():
    assert_usage_error(cli("diagnose", "-"), "not a host name")


def test_connect_takes_bracketed_ipv6_and_refuses_names_no_resolver_can_look_up():
    # Round 27 review: "--connect [::1]" went to the resolver brackets and all ("127.0.0.1
    # does not resolve"); "--connect -" the same.
    assert options.connect("[::1]") == "::1"
    assert options.connect("::1") == "::1" and options.connect("db.internal.") == "db.internal."
    assert options.connect(None) is None
    for bad in ("-", "a..b", "[not-v6]", "a" * 64 + ".example"):
        with pytest.raises(UsageError, match="--connect"):
            options.connect(bad)


@pytest.mark.parametrize("args, words", [
    (("--save", "../Bad Name"), ("profile name",)),
    (("--against", "bad host name"), ("not a host name",)),
    (("--against", "-"), ("not a host name",)),
])
def test_listen_checks_save_and_against_before_it_waits(args, words):
    # Round 27 review: both were checked only after a client came (up to --timeout later,
    # the capture then lost); with a 60 s timeout this test would time out.
    r = cli("listen", "--port", "0", "--timeout", "60", *args)
    line = assert_usage_error(r, *words)
    assert "Listening" not in r.stdout, line


def test_listen_writes_an_ipv6_address_in_brackets():
    # Round 27 review: "point the failing client at https://::1:PORT/" is no URL.
    from tlsdoctor.listencmd import host_port

    assert host_port("::1", 8443) == "[::1]:8443"
    assert host_port("127.0.0.1", 8443) == "127.0.0.1:8443"
    assert host_port("localhost", 1) == "localhost:1"


def test_ca_file_from_a_pipe_is_a_clear_error(files):
    # Round 27 review: `--ca-file <(...)` passed the check (which read the pipe dry), then
    # OpenSSL's load found nothing: "OpenSSL cannot load it (NO_CERTIFICATE_OR_CRL_FOUND)".
    r, w = os.pipe()
    try:
        os.write(w, Path(files["good"]).read_bytes()[:4096])
        os.close(w)
        with pytest.raises(UsageError, match=r"--ca-file .*a pipe"):
            options.ca_file(f"/dev/fd/{r}")
    finally:
        os.close(r)
