"""Round 16, real programs: Java 17 loading its own key material and trust store the ways Java
programs do (KeyStore.load, KeyManagerFactory.init, the default context's javax.net.ssl.*
properties), with stores made by keytool and openssl: a wrong store password (JKS, PKCS#12),
a PEM file given as JKS and as PKCS#12, a key password other than the store's, a store
whose only entry is a certificate used as a server's key store, an empty trust store. Each
failure's own stack trace is fed to explain, which must name the loader's side."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tlsdoctor.api import explain
from tlsdoctor.causes import Cause

if TYPE_CHECKING:
    from tlsdoctor.testing.ca import CA

SM, CM = Cause.SERVER_MISCONFIGURATION, Cause.CLIENT_MISCONFIGURATION
_TOOLS = ("java", "javac", "keytool", "openssl")
pytestmark = pytest.mark.skipif(any(shutil.which(t) is None for t in _TOOLS),
                                reason="java, javac, keytool or openssl not installed")

PROBE = r"""import java.io.*;
import java.net.*;
import java.security.KeyStore;
import javax.net.ssl.*;

/** Loads key material the ways Java programs do and prints the JDK's own error. */
public class KsProbe {
    public static void main(String[] a) throws Exception {
        switch (a[0]) {
            case "propserver": propServer(); break;     // javax.net.ssl.keyStore* properties
            case "server": explicitServer(a[1], a[2], a[3], a[4], false); break;
            case "pair": explicitServer(a[1], a[2], a[3], a[4], true); break;
            case "client": client(Integer.parseInt(a[1])); break;  // javax.net.ssl.* properties
            default: throw new IllegalArgumentException(a[0]);
        }
    }

    // The plain JDK server: the default context's key store comes from the properties.
    static void propServer() throws Exception {
        try (ServerSocket ss = SSLServerSocketFactory.getDefault()
                 .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            System.out.println("listening on " + ss.getLocalPort());
        }
    }

