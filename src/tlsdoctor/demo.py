"""``tlsdoctor demo``: deliberately broken TLS servers on 127.0.0.1, each diagnosed.

Works offline on a fresh machine: certificates are made in-process, servers are the
``openssl`` command and Python's ``ssl`` (tlsdoctor.testing), every process is
stopped on the way out, even on Ctrl-C.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .report.terminal import VERDICT_STYLE, safe


@dataclass(frozen=True, slots=True)
class Scenario:
    name: str
    story: str  # what is broken, in the words of the person who runs into it
    expect: str | None  # the root cause id tlsdoctor should find (None: healthy)
    start: Callable[[Any, Path], contextlib.AbstractContextManager[Any]]


def _scenarios() -> list[Scenario]:
    from .testing import ca as testca
    from .testing import faults, servers

    now = datetime.now(UTC)

    def serve(leaf_fn: Callable[[Any], Any], **kw: Any) -> Callable[[Any, Path], Any]:
        @contextlib.contextmanager
        def start(ca: Any, tmp: Path) -> Iterator[Any]:
            # A fresh directory per server: naming it after the leaf object reused ids
            # CPython hands out again once an object is freed (FileExistsError, issue 11).
            d = Path(tempfile.mkdtemp(prefix="server-", dir=tmp))
            chain, key = leaf_fn(ca).write(d)
            with servers.openssl_server(chain, key, **kw) as srv:
                yield srv
        return start

    def fault(kind: str) -> Callable[[Any, Path], Any]:
        @contextlib.contextmanager
        def start(ca: Any, tmp: Path) -> Iterator[Any]:
            with faults.fault_server(kind) as srv:
                yield srv
        return start

    good = lambda ca: ca.issue(names=("localhost",))  # noqa: E731
    return [
        Scenario("healthy", "a correctly configured TLS 1.2/1.3 server", None,
                 serve(good)),
        Scenario("expired", "'certificate verify failed: certificate has expired'", "cert_expired",
                 serve(lambda ca: ca.issue(names=("localhost",), not_before=now - timedelta(days=400),
                                           not_after=now - timedelta(days=3)))),
        Scenario("wrong-host", "the certificate is for www.example.test", "hostname_mismatch",
                 serve(lambda ca: ca.issue(names=("www.example.test",)))),
        Scenario("self-signed", "a self-signed certificate", "cert_self_signed",
                 serve(lambda ca: testca.self_signed(("localhost",)))),
        Scenario("missing-intermediate", "the server forgets its intermediate certificate",
                 "incomplete_chain", serve(lambda ca: _leaf_only(ca))),
        Scenario("tls1.0-only", "an old server that speaks only TLS 1.0",
                 "protocol_version_mismatch",
                 serve(good, protocols=("tls1",), cipher="ALL:@SECLEVEL=0")),
        Scenario("weak-and-old", "works, but still accepts TLS 1.0 and anonymous suites",
                 "weak_cipher_or_no_pfs",
                 serve(good, protocols=("tls1", "tls1_1", "tls1_2"),
                       cipher="ECDHE-ECDSA-AES128-GCM-SHA256:AECDH-AES128-SHA:"
                              "ECDHE-ECDSA-AES128-SHA:@SECLEVEL=0")),
        Scenario("client-cert", "mutual TLS: the server wants a client certificate",
                 "client_cert_required", _client_cert_server),
        Scenario("plain-http", "https:// pointed at a plain HTTP port", "non_tls_service_on_port",
                 fault("http")),
        Scenario("reset", "a firewall resets every ClientHello",
                 "middlebox_or_firewall_interference", fault("rst_after_hello")),
    ]


def _leaf_only(ca: Any) -> Any:
    inter = ca.intermediate(name="tlsdoctor demo intermediate")
    leaf = inter.issue(names=("localhost",))
    return _ChainOverride(leaf, chain_pem=leaf.cert_pem)


class _ChainOverride:
    """A leaf written without its intermediates (what a misconfigured server sends)."""

    def __init__(self, leaf: Any, *, chain_pem: bytes | str) -> None:
        self.leaf, self.chain_pem = leaf, chain_pem

    def write(self, directory: Path) -> tuple[Path, Path]:
        chain_path, key_path = self.leaf.write(directory)
        pem = self.chain_pem if isinstance(self.chain_pem, bytes) else self.chain_pem.encode()
        Path(chain_path).write_bytes(pem)
        return Path(chain_path), Path(key_path)


def _client_cert_server(ca: Any, tmp: Path) -> contextlib.AbstractContextManager[Any]:
    """A server that requires a client certificate from a CA the user has no certificate of."""
    from .testing import servers
    from .testing.ca import CA

    d = Path(tempfile.mkdtemp(prefix="mtls-", dir=tmp))
    chain, key = ca.issue(names=("localhost",)).write(d)
    ca_path = CA(name="tlsdoctor demo client CA").write(d / "client-ca.pem")
    return servers.openssl_server(chain, key, verify_ca=ca_path)


def select(scenarios: list[Scenario], only: tuple[str, ...]) -> list[Scenario]:
    """The scenarios named in ``only`` (all when empty); UsageError for an unknown name."""
    from .errors import UsageError

    names = [s.name for s in scenarios]
    unknown = [n for n in only if n not in names]
    if unknown:
        raise UsageError(f"no demo scenario named {', '.join(map(repr, unknown))}; "
                         f"choose from: {', '.join(names)}")
    return [s for s in scenarios if not only or s.name in only]


def run_demo(*, console: Console, as_json: bool = False, only: tuple[str, ...] = ()) -> int:
    """Run every scenario; returns 0 when each diagnosis found the expected cause."""
    from . import api
    from .report import diagnose_view
    from .testing.ca import CA

    scenarios = select(_scenarios(), only)
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="tlsdoctor-demo-") as tmpdir:
        tmp = Path(tmpdir)
        ca = CA(name="tlsdoctor demo root")
        ca_file = ca.write(tmp / "demo-root.pem")
        for s in scenarios:
            with s.start(ca, tmp) as srv:
                report = api.diagnose(f"localhost:{srv.port}", connect="127.0.0.1",
                                      ca_file=str(ca_file), timeout=3.0, offline=True)
            found = report.root_cause_id
            results.append({"scenario": s.name, "story": s.story, "expected": s.expect,
                            "found": found, "outcome": report.outcome.value,
                            "handshakes": report.handshakes, "seconds": round(report.seconds, 3),
                            "report": report.to_json() if as_json else None})
            if not as_json:
                console.rule(Text(f"{s.name}: {s.story}", style="bold"))
                diagnose_view.render(console, report)
    ok = all(r["found"] == r["expected"] for r in results)
    if as_json:
        import json

        print(json.dumps({"scenarios": results, "all_expected": ok}, indent=2, ensure_ascii=True))
    else:
        t = Table(title="tlsdoctor demo: summary", title_justify="left")
        for col in ("scenario", "outcome", "root cause found", "handshakes", "seconds"):
            t.add_column(col)
        for r in results:
            mark = "✓" if r["found"] == r["expected"] else f"✗ expected {r['expected']}"
            t.add_row(r["scenario"], Text(r["outcome"], style=VERDICT_STYLE.get(r["outcome"], "")),
                      safe(f"{r['found'] or '-'} {mark}"), str(r["handshakes"]), f"{r['seconds']:.2f}")
        console.print(t)
    return 0 if ok else 1
