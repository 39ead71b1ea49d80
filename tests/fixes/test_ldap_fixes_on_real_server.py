"""Round 19: OpenLDAP's fix lines (fixes/ldap_text.py), applied to the real slapd and
ldapsearch (Debian's slapd and ldap-utils 2.5.13, GnuTLS build). slapd runs from a
slapd.conf in a temp dir on 127.0.0.1 (never the system service): first with a
TLSCipherSuite GnuTLS refuses, which stops its start; explain reads its stderr, and the
slapd.conf line explain prints, applied, lets it start with ldaps. Then ldapsearch with
LDAPTLS_CIPHER_SUITE=TLSv1+RSA fails to set up TLS; the client line explain prints, applied
as ~/.ldaprc and as the environment, lets it read the root DSE over ldaps. The cn=config
form too: the printed LDIF, applied offline with the printed slapmodify to a cn=config dir
slaptest made, lets slapd start; the printed ldapmodify applies it over ldapi. Skips without
slapd or ldapsearch (.ci/run installs slapd and ldap-utils).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.finding import Finding
from tlsdoctor.fixes.ldap_text import OPENSSL_SUITE
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.processes import logged_process
from tlsdoctor.testing.servers import HOST, free_port, wait_ready

SLAPD = shutil.which("slapd") or ("/usr/sbin/slapd" if os.path.exists("/usr/sbin/slapd")
                                   else None)
REFUSED = "HIGH:!FOO"  # "FOO" is no GnuTLS priority keyword: gnutls_priority_init fails
_GENERIC_SERVERS = ("nginx", "apache", "haproxy")


def _conf(d: Path, suite: str) -> Path:
    conf = d / "slapd.conf"
    conf.write_text(f"pidfile {d}/slapd.pid\nargsfile {d}/slapd.args\n"
                    f"TLSCACertificateFile {d}/ca.pem\nTLSCertificateFile {d}/leaf.chain.pem\n"
                    f"TLSCertificateKeyFile {d}/leaf.key.pem\nTLSCipherSuite {suite}\n")
    return conf


def _lines(f: Finding, build: str) -> list[str]:
    """The code lines of ``f``'s OpenLDAP step for ``build`` ("GnuTLS" or "OpenSSL")."""
    steps = [s for s in f.fix if s.applies_to == "openldap" and build in s.text]
    assert steps, f.fix
    return [line for s in steps for line in s.code.splitlines()]


@dataclass(frozen=True)
class Lab:
    d: Path
    port: int
    refused_stderr: str
    applied: str  # the slapd.conf line explain printed, applied
    slaptest: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    if SLAPD is None or shutil.which("ldapsearch") is None:
        pytest.skip("slapd or ldapsearch missing (apt packages slapd, ldap-utils)")
    d = tmp_path_factory.mktemp("slapd19")
    ca = CA()
    ca.issue(["localhost"], ip_addresses=[HOST]).write(d, stem="leaf")
    ca.write(d / "ca.pem")
    port = free_port()
    argv = [SLAPD, "-h", f"ldaps://{HOST}:{port}/", "-f", str(d / "slapd.conf"), "-d", "none"]
    _conf(d, REFUSED)
    refused = subprocess.run(argv, capture_output=True, text=True, timeout=30)
    assert refused.returncode != 0, refused.stderr
    f = next(f for f in explain(refused.stderr).findings)
    applied = next(x for x in _lines(f, "GnuTLS") if x.startswith("TLSCipherSuite "))
    conf = _conf(d, applied.split(None, 1)[1])
    slaptest = subprocess.run(["slaptest", "-f", str(conf), "-u"], capture_output=True,
                              text=True, timeout=30)
    with logged_process(argv, d / "slapd.log") as proc:
        wait_ready(HOST, port, timeout=15, alive=lambda: proc.poll() is None)
        yield Lab(d, port, refused.stderr, applied, slaptest)


