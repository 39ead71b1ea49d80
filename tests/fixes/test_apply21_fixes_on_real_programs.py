"""Round 21: fix texts not applied before, applied to the real program on 127.0.0.1.

Each test starts the real program in the broken state, takes tlsdoctor's printed step for it
(``explain`` of the program's own log, where ``diagnose`` cannot reach it), puts the printed
lines into the program's config as an operator does (parsed from the printed code, paths of
the real machine mapped to the test's files), restarts, and shows a real client succeed and
the program's log explain to nothing.

OpenVPN (testing/openvpn_pair.py: a private pair, ``--dev null``, UDP on loopback): a server
certificate from a CA the client's ca file lacks gets OpenVPN's ca line (fixes/remote.toml
[openvpn.trust]); a server certificate sent without its intermediate gets the server's
extra-certs line ([openvpn.chain]). Before round 21 both printed the generic store steps.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

import tlsdoctor
from tlsdoctor.api import explain
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.conf_apply import fill, sections, set_lines
from tlsdoctor.testing.eap_pair import SECRET, EapLab, eap_lab, eap_unavailable
from tlsdoctor.testing.eap_pair import check_config as check_eap_config
from tlsdoctor.testing.issuer_http import serve_issuer
from tlsdoctor.testing.lighttpd_run import check, have_lighttpd, running, write_conf
from tlsdoctor.testing.openvpn_pair import OpenvpnLab, openvpn_lab, openvpn_unavailable
from tlsdoctor.testing.processes import file_text, logged_process, wait_until
from tlsdoctor.testing.rsyslog_pair import check_config, forwarded, have_rsyslog, run_configs
from tlsdoctor.testing.rsyslog_pair import configs as rsyslog_configs
from tlsdoctor.testing.servers import HOST, free_port, openssl_server, wait_ready

_WEB = frozenset({"nginx", "apache", "haproxy"})


def _printed(log: str, cause: str, program: str) -> list[str]:
    """The code lines (no comments) of ``program``'s own step of the ``cause`` finding that
    explain gives for ``log``; the findings name no web server's lines."""
    r = explain(log)
    named = {s.applies_to for f in r.findings for s in f.fix if s.applies_to}
    assert not named & _WEB, named
    f = next((f for f in r.findings if f.cause.value == cause), None)
    assert f is not None, ([g.cause.value for g in r.findings], log[-1200:])
    step = next((s for s in f.fix if s.applies_to == program), None)
    assert step is not None, [(s.applies_to, s.text) for s in f.fix]
    return [ln.strip() for ln in step.code.splitlines() if ln.strip() and not ln.startswith("#")]


def _mapped(lines: list[str], files: dict[str, Path]) -> list[str]:
    """``lines`` with each path the step names for the real machine (an absolute path as the
    option's last word) replaced by the test's file: ``files`` maps the option to it."""
    out = []
    for line in lines:
        option, _, path = line.rpartition(" ")
        assert path.startswith("/") and option in files, line
        out.append(f"{option} {files[option]}")
    return out


# ---- OpenVPN ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def vpn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OpenvpnLab]:
    if openvpn_unavailable() is not None:
        pytest.skip(openvpn_unavailable() or "")
    with openvpn_lab(tmp_path_factory.mktemp("openvpn21")) as lab:
        yield lab


def _vpn_fixed(vpn: OpenvpnLab, fault: str, side: str, lines: list[str]) -> None:
    """``lines`` in a config file for ``side``: the pair connects, both logs explain to
    nothing (OpenVPN checks the file at start: "Options error" otherwise)."""
    conf = vpn.work / f"{fault}.{side}.conf"
    conf.write_text("\n".join(lines) + "\n")
    extra = {f"{side}_extra": ["--config", str(conf)]}
    fixed = vpn.run(fault, **extra)  # type: ignore[arg-type]
    for log in (fixed.client_log, fixed.server_log):
        assert "Options error" not in log, log[-800:]
    assert fixed.connected, (lines, fixed.client_log[-800:])
    assert not explain(fixed.client_log).findings, fixed.client_log[-800:]
    assert not explain(fixed.server_log).findings, fixed.server_log[-800:]


