"""Fix steps in OpenLDAP's own settings, for libldap's TLS context errors (round 19). Before,
slapd's "TLS: could not set cipher list" printed nginx's, Apache's and HAProxy's cipher lines
and a client's printed only the generic line.

The option names are OpenLDAP's own (Debian's slapd and ldap-utils 2.5.13+dfsg-5 man pages:
slapd-config(5) olcTLSCipherSuite, olcTLSCACertificateFile, olcTLSCertificateFile,
olcTLSCertificateKeyFile; slapd.conf(5) TLSCipherSuite, TLSCACertificateFile,
TLSCertificateFile, TLSCertificateKeyFile; ldap.conf(5) TLS_CIPHER_SUITE, TLS_CACERT,
TLS_CERT and TLS_KEY (user-only: ~/.ldaprc), each also as LDAP<option> in the environment).
The cipher value is the TLS library's own syntax (ldap.conf(5): "a cipher specification for
the TLS library in use"): Debian and Ubuntu build libldap with GnuTLS (a priority string),
RHEL and Fedora with OpenSSL (a cipher list). slapd refuses to start when its TLS context
fails (servers/slapd/main.c "TLS init def ctx failed" goes to its exit), so ldapi:/// is gone:
cn=config is then changed offline with slapmodify (2.5+), or with ldapmodify once it runs.
Measured on 2.5.13: ``slaptest -u`` passes a TLSCipherSuite GnuTLS refuses; only the start
fails ("TLS: could not set cipher list HIGH:!FOO." then "main: TLS init def ctx failed: -1").

Round 20: slapd's DH parameters file (olcTLSDHParamFile, TLSDHParamFile). Debian's GnuTLS
build names a missing one only as "TLS: opening `FILE' failed" (the words of every TLS file,
which printed the certificate's and key's lines) and one that holds no DH parameters not at
all ("main: TLS init def ctx failed: -1" alone); OpenSSL builds say "could not use DH
parameters file". The steps now name the file (or show it with grep) and write a group there.

Each line was applied to the real ldapsearch and slapd (tests/fixes/
test_ldap_fixes_on_real_server.py).
"""

from __future__ import annotations

import shlex

from ..causes import Cause
from ..finding import Finding, FixStep
from .context import FixContext
from .lazyre import lazy

__all__ = ["is_libldap", "ldap_steps"]

_CIPHER = lazy(r"\bTLS: could not set (?:TLSv1\.3 )?cipher list ")
_CA = lazy(r"\bTLS: could not (?:use CA certificate\b|load verify locations\b|use "
           r"default certificate paths\b)|\bcould not load client CA list\b"
           # MozNSS builds (2.4, tls_m.c)
           r"|\bTLS: (?:error: )?(?:the|could not (?:open|get info about) the) CA "
           r"certificate directory |\bis not a valid CA certificate file - error ")
_OWN = lazy(r"\bTLS: could not use (?:certificate|private key|key file|leaf "
            r"certificate|intermediate certificate)\b|\bcould not use key file\b"
            r"|\bTLS: only one of cert(?:file)? and key(?:file)? specified\b"
            r"|\bTLS: opening `[^'\n]{0,300}' failed: "
            r"|\bTLS: could not read (?:certificate|key) file ")
# The file libldap could not open (tls_g.c tlsg_getfile, every TLS file: CA, certificate, key,
# DH parameters), and the OpenSSL build's own DH words (tls_o.c).
_OPENING = lazy(r"\bTLS: opening `(?P<file>/[\w.+@:/-]{1,300})' failed: ")
_DH = lazy(r"\bTLS: could not (?:use|read) DH parameters file\b(?: `(?P<file>/[\w.+@:/-]{1,300})')?")
_INIT = lazy(r"\bmain: TLS init def ctx failed\b")  # slapd's: the line before says why
_SLAPD = lazy(r"\bslapd\[\d+\]|\bmain: TLS init def ctx failed\b")

GNUTLS_SUITE = "NORMAL"  # or SECURE256:+SECURE128:-VERS-TLS-ALL:+VERS-TLS1.3:+VERS-TLS1.2
OPENSSL_SUITE = "HIGH:!aNULL"
_BUILDS = (("GnuTLS (Debian, Ubuntu: libgnutls)", GNUTLS_SUITE),
           ("OpenSSL (RHEL, Fedora: libssl)", OPENSSL_SUITE))


