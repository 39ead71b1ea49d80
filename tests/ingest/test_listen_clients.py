"""listen says which client it saw: real clients (openssl s_client, curl, gnutls-cli, Python,
Node.js, Go, Java) connect to the capture port; the nearest profile and the TLS library come
from the hello's shape, names replace numbers, and a client that never comes is one line."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tlsdoctor.clients.catalog import get_profile
from tlsdoctor.ingest.hello_match import library_of
from tlsdoctor.listencmd import capture_json, identify, names
from tlsdoctor.probe.listen import CapturedHello, listen

ROOT = Path(__file__).resolve().parents[2]

_GO = """package main

import (
	"crypto/tls"
	"fmt"
	"os"
)

func main() {
	conn, err := tls.Dial("tcp", "127.0.0.1:"+os.Args[1], &tls.Config{ServerName: "localhost"})
	if err == nil {
		conn.Close()
	}
	fmt.Println(err)
}
"""
_JAVA = """import javax.net.ssl.*;
import java.net.*;

public class Hello {
    public static void main(String[] a) throws Exception {
        try {
            HttpsURLConnection c = (HttpsURLConnection) new URL(
                "https://localhost:" + a[0] + "/").openConnection();
            c.setConnectTimeout(5000);
            c.setReadTimeout(5000);
            c.getResponseCode();
        } catch (Exception e) {
            System.out.println(e);
        }
    }
}
"""
_NODE = ("require('https').get('https://localhost:' + process.argv[1] + '/', () => {})"
         ".on('error', e => console.log(e.message))")
_PYTHON = ("import socket, ssl, sys\nctx = ssl.create_default_context()\ntry:\n"
           "    ctx.wrap_socket(socket.create_connection(('127.0.0.1', int(sys.argv[1]))),"
           " server_hostname='localhost')\nexcept (OSError, ssl.SSLError) as e:\n    print(e)\n")


def _go(tmp: Path) -> list[str] | None:
    if shutil.which("go") is None:
        return None
    (tmp / "hello.go").write_text(_GO)
    env = dict(os.environ, GOCACHE=str(tmp / "cache"), GOPATH=str(tmp / "path"),
               GO111MODULE="off", GOFLAGS="", GOPROXY="off")
    built = subprocess.run(["go", "build", "-o", str(tmp / "hello"), str(tmp / "hello.go")],
                           capture_output=True, timeout=180, env=env, check=False)
    return [str(tmp / "hello"), "PORT"] if built.returncode == 0 else None


def _java(tmp: Path) -> list[str] | None:
    if shutil.which("java") is None:
        return None
    (tmp / "Hello.java").write_text(_JAVA)
    return ["java", str(tmp / "Hello.java"), "PORT"]  # the source launcher (JDK 11+)


CLIENTS: dict[str, tuple[Callable[[Path], list[str] | None], str, str | None]] = {
    # client: (argv, with PORT; the library; the exact profile, or None: any of the library)
    "openssl": (lambda t: ["openssl", "s_client", "-connect", "127.0.0.1:PORT",
                           "-servername", "localhost"], "OpenSSL", None),
    "curl": (lambda t: ["curl", "-sS", "--max-time", "5", "https://localhost:PORT/"],
             "OpenSSL", "curl-8"),
    "python": (lambda t: [sys.executable, "-c", _PYTHON, "PORT"], "OpenSSL", "python-3"),
    # round 18: gnutls-cli has its own profile (it was wget's, the only GnuTLS one)
    "gnutls-cli": (lambda t: ["gnutls-cli", "--port", "PORT", "localhost"], "GnuTLS",
                   "gnutls-3.7"),
    "node": (lambda t: ["node", "-e", _NODE, "PORT"], "OpenSSL", "node-20"),
    "go": (_go, "Go crypto/tls", None),
    "java": (_java, "Java JSSE", None),
}


async def _capture(argv: list[str], timeout: float = 30) -> CapturedHello:
    ready: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    got = asyncio.ensure_future(listen(port=0, count=1, timeout=timeout,
                                       on_ready=ready.set_result))
    port = await ready
    proc = await asyncio.create_subprocess_exec(
        *[a.replace("PORT", str(port)) for a in argv], stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        (captured,) = await got
    finally:
        try:
            await asyncio.wait_for(proc.wait(), 20)
        except TimeoutError:
            proc.kill()
            await proc.wait()
    return captured


@pytest.mark.parametrize("client", sorted(CLIENTS))
def test_listen_names_the_client_and_its_library(client: str, tmp_path: Path) -> None:
    make, library, profile = CLIENTS[client]
    argv = make(tmp_path)
    if argv is None or (shutil.which(argv[0]) is None and not Path(argv[0]).exists()):
        pytest.skip(f"{client} is not installed here")
    captured = asyncio.run(_capture(argv))
    guess = identify(captured)
    assert guess is not None and guess.profile is not None and guess.library is not None
    assert guess.library.name == library, guess.to_json()
    assert library_of(get_profile(guess.profile.name)) == library, guess.to_json()
    if profile is not None:
        assert guess.profile.name == profile, guess.to_json()
    assert guess.profile_runner_up is not None and guess.profile.score >= guess.profile_runner_up.score
    assert 0.5 <= guess.profile.score <= 1 and guess.library.score > guess.library_runner_up.score  # type: ignore[union-attr]
    # names, not numbers, in the same order as sent
    named = names(captured)
    assert len(named["extensions"]) == len(captured.extensions)
    assert "supported_groups" in named["extensions"] and "key_share" in named["extensions"]
    assert not any(re.fullmatch(r"\d+", n) for n in named["extensions"] + named["groups"])
    assert {"x25519", "secp256r1"} <= set(named["groups"])
    j = capture_json(captured)
    assert j["client"]["library"]["name"] == library and j["names"] == named


def _cli_listen(*args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), COLUMNS="200")
    return subprocess.Popen([sys.executable, "-m", "tlsdoctor", "listen", "--port", "0", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def test_cli_prints_who_it_was_by_name() -> None:
    if shutil.which("curl") is None:
        pytest.skip("curl missing")
    proc = _cli_listen("--timeout", "30")
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        port = int(re.search(r"127\.0\.0\.1:(\d+)", first).group(1))  # type: ignore[union-attr]
        subprocess.run(["curl", "-sS", "--max-time", "5", f"https://localhost:{port}/"],
                       capture_output=True, timeout=30, check=False)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "looks like" in out and "curl" in out and "TLS library" in out and "OpenSSL" in out
    assert "runner-up" in out
    assert "server_name" in out and "application_layer_protocol_negotiation" in out
    assert "x25519" in out and "TLS_AES_256_GCM_SHA384" in out


@pytest.mark.parametrize("as_json", [False, True])
def test_no_client_is_one_line_and_exit_3(as_json: bool) -> None:
    proc = _cli_listen("--timeout", "1", *(["--json"] if as_json else []))
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 3
    assert err.count("\n") == 1 and "no client connected to 127.0.0.1:" in err, err
    assert "Traceback" not in err and "--timeout" in err
    if as_json:
        assert out == ""


def test_a_port_check_that_sends_nothing_is_named() -> None:
    proc = _cli_listen("--timeout", "3")
    try:
        assert proc.stdout is not None
        port = int(re.search(r":(\d+):", proc.stdout.readline()).group(1))  # type: ignore[union-attr]
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 3
    assert "1 connection to 127.0.0.1:" in err and "sent nothing" in err, err
