"""Round 17, a real Mono on 127.0.0.1: a tiny C# client (HttpWebRequest, as Sonarr, Jackett and
Duplicati fetch) compiled once with mcs, run against openssl s_server with a private CA Mono
does not trust, a certificate for another name, an expired one, a TLS 1.3-only server, a
server that requires a client certificate, a plain HTTP port and a MONO_TLS_PROVIDER that
names no provider. What Mono printed is fed to explain (cause, side), and the fix lines
explain printed are APPLIED: cert-sync --user into a temporary home (the store Mono reads for
that account), MONO_TLS_PROVIDER unset or set to btls; the same client then connects.
Skips without mono and mcs (.ci/run installs mono-runtime, mono-mcs, ca-certificates-mono)."""

from __future__ import annotations

import http.server
import os
import shlex
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.servers import openssl_server

pytestmark = pytest.mark.skipif(not (shutil.which("mono") and shutil.which("mcs")
                                     and shutil.which("cert-sync")),
                                reason="mono, mcs or cert-sync missing (mono-runtime, mono-mcs)")

_LIMIT = 30.0  # seconds mono, mcs or cert-sync may run
# Environment.Exit, not return: Mono may wait at shutdown for its TLS worker threads after
# Main has printed (seen once in CI under load: the output was complete, the process hung).
_CLIENT = r"""
using System; using System.Net;
class C { static int Main(string[] a) {
  ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls12 | SecurityProtocolType.Tls11
                                         | SecurityProtocolType.Tls;
  try {
    var r = (HttpWebRequest)WebRequest.Create(a[0]); r.Timeout = 8000;
    using (var resp = (HttpWebResponse)r.GetResponse()) { Console.WriteLine("OK " + (int)resp.StatusCode); }
    Console.Out.Flush(); Environment.Exit(0); return 0;
  } catch (Exception e) { Console.WriteLine(e.ToString()); Console.Out.Flush(); Environment.Exit(1); return 1; } } }
"""


@dataclass(frozen=True)
class Lab:
    exe: Path
    ca: CA
    ca_file: Path
    chain: Path
    key: Path
    root: Path


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    d = tmp_path_factory.mktemp("mono")
    (d / "client.cs").write_text(_CLIENT)
    subprocess.run(["mcs", "-nologo", "client.cs", "-out:client.exe"], cwd=d, check=True,
                   capture_output=True, timeout=_LIMIT)
    ca = CA(name="tlsdoctor mono test CA", key_type="rsa2048")
    chain, key = ca.issue(["localhost"], key_type="rsa2048").write(d, stem="good")
    yield Lab(exe=d / "client.exe", ca=ca, ca_file=ca.write(d / "ca.pem"), chain=chain,
              key=key, root=d)


def _home(lab: Lab, name: str) -> Path:
    """A fresh home: Mono's user store (~/.config/.mono) empty, as on a new account."""
    home = lab.root / name
    home.mkdir()
    return home


def _mono(lab: Lab, url: str, home: Path, **env: str) -> str:
    e = {k: v for k, v in os.environ.items() if k != "MONO_TLS_PROVIDER"}
    e.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), **env)
    p = subprocess.run(["mono", str(lab.exe), url], capture_output=True, text=True, env=e,
                       timeout=_LIMIT, check=False, stdin=subprocess.DEVNULL)
    return (p.stdout + p.stderr).strip()


def _printed(out: str) -> str:
    """The exception as a person pastes it: its message lines, not the frames."""
    return "\n".join(line for line in out.splitlines() if not line.lstrip().startswith("at "))


