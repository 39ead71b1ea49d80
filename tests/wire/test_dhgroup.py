"""The DH prime's structure (wire/dhgroup.py): Baillie-PSW, and a safe prime proven from
its half. Checked against OpenSSL's own primality test (``openssl prime``) and against
numbers built to fool the weaker tests."""

from __future__ import annotations

import random
import shutil
import subprocess

import pytest

from tlsdoctor.wire.dhgroup import _probably_prime, judge_prime

needs_openssl = pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl CLI")

# Strong pseudoprimes to base 2 (OEIS A001262), strong Lucas pseudoprimes with Selfridge's
# parameters (OEIS A217255), Carmichael numbers (OEIS A002997): each fools one of the two
# halves of Baillie-PSW, or a Fermat test, never both halves.
STRONG_BASE_2 = (2047, 3277, 4033, 4681, 8321, 15841, 29341, 42799, 49141, 52633, 65281,
                 74665, 80581, 85489, 88357, 90751, 3215031751, 341550071728321)
STRONG_LUCAS = (5459, 5777, 10877, 16109, 18971, 22499, 24569, 25199, 40309, 58519, 75077)
CARMICHAEL = (561, 1105, 1729, 2465, 2821, 6601, 8911, 41041, 825265, 321197185)


def _openssl_primes(numbers: list[int]) -> list[bool]:
    done = subprocess.run(["openssl", "prime", *map(str, numbers)], capture_output=True,
                          text=True, timeout=60, check=True)
    lines = done.stdout.splitlines()
    assert len(lines) == len(numbers)
    return [line.endswith(" is prime") for line in lines]


def _generate(bits: int, *, safe: bool) -> int:
    argv = ["openssl", "prime", "-generate", "-bits", str(bits)] + (["-safe"] if safe else [])
    return int(subprocess.run(argv, capture_output=True, text=True, timeout=60,
                              check=True).stdout.strip())


def _b(n: int) -> bytes:
    return n.to_bytes((n.bit_length() + 7) // 8, "big")


def test_pseudoprimes_are_composite() -> None:
    for n in STRONG_BASE_2 + STRONG_LUCAS + CARMICHAEL:
        assert not _probably_prime(n), n


def test_small_numbers_exactly() -> None:
    sieve = [True] * 5000
    sieve[0] = sieve[1] = False
    for i in range(2, 71):
        for j in range(i * i, 5000, i):
            sieve[j] = False
    assert [_probably_prime(n) for n in range(5000)] == sieve


@needs_openssl
def test_agrees_with_openssl_on_random_numbers() -> None:
    rnd = random.Random(11)
    numbers = [rnd.getrandbits(bits) | 1 | (1 << (bits - 1))
               for bits in (64, 128, 256, 512) for _ in range(150)]
    primes = [_generate(256, safe=False) for _ in range(3)]
    numbers += primes + [primes[0] * primes[1], primes[2] ** 2]
    expected = _openssl_primes(numbers)
    assert sum(expected) >= 10  # primes among them, so both answers are exercised
    assert [_probably_prime(n) for n in numbers] == expected


@needs_openssl
def test_safe_prime_not_safe_prime_and_composite() -> None:
    safe = _generate(512, safe=True)
    got = judge_prime(_b(safe))
    assert (got.bits, got.standard, got.prime, got.safe) == (512, None, True, True)
    # A prime whose half is composite (OpenSSL's own verdict on the half).
    plain = next(p for p in (_generate(512, safe=False) for _ in range(5))
                 if not _openssl_primes([p >> 1])[0])
    got = judge_prime(_b(plain))
    assert got.prime and not got.safe and got.flaw == "not a safe prime"
    # Composites, including 2q + 1 for a prime q (the proof from the half must fail).
    # safe + 2 and 2q + 1 are prime now and then (twin primes, a second safe prime): only
    # the ones OpenSSL calls composite are asked.
    candidates = [safe * plain, safe + 2, 2 * plain + 1]
    composites = [n for n, is_prime in zip(candidates, _openssl_primes(candidates), strict=True)
                  if not is_prime]
    assert composites[0] == safe * plain
    for n in composites:
        got = judge_prime(_b(n))
        assert not got.prime and not got.safe and got.flaw == "not a prime", n
