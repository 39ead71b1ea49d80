"""Text that names its cause in plain words no program's table holds (round 19).

A link checker's "(SSL incomplete certificate chain)", a monitor's "The SSL Certificate on
your site has expired": the words are the cause's own name, as the product's cause catalogue
states it (/work/shared/SPEC.md's cause table: incomplete_chain "intermediates missing from
what the server sends", cert_expired "past notAfter") and as audit tools report it (SSL Labs'
chain issue "incomplete chain", ssllabs/ssllabs-scan ssllabs-api-docs-v3.md @ 7a9f44e4c267,
Chain.issues bit 1, shown as "Chain issues: Incomplete" in its report; testssl.sh's "Chain
of trust NOT ok (chain incomplete)", verify_retcode_helper in testssl/testssl.sh testssl.sh
@ 9fdf8028baba, for verify results 20 and 21). No program's
upstream table says "incomplete chain", so the generic vocabulary, built from those tables,
cannot learn it.

messages.py asks this table only when nothing more specific read the text, before the
generic vocabulary. Who printed the words, and whether they are the cause or a guess at it,
is not known: each reading stays below 0.6 (a phrase names one cause, not its proof).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..causes import Cause

__all__ = ["NAMES", "NamedCause", "read"]

MAX_TEXT = 20_000  # characters looked at: bounded work on a pasted log


@dataclass(frozen=True, slots=True)
class NamedCause:
    name: str  # the phrase's meaning, for the statement
    rx: re.Pattern[str]
    causes: tuple[tuple[Cause, float], ...]  # below 0.6


def _row(name: str, rx: str, *causes: tuple[Cause, float]) -> NamedCause:
    return NamedCause(name, re.compile(rx, re.IGNORECASE), causes)


_CERT = r"(?:ssl |tls |x\.?509 |server |site |site's |the )?(?:certificate|cert)"
_INTERMEDIATE = r"intermediate(?: ca| authority)?(?: certificates?| certs?)?"

NAMES: tuple[NamedCause, ...] = (
    # The chain sent lacks an intermediate: "incomplete certificate chain", "certificate
    # chain is incomplete", "Chain issues: Incomplete", "missing intermediate certificate".
    # A client without the right root words it otherwise ("unable to get local issuer").
    _row("the certificate chain is incomplete (an intermediate is missing)",
         rf"\bincomplete (?:{_CERT} |trust )?chain\b|\b(?:{_CERT} )?chain (?:is |was )?"
         rf"(?:incomplete|missing (?:an |the )?intermediate)|\bchain issues?:? ?incomplete\b|"
         rf"\bmissing (?:an |the )?{_INTERMEDIATE}\b|\b{_INTERMEDIATE} (?:is |are )?missing\b",
         (Cause.INCOMPLETE_CHAIN, 0.55), (Cause.CERT_UNTRUSTED_ROOT, 0.2)),
    # A certificate said to have expired, in words of no program's table: the server's,
    # unless the clock is wrong or the expired one is an old root in the client's store.
    _row("a certificate is said to have expired",
         rf"\b{_CERT}\b[^\n.;]{{0,60}}?\b(?:has|had|is|was|have) (?:already )?expired\b|"
         rf"\bexpired (?:{_CERT})\b",
         (Cause.CERT_EXPIRED, 0.5), (Cause.CLIENT_CLOCK_WRONG, 0.2),
         (Cause.CERT_UNTRUSTED_ROOT, 0.1)),
    # Round 28: a scanner's finding named by its attack, SWEET32 (birthday attacks on 64-bit
    # block ciphers, CVE-2016-2183): the server offers 3DES (or another 64-bit block
    # cipher). testssl.sh prints " SWEET32 (CVE-2016-2183, CVE-2016-6329)    VULNERABLE, uses
    # 64 bit block ciphers" (testssl/testssl.sh testssl.sh @ 9fdf8028baba, run_sweet32);
    # other scanners "Cipher suites susceptible to the Sweet32 attack". The name is the
    # weakness's own; that it is offered is the scanner's word.
    _row("a scanner found ciphers open to SWEET32 (64-bit block ciphers such as 3DES)",
         r"\bsweet32\b", (Cause.WEAK_CIPHER_OR_NO_PFS, 0.55)),
)


def read(text: str) -> tuple[NamedCause, str] | None:
    """The first phrase that names a cause, with its line, or None."""
    text = text[:MAX_TEXT]
    for row in NAMES:
        m = row.rx.search(text)
        if m is not None:
            start = text.rfind("\n", 0, m.start()) + 1
            end = text.find("\n", m.end())
            return row, text[start:end if end >= 0 else len(text)]
    return None
