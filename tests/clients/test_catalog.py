"""Client profiles are data (profiles.json) with a source for every fact; the loader
refuses a file that breaks that; the policy facts read live for ``local`` are this
machine's."""

from __future__ import annotations

import json
import os
import ssl
import subprocess
import sys
from importlib import resources

import pytest

from tlsdoctor.clients.catalog import CatalogError, all_profiles, get_profile, load_catalog
from tlsdoctor.clients.local import local_profile
from tlsdoctor.clients.profile import TLS12, TLS13
from tlsdoctor.realclients.verify import all_drivers


def _data() -> dict:
    return json.loads((resources.files("tlsdoctor.clients") / "profiles.json").read_text())


def test_every_policy_fact_has_a_source():
    for p in all_profiles():
        if p.family == "captured":
            continue
        recorded = p.policy.to_json()
        assert len(recorded) >= 2, p.name
        for fact, entry in recorded.items():
            assert entry["source"] and len(entry["source"]) > 10, (p.name, fact)


def test_profiles_checked_by_a_real_program_say_against_which_version():
    checked = {profile for d in all_drivers() for profile in d.profiles}
    assert checked == {"chrome-156", "firefox-132", "java-17", "go-1.18", "node-20",
                       "curl-8", "python-3", "local",
                       # round 18: command-line tools and application runtimes
                       "openssl-3", "openssl-3-seclevel2", "wget-1.21", "gnutls-3.7", "nss-3",
                       "php-8.2", "ruby-3.1", "perl-io-socket-ssl", "erlang-25", "mono-6.8"}
    for p in all_profiles():
        j = p.to_json()["verification"]
        if p.name in checked:
            assert j["status"] == "tested" and j["against"], p.name
        else:
            assert j == {"status": "documented"}, p.name


def test_go_clients_start_at_tls12_since_go118():
    # go/src/crypto/tls/common.go supportedVersions: isClient && v < VersionTLS12 skipped
    for name in ("go-1.18", "go-1.22", "go-1.23", "go-1.24", "go-1.25", "go-1.26", "go-1.27"):
        p = get_profile(name)
        assert p.versions == (TLS13, TLS12), name
        assert p.policy.min_version == TLS12
    assert get_profile("go-1.18").policy.max_cert_message_bytes == 65536


def test_a_policy_builds_on_its_base():
    legacy, java = get_profile("java-8u31").policy, get_profile("java-17").policy
    assert legacy.min_version == 0x0301 and java.min_version == TLS12  # overridden
    assert legacy.cn_fallback is java.cn_fallback is True  # inherited
    assert java.weak_signature_scope == "public_roots"
    assert get_profile("java-17").sha1_certs is False  # flat field from the same policy
    assert get_profile("ie-11-win7").sha1_certs is True


@pytest.mark.parametrize("break_it, message", [
    (lambda d: d["policies"]["go"]["facts"]["cn_fallback"].pop("source"), "with a source"),
    (lambda d: d["policies"]["go"]["facts"].update(colour={"value": 1, "source": "x"}),
     "known fact"),
    (lambda d: d["profiles"][0].update(cipher_suites="no_such_list"), "unknown list"),
    (lambda d: d["profiles"][0].update(versions=["TLS 9"]), "unknown version"),
    (lambda d: d["policies"]["go"].update(base="nowhere"), "unknown policy"),
    (lambda d: d.pop("lists"), "KeyError"),
])
def test_a_broken_profiles_file_is_refused_by_name(break_it, message):
    data = _data()
    break_it(data)
    with pytest.raises(CatalogError, match=message):
        load_catalog(json.dumps(data))


def test_the_shipped_file_loads_all_profiles():
    profiles = load_catalog(json.dumps(_data()))
    # go-1.23, 1.25-1.27: round 21; gnutls-3.6 (a verifier before 3.6.14): round 28
    assert len(profiles) == 54 and len({p.name for p in profiles}) == 54


def test_local_policy_is_read_live():
    ctx = ssl.create_default_context()
    policy = local_profile().policy
    assert policy.cn_fallback is ctx.hostname_checks_common_name
    level = ctx.security_level
    assert policy.min_rsa_bits == {0: 0, 1: 1024, 2: 2048, 3: 3072}.get(level, policy.min_rsa_bits)
    assert f"security level {level}" in (policy.source("min_rsa_bits") or "")
    assert policy.trust_store == ssl.get_default_verify_paths().openssl_cafile


_NARROWING_CONF = """openssl_conf = openssl_init
[openssl_init]
ssl_conf = ssl_sect
[ssl_sect]
system_default = system_default_sect
[system_default_sect]
MinProtocol = TLSv1.2
MaxProtocol = TLSv1.2
Options = -SessionTicket
"""

# The profile of this machine is read from a context without the system store (loading
# it is slow); every property it reads must be what create_default_context() has.
_COMPARE = """
import json, ssl
from tlsdoctor.clients.local import local_profile
a = ssl.create_default_context()
b = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
names = ("minimum_version", "maximum_version", "options", "verify_flags", "verify_mode",
         "hostname_checks_common_name", "security_level")
p = local_profile()
print(json.dumps({"same": {n: getattr(a, n) == getattr(b, n) for n in names},
                  "ciphers": a.get_ciphers() == b.get_ciphers(), "level": a.security_level,
                  "suites": [c["id"] & 0xFFFF for c in a.get_ciphers()],
                  "profile_suites": list(p.cipher_suites), "versions": list(p.versions)}))
"""


@pytest.mark.parametrize("narrowed", [False, True])
def test_local_profile_is_the_default_contexts(tmp_path, narrowed):
    env = dict(os.environ)
    if narrowed:
        conf = tmp_path / "openssl.cnf"
        conf.write_text(_NARROWING_CONF)
        env["OPENSSL_CONF"] = str(conf)
    p = subprocess.run([sys.executable, "-c", _COMPARE], capture_output=True, text=True,
                       timeout=60, env=env, check=False)
    assert p.returncode == 0, p.stderr
    got = json.loads(p.stdout)
    assert all(got["same"].values()), got["same"]
    assert got["ciphers"] and got["profile_suites"] == got["suites"]
    if narrowed:  # the configuration reached both contexts
        assert got["versions"] == [TLS12]


def test_clients_json_shows_policy_and_verification():
    p = subprocess.run([sys.executable, "-m", "tlsdoctor", "clients", "--json"],
                       capture_output=True, text=True, timeout=60, check=False)
    assert p.returncode == 0, p.stderr
    rows = {c["name"]: c for c in json.loads(p.stdout)["clients"]}
    assert rows["ie-8-xp"]["verification"] == {"status": "documented"}
    assert rows["java-17"]["verification"]["against"].startswith("OpenJDK 17")
    facts = rows["firefox-132"]["policy"]
    assert facts["must_staple_enforced"]["value"] is True
    assert "enable_ocsp_must_staple" in facts["must_staple_enforced"]["source"]
    assert rows["go-1.18"]["versions"] == ["0x0304", "0x0303"]


def test_clients_table_says_documented_or_tested():
    p = subprocess.run([sys.executable, "-m", "tlsdoctor", "clients"], capture_output=True,
                       text=True, timeout=60, check=False, env={**os.environ, "COLUMNS": "250"})
    assert p.returncode == 0, p.stderr
    assert "documented, not tested" in p.stdout and "Chromium 156" in p.stdout
