"""Round 17, real cluster daemons on 127.0.0.1: an etcd (started once, with the flags of
explain's own etcd fix line) serving TLS with --client-cert-auth, whose certificate names only
``localhost``, and real etcdctl clients that fail against it; a nats-server with a tls { }
block that verifies client certificates, and real TLS clients (Python's ssl speaking the
NATS protocol) that fail against it. What each daemon really logged is fed to explain,
which must name the cause and the side; then every fix line explain printed is applied
(its placeholders replaced by the lab's paths and ports) and the client now succeeds.
A ZooKeeper with a TLS-only client port that requires client certificates is read the same
way (no ZooKeeper fix line is printed, so none is applied).
Skips when a program is missing (.ci/run installs etcd-server, etcd-client, nats-server,
zookeeper)."""

from __future__ import annotations

import shlex
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.finding import Finding
from tlsdoctor.fixes.data import toml_file
from tlsdoctor.testing import etcd_run, nats_run
from tlsdoctor.testing.etcd_run import EtcdLab, etcd_lab, etcdctl, have_etcd, placeholders
from tlsdoctor.testing.nats_run import NatsLab, have_nats, nats_client, nats_lab
from tlsdoctor.testing.processes import wait_until
from tlsdoctor.testing.servers import free_port
from tlsdoctor.testing.zookeeper_run import ZkLab, have_zookeeper, zk_client, zk_lab


def _read(line: str) -> tuple[str, str, list[Finding]]:
    r = explain(line)
    assert r.recognized and r.findings, line
    return r.source, r.side, list(r.findings)


def _finding(findings: list[Finding], cause: str) -> Finding:
    got = [f for f in findings if f.cause.value == cause]
    assert got, [f.cause.value for f in findings]
    return got[0]


# -- etcd -------------------------------------------------------------------------------

etcd = pytest.mark.skipif(not have_etcd(), reason="etcd, etcdctl or openssl missing")


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EtcdLab]:
    if not have_etcd():
        pytest.skip("etcd, etcdctl or openssl missing")
    store = str(toml_file("cluster.toml")["etcd"]["store"]["code"])
    with etcd_lab(tmp_path_factory.mktemp("etcd"), store) as started:
        yield started


def _rejected(lab: EtcdLab, args: list[str], endpoint: str = "") -> tuple[str, str]:
    """(etcdctl's output, etcd's first "rejected connection" line) for one failing run."""
    since = lab.log_size()
    out = etcdctl(lab, [*args, "endpoint", "health"], endpoint=endpoint)
    assert "is healthy" not in out, out
    # (a bare TCP connect, as the lab's readiness check makes, is logged as error "EOF")
    lines = [ln for ln in lab.log_text(since).splitlines()
             if "rejected connection" in ln and '(error "EOF"' not in ln]
    assert lines, lab.log_text(since)[-2000:]
    return out, lines[0]


def _apply(lab: EtcdLab, f: Finding, **extra: str) -> str:
    """Run every command line of ``f``'s etcd fix step in the lab; the last one's output."""
    steps = [s for s in f.fix if s.applies_to in ("etcd", "etcdctl")]
    assert steps, [s.text for s in f.fix]
    out = ""
    for line in steps[0].code.splitlines():
        argv = shlex.split(etcd_run.substitute(line, {**placeholders(lab), **extra}),
                           comments=True)
        out = etcd_run.run(argv)
        if argv[0] == "openssl" and argv[1] == "verify":
            assert ": OK" in out, out
    return out


def _files(lab: EtcdLab, *names: str) -> list[str]:
    flags = {"ca": "--cacert", "client": "--cert", "client_key": "--key",
             "stranger": "--cert", "stranger_key": "--key"}
    return [arg for n in names for arg in (flags[n], str(lab.files[n]))]


@etcd
def test_etcdctl_without_etcds_ca(lab: EtcdLab) -> None:
    _, line = _rejected(lab, _files(lab, "client", "client_key"))
    assert "remote error: tls: bad certificate" in line
    source, side, findings = _read(line)
    # etcd's log of the client's alert: the client refused etcd's certificate
    assert (source, side, findings[0].cause.value) == ("etcd", "server", "cert_untrusted_root")
    assert findings[0].confidence < 0.6 and findings[0].who_fixes.value == "client"
    assert "is healthy" in _apply(lab, findings[0])


@etcd
def test_etcdctl_without_a_client_certificate(lab: EtcdLab) -> None:
    _, line = _rejected(lab, _files(lab, "ca"))
    source, side, findings = _read(line)
    assert (source, side, findings[0].cause.value) == ("etcd", "server", "client_cert_required")
    assert findings[0].confidence >= 0.6
    assert "is healthy" in _apply(lab, findings[0])


