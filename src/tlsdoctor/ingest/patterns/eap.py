"""Round 16: 802.1X / EAP-TLS, PEAP, TTLS as wpa_supplicant (hostap) and FreeRADIUS print it.

In 802.1X the TLS client is the supplicant (wpa_supplicant, NetworkManager's and Android's
back end, eapol_test) and the TLS server is the RADIUS server (FreeRADIUS); which of them
wrote a line decides whose certificate failed:

- wpa_supplicant's "TLS: Certificate verification failed, error N (...)" and
  "CTRL-EVENT-EAP-TLS-CERT-ERROR reason=N" are the supplicant refusing the RADIUS server's
  certificate (N: OpenSSL's verify result, mapped by hostap's own openssl_tls_fail_reason()
  to enum tls_fail_reason); its "SSL3 alert: write (local SSL3 detected an error)" is an
  alert it sent (it refused the server), "read (remote end reported an error)" one the
  RADIUS server sent (it refused the supplicant's certificate);
- FreeRADIUS' "Alert read:fatal:X" / "recv TLS 1.2 Alert, fatal x" are the supplicant's alert
  (it refused the RADIUS server's certificate: FreeRADIUS' own next line says "The client is
  informing us that ..."), "Alert write" / "send ... Alert" and "OpenSSL says error N : ..."
  (3.0.22+; "SSL says error N" before, 2.2's "--> verify error:num=N") are FreeRADIUS
  refusing the client's certificate.

Measured on 127.0.0.1 with FreeRADIUS 3.2.1 and eapol_test 2.10 (tests/ingest/
test_eap_real.py): wpa_supplicant sends "internal error" when its own name check
(domain_suffix_match, domain_match, subject_match, altsubject_match) fails, so FreeRADIUS
reads "Alert read:fatal:internal error" for a name mismatch.

Pattern ids are "eap.<program>.<verifier>.<what>": ``verifier`` is the party whose check
failed ("supplicant": it refused the RADIUS server's certificate; "radius": the RADIUS
server refused the client's; "none": neither, a setup or generic line). The judgement
(diagnosis/rules/_text.py) reads it for who fixes, the fixes (fixes/eap_text.py) for
whose configuration the steps name.
"""

from __future__ import annotations

import re

from ...causes import Cause
from . import REASON, SPECIFIC, Pattern, causes
from .alerts import ALERTS, alert_causes
from .harvested import Entry, entries, judge, upstream_patterns
from .judgement import _common as common
from .judgement import freeradius as fr_judgement
from .judgement import hostap as hostap_judgement

__all__ = ["PATTERNS"]

EXACT = REASON + 1

# enum tls_fail_reason (src/crypto/tls.h): what the supplicant's refusal of the RADIUS
# server's certificate means. "" = the probe run that rejects on purpose (no fault).
FAIL_READING = {
    "TLS_FAIL_UNSPECIFIED": common.CERT_ANY + " | category",
    "TLS_FAIL_UNTRUSTED": hostap_judgement.UNTRUSTED,
    "TLS_FAIL_REVOKED": common.REVOKED,
    "TLS_FAIL_NOT_YET_VALID": common.NOT_YET,
    "TLS_FAIL_EXPIRED": common.EXPIRED,
    "TLS_FAIL_SUBJECT_MISMATCH": common.HOSTNAME,
    "TLS_FAIL_ALTSUBJECT_MISMATCH": common.HOSTNAME,
    "TLS_FAIL_BAD_CERTIFICATE": "server_misconfiguration:.5 cert_untrusted_root:.3 "
                                "weak_signature_or_key:.2 | reason",
    "TLS_FAIL_SERVER_CHAIN_PROBE": "",
    "TLS_FAIL_DOMAIN_SUFFIX_MISMATCH": common.HOSTNAME,
    "TLS_FAIL_DOMAIN_MISMATCH": common.HOSTNAME,
    "TLS_FAIL_INSUFFICIENT_KEY_LEN": common.WEAK_SIG,
    "TLS_FAIL_DN_MISMATCH": common.HOSTNAME,
}

