"""Dart's dart:io (Flutter): the exceptions of its BoringSSL filter
(runtime/bin/secure_socket_filter.cc). "Handshake error in client" says only that the
handshake failed; the BoringSSL reason name after "OS Error:" (CERTIFICATE_VERIFY_FAILED,
WRONG_VERSION_NUMBER...) and the verify text after it are read with BoringSSL's and
OpenSSL's tables."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "HandshakeException: Handshake error in client": common.HANDSHAKE,
    "HandshakeException: Handshake error in server": common.HANDSHAKE,
    "TlsException: Set hostname for certificate checking": common.CLIENT_CONFIG,
    "TlsException: Set SNI host name": common.CLIENT_CONFIG,
}

RULES = (
    (r".", "not_tls", "BIO setup: internal"),
)
