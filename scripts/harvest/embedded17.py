"""Round 17: TLS libraries and embeddable servers whose wording no table had, read from
their own source.

- s2n-tls (aws/s2n-tls error/s2n_errno.c ERR_ENTRIES): every S2N_ERR_* name and its
  s2n_strerror() text, as aws-c-io's s2n channel handler logs it ("negotiation failed with
  error <text> (Error encountered in <file>:<line>)", source/s2n/s2n_tls_channel_handler.c);
- aws-c-io (awslabs/aws-c-io source/io.c s_errors[]): every AWS_IO_* / AWS_ERROR_* name
  and text, as aws-crt-python raises them (awscrt.exceptions.AwsCrtError's str():
  "NAME: text"), plus its handler's own log lines;
- lighttpd's TLS modules (lighttpd/lighttpd1.4 src/mod_openssl.c, mod_gnutls.c,
  mod_mbedtls.c, mod_wolfssl.c, mod_nss.c): every log_error/elog line, printed after the
  error log's "YYYY-MM-DD HH:MM:SS: (mod_openssl.c.NNN) " prefix;
- Botan (randombit/botan): its certificate path-validation texts and TLS_Exception texts;
- hitch (varnish/hitch), the TLS proxy: every line of its proxy and OCSP stapler;
- libwebsockets (warmcat/libwebsockets lib/tls): its TLS log lines and client reasons;
- CivetWeb (civetweb/civetweb src/civetweb.c) and Mongoose (cesanta/mongoose src/tls_*.c):
  the embeddable servers' TLS lines.
"""

from __future__ import annotations

import re

from .common import Harvest, Origin, call_strings, first_string, git_origin, unescape

# -- s2n-tls ------------------------------------------------------------------------------

# aws-c-io's log line (aws-c-common's log formatter: "[LEVEL] [time] [thread] [subject] -
# "), the handler's format "id=%p: negotiation failed with error %s (%s)" around
# s2n_strerror() and s2n_strerror_debug().
AWS_LOG = "[WARN] [2026-12-06T08:00:00Z] [00007f8e1f8fe6c0] [tls-handler] - "
S2N_FORM = (AWS_LOG + "id=0x7f8e14011e10: negotiation failed with error %TEXT% (Error "
            "encountered in /crt/s2n/tls/s2n_x509_validator.c:894)")


def s2n() -> Harvest:
    h = Harvest("s2n")
    o = git_origin("aws/s2n-tls")
    path = "error/s2n_errno.c"
    for name, lits in re.findall(r'ERR_ENTRY\((S2N_ERR_\w+),\s*((?:"(?:[^"\\\n]|\\.)*"\s*)+)\)',
                                 o.read(path)):
        text = unescape("".join(re.findall(r'"((?:[^"\\\n]|\\.)*)"', lits)))
        h.add(o, path, name, text, "message", form=S2N_FORM)
    return h


# -- aws-c-io -----------------------------------------------------------------------------

AWS_HANDLER = "source/s2n/s2n_tls_channel_handler.c"
AWS_OPTIONS = "source/tls_channel_handler.c"


def aws_c_io() -> Harvest:
    """io.c's error table (what aws_error_name/aws_error_str give: awscrt prints
    "NAME: text"), the PKCS#11 return values it wraps, the s2n handler's own lines
    (its trust store, its context) and the TLS options' checks of the files given."""
    h = Harvest("aws_c_io")
    o = git_origin("awslabs/aws-c-io")
    path = "source/io.c"
    src = o.read(path)
    for name, lits in re.findall(r"AWS_DEFINE_ERROR_INFO_IO\s*\(\s*(\w+),\s*"
                                 r'((?:"(?:[^"\\\n]|\\.)*"\s*)+)\)', src):
        text = unescape("".join(re.findall(r'"((?:[^"\\\n]|\\.)*)"', lits)))
        h.add(o, path, name, text, "message", form=f"awscrt.exceptions.AwsCrtError: {name}: "
              "%TEXT%")
    calls = ("AWS_LOGF_ERROR", "AWS_LOGF_WARN", "AWS_LOGF_DEBUG")
    for call, text in call_strings(o.read(AWS_HANDLER), calls):
        text = text.strip()
        if "negotiation failed with error" in text or not text:
            continue  # s2n's own words inside it: the s2n table
        if call.endswith("DEBUG") and "Alert code" not in text:
            continue  # the debug lines, but the number of the alert the peer sent
        level = call.rsplit("_", 1)[1]
        h.add(o, AWS_HANDLER, text, text, "log",
              form=AWS_LOG.replace("[WARN]", f"[{level}]") + "%TEXT%")
    # Round 24: the TLS options' own checks (a certificate, key or CA file that is not PEM),
    # logged as "static: <text>" before the context is made; the words after "static: "
    # are the sentence (a wrapper may print them without the log's object field).
    for call, text in call_strings(o.read(AWS_OPTIONS), ("AWS_LOGF_ERROR", "AWS_LOGF_WARN")):
        said = text.strip().removeprefix("static: ")
        level = call.rsplit("_", 1)[1]
        h.add(o, AWS_OPTIONS, text.strip(), said, "log",
              form=AWS_LOG.replace("[WARN]", f"[{level}]") + "static: %TEXT%")
    return h


