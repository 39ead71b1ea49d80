"""Round 22: client rows that were missing, run with the real programs on 127.0.0.1.

1. A server that demands a client certificate (openssl s_server -Verify -verify_return_error
   over TLS 1.3 and capped at TLS 1.2; slapd with TLSVerifyClient demand): git (libcurl over
   GnuTLS), stunnel's client service and ldapsearch connect without one and with one of
   another CA. Their exact output goes to ``explain``, which must name client_cert_required
   with the client as the party (or rank it first, below certainty, where the words are a
   bare post-handshake close), and print the program's own step; the step's lines, parsed
   from the printed fix and given a certificate of the server's client CA, connect; the same
   lines with a certificate of another CA are still refused.
2. ldapsearch's "Can't contact LDAP server (-1)" for five real faults (untrusted CA, wrong
   name, an ldaps:// URL on the plain port, a closed port, a client certificate slapd
   demanded): plain, it is recognised and ranked below certainty with the fault among the
   candidates; with -d 1, the trace's own TLS words decide.
3. Node's UNABLE_TO_VERIFY_LEAF_SIGNATURE from a server without its intermediate and from a
   private CA's server sending its leaf alone: incomplete_chain first, below certainty, the
   untrusted root second; the chain step (the server's full chain) fixes the first and the
   NODE_EXTRA_CA_CERTS line does not; NODE_EXTRA_CA_CERTS fixes the second.

Every server starts once per module; each test skips without its programs (apt: git,
stunnel4, curl, slapd, ldap-utils, nodejs).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.finding import FixStep
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.processes import logged_process, stop
from tlsdoctor.testing.servers import HOST, free_port, wait_ready

_PROGRAMS = {"git", "stunnel_client", "ldapsearch", "node"}
_SLAPD = shutil.which("slapd") or ("/usr/sbin/slapd" if os.path.exists("/usr/sbin/slapd")
                                   else None)


@pytest.fixture(scope="module")
def pki() -> Iterator[Path]:
    """A private root with an intermediate, another root, leaves for localhost and
    127.0.0.1 (from the root, from the intermediate, from the other root), one for another
    name, and client certificates of the root and of the other root."""
    d = Path(tempfile.mkdtemp(prefix="tlsdoctor-rows22-", dir="/tmp"))
    try:
        d.chmod(0o755)
        ca, other = CA(name="rows22 private root"), CA(name="rows22 other root")
        inter = ca.intermediate("rows22 intermediate")
        ileaf = inter.issue(["localhost"], ip_addresses=[HOST])
        written = [*ca.issue(["localhost"], ip_addresses=[HOST]).write(d, stem="leaf"),
                   *other.issue(["localhost"], ip_addresses=[HOST]).write(d, stem="oleaf"),
                   *ca.issue(["wrong.example"]).write(d, stem="wleaf"),
                   *ileaf.write(d, stem="ileaf"),
                   *ca.issue(["client"], eku=("clientAuth",)).write(d, stem="client"),
                   *other.issue(["client"], eku=("clientAuth",)).write(d, stem="oclient"),
                   ca.write(d / "ca.pem"), other.write(d / "other.pem"),
                   inter.write(d / "inter.pem")]
        (d / "ileaf.only.pem").write_bytes(ileaf.cert_pem)
        for p in [*written, d / "ileaf.only.pem"]:
            p.chmod(0o644)
        yield d
    finally:
        shutil.rmtree(d, ignore_errors=True)


def _s_server(stack: ExitStack, pki: Path, name: str, cert: Path, key: Path,
              *extra: str) -> int:
    port = free_port()
    proc = stack.enter_context(logged_process(
        ["openssl", "s_server", "-accept", f"{HOST}:{port}", "-cert", str(cert), "-key",
         str(key), "-www", "-quiet", *extra], pki / f"s_server-{name}.log"))
    wait_ready(HOST, port, timeout=10, alive=lambda: proc.poll() is None)
    return port


_MTLS = ("-Verify", "1", "-verify_return_error")


@pytest.fixture(scope="module")
def servers(pki: Path) -> Iterator[dict[str, int]]:
    """openssl s_server: demanding a client certificate of the private root over TLS 1.3
    ("mtls") and TLS 1.2 ("mtls12"); a certificate for another name ("wrong")."""
    with ExitStack() as stack:
        leaf = (pki / "leaf.chain.pem", pki / "leaf.key.pem")
        ca = ("-CAfile", str(pki / "ca.pem"))
        yield {"mtls": _s_server(stack, pki, "mtls", *leaf, *ca, *_MTLS),
               "mtls12": _s_server(stack, pki, "mtls12", *leaf, *ca, *_MTLS, "-tls1_2"),
               "wrong": _s_server(stack, pki, "wrong", pki / "wleaf.chain.pem",
                                  pki / "wleaf.key.pem")}


def _workdir(pki: Path, name: str, *, client: str = "client") -> Path:
    """Where the user saved the files a step names (client.crt/client.key of ``client``)."""
    w = pki / name
    w.mkdir(exist_ok=True)
    shutil.copyfile(pki / f"{client}.chain.pem", w / "client.crt")
    shutil.copyfile(pki / f"{client}.key.pem", w / "client.key")
    shutil.copyfile(pki / "ca.pem", w / "server-ca.pem")
    return w


def _finding_step(output: str, program: str, cause: str, *, party: str = "",
                  top: bool = True) -> tuple[float, FixStep]:
    """(confidence, the program's own step) of ``cause``'s finding in explain of ``output``:
    the top finding when ``top``; no other client program's step anywhere."""
    r = explain(output)
    assert r.recognized, output
    named = {s.applies_to for f in r.findings for s in f.fix} & _PROGRAMS
    assert named == {program}, (output[-600:], named)
    found = [f.cause.value for f in r.findings]
    f = r.findings[0] if top else next((g for g in r.findings if g.cause.value == cause), None)
    assert f is not None and f.cause.value == cause, (output[-600:], found)
    if party:
        assert f.who_fixes.value == party, (output[-600:], f.who_fixes)
    return float(f.confidence), next(s for s in f.fix if s.applies_to == program)


def _line(step: FixStep, start: str) -> str:
    line = next((ln for ln in step.code.splitlines() if ln.startswith(start)), None)
    assert line is not None, step.code
    return line


def _run(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    p = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=30,
                       stdin=subprocess.DEVNULL, env=env)
    return p.stdout + p.stderr


# ---- git over libcurl-gnutls -------------------------------------------------------------

_GIT_PASSED = "not valid: is this a git repository?"  # TLS passed; s_server speaks no git


def _git_env(home: Path, pki: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_SSL")}
    return {**env, "HOME": str(home), "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C.UTF-8",
            "GIT_SSL_CAINFO": str(pki / "ca.pem")}


@pytest.mark.skipif(shutil.which("git") is None, reason="git missing (apt: git)")
def test_git_without_a_client_certificate_gets_http_sslcert_which_fixes_it(
        pki: Path, servers: dict[str, int]) -> None:
    """TLS 1.3: git prints only GnuTLS's post-handshake "A TLS fatal alert has been
    received."; explain ranks the client certificate first (below certainty) with git's own
    http.sslCert/http.sslKey step. The printed per-URL config lines (in a fresh HOME) and the
    -c line get past TLS; with another CA's certificate the same lines are refused."""
    w = _workdir(pki, "git")
    env = _git_env(w, pki)
    url = f"https://localhost:{servers['mtls']}/repo.git"
    out = _run(["git", "ls-remote", url], w, env)
    assert "GnuTLS recv error (-12): A TLS fatal alert has been received." in out, out
    conf, step = _finding_step(out, "git", "client_cert_required", party="client")
    assert conf < 0.6
    config = [ln for ln in step.code.splitlines() if ln.startswith("git config ")]
    assert len(config) == 2 and all(f"localhost:{servers['mtls']}" in ln for ln in config), config
    script = "\n".join([_line(step, "chmod"), *config, f"git ls-remote {url}"])
    assert _GIT_PASSED in _run(["bash", "-c", script], w, env)
    once = _line(step, "git -c ")
    assert _GIT_PASSED in _run(["bash", "-c", once], w, _git_env(pki, pki))
    o = _workdir(pki, "git-other", client="oclient")
    refused = _run(["bash", "-c", "\n".join([*config, f"git ls-remote {url}"])], o,
                   _git_env(o, pki))
    assert "A TLS fatal alert has been received" in refused, refused


@pytest.mark.skipif(shutil.which("git") is None, reason="git missing (apt: git)")
def test_git_certificate_of_another_ca_over_tls12_names_the_alert(
        pki: Path, servers: dict[str, int]) -> None:
    """TLS 1.2: libcurl names the alert ("CA is unknown", GnuTLS's name for unknown_ca):
    the client's certificate, confidently; no certificate at all reads as the bare
    handshake_failure ("Handshake failed"), which stays ambiguous."""
    o = _workdir(pki, "git12", client="oclient")
    url = f"https://localhost:{servers['mtls12']}/repo.git"
    out = _run(["git", "-c", f"http.sslCert={o / 'client.crt'}", "-c",
                f"http.sslKey={o / 'client.key'}", "ls-remote", url], o, _git_env(o, pki))
    assert "gnutls_handshake() failed: CA is unknown" in out, out
    conf, step = _finding_step(out, "git", "client_cert_required", party="client")
    assert conf >= 0.6 and "http.sslCert" in step.code
    none = _run(["git", "ls-remote", url], o, _git_env(o, pki))
    assert "gnutls_handshake() failed: Handshake failed" in none, none
    r = explain(none)
    assert r.findings[0].confidence < 0.6
    assert "client_cert_required" in [f.cause.value for f in r.findings]


# ---- stunnel's client service ------------------------------------------------------------

def _stunnel(w: Path, settings: list[str], connect: int) -> tuple[str, str]:
    """stunnel's client service with ``settings``: what one request through it got, and
    stunnel's log."""
    port = free_port()
    conf = w / "stunnel.conf"
    conf.write_text("\n".join(["foreground = yes", "pid =", "debug = 5", "[c]", "client = yes",
                               f"accept = {HOST}:{port}", f"connect = {HOST}:{connect}",
                               f"CAfile = {w / 'server-ca.pem'}", "verifyChain = yes",
                               "checkHost = localhost", *settings]) + "\n")
    with logged_process(["stunnel4", str(conf)], w / "stunnel.log") as proc:
        wait_ready(HOST, port, timeout=10, alive=lambda: proc.poll() is None)
        got = subprocess.run(["curl", "-s", "--max-time", "5", f"http://{HOST}:{port}/"],
                             capture_output=True, text=True, timeout=10).stdout
        stop(proc)  # its log is complete once it has exited
    return got, (w / "stunnel.log").read_text(errors="replace")


@pytest.mark.skipif(shutil.which("stunnel4") is None or shutil.which("curl") is None,
                    reason="stunnel4 or curl missing (apt: stunnel4, curl)")
@pytest.mark.parametrize("server", ["mtls", "mtls12"])
def test_stunnel_client_without_a_certificate_gets_cert_and_key(
        pki: Path, servers: dict[str, int], server: str) -> None:
    """Over TLS 1.3 stunnel logs the alert at SSL_read (its handshake had completed), over
    TLS 1.2 at SSL_connect; with a certificate of another CA, "alert unknown ca". Each is
    the client's certificate, confidently, with stunnel's cert/key lines, which (the files
    mapped to the work directory) make the tunnel serve the page."""
    w = _workdir(pki, f"stunnel-{server}")
    got, log = _stunnel(w, [], servers[server])
    assert not got and ("alert certificate required" in log or "alert handshake failure" in log)
    if server == "mtls":
        conf, step = _finding_step(log, "stunnel_client", "client_cert_required", party="client")
        assert conf >= 0.6
    o = _workdir(pki, f"stunnel-{server}-other", client="oclient")
    cert = [f"cert = {o / 'client.crt'}", f"key = {o / 'client.key'}"]
    got, log = _stunnel(o, cert, servers[server])
    assert not got and "alert unknown ca" in log, log
    conf, step = _finding_step(log, "stunnel_client", "client_cert_required", party="client")
    assert conf >= 0.6
    printed = [ln.replace("/etc/stunnel/", f"{w}/") for ln in step.code.splitlines()
               if " = " in ln and not ln.startswith("#")]
    assert {p.split(" = ")[0] for p in printed} == {"cert", "key"}
    got, log = _stunnel(w, printed, servers[server])
    assert "s_server" in got, log


# ---- ldapsearch (libldap over GnuTLS) ----------------------------------------------------

@pytest.fixture(scope="module")
def slapd(pki: Path) -> Iterator[dict[str, int]]:
    """slapd (no database: the root DSE is enough) demanding a client certificate of the
    private root on ldaps ("demand"), and its plain LDAP port ("plain")."""
    if _SLAPD is None or shutil.which("ldapsearch") is None:
        pytest.skip("slapd or ldapsearch missing (apt: slapd, ldap-utils)")
    ports = {"demand": free_port(), "plain": free_port()}
    conf = pki / "slapd-demand.conf"
    conf.write_text(f"pidfile {pki}/slapd.pid\nargsfile {pki}/slapd.args\n"
                    f"TLSCertificateFile {pki}/leaf.chain.pem\n"
                    f"TLSCertificateKeyFile {pki}/leaf.key.pem\n"
                    f"TLSCACertificateFile {pki}/ca.pem\nTLSVerifyClient demand\n")
    urls = f"ldaps://{HOST}:{ports['demand']}/ ldap://{HOST}:{ports['plain']}/"
    with logged_process([_SLAPD, "-h", urls, "-f", str(conf), "-d", "none"],
                        pki / "slapd.log") as proc:
        for port in ports.values():
            wait_ready(HOST, port, timeout=15, alive=lambda: proc.poll() is None)
        yield ports


def _ldap_env(home: Path, **given: str) -> dict[str, str]:
    """No system ldap.conf, no LDAP* variable but ``given``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LDAP")}
    return {**env, "HOME": str(home), "LDAPCONF": os.devnull, "LC_ALL": "C.UTF-8", **given}


def _ldapsearch(port: int, home: Path, env: dict[str, str], *, debug: bool = True) -> str:
    argv = ["ldapsearch", "-x", "-o", "nettimeout=5", "-H", f"ldaps://{HOST}:{port}", "-b",
            "", "-s", "base"]
    return _run([*argv[:1], "-d", "1", *argv[1:]] if debug else argv, home, env)


_OK = "result: 0 Success"


def test_ldapsearch_without_a_client_certificate_gets_tls_cert_and_key(
        pki: Path, slapd: dict[str, int]) -> None:
    """slapd demands a certificate (TLS 1.3): ldapsearch prints only "Can't contact LDAP
    server (-1)"; -d 1 shows the handshake completed first, which ranks the client
    certificate first (below certainty) with libldap's TLS_CERT/TLS_KEY step. The printed
    ~/.ldaprc lines (the files mapped to the work directory) and the LDAPTLS_CERT command
    read the root DSE; with another CA's certificate slapd still refuses."""
    w = _workdir(pki, "ldap")
    env = _ldap_env(w, LDAPTLS_CACERT=str(pki / "ca.pem"))
    plain = _ldapsearch(slapd["demand"], w, env, debug=False)
    # TLS 1.3: slapd's refusal arrives after the handshake, so libldap meets it either while
    # sending the bind or while reading its answer; which one is timing (a loaded CI printed
    # the second), and both are the program's real words.
    assert plain.strip() in ("ldap_sasl_bind(SIMPLE): Can't contact LDAP server (-1)",
                             "ldap_result: Can't contact LDAP server (-1)"), plain
    r = explain(plain)
    assert r.recognized and r.findings[0].confidence < 0.6
    assert "client_cert_required" in [f.cause.value for f in r.findings]
    traced = _ldapsearch(slapd["demand"], w, env)
    conf, step = _finding_step(traced, "ldapsearch", "client_cert_required", party="client")
    assert conf < 0.6 and "user-only" in step.text
    rc = "\n".join(ln.replace("/etc/ldap/", f"{w}/") for ln in step.code.splitlines()
                   if ln.startswith(("TLS_CERT ", "TLS_KEY ")))
    (w / ".ldaprc").write_text(rc + "\n")
    assert _OK in _ldapsearch(slapd["demand"], w, env, debug=False)
    o = _workdir(pki, "ldap-other", client="oclient")
    (o / ".ldaprc").write_text(rc.replace(str(w), str(o)) + "\n")
    assert _OK not in _ldapsearch(slapd["demand"], o, _ldap_env(
        o, LDAPTLS_CACERT=str(pki / "ca.pem")), debug=False)
    (w / ".ldaprc").unlink()
    one = _line(step, "LDAPTLS_CERT=").replace("HOST", HOST).replace("PORT", str(slapd["demand"]))
    assert _OK in _run(["bash", "-c", one], w, env)


_LDAP_FAULTS = {  # fault -> (the right cause from -d 1, what the client is given)
    "untrusted_root": ("cert_untrusted_root", "other.pem"),
    "wrong_host": ("hostname_mismatch", "ca.pem"),
    "plain_port": ("non_tls_service_on_port", "ca.pem"),
    "refused": ("name_resolution_or_unreachable", "ca.pem"),
    "client_cert_required": ("client_cert_required", "ca.pem"),
}


def test_ldapsearch_bare_minus_one_is_ranked_and_its_trace_decides(
        pki: Path, slapd: dict[str, int], servers: dict[str, int]) -> None:
    """Five real faults print the same plain line: recognised, the fault among the
    candidates, none confident. With -d 1 the trace's words put the fault first (an
    untrusted CA's 0x42 status fits a self-signed server as well: either, below certainty)."""
    ports = {"untrusted_root": slapd["demand"], "wrong_host": servers["wrong"],
             "plain_port": slapd["plain"], "refused": free_port(),
             "client_cert_required": slapd["demand"]}
    w = pki / "ldap-faults"
    w.mkdir(exist_ok=True)
    misses = []
    for fault, (cause, ca) in _LDAP_FAULTS.items():
        env = _ldap_env(w, LDAPTLS_CACERT=str(pki / ca))
        plain = _ldapsearch(ports[fault], w, env, debug=False)
        r = explain(plain)
        causes = [f.cause.value for f in r.findings]
        if ("Can't contact LDAP server (-1)" not in plain or not r.recognized
                or r.findings[0].confidence >= 0.6 or cause not in causes):
            misses.append(f"{fault} plain: {plain!r} -> {causes}")
        traced = explain(_ldapsearch(ports[fault], w, env)).findings
        right = {cause} | ({"cert_self_signed"} if fault == "untrusted_root" else set())
        if not traced or traced[0].cause.value not in right:
            misses.append(f"{fault} -d 1: {[(f.cause.value, f.confidence) for f in traced]}")
    assert not misses, "\n".join(misses)


# ---- Node's UNABLE_TO_VERIFY_LEAF_SIGNATURE ---------------------------------------------

_APP = """const https = require('https');
https.get({host: 'localhost', port: +process.argv[2], path: '/'}, res => {
  console.log(res.statusCode); res.resume(); })
  .on('error', err => { console.error(err); process.exit(1); });
"""


# A server that sends what its certificate file holds (leaf, then chain), as nginx's
# ssl_certificate or Apache's SSLCertificateFile do (s_server's -cert sends the leaf only).
_PY_HTTPS = """import http.server, ssl, sys
srv = http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), http.server.SimpleHTTPRequestHandler)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[2], sys.argv[3])
srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
srv.serve_forever()
"""


def _https(stack: ExitStack, w: Path, cert: Path, key: Path) -> int:
    port = free_port()
    proc = stack.enter_context(logged_process(
        [sys.executable, "-c", _PY_HTTPS, str(port), str(cert), str(key)],
        w / f"https-{cert.stem}.log"))
    wait_ready(HOST, port, timeout=10, alive=lambda: proc.poll() is None)
    return port


def _node(w: Path, port: int, env: dict[str, str], line: str = "node app.js") -> str:
    (w / "app.js").write_text(_APP)
    return _run(["bash", "-c", f"{line} {port}"], w, env)


@pytest.mark.skipif(shutil.which("node") is None, reason="node missing (apt: nodejs)")
def test_node_leaf_without_its_intermediate_is_fixed_by_the_servers_chain(pki: Path) -> None:
    """The server sends the intermediate's leaf alone: Node (given the root) prints
    UNABLE_TO_VERIFY_LEAF_SIGNATURE; explain ranks incomplete_chain first, below certainty,
    with the untrusted root second. NODE_EXTRA_CA_CERTS with the root does not help (Node
    fetches no intermediate); the chain step's cat line, served, does."""
    w = pki / "node-chain"
    w.mkdir(exist_ok=True)
    shutil.copyfile(pki / "ileaf.only.pem", w / "server.crt")
    shutil.copyfile(pki / "inter.pem", w / "intermediate.crt")
    env = {**os.environ, "NODE_EXTRA_CA_CERTS": str(pki / "ca.pem"), "NODE_OPTIONS": ""}
    with ExitStack() as stack:
        port = _https(stack, w, w / "server.crt", pki / "ileaf.key.pem")
        out = _node(w, port, env)
        assert "UNABLE_TO_VERIFY_LEAF_SIGNATURE" in out, out
        conf, step = _finding_step(out, "node", "incomplete_chain", party="server")
        assert conf < 0.6
        _, trust = _finding_step(out, "node", "cert_untrusted_root", top=False)
        extra = _line(trust, "NODE_EXTRA_CA_CERTS=").replace("$PWD/server-ca.pem",
                                                            str(pki / "ca.pem"))
        assert "UNABLE_TO_VERIFY_LEAF_SIGNATURE" in _node(w, port, env, extra)
        _run(["bash", "-c", _line(step, "cat ")], w)
    with ExitStack() as stack:
        port = _https(stack, w, w / "fullchain.pem", pki / "ileaf.key.pem")
        assert _node(w, port, env).strip() == "200"


@pytest.mark.skipif(shutil.which("node") is None, reason="node missing (apt: nodejs)")
def test_node_private_root_is_fixed_by_node_extra_ca_certs(pki: Path) -> None:
    """A private root's leaf, sent alone (nothing is missing: the root is not trusted):
    the same code and the same ranking; the printed NODE_EXTRA_CA_CERTS line (the private
    CA saved as server-ca.pem) connects, and another CA's server is still refused."""
    w = pki / "node-trust"
    w.mkdir(exist_ok=True)
    shutil.copyfile(pki / "ca.pem", w / "server-ca.pem")
    env = {k: v for k, v in os.environ.items() if k != "NODE_EXTRA_CA_CERTS"}
    env["NODE_OPTIONS"] = ""
    with ExitStack() as stack:
        port = _s_server(stack, pki, "node-private", pki / "leaf.chain.pem", pki / "leaf.key.pem")
        other = _s_server(stack, pki, "node-other", pki / "oleaf.chain.pem",
                          pki / "oleaf.key.pem")
        out = _node(w, port, env)
        assert "UNABLE_TO_VERIFY_LEAF_SIGNATURE" in out, out
        _, step = _finding_step(out, "node", "cert_untrusted_root", top=False)
        assert "NODE_TLS_REJECT_UNAUTHORIZED=0 is not a fix" in step.text
        line = _line(step, "NODE_EXTRA_CA_CERTS=")
        assert line.endswith(" node app.js"), line
        assert _node(w, port, env, line).strip() == "200"
        assert "UNABLE_TO_VERIFY_LEAF_SIGNATURE" in _node(w, other, env, line)
