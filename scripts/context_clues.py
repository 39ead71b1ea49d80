"""Measure whether context a posted text carries besides its error sentence (a host, a port,
a runtime's version, container, proxy or platform words, dates) predicts the cause of an
ambiguous reading, one clue family at a time, on the time split scripts/base_rates.py uses.

Run: PYTHONPATH=src python3 scripts/context_clues.py [--check]

A thread counts for a clue when ``explain`` reads it ambiguously (two findings or more, the
first below 0.6: the words name no cause) and the clue's words are in its text. A clue is a
class like a base rate's, at two levels: ``clue`` (every such thread) and ``clue+candidates``
(those whose findings name the same candidate causes). Per class, on the threads collected up
to a cut (base_rates' COLLECTIONS and CUTS; SUPPORT threads at least), it counts how often
each cause was acceptable, and orders a thread's candidates by base_rates.rates (explain's own
order counting as one thread). It is *fit* at a cut when that order is right on at least as
many of its early threads as explain's order (base_rates' in-sample gate). On the threads
collected after the cut it counts the threads it moves to right (won) and to wrong (lost).

A class is kept only when it wins a later thread, loses none at any cut where it is fit, and
its order learned up to LEARNED_UP_TO is fit and loses no dev thread (dev cannot fall): the
rule base_rates uses. A second form, ``promote`` (the one cause whose promotion to first wins
most early threads, net), is measured the same way. Each family's ``used`` says which reading
already reads those words (then explain's order holds the clue and it can add only beyond
that). The result is docs/context_clues.json, generated: ``--check`` recomputes it and fails
when it differs. Only dev is read; a holdout split never is.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from tlsdoctor.addresses import is_ip
from tlsdoctor.api import explain
from tlsdoctor.diagnosis.base_rates import AMBIGUOUS_BELOW, CAP, rates
from tlsdoctor.ingest import trust_context
from tlsdoctor.ingest.hostclass import PRIVATE, PUBLIC, classify, hosts_in
from tlsdoctor.ingest.trust_context import CLIENT_STORE, ENVIRONMENT, KINDS

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests/ingest/upstream/heldout/cases.json"
OUT = ROOT / "docs/context_clues.json"


def _sibling(name: str) -> ModuleType:
    """scripts/<name>.py, whether this runs as a script or is imported by a test."""
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


_BR = _sibling("base_rates")
COLLECTIONS: tuple[str, ...] = _BR.COLLECTIONS
CUTS: tuple[str, ...] = _BR.CUTS
LEARNED_UP_TO: str = _BR.LEARNED_UP_TO
SUPPORT = 5  # threads a clue class needs (base_rates chose 5 by hand up to round 21)
LEVELS = ("clue", "clue+candidates")


def _rx(pattern: str, flags: int = re.IGNORECASE) -> Callable[[str], bool]:
    compiled = re.compile(pattern, flags)
    return lambda text: compiled.search(text) is not None


def _host(kind: str, ip: bool | None = None) -> Callable[[str], bool]:
    def test(text: str) -> bool:
        h = classify(text)
        return h.kind == kind and (ip is None or (bool(h.host) and is_ip(h.host) == ip))
    return test


def _ip_literal(text: str) -> bool:
    return any(is_ip(h) for h, _ in hosts_in(text))


# hostclass's public services' ports (IANA: https, mail and directory over TLS, DoT, MQTT...)
_PUBLIC_PORTS = frozenset({443, 80, 465, 587, 993, 995, 25, 636, 853, 8883, 5671, 6697, 5061})


def _odd_port(text: str) -> bool:
    return any(p is not None and p not in _PUBLIC_PORTS for _, p in hosts_in(text))


_SELF_SIGNED = re.compile(r"\bself[- ]?signed\b", re.IGNORECASE)
_TRUST_WORDINGS = tuple(re.compile(rx, re.IGNORECASE) for _, rx in KINDS)


def _self_signed_prose(text: str) -> bool:
    """'self-signed' in the poster's or a program's other words, not in the trust sentence
    the reading is made of ("self signed certificate in certificate chain")."""
    for rx in _TRUST_WORDINGS:
        text = rx.sub(" ", text)
    return _SELF_SIGNED.search(text) is not None


@dataclass(frozen=True, slots=True, kw_only=True)
class Family:
    name: str
    test: Callable[[str], bool]
    words: str  # what it looks for, in words
    used: str  # which reading already reads these words ("" none)


FAMILIES: tuple[Family, ...] = (
    Family(name="host.private_ip", test=_host(PRIVATE, ip=True),
           words="an RFC 1918/loopback/ULA address as the server",
           used="trust_context (private_ip), trust readings"),
    Family(name="host.private_name", test=_host(PRIVATE, ip=False),
           words="localhost, .local/.corp/.lan/.internal, a dotless name, an odd port",
           used="trust_context (private), trust readings"),
    Family(name="host.public", test=_host(PUBLIC),
           words="a big public host (github.com, pypi.org, registry.npmjs.org...)",
           used="trust_context (public), trust readings"),
    Family(name="host.ip_literal", test=_ip_literal,
           words="any IP literal as the server (no SNI is sent to an address)", used=""),
    Family(name="port.nonstandard", test=_odd_port,
           words="a port outside the public services' (8443, 9200, 5000...)",
           used="hostclass (a private host), plain_context (plain and proxy ports)"),
    Family(name="words.environment", test=lambda t: ENVIRONMENT.search(t) is not None,
           words="an inspection product, antivirus, a corporate proxy or network, HTTPS_PROXY",
           used="trust_context (environment), trust readings"),
    Family(name="words.proxy_vpn_connect", test=_rx(r"\bCONNECT [\w.-]+:\d{2,5}\b|\bproxy\b|\bVPN\b"),
           words="a CONNECT line, 'proxy' or 'VPN' anywhere",
           used="plain_context (proxies), trust_context (environment)"),
    Family(name="words.client_store", test=lambda t: CLIENT_STORE.search(t) is not None,
           words="certifi, ca-certificates, alpine, cacerts, old Android/Java/Windows",
           used="trust_context (store), trust readings"),
    Family(name="words.container",
           test=_rx(r"\b(?:docker(?:file)?|docker-compose|kubectl|kubernetes|k8s|pod|helm|"
                    r"containerd|minikube|openshift)\b"),
           words="docker, kubectl, kubernetes, pod, helm", used=""),
    Family(name="words.ci",
           test=_rx(r"\b(?:GitHub Actions|gitlab-ci|GitLab CI|Jenkins|CircleCI|Travis|"
                    r"Azure Pipelines|buildkite|runner)\b"),
           words="a CI system (GitHub Actions, GitLab CI, Jenkins...)", used=""),
    Family(name="words.self_signed", test=_self_signed_prose,
           words="'self-signed' outside a program's trust sentence (those are the reading)",
           used="trust_context kinds (the program's own sentence)"),
    Family(name="words.letsencrypt",
           test=_rx(r"\bLet'?s ?Encrypt\b|\bISRG\b|\bDST Root CA X3\b|\bcertbot\b"),
           words="Let's Encrypt, ISRG, DST Root CA X3, certbot",
           used="trust_context (public issuer; DST Root CA X3 as store words), expired_ca"),
    Family(name="words.embedded",
           test=_rx(r"\b(?:esp32|esp8266|esp-idf|arduino|mbed ?tls|bearssl|wolfssl|tasmota|"
                    r"firmware|printer|router|synology|qnap|raspberry|openwrt|iot)\b"),
           words="a device or embedded stack (ESP32, Arduino, mbedTLS, firmware, a NAS)",
           used=""),
    Family(name="words.mobile",
           test=_rx(r"\b(?:Android|iOS|iPhone|iPad|okhttp|Conscrypt|Xamarin|Flutter)\b"),
           words="a mobile platform (Android, iOS, OkHttp, Flutter)",
           used="patterns/android.py, runtime_store (Android's version)"),
    Family(name="runtime.java8",
           test=_rx(r"\b1\.8\.0_\d{1,3}\b|\bjdk1\.8|\bjre1\.8|\bJava 8\b|\b8u\d{2,3}\b"),
           words="Java 8 (1.8.0_xx, 8uNN)", used="runtime_store (old updates), trust readings"),
    Family(name="runtime.python2",
           test=_rx(r"\bPython ?2\.[4-7]\b|\bpython2(?:\.\d)?\b|/lib/python2\.\d/"),
           words="Python 2.x", used="version_context (Python 2.6)"),
    Family(name="runtime.old_python_ssl", test=_rx(r"\(_ssl\.c:[1-8]\d\d\)"),
           words="CPython's _ssl.c line below 900 in the error (Python 2.7, 3.x up to 3.6)",
           used=""),
    Family(name="runtime.old_openssl",
           test=_rx(r"\bOpenSSL (?:0\.9|1\.0\.)|\bSSL3_GET_|\bSSL23_"),
           words="OpenSSL 1.0.x/0.9.x, or its capitalised function names",
           used="trust_context (store words), stage"),
    Family(name="runtime.openssl10_state",
           test=_rx(r"\bSSLv[23]\s(?:read|write)\s[a-z ]{3,40}\s[A-D]\b|\bSSLv2/v3\s(?:read|write)\s",
                    0),
           words="OpenSSL 1.0.x's state strings (Ruby's 'state=SSLv3 read server certificate "
                 "B'; 1.1.0 prints 'SSLv3/TLS read ...')",
           used="stage (CertificateRequest steps only)"),
    Family(name="os.old",
           test=_rx(r"\bWindows (?:XP|Vista|7|Server 20(?:03|08))\b|\bAndroid [2-7]\b|"
                    r"\bCentOS [5-7]\b|\bRHEL ?[5-7]\b|\bUbuntu 1[0-6]\.\d\d\b|"
                    r"\bmacOS 10\.1[0-3]\b|\bOS X 10\.\d\b"),
           words="an old OS release (Windows 7, Android <= 7, CentOS 7, Ubuntu 16.04...)",
           used="trust_context (store words: Windows 7, Android <= 7), trust readings"),
    Family(name="os.windows",
           test=_rx(r"\bWindows\b|\bschannel\b|\bPowerShell\b|[A-Z]:\\\\?(?:Users|Program)"),
           words="Windows, Schannel, PowerShell, a C:\\ path", used=""),
    Family(name="os.macos",
           test=_rx(r"\bmacOS\b|\bMac OS X\b|\bDarwin\b|\bKeychain\b|/Users/[^/\s]+/|"
                    r"/opt/homebrew/|/usr/local/Cellar/"),
           words="macOS, Darwin, Keychain, /Users/..., Homebrew paths", used=""),
    Family(name="time.before_2018",
           test=_rx(r"\b20(?:0\d|1[0-7])[-/.](?:0[1-9]|1[0-2])[-/.](?:[0-2]\d|3[01])\b"),
           words="a printed date before 2018 (the TLS 1.0/1.1 years)", used=""),
    Family(name="time.late_2021",
           test=_rx(r"\b2021[-/.](?:09[-/.]3\d|1[0-2][-/.]\d\d)\b|"
                    r"\b(?:Oct|Nov|Dec) \d{1,2},? 2021\b"),
           words="a date from 2021-09-30 to the year's end (DST Root CA X3 had expired)",
           used="expired_ca / trust_context (its first two weeks)"),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Row:
    """One dev thread as explain reads it, with the clue families its text holds."""

    id: str
    collection: str
    expected: tuple[str, ...]
    hand: dict[str, float]  # explain's findings' causes, most likely first
    clues: frozenset[str]

    def right(self, top: str) -> bool:
        return top in self.expected or (top == "-" and "none" in self.expected)

    @property
    def hand_top(self) -> str:
        return next(iter(self.hand), "-")

    @property
    def ambiguous(self) -> bool:
        return len(self.hand) >= 2 and max(self.hand.values()) < AMBIGUOUS_BELOW

    @property
    def candidates(self) -> str:
        return ",".join(sorted(self.hand))


def read(case: dict[str, Any]) -> Row:
    hand: dict[str, float] = {}
    for f in explain(case["text"]).findings:
        hand.setdefault(f.cause.value, float(f.confidence or 0.0))
    return Row(id=case["id"], collection=_BR.collection(case), expected=tuple(case["expected"]),
               hand=hand, clues=frozenset(f.name for f in FAMILIES if f.test(case["text"])))


# A class's order for one thread: its members, the thread -> the cause put first.
Order = Callable[[list[Row], Row], str]


def by_rates(members: list[Row], r: Row) -> str:
    acceptable = Counter(c for m in members for c in set(m.expected))
    return rates(r.hand, len(members), acceptable)[0][0]


def _promoted(r: Row, cause: str | None) -> str:
    return cause if cause is not None and cause in r.hand else r.hand_top


def favoured(members: list[Row]) -> str | None:
    """The cause whose promotion to first wins most of ``members``, net, if it wins any."""
    net = {c: sum(r.right(_promoted(r, c)) - r.right(r.hand_top) for r in members)
           for c in sorted({c for r in members for c in r.hand})}
    best = max(net.items(), key=lambda kv: (kv[1], kv[0]), default=None)
    return best[0] if best is not None and best[1] > 0 else None


def by_promotion(members: list[Row], r: Row) -> str:
    return _promoted(r, favoured(members))


FORMS: dict[str, Order] = {"rates": by_rates, "promote": by_promotion}


def _split(rows: list[Row], cut: str) -> tuple[list[Row], list[Row]]:
    last = COLLECTIONS.index(cut)
    return ([r for r in rows if COLLECTIONS.index(r.collection) <= last],
            [r for r in rows if COLLECTIONS.index(r.collection) > last])


def _fit(members: list[Row], order: Order, gate: bool = True) -> bool:
    return len(members) >= SUPPORT and (not gate or sum(
        r.right(order(members, r)) for r in members) >= sum(r.right(r.hand_top) for r in members))


def _moves(members: list[Row], order: Order, rows: list[Row]) -> tuple[list[str], list[str]]:
    """The ids of ``rows`` the class's order makes right and makes wrong."""
    won = [r.id for r in rows if r.right(order(members, r)) and not r.right(r.hand_top)]
    lost = [r.id for r in rows if r.right(r.hand_top) and not r.right(order(members, r))]
    return won, lost


