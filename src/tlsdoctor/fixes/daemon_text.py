"""Fix steps for rsyslog's and syslog-ng's TLS refusals read from their own words (round 17).

rsyslog's messages (ingest/patterns/daemons.py) used to get the generic steps, which name
web clients (curl, a browser's store) and took the documentation link rsyslog prints
("[v8.2302.0 try https://www.rsyslog.com/e/2085 ]") for the server. rsyslog verifies with
its own files only, so the steps are its own settings, applied to a real rsyslog 8.2302
pair with both netstream drivers in tests/ingest/test_round17_daemon_fix_applied.py:

- the CA file it verifies its peer with: ``global(DefaultNetstreamDriverCAFile=...)``; one
  file for every peer, so the peer's CA is added to the CAs already there;
- the certificate and key it presents: ``global(DefaultNetstreamDriverCertFile=...,
  DefaultNetstreamDriverKeyFile=...)`` (a receiver in x509/certvalid or x509/name mode
  refuses a sender without one);
- the names it permits in x509/name mode: imtcp's ``PermittedPeer=[...]`` (a receiver),
  omfwd's ``StreamDriverPermittedPeers`` (a sender); the name the peer's certificate
  carries is printed after "Names:".

syslog-ng prints the configuration file and line of the driver whose TLS failed
("location='/etc/syslog-ng/conf.d/remote.conf:4:70'"): its steps name that file and the
driver's tls() options ca-file(), cert-file(), key-file(), peer-verify() (syslog-ng OSE 3.38
administration guide, "TLS options"; syslog-ng --syntax-only checks a configuration).

Names: rsyslog 8.2302's rsyslogd and imtcp.so parameter tables (Debian 8.2302.0-1,
``strings``: defaultnetstreamdrivercafile, defaultnetstreamdrivercertfile,
defaultnetstreamdriverkeyfile, streamdriverpermittedpeers, permittedpeer,
streamdriver.authmode); rsyslogd -N1 checks a configuration (rsyslogd(8)).
"""

from __future__ import annotations

from ..causes import Cause
from ..finding import Finding, FixStep
from .context import FixContext
from .lazyre import lazy

__all__ = ["daemon_steps", "is_daemon"]

_CHECK_RESTART = "sudo rsyslogd -N1 && sudo systemctl restart rsyslog"
_NAMES = lazy(r"Names: DNSname: (?P<name>[A-Za-z0-9*][A-Za-z0-9.*-]{0,250})")

_CA = FixStep(
    text="rsyslog verifies its peer with its own CA file only (not the system store). Add the "
         "CA that issued the peer's certificate (peer-ca.pem: ask the peer's administrator) "
         "to the CAs this rsyslog trusts now (CA_FILE: the file the grep shows), then check "
         "and restart:",
    code="grep -rniE 'NetstreamDriverCAFile|StreamDriver.CAFile' /etc/rsyslog.conf "
         "/etc/rsyslog.d/\n"
         "cat CA_FILE peer-ca.pem | sudo tee /etc/rsyslog.d/tls-cas.pem >/dev/null\n"
         "# /etc/rsyslog.conf (or a file in /etc/rsyslog.d/), global():\n"
         'global(DefaultNetstreamDriverCAFile="/etc/rsyslog.d/tls-cas.pem")\n'
         + _CHECK_RESTART,
    applies_to="rsyslog")

_OWN_CERT = FixStep(
    text="The receiver requires a certificate from each sender (imtcp StreamDriver.AuthMode "
         "x509/certvalid or x509/name). Give the sender a certificate issued by a CA the "
         "receiver trusts, with its key, then check and restart the sender:",
    code="# the sender's /etc/rsyslog.conf (or a file in /etc/rsyslog.d/), global():\n"
         'global(DefaultNetstreamDriverCertFile="/etc/rsyslog.d/sender-cert.pem" '
         'DefaultNetstreamDriverKeyFile="/etc/rsyslog.d/sender-key.pem")\n'
         + _CHECK_RESTART + "\n"
         "# or, if senders are not meant to present one, the receiver's imtcp module: "
         'StreamDriver.AuthMode="anon"',
    applies_to="rsyslog")

_RENEW = FixStep(
    text="Renew the certificate the peer presents (the file its "
         "DefaultNetstreamDriverCertFile names), then restart that rsyslog; check this "
         "machine's clock too when the dates look right:",
    code="grep -rni 'NetstreamDriverCertFile' /etc/rsyslog.conf /etc/rsyslog.d/\n"
         "openssl x509 -in CERT_FILE -noout -subject -dates\n" + _CHECK_RESTART,
    applies_to="rsyslog")


def _permitted(name: str) -> FixStep:
    return FixStep(
        text=f"In x509/name mode rsyslog talks only to the names it permits; the peer's "
             f"certificate carries {name}. If that is the right peer, add its name to the "
             "list of the side that refused it (keep the names there), then check and "
             "restart; otherwise give the peer a certificate with a permitted name:",
        code="# the receiver's /etc/rsyslog.conf, its imtcp module:\n"
             f'module(load="imtcp" PermittedPeer=["{name}"])\n'
             "# or the sender's, in its omfwd action: "
             f'StreamDriverPermittedPeers="{name}"\n' + _CHECK_RESTART,
        applies_to="rsyslog")


