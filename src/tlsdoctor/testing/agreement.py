"""One fault, every kind of evidence: real servers on loopback set up with one fault each,
real clients failing against them, and what each of the four readers makes of the same
handshake (the evidence-agreement matrix, docs/evidence-agreement.md).

``record(kind, faults, clients, out)`` starts ``kind`` (nginx, apache, haproxy, gnutls-serv,
s_server, postgres) once per fault, diagnoses it, and for each client records, in one
``Recorded`` cell: what the client printed (``explain``'s input), the lines the server logged
while it ran (``logs``'), and a tcpdump capture of the connection (``pcap``'s). The live
diagnosis is recorded per (server, fault). Clients are the client matrix's programs
(testing/client_programs.py), psql for PostgreSQL (testing/postgres_tls.py).
"""

from __future__ import annotations

import contextlib
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from .ca import CA, self_signed
from .capture import tcpdump
from .client_programs import _BY_NAME, ClientKit, Printed, _Call
from .postgres_tls import PgTls, postgres_tls, psql_unavailable, run_psql
from .servers import (
    HOST,
    ServerStartError,
    Site,
    _nginx,
    apache_server,
    gnutls_server,
    haproxy_server,
    have_apache,
    have_gnutls,
    have_haproxy,
    have_nginx,
    nginx_server,
    nginx_tls_server,
    openssl_server,
)

__all__ = ["CLIENTS", "FAULTS", "KINDS", "Lab", "Recorded", "lab", "record"]

NAME = "localhost"  # the name every client asks for (client_programs)
_WEAK = "DEFAULT:@SECLEVEL=0"
_NULL = "ECDHE-ECDSA-NULL-SHA:@SECLEVEL=0"

# fault -> what is broken on the server (the client asks for localhost and trusts the root)
FAULTS: dict[str, str] = {
    "expired": "leaf past notAfter",
    "not_yet_valid": "leaf before notBefore",
    "self_signed": "self-signed leaf",
    "untrusted_root": "chain to a root the client does not trust (the root sent too)",
    "incomplete_chain": "leaf sent without its intermediate",
    "wrong_host": "leaf for another name",
    "wrong_purpose": "leaf with a clientAuth-only extendedKeyUsage",
    "rsa1024": "leaf with an RSA-1024 key",
    "sha1": "leaf signed with SHA-1",
    "tls10_only": "server speaks TLS 1.0 only",
    "cipher_null_only": "server offers only a NULL-encryption suite over TLS 1.2",
    "client_cert_required": "server requires a client certificate; none is sent",
    "sni_rejected": "server refuses the name asked for (it serves only other.test)",
    "plain_http": "the port speaks plaintext HTTP (PostgreSQL: ssl = off)",
}

KINDS = ("nginx", "apache", "haproxy", "gnutls-serv", "s_server", "postgres")
CLIENTS = ("curl", "wget", "openssl", "gnutls_cli", "python_ssl", "python_urllib",
           "python_requests", "java", "node", "go", "git")


@dataclass(frozen=True, slots=True)
class Lab:
    """The certificate files every server kind serves, per fault."""

    directory: Path
    root_pem: Path
    files: dict[str, tuple[Path, Path]]


def lab(directory: Path) -> Lab:
    directory.mkdir(parents=True, exist_ok=True)
    root, other = CA(name="agreement root CA"), CA(name="agreement other root CA")
    inter = root.intermediate("agreement intermediate CA")
    host = [NAME]
    leaves = {
        "ok": root.issue(host),
        "expired": root.issue(host, not_before=timedelta(days=-60), not_after=timedelta(days=-2)),
        "not_yet_valid": root.issue(host, not_before=timedelta(days=20),
                                    not_after=timedelta(days=90)),
        "self_signed": self_signed(host),
        "untrusted_root": other.issue(host),
        "wrong_host": root.issue(["wrong.example.test"]),
        "wrong_purpose": root.issue(host, eku=("clientAuth",)),
        "rsa1024": root.issue(host, key_type="rsa1024"),
        "sha1": root.issue(host, sig_hash="sha1"),
        "other_name": root.issue(["other.test"]),
    }
    files = {name: leaf.write(directory, stem=name) for name, leaf in leaves.items()}
    # The private root is sent too: a leaf alone from an unknown issuer is a missing
    # intermediate as much as an untrusted root, to every reader but the client's store.
    files["untrusted_root"] = leaves["untrusted_root"].write(directory, stem="untrusted_root",
                                                             include_root=True)
    partial = inter.issue(host)
    chain, key = partial.write(directory, stem="incomplete_chain")
    chain.write_bytes(partial.cert_pem)
    files["incomplete_chain"] = (chain, key)
    return Lab(directory=directory, root_pem=root.write(directory / "root.pem"), files=files)


# --- each server kind, with one fault --------------------------------------------------------

_CERT_FAULTS = ("expired", "not_yet_valid", "self_signed", "untrusted_root", "incomplete_chain",
                "wrong_host", "wrong_purpose", "rsa1024", "sha1")


