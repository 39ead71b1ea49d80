"""The command line as a user runs it: real processes, real servers, exit codes per SPEC."""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import ssl
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta

from tlsdoctor.testing import servers


def cli(*args: str, stdin: str | None = None, timeout: float = 60,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "COLUMNS": "200", **(env or {})}
    return subprocess.run([sys.executable, "-m", "tlsdoctor", *args], input=stdin,
                          capture_output=True, text=True, timeout=timeout, env=full_env)


def _diag(srv, pki, *extra: str) -> subprocess.CompletedProcess[str]:
    return cli("diagnose", f"localhost:{srv.port}", "--connect", "127.0.0.1", "--ca-file",
               str(pki.root_pem), "--offline", "--timeout", "3", *extra)


def test_diagnose_json_and_exit_codes(pki, s_server):
    ok = _diag(s_server(), pki, "--json")
    assert ok.returncode == 0, ok.stderr
    data = json.loads(ok.stdout)
    assert data["outcome"] == "ok" and data["stats"]["handshakes"] <= 10
    now = datetime.now(UTC)
    expired = pki.leaf(not_before=now - timedelta(days=30), not_after=now - timedelta(days=1))
    bad = _diag(s_server(expired), pki, "--json")
    assert bad.returncode == 2
    assert json.loads(bad.stdout)["findings"][0]["cause"] == "cert_expired"


def test_human_output_leads_with_verdict_and_trace_draws_the_ladder(pki, s_server):
    r = _diag(s_server(protocols=("tls1",), cipher="ALL:@SECLEVEL=0"), pki, "--trace")
    assert r.returncode == 2
    lines = [ln for ln in r.stdout.splitlines() if ln.strip()]
    assert "FAILS" in "\n".join(lines[:3])
    assert "protocol_version_mismatch" in r.stdout and "Who fixes it" in r.stdout
    assert "ClientHello" in r.stdout and "Alert" in r.stdout  # the ladder, broken at the alert


def test_bad_arguments_exit_3_with_one_line(pki):
    for args in (["diagnose", "localhost:1", "--timeout", "-1"],
                 ["diagnose", "bad host name"],
                 ["diagnose", "localhost:443", "--client", "no-such-client"],
                 ["diagnose"], ["cert", "/nonexistent/file.pem"]):
        r = cli(*args)
        assert r.returncode == 3, (args, r.stdout, r.stderr)
        assert "Traceback" not in r.stderr
        last = r.stderr.strip().splitlines()[-1]
        assert last.startswith(("Error:", "tlsdoctor: error:")), r.stderr


def test_cert_from_file_and_from_server(pki, s_server):
    leaf = pki.leaf("cert.example.test")
    chain, _ = pki.write(leaf)
    r = cli("cert", str(chain), "--json", "--ca-file", str(pki.root_pem))
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["certificates"][0]["dns_names"] == ["cert.example.test"]
    untrusted = cli("cert", str(chain), "--json")  # no --ca-file: the root is unknown
    assert untrusted.returncode == 2, untrusted.stderr
    assert "blocking" in {f["severity"] for f in json.loads(untrusted.stdout)["chain"]["findings"]}
    srv = s_server(leaf)
    r = cli("cert", f"127.0.0.1:{srv.port}", "--ca-file", str(pki.root_pem))
    assert r.returncode == 2, r.stderr  # served for 127.0.0.1: the name does not match
    assert "cert.example.test" in r.stdout and "hostname_mismatch" in r.stdout
    ok = cli("cert", f"localhost:{s_server(pki.leaf('localhost')).port}", "--ca-file",
             str(pki.root_pem))
    assert ok.returncode == 0, ok.stdout + ok.stderr


def test_clients_lists_profiles():
    r = cli("clients", "--json")
    names = [c["name"] for c in json.loads(r.stdout)["clients"]]
    assert len(names) >= 40 and "java-8" in names and "local" in names


