import json

from tlsdoctor.diagnosis.names import ca_names
from tlsdoctor.safe import printable


def test_printable_neutralises_escapes_and_bidi():
    hostile = "evil\x1b[2J\x1b]8;;http://x\x07\u202egnp.exe\r\nX"
    out = printable(hostile)
    assert "\x1b" not in out and "\u202e" not in out and "\r" not in out and "\x07" not in out
    assert "\\x1b" in out and "\\u202e" in out
    json.loads(json.dumps(out))


def test_printable_keeps_ordinary_text_and_caps_length():
    assert printable("Let's Encrypt R3 — ü") == "Let's Encrypt R3 — ü"
    assert len(printable("a" * 10_000, limit=100)) == 101


def test_ca_names_decode_and_survive_garbage():
    from cryptography import x509

    name = x509.Name.from_rfc4514_string("CN=Corp Client CA,O=Example")
    assert ca_names((name.public_bytes(), b"\x30\x05garbage", b"")) == [
        "CN=Corp Client CA,O=Example", "(unparseable name, 9 bytes)", "(unparseable name, 0 bytes)"]
