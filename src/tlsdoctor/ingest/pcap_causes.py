"""From what one captured connection shows to ranked findings (SPEC cause ids).

Only facts visible on the wire are used: the cleartext hellos, alerts and who sent them
(RFC 8446 §6.2, RFC 5246 §7.2 give each alert's meaning), the certificates of TLS <= 1.2,
TCP resets and closes, and the sizes of encrypted records. Where a capture cannot tell
causes apart (a bare handshake_failure), several findings are returned, ranked, with
confidence below 1.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from cryptography import x509

from ..diagnosis.causes import Cause, Party, Severity
from ..diagnosis.finding import Finding, FixStep, rank
from ..fixes.catalog import make_finding
from ..pki.certinfo import CertInfo
from ..wire.hello import ClientHello, ServerHello
from ..wire.registry import AlertDescription, name_of, version_name
from ..wire.suites import suite, weak

__all__ = ["Observed", "infer"]

AD = AlertDescription
EXPIRY_WARNING = timedelta(days=30)
# Alerts a client sends about the server's certificate (RFC 5246 §7.2.2 / RFC 8446 §6.2).
CERT_ALERTS = {AD.bad_certificate, AD.unsupported_certificate, AD.certificate_revoked,
               AD.certificate_expired, AD.certificate_unknown, AD.unknown_ca}


@dataclass(frozen=True, slots=True, kw_only=True)
class AlertFact:
    by: str  # "client" | "server"
    level: int
    description: int
    after: str  # what the other side sent last
    number: int

    @property
    def name(self) -> str:
        return name_of(AlertDescription, self.description)

    @property
    def fatal(self) -> bool:
        return self.level == 2


@dataclass(frozen=True, slots=True, kw_only=True)
class Observed:
    """The facts of one connection that inference reads."""

    server: str  # "ip:port"
    client_hello: ClientHello | None
    server_hello: ServerHello | None
    hrr: bool
    alerts: tuple[AlertFact, ...]
    server_certs: tuple[bytes, ...]
    when: float  # capture time to judge certificate validity at (seconds since the epoch)
    cert_request: bool
    client_cert_count: int | None
    client_kind: str | None  # first-bytes class of each side: tls, sslv2, http, plaintext...
    server_kind: str | None
    server_sample: bytes
    server_bytes: int
    complete: bool
    tls13: bool
    enc_client: tuple[int, ...]
    enc_server: tuple[int, ...]
    rst_by: str | None
    rst_number: int
    rst_ttl_differs: bool  # the RST's TTL/hop limit differs from the server's other packets
    fin_by: tuple[str, ...]
    ended_in_capture: bool  # a FIN or RST was seen (not cut off by the end of the capture)
    lost: tuple[str, ...]


def infer(o: Observed, known_server_suites: Mapping[str, frozenset[int]],
          known_server_versions: Mapping[str, frozenset[int]] | None = None) -> tuple[Finding, ...]:
    """Ranked findings for one connection. ``known_server_*``: per "ip:port", the suites and
    versions that server chose in the capture's other connections."""
    out: list[Finding] = []
    ch = o.client_hello
    sni = ch.sni if ch else None
    where = f"{o.server}" + (f" (SNI {sni})" if sni else "")

    # 1. The server answered a ClientHello in plaintext: not a TLS port (or needs STARTTLS).
    if ch is not None and o.server_kind in ("http", "plaintext"):
        sample = o.server_sample[:80].decode("ascii", "replace")
        banner = _banner(o.server_sample) if o.server_kind == "plaintext" else None
        proto = "HTTP" if o.server_kind == "http" else f"a {banner.upper()} banner" if banner else "a plaintext protocol"
        fix = None
        if banner:
            fix = (FixStep(text=f"This is a {banner.upper()} service: upgrade with STARTTLS instead of "
                                "starting with TLS, or use the protocol's implicit-TLS port.",
                           code=f"openssl s_client -starttls {banner} -connect {o.server}",
                           applies_to="openssl"),)
        out.append(make_finding(
            Cause.NON_TLS_SERVICE_ON_PORT, fix=fix,
            evidence=(f"the client sent a TLS ClientHello to {o.server}",
                      f"the server answered with {proto}: {sample!r}"),
            facts={"server": o.server, "answer": sample, "kind": o.server_kind,
                   "protocol": banner or ("http" if o.server_kind == "http" else None)}))
        return rank(out)
    if ch is None and o.client_kind in ("http", "plaintext") and o.server_kind in ("tls", "sslv2"):
        out.append(make_finding(
            Cause.CLIENT_MISCONFIGURATION, confidence=0.7,
            title="The client spoke plaintext to a TLS port",
            explanation="The client sent plaintext (e.g. http:// instead of https://) to a port "
                        "where the server expects a TLS handshake.",
            evidence=(f"client's first bytes at {o.server} are {o.client_kind}, the server answered in TLS",),
            facts={"server": o.server}))
        return rank(out)
    if ch is None:
        return ()

    # The first fatal alert decides; a warning (e.g. the unrecognized_name many servers send
    # and then carry on) only when nothing fatal was said.
    fatal = [a for a in o.alerts if a.fatal]
    warnings = [a for a in o.alerts if not a.fatal and a.description != AD.close_notify]
    first = fatal[0] if fatal else warnings[0] if warnings and not o.complete else None
    offered = _versions(ch)

    if first is not None:
        out += _from_alert(o, first, offered, where, known_server_suites,
                           known_server_versions or {})
    elif not o.complete and o.server_hello is None and o.server_bytes == 0:
        out += _silent_server(o, where)
    elif not o.complete and o.tls13 and o.server_hello is not None:
        out += _tls13_inferred(o, where)

    # Versions/suites the server chose: risky even when the handshake works.
    sh = o.server_hello
    if sh is not None and not out:
        if sh.version < 0x0303:
            out.append(make_finding(
                Cause.OBSOLETE_PROTOCOL_ENABLED,
                evidence=(f"{o.server} negotiated {version_name(sh.version)}",),
                facts={"server": o.server, "version": version_name(sh.version)}))
        s = suite(sh.cipher_suite)
        reason = weak(s) if s is not None else None
        if s is not None and reason:
            out.append(make_finding(
                Cause.WEAK_CIPHER_OR_NO_PFS,
                evidence=(f"{o.server} chose {s.name}: {reason}",),
                facts={"server": o.server, "cipher_suite": s.name}))
    if o.server_certs and not any(f.cause in _CERT_CAUSES for f in out):
        out += _cert_checks(o, sni, alert=None, quiet=True)
    return rank(out)