def _ldapsearch(lab: Lab, home: Path, **tls: str) -> subprocess.CompletedProcess[str]:
    """ldapsearch for the root DSE over ldaps; no ldap.conf, the HOME and LDAPTLS_* given."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LDAP")}
    given = {"CACERT": str(lab.d / "ca.pem"), **tls}
    env.update(HOME=str(home), LDAPCONF=os.devnull,
               **{f"LDAPTLS_{k}": v for k, v in given.items()})
    return subprocess.run(["ldapsearch", "-x", "-d", "1", "-H", f"ldaps://{HOST}:{lab.port}",
                           "-b", "", "-s", "base"], capture_output=True, text=True, env=env,
                          cwd=home, timeout=30)


def test_slapd_refusing_its_cipher_list_gets_slapds_own_lines(lab: Lab) -> None:
    assert f"TLS: could not set cipher list {REFUSED}." in lab.refused_stderr
    r = explain(lab.refused_stderr)
    assert (r.side, r.findings[0].cause.value) == ("server", "server_misconfiguration")
    for f in r.findings:
        assert not {s.applies_to for s in f.fix} & set(_GENERIC_SERVERS), f.fix
    f = r.findings[0]
    code = "\n".join(s.code for s in f.fix)
    assert "olcTLSCipherSuite: NORMAL" in code and "ldapmodify -Y EXTERNAL -H ldapi:///" in code
    assert "TLSCipherSuite HIGH:!aNULL" in _lines(f, "OpenSSL")  # RHEL's build, labelled
    assert "ldd /usr/sbin/slapd | grep -E 'gnutls|ssl'" in code


def test_the_printed_slapd_conf_line_applied_lets_slapd_serve_ldaps(lab: Lab) -> None:
    assert lab.applied == "TLSCipherSuite NORMAL"
    assert lab.slaptest.returncode == 0, lab.slaptest.stderr
    got = _ldapsearch(lab, lab.d)
    assert got.returncode == 0, got.stderr
    assert "objectClass: OpenLDAProotDSE" in got.stdout


def test_the_printed_client_line_applied_lets_ldapsearch_connect(lab: Lab) -> None:
    home = lab.d / "home"
    home.mkdir(exist_ok=True)
    bad = _ldapsearch(lab, home, CIPHER_SUITE="TLSv1+RSA")
    assert bad.returncode != 0 and "TLS: could not set cipher list TLSv1+RSA." in bad.stderr
    r = explain(bad.stderr)
    assert r.findings and r.findings[0].cause.value == "client_misconfiguration", bad.stderr
    for f in r.findings:
        assert not {s.applies_to for s in f.fix} & set(_GENERIC_SERVERS), f.fix
    lines = _lines(r.findings[0], "GnuTLS")
    rc_line = next(x for x in lines if x.startswith("TLS_CIPHER_SUITE "))
    (home / ".ldaprc").write_text("TLS_CIPHER_SUITE TLSv1+RSA\n")  # ~/.ldaprc is read:
    assert "could not set cipher list" in _ldapsearch(lab, home).stderr
    (home / ".ldaprc").write_text(rc_line + "\n")
    good = _ldapsearch(lab, home)  # the .ldaprc line, no LDAPTLS_CIPHER_SUITE
    assert good.returncode == 0 and "OpenLDAProotDSE" in good.stdout, good.stderr
    (home / ".ldaprc").unlink()
    env_form = next(m for x in lines for m in [re.search(r"LDAPTLS_CIPHER_SUITE='([^']+)'", x)]
                    if m)
    good = _ldapsearch(lab, home, CIPHER_SUITE=env_form[1])
    assert good.returncode == 0 and "OpenLDAProotDSE" in good.stdout, good.stderr


def test_the_printed_ca_line_applied_lets_ldapsearch_connect(lab: Lab) -> None:
    home = lab.d / "home_ca"
    home.mkdir(exist_ok=True)
    bad = _ldapsearch(lab, home, CACERT=str(home / "missing.pem"))
    assert bad.returncode != 0 and "TLS: could not use CA certificate" in bad.stderr
    f = explain(bad.stderr).findings[0]
    line = next(x for s in f.fix if s.applies_to == "openldap" for x in s.code.splitlines()
                if x.startswith("TLS_CACERT "))
    # the option printed, with the file this machine has
    (home / ".ldaprc").write_text(f"{line.split()[0]} {lab.d / 'ca.pem'}\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("LDAP")}
    env.update(HOME=str(home), LDAPCONF=os.devnull)
    good = subprocess.run(["ldapsearch", "-x", "-H", f"ldaps://{HOST}:{lab.port}", "-b", "",
                           "-s", "base"], capture_output=True, text=True, env=env, cwd=home,
                          timeout=30)
    assert good.returncode == 0 and "OpenLDAProotDSE" in good.stdout, good.stderr


# -- the lines themselves, without the programs ----------------------------------------------

def _slapd_log(*lines: str) -> str:
    return "".join(f"Dec  6 10:00:00 ldap1 slapd[812]: {line}\n" for line in lines)


_INIT = "main: TLS init def ctx failed: -1"


@pytest.mark.parametrize(("text", "side", "wanted"), [
    (_slapd_log("TLS: could not set cipher list HIGH:!FOO.", _INIT), "server",
     ("olcTLSCipherSuite: NORMAL", "TLSCipherSuite HIGH:!aNULL", "ldapi:///")),
    ("TLS: could not set cipher list TLSv1+RSA.", "client",
     ("TLS_CIPHER_SUITE NORMAL", "TLS_CIPHER_SUITE HIGH:!aNULL", "LDAPTLS_CIPHER_SUITE=")),
    ("TLS: could not use CA certificate file `/etc/openldap/certs/ca.crt': Error while "
     "reading file. (-64)", "client", ("TLS_CACERT ", "LDAPTLS_CACERT=")),
    (_slapd_log("TLS: could not use CA certificate file `/etc/ldap/ca.pem': Error while "
                "reading file. (-64)", _INIT), "server",
     ("olcTLSCACertificateFile: ", "TLSCACertificateFile ")),
    ("TLS: could not load verify locations (file:`/etc/ldap/cacert.pem',dir:`').",
     "client", ("TLS_CACERT ",)),
    (_slapd_log("TLS: could not use key file `/etc/ldap/server.key'.", _INIT), "server",
     ("olcTLSCertificateKeyFile: ", "TLSCertificateFile ")),
    ("TLS: could not use certificate file `/home/u/client.pem'.", "client",
     ("TLS_CERT ", "TLS_KEY ")),
    ("TLS: only one of certfile and keyfile specified", "client", ("TLS_CERT ", "TLS_KEY ")),
    ("TLS: opening `/home/ann/.ldap/client.key' failed: No such file or directory", "client",
     ("TLS_KEY ",)),
    ("TLS: error: the CA certificate directory /etc/openldap/cacerts is not a directory.",
     "client", ("TLS_CACERT ",)),
    # round 20: the DH parameters file (OpenSSL builds' words; GnuTLS: tested for real below)
    (_slapd_log("TLS: could not use DH parameters file `/etc/ldap/dh2048.pem'.", _INIT),
     "server", ("group:ffdhe2048 -out /etc/ldap/dh2048.pem", "olcTLSDHParamFile: ",
                "TLSDHParamFile /etc/ldap/dh2048.pem")),
    (_slapd_log("TLS: opening `/etc/ldap/dh.pem' failed: No such file or directory", _INIT),
     "server", ("grep -rn -F /etc/ldap/dh.pem", "-out /etc/ldap/dh.pem")),
])
def test_libldaps_words_get_openldaps_own_lines(text: str, side: str,
                                                 wanted: tuple[str, ...]) -> None:
    r = explain(text)
    assert r.findings, text
    code = "\n".join(s.code for s in r.findings[0].fix)
    for piece in wanted:
        assert piece in code, (piece, code)
    assert ("restart slapd" in code) == (side == "server"), code
    for f in r.findings:
        assert not {s.applies_to for s in f.fix} & set(_GENERIC_SERVERS), f.fix


# -- cn=config: the printed LDIF, offline with slapmodify and online with ldapmodify --------

def _printed_ldif(f: Finding) -> tuple[str, list[str]]:
    """The GnuTLS cn=config step's LDIF (its here-document) and its command lines."""
    code = next(s.code for s in f.fix if "GnuTLS" in s.text and "tls.ldif" in s.code)
    m = re.search(r"<<'EOF'\n(.*?\n)EOF\n(.*)", code, re.S)
    assert m, code
    return m[1], m[2].splitlines()


