"""Fix steps for rsyslog's TLS refusals read from its own words (round 17).

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

Names: rsyslog 8.2302's rsyslogd and imtcp.so parameter tables (Debian 8.2302.0-1,
``strings``: defaultnetstreamdrivercafile, defaultnetstreamdrivercertfile,
defaultnetstreamdriverkeyfile, streamdriverpermittedpeers, permittedpeer,
streamdriver.authmode); rsyslogd -N1 checks a configuration (rsyslogd(8)).
"""

from __future__ import annotations

import re

from ..causes import Cause
from ..finding import Finding, FixStep
from .context import FixContext

__all__ = ["daemon_steps", "is_daemon"]

_CHECK_RESTART = "sudo rsyslogd -N1 && sudo systemctl restart rsyslog"
_NAMES = re.compile(r"Names: DNSname: (?P<name>[A-Za-z0-9*][A-Za-z0-9.*-]{0,250})")

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
_RSYSLOG_LINE = re.compile(r"\brsyslogd(?:-\d{1,5})?: ")


def is_daemon(f: Finding) -> bool:
    return f.facts.get("source") == "rsyslog" or any(_RSYSLOG_LINE.search(e)
                                                      for e in f.evidence)


def daemon_steps(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
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
