#!/usr/bin/env python3
"""Re-make the capture fixtures in this directory: real servers and clients on loopback,
recorded with tcpdump. Needs root (tcpdump on lo), openssl, curl, editcap.

    python tests/ingest/captures/record.py [SCENARIO...]

Every scenario starts its server on a free port, starts ``tcpdump -i lo -U -w FILE port N``,
runs the client, stops everything. The certificates are generated fresh (tlsdoctor's test
PKI), so the bytes differ between runs but the scenarios do not. See README.md.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

from tlsdoctor.testing import capture
from tlsdoctor.testing.ca import CA

HERE = Path(__file__).resolve().parent
OPENSSL = ["openssl", "s_server", "-quiet", "-www"]


def free_port(host: str = "127.0.0.1") -> int:
    fam = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(fam) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def wait_port(host: str, port: int, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=0.2):
            return
        time.sleep(0.02)
    raise RuntimeError(f"server on {host}:{port} did not start")


# One tcpdump helper for fixtures and tests (it waits until packets really flow).
tcpdump = capture.tcpdump


@contextlib.contextmanager
def process(cmd: list[str], host: str, port: int) -> Iterator[subprocess.Popen[bytes]]:
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        wait_port(host, port)
        yield proc
    finally:
        proc.kill()
        proc.wait(timeout=5)
        if proc.stdin is not None:
            proc.stdin.close()


@contextlib.contextmanager
def thread_server(handler: Callable[[socket.socket], None], host: str = "127.0.0.1"
                  ) -> Iterator[int]:
    """A one-connection-at-a-time Python server; ``handler`` gets each accepted socket."""
    srv = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((host, 0))
    srv.listen(8)
    srv.settimeout(0.2)
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(5)
                with contextlib.suppress(OSError):
                    handler(conn)

    t = threading.Thread(target=loop, daemon=True)
    t.start()
    try:
        yield int(srv.getsockname()[1])
    finally:
        stop.set()
        t.join(2)
        srv.close()


def curl(url: str, *args: str, resolve: str | None = None) -> None:
    cmd = ["curl", "-s", "-o", "/dev/null", "--max-time", "5", *args, url]
    if resolve:
        cmd[1:1] = ["--resolve", resolve]
    subprocess.run(cmd, check=False, timeout=10)


class Pki:
    def __init__(self, d: Path) -> None:
        self.ca = CA(name="tlsdoctor capture root CA")
        self.root = self.ca.write(d / "root.pem")
        self.good = self.ca.issue(("localhost",)).write(d, stem="good")
        from tlsdoctor.testing.ca import self_signed

        self.self_signed = self_signed(("localhost",)).write(d, stem="self_signed")
        inter = self.ca.intermediate()
        leaf = inter.issue(("localhost",))
        (d / "leaf_only.pem").write_bytes(leaf.cert_pem)  # without its intermediate
        (d / "leaf_only.key").write_bytes(leaf.key_pem)
        self.leaf_only = (d / "leaf_only.pem", d / "leaf_only.key")
        self.expired = self.ca.issue(("localhost",), not_before=timedelta(days=-60),
                                     not_after=timedelta(days=-2)).write(d, stem="expired")


def s_server(port: int, chain: tuple[Path, Path], *extra: str, host: str = "127.0.0.1") -> list[str]:
    accept = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return [*OPENSSL, "-accept", accept, "-cert", str(chain[0]), "-key", str(chain[1]), *extra]


# -- scenarios ------------------------------------------------------------------------------


def tls12_ok(pki: Pki, out: Path) -> None:
    port = free_port()
    with process(s_server(port, pki.good, "-tls1_2"), "127.0.0.1", port), tcpdump(out, port):
        curl(f"https://localhost:{port}/", "--cacert", str(pki.root), "--tls-max", "1.2")


def tls13_ok(pki: Pki, out: Path) -> None:
    port = free_port()
    with process(s_server(port, pki.good, "-tls1_3"), "127.0.0.1", port), tcpdump(out, port, nano=True):
        curl(f"https://localhost:{port}/", "--cacert", str(pki.root), "--tlsv1.3")


def tls13_ipv6(pki: Pki, out: Path) -> None:
    port = free_port("::1")
    with process(s_server(port, pki.good, "-tls1_3", host="::1"), "::1", port), tcpdump(out, port):
        curl(f"https://localhost:{port}/", "--cacert", str(pki.root), "--tlsv1.3",
             resolve=f"localhost:{port}:[::1]")


def tls12_sll(pki: Pki, out: Path) -> None:
    """Same as tls12_ok, captured on the 'any' pseudo-interface (Linux cooked headers)."""
    port = free_port()
    with process(s_server(port, pki.good, "-tls1_2"), "127.0.0.1", port), tcpdump(out, port, iface="any"):
        curl(f"https://localhost:{port}/", "--cacert", str(pki.root), "--tls-max", "1.2")


def protocol_version(pki: Pki, out: Path) -> None:
    """TLS 1.0-only server (security level 0 so OpenSSL 3 allows it), TLS 1.2+ client."""
    port = free_port()
    cmd = s_server(port, pki.good, "-tls1", "-cipher", "DEFAULT@SECLEVEL=0")
    with process(cmd, "127.0.0.1", port), tcpdump(out, port):
        curl(f"https://localhost:{port}/", "--cacert", str(pki.root), "--tlsv1.2")


def client_cert(pki: Pki, out: Path) -> None:
    """Server requires a client certificate (-Verify), TLS 1.2 so it is visible; no client cert."""
    port = free_port()
    cmd = s_server(port, pki.good, "-tls1_2", "-Verify", "1", "-CAfile", str(pki.root))
    with process(cmd, "127.0.0.1", port), tcpdump(out, port):
        curl(f"https://localhost:{port}/", "--cacert", str(pki.root), "--tls-max", "1.2")


def expired(pki: Pki, out: Path) -> None:
    """Expired leaf; the verifying client aborts with alert certificate_expired."""
    port = free_port()
    with process(s_server(port, pki.expired, "-tls1_2"), "127.0.0.1", port), tcpdump(out, port):
        curl(f"https://localhost:{port}/", "--cacert", str(pki.root), "--tls-max", "1.2")


def expired_tls13(pki: Pki, out: Path) -> None:
    """As ``expired`` with TLS 1.3: the certificate and the client's alert are encrypted."""
    port = free_port()
    with process(s_server(port, pki.expired, "-tls1_3"), "127.0.0.1", port), tcpdump(out, port):
        curl(f"https://localhost:{port}/", "--cacert", str(pki.root), "--tlsv1.3")