def measure(rows: list[Row], member: Callable[[Row], bool], order: Order) -> dict[str, Any]:
    """One class in one form: per cut, and learned up to LEARNED_UP_TO on all of dev."""
    cuts: dict[str, Any] = {}
    won: set[str] = set()
    lost: set[str] = set()
    u_won: set[str] = set()
    u_lost: set[str] = set()
    for cut in CUTS:
        early, later = _split(rows, cut)
        m = [r for r in early if member(r)]
        lat = [r for r in later if member(r)]
        fit = _fit(m, order)
        w, lo = _moves(m, order, lat) if fit else ([], [])
        uw, ul = _moves(m, order, lat) if _fit(m, order, gate=False) else ([], [])
        won, lost, u_won, u_lost = won | set(w), lost | set(lo), u_won | set(uw), u_lost | set(ul)
        cuts[cut] = {"learned": len(m), "fit": fit, "later": len(lat), "won": w, "lost": lo}
    m = [r for r in _split(rows, LEARNED_UP_TO)[0] if member(r)]
    dev_won, dev_lost = (_moves(m, order, [r for r in rows if member(r)]) if _fit(m, order)
                         else ([], []))
    kept = _fit(m, order) and bool(won) and not lost and len(dev_won) >= len(dev_lost)
    if not _fit(m, order):
        why = (f"fewer than {SUPPORT} threads learned" if len(m) < SUPPORT
               else "its order is right on fewer learned threads than explain's")
    else:
        why = ("lost later threads" if lost else "wins no later thread" if not won
               else "dev falls" if len(dev_lost) > len(dev_won)
               else "wins later threads, loses none")
    acceptable = Counter(c for r in m for c in set(r.expected))
    return {"learned": len(m), "acceptable": dict(sorted(acceptable.items(),
                                                         key=lambda kv: (-kv[1], kv[0]))),
            "cuts": cuts, "later_won": sorted(won), "later_lost": sorted(lost),
            "later_won_ungated": sorted(u_won), "later_lost_ungated": sorted(u_lost),
            "dev_won": dev_won, "dev_lost": dev_lost, "kept": kept, "why": why}


