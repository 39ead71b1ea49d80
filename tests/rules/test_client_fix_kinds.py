"""Client-side fix steps follow the client the evidence names (issue 11, class 6).

A named client gets the steps of its own kind (profiles.json ``fix_kind``, fixes/clients.toml)
and none of the others', as a known server software gets its own lines only; a client with no
per-connection setting (browser, OS, device) gets the honest step and the server's steps.
This machine's own client (Python on the local OpenSSL) gets python/curl/openssl/system steps;
no client at all (error text) gets every kind.
"""

from dataclasses import replace

import pytest
from evidence_builders import (
    HANDSHAKE_FAILURE,
    PROTOCOL_VERSION,
    TLS10,
    TLS11,
    TLS12,
    TLS13,
    alert,
    analyze,
    chain_only,
    codes,
    exchange,
    live,
    modern_client,
    specific_steps,
)

from tlsdoctor.api.judge import judge
from tlsdoctor.causes import Cause
from tlsdoctor.clients.catalog import all_profiles, get_profile
from tlsdoctor.evidence import Probe
from tlsdoctor.fixes import FixContext, attach_fixes
from tlsdoctor.fixes.client import settable
from tlsdoctor.probe.outcome import CertRequest

SUITES, VERSION = Cause.CIPHER_SUITE_MISMATCH, Cause.PROTOCOL_VERSION_MISMATCH
UNTRUSTED, MTLS = Cause.CERT_UNTRUSTED_ROOT, Cause.CLIENT_CERT_REQUIRED
RSA_AES256_CBC = 0x0035  # TLS_RSA_WITH_AES_256_CBC_SHA
CLIENT_TAGS = {"curl", "python", "openssl", "system", "wget", "java", "node", "go", "dotnet",
               "chrome", "firefox", "windows", "macos", "ios", "android", "embedded"}


def _as(name: str, *, local: bool = False):
    """A catalogue client offering only modern suites (so the server's CBC suite is not in
    its list), keeping its kind."""
    return replace(get_profile(name), cipher_suites=modern_client().cipher_suites,
                   is_local=local)


def _suite_mismatch(client):
    base = alert(Probe.BASELINE, HANDSHAKE_FAILURE, versions=client.versions,
                 suites=client.cipher_suites)
    wide = exchange(Probe.WIDE, versions=(TLS13, TLS12), version=TLS12,
                    cipher_suite=RSA_AES256_CBC, group=0x001D)
    return live(base, wide, client=client, server_software="nginx")


def _client_tags(steps) -> set[str]:
    return {s.applies_to for s in steps if s.applies_to in CLIENT_TAGS}


def test_every_profile_names_a_known_kind():
    for p in all_profiles():
        if p.family != "captured":
            assert settable(p) in (True, False) and p.fix_kind, p.name


@pytest.mark.parametrize("name, tag, needle", [
    ("java-8", "java", "-Dhttps.cipherSuites=TLS_RSA_WITH_AES_256_CBC_SHA"),
    ("node-20", "node", "ciphers: 'DEFAULT:@SECLEVEL=0'"),
    ("go-1.22", "go", "CipherSuites: []uint16{tls.TLS_RSA_WITH_AES_256_CBC_SHA}"),
    ("dotnet-8-linux", "dotnet", "TlsCipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA"),
    ("python-3", "python", "ctx.set_ciphers('DEFAULT:@SECLEVEL=0')"),
])
def test_cipher_stopgap_is_the_named_clients(name, tag, needle):
    steps = specific_steps(_suite_mismatch(_as(name)), SUITES)
    assert steps[0].applies_to == "nginx"  # the server's fix first
    assert needle in codes(steps)
    assert _client_tags(steps) <= {tag, "system"}, _client_tags(steps)
    assert "curl --ciphers" not in codes(steps) or tag == "curl"


def test_go_says_tls13_suites_are_not_configurable():
    steps = specific_steps(_suite_mismatch(_as("go-1.24")), SUITES)
    assert any("TLS 1.3 suites are not configurable" in s.text for s in steps)


@pytest.mark.parametrize("name", ["chrome-80", "safari-12", "android-7", "mbedtls-3"])
def test_cipher_for_a_client_without_settings_is_honest(name):
    steps = specific_steps(_suite_mismatch(_as(name)), SUITES)
    assert steps[0].applies_to == "nginx" and "ssl_ciphers" in steps[0].code
    assert not _client_tags(steps) - {"chrome", "safari", "android", "embedded"}
    honest = steps[-1]
    assert "has no per-connection cipher setting" in honest.text and not honest.code
    assert get_profile(name).title in honest.text