    // A server that loads its key store itself; "pair" also lets a client of the default
    // context (its trust store from the properties) connect once and prints each side's
    // failure behind "server: " / "client: ".
    static void explicitServer(String file, String type, String storePass, String keyPass,
                               boolean pair) throws Exception {
        KeyStore ks = KeyStore.getInstance(type);
        try (InputStream in = new FileInputStream(file)) { ks.load(in, storePass.toCharArray()); }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, keyPass.toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        if (!pair) return;
        SSLServerSocket ss = (SSLServerSocket) ctx.getServerSocketFactory()
            .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ss.setSoTimeout(10000);
        int port = ss.getLocalPort();
        Thread server = new Thread(() -> {
            try (SSLSocket s = (SSLSocket) ss.accept()) {
                s.setSoTimeout(10000);
                s.startHandshake();
                s.getOutputStream().write("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes());
            } catch (Exception e) {
                // prefix and trace under one lock (printStackTrace takes the stream's own,
                // reentrant): the client's thread cannot print between them under load
                synchronized (System.err) {
                    System.err.print("server: ");
                    e.printStackTrace();
                }
            }
        });
        server.start();
        try {
            client(port);
        } catch (Exception e) {
            synchronized (System.err) {
                System.err.print("client: ");
                e.printStackTrace();
            }
        } finally {
            server.join(15000);
            ss.close();
        }
    }

    static void client(int port) throws Exception {
        HttpsURLConnection c = (HttpsURLConnection) new URL("https://localhost:" + port + "/").openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(5000);
        c.setHostnameVerifier((h, s) -> true);
        c.getResponseCode();
    }
}
"""


@dataclass(frozen=True)
class Lab:
    work: Path

    def run(self, *args: str, env: dict[str, str] | None = None) -> str:
        """The JVM's stderr and stdout for one KsProbe run (bounded); ``env``: variables
        added to this process's environment (JAVA_TOOL_OPTIONS...)."""
        p = subprocess.run(["java", "-cp", str(self.work), *args], cwd=self.work,
                           capture_output=True, text=True, timeout=60,
                           env=None if env is None else {**os.environ, **env})
        return p.stderr + p.stdout


def _keytool(work: Path, *args: str) -> None:
    subprocess.run(["keytool", *args], cwd=work, check=True, capture_output=True, timeout=60)


def _served_by(lab: Lab, root: CA, stem: str) -> tuple[Path, Path]:
    """A localhost leaf from ``root`` (its chain and key files, ``stem``.*.pem) and the
    PKCS#12 store KsProbe's pair serves it from, ``stem``.p12 (password changeit)."""
    chain, key = root.issue(["localhost"], eku=("serverAuth",)).write(lab.work, stem=stem)
    subprocess.run(["openssl", "pkcs12", "-export", "-in", str(chain), "-inkey", str(key),
                    "-name", "srv", "-out", f"{stem}.p12", "-passout", "pass:changeit"],
                   cwd=lab.work, check=True, capture_output=True, timeout=60)
    return chain, key


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    work = tmp_path_factory.mktemp("javaks")
    (work / "KsProbe.java").write_text(PROBE)
    subprocess.run(["javac", "-d", str(work), str(work / "KsProbe.java")], check=True,
                   capture_output=True, timeout=120)
    dn = ("-dname", "CN=localhost", "-validity", "2")
    _keytool(work, "-genkeypair", "-alias", "srv", "-keyalg", "EC", "-groupname", "secp256r1",
             *dn, "-keystore", "good.p12", "-storetype", "PKCS12", "-storepass", "changeit")
    # a JKS store whose key has its own password (keytool -keypass)
    _keytool(work, "-genkeypair", "-alias", "srv", "-keyalg", "EC", "-groupname", "secp256r1",
             *dn, "-keystore", "good.jks", "-storetype", "JKS", "-storepass", "changeit",
             "-keypass", "otherpw")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:P-256", "-nodes", "-keyout", "key.pem", "-out",
                    "cert.pem", "-days", "2", "-subj", "/CN=localhost"], cwd=work, check=True,
                   capture_output=True, timeout=60)
    # only a trusted certificate (what a trust store holds), used as a key store
    _keytool(work, "-importcert", "-noprompt", "-alias", "ca", "-file", "cert.pem",
             "-keystore", "trustonly.p12", "-storetype", "PKCS12", "-storepass", "changeit")
    # a trust store with no entry left
    _keytool(work, "-importcert", "-noprompt", "-alias", "ca", "-file", "cert.pem",
             "-keystore", "empty.p12", "-storetype", "PKCS12", "-storepass", "changeit")
    _keytool(work, "-delete", "-alias", "ca", "-keystore", "empty.p12", "-storepass",
             "changeit")
    yield Lab(work=work)


def _top(text: str) -> tuple[Cause, float, str]:
    r = explain(text)
    assert r.recognized and r.findings, text[-600:]
    top = r.findings[0]
    return top.cause, top.confidence, str(top.facts.get("tell_apart", ""))


# (the probe's arguments, the JDK's words it must print, who loads it, sure)
FRAMED = {
    "server-props-wrong-password": (
        ("-Djavax.net.ssl.keyStore=good.p12", "-Djavax.net.ssl.keyStorePassword=wrong",
         "KsProbe", "propserver"), "keystore password was incorrect", SM),
    "server-props-pem-as-p12": (
        ("-Djavax.net.ssl.keyStore=cert.pem", "-Djavax.net.ssl.keyStorePassword=changeit",
         "KsProbe", "propserver"), "toDerInputStream rejects tag type", SM),
    "client-keystore-wrong-password": (
        ("-Djavax.net.ssl.keyStore=good.p12", "-Djavax.net.ssl.keyStorePassword=wrong",
         "KsProbe", "client", "9"), "keystore password was incorrect", CM),
    "client-truststore-wrong-password": (
        ("-Djavax.net.ssl.trustStore=good.p12", "-Djavax.net.ssl.trustStorePassword=wrong",
         "KsProbe", "client", "9"), "problem accessing trust store", CM),
}