def classes(rows: list[Row], family: Family) -> list[tuple[str, Callable[[Row], bool]]]:
    """The family's classes: the clue, then the clue with each candidate set that has
    SUPPORT threads at the last cut learned."""
    def has(r: Row) -> bool:
        return r.ambiguous and family.name in r.clues
    out: list[tuple[str, Callable[[Row], bool]]] = [(family.name, has)]
    early = _split(rows, LEARNED_UP_TO)[0]
    sets = Counter(r.candidates for r in early if has(r))
    for cands, n in sorted(sets.items()):
        if n >= SUPPORT:
            out.append((f"{family.name}|{cands}",
                        lambda r, c=cands: has(r) and r.candidates == c))  # type: ignore[misc]
    return out


@contextmanager
def hand_rows() -> Iterator[None]:
    """explain with the trust rows as set by hand (trust_context.HAND_ROWS): the order a
    clue is measured against, as base_rates measures against the tables' order."""
    saved = {k: trust_context.ROWS[k] for k in trust_context.HAND_ROWS}
    trust_context.ROWS.update(trust_context.HAND_ROWS)
    try:
        yield
    finally:
        trust_context.ROWS.update(saved)


def learned_rows(rows: list[Row], member: Callable[[Row], bool]) -> dict[str, str]:
    """A kept class's order, learned up to LEARNED_UP_TO, for each reading among its threads
    (explain's claims -> the learned claims, confidences as base_rates.ordered gives them)."""
    m = [r for r in _split(rows, LEARNED_UP_TO)[0] if member(r)]
    acceptable = Counter(c for r in m for c in set(r.expected))
    out = {}
    for r in m:
        learned = rates(r.hand, len(m), acceptable)
        total = sum(v for _, v in learned)
        out[_spec(r.hand)] = _spec({c: round(min(CAP, v / total), 2) for c, v in learned})
    return dict(sorted(out.items()))


