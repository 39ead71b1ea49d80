"""Round 16, real programs on 127.0.0.1: libsoup 2.4 and 3.0 (through PyGObject, as GNOME
programs use it) against a self-signed server and a plain HTTP port; unbound as a
DNS-over-TLS forwarder to an upstream with an untrusted certificate and to a plain TCP
port; ZNC connecting to an IRC server (openssl s_server) whose certificate is self-signed,
names another host, or has expired, its *status lines read by a small IRC client. Each real
output is fed to explain. Skipped when the program is not installed (.ci/run installs
znc, unbound, gir1.2-soup-2.4 and gir1.2-soup-3.0 behind presence checks)."""

from __future__ import annotations

import contextlib
import http.server
import os
import shutil
import socket
import struct
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.testing.ca import CA, self_signed
from tlsdoctor.testing.servers import free_port, openssl_server

_LIMIT = 20.0  # seconds any program may run
_SYS_PY = "/usr/bin/python3"  # Debian's python3, where python3-gi lives

# A GNOME program's fetch: libsoup 2.4 prints status_code and reason_phrase (the way
# GStreamer's souphttpsrc and others log it), libsoup 3 raises the GError.
_SOUP_GET = r"""
import sys
import gi
gi.require_version("Soup", sys.argv[1])
from gi.repository import GLib, Soup
msg = Soup.Message.new("GET", sys.argv[2])
if sys.argv[1] == "3.0":
    try:
        Soup.Session(timeout=5).send_and_read(msg, None)
        print("status", msg.get_status())
    except GLib.Error as err:
        print(err.message)
else:
    session = Soup.Session(timeout=5, ssl_use_system_ca_file=True, ssl_strict=True)
    print(session.send_message(msg), msg.props.reason_phrase)
"""


def _have_soup(version: str) -> bool:
    if not Path(_SYS_PY).exists():
        return False
    probe = f"import gi; gi.require_version('Soup', '{version}')"
    return subprocess.run([_SYS_PY, "-c", probe], capture_output=True, timeout=_LIMIT,
                          check=False).returncode == 0


def _soup(version: str, url: str) -> str:
    p = subprocess.run([_SYS_PY, "-c", _SOUP_GET, version, url], capture_output=True,
                       text=True, timeout=_LIMIT, check=False, stdin=subprocess.DEVNULL)
    return (p.stdout + p.stderr).strip()


def _top(text: str) -> tuple[str, str, float, str]:
    r = explain(text)
    assert r.recognized and r.findings, text
    return r.source, r.findings[0].cause.value, r.findings[0].confidence, r.side


@contextlib.contextmanager
def _plain_http() -> Iterator[int]:
    """A plain HTTP server on 127.0.0.1 in a thread (stopped on exit)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.mark.parametrize("version", ["2.4", "3.0"])
def test_real_libsoup_against_a_self_signed_server(version: str, tmp_path: Path) -> None:
    if not _have_soup(version):
        pytest.skip(f"libsoup {version} (gir1.2-soup-{version}) or python3-gi missing")
    chain, key = self_signed(["localhost"]).write(tmp_path)
    with openssl_server(chain, key, www=True) as srv:
        out = _soup(version, f"https://localhost:{srv.port}/")
    # libsoup 2.4 (2.74): SOUP_STATUS_SSL_FAILED with GIO's message as its reason phrase.
    assert out == ("6 Unacceptable TLS certificate" if version == "2.4"
                   else "Unacceptable TLS certificate")
    source, top, conf, _ = _top(out)
    assert source == "glib_tls" and conf < 0.6
    assert top in ("cert_untrusted_root", "cert_self_signed")
    assert "cert_self_signed" in [f.cause.value for f in explain(out).findings]


@pytest.mark.parametrize("version", ["2.4", "3.0"])
def test_real_libsoup_https_to_a_plain_http_port(version: str) -> None:
    if not _have_soup(version):
        pytest.skip(f"libsoup {version} (gir1.2-soup-{version}) or python3-gi missing")
    with _plain_http() as port:
        out = _soup(version, f"https://127.0.0.1:{port}/")
    assert "TLS" in out, out
    assert _top(out)[1] == "non_tls_service_on_port", out


# -- unbound ------------------------------------------------------------------------------

def _dns_query(port: int) -> None:
    """One A query for example.com to the local unbound (the answer does not matter)."""
    q = struct.pack(">HHHHHH", 0x1234, 0x0100, 1, 0, 0, 0) + b"\x07example\x03com\x00"
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(4)
        s.sendto(q + struct.pack(">HH", 1, 1), ("127.0.0.1", port))
        with contextlib.suppress(OSError):
            s.recv(512)


def _unbound(workdir: Path, upstream: int, bundle: Path, name: str, verbosity: int = 1) -> str:
    """unbound in the foreground forwarding over TLS to 127.0.0.1:upstream; its log."""
    port = free_port()
    conf = workdir / "unbound.conf"
    conf.write_text(f"""server:
  interface: 127.0.0.1
  port: {port}
  do-daemonize: no
  use-syslog: no
  logfile: ""
  username: ""
  chroot: ""
  directory: "{workdir}"
  pidfile: ""
  verbosity: {verbosity}
  do-ip6: no
  do-not-query-localhost: no
  module-config: "iterator"
  tls-cert-bundle: "{bundle}"