def _apply(code_line: str, home: Path, bundle: Path) -> None:
    """Run a printed cert-sync line as the account whose home is ``home``, its file argument
    replaced by ``bundle`` (the placeholder or the system path the line names)."""
    argv = shlex.split(code_line.split("#", 1)[0])
    assert argv[:2] == ["cert-sync", "--user"], code_line
    env = dict(os.environ, HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"))
    p = subprocess.run([*argv[:-1], str(bundle)], capture_output=True, text=True, env=env,
                       timeout=_LIMIT, check=False)
    assert p.returncode == 0 and "Import process completed." in p.stdout, p.stdout + p.stderr


def _fix_lines(text: str) -> list[str]:
    r = explain(text)
    return [line for f in r.findings for s in f.fix for line in s.code.splitlines()]


def test_private_ca_untrusted_then_cert_sync_fixes_it(lab: Lab) -> None:
    home = _home(lab, "untrusted")
    with openssl_server(lab.chain, lab.key, www=True) as srv:
        url = f"https://localhost:{srv.port}/"
        out = _mono(lab, url, home)
        assert "Error: TrustFailure (" in out and "CERTIFICATE_VERIFY_FAILED" in out, out
        r = explain(_printed(out))
        assert r.source == "mono" and r.side == "client"
        ranked = [f.cause.value for f in r.findings]
        assert ranked[0] == "client_misconfiguration" and r.findings[0].confidence < 0.6
        assert "cert_untrusted_root" in ranked[:3]
        lines = _fix_lines(_printed(out))
        # the printed per-account line, given the bundle this machine would hold (the
        # system's roots plus the private CA), then the private-CA line with the CA alone
        user_line = next(s for s in lines if s.startswith("cert-sync --user /etc/ssl"))
        bundle = lab.root / "bundle.pem"
        system = Path("/etc/ssl/certs/ca-certificates.crt")
        bundle.write_bytes((system.read_bytes() if system.exists() else b"")
                           + lab.ca_file.read_bytes())
        _apply(user_line, home, bundle)
        assert _mono(lab, url, home).startswith("OK 200")
        other = _home(lab, "untrusted-private")
        _apply(next(s for s in lines if s.startswith("cert-sync --user /path/to/")), other,
               lab.ca_file)
        assert _mono(lab, url, other).startswith("OK 200")


@pytest.mark.parametrize("fault", ["wrong_name", "expired"])
def test_btls_prints_the_same_words_for_a_name_or_a_date(lab: Lab, fault: str) -> None:
    """Mono's BoringSSL stack says only CERTIFICATE_VERIFY_FAILED: explain must rank, never
    assert (the confirming probe tells them apart)."""
    home = _home(lab, fault)
    _apply("cert-sync --user CA", home, lab.ca_file)
    leaf = (lab.ca.issue(["other.example"], key_type="rsa2048") if fault == "wrong_name" else
            lab.ca.issue(["localhost"], key_type="rsa2048", not_before=timedelta(days=-30),
                         not_after=timedelta(days=-2)))
    chain, key = leaf.write(lab.root, stem=fault)
    with openssl_server(chain, key, www=True) as srv:
        out = _mono(lab, f"https://localhost:{srv.port}/", home)
    assert "Error: TrustFailure (" in out and "CERTIFICATE_VERIFY_FAILED" in out, out
    r = explain(_printed(out))
    assert r.source == "mono" and r.side == "client"
    assert r.findings[0].confidence < 0.6 and len(r.findings) >= 3


def test_tls13_only_server_then_the_server_accepting_tls12(lab: Lab) -> None:
    """Mono's BoringSSL stack stops at TLS 1.2: a TLS 1.3-only server refuses it."""
    home = _home(lab, "tls13")
    _apply("cert-sync --user CA", home, lab.ca_file)
    with openssl_server(lab.chain, lab.key, www=True, protocols=("tls1_3",)) as srv:
        out = _mono(lab, f"https://localhost:{srv.port}/", home)
    assert "Error: SecureChannelFailure (" in out and "PROTOCOL_VERSION" in out, out
    r = explain(_printed(out))
    assert r.source == "mono" and r.side == "client"
    assert r.findings[0].cause.value == "protocol_version_mismatch"
    # the printed server line (TLS 1.2 and 1.3), as s_server's versions
    assert any("TLSv1.2" in s.code for f in r.findings for s in f.fix)
    with openssl_server(lab.chain, lab.key, www=True, protocols=("tls1_2", "tls1_3")) as srv:
        assert _mono(lab, f"https://localhost:{srv.port}/", home).startswith("OK 200")


def test_client_certificate_required(lab: Lab) -> None:
    home = _home(lab, "clientcert")
    _apply("cert-sync --user CA", home, lab.ca_file)
    with openssl_server(lab.chain, lab.key, www=True, verify_ca=lab.ca_file) as srv:
        out = _mono(lab, f"https://localhost:{srv.port}/", home)
    assert "Error: SecureChannelFailure (" in out and "HANDSHAKE_FAILURE" in out, out
    r = explain(_printed(out))
    assert r.source == "mono" and r.side == "client"
    assert "client_cert_required" in [f.cause.value for f in r.findings]
    assert r.findings[0].confidence < 0.6


def test_plain_http_port(lab: Lab) -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             http.server.BaseHTTPRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        out = _mono(lab, f"https://127.0.0.1:{server.server_address[1]}/",
                    _home(lab, "plain"))
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
    assert "WRONG_VERSION_NUMBER" in out, out
    r = explain(_printed(out))
    assert r.side == "client" and r.findings[0].cause.value == "non_tls_service_on_port"


def test_unknown_tls_provider_then_the_printed_settings(lab: Lab) -> None:
    home = _home(lab, "provider")
    _apply("cert-sync --user CA", home, lab.ca_file)
    with openssl_server(lab.chain, lab.key, www=True) as srv:
        url = f"https://localhost:{srv.port}/"
        out = _mono(lab, url, home, MONO_TLS_PROVIDER="bogus")
        assert "No such TLS Provider: `bogus'." in out, out
        r = explain(_printed(out))
        assert r.source == "mono" and r.findings[0].cause.value == "client_misconfiguration"
        code = r.findings[0].fix[0].code
        assert "unset MONO_TLS_PROVIDER" in code and "MONO_TLS_PROVIDER=btls" in code
        assert _mono(lab, url, home).startswith("OK 200")  # unset
        assert _mono(lab, url, home, MONO_TLS_PROVIDER="btls").startswith("OK 200")
