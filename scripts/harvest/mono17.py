"""Round 17: the .NET-on-Mono family (Mono itself, Unity), read from their own source.

- Mono (mono/mono, too large to fetch: excerpts read through the search index, saved under
  /work/.mirror/_files/mono+mono/<commit>/<path>): System.Net's WebConnection
  ("Error: <WebExceptionStatus> (<inner message>)") and the status MonoTlsStream leaves
  (TrustFailure when the certificate check failed, SecureChannelFailure otherwise),
  Mono.Security's legacy TLS (Alert.cs's "The authentication or decryption has failed.",
  TlsServerCertificate.cs's WinError codes), Mono.Btls (MonoBtlsContext's message shape:
  BoringSSL's own error string, read by the BoringSSL table), MonoTlsProviderFactory
  (MONO_TLS_PROVIDER), and the cert-sync tool that fills Mono's own trust store.
- Mono.Security's legacy TLS stack as Mono 6.12 ships it (Mono.Security.Protocol.Tls:
  every TlsException text, "Invalid certificate received from server. Error code: 0x%x"),
  read in BepInEx/Il2Cpp.TlsAdapter's MonoLegacyTls/ (Mono's files ported to Mono 6.12's
  provider API, their Novell/Xamarin headers kept).
- Unity's TLS provider (Unity-Technologies/mono, 24ce88f8, mcs/class/System/Mono.UnityTls,
  over 600 MB: read in BepInEx/Il2Cpp.TlsAdapter's UnityTls/, each file "Adapted from" that
  tree): unitytls_error_code and unitytls_x509verify_result names, the contexts of its
  TlsException ("Handshake failed - error code: X, verify result: Y").
"""

from __future__ import annotations

import re

from .common import MIRROR, Harvest, Origin, files_origin, git_origin, unescape

_TLSEXC = "Mono.Security.Interface.TlsException: %TEXT%"
_LEGACY_EXC = "Mono.Security.Protocol.Tls.TlsException: %TEXT%"
_WEBEXC = "System.Net.WebException: %TEXT%"


def _excerpts(repo: str) -> dict[str, Origin]:
    """path -> origin of each file saved from ``repo`` (one directory per commit)."""
    root = MIRROR / "_files" / repo.replace("/", "+")
    out = {}
    for d in sorted(p for p in root.iterdir() if p.is_dir()):
        for f in sorted(p for p in d.rglob("*") if p.is_file()):
            rel = str(f.relative_to(d))
            out[rel] = files_origin(repo, "index", d.name, {rel: f.read_text()},
                                    "excerpt read through the search index")
    return out


def _lits(src: str) -> list[str]:
    return [unescape(s) for s in re.findall(r'"((?:[^"\\\n]|\\.)*)"', src)]


# WebExceptionStatus values System.Net's WebConnection and MonoTlsStream raise on a
# connection (WebConnection.cs Connect/CreateStream, MonoTlsStream.cs CreateStream).
_STATUS = ("TrustFailure", "SecureChannelFailure", "ConnectFailure", "NameResolutionFailure",
           "ProxyNameResolutionFailure")


def _mono_system(h: Harvest, ex: dict[str, Origin]) -> None:
    path = "mcs/class/System/System.Net/WebConnection.cs"
    o, src = ex[path], ex[path].read(path)
    fmt = next(s for s in re.findall(r'\$"(Error: \{status\} \(\{error\.Message\}\))"', src))
    h.add(o, path, "WebConnection.GetException", fmt.replace("{status}", "{0}")
          .replace("{error.Message}", "{1}"), "format")
    stream = "mcs/class/System/Mono.Net.Security/MonoTlsStream.cs"
    named = set(re.findall(r"WebExceptionStatus\.(\w+)", src + ex[stream].read(stream)))
    for status in _STATUS:
        assert status in named, status
        where = stream if status in ("TrustFailure", "SecureChannelFailure") else path
        # A name that does not resolve is raised without an inner exception: $"Error: {status}"
        text = f"Error: {status}" if "Resolution" in status else f"Error: {status} (%s)"
        h.add(ex[where], where, status, text, "message", form=_WEBEXC)
    path = "mcs/class/System/Mono.Net.Security/MonoTlsProviderFactory.cs"
    for text in _lits(ex[path].read(path)):
        if "TLS Provider" in text or "TLS Support" in text:
            h.add(ex[path], path, text, text.replace("{0}", "%s"), "message",
                  form="System.NotSupportedException: %TEXT%")
    path = "mcs/class/System/Mono.Btls/MonoBtlsContext.cs"
    for text in _lits(ex[path].read(path)):
        if text.startswith("Cannot request"):
            h.add(ex[path], path, text, text, "message", form=_TLSEXC)
        elif text.startswith("{0} {1}"):  # status, BoringSSL's string: read by its table
            h.add(ex[path], path, "MonoBtlsContext.GetException", text, "format")


def _mono_certsync(h: Harvest, ex: dict[str, Origin]) -> None:
    path = "mcs/tools/security/cert-sync.cs"
    for text in _lits(ex[path].read(path)):
        if not text.startswith("//"):
            h.add(ex[path], path, text, re.sub(r"\{\d\}", "%s", text), "log")


