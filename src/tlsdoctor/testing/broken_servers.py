"""One real broken server per fault on 127.0.0.1, all started together: the server side of
the client matrix (tests/ingest/test_explain_client_matrix.py, and the recorder that pins
what real clients print against them).

``with broken_servers(workdir) as lab: lab.port("expired")``. Every certificate server is
``openssl s_server`` (the chain exactly as given, no store completion); the SNI fault is
nginx's ``ssl_reject_handshake``; plaintext, silence and a hang-up are ``faults`` servers;
"refused" is a port nothing listens on. Each fault names the one thing broken; the client
side trusts ``lab.ca_file`` (the private root every good certificate chains to) and asks
for ``HOST``. A fault whose server cannot run here is listed in ``lab.skipped`` with the
reason instead of failing the whole set.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from .ca import CA, Leaf, self_signed
from .faults import fault_server
from .servers import ServerStartError, Site, have_nginx, nginx_server, openssl_server

__all__ = ["FAULTS", "HOST", "SILENT_WAIT", "BrokenSet", "broken_servers"]

HOST = "localhost"
SILENT_WAIT = 2.0  # seconds a client should wait on the silent server before giving up
_WEAK_OK = "DEFAULT:@SECLEVEL=0"  # lets s_server load a certificate it would refuse itself

# fault name -> what is broken (the README / docs table reads the same words)
FAULTS: dict[str, str] = {
    "ok": "nothing: a good chain for the name (the control every client must pass)",
    "expired": "leaf past notAfter",
    "not_yet_valid": "leaf before notBefore",
    "self_signed": "self-signed leaf",
    "untrusted_root": "chain to a private root the client does not trust",
    "incomplete_chain": "leaf sent without its intermediate",
    "wrong_host": "leaf for another name",
    "wrong_purpose": "leaf with clientAuth-only extendedKeyUsage",
    "rsa1024": "leaf with an RSA-1024 key",
    "sha1": "leaf signed with SHA-1",
    "tls10_11_only": "server speaks TLS 1.0/1.1 only",
    "tls13_only": "server speaks TLS 1.3 only (the client is capped at 1.2)",
    "cipher_null_only": "server offers only a NULL-encryption suite over TLS 1.2 (no client "
                        "offers one; this OpenSSL build has no 3DES to use instead)",
    "client_cert_required": "server requires a client certificate; none is sent",
    "sni_rejected": "nginx ssl_reject_handshake: the name asked for is unknown",
    "plain_http": "plaintext HTTP on the port",
    "refused": "nothing listens on the port",
    "silent_drop": "accepts, reads the hello, never answers",
    "hangup": "accepts, reads the hello, closes without a word",
}


@dataclass(slots=True)
class BrokenSet:
    """The running servers: fault -> port; ``skipped``: fault -> why it is not running."""

    ca_file: Path
    ports: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    # fault -> (chain, key) files of the certificate it serves (psql's server reuses them)
    files: dict[str, tuple[Path, Path]] = field(default_factory=dict)

    def port(self, fault: str) -> int:
        return self.ports[fault]


def _leaf_only(leaf: Leaf, directory: Path, stem: str) -> tuple[Path, Path]:
    """The leaf without its intermediate: the classic incomplete chain."""
    chain, key = leaf.write(directory, stem=stem)
    chain.write_bytes(leaf.cert_pem)
    return chain, key


def _cert_servers(work: Path, root: CA, files: dict[str, tuple[Path, Path]],
                  ) -> dict[str, Callable[[], contextlib.AbstractContextManager[object]]]:
    """Certificate and protocol faults, each an s_server factory (started lazily); the
    certificate files each one serves go into ``files`` (fault -> chain, key)."""
    other = CA(name="matrix other root CA")
    inter = root.intermediate("matrix intermediate CA")
    files["ok"] = good = root.issue([HOST]).write(work, stem="good")

    def srv(fault: str, leaf: Leaf, **kw: object) -> Callable[[], contextlib.AbstractContextManager[object]]:
        files[fault] = leaf.write(work, stem=fault)
        return lambda: openssl_server(*files[fault], www=True, **kw)  # type: ignore[arg-type]

    files["incomplete_chain"] = _leaf_only(inter.issue([HOST]), work, "incomplete")
    return {
        "ok": lambda: openssl_server(*good, www=True),
        "expired": srv("expired", root.issue([HOST], not_before=timedelta(days=-60),
                                             not_after=timedelta(days=-2))),
        "not_yet_valid": srv("not_yet_valid", root.issue([HOST], not_before=timedelta(days=20),
                                                         not_after=timedelta(days=90))),
        "self_signed": srv("self_signed", self_signed([HOST])),
        "untrusted_root": srv("untrusted_root", other.issue([HOST])),
        "incomplete_chain": lambda: openssl_server(*files["incomplete_chain"], www=True),
        "wrong_host": srv("wrong_host", root.issue(["wrong.example.test"])),
        "wrong_purpose": srv("wrong_purpose", root.issue([HOST], eku=("clientAuth",))),
        "rsa1024": srv("rsa1024", root.issue([HOST], key_type="rsa1024"), cipher=_WEAK_OK),
        "sha1": srv("sha1", root.issue([HOST], sig_hash="sha1"), cipher=_WEAK_OK),
        "tls10_11_only": lambda: openssl_server(*good, protocols=("tls1", "tls1_1"), www=True),
        "tls13_only": lambda: openssl_server(*good, protocols=("tls1_3",), www=True),
        "cipher_null_only": lambda: openssl_server(*good, protocols=("tls1_2",),
                                                   cipher="ECDHE-ECDSA-NULL-SHA:@SECLEVEL=0", www=True),
        "client_cert_required": lambda: openssl_server(*good, verify_ca=root.write(
            work / "client-ca.pem"), www=True),
    }


def _sni_server(work: Path, root: CA) -> contextlib.AbstractContextManager[object]:
    """nginx answering only ``known.test``: any other name gets unrecognized_name."""
    if not have_nginx():
        raise ServerStartError("nginx is not installed")
    chain, key = root.issue(["known.test"]).write(work, stem="known")
    return nginx_server([Site(server_name="_", reject_handshake=True, default=True),
                         Site(server_name="known.test", chain_path=chain, key_path=key)])


def _closed_port() -> int:
    with socket.socket() as s:  # bound, never listening: a connect is refused
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def broken_servers(work: Path, only: set[str] | None = None) -> Iterator[BrokenSet]:
    """Start every fault in ``FAULTS`` (or those in ``only``); stop them all on exit."""
    root = CA(name="matrix root CA")
    lab = BrokenSet(ca_file=root.write(work / "matrix-root.pem"))
    starters: dict[str, Callable[[], contextlib.AbstractContextManager[object]]] = {
        **_cert_servers(work, root, lab.files),
        "sni_rejected": lambda: _sni_server(work, root),
        "plain_http": lambda: fault_server("http", lifetime=600.0, conn_timeout=5.0),
        "silent_drop": lambda: fault_server("silence", lifetime=600.0,
                                            conn_timeout=SILENT_WAIT + 3.0),
        "hangup": lambda: fault_server("close_after_hello", lifetime=600.0,
                                       conn_timeout=5.0),
    }
    with contextlib.ExitStack() as stack:
        for name, start in starters.items():
            if only is not None and name not in only:
                continue
            try:
                srv = stack.enter_context(start())
            except (ServerStartError, OSError) as exc:
                lab.skipped[name] = f"server did not start: {str(exc).splitlines()[0]}"
                continue
            lab.ports[name] = int(srv.port)  # type: ignore[attr-defined]
        if only is None or "refused" in only:
            lab.ports["refused"] = _closed_port()
        yield lab