def aws_c_mqtt() -> Harvest:
    """aws-c-mqtt's error table (source/mqtt.c): the MQTT client of the AWS IoT device SDKs
    v2 over the CRT's TLS, raised by awscrt as "NAME: text" like aws-c-io's."""
    h = Harvest("aws_c_mqtt")
    o = git_origin("awslabs/aws-c-mqtt")
    path = "source/mqtt.c"
    for name, lits in re.findall(r"AWS_DEFINE_ERROR_INFO_MQTT\s*\(\s*(\w+),\s*"
                                 r'((?:"(?:[^"\\\n]|\\.)*"\s*)+)\)', o.read(path)):
        text = unescape("".join(re.findall(r'"((?:[^"\\\n]|\\.)*)"', lits)))
        h.add(o, path, name, text, "message", form=f"awscrt.exceptions.AwsCrtError: {name}: "
              "%TEXT%")
    return h


# -- lighttpd -----------------------------------------------------------------------------

LIGHTTPD_MODULES = ("src/mod_openssl.c", "src/mod_gnutls.c", "src/mod_mbedtls.c",
                    "src/mod_wolfssl.c", "src/mod_nss.c")
_LOG_CALLS = ("log_error", "log_perror", "elog", "elogf", "elogc")
# Each module's elog(): the message, then its library's error (mod_openssl.c and
# mod_wolfssl.c "SSL: %s %s"; mod_gnutls.c "GnuTLS: %s: (%s) %s" with
# gnutls_strerror_name() and gnutls_strerror(); mod_mbedtls.c "MTLS: %s: %s (-0x%04x)";
# mod_nss.c "NSS: %s: (%s) %s").
_ELOG = {"mod_openssl.c": "SSL: {} %s", "mod_wolfssl.c": "SSL: {} %s",
         "mod_gnutls.c": "GnuTLS: {}: (%s) %s", "mod_mbedtls.c": "MTLS: {}: %s (-0x%04x)",
         "mod_nss.c": "NSS: {}: (%s) %s"}


def lighttpd() -> Harvest:
    """Every log line of lighttpd's TLS modules. elog()/elogf() print "SSL: <msg> <the
    library's error string>" (mod_openssl.c elog); log_perror() adds ": <strerror>"."""
    h = Harvest("lighttpd")
    for ref in LIGHTTPD_REFS:
        _lighttpd_at(h, git_origin("lighttpd/lighttpd1.4", ref))
    return h


# HEAD and the releases Debian ships (bullseye 1.4.59, bookworm 1.4.69) and 1.4.76: the
# wording of a line changes between releases ("SSL:Private key does not match the
# certificate public key, reason: %s %s %s" in 1.4.69).
LIGHTTPD_REFS = ("HEAD", "lighttpd-1.4.59", "lighttpd-1.4.69", "lighttpd-1.4.76")


def _lighttpd_at(h: Harvest, o: Origin) -> None:
    for path in LIGHTTPD_MODULES:
        if not o.exists(path):
            continue
        module = path.split("/")[-1]
        src = o.read(path)
        for call, text in call_strings(src, _LOG_CALLS):
            text = text.strip()
            if call in ("elog", "elogf"):
                text = _ELOG[module].format(text)
            elif call == "log_perror":
                text = f"{text}: %s"
            if len(text) < 6 or text in ("SSL:", "SSL: %s %s", "%s %s", "SSL: %s %s %s"):
                continue
            h.add(o, path, text, text, "log",
                  form=f"2026-12-06 08:00:00: ({module}.1234) %TEXT%")


# -- Botan --------------------------------------------------------------------------------

# Botan's CLI prints an exception as "Error: <what()>" (src/cli/cli.cpp); 3.x's TLS client
# throws "Certificate validation failure: <status>" (src/lib/tls/tls_callbacks.cpp), 2.x's
# CLI prints "Certificate validation status: <status>" and goes on (src/cli/tls_client.cpp).
BOTAN_REFS = ("HEAD", "2.19.3")
_BOTAN_FAIL = "Error: Certificate validation failure: %TEXT%"
_ALERT_ARG = re.compile(r'TLS_Exception\(\s*Alert::(\w+),\s*((?:"(?:[^"\\\n]|\\.)*"\s*)+)')


