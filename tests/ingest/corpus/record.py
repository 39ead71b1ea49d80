"""Record what real TLS clients print against broken loopback servers.

Run from the repository root:  python tests/ingest/corpus/record.py
Writes tests/ingest/corpus/recorded.json (client outputs) and nginx_error.log (the real
error log nginx wrote while broken clients talked to it). Only 127.0.0.1 is contacted;
every client run has a timeout. The expected cause of each scenario is the cause a
``tlsdoctor diagnose`` of that server must find; ``explain`` of the client's output has to
list it among its findings (tests/ingest/test_explain_corpus.py).
"""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

from tlsdoctor.testing.ca import CA, self_signed
from tlsdoctor.testing.servers import Site, nginx_server, openssl_server

HERE = Path(__file__).resolve().parent
HOST = "localhost"
TIMEOUT = 15


@contextlib.contextmanager
def plaintext_server() -> Iterator[int]:
    """A plain HTTP responder: what a client meets on a port that does not speak TLS."""
    ls = socket.socket()
    ls.bind(("127.0.0.1", 0))
    ls.listen(16)
    ls.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                c, _ = ls.accept()
            except OSError:
                continue
            with c:
                c.settimeout(2)
                with contextlib.suppress(OSError):
                    c.recv(4096)
                    c.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n"
                              b"Connection: close\r\n\r\n")

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    try:
        yield ls.getsockname()[1]
    finally:
        stop.set()
        t.join(2)
        ls.close()


def closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def clients(ca: Path, client_cert: tuple[Path, Path] | None, work: Path,
            java_ok: bool) -> dict[str, Callable[[int], list[str]]]:
    py = (
        "import ssl,socket,sys\n"
        "ctx=ssl.create_default_context(cafile=sys.argv[2])\n"
        "try:\n"
        "  s=socket.create_connection(('127.0.0.1',int(sys.argv[1])),timeout=5)\n"
        "  t=ctx.wrap_socket(s,server_hostname='localhost'); t.sendall(b'GET / HTTP/1.0\\r\\n\\r\\n'); t.recv(10)\n"
        "  print('OK')\n"
        "except Exception as e:\n"
        "  print(f'{type(e).__module__}.{type(e).__qualname__}: {e}'); sys.exit(1)\n")
    urllib = (
        "import ssl,sys,urllib.request\n"
        "ctx=ssl.create_default_context(cafile=sys.argv[2])\n"
        "try:\n"
        "  urllib.request.urlopen(f'https://localhost:{sys.argv[1]}/',context=ctx,timeout=5)\n"
        "  print('OK')\n"
        "except Exception as e:\n"
        "  print(f'{type(e).__module__}.{type(e).__qualname__}: {e}'); sys.exit(1)\n")
    node = (
        "const tls=require('tls'),fs=require('fs');"
        "const s=tls.connect({host:'127.0.0.1',servername:'localhost',port:+process.argv[1],"
        "ca:fs.readFileSync(process.argv[2])},()=>{console.log('OK');s.end();});"
        "s.setTimeout(5000,()=>{console.log('timeout');process.exit(2)});"
        "s.on('error',e=>{console.log(`Error: ${e.message}`);console.log(`code: ${e.code}`);"
        "process.exit(1)});")
    out: dict[str, Callable[[int], list[str]]] = {
        "curl": lambda p: ["curl", "-sS", "--max-time", "5", "--resolve",
                           f"localhost:{p}:127.0.0.1", "--cacert", str(ca),
                           f"https://localhost:{p}/"],
        "openssl_s_client": lambda p: ["openssl", "s_client", "-brief", "-connect",
                                       f"127.0.0.1:{p}", "-servername", HOST,
                                       "-verify_hostname", HOST, "-verify_return_error",
                                       "-CAfile", str(ca)],
        "python_ssl": lambda p: [sys.executable, "-c", py, str(p), str(ca)],
        "python_urllib": lambda p: [sys.executable, "-c", urllib, str(p), str(ca)],
        "gnutls_cli": lambda p: ["gnutls-cli", "--x509cafile", str(ca), "--port", str(p),
                                 HOST],
        "wget": lambda p: ["wget", "-O", "/dev/null", "--tries=1", "--timeout=5",
                           f"--ca-certificate={ca}", f"https://localhost:{p}/"],
        "node": lambda p: ["node", "-e", node, str(p), str(ca)],
    }
    if java_ok:
        out["java"] = lambda p: ["java", "-cp", str(work), "JavaClient", HOST, str(p),
                                 str(ca)]
    return {k: v for k, v in out.items() if shutil.which(v(1)[0])}


