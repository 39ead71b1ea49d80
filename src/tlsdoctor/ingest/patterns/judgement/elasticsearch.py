"""Elasticsearch's security plugin in the node's own log: a client that spoke plain text to
a TLS port, a client that closed during the handshake, and a client that did not trust the
node's certificate (it received the client's certificate_unknown alert)."""

from __future__ import annotations

from ..plaintext import PEER_SENT_PLAINTEXT
from . import _common as common

# A client spoke plain text to the TLS port (http:// in its URL, or no TLS option): the
# class of patterns/plaintext.py, one verdict for every server that logs it (round 13; dev
# threads 3 of 3 labelled non_tls_service_on_port first).
_PLAINTEXT = PEER_SENT_PLAINTEXT + " | reason"
# The client rejected the node's certificate without saying why: the node's chain or
# names, or a client not given the node's (usually private) CA.
_NOT_TRUSTED = ("cert_untrusted_root:.4 hostname_mismatch:.3 cert_self_signed:.15 "
                "incomplete_chain:.15")

JUDGE = {
    "received plaintext http traffic on an https channel, closing connection %s": _PLAINTEXT,
    "received plaintext traffic on an encrypted channel, closing connection %s": _PLAINTEXT,
    "http client did not trust this server's certificate, closing connection %s": _NOT_TRUSTED,
    "client did not trust this server's certificate, closing connection %s": _NOT_TRUSTED,
    "connection %s closed during ssl handshake": common.EOF_CLOSED,
    "connection %s closed during handshake": common.EOF_CLOSED,
    "connection %s closed abruptly": common.EOF_CLOSED,
}

RULES = (
    (r".", "not_tls", "other log lines"),
)
