"""The fix harness: snippets land where an operator would put them, commands in them are
carried out on the test's own files only, and each server's own parser judges the result."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tlsdoctor.testing import fixapply, servers
from tlsdoctor.testing.fixapply import SnippetError, WebConfig, apply_snippet


def cfg(software: str, tmp_path: Path, **kw: tuple[str, ...]) -> WebConfig:
    return WebConfig(software=software, chain_path=tmp_path / "c.pem",
                     key_path=tmp_path / "k.pem", **kw)


def test_nginx_directive_replaces_the_same_directive(tmp_path):
    before = cfg("nginx", tmp_path, site_lines=("ssl_protocols TLSv1;", "ssl_ciphers ALL;"))
    after = apply_snippet(before, "# a comment\nssl_protocols TLSv1.2 TLSv1.3;", workdir=tmp_path)
    assert after.site_lines == ("ssl_ciphers ALL;", "ssl_protocols TLSv1.2 TLSv1.3;")
    with pytest.raises(SnippetError, match="no ';'"):
        apply_snippet(before, "ssl_protocols TLSv1.2", workdir=tmp_path)


def test_apache_server_level_directives_go_outside_the_virtualhost(tmp_path):
    before = cfg("apache", tmp_path, site_lines=('SSLOpenSSLConfCmd DHParameters "old.pem"',
                                                 "SSLOpenSSLConfCmd Curves X25519"))
    after = apply_snippet(before, "SSLStaplingCache shmcb:/x(1000)\nSSLUseStapling On\n"
                                  'SSLOpenSSLConfCmd DHParameters "new.pem"', workdir=tmp_path)
    assert after.global_lines == ("SSLStaplingCache shmcb:/x(1000)",)
    # two-word directives: only the same parameter is replaced
    assert after.site_lines == ("SSLOpenSSLConfCmd Curves X25519", "SSLUseStapling On",
                                'SSLOpenSSLConfCmd DHParameters "new.pem"')


def test_haproxy_sections_and_bind_options(tmp_path):
    before = cfg("haproxy", tmp_path,
                 global_lines=("ssl-default-bind-options ssl-min-ver TLSv1.0", "maxconn 100"),
                 bind_options=("ssl-max-ver", "TLSv1.0", "alpn", "h2"))
    after = apply_snippet(before, "global\n    ssl-default-bind-options ssl-min-ver TLSv1.2\n"
                                  "bind :443 ssl crt /x.pem ssl-max-ver TLSv1.3 no-tls-tickets",
                          workdir=tmp_path)
    assert after.global_lines == ("maxconn 100", "ssl-default-bind-options ssl-min-ver TLSv1.2")
    assert after.bind_options == ("alpn", "h2", "ssl-max-ver", "TLSv1.3", "no-tls-tickets")
    with pytest.raises(SnippetError, match="outside a known section"):
        apply_snippet(before, "tune.ssl.default-dh-param 2048", workdir=tmp_path)


def test_placeholders_and_commands_work_on_the_tests_files_only(tmp_path):
    before = cfg("nginx", tmp_path)
    after = apply_snippet(before, "# generate once: openssl dhparam -out /etc/nginx/dh.pem 2048\n"
                                  "ssl_dhparam /etc/nginx/dh.pem;",
                          paths={"/etc/nginx/dh.pem": tmp_path / "dh.pem"}, workdir=tmp_path)
    assert after.site_lines == (f"ssl_dhparam {tmp_path / 'dh.pem'};",)
    text = subprocess.run(["openssl", "dhparam", "-in", str(tmp_path / "dh.pem"), "-text",
                           "-noout"], capture_output=True, text=True, check=True).stdout
    assert "2048 bit" in text
    with pytest.raises(SnippetError, match="not a file of this test"):
        apply_snippet(before, "openssl dhparam 2048 >> /etc/ssl/elsewhere.pem", workdir=tmp_path)
    with pytest.raises(SnippetError, match="not a file of this test"):
        apply_snippet(before, "sed -i 's/a/b/' /etc/hostname", workdir=tmp_path)
    pem = tmp_path / "cert.pem"
    pem.write_text("keep\n-----BEGIN DH PARAMETERS-----\nold\n-----END DH PARAMETERS-----\n")
    apply_snippet(before, "sed -i '/BEGIN DH PARAMETERS/,/END DH PARAMETERS/d' /path/c.pem",
                  paths={"/path/c.pem": pem}, workdir=tmp_path)
    assert pem.read_text() == "keep\n"


def test_a_combined_pem_the_snippet_builds_becomes_haproxys_crt(tmp_path):
    (tmp_path / "a.pem").write_text("A\n")
    (tmp_path / "k.pem").write_text("K\n")
    after = apply_snippet(cfg("haproxy", tmp_path),
                          "cat /etc/ssl/full.pem /etc/ssl/k.key > /etc/haproxy/s.pem\n"
                          "bind :443 ssl crt /etc/haproxy/s.pem",
                          paths={"/etc/ssl/full.pem": tmp_path / "a.pem",
                                 "/etc/ssl/k.key": tmp_path / "k.pem",
                                 "/etc/haproxy/s.pem": tmp_path / "s.pem"}, workdir=tmp_path)
    assert (tmp_path / "s.pem").read_text() == "A\nK\n"
    assert after.crt_path == tmp_path / "s.pem"
    with pytest.raises(SnippetError, match="not files of this test"):
        apply_snippet(cfg("haproxy", tmp_path), "cat /etc/shadow > /tmp/x.pem", workdir=tmp_path)


def test_cat_appends_once_and_the_certificate_lines_replace_the_servers_own(tmp_path):
    (tmp_path / "c.pem").write_text("LEAF\n")
    (tmp_path / "i.pem").write_text("ROOT\n")
    after = apply_snippet(cfg("haproxy", tmp_path), "cat /etc/ssl/i.pem >> /etc/haproxy/c.pem",
                          paths={"/etc/ssl/i.pem": tmp_path / "i.pem",
                                 "/etc/haproxy/c.pem": tmp_path / "c.pem"}, workdir=tmp_path)
    assert (tmp_path / "c.pem").read_text() == "LEAF\nROOT\n"
    assert after.chain_path == tmp_path / "c.pem"
    with pytest.raises(SnippetError, match="not files of this test"):
        apply_snippet(cfg("nginx", tmp_path), "cat /x.pem >> /tmp/no-such.pem", workdir=tmp_path)
    with pytest.raises(SnippetError, match="expected 'cat FILE"):
        apply_snippet(cfg("nginx", tmp_path), "cat c.pem", workdir=tmp_path)
    # an operator edits the site's certificate lines; a second certificate is not added
    for software, lines in (("nginx", "ssl_certificate /n.pem;\nssl_certificate_key /k2.pem;"),
                            ("apache", "SSLCertificateFile /n.pem\nSSLCertificateKeyFile /k2.pem")):
        edited = apply_snippet(cfg(software, tmp_path), lines, workdir=tmp_path)
        assert (edited.chain_path, edited.key_path, edited.site_lines) == \
            (Path("/n.pem"), Path("/k2.pem"), ())


@pytest.mark.parametrize("software, bad", [
    ("nginx", "ssl_protocolz TLSv1.2;"),
    ("apache", "SSLProtocolz TLSv1.2"),
    ("haproxy", "global\n    ssl-default-bind-optionz ssl-min-ver TLSv1.2"),
])
def test_the_servers_own_parser_rejects_a_bad_line(software, bad, pki, web):
    chain, key = pki.write(pki.leaf())
    srv = web(WebConfig(software=software, chain_path=chain, key_path=key))
    with pytest.raises(servers.ConfigRejected, match=r"optionz|protocolz|Protocolz"):
        srv.apply(bad)


def test_apache_that_fails_after_listening_is_reported_not_returned(pki, tmp_path):
    """httpd binds its port before mod_ssl loads the key: readiness is its pid file."""
    if not servers.have_apache():
        pytest.skip("apache2 is not installed")
    chain, _ = pki.write(pki.leaf())
    wrong_key, _ = pki.write(pki.leaf("other.test"))  # a certificate where the key should be
    with pytest.raises(servers.ServerStartError):
        servers.apache_server(chain, wrong_key)


@pytest.mark.parametrize("software", ["apache", "haproxy"])
def test_servers_stop_with_every_process(software, pki, web):
    chain, key = pki.write(pki.leaf())
    srv = web(WebConfig(software=software, chain_path=chain, key_path=key)).server
    pid = srv.pid
    assert pid is not None and srv.alive()
    srv.stop()
    with pytest.raises(ProcessLookupError):
        os.killpg(pid, 0)  # the process group (httpd's children too) is gone
    assert fixapply.SOFTWARE == ("nginx", "apache", "haproxy")
