"""Extension and suite order in ``listen``'s guess, against real hellos run more than once.

Round 22. Go does not shuffle its ClientHello extensions: clientHelloMsg.marshalMsg writes
one fixed order in every release from 1.22 to 1.27 (golang/go at those tags), and four runs
of go1.23.9 sent the same order (tests/clients/hellos/go-1.23*.json). What changed in
1.23 is the order itself (the extensions ECH may compress moved last), so Go 1.23+ has an
order of its own, and order stays evidence between Go releases. Chromium does shuffle
(BoringSSL's SSL_set_permute_extensions): three runs of the installed Chromium 156 sent
three orders (chromium-156-run*.json). Chrome 70-83 could not (the option arrived in
BoringSSL in 2021), so chrome-80 is compared with BoringSSL's fixed table order; chrome-100
(Chrome 93-123) straddles the release that turned it on and takes either.
Go without AES hardware puts ChaCha20 first (cipherSuitesPreferenceOrderNoAES), recorded
with GODEBUG=cpu.aes=off (go-1.2x-noaes.json): the profile records that order too.
"""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

import pytest

from tlsdoctor.clients.catalog import CatalogError, get_profile, load_catalog
from tlsdoctor.ingest.hello_match import ClientGuess, guess_client
from tlsdoctor.probe.listen import CapturedHello, analyze
from tlsdoctor.realclients.hellos import drifts
from tlsdoctor.wire.registry import is_grease

HELLOS = Path(__file__).parent / "hellos"
GO_RUNS = ("go-1.23", "go-1.23-run2", "go-1.23-run3", "go-1.23-run4")
CHROMIUM_RUNS = ("chromium-156-run1", "chromium-156-run2", "chromium-156-run3")
FIREFOX_RUNS = ("firefox-153", "firefox-153-run2", "firefox-153-run3")
GO_NEW = ("go-1.23", "go-1.24", "go-1.25", "go-1.26", "go-1.27")
NO_AES = ("go-1.22-noaes", "go-1.23-noaes", "go-1.24-noaes")


def _hello(name: str) -> CapturedHello:
    record = json.loads((HELLOS / f"{name}.json").read_text(encoding="utf-8"))
    hello = analyze(bytes.fromhex(record["hello_hex"]))
    assert hello.ok, hello.error
    return hello


def _guess(c: CapturedHello, extensions: tuple[int, ...] | None = None) -> ClientGuess:
    return guess_client(versions=c.versions, cipher_suites=c.cipher_suites, groups=c.groups,
                        signature_algorithms=c.signature_algorithms,
                        extensions=c.extensions if extensions is None else extensions,
                        alpn=c.alpn, grease=c.grease)


def _part(c: CapturedHello, profile: str, part: str,
          extensions: tuple[int, ...] | None = None) -> float:
    guess = _guess(c, extensions)
    pool = [guess.profile, guess.profile_runner_up]
    for m in pool:
        if m is not None and m.name == profile:
            return dict(m.parts)[part]
    # Not in the top two: score that profile alone.
    alone = guess_client(versions=c.versions, cipher_suites=c.cipher_suites, groups=c.groups,
                         signature_algorithms=c.signature_algorithms,
                         extensions=c.extensions if extensions is None else extensions,
                         alpn=c.alpn, grease=c.grease, profiles=[get_profile(profile)])
    assert alone.profile is not None
    return dict(alone.profile.parts)[part]


def test_go_runs_send_one_order_and_are_named_alike():
    hellos = [_hello(n) for n in GO_RUNS]
    assert len({h.extensions for h in hellos}) == 1  # no shuffle
    for h in hellos:
        guess = _guess(h)
        assert guess.profile is not None and guess.profile.name == "go-1.23"
        assert dict(guess.profile.parts)["extensions"] == 1.0


