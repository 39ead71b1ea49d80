"""Untrusted text cannot attack the reader of a report (issue 7).

A real TLS server (openssl s_server) serves a certificate whose subject, issuer and SANs
carry ANSI escapes, an OSC 8 hyperlink, a bell, ``<script>``, shell metacharacters, a
CR/LF line injection, NUL, a C1 CSI and bidi overrides (``hostile.certs.HOSTILE_TEXT``).
The human report (plain pipe and a pseudo-terminal) shows them escaped and on one line;
``--json`` is one valid object of pure ASCII in which the text survives as data; the
fix commands quote hostile names for the shell. ``explain`` and ``logs`` get the same
treatment for hostile messages and log lines.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import shlex
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from hostile.certs import HOSTILE_TEXT, hostile_subject_cert
from tlsdoctor.testing import servers
from tlsdoctor.testing.ca import Leaf

# Raw characters that must never reach a terminal from untrusted text: C0 controls
# other than LF (ESC, BEL, CR, NUL...), DEL, C1 controls (CSI 0x9b), and the Unicode
# bidi/format characters of Trojan Source (CVE-2021-42574).
RAW_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e"
                        "\u2060-\u2069\ufeff]")
RICH_SGR = re.compile(r"\x1b\[[0-9;]*m")  # rich's own colours on a terminal


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONWARNINGS"}
    env.update(COLUMNS="200", LINES="50", TERM="xterm-256color")
    env.pop("NO_COLOR", None)
    return env


def _cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "tlsdoctor", *args], input=stdin,
                          capture_output=True, timeout=60, env=_env())


def _cli_pty(*args: str, limit: float = 60.0) -> bytes:
    """Run the CLI with stdout on a pseudo-terminal (rich colours on) and return it."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "tlsdoctor", *args], stdout=slave,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=_env())
    os.close(slave)
    out = bytearray()
    end = time.monotonic() + limit
    try:
        while time.monotonic() < end:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    data = os.read(master, 65536)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not data:
                    break
                out += data
            elif proc.poll() is not None:
                break
        proc.wait(timeout=max(0.1, end - time.monotonic()))
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        assert proc.stderr is not None
        proc.stderr.close()
        os.close(master)
    return bytes(out)


@pytest.fixture
def hostile_server(s_server: Callable[..., servers.Server]) -> servers.Server:
    key = ec.generate_private_key(ec.SECP256R1())
    cert = hostile_subject_cert(key)
    return s_server(Leaf(cert=cert, key=key, chain=(cert,), root=None))


def _assert_escaped_human(text: str) -> None:
    assert RAW_UNSAFE.search(text) is None, repr(RAW_UNSAFE.search(text))
    assert "\\x1b[31mEVIL\\x1b[0m" in text  # shown, visibly, as escapes
    assert "\\u202egnp.exe" in text
    # The CR/LF in the subject cannot start a forged line of the report.
    assert not any(line.lstrip().startswith("X-Injected") for line in text.splitlines())


def test_human_output_escapes_hostile_subject(hostile_server: servers.Server) -> None:
    p = _cli("diagnose", hostile_server.target, "--offline", "--verbose", "--timeout", "3")
    assert p.returncode == 2, p.stderr
    assert p.stderr == b""
    text = p.stdout.decode("utf-8")
    _assert_escaped_human(text)
    assert "EVIL" in text and "<script>alert(1)</script>" in text  # data, not dropped


def test_terminal_output_escapes_hostile_subject(hostile_server: servers.Server) -> None:
    raw = _cli_pty("diagnose", hostile_server.target, "--offline", "--verbose",
                   "--timeout", "3").decode("utf-8", "replace")
    assert "EVIL" in raw, raw[:500]
    # Whatever rich adds is colour (SGR); nothing else from the certificate gets through.
    for seq in ("\x1b[2J", "\x1b]8;", "\x1b[31mEVIL", "\x07", "\u202e", "\x9b"):
        assert seq not in raw, repr(seq)
    plain = RICH_SGR.sub("", raw).replace("\r\n", "\n")
    _assert_escaped_human(plain)


