"""Round 14, vague certificate failures: the audit's cells (stacks x wordings x contexts).

Each vague wording (its program folds a name mismatch into a general failure, see
ingest/certnames.py) is combined with each way a program prints the server certificate's
names and each relation between those names and the host asked. ``CELLS`` is the whole
table; tests/ingest/test_round14_certnames.py asserts every cell, and
``PYTHONPATH=src python3 tests/ingest/certnames_audit_table.py`` prints how many cells a tree
reads right (the numbers in docs/explain-upstream.md, round 14).
"""

from __future__ import annotations

from dataclasses import dataclass

MISMATCH, KEEP, BY_IP = "mismatch", "keep", "by_ip"

# (stack, wording with {host} where the program prints the host itself, or "" when the host
# comes from a URL line added below)
WORDINGS: tuple[tuple[str, str], ...] = (
    (".NET SslStream", "System.Security.Authentication.AuthenticationException: The remote "
                       "certificate is invalid according to the validation procedure."),
    (".NET Framework", "System.Net.WebException: The underlying connection was closed: Could "
                       "not establish trust relationship for the SSL/TLS secure channel."),
    (".NET HttpClient", "System.Net.Http.HttpRequestException: The SSL connection could not "
                        "be established, see inner exception."),
    ("Apple URLSession", "Error Domain=NSURLErrorDomain Code=-1202 \"The certificate for this "
                         "server is invalid. You might be connecting to a server that is "
                         "pretending to be \u201c{host}\u201d which could put your confidential "
                         "information at risk.\" UserInfo={{NSErrorPeerCertificateChainKey=("),
    ("Apple name", "Task <1>.<1> finished with error NSURLErrorServerCertificateUntrusted"),
    ("OpenSSL 3", "error:0A000086:SSL routines::certificate verify failed"),
    ("OpenSSL 1.1", "error:1416F086:SSL routines:tls_process_server_certificate:certificate "
                    "verify failed"),
    ("mbedTLS", "  ! mbedtls_ssl_handshake returned -0x2700"),
)
# OpenSSL's bare words fold the name only for programs that give the host to the verifier:
# an address alone does not move them (libpq, curl, Python check names in their own words).
HOST_UNSEEN = frozenset({"OpenSSL 3", "OpenSSL 1.1"})

# (form, block printing the names; {a} and {b} are two names of the certificate)
NAME_FORMS: tuple[tuple[str, str, bool], ...] = (
    ("Apple chain key", '    "<cert(0x147008200) s: {a} i: Sectigo RSA Domain Validation '
                        'Secure Server CA>",', False),
    ("s_client depth=0", "depth=0 CN = {a}", False),
    ("s_client chain", "Certificate chain\n 0 s:CN = {a}\n   i:CN = Test CA", False),
    ("s_client subject", "Server certificate\nsubject=CN = {a}\nissuer=CN = Test CA", False),
    ("curl -v", "* Server certificate:\n*  subject: CN={a}\n*  start date: Jan  1 00:00:00 "
                "2024 GMT", False),
    ("gnutls-cli", " - subject `CN={a}', issuer `CN=Test CA', serial 0x01, EC/ECDSA key 256 "
                   "bits", False),
    ("openssl x509", "        X509v3 Subject Alternative Name: \n                DNS:{a}, "
                     "DNS:{b}", True),
    ("Node", "  subjectaltname: 'DNS:{a}, DNS:{b}',", True),
    ("Java", "SubjectAlternativeName [\n  DNSName: {a}\n  DNSName: {b}\n]", True),
)

# (relation, host asked, names a and b, expected): another name; a wildcard one label too
# shallow; an address asked of a named certificate; the twins, covered by name or wildcard.
RELATIONS: tuple[tuple[str, str, str, str, str], ...] = (
    ("another name", "shop.example.com", "api.example.net", "www.example.net", MISMATCH),
    ("wildcard depth", "a.b.example.com", "*.example.com", "example.com", MISMATCH),
    ("address asked", "10.0.0.5", "server.lan", "server", MISMATCH),
    ("covered", "shop.example.com", "shop.example.com", "www.example.com", KEEP),
    ("wildcard covers", "shop.example.com", "*.example.com", "example.com", KEEP),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Cell:
    stack: str
    context: str
    text: str
    expect: str  # MISMATCH, KEEP (no names reading), BY_IP (the address reading: the name
    # second, next to the chain)
    every_name: bool = False


def _text(wording: str, host: str, block: str) -> str:
    head = wording.format(host=host)
    url = "" if "{host}" in wording else f"\n   at GET https://{host}/api/orders"
    return f"{head}{url}\n{block}" if block else f"{head}{url}"


def cells() -> tuple[Cell, ...]:
    out: list[Cell] = []
    for stack, wording in WORDINGS:
        for form, block, every in NAME_FORMS:
            for rel, host, a, b, expect in RELATIONS:
                out.append(Cell(stack=stack, context=f"{form}, {rel}", expect=expect,
                                every_name=every,
                                text=_text(wording, host, block.format(a=a, b=b))))
        # asked by address, no names printed
        out.append(Cell(stack=stack, context="address, no names",
                        expect=KEEP if stack in HOST_UNSEEN else BY_IP,
                        text=_text(wording, "192.168.10.20", "")))
    return tuple(out)


CELLS = cells()


def right(cell: Cell) -> bool:
    """Whether explain reads ``cell`` as the audit expects."""
    from tlsdoctor import explain
    r = explain(cell.text)
    top = r.findings[0] if r.findings else None
    names = {str((f.facts or {}).get("pattern", "")) for f in r.findings}
    if cell.expect == KEEP:
        return not any(p.startswith("names.") for p in names)
    if cell.expect == BY_IP:  # the name rises next to the chain, below 0.6
        return ("names.ip" in names and len(r.findings) > 1 and top is not None
                and float(top.confidence or 0) < 0.6
                and r.findings[1].cause.value == "hostname_mismatch")
    if top is None or top.cause.value != "hostname_mismatch":
        return False
    conf = float(top.confidence or 0)
    return conf >= 0.6 if cell.every_name else conf < 0.6


if __name__ == "__main__":
    got = sum(right(c) for c in CELLS)
    mism = [c for c in CELLS if c.expect != KEEP]
    print(f"{got}/{len(CELLS)} cells right; moved cells (mismatch or address): "
          f"{sum(right(c) for c in mism)}/{len(mism)}")
