"""Round 17, real programs on 127.0.0.1: the AWS Common Runtime (aws-crt-python: aws-c-io over
s2n-tls) as a client of openssl s_server and of a Python ssl server, broken one way each;
what the CRT really logged and raised is fed to explain, which must name the cause and the
client's side; the fix explain prints is then applied (the CRT's own TlsContextOptions)
and the connection works. Skips without awscrt (.ci/run installs it with pip)."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.testing.awscrt_client import CrtRun, crt_finish, crt_start, have_awscrt
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.servers import openssl_server, python_server

pytestmark = pytest.mark.skipif(not have_awscrt(), reason="awscrt (aws-crt-python) missing")


@dataclass(frozen=True)
class Lab:
    runs: dict[str, CrtRun]
    fixed: dict[str, CrtRun]
    files: Path


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """Every broken case at once (s2n waits 10-30 s after refusing a certificate), then
    every fixed case at once; each server stopped on leaving."""
    d = tmp_path_factory.mktemp("crt")
    ca, other = CA(), CA()
    ca.issue(["localhost"]).write(d, stem="leaf")
    ca.issue(["device"], eku=("clientAuth",)).write(d, stem="device")
    ca.write(d / "ca.pem")
    other.write(d / "other.pem")
    chain, key = d / "leaf.chain.pem", d / "leaf.key.pem"
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(chain, key)
    device = {"cert": str(d / "device.chain.pem"), "key": str(d / "device.key.pem")}
    with python_server(ctx, max_connections=8) as py, \
            openssl_server(chain, key, protocols=("tls1",)) as old, \
            openssl_server(chain, key, protocols=("tls1_2",), verify_ca=d / "ca.pem") as mtls:
        p, o, m = py.address[1], old.address[1], mtls.address[1]
        cases = {"untrusted": crt_start(p, "localhost", str(d / "other.pem")),
                 "host": crt_start(p, "wrong.example", str(d / "ca.pem")),
                 "old": crt_start(o, "localhost", str(d / "ca.pem"), min_tls12=True),
                 "mtls": crt_start(m, "localhost", str(d / "ca.pem"))}
        runs = {k: crt_finish(v) for k, v in cases.items()}
        # the steps explain printed, applied with the same calls (see the tests)
        fixes = {"untrusted": crt_start(p, "localhost", str(d / "ca.pem")),
                 "host": crt_start(p, "localhost", str(d / "ca.pem")),
                 "mtls": crt_start(m, "localhost", str(d / "ca.pem"), **device)}
        fixed = {k: crt_finish(v) for k, v in fixes.items()}
    yield Lab(runs=runs, fixed=fixed, files=d)


def _read(run: CrtRun) -> tuple[str, str, str, float, str]:
    assert not run.connected, run.output
    r = explain(run.output)
    assert r.recognized and r.findings, run.output
    f = r.findings[0]
    code = f.fix[0].code if f.fix else ""
    return r.source, r.side, f.cause.value, f.confidence, code


def test_crt_refuses_a_server_of_another_ca_then_trusts_it(lab: Lab) -> None:
    source, side, cause, _, code = _read(lab.runs["untrusted"])
    assert (source, side, cause) == ("s2n", "client", "cert_untrusted_root")
    assert "AWS_IO_TLS_ERROR_NEGOTIATION_FAILURE" in lab.runs["untrusted"].output
    # the printed step: override_default_trust_store_from_path(None, <the CA>)
    assert "override_default_trust_store_from_path(None," in code
    assert lab.fixed["untrusted"].connected, lab.fixed["untrusted"].output


def test_crt_refuses_a_certificate_of_another_name_then_asks_for_its_name(lab: Lab) -> None:
    source, side, cause, conf, code = _read(lab.runs["host"])
    assert (source, side, cause) == ("s2n", "client", "hostname_mismatch") and conf >= 0.8
    assert "set_server_name(" in code
    assert lab.fixed["host"].connected, lab.fixed["host"].output


def test_crt_with_a_tls12_minimum_against_a_tls10_server(lab: Lab) -> None:
    """The server's protocol_version alert ends it; at the WARN level the CRT says only
    "TLS alert received": a ranking with the version among the first. Printed through
    aws-c-io's TLS handler, the reading may be named after either layer of the CRT (a
    loaded CI run named aws-c-io once; not reproduced here)."""
    source, side, _, conf, _ = _read(lab.runs["old"])
    r = explain(lab.runs["old"].output)
    assert source in ("s2n", "aws_c_io") and side == "client" and conf < 0.6, \
        (source, side, conf, lab.runs["old"].output[-1500:])
    assert "protocol_version_mismatch" in [f.cause.value for f in r.findings[:2]]


def test_crt_without_a_client_certificate_then_with_one(lab: Lab) -> None:
    source, side, _, conf, _ = _read(lab.runs["mtls"])
    r = explain(lab.runs["mtls"].output)
    assert (source, side) == ("s2n", "client") and conf < 0.6
    assert "client_cert_required" in [f.cause.value for f in r.findings]
    # the clientcert step, named for the finding of that cause
    step = next(f.fix[0] for f in r.findings if f.cause.value == "client_cert_required")
    assert "create_client_with_mtls_from_path(" in step.code
    assert lab.fixed["mtls"].connected, lab.fixed["mtls"].output