_CERT_CAUSES = {Cause.CERT_EXPIRED, Cause.CERT_NOT_YET_VALID, Cause.CERT_SELF_SIGNED,
                Cause.CERT_UNTRUSTED_ROOT, Cause.INCOMPLETE_CHAIN, Cause.HOSTNAME_MISMATCH,
                Cause.CERT_REVOKED, Cause.CLIENT_CLOCK_WRONG, Cause.CERT_EXPIRING_SOON}


def _banner(sample: bytes) -> str | None:
    """Which STARTTLS protocol a plaintext greeting belongs to (RFC 5321 §4.2 "220",
    RFC 1939 "+OK", RFC 9051 "* OK", RFC 959 "220"); None when unrecognised."""
    head = sample[:200].upper()
    if head.startswith(b"+OK"):
        return "pop3"
    if head.startswith(b"* OK") or head.startswith(b"* PREAUTH"):
        return "imap"
    if head.startswith(b"220"):
        return "smtp" if b"SMTP" in head or b"ESMTP" in head else "ftp"
    return None


def _versions(ch: ClientHello) -> tuple[int, ...]:
    return tuple(v for v in ch.versions if v in (0x0300, 0x0301, 0x0302, 0x0303, 0x0304, 0x0002))


def _vnames(vs: tuple[int, ...]) -> str:
    return ", ".join(version_name(v) for v in vs) or "none"


