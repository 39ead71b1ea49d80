import pytest

from tlsdoctor.errors import TargetError
from tlsdoctor.probe.target import parse_target


@pytest.mark.parametrize("text, host, port, sni, starttls", [
    ("example.com", "example.com", 443, "example.com", None),
    ("example.com:8443", "example.com", 8443, "example.com", None),
    ("https://example.com:9443/path?q=1", "example.com", 9443, "example.com", None),
    ("https://example.com/", "example.com", 443, "example.com", None),
    ("smtps://mail.example.com", "mail.example.com", 465, "mail.example.com", None),
    ("mail.example.com:587", "mail.example.com", 587, "mail.example.com", "smtp"),
    ("127.0.0.1:4433", "127.0.0.1", 4433, None, None),  # RFC 6066: no SNI for an IP
    ("[::1]:4433", "::1", 4433, None, None),
    ("::1", "::1", 443, None, None),
    ("example.com.", "example.com", 443, "example.com", None),
])
def test_parse_target(text, host, port, sni, starttls):
    t = parse_target(text)
    assert (t.host, t.port, t.sni, t.starttls) == (host, port, sni, starttls)


def test_sni_options():
    assert parse_target("a.example", no_sni=True).sni is None
    assert parse_target("a.example", sni="b.example").sni == "b.example"
    t = parse_target("a.example:1", connect="127.0.0.1")
    assert (t.address, t.sni) == ("127.0.0.1", "a.example")


@pytest.mark.parametrize("bad", ["", "host:99999", "host:0", "host:x", "bad host", "a\x1bb",
                                 "https://exa mple.com", "x" * 3000, "host:443:1",
                                 "https://[::1", "https://[::1/x", "https://]x["])
def test_bad_targets_are_one_line_errors(bad):
    with pytest.raises(TargetError):
        parse_target(bad)


# Round 27 review: names that cannot exist in DNS were handed to the resolver and reported
# as "does not resolve" (exit 2, a finding) instead of a bad argument (exit 3); "-" (stdin
# for explain, logs, pcap) was looked up as a host name.
@pytest.mark.parametrize("bad", ["-", "-:443", "-x.example", "a.-x.example", "a..b", ".a", "a..",
                                 "a" * 64 + ".example", "https://-/", "https://a..b:8443/"])
def test_names_that_cannot_exist_are_bad_targets(bad):
    with pytest.raises(TargetError, match="not a host name"):
        parse_target(bad)


@pytest.mark.parametrize("good", ["a-b.example", "_dmarc.example", "*.example", "x" * 63 + ".io",
                                  "1.2.3.4.example", "xn--bcher-kva.example", "localhost."])
def test_unusual_but_valid_names_pass(good):
    assert parse_target(good).host == good.rstrip(".")