def test_local_client_gets_curl_python_openssl():
    steps = specific_steps(_suite_mismatch(_as("openssl-3", local=True)), SUITES)
    assert _client_tags(steps) == {"curl", "python", "openssl"}


def _old_server(client):
    base = alert(Probe.BASELINE, PROTOCOL_VERSION, versions=client.versions)
    floor = exchange(Probe.VERSION_FLOOR, versions=(TLS11, TLS10), version=TLS10,
                     cipher_suite=0xC013)
    return live(base, floor, client=client, server_software="nginx")


def test_old_server_java_gets_the_java_stopgap_after_the_server_fix():
    steps = specific_steps(_old_server(get_profile("java-17")), VERSION)
    assert steps[0].code == "ssl_protocols TLSv1.2 TLSv1.3;"
    assert "java -Djava.security.properties=legacy.security" in codes(steps)
    assert _client_tags(steps) == {"java"}


def test_old_server_chrome_only_the_server_can_fix():
    steps = specific_steps(_old_server(get_profile("chrome-131")), VERSION)
    assert steps[0].code == "ssl_protocols TLSv1.2 TLSv1.3;"
    assert "SECLEVEL" not in codes(steps) and "jdk.tls" not in codes(steps)
    assert "Chrome 131+" in steps[-1].text and "only the server can fix" in steps[-1].text


def test_old_client_upgrade_and_the_server_alternative():
    old = get_profile("java-7")
    base = alert(Probe.BASELINE, PROTOCOL_VERSION, versions=old.versions)
    ev = live(base, exchange(Probe.WIDE, versions=(TLS13, TLS12), version=TLS13), client=old,
              server_software="nginx")
    steps = specific_steps(ev, VERSION)
    assert steps[0].text.startswith("Upgrade Java 7")
    assert any(s.applies_to == "nginx" for s in steps[1:])


@pytest.mark.parametrize("name, expect", [
    ("java-17", "keytool -importcert -noprompt"), ("node-20", "NODE_EXTRA_CA_CERTS="),
    ("go-1.22", "export SSL_CERT_FILE="), ("safari-17", "security add-trusted-cert"),
    ("windows-10", "certutil -addstore -f Root"), ("firefox-132", None),
    ("android-14", None), ("curl-8", "curl --cacert")])
def test_trust_a_private_root_per_client(rpki, name, expect):
    facts = analyze([rpki.leaf(issuer=rpki.private).cert, rpki.private.cert], rpki.stores)
    steps = specific_steps(chain_only(facts, client=get_profile(name)), UNTRUSTED)
    kind = get_profile(name).fix_kind
    assert "BEGIN CERTIFICATE" in steps[0].code  # the root itself, to check and save
    tags = _client_tags(steps) - {"openssl"}  # the server's new-certificate CSR is openssl's
    allowed = {"java": {"java"}, "node": {"node"}, "go": {"go", "system"},
               "safari": {"macos", "ios"}, "windows": {"windows"}, "firefox": {"firefox"},
               "android": {"android"}, "curl": {"curl", "system"}}[kind]
    assert tags and tags <= allowed, tags
    if expect:
        assert expect in codes(steps)


def test_no_client_named_shows_every_kind():
    """Evidence without a client (error text, logs) keeps every kind's steps."""
    steps = specific_steps(_suite_mismatch(_as("curl-8")), SUITES)
    assert _client_tags(steps) == {"curl"}
    judged = [f for f in judge(_suite_mismatch(_as("curl-8"))) if f.cause is SUITES]
    every = attach_fixes(judged, FixContext(server_software="nginx"))[0].fix
    assert {"curl", "python", "java", "node", "go", "dotnet"} <= _client_tags(every)


@pytest.mark.parametrize("name, expect", [
    ("java-11", "-Djavax.net.ssl.keyStore=client.p12"), ("node-20", "cert: fs.readFileSync"),
    ("go-1.24", "tls.LoadX509KeyPair"), ("windows-11", "certutil -user -importPFX"),
    ("python-3", "load_cert_chain")])
def test_client_certificate_per_client(name, expect):
    client = get_profile(name)
    ev = live(exchange(cert_request=CertRequest(ca_names=("CN=Corp Client CA",)),
                       versions=client.versions), client=client)
    steps = specific_steps(ev, MTLS)
    assert expect in codes(steps)
    assert "curl --cert" not in codes(steps)
