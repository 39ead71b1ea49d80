"""Each server starter really serves what it was asked (checked with independent clients)."""

from __future__ import annotations

import contextlib
import re
import socket
import ssl
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography import x509

from tlsdoctor.testing import servers
from tlsdoctor.testing.ca import CA, self_signed
from tlsdoctor.testing.servers import Site, s_client


def _client_ctx(cafile: Path | None) -> ssl.SSLContext:
    ctx = ssl.create_default_context(cafile=str(cafile) if cafile else None)
    if cafile is None:
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    return ctx


def _handshake(srv: servers.Server, *, sni: str | None = "localhost",
               cafile: Path | None = None, ctx: ssl.SSLContext | None = None
               ) -> tuple[str, str, x509.Certificate]:
    ctx = ctx or _client_ctx(cafile)
    with socket.create_connection(srv.address, timeout=5) as raw, \
            ctx.wrap_socket(raw, server_hostname=sni) as tls:
        der = tls.getpeercert(binary_form=True)
        assert der is not None
        return str(tls.version()), tls.cipher()[0], x509.load_der_x509_certificate(der)


def _cn(cert: x509.Certificate) -> str:
    return str(cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value)


def _sent_chain_cns(output: str) -> list[str]:
    """Subject CNs of the certificates s_client -showcerts printed, in sent order."""
    pems = re.findall(r"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", output, re.S)
    return [_cn(x509.load_pem_x509_certificate(p.encode())) for p in pems]


# --- openssl s_server ----------------------------------------------------------------------

def test_openssl_default_verifies_and_stops_cleanly(pki, s_server) -> None:
    srv = s_server()
    assert srv.target == f"127.0.0.1:{srv.port}" and srv.alive()
    version, _, cert = _handshake(srv, cafile=pki.root_pem)
    assert version == "TLSv1.3" and _cn(cert) == "localhost"
    proc = srv.process
    srv.stop()
    assert proc is not None and proc.poll() is not None  # reaped
    assert not srv.alive()
    with pytest.raises(OSError):
        socket.create_connection(srv.address, timeout=2).close()
    assert "ACCEPT" in srv.log()  # the log outlives the work directory
    assert srv.workdir is not None and not srv.workdir.exists()


def test_a_server_given_a_taken_port_is_not_taken_for_started(pki, s_server, monkeypatch) -> None:
    """Two servers started at once can be handed the same free port: the second one's bind
    fails while a connect to the port succeeds (the first answers). It must start again on
    another port, not be taken as started and send its clients to the first one (this
    sent real clients of one matrix scenario to another scenario's server)."""
    first = s_server()
    ports = iter([first.port])
    real = servers.free_port
    monkeypatch.setattr(servers, "free_port", lambda host=servers.HOST: next(ports, None) or real(host))
    second = s_server(pki.leaf("second.test"))
    assert second.port != first.port and second.alive()
    _, _, cert = _handshake(second, sni="second.test", cafile=pki.root_pem)
    assert _cn(cert) == "second.test"


def test_openssl_serves_intermediates_in_the_given_order(ca: CA, pki, s_server) -> None:
    i1 = ca.intermediate(name="I1")
    i2 = i1.intermediate(name="I2")
    leaf = i2.issue()
    srv = s_server(leaf, order="reversed", include_root=True)
    out = s_client(srv, "-showcerts", servername="localhost").stdout
    assert _sent_chain_cns(out) == ["localhost", "tlsdoctor test root CA", "I1", "I2"]
    # and a leaf-only file sends only the leaf: no chain completion from a store
    bare = pki.write_pem("bare.pem", leaf.cert_pem)
    srv2 = s_server(chain_path=bare, key_path=pki.write(leaf)[1])
    assert _sent_chain_cns(s_client(srv2, "-showcerts").stdout) == ["localhost"]


def test_openssl_protocol_selection(s_server) -> None:
    srv = s_server(protocols=("tls1_2",))
    assert _handshake(srv)[0] == "TLSv1.2"
    r = s_client(srv, "-tls1_3")
    assert r.returncode != 0 and "Cipher is (NONE)" in r.stdout


def test_openssl_tls10_only_needs_and_gets_seclevel0(s_server) -> None:
    srv = s_server(protocols=("tls1",))
    ok = s_client(srv, "-tls1", "-cipher", "DEFAULT:@SECLEVEL=0")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert re.search(r"Protocol\s*: TLSv1\n", ok.stdout)
    with pytest.raises(ssl.SSLError):
        _handshake(srv)  # a modern client refuses TLS 1.0


def test_openssl_cipher_and_ciphersuites(s_server, pki) -> None:
    rsa_leaf = pki.leaf(key_type="rsa2048")
    srv = s_server(rsa_leaf, protocols=("tls1_2",), cipher="AES128-SHA")
    version, cipher, _ = _handshake(srv, ctx=_ctx_with_ciphers("ALL"))
    assert (version, cipher) == ("TLSv1.2", "AES128-SHA")
    srv13 = s_server(ciphersuites="TLS_CHACHA20_POLY1305_SHA256")
    assert _handshake(srv13)[1] == "TLS_CHACHA20_POLY1305_SHA256"


