"""Exim's own log under the other STARTTLS clients (round 23): the server-log matrix drives
Exim with ``openssl s_client -starttls smtp``; here the same Exim (one per module, the
matrix's "exim" kind: TLS 1.2/1.3, and a client certificate required on its second port) is
failed by ``gnutls-cli --starttls-proto=smtp`` and ``curl smtp:// --ssl-reqd``, and the line
it wrote must be read as the fault's cause and party, with the client's address, in
``explain`` and in ``logs``. GnuTLS's client sends bad_certificate for an untrusted issuer as
for a wrong name (the server cannot tell which: a ranking of the server-certificate causes);
OpenSSL's TLS 1.3 client sends its unknown_ca before its handshake keys, which GnuTLS reads
as a record it cannot decrypt. swaks is not used: it is not installed here.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tlsdoctor import api, read_logs
from tlsdoctor.testing import exim_run, serverkinds, serverlogs
from tlsdoctor.testing.serverlogs import MatrixPki, Started

pytestmark = pytest.mark.skipif(exim_run.unavailable() is not None,
                                reason=str(exim_run.unavailable()))

_SERVER_CERT = frozenset({"hostname_mismatch", "cert_untrusted_root", "incomplete_chain",
                          "cert_not_yet_valid", "weak_signature_or_key", "cert_self_signed"})
_CLIENT_CERT = frozenset({"client_cert_required"})


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    mode: str  # "plain" | "mtls"
    argv: Callable[[int, MatrixPki], list[str]]
    causes: frozenset[str]
    parties: frozenset[str]


def _gnutls(port: int, *args: str) -> list[str]:
    return ["gnutls-cli", "--starttls-proto=smtp", "-p", str(port), *args, "127.0.0.1"]


def _curl(port: int, *args: str) -> list[str]:
    return ["curl", "-sS", "--max-time", "5", "--ssl-reqd", *args,
            "--resolve", f"localhost:{port}:127.0.0.1", f"smtp://localhost:{port}/"]


CASES = (
    Case("gnutls-cli trusts another root", "plain",
         lambda p, k: _gnutls(p, "--x509cafile", str(k.stranger_root_pem)),
         _SERVER_CERT, frozenset({"server", "either"})),
    Case("gnutls-cli offers only TLS 1.0", "plain",
         lambda p, k: _gnutls(p, "--priority", "NORMAL:-VERS-ALL:+VERS-TLS1.0", "--insecure"),
         frozenset({"protocol_version_mismatch"}), frozenset({"client", "either"})),
    Case("gnutls-cli shows no client certificate", "mtls",
         lambda p, k: _gnutls(p, "--x509cafile", str(k.root_pem)),
         _CLIENT_CERT, frozenset({"client"})),
    Case("gnutls-cli shows a stranger's certificate", "mtls",
         lambda p, k: _gnutls(p, "--x509cafile", str(k.root_pem), "--x509certfile",
                              str(k.stranger_client[0]), "--x509keyfile",
                              str(k.stranger_client[1])),
         _CLIENT_CERT, frozenset({"client"})),
    Case("curl trusts another root", "plain",
         lambda p, k: _curl(p, "--cacert", str(k.stranger_root_pem)),
         frozenset({"cert_untrusted_root", "incomplete_chain"}),
         frozenset({"server", "either"})),
    Case("curl offers only TLS 1.0", "plain",
         lambda p, k: _curl(p, "-k", "--tlsv1.0", "--tls-max", "1.0", "--ciphers",
                            "DEFAULT:@SECLEVEL=0"),
         frozenset({"protocol_version_mismatch"}), frozenset({"client", "either"})),
    Case("curl shows no client certificate", "mtls",
         lambda p, k: _curl(p, "--cacert", str(k.root_pem), "--tls-max", "1.2"),
         _CLIENT_CERT, frozenset({"client"})),
    Case("curl shows an expired certificate", "mtls",
         lambda p, k: _curl(p, "--cacert", str(k.root_pem), "--cert",
                            str(k.expired_client[0]), "--key", str(k.expired_client[1])),
         _CLIENT_CERT, frozenset({"client"})),
)


@pytest.fixture(scope="module")
def exim() -> Iterator[tuple[Started, MatrixPki]]:
    with tempfile.TemporaryDirectory(prefix="tlsdoctor-exim-clients-") as tmp:
        pki = serverlogs.make_pki(Path(tmp) / "pki")
        started = serverkinds.KINDS["exim"][1](pki)
        try:
            yield started, pki
        finally:
            started.stop()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_exim_line_for_another_starttls_client(case: Case, exim: tuple[Started, MatrixPki],
                                               tmp_path: Path) -> None:
    program = case.argv(0, exim[1])[0]
    if shutil.which(program) is None:
        pytest.skip(f"{program} is not installed")
    server, ep = exim[0].endpoints[case.mode]
    serverlogs.settle(server)
    before = server.log()
    subprocess.run(case.argv(ep.port, exim[1]), stdin=subprocess.DEVNULL, capture_output=True,
                   timeout=15, check=False)
    serverlogs.settle(server, len(before.encode()))
    whole = server.log()
    new = whole[len(before):].strip()
    assert new.count("\n") == 0 and "TLS error on connection from" in new, new
    r = api.explain(new)
    top = r.findings[0]
    assert r.side == "server" and top.cause.value in case.causes, (new, r.findings[:3])
    assert top.who_fixes.value in case.parties, (new, top.who_fixes)
    log = tmp_path / "mainlog"
    log.write_text(whole)
    report = read_logs([log])
    line = before.count("\n") + 1
    events = [e for e in report.events if e.line == line]
    assert [(e.client, e.findings[0].cause.value) for e in events] == [
        ("127.0.0.1", top.cause.value)], report.to_json()["events"]
