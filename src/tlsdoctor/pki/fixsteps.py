"""Fix steps for certificate findings: renewals, the corrected bundle, client-side trust.

Directive names come from each project's documentation: nginx ngx_http_ssl_module
(ssl_certificate, ssl_stapling), Apache mod_ssl (SSLCertificateFile: since 2.4.8 it may
contain the intermediates, SSLUseStapling), HAProxy configuration manual (bind ... crt,
a PEM with the certificate, its chain and the key), certbot's user guide (renew,
certonly, --force-renewal), OpenSSL req(1). Client trust: Debian update-ca-certificates(8),
requests docs (REQUESTS_CA_BUNDLE), curl(1) --cacert, keytool -importcert, Node.js
docs (NODE_EXTRA_CA_CERTS).
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence

from ..diagnosis.finding import FixStep

_SAFE_FILE = re.compile(r"[^A-Za-z0-9_.-]+")


def file_stem(name: str, default: str = "server") -> str:
    """A filename-safe stem from a certificate name (untrusted text)."""
    stem = _SAFE_FILE.sub("_", name.replace("*", "wildcard")).strip("._")[:60]
    return stem or default


def _q(value: str) -> str:
    return shlex.quote(value)


def renew_steps(names: Sequence[str], key_type: str = "EC") -> tuple[FixStep, ...]:
    """Renewal: ACME (certbot) first, then a CSR with openssl for a commercial/internal CA."""
    names = [n for n in names if n] or ["example.com"]
    stem = file_stem(names[0])
    d_args = " ".join(f"-d {_q(n)}" for n in names[:10])
    san = ",".join(f"DNS:{n}" for n in names[:10])
    newkey = "rsa:2048" if key_type.upper().startswith("RSA") else "ec -pkeyopt ec_paramgen_curve:P-256"
    return (
        FixStep(text="If the certificate comes from Let's Encrypt or another ACME CA, renew it "
                     "(and check that the renewal timer runs):",
                code=f"certbot renew --cert-name {_q(names[0])}\n# or request it again:\n"
                     f"certbot certonly --webroot -w /var/www/html {d_args}",
                applies_to="certbot"),
        FixStep(text="Otherwise create a new key and CSR and have your CA sign it:",
                code=f"openssl req -new -newkey {newkey} -sha256 -nodes -keyout {stem}.key "
                     f"-out {stem}.csr -subj {_q('/CN=' + names[0])} -addext {_q('subjectAltName=' + san)}",
                applies_to="openssl"),
        FixStep(text="Then install the new certificate with its intermediates and reload the server "
                     "(nginx -s reload / apachectl graceful / systemctl reload haproxy)."),
    )


def bundle_steps(bundle_pem: str | None, stem: str) -> tuple[FixStep, ...]:
    """Serve ``bundle_pem`` (leaf + intermediates, in order, no root), per server software."""
    path = f"/etc/ssl/{stem}.fullchain.pem"
    steps = []
    if bundle_pem:
        steps.append(FixStep(text=f"Save the corrected chain (leaf, then intermediates, no root) as {path}:",
                             code=bundle_pem.strip()))
    else:
        steps.append(FixStep(text=f"Build {path}: the leaf first, then each intermediate in order "
                                  "(your CA publishes them), without the root:",
                             code=f"cat {stem}.crt intermediate.crt > {path}"))
    steps.extend([
        FixStep(text="nginx: point ssl_certificate at the full chain:",
                code=f"ssl_certificate     {path};\nssl_certificate_key /etc/ssl/private/{stem}.key;",
                applies_to="nginx"),
        FixStep(text="Apache (2.4.8+): SSLCertificateFile may hold the whole chain:",
                code=f"SSLCertificateFile    {path}\nSSLCertificateKeyFile /etc/ssl/private/{stem}.key",
                applies_to="apache"),
        FixStep(text="HAProxy: crt takes one PEM with the chain and the key:",
                code=f"cat {path} /etc/ssl/private/{stem}.key > /etc/haproxy/{stem}.pem\n"
                     f"bind :443 ssl crt /etc/haproxy/{stem}.pem",
                applies_to="haproxy"),
    ])
    return tuple(steps)


def client_trust_steps(root_label: str, root_pem: str | None) -> tuple[FixStep, ...]:
    """How each kind of client can be made to trust a (private) root CA."""
    stem = file_stem(root_label, "internal-root-ca")
    f = f"{stem}.crt"
    steps = []
    if root_pem:
        steps.append(FixStep(text=f"The root CA certificate, saved as {f} (verify its fingerprint "
                                  "with your CA administrator before trusting it):",
                             code=root_pem.strip()))
    steps.extend([
        FixStep(text="System store (Debian/Ubuntu; most OpenSSL/GnuTLS clients):",
                code=f"sudo cp {f} /usr/local/share/ca-certificates/{f}\nsudo update-ca-certificates",
                applies_to="system"),
        FixStep(text="Python requests / pip:", code=f"export REQUESTS_CA_BUNDLE=$PWD/{f}",
                applies_to="python"),
        FixStep(text="curl:", code=f"curl --cacert {f} https://HOST/", applies_to="curl"),
        FixStep(text="Java (JDK cacerts; default password 'changeit'):",
                code=f"keytool -importcert -cacerts -alias {stem} -file {f}",
                applies_to="java"),
        FixStep(text="Node.js:", code=f"export NODE_EXTRA_CA_CERTS=$PWD/{f}", applies_to="node"),
    ])
    return tuple(steps)


def reissue_steps(names: Sequence[str], what: str) -> tuple[FixStep, ...]:
    """Reissue with the right contents (``what`` says what must change)."""
    names = [n for n in names if n] or ["example.com"]
    stem = file_stem(names[0])
    san = ",".join(f"DNS:{n}" for n in names[:10])
    return (
        FixStep(text=f"Have the CA reissue the certificate {what}; a CSR with openssl:",
                code=f"openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -sha256 -nodes "
                     f"-keyout {stem}.key -out {stem}.csr -subj {_q('/CN=' + names[0])} "
                     f"-addext {_q('subjectAltName=' + san)} "
                     "-addext 'extendedKeyUsage=serverAuth' -addext 'basicConstraints=critical,CA:FALSE'",
                applies_to="openssl"),
        FixStep(text="With ACME (Let's Encrypt) list every name:",
                code="certbot certonly --webroot -w /var/www/html " + " ".join(f"-d {_q(n)}" for n in names[:10]),
                applies_to="certbot"),
    )


def stapling_steps() -> tuple[FixStep, ...]:
    return (
        FixStep(text="nginx: enable OCSP stapling (the chain must include the issuer):",
                code="ssl_stapling on;\nssl_stapling_verify on;\nresolver 127.0.0.53;",
                applies_to="nginx"),
        FixStep(text="Apache: enable OCSP stapling (outside <VirtualHost> for the cache):",
                code="SSLStaplingCache shmcb:/var/run/ocsp(128000)\nSSLUseStapling On",
                applies_to="apache"),
        FixStep(text="HAProxy (2.8+): let HAProxy fetch and staple OCSP responses:",
                code="crt-list entry or bind line: ... crt /etc/haproxy/site.pem ocsp-update on",
                applies_to="haproxy"),
        FixStep(text="Or reissue the certificate without the must-staple (TLS Feature) extension."),
    )
