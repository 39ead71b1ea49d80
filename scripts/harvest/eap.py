"""Round 16: 802.1X / EAP-TLS, PEAP, TTLS, read from the programs' own source.

- hostap (wpa_supplicant, hostapd's EAP server, eapol_test): every wpa_printf/wpa_msg text of
  its TLS back ends (src/crypto/tls_openssl.c, tls_gnutls.c, tls_wolfssl.c, tls_internal.c)
  and of the TLS-based EAP methods (src/eap_peer/eap_tls*.c, eap_peap.c, eap_ttls.c,
  eap_fast.c, eap_teap.c; src/eap_server/eap_server_tls*.c), the certificate-failure event
  (src/eap_peer/eap.c: "CTRL-EVENT-EAP-TLS-CERT-ERROR reason=%d depth=%d subject='%s'
  err='%s'") and the enum its reason number comes from (src/crypto/tls.h tls_fail_reason).
  The w1.fi repository has no GitHub mirror here; greearb/hostap-ct is a fork carrying
  hostap's history (its src/crypto and src/eap_* are upstream's).
- FreeRADIUS 3.x (and 2.2): every log text of its TLS code (src/main/tls.c, src/main/cb.c;
  2.2's src/modules/rlm_eap/libeap/*.c and rlm_eap_tls.c), including the sentence it
  prints for each alert a client sends ("The client is informing us that %s.").
- OpenSSL's SSL_alert_desc_string_long() (ssl/ssl_stat.c): the alert names both print
  ("SSL3 alert: ...:fatal:unknown CA", "(TLS) Alert read:fatal:unknown CA").
"""

from __future__ import annotations

import re

from .common import Harvest, call_strings, git_origin

_HOSTAP_FILES = (
    "src/crypto/tls_openssl.c", "src/crypto/tls_gnutls.c", "src/crypto/tls_wolfssl.c",
    "src/crypto/tls_internal.c", "src/eap_peer/eap_tls_common.c", "src/eap_peer/eap_tls.c",
    "src/eap_peer/eap_peap.c", "src/eap_peer/eap_ttls.c", "src/eap_peer/eap_fast.c",
    "src/eap_peer/eap_teap.c", "src/eap_server/eap_server_tls_common.c",
    "src/eap_server/eap_server_tls.c", "src/eap_server/eap_server_peap.c",
    "src/eap_server/eap_server_ttls.c", "src/eap_peer/eap.c",
)
_HOSTAP_CALLS = ("wpa_printf", "wpa_msg")


def hostap() -> Harvest:
    """wpa_supplicant/hostapd's TLS and EAP-TLS-family texts, the cert-error event and the
    tls_fail_reason numbers."""
    h = Harvest("hostap")
    o = git_origin("w1fi/hostap", mirror="greearb+hostap-ct")
    for path in _HOSTAP_FILES:
        if not o.exists(path):
            continue
        src = o.read(path)
        for _f, text in call_strings(src, _HOSTAP_CALLS):
            text = text.strip()
            h.add(o, path, text, text, "log")
        # the verify callback's own verdicts, printed in place of OpenSSL's verify string
        for text in re.findall(r'err_str = "([^"]+)";', src):
            h.add(o, path, f"err_str:{text}", text, "err_str")
    path = "src/crypto/tls.h"
    enum = re.search(r"enum tls_fail_reason \{(.*?)\};", o.read(path), re.S)
    assert enum is not None
    for name, num in re.findall(r"(TLS_FAIL_\w+) = (\d+)", enum.group(1)):
        h.add(o, path, name, name, "enum", number=int(num))
    # openssl_tls_fail_reason(): which OpenSSL verify result becomes which reason number
    path = "src/crypto/tls_openssl.c"
    body = o.read(path)
    body = body[body.index("openssl_tls_fail_reason(int err)"):]
    body = body[:body.index("\n}\n")]
    for group in re.finditer(r"((?:\s*case X509_V_ERR_\w+:)+)\s*return (TLS_FAIL_\w+);", body):
        for const in re.findall(r"X509_V_ERR_\w+", group.group(1)):
            h.add(o, path, const, group.group(2), "fail_map")
    path = "src/eap_peer/eap.c"
    src = o.read(path)
    fmt = re.search(r'WPA_EVENT_EAP_TLS_CERT_ERROR\s*"([^"]+)"', src)
    event = re.search(r'#define WPA_EVENT_EAP_TLS_CERT_ERROR "([^"]+)"',
                      o.read("src/common/wpa_ctrl.h"))
    assert fmt is not None and event is not None
    h.add(o, path, "WPA_EVENT_EAP_TLS_CERT_ERROR", event.group(1) + fmt.group(1), "event")
    for name in ("WPA_EVENT_EAP_FAILURE", "WPA_EVENT_EAP_SUCCESS"):
        m = re.search(rf'#define {name} "([^"]+)"', o.read("src/common/wpa_ctrl.h"))
        assert m is not None
        h.add(o, "src/common/wpa_ctrl.h", name, m.group(1).strip(), "event")
    return h