def _ctx_with_ciphers(ciphers: str) -> ssl.SSLContext:
    ctx = _client_ctx(None)
    ctx.set_ciphers(ciphers)
    return ctx


def test_openssl_groups(s_server) -> None:
    srv = s_server(groups="P-384")
    out = s_client(srv).stdout
    assert re.search(r"(Server|Peer) Temp Key: ECDH, (secp384r1|P-384)", out), out


def test_openssl_sni_second_certificate_and_fatal(ca: CA, pki, s_server) -> None:
    other = ca.issue(("other.test",))
    chain2, key2 = pki.write(other, stem="other")
    # -cert2 reads one certificate; the leaf is first in the chain file.
    srv = s_server(servername="other.test", cert2=chain2, key2=key2)
    assert _cn(_handshake(srv, sni="other.test")[2]) == "other.test"
    assert _cn(_handshake(srv, sni="localhost")[2]) == "localhost"
    strict = s_server(servername="localhost", servername_fatal=True)
    assert _cn(_handshake(strict, sni="localhost")[2]) == "localhost"
    with pytest.raises(ssl.SSLError, match=r"UNRECOGNIZED_NAME|unrecognized name"):
        _handshake(strict, sni="nobody.test")


def test_openssl_requires_client_certificate(ca: CA, pki, s_server) -> None:
    client_ca = CA(name="Client CA")
    srv = s_server(verify_ca=client_ca.write(pki.dir / "client-ca.pem"),
                   protocols=("tls1_2",))
    with pytest.raises(ssl.SSLError):
        _handshake(srv)  # no client certificate
    client = client_ca.issue(("client",), eku=("clientAuth",))
    cchain, ckey = pki.write(client, stem="client")
    ctx = _client_ctx(None)
    ctx.load_cert_chain(cchain, ckey)
    assert _handshake(srv, ctx=ctx)[0] == "TLSv1.2"


def test_openssl_staples_ocsp(ca: CA, pki, s_server) -> None:
    leaf = pki.leaf(must_staple=True)
    status = pki.write_pem("ocsp.der", ca.ocsp_response(leaf, "revoked"))
    srv = s_server(leaf, status_file=status)
    out = s_client(srv, "-status").stdout
    assert "OCSP Response Status: successful" in out
    assert "Cert Status: revoked" in out
    plain = s_client(s_server(), "-status").stdout
    assert "OCSP response: no response sent" in plain


def test_openssl_www_answers_http(s_server) -> None:
    srv = s_server(www=True)
    r = s_client(srv, "-quiet", input_data=b"GET / HTTP/1.0\r\n\r\n")
    assert r.stdout.startswith("HTTP/1.0 200 ok")


def test_openssl_bad_configuration_raises_with_log(s_server) -> None:
    with pytest.raises(servers.ServerStartError, match=r"cipher|NOPE"):
        s_server(cipher="NOPE-NOT-A-CIPHER", protocols=("tls1_2",))


def test_openssl_self_signed(pki, s_server) -> None:
    leaf = self_signed(("localhost",))
    srv = s_server(leaf)
    with pytest.raises(ssl.SSLCertVerificationError, match=r"self.signed"):
        _handshake(srv, cafile=pki.root_pem)


# --- nginx -------------------------------------------------------------------------------------

def test_nginx_sni_vhosts_and_default(ca: CA, pki, nginx) -> None:
    a_chain, a_key = pki.write(ca.issue(("a.test",)), stem="a")
    b_chain, b_key = pki.write(ca.issue(("b.test",)), stem="b")
    srv = nginx(Site(server_name="a.test", chain_path=a_chain, key_path=a_key, default=True),
                Site(server_name="b.test", chain_path=b_chain, key_path=b_key,
                     protocols=("tls1_2",)))
    assert _cn(_handshake(srv, sni="b.test", cafile=pki.root_pem)[2]) == "b.test"
    assert _handshake(srv, sni="b.test")[0] == "TLSv1.3"  # protocols are per listen socket
    assert _cn(_handshake(srv, sni=None)[2]) == "a.test"
    assert _cn(_handshake(srv, sni="unknown.test")[2]) == "a.test"


def test_nginx_reject_handshake_without_known_sni(pki, nginx) -> None:
    chain, key = pki.write(pki.leaf("site.test"))
    srv = nginx(Site(server_name="_", reject_handshake=True, default=True),
                Site(server_name="site.test", chain_path=chain, key_path=key))
    assert _cn(_handshake(srv, sni="site.test")[2]) == "site.test"
    with pytest.raises(ssl.SSLError, match=r"UNRECOGNIZED_NAME|unrecognized name"):
        _handshake(srv, sni=None)


def test_nginx_error_log_records_failed_handshake(pki, nginx) -> None:
    chain, key = pki.write(pki.leaf())
    srv = nginx(Site(server_name="localhost", chain_path=chain, key_path=key,
                     protocols=("tls1_3",), default=True))
    r = s_client(srv, "-tls1_2")
    assert r.returncode != 0
    log = srv.log()
    assert "SSL_do_handshake() failed" in log and "unsupported protocol" in log, log


