"""Round 21: classes of misses found when holdout20 was folded into dev.

Each class is read for every program that prints it; each test here fails on the code
before this work (the texts were read with a confident wrong cause or a wrong one).
"""

from __future__ import annotations

import pytest

from tlsdoctor.api import explain

CONFIDENT = 0.6


def _top(text: str) -> tuple[str, float]:
    f = explain(text).findings[0]
    return f.cause.value, f.confidence


# A. Xray and V2Ray start every error with the Go package that made it
# (XTLS/Xray-core common/errors/errors.go @ 0c5554c88eaf1e712476763e9ad24be9d869be7e), so an
# outbound's failure reads "app/proxyman/outbound: ...": the package, not the Proxyman app
# (an intercepting proxy) between the client and its server.
_PROXYMAN_PATH = [
    "[Info] [1825122968] app/proxyman/outbound: failed to process outbound traffic > "
    "proxy/vless/outbound: failed to decode response header > x509: certificate signed by "
    "unknown authority",
    "[Warning] v2ray.com/core/app/proxyman/outbound: failed to process outbound traffic > "
    "v2ray.com/core/proxy/vmess/outbound: failed to find an available destination > "
    "x509: certificate signed by unknown authority",
    "[Info] [42] app/proxyman/inbound: connection ends > x509: certificate signed by "
    "unknown authority",
]


@pytest.mark.parametrize("text", _PROXYMAN_PATH)
def test_a_package_path_named_proxyman_is_not_the_proxyman_app(text: str) -> None:
    cause, confidence = _top(text)
    assert cause != "tls_interception_mitm" or confidence < CONFIDENT, (cause, confidence)
    assert confidence < CONFIDENT


def test_the_proxyman_app_itself_is_still_read() -> None:
    cause, _ = _top("Running through Proxyman on my Mac: x509: certificate signed by unknown "
                    "authority")
    assert cause == "tls_interception_mitm"