def test_json_output_is_ascii_and_commands_are_quoted(
        hostile_server: servers.Server) -> None:
    p = _cli("diagnose", hostile_server.target, "--offline", "--json", "--timeout", "3")
    assert p.returncode == 2, p.stderr
    assert p.stderr == b""
    assert all(b == 0x0A or 0x20 <= b < 0x7F for b in p.stdout)  # no raw control byte at all
    obj = json.loads(p.stdout)
    assert "\\u001b[31mEVIL" in p.stdout.decode()  # escaped in the transport...
    subjects = [c["subject"] for c in obj["certificates"]]
    assert any("\x1b[31mEVIL" in s and "\u202e" in s for s in subjects)  # ...intact as data
    assert obj["outcome"] == "fails"
    # The fix commands quote hostile names for the shell.
    codes = [step["code"] for f in obj["findings"] for step in f["fix"] if step.get("code")]
    hostile_lines = [ln for code in codes for ln in code.splitlines()
                     if "pwned" in ln or "`id`" in ln]
    assert hostile_lines, "the hostile SANs should appear in a fix command"
    for line in hostile_lines:
        tokens = shlex.split(line, comments=True)  # ValueError: quotes left open
        text = " ".join(tokens)
        if "pwned" in line:
            # One token holds the whole name: the shell would not run $(touch ...).
            assert any("$(touch /tmp/pwned).example" in t for t in tokens), line
        if "`id`" in line:
            assert any("a;b`id`'q\".example" in t for t in tokens), (line, text)


def test_explain_escapes_hostile_message() -> None:
    msg = f"SSL routines::certificate verify failed {HOSTILE_TEXT}"
    data = msg.encode("utf-8")  # on stdin: an argument cannot carry the NUL
    p = _cli("explain", stdin=data)
    assert p.returncode in (0, 2, 3), p.stderr  # 2: a failure recognised, 3: nothing recognised
    assert p.stderr == b""
    assert RAW_UNSAFE.search(p.stdout.decode("utf-8")) is None
    pj = _cli("explain", "--json", stdin=data)
    assert pj.stdout.isascii()
    json.loads(pj.stdout)


def test_logs_escape_hostile_lines(tmp_path: Path) -> None:
    log = tmp_path / "error.log"
    log.write_bytes(
        b"2024/01/01 00:00:00 [info] 1#1: *1 SSL_do_handshake() failed (SSL: error:0A000076:"
        b"SSL routines::no suitable signature algorithm) while SSL handshaking, client: "
        + HOSTILE_TEXT.encode("utf-8", "surrogatepass") + b", server: 0.0.0.0:443\n"
        + b"\xff\xfe\x1b]0;title\x07 garbage \x1b[2J\n")
    p = _cli("logs", str(log))
    assert p.returncode in (0, 1, 2), p.stderr
    assert b"Traceback" not in p.stderr
    assert RAW_UNSAFE.search(p.stdout.decode("utf-8")) is None
    pj = _cli("logs", "--json", str(log))
    assert pj.stdout.isascii()
    json.loads(pj.stdout)


# Round 27 review: rich reads a plain str title (Panel, Table) as markup. A path or an IPv6
# address in one vanished ("[fd00::1]" is a style tag) or crashed the command ("[/x]" is a
# closing tag without its opening: MarkupError, exit 3).
@pytest.mark.parametrize("folder", ["[/x]", "[bold]", "[link=https:]"])
def test_cert_file_name_in_the_title_is_text_not_markup(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: str) -> None:
    from tlsdoctor.testing.ca import self_signed

    # a short relative path (the title is not wrapped), the code under test still imported
    paths = [str(Path(x).resolve()) for x in os.environ.get("PYTHONPATH", "").split(os.pathsep) if x]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(paths))
    monkeypatch.chdir(tmp_path)
    path = Path(folder) / "leaf.pem"
    path.parent.mkdir(parents=True)
    path.write_bytes(self_signed().cert_pem)
    p = _cli("cert", str(path))
    assert p.returncode == 2, p.stderr.decode()  # self-signed: blocking, not an error
    assert f"from {path}" in p.stdout.decode()


@pytest.mark.parametrize("title", ["tlsdoctor diagnose [fd00::1]:443", "ClientHello from [/x]"])
def test_titles_are_text_not_markup(title: str) -> None:
    import io

    from rich.console import Console

    from tlsdoctor.report.terminal import verdict_panel

    console = Console(file=io.StringIO(), width=200, color_system=None)
    console.print(verdict_panel(title, "fails", "a sentence"))
    assert title in console.file.getvalue()  # type: ignore[attr-defined]
