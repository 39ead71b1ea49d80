"""Round 19: OpenLDAP's libldap says why it could not set up a TLS context (a TLS_* option
of ldap.conf/.ldaprc, LDAPTLS_* in the environment, or slapd's olcTLS* settings). Each
string as libldap prints it (openldap/openldap libraries/libldap/tls_o.c, tls_g.c, tls2.c @
5ffe12c065c0, tls_m.c @ OPENLDAP_REL_ENG_2_4_59 b94042dc6160; servers/slapd/main.c), bare,
in ``ldapsearch -d 1``'s trace and in slapd's syslog lines: a client's own configuration
unless slapd's words say the log is the server's. Then the real ldapsearch (ldap-utils)
against a TLS server on 127.0.0.1 with a cipher list its library refuses and a CA file it
cannot read: its stderr, fed to explain. Skips without ldapsearch (.ci/run installs it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.processes import logged_process
from tlsdoctor.testing.servers import HOST, free_port, wait_ready

CLIENT, SERVER = "client_misconfiguration", "server_misconfiguration"

# ldapsearch -d 1's trace up to the TLS setup (libraries/libldap/request.c, os-ip.c), as the
# real one below prints it
_TRACE = ("ldap_url_parse_ext(ldaps://ldap.example.com:636)\nldap_create\n"
          "ldap_url_parse_ext(ldaps://ldap.example.com:636/??base)\nldap_sasl_bind\n"
          "ldap_send_initial_request\nldap_new_connection 1 1 0\nldap_int_open_connection\n"
          "ldap_connect_to_host: TCP ldap.example.com:636\nldap_new_socket: 3\n"
          "ldap_prepare_socket: 3\nldap_connect_to_host: Trying 10.0.0.5:636\n"
          "ldap_pvt_connect: fd: 3 tm: -1 async: 0\nattempting to connect: \nconnect success\n")
_BIND = "ldap_err2string\nldap_sasl_bind(SIMPLE): Can't contact LDAP server (-1)\n"


def _slapd(*lines: str) -> str:
    return "".join(f"Dec  6 10:00:01 ldap1 slapd[812]: {line}\n" for line in lines)


CASES = [
    # tls_g.c / tls_o.c / tls_m.c: TLS_CIPHER_SUITE refused
    ("TLS: could not set cipher list TLSv1+RSA.", CLIENT, "client"),
    (_TRACE + "TLS: could not set cipher list TLSv1+RSA.\n" + _BIND, CLIENT, "client"),
    # tls_o.c over OpenSSL 3: its queue follows (tlso_report_error)
    ("TLS: could not set TLSv1.3 cipher list TLS_AES_999_GCM.\nTLS: error:0A0000B9:SSL "
     "routines::no cipher match ssl/ssl_ciph.c:1336\n" + _BIND, CLIENT, "client"),
    # tls_o.c: TLS_CACERT that cannot be read
    ("TLS: could not load verify locations (file:`/etc/ldap/cacert.pem',dir:`').\n"
     "TLS: error:80000002:system library::No such file or directory "
     "crypto/bio/bss_file.c:67\n" + _BIND, CLIENT, "client"),
    # tls_g.c
    ("TLS: could not use CA certificate file `/etc/openldap/certs/ca.crt': Error while "
     "reading file. (-64)", CLIENT, "client"),
    # (not "TLS: could not use CA certificate: ASN1 parser: Error in DER parsing. (-69)":
    # FreeRADIUS's harvested "tls: %s: Error in %s" matches it too and makes it a server's)
    # the client's own certificate and key (TLS_CERT / TLS_KEY in .ldaprc)
    ("TLS: could not use certificate file `/home/ann/.ldap/client.crt`.", CLIENT, "client"),
    ("TLS: could not use key file `/home/ann/.ldap/client.key'.", CLIENT, "client"),
    ("TLS: could not use private key: Base64 decoding error. (-34)", CLIENT, "client"),
    ("TLS: only one of certfile and keyfile specified", CLIENT, "client"),
    ("TLS: opening `/home/ann/.ldap/client.key' failed: No such file or directory", CLIENT,
     "client"),
    ("TLS: could not set EC name `prime999v1'.", CLIENT, "client"),
    # tls_m.c (MozNSS builds of 2.4)
    ("TLS: could not read certificate file /etc/openldap/certs/ldap.crt - error -5950:File "
     "not found.", CLIENT, "client"),
    ("TLS: error: the CA certificate directory /etc/openldap/cacerts is not a directory.",
     CLIENT, "client"),
    # slapd's syslog: its own settings
    (_slapd("TLS: could not set cipher list HIGH:!MD5:NOPE.", "main: TLS init def ctx "
            "failed: -1"), SERVER, "server"),
    (_slapd("TLS: could not use key file `/etc/ldap/ssl/slapd.key'.",
            "TLS: error:8000000D:system library::Permission denied crypto/bio/bss_file.c:67",
            "main: TLS init def ctx failed: -1"), SERVER, "server"),
    (_slapd("TLS: could not use CA certificate file `/etc/ldap/ssl/ca.pem': Error while "
            "reading file. (-64)"), SERVER, "server"),
    # slapd -d 1 in a terminal (no syslog tag): main.c's line says it
    ("TLS: could not set cipher list SECURE256:-VERS-SSL3.0:NOPE.\nmain: TLS init def ctx "
     "failed: -1 \nslapd stopped.", SERVER, "server"),
    # only a server loads these
    ("TLS: could not load client CA list (file:`/etc/ldap/ca.pem',dir:`').", SERVER, "server"),
    ("TLS: could not use DH parameters file `/etc/ldap/dhparam.pem'.", SERVER, "server"),
]


@pytest.mark.parametrize(("text", "cause", "party"), CASES)
def test_libldaps_context_words_give_whose_configuration(text: str, cause: str,
                                                         party: str) -> None:
    r = explain(text)
    assert r.recognized and r.findings, text
    f = r.findings[0]
    assert (f.cause.value, f.who_fixes) == (cause, party), (text, r.findings)


def test_a_cacertdir_warning_alone_names_no_fault() -> None:
    r = explain("TLS: warning: no certificate found in CA certificate directory "
                "`/etc/ssl/certs'.")
    assert not r.findings


# -- the real ldapsearch --------------------------------------------------------------------

pytestmark_real = pytest.mark.skipif(shutil.which("ldapsearch") is None or
                                     shutil.which("openssl") is None,
                                     reason="ldapsearch (ldap-utils) or openssl missing")


@dataclass(frozen=True)
class Peer:
    port: int
    ca: Path
    home: Path


@pytest.fixture(scope="module")
def peer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Peer]:
    """openssl s_server on 127.0.0.1: libldap sets its context up once TCP connected."""
    if shutil.which("ldapsearch") is None or shutil.which("openssl") is None:
        pytest.skip("ldapsearch (ldap-utils) or openssl missing")
    d = tmp_path_factory.mktemp("ldap19")
    ca = CA()
    ca.issue(["localhost"]).write(d, stem="leaf")
    ca.write(d / "ca.pem")
    port = free_port()
    argv = ["openssl", "s_server", "-accept", f"{HOST}:{port}", "-cert",
            str(d / "leaf.chain.pem"), "-key", str(d / "leaf.key.pem"), "-quiet"]
    with logged_process(argv, d / "s_server.log") as proc:
        wait_ready(HOST, port, timeout=10, alive=lambda: proc.poll() is None)
        yield Peer(port=port, ca=d / "ca.pem", home=d)


def _ldapsearch(peer: Peer, **tls: str) -> str:
    """ldapsearch -d 1's stderr; no ldap.conf or .ldaprc but the LDAPTLS_* given."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LDAP")}
    env.update(HOME=str(peer.home), LDAPCONF=os.devnull, LDAPRC=os.devnull,
               **{f"LDAPTLS_{k}": v for k, v in tls.items()})
    got = subprocess.run(["ldapsearch", "-x", "-d", "1", "-H", f"ldaps://{HOST}:{peer.port}",
                          "-b", "", "-s", "base"], capture_output=True, text=True, env=env,
                         timeout=30)
    assert got.returncode != 0, got.stderr
    return got.stderr


@pytestmark_real
def test_real_ldapsearch_with_a_cipher_list_its_library_refuses(peer: Peer) -> None:
    err = _ldapsearch(peer, CIPHER_SUITE="TLSv1+RSA", CACERT=str(peer.ca))
    assert "TLS: could not set cipher list TLSv1+RSA." in err, err
    r = explain(err)
    assert r.findings and r.side != "server", err
    assert (r.findings[0].cause.value, r.findings[0].who_fixes) == (CLIENT, "client"), err


@pytestmark_real
def test_real_ldapsearch_with_a_ca_file_it_cannot_read(peer: Peer) -> None:
    missing = peer.home / "no-such-ca.pem"
    err = _ldapsearch(peer, CACERT=str(missing))
    assert str(missing) in err and "TLS: could not " in err, err
    r = explain(err)
    assert r.findings, err
    assert (r.findings[0].cause.value, r.findings[0].who_fixes) == (CLIENT, "client"), err
    # the same words in slapd's log are slapd's own setting
    line = next(x for x in err.splitlines() if x.startswith("TLS: could not "))
    r = explain(_slapd(line, "main: TLS init def ctx failed: -1"))
    assert (r.side, r.findings[0].cause.value) == ("server", SERVER)