def test_openvpn_client_not_trusting_the_servers_ca_gets_its_ca_line_which_fixes_it(
        vpn: OpenvpnLab) -> None:
    refused = vpn.run("unknown_ca")
    assert not refused.connected and "VERIFY ERROR" in refused.client_log
    printed = _printed(refused.client_log, "cert_untrusted_root", "openvpn")
    assert [p.split()[0] for p in printed] == ["ca"], printed
    _vpn_fixed(vpn, "unknown_ca", "client", _mapped(printed, {"ca": vpn.other_ca}))


def test_openvpn_server_sending_no_intermediate_gets_its_extra_certs_line_which_fixes_it(
        vpn: OpenvpnLab) -> None:
    refused = vpn.run("no_intermediate")
    assert not refused.connected and "VERIFY ERROR" in refused.client_log
    printed = _printed(refused.client_log, "incomplete_chain", "openvpn")
    assert [p.split()[0] for p in printed] == ["extra-certs"], printed
    _vpn_fixed(vpn, "no_intermediate", "server",
               _mapped(printed, {"extra-certs": vpn.intermediate}))



def test_openvpn_server_sending_no_intermediate_gets_the_bundle_lines_diagnose_prints(
        vpn: OpenvpnLab, tmp_path: Path) -> None:
    """snippets.toml [bundle] openvpn, diagnose's lines. diagnose cannot reach OpenVPN's TLS
    (it runs inside OpenVPN's own packets), so the finding comes from ``diagnose --server
    openvpn`` of the same certificate files served by openssl s_server: the leaf alone (its
    issuer, an intermediate, named by AIA on a loopback HTTP server). Its bundle saved where
    the first step says and OpenVPN's cert/key lines in the server's config: the real pair,
    whose client trusts only the root, connects (the leaf alone: it does not)."""
    with serve_issuer() as (served, url):
        inter = vpn.root.intermediate(name="vpn issuing CA 21")
        served["body"] = inter.cert.public_bytes(Encoding.DER)
        leaf = inter.issue(["localhost"], ip_addresses=[HOST], aia_issuer_url=url)
        chain, key = leaf.write(tmp_path, stem="server21")
        chain.write_bytes(leaf.cert_pem)  # the misconfiguration: the leaf alone
        with openssl_server(chain, key) as server:
            report = tlsdoctor.diagnose(f"localhost:{server.port}", connect=HOST, timeout=5,
                                        ca_file=str(vpn.ca), server_software="openvpn")
    f = next((f for f in report.findings if f.cause.value == "incomplete_chain"), None)
    assert f is not None, report.summary()
    save, *steps = f.fix
    assert not {s.applies_to for s in steps} & _WEB
    (step,) = [s for s in steps if s.applies_to == "openvpn"]
    bundle = next(w for w in save.text.split() if w.startswith("/etc/ssl/")).rstrip(":")
    (tmp_path / "fullchain.pem").write_text(save.code + "\n")
    printed = [ln.split() for ln in step.code.splitlines() if ln and not ln.startswith("#")]
    assert [p[0] for p in printed] == ["cert", "key"], step.code
    real = {bundle: str(tmp_path / "fullchain.pem"), printed[1][1]: str(key)}
    lines = [f"{option} {real[path]}" for option, path in printed]
    conf = tmp_path / "server.conf"
    conf.write_text(f"cert {chain}\nkey {key}\n")
    alone = vpn.run("ok", server_extra=["--config", str(conf)])
    assert not alone.connected and "VERIFY ERROR" in alone.client_log, alone.client_log[-800:]
    _vpn_fixed(vpn, "ok", "server", lines)


# ---- the client stopgaps for an old suite (stopgaps.toml [go.suite], [wget.suite], [gnutls.suite])

_GO = """package main
import ("crypto/tls"; "crypto/x509"; "fmt"; "os")
func main() {
  pem, _ := os.ReadFile(os.Args[2])
  pool := x509.NewCertPool(); pool.AppendCertsFromPEM(pem)
  cfg := CONFIG
  cfg.RootCAs = pool
  c, err := tls.Dial("tcp", "localhost:"+os.Args[1], cfg)
  if err != nil { fmt.Println(err); os.Exit(1) }
  c.Close()
}
"""
# client tag -> (the program, its profile for diagnose --client)
_SUITE_CLIENTS = {"go": ("go", "go-1.18"), "wget": ("wget", "wget-1.21"),
                  "gnutls": ("gnutls-cli", "gnutls-3.7")}


