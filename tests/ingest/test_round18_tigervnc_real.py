"""Round 18: TigerVNC's printed fix line applied. A real Xvnc 1.12 on 127.0.0.1 (VeNCrypt
X509None: TLS with its own self-signed certificate) and TigerVNC's vncviewer on a private Xvfb
display. A certificate from a CA the viewer was not given makes it ask, in a dialog, whether
to trust "This certificate has been signed by an unknown authority: ..."; the viewer waits
there and never authenticates. That dialog's text (vncviewer 1.12's format string in
common/rfb/CSecurityTLS.cxx, filled with the certificate's one-line print as the dialog shows
it; the dialog is not on stderr) is fed to explain. The printed `vncviewer -X509CA=...` line
and the printed copy to ~/.vnc/x509_ca.pem, each with this server's CA, then authenticate
("Authentication success!" in the viewer's own log). Before round 18 the finding printed only
the generic sentence. Skips when Xvnc, vncviewer or Xvfb is missing (.ci/run installs
tigervnc-standalone-server, tigervnc-viewer and xvfb)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.testing.ca import self_signed
from tlsdoctor.testing.processes import output_until, stop
from tlsdoctor.testing.servers import HOST, free_port, wait_ready

pytestmark = pytest.mark.skipif(
    any(shutil.which(p) is None for p in ("Xvnc", "vncviewer", "Xvfb")),
    reason="Xvnc, vncviewer or Xvfb missing (tigervnc-standalone-server, tigervnc-viewer, xvfb)")
_VIEWER = 6.0  # seconds the viewer may run (it waits at the dialog when it cannot verify)
_OK = "Authentication success!"


def _free_display() -> int:
    for n in range(60, 200):
        if not Path(f"/tmp/.X{n}-lock").exists() and not Path(f"/tmp/.X11-unix/X{n}").exists():
            return n
    raise RuntimeError("no free X display number")


@dataclass(frozen=True)
class Vnc:
    port: int
    viewer_display: int
    cert: Path
    work: Path

    def viewer(self, *args: str, home: Path | None = None, until: str = "") -> str:
        """vncviewer's own log (stderr, every facility) for one bounded run: until it
        authenticated, exited, logged ``until`` or ran _VIEWER seconds."""
        home = home or self.work / "home-default"
        home.mkdir(exist_ok=True)
        env = {**os.environ, "HOME": str(home), "DISPLAY": f":{self.viewer_display}"}
        env.pop("XDG_CONFIG_HOME", None)
        # until it authenticated, exited, or the bound (waiting at the dialog)
        return output_until(["vncviewer", *args, "-SecurityTypes", "X509None", "-log",
                             "*:stderr:100", f"{HOST}::{self.port}"],
                            lambda text: any(said and said in text for said in (_OK, until)),
                            _VIEWER, env=env)


@pytest.fixture(scope="module")
def vnc(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Vnc]:
    work = tmp_path_factory.mktemp("vnc")
    leaf = self_signed(["localhost"], ip_addresses=["127.0.0.1"], key_type="rsa2048")
    (work / "cert.pem").write_bytes(leaf.cert_pem)
    (work / "key.pem").write_bytes(leaf.key_pem)
    port, server_display = free_port(), _free_display()
    with (work / "xvnc.log").open("wb") as xlog:
        xvnc = subprocess.Popen(
            ["Xvnc", f":{server_display}", "-rfbport", str(port), "-interface", HOST,
             "-nolisten", "tcp", "-SecurityTypes", "X509None", "-X509Cert",
             str(work / "cert.pem"), "-X509Key", str(work / "key.pem")],
            stdout=subprocess.DEVNULL, stderr=xlog, stdin=subprocess.DEVNULL)
    viewer_display = server_display + 1
    while Path(f"/tmp/.X{viewer_display}-lock").exists():
        viewer_display += 1
    xvfb = subprocess.Popen(["Xvfb", f":{viewer_display}", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            stdin=subprocess.DEVNULL)
    try:
        wait_ready(HOST, port, timeout=10, alive=lambda: xvnc.poll() is None)
        yield Vnc(port=port, viewer_display=viewer_display, cert=work / "cert.pem", work=work)
    finally:
        stop(xvfb)
        stop(xvnc)


def _dialog_text(cert: Path) -> str:
    """The 1.12 viewer's dialog: its format string with GnuTLS's one-line print of the
    certificate (", " turned into line breaks, as the viewer does)."""
    subject = subprocess.run(["openssl", "x509", "-in", str(cert), "-noout", "-subject",
                              "-nameopt", "RFC2253"], capture_output=True, text=True,
                             check=True, timeout=10).stdout.split("=", 1)[1].strip()
    info = f"subject `{subject}'\nissuer `{subject}'\nRSA key 2048 bits"
    return ("This certificate has been signed by an unknown authority:\n\n" + info +
            "\n\nSomeone could be trying to impersonate the site and you should not "
            "continue.\n\nDo you want to make an exception for this server?")


def test_tigervnc_unknown_ca_the_printed_x509ca_lines_applied(vnc: Vnc, tmp_path: Path) -> None:
    # its last line before the "unknown authority" dialog, where it waits for an answer
    before = vnc.viewer(until="pin-sha256=")
    assert "X509None" in before and _OK not in before, before[-1500:]
    r = explain(_dialog_text(vnc.cert))
    assert r.source == "tigervnc" and r.findings, r
    top = r.findings[0]
    assert top.cause.value in ("cert_untrusted_root", "cert_self_signed"), top.cause
    code = next(s.code for s in top.fix if s.applies_to == "tigervnc")
    lines = [ln for ln in code.splitlines() if not ln.startswith("#")]
    viewer_line = next(ln for ln in lines if ln.startswith("vncviewer "))
    args = [w.replace("/path/to/vnc-ca.pem", str(vnc.cert))
            for w in shlex.split(viewer_line)[1:-1]]  # the server's address is the fixture's
    assert args == [f"-X509CA={vnc.cert}"], viewer_line
    after = vnc.viewer(*args)
    assert _OK in after, after[-1500:]
    # the printed copy (TigerVNC 1.12's own default file), then the viewer with no option
    home = tmp_path / "home"
    (home / ".vnc").mkdir(parents=True)
    copy = next(ln for ln in lines if ln.startswith("cp "))
    done = subprocess.run(["sh", "-c", copy.replace("/path/to/vnc-ca.pem", str(vnc.cert))],
                          env={**os.environ, "HOME": str(home)}, capture_output=True,
                          timeout=10, check=False)
    assert done.returncode == 0, done.stderr
    assert _OK in vnc.viewer(home=home)
