"""wolfSSL (curl's wolfSSL back end, embedded and RTOS clients): error codes of
wolfssl/error-ssl.h and wolfssl/wolfcrypt/error-crypt.h, harvested with their numbers.

Programs print the number with wolfSSL's reason string: curl (lib/vtls/wolfssl.c)
"SSL_connect failed with error -188: ASN sig error, no CA signer to verify certificate",
examples and devices "wolfSSL_connect error -313, revcd alert fatal error", "err = -326".
The reason strings (wolfSSL_ERR_reason_error_string, wc_GetErrorString) are close to the
headers' comments but not always the same words, so the number is what is matched, only
next to a wolfSSL call or the word error; the identifier (ASN_NO_SIGNER_E) alone too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .harvested import Entry, name_regex, upstream_patterns

# Where a wolfSSL error number is printed: after a wolfSSL call or SSL_connect/SSL_accept
# (curl), or "error"/"err"/"ret" within a few words of "wolfssl".
_CALL = r"(?:wolfSSL\w{0,30}|SSL_connect|SSL_accept|SSL_read|SSL_write|CyaSSL\w{0,30})"


def _forms(entry: Entry) -> Iterator[tuple[str, str, str]]:
    number = entry.get("number")
    if number is None:
        return
    num = re.escape(str(number))
    yield ("number", rf"\b{_CALL}[^\n]{{0,60}}?(?:error|err|ret|returned|code)\s*[=:(]?\s*"
                     rf"{num}(?!\d)", str(number))
    if entry.id.count("_") >= 2 or entry.id.endswith("_E"):
        yield ("name", *name_regex(entry.id))
    if entry.id == "FATAL_ERROR":  # its reason string, printed alone by many programs
        # (src/internal.c wolfSSL_ERR_reason_error_string: "revcd alert fatal error", not
        # the header comment's "recvd"; "received alert fatal error" in 5.x, as Debian 12's
        # 5.5.4 printed it on loopback); round 15
        yield ("text", r"\b(?:revcd|received) alert fatal error\b", "alert fatal error")


PATTERNS = upstream_patterns("wolfssl", "wolfSSL", bare_names=False, extra_forms=_forms)
