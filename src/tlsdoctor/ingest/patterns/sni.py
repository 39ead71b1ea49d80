"""A handshake that failed in a text that says the server needs the server name (SNI).

People paste the failure together with what they found: "the server requires Server Name
Indication (SNI)", "the client does not send SNI". A received handshake_failure alert
alone ranks cipher suites first (alerts.py: suites 0.45, SNI 0.15); when the same text
names SNI as something the server requires or the client leaves out, the missing name
is the reading. Not certain (0.55): the words are the writer's, not the program's.
"""

from __future__ import annotations

from . import REASON, table

_SNI = r"(?:Server Name Indica(?:tion|tor)|Server Name Identification|\bSNI\b)"
_NEEDS = (r"(?:requires?|required|needs?|needed|mandatory|without|missing|no|lacks?|"
          r"(?:does not|doesn't|did not|didn't|never) (?:send|support|pass|set)s?)")
_FAILED = r"(?:handshake[ _]failure|handshake failed|alert handshake|ALERT_HANDSHAKE_FAILURE)"

PATTERNS = table("sni", "the text's own words about SNI (see module docstring)", [
    (rf"\b{_NEEDS}\b[^\n]{{0,40}}?{_SNI}[^\n]{{0,200}}?{_FAILED}|"
     rf"{_FAILED}[^\n]{{0,200}}?\b{_NEEDS}\b[^\n]{{0,40}}?{_SNI}",
     "the handshake failed and the text says the server needs the server name (SNI) the "
     "client did not send", "sni_required_or_mismatch:.55 cipher_suite_mismatch:.25 "
     "protocol_version_mismatch:.2", REASON, "the text's own words about SNI", "handshake"),
])
