"""Round 13, SNI (patterns/sni.py): a client known to send no server name meeting the alert
of a server that needs one, and a front end's default certificate named in the output, read
`sni_required_or_mismatch` first, below certainty (the words fit a version or suite refusal,
a missing certificate for the name, too).

The audit enumerates the class (client form x alert, default name x stack's wording); real
programs prove it on 127.0.0.1: HAProxy's TLS health check without check-sni against an
nginx that refuses hellos without a known name (and with check-sni, the twin: the check
passes), openssl s_client and curl without the name against an nginx whose default_server
serves ingress-nginx's fake certificate.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from ranked import top as _top

from tlsdoctor import explain
from tlsdoctor.testing.ca import CA, self_signed
from tlsdoctor.testing.processes import output_until
from tlsdoctor.testing.servers import Site, free_port, have_haproxy, have_nginx, nginx_server

SNI = "sni_required_or_mismatch"

# Python < 2.7.9's ssl error form, as the programs around it print it.
_PY_FORMS = {
    "ssl": "SSLError: [Errno 1] _ssl.c:{n}: error:{code}:SSL routines:"
           "SSL23_GET_SERVER_HELLO:{alert}",
    "requests": "requests.exceptions.SSLError: [Errno 1] _ssl.c:{n}: error:{code}:SSL routines:"
                "SSL23_GET_SERVER_HELLO:{alert}",
    "urllib2": "<urlopen error [Errno 1] _ssl.c:{n}: error:{code}:SSL routines:"
               "SSL23_GET_SERVER_HELLO:{alert}>",
    "tuple": "SSLError(1, '_ssl.c:{n}: error:{code}:SSL routines:SSL23_GET_SERVER_HELLO:"
             "{alert}')",
}
# the alerts a server that needs the name sends (40, 80, 112)
_NO_NAME_ALERTS = {"14077410": "sslv3 alert handshake failure",
                   "14077438": "tlsv1 alert internal error",
                   "14077458": "tlsv1 unrecognized name"}
_LINES = ("504", "510", "507")  # 2.7.3, 2.7.6 (Ubuntu 14.04), Windows builds
PYTHON_CELLS = [(form, code, n) for form in _PY_FORMS for code in _NO_NAME_ALERTS
                for n in _LINES]

# A front end's default certificate in each stack's wording.
_DEFAULT_NAMES = {
    "ingress-nginx": ("Kubernetes Ingress Controller Fake Certificate", "ingress.local"),
    "traefik": ("TRAEFIK DEFAULT CERT",
                "0123456789abcdef0123456789abcdef.fedcba9876543210fedcba9876543210"
                ".traefik.default"),
}
_DEFAULT_FORMS = {
    "s_client": "subject=O = Acme Co, CN = {cn}\nissuer=O = Acme Co, CN = {cn}",
    "curl -v": "*  subject: O=Acme Co; CN={cn}\n*  issuer: O=Acme Co; CN={cn}\n"
               "curl: (60) SSL certificate problem: self-signed certificate",
    "go": "x509: certificate is valid for {san}, not app.example.com",
    "node": "Error: Hostname/IP does not match certificate's altnames: Host: app.example.com. "
            "is not in the cert's altnames: DNS:{san}",
    "python": "certificate verify failed: Hostname mismatch, certificate is not valid for "
              "'app.example.com'. subject: CN={cn}",
    "java": "PKIX path building failed: unable to find valid certification path to requested "
            "target (issuer CN={cn})",
}
DEFAULT_CELLS = [(p, f) for p in _DEFAULT_NAMES for f in _DEFAULT_FORMS]


@pytest.mark.parametrize(("form", "code", "n"), PYTHON_CELLS)
def test_audit_old_python_meets_a_refusal(form: str, code: str, n: str) -> None:
    text = _PY_FORMS[form].format(n=n, code=code, alert=_NO_NAME_ALERTS[code])
    cause, conf = _top(text)
    assert cause == SNI and conf < 0.6


@pytest.mark.parametrize(("product", "form"), DEFAULT_CELLS)
def test_audit_default_certificate_named(product: str, form: str) -> None:
    cn, san = _DEFAULT_NAMES[product]
    text = _DEFAULT_FORMS[form].format(cn=cn, san=san)
    cause, conf = _top(text)
    if form == "go":
        # Go sends the host name it verifies as SNI (crypto/tls handshake_client.go), so the
        # front end had the name and lacked a certificate or route for it: the name check
        # first, the missing SNI still listed (round 23, test_round23_holdout24.py)
        assert cause == "hostname_mismatch" and conf < 0.6
        assert SNI in {f.cause.value for f in explain(text).findings}
        return
    assert cause == SNI and conf < 0.6


def test_audit_haproxy_check() -> None:
    line = ('[WARNING]  (1234) : Health check for server be_app/app1 failed, reason: Layer6 '
            'invalid response, info: "SSL handshake failure", check duration: 3ms, status: 0/2 '
            "DOWN.")
    for text in (line, 'Layer6 invalid response, info: "SSL handshake failure"'):
        cause, conf = _top(text)
        assert cause == SNI and conf < 0.6


def test_audit_size() -> None:
    # 4 forms x 3 alerts x 3 builds + 2 products x 6 wordings + 2 HAProxy lines; at round
    # 13's start none of them read SNI first
    assert len(PYTHON_CELLS) + len(DEFAULT_CELLS) + 2 == 50


def test_twins_that_must_not_move() -> None:
    # an old Python told "protocol version" is a version refusal, not a missing name
    assert _top("SSLError(1, '_ssl.c:507: error:1407742E:SSL routines:SSL23_GET_SERVER_HELLO:"
                "tlsv1 alert protocol version')")[0] == "protocol_version_mismatch"
    # Python 2.7.9+ sends SNI: its handshake_failure keeps the ordinary reading
    assert _top("ssl.SSLError: [SSL: SSLV3_ALERT_HANDSHAKE_FAILURE] sslv3 alert handshake "
                "failure (_ssl.c:590)")[0] != SNI
    # an old curl (OpenSSL 1.0.x, which sends SNI) keeps the old-client reading
    assert _top("curl: (35) error:14077410:SSL routines:SSL23_GET_SERVER_HELLO:sslv3 alert "
                "handshake failure")[0] == "protocol_version_mismatch"
    # HAProxy's own client-side log line is not a health check
    assert _top("haproxy[914]: 172.21.6.4:14396 [21/Mar/2024:15:02:28.275] fe/1: SSL "
                "handshake failure")[0] != SNI
    # a site's own certificate named "ingress" is not the default one
    assert _top("x509: certificate is valid for ingress.example.com, not app.example.com")[0] \
        == "hostname_mismatch"


# -- real programs -------------------------------------------------------------------


def _run(argv: list[str]) -> str:
    p = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                       timeout=30)
    return p.stdout + p.stderr


@pytest.mark.skipif(not (have_nginx() and shutil.which("curl")), reason="nginx or curl missing")
def test_real_clients_without_the_name_get_the_default_certificate(tmp_path: Path) -> None:
    fake = self_signed(["ingress.local"],
                       subject_cn="Kubernetes Ingress Controller Fake Certificate")
    fchain, fkey = fake.write(tmp_path, stem="fake")
    ca = CA(name="sni round 13 root")
    chain, key = ca.issue(["app.test"]).write(tmp_path, stem="app")
    sites = [Site(server_name="_", chain_path=fchain, key_path=fkey, default=True),
             Site(server_name="app.test", chain_path=chain, key_path=key)]
    with nginx_server(sites) as srv:
        port = str(srv.port)
        s_client = _run(["openssl", "s_client", "-connect", f"127.0.0.1:{port}",
                         "-noservername", "-brief"])
        named = _run(["openssl", "s_client", "-connect", f"127.0.0.1:{port}",
                      "-servername", "app.test", "-brief"])
        # -k: as the posted outputs do, to see which certificate came (curl -v prints it
        # only for a connection it keeps)
        curl = _run(["curl", "-sSkv", "--max-time", "5", f"https://127.0.0.1:{port}/"])
    assert "Kubernetes Ingress Controller Fake Certificate" in s_client
    assert _top(s_client)[0] == SNI
    assert "Kubernetes Ingress Controller Fake Certificate" in curl
    assert _top(curl)[0] == SNI
    # twin: with the name, the site's own certificate: no SNI reading
    assert "app.test" in named and _top(named)[0] != SNI


def _haproxy_check_log(tmp_path: Path, backend_port: int, check_sni: bool,
                       until: tuple[str, ...] = ()) -> str:
    """What haproxy logged of its health checks: for 2.5 s (several checks at 300 ms), or
    until it logged every text of ``until``."""
    conf = tmp_path / f"haproxy-{check_sni}.cfg"
    sni = " check-sni app.test" if check_sni else ""
    conf.write_text("\n".join([
        "global", "    log stderr format raw local0 info",
        "defaults", "    mode http", "    log global", "    timeout connect 2s",
        "    timeout client 5s", "    timeout server 5s",
        "frontend fe", f"    bind 127.0.0.1:{free_port()}", "    default_backend be_app",
        "backend be_app",
        f"    server app1 127.0.0.1:{backend_port} ssl verify none sni str(app.test) check "
        f"inter 300ms fall 1 rise 1{sni}"]) + "\n")
    return output_until(["haproxy", "-db", "-f", str(conf)],
                        lambda text: bool(until) and all(u in text for u in until), 2.5)


@pytest.mark.skipif(not (have_haproxy() and have_nginx()), reason="haproxy or nginx missing")
def test_real_haproxy_check_without_check_sni(tmp_path: Path) -> None:
    ca = CA(name="sni round 13 root")
    chain, key = ca.issue(["app.test"]).write(tmp_path)
    # nginx refuses a hello without a name it serves (ssl_reject_handshake)
    sites = [Site(server_name="_", reject_handshake=True, default=True),
             Site(server_name="app.test", chain_path=chain, key_path=key)]
    with nginx_server(sites) as srv:
        without = _haproxy_check_log(tmp_path, srv.port, check_sni=False,
                                     until=("Layer6 invalid response", "SSL handshake failure"))
        # the twin runs the whole 2.5 s: its check says nothing when it passes
        with_sni = _haproxy_check_log(tmp_path, srv.port, check_sni=True)
    assert "Layer6 invalid response" in without and "SSL handshake failure" in without
    assert _top(without)[0] == SNI
    assert "Layer6 invalid response" not in with_sni  # the twin: check-sni fixes it
