"""Client-side trust steps, applied literally with the real runtime (issue 11, class 6).

openssl s_server on 127.0.0.1 serves a chain that ends at a private root. ``diagnose --client NAME``
finds ``cert_untrusted_root`` and gives that client's steps only; the test saves the root
where the first step says, runs the named client's own step (its shell lines verbatim) and
then the real client (Python urllib, Node https, Java HttpsURLConnection, Go net/http):
it fails without the step and connects with it. Loopback only, bounded time.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

import tlsdoctor
from tlsdoctor.causes import Cause
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.servers import Server, openssl_server

_GO = """package main
import ("fmt"; "net/http"; "os")
func main() {
	r, err := http.Get(os.Args[1])
	if err != nil { fmt.Println(err); os.Exit(1) }
	r.Body.Close()
}
"""
_JAVA = """public class Get { public static void main(String[] a) throws Exception {
    var c = (javax.net.ssl.HttpsURLConnection) new java.net.URL(a[0]).openConnection();
    c.setConnectTimeout(10000); c.setReadTimeout(10000); c.connect(); c.disconnect(); } }
"""
# client name (None: this machine) -> tag of its step, the program, the tool it needs.
CLIENTS = {
    "local": ("python", "python3 -c 'import sys, urllib.request; "
                        "urllib.request.urlopen(sys.argv[1], timeout=10)' \"$URL\"", "python3"),
    "node-20": ("node", "node -e 'require(\"https\").get(process.argv[1], r => process.exit(0))"
                        ".on(\"error\", e => { console.error(e.message); process.exit(1) })' \"$URL\"",
                "node"),
    "java-17": ("java", "java Get.java \"$URL\"", "java"),
    "go-1.22": ("go", "go run get.go \"$URL\"", "go"),
}


@pytest.fixture(scope="module")
def private_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = CA(name="Clientfix Corp Root")
    leaf = root.intermediate(name="Clientfix Corp Issuing CA").issue(["localhost"])
    # The whole chain up to the private root is sent: only the client's trust is missing.
    chain, key = leaf.write(tmp_path_factory.mktemp("site"), stem="site", include_root=True)
    with openssl_server(chain, key, www=True) as srv:
        yield srv


def _run(script: str, workdir: Path, url: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin:/usr/local/bin", "HOME": str(workdir), "URL": url,
           "GOCACHE": str(workdir / "gocache"), "GOPATH": str(workdir / "gopath"),
           "GOFLAGS": "-mod=mod", "GOPROXY": "off"}
    return subprocess.run(["bash", "-c", script], cwd=workdir, env=env, text=True,
                          capture_output=True, timeout=180)


@pytest.mark.parametrize("name", list(CLIENTS))
def test_trust_step_makes_the_real_client_connect(private_site: Server, tmp_path: Path,
                                                  name: str) -> None:
    tag, program, tool = CLIENTS[name]
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed")
    (tmp_path / "get.go").write_text(_GO)
    (tmp_path / "Get.java").write_text(_JAVA)
    report = tlsdoctor.diagnose(f"localhost:{private_site.port}", connect="127.0.0.1",
                                client=None if name == "local" else name, timeout=5)
    f = next(f for f in report.findings if f.cause is Cause.CERT_UNTRUSTED_ROOT)
    pem = next(s for s in f.fix if s.code.startswith("-----BEGIN CERTIFICATE"))
    saved = re.search(r"saved as (\S+\.crt)\.", pem.text)
    assert saved, pem.text
    (tmp_path / saved.group(1)).write_text(pem.code + "\n")
    mine = [s for s in f.fix if s.applies_to == tag]
    assert mine, [s.applies_to for s in f.fix]
    others = {s.applies_to for s in f.fix} & ({"python", "node", "java", "go"} - {tag})
    assert not others, others  # the named client's steps only
    url = f"https://localhost:{private_site.port}/"
    before = _run(program, tmp_path, url)
    assert before.returncode != 0, "the client connects without the step: the test proves nothing"
    # Java's step builds a trust store and shows the java line to run with it.
    lines = [ln for ln in mine[0].code.splitlines()
             if not ln.startswith(("#", "java ")) and "-cacerts" not in ln]
    java_flags = next((ln.split("java ", 1)[1].rsplit(" -jar", 1)[0]
                       for ln in mine[0].code.splitlines() if ln.startswith("java ")), "")
    command = program.replace("java Get.java", f"java {java_flags} Get.java")
    after = _run("set -e\n" + "\n".join(lines) + "\n" + command, tmp_path, url)
    assert after.returncode == 0, (mine[0].code, after.stdout[-800:], after.stderr[-800:])


def _cli(*args: str) -> str:
    from click.testing import CliRunner

    from tlsdoctor.cli import main
    r = CliRunner().invoke(main, ["diagnose", *args, "--verbose", "--timeout", "5"])
    assert r.exit_code in (1, 2), r.output[-1500:]
    return r.output


def test_cli_steps_follow_client(private_site: Server) -> None:
    """--client java-8: Java steps only; chrome-131: its stores, no runtime settings;
    no --client: this machine's python/curl steps."""
    at = [f"localhost:{private_site.port}", "--connect", "127.0.0.1"]
    java = _cli(*at, "--client", "java-8")
    assert "keytool -importcert" in java and "NODE_EXTRA_CA_CERTS" not in java
    assert "curl --cacert" not in java
    chrome = _cli(*at, "--client", "chrome-131")
    assert "certutil" in chrome and "keytool" not in chrome and "curl --cacert" not in chrome
    local = _cli(*at)
    assert "curl --cacert" in local and "REQUESTS_CA_BUNDLE" in local
    assert "keytool" not in local and "NODE_EXTRA_CA_CERTS" not in local