def _from_alert(o: Observed, a: AlertFact, offered: tuple[int, ...], where: str,
                known: Mapping[str, frozenset[int]],
                versions: Mapping[str, frozenset[int]]) -> list[Finding]:
    ch = o.client_hello
    assert ch is not None  # callers check
    desc = a.description
    ev_alert = f"{a.by} sent fatal alert {a.name} ({desc}) after the {a.after} (packet {a.number})"
    out: list[Finding] = []
    if desc == AD.protocol_version:
        if a.by == "server":
            chosen = ""
            expl = None
            if offered and min(offered) >= 0x0303:
                expl = (f"The client offered only {_vnames(offered)}; the server at {o.server} "
                        "accepts none of them (typically a server limited to TLS 1.0/1.1, or "
                        "without TLS 1.3 when the client requires it).")
            out.append(make_finding(
                Cause.PROTOCOL_VERSION_MISMATCH, explanation=expl,
                evidence=(f"ClientHello to {where} offered {_vnames(offered)}{chosen}", ev_alert),
                facts={"offered": [version_name(v) for v in offered], "alert_by": "server",
                       "server": o.server}))
        else:
            sv = o.server_hello.version if o.server_hello else None
            out.append(make_finding(
                Cause.PROTOCOL_VERSION_MISMATCH,
                explanation=(f"The server chose {version_name(sv)}, which the client refuses." if sv else None),
                evidence=(f"client offered {_vnames(offered)}",
                          *( [f"server chose {version_name(sv)}"] if sv else []), ev_alert),
                facts={"offered": [version_name(v) for v in offered], "alert_by": "client",
                       "chosen": version_name(sv) if sv else None, "server": o.server}))
        return out
    if desc in (AD.handshake_failure, AD.insufficient_security) and a.by == "server" and o.server_hello is None:
        return _suite_mismatch(o, a, offered, where, known, versions, ev_alert)
    if desc == AD.unrecognized_name:
        return [make_finding(Cause.SNI_REQUIRED_OR_MISMATCH,
                             evidence=(f"ClientHello SNI: {ch.sni or '(none)'}", ev_alert),
                             facts={"sni": ch.sni, "server": o.server})]
    if desc == AD.certificate_required or (
            a.by == "server" and o.cert_request and o.client_cert_count == 0):
        return [make_finding(
            Cause.CLIENT_CERT_REQUIRED,
            evidence=("server sent CertificateRequest" if o.cert_request else "server requires a certificate",
                      "client answered with an empty Certificate" if o.client_cert_count == 0
                      else "client sent no certificate", ev_alert),
            facts={"server": o.server, "alert": a.name})]
    if a.by == "server" and o.cert_request and desc in CERT_ALERTS | {AD.access_denied, AD.decrypt_error}:
        return [make_finding(
            Cause.CLIENT_CERT_REQUIRED,
            title="Server did not accept the client certificate",
            explanation="The server asked for a client certificate and rejected the one it got "
                        "(untrusted issuer, expired, or not allowed).",
            evidence=(f"client sent {o.client_cert_count} certificate(s)", ev_alert),
            facts={"server": o.server, "alert": a.name}, confidence=0.9)]
    if a.by == "client" and desc in CERT_ALERTS:
        return _cert_checks(o, ch.sni, alert=a) or _cert_alert_only(o, a, ev_alert)
    if desc == AD.inappropriate_fallback:
        return [make_finding(
            Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE, confidence=0.5,
            explanation="The client retried with a lower version after an earlier failure "
                        "(RFC 7507 fallback), typical behind a version-intolerant middlebox.",
            evidence=(ev_alert,), facts={"server": o.server})]
    if desc == AD.no_application_protocol:
        return [make_finding(
            Cause.CLIENT_MISCONFIGURATION, who_fixes=Party.EITHER, confidence=0.7,
            title="No application protocol (ALPN) in common",
            explanation="The server supports none of the ALPN protocols the client offered.",
            evidence=(f"client offered ALPN {', '.join(ch.alpn) or '(none)'}", ev_alert),
            facts={"alpn": list(ch.alpn), "server": o.server})]
    if desc == AD.close_notify:
        return []
    # Anything else: who complained tells who to look at, nothing more.
    if a.by == "server":
        return [make_finding(Cause.SERVER_MISCONFIGURATION if desc == AD.internal_error
                             else Cause.CLIENT_MISCONFIGURATION, confidence=0.4,
                             evidence=(ev_alert,), facts={"server": o.server, "alert": a.name})]
    return [make_finding(Cause.SERVER_MISCONFIGURATION, confidence=0.4, evidence=(ev_alert,),
                         facts={"server": o.server, "alert": a.name})]