# rsyslog's own messages as it logs them (its tag, with the message number when it has one):
# a trust failure re-read in its context keeps the line, not rsyslog's source name.
_RSYSLOG_LINE = lazy(r"\brsyslogd(?:-\d{1,5})?: ")


# syslog-ng's own TLS lines (ingest/patterns/daemons.py): a re-read trust failure keeps them.
_SYSLOG_NG_LINE = lazy(r"\bSSL error while (?:writing|reading) stream; tls_error=|"
                       r"\bCertificate validation failed; subject=|"
                       r"\bCertificate subject does not match configured hostname;")
# a path of plain characters only: it is printed into a shell line
_LOCATION = lazy(r"location='(?P<file>/[\w.+/-]{1,300}):(?P<line>\d{1,6}):\d{1,6}'")
_SNG_CHECK = "sudo syslog-ng --syntax-only && sudo systemctl restart syslog-ng"
_SNG_CONF = "/etc/syslog-ng/syslog-ng.conf"


def _program(f: Finding) -> str:
    """"rsyslog", "syslog_ng" or "" for ``f``."""
    if f.facts.get("source") == "rsyslog" or any(_RSYSLOG_LINE.search(e) for e in f.evidence):
        return "rsyslog"
    if f.facts.get("source") == "syslog_ng" or any(_SYSLOG_NG_LINE.search(e)
                                                   for e in f.evidence):
        return "syslog_ng"
    return ""


def is_daemon(f: Finding) -> bool:
    return bool(_program(f))


def _where(f: Finding) -> str:
    """The driver's file and line the evidence names, else syslog-ng's main file."""
    m = next((m for e in f.evidence for m in [_LOCATION.search(e)] if m), None)
    return _SNG_CONF if m is None else f"{m['file']}, line {m['line']}"


def _syslog_ng_steps(f: Finding) -> tuple[FixStep, ...]:
    where = _where(f)
    file = where.split(",")[0]
    if f.cause in (Cause.CERT_UNTRUSTED_ROOT, Cause.CERT_SELF_SIGNED, Cause.INCOMPLETE_CHAIN):
        return (FixStep(
            text="syslog-ng verifies its peer with the driver's own ca-file()/ca-dir(). Add "
                 "the CA that issued the peer's certificate (peer-ca.pem: ask the peer's "
                 "administrator) to the CAs that driver trusts now (CA_FILE: the file its "
                 "ca-file() names), then check and restart:",
            code=f"grep -n 'ca-file\\|ca-dir' {file}\n"
                 "cat CA_FILE peer-ca.pem | sudo tee /etc/syslog-ng/tls-cas.pem >/dev/null\n"
                 f"# syslog-ng: {where}, in that driver's tls( ... ):\n"
                 'ca-file("/etc/syslog-ng/tls-cas.pem")\n' + _SNG_CHECK,
            applies_to="syslog_ng"),)
    if f.cause is Cause.CLIENT_CERT_REQUIRED:
        return (FixStep(
            text=f"The receiver ({where}) requires a certificate from each sender "
                 "(peer-verify(required-trusted)). Give the sender's destination a "
                 "certificate issued by a CA the receiver trusts, with its key, then check "
                 "and restart the sender:",
            code="# syslog-ng: the sender's /etc/syslog-ng/syslog-ng.conf, its destination's "
                 "network() tls( ... ):\n"
                 'key-file("/etc/syslog-ng/sender.key") cert-file("/etc/syslog-ng/sender.pem")'
                 "\n" + _SNG_CHECK + "\n# or, if senders are not meant to present one, the "
                 "receiver's tls(): peer-verify(optional-untrusted)",
            applies_to="syslog_ng"),)
    return ()


def daemon_steps(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    """The daemon's own settings for ``f``; () where the generic line is right."""
    if _program(f) == "syslog_ng":
        return _syslog_ng_steps(f)
    return _rsyslog_steps(f, ctx)


def _rsyslog_steps(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    """rsyslog's own settings for ``f``; () where the generic line is right."""
    del ctx  # the words name no server: rsyslog's peer is in its configuration
    if f.cause in (Cause.CERT_UNTRUSTED_ROOT, Cause.CERT_SELF_SIGNED, Cause.INCOMPLETE_CHAIN):
        return (_CA,)
    if f.cause is Cause.CLIENT_CERT_REQUIRED:
        return (_OWN_CERT,)
    if f.cause in (Cause.CERT_EXPIRED, Cause.CERT_NOT_YET_VALID):
        return (_RENEW,)
    if f.cause is Cause.HOSTNAME_MISMATCH:
        named = next((m["name"] for line in f.evidence for m in [_NAMES.search(line)] if m),
                     "PEER_NAME")
        return (_permitted(named),)
    return ()