@pytest.mark.parametrize("case", sorted(FRAMED))
def test_real_java_store_with_its_framing(lab: Lab, case: str) -> None:
    """The JDK's own frames say who loads it: SSLServerSocketFactory (a server),
    HttpsURLConnection / SSLSocketFactory (a client)."""
    args, words, want = FRAMED[case]
    out = lab.run(*args)
    assert words in out, out[-600:]
    cause, conf, _ = _top(out)
    assert cause is want and conf >= 0.6, out[-600:]


BARE = {
    "p12-wrong-password": (("good.p12", "PKCS12", "wrong", "wrong"),
                           "keystore password was incorrect"),
    "jks-wrong-password": (("good.jks", "JKS", "wrong", "wrong"),
                           "Keystore was tampered with, or password was incorrect"),
    "pem-as-jks": (("cert.pem", "JKS", "changeit", "changeit"), "Invalid keystore format"),
    "pem-as-p12": (("cert.pem", "PKCS12", "changeit", "changeit"),
                   "toDerInputStream rejects tag type"),
    "key-password-not-store-password": (("good.jks", "JKS", "changeit", "changeit"),
                                        "UnrecoverableKeyException: Cannot recover key"),
}


@pytest.mark.parametrize("case", sorted(BARE))
def test_real_java_store_bare_is_a_ranking(lab: Lab, case: str) -> None:
    """A program of its own that loads a store with nothing saying whether it serves: the
    owner's configuration either way, the server first below 0.6, and keytool's check."""
    args, words = BARE[case]
    out = lab.run("KsProbe", "server", *args)
    assert words in out, out[-600:]
    r = explain(out)
    assert {f.cause for f in r.findings[:2]} == {SM, CM}
    cause, conf, tell = _top(out)
    assert cause is SM and conf < 0.6
    assert "keytool -list -v -keystore" in tell
    # the fix names the key store's own check and password settings
    fix = " ".join(f"{s.text} {s.code}" for s in r.findings[0].fix)
    assert "keytool" in fix, fix


def test_real_server_with_a_certificate_only_store(lab: Lab) -> None:
    """A server whose key store holds only a trusted certificate: its key manager finds no
    key, and JSSE's server refuses the handshake (TLS 1.3: "No available authentication
    scheme"). The server's own trace: its configuration first (a ranking: a client offering
    no usable signature scheme prints the same)."""
    out = lab.run("-Djavax.net.ssl.trustStore=good.p12",
                  "-Djavax.net.ssl.trustStorePassword=changeit",
                  "KsProbe", "pair", "trustonly.p12", "PKCS12", "changeit", "changeit")
    assert "server: " in out, out[-600:]
    server_log = out[out.index("server: "):].split("\nclient: ")[0]
    assert "No available authentication scheme" in server_log
    cause, _, _ = _top(server_log)
    assert cause is SM


def test_real_client_with_an_empty_trust_store(lab: Lab) -> None:
    out = lab.run("-Djavax.net.ssl.trustStore=empty.p12",
                  "-Djavax.net.ssl.trustStorePassword=changeit",
                  "KsProbe", "pair", "good.p12", "PKCS12", "changeit", "changeit")
    client_log = out[out.index("client: "):].split("\nserver: ")[0]
    assert "the trustAnchors parameter must be non-empty" in client_log
    cause, conf, _ = _top(client_log)
    assert cause is CM and conf >= 0.6


