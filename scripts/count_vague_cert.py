"""Count the dev cases of each vague certificate wording by the thread's cause and context:
the honest prior of docs/explain-upstream.md "Round 14: vague certificate failures".

Run: PYTHONPATH=src python3 scripts/count_vague_cert.py

Per wording: how many dev texts hold it, their causes (``expected[0]``), and how many of them
name an IP address as the host, print the server certificate's names (and whether those
cover the host asked), print dates, or hold purpose words.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from tlsdoctor.ingest.certnames import covers, leaf_names
from tlsdoctor.ingest.hostclass import hosts_in
from tlsdoctor.ingest.printed_times import printed_times

CASES = Path(__file__).resolve().parents[1] / "tests/ingest/upstream/heldout/cases.json"

WORDINGS = {
    ".NET 'invalid according to the validation procedure' (bare)":
        r"validation procedure\.?\s*(?:$|\[)",
    "Apple -1202 / ServerCertificateUntrusted": r"-1202\b|NSURLErrorServerCertificateUntrusted",
    "OpenSSL bare 'certificate verify failed'": r"certificate verify failed(?!: ?[a-z]| ?\([a-z])",
    "Go 'expired or is not yet valid', no times":
        r"certificate has expired or is not yet valid(?!: current time)(?![^\n]{0,5}\n\s*current)",
    "Go 'expired or is not yet valid', with times": r"expired or is not yet valid: ?\s*current time",
    "any 'has expired' (OpenSSL, Node, curl...)": r"certificate has expired(?! or)",
    "alert internal_error received": r"alert internal error|14094438|0A000438|internal_error",
    "GnuTLS 'A TLS fatal alert has been received'": r"A TLS fatal alert has been received",
    "Envoy 'upstream connect error'": r"upstream connect error",
    "purpose / key usage words": r"purpose|key usage|WRONG_USAGE|INADEQUATE_(?:KEY_USAGE|CERT_TYPE)",
}


def _context(text: str) -> list[str]:
    out = []
    hosts = hosts_in(text)
    if any(re.fullmatch(r"[\d.]+|[0-9a-f:]+", h) and not h.isdigit() for h, _ in hosts):
        out.append("ip")
    names = leaf_names(text)
    if names is not None and hosts:
        out.append("names-cover" if any(covers(n, hosts[0][0]) for n in names.names)
                   else "names-miss")
    if printed_times(text).any:
        out.append("dates")
    return out


def main() -> None:
    cases = [c for c in json.loads(CASES.read_text())["cases"] if c["split"] == "dev"]
    print(f"{len(cases)} dev cases")
    for label, rx in WORDINGS.items():
        got = [c for c in cases if re.search(rx, c["text"], re.IGNORECASE | re.MULTILINE)]
        causes = Counter(c["expected"][0] for c in got)
        ctx = Counter(k for c in got for k in _context(c["text"]))
        print(f"| {label} | {len(got)} | "
              + ", ".join(f"{k} {v}" for k, v in causes.most_common()) + " | "
              + ", ".join(f"{k} {v}" for k, v in sorted(ctx.items())) + " |")


if __name__ == "__main__":
    main()