def _spec(claims: dict[str, float]) -> str:
    return " ".join(f"{c}:{v:g}".replace(":0.", ":.") for c, v in claims.items())


def build() -> dict[str, Any]:
    cases = [c for c in json.loads(CASES.read_text())["cases"] if c["split"] == "dev"]
    with hand_rows():
        rows = [read(c) for c in cases]
    ambiguous_misses = [r for r in rows if r.ambiguous and not r.right(r.hand_top)
                        and any(c in r.expected for c in r.hand)]
    out = []
    for family in FAMILIES:
        for key, member in classes(rows, family):
            level = LEVELS[1] if "|" in key else LEVELS[0]
            for form, order in FORMS.items():
                got = measure(rows, member, order)
                holds, eligible = got.pop("kept"), level == LEVELS[1] and form == "rates"
                row = {"class": key, "level": level, "form": form, "words": family.words,
                       "used": family.used,
                       "dev_threads": sum(family.name in r.clues for r in rows),
                       "dev_ambiguous": sum(member(r) for r in rows), **got,
                       "holds": holds, "kept": holds and eligible}
                if holds and not eligible:
                    row["why"] += (": measured only (base_rates' form and levels are the "
                                   "ones applied: rates, no class coarser than a candidate set)")
                if row["kept"]:
                    row["learned_rows"] = learned_rows(rows, member)
                out.append(row)
    return {"about": __doc__.split("\n\n")[0].replace("\n", " "),
            "made_by": "scripts/context_clues.py",
            "method": {"support": SUPPORT, "cuts": list(CUTS), "learned_up_to": LEARNED_UP_TO,
                       "ambiguous_below": AMBIGUOUS_BELOW, "levels": list(LEVELS),
                       "forms": list(FORMS)},
            "dev": {"threads": len(rows), "ambiguous": sum(r.ambiguous for r in rows),
                    "right": sum(r.right(r.hand_top) for r in rows),
                    "one_line_texts": sum("\n" not in c["text"].strip() for c in cases),
                    "ambiguous_misses_a_reorder_could_fix": len(ambiguous_misses),
                    "of_them_with_a_clue": sum(bool(r.clues) for r in ambiguous_misses)},
            "kept": sorted({c["class"] for c in out if c["kept"]}),
            "classes": out}


