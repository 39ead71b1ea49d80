"""The generic client-side fix texts (fixes/trust_text.py, notls_text.py, version_text.py),
applied on this machine with real clients (round 23).

Each test makes the failure with a real client on 127.0.0.1, gives explain the client's own
words, and carries out the lines the printed step names, as printed (``sudo`` dropped: root
already): then the same clients connect.

- A self-signed server (trust_text._check, _self_signed): curl, Python, openssl s_client and
  wget refuse it; the check's issuer line names the server itself; the fetch lines save its
  certificate and print the fingerprint to compare; the system-store lines (Debian's
  update-ca-certificates) make every client accept it.
- A private root (trust_text_steps, "Give this client the private CA"): the same lines with
  the root the administrator hands over.
- No system bundle (own_store_steps): requests told to use /etc/ssl/certs/ca-certificates.crt
  (as Debian's requests does) finds no bundle; the reinstall and update-ca-certificates
  lines bring it back.
  These three change the machine's store: they run in testing/sandbox.py's copy-on-write
  view of / (the host's store is checked untouched); the package the reinstall takes comes
  from /opt/tlsdoctor-debs (.ci/run fetches it; the sandbox has no network).
- A plain HTTP proxy written https:// (notls_text._proxy_fix, _CHECK_PROXY), with a real Squid:
  curl fails "wrong version number"; the check lines show the proxy answers plain HTTP; the
  printed export (and the requests line) connect through it.
- A client pinned above the server's versions (version_text._UNPIN): curl --tlsv1.3 and
  Python's ssl.PROTOCOL_TLSv1 against a TLS 1.2-only server; the text's own "A -> B"
  replacements make both connect.
"""

from __future__ import annotations

import ast
import contextlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from cryptography.hazmat.primitives import hashes

from tlsdoctor.api import explain
from tlsdoctor.finding import Finding, FixStep
from tlsdoctor.testing import fixapply
from tlsdoctor.testing.ca import CA, self_signed
from tlsdoctor.testing.fixapply import WebConfig
from tlsdoctor.testing.processes import logged_process
from tlsdoctor.testing.sandbox import Sandbox, sandbox
from tlsdoctor.testing.sandbox import unavailable as no_sandbox
from tlsdoctor.testing.servers import (
    HOST,
    Server,
    free_port,
    have_nginx,
    nginx_tls_server,
    openssl_server,
    wait_ready,
)

_DEBS = Path("/opt/tlsdoctor-debs")
_LOCAL = Path("/usr/local/share/ca-certificates")
_BUNDLE = Path("/etc/ssl/certs/ca-certificates.crt")
# The variables that would point a client elsewhere than the system store.
_CA_VARS = ("SSL_CERT_FILE", "SSL_CERT_DIR", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE",
            "https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY")
_ENV = {k: v for k, v in os.environ.items() if k not in _CA_VARS}


def _store_unavailable() -> str | None:
    if (why := no_sandbox()) is not None:
        return why
    if not (shutil.which("update-ca-certificates") and _BUNDLE.exists()):
        return "Debian's ca-certificates is not installed"
    missing = [c for c in ("curl", "wget", "openssl") if shutil.which(c) is None]
    return f"{', '.join(missing)} missing" if missing else None


needs_store = pytest.mark.skipif(_store_unavailable() is not None,
                                 reason=str(_store_unavailable()))


def _clients(port: int) -> dict[str, str]:
    """Four clients that read the system store, given no CA of their own."""
    url = f"https://localhost:{port}/"
    return {
        "curl": f"curl -sS -o /dev/null --max-time 10 {url}",
        "python": f"python3 -c \"import urllib.request; urllib.request.urlopen('{url}', "
                  "timeout=10)\"",
        "openssl": f"openssl s_client -connect {HOST}:{port} -servername localhost "
                   "-verify_return_error -verify_hostname localhost -brief </dev/null",
        "wget": f"wget -q -O /dev/null --timeout=10 --tries=1 {url}",
    }


def _failing(box: Sandbox, port: int) -> dict[str, int]:
    return {name: box.run(cmd, env=_ENV).returncode for name, cmd in _clients(port).items()}


