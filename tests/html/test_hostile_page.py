"""Certificates and captures that attack the reader of a report: in the page they are text,
and nothing of theirs runs, loads or reorders what is around it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from certs import HOSTILE_TEXT, hostile_subject_cert
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from tlsdoctor import diagnose, read_pcap, scan
from tlsdoctor.report.html import render_diagnose, render_pcap, render_scan

CAPTURES = Path(__file__).resolve().parents[1] / "ingest" / "captures"
INTER = '<script>document.title="pwned"</script>\u202eCA'
LEAF = "<img src=x onerror=alert(1)>\u2066evil\u2069"
BIDI = ("\u202e", "\u202c", "\u2066", "\u2069", "\u200f")


def nothing_ran(loaded: Any) -> None:
    """Only our own script, no handler attribute anywhere, no image, no injected frame."""
    loaded.assert_clean()
    page = loaded.page
    assert page.evaluate("document.scripts.length") == 1
    assert page.evaluate("""[...document.querySelectorAll('*')].filter(e =>
        [...e.attributes].some(a => a.name.toLowerCase().startsWith('on'))).length""") == 0
    assert page.evaluate("document.images.length + document.querySelectorAll("
                         "'iframe,object,embed,link,base,form,meta[http-equiv=refresh]').length") == 0
    assert not page.evaluate("document.title").startswith("pwned")


def visible_text(loaded: Any) -> str:
    """What a reader sees with every section opened; no raw control or bidi character
    anywhere in the document, seen or not (SVG titles, attributes included)."""
    page = loaded.page
    assert not any(c in page.content() for c in (*BIDI, "\x1b", "\x00", "\x9b", "\r"))
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    return str(page.evaluate("document.body.innerText"))


def test_hostile_names_in_a_chain(pki, s_server, open_page) -> None:
    inter = pki.ca.intermediate(name=INTER)
    leaf = inter.issue(("localhost",), subject_cn=LEAF)
    cert, key = pki.write_pem("leaf.pem", leaf.cert_pem), pki.write_pem("leaf.key", leaf.key_pem)
    with s_server(chain_path=cert, key_path=key) as srv:
        data = diagnose(f"localhost:{srv.port}", connect="127.0.0.1", ca_file=str(pki.root_pem),
                        offline=True, timeout=5.0).to_json()
    assert data["root_cause"] == "incomplete_chain"
    assert INTER in data["findings"][0]["explanation"]  # the hostile name is in the report
    loaded = open_page(render_diagnose(data))
    nothing_ran(loaded)
    text = visible_text(loaded)
    assert '<script>document.title="pwned"</script>\\u202eCA' in text
    assert "<img src=x onerror=alert(1)>\\u2066evil\\u2069" in text
    assert not any(c in text for c in BIDI)
    missing = loaded.text("#chain g.role-missing")
    assert "\\<script\\>document.title" in missing and "\\u202eCA" in missing


# cryptography warns about the 172-character CN at every access; the CLI silences library
# warnings (cli._Group.main), the test suite turns them into errors: ignore them here.
@pytest.mark.filterwarnings("ignore:Attribute's length:UserWarning")
def test_hostile_suite_certificate(pki, s_server, open_page) -> None:
    """tests/hostile's certificate: ANSI escapes, an OSC 8 link, HTML, shell, CR/LF, bidi."""
    key = ec.generate_private_key(ec.SECP256R1())
    cert = hostile_subject_cert(key)
    cert_path = pki.write_pem("hostile.pem", cert.public_bytes(serialization.Encoding.PEM))
    key_path = pki.write_pem("hostile.key", key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    with s_server(chain_path=cert_path, key_path=key_path) as srv:
        data = diagnose(f"localhost:{srv.port}", connect="127.0.0.1", offline=True,
                        timeout=5.0).to_json()
    assert data["root_cause"] == "cert_self_signed"
    loaded = open_page(render_diagnose(data))
    nothing_ran(loaded)
    text = visible_text(loaded)
    assert "<script>alert(1)</script>" in text and "$(touch /tmp/pwned)" in text
    assert "\\x1b[31mEVIL\\x1b[0m" in text and "\\u202egnp.exe" in text
    assert not any(c in text for c in (*BIDI, "\x1b", "\x00", "\x9b", "\r"))
    leaf = loaded.text("#chain g.role-leaf")
    assert "\\x1b[31mEVIL" in leaf and "\x1b" not in leaf


def _poison(value: Any, payloads: list[str], keys: bool = False) -> Any:
    """Every string (and, in server-named tables, every key) replaced by an attack."""
    if isinstance(value, str):
        payloads.append(payloads.pop(0))
        return payloads[-1]
    if isinstance(value, list):
        return [_poison(v, payloads, keys) for v in value]
    if isinstance(value, dict):
        return {(_poison(k, payloads) if keys and isinstance(k, str) else k):
                _poison(v, payloads, keys or k in ("trusted_by", "servers", "sni", "causes"))
                for k, v in value.items()}
    return value


PAYLOADS = ['<img src="http://192.0.2.1/x.png" onerror="alert(1)">',
            "</style><script>alert(2)</script>", "</script><script>alert(3)</script>",
            '"><svg onload=alert(4)>', "' onmouseover='alert(5)", "javascript:alert(6)",
            "]]><!-- --><iframe src=//192.0.2.1>", HOSTILE_TEXT,
            "\u202e}lmth.<\u2066<a href=http://192.0.2.1>x</a>"]


def _real_reports(pki: Any, s_server: Callable[..., Any]
                  ) -> list[tuple[dict[str, Any], Callable[[dict[str, Any]], str]]]:
    with s_server(pki.leaf(), protocols=("tls1_2", "tls1_3")) as srv:
        target = f"localhost:{srv.port}"
        found = diagnose(target, connect="127.0.0.1", ca_file=str(pki.root_pem), offline=True,
                         timeout=5.0).to_json()
        scanned = scan([target], connect="127.0.0.1", timeout=5.0).to_json()
    captured = read_pcap(CAPTURES / "expired.pcap").to_json()
    return [(found, render_diagnose), (scanned, render_scan), (captured, render_pcap)]


def test_every_string_of_every_page_kind_is_text(pki, s_server, open_page) -> None:
    pages = []
    for data, render in _real_reports(pki, s_server):
        poisoned = _poison(data, list(PAYLOADS))
        assert json.dumps(poisoned).count("alert(2)") > 10
        pages.append(render(poisoned))
    for i, page in enumerate(pages):
        loaded = open_page(page, name=f"poisoned{i}.html")
        nothing_ran(loaded)
        assert "<script>alert(2)</script>" in visible_text(loaded)


ATTACKS = ['<img src="http://192.0.2.1/pixel.png">',  # a fetch
           "<script>console.error('ran')</script>",  # a script the CSP must refuse
           '<p style="color:red">styled</p>']  # an inline style the CSP must refuse


def test_the_harness_sees_what_a_broken_page_would_do(pki, s_server, open_page) -> None:
    """The checks above are not vacuous: a page with one injected element fails them."""
    with s_server(pki.leaf()) as srv:
        data = diagnose(f"localhost:{srv.port}", connect="127.0.0.1", ca_file=str(pki.root_pem),
                        offline=True, timeout=5.0).to_json()
    page = render_diagnose(data)
    open_page(page, name="clean.html").assert_clean()
    for i, attack in enumerate(ATTACKS):
        loaded = open_page(page.replace("</main>", attack + "</main>"), name=f"attack{i}.html")
        with pytest.raises(AssertionError):
            loaded.assert_clean()