@etcd
def test_etcdctl_with_another_cas_client_certificate(lab: EtcdLab) -> None:
    _, line = _rejected(lab, _files(lab, "ca", "stranger", "stranger_key"))
    assert "failed to verify client" in line
    source, side, findings = _read(line)
    assert (source, side, findings[0].cause.value) == ("etcd", "server", "client_cert_required")
    assert "is healthy" in _apply(lab, findings[0])


@etcd
def test_etcdctl_by_an_address_the_certificate_lacks(lab: EtcdLab) -> None:
    _, line = _rejected(lab, _files(lab, "ca", "client", "client_key"),
                        endpoint=f"https://127.0.0.1:{lab.port}")
    assert "remote error: tls: bad certificate" in line
    source, side, findings = _read(line)
    assert (source, side) == ("etcd", "server") and findings[0].confidence < 0.6
    name = _finding(findings, "hostname_mismatch")
    sans = etcd_run.run(["openssl", "x509", "-in", str(lab.files["server"]), "-noout", "-ext",
                         "subjectAltName"])
    held = sans.split("DNS:")[1].split(",")[0].strip()
    assert held == "localhost"
    assert "is healthy" in _apply(lab, name, NAME=held)


@etcd
def test_etcdctl_over_plain_http(lab: EtcdLab) -> None:
    out, line = _rejected(lab, [], endpoint=f"http://127.0.0.1:{lab.port}")
    assert "first record does not look like a TLS handshake" in line
    source, side, findings = _read(line)
    assert (source, side, findings[0].cause.value) == ("etcd", "server",
                                                       "non_tls_service_on_port")
    assert "is healthy" in _apply(lab, findings[0])
    # etcdctl's own output names no TLS reason: never a confident cause
    r = explain(out)
    assert not r.recognized or all(f.confidence < 0.6 for f in r.findings)


@etcd
def test_a_bare_tcp_connect_is_no_fault(lab: EtcdLab) -> None:
    """The lab's readiness check (a TCP connect closed before any TLS) as etcd logged it."""
    def eofs() -> list[str]:
        return [ln for ln in lab.log_text().splitlines() if '(error "EOF"' in ln]

    wait_until(lambda: bool(eofs()), 5)  # etcd logs it just after the connect has closed
    lines = eofs()
    assert lines, lab.log_text()[-2000:]
    r = explain(lines[0])
    assert (r.recognized, r.source, r.side) == (True, "etcd", "server")
    assert not r.findings, [f.cause.value for f in r.findings]  # understood, no fault


@etcd
def test_etcd_started_from_the_store_fix_line(lab: EtcdLab) -> None:
    """The store step's flags are the lab's: etcd serves TLS and requires client certs."""
    r = explain("etcdmain: TLS key/cert (--cert-file, --key-file) must be provided for client "
                "url https://127.0.0.1:2379 with HTTPS scheme")
    assert (r.source, r.findings[0].cause.value) == ("etcd", "server_misconfiguration")
    assert any(s.applies_to == "etcd" and "--cert-file" in s.code for s in r.findings[0].fix)
    out = etcdctl(lab, [*_files(lab, "ca", "client", "client_key"), "endpoint", "health"])
    assert "is healthy" in out


# -- nats-server ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nats(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NatsLab]:
    if not have_nats():
        pytest.skip("nats-server or openssl missing")
    block = str(toml_file("cluster.toml")["nats_server"]["store"]["code"])
    with nats_lab(tmp_path_factory.mktemp("nats"), block) as started:
        yield started


def _nats_failure(nats: NatsLab, **client: object) -> str:
    since = nats.log_size()
    ok = nats_client(nats, **client)  # type: ignore[arg-type]
    assert not ok

    def failures() -> list[str]:
        # (the lab's readiness check, a bare TCP connect, is logged as "EOF" or a reset)
        return [ln for ln in nats.log_text(since).splitlines()
                if "TLS handshake error" in ln and not ln.endswith("handshake error: EOF")
                and not ln.endswith("connection reset by peer")]

    wait_until(lambda: bool(failures()), 5)  # the server logs just after the client has gone
    lines = failures()
    assert lines, nats.log_text(since)[-2000:]
    return lines[0]


def _nats_apply(nats: NatsLab, f: Finding) -> None:
    """Run the nats-server fix step's commands (a config block is the lab's own)."""
    steps = [s for s in f.fix if s.applies_to == "nats_server"]
    assert steps, [s.text for s in f.fix]
    for line in steps[0].code.splitlines():
        if line.startswith("openssl"):
            argv = shlex.split(nats_run.substitute(line, nats), comments=True)
            out = subprocess.run(argv, capture_output=True, text=True, timeout=10,
                                 check=False).stdout
            assert ": OK" in out, out


