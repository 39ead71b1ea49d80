"""Review 28: the trust steps for a STARTTLS target connect as tlsdoctor did.

``diagnose localhost:PORT --starttls smtp`` against a self-signed server gave
``openssl s_client -connect localhost:PORT -CAfile ...`` and ``curl --cacert ...
https://localhost:PORT/``: both send a ClientHello to the SMTP greeting, so the check a
person runs after trusting the certificate fails for a reason of its own.
"""

from __future__ import annotations

from tlsdoctor.fixes import client


def _codes(url: str) -> dict[str, str]:
    return {s.applies_to: s.code for s in client.trust_root("mx", None, url) if s.applies_to}


def test_trust_steps_for_a_starttls_service_speak_its_protocol() -> None:
    codes = _codes("smtp://mx.example.test:25/")
    assert codes["openssl"] == "openssl s_client -connect mx.example.test:25 -starttls smtp -CAfile mx.crt"
    assert codes["curl"] == "curl --ssl-reqd --cacert mx.crt smtp://mx.example.test:25/"
    assert "wget" not in codes  # wget speaks no STARTTLS
    xmpp = _codes("xmpp://chat.example.test:5222/")
    assert "-starttls xmpp" in xmpp["openssl"] and "curl" not in xmpp


def test_trust_steps_for_https_are_as_before() -> None:
    codes = _codes("https://www.example.test:8443/")
    assert codes["openssl"] == "openssl s_client -connect www.example.test:8443 -CAfile mx.crt"
    assert codes["curl"] == "curl --cacert mx.crt https://www.example.test:8443/"
    assert codes["wget"] == "wget --ca-certificate=mx.crt https://www.example.test:8443/"
