"""Benchmark: ``diagnose`` on every loopback scenario; handshakes and seconds each.

    python benchmarks/bench_diagnose.py [--runs 5] [--process-runs 3] [--only NAME...]

Starts each scenario's server (openssl s_server, nginx, Python ssl, the fault servers
of tlsdoctor.testing.faults), runs ``tlsdoctor.diagnose`` ``--runs`` times against it
and prints one row per scenario: the root cause found (checked against the expected
one), the handshakes used (the most over the runs) and the median wall seconds.

Then the same scenarios as a user runs them: ``python -m tlsdoctor diagnose ... --json``
as a whole process (interpreter start-up, imports, trust stores, probes, output),
``--process-runs`` times each, with the median and best wall seconds and the process's
CPU seconds (which contention from other work on the machine does not inflate). The
children get bytecode caching (PYTHONPYCACHEPREFIX in a temporary directory, as a
``pip install`` compiles it) and no SSL_CERT_FILE/SSL_CERT_DIR (as the tests run). A
line before the table shows the interpreter alone and the imports of one diagnosis.

Targets (issues 5 and 11): a failing diagnosis in <= 12 handshakes, a healthy one, risk
checks included, in <= 10; each <= 0.5 s wall for the whole process on loopback.
Scenarios whose cost is a read timeout by nature (a silent path) are run with
``timeout=0.5`` and marked; their floor is two timeouts (the baseline, then every
variant at once). Exit status 1 if any expected cause is wrong or a handshake budget is
exceeded.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tlsdoctor import api
from tlsdoctor.testing import faults, servers
from tlsdoctor.testing.ca import CA, Leaf, self_signed

FAIL_HANDSHAKES, HEALTHY_HANDSHAKES, FAIL_SECONDS = 12, 10, 1.0
PROCESS_SECONDS = 0.5  # whole process, failing or healthy (issue 11)


@dataclass(frozen=True, slots=True, kw_only=True)
class Scenario:
    name: str
    expect: str | None  # root cause id; None = healthy
    works: bool = False  # the handshake works (a risk at most): the healthy budget applies
    start: Callable[[contextlib.ExitStack, Path], tuple[str, dict[str, Any]]]
    timeout_bound: bool = False  # its time is a read timeout, not work


@dataclass(slots=True)
class Row:
    scenario: Scenario
    causes: list[str | None] = field(default_factory=list)
    handshakes: list[int] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)


class Env:
    """The PKI and shared servers for one benchmark run."""

    def __init__(self, workdir: Path) -> None:
        self.dir = workdir
        self.ca = CA(name="tlsdoctor bench root")
        self.root = self.ca.write(workdir / "root.pem")
        self.now = datetime.now(UTC)
        self._n = 0

    def write(self, leaf: Leaf) -> tuple[Path, Path]:
        self._n += 1
        return leaf.write(self.dir / f"leaf{self._n}")

    def s_server(self, stack: contextlib.ExitStack, leaf: Leaf | None = None,
                 **kw: Any) -> int:
        chain, key = self.write(leaf or self.ca.issue(("localhost",)))
        return stack.enter_context(servers.openssl_server(chain, key, **kw)).port

    def local(self, port: int, **kw: Any) -> tuple[str, dict[str, Any]]:
        return f"localhost:{port}", {"connect": "127.0.0.1", "ca_file": str(self.root), **kw}


def scenarios(env: Env) -> list[Scenario]:
    ca, now = env.ca, env.now

    def s(name: str, expect: str | None, leaf: Any = None, *, client: str | None = None,
          works: bool = False, **kw: Any) -> Scenario:
        def start(stack: contextlib.ExitStack, _d: Path) -> tuple[str, dict[str, Any]]:
            made = leaf(ca) if callable(leaf) else leaf
            extra = {"client": client} if client else {}
            return env.local(env.s_server(stack, made, **kw), **extra)
        return Scenario(name=name, expect=expect, start=start, works=works)

    def fault(name: str, expect: str | None, kind: str, *, host: str = "127.0.0.1",
              bound: bool = False, backend: bool = False, **kw: Any) -> Scenario:
        def start(stack: contextlib.ExitStack, _d: Path) -> tuple[str, dict[str, Any]]:
            if backend:
                leaf = ca.issue(("localhost", "blocked.example", "allowed.example"))
                kw["backend"] = ("127.0.0.1", env.s_server(stack, leaf))
            srv = stack.enter_context(faults.fault_server(kind, **kw))
            if host == "127.0.0.1":
                return f"127.0.0.1:{srv.port}", {"timeout": 0.5 if bound else 3.0}
            return f"{host}:{srv.port}", {"connect": "127.0.0.1", "ca_file": str(env.root),
                                          "timeout": 0.5 if bound else 3.0}
        return Scenario(name=name, expect=expect, start=start, timeout_bound=bound)

    def nginx_reject(name: str, expect: str | None, how: str) -> Scenario:
        def start(stack: contextlib.ExitStack, _d: Path) -> tuple[str, dict[str, Any]]:
            chain, key = env.write(ca.issue(("www.site.test",)))
            srv = stack.enter_context(servers.nginx_server([
                servers.Site(server_name="_", default=True, reject_handshake=True),
                servers.Site(server_name="www.site.test", chain_path=chain, key_path=key)]))
            if how == "ip":
                return f"127.0.0.1:{srv.port}", {"ca_file": str(env.root)}
            opts = {"connect": "127.0.0.1", "ca_file": str(env.root)}
            if how == "ie8":
                opts["client"] = "ie-8-xp"
            return f"www.site.test:{srv.port}", opts
        return Scenario(name=name, expect=expect, start=start)

    def clock(name: str, expect: str | None, skew_days: int) -> Scenario:
        def start(stack: contextlib.ExitStack, _d: Path) -> tuple[str, dict[str, Any]]:
            chain, key = env.write(ca.issue(("localhost",), not_before=now - timedelta(days=10),
                                            not_after=now + timedelta(days=60)))
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(chain, key)
            srv = stack.enter_context(servers.python_server(ctx))
            extra = {"now": now + timedelta(days=skew_days)} if skew_days else {}
            return env.local(srv.port, **extra)
        return Scenario(name=name, expect=expect, start=start)

    def dh1024(stack: contextlib.ExitStack, d: Path) -> tuple[str, dict[str, Any]]:
        path = d / "dh1024.pem"
        if not path.exists():
            subprocess.run(["openssl", "dhparam", "-out", str(path), "1024"], check=True,
                           capture_output=True, timeout=60)
        port = env.s_server(stack, ca.issue(("localhost",), key_type="rsa2048"),
                            protocols=("tls1_2",), dhparam=path,
                            cipher="DHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0")
        return env.local(port)

    def unresolvable(_stack: contextlib.ExitStack, _d: Path) -> tuple[str, dict[str, Any]]:
        return "no-such-host.invalid:443", {"timeout": 2.0}

    def refused(_stack: contextlib.ExitStack, _d: Path) -> tuple[str, dict[str, Any]]:
        return f"127.0.0.1:{servers.free_port()}", {"timeout": 2.0}

    def starttls(stack: contextlib.ExitStack, _d: Path) -> tuple[str, dict[str, Any]]:
        chain, key = env.write(ca.issue(("localhost",)))
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(chain, key)
        srv = stack.enter_context(faults.fault_server("smtp_starttls", ssl_context=ctx))
        return env.local(srv.port, starttls="smtp")

    nginx = servers.have_nginx()
    out = [
        s("healthy s_server", None),
        clock("healthy python ssl", None, 0),
        Scenario(name="healthy smtp starttls", expect=None, start=starttls),
        s("risky tls1.0 + anon", "weak_cipher_or_no_pfs", works=True, protocols=("tls1", "tls1_1", "tls1_2"),
          cipher="ECDHE-ECDSA-AES128-GCM-SHA256:AECDH-AES128-SHA:ECDHE-ECDSA-AES128-SHA"),
        s("cert expired", "cert_expired",
          lambda c: c.issue(("localhost",), not_before=now - timedelta(days=90),
                            not_after=now - timedelta(days=2))),
        s("hostname mismatch", "hostname_mismatch", lambda c: c.issue(("www.example.test",))),
        s("self-signed", "cert_self_signed", lambda c: self_signed(("localhost",))),
        s("tls1.0-only server", "protocol_version_mismatch", protocols=("tls1",),
          cipher="ALL:@SECLEVEL=0"),
        s("java-7 vs tls1.2+", "protocol_version_mismatch", client="java-7"),
        s("no common suite", "cipher_suite_mismatch",
          lambda c: c.issue(("localhost",), key_type="rsa2048"), protocols=("tls1_2",),
          cipher="AES128-SHA:@SECLEVEL=0"),
        Scenario(name="dh 1024 vs seclevel 2", expect="weak_cipher_or_no_pfs", start=dh1024),
        s("ecdsa cert, rsa suites", "server_misconfiguration", protocols=("tls1_2",),
          cipher="ECDHE-RSA-AES128-GCM-SHA256:AES128-GCM-SHA256"),
        clock("clock +400 days", "client_clock_wrong", 400),
        fault("sni filter: blocked", "middlebox_or_firewall_interference", "sni_filter",
              host="blocked.example", backend=True, blocked=("blocked.example",)),
        fault("sni filter: allowed", None, "sni_filter",
              host="allowed.example", backend=True, blocked=("blocked.example",)),
        fault("size-intolerant box", "middlebox_or_firewall_interference", "size_intolerant",
              host="localhost", backend=True, max_hello=255),
        fault("tls1.3-intolerant box", "middlebox_or_firewall_interference", "size_intolerant",
              host="localhost", backend=True, max_hello=None, reject_tls13=True),
        fault("reset after hello", "middlebox_or_firewall_interference", "rst_after_hello"),
        fault("close without answer", "middlebox_or_firewall_interference",
              "close_after_hello"),
        fault("silent drop", "middlebox_or_firewall_interference", "silence", bound=True,
              conn_timeout=3.0),
        Scenario(name="refused port", expect="name_resolution_or_unreachable",
                 start=refused),
        Scenario(name="unresolvable .invalid", expect="name_resolution_or_unreachable",
                 start=unresolvable),
        fault("http on tls port", "non_tls_service_on_port", "http"),
        fault("smtp banner", "non_tls_service_on_port", "smtp_banner"),
    ]
    if nginx:
        out += [nginx_reject("nginx reject-handshake by ip", "sni_required_or_mismatch", "ip"),
                nginx_reject("nginx reject-handshake ie-8-xp", "sni_required_or_mismatch",
                             "ie8"),
                nginx_reject("nginx reject-handshake by name", None, "name")]
    return out


def run(only: list[str], runs: int, process_runs: int) -> int:
    warnings.simplefilter("ignore")  # a system CA with a bad serial warns on every load
    bad = 0
    with tempfile.TemporaryDirectory(prefix="tlsdoctor-bench-") as tmp:
        env = Env(Path(tmp))
        chosen = [sc for sc in scenarios(env) if not only or any(o in sc.name for o in only)]
        # Warm the caches a CLI run pays once (trust store, local profile) so the table
        # shows the diagnosis, not process start-up.
        api.diagnose("no-such-host.invalid:443", timeout=1.0, offline=True)
        print(f"{'scenario':34} {'root cause':36} {'hs':>3} {'median s':>8}  check")
        for sc in chosen:
            row = Row(sc)
            with contextlib.ExitStack() as stack:
                target, opts = sc.start(stack, Path(tmp))
                for _ in range(runs):
                    t = time.monotonic()
                    report = api.diagnose(target, offline=True, **opts)
                    row.seconds.append(time.monotonic() - t)
                    row.causes.append(report.root_cause_id)
                    row.handshakes.append(report.handshakes)
            bad += _print(row)
        if process_runs:
            bad += run_processes(env, chosen, Path(tmp), process_runs)
    return 1 if bad else 0


# --- whole process -------------------------------------------------------------------

_CLI_OPTIONS = {"connect": "--connect", "ca_file": "--ca-file", "timeout": "--timeout",
                "client": "--client", "starttls": "--starttls"}


def _cli_args(target: str, opts: dict[str, Any]) -> list[str] | None:
    """The command line for ``api.diagnose(target, **opts)``; None if it has no CLI form
    (a simulated clock)."""
    if set(opts) - set(_CLI_OPTIONS):
        return None
    args = ["diagnose", target, "--json", "--offline"]
    for key, value in opts.items():
        args += [_CLI_OPTIONS[key], str(value)]
    return args


def _child_env(tmp: Path) -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONDONTWRITEBYTECODE", "SSL_CERT_FILE", "SSL_CERT_DIR")}
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)  # this tlsdoctor
    return env


def _process(argv: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds, stdout) of one child process."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, *argv], capture_output=True, text=True,
                          timeout=120, env=env, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def _startup_line(env: dict[str, str]) -> None:
    bare = min(_process(["-c", "pass"], env)[0] for _ in range(5))
    imports = "import tlsdoctor.cli, tlsdoctor.api, tlsdoctor.doctor"
    _process(["-c", imports], env)  # writes the bytecode cache
    loaded = min(_process(["-c", imports], env)[0] for _ in range(5))
    print(f"\nwhole process: interpreter alone {bare:.3f} s; interpreter + the imports of a "
          f"diagnosis {loaded:.3f} s (best of 5)")


def run_processes(env: Env, chosen: list[Scenario], tmp: Path, runs: int) -> int:
    import json

    child = _child_env(tmp)
    _startup_line(child)
    print(f"{'scenario':34} {'root cause':36} {'hs':>3} {'median s':>8} {'best s':>7} "
          f"{'cpu s':>6}  check")
    bad, worst = 0, {True: 0.0, False: 0.0}
    for sc in chosen:
        with contextlib.ExitStack() as stack:
            target, opts = sc.start(stack, tmp)
            argv = _cli_args(target, opts)
            if argv is None:
                continue
            walls, cpus, found, hs = [], [], None, 0
            for _ in range(runs):
                wall, cpu, out = _process(["-m", "tlsdoctor", *argv], child)
                data = json.loads(out)
                walls.append(wall)
                cpus.append(cpu)
                found, hs = data["root_cause"], max(hs, data["stats"]["handshakes"])
        healthy = sc.expect is None or sc.works
        med = statistics.median(walls)
        if not sc.timeout_bound:
            worst[healthy] = max(worst[healthy], med)
        problems = [f"expected {sc.expect}"] if found != sc.expect else []
        note = "timeout-bound" if sc.timeout_bound else ("ok" if med <= PROCESS_SECONDS else "SLOW")
        print(f"{sc.name:34} {found or '(none: ok)':36} {hs:>3} {med:>8.3f} {min(walls):>7.3f} "
              f"{statistics.median(cpus):>6.3f}  {note}" + ("  " + "; ".join(problems) if problems else ""))
        sys.stdout.flush()
        bad += 1 if problems else 0
    print(f"slowest median, whole process: healthy {worst[True]:.3f} s, failing {worst[False]:.3f} s "
          f"(target <= {PROCESS_SECONDS} s each; timeout-bound scenarios excluded)")
    return bad


def _print(row: Row) -> int:
    sc = row.scenario
    hs, med = max(row.handshakes), statistics.median(row.seconds)
    cause = row.causes[-1] or "(none: ok)"
    problems = []
    if any(c != sc.expect for c in row.causes):
        problems.append(f"expected {sc.expect}, got {sorted(set(map(str, row.causes)))}")
    healthy = sc.expect is None or sc.works
    limit = HEALTHY_HANDSHAKES if healthy else FAIL_HANDSHAKES
    if hs > limit:
        problems.append(f"{hs} > {limit} handshakes")
    note = "ok"
    if not healthy and med >= FAIL_SECONDS:
        note = "timeout-bound" if sc.timeout_bound else "SLOW"
    print(f"{sc.name:34} {cause:36} {hs:>3} {med:>8.3f}  {note}"
          + ("  " + "; ".join(problems) if problems else ""))
    sys.stdout.flush()
    return 1 if problems else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--process-runs", type=int, default=3,
                    help="whole-process runs per scenario (0: skip that table)")
    ap.add_argument("--only", nargs="*", default=[], help="substrings of scenario names")
    args = ap.parse_args()
    if shutil.which("openssl") is None:
        sys.exit("openssl CLI is required")
    if not 1 <= args.runs <= 50:
        sys.exit("--runs must be between 1 and 50")
    if not 0 <= args.process_runs <= 20:
        sys.exit("--process-runs must be between 0 and 20")
    sys.exit(run(args.only, args.runs, args.process_runs))


if __name__ == "__main__":
    main()