def _run(argv: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, timeout=30)


def test_the_printed_cn_config_ldif_applied_with_slapmodify_and_ldapmodify(
        lab: Lab, tmp_path: Path) -> None:
    d, cfg = lab.d, tmp_path / "slapd.d"
    cfg.mkdir()
    conv = tmp_path / "conv.conf"  # slapd.conf's settings, converted to cn=config by slaptest
    conv.write_text(f"pidfile {tmp_path}/slapd.pid\nargsfile {tmp_path}/slapd.args\n"
                    f"TLSCACertificateFile {d}/ca.pem\nTLSCertificateFile {d}/leaf.chain.pem\n"
                    f"TLSCertificateKeyFile {d}/leaf.key.pem\nTLSCipherSuite {REFUSED}\n"
                    "database config\naccess to * by dn.exact=gidNumber="
                    f"{os.getgid()}+uidNumber={os.getuid()},cn=peercred,cn=external,cn=auth "
                    "manage by * none\n")
    assert _run(["slaptest", "-f", str(conv), "-F", str(cfg)]).returncode == 0
    port, sock = free_port(), tmp_path / "ldapi"
    ldapi = "ldapi://" + str(sock).replace("/", "%2F")
    argv = [str(SLAPD), "-h", f"ldaps://{HOST}:{port}/ {ldapi}", "-F", str(cfg), "-d", "none"]
    refused = _run(argv)
    assert refused.returncode != 0 and "could not set cipher list" in refused.stderr
    ldif, commands = _printed_ldif(explain(refused.stderr).findings[0])
    (tmp_path / "tls.ldif").write_text(ldif)
    offline = next(c for c in commands if " slapmodify " in c).split("#")[0].split()
    offline = offline[offline.index("slapmodify"):] + ["-F", str(cfg)]  # as root, this dir
    got = subprocess.run(offline, capture_output=True, text=True, timeout=30, cwd=tmp_path)
    assert got.returncode == 0, got.stderr
    with logged_process(argv, tmp_path / "slapd.log") as proc:
        wait_ready(HOST, port, timeout=15, alive=lambda: proc.poll() is None)
        dse = _ldapsearch(Lab(d, port, "", "", got), tmp_path)
        assert dse.returncode == 0 and "OpenLDAProotDSE" in dse.stdout, dse.stderr
        online = next(c for c in commands if " ldapmodify " in c).split("#")[0].split()
        online = [ldapi if a == "ldapi:///" else a for a in online[online.index("ldapmodify"):]]
        got = subprocess.run(online, capture_output=True, text=True, timeout=30, cwd=tmp_path,
                             env={**os.environ, "LDAPCONF": os.devnull})
        assert got.returncode == 0, got.stderr


