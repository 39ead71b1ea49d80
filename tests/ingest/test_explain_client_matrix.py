"""explain() on what real client programs print against real broken servers on loopback.

A matrix: ~15 client programs (curl, wget, openssl s_client three ways, gnutls-cli, NSS
tstclnt, Python ssl / urllib / requests, Node https, Go net/http, Java HttpsURLConnection,
git, the application stacks PHP, Ruby, Perl, Erlang, and round 12's programs with their own
words: check_http, check_curl, stunnel, msmtp; round 21's wget2, aria2c, socat, w3m, lynx,
ELinks, LuaSec, httpx, aiohttp, Node's fetch and tls.connect, Go's crypto/tls, Java's
HttpClient and SSLSocket, Ruby's SSLSocket, redis-cli, mosquitto_sub) x 19 servers (a good control and 18 faults,
testing/broken_servers.py). Each cell runs
the real program (testing/client_programs.py), feeds its exact output to explain and checks
the top finding (tests/ingest/client_matrix_expect.py says which cells are definite, which
honestly ambiguous, which the program accepts). The servers start once per module; one
test per client runs its row four programs at a time. The same texts, recorded, are checked
without servers by test_explain_client_matrix_recorded.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from client_matrix_expect import ACCEPTS, judge

from tlsdoctor.testing.broken_servers import BrokenSet, broken_servers
from tlsdoctor.testing.browser_pages import BROWSERS, browser_unavailable
from tlsdoctor.testing.client_matrix import Cell, run_browser_row, run_matrix, run_psql_row
from tlsdoctor.testing.client_programs import CLIENTS, ClientKit
from tlsdoctor.testing.postgres_tls import psql_unavailable

# A control run that connected over TLS, then failed above TLS (not a TLS failure).
_CONNECTED = {"git": "is this a git repository?",  # our s_server -www is no git server
              # msmtp's handshake and verification passed; it then waits for an SMTP
              # greeting our HTTPS server never sends, until the harness kills it silent.
              "msmtp": "",
              # round 21: redis-cli waits for a PING reply, mosquitto_sub for a CONNACK
              "redis_cli": "", "mosquitto_sub": ""}
# Programs that exit 0 on a failure and say it in these words.
_FAILED = {"w3m": "w3m: Can't load"}  # w3m -dump's status is 0 either way

# Round 21's rows: run live once, several programs at a time, against a sample of the faults
# (one per kind of words: the control, a certificate date, an issuer, a name, a version,
# an alert, a client certificate, a plain port, a refused port, a close) to keep CI's CPU
# small; every fault of these rows is checked recorded (test_explain_client_matrix_recorded).
ROUND21 = ("wget2", "aria2c", "socat", "w3m", "lynx", "elinks", "luasec", "python_httpx",
           "python_aiohttp", "node_fetch", "node_tls", "go_tls", "java_httpclient",
           "java_socket", "ruby_socket", "redis_cli", "mosquitto_sub")
_LIVE21 = ("ok", "expired", "self_signed", "wrong_host", "tls10_11_only", "sni_rejected",
           "client_cert_required", "plain_http", "refused", "hangup")


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[BrokenSet, ClientKit]]:
    work = tmp_path_factory.mktemp("clientmatrix")
    with broken_servers(work) as servers:
        yield servers, ClientKit(work, servers.ca_file)


@pytest.mark.parametrize("client", [c.name for c in CLIENTS if c.name not in ROUND21])
def test_client_row(lab: tuple[BrokenSet, ClientKit], client: str) -> None:
    servers, kit = lab
    why = kit.unavailable(client)
    if why:
        pytest.skip(why)
    _check_row(client, run_matrix(kit, servers, [client]))


def test_round21_rows(lab: tuple[BrokenSet, ClientKit]) -> None:
    """Round 21's programs, all in one pool, on the sample of faults."""
    servers, kit = lab
    ready = [c for c in ROUND21 if not kit.unavailable(c)]
    if not ready:
        pytest.skip("none of round 21's programs is installed")
    cells = run_matrix(kit, servers, ready, faults=_LIVE21)
    misses = []
    for client in ready:
        try:
            _check_row(client, [c for c in cells if c.client == client], least=len(_LIVE21) - 1)
        except AssertionError as exc:
            misses.append(f"{client}: {exc}")
    assert not misses, "\n\n".join(misses)


@pytest.mark.parametrize("browser", BROWSERS)
def test_browser_row(lab: tuple[BrokenSet, ClientKit], browser: str) -> None:
    """One browser process loads every fault's page; its error page's text is explained."""
    servers, kit = lab
    why = browser_unavailable(browser)
    if why:
        pytest.skip(why)
    _check_row(browser, run_browser_row(browser, servers, kit.work / browser))


def test_psql_row(lab: tuple[BrokenSet, ClientKit]) -> None:
    """psql (sslmode=verify-full) against a PostgreSQL server with each TLS fault in turn."""
    servers, _ = lab
    why = psql_unavailable()
    if why:
        pytest.skip(why)
    _check_row("psql", run_psql_row(servers))


def _check_row(client: str, row: list[Cell], least: int = 12) -> None:
    cells = [c for c in row if c.printed is not None]
    assert len(cells) >= least, [c.skipped for c in row]
    misses = []
    for cell in cells:
        assert cell.printed is not None
        if cell.fault == "ok":  # the control: the program trusts our root and connects
            assert (cell.printed.exit_code == 0 or
                    _CONNECTED.get(client, "\0") in cell.printed.text), cell.printed.text[-500:]
        elif (client, cell.fault) not in ACCEPTS:  # it must have failed, as users see it
            assert (cell.printed.exit_code != 0 or "verify" in cell.printed.text.lower()
                    or _FAILED.get(client, "\0") in cell.printed.text), (
                cell.fault, cell.printed.text[-500:])
        v = judge(client, cell.fault, cell.printed.text)
        if not v.right:
            misses.append(f"{cell.fault} ({v.kind}): {v.detail}\n{cell.printed.text[-400:]}")
    assert not misses, "\n\n".join(misses)


def test_every_server_started(lab: tuple[BrokenSet, ClientKit]) -> None:
    servers, _ = lab
    assert not servers.skipped
    assert Path(servers.ca_file).exists()