def test_the_printed_store_type_fix_makes_the_server_serve(lab: Lab) -> None:
    """The fix explain prints for a PEM file given as a PKCS#12 key store, applied: its
    `openssl pkcs12 -export` line run on the lab's PEM files (the placeholders filled in; the
    export password given on the command line where a person would type it), the result
    given as a PKCS12 store, and a real client connects to the server that loads it."""
    out = lab.run("-Djavax.net.ssl.keyStore=cert.pem", "-Djavax.net.ssl.keyStorePassword=changeit",
                  "KsProbe", "propserver")
    steps = [s for f in explain(out).findings[:1] for s in f.fix]
    line = next(s.code.splitlines()[0] for s in steps if s.code.startswith("openssl pkcs12"))
    filled = {"chain.pem": "cert.pem", "ALIAS": "srv", "keystore.p12": "fixed.p12"}
    argv = [filled.get(word, word) for word in shlex.split(line)]
    subprocess.run([*argv, "-passout", "pass:changeit"], cwd=lab.work, check=True,
                   capture_output=True, timeout=60)
    served = lab.run("-Djavax.net.ssl.trustStore=trustonly.p12",
                     "-Djavax.net.ssl.trustStorePassword=changeit",
                     "KsProbe", "pair", "fixed.p12", "PKCS12", "changeit", "changeit")
    assert "Exception" not in served, served[-800:]  # loaded, served, and the client's 200
    broken = lab.run("-Djavax.net.ssl.trustStore=trustonly.p12",
                     "-Djavax.net.ssl.trustStorePassword=changeit",
                     "KsProbe", "pair", "cert.pem", "PKCS12", "changeit", "changeit")
    assert "Exception" in broken  # the same run on the PEM file as it was


# Round 17: the fix explain prints for an empty trust store the JVM was given, applied.
PAIR = ("KsProbe", "pair", "good.p12", "PKCS12", "changeit", "changeit")


def fill(line: str, placeholders: dict[str, str]) -> list[str]:
    """A printed command line as a person runs it: split as the shell would, each word that
    is one of the step's placeholders replaced by this test's file; nothing else changed."""
    return [placeholders.get(word, word) for word in shlex.split(line)]


def _printed_import(text: str) -> str:
    """The one keytool import line explain's top finding prints for ``text``."""
    steps = [s for s in explain(text).findings[0].fix]
    lines = [ln for s in steps for ln in s.code.splitlines()
             if ln.startswith("keytool -importcert")]
    assert len(lines) == 1, [s.code for s in steps]
    return lines[0]


@pytest.mark.parametrize("form", ["property", "JAVA_TOOL_OPTIONS"])
def test_the_printed_import_into_the_given_trust_store_makes_the_client_connect(
        lab: Lab, form: str) -> None:
    """An empty PKCS12 trust store given to a real JVM (on the command line as a person pastes
    it, or in JAVA_TOOL_OPTIONS, which the JVM echoes): the keytool line explain prints names
    that store and its password; run with only the CA placeholder filled (the server's own
    certificate, this lab's CA), the same JVM's client then connects. The line the fixer
    printed before round 17 (reinstall the system bundle) leaves the store empty."""
    store = f"given-{form.lower()}.p12"
    shutil.copy(lab.work / "empty.p12", lab.work / store)
    _keytool(lab.work, "-exportcert", "-rfc", "-alias", "srv", "-keystore", "good.p12",
             "-storepass", "changeit", "-file", "srv.pem")
    props = [f"-Djavax.net.ssl.trustStore={store}", "-Djavax.net.ssl.trustStorePassword=changeit"]
    if form == "property":
        out = lab.run(*props, *PAIR)
        pasted = "$ " + shlex.join(["java", *props, *PAIR]) + "\n" + out
    else:
        env = {"JAVA_TOOL_OPTIONS": " ".join(props)}
        out = pasted = lab.run(*PAIR, env=env)
        assert "Picked up JAVA_TOOL_OPTIONS: " in out
    assert "the trustAnchors parameter must be non-empty" in out, out[-800:]
    line = _printed_import(pasted)
    subprocess.run(fill(line, {"server-ca.pem": "srv.pem"}), cwd=lab.work, check=True,
                   capture_output=True, timeout=60)
    again = lab.run(*props, *PAIR) if form == "property" else lab.run(*PAIR, env=env)
    assert "Exception" not in again, again[-800:]  # the client's request answered


