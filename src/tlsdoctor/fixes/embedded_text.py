"""Fix steps in the settings of a TLS library or embeddable server (round 17) for a finding
read from that program's words: the AWS CRT's TlsContextOptions (and the AWS IoT SDK's
builder), lighttpd's ssl.* directives, Botan's CA list, hitch.conf, CivetWeb's ssl_certificate. The steps are data (embedded.toml); which program
printed the text is the finding's ``source`` fact, or, for a library's words inside a
server's own log line, the server software the text names (FixContext.server_software).
"""

from __future__ import annotations

from ..causes import Cause
from ..finding import Finding, FixStep
from .context import FixContext
from .data import toml_file
from .lazyre import lazy

__all__ = ["embedded_steps"]

# Pattern source -> the program whose settings fix it.
_PROGRAM = {"aws_c_io": "aws_crt", "s2n": "aws_crt", "lighttpd": "lighttpd", "botan": "botan",
            "hitch": "hitch", "civetweb": "civetweb", "aws_c_mqtt": "aws_iot"}
_SERVERS = ("lighttpd", "hitch")  # named by their log's framing (ingest/side.py)
_GROUP = {
    "aws_crt": {
        Cause.CERT_UNTRUSTED_ROOT: "trust", Cause.CERT_SELF_SIGNED: "trust",
        Cause.INCOMPLETE_CHAIN: "trust", Cause.HOSTNAME_MISMATCH: "name",
        Cause.CLIENT_CERT_REQUIRED: "clientcert", Cause.CLIENT_MISCONFIGURATION: "store",
        Cause.PROTOCOL_VERSION_MISMATCH: "version",
    },
    "botan": {Cause.CERT_UNTRUSTED_ROOT: "trust", Cause.INCOMPLETE_CHAIN: "trust"},
    "civetweb": {Cause.SERVER_MISCONFIGURATION: "store"},
    "aws_iot": {Cause.CLIENT_MISCONFIGURATION: "connect", Cause.CLIENT_CERT_REQUIRED: "connect"},
    "hitch": {Cause.SERVER_MISCONFIGURATION: "store",
              Cause.PROTOCOL_VERSION_MISMATCH: "version"},
    "lighttpd": {
        Cause.SERVER_MISCONFIGURATION: "store", Cause.CERT_EXPIRED: "expired",
        Cause.CERT_NOT_YET_VALID: "expired", Cause.CLIENT_CERT_REQUIRED: "clientcert",
        Cause.CERT_UNTRUSTED_ROOT: "trust", Cause.INCOMPLETE_CHAIN: "trust",
        Cause.PROTOCOL_VERSION_MISMATCH: "version", Cause.CIPHER_SUITE_MISMATCH: "cipher",
        Cause.OCSP_MUST_STAPLE_MISSING: "staple",
        Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE: "left",
    },
}


# A cipher or curve setting the server refused is its misconfiguration too, but the fix is that
# setting, not its certificate files (round 20; both printed the files' lines before, applied in
# tests/ingest/test_round17_lighttpd_real.py and test_round17_hitch_real.py): lighttpd 1.4.69's
# "SSL: SSL_CONF_cmd CipherString NOSUCH:...: error:0A0000B9:SSL routines::no cipher match"
# (src/mod_openssl.c, mod_openssl_ssl_conf_cmd), hitch 1.7's "SSL_CTX_set_cipher_list: ...".
_SETTING_REFUSED = lazy(r"\bSSL_CONF_cmd (?:CipherString|Ciphersuites|Curves|Groups) "
                        r"|\bSSL_CTX_set_(?:cipher_list|ciphersuites)\b")


# Round 21: CivetWeb's "SSL_CTX_set_cipher_list error: ..." too (src/civetweb.c); it has no
# cipher line yet, so its step is the change in words, never its certificate file's line.
_REFUSES_SETTINGS = (*_SERVERS, "civetweb")


def _group(program: str, f: Finding) -> str | None:
    if f.cause is Cause.SERVER_MISCONFIGURATION and program in _REFUSES_SETTINGS and \
            _SETTING_REFUSED.search("\n".join(f.evidence)):
        return "cipher"
    return _GROUP[program].get(f.cause)


def embedded_steps(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    """The program's own step for ``f``; () when the finding is not one of these programs'
    or the program has no step for its cause (the generic line then)."""
    program = _PROGRAM.get(str(f.facts.get("source", "")))
    if program is None and ctx.server_software in _SERVERS:
        program = ctx.server_software  # OpenSSL's words inside the server's own log line
    if program is None:
        return ()
    group = _group(program, f)
    row = toml_file("embedded.toml").get(program, {}).get(group or "")
    if row is None:
        return ()
    return (FixStep(text=str(row["text"]), code=str(row.get("code", "")), applies_to=program),)
