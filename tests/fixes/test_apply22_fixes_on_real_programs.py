"""Round 22: fix texts round 21's audit left unapplied, applied to the real program on 127.0.0.1.

Each test makes the failure with the real program, takes tlsdoctor's printed step for it
(``diagnose`` where it reaches the server), runs the printed lines as printed (only the
placeholder host and the test's program put in), and shows the real client succeed.

Java's old-suite stopgap (fixes/stopgaps.toml [java.suite]): a TLS 1.2 server whose one suite
is TLS_RSA_WITH_NULL_SHA256. JDK 17 refuses it twice: the suite is not enabled by default, and
NULL is in jdk.tls.disabledAlgorithms. Before round 22 the row printed only
``-Dhttps.cipherSuites=``, which still failed; it now also writes the properties file without
NULL (``-Djava.security.properties``).

lighttpd's reset row (fixes/embedded.toml [lighttpd.left]): lighttpd 1.4.69 logs a client's
reset only with debug.log-ssl-noise on, and the row printed that very setting. It now says what
the line means with the setting on (no alert before it: the client sent no reason) and prints a
capture of the next reset; the printed tcpdump runs against the real lighttpd while a client
resets again, and the printed ``tlsdoctor pcap`` shows the client's reset after lighttpd's
flight.

Java's own store rebuilt (fixes/given_store_text.py java_cacerts_steps): the JVM's cacerts gone,
the printed check and the printed reinstall-and-rebuild run as printed, but inside a sandbox
(testing/sandbox.py: an overlay of / in a private mount namespace), never on this machine.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import socket
import ssl
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import tlsdoctor
from tlsdoctor.api import explain
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.capture import can_capture
from tlsdoctor.testing.lighttpd_run import LighttpdConf, error_log, have_lighttpd, running
from tlsdoctor.testing.lighttpd_run import write_conf as lighttpd_conf
from tlsdoctor.testing.processes import wait_until
from tlsdoctor.testing.sandbox import sandbox
from tlsdoctor.testing.sandbox import unavailable as no_sandbox
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


# ---- lighttpd: a client that resets in the handshake (embedded.toml [lighttpd.left]) ----------

def _client_hello() -> bytes:
    """A real ClientHello (Python's OpenSSL), taken from a memory BIO before any reply."""
    ctx = ssl.create_default_context()
    ctx.check_hostname, ctx.verify_mode = False, ssl.CERT_NONE
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    obj = ctx.wrap_bio(incoming, outgoing, server_hostname="localhost")
    with pytest.raises(ssl.SSLWantReadError):
        obj.do_handshake()
    return outgoing.read()


def _reset_after_hello(port: int) -> None:
    """A client that sends its ClientHello, reads lighttpd's reply, and resets (no alert):
    what a client that gives up on a certificate or a middlebox that cuts it does."""
    with socket.create_connection((HOST, port), timeout=5) as sock:
        sock.sendall(_client_hello())
        sock.recv(16384)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def _waited(conf: LighttpdConf, needle: str) -> str:
    wait_until(lambda: needle in error_log(conf), 5)
    return error_log(conf)


def _captured(printed: str, conf: LighttpdConf, d: Path) -> Path:
    """The printed tcpdump line run as root (its sudo dropped), its port and file the test's,
    while clients reset (bounded: until the capture holds packets, 20 tries), then stopped
    with the Ctrl-C the line's comment says."""
    words = shlex.split(printed.split("#", 1)[0])
    assert words[:2] == ["sudo", "tcpdump"] and words[-1] == "tcp port 443", words
    pcap = d / words[words.index("-w") + 1]
    argv = [*words[1:-1], f"tcp port {conf.port}"]
    proc = subprocess.Popen(argv, cwd=d, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    try:
        assert proc.stderr is not None and "listening on" in proc.stderr.readline() + \
            proc.stderr.readline()
        for _ in range(20):
            _reset_after_hello(conf.port)
            time.sleep(0.2)
            if pcap.exists() and pcap.stat().st_size > 400:
                break
        time.sleep(0.3)
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=10)
        if proc.stderr is not None:
            proc.stderr.close()
    return pcap


@pytest.mark.skipif(not have_lighttpd() or not can_capture(),
                    reason="lighttpd or tcpdump missing, or not root (apt: lighttpd, tcpdump)")
def test_lighttpd_logging_a_clients_reset_gets_a_capture_that_shows_it(tmp_path: Path) -> None:
    ca = CA(name="left22 root")
    chain, key = ca.issue(["localhost"], ip_addresses=[HOST]).write(tmp_path, stem="leaf")
    conf = lighttpd_conf(tmp_path, pemfile=chain, privkey=key,
                         ssl_lines='debug.log-ssl-noise = "enable"')
    with running(conf):
        _reset_after_hello(conf.port)
        log = _waited(conf, "Connection reset by peer")
        r = explain(log)
        f = r.findings[0] if r.findings else None
        assert f is not None and f.cause.value == "middlebox_or_firewall_interference", log
        step = next(s for s in f.fix if s.applies_to == "lighttpd")
        # the setting this log proves is on is not printed again
        assert "debug.log-ssl-noise = " not in step.code, step.code
        tcpdump, pcap_line = [ln for ln in step.code.splitlines() if ln.strip()]
        pcap = _captured(tcpdump, conf, tmp_path)
    words = shlex.split(pcap_line)
    assert words[:2] == ["tlsdoctor", "pcap"] and (tmp_path / words[2]) == pcap, words
    out = subprocess.run([sys.executable, "-m", "tlsdoctor", *words[1:]], cwd=tmp_path,
                         capture_output=True, text=True, timeout=60,
                         env={**os.environ, "COLUMNS": "200"})
    assert out.returncode in (0, 2), out.stderr[-800:]
    assert "server: ServerHello" in out.stdout and "client: RST" in out.stdout, out.stdout


# ---- Java: the JVM's own cacerts gone (given_store_text.java_cacerts_steps) -------------------

# The package the printed reinstall needs: .ci/run fetches it there (apt-get download), as the
# test has no network; it is put where apt keeps the packages it downloaded.
_DEBS = Path("/opt/tlsdoctor-debs")
_CACERTS = Path("/etc/ssl/certs/java/cacerts")


def _cacerts_unavailable() -> str | None:
    if (why := no_sandbox()) is not None:
        return why
    if not (shutil.which("java") and _CACERTS.exists()
            and Path("/etc/ca-certificates/update.d/jks-keystore").exists()):
        return "Debian's JDK and ca-certificates-java are not installed"
    if not list(_DEBS.glob("ca-certificates-java_*.deb")):
        return f"no ca-certificates-java package file in {_DEBS} (.ci/run fetches it)"
    return None


@pytest.mark.skipif(_cacerts_unavailable() is not None, reason=str(_cacerts_unavailable()))
def test_java_with_its_cacerts_gone_gets_the_rebuild_lines_which_fix_it(tmp_path: Path) -> None:
    """A site whose CA is installed the Debian way (/usr/local/share/ca-certificates) and a JVM
    whose cacerts is gone: Java fails with "the trustAnchors parameter must be non-empty";
    explain prints the check and the reinstall-and-rebuild; both run as printed (sudo dropped:
    root already) in the sandbox, and the same Java program then gets the page."""
    tmp_path.chmod(0o755)
    root = CA(name="cacerts22 root")
    root.write(tmp_path / "cacerts22.crt")
    root.issue(["localhost"], key_type="rsa2048").write(tmp_path, stem="site")
    (tmp_path / "Get.java").write_text(_JAVA)
    deb = sorted(_DEBS.glob("ca-certificates-java_*.deb"))[-1]
    env = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
           "HOME": str(tmp_path), "DEBIAN_FRONTEND": "noninteractive", "LANG": "C.UTF-8"}
    with openssl_server(tmp_path / "site.chain.pem", tmp_path / "site.key.pem",
                        www=True) as server, sandbox(tmp_path) as box:
        java = f"cd {tmp_path} && java Get.java https://localhost:{server.port}/"
        fault = box.run(f"cp {tmp_path}/cacerts22.crt /usr/local/share/ca-certificates/ && "
                        f"rm {_CACERTS} && cp {deb} /var/cache/apt/archives/", env=env)
        assert fault.returncode == 0, fault.stderr
        before = box.run(java, env=env)
        out = before.stdout + before.stderr
        assert before.returncode != 0 and "trustAnchors parameter must be non-empty" in out, out
        step = next(s for f in explain(out).findings for s in f.fix
                    if s.applies_to == "java" and "ca-certificates-java" in s.code)
        check, rebuild = [ln.replace("sudo ", "") for ln in step.code.splitlines()
                          if ln.strip() and not ln.startswith("#")]
        assert "does not exist" in box.run(check, env=env).stdout
        done = box.run(rebuild, env=env, timeout=300)
        assert done.returncode == 0, (rebuild, done.stdout[-800:], done.stderr[-800:])
        assert "Keystore type" in box.run(check, env=env).stdout
        after = box.run(java, env=env)
        assert after.returncode == 0, (after.stdout[-800:], after.stderr[-800:])
    # this machine's own store and bundle were never touched
    assert _CACERTS.exists() and not Path("/usr/local/share/ca-certificates/cacerts22.crt").exists()
