"""Hostname rules: SAN DNS/IP, wildcards, public suffixes, CN-only, IDN, www suggestions."""

from __future__ import annotations

import pytest

from tlsdoctor.pki.hostname import check_hostname, is_public_suffix, to_alabel


@pytest.mark.parametrize(("host", "dns", "ok"), [
    ("example.com", ("example.com",), True),
    ("EXAMPLE.com.", ("example.COM",), True),
    ("a.example.com", ("*.example.com",), True),
    ("a.b.example.com", ("*.example.com",), False),  # one label deep only
    ("example.com", ("*.example.com",), False),  # not the bare name
    ("foo.example.com", ("f*.example.com",), False),  # partial wildcards refused
    ("a.com", ("*.com",), False),  # directly under a public suffix
    ("a.co.uk", ("*.co.uk",), False),
    ("a.example.co.uk", ("*.example.co.uk",), True),
    ("me.github.io", ("*.github.io",), True),  # PSL private section: a real certificate
    ("other.org", ("example.com", "www.example.com"), False),
])
def test_dns_rules(host, dns, ok) -> None:
    assert check_hostname(host, dns, ()).matches is ok


def test_near_miss_reasons() -> None:
    r = check_hostname("a.b.example.com", ("*.example.com",), ())
    assert any("exactly one label" in x for x in r.reasons)
    r = check_hostname("example.com", ("*.example.com",), ())
    assert any("bare name" in x for x in r.reasons)
    r = check_hostname("a.com", ("*.com",), ())
    assert any("public suffix" in x for x in r.reasons)


@pytest.mark.parametrize(("host", "dns", "suggestion"), [
    ("example.com", ("www.example.com",), "www.example.com"),
    ("www.example.com", ("example.com",), "example.com"),
    ("example.com", ("*.example.com",), "www.example.com"),
    ("example.com", ("other.example",), None),
])
def test_www_suggestion(host, dns, suggestion) -> None:
    assert check_hostname(host, dns, ()).suggestion == suggestion


def test_ip_rules() -> None:
    assert check_hostname("127.0.0.1", (), ("127.0.0.1",)).matches
    assert check_hostname("::1", (), ("0:0:0:0:0:0:0:1",)).matches
    assert check_hostname("[::1]", (), ("::1",)).matches
    r = check_hostname("127.0.0.1", ("127.0.0.1",), ())  # as a DNS name: does not count
    assert not r.matches and any("not as an IP address SAN" in x for x in r.reasons)
    r = check_hostname("10.0.0.1", ("*.0.0.1",), ())
    assert not r.matches and any("never match IP" in x for x in r.reasons)


def test_cn_only() -> None:
    r = check_hostname("example.com", (), (), common_name="example.com")
    assert not r.matches and r.cn_only
    assert any("modern clients ignore the CN" in x for x in r.reasons)


def test_idn_compared_as_alabel() -> None:
    alabel = "xn--bcher-kva.example"
    assert to_alabel("Bücher.example") == alabel
    assert check_hostname("bücher.example", (alabel,), ()).matches
    assert check_hostname("bücher.example.org", ("*.example.org",), ()).matches
    r = check_hostname("bücher.example", ("other.example",), ())
    assert any(alabel in x for x in r.reasons)


def test_public_suffix_list() -> None:
    assert is_public_suffix("com") and is_public_suffix("co.uk")
    assert not is_public_suffix("example.com")


@pytest.mark.parametrize("typed, sent", [
    ("faß.de", "xn--fa-hia.de"),  # IDNA 2008 keeps ß (IDNA 2003 made it "fass.de")
    ("Bücher.example", "xn--bcher-kva.example"),
    ("ａｂｃ。bücher.example", "abc.xn--bcher-kva.example"),  # UTS #46 mapping
])
def test_one_a_label_for_the_name_sent_and_the_name_checked(typed: str, sent: str) -> None:
    """The SNI and DNS name ``diagnose`` sends and the name the certificate is checked for
    are the same A-label: a certificate for the name asked for matches it."""
    from tlsdoctor.probe.target import parse_target

    assert parse_target(typed).sni == sent
    assert to_alabel(typed) == sent
    assert check_hostname(typed, (sent,), ()).matches


def test_a_wildcard_idn_san_is_compared_label_by_label() -> None:
    assert to_alabel("*.Bücher.example") == "*.xn--bcher-kva.example"
    assert check_hostname("www.bücher.example", ("*.bücher.example",), ()).matches