# The same verify results when FreeRADIUS refuses a *client's* certificate: its ca_file
# lacks the client's CA (or the client holds one from another CA), or the certificate's own
# dates or revocation.
RADIUS_READING = {
    "TLS_FAIL_UNTRUSTED": fr_judgement.CLIENT_REJECTED,
    "TLS_FAIL_REVOKED": common.REVOKED,
    "TLS_FAIL_NOT_YET_VALID": common.NOT_YET,
    "TLS_FAIL_EXPIRED": common.EXPIRED,
}

# A CRL the RADIUS server could not use (FreeRADIUS check_crl = yes: the CRLs in its ca_path
# missing, expired, not yet valid or badly signed): its own setup, else the client's CA.
RADIUS_CRL = "server_misconfiguration:.7 client_cert_required:.3 | reason"

# An alert the supplicant sent (it refused the RADIUS server), where 802.1X says more than
# the alert alone; other alerts are read as any client's (alerts.py's server reading).
SUPPLICANT_SENT = {
    48: fr_judgement.SUPPLICANT_UNKNOWN_CA,  # unknown_ca
    45: common.EXPIRED,  # certificate_expired
    44: common.REVOKED,  # certificate_revoked
    42: fr_judgement.JUDGE["alert.bad_certificate"],
    46: fr_judgement.JUDGE["alert.certificate_unknown"],
    # wpa_supplicant's own name checks fail with X509_V_OK: OpenSSL sends internal_error
    # (measured: domain_suffix_match against FreeRADIUS 3.2.1)
    80: "hostname_mismatch:.5 client_misconfiguration:.3 server_misconfiguration:.2 | category",
}
# An alert the RADIUS server sent (it refused the supplicant's certificate).
RADIUS_SENT = {
    48: fr_judgement.CLIENT_REJECTED,  # unknown_ca: the client's CA is not in ca_file
    45: common.EXPIRED,
    44: common.REVOKED,
    42: fr_judgement.CLIENT_REJECTED,
    46: fr_judgement.CLIENT_REJECTED,
    # EAP-TLS servers require a client certificate: none sent fails the handshake
    40: "client_cert_required:.4 protocol_version_mismatch:.3 cipher_suite_mismatch:.3 "
        "| category",
}

_NUMBERS = {row[0]: n for n, row in ALERTS.items()}
_SPELLED = {"user_cancelled": "user_canceled"}


def _alert_number(const: str) -> int | None:
    """"TLS1_AD_UNKNOWN_CA" -> 48 (the alerts table's names, from the constant's)."""
    name = re.sub(r"^(?:SSL3|TLS1|TLS13)_AD_", "", const).lower()
    return _NUMBERS.get(_SPELLED.get(name, name))


def _long_names() -> dict[int, tuple[str, str]]:
    """alert number -> (OpenSSL's long name, provenance) for every name it prints."""
    out: dict[int, tuple[str, str]] = {}
    for e in entries("openssl_alerts"):
        n = _alert_number(e.id)
        if n is not None and n not in out:
            out[n] = (e.text, e.provenance)
    return out


def _alert_reading(n: int, *, by_supplicant: bool
                   ) -> tuple[str, tuple[tuple[Cause, float], ...], int] | None:
    """(name, causes, spec) of alert ``n`` sent by the supplicant or by the RADIUS server."""
    table = SUPPLICANT_SENT if by_supplicant else RADIUS_SENT
    got = alert_causes(n, server_side=by_supplicant)
    if got is None:
        return None
    name, cs, spec = got
    if n in table:
        return name, causes(table[n].partition("|")[0].strip()), EXACT
    # above the bare alert's tier: the line says who sent it
    return name, cs, max(spec + 1, EXACT)


_WPA_ALERT = {True: r"\bSSL3 alert: write \(local SSL3 detected an error\):fatal:",
              False: r"\bSSL3 alert: read \(remote end reported an error\):fatal:"}
_FR_ALERT = {True: r"(?:\bTLS Alert |\(TLS\) (?:[\w.-]{1,40} - )?Alert )read:fatal:",
             False: r"(?:\bTLS Alert |\(TLS\) (?:[\w.-]{1,40} - )?Alert )write:fatal:"}