def test_explain_reads_stdin_and_exit_code_says_what_it_recognised():
    r = cli("explain", "--json", stdin="curl: (60) SSL certificate problem: certificate has expired\n")
    data = json.loads(r.stdout)
    assert r.returncode == 2 and data["recognized"] and data["findings"][0]["cause"] == "cert_expired"
    r = cli("explain", "--json", stdin="the cat sat on the mat")
    assert r.returncode == 3 and json.loads(r.stdout)["recognized"] is False
    # "-" is stdin, as for logs and pcap, not a one-character message
    r = cli("explain", "-", "--json", stdin="curl: (60) SSL certificate problem: certificate has expired\n")
    data = json.loads(r.stdout)
    assert r.returncode == 2 and data["findings"][0]["cause"] == "cert_expired"


def test_explain_shows_the_printing_programs_fixes_and_the_rest_with_verbose():
    """SPEC: everything beyond the verdict, who and how waits for --verbose. A curl text
    shows curl's stopgap and the first server lines; gnutls-cli's wait for -v."""
    text = "curl: (35) error:0A000410:SSL routines::sslv3 alert handshake failure\n"
    brief = cli("explain", stdin=text)
    full = cli("explain", "-v", stdin=text)
    assert brief.returncode == full.returncode == 2
    assert "curl --ciphers" in brief.stdout and "ssl_ciphers" in brief.stdout
    assert "gnutls-cli" not in brief.stdout and "more fixes with --verbose" in brief.stdout
    assert "gnutls-cli" in full.stdout and "more fixes with --verbose" not in full.stdout
    assert len(brief.stdout.splitlines()) < len(full.stdout.splitlines())