def _as_root(code: str) -> str:
    """The printed lines as a root shell runs them (``sudo`` dropped), comments removed."""
    return "\n".join(ln.replace("sudo ", "", 1) for ln in code.splitlines()
                     if ln.strip() and not ln.lstrip().startswith("#"))


def _finding(text: str, cause: str) -> Finding:
    return next(f for f in explain(text).findings if f.cause.value == cause)


def _system_step(f: Finding) -> FixStep:
    return next(s for s in f.fix if s.applies_to == "system")


@contextlib.contextmanager
def _host_store_untouched(*names: str) -> Iterator[None]:
    before = _BUNDLE.read_bytes()
    assert not any((_LOCAL / n).exists() for n in names)
    yield
    assert _BUNDLE.read_bytes() == before
    assert not any((_LOCAL / n).exists() for n in names)


@needs_store
def test_a_self_signed_server_gets_the_fetch_and_store_lines_which_fix_every_client(
        tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    leaf = self_signed(["localhost"], subject_cn="localhost")
    chain, key = leaf.write(tmp_path / "srv", stem="site")
    with _host_store_untouched("localhost.crt"), openssl_server(chain, key, www=True) as srv, \
            sandbox(tmp_path) as box:
        assert all(rc != 0 for rc in _failing(box, srv.port).values())
        words = box.run(f"curl -v -o /dev/null https://localhost:{srv.port}/", env=_ENV).stderr
        f = _finding(words, "cert_self_signed")
        assert f.facts.get("trust_context") == "private", f.facts
        check, fetch = f.fix[0], f.fix[1]
        # the check: the issuer this machine is given is the server's own name
        issuer_line = next(ln for ln in check.code.splitlines() if ln.startswith("openssl"))
        issuer = box.run(f"cd {tmp_path} && {issuer_line}", env=_ENV).stdout
        subject = subprocess.run(["openssl", "x509", "-noout", "-subject", "-in", str(chain)],
                                 capture_output=True, text=True, timeout=10).stdout
        assert issuer.strip() == subject.strip().replace("subject=", "issuer=", 1), issuer
        got = box.run(f"cd {tmp_path} && {_as_root(fetch.code)}", env=_ENV)
        fingerprint = leaf.cert.fingerprint(hashes.SHA256()).hex(":").upper()
        assert got.returncode == 0 and fingerprint in got.stdout, (fetch.code, got.stdout)
        store = box.run(f"cd {tmp_path} && {_as_root(_system_step(f).code)}", env=_ENV)
        assert store.returncode == 0 and "1 added" in store.stdout, store.stdout[-600:]
        assert _failing(box, srv.port) == dict.fromkeys(_clients(srv.port), 0)


@needs_store
def test_a_private_root_gets_the_store_lines_which_fix_every_client(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    root = CA(name="Apply23 Private Root")
    chain, key = root.issue(["localhost"]).write(tmp_path / "srv", stem="site")
    with _host_store_untouched("internal-root-ca.crt"), \
            openssl_server(chain, key, www=True) as srv, sandbox(tmp_path) as box:
        assert all(rc != 0 for rc in _failing(box, srv.port).values())
        words = box.run(f"curl -v -o /dev/null https://localhost:{srv.port}/", env=_ENV).stderr
        f = _finding(words, "cert_untrusted_root")
        assert any(s.text.startswith("Give this client the private CA") for s in f.fix)
        step = _system_step(f)
        # the root its administrator hands over, under the name the step uses
        name = re.search(r"cp (\S+\.crt) ", step.code)
        assert name is not None, step.code
        root.write(tmp_path / name.group(1))
        store = box.run(f"cd {tmp_path} && {_as_root(step.code)}", env=_ENV)
        assert store.returncode == 0 and "1 added" in store.stdout, store.stdout[-600:]
        assert _failing(box, srv.port) == dict.fromkeys(_clients(srv.port), 0)


def _cached_ca_certificates() -> Path | None:
    found = sorted(_DEBS.glob("ca-certificates_*.deb"))
    return found[-1] if found else None


_REQUESTS = ("python3 -c \"import requests; requests.get('https://localhost:{port}/', "
             "timeout=10)\"")


@needs_store
@pytest.mark.skipif(_cached_ca_certificates() is None,
                    reason=f"no ca-certificates package file in {_DEBS} (.ci/run fetches it)")
def test_requests_without_the_system_bundle_gets_the_reinstall_lines_which_fix_it(
        tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    root = CA(name="Apply23 Store Root")
    root.write(tmp_path / "store23.crt")
    chain, key = root.issue(["localhost"]).write(tmp_path / "srv", stem="site")
    env = {**_ENV, "REQUESTS_CA_BUNDLE": str(_BUNDLE), "DEBIAN_FRONTEND": "noninteractive"}
    with _host_store_untouched("store23.crt"), openssl_server(chain, key, www=True) as srv, \
            sandbox(tmp_path) as box:
        # the site's CA installed the Debian way; then the bundle is lost (a slimmed image)
        fault = box.run(f"cp {tmp_path}/store23.crt {_LOCAL}/ && rm {_BUNDLE} && "
                        f"cp {_cached_ca_certificates()} /var/cache/apt/archives/", env=env)
        assert fault.returncode == 0, fault.stderr
        before = box.run(_REQUESTS.format(port=srv.port), env=env)
        assert before.returncode != 0
        step = next(s for s in _finding(before.stderr, "client_misconfiguration").fix
                    if s.applies_to == "system")
        assert step.text.startswith("This client loaded no CA certificates"), step.text
        done = box.run(_as_root(step.code), env=env, timeout=300)
        # the last line (env | grep) shows the variable, which now names a file that exists
        assert f"REQUESTS_CA_BUNDLE={_BUNDLE}" in done.stdout, done.stdout[-800:]
        after = box.run(_REQUESTS.format(port=srv.port), env=env)
        assert after.returncode == 0, after.stderr[-800:]


# ---- a plain HTTP proxy written https:// (notls_text) ---------------------------------------

@contextlib.contextmanager
def _squid(tmp: Path) -> Iterator[int]:
    """Squid as a forward proxy on 127.0.0.1 (plain HTTP and CONNECT, as most proxies)."""
    port = free_port()
    conf = tmp / "squid.conf"
    conf.write_text("\n".join([
        f"http_port {HOST}:{port}", "http_access allow all", f"pid_filename {tmp}/squid.pid",
        f"cache_log {tmp}/cache.log", "access_log none", "cache deny all",
        f"coredump_dir {tmp}", "shutdown_lifetime 0 seconds"]) + "\n")
    with logged_process(["squid", "-N", "-f", str(conf)], tmp / "squid.log") as proc:
        wait_ready(HOST, port, timeout=20, alive=lambda: proc.poll() is None)
        yield port


@pytest.fixture(scope="module")
def tls_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Path]]:
    """A TLS 1.2-only site on 127.0.0.1 and its root (for the proxy and pin tests)."""
    d = tmp_path_factory.mktemp("site23")
    root = CA(name="Apply23 Site Root")
    chain, key = root.issue(["localhost"]).write(d, stem="site")
    with openssl_server(chain, key, protocols=("tls1_2",), www=True) as srv:
        yield srv, root.write(d / "root.pem")


@pytest.mark.skipif(shutil.which("squid") is None or shutil.which("curl") is None,
                    reason="squid or curl missing (apt: squid, curl)")
def test_a_plain_proxy_written_https_gets_the_proxy_lines_which_fix_it(
        tls_site: tuple[Server, Path], tmp_path: Path) -> None:
    srv, ca = tls_site
    tmp_path.chmod(0o755)
    url = f"https://localhost:{srv.port}/"
    curl = f"curl -v -sS -o /dev/null --max-time 10 --cacert {ca} {url}"
    with _squid(tmp_path) as proxy:
        wrong = {**_ENV, "https_proxy": f"https://{HOST}:{proxy}"}
        before = subprocess.run(["sh", "-c", curl], env=wrong, capture_output=True, text=True,
                                timeout=30)
        assert before.returncode == 35, before.stderr[-600:]
        f = _finding(before.stderr, "client_misconfiguration")
        fix, check = f.fix[0], f.fix[1]
        # the check: the environment names the proxy, which answers plain HTTP
        env_line, probe = check.code.splitlines()
        seen = subprocess.run(["sh", "-c", env_line], env=wrong, capture_output=True,
                              text=True, timeout=10).stdout
        named = re.search(r"https_proxy=https://(\S+)", seen)
        assert named is not None, seen
        answer = subprocess.run(["sh", "-c", probe.replace("PROXY:PORT", named.group(1))],
                                env=_ENV, capture_output=True, text=True, timeout=30)
        assert "< HTTP/1.1 " in answer.stderr and "squid" in answer.stderr.lower()
        # the printed export, then the same curl: through the proxy's CONNECT tunnel
        after = subprocess.run(["sh", "-c", f"{_as_root(fix.code)}\n{curl}"], env=wrong,
                               capture_output=True, text=True, timeout=30)
        assert after.returncode == 0 and "CONNECT localhost:" in after.stderr, after.stderr
        # requests, with the printed proxies= value
        line = next(ln for ln in fix.code.splitlines() if "requests/httpx" in ln)
        proxies = ast.literal_eval(line.split("proxies=", 1)[1])
        assert requests.get(url, proxies=proxies, verify=str(ca), timeout=10).status_code == 200


# ---- a client pinned above the server's versions (version_text._UNPIN) ----------------------

_PY_OLD = """import socket, ssl
ctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)
ctx.load_verify_locations({ca!r})
with socket.create_connection(("127.0.0.1", {port})) as s:
    with ctx.wrap_socket(s, server_hostname="localhost") as t:
        print(t.version())
"""


def _replacements(text: str) -> dict[str, str]:
    """The text's "A -> B" pairs (its own words: what to write instead of what)."""
    return dict(re.findall(r"(\S+(?: \S+)?) -> ([^;]+?)(?:;|\.$)", text))


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl missing")
def test_clients_pinned_above_the_server_get_the_unpin_lines_which_fix_them(
        tls_site: tuple[Server, Path], tmp_path: Path) -> None:
    srv, ca = tls_site
    curl = f"curl -sS -o /dev/null --max-time 10 --tlsv1.3 --cacert {ca} https://localhost:{srv.port}/"
    before = subprocess.run(["sh", "-c", curl], env=_ENV, capture_output=True, text=True,
                            timeout=30)
    assert before.returncode == 35, before.stderr
    # what a terminal shows: the command, then its words
    unpin = _finding(f"$ {curl}\n{before.stderr}", "client_misconfiguration").fix
    pairs = _replacements(unpin[0].text)
    assert pairs.get("curl --tlsv1.3") == "--tlsv1.2", pairs
    fixed = curl.replace("--tlsv1.3", pairs["curl --tlsv1.3"])
    assert subprocess.run(["sh", "-c", fixed], env=_ENV, capture_output=True,
                          timeout=30).returncode == 0

    script = tmp_path / "old_client.py"
    script.write_text(_PY_OLD.format(ca=str(ca), port=srv.port))
    py = subprocess.run([sys.executable, str(script)], env=_ENV, capture_output=True,
                        text=True, timeout=30)
    assert py.returncode != 0, py.stdout
    steps = _finding(py.stderr, "client_misconfiguration").fix
    assert steps[0].text == unpin[0].text
    new = _replacements(steps[0].text)["ssl.PROTOCOL_TLSv1"]
    assert new == "ssl.create_default_context()", new
    script.write_text(script.read_text().replace("ssl.SSLContext(ssl.PROTOCOL_TLSv1)", new))
    py = subprocess.run([sys.executable, str(script)], env=_ENV, capture_output=True,
                        text=True, timeout=30)
    assert py.returncode == 0 and py.stdout.strip() == "TLSv1.2", py.stderr[-800:]


# ---- a pinned key the server no longer serves (pin_text) ------------------------------------

def _pin(leaf_pem: bytes) -> str:
    """A pin as an app's developer computes it: base64 SHA-256 of the SubjectPublicKeyInfo."""
    import base64

    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    spki = x509.load_pem_x509_certificate(leaf_pem).public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    digest = hashes.Hash(hashes.SHA256())
    digest.update(spki)
    return base64.b64encode(digest.finalize()).decode()


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl missing")
def test_a_renewed_key_the_app_does_not_pin_gets_the_pin_lines_which_fix_it(
        tmp_path: Path) -> None:
    """curl --pinnedpubkey pins the key of the certificate the server had; the server now
    serves a renewed one with another key. The printed pin command (on the server's own
    port) gives the new pin, which beside the old one lets the app connect (the client's
    step); serving the pinned certificate again lets the old app connect (the server's)."""
    root = CA(name="Apply23 Pin Root")
    ca = root.write(tmp_path / "root.pem")
    pinned, renewed = root.issue(["localhost"]), root.issue(["localhost"])
    old_pin = _pin(pinned.cert_pem)

    def app(port: int, pins: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["curl", "-v", "-sS", "-o", "/dev/null", "--max-time", "10",
                               "--cacert", str(ca), "--pinnedpubkey", pins,
                               f"https://localhost:{port}/"], env=_ENV, capture_output=True,
                              text=True, timeout=30)

    with openssl_server(*renewed.write(tmp_path, stem="renewed"), www=True) as srv:
        before = app(srv.port, f"sha256//{old_pin}")
        assert before.returncode == 90, before.stderr[-600:]
        f = _finding(before.stderr, "server_misconfiguration")
        client, server = f.fix
        assert f"localhost:{srv.port}" in client.code, client.code
        new_pin = subprocess.run(["sh", "-c", client.code], capture_output=True, text=True,
                                 timeout=30).stdout.strip()
        assert new_pin == _pin(renewed.cert_pem) != old_pin
        # the app's next release: the new pin beside the one it had
        assert app(srv.port, f"sha256//{new_pin};sha256//{old_pin}").returncode == 0
    assert server.text.startswith("The server now serves a key the app does not pin")
    # until then: the server serves the certificate whose key the app pins
    with openssl_server(*pinned.write(tmp_path, stem="pinned"), www=True) as srv:
        assert app(srv.port, f"sha256//{old_pin}").returncode == 0


# ---- a program that trusts only its own CA setting (trust_text._own_setting) ----------------

@pytest.mark.skipif(not have_nginx(), reason="nginx missing (apt: nginx-light)")
def test_nginx_proxy_ssl_verify_gets_its_own_trust_line_which_fixes_it(
        tls_site: tuple[Server, Path], tmp_path: Path) -> None:
    """nginx proxying to a private CA's upstream with proxy_ssl_verify and the system's
    bundle as proxy_ssl_trusted_certificate: 502 and "upstream SSL certificate verify error"
    in its log; explain prints that setting, which pointed at the private CA's file (as its
    text says), checked by nginx -t, lets the same request through."""
    upstream, ca = tls_site
    front = CA(name="Apply23 Front Root")
    front_ca = front.write(tmp_path / "front.pem")
    chain, key = front.issue(["localhost"]).write(tmp_path, stem="front")
    site = [f"location /up/ {{ proxy_pass https://{HOST}:{upstream.port}/; }}",
            "proxy_ssl_verify on;", "proxy_ssl_name localhost;",
            f"proxy_ssl_trusted_certificate {_BUNDLE};"]

    def get(port: int) -> str:
        return subprocess.run(["curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}",
                               "--max-time", "10", "--cacert", str(front_ca),
                               f"https://localhost:{port}/up/"], env=_ENV, capture_output=True,
                              text=True, timeout=30).stdout

    srv = nginx_tls_server(chain, key, site_lines=site)
    try:
        assert get(srv.port) == "502"
        log = srv.log_path.read_text(errors="replace")
    finally:
        srv.stop()
    f = _finding(log, "cert_untrusted_root")
    step = next(s for s in f.fix if "proxy_ssl_trusted_certificate" in s.code)
    assert step.text.startswith("nginx (proxy_ssl_verify) trusts only the file") and \
        "private CA" in step.text, step.text
    line = step.code.replace(str(_BUNDLE), str(ca))  # "Point that setting at" the CA's file
    # in place of the setting of that name, with its trailing comment (nginx -t reads it)
    fixed = nginx_tls_server(chain, key, site_lines=[
        line if ln.startswith("proxy_ssl_trusted_certificate ") else ln for ln in site])
    try:
        assert get(fixed.port) == "200"
    finally:
        fixed.stop()


# ---- the server is the old side (version_text._server_upgrade) ------------------------------

@pytest.mark.skipif(not have_nginx(), reason="nginx missing (apt: nginx-light)")
def test_a_tls10_only_server_read_from_curls_words_gets_the_upgrade_lines_which_fix_it(
        tmp_path: Path) -> None:
    """curl refuses an nginx that speaks TLS 1.0 only; explain of curl's words names the
    server as the old side and prints the server's lines (no software named: nginx's among
    them), which in nginx's server {} (nginx -t) make the same curl connect."""
    root = CA(name="Apply23 Old Server Root")
    ca = root.write(tmp_path / "root.pem")
    chain, key = root.issue(["localhost"], key_type="rsa2048").write(tmp_path, stem="old")
    config = WebConfig(software="nginx", chain_path=chain, key_path=key,
                       site_lines=("ssl_protocols TLSv1;", "ssl_ciphers DEFAULT:@SECLEVEL=0;"))

    def curl(port: int) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["curl", "-v", "-sS", "-o", "/dev/null", "--max-time", "10",
                               "--cacert", str(ca), f"https://localhost:{port}/"], env=_ENV,
                              capture_output=True, text=True, timeout=30)

    srv = fixapply.start(config)
    try:
        before = curl(srv.port)
    finally:
        srv.stop()
    assert before.returncode == 35, before.stderr[-400:]
    f = _finding(before.stderr, "protocol_version_mismatch")
    assert f.facts.get("version_party") == "server", f.facts
    assert f.fix[0].text.startswith("The server is the old side: give it TLS 1.2 and 1.3")
    line = next(s.code for s in f.fix if s.applies_to == "nginx")
    fixed = fixapply.start(fixapply.apply_snippet(config, line, workdir=tmp_path))  # nginx -t
    try:
        after = curl(fixed.port)
        assert after.returncode == 0 and re.search(r"SSL connection using TLSv1\.[23]",
                                                   after.stderr), after.stderr[-600:]
    finally:
        fixed.stop()