def test_nginx_client_ca_and_stapling(ca: CA, pki, nginx) -> None:
    leaf = pki.leaf()
    chain, key = pki.write(leaf)
    client_ca = CA(name="nginx client CA").write(pki.dir / "cca.pem")
    staple = pki.write_pem("staple.der", ca.ocsp_response(leaf, "good"))
    srv = nginx(Site(server_name="localhost", chain_path=chain, key_path=key, default=True,
                     client_ca=client_ca, stapling_file=staple))
    # -ign_eof: keep reading after our request until nginx closes
    out = s_client(srv, "-status", "-tls1_2", "-ign_eof", servername="localhost",
                   input_data=b"GET / HTTP/1.0\r\n\r\n").stdout
    assert "Cert Status: good" in out
    assert "Acceptable client certificate CA names" in out and "nginx client CA" in out
    assert "400 No required SSL certificate was sent" in out


def test_nginx_tls10_site(pki, nginx) -> None:
    chain, key = pki.write(pki.leaf())
    srv = nginx(Site(server_name="localhost", chain_path=chain, key_path=key, default=True,
                     protocols=("tls1", "tls1_2")))
    r = s_client(srv, "-tls1", "-cipher", "DEFAULT:@SECLEVEL=0")
    assert re.search(r"Protocol\s*: TLSv1\n", r.stdout), r.stdout + r.stderr


# --- gnutls-serv and Python ssl ----------------------------------------------------------------

def test_gnutls_priority(pki, gnutls) -> None:
    srv = gnutls(priority="NORMAL:-VERS-TLS1.3")
    version, _, cert = _handshake(srv, cafile=pki.root_pem)
    assert version == "TLSv1.2" and _cn(cert) == "localhost"
    assert _handshake(gnutls())[0] == "TLSv1.3"


def test_python_server_answers_http_and_logs(pki, py_server) -> None:
    srv = py_server()
    ctx = _client_ctx(pki.root_pem)
    with socket.create_connection(srv.address, timeout=5) as raw, \
            ctx.wrap_socket(raw, server_hostname="localhost") as tls:
        tls.sendall(b"GET / HTTP/1.0\r\n\r\n")
        data = b""
        while chunk := tls.recv(4096):
            data += chunk
    assert data.startswith(b"HTTP/1.0 200 OK\r\nDate: ") and data.endswith(b"\r\n\r\n ok")
    with socket.create_connection(srv.address, timeout=5) as raw:
        raw.sendall(b"GET / HTTP/1.0\r\n\r\n")  # plaintext to a TLS port
        with contextlib.suppress(OSError):  # the server may answer with a reset
            raw.recv(100)
    srv.stop()
    log = srv.log()
    assert "handshake ok" in log and "handshake failed" in log


# --- helpers -----------------------------------------------------------------------------------

def test_wait_ready_times_out_fast_on_a_closed_port() -> None:
    port = servers.free_port()
    with pytest.raises(TimeoutError):
        servers.wait_ready("127.0.0.1", port, timeout=0.3)


def test_context_manager_form(pki) -> None:
    chain, key = pki.write(pki.leaf())
    with servers.openssl_server(chain, key) as srv:
        assert _handshake(srv, cafile=pki.root_pem)[0] == "TLSv1.3"
        pid = srv.pid
    assert pid is not None
    r = subprocess.run(["ps", "-o", "stat=", "-p", str(pid)], capture_output=True, text=True,
                       check=False)
    assert r.stdout.strip() == ""  # gone and reaped, not a zombie


# A server whose forked child outlives it and then writes into the work directory, as Exim's
# receiving processes log an interrupted handshake after the daemon has gone.
_OUTLIVED = """
import os, signal, socket, sys, time
wd, port = sys.argv[1], int(sys.argv[2])
s = socket.socket()
s.bind(("127.0.0.1", port))
s.listen()
if os.fork() == 0:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    s.close()
    parent = os.getppid()
    while os.getppid() == parent:
        time.sleep(0.01)
    time.sleep(0.2)
    os.makedirs(os.path.join(wd, "log"), exist_ok=True)
    open(os.path.join(wd, "log", "mainlog"), "a").write("late line\\n")
    os._exit(0)
while True:
    s.accept()[0].close()
"""


def test_a_stopped_server_leaves_no_directory_when_its_children_outlive_it() -> None:
    from tlsdoctor.testing.listeners import session_left

    wd, cleanup = servers._workdir("outlived")
    srv = servers._spawn("outlived", lambda port: [sys.executable, "-c", _OUTLIVED, str(wd),
                                                   str(port)],
                         workdir=wd, log_path=wd / "stdout.log", timeout=10, cleanup=cleanup)
    pid = srv.pid
    assert pid is not None
    srv.stop()
    assert session_left(pid) in ([], None)  # nothing left to write there again
    assert not wd.exists()