_FR_MSG = {True: r"\(TLS\) (?:[\w.-]{1,40} - )?recv (?:TLS 1\.[0-3]|SSL 3\.0) Alert, fatal ",
           False: r"\(TLS\) (?:[\w.-]{1,40} - )?send (?:TLS 1\.[0-3]|SSL 3\.0) Alert, fatal "}
_END = r"(?![\w ]?\w)"


def _alert_patterns() -> tuple[Pattern, ...]:
    """Every alert in each program's line that says who sent it."""
    fr_cb = next(e for e in entries("freeradius") if e.id == "(TLS) Alert %s:%s:%s")
    wpa = next(e for e in entries("hostap") if e.id == "SSL: SSL3 alert: %s:%s:%s")
    out = []
    for n, (long_name, prov) in sorted(_long_names().items()):
        for by_supplicant in (True, False):
            got = _alert_reading(n, by_supplicant=by_supplicant)
            if got is None or not got[1]:
                continue
            name, cs, spec = got
            verifier = "supplicant" if by_supplicant else "radius"
            who = ("the supplicant refused the RADIUS server's certificate or handshake"
                   if by_supplicant else
                   "the RADIUS server refused the supplicant's certificate or handshake")
            forms = (("wpa_supplicant", _WPA_ALERT, re.escape(long_name), wpa.provenance,
                      "client"),
                     ("freeradius", _FR_ALERT, re.escape(long_name), fr_cb.provenance, "server"),
                     ("freeradius", _FR_MSG, re.escape(name), fr_cb.provenance, "server"))
            for program, leads, desc, where, side in forms:
                what = "alert_msg" if leads is _FR_MSG else "alert"
                out.append(Pattern(
                    source=program, rx=leads[by_supplicant] + desc + _END,
                    meaning=f"{_TITLE[program]}: fatal {name} alert: {who}",
                    causes=cs, provenance=f"{where}; {prov}", spec=spec,
                    needle=long_name.lower() if leads is not _FR_MSG else name,
                    id=f"eap.{program}.{verifier}.{what}{n}", side=side))
    return tuple(out)


_TITLE = {"wpa_supplicant": "wpa_supplicant (802.1X supplicant)",
          "freeradius": "FreeRADIUS (RADIUS server)"}


def _fail_map() -> dict[int, tuple[str, Entry]]:
    """OpenSSL verify number -> (tls_fail_reason name, OpenSSL's verify entry)."""
    by_const = {e.id: e.text for e in entries("hostap") if e.kind == "fail_map"}
    out = {}
    for e in entries("openssl"):
        n = e.get("number")
        if e.kind == "verify" and n is not None and int(n) not in out:
            out[int(n)] = (by_const.get(e.id, "TLS_FAIL_UNSPECIFIED"), e)
    return out


def _verify_reading(reason: str, entry: Entry, table: dict[str, str]) -> str | None:
    """The reading of verify result ``entry`` mapped to ``reason``: the EAP table's, else
    OpenSSL's own judgement (a result hostap leaves unspecified: a purpose, a name
    constraint; CRL results: a CRL's dates are not the certificate's)."""
    if "CRL" in entry.id and table is RADIUS_READING:
        return RADIUS_CRL
    if reason in table and reason != "TLS_FAIL_UNSPECIFIED" and "CRL" not in entry.id:
        return table[reason]
    v = judge(entry)
    if v is None or v.kind != "causes":
        return None
    return v.causes + " | reason"


_WPA_VERIFY = r"\bTLS: Certificate verification failed, error {n} \("
_FR_VERIFY = r"(?:\(TLS\) OpenSSL says error |\bSSL says error |--> verify error:num=){n}(?: : |:)"