# WinError names Mono's legacy TLS puts in "Error code: 0x..." (TlsServerCertificate.cs's
# comments name each code it raises), printed sign-extended from a 32-bit int.
_CODE = re.compile(r"// WinError\.h (\w+) 0x([0-9A-F]{8})")


def _mono_legacy(h: Harvest, ex: dict[str, Origin], port: Origin) -> None:
    path = "mcs/class/Mono.Security/Mono.Security.Protocol.Tls/Alert.cs"
    for text in _lits(ex[path].read(path)):
        h.add(ex[path], path, "Alert.GetAlertMessage", text, "message",
              form="System.IO.IOException: %TEXT%")
    path = ("mcs/class/Mono.Security/Mono.Security.Protocol.Tls.Handshake.Client/"
            "TlsServerCertificate.cs")
    for name, code in _CODE.findall(ex[path].read(path)):
        text = f"Invalid certificate received from server. Error code: 0xffffffff{code.lower()}"
        h.add(ex[path], path, name, text, "code", number=f"0x{code.lower()}", form=_LEGACY_EXC)
    base = "Il2Cpp.TlsAdapter/MonoLegacyTls/"
    for rel in port.ls(base):
        if not rel.endswith(".cs"):
            continue
        src = port.read(rel)
        for m in re.finditer(r"new (TlsException|IOException)\s*\(", src):
            lits = _lits(src[m.end():m.end() + 600].split(";")[0])
            text = lits[0] if lits else ""
            if len(text) < 12 or "bug" in text:
                continue  # "buffer underrun" and "likely a bug in SslStream": internal
            form = _LEGACY_EXC if m.group(1) == "TlsException" else "System.IO.IOException: %TEXT%"
            # A short one ("Handshake Failure.", "Decrypt error.") is every stack's phrase:
            # Mono's only after its exception's name.
            lead = {"after": [form.split("%TEXT%")[0].rsplit(".", 1)[-1]]} \
                if len(text.split()) < 6 else {}
            h.add(port, rel, text, re.sub(r"\{\d\}", "%s", text), "message", form=form,
                  **lead)


def mono() -> Harvest:
    h = Harvest("mono")
    ex = _excerpts("mono/mono")
    port = git_origin("BepInEx/Il2Cpp.TlsAdapter")
    _mono_system(h, ex)
    _mono_legacy(h, ex, port)
    _mono_certsync(h, ex)
    return h


# -- Unity --------------------------------------------------------------------------------

_UNITY_UPSTREAM = ("Unity-Technologies/mono@24ce88f8a387f93884225c5b31ac42655a9df344 "
                   "mcs/class/System/Mono.UnityTls")


def unity() -> Harvest:
    """UnityTls's enum names (UnityTls.cs) and the contexts its TlsException carries
    (UnityTlsContext.cs through Debug.CheckAndThrow's "{0} - error code: {1}, verify
    result: {2}")."""
    h = Harvest("unity")
    o = git_origin("BepInEx/Il2Cpp.TlsAdapter")
    base = "Il2Cpp.TlsAdapter/UnityTls/"
    path = base + "UnityTls.cs"
    src = o.read(path)
    for enum in ("unitytls_error_code", "unitytls_x509verify_result"):
        body = src.split(f"enum {enum}", 1)[1].split("}", 1)[0]
        for name in re.findall(r"\b(UNITYTLS_[A-Z0-9_]+)\b", body):
            if name.endswith(("_START", "_END")):
                continue
            h.add(o, path, name, name, "name", enum=enum, upstream=_UNITY_UPSTREAM)
    path = base + "Debug.cs"
    for text in _lits(o.read(path)):
        h.add(o, path, text, text, "format", upstream=_UNITY_UPSTREAM)
    path = base + "UnityTlsContext.cs"
    src = o.read(path)
    for m in re.finditer(r"(CheckAndThrow|new TlsException)\s*\(", src):
        lits = _lits(src[m.end():m.end() + 400].split(";")[0])
        if not lits:
            continue
        if m.group(1) == "CheckAndThrow":  # Debug.cs puts the error code after it
            h.add(o, path, lits[0], lits[0], "message", upstream=_UNITY_UPSTREAM, checked=True,
                  form="TlsException: %TEXT% - error code: UNITYTLS_INTERNAL_ERROR")
        else:
            h.add(o, path, lits[0], lits[0], "message", upstream=_UNITY_UPSTREAM,
                  form="TlsException: %TEXT%")
    return h


# -- Sonarr, Radarr, Lidarr, Readarr (the "*arr" family, on Mono through v3) ---------------

_SERVARR = ("Sonarr/Sonarr", "Radarr/Radarr", "Lidarr/Lidarr", "Readarr/Readarr")
# NLog's layout in their log files: "date|Level|Logger|message".
_NLOG = "2026-12-06 11:00:00.0|Error|X509CertificateValidationService|%TEXT%"


def servarr() -> Harvest:
    """The certificate lines of their shared X509CertificateValidationService (the
    ServicePointManager callback that applies their Certificate Validation setting,
    CertificateValidationType: Enabled, DisabledForLocalAddresses, Disabled)."""
    h = Harvest("servarr")
    for repo in _SERVARR:
        for path, o in _excerpts(repo).items():
            for text in re.findall(r'_logger\.Error\("([^"]+)"', o.read(path)):
                h.add(o, path, text, re.sub(r"\{\d\}", "%s", text), "log", form=_NLOG)
    return h