# When the certificates are not visible (TLS 1.3 encrypts them), the client's alert alone
# points at these causes (RFC 8446 §6.2 meanings), ranked by how directly it names them.
_ALERT_CERT_CAUSES: dict[int, tuple[tuple[Cause, float], ...]] = {
    AD.certificate_expired: ((Cause.CERT_EXPIRED, 0.8), (Cause.CLIENT_CLOCK_WRONG, 0.3)),
    AD.certificate_revoked: ((Cause.CERT_REVOKED, 0.9),),
    AD.unknown_ca: ((Cause.CERT_UNTRUSTED_ROOT, 0.6), (Cause.INCOMPLETE_CHAIN, 0.4),
                    (Cause.CERT_SELF_SIGNED, 0.3)),
    AD.bad_certificate: ((Cause.CERT_UNTRUSTED_ROOT, 0.4), (Cause.HOSTNAME_MISMATCH, 0.3)),
    AD.certificate_unknown: ((Cause.CERT_UNTRUSTED_ROOT, 0.4), (Cause.HOSTNAME_MISMATCH, 0.3)),
    AD.unsupported_certificate: ((Cause.CERT_WRONG_PURPOSE, 0.5), (Cause.WEAK_SIGNATURE_OR_KEY, 0.3)),
}


def _cert_alert_only(o: Observed, a: AlertFact, ev_alert: str) -> list[Finding]:
    why = ("the certificates are encrypted (TLS 1.3), so only the alert tells" if o.tls13
           else "the server's certificates are not in the capture")
    return [make_finding(cause, confidence=conf, evidence=(ev_alert, why),
                         facts={"server": o.server, "alert": a.name})
            for cause, conf in _ALERT_CERT_CAUSES.get(a.description, ((Cause.CERT_UNTRUSTED_ROOT, 0.4),))]


def _suite_mismatch(o: Observed, a: AlertFact, offered: tuple[int, ...], where: str,
                    known: Mapping[str, frozenset[int]], versions: Mapping[str, frozenset[int]],
                    ev_alert: str) -> list[Finding]:
    ch = o.client_hello
    assert ch is not None
    suites = tuple(s for s in ch.cipher_suites if s <= 0xFFFF)
    names = [name_of_suite(s) for s in suites if not _signalling(s)]
    server_set = known.get(o.server)
    evidence = [f"ClientHello to {where} offered {len(names)} cipher suites: "
                + ", ".join(names[:8]) + (" ..." if len(names) > 8 else ""), ev_alert]
    conf = 0.6
    if server_set:
        common = server_set & set(suites)
        chosen = ", ".join(sorted(name_of_suite(s) for s in server_set))
        if not common:
            conf = 0.9
            evidence.append(f"in other connections of this capture the server chose only: {chosen}; "
                            "none of them was offered here")
        else:
            conf = 0.4
    only13 = bool(suites) and all(0x1301 <= s <= 0x13FF or _signalling(s) for s in suites)
    if only13:
        evidence.append("the client offered only TLS 1.3 suites")
    out = [make_finding(Cause.CIPHER_SUITE_MISMATCH, confidence=conf, evidence=tuple(evidence),
                        facts={"offered_suites": names, "server": o.server,
                               "server_chosen_elsewhere": sorted(name_of_suite(s) for s in server_set or ())})]
    spoken = versions.get(o.server, frozenset())
    if spoken & set(offered):
        # The server negotiated one of the offered versions elsewhere: versions overlap.
        v_conf, v_ev = 0.1, (f"the server negotiated {_vnames(tuple(sorted(spoken)))} in other "
                             f"connections, and the client offered {_vnames(offered)}")
    else:
        v_conf, v_ev = round(conf * 0.5, 2), (f"client offered {_vnames(offered)}; some servers "
                                              "answer a version they do not support with "
                                              "handshake_failure")
    out.append(make_finding(Cause.PROTOCOL_VERSION_MISMATCH, confidence=v_conf, evidence=(v_ev,),
                            facts={"offered": [version_name(v) for v in offered]}))
    if not ch.sni:
        out.append(make_finding(Cause.SNI_REQUIRED_OR_MISMATCH, confidence=0.3,
                                evidence=("the ClientHello carried no SNI",), facts={}))
    return out


