"""Round 28: holdout40's in-text classes, each a program's own words read from its source.

- Turbo (the LuaJIT web framework) checks the server's name itself after the handshake and
  raises "SSL certficate hostname validation failed, rc N" (sic) with its C helper's result
  (kernelsauce/turbo @ f244f3926c85648bab0a3a1f0dc6cf9cc0e2bc5d turbo/crypto_linux.lua
  crypto.ssl_do_handshake; deps/turbo_ffi_wrap.h: MatchFound 0, MatchNotFound 1,
  NoSANPresent 2, MalformedCertificate 3, Error 4; validate_hostname falls back from the
  SANs to the CN). rc 1: no name of the certificate is the one asked for.
- go-vhost's TLS muxer (inconshreveable/go-vhost @ 2bfe96c3175a7062ea73e65477a47aae030b550d
  mux.go handle: NotFound{"Host not found: %v", host}, the host being the ClientHello's
  server_name, tls.go TLSConn.Host), as slt logs it ("Failed to mux connection from %v,
  error: %v", inconshreveable/slt @ 1ff65931d06e972a60dd45a77185fab78137fd38 server.go): the
  muxer routes by SNI alone, so an empty name after "Host not found:" is a client that sent
  no SNI; a name is one the muxer has no frontend for.
- MesaLink (the rustls-based OpenSSL-compatible library) names a received alert
  "TLSErrorAlertReceived" + rustls' AlertDescription (mesalock-linux/mesalink @
  ef12dd6339e42a37a2c24fa4b8f0a3ce155563a5 src/libssl/err.rs, ErrorCode 0x0300_09NN from
  rustls' AlertReceived): read as the alert's own reading (alerts.py).
- Erlang/OTP's CRL check that found no CRL covering the certificate: public_key's
  ``{bad_crls, no_relevant_crls}`` (erlang/otp @ 3b9e917b6abf803eaa95ab66c5cb4fe31b7270cd
  lib/public_key/src/public_key.erl, format_details([]) -> no_relevant_crls), under ssl's
  Bad Certificate. The checking side asked for CRL checks (crl_check) and its CRL cache had
  none for this certificate: no CRL given or fetched (ssl_crl_cache fetches over HTTP only
  when told to), the certificate without a distribution point, or the CRL server out of
  reach. The checker's own set-up first: a client's on a client, a server's on its log.
"""

from __future__ import annotations

from dataclasses import replace

from . import REASON, Pattern, Row, causes, sourced_table
from .alerts import ALERTS

_TURBO = ("kernelsauce/turbo @ f244f3926c85648bab0a3a1f0dc6cf9cc0e2bc5d turbo/crypto_linux.lua "
          "(\"SSL certficate hostname validation failed, rc \"), deps/turbo_ffi_wrap.h "
          "(MatchNotFound 1)")
_VHOST = ("inconshreveable/go-vhost @ 2bfe96c3175a7062ea73e65477a47aae030b550d mux.go "
          "(NotFound \"Host not found: %v\" of the ClientHello's server_name); "
          "inconshreveable/slt @ 1ff65931d06e972a60dd45a77185fab78137fd38 server.go")
_OTP_CRL = ("erlang/otp @ 3b9e917b6abf803eaa95ab66c5cb4fe31b7270cd lib/public_key/src/"
            "public_key.erl (pkix_crls_validate, format_details([]) -> no_relevant_crls)")
_MESALINK = ("mesalock-linux/mesalink @ ef12dd6339e42a37a2c24fa4b8f0a3ce155563a5 "
             "src/libssl/err.rs (TLSErrorAlertReceived*); alerts: RFC 8446 §6")
# rustls' names where the mechanical CamelCase differs (alerts.py _RUSTLS)
_RUSTLS = {"bad_record_mac": "BadRecordMac", "unknown_ca": "UnknownCA",
           "unknown_psk_identity": "UnknownPSKIdentity", "unrecognized_name": "UnrecognisedName"}

_ROWS: list[tuple[str, Row]] = [
    ("turbo", (r"\bSSL certi?ficate hostname validation failed, rc 1\b",
               "Turbo: no name of the server's certificate matches the host name asked for "
               "(its own check after the handshake, result MatchNotFound)",
               "hostname_mismatch:1", REASON, _TURBO, "hostname validation failed, rc 1")),
    ("go_vhost", (r"(?m)\bFailed to mux connection from \S{1,100}, error: Host not found: ?$",
                  "a TLS muxer that routes by SNI (go-vhost, slt) got a ClientHello without a "
                  "server name", "sni_required_or_mismatch:1", REASON, _VHOST,
                  "error: host not found:")),
    ("go_vhost", (r"\bFailed to mux connection from \S{1,100}, error: Host not found: "
                  r"(?P<host>[^\s:]{1,253})",
                  "a TLS muxer that routes by SNI (go-vhost, slt) has no frontend for the "
                  "server name {host} the client sent",
                  "sni_required_or_mismatch:.7 server_misconfiguration:.3", REASON, _VHOST,
                  "error: host not found:")),
]


def _mesalink() -> tuple[Pattern, ...]:
    out = []
    for n, (name, _go, cs, scs, spec) in sorted(ALERTS.items()):
        if not cs:
            continue
        camel = _RUSTLS.get(name, "".join(p.capitalize() for p in name.split("_")))
        out.append(Pattern(
            source="mesalink", rx=rf"\bTLSErrorAlertReceived{camel}\b",
            meaning=f"MesaLink: the peer sent TLS alert {n} ({name})", causes=causes(cs),
            server_causes=causes(scs) if scs is not None else None, provenance=_MESALINK,
            spec=spec, needle=f"tlserroralertreceived{camel.lower()}",
            id=f"mesalink.r28.alert.{n}", side="client"))
    return tuple(out)


def _otp_crl() -> tuple[Pattern, ...]:
    row: Row = (r"\{\s*:?bad_crls\s*,\s*:?no_relevant_crls\s*\}",
                "Erlang ssl: CRL checking found no CRL for the certificate (the checking "
                "side's crl_check without a CRL source for it)",
                "client_misconfiguration:.55 middlebox_or_firewall_interference:.25 "
                "server_misconfiguration:.2", REASON + 1, _OTP_CRL, "no_relevant_crls")
    # above Bad Certificate's own-verdict and directed forms (REASON), whose reason it is
    return tuple(replace(p, own_reading=causes("server_misconfiguration:.55 "
                                               "middlebox_or_firewall_interference:.25 "
                                               "client_misconfiguration:.2"))
                 for p in sourced_table("r28h40crl", [("erlang", "", row)]))


# The muxer's lines are a server's log; Turbo's a client's.
PATTERNS: tuple[Pattern, ...] = sourced_table("r28h40", [
    (source, "server" if source == "go_vhost" else "client", row)
    for source, row in _ROWS]) + _mesalink() + _otp_crl()
