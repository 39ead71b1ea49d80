"""The --trace ladder records the exchange as it happened, message by message."""

from tlsdoctor.probe.handshake import probe
from tlsdoctor.probe.target import parse_target
from tlsdoctor.wire.hello import ClientHelloSpec

TLS13 = ClientHelloSpec(versions=(0x0304, 0x0303), cipher_suites=(0x1301, 0x1302, 0xC02B),
                        groups=(0x001D, 0x0017), signature_algorithms=(0x0403, 0x0804),
                        key_share_groups=(0x001D,), sni="localhost")


def test_tls13_flight_is_recorded_in_order(s_server):
    srv = s_server()
    result = probe(parse_target(f"127.0.0.1:{srv.port}"), TLS13, label="t")
    names = [name for _, name in result.ladder]
    assert result.ladder[0] == ("client", "ClientHello")
    assert names[1] == "ServerHello"
    encrypted = [n for n in names if n.endswith("(encrypted)")]
    assert encrypted[:3] == ["EncryptedExtensions (encrypted)", "Certificate (encrypted)",
                             "CertificateVerify (encrypted)"]


def test_refusal_ends_with_the_alert(s_server):
    srv = s_server(protocols=("tls1",), cipher="ALL:@SECLEVEL=0")
    result = probe(parse_target(f"127.0.0.1:{srv.port}"), TLS13, label="t")
    assert result.ladder == (("client", "ClientHello"), ("server", "Alert (fatal protocol_version)"))
