"""Round 17: VPN and remote-desktop programs whose TLS wording no table had (harvested by
scripts/harvest/remote17.py into upstream/<source>.json, judged in judgement/<source>.py):
OpenConnect and ocserv, FreeRDP, xrdp, strongSwan, TigerVNC, libvncclient, Guacamole's guacd.

Beyond each entry's own words:
- OpenConnect's verify reason in its info line, "Server certificate verify failed: <reason>":
  printed as well when --servercert (or a "yes" at the prompt) then accepts the certificate,
  so there it only ranks (generic tier), and what follows decides ("SSL connection failure:
  The operation timed out" after an accepted certificate is the network); its prompt's
  "Reason: <reason>" (the certificate refused, or asked about) reads at the reason's tier;
- strongSwan's libtls alert lines, "received fatal TLS alert '<name>'" (the peer's complaint)
  and "sending fatal TLS alert '<name>'" (charon's own about the peer), each alert name of
  its tls_alert_desc_names read with the alerts table's two readings (which side printed it
  decides whose certificate);
- ocserv's wrapper around GnuTLS's read errors in worker-vpn.c, "GnuTLS error (at
  worker-vpn.c:<line>): Error in the pull function." (or "... non-properly terminated."):
  there the wrapper guards the worker's TLS set-up and handshake (GNUTLS_FATAL_ERR in
  worker-vpn.c), so a read error is the client hanging up in the handshake, most often
  because it refused ocserv's certificate (OpenConnect closes without an alert), not a
  network fault (measured with openconnect 9.01 against ocserv 1.1.6, round 17);
- the form FreeRDP's verify callback prints OpenSSL's verify string and number in, "Certificate verification failure '<string> (<number>)' at stack
position <depth>" (2.x crypto.c, 3.x x509_utils.c verify_cb): every X509_V_ERR text of the
OpenSSL table with its number, read as that table reads it.
"""

from __future__ import annotations

import re

from . import GENERIC, REASON, Pattern, causes
from .alerts import ALERTS
from .harvested import entries, judge, text_regex, upstream_patterns

PATTERNS = (upstream_patterns("openconnect", "OpenConnect", side="client")
            + upstream_patterns("ocserv", "ocserv", side="server")
            + upstream_patterns("freerdp", "FreeRDP", side="client")
            + upstream_patterns("xrdp", "xrdp", side="server")
            # charon is either end of IKE and EAP-TLS: nothing in a line says which, so an
            # alert reads both ways (its certificate lines are the verifier's, either end).
            + upstream_patterns("strongswan", "strongSwan (charon)", side="unknown")
            + upstream_patterns("tigervnc", "TigerVNC", side="client")
            + upstream_patterns("libvnc", "libvncclient", side="client")
            # guacd is FreeRDP's client to the RDP host.
            + upstream_patterns("guacd", "Guacamole (guacd)", side="client"))

_FREERDP_VERIFY = next(e for e in entries("freerdp")
                       if e.id.startswith("Certificate verification failure '"))


def _freerdp_verify_shape() -> tuple[Pattern, ...]:
    """Each OpenSSL verify text with its number inside FreeRDP's verify-callback line."""
    out: list[Pattern] = []
    for e in entries("openssl"):
        n = e.get("number")
        if e.kind != "verify" or n is None:
            continue
        v = judge(e)
        got = text_regex(e.text, context=False)
        if v is None or v.kind != "causes" or got is None:
            continue
        out.append(Pattern(
            source="freerdp", rx=rf"Certificate verification failure '{got[0]} \({int(n)}\)'",
            meaning=f"FreeRDP: OpenSSL certificate verification failed: {e.text} "
                    f"(X509_V_ERR {n}, {e.id})",
            causes=causes(v.causes),
            provenance=f"{_FREERDP_VERIFY.provenance}; {e.provenance}",
            # Above FreeRDP's refusal sentence ("certificate not trusted, aborting.", judged
            # "exact", which says only that it refused): the number names the failure.
            spec=REASON + 2, needle=got[1], id=f"freerdp.verify.{n}.{len(out)}",
            upstream=e.id, side="client"))
    return tuple(out)