def test_the_openssl_builds_value_is_an_openssl_cipher_list() -> None:
    if shutil.which("openssl") is None:
        pytest.skip("openssl missing")
    assert _run(["openssl", "ciphers", OPENSSL_SUITE]).returncode == 0


def test_the_printed_cert_and_key_lines_applied_let_ldapsearch_connect(lab: Lab) -> None:
    home = lab.d / "home_key"
    home.mkdir(exist_ok=True)
    bad = _ldapsearch(lab, home, CERT=str(lab.d / "leaf.chain.pem"),
                      KEY=str(home / "missing.key"))
    assert bad.returncode != 0 and "TLS: could not use private key file" in bad.stderr
    f = explain(bad.stderr).findings[0]
    names = [x.split()[0] for s in f.fix if s.applies_to == "openldap"
             for x in s.code.splitlines() if x.startswith("TLS_")]
    assert names == ["TLS_CERT", "TLS_KEY"], f.fix
    # the options printed, in ~/.ldaprc (they are user-only): read from there, as the same
    # missing key shows, and with this machine's files the connection is made
    rc = home / ".ldaprc"
    rc.write_text(f"{names[0]} {lab.d / 'leaf.chain.pem'}\n{names[1]} {home / 'missing.key'}\n")
    again = _ldapsearch(lab, home)
    assert again.returncode != 0 and "could not use private key file" in again.stderr
    rc.write_text(f"{names[0]} {lab.d / 'leaf.chain.pem'}\n{names[1]} {lab.d / 'leaf.key.pem'}\n")
    good = _ldapsearch(lab, home)
    assert good.returncode == 0 and "OpenLDAProotDSE" in good.stdout, good.stderr


