"""Compliance with Mozilla's Server Side TLS 6.0 (modern, intermediate) from a scan.

The guideline values are data (mozilla_server_side_tls_6.0.json, with its source); this
module only compares what the scan saw against them and says, per difference, exactly
what to change. HSTS is an HTTP header and is not probed by a TLS scan.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any

from .plans import SSL2, SSL3, TLS10, TLS11, TLS12, TLS13, VERSION_NAMES
from .result import TargetScan, leaf_keys
from .suiteinfo import group_name, openssl_name, suite_name

DATA_FILE = "mozilla_server_side_tls_6.0.json"
PROFILES = ("modern", "intermediate")
# Mozilla's tls_versions spelling (OpenSSL's protocol names).
_VERSION_TOKENS = {TLS13: "TLSv1.3", TLS12: "TLSv1.2", TLS11: "TLSv1.1", TLS10: "TLSv1",
                   SSL3: "SSLv3", SSL2: "SSLv2"}
# Certificate signature algorithm OIDs (RFC 4055 §5, RFC 5758 §3.2) by Mozilla's names.
_SIG_OIDS = {"1.2.840.113549.1.1.11": "sha256WithRSAEncryption",
             "1.2.840.113549.1.1.12": "sha384WithRSAEncryption",
             "1.2.840.113549.1.1.13": "sha512WithRSAEncryption",
             "1.2.840.113549.1.1.5": "sha1WithRSAEncryption",
             "1.2.840.113549.1.1.4": "md5WithRSAEncryption",
             "1.2.840.113549.1.1.10": "rsassaPss",
             "1.2.840.10045.4.3.2": "ecdsa-with-SHA256",
             "1.2.840.10045.4.3.3": "ecdsa-with-SHA384",
             "1.2.840.10045.4.3.4": "ecdsa-with-SHA512",
             "1.2.840.10045.4.1": "ecdsa-with-SHA1",
             "1.3.101.112": "ed25519"}
# cryptography's curve names -> Mozilla's (OpenSSL's) names.
_CURVES = {"secp256r1": "prime256v1", "secp384r1": "secp384r1", "secp521r1": "secp521r1"}


@dataclass(frozen=True, slots=True, kw_only=True)
class Deviation:
    kind: str  # versions | suites | tls13_suites | order | groups | certificate | dh | not_probed
    action: str  # disable | enable | remove | add | replace | note
    items: tuple[str, ...]
    text: str  # the change, in one sentence
    required: bool = True  # False: advice, or a part of the guideline a TLS scan cannot see

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "action": self.action, "items": list(self.items),
                "text": self.text, "required": self.required}


@dataclass(frozen=True, slots=True, kw_only=True)
class Compliance:
    profile: str
    guideline_version: str
    compliant: bool  # no required deviation
    deviations: tuple[Deviation, ...]
    config: Mapping[str, str]  # server software -> the lines that implement the profile

    def to_json(self) -> dict[str, Any]:
        return {"profile": self.profile, "guideline_version": self.guideline_version,
                "compliant": self.compliant,
                "deviations": [d.to_json() for d in self.deviations],
                "config": dict(self.config)}


@cache
def guidelines() -> Mapping[str, Any]:
    text = resources.files(__package__).joinpath(DATA_FILE).read_text(encoding="utf-8")
    data: Mapping[str, Any] = json.loads(text)
    return data


def profile_data(profile: str) -> Mapping[str, Any]:
    confs: Mapping[str, Any] = guidelines()["configurations"]
    if profile not in confs:
        raise KeyError(f"unknown Mozilla profile {profile!r}; one of {', '.join(confs)}")
    result: Mapping[str, Any] = confs[profile]
    return result


def config_lines(profile: str) -> dict[str, str]:
    """The profile as server configuration (OpenSSL-based servers), from the data file."""
    d = profile_data(profile)
    protos = " ".join(d["tls_versions"])
    ciphers = ":".join(d["ciphers_openssl"])
    curves = ":".join(d["tls_curves"])
    nginx = [f"ssl_protocols {protos};"]
    apache = ["SSLProtocol -all " + " ".join("+" + v for v in d["tls_versions"])]
    if ciphers:
        nginx.append(f"ssl_ciphers {ciphers};")
        apache.append(f"SSLCipherSuite {ciphers}")
    # X25519MLKEM768 needs OpenSSL >= 3.5; older libraries reject the whole list.
    nginx.append(f"ssl_ecdh_curve {curves};")
    apache.append(f"SSLOpenSSLConfCmd Curves {curves}")
    order = "on" if d["server_preferred_order"] else "off"
    nginx.append(f"ssl_prefer_server_ciphers {order};")
    apache.append(f"SSLHonorCipherOrder {order}")
    return {"nginx": "\n".join(nginx), "apache": "\n".join(apache),
            "openssl_cipher_string": ciphers, "openssl_groups": curves}


def _names(codes: Sequence[int]) -> tuple[str, ...]:
    out = []
    for c in codes:
        o = openssl_name(c)
        out.append(f"{suite_name(c)} ({o})" if o else suite_name(c))
    return tuple(out)


def check(scan: TargetScan, profile: str, *, now: datetime | None = None) -> Compliance:
    """Compare one target's scan with one Mozilla profile."""
    d = profile_data(profile)
    devs: list[Deviation] = []
    accepted = set(scan.accepted_versions)
    allowed = set(d["tls_versions_codes"])
    if accepted:
        extra = sorted(accepted - allowed, reverse=True)
        if extra:
            names = tuple(VERSION_NAMES[v] for v in extra)
            devs.append(Deviation(kind="versions", action="disable", items=names,
                                  text=f"Disable {', '.join(names)}."))
        missing = sorted(allowed - accepted, reverse=True)
        if missing:
            names = tuple(VERSION_NAMES[v] for v in missing)
            devs.append(Deviation(kind="versions", action="enable", items=names,
                                  text=f"Enable {', '.join(names)}."))
    # Suites: judged only for versions the profile keeps (the rest go with their version).
    legacy_allowed = set(d["ciphers_codes"])
    legacy = [s for v in (TLS12, TLS11, TLS10, SSL3) if v in allowed and v in accepted
              for s in scan.suites(v)]
    bad = [s for s in dict.fromkeys(legacy) if s not in legacy_allowed]
    if bad:
        devs.append(Deviation(kind="suites", action="remove", items=_names(bad),
                              text=f"Remove {len(bad)} TLS 1.2 cipher suite(s) not in the "
                                   f"{profile} list: {', '.join(_names(bad))}."))
    if TLS12 in allowed and TLS12 in accepted and legacy and not \
            any(s in legacy_allowed for s in legacy):
        devs.append(Deviation(kind="suites", action="add", items=_names(d["ciphers_codes"]),
                              text="Offer the profile's ECDHE+AEAD suites for TLS 1.2."))
    if TLS13 in allowed and TLS13 in accepted:
        bad13 = [s for s in scan.suites(TLS13) if s not in set(d["ciphersuites_codes"])]
        if bad13:
            devs.append(Deviation(kind="tls13_suites", action="remove", items=_names(bad13),
                                  text=f"Remove TLS 1.3 suite(s) {', '.join(_names(bad13))}."))
    if not d["server_preferred_order"] and any(p.server_order for p in scan.protocols):
        devs.append(Deviation(kind="order", action="note", items=(), required=False,
                              text="Mozilla 6.0 lets the client choose among these strong suites "
                                   "(ssl_prefer_server_ciphers off / SSLHonorCipherOrder off)."))
    if scan.groups is not None:
        curves = set(d["tls_curves_codes"])
        badg = [g for g in scan.groups.codes if g not in curves]
        if badg:
            names = tuple(group_name(g) for g in badg)
            devs.append(Deviation(kind="groups", action="remove", items=names,
                                  text=f"Remove key-exchange group(s) {', '.join(names)}; keep "
                                       f"{':'.join(d['tls_curves'])}."))
        missing_g = [n for n, c in zip(d["tls_curves"], d["tls_curves_codes"], strict=True)
                     if c not in scan.groups.codes]
        if missing_g and scan.groups.complete:
            devs.append(Deviation(kind="groups", action="add", items=tuple(missing_g),
                                  required=False,
                                  text=f"Consider adding {', '.join(missing_g)} (recommended "
                                       "groups; X25519MLKEM768 needs OpenSSL 3.5+)."))
    if scan.dh_bits is not None:
        need = d["dh_param_size"]
        if need is None:
            devs.append(Deviation(kind="dh", action="disable", items=("DHE",),
                                  text="Disable finite-field DHE key exchange."))
        elif scan.dh_bits < need:
            devs.append(Deviation(kind="dh", action="replace", items=(str(scan.dh_bits),),
                                  text=f"Use DH parameters of at least {need} bits (ffdhe{need}, "
                                       f"RFC 7919); the server uses {scan.dh_bits}."))
    devs.extend(_certificate_deviations(scan, d, profile, now))
    devs.append(Deviation(kind="not_probed", action="note", items=("hsts",), required=False,
                          text=f"HSTS (max-age >= {d['hsts_min_age']}) is an HTTP header; "
                               "not checked by a TLS scan."))
    if scan.features.ocsp_stapling is False and d["ocsp_staple"]:
        devs.append(Deviation(kind="ocsp", action="enable", items=("ocsp_stapling",),
                              required=False, text="Enable OCSP stapling."))
    compliant = bool(accepted) and not any(x.required for x in devs)
    return Compliance(profile=profile, guideline_version=str(guidelines()["version"]),
                      compliant=compliant, deviations=tuple(devs), config=config_lines(profile))