def _silent_server(o: Observed, where: str) -> list[Finding]:
    """The server side sent nothing after the ClientHello."""
    ch = o.client_hello
    assert ch is not None
    if o.rst_by == "server":
        ev = [f"ClientHello to {where} was answered by a TCP RST from the server's address "
              f"(packet {o.rst_number}) before any ServerHello"]
        conf = 0.8
        if o.rst_ttl_differs:
            ev.append("the RST's TTL/hop limit differs from the server's other packets: "
                      "it was likely injected by a device on the path")
            conf = 0.95
        return [make_finding(Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE, confidence=conf,
                             evidence=tuple(ev), facts={"server": o.server, "sni": ch.sni}),
                make_finding(Cause.SNI_REQUIRED_OR_MISMATCH, confidence=0.3,
                             evidence=("a server may also reset connections for a name it does not serve",),
                             facts={"sni": ch.sni})]
    if "server" in o.fin_by:
        return [make_finding(Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE, confidence=0.5,
                             evidence=(f"the server side closed the connection (FIN) after the ClientHello to {where} without answering",),
                             facts={"server": o.server, "sni": ch.sni}),
                make_finding(Cause.SERVER_MISCONFIGURATION, confidence=0.4,
                             evidence=("a server with no usable certificate/configuration closes without an alert",),
                             facts={"server": o.server})]
    if not o.ended_in_capture or o.rst_by == "client" or "client" in o.fin_by:
        return [make_finding(Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE, confidence=0.5,
                             evidence=(f"no answer from {where} to the ClientHello in the capture"
                                       + (" (the client gave up)" if o.ended_in_capture else ""),),
                             facts={"server": o.server, "sni": ch.sni})]
    return []


def _tls13_inferred(o: Observed, where: str) -> list[Finding]:
    """TLS 1.3 failed after ServerHello: everything is encrypted, so read record sizes."""
    from .pcap_tls import ENCRYPTED_ALERT_SIZES, ENCRYPTED_EMPTY_CERTIFICATE

    if o.enc_client and o.enc_client[0] in ENCRYPTED_ALERT_SIZES:
        return [make_finding(Cause.CERT_UNTRUSTED_ROOT, confidence=0.4,
                             evidence=(f"TLS 1.3 with {where}: the client's first encrypted record is "
                                       f"{o.enc_client[0]} bytes, the size of an encrypted alert, and it "
                                       "then closed; clients most often abort here when they reject "
                                       "the server's certificate (encrypted, so not visible)",),
                             facts={"server": o.server})]
    if o.enc_server and o.enc_server[-1] in ENCRYPTED_ALERT_SIZES and len(o.enc_client) >= 1:
        ev = [f"TLS 1.3 with {where}: after the client's Finished the server sent only an "
              f"alert-sized encrypted record ({o.enc_server[-1]} bytes) and closed"]
        conf = 0.4
        if o.enc_client[0] == ENCRYPTED_EMPTY_CERTIFICATE:
            ev.append(f"the client's first encrypted record is {ENCRYPTED_EMPTY_CERTIFICATE} bytes, "
                      "the size of an empty Certificate message: it had no certificate to send")
            conf = 0.75
        return [make_finding(Cause.CLIENT_CERT_REQUIRED, confidence=conf, evidence=tuple(ev),
                             facts={"server": o.server, "inferred_from": "record sizes"})]
    return []


def _signalling(code: int) -> bool:
    return code in (0x00FF, 0x5600) or (code & 0x0F0F) == 0x0A0A


@lru_cache(maxsize=4096)  # ~100 per ClientHello in every connection's report, mostly the same
def name_of_suite(code: int) -> str:
    s = suite(code)
    return s.name if s is not None else f"0x{code:04X}"


@lru_cache(maxsize=512)  # the same server certificates recur in every connection
def _load(der: bytes) -> x509.Certificate:
    from ..pki.certinfo import load_der

    return load_der(der)


@lru_cache(maxsize=512)
def _info(der: bytes) -> tuple[CertInfo, bool]:
    """CertInfo and whether the certificate is self-signed (a signature check: cached)."""
    from ..pki.certinfo import is_self_signed

    cert = _load(der)
    return CertInfo.of(cert), is_self_signed(cert)


def _cert_checks(o: Observed, sni: str | None, *, alert: AlertFact | None,
                 quiet: bool = False) -> list[Finding]:
    """Certificate causes from the certificates in the capture, judged at capture time."""
    try:
        return _cert_checks_unsafe(o, sni, alert=alert, quiet=quiet)
    except Exception as exc:  # cryptography parses lazily: a corrupt field fails on access
        return [] if quiet else [make_finding(
            Cause.SERVER_MISCONFIGURATION, confidence=0.4,
            evidence=(f"the server's certificate is malformed: {str(exc)[:120]}",),
            facts={"server": o.server})]