def client_cert_tls13(pki: Pki, out: Path) -> None:
    """As ``client_cert`` with TLS 1.3: the server's certificate_required alert is encrypted."""
    port = free_port()
    cmd = s_server(port, pki.good, "-tls1_3", "-Verify", "1", "-CAfile", str(pki.root))
    with process(cmd, "127.0.0.1", port), tcpdump(out, port):
        curl(f"https://localhost:{port}/", "--cacert", str(pki.root), "--tlsv1.3")


def incomplete_chain(pki: Pki, out: Path) -> None:
    """Leaf issued by an intermediate, served without it: the client cannot reach the root."""
    port = free_port()
    with process(s_server(port, pki.leaf_only, "-tls1_2"), "127.0.0.1", port), tcpdump(out, port):
        curl(f"https://localhost:{port}/", "--cacert", str(pki.root), "--tls-max", "1.2")


def unrecognized_name(pki: Pki, out: Path) -> None:
    """Server knows only 'other.example' and refuses other names (-servername_fatal)."""
    port = free_port()
    cmd = s_server(port, pki.good, "-tls1_2", "-servername", "other.example", "-cert2",
                   str(pki.good[0]), "-key2", str(pki.good[1]), "-servername_fatal")
    with process(cmd, "127.0.0.1", port), tcpdump(out, port):
        curl(f"https://localhost:{port}/", "--cacert", str(pki.root), "--tls-max", "1.2")