def botan() -> Harvest:
    """Certificate_Status_Code's texts (src/lib/x509/cert_status.cpp, each after its
    enumerator) and every TLS_Exception of the TLS module with the alert Botan sends
    for it (id "Alert::<alert>: <text>": the alert is Botan's own reading)."""
    h = Harvest("botan")
    for ref in BOTAN_REFS:
        o = git_origin("randombit/botan", ref)
        path = "src/lib/x509/cert_status.cpp"
        for name, text in re.findall(r'case Certificate_Status_Code::(\w+):\s*return "([^"]+)";',
                                     o.read(path)):
            h.add(o, path, name, text, "verify", form=_BOTAN_FAIL)
        for path in o.ls("src/lib/tls"):
            if not path.endswith(".cpp"):
                continue
            for alert, lits in _ALERT_ARG.findall(o.read(path)):
                text = unescape("".join(re.findall(r'"((?:[^"\\\n]|\\.)*)"', lits))).strip()
                alert = "".join(w.title() for w in alert.split("_")) if "_" in alert \
                    or alert.isupper() else alert
                # three words at least: shorter ones are the head of a message composed
                # with values ("Server sent " + name + ...), too short to tell apart
                if len(text.split()) >= 3:
                    h.add(o, path, f"Alert::{alert}: {text}", text, "message",
                          form="Error: %TEXT%")
        path = "src/cli/tls_client.cpp"
        if '"Alert: "' in o.read(path):  # tls_alert(): an alert the peer sent
            h.add(o, path, "Alert: %s", "Alert: %s", "log")
    return h


# -- hitch --------------------------------------------------------------------------------

# hitch's log (src/logging.c VWLOG: "%Y%m%dT%H%M%S.usec [pid] "), a connection's lines after
# logproxy()'s "<client ip>:<port> :<listen port> <fd>:<fd> "; log_ssl_error() prints
# "<what>: <OpenSSL error string>" once per queued error.
HITCH_LOG = "20261206T080000.123456 [ 4242] "
HITCH_CONN = HITCH_LOG + "192.0.2.7:50312 :443 8:9 "
_HITCH_CALLS = ("LOG", "ERR", "LOGL", "LOGPROXY", "ERRPROXY", "log_ssl_error", "SOCKERR")


def hitch() -> Harvest:
    """Every log line of hitch's proxy and its OCSP stapler (src/hitch.c, src/ocsp.c)."""
    h = Harvest("hitch")
    o = git_origin("varnish/hitch")
    for path in ("src/hitch.c", "src/ocsp.c"):
        src = o.read(path)
        for m in re.finditer(r"\b(" + "|".join(_HITCH_CALLS) + r")\s*\(", src):
            call, args = m.group(1), src[m.end():m.end() + 600]
            proxied = call.endswith("PROXY") or (call == "log_ssl_error"
                                                 and not args.lstrip().startswith("NULL"))
            text = first_string(args).strip()
            if not text:
                continue
            if call == "log_ssl_error" or call == "SOCKERR":
                text += ": %s"
            # hitch's "{core} "/"{ocsp} " tag is part of the line, not a placeholder
            tag = re.match(r"(?:WARNING: )?\{[\w -]{1,20}\}:? ", text)
            lead = tag.group(0) if tag else ""
            h.add(o, path, text, text[len(lead):], "log",
                  form=(HITCH_CONN if proxied else HITCH_LOG) + lead + "%TEXT%")
    return h


# -- libwebsockets ------------------------------------------------------------------------

# lws's log (lib/core/logs.c: "[YYYY/MM/DD HH:MM:SS:uuuu] E: "); a client connection's
# failure reason reaches the application as the LWS_CALLBACK_CLIENT_CONNECTION_ERROR text,
# which programs print as it is ("CLIENT_CONNECTION_ERROR: <reason>").
LWS_LOG = "[2026/12/06 08:00:00:0000] {}: "
LWS_CCE = "CLIENT_CONNECTION_ERROR: %TEXT%"
LWS_FILES = ("lib/tls/openssl/openssl-client.c", "lib/tls/openssl/openssl-server.c",
             "lib/tls/openssl/openssl-ssl.c", "lib/tls/openssl/openssl-tls.c",
             "lib/tls/mbedtls/mbedtls-client.c", "lib/tls/mbedtls/mbedtls-server.c",
             "lib/tls/mbedtls/mbedtls-ssl.c", "lib/tls/tls-client.c", "lib/tls/tls-server.c",
             "lib/tls/tls.c", "lib/tls/tls-network.c")
