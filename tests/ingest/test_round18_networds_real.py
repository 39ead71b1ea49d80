"""Round 18, real runs: Go on loopback prints its own connectivity words and explain reads
them. One Go program (built once per module) makes three failures happen: a dial to a closed
port ("connect: connection refused", POSIX's words, read before this round), a TLS handshake
with a listener that accepts and never answers, under a 1 s deadline ("i/o timeout"), and a
lookup through Go's own resolver at a loopback DNS server that answers SERVFAIL ("server
misbehaving")."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
from collections.abc import Iterator

import pytest

from tlsdoctor.api import explain

_GO = r'''package main

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"os"
	"time"
)

func main() {
	closed, silent, dns := os.Args[1], os.Args[2], os.Args[3]
	d := net.Dialer{Timeout: 2 * time.Second}
	if _, err := d.Dial("tcp", closed); err != nil {
		fmt.Println("refused:", err)
	}
	if c, err := d.Dial("tcp", silent); err == nil {
		c.SetDeadline(time.Now().Add(time.Second))
		err = tls.Client(c, &tls.Config{ServerName: "example.test"}).Handshake()
		fmt.Println("timeout:", err)
		c.Close()
	}
	r := &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, _, _ string) (net.Conn, error) {
		return d.DialContext(ctx, "udp", dns)
	}}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	_, err := r.LookupHost(ctx, "example.test")
	fmt.Println("lookup:", err)
}
'''


def _servfail(sock: socket.socket, stop: threading.Event) -> None:
    """Answer every query with SERVFAIL (RCODE 2), its question echoed; bounded by ``stop``."""
    sock.settimeout(0.2)
    while not stop.is_set():
        try:
            q, peer = sock.recvfrom(512)
        except TimeoutError:
            continue
        if len(q) >= 12:
            sock.sendto(q[:2] + bytes([0x81, 0x82]) + q[4:6] + b"\0\0\0\0\0\0" + q[12:], peer)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    if shutil.which("go") is None:
        pytest.skip("go is not installed (apt: golang-go)")
    d = tmp_path_factory.mktemp("networds")
    (d / "main.go").write_text(_GO)
    env = {**os.environ, "GOCACHE": str(d / "cache"), "GOPATH": str(d / "path"), "GOFLAGS": "",
           "GO111MODULE": "off", "GOPROXY": "off"}
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    closed_addr = f"127.0.0.1:{closed.getsockname()[1]}"
    closed.close()  # nothing listens there now
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(4)  # the kernel accepts; nobody ever answers
    dns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    dns.bind(("127.0.0.1", 0))
    stop = threading.Event()
    t = threading.Thread(target=_servfail, args=(dns, stop), daemon=True)
    t.start()
    try:
        out = subprocess.run(
            ["go", "run", str(d / "main.go"), closed_addr,
             f"127.0.0.1:{silent.getsockname()[1]}", f"127.0.0.1:{dns.getsockname()[1]}"],
            cwd=d, env=env, capture_output=True, text=True, timeout=180, check=True).stdout
    finally:
        stop.set()
        t.join(2)
        silent.close()
        dns.close()
    yield dict(line.split(": ", 1) for line in out.splitlines() if ": " in line)


def _read(text: str) -> tuple[str, str, float]:
    r = explain(text)
    assert r.recognized and r.findings, text
    return r.source, r.findings[0].cause.value, r.findings[0].confidence


def test_go_refused_on_a_closed_loopback_port(printed: dict[str, str]) -> None:
    text = printed["refused"]
    assert text.endswith("connect: connection refused"), text
    assert _read(text)[1:] == ("name_resolution_or_unreachable", pytest.approx(.7))


def test_go_i_o_timeout_from_a_silent_listener(printed: dict[str, str]) -> None:
    text = printed["timeout"]
    assert text.startswith("read tcp 127.0.0.1:") and text.endswith("i/o timeout"), text
    source, cause, conf = _read(text)
    assert (source, cause) == ("go", "middlebox_or_firewall_interference") and conf < .6


def test_go_server_misbehaving_from_a_servfail_resolver(printed: dict[str, str]) -> None:
    text = printed["lookup"]
    assert text.startswith("lookup example.test on ") and text.endswith("server misbehaving"), text
    assert _read(text) == ("go", "name_resolution_or_unreachable", pytest.approx(1.0))