@pytest.fixture(scope="module")
def old_suite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, int]]:
    """A TLS 1.2 server whose one suite is TLS_RSA_WITH_AES_128_CBC_SHA256 (OpenSSL
    AES128-SHA256): Go 1.19 offers it only when asked, GnuTLS 3.7's NORMAL not at all."""
    d = tmp_path_factory.mktemp("suite21")
    root = CA(name="suite21 root")
    root.write(d / "root.pem")
    root.issue(["localhost"], key_type="rsa2048").write(d, stem="site")
    with openssl_server(d / "site.chain.pem", d / "site.key.pem", protocols=("tls1_2",),
                        cipher="AES128-SHA256:@SECLEVEL=0", www=True) as server:
        yield d, server.port


def _suite_client(tag: str, code: str, d: Path, port: int) -> subprocess.CompletedProcess[str]:
    """The client ``tag`` as it is (``code`` ""), or running the printed stopgap ``code``: its
    words as printed, its placeholder host pointed at the server, the test root trusted."""
    url = f"https://localhost:{port}/"
    if tag == "go":
        main = d / f"go-{len(code)}" / "main.go"
        main.parent.mkdir(exist_ok=True)
        main.write_text(_GO.replace("CONFIG", code or "&tls.Config{}"))
        argv = ["go", "run", str(main), str(port), str(d / "root.pem")]
    elif tag == "wget":
        words = shlex.split(code)[1:-1] if code else []
        argv = ["wget", "-q", "-O", "/dev/null", "-t", "1", "-T", "10",
                f"--ca-certificate={d / 'root.pem'}", *words, url]
    else:
        words = shlex.split(code) if code else ["gnutls-cli", "HOST", "-p", "443"]
        at = words.index("-p")
        words[at - 1:at + 2] = ["localhost", "-p", str(port)]
        argv = [*words, "--x509cafile", str(d / "root.pem")]
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(d),
           "GOCACHE": str(d / "gocache"), "GOPATH": str(d / "gopath"), "GOPROXY": "off",
           "GOFLAGS": "-mod=mod"}
    return subprocess.run(argv, cwd=d, env=env, input="", capture_output=True, text=True,
                          timeout=180, check=False)


@pytest.mark.parametrize("tag", sorted(_SUITE_CLIENTS))
def test_the_old_suite_stopgap_printed_makes_the_client_connect(
        tag: str, old_suite: tuple[Path, int]) -> None:
    program, profile = _SUITE_CLIENTS[tag]
    if shutil.which(program) is None:
        pytest.skip(f"{program} is not installed")
    d, port = old_suite
    before = _suite_client(tag, "", d, port)
    assert before.returncode != 0, "the client connects as it is: the test proves nothing"
    report = tlsdoctor.diagnose(f"localhost:{port}", connect=HOST, client=profile, timeout=5,
                                ca_file=str(d / "root.pem"))
    f = next(f for f in report.findings if f.cause.value == "cipher_suite_mismatch")
    assert f.facts.get("server_suite") == "TLS_RSA_WITH_AES_128_CBC_SHA256", f.facts
    code = next(s.code for s in f.fix if s.applies_to == tag and s.code)
    after = _suite_client(tag, code, d, port)
    assert after.returncode == 0, (code, after.stdout[-800:], after.stderr[-800:])


# ---- lighttpd: OCSP Must-Staple (embedded.toml [lighttpd.staple]) ---------------------------

def _ocsp_responder(d: Path, issuer: CA, leaf_serial: int, port: int) -> list[str]:
    """``openssl ocsp`` as the issuer's responder on loopback: "good" for the leaf."""
    (d / "issuer.key").write_bytes(issuer.key_pem)
    (d / "issuer.crt").write_bytes(issuer.cert_pem)
    (d / "index.txt").write_text(f"V\t491231235959Z\t\t{leaf_serial:X}\tunknown\t/CN=localhost\n")
    return ["openssl", "ocsp", "-index", str(d / "index.txt"), "-port", str(port),
            "-rsigner", str(d / "issuer.crt"), "-rkey", str(d / "issuer.key"), "-CA",
            str(d / "issuer.crt"), "-nmin", "60"]


def _waited(log: Path, needle: str, proc: subprocess.Popen[bytes]) -> bool:
    """``needle`` appeared in ``log`` while ``proc`` ran (5 s at most)."""
    return wait_until(lambda: needle in file_text(log), 5, alive=lambda: proc.poll() is None)