def _cert(lab_: Lab, fault: str) -> tuple[Path, Path]:
    return lab_.files[fault if fault in lab_.files else "ok"]


def _nginx_fault(lab_: Lab, fault: str) -> contextlib.AbstractContextManager[object]:
    if not have_nginx():
        raise ServerStartError("nginx is not installed")
    chain, key = _cert(lab_, fault)
    if fault == "sni_rejected":
        oc, ok_ = lab_.files["other_name"]
        return nginx_server([Site(server_name="_", reject_handshake=True, default=True),
                             Site(server_name="other.test", chain_path=oc, key_path=ok_)])
    if fault == "plain_http":
        return _nginx(lambda port: f"server {{\n    listen {HOST}:{port};\n"
                                   "    location / { return 200 \"ok\\n\"; }\n}\n",
                      timeout=10.0, error_log_level="info", check=True)
    lines = {"rsa1024": ["ssl_ciphers DEFAULT:@SECLEVEL=0;"],
             "sha1": ["ssl_ciphers DEFAULT:@SECLEVEL=0;"],
             "tls10_only": ["ssl_protocols TLSv1;", "ssl_ciphers DEFAULT:@SECLEVEL=0;"],
             "cipher_null_only": ["ssl_protocols TLSv1.2;", f"ssl_ciphers {_NULL};"],
             "client_cert_required": [f"ssl_client_certificate {lab_.root_pem};",
                                      "ssl_verify_client on;"]}.get(fault, [])
    return nginx_tls_server(chain, key, site_lines=lines)


def _apache_fault(lab_: Lab, fault: str) -> contextlib.AbstractContextManager[object]:
    if not have_apache():
        raise ServerStartError("apache2 is not installed")
    if fault == "sni_rejected":
        raise ServerStartError("Apache serves its first vhost for an unknown name")
    chain, key = _cert(lab_, fault)
    lines = {"rsa1024": [f"SSLCipherSuite {_WEAK}"], "sha1": [f"SSLCipherSuite {_WEAK}"],
             "tls10_only": ["SSLProtocol TLSv1", f"SSLCipherSuite {_WEAK}"],
             "cipher_null_only": ["SSLProtocol TLSv1.2", f"SSLCipherSuite {_NULL}"],
             "client_cert_required": [f"SSLCACertificateFile {lab_.root_pem}",
                                      "SSLVerifyClient require"],
             "plain_http": ["SSLEngine off"]}.get(fault, [])
    return apache_server(chain, key, site_lines=lines)


def _haproxy_fault(lab_: Lab, fault: str) -> contextlib.AbstractContextManager[object]:
    if not have_haproxy():
        raise ServerStartError("haproxy is not installed")
    if fault == "plain_http":
        raise ServerStartError("the HAProxy helper always binds with ssl")
    chain, key = lab_.files["other_name"] if fault == "sni_rejected" else _cert(lab_, fault)
    glob_lines = [f"ssl-default-bind-ciphers {_WEAK}"] if fault in ("rsa1024", "sha1") else []
    bind = {"tls10_only": ["ssl-min-ver TLSv1.0", "ssl-max-ver TLSv1.0", f"ciphers {_WEAK}"],
            "cipher_null_only": ["ssl-max-ver TLSv1.2", f"ciphers {_NULL}"],
            "client_cert_required": [f"ca-file {lab_.root_pem}", "verify required"],
            "sni_rejected": ["strict-sni"]}.get(fault, [])
    return haproxy_server(chain, key, global_lines=glob_lines, bind_options=bind,
                          frontend_lines=["option httplog"], log_format="raw")


def _gnutls_fault(lab_: Lab, fault: str) -> contextlib.AbstractContextManager[object]:
    if not have_gnutls():
        raise ServerStartError("gnutls-serv is not installed")
    if fault in ("sni_rejected", "plain_http"):
        raise ServerStartError("gnutls-serv neither refuses a name nor speaks plaintext")
    chain, key = _cert(lab_, fault)
    modern = "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2"
    priority = {"tls10_only": "NORMAL:-VERS-ALL:+VERS-TLS1.0",
                "cipher_null_only": "NORMAL:-VERS-ALL:+VERS-TLS1.2:-CIPHER-ALL:+NULL"
                }.get(fault, modern)
    return gnutls_server(chain, key, priority=priority,
                         client_ca=lab_.root_pem if fault == "client_cert_required" else None)


def _s_server_fault(lab_: Lab, fault: str) -> contextlib.AbstractContextManager[object]:
    if fault == "plain_http":
        raise ServerStartError("s_server speaks only TLS")
    chain, key = _cert(lab_, fault)
    by_fault: dict[str, dict[str, object]] = {
        "rsa1024": {"cipher": _WEAK}, "sha1": {"cipher": _WEAK},
        "tls10_only": {"protocols": ("tls1",)},
        "cipher_null_only": {"protocols": ("tls1_2",), "cipher": _NULL},
        "client_cert_required": {"verify_ca": lab_.root_pem},
        "sni_rejected": {"servername": "other.test", "servername_fatal": True,
                         "cert2": lab_.files["other_name"][0],
                         "key2": lab_.files["other_name"][1]},
    }
    kw = by_fault.get(fault, {})
    return openssl_server(chain, key, www=True, **kw)  # type: ignore[arg-type]


