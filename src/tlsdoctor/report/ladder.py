"""The handshake as a ladder: client and server columns, message by message, as it
happened in one probe, with the step where it broke marked and each step explained."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..probe.outcome import Outcome, ProbeResult
from ..safe import printable
from ..wire import words

if TYPE_CHECKING:
    from rich.table import Table

_EXPLAIN = {
    "ClientHello": "the client proposes versions, cipher suites, groups and the server name",
    "SSLv2 CLIENT-HELLO": "an SSL 2.0 hello (RFC 6176 forbids SSL 2.0)",
    "SSLv2 SERVER-HELLO": "the server agrees to speak SSL 2.0",
    "ChangeCipherSpec": "TLS 1.3 middlebox compatibility (ignored), or a resumed session",
    "NewSessionTicket": "a ticket to resume the session later",
    "CertificateStatus": "the server staples an OCSP response for its certificate",
    "Alert": "the sender gives up and says why",
}
_EXPLAIN_MORE = {
    "ClientHello": "the client proposes versions, cipher suites, groups and the server name",
    "ServerHello": "the server picks one version and one suite",
    "HelloRetryRequest": "the server wants a key share for another group",
    "Certificate": "the server proves its identity with its certificate chain",
    "CertificateRequest": "the server asks the client for a certificate (mutual TLS)",
    "ServerKeyExchange": "the server sends its (EC)DHE public value, signed",
    "EncryptedExtensions": "TLS 1.3: the rest of the server's answer, now encrypted",
    "CertificateVerify": "the server signs the handshake with its private key",
    "ServerHelloDone": "the server waits for the client's key exchange",
}
_EXPLAIN.update({k: v for k, v in _EXPLAIN_MORE.items() if k not in _EXPLAIN})


def _recorded(p: ProbeResult) -> list[tuple[str, str, str]]:
    """The messages as the session saw them (direction, name, note)."""
    steps = []
    notes = {"ClientHello": _offer_note(p),
             "ServerHello": f"{words.version(p.version)}, {words.suite(p.cipher_suite)}",
             "Certificate": f"{len(p.certificates)} certificate(s)",
             "HelloRetryRequest": f"group {words.group(p.hello_retry_group)}"}
    for side, name in p.ladder:
        note = notes.get(name.split(" (")[0], "")
        if side == "client":
            steps.append((">", name, note))
        elif name.startswith("Alert (fatal"):
            steps.append(("x", name, ""))
        else:
            steps.append(("<", name, note))
    if p.ok and p.version is not None:
        steps.append(("·", "tlsdoctor stops here", "it has what it needed; a real client would "
                                                    "now send its key exchange and Finished"))
    elif not p.ok and (not steps or steps[-1][0] != "x"):
        steps.append(("x", p.outcome.value, p.error or "no TLS answer"))
    return steps


def _offer_note(p: ProbeResult) -> str:
    return (f"{words.versions(p.offer.versions)}, {len(p.offer.cipher_suites)} suites"
            + (f", SNI {p.offer.sni}" if p.offer.sni else ", no SNI"))


def _steps(p: ProbeResult) -> list[tuple[str, str, str]]:
    """(direction, message, note); direction '>' client to server, '<' back, 'x' failure."""
    steps = [(">", "ClientHello", _offer_note(p))]
    if p.outcome is Outcome.HELLO_RETRY:
        steps.append(("<", "HelloRetryRequest", f"group {words.group(p.hello_retry_group)}"))
    if p.version is not None:
        steps.append(("<", "ServerHello", f"{words.version(p.version)}, {words.suite(p.cipher_suite)}"))
        if p.version == 0x0304:
            steps.append(("<", "EncryptedExtensions", ""))
        if p.cert_request is not None and p.version == 0x0304:
            steps.append(("<", "CertificateRequest", ""))
        if p.certificates:
            steps.append(("<", "Certificate", f"{len(p.certificates)} certificate(s)"))
        if p.version == 0x0304 and p.certificates:
            steps.append(("<", "CertificateVerify", ""))
        if p.version < 0x0304:
            if p.dh_bits or p.group is not None:
                steps.append(("<", "ServerKeyExchange", f"{p.dh_bits} bit DH" if p.dh_bits else
                              words.group(p.group)))
            if p.cert_request is not None:
                steps.append(("<", "CertificateRequest", ""))
            steps.append(("<", "ServerHelloDone", ""))
    if p.outcome is Outcome.ALERT:
        steps.append(("x", "Alert", f"fatal {words.alert(p.alert)}: the server refuses"))
    elif not p.ok:
        steps.append(("x", p.outcome.value, p.error or "no TLS answer"))
    return steps


def steps(p: ProbeResult) -> list[tuple[str, str, str]]:
    """What --trace draws: (direction, message, note), the recorded exchange when there is one.

    Direction: '>' client to server, '<' server to client, 'x' where it broke, '·' a remark.
    """
    return _recorded(p) if p.ladder else _steps(p)


def meaning(message: str) -> str:
    """What a handshake message is for, in one line ("" when we have nothing to say)."""
    return _EXPLAIN.get(message.split(" (")[0], "")


def ladder(p: ProbeResult) -> Table:
    # rich here, not at the top: --json output reads steps() only and never draws (rich's
    # tables are ~15 ms of a diagnosis' start-up).
    from rich.table import Table
    from rich.text import Text

    t = Table(title=f"Handshake ladder (probe '{p.label}')", title_justify="left", show_lines=False)
    t.add_column("client", justify="right")
    t.add_column("", justify="center")
    t.add_column("server")
    t.add_column("what it means", style="dim")
    for direction, msg, note in steps(p):
        label = Text(msg + (f" ({printable(note)})" if note else ""))
        label.stylize("bold red" if direction == "x" else "")
        base = msg.split(" (")[0]
        if direction == ">":
            t.add_row(label, "───►", "", _EXPLAIN.get(base, ""))
        elif direction == "<":
            t.add_row("", "◄───", label, _EXPLAIN.get(base, ""))
        elif direction == "·":
            t.add_row("", "", Text(msg, style="dim"), note)
        else:
            t.add_row("", "✖", label, _EXPLAIN.get(base, "") or "the handshake stops here")
    return t