_LWS_LEVEL = {"err": "E", "warn": "W", "notice": "N", "user": "U"}


def libwebsockets() -> Harvest:
    """lws's TLS log lines (error, warning, notice), the reasons its TLS client gives the
    application (errbuf: "tls: %s", "server's cert didn't look good, ..."), and the
    connection-level reasons of tls-client.c (*pcce)."""
    h = Harvest("libwebsockets")
    for ref in LWS_REFS:
        _lws_at(h, git_origin("warmcat/libwebsockets", ref))
    return h


# HEAD, Debian bookworm's 4.1.6 (its words differ: "connect SSL err %d: ", "server's cert
# didn't look good, X509_V_ERR = %d: %s") and 4.3.0.
LWS_REFS = ("HEAD", "v4.1.6", "v4.3.0")


def _lws_at(h: Harvest, o: Origin) -> None:
    for path in LWS_FILES:
        if not o.exists(path):
            continue
        src = o.read(path)
        for m in re.finditer(r"\blwsl_(?:wsi_|vhost_|cx_)?(err|warn|notice|user)\s*\(", src):
            args = src[m.end():m.end() + 600]
            if not m.group(0).startswith("lwsl_" + m.group(1)):
                args = args.split(",", 1)[-1]  # the wsi/vhost/context comes first
            text = first_string(args).strip()
            if len(text.split()) >= 2:
                h.add(o, path, text, text, "log",
                      form=LWS_LOG.format(_LWS_LEVEL[m.group(1)]) + "%TEXT%")
        for lits in re.findall(r"lws_snprintf\(\s*e(?:rr)?buf,\s*\w+,\s*((?:\"[^\"\n]*\"\s*)+)",
                               src):
            text = unescape("".join(re.findall(r'"((?:[^"\\\n]|\\.)*)"', lits))).strip()
            h.add(o, path, text, text, "message", form=LWS_CCE)
        for text in re.findall(r'\*pcce = "([^"]+)";', src):
            h.add(o, path, text, text, "message", form=LWS_CCE)


# -- civetweb -----------------------------------------------------------------------------

# civetweb's error log (src/civetweb.c mg_cry_internal_impl): "[<time_t>] [error] [client
# <addr>] <text>" in error_log_file; its TLS lines only (ssl, certificate, key, cipher...).
CIVETWEB_LOG = "[1733472000] [error] [client 192.0.2.7] %TEXT%"
CIVETWEB_REFS = ("HEAD", "v1.15")
_CIVETWEB_TLS = re.compile(r"(?i)ssl|tls|certificate|private key|cipher|verify|sslize")


def civetweb() -> Harvest:
    h = Harvest("civetweb")
    for ref in CIVETWEB_REFS:
        o = git_origin("civetweb/civetweb", ref)
        path = "src/civetweb.c"
        for _, text in call_strings(o.read(path), ("mg_cry_internal", "mg_cry_ctx_internal")):
            text = text.strip()
            if _CIVETWEB_TLS.search(text):
                h.add(o, path, text, text, "log", form=CIVETWEB_LOG)
    return h


# -- Mongoose -----------------------------------------------------------------------------

# mg_error() (src/event.c) logs "<ms hex> <level> event.c:<line>:mg_error <conn id> <fd>
# <text>" (src/log.c's 40-column prefix) and hands the text to the application as
# MG_EV_ERROR; MG_ERROR(()) lines of the TLS files print after the same prefix.
MONGOOSE_ERR = "2c8    1 event.c:30:mg_error          1 4 %TEXT%"
MONGOOSE_LOG = "2c8    1 tls_builtin.c:1234:mg_tls_init %TEXT%"


def mongoose() -> Harvest:
    h = Harvest("mongoose")
    o = git_origin("cesanta/mongoose")
    for path in o.ls("src"):
        if not re.fullmatch(r"src/tls_\w+\.c", path):
            continue
        src = o.read(path)
        for _, text in call_strings(src, ("mg_error",)):
            h.add(o, path, text.strip(), text.strip(), "message", form=MONGOOSE_ERR)
        for m in re.finditer(r'MG_ERROR\(\(\s*"((?:[^"\\\n]|\\.)*)"', src):
            text = unescape(m.group(1)).strip()
            if len(text.split()) >= 2:
                h.add(o, path, text, text, "log", form=MONGOOSE_LOG)
    return h