def test_the_printed_old_runtime_import_makes_the_client_trust_the_root(lab: Lab) -> None:
    """Round 17, the old-runtime store fix applied (its Java 8 lines: they name the store by
    $JAVA_HOME, so a copy of this JDK's cacerts under a JAVA_HOME of the test's stands in for
    the old runtime's, and only JAVA_HOME is set; nothing in the lines is changed). The copy
    has its ISRG roots deleted; the server's chain ends at a test root standing in for ISRG
    Root X1, written where the step's curl line would save it (no network here). What the
    stand-in proves: the printed check finds no such root, the printed import (run as a
    script runs it, no terminal) adds the root to the store the JVM reads, and the check then
    finds it and the real client connects. It does not prove the real ISRG Root X1's bytes,
    nor an old JVM's reading of the store. Before round 17 the import line had no -noprompt:
    keytool asked "Trust this certificate? [no]:" and added nothing (exit status 0)."""
    from tlsdoctor.testing.ca import CA
    root = CA(name="ISRG Root X1 test stand-in")
    _served_by(lab, root, "standin")
    root.write(lab.work / "isrgrootx1.pem")  # what `curl -fsSLO .../isrgrootx1.pem` saves
    java_home = lab.work / "old-jdk"
    store = java_home / "jre" / "lib" / "security" / "cacerts"
    store.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(Path(shutil.which("java") or "java").resolve().parent.parent
                / "lib" / "security" / "cacerts", store)  # follows Debian's link
    listed = subprocess.run(["keytool", "-list", "-keystore", str(store), "-storepass",
                             "changeit"], capture_output=True, text=True, timeout=60).stdout
    for alias in {ln.split(",")[0] for ln in listed.splitlines() if "isrg" in ln.lower()}:
        _keytool(lab.work, "-delete", "-alias", alias, "-keystore", str(store),
                 "-storepass", "changeit")
    trust = (f"-Djavax.net.ssl.trustStore={store}", "-Djavax.net.ssl.trustStorePassword=changeit")
    pair = ("KsProbe", "pair", "standin.p12", "PKCS12", "changeit", "changeit")
    out = lab.run(*trust, *pair)
    client_log = out[out.index("client: "):].split("\nserver: ")[0]
    assert "PKIX path building failed" in client_log, out[-800:]
    # the person's `java -version` on the failing machine, then the client's trace
    findings = explain('java version "1.8.0_51"\n' + client_log).findings
    # the old runtime's store is among the first two readings (its rank can follow what else
    # the loaded JVM printed); its step's Java 8 lines are what a person runs
    java8 = [[ln.split("   #")[0] for s in f.fix for ln in s.code.splitlines()
              if ln.endswith("# Java 8")] for f in findings[:2]]
    check, add = next((j for j in java8 if j), ["", ""])
    assert check and add, ([(f.cause.value, f.confidence) for f in findings], client_log[-1500:])

    def sh(line: str) -> int:
        return subprocess.run(["sh", "-c", line], cwd=lab.work, stdin=subprocess.DEVNULL,
                              env={**os.environ, "JAVA_HOME": str(java_home)},
                              capture_output=True, timeout=60).returncode

    assert sh(check) != 0  # grep finds no ISRG root in the old store
    assert sh(add) == 0
    assert sh(check) == 0  # ...and finds it now
    again = lab.run(*trust, *pair)
    assert "Exception" not in again, again[-800:]


def test_the_printed_trust_store_password_line_makes_the_client_connect(lab: Lab) -> None:
    """Round 17: a trust store given in JAVA_TOOL_OPTIONS with a wrong password ("problem
    accessing trust store"): the line explain prints sets the password where the store was
    given; run with STOREPASS filled (the store's real password, which only its owner knows),
    the real client connects. Before round 17 the step named /path/truststore.p12."""
    subprocess.run(["openssl", "pkcs12", "-export", "-in", "cert.pem", "-inkey", "key.pem",
                    "-name", "srv", "-out", "pemserver.p12", "-passout", "pass:changeit"],
                   cwd=lab.work, check=True, capture_output=True, timeout=60)
    pair = ("KsProbe", "pair", "pemserver.p12", "PKCS12", "changeit", "changeit")
    wrong = {"JAVA_TOOL_OPTIONS": "-Djavax.net.ssl.trustStore=trustonly.p12 "
                                  "-Djavax.net.ssl.trustStorePassword=wrong"}
    out = lab.run("KsProbe", "client", "9", env=wrong)  # fails before it connects anywhere
    assert out.startswith("Picked up JAVA_TOOL_OPTIONS: ")
    assert "problem accessing trust store" in out, out[-800:]
    steps = explain(out).findings[0].fix
    line = next(ln for s in steps for ln in s.code.splitlines()
                if ln.startswith("export JAVA_TOOL_OPTIONS="))
    filled = line.replace("STOREPASS", "changeit")
    got = subprocess.run(["sh", "-c", f"{filled}; exec java -cp . {shlex.join(pair)}"],
                         cwd=lab.work, capture_output=True, text=True, timeout=60)
    assert "Exception" not in got.stdout + got.stderr, (got.stdout + got.stderr)[-800:]


