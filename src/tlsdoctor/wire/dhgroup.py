"""What a server's finite-field DH prime is: a standard safe-prime group, a safe prime of
its own, a prime with possibly small subgroups, or no prime at all.

The standard groups are recognised by their construction: RFC 3526 (MODP, from the
digits of pi) and RFC 7919 (FFDHE, from e) primes are 2^N - 2^(N-64) - 1 + 2^64 * X, so
their top 64 bits are all ones, followed by pi's 0xC90FDAA2 or e's 0xADF85458. Both are
safe primes (p = 2q + 1, q prime), so every element outside {1, p-1} generates a group of
order q or 2q. Any other prime is tested here (Miller-Rabin, fixed bases, so results are
repeatable): a prime that is not safe has smaller subgroups an attacker can confine the
key to (small-subgroup attacks, CVE-2016-0701); a composite "prime" makes DH unsound.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

_ALL_ONES_64 = (1 << 64) - 1
_STANDARD = {0xC90FDAA2: "RFC 3526 MODP", 0xADF85458: "RFC 7919 FFDHE"}
# Enough rounds that a composite passing all of them is beyond astronomically unlikely
# (each round lets through at most a quarter of composites; these are fixed, not random).
_BASES = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71)


@dataclass(frozen=True, slots=True, kw_only=True)
class DhPrime:
    bits: int
    standard: str | None  # "RFC 7919 FFDHE 2048", ...; None: the server's own prime
    prime: bool
    safe: bool  # (p - 1) / 2 is prime too

    @property
    def flaw(self) -> str | None:
        """The problem in a few words ("not a prime", "not a safe prime"); None: sound."""
        if not self.prime:
            return "not a prime"
        return None if self.safe else "not a safe prime"

    @property
    def problem(self) -> str | None:
        if not self.prime:
            return "p is not a prime (composite): the group is unsound and DH is broken"
        if not self.safe:
            return ("p is a prime but not a safe prime ((p-1)/2 is not prime): the group has "
                    "small subgroups a key can be confined to (small-subgroup attacks)")
        return None


@lru_cache(maxsize=64)
def judge_prime(p_bytes: bytes) -> DhPrime:
    p = int.from_bytes(p_bytes, "big")
    bits = p.bit_length()
    if bits >= 192 and (p >> (bits - 64)) == _ALL_ONES_64 and p & _ALL_ONES_64 == _ALL_ONES_64:
        family = _STANDARD.get((p >> (bits - 96)) & 0xFFFFFFFF)
        if family is not None:
            return DhPrime(bits=bits, standard=f"{family} {bits}", prime=True, safe=True)
    prime = _probably_prime(p)
    return DhPrime(bits=bits, standard=None, prime=prime, safe=prime and _probably_prime(p >> 1))


def _probably_prime(n: int) -> bool:
    if n < 2:
        return False
    for small in _BASES:
        if n % small == 0:
            return n == small
    d, r = n - 1, 0
    while d % 2 == 0:
        d, r = d // 2, r + 1
    for a in _BASES:
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(r - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True
