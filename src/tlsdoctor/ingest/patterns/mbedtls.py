"""mbedTLS (ESP-IDF's esp-tls, Arduino cores, embedded clients): ``MBEDTLS_ERR_*`` codes
and mbedtls_strerror()'s texts (include/mbedtls/*.h, harvested at the 2.28 and 3.6 LTS
tags), and the verify flags' texts of mbedtls_x509_crt_verify_info().

Programs print the code as a negative hex number: ESP-IDF "esp-tls-mbedtls:
mbedtls_ssl_handshake returned -0x2700", "Last error was: -0x7200 - SSL - An invalid SSL
record was received" (mbedtls_strerror's "<MODULE> - <text>" after the number). Some
numbers mean another code in 3.x than in 2.28 (-0x7800: PEER_VERIFY_FAILED became
UNRECOGNIZED_NAME); a number alone then reads as both, each at half weight.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from . import CATEGORY, GENERIC, Pattern, causes
from .harvested import Entry, entries, judge, upstream_patterns

# A number is trusted only where a program prints an mbedTLS result: after "returned",
# "error", "ret", "err", "failed", "code" or before mbedtls_strerror's " - MODULE - ".
_BEFORE = r"(?:returned|error|err|ret|failed|code|result)\s*[=:(]?\s*(?:is\s+)?"


@dataclass(frozen=True, slots=True, kw_only=True)
class NumberReading:
    """What one mbedTLS number means, over every harvested code that has it."""

    number: str  # "-0x2700"
    ids: tuple[str, ...]
    causes: str  # "cause:weight ..." averaged over the codes
    spec: int
    provenance: str


@cache
def number_readings() -> tuple[NumberReading, ...]:
    """Each harvested number's reading (also used by patterns/devices.py for the decimal and
    positive forms device frameworks print)."""
    by_number: dict[str, list[Entry]] = defaultdict(list)
    for e in entries("mbedtls"):
        if e.get("number"):
            by_number[e.get("number")].append(e)
    out = []
    for number, group in sorted(by_number.items()):
        weights: dict[str, float] = defaultdict(float)
        judged = [(e, v) for e in group if (v := judge(e)) is not None and v.kind == "causes"]
        if not judged:
            continue
        ids = tuple(sorted({e.id for e, _ in judged}))
        for _, v in judged:
            for cause, conf in causes(v.causes):
                weights[cause.value] += conf / len(judged)
        # Two meanings: the number alone is a weak statement; mbedtls_strerror's words,
        # printed after it, decide.
        spec = GENERIC if len(ids) > 1 else judged[0][1].spec
        out.append(NumberReading(
            number=number, ids=ids, spec=min(spec, CATEGORY + 1),
            causes=" ".join(f"{c}:{w:.3f}" for c, w in weights.items()),
            provenance=judged[0][0].provenance))
    return tuple(out)


def _number_patterns() -> tuple[Pattern, ...]:
    out = []
    for r in number_readings():
        digits = r.number[3:].lstrip("0")  # "-0x0050" prints as "-0x50" or "-0x0050"
        rx = (rf"(?:{_BEFORE}-0x0{{0,4}}{digits}\b|"
              rf"-0x0{{0,4}}{digits}\s+-\s+[A-Z0-9_]{{2,10}}\s+-\s)")
        out.append(Pattern(
            source="mbedtls", rx=rx, meaning=f"mbedTLS error {r.number} ({' or '.join(r.ids)})",
            causes=causes(r.causes), provenance=r.provenance, spec=r.spec,
            needle=digits.lower(),
            id=(f"mbedtls.up.{r.ids[0]}.number" if len(r.ids) == 1
                else f"mbedtls.number.{r.number}"), upstream=r.ids[0], side="client"))
    return tuple(out)


# 3.6's CERTIFICATE_VERIFICATION_WITHOUT_HOSTNAME has a whole page of documentation as its
# description, and a few descriptions keep Doxygen markup ("\\c ::mbedtls_x509_crt"):
# mbedtls_strerror prints them as they are, but such a text is not matched as words; its
# name and number are.
_LONGEST = 400
PATTERNS = tuple(p for p in upstream_patterns("mbedtls", "mbedTLS")
                 if len(p.needle) <= _LONGEST and "\\" not in p.needle) + _number_patterns()