def _curl_status(d: Path, port: int) -> subprocess.CompletedProcess[str]:
    """curl --cert-status: the handshake must carry a stapled response that verifies."""
    return subprocess.run(["curl", "-sS", "-o", "/dev/null", "--max-time", "10", "--cert-status",
                           "--cacert", str(d / "root.pem"), f"https://localhost:{port}/"],
                          capture_output=True, text=True, timeout=30)


@pytest.mark.skipif(not have_lighttpd(), reason="lighttpd missing (apt: lighttpd)")
def test_lighttpd_must_staple_without_a_stapling_file_gets_its_lines_which_fix_it(
        tmp_path: Path) -> None:
    """A must-staple leaf (issued by an intermediate, its OCSP URL a real ``openssl ocsp``
    responder on loopback) served without ssl.stapling-file: lighttpd says so at start and
    curl --cert-status fails. explain of lighttpd's own line gives its stapling-file line and
    the openssl ocsp command that fetches the response; run as printed (in a directory with
    intermediate.pem and server.pem, as the command names them; the root in the system store
    as a public CA's is), the line in lighttpd.conf, ``lighttpd -tt`` passes and curl gets a
    stapled response that verifies; diagnose no longer finds the must-staple cause."""
    root = CA(name="staple21 root")
    inter = root.intermediate(name="staple21 issuing CA")
    ocsp_port = free_port()
    leaf = inter.issue(["localhost"], must_staple=True, ocsp_url=f"http://{HOST}:{ocsp_port}/")
    chain, key = leaf.write(tmp_path, stem="site")
    root.write(tmp_path / "root.pem")
    conf = write_conf(tmp_path, pemfile=chain, privkey=key)
    ok, said = check(conf)
    assert ok and "Must-Staple" in said, said
    with running(conf):
        refused = _curl_status(tmp_path, conf.port)
    assert refused.returncode != 0, refused.stderr
    printed = _printed(said, "ocsp_must_staple_missing", "lighttpd")
    setting = [p for p in printed if p.startswith("ssl.")]
    commands = [p for p in printed if p.startswith("openssl ")]
    assert len(setting) == 1 and len(commands) == 1, printed
    real = setting[0].split('"')[1]  # the response file the step names for the real machine
    response = tmp_path / "server.ocsp.der"
    work = tmp_path / "operator"
    work.mkdir()
    (work / "intermediate.pem").write_bytes(inter.cert_pem)
    (work / "server.pem").write_bytes(chain.read_bytes())
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"),
           "SSL_CERT_FILE": str(tmp_path / "root.pem")}
    with logged_process(_ocsp_responder(tmp_path, inter, leaf.serial, ocsp_port),
                        tmp_path / "ocsp.log") as proc:
        # (no probe connection: the responder serves one client at a time and would wait on it)
        assert _waited(tmp_path / "ocsp.log", "waiting for OCSP client", proc)
        fetched = subprocess.run(["bash", "-c", commands[0].replace(real, str(response))],
                                 cwd=work, env=env, capture_output=True, text=True, timeout=30)
    assert fetched.returncode == 0 and response.is_file(), (fetched.stdout, fetched.stderr)
    conf = write_conf(tmp_path, pemfile=chain, privkey=key, port=conf.port,
                      ssl_lines=setting[0].replace(real, str(response)))
    ok, said = check(conf)
    assert ok and "Must-Staple" not in said, said
    with running(conf):
        fixed = _curl_status(tmp_path, conf.port)
        after = tlsdoctor.diagnose(f"localhost:{conf.port}", connect=HOST, timeout=5,
                                   ca_file=str(tmp_path / "root.pem"), offline=True)
    assert fixed.returncode == 0, fixed.stderr
    assert "ocsp_must_staple_missing" not in {f.cause.value for f in after.findings}, \
        after.summary()


# ---- Java: a store the JVM could not open (keystore_text.py _CHECK, _KINDS, java_store_steps) --

