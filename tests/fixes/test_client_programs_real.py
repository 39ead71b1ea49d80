"""Round 21: a client program's own trust and certificate settings (fixes/client_programs.toml),
applied with the real client on 127.0.0.1.

Each test runs the real client against a real server whose certificate it does not trust (a
private CA), or that wants a client certificate it did not send, feeds the client's exact
output to ``explain``, takes the client's own step from the printed fix (its command lines
parsed, never copied by hand), supplies the files the step names (server-ca.pem: the private
CA; client.crt/client.key: a certificate of the server's client CA) in a work directory, and
runs the printed line: the client connects. The same line against a server of another CA
(or with a client certificate of another CA) is still refused: the step never turns
verification off. Placeholders the client's words do not fill (mosquitto names no server;
stunnel's checkHost is the name the user knows the server by) are filled as a user does.

Servers: PostgreSQL 15 (testing/postgres_tls.py), redis-server 7.0 --tls-port, one mosquitto
2.0 with three TLS listeners, openssl s_server for git and stunnel's client, slapd 2.5 (no
database) for ldapsearch. Where the client's own output does not say why (redis-cli and
mosquitto_pub without a certificate over TLS 1.3: "Connection reset by peer", "Protocol
error"), the server's own log is what explain reads, as an operator would. Each skips
without its programs (.ci/run installs postgresql, redis-server, mosquitto,
mosquitto-clients, stunnel4, git, slapd, ldap-utils).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.finding import FixStep
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.postgres_tls import PgTls, postgres_tls, psql_unavailable
from tlsdoctor.testing.processes import logged_process, wait_until
from tlsdoctor.testing.servers import HOST, free_port, wait_ready

_CLIENTS = {"psql", "redis_cli", "mosquitto_client", "git", "stunnel_client", "ldapsearch"}


@pytest.fixture(scope="module")
def pki() -> Iterator[Path]:
    """Files every user can read (mosquitto and PostgreSQL read as their own users): a leaf
    for localhost from the private CA and one from another CA, a leaf for another name, and
    client certificates (CN postgres, PostgreSQL's cert method maps it to that user) of each."""
    d = Path(tempfile.mkdtemp(prefix="tlsdoctor-clientlines21-", dir="/tmp"))
    try:
        d.chmod(0o755)
        ca, other = CA(name="clientlines21 private root"), CA(name="clientlines21 other root")
        written = [*ca.issue(["localhost"], ip_addresses=[HOST]).write(d, stem="leaf"),
                   *other.issue(["localhost"], ip_addresses=[HOST]).write(d, stem="oleaf"),
                   *ca.issue(["wrong.example"]).write(d, stem="wleaf"),
                   *ca.issue(["postgres"], eku=("clientAuth",)).write(d, stem="client"),
                   *other.issue(["postgres"], eku=("clientAuth",)).write(d, stem="oclient"),
                   ca.write(d / "ca.pem"), other.write(d / "other.pem")]
        for p in written:
            p.chmod(0o644)
        yield d
    finally:
        shutil.rmtree(d, ignore_errors=True)


def _workdir(pki: Path, name: str, *, ca: str = "ca.pem", client: str = "client") -> Path:
    """Where the user saved the files the step names."""
    w = pki / name
    w.mkdir(exist_ok=True)
    shutil.copyfile(pki / ca, w / "server-ca.pem")
    shutil.copyfile(pki / f"{client}.chain.pem", w / "client.crt")
    shutil.copyfile(pki / f"{client}.key.pem", w / "client.key")
    return w


def _step(output: str, program: str, cause: str) -> FixStep:
    """The client's own step of ``cause``'s finding in explain of ``output``; no other
    client's step anywhere."""
    r = explain(output)
    named = {s.applies_to for f in r.findings for s in f.fix} & _CLIENTS
    assert named == {program}, (output, named)
    f = next((f for f in r.findings if f.cause.value == cause), None)
    assert f is not None, (output, [g.cause.value for g in r.findings])
    return next(s for s in f.fix if s.applies_to == program)


def _line(step: FixStep, command: str) -> str:
    """The printed code line that runs ``command``."""
    line = next((ln for ln in step.code.splitlines() if ln.startswith(command + " ")), None)
    assert line is not None, step.code
    return line


def _run(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    p = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=20,
                       stdin=subprocess.DEVNULL, env=env)
    return p.stdout + p.stderr


# ---- psql / libpq ----------------------------------------------------------------------

def _pg_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    return {**env, "HOME": str(home), "PGUSER": "postgres", "PGDATABASE": "postgres",
            "PGCONNECT_TIMEOUT": "5", "LC_ALL": "C.UTF-8", **extra}


@pytest.fixture(scope="module")
def pg(pki: Path) -> Iterator[PgTls]:
    if psql_unavailable() is not None:
        pytest.skip(str(psql_unavailable()))
    files = {"ok": (pki / "leaf.chain.pem", pki / "leaf.key.pem"),
             "untrusted_root": (pki / "oleaf.chain.pem", pki / "oleaf.key.pem"),
             "wrong_host": (pki / "wleaf.chain.pem", pki / "wleaf.key.pem")}
    with postgres_tls(files) as server:
        yield server


def _psql(line: str, cwd: Path, env: dict[str, str]) -> str:
    return _run([*shlex.split(line), "-XtAc", "SELECT 1"], cwd, env)


def test_psql_not_given_the_ca_gets_sslrootcert_which_fixes_it(pki: Path, pg: PgTls) -> None:
    """psql given another CA (and psql given none) is told sslrootcert / PGSSLROOTCERT with
    verify-full; both printed forms connect, and still refuse a server of another CA."""
    pg.configure("ok", pki / "ca.pem")
    w = _workdir(pki, "psql")
    env = _pg_env(w)
    out = _run(["psql", "-XtAc", "SELECT 1", f"host=localhost port={pg.port} "
                f"sslmode=verify-full sslrootcert={pki / 'other.pem'}"], w, env)
    assert "certificate verify failed" in out, out
    step = _step(out, "psql", "cert_untrusted_root")
    line = _line(step, "psql")
    assert "sslmode=verify-full" in line and f"port={pg.port}" in line, line
    assert _psql(line, w, env).strip() == "1"
    exported = next(ln for ln in step.code.splitlines() if ln.startswith("export PGSSLROOTCERT="))
    given = dict(kv.split("=", 1) for kv in shlex.split(exported)[1:])
    env2 = _pg_env(w, **{k: v.replace("$PWD", str(w)) for k, v in given.items()})
    assert _run(["psql", "-XtAc", "SELECT 1", f"host=localhost port={pg.port}"], w, env2).strip() == "1"
    no_root = _run(["psql", "-XtAc", "SELECT 1", f"host=localhost port={pg.port} "
                    "sslmode=verify-full"], w, env)
    assert "root certificate file" in no_root, no_root
    assert _line(_step(no_root, "psql", "client_misconfiguration"), "psql") == line
    pg.configure("untrusted_root", pki / "ca.pem")
    try:
        assert "certificate verify failed" in _psql(line, w, env)
        assert "certificate verify failed" in _run(["psql", "-XtAc", "SELECT 1",
                                                    f"host=localhost port={pg.port}"], w, env2)
    finally:
        pg.configure("ok", pki / "ca.pem")


def test_psql_wrong_name_gets_hostaddr_not_verify_ca(pki: Path, pg: PgTls) -> None:
    """A certificate for another name: the step says verify-ca is no fix and prints host= the
    certificate's name with hostaddr= the address psql dialed, which connects."""
    pg.configure("wrong_host", pki / "ca.pem")
    try:
        w = _workdir(pki, "psql-name")
        env = _pg_env(w)
        out = _run(["psql", "-XtAc", "SELECT 1", f"host=localhost port={pg.port} "
                    "sslmode=verify-full sslrootcert=server-ca.pem"], w, env)
        assert 'server certificate for "wrong.example"' in out, out
        step = _step(out, "psql", "hostname_mismatch")
        assert "verify-ca is not a fix" in step.text and "wrong.example" in step.text
        line = _line(step, "psql")
        assert f"host=wrong.example hostaddr={HOST} port={pg.port}" in line, line
        assert _psql(line, w, env).strip() == "1"
    finally:
        pg.configure("ok", pki / "ca.pem")


def test_psql_without_a_client_certificate_gets_sslcert_and_sslkey(pki: Path, pg: PgTls) -> None:
    """pg_hba.conf's cert method: the printed chmod and sslcert/sslkey line connect with a
    certificate of the server's client CA; one of another CA is still refused."""
    pg.configure("client_cert_required", pki / "ca.pem")
    try:
        w = _workdir(pki, "psql-cert")
        env = _pg_env(w, PGSSLCERT=str(w / "none.crt"), PGSSLKEY=str(w / "none.key"))
        out = _run(["psql", "-XtAc", "SELECT 1", f"host=localhost port={pg.port} "
                    "sslmode=verify-full sslrootcert=server-ca.pem"], w, env)
        assert "requires a valid client certificate" in out, out
        step = _step(out, "psql", "client_cert_required")
        _run(shlex.split(_line(step, "chmod")), w)
        line = _line(step, "psql")
        assert _psql(line, w, env).strip() == "1"
        o = _workdir(pki, "psql-ocert", client="oclient")
        _run(shlex.split(_line(step, "chmod")), o)
        assert _psql(line, o, env).strip() != "1"
    finally:
        pg.configure("ok", pki / "ca.pem")


# ---- redis-cli ---------------------------------------------------------------------------

_REDIS = shutil.which("redis-server") is None or shutil.which("redis-cli") is None


@pytest.fixture(scope="module")
def redis(pki: Path) -> Iterator[dict[str, int]]:
    """Three redis-servers: the private CA's leaf, another CA's, and the private CA's leaf
    asking clients for a certificate of that CA (tls-auth-clients yes)."""
    if _REDIS:
        pytest.skip("redis-server or redis-cli missing (apt: redis-server)")
    kinds = {"ok": ("leaf", "no"), "other": ("oleaf", "no"), "auth": ("leaf", "yes")}
    ports = {}
    with ExitStack() as stack:
        for kind, (leaf, auth) in kinds.items():
            port = ports[kind] = free_port()
            conf = pki / f"redis-{kind}.conf"
            conf.write_text(f"port 0\ntls-port {port}\nbind {HOST}\ndaemonize no\n"
                            f"dir {pki}\nsave \"\"\ntls-cert-file {pki}/{leaf}.chain.pem\n"
                            f"tls-key-file {pki}/{leaf}.key.pem\ntls-ca-cert-file {pki}/ca.pem\n"
                            f"tls-auth-clients {auth}\n")
            proc = stack.enter_context(logged_process(["redis-server", str(conf)],
                                                      pki / f"redis-{kind}.log"))
            wait_ready(HOST, port, timeout=15, alive=lambda p=proc: p.poll() is None)
        yield ports


def _logged(log: Path, since: int, needle: str) -> str:
    """What the server logged after ``since``, once ``needle`` is there (5 s at most)."""
    def text() -> str:
        return log.read_bytes()[since:].decode(errors="replace")

    wait_until(lambda: needle in text(), 5)
    return text()


def _with_port(line: str, flag: str, port: int) -> list[str]:
    argv = shlex.split(line)
    argv[argv.index(flag) + 1] = str(port)
    return argv


def test_redis_cli_not_given_the_ca_gets_cacert_which_fixes_it(pki: Path,
                                                             redis: dict[str, int]) -> None:
    w = _workdir(pki, "redis")
    out = _run(["redis-cli", "--tls", "-h", HOST, "-p", str(redis["ok"]), "ping"], w)
    assert "certificate verify failed" in out, out
    step = _step(out, "redis_cli", "cert_untrusted_root")
    assert "--insecure is not a fix" in step.text
    line = _line(step, "redis-cli")
    assert _run(shlex.split(line), w).strip() == "PONG"
    refused = _run(_with_port(line, "-p", redis["other"]), w)
    assert "certificate verify failed" in refused, refused


def test_redis_cli_without_a_client_certificate_gets_cert_and_key(pki: Path,
                                                                 redis: dict[str, int]) -> None:
    w = _workdir(pki, "redis-cert")
    seen = (pki / "redis-auth.log").stat().st_size
    out = _run(["redis-cli", "--tls", "--cacert", "server-ca.pem", "-h", HOST, "-p",
                str(redis["auth"]), "ping"], w)
    assert "PONG" not in out, out
    log = _logged(pki / "redis-auth.log", seen, "did not return a certificate")
    step = _step(log, "redis_cli", "client_cert_required")
    # the server's log names no address of its own: the user fills in the server's
    argv = [a.replace("HOST", HOST) for a in _with_port(_line(step, "redis-cli"), "-p",
                                                        redis["auth"])]
    assert _run(argv, w).strip() == "PONG"
    o = _workdir(pki, "redis-ocert", client="oclient")
    assert _run(argv, o).strip() != "PONG"


# ---- mosquitto_pub -------------------------------------------------------------------------

_MOSQUITTO = shutil.which("mosquitto") is None or shutil.which("mosquitto_pub") is None


@pytest.fixture(scope="module")
def broker(pki: Path) -> Iterator[dict[str, int]]:
    """One mosquitto with three TLS listeners: the private CA's leaf, another CA's, and the
    private CA's leaf requiring a client certificate of that CA."""
    if _MOSQUITTO:
        pytest.skip("mosquitto or mosquitto_pub missing (apt: mosquitto, mosquitto-clients)")
    ports = {kind: free_port() for kind in ("ok", "other", "auth")}
    lines = ["allow_anonymous true"]
    for kind, leaf, require in (("ok", "leaf", "false"), ("other", "oleaf", "false"),
                                ("auth", "leaf", "true")):
        lines += [f"listener {ports[kind]} {HOST}", f"certfile {pki}/{leaf}.chain.pem",
                  f"keyfile {pki}/{leaf}.key.pem", f"cafile {pki}/ca.pem",
                  f"require_certificate {require}"]
    conf = pki / "mosquitto.conf"
    conf.write_text("\n".join(lines) + "\n")
    with logged_process(["mosquitto", "-c", str(conf)], pki / "mosquitto.log") as proc:
        for port in ports.values():
            wait_ready(HOST, port, timeout=15, alive=lambda: proc.poll() is None)
        yield ports


def _pub(line: str, port: int, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The printed mosquitto_pub line, with the server the user means (its words name none)."""
    argv = [a.replace("HOST", "localhost") for a in _with_port(line, "-p", port)]
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=20,
                          stdin=subprocess.DEVNULL)


def test_mosquitto_pub_not_given_the_ca_gets_cafile_which_fixes_it(
        pki: Path, broker: dict[str, int]) -> None:
    w = _workdir(pki, "mosquitto")
    p = subprocess.run(["mosquitto_pub", "-h", "localhost", "-p", str(broker["ok"]), "--cafile",
                        "/etc/ssl/certs/ca-certificates.crt", "-t", "t", "-m", "m"], cwd=w,
                       capture_output=True, text=True, timeout=20)
    assert p.returncode != 0, p
    step = _step(p.stdout + p.stderr, "mosquitto_client", "cert_untrusted_root")
    assert "--insecure is not a fix" in step.text
    line = _line(step, "mosquitto_pub")
    ok = _pub(line, broker["ok"], w)
    assert ok.returncode == 0, ok
    assert _pub(line, broker["other"], w).returncode != 0


def test_mosquitto_pub_without_a_client_certificate_gets_cert_and_key(
        pki: Path, broker: dict[str, int]) -> None:
    w = _workdir(pki, "mosquitto-cert")
    seen = (pki / "mosquitto.log").stat().st_size
    p = subprocess.run(["mosquitto_pub", "-h", "localhost", "-p", str(broker["auth"]),
                        "--cafile", "server-ca.pem", "-t", "t", "-m", "m"], cwd=w,
                       capture_output=True, text=True, timeout=20)
    assert p.returncode != 0, p
    log = _logged(pki / "mosquitto.log", seen, "did not return a certificate")
    step = _step(log, "mosquitto_client", "client_cert_required")
    line = _line(step, "mosquitto_pub")
    ok = _pub(line, broker["auth"], w)
    assert ok.returncode == 0, ok
    assert _pub(line, broker["auth"], _workdir(pki, "mosquitto-ocert", client="oclient")).returncode != 0


# ---- git and stunnel's client, against openssl s_server ----------------------------------

@pytest.fixture(scope="module")
def https(pki: Path) -> Iterator[dict[str, int]]:
    """openssl s_server -www with the private CA's leaf ("ok") and another CA's ("other")."""
    ports = {kind: free_port() for kind in ("ok", "other")}
    with ExitStack() as stack:
        for kind, leaf in (("ok", "leaf"), ("other", "oleaf")):
            proc = stack.enter_context(logged_process(
                ["openssl", "s_server", "-accept", f"{HOST}:{ports[kind]}", "-cert",
                 str(pki / f"{leaf}.chain.pem"), "-key", str(pki / f"{leaf}.key.pem"), "-www",
                 "-quiet"], pki / f"s_server-{kind}.log"))
            wait_ready(HOST, ports[kind], timeout=10, alive=lambda p=proc: p.poll() is None)
        yield ports


@pytest.mark.skipif(shutil.which("git") is None, reason="git missing (apt: git)")
def test_git_not_given_the_ca_gets_http_sslcainfo_which_fixes_it(
        pki: Path, https: dict[str, int]) -> None:
    """Both printed forms (the per-URL config line, run in a fresh HOME, and -c) get past
    TLS (s_server answers no git protocol: the error is then git's, not the certificate's).
    GIT_SSL_CAINFO is set, as on this machine and in many images: without the printed
    unset, git ignores http.sslCAInfo."""
    w = _workdir(pki, "git")
    env = {**os.environ, "HOME": str(w), "GIT_TERMINAL_PROMPT": "0",
           "GIT_SSL_CAINFO": "/etc/ssl/certs/ca-certificates.crt"}
    url = f"https://localhost:{https['ok']}/repo"
    out = _run(["git", "ls-remote", url], w, env)
    assert "certificate" in out, out
    step = _step(out, "git", "cert_untrusted_root")
    unset, config, one = (_line(step, c) for c in ("unset", "git config", "git -c"))
    after = _run(["bash", "-c", f"{unset}\n{config}\ngit ls-remote {url}"], w, env)
    assert "certificate" not in after and "SSL" not in after, after
    assert "certificate" not in _run(["bash", "-c", f"{unset}\n{one}"], w, {**env, "HOME": str(pki)})
    other = one.replace(str(https["ok"]), str(https["other"]))
    assert "certificate" in _run(["bash", "-c", f"{unset}\n{other}"], w, {**env, "HOME": str(pki)})


def _stunnel(w: Path, settings: list[str], connect: int) -> tuple[str, str]:
    """stunnel's client service with ``settings``: what one request through it got, and
    stunnel's log."""
    port = free_port()
    conf = w / "stunnel.conf"
    keys = {s.split("=", 1)[0].strip() for s in settings}
    base = [s for s in ("CAfile = /etc/ssl/certs/ca-certificates.crt", "verifyChain = yes")
            if s.split("=", 1)[0].strip() not in keys]
    conf.write_text("\n".join(["foreground = yes", "pid =", "debug = 5", "[c]", "client = yes",
                               f"accept = {HOST}:{port}", f"connect = {HOST}:{connect}",
                               *base, *settings]) + "\n")
    with logged_process(["stunnel4", str(conf)], w / "stunnel.log") as proc:
        wait_ready(HOST, port, timeout=10, alive=lambda: proc.poll() is None)
        got = subprocess.run(["curl", "-s", "--max-time", "5", f"http://{HOST}:{port}/"],
                             capture_output=True, text=True, timeout=10).stdout
    return got, (w / "stunnel.log").read_text(errors="replace")


@pytest.mark.skipif(shutil.which("stunnel4") is None or shutil.which("curl") is None,
                    reason="stunnel4 or curl missing (apt: stunnel4, curl)")
def test_stunnel_client_not_given_the_ca_gets_cafile_verifychain_checkhost(
        pki: Path, https: dict[str, int]) -> None:
    """The printed stunnel.conf lines in place of the same settings (the CA saved where the
    step says, mapped to the work directory; checkHost the server's name): the tunnel
    serves s_server's page; to the other CA's server it is still refused."""
    w = _workdir(pki, "stunnel")
    got, log = _stunnel(w, [], https["ok"])
    assert "certificate verify failed" in log and not got, log
    step = _step(log, "stunnel_client", "cert_untrusted_root")
    printed = [ln.replace("/etc/stunnel/server-ca.pem", str(w / "server-ca.pem"))
               .replace("SERVER-NAME", "localhost") for ln in step.code.splitlines()
               if " = " in ln and not ln.startswith("#")]
    assert {p.split(" = ")[0] for p in printed} == {"CAfile", "verifyChain", "checkHost"}
    got, log = _stunnel(w, printed, https["ok"])
    assert "s_server" in got, log
    got, log = _stunnel(w, printed, https["other"])
    assert "certificate verify failed" in log and not got, log


# ---- ldapsearch (libldap) ----------------------------------------------------------------

_SLAPD = shutil.which("slapd") or ("/usr/sbin/slapd" if os.path.exists("/usr/sbin/slapd")
                                   else None)


@pytest.fixture(scope="module")
def slapd(pki: Path) -> Iterator[dict[str, int]]:
    """Two slapd (no database: the root DSE is enough) serving ldaps with the private CA's
    leaf ("ok") and another CA's ("other")."""
    if _SLAPD is None or shutil.which("ldapsearch") is None:
        pytest.skip("slapd or ldapsearch missing (apt: slapd, ldap-utils)")
    ports = {kind: free_port() for kind in ("ok", "other")}
    with ExitStack() as stack:
        for kind, leaf in (("ok", "leaf"), ("other", "oleaf")):
            conf = pki / f"slapd-{kind}.conf"
            conf.write_text(f"pidfile {pki}/slapd-{kind}.pid\nargsfile {pki}/slapd-{kind}.args\n"
                            f"TLSCertificateFile {pki}/{leaf}.chain.pem\n"
                            f"TLSCertificateKeyFile {pki}/{leaf}.key.pem\n")
            proc = stack.enter_context(logged_process(
                [_SLAPD, "-h", f"ldaps://{HOST}:{ports[kind]}/", "-f", str(conf), "-d", "none"],
                pki / f"slapd-{kind}.log"))
            wait_ready(HOST, ports[kind], timeout=15, alive=lambda p=proc: p.poll() is None)
        yield ports


def _ldap_env(home: Path, **given: str) -> dict[str, str]:
    """No system ldap.conf, no LDAP* variable but ``given``: only what the step sets."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LDAP")}
    return {**env, "HOME": str(home), "LDAPCONF": os.devnull, **given}


def _ldapsearch(port: int, home: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["ldapsearch", "-x", "-d", "1", "-H", f"ldaps://{HOST}:{port}", "-b",
                           "", "-s", "base"], capture_output=True, text=True, env=env, cwd=home,
                          timeout=20, stdin=subprocess.DEVNULL)


def test_ldapsearch_not_given_the_ca_gets_tls_cacert_which_fixes_it(
        pki: Path, slapd: dict[str, int]) -> None:
    """ldapsearch -d 1 (its plain output says only "Can't contact LDAP server") given the
    system bundle: the printed TLS_CACERT line in ~/.ldaprc (the CA saved where the line
    says, mapped to the work directory) and the printed LDAPTLS_CACERT command each read the
    root DSE; with the line, the other CA's slapd is still refused."""
    w = _workdir(pki, "ldap")
    failed = _ldapsearch(slapd["ok"], w, _ldap_env(
        w, LDAPTLS_CACERT="/etc/ssl/certs/ca-certificates.crt"))
    assert failed.returncode != 0, failed
    step = _step(failed.stdout + failed.stderr, "ldapsearch", "cert_untrusted_root")
    assert "TLS_REQCERT never or allow is not a fix" in step.text
    line = _line(step, "TLS_CACERT")
    (w / ".ldaprc").write_text(line.replace("/etc/ldap/", f"{w}/") + "\n")
    ok = _ldapsearch(slapd["ok"], w, _ldap_env(w))
    assert ok.returncode == 0 and "result: 0 Success" in ok.stdout, ok
    refused = _ldapsearch(slapd["other"], w, _ldap_env(w))
    assert refused.returncode != 0 and "result: 0 Success" not in refused.stdout, refused
    (w / ".ldaprc").unlink()
    one = _line(step, "LDAPTLS_CACERT=$PWD/server-ca.pem").replace("HOST", HOST).replace(
        "PORT", str(slapd["ok"]))
    once = subprocess.run(["bash", "-c", one], capture_output=True, text=True, cwd=w,
                          env=_ldap_env(w), timeout=20)
    assert "result: 0 Success" in once.stdout, once