_STARTERS: dict[str, Callable[[Lab, str], contextlib.AbstractContextManager[object]]] = {
    "nginx": _nginx_fault, "apache": _apache_fault, "haproxy": _haproxy_fault,
    "gnutls-serv": _gnutls_fault, "s_server": _s_server_fault,
}
_PG_NAMES = {"tls10_only": "tls10_11_only", "plain_http": "tls_off"}


# --- recording ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True, kw_only=True)
class Recorded:
    """One (server, fault, client) cell: the client's words, the server's lines, the capture."""

    server: str
    fault: str
    client: str
    client_text: str
    exit_code: int | None
    log_text: str
    pcap: Path
    command: str


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _settled_log(path: Path, start: int, quiet: float = 0.25, most: float = 2.0) -> str:
    """The log's growth past ``start`` once it has stopped growing (bounded)."""
    began, last, since = time.monotonic(), -1, time.monotonic()
    while time.monotonic() - began < most:
        size = _size(path)
        if size != last:
            last, since = size, time.monotonic()
        elif time.monotonic() - since >= quiet:
            break
        time.sleep(0.05)
    with contextlib.suppress(OSError), path.open("rb") as f:
        f.seek(start)
        return f.read().decode("utf-8", "replace")
    return ""


def command(kit: ClientKit, client: str, port: int) -> str:
    """The client's command line (with this run's port and paths), for the record."""
    if client == "psql":
        return ("psql -XtAc 'SELECT 1' 'host=localhost hostaddr=127.0.0.1 port=PORT "
                "dbname=postgres user=postgres sslmode=verify-full sslrootcert=ROOT'")
    argv = _BY_NAME[client].argv(_Call(port=port, ca_file=kit.ca_file, cap12=False,
                                       timeout=5.0, work=kit.work))
    return subprocess.list2cmdline(argv)


def _one(kit: ClientKit, client: str, port: int, log: Path, pcap: Path
         ) -> tuple[Printed, str]:
    start = _size(log)
    with tcpdump(pcap, port):
        printed = (run_psql(port, kit.ca_file, "agreement") if client == "psql"
                   else kit.run(client, port, timeout=5.0, kill_after=2.0))
    return printed, _settled_log(log, start)


@contextlib.contextmanager
def serving(kind: str, lab_: Lab, fault: str, pg: PgTls | None = None
            ) -> Iterator[tuple[int, Path]]:
    """(port, log file) of ``kind`` serving ``fault``; PostgreSQL: ``pg`` reconfigured."""
    if kind == "postgres":
        if pg is None or fault == "sni_rejected":
            raise ServerStartError("PostgreSQL neither chooses nor refuses a certificate by SNI")
        pg.configure(_PG_NAMES.get(fault, fault), lab_.root_pem)
        yield pg.port, pg.root / "log"
        return
    with _STARTERS[kind](lab_, fault) as srv:
        yield int(srv.port), Path(srv.log_path)  # type: ignore[attr-defined]


def record(kind: str, lab_: Lab, kit: ClientKit, out: Path, faults: tuple[str, ...],
           clients: tuple[str, ...], diagnose: Callable[[int, str], object] | None = None,
           ) -> tuple[list[Recorded], dict[str, object], dict[str, str]]:
    """Every (fault, client) cell of server ``kind``: (cells, fault -> diagnosis, fault ->
    why it was not run)."""
    cells: list[Recorded] = []
    diagnoses: dict[str, object] = {}
    skipped: dict[str, str] = {}
    out.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        pg: PgTls | None = None
        if kind == "postgres":
            why = psql_unavailable()
            if why:
                return cells, diagnoses, dict.fromkeys(faults, why)
            pg = stack.enter_context(postgres_tls(dict(lab_.files)))
        for fault in faults:
            try:
                with serving(kind, lab_, fault, pg) as (port, log):
                    if diagnose is not None:
                        diagnoses[fault] = diagnose(port, "postgres" if pg else "")
                        _settled_log(log, _size(log), most=3.0)  # its last lines first
                    for client in (("psql",) if pg else clients):
                        if client != "psql" and kit.unavailable(client):
                            continue
                        pcap = out / f"{kind}-{fault}-{client}.pcap"
                        printed, text = _one(kit, client, port, log, pcap)
                        cells.append(Recorded(server=kind, fault=fault, client=client,
                                              client_text=printed.text,
                                              exit_code=printed.exit_code, log_text=text,
                                              pcap=pcap, command=command(kit, client, port)))
            except ServerStartError as exc:
                skipped[fault] = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return cells, diagnoses, skipped
