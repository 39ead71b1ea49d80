"""Round 15, "own material": a program that failed to load its own certificate or key is
judged by who loads it (ingest/own_material.py). The audit crosses each stack's load-failure
wording with the framing around it; the real-program tests make python3 and openssl fail to
load a certificate chain given without its key and feed their own output to explain."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.causes import Cause

SM, CM = Cause.SERVER_MISCONFIGURATION, Cause.CLIENT_MISCONFIGURATION

# Each stack's load-failure words as the program prints them (sources in own_material.py).
WORDINGS = {
    "python-pem": "ssl.SSLError: [SSL] PEM lib (_ssl.c:4012)",
    "python-kv": "ssl.SSLError: [X509: KEY_VALUES_MISMATCH] key values mismatch (_ssl.c:3900)",
    "openssl1": "error:0B080074:x509 certificate routines:X509_check_private_key:key values mismatch",
    "openssl3": "error:05800074:x509 certificate routines:X509_check_private_key:key values mismatch",
    "pem-nostart": "error:0909006C:PEM routines:get_name:no start line",
    "go-mismatch": "tls: private key does not match public key",
    "go-nopem": "tls: failed to find any PEM data in key input",
    "go-parse": "tls: failed to parse private key",
}
# The framing around the load: who loads it, and the ranking it must give.
CONTEXTS = {
    "server-py": ("  File \"main.py\", line 12, in main\n    start_server = websockets.serve("
                  "handler, '0.0.0.0', 8765, ssl=ctx)\n", SM, True),
    "server-go": ("main.go:40: ListenAndServeTLS failed\n", SM, True),
    "server-node": ("    at Object.createServer (node:https:78:10)\n    at https.createServer\n",
                    SM, True),
    "client-cert": ("loading the client certificate client.pem for mTLS\n", CM, True),
    "certbot": ("    ctx.load_cert_chain('/etc/letsencrypt/live/example.org/fullchain.pem')\n",
                SM, False),
    "none": ("", None, False),
}


@pytest.mark.parametrize("context", sorted(CONTEXTS))
@pytest.mark.parametrize("wording", sorted(WORDINGS))
def test_audit_stack_wording_context(wording: str, context: str) -> None:
    frame, want, sure = CONTEXTS[context]
    result = explain(frame + WORDINGS[wording])
    top = result.findings[0]
    assert {f.cause for f in result.findings[:2]} == {SM, CM}
    assert top.facts["pattern"].startswith("own.")
    if want is not None:
        assert top.cause is want
    if sure:
        assert top.confidence >= 0.6
    else:  # a hint or nothing: a ranking, with the check that tells them apart
        assert top.confidence < 0.6
        assert "load call" in str(top.facts["tell_apart"])


def test_side_words_still_decide_first() -> None:
    # s_client's own words make it the client's material (side.py), whatever else is there
    text = ("$ openssl s_client -connect h:443 -cert c.pem -key k.pem\nerror setting private "
            "key\n" + WORDINGS["openssl1"])
    assert explain(text).findings[0].cause is CM


def _chain_without_key(tmp: Path) -> Path:
    key, cert = tmp / "privkey.pem", tmp / "fullchain.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:P-256", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "2", "-subj", "/CN=localhost"],
                   check=True, capture_output=True, timeout=30)
    return cert


SERVER_SCRIPT = """import asyncio, ssl, sys
async def serve(chain):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(chain)
    return await asyncio.start_server(lambda r, w: None, '127.0.0.1', 0, ssl=ctx)
asyncio.run(serve(sys.argv[1]))
"""
CLIENT_SCRIPT = """import ssl, sys
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
ctx.load_cert_chain(sys.argv[1])  # the client certificate for mutual TLS
"""


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed")
@pytest.mark.parametrize(("script", "want"), [(SERVER_SCRIPT, SM), (CLIENT_SCRIPT, CM)])
def test_real_python_loads_chain_without_key(tmp_path: Path, script: str, want: Cause) -> None:
    chain = _chain_without_key(tmp_path)
    prog = tmp_path / "main.py"
    prog.write_text(script)
    run = subprocess.run([sys.executable, str(prog), str(chain)], capture_output=True,
                         text=True, timeout=30)
    assert run.returncode != 0
    assert "PEM lib" in run.stderr  # Python's own words for a chain without its key
    top = explain(run.stderr).findings[0]
    assert top.cause is want
    assert top.confidence >= 0.6


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed")
def test_real_python_bare_load_is_a_ranking(tmp_path: Path) -> None:
    """Only the load, with certbot's file name: the server first, below 0.6."""
    chain = _chain_without_key(tmp_path)
    prog = tmp_path / "main.py"
    prog.write_text("import ssl, sys\nfullchain = sys.argv[1]\nssl_context = ssl.SSLContext()"
                    "\nssl_context.load_cert_chain(fullchain)\n")
    run = subprocess.run([sys.executable, str(prog), str(chain)], capture_output=True,
                         text=True, timeout=30)
    assert "PEM lib" in run.stderr
    top = explain(run.stderr).findings[0]
    assert top.cause is SM and top.confidence < 0.6