@pytest.mark.skipif(not have_nats(), reason="nats-server or openssl missing")
@pytest.mark.parametrize(("client", "said", "cause", "conf"), [
    # Python's ssl (OpenSSL 3) refusing the server's chain under TLS 1.3: its "unknown ca"
    # alert reaches Go's server as "local error: tls: bad record MAC" here (read ranked)
    ({"cafile": False}, "remote error: tls: unknown certificate authority|bad record MAC",
     "cert_untrusted_root", 0.0),
    ({"cert": False}, "client didn't provide a certificate", "client_cert_required", 0.6),
    ({"stranger": True}, "failed to verify", "client_cert_required", 0.6),
    ({"plain": True}, "first record does not look like a TLS handshake",
     "non_tls_service_on_port", 0.6),
])
def test_nats_server_tls_listener(nats: NatsLab, client: dict[str, bool], said: str,
                                  cause: str, conf: float) -> None:
    line = _nats_failure(nats, **client)
    assert any(words in line for words in said.split("|")), line
    source, side, findings = _read(line)
    assert (source, side, findings[0].cause.value) == ("nats_server", "server", cause)
    assert findings[0].confidence >= conf
    _nats_apply(nats, findings[0])
    assert nats_client(nats)  # the client as the step says: the CA, its certificate, TLS


# -- ZooKeeper -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def zk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ZkLab]:
    if not have_zookeeper():
        pytest.skip("java, openssl or Debian's zookeeper, netty-codec/resolver, slf4j-simple "
                    "jars missing")
    with zk_lab(tmp_path_factory.mktemp("zookeeper")) as started:
        yield started


def _zk_block(zk: ZkLab, client: str, needle: str) -> str:
    """ZooKeeper's lines for one client, from its first line holding ``needle``: the
    handshake verdict, "Exception caught" and the exception (stack frames left out, as a
    person pastes them)."""
    since = zk.log_size()
    zk_client(zk, client)

    def block() -> list[str]:
        lines = [ln for ln in zk.log_text(since).splitlines()
                 if not ln.lstrip().startswith(("at ", "..."))]
        at = next((i for i, ln in enumerate(lines) if needle in ln), None)
        return [] if at is None else lines[at:at + 4]

    # ...until the exception's own line (after "Exception caught") is written too
    wait_until(lambda: any("Exception: " in ln for ln in block()), 5)
    lines = block()
    assert lines, zk.log_text(since)[-2000:]
    return "\n".join(lines)


@pytest.mark.skipif(not have_zookeeper(), reason="zookeeper's jars, java or openssl missing")
@pytest.mark.parametrize(("client", "needle", "cause"), [
    ("no_certificate", "Unsuccessful handshake with session", "client_cert_required"),
    ("other_ca_certificate", "Unsuccessful handshake with session", "client_cert_required"),
    ("plain", "Exception caught", "non_tls_service_on_port"),
])
def test_zookeeper_tls_port(zk: ZkLab, client: str, needle: str, cause: str) -> None:
    block = _zk_block(zk, client, needle)
    r = explain(block)
    assert r.recognized and r.side == "server", block
    assert r.findings[0].cause.value == cause, (block, [f.cause.value for f in r.findings])
    if needle.startswith("Unsuccessful"):  # ZooKeeper's own verdict alone: ranked
        alone = explain(block.splitlines()[0])
        assert (alone.source, alone.side) == ("zookeeper", "server")
        assert alone.findings[0].confidence < 0.6


@pytest.mark.skipif(not have_zookeeper(), reason="zookeeper's jars, java or openssl missing")
def test_zookeeper_accepts_the_good_client(zk: ZkLab) -> None:
    since = zk.log_size()
    zk_client(zk, "good")
    wait_until(lambda: "Authenticated Id" in zk.log_text(since), 5)
    assert "Authenticated Id" in zk.log_text(since)


def test_placeholders_cover_every_etcd_fix_line(tmp_path: Path) -> None:
    """Every etcd/etcdctl fix line uses only placeholders the lab replaces."""
    lab = EtcdLab(directory=tmp_path, port=1, log=tmp_path / "x",
                  files={k: tmp_path / k for k in ("ca", "server", "server_key", "client",
                                                   "client_key")})
    table = toml_file("cluster.toml")
    for product in ("etcd", "etcdctl"):
        for row in table[product].values():
            code = etcd_run.substitute(str(row["code"]), {"NAME": "n", **placeholders(lab)})
            assert "/etc/etcd" not in code and "HOST" not in code