def self_signed_leaf(pki: Pki, out: Path) -> None:
    """Self-signed leaf; the client trusts only the test root and aborts with unknown_ca."""
    port = free_port()
    with process(s_server(port, pki.self_signed, "-tls1_2"), "127.0.0.1", port), tcpdump(out, port):
        curl(f"https://localhost:{port}/", "--cacert", str(pki.root), "--tls-max", "1.2")


def cipher_mismatch(pki: Pki, out: Path) -> None:
    """One good connection (the server's suite is seen), then one offering only other suites."""
    port = free_port()
    cmd = s_server(port, pki.good, "-tls1_2", "-cipher", "ECDHE-ECDSA-AES256-GCM-SHA384")
    with process(cmd, "127.0.0.1", port), tcpdump(out, port):
        curl(f"https://localhost:{port}/", "--cacert", str(pki.root), "--tls-max", "1.2",
             "--ciphers", "ECDHE-ECDSA-AES256-GCM-SHA384")
        curl(f"https://localhost:{port}/", "--cacert", str(pki.root), "--tls-max", "1.2",
             "--ciphers", "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES128-GCM-SHA256")


def legacy_hello_refused(pki: Pki, out: Path) -> None:
    """OpenSSL 3's s_server at its defaults: a TLS 1.3 connection that works, then a client
    offering only TLS 1.1, answered with internal_error (review 28)."""
    port = free_port()
    with process(s_server(port, pki.good), "127.0.0.1", port), tcpdump(out, port):
        curl(f"https://localhost:{port}/", "--cacert", str(pki.root))
        subprocess.run(["openssl", "s_client", "-connect", f"127.0.0.1:{port}", "-tls1_1"],
                       input=b"", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=10, check=False)


def _rst_after_hello(conn: socket.socket) -> None:
    conn.recv(4096)  # the ClientHello
    # SO_LINGER on, timeout 0: close() sends RST instead of FIN (socket(7)).
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")


def rst_after_hello(pki: Pki, out: Path) -> None:
    with thread_server(_rst_after_hello) as port, tcpdump(out, port):
        curl(f"https://blocked.example:{port}/", "--cacert", str(pki.root),
             resolve=f"blocked.example:{port}:127.0.0.1")


def _http(conn: socket.socket) -> None:
    conn.recv(4096)
    conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\nContent-Length: 48\r\n"
                 b"Connection: close\r\n\r\n<html><body>plain HTTP on this port</body></html>")


def http_on_tls_port(pki: Pki, out: Path) -> None:
    """A plaintext HTTP server answers the ClientHello (like nginx without 'ssl' on listen)."""
    with thread_server(_http) as port, tcpdump(out, port):
        curl(f"https://localhost:{port}/", "--cacert", str(pki.root))


# Each protocol's greeting, positive answer to STARTTLS, and answer to anything else
# (RFC 3207 SMTP, RFC 2595 POP3 "STLS" / IMAP "STARTTLS", RFC 4217 FTP "AUTH TLS").
MAIL = {
    "smtp": (b"220 mail.localhost ESMTP test\r\n", b"220 2.0.0 Ready to start TLS\r\n"),
    "pop3": (b"+OK POP3 ready\r\n", b"+OK Begin TLS negotiation\r\n"),
    "imap": (b"* OK IMAP4rev1 ready\r\n", b"OK Begin TLS negotiation now\r\n"),
    "ftp": (b"220 FTP ready\r\n", b"234 AUTH TLS successful\r\n"),
}


