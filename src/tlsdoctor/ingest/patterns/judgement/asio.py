"""Asio / Boost.Asio error category texts (include/asio/ssl/impl/error.ipp,
include/asio/impl/error.ipp), read only where a program prints them for a failed handshake.

asio.ssl.stream's "stream truncated" is SSL_R_UNEXPECTED_EOF_WHILE_READING / a read of 0
bytes without close_notify; "unspecified system error" is SSL_ERROR_SYSCALL with nothing
on the error queue (io.hpp's engine): both say the peer closed or reset the connection in
the middle of the handshake, without an alert naming why. asio.misc's "End of file" is the
same for a socket read (the peer closed). "unexpected result" is an engine state, no cause.
"""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "asio.ssl.stream.stream_truncated": common.EOF_CLOSED,
    "asio.ssl.stream.unspecified_system_error": common.EOF_CLOSED,
    "asio.misc.eof": common.EOF_CLOSED,
}

RULES = (
    (r".", "not_tls", "other category values: not about TLS"),
)