forward-zone:
  name: "."
  forward-tls-upstream: yes
  forward-addr: 127.0.0.1@{upstream}#{name}
""")
    proc = subprocess.Popen(["unbound", "-d", "-c", str(conf)], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 5  # bounded: until it listens
        while time.monotonic() < deadline and proc.poll() is None:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.2)
        time.sleep(0.5)
        _dns_query(port)
    finally:
        proc.terminate()
        out = proc.communicate(timeout=_LIMIT)[0]
    return out


_need_unbound = pytest.mark.skipif(shutil.which("unbound") is None, reason="unbound missing")


@_need_unbound
def test_real_unbound_dot_upstream_with_an_untrusted_certificate(tmp_path: Path) -> None:
    ca = CA(name="round 16 DoT root")
    chain, key = ca.issue(["dns.example"]).write(tmp_path)
    other = CA(name="round 16 other root").write(tmp_path / "other.pem")
    with openssl_server(chain, key) as srv:
        out = _unbound(tmp_path, srv.port, other, "dns.example")
    line = next(x for x in out.splitlines() if "ssl handshake failed crypto" in x)
    source, top, conf, side = _top(out)
    assert "certificate verify failed" in line
    assert (source, top) == ("unbound", "cert_untrusted_root") and conf < 0.6
    assert side != "server"


@_need_unbound
def test_real_unbound_dot_upstream_that_is_not_tls(tmp_path: Path) -> None:
    """Below verbosity 3 unbound squelches "wrong version number" (netevent.c
    squelch_err_ssl_handshake): at its default it prints nothing for a plain port."""
    bundle = CA(name="round 16 DoT root").write(tmp_path / "ca.pem")
    with _plain_http() as port:
        assert "ssl handshake failed" not in _unbound(tmp_path, port, bundle, "dns.example")
        out = _unbound(tmp_path, port, bundle, "dns.example", verbosity=3)
    line = next(x for x in out.splitlines() if "ssl handshake failed crypto" in x)
    assert "wrong version number" in line
    assert _top(line)[:2] == ("unbound", "non_tls_service_on_port")


# -- ZNC ----------------------------------------------------------------------------------

_ZNC_CONF = """Version = 1.8.2
<Listener l>
  Port = {port}
  IPv4 = true
  IPv6 = false
  SSL = false
</Listener>
<User u>
  <Pass password>
    Method = plain
    Hash = secret
  </Pass>
  Nick = u
  AltNick = u_
  Ident = u
  RealName = u
  <Network n>
    Server = 127.0.0.1 +{irc}
    IRCConnectEnabled = false
  </Network>
