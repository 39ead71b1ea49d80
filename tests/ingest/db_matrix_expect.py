"""What ``explain`` must say for each cell of the database matrix (round 12): a database
client's output, and its server's log lines, for each TLS fault
(``tlsdoctor.testing.db_tls``). Shared by the live test, the recorded-corpus test and the
recorder.

Four kinds of cell:

* right: the words name the fault; the top finding's cause is one of ``causes``, its party
  one of ``parties``, and a server's log is read as a server's (``side``).
* ranked: the words fit several faults; the fault's cause must be among the findings and
  the top confidence below 0.6 (a ranking, not an answer).
* silent: the words carry no TLS cause (MariaDB's "Access denied" for an account that
  requires a certificate reads as a wrong password); explain must give no confident cause.
  A server that logged nothing is silent too.
* accepted: the client connected (``ok`` is in its output) and explain names no cause.
"""

from __future__ import annotations

from dataclasses import dataclass

from tlsdoctor import explain

CONFIDENT = 0.6


@dataclass(frozen=True, slots=True)
class Expect:
    kind: str  # "right" | "ranked" | "silent" | "accepted"
    causes: frozenset[str] = frozenset()
    parties: frozenset[str] = frozenset()
    side: str = ""
    why: str = ""
    # A race: the words the right reading needs; without them the cell is judged silent
    # (the program printed the other outcome of the race, which names no cause).
    racy: str = ""


def _right(causes: str, parties: str, side: str = "client") -> Expect:
    return Expect("right", frozenset(causes.split()), frozenset(parties.split()), side)


_SILENT_MARIADB_LOG = Expect(
    "silent", why="mariadbd (log_warnings=4, the most it says) logs only that a client left "
                  "before logging in ('Aborted connection ... closed normally without "
                  "authentication', a packet read or write error): a health check reads the "
                  "same; at the default level it logs nothing")
_SERVER_CHAIN = _right("cert_untrusted_root incomplete_chain", "server either", "server")

EXPECT: dict[tuple[str, str, str], Expect] = {
    # MariaDB 10.11: the mariadb client (Connector/C 3.3, OpenSSL 3).
    ("mariadb", "untrusted_root", "client"): _right("cert_untrusted_root", "server either"),
    ("mariadb", "expired", "client"): _right("cert_expired", "server"),
    ("mariadb", "wrong_host", "client"): _right("hostname_mismatch", "server"),
    # round 13: the port offers no TLS (patterns/plaintext.py), fixed by the server's TLS
    # setting or the client's port
    ("mariadb", "tls_off", "client"): _right("non_tls_service_on_port", "server either client"),
    ("mariadb", "old_protocol", "client"): _right("protocol_version_mismatch",
                                                  "client either"),
    ("mariadb", "no_shared_cipher", "client"): Expect(
        "ranked", frozenset({"cipher_suite_mismatch"}),
        why="the client only quotes the server's handshake_failure alert, which several "
            "faults send"),
    ("mariadb", "client_cert_required", "client"): Expect(
        "silent", why="MariaDB refuses an account's missing certificate (REQUIRE X509) with "
                      "'Access denied ... (using password: YES)', a wrong password's words"),
    ("mariadb", "untrusted_client_cert", "client"): Expect(
        "right", frozenset({"client_cert_required"}), frozenset({"client"}), "client",
        why="a race: the server's unknown_ca alert reaches the client ('TLS/SSL error: tlsv1 "
            "alert unknown ca') or the connection is already gone ('Lost connection to "
            "server at 'sending authentication information', system error: 104', no TLS "
            "words, judged silent)", racy="TLS/SSL error"),
    **{("mariadb", fault, "server"): _SILENT_MARIADB_LOG for fault in (
        "untrusted_root", "expired", "wrong_host", "tls_off", "old_protocol",
        "no_shared_cipher", "client_cert_required", "untrusted_client_cert")},
    # Redis 7.0: redis-cli (hiredis) and the server's log at its default level (notice).
    ("redis", "untrusted_root", "client"): _right("cert_untrusted_root", "server either"),
    ("redis", "untrusted_root", "server"): _SERVER_CHAIN,
    ("redis", "expired", "client"): Expect(
        "ranked", frozenset({"cert_expired"}),
        why="hiredis prints OpenSSL's reason only ('SSL_connect failed: certificate verify "
            "failed'), not the verify result that names the expiry"),
    ("redis", "expired", "server"): _right("cert_expired", "server", "server"),
    ("redis", "wrong_host", "client"): Expect(
        "accepted", why="redis-cli 7.0 (hiredis) does not check the server's name: it "
                        "connects to a certificate for another host"),
    ("redis", "wrong_host", "server"): Expect("silent", why="the handshake succeeded"),
    ("redis", "plain_client", "client"): Expect(
        "silent", why="the TLS port resets a plain client: 'Error: Connection reset by "
                      "peer' names no cause (a middlebox reads the same)"),
    ("redis", "plain_client", "server"): _right("non_tls_service_on_port client_misconfiguration",
                                                "client", "server"),
    ("redis", "client_cert_required", "client"): Expect(
        "ranked", frozenset({"client_cert_required"}),
        why="under TLS 1.3 the refusal comes after the client's handshake: redis-cli prints "
            "'Server closed the connection' or 'Connection reset by peer' (it varies run "
            "to run)"),
    ("redis", "client_cert_required", "server"): _right("client_cert_required", "client",
                                                        "server"),
    ("redis", "untrusted_client_cert", "client"): Expect(
        "ranked", frozenset({"client_cert_required"}),
        why="as client_cert_required: the refusal arrives after the client's handshake"),
    ("redis", "untrusted_client_cert", "server"): _right("client_cert_required", "client",
                                                         "server"),
}

# What a client prints when it connected (the query's answer).
_OK = {"mariadb": "1", "redis": "PONG"}


@dataclass(frozen=True, slots=True)
class Verdict:
    right: bool
    detail: str


def judge(program: str, fault: str, side: str, text: str) -> Verdict:
    """Is explain right on ``text``, what ``program``'s ``side`` printed for ``fault``?"""
    e = EXPECT[(program, fault, side)]
    if e.racy and e.racy not in text:
        e = Expect("silent", why=e.why)
    if not text.strip():
        ok = e.kind == "silent" and side == "server"
        return Verdict(ok, "" if ok else "nothing was printed")
    r = explain(text)
    top = r.findings[0] if r.findings else None
    got = f"{top.cause.value} {top.confidence:.2f} {top.who_fixes.value} side={r.side}" \
        if top else "no finding"
    if e.kind == "accepted":
        ok = _OK[program] in text.split() and top is None
    elif e.kind == "silent":
        ok = top is None or top.confidence < CONFIDENT
    elif e.kind == "ranked":
        ok = (top is not None and top.confidence < CONFIDENT
              and bool(e.causes & {f.cause.value for f in r.findings}))
    else:
        ok = (top is not None and top.cause.value in e.causes
              and top.who_fixes.value in e.parties and (r.side or "client") == e.side)
    return Verdict(ok, f"{e.kind}: got {got}")