def _cert_checks_unsafe(o: Observed, sni: str | None, *, alert: AlertFact | None,
                        quiet: bool) -> list[Finding]:
    from ..pki.certinfo import signed_by
    from ..pki.hostname import check_hostname

    if not o.server_certs:
        return []
    try:
        certs = [_load(d) for d in o.server_certs[:10]]
    except Exception as exc:  # a malformed certificate is a fact, not a crash
        return [] if quiet else [make_finding(
            Cause.SERVER_MISCONFIGURATION, confidence=0.5,
            evidence=(f"the server's certificate does not parse: {str(exc)[:120]}",), facts={})]
    leaf = certs[0]
    info, leaf_self_signed = _info(o.server_certs[0])
    when = datetime.fromtimestamp(o.when, UTC)
    ev_alert = (f"client sent fatal alert {alert.name} ({alert.description}) after the "
                f"{alert.after} (packet {alert.number})") if alert else None
    base = [ev_alert] if ev_alert else []
    label = info.label
    facts = {"subject": info.subject, "issuer": info.issuer,
             "not_before": info.not_before.isoformat(), "not_after": info.not_after.isoformat(),
             "capture_time": when.isoformat(), "server": o.server}
    out: list[Finding] = []
    for i, c in enumerate(certs):
        na, nb = c.not_valid_after_utc, c.not_valid_before_utc
        who = "leaf" if i == 0 else f"certificate #{i + 1}"
        if na < when:
            out.append(make_finding(Cause.CERT_EXPIRED, severity=Severity.RISK if quiet else None,
                                    evidence=(*base, f"{who} {_info(o.server_certs[i])[0].label} expired {na.isoformat()}, "
                                              f"before the capture time {when.isoformat()}"),
                                    facts=facts))
        elif nb > when:
            out.append(make_finding(Cause.CERT_NOT_YET_VALID, severity=Severity.RISK if quiet else None,
                                    evidence=(*base, f"{who} is valid only from {nb.isoformat()}; "
                                              f"capture time {when.isoformat()}"), facts=facts))
    if alert is not None and alert.description == AD.certificate_expired and not out:
        out.append(make_finding(Cause.CLIENT_CLOCK_WRONG, confidence=0.7,
                                evidence=(*base, f"the certificates were valid at capture time "
                                          f"{when.isoformat()}; the client's clock is probably wrong"),
                                facts=facts))
    if alert is not None and alert.description == AD.certificate_revoked:
        out.append(make_finding(Cause.CERT_REVOKED, evidence=tuple(base), facts=facts))
    if quiet:
        if not out and info.not_after - when < EXPIRY_WARNING:
            out.append(make_finding(Cause.CERT_EXPIRING_SOON,
                                    evidence=(f"leaf {label} expires {info.not_after.isoformat()}",),
                                    facts=facts))
        return out
    if leaf_self_signed:
        out.append(make_finding(Cause.CERT_SELF_SIGNED, confidence=0.9 if not out else 0.6,
                                evidence=(*base, f"the leaf {label} is self-signed"), facts=facts))
    elif alert is not None and alert.description in (AD.unknown_ca, AD.bad_certificate, AD.certificate_unknown):
        issuer_sent = any(signed_by(leaf, c) for c in certs[1:])
        if not issuer_sent:
            out.append(make_finding(Cause.INCOMPLETE_CHAIN, confidence=0.6,
                                    evidence=(*base, f"the server sent {len(certs)} certificate(s); "
                                              f"the leaf's issuer '{info.issuer}' is not among them"),
                                    facts=facts))
        out.append(make_finding(Cause.CERT_UNTRUSTED_ROOT, confidence=0.5,
                                evidence=(*base, f"the chain ends at '{_info(o.server_certs[len(certs) - 1])[0].issuer}', "
                                          "which the client may not trust"), facts=facts))
    if sni:
        try:
            hc = check_hostname(sni, info.dns_names, info.ip_addresses, info.common_name)
        except Exception:
            hc = None
        if hc is not None and not hc.matches:
            out.append(make_finding(Cause.HOSTNAME_MISMATCH, confidence=0.7,
                                    evidence=(*base, f"SNI {sni} is not among the leaf's names "
                                              f"{', '.join(info.dns_names) or '(none)'}"), facts=facts))
    return out
