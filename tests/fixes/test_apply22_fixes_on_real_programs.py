"""Round 22: fix texts round 21's audit left unapplied, applied to the real program on 127.0.0.1.

Each test makes the failure with the real program, takes tlsdoctor's printed step for it
(``diagnose`` where it reaches the server), runs the printed lines as printed (only the
placeholder host and the test's program put in), and shows the real client succeed.

Java's old-suite stopgap (fixes/stopgaps.toml [java.suite]): a TLS 1.2 server whose one suite
is TLS_RSA_WITH_NULL_SHA256. JDK 17 refuses it twice: the suite is not enabled by default, and
NULL is in jdk.tls.disabledAlgorithms. Before round 22 the row printed only
``-Dhttps.cipherSuites=``, which still failed; it now also writes the properties file without
NULL (``-Djava.security.properties``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

import tlsdoctor
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.servers import HOST, openssl_server

# ---- Java: a suite JDK 17 supports but disables (stopgaps.toml [java.suite]) ----------------

_JAVA = """public class Get { public static void main(String[] a) throws Exception {
    var c = (javax.net.ssl.HttpsURLConnection) new java.net.URL(a[0]).openConnection();
    c.setConnectTimeout(10000); c.setReadTimeout(10000); c.connect(); c.disconnect(); } }
"""


@pytest.fixture(scope="module")
def null_suite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, int]]:
    """A TLS 1.2 server whose one suite is TLS_RSA_WITH_NULL_SHA256 (OpenSSL NULL-SHA256, at
    security level 0), and a trust store of its root for the Java program."""
    if shutil.which("keytool") is None:
        pytest.skip("keytool missing (apt: openjdk-17-jdk-headless)")
    d = tmp_path_factory.mktemp("suite22")
    root = CA(name="suite22 root")
    root.write(d / "root.pem")
    root.issue(["localhost"], key_type="rsa2048").write(d, stem="site")
    (d / "Get.java").write_text(_JAVA)
    subprocess.run(["keytool", "-importcert", "-noprompt", "-alias", "root", "-file",
                    str(d / "root.pem"), "-keystore", str(d / "trust.p12"), "-storetype",
                    "PKCS12", "-storepass", "changeit"], capture_output=True, timeout=60,
                   check=True)
    with openssl_server(d / "site.chain.pem", d / "site.key.pem", protocols=("tls1_2",),
                        cipher="NULL-SHA256:@SECLEVEL=0", www=True) as server:
        yield d, server.port


def _java(code: str, d: Path, port: int) -> subprocess.CompletedProcess[str]:
    """The printed lines as a shell runs them, the test program in place of app.jar (the
    program as it is for ``code`` ""); the root comes from a trust store, as deployed."""
    url = f"https://localhost:{port}/"
    script = code.replace("-jar app.jar", f"Get.java {url}") if code else f"java Get.java {url}"
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(d),
           "JAVA_TOOL_OPTIONS": f"-Djavax.net.ssl.trustStore={d / 'trust.p12'} "
                                "-Djavax.net.ssl.trustStorePassword=changeit"}
    return subprocess.run(["bash", "-c", script], cwd=d, env=env, input="", capture_output=True,
                          text=True, timeout=180, check=False)


def test_java_refusing_a_disabled_suite_gets_the_suite_and_properties_lines_which_fix_it(
        null_suite: tuple[Path, int]) -> None:
    d, port = null_suite
    before = _java("", d, port)
    assert before.returncode != 0, "Java connects as it is: the test proves nothing"
    report = tlsdoctor.diagnose(f"localhost:{port}", connect=HOST, client="java-17", timeout=5,
                                ca_file=str(d / "root.pem"))
    f = next(f for f in report.findings if f.cause.value == "cipher_suite_mismatch")
    assert f.facts.get("server_suite") == "TLS_RSA_WITH_NULL_SHA256", f.facts
    code = next(s.code for s in f.fix if s.applies_to == "java" and s.code)
    assert "-Dhttps.cipherSuites=TLS_RSA_WITH_NULL_SHA256" in code, code
    # the suite alone (the line printed before round 22) is still refused
    suite_only = "java -Dhttps.cipherSuites=TLS_RSA_WITH_NULL_SHA256 -jar app.jar"
    assert _java(suite_only, d, port).returncode != 0
    after = _java(code, d, port)
    assert after.returncode == 0, (code, after.stdout[-800:], after.stderr[-800:])
    # only NULL was taken out of JDK 17's list: the old versions and the other words stay
    written = (d / "legacy.security").read_text()
    assert "NULL" not in written and "TLSv1.1" in written and "anon" in written, written
