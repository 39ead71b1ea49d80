"""Fix steps for a failed pin check read from words (round 18): an app's pin-set against the
keys the server now serves.

Before, a pin failure ranked as the client's settings printed the generic client line, and as
the server's setup printed nginx's, Apache's and HAProxy's cipher lists, neither of which
touches a pin. What both sides can do instead:

- the client (the app's developer): compare the server's current key with the app's pins. A
  pin is the base64 SHA-256 of the certificate's SubjectPublicKeyInfo (RFC 7469 §2.4; the
  openssl pipeline is RFC 7469 Appendix A's, fed by s_client); Android's network security
  config lists them as ``<pin digest="SHA-256">`` in a ``<pin-set>`` that should hold a
  backup pin and an ``expiration`` (developer.android.com, "Network security configuration",
  Pin certificates); OkHttp's CertificatePinner takes "sha256/<pin>".
- the server: serve a key the app pins until the app ships the new pins.

A re-signing proxy's reading keeps the interception steps. The pin command is run against a
real server in tests/ingest/test_round18_pins.py.
"""

from __future__ import annotations

import re
import shlex

from ..addresses import host_port
from ..causes import Cause
from ..finding import Finding, FixStep
from .context import FixContext
from .lazyre import lazy

__all__ = ["is_pin_failure", "pin_steps"]

# A pin check's own words (Android's network security config, OkHttp's CertificatePinner,
# a pinned key or certificate in a program's own check).
# Round 23: curl's own (lib/vtls/vtls.c Curl_pin_peer_pubkey, CURLE_SSL_PINNEDPUBKEYNOTMATCH:
# "SSL: public key does not match pinned public key"; the --pinnedpubkey option named).
_PIN_WORDS = lazy(r"\bpin(?:s|ning|ned)?\b(?:[^.\n]{0,40}\b(?:failed|failure|mismatch|"
                  r"not in)\b)|\bpin verification failed\b|"
                  r"\bdoes not match (?:the )?pinned public key\b|--pinnedpubkey\b",
                  re.IGNORECASE)


def is_pin_failure(f: Finding) -> bool:
    return bool(_PIN_WORDS.search(str(f.facts.get("meaning", ""))))


def _pin_command(host: str, port: int) -> str:
    # round 23: the server's own port (it was 443 whatever the words named)
    return (f"openssl s_client -connect {shlex.quote(host_port(host, port))} -servername "
            f"{shlex.quote(host)} </dev/null 2>/dev/null \\\n"
            "  | openssl x509 -noout -pubkey | openssl pkey -pubin -outform der \\\n"
            "  | openssl dgst -sha256 -binary | openssl enc -base64")


def _client(ctx: FixContext) -> FixStep:
    return FixStep(
        text="The server's key is not one the app pins (a renewed certificate with a new key, "
             "or another CA). Compute the pin of the key the server serves now and compare it "
             "with the app's pin-set; ship the new pin beside a backup pin (Android: "
             "res/xml/network_security_config.xml <pin-set expiration=\"...\"> <pin "
             "digest=\"SHA-256\">; OkHttp: CertificatePinner.Builder().add(host, "
             "\"sha256/<pin>\")). Repeat with -showcerts for the intermediate's key if the app "
             "pins a CA:",
        code=_pin_command(ctx.host, ctx.target.port if ctx.target is not None else 443))


_SERVER = FixStep(
    text="The server now serves a key the app does not pin. Until a version of the app "
         "with the new pin is out, serve the certificate whose key the app pins (the pin "
         "command above shows which key is served), and roll keys only to a backup pin the "
         "app already holds.")


def pin_steps(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    """The pin steps for a failed pin check read as the client's pin-set or the server's
    key; () for any other reading (a re-signing proxy keeps its own steps)."""
    if f.cause is Cause.CLIENT_MISCONFIGURATION:
        return (_client(ctx),)
    if f.cause is Cause.SERVER_MISCONFIGURATION:
        return (_client(ctx), _SERVER)
    return ()
