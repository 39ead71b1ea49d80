"""Other real TLS server stacks (issue 11: right where reality differs from our own test
servers): GnuTLS ``gnutls-serv``, Go ``crypto/tls``, Node.js ``tls.createServer`` and
Java ``SSLServerSocket``, each set up the way its operators do (priority strings,
tls.Config, createServer options, jdk.tls.server.protocols). For every stack: a version
mismatch, a legacy-only cipher list, a required client certificate, a wrong-name,
expired and chain-less certificate, and a name the server has no certificate for. Each
asserts the cause, who fixes it and the exit code; a real client (curl) fails on the same
server and ``explain`` of its message names the same cause."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tlsdoctor import api
from tlsdoctor.testing import servers, stacks
from tlsdoctor.testing.ca import CA, self_signed

SITE = "www.site.test"
NAMES = ("localhost", SITE)


@pytest.fixture(scope="session")
def go_binary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not stacks.have_go():
        pytest.skip("go is not installed")
    return stacks.build_go(tmp_path_factory.mktemp("goserver"))


@pytest.fixture(scope="session")
def java_classes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not stacks.have_java():
        pytest.skip("java/javac are not installed")
    return stacks.build_java(tmp_path_factory.mktemp("javaserver"))


class Certs:
    """The certificates of one test: a good RSA leaf, and each broken one on demand."""

    def __init__(self, ca: CA, d: Path) -> None:
        self.ca, self.dir = ca, d
        self.root = ca.write(d / "root.pem")
        self.client_ca = CA(name="stack client CA").write(d / "client-ca.pem")

    def good(self) -> tuple[Path, Path]:
        return self.ca.issue(NAMES, key_type="rsa2048").write(self.dir, stem="good")

    def wrong_name(self) -> tuple[Path, Path]:
        return self.ca.issue(("other.test",), key_type="rsa2048").write(self.dir, stem="wrong")

    def expired(self) -> tuple[Path, Path]:
        return self.ca.issue(NAMES, key_type="rsa2048", not_before=timedelta(days=-30),
                             not_after=timedelta(days=-2)).write(self.dir, stem="expired")

    def leaf_only(self) -> tuple[Path, Path]:
        """A leaf from an intermediate, served without the intermediate."""
        leaf = self.ca.intermediate("stack intermediate CA").issue(NAMES, key_type="rsa2048")
        chain, key = leaf.write(self.dir, stem="leafonly")
        chain.write_bytes(leaf.cert_pem)
        return chain, key

    def self_signed(self) -> tuple[Path, Path]:
        return self_signed(NAMES, key_type="rsa2048").write(self.dir, stem="self")


@pytest.fixture
def certs(ca: CA, tmp_path: Path) -> Certs:
    return Certs(ca, tmp_path)


@pytest.fixture
def running() -> Iterator[Callable[[servers.Server], servers.Server]]:
    started: list[servers.Server] = []

    def keep(srv: servers.Server) -> servers.Server:
        started.append(srv)
        return srv
    yield keep
    for srv in started:
        srv.stop()


def diagnose(srv: servers.Server, certs: Certs, host: str = "localhost", **kw: Any) -> Any:
    kw.setdefault("ca_file", str(certs.root))
    return api.diagnose(f"{host}:{srv.port}", connect="127.0.0.1", offline=True, timeout=2,
                        **kw)


def assert_root(report: Any, cause: str, who: str, outcome: str = "fails") -> None:
    got = [(f.cause.value, f.who_fixes.value, f.title) for f in report.findings]
    assert report.outcome.value == outcome, got
    assert report.exit_code == {"fails": 2, "risky": 1, "ok": 0}[outcome]
    assert report.root_cause_id == cause, got
    assert report.root_cause.who_fixes.value == who, got
    assert report.root_cause.fix, "a root cause without a fix"


def curl_agrees(srv: servers.Server, certs: Certs, cause: str, host: str = "localhost",
                *extra: str) -> None:
    """curl fails on the same server, and explain() of what it printed names ``cause``."""
    if shutil.which("curl") is None:
        return
    p = subprocess.run(["curl", "-sS", "--max-time", "5", "--cacert", str(certs.root),
                        "--resolve", f"{host}:{srv.port}:127.0.0.1", *extra,
                        f"https://{host}:{srv.port}/"], capture_output=True, text=True,
                       timeout=10, check=False)
    assert p.returncode != 0, p.stdout
    explained = api.explain(p.stderr)
    assert cause in {f.cause.value for f in explained.findings}, (p.stderr, [
        f.cause.value for f in explained.findings])


# What each scenario really is (we set it up): cause, who fixes it, diagnose options.
SCENARIOS: dict[str, tuple[str, str, dict[str, Any]]] = {
    "old_version": ("protocol_version_mismatch", "server", {}),  # server: TLS 1.0 only
    "tls13_only": ("protocol_version_mismatch", "client", {"client": "openssl-1.0.2"}),
    "legacy_suite": ("cipher_suite_mismatch", "server", {}),  # only a suite clients dropped
    "client_cert": ("client_cert_required", "client", {}),
    "wrong_name": ("hostname_mismatch", "server", {}),
    "expired": ("cert_expired", "server", {}),
    "leaf_only": ("incomplete_chain", "server", {}),
    "unknown_sni": ("sni_required_or_mismatch", "server", {"host": "nosuch.test"}),
}
_CERT = {"wrong_name": Certs.wrong_name, "expired": Certs.expired,
         "leaf_only": Certs.leaf_only}
_JDK_WITH_TLS10 = {"jdk.tls.disabledAlgorithms": "SSLv3, RC4, DES, MD5withRSA, "
                   "DH keySize < 1024, EC keySize < 224, 3DES_EDE_CBC, anon, NULL"}


def _gnutls(certs: Certs, scenario: str, _tools: Any) -> servers.Server:
    if not servers.have_gnutls():
        pytest.skip("gnutls-serv is not installed")
    only = {"old_version": "NORMAL:-VERS-ALL:+VERS-TLS1.0",
            "tls13_only": "NORMAL:-VERS-ALL:+VERS-TLS1.3",
            "legacy_suite": "NORMAL:-VERS-ALL:+VERS-TLS1.2:-CIPHER-ALL:+3DES-CBC"}
    kw: dict[str, Any] = {"priority": only.get(scenario)}
    if scenario == "client_cert":
        kw["client_ca"] = certs.client_ca
    if scenario == "unknown_sni":
        kw["extra_args"] = ["--sni-hostname", SITE, "--sni-hostname-fatal"]
    return servers.gnutls_server(*_CERT.get(scenario, Certs.good)(certs), **kw)


def _go(certs: Certs, scenario: str, tools: Any) -> servers.Server:
    kw: dict[str, Any] = {
        "old_version": {"min_version": "1.0", "max_version": "1.0"},
        "tls13_only": {"min_version": "1.3"},
        "legacy_suite": {"max_version": "1.2",
                         "cipher_suites": ["TLS_RSA_WITH_3DES_EDE_CBC_SHA"]},
        "client_cert": {"client_ca": certs.client_ca},
        "unknown_sni": {"sni": SITE}}.get(scenario, {})
    return stacks.go_server(tools.getfixturevalue("go_binary"),
                            *_CERT.get(scenario, Certs.good)(certs), **kw)


def _node(certs: Certs, scenario: str, _tools: Any) -> servers.Server:
    if not stacks.have_node():
        pytest.skip("node is not installed")
    kw: dict[str, Any] = {
        "old_version": {"min_version": "TLSv1", "max_version": "TLSv1",
                        "ciphers": "DEFAULT:@SECLEVEL=0"},
        "tls13_only": {"min_version": "TLSv1.3"},
        "legacy_suite": {"max_version": "TLSv1.2", "ciphers": "AES128-SHA"},
        "client_cert": {"client_ca": certs.client_ca},
        "unknown_sni": {"sni": SITE}}.get(scenario, {})
    return stacks.node_server(*_CERT.get(scenario, Certs.good)(certs), **kw)


def _java(certs: Certs, scenario: str, tools: Any) -> servers.Server:
    kw: dict[str, Any] = {
        "old_version": {"protocols": ["TLSv1"], "security": _JDK_WITH_TLS10},
        "tls13_only": {"protocols": ["TLSv1.3"]},
        "legacy_suite": {"protocols": ["TLSv1.2"], "suites": ["TLS_RSA_WITH_AES_128_CBC_SHA"]},
        "client_cert": {"client_ca": certs.client_ca},
        "unknown_sni": {"sni": SITE}}.get(scenario, {})
    return stacks.java_server(tools.getfixturevalue("java_classes"),
                              *_CERT.get(scenario, Certs.good)(certs), **kw)


STACKS = {"gnutls": _gnutls, "go": _go, "node": _node, "java": _java}


@pytest.mark.parametrize("scenario", list(SCENARIOS))
@pytest.mark.parametrize("stack", list(STACKS))
def test_stack_scenario(stack, scenario, certs, running, request):
    cause, who, opts = SCENARIOS[scenario]
    opts = dict(opts)
    host = opts.pop("host", "localhost")
    srv = running(STACKS[stack](certs, scenario, request))
    report = diagnose(srv, certs, host, **opts)
    assert_root(report, cause, who)


# curl's own message, through explain, must name the cause the live diagnosis found.
# Not gnutls + client_cert: gnutls-serv answers the empty client Certificate with a
# decode_error alert, and curl's "tlsv1 alert decode error" does not name the cause.
_CURL_CASES = [(stack, scenario) for stack in ("gnutls", "go")
               for scenario in ("old_version", "client_cert", "wrong_name", "expired", "leaf_only")
               if (stack, scenario) != ("gnutls", "client_cert")]


@pytest.mark.parametrize(("stack", "scenario"), _CURL_CASES)
def test_curl_message_explains_the_same_cause(stack, scenario, certs, running, request):
    cause, _who, _opts = SCENARIOS[scenario]
    srv = running(STACKS[stack](certs, scenario, request))
    # With TLS 1.3 the server refuses a missing client certificate after curl's side of
    # the handshake, and curl then reports whatever socket error it meets first (e.g.
    # "(55) getpeername() failed"); with TLS 1.2 the refusal is inside the handshake.
    extra = ("--tls-max", "1.2") if scenario == "client_cert" else ()
    curl_agrees(srv, certs, cause, "localhost", *extra)


def test_gnutls_self_signed(certs, running):
    if not servers.have_gnutls():
        pytest.skip("gnutls-serv is not installed")
    srv = running(servers.gnutls_server(*certs.self_signed()))
    assert_root(diagnose(srv, certs), "cert_self_signed", "server")


def test_go_unknown_sni_by_address_asks_for_the_name(certs, running, go_binary):
    """Go answers internal_error when GetCertificate fails: by IP there is no name in the
    hello, and a neutral name fails the same way; send the site's name."""
    srv = running(stacks.go_server(go_binary, *certs.good(), sni=SITE))
    report = diagnose(srv, certs, "127.0.0.1")
    assert_root(report, "sni_required_or_mismatch", "client")
    assert "server_misconfiguration" not in {f.cause.value for f in report.findings}
    assert any("internal_error" in line for line in report.root_cause.evidence)
    assert any("--resolve" in s.code for s in report.root_cause.fix)
    # Twin: the name it serves works.
    ok = diagnose(srv, certs, SITE)
    assert ok.outcome.value in ("ok", "risky") and ok.root_cause_id != "sni_required_or_mismatch"


def test_go_unknown_name_is_not_a_cipher_problem(certs, running, go_binary):
    srv = running(stacks.go_server(go_binary, *certs.good(), sni=SITE))
    report = diagnose(srv, certs, "nosuch.test")
    assert_root(report, "sni_required_or_mismatch", "server")
    assert "nosuch.test" in report.root_cause.title
    assert not any("ssl_ciphers" in s.code for s in report.root_cause.fix)


def test_node_sni_callback_closes_without_an_alert(certs, running):
    if not stacks.have_node():
        pytest.skip("node is not installed")
    srv = running(stacks.node_server(*certs.good(), sni=SITE))
    report = diagnose(srv, certs, "nosuch.test")
    assert_root(report, "sni_required_or_mismatch", "server")
    assert any("closed without an alert" in line for line in report.root_cause.evidence)
