"""Round 14, vague certificate failures, with real programs on 127.0.0.1: a certificate for
``localhost`` only asked for by address (127.0.0.1) and by another name (each client's own
way of resolving it: curl --resolve, s_client -verify_hostname, gnutls-cli --verify-hostname,
Python's server_hostname, Node's servername, Go's ServerName), a certificate with only the
clientAuth extended key usage, an expired one, and a client whose clock is behind
(libfaketime). explain must name the class from what each program really printed; a missing
program is skipped."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from tlsdoctor import explain
from tlsdoctor.testing import faketime
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.servers import openssl_server

_PY = ("import ssl, socket, sys\nhost, port, ca, name = sys.argv[1], int(sys.argv[2]), "
       "sys.argv[3], sys.argv[4]\nctx = ssl.create_default_context(cafile=ca)\n"
       "with socket.create_connection((host, port), timeout=5) as s:\n"
       "    with ctx.wrap_socket(s, server_hostname=name) as t:\n        print(t.version())\n")
_PY_REQUESTS = ("import sys, requests\nrequests.get(sys.argv[1], verify=sys.argv[2], "
                "timeout=5)\n")
_NODE = ("const tls = require('tls'), fs = require('fs');\n"
         "const [host, port, ca, name] = process.argv.slice(1);\n"
         "const s = tls.connect({host, port: +port, ca: fs.readFileSync(ca), servername: name},"
         " () => { console.log('ok'); s.end(); });\n"
         "s.setTimeout(5000, () => s.destroy());\n"
         "s.on('error', e => { console.error(e); process.exit(1); });\n")
_GO = """package main

import (
	"crypto/tls"
	"crypto/x509"
	"log"
	"os"
)

func main() {
	pool := x509.NewCertPool()
	pem, err := os.ReadFile(os.Args[2])
	if err != nil {
		log.Fatal(err)
	}
	pool.AppendCertsFromPEM(pem)
	conn, err := tls.Dial("tcp", os.Args[1], &tls.Config{RootCAs: pool, ServerName: os.Args[3]})
	if err != nil {
		log.Fatal(err)
	}
	conn.Close()
}
"""
_JAVA = """import java.io.FileInputStream;
import java.net.URL;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.*;

