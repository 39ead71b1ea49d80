"""Drivers for the command-line TLS clients: openssl s_client, gnutls-cli, NSS tstclnt, wget.

Each runs once per scenario (a few at a time), sends ``GET /`` and counts as connected
only when an HTTP answer came back (so a TLS 1.3 server's late refusal of the client
certificate is a failure, as it is for a user). Each trusts the scenario root its own
way: s_client ``-CAfile``, gnutls-cli ``--x509cafile``, tstclnt an NSS database made
with ``certutil`` (trust ``C,,``), wget ``--ca-certificate``.

s_client verifies nothing by default (it prints the verdict and carries on): the driver
makes it a verifying client with ``-verify_return_error`` (abort on a failed chain) and
``-verify_hostname`` (check the name, as X509_check_host does), plus ``-servername``
for SNI. It runs twice: as Debian builds OpenSSL 3 (security level 2 compiled in) and
with ``-cipher DEFAULT:@SECLEVEL=1``, upstream's default level. wget resolves names
itself and has no ``--resolve``: it goes through a CONNECT proxy on 127.0.0.1
(tunnel.py) that only ever connects to 127.0.0.1.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .base import ERROR_CAP, PER_URL_TIMEOUT, RealOutcome, clean_env, first_line, missing
from .scenarios import LiveScenario
from .tunnel import connect_proxy

_WORKERS = 4


def _requests(live: Sequence[LiveScenario], workdir: Path) -> dict[str, Path]:
    """One request file per host, written before any client starts (a file rewritten
    while a client reads it would reach that client empty, and it would send nothing)."""
    out = {}
    for host in sorted({s.host for s in live}):
        out[host] = workdir / f"request-{host}.txt"
        out[host].write_bytes(f"GET / HTTP/1.0\r\nHost: {host}\r\n\r\n".encode())
    return out


def _run(argv: Sequence[str], stdin: Path | None, env: dict[str, str]) -> tuple[int, str, str]:
    """Exit status, stdout, stderr; -1 when killed at the bound. stdin is a file: tstclnt
    does not see the end of a pipe."""
    try:
        with open(stdin or "/dev/null", "rb") as feed:
            p = subprocess.run(list(argv), stdin=feed, capture_output=True, check=False,
                               timeout=PER_URL_TIMEOUT + 5, env=env)
    except subprocess.TimeoutExpired:
        return -1, "", f"no answer within {PER_URL_TIMEOUT + 5:.0f} s"
    return (p.returncode, p.stdout.decode("utf-8", "replace"),
            p.stderr.decode("utf-8", "replace"))


def _outcome(client: str, s: LiveScenario, connected: bool, error: str) -> RealOutcome:
    return RealOutcome(client=client, scenario=s.name, connected=connected,
                       error="" if connected else (error or "(no error text)")[:ERROR_CAP])


def _each(live: Sequence[LiveScenario], one: Callable[[LiveScenario], RealOutcome]
          ) -> dict[str, RealOutcome]:
    with ThreadPoolExecutor(max_workers=_WORKERS) as pool:
        return {r.scenario: r for r in pool.map(one, live)}


def _lines(text: str, pattern: str) -> str:
    return " | ".join(line.strip() for line in text.splitlines() if re.search(pattern, line))


class OpenSslSClient:
    """``openssl s_client`` made a verifying client (see the module's words)."""

    def __init__(self, name: str = "openssl", profiles: tuple[str, ...] = (
            "openssl-3-seclevel2",), extra: tuple[str, ...] = ()) -> None:
        self.name, self.profiles, self._extra = name, profiles, extra

    def available(self) -> str | None:
        return missing("openssl")

    def version(self) -> str:
        v = first_line(_run(["openssl", "version"], None, clean_env())[1]).split(" (Library")[0]
        return f"{v} s_client {' '.join(self._extra)}".strip()

    def run(self, live: Sequence[LiveScenario], ca_file: Path,
            workdir: Path) -> dict[str, RealOutcome]:
        requests = _requests(live, workdir)

        def one(s: LiveScenario) -> RealOutcome:
            code, out, err = _run(["openssl", "s_client", "-connect", f"127.0.0.1:{s.port}",
                                   "-servername", s.host, "-verify_hostname", s.host,
                                   "-verify_return_error", "-CAfile", str(ca_file),
                                   *self._extra, "-ign_eof", "-quiet"],
                                  requests[s.host], clean_env())
            ok = code == 0 and out.startswith("HTTP/")
            return _outcome(self.name, s, ok, _lines(err, r"verify error|:error:") or
                            first_line(err))
        return _each(live, one)


class GnutlsCli:
    name = "gnutls"
    profiles = ("gnutls-3.7",)

    def available(self) -> str | None:
        return missing("gnutls-cli")

    def version(self) -> str:
        return first_line(_run(["gnutls-cli", "--version"], None, clean_env())[1])

    def run(self, live: Sequence[LiveScenario], ca_file: Path,
            workdir: Path) -> dict[str, RealOutcome]:
        requests = _requests(live, workdir)

        def one(s: LiveScenario) -> RealOutcome:
            code, out, err = _run(["gnutls-cli", "--x509cafile", str(ca_file), "--port",
                                   str(s.port), "--sni-hostname", s.host, "--verify-hostname",
                                   s.host, "127.0.0.1"], requests[s.host], clean_env())
            ok = code == 0 and re.search(r"(?m)^HTTP/", out) is not None
            said = _lines(out, r"^- Status: |^\*\*\* ") + " | " + _lines(err, r"\*\*\*|\|<1>\|")
            return _outcome(self.name, s, ok, said.strip(" |"))
        return _each(live, one)


class NssTstclnt:
    name = "nss"
    profiles = ("nss-3",)

    def available(self) -> str | None:
        return missing("tstclnt", "certutil")

    def version(self) -> str:
        # tstclnt prints no version of its own; the library's package says it
        code, out, _ = _run(["dpkg-query", "-W", "-f=${Version}", "libnss3"], None, clean_env())
        return f"NSS tstclnt, libnss3 {out.strip() if code == 0 else '(version unknown)'}"

    def _database(self, ca_file: Path, workdir: Path) -> Path:
        db = workdir / "nssdb"
        db.mkdir(exist_ok=True)
        for argv in (["certutil", "-N", "-d", f"sql:{db}", "--empty-password"],
                     ["certutil", "-A", "-d", f"sql:{db}", "-n", "tlsdoctor-root", "-t", "C,,",
                      "-i", str(ca_file)]):
            code, out, err = _run(argv, None, clean_env())
            if code != 0:
                raise RuntimeError(f"certutil failed: {first_line(err + out)}")
        return db

    def run(self, live: Sequence[LiveScenario], ca_file: Path,
            workdir: Path) -> dict[str, RealOutcome]:
        db, requests = self._database(ca_file, workdir), _requests(live, workdir)

        def one(s: LiveScenario) -> RealOutcome:
            # -h is where to connect; -a names the server (SNI, and the name checked)
            code, out, err = _run(["tstclnt", "-4", "-h", "127.0.0.1", "-a", s.host, "-p",
                                   str(s.port), "-d", f"sql:{db}"],
                                  requests[s.host], clean_env())
            ok = code == 0 and out.startswith("HTTP/")
            return _outcome(self.name, s, ok, _lines(err, r"^tstclnt: "))
        return _each(live, one)


# What wget says besides its progress lines (src/http.c, src/gnutls.c): every line but those.
# A request's status line is kept unless it is a 200: a failed read ends that same line.
_WGET_SAID = (r"^(?!--|Loaded CA certificate|Connecting to|(HTTP|Proxy) request sent, awaiting "
              r"response\.\.\. 200 |Length:|Saving to:"
              r"|\s*0K|\s*$|\d{4}-\d\d-\d\d .* saved \[)")


class Wget:
    name = "wget"
    profiles = ("wget-1.21",)

    def available(self) -> str | None:
        return missing("wget")

    def version(self) -> str:
        return first_line(_run(["wget", "--version"], None, clean_env())[1]).split(" built on")[0]

    def run(self, live: Sequence[LiveScenario], ca_file: Path,
            workdir: Path) -> dict[str, RealOutcome]:
        with connect_proxy() as proxy:
            env = clean_env(https_proxy=proxy, HOME=str(workdir))

            def one(s: LiveScenario) -> RealOutcome:
                code, _, err = _run(["wget", "--no-config", "-O", "/dev/null", "--tries=1",
                                     f"--timeout={PER_URL_TIMEOUT:.0f}",
                                     f"--ca-certificate={ca_file}", s.url], None, env)
                return _outcome(self.name, s, code == 0, _lines(err, _WGET_SAID) or
                                f"wget exit {code}")
            return _each(live, one)