# Round 18: the Java 9+ lines (keytool -cacerts), applied to a private copy of this JDK.
_JDK_STORE = Path("lib") / "security" / "cacerts"


def _private_jdk(work: Path) -> Path:
    """A copy of this JDK whose files are hard links to its own (cp -al: seconds, no space)
    except lib/security/cacerts, which is a file of the copy's own (Debian's is a link to
    /etc/ssl/certs/java/cacerts): keytool -cacerts and the copy's java read that file, never
    the machine's. Skips when the JDK is on another file system than the test's directory."""
    home = Path(shutil.which("java") or "java").resolve().parent.parent
    copy = work / "jdk-copy"
    if not copy.exists():
        made = subprocess.run(["cp", "-al", str(home), str(copy)], capture_output=True,
                              timeout=120)
        if made.returncode != 0:
            shutil.rmtree(copy, ignore_errors=True)
            pytest.skip(f"no hard-linked JDK copy here: {made.stderr[-200:]!r}")
        real = (home / _JDK_STORE).resolve()
        (copy / _JDK_STORE).unlink()
        shutil.copyfile(real, copy / _JDK_STORE)  # a new file, not a link to the machine's
    return copy


def _jdk_env(jdk: Path) -> dict[str, str]:
    """This environment with the private JDK copy's bin first on PATH, as a person's
    `keytool` and `java` are, and no JAVA_HOME."""
    env = {**os.environ, "PATH": f"{jdk / 'bin'}:{os.environ.get('PATH', '')}"}
    env.pop("JAVA_HOME", None)
    return env


def _jdk_pair(lab: Lab, env: dict[str, str], stem: str) -> str:
    """KsProbe's pair on ``stem``.p12 run by the ``java`` of ``env`` (stderr, then stdout)."""
    p = subprocess.run(["java", "-cp", str(lab.work), "KsProbe", "pair", f"{stem}.p12",
                        "PKCS12", "changeit", "changeit"], cwd=lab.work, env=env,
                       capture_output=True, text=True, timeout=60)
    return p.stderr + p.stdout


def _digest(path: Path) -> str:
    import hashlib
    return hashlib.sha256(path.resolve().read_bytes()).hexdigest()