_TLS_JAVA = """import javax.net.ssl.*;
/** "serve PORT": a JSSE server of the default context (javax.net.ssl.keyStore*) on
 *  127.0.0.1; "get URL": an HttpsURLConnection client of the default context. */
public class Tls { public static void main(String[] a) throws Exception {
  if (a[0].equals("get")) {
    var c = (HttpsURLConnection) new java.net.URL(a[1]).openConnection();
    c.setConnectTimeout(10000); c.setReadTimeout(10000);
    System.out.println("status " + c.getResponseCode()); return;
  }
  var ss = SSLServerSocketFactory.getDefault().createServerSocket(Integer.parseInt(a[1]), 50,
      java.net.InetAddress.getByName("127.0.0.1"));
  System.out.println("listening"); System.out.flush();
  while (true) {
    try (var s = (SSLSocket) ss.accept()) {
      s.startHandshake();
      var o = s.getOutputStream(); o.write("HTTP/1.0 200 OK\\r\\n\\r\\nok\\n".getBytes()); o.flush();
    } catch (java.io.IOException e) { /* a client that left (a readiness probe): the next */ }
  }
}}
"""
_JDK = ("java", "javac", "keytool")


@pytest.fixture(scope="module")
def jvm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Tls.java compiled; a PKCS#12 key store (password storepw) for localhost from the
    directory's root.pem, and a PKCS#12 trust store (password trustpw) holding that root."""
    if any(shutil.which(t) is None for t in _JDK):
        pytest.skip("no JDK (apt: openjdk-17-jdk-headless)")
    d = tmp_path_factory.mktemp("jvm21")
    root = CA(name="java21 root")
    chain, key = root.issue(["localhost"]).write(d, stem="site")
    root.write(d / "root.pem")
    subprocess.run(["openssl", "pkcs12", "-export", "-in", str(chain), "-inkey", str(key),
                    "-name", "site", "-out", str(d / "site.p12"), "-passout", "pass:storepw"],
                   check=True, capture_output=True, timeout=30)
    subprocess.run(["keytool", "-importcert", "-noprompt", "-alias", "root", "-file",
                    str(d / "root.pem"), "-keystore", str(d / "trust.p12"), "-storetype",
                    "PKCS12", "-storepass", "trustpw"], check=True, capture_output=True,
                   timeout=60)
    (d / "Tls.java").write_text(_TLS_JAVA)
    subprocess.run(["javac", "-d", str(d), str(d / "Tls.java")], check=True,
                   capture_output=True, timeout=120)
    return d


def _store_finding(said: str, cause: str) -> tlsdoctor.Finding:
    return next(f for f in explain(said).findings if f.cause.value == cause)


def _jvm_options(steps: Iterable[tlsdoctor.FixStep], prefix: str, password: str) -> list[str]:
    """The printed "# any JVM:" line's options starting with ``prefix``, the store's
    password where it shows "..." (as an operator fills it in)."""
    line = next(ln for s in steps for ln in s.code.splitlines() if ln.startswith("# any JVM:"))
    return [w.replace("...", password) for w in line.split() if w.startswith(prefix)]


def test_java_server_given_the_wrong_store_password_gets_keytools_check_and_the_setting(
        jvm: Path) -> None:
    """A JSSE server whose javax.net.ssl.keyStorePassword is not its PKCS#12 store's: the JVM
    stops with "keystore password was incorrect". explain gives keytool's check (run as
    printed, FILE the store: the wrong password fails it, the right one lists a
    PrivateKeyEntry) and the password settings; the "any JVM" line's key store options, with
    the store's password where it shows "...", in place of the old ones: the server serves
    and curl gets its page."""
    store, port = jvm / "site.p12", free_port()

    def serve(options: list[str]) -> list[str]:
        return ["java", "-cp", str(jvm), f"-Djavax.net.ssl.keyStore={store}", *options,
                "Tls", "serve", str(port)]

    stopped = subprocess.run(serve(["-Djavax.net.ssl.keyStorePassword=wrong"]), input="",
                             capture_output=True, text=True, timeout=60)
    said = stopped.stderr + stopped.stdout
    assert stopped.returncode != 0 and "keystore password was incorrect" in said, said[-800:]
    f = _store_finding(said, "server_misconfiguration")
    check_line = f.fix[0].code.splitlines()[0]
    argv = [str(store) if w == "FILE" else w for w in shlex.split(check_line)]
    assert argv[:2] == ["keytool", "-list"], argv

    def listed(password: str) -> subprocess.CompletedProcess[str]:  # keytool asks for it
        return subprocess.run(argv, input=password + "\n", capture_output=True, text=True,
                              timeout=60)

    assert listed("wrong").returncode != 0
    assert "PrivateKeyEntry" in listed("storepw").stdout
    options = _jvm_options(f.fix, "-Djavax.net.ssl.keyStore", "storepw")
    assert "-Djavax.net.ssl.keyStorePassword=storepw" in options, options
    with logged_process(serve(options), jvm / "serve.log") as proc:
        wait_ready(HOST, port, timeout=30, alive=lambda: proc.poll() is None)
        page = subprocess.run(["curl", "-sS", "--max-time", "10", "--cacert",
                               str(jvm / "root.pem"), f"https://localhost:{port}/"],
                              capture_output=True, text=True, timeout=30)
    assert page.stdout == "ok\n", (options, page.stderr)
    assert not explain((jvm / "serve.log").read_text()).findings