def run(argv: list[str]) -> tuple[int, str]:
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return -1, "timeout"
    text = (p.stdout + p.stderr).decode("utf-8", "replace")
    return p.returncode, text[-3000:]


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="tlsdoctor-corpus-"))
    root = CA(name="corpus root CA")
    other = CA(name="corpus other CA")
    inter = root.intermediate("corpus intermediate CA")
    ca_file = root.write(work / "root.pem")
    java_ok = bool(shutil.which("javac")) and subprocess.run(
        ["javac", "-d", str(work), str(HERE / "JavaClient.java")], timeout=120,
        capture_output=True).returncode == 0

    def files(leaf: object, stem: str, **kw: object) -> tuple[Path, Path]:
        return leaf.write(work, stem=stem, **kw)  # type: ignore[attr-defined]

    good = files(root.issue([HOST]), "good")
    scenarios: list[tuple[str, str, Callable[[], contextlib.AbstractContextManager[object]]]] = [
        ("expired", "cert_expired",
         lambda: openssl_server(*files(root.issue([HOST], not_before=timedelta(days=-60),
                                                  not_after=timedelta(days=-2)), "exp"))),
        ("not_yet_valid", "cert_not_yet_valid",
         lambda: openssl_server(*files(root.issue([HOST], not_before=timedelta(days=20),
                                                  not_after=timedelta(days=90)), "nyv"))),
        ("self_signed", "cert_self_signed",
         lambda: openssl_server(*files(self_signed([HOST]), "ss"))),
        ("wrong_host", "hostname_mismatch",
         lambda: openssl_server(*files(root.issue(["wrong.example.test"]), "wh"))),
        ("untrusted_root", "cert_untrusted_root",
         lambda: openssl_server(*files(other.issue([HOST]), "ut"))),
        ("incomplete_chain", "incomplete_chain",
         lambda: openssl_server(*_leaf_only(inter.issue([HOST]), work))),
        ("tls10_only", "protocol_version_mismatch",
         lambda: openssl_server(*good, protocols=("tls1",))),
        ("cipher_null_only", "cipher_suite_mismatch",
         lambda: openssl_server(*good, protocols=("tls1_2",), cipher="ECDHE-ECDSA-NULL-SHA:@SECLEVEL=0")),
        ("client_cert_required", "client_cert_required",
         lambda: openssl_server(*good, protocols=("tls1_2",), verify_ca=ca_file)),
        ("client_cert_required_tls13", "client_cert_required",
         lambda: openssl_server(*good, protocols=("tls1_3",), verify_ca=ca_file)),
        ("plaintext_port", "non_tls_service_on_port", plaintext_server),
    ]
    cl = clients(ca_file, None, work, java_ok)
    records: list[dict[str, object]] = []
    for name, cause, start in scenarios:
        try:
            cm = start()
        except RuntimeError as exc:  # a server this OpenSSL cannot run: skip, say so
            print(f"skipped {name}: {exc}")
            continue
        with cm as srv:
            port = srv if isinstance(srv, int) else srv.port  # type: ignore[attr-defined]
            for client, argv in cl.items():
                code, text = run(argv(port))
                records.append({"scenario": name, "expected": cause, "client": client,
                                "exit": code, "output": text})
                print(f"{name:28} {client:16} {code:4} {text.strip().splitlines()[-1:]}")
    port = closed_port()
    for client, argv in cl.items():
        code, text = run(argv(port))
        records.append({"scenario": "connection_refused",
                        "expected": "name_resolution_or_unreachable", "client": client,
                        "exit": code, "output": text})
    (HERE / "recorded.json").write_text(json.dumps(records, indent=1) + "\n")
    record_nginx(work, root, ca_file, good)
    shutil.rmtree(work, ignore_errors=True)


def _leaf_only(leaf: object, work: Path) -> tuple[Path, Path]:
    """The leaf without its intermediate: the classic incomplete chain."""
    chain, key = leaf.write(work, stem="inc")  # type: ignore[attr-defined]
    pem = chain.read_text()
    end = pem.index("-----END CERTIFICATE-----") + len("-----END CERTIFICATE-----\n")
    chain.write_text(pem[:end])
    return chain, key


def record_nginx(work: Path, root: CA, ca_file: Path, good: tuple[Path, Path]) -> None:
    """Broken clients against nginx; keep the error.log lines nginx wrote about them."""
    sites = [Site(server_name="tls13.test", chain_path=good[0], key_path=good[1],
                  protocols=("tls1_3",), default=True),
             Site(server_name="mtls.test", chain_path=good[0], key_path=good[1],
                  client_ca=ca_file)]
    with nginx_server(sites) as srv:
        p = str(srv.port)
        tries = [
            ["openssl", "s_client", "-connect", f"127.0.0.1:{p}", "-tls1_2"],
            ["curl", "-sS", "--max-time", "5", "-k", "--tls-max", "1.2", f"https://127.0.0.1:{p}/"],
            ["curl", "-sS", "--max-time", "5", f"http://127.0.0.1:{p}/"],
            ["openssl", "s_client", "-connect", f"127.0.0.1:{p}", "-servername", "mtls.test",
             "-tls1_3"],
            ["curl", "-sS", "--max-time", "5", "-k", "--resolve", f"mtls.test:{p}:127.0.0.1",
             f"https://mtls.test:{p}/"],
            ["curl", "-sS", "--max-time", "5", "--resolve", f"tls13.test:{p}:127.0.0.1",
             f"https://tls13.test:{p}/"],
            ["openssl", "s_client", "-connect", f"127.0.0.1:{p}", "-cipher", "DES-CBC3-SHA",
             "-tls1_2"],
        ]
        for argv in tries:
            run(argv)
        # A client that connects and hangs up in the middle of the handshake.
        with socket.create_connection(("127.0.0.1", srv.port), timeout=5) as s:
            s.sendall(bytes.fromhex("16030100"))
        with socket.create_connection(("127.0.0.1", srv.port), timeout=5) as s:
            s.sendall(b"\x00" * 64)
            with contextlib.suppress(OSError):
                s.recv(100)
        srv.stop()
        log = srv.log()
    lines = [ln for ln in log.splitlines() if "[notice]" not in ln]
    (HERE / "nginx_error.log").write_text("\n".join(lines) + "\n")
    print(log)


if __name__ == "__main__":
    main()
