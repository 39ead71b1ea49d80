"""Servers' TLS log wording: nginx, Apache mod_ssl (AH numbers), HAProxy, Postfix, Dovecot,
Exim. Only log calls whose text speaks of TLS are taken (the rest is not about TLS)."""

from __future__ import annotations

import re

from .common import Harvest, call_strings, git_origin
from .programs import _TLS_WORDS


def _calls(h: Harvest, repo: str, files: tuple[str, ...], funcs: tuple[str, ...],
           ref: str = "HEAD", keep_all: bool = False) -> None:
    o = git_origin(repo, ref)
    for path in files:
        for _f, text in call_strings(o.read(path), funcs):
            if (keep_all or _TLS_WORDS.search(text)) and len(text) >= 8:
                h.add(o, path, text, text, "log")


def nginx() -> Harvest:
    h = Harvest("nginx")
    _calls(h, "nginx/nginx", ("src/event/ngx_event_openssl.c",
                              "src/event/ngx_event_openssl_stapling.c",
                              "src/http/ngx_http_request.c",
                              "src/http/ngx_http_upstream.c",
                              "src/http/modules/ngx_http_ssl_module.c"),
           ("ngx_ssl_error", "ngx_log_error", "ngx_connection_error", "ngx_ssl_connection_error",
            "ngx_log_debug0", "ngx_conf_log_error"), keep_all=False)
    o = git_origin("nginx/nginx")
    src = o.read("src/event/ngx_event_openssl.c")
    for m in re.finditer(r'ngx_connection_error\(c, \w+, "([^"]+)"\)', src):
        h.add(o, "src/event/ngx_event_openssl.c", m.group(1), m.group(1), "log")
    return h


def apache() -> Harvest:
    """mod_ssl's log lines, each with its APLOGNO (printed as AH01234)."""
    h = Harvest("apache")
    o = git_origin("apache/httpd")
    for path in o.ls("modules/ssl"):
        if not path.endswith(".c"):
            continue
        src = o.read(path)
        for m in re.finditer(r"APLOGNO\((\d{5})\)\s*((?:\s*\"(?:[^\"\\]|\\.)*\")+)", src):
            text = "".join(re.findall(r"\"((?:[^\"\\]|\\.)*)\"", m.group(2)))
            if not _TLS_WORDS.search(text):
                continue
            h.add(o, path, f"AH{m.group(1)}", text.replace('\\"', '"'), "log")
    return h


def haproxy() -> Harvest:
    """conn_err_code_str() (src/connection.c) and ssl_sock.c's alerts."""
    h = Harvest("haproxy")
    o = git_origin("haproxy/haproxy")
    for m in re.finditer(r"case (CO_ER_\w+):\s*return \"([^\"]* [^\"]*)\"",
                         o.read("src/connection.c")):
        h.add(o, "src/connection.c", m.group(1), m.group(2), "connection_error")
    _calls(h, "haproxy/haproxy", ("src/ssl_sock.c", "src/ssl_ckch.c"),
           ("ha_alert", "ha_warning", "memprintf", "send_log"))
    return h


# The enhanced status code a Postfix failure call passes first (SMTP_RESP_FAKE(&fake,
# "4.7.4")): skipped, so the text after it is the entry.
_FAKE_STATUS = re.compile(r'SMTP_RESP_FAKE\(&\w+, "[^"]*"\)')


def postfix() -> Harvest:
    h = Harvest("postfix")
    o = git_origin("vdukhovni/postfix")  # Viktor Dukhovni's mirror of the Postfix releases
    files = tuple(p for p in o.ls("postfix/src/tls") if p.endswith(".c"))
    _calls(h, "vdukhovni/postfix", files, ("msg_warn", "msg_info", "msg_fatal", "msg_panic",
                                           "tls_print_errors", "vstring_sprintf"))
    # What smtpd and postscreen answer to STARTTLS, and why the smtp client gives up on TLS.
    for path, funcs in (("postfix/src/smtpd/smtpd.c", ("smtpd_chat_reply",)),
                        ("postfix/src/postscreen/postscreen_starttls.c", ("PSC_SEND_REPLY",)),
                        ("postfix/src/smtp/smtp_proto.c", ("smtp_site_fail", "smtp_misc_fail",
                                                           "msg_warn", "msg_info"))):
        for _f, text in call_strings(_FAKE_STATUS.sub("0", o.read(path)), funcs):
            text = text.rstrip("\r\n")
            if _TLS_WORDS.search(text) and len(text) >= 8:
                h.add(o, path, text, text, "log")
    return h


def dovecot() -> Harvest:
    h = Harvest("dovecot")
    o = git_origin("dovecot/core")
    files = tuple(p for p in o.ls("src/lib-ssl-iostream") if p.endswith(".c")
                  and "test" not in p)
    _calls(h, "dovecot/core", files, ("i_error", "i_warning", "i_info", "e_error", "e_warning",
                                      "e_debug", "openssl_iostream_set_error", "t_strdup_printf",
                                      "t_strconcat", "i_stream_set_error", "io_stream_set_error"))
    return h


def exim() -> Harvest:
    h = Harvest("exim")
    _calls(h, "Exim/exim", ("src/src/tls-openssl.c", "src/src/tls-gnu.c", "src/src/tls.c"),
           ("tls_error", "log_write", "string_sprintf", "DEBUG", "tls_error_gnu"))
    # What the SMTP server answers to STARTTLS ("454 TLS currently unavailable").
    o = git_origin("Exim/exim")
    for _f, text in call_strings(o.read("src/src/smtp_in.c"), ("smtp_printf",)):
        text = text.rstrip("\r\n")
        if _TLS_WORDS.search(text) and len(text) >= 8:
            h.add(o, "src/src/smtp_in.c", text, text, "log")
    return h