def test_java_client_given_the_wrong_trust_store_password_gets_the_password_setting(
        jvm: Path) -> None:
    """A JSSE client whose javax.net.ssl.trustStorePassword is not its trust store's stops
    with "problem accessing trust store". explain gives the trust store step and then the
    password settings ("if that is not it"); that step's "any JVM" trust store password,
    filled in, in place of the wrong one: the client gets the server's page."""
    store = jvm / "trust.p12"
    with openssl_server(jvm / "site.chain.pem", jvm / "site.key.pem", www=True) as server:
        def get(options: list[str]) -> subprocess.CompletedProcess[str]:
            return subprocess.run(["java", "-cp", str(jvm), f"-Djavax.net.ssl.trustStore={store}",
                                   *options, "Tls", "get", f"https://localhost:{server.port}/"],
                                  input="", capture_output=True, text=True, timeout=60)

        refused = get(["-Djavax.net.ssl.trustStorePassword=wrong"])
        said = refused.stderr + refused.stdout
        assert "problem accessing trust store" in said, said[-800:]
        f = _store_finding(said, "client_misconfiguration")
        last = f.fix[-1]
        assert last.text.startswith("The password settings"), [s.text for s in f.fix]
        options = _jvm_options([last], "-Djavax.net.ssl.trustStore", "trustpw")
        assert options == ["-Djavax.net.ssl.trustStorePassword=trustpw"], options
        fixed = get(options)
    assert fixed.returncode == 0 and "status 200" in fixed.stdout, fixed.stderr[-800:]


# ---- rsyslog: the receiver's certificate expired (daemon_text.py _RENEW) ----------------------

@pytest.mark.skipif(not have_rsyslog("gtls"), reason="rsyslogd or rsyslog-gnutls missing")
def test_rsyslog_peer_with_an_expired_certificate_gets_the_renew_lines_which_fix_it(
        tmp_path: Path) -> None:
    """A sender checking the receiver (x509/name) refuses its expired certificate ("certificate
    invalid: certificate expired"). explain of the sender's lines gives rsyslog's renew step:
    its grep, run on the receiver's configuration, names the certificate file; its openssl
    line shows that file's past notAfter; the certificate renewed there (same key, same CA,
    as a CA renews), ``rsyslogd -N1`` passes, and the pair talks again."""
    recv, send = rsyslog_configs(tmp_path, "expired", "gtls")
    failed = run_configs(tmp_path, recv, send, ("certificate expired",))
    assert not forwarded(failed)
    # the sender's log file, and its stderr, which rsyslogd -n writes too (in its own order:
    # under load the file may not hold the line yet when the pair is stopped)
    lines = (failed.sender + "\n" + failed.sender_stderr).splitlines()
    at = next(i for i, ln in enumerate(lines) if "certificate expired" in ln)
    f = explain("\n".join(lines[at:at + 2])).findings[0]
    assert f.cause.value == "cert_expired", f.cause
    (step,) = [s for s in f.fix if s.applies_to == "rsyslog"]
    shell = fill(step.code, {"/etc/rsyslog.conf": str(recv), "/etc/rsyslog.d/": f"{tmp_path}/"})
    grep, dates = [ln for ln in shell.splitlines() if ln.startswith(("grep ", "openssl "))]
    shown = subprocess.run(grep, shell=True, capture_output=True, text=True, timeout=30).stdout
    named = re.search(r'DefaultNetstreamDriverCertFile="([^"]+)"', shown)
    assert named is not None, shown
    cert = named[1]

    def expired() -> bool:
        """The step's openssl line on the file: its notAfter is in the past."""
        out = subprocess.run(dates.replace("CERT_FILE", cert), shell=True, capture_output=True,
                             text=True, timeout=30).stdout
        until = datetime.strptime(out.split("notAfter=")[1].strip(), "%b %d %H:%M:%S %Y %Z")
        return until.replace(tzinfo=UTC) < datetime.now(UTC)

    assert expired()
    renew = (f"openssl req -new -key {tmp_path / 'receiver.key.pem'} -subj /CN=localhost "
             "-addext subjectAltName=DNS:localhost -addext "
             "extendedKeyUsage=serverAuth,clientAuth | openssl x509 -req -days 30 -CA "
             f"{tmp_path / 'ca.pem'} -CAkey {tmp_path / 'ca.key.pem'} -copy_extensions copy "
             f"-out {cert}")
    subprocess.run(renew, shell=True, check=True, capture_output=True, timeout=30)
    assert not expired()
    checked = check_config(recv)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    fixed = run_configs(tmp_path, recv, send, done=forwarded)
    assert forwarded(fixed), (fixed.sender_stderr + fixed.receiver_stderr)[-2000:]
    assert "certificate expired" not in fixed.sender