def _verify_patterns() -> tuple[Pattern, ...]:
    """wpa_supplicant's and FreeRADIUS' lines that print OpenSSL's verify number."""
    wpa = next(e for e in entries("hostap") if e.id.startswith("TLS: Certificate verification"))
    fr = next(e for e in entries("freeradius") if e.id == "(TLS) OpenSSL says error %d : %s")
    out = []
    for n, (reason, entry) in sorted(_fail_map().items()):
        if n == 0:
            continue
        for program, rx, table, verifier, base in (
                ("wpa_supplicant", _WPA_VERIFY, FAIL_READING, "supplicant", wpa),
                ("freeradius", _FR_VERIFY, RADIUS_READING, "radius", fr)):
            reading = _verify_reading(reason, entry, table)
            if not reading:
                continue
            spec_part, _, tier = reading.partition("|")
            whose = ("the RADIUS server's certificate, refused by the supplicant"
                     if verifier == "supplicant" else
                     "the client's certificate, refused by the RADIUS server")
            out.append(Pattern(
                source=program, rx=rx.format(n=n) + r"(?!\d)",
                meaning=f"{_TITLE[program]}: {entry.text} ({entry.id}): {whose}",
                causes=causes(spec_part.strip()), provenance=f"{base.provenance}; "
                f"{entry.provenance}", spec=EXACT if tier.strip() == "reason" else SPECIFIC,
                needle=("certificate verification failed" if verifier == "supplicant"
                        else ""), needles=() if verifier == "supplicant" else
                ("openssl says error", "ssl says error", "verify error:num="),
                id=f"eap.{program}.{verifier}.verify{n}", upstream=entry.id,
                side="client" if verifier == "supplicant" else "server"))
    return tuple(out)


def _event_patterns() -> tuple[Pattern, ...]:
    """CTRL-EVENT-EAP-TLS-CERT-ERROR reason=N: the supplicant's refusal, by reason."""
    event = next(e for e in entries("hostap") if e.id == "WPA_EVENT_EAP_TLS_CERT_ERROR")
    out = []
    for e in entries("hostap"):
        if e.kind != "enum" or e.id not in FAIL_READING:
            continue
        reading, _, tier = FAIL_READING[e.id].partition("|")
        out.append(Pattern(
            source="wpa_supplicant",
            rx=rf"\bCTRL-EVENT-EAP-TLS-CERT-ERROR reason={int(e.get('number'))}(?!\d)",
            meaning=f"{_TITLE['wpa_supplicant']}: the RADIUS server's certificate was refused "
                    f"({e.id})", causes=causes(reading.strip()) if reading else (),
            provenance=f"{event.provenance}; {e.provenance}",
            spec=EXACT if tier.strip() == "reason" else SPECIFIC,
            needle="ctrl-event-eap-tls-cert-error", id=f"eap.wpa_supplicant.supplicant."
            f"reason{int(e.get('number'))}", upstream=e.id, side="client"))
    return tuple(out)


def _verifier(p: Pattern, program: str) -> str:
    """Whose check a harvested text reports (see the module doc)."""
    if p.upstream in _SETUP:
        return "none"
    if program == "freeradius" and p.upstream not in _FR_SUPPLICANT:
        return "radius"
    return "supplicant"


# Texts whose failing party is the printing program's own setup (no certificate judged).
_SETUP = frozenset(k for k, v in {**hostap_judgement.JUDGE, **fr_judgement.JUDGE}.items()
                   if v in (common.CLIENT_CONFIG, common.SERVER_CONFIG, common.HANDSHAKE)
                   or "TLS processing failed" in k or "fatal error in TLS" in k)
_FR_SUPPLICANT = frozenset(k for k in fr_judgement.JUDGE if k.startswith("alert."))

# iwd's alert line says no side (ell's callback gets ``remote`` but iwd does not print it).
# iwd is the supplicant, and its own certificate checks (ell: CACert, ServerDomainMask) fail
# with an alert it sends: the supplicant's reading first, the server's second, below 0.6.
_IWD_SHARE = 0.6
_UNSURE = 0.55