_FR_CALLS = ("RERROR", "REDEBUG", "RWDEBUG", "RWDEBUG2", "RDEBUG", "RDEBUG2", "ERROR", "WARN",
             "AUTH", "tls_error_log", "tls_strerror_printf", "radlog", "DEBUG", "DEBUG2")
_FR_REFS = (("v3.2.x", ("src/main/tls.c", "src/main/cb.c")),
            ("v3.0.x", ("src/main/tls.c", "src/main/cb.c")),
            ("release_3_0_21", ("src/main/tls.c", "src/main/cb.c")),
            ("release_2_2_10", ("src/modules/rlm_eap/libeap/cb.c",
                                "src/modules/rlm_eap/libeap/tls.c",
                                "src/modules/rlm_eap/types/rlm_eap_tls/rlm_eap_tls.c")))


def freeradius() -> Harvest:
    """FreeRADIUS' TLS log texts (3.2, 3.0 before and after 3.0.22's "(TLS) " prefix, 2.2)
    and its sentence per alert a client sends."""
    h = Harvest("freeradius")
    for ref, paths in _FR_REFS:
        o = git_origin("FreeRADIUS/freeradius-server", ref)
        for path in paths:
            if not o.exists(path):
                continue
            src = o.read(path)
            for _f, text in call_strings(src, _FR_CALLS):
                text = text.strip()
                h.add(o, path, text, text, "log")
            # tls_session_msg_cb: the alert's name and the sentence for it, printed as
            # "(TLS) [name - ]The client is informing us that <details>."
            for name, details in re.findall(
                    r'str_details2 = " (\w+)";\s*(?:details = "([^"]+)";)?', src):
                if details:
                    h.add(o, path, f"alert.{name}", details, "details", alert=name)
    return h


def openssl_alerts() -> Harvest:
    """SSL_alert_desc_string_long(): the alert names OpenSSL prints, by alert constant."""
    h = Harvest("openssl_alerts")
    o = git_origin("openssl/openssl", mirror="levitte+openssl")
    path = "ssl/ssl_stat.c"
    src = o.read(path)
    body = src[src.index("SSL_alert_desc_string_long"):]
    body = body[:body.index("\n}\n")]
    for const, text in re.findall(r'case (\w+):\s*return "([^"]+)";', body):
        h.add(o, path, const, text, "alert")
    return h


_IWD_FILES = ("src/eap-tls-common.c", "src/eap-tls.c", "src/eap-peap.c", "src/eap-ttls.c")
_IWD_CALLS = ("l_error", "l_warn", "l_info")


def iwd() -> Harvest:
    """iwd's EAP-TLS family messages (src/eap-tls-common.c and the methods), printed with the
    method's name first ("EAP-PEAP: Tunnel has disconnected with alert: %s", the alert by
    ell's l_tls_alert_to_str, which says neither side). Read from illiliti/eiwd, a fork of
    iwd 2.22 without D-Bus whose EAP sources are iwd's."""
    h = Harvest("iwd")
    o = git_origin("iwd/iwd", mirror="illiliti+eiwd")
    for path in _IWD_FILES:
        if not o.exists(path):
            continue
        for _f, text in call_strings(o.read(path), _IWD_CALLS):
            text = text.strip()
            h.add(o, path, text, text, "log")
    return h
