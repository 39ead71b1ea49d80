"""A 1024-bit DHE server: ``diagnose --client`` predicts what the real curl and Python do.

Two servers, each TLS 1.2 with DHE suites only and a 1024-bit group, measured here:

* JSSE (Java 17, the stack Tomcat serves with), ``-Djdk.tls.ephemeralDHKeySize=1024`` as
  in Tomcat's JSSE_OPTS. A client that lists FFDHE groups in supported_groups is given
  one of them instead (RFC 7919; openjdk/jdk @ 0827b24f8cd6 DHKeyExchange.java,
  DHEPossessionGenerator.createPossession: the client's FFDHE group first, the property
  only without one): curl and Python (OpenSSL 3.0, TLS 1.3 enabled, so ffdhe2048..8192
  offered) get ffdhe2048 and connect.
* ``openssl s_server -dhparam`` (OpenSSL 3.0.19): the configured group whatever the
  client lists (its TLS 1.2 ServerKeyExchange takes the server's DH parameters, not the
  client's groups): both refuse it, "dh key too small".

tlsdoctor's prediction is a real handshake with the profile's own hello, so it is right
only when the profile offers the groups the program does: before round 19 curl-8 and
python-3 offered none and were predicted to fail against JSSE. The DHE probe lists no
FFDHE group, so the 1024-bit group other clients get is still reported, as a risk.
"""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

import tlsdoctor
from tlsdoctor.realclients.scenarios import dh_params
from tlsdoctor.testing import servers, stacks
from tlsdoctor.testing.ca import CA

_OPENSSL_DHE = "DHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0"
_JAVA_DHE = ("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",)
# What each real client did against each server, measured here (curl 7.88.1 and Python
# 3.11.7 on OpenSSL 3.0.19; Java 17.0.15).
REAL = {"jsse": True, "openssl": False}


def _curl(port: int, root: Path) -> tuple[bool, str]:
    p = subprocess.run(["curl", "-sS", "-o", "/dev/null", "--max-time", "10", "--cacert",
                        str(root), "--resolve", f"localhost:{port}:127.0.0.1",
                        f"https://localhost:{port}/"], capture_output=True, text=True,
                       timeout=30, check=False)
    return p.returncode == 0, p.stderr.strip()


def _python(port: int, root: Path) -> tuple[bool, str]:
    ctx = ssl.create_default_context(cafile=str(root))
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as raw, \
                ctx.wrap_socket(raw, server_hostname="localhost"):
            return True, ""
    except (OSError, ssl.SSLError) as exc:
        return False, str(exc)


CLIENTS = {"curl-8": _curl, "python-3": _python}


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """Both servers once; per server and profile: (real connected, real error, report)."""
    if shutil.which("curl") is None:
        pytest.skip("curl missing")
    d = tmp_path_factory.mktemp("dhe-groups")
    ca = CA(name="DHE groups root")
    root = ca.write(d / "root.pem")
    chain, key = ca.issue(["localhost"], key_type="rsa2048").write(d, stem="site")
    out: dict[str, object] = {}

    def measure(kind: str, port: int) -> None:
        for profile, run in CLIENTS.items():
            ok, said = run(port, root)
            report = tlsdoctor.diagnose(f"localhost:{port}", connect="127.0.0.1",
                                        ca_file=str(root), timeout=5, offline=True,
                                        client=profile)
            out[f"{kind}/{profile}"] = (ok, said, report)

    with servers.openssl_server(chain, key, protocols=("tls1_2",), cipher=_OPENSSL_DHE,
                                dhparam=dh_params(1024), www=True) as s:
        measure("openssl", s.port)
    if stacks.have_java():
        classes = d / "classes"
        classes.mkdir()
        stacks.build_java(classes)
        with stacks.java_server(classes, chain, key, protocols=("TLSv1.2",), suites=_JAVA_DHE,
                                properties={"jdk.tls.ephemeralDHKeySize": "1024"}) as s:
            measure("jsse", s.port)
    yield out


def _case(lab: dict[str, object], server: str, profile: str) -> tuple[bool, str, object]:
    key = f"{server}/{profile}"
    if key not in lab:
        pytest.skip("java missing (the JSSE server)")
    ok, said, report = lab[key]  # type: ignore[misc]
    return ok, said, report


@pytest.mark.parametrize("server", sorted(REAL))
@pytest.mark.parametrize("profile", sorted(CLIENTS))
def test_prediction_matches_the_real_client(lab, server, profile):
    ok, said, report = _case(lab, server, profile)
    assert ok == REAL[server], (server, profile, said)
    predicted = report.outcome.value
    assert predicted in (("ok", "risky") if ok else ("fails",)), report.summary()
    if not ok:
        assert "dh key too small" in said.lower(), said
        assert report.findings[0].cause.value == "weak_cipher_or_no_pfs", report.summary()


@pytest.mark.parametrize("profile", sorted(CLIENTS))
def test_jsse_gives_the_profile_an_ffdhe_group(lab, profile):
    """The profile's own handshake got ffdhe2048 (2048 bits), as the real client does, and
    the 1024-bit group the server gives clients that list no FFDHE group is still named
    (a risk for this client, which does not get it)."""
    _, _, report = _case(lab, "jsse", profile)
    baseline = report.evidence.baseline
    assert baseline.ok and baseline.dh_bits == 2048, report.summary()
    assert report.outcome.value == "risky", report.summary()
    (dh,) = [f for f in report.findings if f.facts.get("kind") == "dh"]
    assert dh.severity.value == "risk" and dh.facts["dh_bits"] == 1024, dh
    assert any("own hello got a 2048-bit group" in e for e in dh.evidence), dh.evidence