def table(data: dict[str, Any]) -> list[str]:
    """The measurement as a markdown table (docs/explain-upstream.md, round 20)."""
    lines = ["| clue (class) | form | dev threads (ambiguous) | learned up to "
             f"{LEARNED_UP_TO} | later won | later lost | later won/lost without the gate | "
             "kept |", "|---|---|---|---|---|---|---|---|"]
    for c in data["classes"]:
        lines.append(
            f"| {c['class']} | {c['form']} | {c['dev_threads']} ({c['dev_ambiguous']}) | "
            f"{c['learned']} | {len(c['later_won'])} | {len(c['later_lost'])} | "
            f"{len(c['later_won_ungated'])}/{len(c['later_lost_ungated'])} | "
            f"{'**kept**' if c['kept'] else 'no: ' + c['why'].split(':')[0]} |")
    return lines


def dumps(value: Any, indent: str = "") -> str:
    """``value`` as JSON, one line for each object or list that holds no deeper structure than
    lists of plain values (a cut's counts, a class's acceptable causes): a new cut adds one
    line per class to the file, not seven."""
    if not _flat(value):
        inner = indent + " "
        if isinstance(value, dict):
            items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {dumps(v, inner)}"
                     for k, v in value.items()]
            return "{\n" + ",\n".join(items) + "\n" + indent + "}"
        return "[\n" + ",\n".join(inner + dumps(v, inner) for v in value) + "\n" + indent + "]"
    return json.dumps(value, ensure_ascii=False)


def _flat(value: Any) -> bool:
    if isinstance(value, dict):
        return all(_plain(v) for v in value.values())
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    return True


def _plain(value: Any) -> bool:
    """A plain value, or a list of them."""
    if isinstance(value, list):
        return not any(isinstance(v, dict | list) for v in value)
    return not isinstance(value, dict)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="fail when the data file differs")
    ap.add_argument("--markdown", action="store_true", help="print the table as markdown")
    args = ap.parse_args()
    data = build()
    d = data["dev"]
    print(f"dev: {d['threads']} threads, {d['ambiguous']} ambiguous, right {d['right']}; "
          f"ambiguous misses a reorder could fix {d['ambiguous_misses_a_reorder_could_fix']}, "
          f"with a clue {d['of_them_with_a_clue']}; kept: {', '.join(data['kept']) or 'none'}")
    if args.markdown:
        print("\n".join(table(data)))
    text = dumps(data) + "\n"
    if args.check:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            sys.exit(f"{OUT} differs from what scripts/context_clues.py computes now")
        return
    OUT.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