# ---- 802.1X: FreeRADIUS and wpa_supplicant (eap_text.py) -------------------------------------

_RADDB = "/etc/freeradius/3.0"


@pytest.fixture(scope="module")
def eap(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EapLab]:
    if eap_unavailable() is not None:
        pytest.skip(eap_unavailable() or "")
    with eap_lab(tmp_path_factory.mktemp("eap21")) as lab:
        yield lab


def _eap_steps(log: str, cause: str) -> list[tlsdoctor.FixStep]:
    """The steps of the ``cause`` finding explain gives for the supplicant's ``log``."""
    r = explain(log)
    f = next((f for f in r.findings if f.cause.value == cause), None)
    assert f is not None, ([g.cause.value for g in r.findings], log[-1500:])
    return list(f.fix)


def _see_chain(step: tlsdoctor.FixStep, network: Path, port: int, work: Path) -> str:
    """The check step's eapol_test, awk and openssl lines, as printed (its placeholders
    filled: the profile, the server's address (and this lab's port), the secret, the files):
    what the openssl line shows of the certificate the server presented."""
    shell = _eap_files(step.code, work).replace("RADIUS_IP", f"127.0.0.1 -p {port}")
    shell = fill(shell, {"peap.conf": str(network), "SECRET": SECRET})
    eapol, last, show = [ln for ln in shell.splitlines()
                         if ln.startswith(("eapol_test", "awk", "openssl"))]
    subprocess.run([*shlex.split(eapol), "-t", "8"], capture_output=True, timeout=30)
    subprocess.run(["bash", "-c", last], check=True, capture_output=True, timeout=30)
    return subprocess.run(shlex.split(show), capture_output=True, text=True, timeout=30).stdout


def _eap_files(code: str, work: Path) -> str:
    """The steps' files in /tmp as this test's own."""
    return fill(code, {"/tmp/radius-chain.pem": str(work / "chain.pem"),
                       "/tmp/radius-server.pem": str(work / "server.pem")})


def test_radius_server_with_an_expired_certificate_gets_the_check_and_renew_lines(
        eap: EapLab, tmp_path: Path) -> None:
    """The supplicant refuses the RADIUS server's expired certificate. explain of eapol_test's
    output gives the check step (eapol_test -o saves the chain the server presents; openssl
    shows its past notAfter) and FreeRADIUS' renew step (its grep names certificate_file and
    private_key_file); a renewed certificate and key written there, freeradius -XC passes,
    and the same supplicant authenticates."""
    raddb = eap.configure("server_expired")
    network = eap.network("ok")
    with eap.serving(raddb) as server:
        refused = server.authenticate(network)
        assert not refused.succeeded
        check, renew = _eap_steps(refused.client_log, "cert_expired")[:2]
        shown = _see_chain(check, network, server.port, tmp_path)
    assert "radius.example.org" in shown and "notAfter=" in shown, shown
    assert renew.applies_to == "freeradius"
    shell = fill(renew.code, {f"{_RADDB}/mods-available/eap": str(raddb / "mods-enabled" / "eap")})
    grep = next(ln for ln in shell.splitlines() if ln.startswith("grep "))
    named = dict(re.findall(r"(certificate_file|private_key_file) = (\S+)",
                            subprocess.run(shlex.split(grep), capture_output=True, text=True,
                                           timeout=30).stdout))
    dates = next(ln for ln in shell.splitlines() if ln.startswith("openssl "))
    before = subprocess.run(shlex.split(dates.replace("CERTIFICATE_FILE",
                                                      named["certificate_file"])),
                            capture_output=True, text=True, timeout=30).stdout
    assert "notAfter=" in before, before
    renewed = eap.root.issue(["radius.example.org"], eku=("serverAuth",))
    Path(named["certificate_file"]).write_bytes(renewed.chain_pem())
    Path(named["private_key_file"]).write_bytes(renewed.key_pem)
    checked = check_eap_config(raddb)
    assert checked.returncode == 0, (checked.stdout + checked.stderr)[-1500:]
    with eap.serving(raddb) as server:
        run = server.authenticate(network)
    assert run.succeeded, run.client_log[-1500:]