# ---- TLS spoken to a plaintext port (notls_text.notls_text_steps) ---------------------------

def _free_plain_port() -> int | None:
    """One of the ports plain_context reads as a plaintext web port, if free on 127.0.0.1."""
    import socket
    for port in (8080, 8000):
        with socket.socket() as s:
            try:
                s.bind((HOST, port))
            except OSError:
                continue
            return port
    return None


@pytest.mark.skipif(not have_nginx(), reason="nginx missing (apt: nginx-light)")
def test_tls_to_a_plain_port_gets_the_check_which_shows_it_and_the_tls_port_works(
        tmp_path: Path) -> None:
    """An nginx serving plain HTTP on 8080 and TLS on another port: https:// to 8080 fails
    ("wrong version number"); the printed check (curl -v http://HOST:PORT/) shows the port
    speaks plain HTTP, and the service's TLS port, as the step says, connects."""
    plain = _free_plain_port()
    if plain is None:
        pytest.skip("8080 and 8000 are taken on 127.0.0.1")
    root = CA(name="Apply23 Plain Port Root")
    ca = root.write(tmp_path / "root.pem")
    chain, key = root.issue(["localhost"]).write(tmp_path, stem="web")
    srv = nginx_tls_server(chain, key, site_lines=[f"listen {HOST}:{plain};"])
    try:
        url = f"https://localhost:{plain}/"
        before = subprocess.run(["curl", "-sS", "--max-time", "10", "--cacert", str(ca), url],
                                env=_ENV, capture_output=True, text=True, timeout=30)
        assert before.returncode == 35, before.stderr
        f = _finding(f"$ curl {url}\n{before.stderr}", "non_tls_service_on_port")
        step = f.fix[0]
        assert step.text.startswith("Use the service's TLS port"), step.text
        check = step.code.replace("HOST:PORT", f"localhost:{plain}")
        seen = subprocess.run(["sh", "-c", check], env=_ENV, capture_output=True, text=True,
                              timeout=30)
        assert "< HTTP/1.1 200" in seen.stderr, seen.stderr[-600:]
        tls = subprocess.run(["curl", "-sS", "--max-time", "10", "--cacert", str(ca),
                              f"https://localhost:{srv.port}/"], env=_ENV,
                             capture_output=True, text=True, timeout=30)
        assert tls.returncode == 0 and tls.stdout == "ok\n", tls.stderr
    finally:
        srv.stop()