def _mail_server(pki: Pki, proto: str) -> Callable[[socket.socket], None]:
    """A minimal SMTP/POP3/IMAP/FTP server that upgrades with STARTTLS (ssl module)."""
    import ssl

    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(pki.good[0], pki.good[1])
    greeting, go_ahead = MAIL[proto]

    def handler(conn: socket.socket) -> None:
        f = conn.makefile("rb")
        conn.sendall(greeting)
        while line := f.readline(1000):
            words = line.strip().split(b" ")
            tag = words[0] + b" " if proto == "imap" else b""
            cmd = b" ".join(words[1:] if proto == "imap" else words).upper()
            if cmd in (b"STARTTLS", b"STLS", b"AUTH TLS"):
                conn.sendall(tag + go_ahead if proto == "imap" else go_ahead)
                tls = ctx.wrap_socket(conn, server_side=True)
                tls.sendall(b"+OK\r\n")
                with contextlib.suppress(OSError):
                    tls.recv(1000)
                    tls.unwrap()
                return
            if cmd.startswith((b"EHLO", b"HELO")):
                conn.sendall(b"250-mail.localhost\r\n250 STARTTLS\r\n")
            elif cmd == b"CAPABILITY":
                conn.sendall(b"* CAPABILITY IMAP4rev1 STARTTLS\r\n" + tag + b"OK done\r\n")
            elif cmd == b"CAPA":
                conn.sendall(b"+OK\r\nSTLS\r\n.\r\n")
            elif cmd == b"QUIT":
                return
            else:
                conn.sendall(b"502 unknown\r\n")

    return handler


def _starttls(proto: str) -> Callable[[Pki, Path], None]:
    def scenario(pki: Pki, out: Path) -> None:
        with thread_server(_mail_server(pki, proto)) as port, tcpdump(out, port):
            subprocess.run(["openssl", "s_client", "-quiet", "-connect", f"127.0.0.1:{port}",
                            "-starttls", proto, "-servername", "localhost", "-CAfile",
                            str(pki.root)],
                           input=b"QUIT\r\n", stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=10, check=False)

    scenario.__doc__ = f"openssl s_client -starttls {proto} against a Python {proto} server."
    return scenario


def smtp_banner_on_tls(pki: Pki, out: Path) -> None:
    """curl speaks TLS at once to a plaintext SMTP port: the banner answers its ClientHello."""
    with thread_server(_mail_server(pki, "smtp")) as port, tcpdump(out, port):
        curl(f"https://localhost:{port}/", "--cacert", str(pki.root))


SCENARIOS: dict[str, Callable[[Pki, Path], None]] = {
    "tls12_ok": tls12_ok,
    "tls13_ok": tls13_ok,
    "tls13_ipv6": tls13_ipv6,
    "tls12_sll": tls12_sll,
    "protocol_version": protocol_version,
    "client_cert": client_cert,
    "expired": expired,
    "self_signed": self_signed_leaf,
    "unrecognized_name": unrecognized_name,
    "incomplete_chain": incomplete_chain,
    "expired_tls13": expired_tls13,
    "client_cert_tls13": client_cert_tls13,
    "cipher_mismatch": cipher_mismatch,
    "legacy_hello_refused": legacy_hello_refused,
    "rst_after_hello": rst_after_hello,
    "http_on_tls_port": http_on_tls_port,
    "smtp_starttls": _starttls("smtp"),
    "pop3_starttls": _starttls("pop3"),
    "imap_starttls": _starttls("imap"),
    "ftp_starttls": _starttls("ftp"),
    "smtp_banner_on_tls": smtp_banner_on_tls,
}
# Also written as pcapng (editcap) to cover that format with real data.
PCAPNG_COPIES = ("tls13_ok", "protocol_version", "rst_after_hello")


def main(names: list[str]) -> int:
    if os.geteuid() != 0:
        print("tcpdump on lo needs root", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        pki = Pki(Path(tmp))
        for name in names or list(SCENARIOS):
            out = HERE / f"{name}.pcap"
            SCENARIOS[name](pki, out)
            if name in PCAPNG_COPIES:
                subprocess.run(["editcap", "-F", "pcapng", str(out), str(HERE / f"{name}.pcapng")],
                               check=True, timeout=30)
            print(f"{out.name}: {out.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