def test_listen_captures_a_real_client_saves_it_and_diagnoses_with_it(pki, s_server, tmp_path):
    srv = s_server()
    port = servers.free_port()
    proc = subprocess.Popen([sys.executable, "-m", "tlsdoctor", "listen", "--port", str(port),
                             "--timeout", "20", "--save", "captured-py", "--against",
                             f"127.0.0.1:{srv.port}", "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "TLSDOCTOR_HOME": str(tmp_path)})
    try:
        servers.wait_ready("127.0.0.1", port, timeout=15)

        def client() -> None:
            ctx = ssl.create_default_context()
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
            # listen answers every hello with a fatal alert, by design
            with socket.create_connection(("127.0.0.1", port), timeout=5) as raw, \
                    contextlib.suppress(ssl.SSLError, OSError):
                ctx.wrap_socket(raw, server_hostname="app.example.test")

        t = threading.Thread(target=client)
        t.start()
        t.join(10)
        out, _ = proc.communicate(timeout=40)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    data = json.loads(out)
    hello = data["captures"][0]
    assert hello["sni"] == "app.example.test" and 0x0304 in hello["versions"]
    assert data["saved"].endswith("captured-py.json")
    assert data["diagnosis"]["client"]["name"] == "captured-py"
    r = cli("clients", "--json", env={"TLSDOCTOR_HOME": str(tmp_path)})
    assert "captured-py" in r.stdout


def test_scan_json(pki, s_server):
    srv = s_server()
    start = time.monotonic()
    r = cli("scan", f"127.0.0.1:{srv.port}", "--json", "--timeout", "3")
    assert r.returncode in (0, 1), r.stderr
    data = json.loads(r.stdout)
    assert data["stats"]["handshakes"] > 3 and time.monotonic() - start < 60


def test_pcap_exit_codes_follow_what_the_capture_shows(tmp_path):
    from pathlib import Path

    captures = Path(__file__).parent / "ingest" / "captures"
    failed = cli("pcap", str(captures / "protocol_version.pcap"), "--json")
    assert failed.returncode == 2
    assert json.loads(failed.stdout)["summary"]["causes"] == {"protocol_version_mismatch": 1}
    assert cli("pcap", str(captures / "tls13_ok.pcap")).returncode == 0
    garbage = tmp_path / "garbage.pcap"
    garbage.write_bytes(os.urandom(3000))
    r = cli("pcap", str(garbage))
    assert r.returncode == 3 and "Traceback" not in r.stderr and r.stderr.count("\n") == 1


def test_pcap_ends_without_teardown_yet_flushes_everything_and_keeps_exit_codes(tmp_path):
    """``python -m tlsdoctor pcap`` ends with os._exit after flushing (cli.run): what reaches a
    file (block-buffered, unlike a terminal) must be byte for byte what the in-process
    ``main`` prints, and the exit code the same; in-process, ``main`` returns normally."""
    from pathlib import Path

    from click.testing import CliRunner

    from tlsdoctor.cli import main

    captures = Path(__file__).parent / "ingest" / "captures"
    runner = CliRunner()  # click 8.2+: stdout and stderr kept apart
    for name, code in (("protocol_version", 2), ("tls13_ok", 0), ("self_signed", 2)):
        path = captures / f"{name}.pcap"
        out, err = tmp_path / f"{name}.out", tmp_path / f"{name}.err"
        page = tmp_path / f"{name}.html"
        with out.open("wb") as o, err.open("wb") as e:
            proc = subprocess.run([sys.executable, "-m", "tlsdoctor", "pcap", str(path), "--html",
                                   str(page)], stdout=o, stderr=e, timeout=60, check=False)
        inproc = runner.invoke(main, ["pcap", str(path), "--html", str(page)])
        assert proc.returncode == inproc.exit_code == code
        assert out.read_text() == inproc.stdout and "TLS connection" in inproc.stdout
        assert err.read_text() == inproc.stderr == f"HTML report written to {page}\n"
        with out.open("wb") as o:
            proc = subprocess.run([sys.executable, "-m", "tlsdoctor", "pcap", str(path), "--json"],
                                  stdout=o, timeout=60, check=False)
        inproc = runner.invoke(main, ["pcap", str(path), "--json"])
        assert proc.returncode == inproc.exit_code
        def timeless(text: str) -> str:  # the one figure that differs between runs
            return re.sub(r'"seconds": [0-9.e-]+', '"seconds": 0', text)

        assert timeless(out.read_text()) == timeless(inproc.stdout)
        assert json.loads(out.read_text())["summary"]["tls_connections"] >= 1


def test_pcap_leaves_the_collector_of_an_in_process_caller_alone(tmp_path):
    """``tlsdoctor pcap`` turns the cyclic garbage collector off only in its own process
    (cli.run, which ends with the command); a caller of ``main`` keeps it, and the
    output is the same either way (test above)."""
    import gc
    from pathlib import Path

    from click.testing import CliRunner

    from tlsdoctor.cli import main

    captures = Path(__file__).parent / "ingest" / "captures"
    assert gc.isenabled()
    result = CliRunner().invoke(main, ["pcap", str(captures / "tls13_ok.pcap"), "--json"])
    assert result.exit_code == 0 and gc.isenabled()


def test_pcap_json_written_by_two_processes_is_the_same(tmp_path, monkeypatch):
    """With a core free, ``pcap --json`` has half of the listed connections made JSON-ready
    and written by a forked process (report.json_text.dumps_indented_forked); the bytes and
    the exit code are those of the one-process output, and the exit code is the one the
    whole JSON gives (``pcap_severities`` reads only what events_exit_code needs)."""
    import importlib.util
    from pathlib import Path

    from click.testing import CliRunner

    from tlsdoctor import cli as cli_module
    from tlsdoctor import read_pcap
    from tlsdoctor.report import json_text

    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("bench_pcap", root / "benchmarks" / "bench_pcap.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    big = tmp_path / "copies.pcap"
    bench.build(big, 1.2)  # a few hundred connections: enough to split
    captures = Path(__file__).parent / "ingest" / "captures"
    forks = []
    fork = os.fork

    def counted_fork() -> int:
        pid = fork()
        if pid:
            forks.append(pid)
        return pid

    runner = CliRunner()
    for path in (big, captures / "protocol_version.pcap", captures / "tls13_ok.pcap"):
        for extra in ([], ["--max-events", "5"]):
            args = ["pcap", str(path), "--json", *extra]
            monkeypatch.setattr(cli_module, "_may_fork", lambda: False)
            one = runner.invoke(cli_module.main, args)
            monkeypatch.setattr(cli_module, "_may_fork", lambda: True)
            monkeypatch.setattr(json_text.os, "fork", counted_fork)
            # (a list this long is split by the Python writer; the compiled one splits
            # only longer lists: round 23)
            monkeypatch.setattr(json_text, "SPLIT_COMPILED", json_text.SPLIT_ITEMS)
            two = runner.invoke(cli_module.main, args)
            monkeypatch.undo()
            assert two.exit_code == one.exit_code and one.exit_code in (0, 1, 2)
            timeless = lambda text: re.sub(r'"seconds": [0-9.e-]+', '"seconds": 0', text)  # noqa: E731
            assert timeless(two.stdout) == timeless(one.stdout)
    assert len(forks) == 1  # only the long list (the big capture, all listed) is split
    for path in (big, *sorted(captures.glob("*.pcap*"))):
        for n in (10**9, 5, 0):
            report = read_pcap(path, max_events=n)
            assert (cli_module.events_exit_code(cli_module.pcap_severities(report))
                    == cli_module.events_exit_code(report.to_json())), (path.name, n)


def test_explain_names_which_way_alerts_went_only_when_it_quotes_one():
    from rich.console import Console

    from tlsdoctor.api import explain
    from tlsdoctor.report.ingest_view import render_explain

    def note(text: str) -> str:
        console = Console(record=True, width=200)
        render_explain(console, explain(text))
        return console.export_text().splitlines()[1]

    assert note("curl: (77) error setting certificate file: /x") == "Printed by a client."
    assert note("curl: (35) error:14094410:SSL routines:ssl3_read_bytes:sslv3 alert handshake "
                "failure") == "Printed by a client: the alerts it quotes were sent by the server."


def test_pcap_json_is_whole_or_absent_when_an_internal_error_ends_it(tmp_path, monkeypatch):
    """An error while the JSON is being written (here: a listed connection's text, after
    the first batch of them) is an internal error, exit 3, and stdout holds no part of the
    object: the whole text is made before any of it is written."""
    import importlib.util
    from pathlib import Path

    from click.testing import CliRunner

    from tlsdoctor import cli as cli_module
    from tlsdoctor.api import capture
    from tlsdoctor.report import json_text, pcap_json

    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("bench_pcap", root / "benchmarks" / "bench_pcap.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    big = tmp_path / "copies.pcap"
    bench.build(big, 0.3)  # more connections than one batch (json_text.LIST_BATCH)
    args = ["pcap", str(big), "--json", "--jobs", "1"]
    runner = CliRunner()
    monkeypatch.setattr(cli_module, "_may_fork", lambda: False)
    whole = runner.invoke(cli_module.main, args)
    assert whole.exit_code in (0, 1, 2) and json.loads(whole.stdout)["events"]

    read, text, calls = capture.read_pcap, pcap_json.event_text, []

    def unrendered(*a, **kw):  # the texts made as the JSON is written, not by the reader
        return read(*a, **{**kw, "render": None})

    def failing(event):
        calls.append(event)
        if len(calls) > json_text.LIST_BATCH:
            raise RuntimeError("a bug in the middle of the output")
        return text(event)

    monkeypatch.setattr(capture, "read_pcap", unrendered)
    monkeypatch.setattr(pcap_json, "event_text", failing)
    broken = runner.invoke(cli_module.main, args)
    assert len(calls) > json_text.LIST_BATCH  # it did fail in the middle
    assert broken.exit_code == 3, broken.output
    assert broken.stdout == ""
    assert "internal error: RuntimeError: a bug in the middle of the output" in broken.stderr


def _into_a_closed_pipe(*args: str) -> subprocess.CompletedProcess[bytes]:
    """The command with its stdout a pipe nobody reads any more (`... | head -1` after head
    has ended): every write fails with EPIPE."""
    r, w = os.pipe()
    os.close(r)
    try:
        return subprocess.run([sys.executable, "-m", "tlsdoctor", *args], stdout=w,
                              stderr=subprocess.PIPE, timeout=60)
    finally:
        os.close(w)


def test_a_reader_that_went_away_is_no_internal_error() -> None:
    # Review 28: `tlsdoctor clients --json | head` said "internal error: BrokenPipeError"
    # (exit 3), and the interpreter's last flush added "Exception ignored".
    for args in (("clients", "--json"), ("explain", "--json", "certificate verify failed"),
                 ("clients",)):
        proc = _into_a_closed_pipe(*args)
        assert proc.stderr == b"", (args, proc.stderr)
        assert proc.returncode == 3, args