def _kind(f: Finding) -> str | None:
    lines = "\n".join(f.evidence)
    for kind, rx in (("cipher", _CIPHER), ("dh", _DH), ("ca", _CA), ("own", _OWN)):
        if rx.search(lines):
            return kind
    return "server" if _INIT.search(lines) else None


def is_libldap(f: Finding) -> bool:
    """libldap's words setting up its TLS context (or slapd's line that it failed)."""
    return f.facts.get("source") == "openldap" and _kind(f) is not None


def _is_server(f: Finding) -> bool:
    return f.cause is Cause.SERVER_MISCONFIGURATION or bool(_SLAPD.search("\n".join(f.evidence)))


def _ldif(attrs: tuple[tuple[str, str], ...]) -> str:
    mods = "\n-\n".join(f"replace: olc{a}\nolc{a}: {v}" for a, v in attrs)
    return f"dn: cn=config\nchangetype: modify\n{mods}\n"


def _slapd_steps(attrs: tuple[tuple[str, str], ...], what: str,
                 build: str = "") -> tuple[FixStep, ...]:
    conf = "\n".join(f"{a} {v}" for a, v in attrs)
    return (
        FixStep(text=f"slapd could not use {what}. With cn=config (/etc/ldap/slapd.d, "
                     "/etc/openldap/slapd.d), write the LDIF; slapd does not start while its "
                     "TLS setup fails, so apply it offline with slapmodify (OpenLDAP 2.5+, as "
                     "slapd's user), or with ldapmodify over ldapi:/// while it runs:",
                code=f"cat > tls.ldif <<'EOF'\n{_ldif(attrs)}EOF\n"
                     "sudo -u openldap slapmodify -n 0 -l tls.ldif   # slapd stopped (ldap "
                     "on RHEL)\nsudo ldapmodify -Y EXTERNAL -H ldapi:/// -f tls.ldif   # "
                     "slapd running\nsudo systemctl restart slapd",
                applies_to="openldap"),
        FixStep(text=f"Or, with slapd.conf{build}: the same settings as its directives. slaptest "
                     "checks the file's syntax only (it passes a cipher list the library "
                     "refuses): the start is the test, its log says if TLS failed again:",
                code=f"{conf}\nsudo slaptest -f /etc/ldap/slapd.conf -u\n"
                     "sudo systemctl restart slapd",
                applies_to="openldap"),
    )


def _client_steps(attrs: tuple[tuple[str, str], ...], what: str) -> tuple[FixStep, ...]:
    conf = "\n".join(f"{a} {v}" for a, v in attrs)
    env = " ".join(f"LDAP{a}='{v}'" for a, v in attrs)
    return (FixStep(text=f"libldap (ldapsearch, nslcd, sssd, PHP/Python bindings) could not "
                         f"use {what}. Set it in ~/.ldaprc (this user) or /etc/ldap/ldap.conf "
                         "(/etc/openldap/ldap.conf on RHEL; TLS_CERT and TLS_KEY only in "
                         "~/.ldaprc), or for one command in the environment:",
                    code=f"{conf}\n# or: {env} ldapsearch -H ldaps://HOST -x -b '' -s base",
                    applies_to="openldap"),)


def _cipher_steps(server: bool) -> tuple[FixStep, ...]:
    which = FixStep(text="The cipher value is the TLS library's own syntax: see which one "
                         "this OpenLDAP is built with, then use that build's line below:",
                    code=f"ldd {'/usr/sbin/slapd' if server else '$(command -v ldapsearch)'} "
                         "| grep -E 'gnutls|ssl'", applies_to="openldap")
    out = [which]
    for build, suite in _BUILDS:
        what = f"its cipher list; with {build}, a value that library accepts"
        out += _slapd_steps((("TLSCipherSuite", suite),), what, f" ({build})") if server else \
            _client_steps((("TLS_CIPHER_SUITE", suite),), what)
    return tuple(out)


DH_FILE = "/etc/ldap/dhparam.pem"
_CONFIGS = "/etc/ldap/slapd.d /etc/ldap/slapd.conf 2>/dev/null   # RHEL: /etc/openldap"


