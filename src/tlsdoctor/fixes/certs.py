"""Certificate steps: renewals, reissues and the corrected bundle per server software.

Directive names come from each project's documentation (see snippets.toml [sources]);
certbot's user guide (renew, certonly); OpenSSL req(1).
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence

from ..finding import FixStep
from .data import per_server
from .names import file_stem

__all__ = ["bundle_steps", "file_stem", "install_steps", "reissue_steps", "renew_steps"]


def _q(value: str) -> str:
    return shlex.quote(value)


def _names(names: Sequence[str], fallback: str) -> list[str]:
    return [n for n in names if n] or [fallback]


def renew_steps(names: Sequence[str], key_type: str = "EC", *, fallback: str = "HOST",
                software: str | None = None) -> tuple[FixStep, ...]:
    """Renewal: ACME (certbot) first, then a CSR with openssl for a commercial/internal CA,
    then the new certificate built into a chain and installed (``software``'s lines)."""
    names = _names(names, fallback)
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
                     f"-out {stem}.csr -subj {_q('/CN=' + names[0])} "
                     f"-addext {_q('subjectAltName=' + san)}",
                applies_to="openssl"),
        *install_steps(stem, software),
    )


def install_steps(stem: str, software: str | None) -> tuple[FixStep, ...]:
    """The new certificate ``{stem}.crt`` built into a chain, installed with ``software``'s
    lines, and the reload: what follows every renewal and reissue."""
    reload = (FixStep(text=f"Reload or restart {software}.") if software and software not in
              ("nginx", "apache", "haproxy") else
              FixStep(text="Reload the server (nginx -s reload / apachectl graceful / "
                           "systemctl reload haproxy)."))
    return (*bundle_steps(None, stem, software), reload)


def bundle_steps(bundle_pem: str | None, stem: str, software: str | None) -> tuple[FixStep, ...]:
    """Serve ``bundle_pem`` (leaf + intermediates, in order, no root), per server software."""
    path = f"/etc/ssl/{stem}.fullchain.pem"
    if bundle_pem:
        first = FixStep(text=f"Save the corrected chain (leaf, then intermediates, no root) as {path}:",
                        code=bundle_pem.strip())
    else:
        first = FixStep(text=f"Build {path}: the leaf first, then each intermediate in order "
                             "(your CA publishes them), without the root:",
                        code=f"cat {stem}.crt intermediate.crt > {path}")
    return (first, *per_server("bundle", software, path=path, stem=stem))


def reissue_steps(names: Sequence[str], what: str, *, fallback: str = "HOST",
                  software: str | None = None) -> tuple[FixStep, ...]:
    """Reissue with the right contents (``what`` says what must change): the CSR (or
    ACME), then the new certificate installed like a renewal (``software``'s lines)."""
    names = _names(names, fallback)
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
                code="certbot certonly --webroot -w /var/www/html "
                     + " ".join(f"-d {_q(n)}" for n in names[:10]),
                applies_to="certbot"),
        *install_steps(stem, software),
    )
