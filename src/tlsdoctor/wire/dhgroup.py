"""What a server's finite-field DH prime is: a standard safe-prime group, a safe prime of
its own, a prime with possibly small subgroups, or no prime at all.

The standard groups are recognised by their construction: RFC 3526 (MODP, from the
digits of pi) and RFC 7919 (FFDHE, from e) primes are 2^N - 2^(N-64) - 1 + 2^64 * X, so
their top 64 bits are all ones, followed by pi's 0xC90FDAA2 or e's 0xADF85458. Both are
safe primes (p = 2q + 1, q prime), so every element outside {1, p-1} generates a group of
order q or 2q. Any other prime is tested here: a prime that is not safe has smaller
subgroups an attacker can confine the key to (small-subgroup attacks, CVE-2016-0701); a
composite "prime" makes DH unsound.

The test is Baillie-PSW (a strong probable-prime test to base 2, then a strong Lucas test
with Selfridge's parameters; Baillie and Wagstaff, Math. Comp. 35 (1980); FIPS 186-5
B.3), deterministic so results are repeatable, with no composite known to pass it. It
replaced Miller-Rabin with twenty fixed bases: that took 40 modular exponentiations for a
safe prime (~0.1 s of a diagnosis for a 1024-bit group), and numbers built to pass fixed
bases are published. Safety is asked first: when q = (p-1)/2 passes, p = 2q + 1 needs one
exponentiation (Pocklington: q > sqrt(p) is prime, 2^(p-1) = 1 mod p and gcd(2^2 - 1, p)
= 1 prove p prime).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from math import isqrt

_ALL_ONES_64 = (1 << 64) - 1
_STANDARD = {0xC90FDAA2: "RFC 3526 MODP", 0xADF85458: "RFC 7919 FFDHE"}
_SMALL_PRIMES = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71)


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
    if p & 1 and _probably_prime(p >> 1) and _pocklington(p):
        return DhPrime(bits=bits, standard=None, prime=True, safe=True)
    # Not a safe prime: (p-1)/2 is composite, or p fails the proof and is composite.
    return DhPrime(bits=bits, standard=None, prime=_probably_prime(p), safe=False)


def _pocklington(p: int) -> bool:
    """p = 2q + 1 with q prime: is p prime? (see the module docstring)"""
    return p % 3 != 0 and pow(2, p - 1, p) == 1


def _probably_prime(n: int) -> bool:
    """Baillie-PSW: trial division, a strong test to base 2, a strong Lucas test."""
    if n < 2:
        return False
    for small in _SMALL_PRIMES:
        if n % small == 0:
            return n == small
    d, r = n - 1, 0
    while d % 2 == 0:
        d, r = d // 2, r + 1
    x = pow(2, d, n)
    if x not in (1, n - 1):
        for _ in range(r - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return _strong_lucas(n)


def _jacobi(a: int, n: int) -> int:
    """The Jacobi symbol (a/n) for odd n > 0."""
    a %= n
    result = 1
    while a:
        while a % 2 == 0:
            a //= 2
            if n % 8 in (3, 5):
                result = -result
        a, n = n, a
        if a % 4 == 3 and n % 4 == 3:
            result = -result
        a %= n
    return result if n == 1 else 0


def _selfridge(n: int) -> int | None:
    """The first D of 5, -7, 9, -11, ... with (D/n) = -1; None when n has a factor in
    common with one of them (so it is composite: n is odd, > 71 and not a square)."""
    d = 5
    while True:
        j = _jacobi(d, n)
        if j == -1:
            return d
        if j == 0 and abs(d) != n:
            return None
        d = -d - 2 if d > 0 else -d + 2


def _half(x: int, n: int) -> int:
    """x / 2 mod n (n odd)."""
    return ((x + n if x & 1 else x) >> 1) % n


def _strong_lucas(n: int) -> bool:
    """Strong Lucas probable-prime test, P = 1, Q = (1 - D) / 4 (Selfridge's method A)."""
    root = isqrt(n)
    if root * root == n:
        return False  # no D exists for a square
    d_param = _selfridge(n)
    if d_param is None:
        return False
    q = (1 - d_param) // 4
    k, s = n + 1, 0
    while k % 2 == 0:
        k, s = k // 2, s + 1
    u, v, qk = 1, 1, q % n  # U_1, V_1 (P = 1), Q^1
    for bit in bin(k)[3:]:
        u, v, qk = u * v % n, (v * v - 2 * qk) % n, qk * qk % n  # index doubled
        if bit == "1":  # index plus one
            u, v, qk = _half(u + v, n), _half(d_param * u + v, n), qk * q % n
    if u == 0 or v == 0:
        return True
    for _ in range(s - 1):
        v, qk = (v * v - 2 * qk) % n, qk * qk % n
        if v == 0:
            return True
    return False