def _certificate_deviations(scan: TargetScan, d: Mapping[str, Any], profile: str,
                            now: datetime | None) -> list[Deviation]:
    out: list[Deviation] = []
    for leaf in leaf_keys(scan.certificates):
        key = leaf.get("key") or {}
        ktype, kbits = key.get("type"), key.get("bits")
        who = leaf.get("subject", "certificate")
        if ktype not in d["certificate_types"]:
            out.append(Deviation(kind="certificate", action="replace", items=(str(ktype),),
                                 text=f"Use a certificate with a {' or '.join(d['certificate_types'])} "
                                      f"key ({profile}); {who} has a {ktype} key."))
        elif ktype == "rsa" and d["rsa_key_size"] and kbits and kbits < d["rsa_key_size"]:
            out.append(Deviation(kind="certificate", action="replace", items=(f"rsa{kbits}",),
                                 text=f"Use an RSA key of at least {d['rsa_key_size']} bits; "
                                      f"{who} has {kbits}."))
        elif ktype == "ecdsa":
            curve = _CURVES.get(str(key.get("curve")), str(key.get("curve")))
            if curve not in d["certificate_curves"]:
                out.append(Deviation(kind="certificate", action="replace", items=(curve,),
                                     text=f"Use an ECDSA key on {' or '.join(d['certificate_curves'])};"
                                          f" {who} uses {curve}."))
        sig = _SIG_OIDS.get(str(leaf.get("signature_oid")), leaf.get("signature_oid"))
        if sig and sig not in d["certificate_signatures"]:
            out.append(Deviation(kind="certificate", action="replace", items=(str(sig),),
                                 text=f"Have the certificate signed with one of "
                                      f"{', '.join(d['certificate_signatures'])} (it is {sig})."))
        life = leaf.get("lifetime_days")
        if isinstance(life, int) and life > d["maximum_certificate_lifespan"]:
            out.append(Deviation(kind="certificate", action="replace", items=(f"{life} days",),
                                 text=f"Certificate lifetime {life} days exceeds "
                                      f"{d['maximum_certificate_lifespan']} days ({profile}); "
                                      f"renew with a {d['recommended_certificate_lifespan']}-day "
                                      "certificate (ACME)."))
    return out


def check_all(scan: TargetScan, *, now: datetime | None = None) -> tuple[Compliance, ...]:
    return tuple(check(scan, p, now=now) for p in PROFILES)