public class NamesClient {
    public static void main(String[] a) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
            .generateCertificate(new FileInputStream(a[1])));
        TrustManagerFactory t = TrustManagerFactory.getInstance("PKIX");
        t.init(ks);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, t.getTrustManagers(), null);
        HttpsURLConnection h = (HttpsURLConnection) new URL(a[0]).openConnection();
        h.setSSLSocketFactory(c.getSocketFactory());
        h.setConnectTimeout(5000);
        h.setReadTimeout(5000);
        try {
            System.out.println(h.getResponseCode());
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }
}
"""


@dataclass(frozen=True, slots=True, kw_only=True)
class Lab:
    work: Path
    ca: Path
    ports: dict[str, int]  # server kind -> port


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    work = tmp_path_factory.mktemp("certnames")
    root = CA(name="round14 root CA")
    ca = root.write(work / "ca.pem")
    leaves = {"named": root.issue(["localhost"]),
              "purpose": root.issue(["localhost"], eku=("clientAuth",)),
              "expired": root.issue(["localhost"], not_before=timedelta(days=-90),
                                    not_after=timedelta(days=-3))}
    files = {k: leaf.write(work, stem=k) for k, leaf in leaves.items()}
    with openssl_server(*files["named"], www=True) as named, \
            openssl_server(*files["purpose"], www=True) as purpose, \
            openssl_server(*files["expired"], www=True) as expired:
        yield Lab(work=work, ca=ca, ports={"named": named.port, "purpose": purpose.port,
                                          "expired": expired.port})


# scenario -> (server kind, host to connect to, the name the client asks for)
SCENARIOS = {
    "by_ip": ("named", "127.0.0.1", "127.0.0.1"),
    "other_name": ("named", "127.0.0.1", "other.test"),
    "purpose": ("purpose", "127.0.0.1", "localhost"),
    "expired": ("expired", "127.0.0.1", "localhost"),
}
WANT = {"by_ip": "hostname_mismatch", "other_name": "hostname_mismatch",
        "purpose": "cert_wrong_purpose", "expired": "cert_expired"}
CLIENTS = ("curl", "wget", "s_client", "gnutls_cli", "python", "requests", "node", "go",
           "java")
# what a client cannot be made to ask (its own resolver would look the name up)
_CANNOT = {("wget", "other_name"), ("requests", "other_name"), ("java", "other_name"),
           # GnuTLS 3.7 (wget's back end) accepts a clientAuth-only leaf: no failure to read
           ("wget", "purpose")}


def _url(name: str, port: int) -> str:
    return f"https://{name}:{port}/"


def _argv(client: str, lab: Lab, scenario: str) -> list[str]:
    kind, _, asked = SCENARIOS[scenario]
    port, ca, w = lab.ports[kind], str(lab.ca), lab.work
    url = _url(asked, port)
    argv = {
        "curl": ["curl", "-sS", "--max-time", "5", "--cacert", ca,
                 "--resolve", f"{asked}:{port}:127.0.0.1", url],
        "wget": ["wget", "-O", "/dev/null", "--tries=1", "--timeout=5",
                 f"--ca-certificate={ca}", url],
        "s_client": ["openssl", "s_client", "-connect", f"127.0.0.1:{port}", "-CAfile", ca,
                     "-verify_return_error", "-brief",
                     *(["-verify_ip", asked] if asked == "127.0.0.1" else
                       ["-servername", asked, "-verify_hostname", asked])],
        "gnutls_cli": ["gnutls-cli", "--x509cafile", ca, "-p", str(port),
                       "--verify-hostname", asked, "127.0.0.1"],
        "python": ["python3", "-c", _PY, "127.0.0.1", str(port), ca, asked],
        "requests": ["python3", "-c", _PY_REQUESTS, url, ca],
        "node": ["node", "-e", _NODE, "127.0.0.1", str(port), ca, asked],
        "go": [str(w / "namesclient"), f"127.0.0.1:{port}", ca, asked],
        "java": ["java", "-cp", str(w), "NamesClient", url, ca],
    }
    return argv[client]


def _unavailable(client: str, lab: Lab) -> str | None:
    binary = {"s_client": "openssl", "gnutls_cli": "gnutls-cli", "python": "python3",
              "requests": "python3", "go": "go", "java": "javac"}.get(client, client)
    if shutil.which(binary) is None:
        return f"{binary} is not installed"
    if client == "requests" and subprocess.run(["python3", "-c", "import requests"],
                                               capture_output=True, check=False).returncode:
        return "requests is not installed"
    if client == "go" and not (lab.work / "namesclient").exists():
        (lab.work / "namesclient.go").write_text(_GO)
        env = {**os.environ, "GOCACHE": str(lab.work / "gocache"), "GO111MODULE": "off",
               "GOPROXY": "off", "GOFLAGS": ""}
        p = subprocess.run(["go", "build", "-o", str(lab.work / "namesclient"),
                            str(lab.work / "namesclient.go")], capture_output=True,
                           env=env, timeout=240, check=False)
        if p.returncode:
            return f"go build failed: {p.stderr[-300:]!r}"
    if client == "java" and not (lab.work / "NamesClient.class").exists():
        (lab.work / "NamesClient.java").write_text(_JAVA)
        p = subprocess.run(["javac", "-d", str(lab.work), str(lab.work / "NamesClient.java")],
                           capture_output=True, timeout=120, check=False)
        if p.returncode:
            return f"javac failed: {p.stderr[-300:]!r}"
    return None


def _run(argv: list[str], *, env: dict[str, str] | None = None) -> tuple[int | None, str]:
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=25,
                           env=env, check=False)
    except subprocess.TimeoutExpired as exc:
        return None, (bytes(exc.stdout or b"") + bytes(exc.stderr or b"")).decode("utf-8",
                                                                                  "replace")
    return p.returncode, (p.stdout + p.stderr).decode("utf-8", "replace")


@pytest.mark.parametrize("scenario", list(SCENARIOS))
@pytest.mark.parametrize("client", CLIENTS)
def test_real_client_names_purpose_dates(lab: Lab, client: str, scenario: str) -> None:
    if (client, scenario) in _CANNOT:
        pytest.skip("this client cannot be run this way here (see _CANNOT)")
    why = _unavailable(client, lab)
    if why:
        pytest.skip(why)
    code, text = _run(_argv(client, lab, scenario))
    assert code not in (None, 0), text  # it failed, by itself
    r = explain(text)
    assert r.findings, text
    top = r.findings[0]
    assert top.cause.value == WANT[scenario], (text[-600:], [(f.cause.value, f.confidence)
                                                             for f in r.findings[:3]])
    if scenario != "expired":  # "has expired" alone is also an old store's expired root
        assert (top.confidence or 0) >= 0.6, text[-600:]


def test_wget_with_its_clock_behind_reads_the_clock(lab: Lab) -> None:
    """wget under libfaketime at 2000-01-01 against a good certificate: its own ``--date
    time--`` line is the printing clock (round 12's reader), so the clock, not the
    certificate, comes first, confidently."""
    lib = faketime.LIBRARY
    if shutil.which("wget") is None or lib is None:
        pytest.skip("wget or libfaketime is not installed")
    env = {**os.environ, "LD_PRELOAD": lib, "FAKETIME": "@2000-01-01 12:00:00",
           "FAKETIME_DONT_FAKE_MONOTONIC": "1"}
    code, text = _run(["wget", "-O", "/dev/null", "--tries=1", "--timeout=5",
                       f"--ca-certificate={lab.ca}",
                       _url("localhost", lab.ports["named"])], env=env)
    assert code not in (None, 0), text
    assert "2000-01-01" in text, text
    top = explain(text).findings[0]
    assert top.cause.value == "client_clock_wrong" and (top.confidence or 0) >= 0.6, text
