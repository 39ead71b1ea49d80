"""Fix steps in Prosody's and Kamailio's own settings, for failures read from their own log
lines (round 18). Before, Prosody failing to load its own certificate or key printed nginx's,
Apache's and HAProxy's cipher lines, and Kamailio refusing a client's certificate printed
only the client's lines, although the log is the server operator's.

- Prosody (ingest/patterns/daemons.py, its own-file readings): ``prosodyctl --root cert
  import DIR`` copies each host's certificate and key into its certificates directory, owned
  by the prosody user (util/prosodyctl/cert.lua ``cert_commands.import``: key mode from umask
  0377); ``prosodyctl check certs`` loads them as the prosody user (prosodyctl(1): it changes
  to that user) and says what fails; or the host's own ``ssl = { certificate = ...; key = ...
  }`` with a key the prosody user can read (core/certmanager.lua: "Check that the
  permissions allow Prosody to read this file"). bjc/prosody @ f14f1b331f0f.
- Kamailio's tls module (tls.cfg profiles: ``ca_list``, ``verify_certificate``,
  ``require_certificate``; kamailio.org/docs/modules/5.6.x/modules/tls.html). Measured on
  Kamailio 5.6: ``kamailio -c`` does not read tls.cfg (a bad option passes it); a start does,
  and stops on it ("tls.cfg:4:1: Unsupported option").

Each line was applied to the real program (tests/ingest/test_round18_sipxmpp_real.py).
"""

from __future__ import annotations

from ..causes import Cause
from ..finding import Finding, FixStep
from .context import FixContext
from .lazyre import lazy
from .steps import FIXERS

__all__ = ["sipxmpp_steps"]

_PROSODY_OWN = lazy(r"^Prosody (?:cannot load its own|has no usable)|the host has no "
                    r"certificate or key")

_PROSODY_FILES = FixStep(
    text="Prosody could not load this host's certificate or key (a wrong path, or a key the "
         "prosody user cannot read: Prosody runs as that user). Let prosodyctl copy them into "
         "Prosody's certificates directory, owned by the prosody user (the host's name.crt "
         "and name.key, or Let's Encrypt's live/ layout, are found), and remove the host's own "
         "ssl = { ... } line so that directory is used; check as the prosody user, then "
         "restart Prosody:",
    code="sudo prosodyctl --root cert import /etc/letsencrypt/live\n"
         "sudo prosodyctl check certs\nsudo systemctl restart prosody\n"
         "-- or keep the host's own files (prosody.cfg.lua, in its VirtualHost):\n"
         "-- ssl = { certificate = \"/etc/prosody/certs/example.com.crt\"; "
         "key = \"/etc/prosody/certs/example.com.key\" }\n"
         "-- and let the prosody user read the key:\n"
         "sudo chgrp prosody /etc/prosody/certs/example.com.key\n"
         "sudo chmod 640 /etc/prosody/certs/example.com.key",
    applies_to="prosody")

_KAMAILIO_CA = FixStep(
    text="Or, on this Kamailio (its log says it refused the client's certificate): accept "
         "certificates from the client's CA by listing that CA in the server profile's "
         "ca_list in tls.cfg (one file with every CA whose clients are accepted), or, if "
         "clients need no certificate, stop asking for one (both settings off: with "
         "verify_certificate on, a certificate a client sends is still verified). kamailio -c "
         "does not read tls.cfg: restart, and a tls.cfg it cannot use stops the start with "
         "its line number in the log:",
    code="cat /etc/kamailio/ca.pem client-ca.pem | sudo tee /etc/kamailio/client-cas.pem "
         ">/dev/null\n"
         "# /etc/kamailio/tls.cfg, in [server:default] (or that listener's profile):\n"
         "ca_list = /etc/kamailio/client-cas.pem\n"
         "# or, no client certificate at all:\n"
         "# verify_certificate = no\n# require_certificate = no\n"
         "sudo systemctl restart kamailio",
    applies_to="kamailio")


def sipxmpp_steps(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    """Prosody's or Kamailio's steps for ``f``; () when it is neither's or has none."""
    source = str(f.facts.get("source", ""))
    if source == "prosody" and f.cause is Cause.SERVER_MISCONFIGURATION \
            and _PROSODY_OWN.search(str(f.facts.get("meaning", ""))):
        return (_PROSODY_FILES,)
    kamailio = source == "kamailio" or ctx.server_software == "kamailio"  # its log framing
    if kamailio and f.cause is Cause.CLIENT_CERT_REQUIRED:
        fixer = FIXERS.get(f.cause)
        return (*(fixer(f, ctx) if fixer is not None else ()), _KAMAILIO_CA)
    return ()