def _both_ways(n: int) -> tuple[tuple[tuple[Cause, float], ...], str] | None:
    """(ranking, verifier of its first cause) of iwd's alert ``n``, read from both sides."""
    mine, theirs = _alert_reading(n, by_supplicant=True), _alert_reading(n, by_supplicant=False)
    if mine is None or theirs is None or not (mine[1] or theirs[1]):
        return None
    score: dict[Cause, float] = {}
    for share, got in ((_IWD_SHARE, mine[1]), (1 - _IWD_SHARE, theirs[1])):
        for cause, conf in got:
            score[cause] = score.get(cause, 0.0) + share * conf
    ranked = sorted(score.items(), key=lambda kv: -kv[1])
    scale = min(1.0, _UNSURE / ranked[0][1])
    first = ranked[0][0]
    verifier = "supplicant" if any(c == first for c, _ in mine[1]) else "radius"
    return tuple((c, round(v * scale, 3)) for c, v in ranked), verifier


def _iwd_patterns() -> tuple[Pattern, ...]:
    line = next(e for e in entries("iwd") if e.id.startswith("%s: Tunnel has disconnected"))
    out = []
    for n, row in sorted(ALERTS.items()):
        got = _both_ways(n)
        if got is None:
            continue
        out.append(Pattern(
            source="iwd", rx=rf"\b(?:TLS|WFA-TLS|PEAP|TTLS): Tunnel has disconnected with "
                             rf"alert: {row[0]}(?:_RESERVED)?\b",
            meaning=f"iwd (802.1X supplicant): the TLS tunnel ended with a fatal {row[0]} "
                    "alert (iwd does not print which side sent it: its own refusal of the "
                    "RADIUS server's certificate first)", causes=got[0],
            provenance=line.provenance, spec=EXACT, needle="tunnel has disconnected with alert",
            id=f"eap.iwd.{got[1]}.alert{n}", side="client"))
    return tuple(out)


# ca_cert="hash://server/sha256/<hash>": the supplicant pins the RADIUS server's certificate
# (tls_openssl.c tls_verify_cb: err_str "Server certificate mismatch" when its SHA-256
# differs). The server's certificate was renewed and the profile keeps the old hash, or
# another server answers (a rogue access point with its own RADIUS): a ranking.
PINNED = "client_misconfiguration:.5 tls_interception_mitm:.3 server_misconfiguration:.2"


def _pinned_patterns() -> tuple[Pattern, ...]:
    e = next(e for e in entries("hostap") if e.id == "err_str:Server certificate mismatch")
    forms = (r"\bTLS: Certificate verification failed, error \d{1,3} \(Server certificate "
             r"mismatch\)", r"\bCTRL-EVENT-EAP-TLS-CERT-ERROR reason=\d{1,2} depth=0 "
             r"subject='[^'\n]{0,300}' err='Server certificate mismatch'")
    return tuple(Pattern(
        source="wpa_supplicant", rx=rx, meaning="wpa_supplicant: the RADIUS server's "
        "certificate is not the one pinned in ca_cert (hash://server/sha256/...)",
        causes=causes(PINNED), provenance=e.provenance, spec=EXACT + 1,
        needle="server certificate mismatch", id=f"eap.wpa_supplicant.supplicant.pinned{n}",
        upstream=e.id, side="client") for n, rx in enumerate(forms))


_HOSTAP = upstream_patterns("hostap", "wpa_supplicant", side="client",
                            as_source="wpa_supplicant")
_FREERADIUS = upstream_patterns("freeradius", "FreeRADIUS", side="server")

_IWD = upstream_patterns("iwd", "iwd", side="client")

PATTERNS = (_alert_patterns() + _verify_patterns() + _event_patterns() + _iwd_patterns()
            + _pinned_patterns()
            + _HOSTAP + _FREERADIUS + _IWD)

# The harvested texts keep their upstream ids ("hostap.up.<text>.text", as every table's):
# the program and the party whose check failed, by pattern id, for the judgement.
HARVESTED: dict[str, tuple[str, str]] = {
    **{p.id: ("wpa_supplicant", _verifier(p, "wpa_supplicant")) for p in _HOSTAP},
    **{p.id: ("freeradius", _verifier(p, "freeradius")) for p in _FREERADIUS},
    **{p.id: ("iwd", "none") for p in _IWD},
}