def test_radius_server_sending_no_intermediate_gets_the_full_chain_lines(eap: EapLab) -> None:
    """The RADIUS server's certificate comes from an intermediate its certificate_file lacks
    (the supplicant trusts the root): explain of eapol_test's output gives FreeRADIUS' chain
    step; the full chain and the key saved where its lines name them (${certdir}), the lines
    in the EAP module's tls-config, freeradius -XC passes, and the supplicant authenticates."""
    raddb = eap.configure("ok")
    inter = eap.root.intermediate(name="radius issuing CA")
    leaf = inter.issue(["radius.example.org"], eku=("serverAuth",))
    alone = raddb / "certs" / "leaf-alone.pem"
    alone.write_bytes(leaf.cert_pem)
    (raddb / "certs" / "leaf.key").write_bytes(leaf.key_pem)
    module = raddb / "mods-enabled" / "eap"
    set_lines(module, "tls-config tls-common {", [f"certificate_file = {alone}",
                                                  f"private_key_file = {raddb}/certs/leaf.key"])
    network = eap.network("ok")
    with eap.serving(raddb) as server:
        refused = server.authenticate(network)
    assert not refused.succeeded
    (step,) = [s for s in _eap_steps(refused.client_log, "incomplete_chain")
               if s.applies_to == "freeradius"]
    settings = sections(step.code)["freeradius"]
    files = dict(ln.split(" = ") for ln in settings)
    certdir = raddb / "certs"
    Path(files["certificate_file"].replace("${certdir}", str(certdir))).write_bytes(
        leaf.chain_pem())  # what the step says the file holds: the leaf, then its intermediate
    Path(files["private_key_file"].replace("${certdir}", str(certdir))).write_bytes(leaf.key_pem)
    set_lines(module, "tls-config tls-common {", settings)
    checked = check_eap_config(raddb)
    assert checked.returncode == 0, (checked.stdout + checked.stderr)[-1500:]
    with eap.serving(raddb) as server:
        run = server.authenticate(network)
    assert run.succeeded, run.client_log[-1500:]


def test_supplicant_pinning_an_old_server_certificate_gets_the_new_pin(eap: EapLab,
                                                                      tmp_path: Path) -> None:
    """The profile pins a certificate the server no longer presents (ca_cert="hash://server/
    sha256/..."). explain gives the check step (the chain the server presents saved) and the
    pin step: its openssl line's hash of that file, put in ca_cert as printed, and the same
    supplicant authenticates."""
    network = eap.network("ok")
    set_lines(network, "network={", ['ca_cert="hash://server/sha256/' + "00" * 32 + '"'],
              sep="=")
    with eap.serving(eap.configure("ok")) as server:
        refused = server.authenticate(network)
        assert not refused.succeeded
        r = explain(refused.client_log)
        f = next(f for f in r.findings if str(f.facts.get("eap_what", "")).startswith("pinned"))
        check, pin = f.fix[:2]
        _see_chain(check, network, server.port, tmp_path)
        lines = _eap_files(pin.code, tmp_path)
        hashed = next(ln for ln in lines.splitlines() if ln.startswith("openssl "))
        digest = subprocess.run(hashed, shell=True, capture_output=True, text=True,
                                timeout=30).stdout.split()[0]
        setting = sections(lines)["wpa_supplicant"]
        set_lines(network, "network={", [s.replace("<the new hash>", digest) for s in setting],
                  sep="=")
        run = server.authenticate(network)
    assert run.succeeded, (network.read_text(), run.client_log[-1500:])