_OC_INFO = next(e for e in entries("openconnect") if e.id == "Server certificate verify failed: %s")


def _openconnect_info_line() -> tuple[Pattern, ...]:
    """Each of OpenConnect's verify reasons after its info line's lead, at the generic tier."""
    out: list[Pattern] = []
    for e in entries("openconnect"):
        v = judge(e)
        got = text_regex(e.text, context=False)
        if not e.get("after") or v is None or v.kind != "causes" or got is None:
            continue
        out.append(Pattern(
            source="openconnect", rx=rf"\bServer certificate verify failed: {got[0]}",
            meaning=f"OpenConnect: the server's certificate did not verify ({e.text}); "
                    "OpenConnect goes on when --servercert or the user accepts it",
            causes=causes(v.causes), provenance=f"{_OC_INFO.provenance}; {e.provenance}",
            spec=GENERIC, needle=got[1], id=f"openconnect.info.{e.id}", upstream=e.id,
            side="client"))
    return tuple(out)


def _strongswan_alerts() -> tuple[Pattern, ...]:
    """A pattern per alert name strongSwan prints, received and sent: a received alert reads
    as the alerts table reads a peer's, a sent one with the two readings swapped (this end's
    complaint about the peer: alerts.py _pattern's ``sent``)."""
    numbers = {row[0].replace("_", " "): n for n, row in ALERTS.items()}
    out: list[Pattern] = []
    for e in entries("strongswan"):
        n = numbers.get(e.text.replace("_", " ")) if e.kind == "alert" else None
        if n is None or not ALERTS[n][2]:
            continue
        _, _, cs, scs, spec = ALERTS[n]
        for verb, sent in (("received", False), ("sending", True)):
            mine, theirs = (scs, cs) if sent and scs is not None else (cs, scs)
            out.append(Pattern(
                source="strongswan",
                rx=rf"\b{verb} fatal TLS alert '{re.escape(e.text)}'",
                meaning=f"strongSwan (libtls): {verb} TLS alert {n} ({e.text})",
                causes=causes(mine), provenance=e.provenance, spec=spec,
                needle=f"{verb} fatal tls alert '{e.text}'",
                server_causes=causes(theirs) if theirs is not None else None,
                id=f"strongswan.alert.{verb}.{n}", upstream=e.id, side="unknown"))
    return tuple(out)


_OCSERV_FATAL = next(e for e in entries("ocserv") if e.id == "GnuTLS error (at %s:%d): %s")
# The client closed in the handshake: its refusal of ocserv's certificate first.
_HUNG_UP = ("cert_self_signed:.35 cert_untrusted_root:.25 middlebox_or_firewall_interference:.25 "
            "protocol_version_mismatch:.15")


def _ocserv_handshake_hangup() -> tuple[Pattern, ...]:
    """GnuTLS's read errors inside ocserv's wrapper at worker-vpn.c, read as a client that
    hung up in the handshake (above GnuTLS's own reading of the bare words)."""
    out: list[Pattern] = []
    for e in entries("gnutls"):
        if e.id not in ("GNUTLS_E_PULL_ERROR", "GNUTLS_E_PREMATURE_TERMINATION"):
            continue
        got = text_regex(e.text, context=False)
        assert got is not None
        out.append(Pattern(
            source="ocserv", rx=rf"\bGnuTLS error \(at worker-vpn\.c:\d+\): {got[0]}",
            meaning="ocserv: the client closed the connection in the TLS handshake (most "
                    f"often: it refused ocserv's certificate) ({e.text}, {e.id})",
            causes=causes(_HUNG_UP), provenance=f"{_OCSERV_FATAL.provenance}; {e.provenance}",
            spec=REASON + 1, needle=got[1], id=f"ocserv.handshake.{e.id}", upstream=e.id,
            side="server"))
    return tuple(out)


PATTERNS += (_freerdp_verify_shape() + _openconnect_info_line() + _strongswan_alerts()
             + _ocserv_handshake_hangup())
