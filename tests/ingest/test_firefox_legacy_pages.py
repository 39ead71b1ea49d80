"""Old Firefox (and Thunderbird/SeaMonkey) certificate pages: PSM's pipnss.properties
sentences, pasted years after Fluent replaced them. Written in our own words around the
upstream sentences; each has a twin that must not move."""

from __future__ import annotations

import pytest

from tlsdoctor import explain
from tlsdoctor.causes import Cause as C


def _top(text: str) -> tuple[C | None, float]:
    f = explain(text).findings
    return (f[0].cause, f[0].confidence or 0.0) if f else (None, 0.0)


@pytest.mark.parametrize("text, cause", [
    ("shop.example.test uses an invalid security certificate.\n\nThe certificate is only "
     "valid for www.example.test\n\n(Error code: ssl_error_bad_cert_domain)",
     C.HOSTNAME_MISMATCH),
    ("The certificate is not valid for the name imap.example.test.", C.HOSTNAME_MISMATCH),
    ("The certificate expired on 03/04/2019 11:02. The current time is 07/09/2019 09:30.",
     C.CERT_EXPIRED),
    # ten years before notBefore: the clock, not the certificate (ingest/clock.py)
    ("The certificate will not be valid until 12/01/2031 00:00. The current time is "
     "12/01/2021 00:00.", C.CLIENT_CLOCK_WRONG),
    ("Can't connect securely because the site uses an older, insecure version of the SSL "
     "protocol.", C.PROTOCOL_VERSION_MISMATCH),
])
def test_old_page_sentences_name_their_cause(text: str, cause: C) -> None:
    assert _top(text)[0] is cause


def test_missing_chain_is_a_missing_intermediate_first_but_not_confidently() -> None:
    text = ("intranet.example.test uses an invalid security certificate. The certificate is "
            "not trusted because no issuer chain was provided. (Error code: "
            "sec_error_unknown_issuer)")
    found = explain(text).findings
    causes = [f.cause for f in found]
    assert causes[0] is C.INCOMPLETE_CHAIN and (found[0].confidence or 0.0) < 0.6
    assert {C.TLS_INTERCEPTION_MITM, C.CERT_UNTRUSTED_ROOT} <= set(causes)


def test_twin_an_unknown_issuer_with_a_chain_stays_an_untrusted_root() -> None:
    text = "The certificate is not trusted because the issuer certificate is unknown."
    assert _top(text)[0] is C.CERT_UNTRUSTED_ROOT


def test_twin_ordinary_words_about_names_are_not_recognised() -> None:
    assert _top("The meeting is only valid for members of the board.")[0] is None
