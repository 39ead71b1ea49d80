"""Fix steps in the VPN and remote-desktop programs' own settings (round 17) for a finding
read from their words: OpenConnect's --cafile and --servercert, FreeRDP's /cert options and
OpenSSL's store, xrdp.ini's certificate, key_file and security_layer, ocserv.conf's
server-cert and server-key, OpenVPN's ca and extra-certs (round 21). The steps are data
(remote.toml); which program printed the text is the finding's ``source`` fact, or, when a
reading of the context (a private host, a re-signing proxy) made the finding, the program's
own lines among the finding's evidence (its own words and log shape). A server's
certificate that expired or a client's refused certificate have no program line here (the
generic line says what to renew)."""

from __future__ import annotations

from ..causes import Cause
from ..finding import Finding, FixStep
from .context import FixContext
from .data import toml_file
from .lazyre import lazy

__all__ = ["remote_steps"]

_GROUP = {
    "openconnect": {Cause.CERT_UNTRUSTED_ROOT: "trust", Cause.INCOMPLETE_CHAIN: "trust",
                    Cause.CERT_SELF_SIGNED: "selfsigned", Cause.HOSTNAME_MISMATCH: "name"},
    "freerdp": {Cause.CERT_SELF_SIGNED: "selfsigned", Cause.CERT_UNTRUSTED_ROOT: "trust",
                Cause.INCOMPLETE_CHAIN: "trust", Cause.HOSTNAME_MISMATCH: "name",
                Cause.PROTOCOL_VERSION_MISMATCH: "version",
                Cause.CIPHER_SUITE_MISMATCH: "version"},
    # xrdp's log: the clients refused xrdp's certificate or its versions, or xrdp cannot
    # use its files.
    "xrdp": {Cause.CERT_SELF_SIGNED: "trust", Cause.CERT_UNTRUSTED_ROOT: "trust",
             Cause.HOSTNAME_MISMATCH: "trust", Cause.SERVER_MISCONFIGURATION: "server",
             Cause.CLIENT_MISCONFIGURATION: "client",
             Cause.PROTOCOL_VERSION_MISMATCH: "version",
             Cause.CIPHER_SUITE_MISMATCH: "version"},
    # ocserv's log: the clients refused ocserv's certificate, or it cannot use its files.
    "ocserv": {Cause.CERT_SELF_SIGNED: "trust", Cause.CERT_UNTRUSTED_ROOT: "trust",
               Cause.INCOMPLETE_CHAIN: "trust", Cause.HOSTNAME_MISMATCH: "trust",
               Cause.SERVER_MISCONFIGURATION: "server"},
    # strongSwan (round 18): the peer's certificate from a CA this charon was not given
    # (either end of the IKE_AUTH: the initiator verifies the responder and back).
    "strongswan": {Cause.CERT_UNTRUSTED_ROOT: "trust", Cause.INCOMPLETE_CHAIN: "trust",
                   Cause.CERT_SELF_SIGNED: "trust"},
    # TigerVNC's viewer (round 18): a VNC server's certificate from a CA it was not given.
    "tigervnc": {Cause.CERT_UNTRUSTED_ROOT: "trust", Cause.CERT_SELF_SIGNED: "trust",
                 Cause.INCOMPLETE_CHAIN: "trust"},
    # OpenVPN (round 21): both peers are OpenVPN, so the peer that logged VERIFY ERROR is told
    # its ca line, and the other peer its extra-certs line (a chain without its intermediate).
    "openvpn": {Cause.CERT_UNTRUSTED_ROOT: "trust", Cause.CERT_SELF_SIGNED: "trust",
                Cause.INCOMPLETE_CHAIN: "chain"},
}
# A step that fits only when the evidence says so: xrdp's file step needs xrdp's own words
# about its certificate or key (a bare handshake failure read as the server's is not that).
_NEEDS = {("xrdp", "server"): lazy(r"(?i)certificate|private key|key file|key_file"),
          ("ocserv", "server"): lazy(r"(?i)certificate|key file")}

# Words and log shapes only each program prints (its own lines, as in remote17's tables).
_PRINTED = {
    "openconnect": lazy(r"^(?:Server certificate verify failed: |Reason: |Certificate "
                        r"from VPN server |To trust this server in future|SSL "
                        r"negotiation with )"),
    "freerdp": lazy(r"\]\[com\.freerdp\.|\bERRCONNECT_[A-Z_]+\b|^The above X\.509 "
                    r"certificate |^Do you trust the above certificate\?"),
    "xrdp": lazy(r"^\[\d{8}-\d\d:\d\d:\d\d\] \[(?:ERROR|WARN |INFO )\] "),
    # ocserv's GNUTLS_FATAL_ERR: "GnuTLS error (at %s:%d): %s" with its own source file
    # (openconnect/ocserv src/tlslib.h @ 25e899017a4e), as it prints it on stderr at start-up
    # (round 21: "(at tlslib.c:900): The certificate and the given key do not match." read
    # as GnuTLS's and given web servers' cipher lines before).
    "ocserv": lazy(r"\bocserv\[\d+\]: |^GnuTLS error \(at [a-z-]+\.c:\d+\): "),
    # OpenVPN's verify callback: "VERIFY ERROR: depth=%d, error=%s: %s, serial=%s"
    # (OpenVPN/openvpn src/openvpn/ssl_verify_openssl.c @ 3de926089fde).
    "openvpn": lazy(r"\bVERIFY ERROR: depth=\d+, error="),
}


def _product(f: Finding) -> str:
    source = str(f.facts.get("source", ""))
    if source in _GROUP:
        return source
    return next((name for name, rx in _PRINTED.items()
                 if any(rx.search(line) for line in f.evidence)), "")


def remote_steps(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    """The program's own step for ``f``; () when another program printed the words or the
    program has no step for this cause (the generic line then)."""
    product = _product(f)
    group = _GROUP.get(product, {}).get(f.cause)
    needs = _NEEDS.get((product, group or ""))
    if group is None or (needs is not None and not any(needs.search(x) for x in f.evidence)):
        return ()
    row = toml_file("remote.toml")[product][group]
    code = str(row.get("code", "")).replace("HOST", ctx.host)
    return (FixStep(text=str(row["text"]), code=code, applies_to=product),)