</User>
"""


def _irc_status(port: int) -> str:
    """Log in to ZNC, ask *status to connect, read its lines until it gives up (bounded)."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(b"PASS u/n:secret\r\nNICK u\r\nUSER u 0 * :u\r\n")
        time.sleep(0.5)
        s.sendall(b"PRIVMSG *status :connect\r\n")
        got, deadline = b"", time.monotonic() + 15
        while time.monotonic() < deadline and b"AddTrustedServerFingerprint" not in got \
                and b"Retrying..." not in got:
            s.settimeout(max(0.1, deadline - time.monotonic()))
            try:
                chunk = s.recv(65536)
            except TimeoutError:
                break
            if not chunk:
                break
            got += chunk
    return got.decode("utf-8", "replace")


def _znc(irc_port: int, env: dict[str, str] | None = None) -> str:
    """ZNC (as nobody when run as root: ZNC waits 30 s before it runs as root) with one
    network at 127.0.0.1:irc_port over TLS; what *status told the IRC client."""
    workdir = Path(tempfile.mkdtemp(prefix="znc-"))  # not under a root-only 0700 parent
    try:
        port = free_port()
        (workdir / "configs").mkdir()
        (workdir / "configs/znc.conf").write_text(_ZNC_CONF.format(port=port, irc=irc_port))
        argv = ["znc", "--foreground", "--datadir", str(workdir)]
        if os.geteuid() == 0:
            subprocess.run(["chown", "-R", "nobody:nogroup", str(workdir)], check=True,
                           timeout=_LIMIT)
            argv = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *argv]
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                stdin=subprocess.DEVNULL, env={**os.environ, **(env or {})})
        try:
            deadline = time.monotonic() + 10  # bounded: until its listener accepts
            while time.monotonic() < deadline:
                with socket.socket() as s:
                    if s.connect_ex(("127.0.0.1", port)) == 0:
                        break
                time.sleep(0.2)
            return _irc_status(port)
        finally:
            proc.terminate()
            proc.wait(timeout=_LIMIT)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


_need_znc = pytest.mark.skipif(shutil.which("znc") is None or shutil.which("setpriv") is None,
                               reason="znc (or setpriv) missing")


@_need_znc
def test_real_znc_self_signed_irc_server(tmp_path: Path) -> None:
    chain, key = self_signed(["irc.example"], ip_addresses=["127.0.0.1"]).write(tmp_path)
    with openssl_server(chain, key) as srv:
        out = _znc(srv.port)
    # ZNC says "Cannot connect to IRC (...)" or, when its socket already counted as
    # connected, "Disconnected from IRC (...)" (IRCSock.cpp): which one is a matter of timing.
    assert any(f"{said} IRC (Invalid SSL certificate: self-signed certificate)" in out
               for said in ("Cannot connect to", "Disconnected from")), out[-1500:]
    source, top, _, side = _top(out)
    assert (source, top, side) == ("znc", "cert_self_signed", "client")


@_need_znc
@pytest.mark.parametrize(("names", "age", "words", "want"), [
    (["other.example"], None, "hostname doesn't match", "hostname_mismatch"),
    (["irc.example"], timedelta(days=-1), "certificate has expired", "cert_expired"),
])
def test_real_znc_trusted_ca_bad_name_or_dates(tmp_path: Path, names: list[str],
                                               age: timedelta | None, words: str,
                                               want: str) -> None:
    """The CA is trusted (OpenSSL's SSL_CERT_FILE, which ZNC's default paths read)."""
    ca = CA(name="round 16 IRC root")
    leaf = ca.issue(names, ip_addresses=[] if age is None else ["127.0.0.1"],
                    not_before=None if age is None else timedelta(days=-30), not_after=age)
    chain, key = leaf.write(tmp_path)
    bundle = ca.write(tmp_path / "ca.pem")
    bundle.chmod(0o644)
    os.chmod(tmp_path, 0o755)
    trusted = Path(tempfile.mkdtemp(prefix="znc-ca-")) / "ca.pem"
    try:
        trusted.write_bytes(bundle.read_bytes())
        trusted.parent.chmod(0o755)
        with openssl_server(chain, key) as srv:
            out = _znc(srv.port, env={"SSL_CERT_FILE": str(trusted)})
    finally:
        shutil.rmtree(trusted.parent, ignore_errors=True)
    assert f"Invalid SSL certificate: {words}" in out, out[-1500:]
    source, top, _, side = _top(out)
    assert (source, top, side) == ("znc", want, "client")