def test_the_printed_java9_cacerts_lines_make_the_jdks_own_client_trust_the_root(
        lab: Lab) -> None:
    """The old-runtime step's Java 9+ lines (keytool -list -cacerts, keytool -importcert
    -noprompt -cacerts) run as printed with the private JDK copy's bin first on PATH, as a
    person's `keytool` and `java` are; the copy's ISRG roots deleted first and a test root
    standing in for ISRG Root X1 (as round 17's Java 8 test). The copy's java, given no trust
    store, fails before and connects after; the machine's store is unchanged."""
    from tlsdoctor.testing.ca import CA
    system_store = Path(shutil.which("java") or "java").resolve().parent.parent / _JDK_STORE
    before = _digest(system_store)
    jdk = _private_jdk(lab.work)
    store = jdk / _JDK_STORE
    assert not store.is_symlink() and store.stat().st_ino != system_store.resolve().stat().st_ino
    listed = subprocess.run([str(jdk / "bin" / "keytool"), "-list", "-keystore", str(store),
                             "-storepass", "changeit"], capture_output=True, text=True,
                            timeout=60).stdout
    for alias in {ln.split(",")[0] for ln in listed.splitlines() if "isrg" in ln.lower()}:
        _keytool(lab.work, "-delete", "-alias", alias, "-keystore", str(store),
                 "-storepass", "changeit")
    root = CA(name="ISRG Root X1 test stand-in 18")
    _served_by(lab, root, "standin18")
    root.write(lab.work / "isrgrootx1.pem")  # what `curl -fsSLO .../isrgrootx1.pem` saves
    env = _jdk_env(jdk)

    def client() -> str:
        return _jdk_pair(lab, env, "standin18")

    out = client()
    client_log = out[out.index("client: "):].split("\nserver: ")[0]
    assert "PKIX path building failed" in client_log, out[-800:]
    findings = explain('java version "1.8.0_51"\n' + client_log).findings
    java9 = [[ln.split("   #")[0] for s in f.fix for ln in s.code.splitlines()
              if ln.endswith("# Java 9+")] for f in findings[:2]]
    check, add = next((j for j in java9 if j), ["", ""])
    assert "-cacerts" in check and "-cacerts" in add, [f.cause.value for f in findings]

    def sh(line: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["sh", "-c", line], cwd=lab.work, stdin=subprocess.DEVNULL,
                              env=env, capture_output=True, text=True, timeout=60)

    assert sh(check).returncode != 0  # no ISRG root in the copy's store
    added = sh(add)
    assert added.returncode == 0, added.stderr
    assert sh(check).returncode == 0, sh(check).stderr  # ...found now (no password asked)
    again = client()
    assert "Exception" not in again, again[-800:]
    assert _digest(system_store) == before  # the machine's store is untouched


def test_the_printed_cacerts_import_from_diagnose_makes_the_jdks_own_client_trust_it(
        lab: Lab) -> None:
    """`diagnose --client java-17` against a server sending a private root: the step saves
    the root under the printed name (its PEM is the step's code) and its last line imports it
    for every application of the JDK (keytool -importcert -noprompt -cacerts). Run as printed
    with the private JDK copy's bin first on PATH; the copy's java, given no trust store,
    fails before and connects after; the machine's store is unchanged."""
    from tlsdoctor import api
    from tlsdoctor.testing.ca import CA
    from tlsdoctor.testing.processes import stop
    from tlsdoctor.testing.servers import free_port, wait_ready
    system_store = Path(shutil.which("java") or "java").resolve().parent.parent / _JDK_STORE
    before = _digest(system_store)
    jdk = _private_jdk(lab.work)
    root = CA(name="Internal Root 18")
    chain, key = _served_by(lab, root, "int18")
    root_pem = root.write(lab.work / "int18-root.pem")
    env = _jdk_env(jdk)

    def pair() -> str:
        return _jdk_pair(lab, env, "int18")

    assert "PKIX path building failed" in pair()
    port = free_port()
    with (lab.work / "s_server18.log").open("wb") as out:
        srv = subprocess.Popen(["openssl", "s_server", "-accept", f"127.0.0.1:{port}", "-cert",
                                str(chain), "-key", str(key), "-cert_chain", str(root_pem),
                                "-www", "-quiet"], stdout=out, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL)
    try:
        wait_ready("127.0.0.1", port, timeout=10, alive=lambda: srv.poll() is None)
        report = api.diagnose(f"localhost:{port}", connect="127.0.0.1", offline=True,
                              timeout=5, client="java-17")
    finally:
        stop(srv)
    top = report.findings[0]
    assert top.cause.value == "cert_untrusted_root", [f.cause.value for f in report.findings]
    saved = next(s for s in top.fix if s.text.startswith("The root CA certificate, saved as "))
    name = saved.text.split("saved as ", 1)[1].split(". ", 1)[0]
    (lab.work / name).write_text(saved.code + "\n")
    java = next(s.code for s in top.fix if s.applies_to == "java")
    line = next(ln for ln in java.splitlines() if " -cacerts " in ln)
    done = subprocess.run(shlex.split(line), cwd=lab.work, env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    again = pair()
    assert "Exception" not in again, again[-800:]
    assert _digest(system_store) == before
