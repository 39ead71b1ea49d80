"""Round 17: VPN and remote-desktop programs whose TLS wording no table had (harvested by
scripts/harvest/remote17.py into upstream/<source>.json, judged in judgement/<source>.py):
OpenConnect and ocserv, FreeRDP, xrdp, strongSwan, TigerVNC, libvncclient, Guacamole's guacd.

Beyond each entry's own words:
- OpenConnect's verify reason in its info line, "Server certificate verify failed: <reason>":
  printed as well when --servercert (or a "yes" at the prompt) then accepts the certificate,
  so there it only ranks (generic tier), and what follows decides ("SSL connection failure:
  The operation timed out" after an accepted certificate is the network); its prompt's
  "Reason: <reason>" (the certificate refused, or asked about) reads at the reason's tier;
- the form FreeRDP's verify callback prints OpenSSL's verify string and number in, "Certificate verification failure '<string> (<number>)' at stack
position <depth>" (2.x crypto.c, 3.x x509_utils.c verify_cb): every X509_V_ERR text of the
OpenSSL table with its number, read as that table reads it.
"""

from __future__ import annotations

from . import GENERIC, REASON, Pattern, causes
from .harvested import entries, judge, text_regex, upstream_patterns

PATTERNS = (upstream_patterns("openconnect", "OpenConnect", side="client")
            + upstream_patterns("ocserv", "ocserv", side="server")
            + upstream_patterns("freerdp", "FreeRDP", side="client")
            + upstream_patterns("xrdp", "xrdp", side="server")
            # charon verifies the peer (either end of IKE): the printing end is the verifier.
            + upstream_patterns("strongswan", "strongSwan (charon)", side="client")
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


PATTERNS += _freerdp_verify_shape() + _openconnect_info_line()
