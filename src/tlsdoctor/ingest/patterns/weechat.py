"""WeeChat's IRC plugin: its own sentences about GnuTLS's verification of the server
(src/plugins/irc/irc-server.c @ weechat/weechat fb69b4affb18, the same words since v1.x,
e.g. v1.9 3b6c6f27c57d). Which store it verified against is in ``own_trust.py``."""

from __future__ import annotations

from . import REASON, SPECIFIC, table
from .judgement import _common as common

_SRC = "weechat/weechat src/plugins/irc/irc-server.c @ fb69b4affb18"

PATTERNS = table("weechat", _SRC, [
    # GNUTLS_CERT_INVALID: set with every failure, says no reason
    (r"\bgnutls: peer's certificate is NOT trusted\b", "WeeChat: the server's certificate did "
     "not verify", common.UNTRUSTED, SPECIFIC),
    # GNUTLS_CERT_SIGNER_NOT_FOUND
    (r"\bgnutls: peer's certificate issuer is unknown\b", "WeeChat: the issuer of the "
     "server's certificate is not in the CA file WeeChat reads", common.UNTRUSTED, REASON),
    (r"\bgnutls: the certificate has been revoked\b", "WeeChat: the server's certificate is "
     "revoked", common.REVOKED.split("|")[0].strip(), REASON),
    (r"\bgnutls: certificate has expired\b", "WeeChat: the server's certificate has expired",
     common.EXPIRED.split("|")[0].strip(), REASON),
    (r"\bgnutls: certificate is not yet activated\b", "WeeChat: the server's certificate is "
     "not valid yet", common.NOT_YET_CAUSES, REASON),
])