# -- round 20: slapd's DH parameters file -------------------------------------------------------

def _run_printed(code: str, d: Path) -> None:
    """A step's shell lines run as printed, without sudo; the service manager's restart is
    the test's own start of slapd, and the configuration grep reads this slapd's file."""
    for line in code.splitlines():
        line = line.split("   #", 1)[0].replace("sudo ", "", 1).strip()
        if not line or line.startswith("systemctl "):
            continue
        line = line.replace("/etc/ldap/slapd.d /etc/ldap/slapd.conf", str(d / "slapd.conf"))
        done = subprocess.run(["sh", "-c", line], capture_output=True, text=True, timeout=30)
        assert done.returncode == 0 and ("grep" not in line or "TLSDHParamFile" in done.stdout), \
            (line, done.stdout, done.stderr)


@pytest.mark.parametrize("dh_file", ["missing", "not DH parameters"])
def test_the_printed_dh_lines_applied_let_slapd_serve_ldaps(dh_file: str, lab: Lab,
                                                            tmp_path: Path) -> None:
    """TLSDHParamFile naming a missing file (GnuTLS: "TLS: opening `FILE' failed") or one that
    holds no DH parameters (only "main: TLS init def ctx failed"): slapd does not start. The
    lines explain prints were the certificate's and key's; now the DH file's, and applied
    (the genpkey line with the file the log named, or the one the step names, set in
    slapd.conf as printed) slapd serves ldaps and ldapsearch reads the root DSE."""
    for name in ("ca.pem", "leaf.chain.pem", "leaf.key.pem"):
        shutil.copy(lab.d / name, tmp_path / name)
    port = free_port()
    conf = _conf(tmp_path, "NORMAL")
    dh = tmp_path / "dh.pem"
    if dh_file != "missing":
        dh.write_text("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
    conf.write_text(conf.read_text() + f"TLSDHParamFile {dh}\n")
    argv = [str(SLAPD), "-h", f"ldaps://{HOST}:{port}/", "-f", str(conf), "-d", "none"]
    refused = subprocess.run(argv, capture_output=True, text=True, timeout=30)
    assert refused.returncode != 0 and "TLS init def ctx failed" in refused.stderr
    f = explain(refused.stderr).findings[0]
    step = next(s for s in f.fix if s.applies_to == "openldap" and "genpkey" in s.code)
    if dh_file == "missing":  # the log names the file: the step writes that one
        assert str(dh) in step.code
        grep = next(s for s in f.fix if "grep" in s.code)
        _run_printed(grep.code, tmp_path)
    else:  # only the init line: the step's grep shows the file, which fills DH_FILE
        grep = step.code.splitlines()[0].split("   #", 1)[0].replace("sudo ", "", 1)
        found = subprocess.run(["sh", "-c", grep.replace("/etc/ldap/slapd.d /etc/ldap/slapd.conf",
                                                         str(conf))],
                               capture_output=True, text=True, timeout=30).stdout
        named = found.split()[-1]
        assert named == str(dh), found
        dh.unlink()
        _run_printed(step.code.replace("DH_FILE", named), tmp_path)
        assert dh.read_text().startswith("-----BEGIN DH PARAMETERS-----")
    if dh_file == "missing":
        _run_printed(step.code, tmp_path)
    with logged_process(argv, tmp_path / "slapd.log") as proc:
        wait_ready(HOST, port, timeout=15, alive=lambda: proc.poll() is None)
        good = _ldapsearch(Lab(tmp_path, port, "", "", lab.slaptest), tmp_path)
    assert good.returncode == 0 and "OpenLDAProotDSE" in good.stdout, good.stderr