@etcd
def test_etcdctls_own_words_and_its_printed_trust_line(lab: EtcdLab) -> None:
    """Round 20: the tests above apply the lines read from etcd's log. etcdctl 3.4's own
    output names no reason ("all SubConns are in TransientFailure", "context deadline
    exceeded"): it gets etcdctl's trust row (cluster.toml [etcdctl.trust]) as a ranking, below
    0.6; applied (the CA, certificate and key it names), the same etcdctl is healthy."""
    out, _ = _rejected(lab, _files(lab, "client", "client_key"))
    r = explain(out)
    assert r.recognized and r.findings, out[-1500:]
    f = _finding(list(r.findings), "cert_untrusted_root")
    assert f.confidence < 0.6 and [s.applies_to for s in f.fix] == ["etcdctl"], f.fix
    assert f.fix[0].text == toml_file("cluster.toml")["etcdctl"]["trust"]["text"]
    assert "is healthy" in _apply(lab, f)


@etcd
def test_etcdctls_own_words_by_an_address_the_certificate_lacks_and_its_printed_name_lines(
        lab: EtcdLab) -> None:
    """Round 22: etcdctl 3.4 dialing 127.0.0.1 (etcd's certificate names localhost) prints the
    same bare TransientFailure as for every other fault; the name is one of explain's
    candidates, with etcdctl's name row (cluster.toml [etcdctl.name]): its openssl line lists
    the certificate's names, and its etcdctl line dialing one of them is healthy."""
    out, _ = _rejected(lab, _files(lab, "ca", "client", "client_key"),
                       endpoint=f"https://127.0.0.1:{lab.port}")
    f = _finding(list(explain(out).findings), "hostname_mismatch")
    assert f.confidence < 0.6 and [s.applies_to for s in f.fix] == ["etcdctl"], f.fix
    listed = etcd_run.run(shlex.split(etcd_run.substitute(f.fix[0].code.splitlines()[0],
                                                          placeholders(lab))))
    held = listed.split("DNS:")[1].split(",")[0].strip()
    assert held == "localhost", listed
    assert "is healthy" in _apply(lab, f, NAME=held)


@etcd
def test_etcdctls_own_words_without_a_client_certificate_and_its_printed_cert_lines(
        lab: EtcdLab) -> None:
    """Round 22: etcdctl 3.4 without --cert/--key against etcd's --client-cert-auth prints the
    bare TransientFailure too; the client certificate is a candidate with etcdctl's row
    (cluster.toml [etcdctl.clientcert]): its openssl verify passes for the lab's client
    certificate, and its etcdctl line with --cert/--key is healthy."""
    out, _ = _rejected(lab, _files(lab, "ca"))
    f = _finding(list(explain(out).findings), "client_cert_required")
    assert f.confidence < 0.6 and [s.applies_to for s in f.fix] == ["etcdctl"], f.fix
    verify = etcd_run.run(shlex.split(etcd_run.substitute(f.fix[0].code.splitlines()[0],
                                                          placeholders(lab))))
    assert verify.strip().endswith("OK"), verify
    assert "is healthy" in _apply(lab, f)


@pytest.mark.skipif(not have_nats(), reason="nats-server or openssl missing")
def test_nats_server_without_its_certificate_then_the_printed_tls_block(
        tmp_path: Path) -> None:
    """Round 20: nats-server stops at start when its tls { } block names no certificate it can
    load ("error parsing X509 certificate/key pair: open ...: no such file"); explain prints
    the tls { } block (cluster.toml [nats_server.store]), and nats-server started with that
    block (its paths this lab's) answers a verified client that presents its certificate."""
    conf = tmp_path / "broken.conf"
    conf.write_text(f'listen: 127.0.0.1:{free_port()}\ntls {{\n  cert_file: '
                    f'"{tmp_path}/missing.crt"\n  key_file: "{tmp_path}/missing.key"\n}}\n')
    binary = shutil.which("nats-server") or "/usr/sbin/nats-server"
    done = subprocess.run([binary, "-c", str(conf)], capture_output=True, text=True, timeout=20)
    said = done.stdout + done.stderr
    assert done.returncode != 0 and "error parsing X509 certificate/key pair" in said, said
    source, side, findings = _read(said)
    assert (source, side, findings[0].cause.value) == ("nats_server", "server",
                                                       "server_misconfiguration")
    block = next(s.code for s in findings[0].fix if s.applies_to == "nats_server")
    assert block.startswith("tls {"), block
    with nats_lab(tmp_path / "fixed", block) as lab:
        assert nats_client(lab)
