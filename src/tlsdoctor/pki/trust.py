"""Trust stores: which roots each kind of client on this machine trusts.

``default`` is what OpenSSL-based clients here use (Python's ssl, curl, wget...):
``ssl.get_default_verify_paths()``, honouring SSL_CERT_FILE / SSL_CERT_DIR as OpenSSL
does, plus the user's ``--ca-file``. ``others`` are for comparison, so "works in the
browser but not in Java" can be explained: certifi (Mozilla's CA list, what requests
uses) and the JDK's cacerts when a JDK is installed. Parsed stores are cached per file
(path, size, mtime): loading the system bundle costs tens of milliseconds; between runs
``trust_index`` keeps each file's roots as read, so that a run only parses their DER.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import stat as stat_module
import struct
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.x509 import verification

from ..der import header as der_header
from ..der import value as der_value
from ..errors import InputError
from . import trust_index
from .certinfo import load_der

MAX_STORE_FILE = 16 * 1024 * 1024
# OpenSSL's hashed directory layout: <subject hash>.<n> (c_rehash / openssl rehash).
_HASHED = re.compile(r"^[0-9a-f]{8}\.\d+$")
# A certificate block: its text up to the first END line ("-----BEGIN ...-----(.*?)
# -----END ...-----" with DOTALL, the same matches), written so that the text runs
# between dashes are taken whole instead of testing for the END line at every byte: 25x
# faster on a 200 KB bundle (~4 ms of every start that judges a chain).
_PEM_END = rb"-----END (?:X509 |TRUSTED )?CERTIFICATE-----"
_PEM_CERT = re.compile(rb"-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----"
                       rb"([^-]*(?:-(?!" + _PEM_END[1:] + rb")[^-]*)*)" + _PEM_END)
_JKS_MAGIC = 0xFEEDFEED  # JDK sun.security.provider.JavaKeyStore: MAGIC
_JKS_TRUSTED_CERT = 2  # JavaKeyStore: TRUSTED_CERT_ENTRY_TAG (PRIVATE_KEY_ENTRY_TAG = 1)


@dataclass(frozen=True, slots=True)
class TrustStore:
    """A named set of trust anchors; ``source`` says where they were read from.

    Positional ``TrustStore(name, roots)`` is allowed (the diagnose engine's contract).
    """

    name: str
    roots: tuple[x509.Certificate, ...]
    source: str = ""
    _by_subject: dict[bytes, tuple[x509.Certificate, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    _fingerprints: set[str] = field(default_factory=set, init=False, repr=False, compare=False)
    # Its verification Store, once made (keying ``_vstore`` hashes every root: ~0.2 ms).
    _verification: list[verification.Store] = field(default_factory=list, init=False,
                                                    repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "roots", tuple(self.roots))  # a list given by a caller
        index: dict[bytes, list[x509.Certificate]] = {}
        for c in self.roots:
            index.setdefault(_subject(c), []).append(c)
            self._fingerprints.add(_fp(c))
        self._by_subject.update({k: tuple(v) for k, v in index.items()})

    def issuers_named(self, name: x509.Name) -> tuple[x509.Certificate, ...]:
        """Roots whose subject is ``name`` (the candidates to have issued a certificate)."""
        return self._by_subject.get(name.public_bytes(), ())

    def contains(self, cert: x509.Certificate) -> bool:
        return _fp(cert) in self._fingerprints

    def has_subject(self, name: x509.Name) -> bool:
        return name.public_bytes() in self._by_subject

    def verification_store(self) -> verification.Store | None:
        """The cryptography Store for path validation (None when there are no roots)."""
        if not self.roots:
            return None
        if not self._verification:
            self._verification.append(_vstore(self.roots))
        return self._verification[0]


@dataclass(frozen=True, slots=True, kw_only=True)
class TrustStores:
    """The default trust store and the others a chain is also checked against."""
    default: TrustStore
    others: tuple[TrustStore, ...] = ()

    def __iter__(self) -> Iterator[TrustStore]:
        yield self.default
        yield from self.others

    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self)


# id(certificate) -> (the certificate, a fact of it), worked out once per certificate:
# loading the stores asks ~1,000 times for ~170 certificates (each root is in several
# stores and indexes). By identity: an x509.Certificate hashes (as a dict key) and
# fingerprints itself by serializing itself again, ~3 and ~20 us. The certificate is
# kept, so its id is not reused meanwhile; bounded (starts over when full).
_MAX_FACTS = 8192
_FPS: dict[int, tuple[x509.Certificate, str]] = {}
_SUBJECTS: dict[int, tuple[x509.Certificate, bytes]] = {}


def _keep(table: dict[int, tuple[x509.Certificate, Any]], cert: x509.Certificate,
          value: Any) -> tuple[x509.Certificate, Any]:
    if len(table) >= _MAX_FACTS:
        table.clear()
    got = table[id(cert)] = (cert, value)
    return got


def _fp(cert: x509.Certificate) -> str:
    """SHA-256 of the DER, upper-case hex (the same value as sha256_hex of it)."""
    got = _FPS.get(id(cert))
    if got is None or got[0] is not cert:
        got = _keep(_FPS, cert, cert.fingerprint(hashes.SHA256()).hex().upper())
    return str(got[1])


def _subject(cert: x509.Certificate) -> bytes:
    """The subject's DER (each root is in several stores)."""
    got = _SUBJECTS.get(id(cert))
    if got is None or got[0] is not cert:
        got = _keep(_SUBJECTS, cert, cert.subject.public_bytes())
    return bytes(got[1])


@lru_cache(maxsize=2048)
def _parsed(der: bytes) -> x509.Certificate:
    """``load_der(der)``, once per DER (a JDK's store repeats the system's roots: then they
    are the same objects), its fingerprint taken from these bytes (what the certificate
    would serialize itself into again: DER has one encoding)."""
    cert = load_der(der)
    _keep(_FPS, cert, hashlib.sha256(der).hexdigest().upper())
    return cert


@lru_cache(maxsize=16)
def _vstore(roots: tuple[x509.Certificate, ...]) -> verification.Store:
    return verification.Store(list(roots))


def _dedupe(certs: Iterable[x509.Certificate]) -> tuple[x509.Certificate, ...]:
    seen: set[str] = set()
    out = []
    for c in certs:
        fp = _fp(c)
        if fp not in seen:
            seen.add(fp)
            out.append(c)
    return tuple(out)


# A file as read: its path, and what tells a changed file (device, inode, size, mtime).
_FileKey = tuple[str, int, int, int, int]


def _stat_key(path: str) -> _FileKey | None:
    """The key of the regular file at ``path`` (symbolic links followed: the file's own
    device and inode, not its real path, which takes a system call per path component:
    a hashed directory holds ~150 links); None when there is none."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    if not stat_module.S_ISREG(st.st_mode):
        return None
    return (path, st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def read_pem_file(path: str) -> tuple[x509.Certificate, ...]:
    """Every certificate in a PEM bundle; unparsable blocks are skipped (cached)."""
    key = _stat_key(path)
    return () if key is None else _read_pem_cached(key)


def _read_capped(key: _FileKey) -> bytes | None:
    """A store file's bytes, or None when it is too large (MAX_STORE_FILE) or unreadable."""
    if key[3] > MAX_STORE_FILE:
        return None
    try:
        return Path(key[0]).read_bytes()
    except OSError:
        return None


@lru_cache(maxsize=512)
def _read_pem_cached(key: _FileKey) -> tuple[x509.Certificate, ...]:
    return _read_indexed("pem", key, _roots_from_pem)


def _read_indexed(kind: str, key: _FileKey,
                  roots: Callable[[bytes], tuple[x509.Certificate, ...]]
                  ) -> tuple[x509.Certificate, ...]:
    """A store file's roots: from ``trust_index`` when it knows the file as it is now,
    else read and parsed by ``roots`` (and remembered there)."""
    indexed = trust_index.file_key(kind, key)
    known = _from_index(indexed)
    if known is not None:
        return known
    data = _read_capped(key)
    if data is None:
        return ()
    return _to_index(indexed, roots(data))


def _from_index(indexed: str) -> tuple[x509.Certificate, ...] | None:
    """The roots a store file gave when last read (``trust_index``), parsed, their subjects
    kept for the stores' indexes; None when the index does not know the file as it is now,
    or holds a DER that does not load (then the file is read again)."""
    rows = trust_index.lookup(indexed)
    if rows is None:
        return None
    try:
        certs = tuple(_parsed(der) for der, _subject_der in rows)
    except Exception:  # a damaged index: read the file itself
        return None
    for cert, (_der, subject) in zip(certs, rows, strict=True):
        _keep(_SUBJECTS, cert, subject)
    return certs


def _to_index(indexed: str, certs: tuple[x509.Certificate, ...]) -> tuple[x509.Certificate, ...]:
    if not trust_index.active():  # no index kept: nothing to make for it
        return certs
    from cryptography.hazmat.primitives.serialization import Encoding  # a file read anew only

    trust_index.remember(indexed, tuple((c.public_bytes(Encoding.DER), _subject(c))
                                        for c in certs))
    return certs


def _roots_from_pem(data: bytes) -> tuple[x509.Certificate, ...]:
    """The certificates of a PEM store file, checked only as far as a root is used here
    (names, key, extensions: what would fail to parse later). The full per-certificate
    description (CertInfo, with a signature check) for every root of every store was
    most of a diagnosis' time (issue 11); certificates on a path get it when used."""
    out: list[x509.Certificate] = []
    for block in _PEM_CERT.findall(data)[:5000]:
        try:
            cert = _checked_root(base64.b64decode(b"".join(block.split()), validate=True))
        except Exception:  # a broken root is skipped, as OpenSSL skips it
            continue
        out.append(cert)
    return tuple(out)


@lru_cache(maxsize=2048)
def _checked_root(der: bytes) -> x509.Certificate:
    """One root parsed and checked (raises when broken), once per DER: the system bundle,
    its hashed directory and certifi mostly hold the same roots (~0.02 s of every start)."""
    cert = _parsed(der)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _subject(cert)  # kept for the stores' indexes
        if not _issuer_is_subject(der):  # else the same bytes were just parsed as the subject
            cert.issuer.public_bytes()
        cert.public_key()
        _ = cert.extensions
    return cert


def _issuer_is_subject(der: bytes) -> bool:
    """Whether a certificate's issuer field holds the very bytes of its subject field (a
    self-signed root's): then the issuer parses exactly when the subject does, and checking
    it again would build a second Name object, ~20% of checking a root. False when the
    certificate's layout is not the one walked here (it is then checked as before)."""
    try:
        _, body, _ = der_value(der)  # Certificate: tbsCertificate, signatureAlgorithm, ...
        tag, start, length = der_header(body)
        if tag != 0x30:
            return False
        tag, _, pos = der_value(body, start)
        if tag == 0xA0:  # [0] version, then the serial number
            tag, _, pos = der_value(body, pos)
        _, _, issuer_at = der_value(body, pos)  # the signature algorithm
        _, _, validity_at = der_value(body, issuer_at)
        _, _, subject_at = der_value(body, validity_at)
        _, _, subject_end = der_value(body, subject_at)
    except ValueError:
        return False
    return subject_end <= start + length and \
        body[issuer_at:validity_at] == body[subject_at:subject_end]


def read_hashed_dir(path: str) -> tuple[x509.Certificate, ...]:
    """Certificates of an OpenSSL hashed directory (only <hash>.<n> files, as OpenSSL reads)."""
    try:
        names = sorted(n for n in os.listdir(path) if _HASHED.match(n))
    except OSError:
        return ()
    certs: list[x509.Certificate] = []
    for n in names[:5000]:
        certs.extend(read_pem_file(os.path.join(path, n)))
    return tuple(certs)


def read_jks(data: bytes) -> tuple[x509.Certificate, ...]:
    """Trusted-certificate entries of a JKS keystore (the JDK's classic cacerts format).

    Layout per the JDK's JavaKeyStore.engineLoad: magic, version, count, then entries
    (tag, alias as modified UTF-8, timestamp, and for tag 2: cert type + length + DER).
    Private-key entries (tag 1) make us stop: a trust store has none.
    """
    certs: list[x509.Certificate] = []
    pos = 0

    def take(n: int) -> bytes:
        nonlocal pos
        if pos + n > len(data):
            raise ValueError("truncated JKS")
        chunk = data[pos:pos + n]
        pos += n
        return chunk

    magic, _version, count = struct.unpack(">III", take(12))
    if magic != _JKS_MAGIC:
        raise ValueError("not a JKS keystore")
    for _ in range(min(count, 5000)):
        (tag,) = struct.unpack(">I", take(4))
        (alias_len,) = struct.unpack(">H", take(2))
        take(alias_len + 8)  # alias, timestamp
        if tag != _JKS_TRUSTED_CERT:
            break
        (type_len,) = struct.unpack(">H", take(2))
        take(type_len)  # "X.509"
        (der_len,) = struct.unpack(">I", take(4))
        der = take(der_len)
        try:
            certs.append(_parsed(der))
        except ValueError:
            continue
    return tuple(certs)


def read_java_store(path: str) -> tuple[x509.Certificate, ...]:
    key = _stat_key(path)
    return _read_java_cached(key) if key else ()


@lru_cache(maxsize=8)
def _read_java_cached(key: _FileKey) -> tuple[x509.Certificate, ...]:
    return _read_indexed("java", key, lambda data: _java_roots(key[0], data))


def _java_roots(path: str, data: bytes) -> tuple[x509.Certificate, ...]:
    if data[:4] == _JKS_MAGIC.to_bytes(4, "big"):
        try:
            return read_jks(data)
        except (ValueError, struct.error):
            return ()
    # PKCS#12 cacerts (JDK 9+ default format); "changeit" is the JDK's documented default.
    from cryptography.hazmat.primitives.serialization import pkcs12

    try:
        p12 = pkcs12.load_pkcs12(data, b"changeit")
        return tuple(c.certificate for c in p12.additional_certs)
    except Exception:
        pass
    return _keytool_list(path)


def _keytool_list(path: str) -> tuple[x509.Certificate, ...]:
    """Fallback: ask keytool (bounded) to print the store as PEM."""
    keytool = shutil.which("keytool")
    if keytool is None:
        return ()
    import subprocess  # here: only this fallback runs a program

    try:
        out = subprocess.run([keytool, "-list", "-rfc", "-keystore", path, "-storepass",
                              "changeit"], capture_output=True, timeout=20, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    from .certinfo import load_any
    return tuple(c for c in load_any(out) if isinstance(c, x509.Certificate))


def java_cacerts_paths() -> list[str]:
    """The JDK trust stores on this machine: the distribution's shared one, then the JDK's."""
    paths: list[str] = []
    candidates = ["/etc/ssl/certs/java/cacerts"]  # Debian/Ubuntu ca-certificates-java
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        candidates.append(os.path.join(java_home, "lib", "security", "cacerts"))
    java = shutil.which("java")
    if java:
        home = Path(os.path.realpath(java)).parent.parent
        candidates.append(str(home / "lib" / "security" / "cacerts"))
    candidates.extend(sorted(str(p) for p in Path("/usr/lib/jvm").glob("*/lib/security/cacerts")))
    for c in candidates:
        real = os.path.realpath(c)
        if os.path.isfile(real) and real not in paths:
            paths.append(real)
    return paths


def _openssl_paths() -> tuple[str, str, str, str]:
    """OpenSSL's built-in verify locations: (cafile's environment variable, cafile,
    capath's environment variable, capath), the four ``openssl_*`` fields of
    ``ssl.get_default_verify_paths()``, read from ``_ssl`` itself: the ``ssl`` module's
    enums cost ~8 ms of start-up, and a capture with certificates needs only these."""
    import _ssl

    cafile_env, cafile, capath_env, capath = _ssl.get_default_verify_paths()
    return cafile_env, cafile, capath_env, capath


def system_store() -> TrustStore:
    """The roots OpenSSL uses on this machine, honouring SSL_CERT_FILE / SSL_CERT_DIR."""
    cafile_env, cafile_builtin, capath_env, capath_builtin = _openssl_paths()
    cafile = os.environ.get(cafile_env) or cafile_builtin
    capath = os.environ.get(capath_env) or capath_builtin
    certs = list(read_pem_file(cafile)) if cafile else []
    # The hashed directory normally repeats the bundle; read it only when it can add
    # something (set explicitly, or no bundle at all), to keep start-up fast.
    if capath and (os.environ.get(capath_env) or not certs):
        certs.extend(read_hashed_dir(capath))
    sources = [s for s in (cafile, capath) if s]
    return TrustStore(name="system", roots=_dedupe(certs), source=" + ".join(sources))


def certifi_store() -> TrustStore | None:
    path = _certifi_bundle()
    if path is None:
        return None
    return TrustStore(name="mozilla (certifi)", roots=read_pem_file(path), source=path)


def _certifi_bundle() -> str | None:
    """``certifi.where()``, the path of its cacert.pem; None without certifi. Importing
    certifi imports importlib.resources (zipfile, tempfile, ...) for ``where()``: ~20 ms
    of a capture's start-up. Installed as files (always, but for a zipped install), the
    bundle lies next to the package's ``__init__.py``, the very path ``where()`` returns
    (``as_file`` of a file gives its own path); found from the import spec, certifi is
    not imported. Any other layout asks certifi itself."""
    if "certifi" not in sys.modules:
        from importlib.util import find_spec

        try:
            spec = find_spec("certifi")
        except (ImportError, ValueError):
            spec = None
        if spec is None:
            return None
        if spec.origin and os.path.basename(spec.origin) == "__init__.py":
            path = os.path.join(os.path.dirname(spec.origin), "cacert.pem")
            if os.path.isfile(path):
                return path
    try:
        import certifi
    except ImportError:
        return None
    return str(certifi.where())


def load_ca_file(ca_file: str) -> tuple[x509.Certificate, ...]:
    """The user's --ca-file; a missing or certificate-less file is an InputError."""
    if not os.path.isfile(ca_file):
        raise InputError(f"--ca-file {ca_file}: no such file")
    certs = read_pem_file(ca_file)
    if not certs:
        raise InputError(f"--ca-file {ca_file}: no certificate found in it")
    return certs


def load_trust_stores(ca_file: str | None = None) -> TrustStores:
    """The default store (system + --ca-file) and the others known on this machine.

    Cached: the same files (same size and mtime) and environment give the same object.
    """
    if ca_file and not os.path.isfile(ca_file):
        raise InputError(f"--ca-file {ca_file}: no such file")
    cafile_env, cafile, capath_env, _capath = _openssl_paths()
    key = (ca_file and _stat_key(ca_file), os.environ.get(cafile_env),
           os.environ.get(capath_env), _stat_key(os.environ.get(cafile_env) or cafile or ""))
    return _load_cached(ca_file, key)


@lru_cache(maxsize=8)
def _load_cached(ca_file: str | None, _key: object) -> TrustStores:
    system = system_store()
    if ca_file:
        extra = load_ca_file(ca_file)
        default = TrustStore(name="system + --ca-file", roots=_dedupe((*system.roots, *extra)),
                             source=f"{system.source} + {ca_file}")
    else:
        default = system
    others: list[TrustStore] = []
    mozilla = certifi_store()
    if mozilla is not None and mozilla.roots:
        others.append(mozilla)
    seen: set[tuple[str, ...]] = set()
    for path in java_cacerts_paths():
        roots = read_java_store(path)
        fps = tuple(sorted(_fp(c) for c in roots))
        if roots and fps not in seen:  # several JDKs often share one store
            seen.add(fps)
            others.append(TrustStore(name=f"java ({path})", roots=roots, source=path))
    trust_index.save()  # when a store file was read anew
    return TrustStores(default=default, others=tuple(others))