def _dh_steps(path: str, found: str, *, find: bool = False) -> tuple[FixStep, ...]:
    """A 2048-bit group written to ``path`` (shell-quoted), then the setting naming it.
    RFC 7919's ffdhe2048 from OpenSSL 3 comes at once (a new safe prime, openssl dhparam,
    takes seconds to minutes); slapd's GnuTLS and OpenSSL builds both read the PEM file
    (measured: Debian's 2.5.13 on GnuTLS starts and serves with it). ``find``: the file is
    not known (``path`` is a placeholder): the grep that shows it comes first."""
    grep = (f"sudo grep -rn -i TLSDHParamFile {_CONFIGS}; the file it names: {path}\n"
            if find else "")
    generate = FixStep(text=f"{found}: write a 2048-bit DH group (RFC 7919 ffdhe2048) there, "
                            "readable by slapd's user, then restart slapd:",
                       code=f"{grep}sudo openssl genpkey -genparam -algorithm DH -pkeyopt "
                            f"group:ffdhe2048 -out {path}   # OpenSSL 1.1.1: sudo openssl "
                            f"dhparam -out {path} 2048\nsudo chmod 644 {path}\n"
                            "sudo systemctl restart slapd", applies_to="openldap")
    return (generate, *_slapd_steps((("TLSDHParamFile", path),), "its DH parameters file "
                                    "(olcTLSDHParamFile, TLSDHParamFile)"))


def _file_steps(f: Finding) -> tuple[FixStep, ...] | None:
    """slapd could not open a file its TLS settings name: which setting, and its fix."""
    m = _OPENING.search("\n".join(f.evidence))
    if m is None:
        return None
    path = shlex.quote(m.group("file"))
    which = FixStep(text=f"slapd could not open {path} (missing, or not readable by its "
                         "user). See which of its TLS settings names that file:",
                    code=f"sudo grep -rn -F {path} {_CONFIGS}", applies_to="openldap")
    return (which, *_dh_steps(path, "If it is olcTLSDHParamFile (TLSDHParamFile)")[:1],
            *_own_steps(True, "its certificate or key, if the file is one of them"))


def _own_steps(server: bool, what: str) -> tuple[FixStep, ...]:
    if server:
        return _slapd_steps((("TLSCertificateFile", "/etc/ldap/server.pem"),
                             ("TLSCertificateKeyFile", "/etc/ldap/server.key")), what)
    return _client_steps((("TLS_CERT", "/home/USER/client.pem"),
                          ("TLS_KEY", "/home/USER/client.key")), what)


def ldap_steps(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    """OpenLDAP's steps for libldap's context error ``f``; () when it is not one."""
    kind = _kind(f) if f.facts.get("source") == "openldap" else None
    if kind is None:
        return ()
    server = _is_server(f)
    if kind == "cipher":
        return _cipher_steps(server)
    if kind == "dh":
        m = _DH.search("\n".join(f.evidence))
        path = shlex.quote(m.group("file")) if m and m.group("file") else DH_FILE
        return _dh_steps(path, "slapd could not use its DH parameters file")
    files = _file_steps(f) if server else None
    if files is not None:
        return files
    if kind == "ca":
        what = "its CA file (missing, unreadable by its user, or not PEM): name a PEM file of "\
               "the CA certificates it can read"
        return _slapd_steps((("TLSCACertificateFile", "/etc/ldap/ca.pem"),), what) if server \
            else _client_steps((("TLS_CACERT", "/etc/ldap/ca.pem"),), what)
    what = "its certificate or key (missing, unreadable by its user, not PEM, or a key of "\
           "another certificate): name both PEM files, the key readable by its user"
    if kind == "server":  # only "TLS init def ctx failed": a DH file it cannot parse says no more
        return (*_own_steps(True, what), *_dh_steps("DH_FILE", "If slapd's settings name a DH "
                                                    "parameters file (olcTLSDHParamFile, "
                                                    "TLSDHParamFile), it must hold PEM DH "
                                                    "PARAMETERS (GnuTLS logs nothing more)",
                                                    find=True)[:1])
    return _own_steps(server, what)
