"""Round 15, real programs on 127.0.0.1: nginx's own error pages for a client certificate
(`ssl_verify_client on`: none sent, one from another CA) fetched with curl, and GIO's TLS
(glib-networking's GnuTLS back end, driven through ctypes: GSocketClient with TLS) against
a self-signed server and a plain HTTP port. Each real output is fed to explain."""

from __future__ import annotations

import ctypes.util
import glob
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.testing.ca import CA, self_signed
from tlsdoctor.testing.servers import free_port, have_nginx, nginx_tls_server, openssl_server

_LIMIT = 20  # seconds any client may run

# GSocketClient with TLS on: connect_to_host performs the handshake and returns the GError.
_GIO_CLIENT = r"""
import ctypes, sys
gio = ctypes.CDLL("libgio-2.0.so.0")
class GError(ctypes.Structure):
    _fields_ = [("domain", ctypes.c_uint32), ("code", ctypes.c_int), ("message", ctypes.c_char_p)]
gio.g_socket_client_new.restype = ctypes.c_void_p
gio.g_socket_client_set_tls.argtypes = [ctypes.c_void_p, ctypes.c_int]
gio.g_socket_client_set_timeout.argtypes = [ctypes.c_void_p, ctypes.c_uint]
gio.g_socket_client_connect_to_host.restype = ctypes.c_void_p
gio.g_socket_client_connect_to_host.argtypes = [
    ctypes.c_void_p, ctypes.c_char_p, ctypes.c_uint16, ctypes.c_void_p,
    ctypes.POINTER(ctypes.POINTER(GError))]
client = gio.g_socket_client_new()
gio.g_socket_client_set_tls(client, 1)
gio.g_socket_client_set_timeout(client, 5)
err = ctypes.POINTER(GError)()
gio.g_socket_client_connect_to_host(client, sys.argv[1].encode(), int(sys.argv[2]), None,
                                    ctypes.byref(err))
print(err.contents.message.decode() if err else "connected")
"""


def _have_gio_tls() -> bool:
    return (ctypes.util.find_library("gio-2.0") is not None
            and bool(glob.glob("/usr/lib/*/gio/modules/libgiognutls.so")))


def _gio(host: str, port: int) -> str:
    p = subprocess.run([sys.executable, "-c", _GIO_CLIENT, host, str(port)],
                       capture_output=True, text=True, timeout=_LIMIT, check=False,
                       stdin=subprocess.DEVNULL)
    return (p.stdout + p.stderr).strip()


def _curl(port: int, *extra: str) -> str:
    p = subprocess.run(["curl", "-sS", "-k", "--max-time", "5", *extra,
                        f"https://127.0.0.1:{port}/"], capture_output=True, text=True,
                       timeout=_LIMIT, check=False, stdin=subprocess.DEVNULL)
    return p.stdout + p.stderr


def _top(text: str) -> tuple[str, str, float]:
    r = explain(text)
    assert r.recognized and r.findings, text
    return r.source, r.findings[0].cause.value, r.findings[0].confidence


@pytest.mark.skipif(not (have_nginx() and shutil.which("curl")), reason="nginx or curl missing")
def test_real_nginx_client_certificate_pages(tmp_path: Path) -> None:
    ca = CA(name="round 15 server root")
    chain, key = ca.issue(["localhost"]).write(tmp_path)
    clients = CA(name="round 15 client root")
    client_ca = clients.write(tmp_path / "client-ca.pem")
    stranger = CA(name="round 15 unknown client root")
    cert, ckey = stranger.issue(["client.example"], eku=("clientAuth",)).write(
        tmp_path / "stranger")
    with nginx_tls_server(chain, key, site_lines=[f"ssl_client_certificate {client_ca};",
                                                  "ssl_verify_client on;"]) as srv:
        none_sent = _curl(srv.port)
        refused = _curl(srv.port, "--cert", str(cert), "--key", str(ckey))
        trusted_cert, trusted_key = clients.issue(["client.example"], eku=("clientAuth",)).write(
            tmp_path / "ok")
        accepted = _curl(srv.port, "--cert", str(trusted_cert), "--key", str(trusted_key))
    assert "No required SSL certificate was sent" in none_sent
    assert "The SSL certificate error" in refused
    assert accepted.strip() == "ok"  # the fix: a certificate from the CA nginx trusts
    for page in (none_sent, refused):
        source, top, _ = _top(page)
        assert top == "client_cert_required" and source in ("nginx_pages", "cert_pages")
    # The same pages as a browser shows them (the HTML's text, one element a line).
    shown = "\n".join(t for ln in none_sent.splitlines()
                      if "<center>" in ln and (t := re.sub(r"<[^>]*>", "", ln).strip()))
    assert shown.startswith("400 Bad Request\nNo required SSL certificate was sent")
    assert _top(shown)[:2] == ("nginx_pages", "client_cert_required")


@pytest.mark.skipif(not _have_gio_tls(), reason="GIO's TLS module (glib-networking) missing")
def test_real_gio_against_a_self_signed_server(tmp_path: Path) -> None:
    leaf = self_signed(["localhost"])
    chain, key = leaf.write(tmp_path)
    with openssl_server(chain, key, www=True) as srv:
        out = _gio("localhost", srv.port)
    assert out == "Unacceptable TLS certificate"
    source, top, conf = _top(out)
    assert source == "glib_tls" and conf < 0.6
    assert top in ("cert_untrusted_root", "cert_self_signed")
    assert "cert_self_signed" in [f.cause.value for f in explain(out).findings]


@pytest.mark.skipif(not _have_gio_tls(), reason="GIO's TLS module (glib-networking) missing")
def test_real_gio_against_a_plain_http_port() -> None:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind",
                               "127.0.0.1"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        out = ""
        for _ in range(50):  # bounded: until the server listens (about 5 s at most)
            out = _gio("127.0.0.1", port)
            if "Connection refused" not in out:
                break
            subprocess.run(["sleep", "0.1"], check=False)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert out.startswith("Error performing TLS handshake: ")
    assert _top(out)[1] == "non_tls_service_on_port"


def test_real_pip_against_a_self_signed_index(tmp_path: Path) -> None:
    """pip wraps urllib3's error in its own "problem confirming the ssl certificate"."""
    chain, key = self_signed(["localhost"]).write(tmp_path)
    with openssl_server(chain, key, www=True) as srv:
        p = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--isolated", "--no-cache-dir",
             "--retries", "0", "--timeout", "5", "--no-deps", "-d", str(tmp_path / "dl"),
             "--index-url", f"https://127.0.0.1:{srv.port}/simple/", "nosuchpkg"],
            capture_output=True, text=True, timeout=60, check=False,
            stdin=subprocess.DEVNULL)
    out = p.stdout + p.stderr
    assert "There was a problem confirming the ssl certificate: " in out
    r = explain(out)
    assert r.recognized and r.findings[0].cause.value == "cert_self_signed"
    assert any(m.pattern_id.startswith("pip.up.collector.ssl_reason") for m in r.matches)