def test_chromium_runs_shuffle_and_are_named_alike():
    hellos = [_hello(n) for n in CHROMIUM_RUNS]
    assert len({h.extensions for h in hellos}) == len(hellos)  # a new order each run
    sets = {frozenset(e for e in h.extensions if not is_grease(e)) for h in hellos}
    assert len(sets) == 1  # the same set (GREASE values aside)
    scores = set()
    for h in hellos:
        guess = _guess(h)
        assert guess.profile is not None and guess.profile.name == "chrome-156"
        assert guess.library is not None and guess.library.name == "BoringSSL"
        scores.add(round(guess.profile.score, 9))
    assert len(scores) == 1  # the order does not move the score


def test_firefox_runs_keep_nss_order():
    """NSS has had CH extension permutation as an option since 2023 (nss-dev/nss
    5a6e13d46); Firefox ESR 153's defaults leave it off: three runs, one order, NSS's."""
    hellos = [_hello(n) for n in FIREFOX_RUNS]
    assert len({h.extensions for h in hellos}) == 1
    for h in hellos:
        guess = _guess(h)
        assert guess.profile is not None and guess.profile.name == "firefox-132"
        assert guess.library is not None and guess.library.name == "NSS"


@pytest.mark.parametrize("name", GO_NEW)
def test_go_123_and_later_match_their_own_order(name):
    """Go 1.23+ writes status_request, groups, signature_algorithms and ALPN after the
    others; compared with 1.22's order they scored 0.64 on main."""
    assert _part(_hello(name), name, "extensions") == 1.0


def test_go_order_tells_122_from_123():
    assert _part(_hello("go-1.23"), "go-1.22", "extensions") < 0.9
    assert _part(_hello("go-1.22"), "go-1.23", "extensions") < 0.9
    assert _part(_hello("go-1.22"), "go-1.22", "extensions") == 1.0


def test_fixed_order_is_evidence_for_chrome_80_only():
    """A Chrome 80 hello in BoringSSL's 2020 table order, and the same set permuted:
    chrome-80 (no permutation then) prefers the table order; chrome-100 takes either
    fully; chrome-156 (permuted) cannot tell them apart."""
    base = _hello("chromium-156-run1")
    table = (0x0A0A, 0, 23, 65281, 10, 11, 35, 16, 5, 13, 18, 51, 45, 43, 27, 0x1A1A, 21)
    shuffled = list(table[1:-2])
    random.Random(22).shuffle(shuffled)
    permuted = (0x0A0A, *shuffled, 0x1A1A, 21)
    assert permuted != table
    in_order = _part(base, "chrome-80", "extensions", table)
    assert in_order == 1.0
    assert _part(base, "chrome-80", "extensions", permuted) < in_order
    assert _part(base, "chrome-100", "extensions", permuted) == 1.0
    assert _part(base, "chrome-100", "extensions", table) == 1.0
    assert (_part(base, "chrome-156", "extensions", permuted)
            == _part(base, "chrome-156", "extensions", table))


@pytest.mark.parametrize("name", NO_AES)
def test_go_without_aes_hardware_is_the_same_client(name):
    hello = _hello(name)
    profile = name.removesuffix("-noaes")
    assert hello.cipher_suites[:2] == (0xCCA9, 0xCCA8)  # ChaCha20 first: GODEBUG honoured
    assert not drifts(get_profile(profile), hello)
    guess = _guess(hello)
    assert guess.profile is not None and guess.profile.name == profile
    assert dict(guess.profile.parts)["cipher_suites"] == 1.0


def test_a_profile_without_the_no_aes_order_drifts_on_that_hello():
    """Honest: without cipher_suites_no_aes the ChaCha20-first hello is a suite drift."""
    old = replace(get_profile("go-1.24"), cipher_suites_no_aes=())
    assert [d.field for d in drifts(old, _hello("go-1.24-noaes"))] == ["cipher_suites"]


def test_catalog_refuses_a_no_aes_order_of_other_suites():
    text = (Path(__file__).parents[2] / "src/tlsdoctor/clients/profiles.json").read_text(
        encoding="utf-8")
    data = json.loads(text)
    entry = next(p for p in data["profiles"] if p["name"] == "go-1.24")
    entry["cipher_suites_no_aes"] = ["0xcca9"]
    with pytest.raises(CatalogError, match="cipher_suites_no_aes"):
        load_catalog(json.dumps(data))
