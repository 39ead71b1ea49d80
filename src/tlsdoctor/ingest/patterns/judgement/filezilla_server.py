"""FileZilla Server 1.x (iynaix/filezilla-server src/filezilla/ftp/session.cpp, read
through the search index): the data connection securer's states, logged at Error and sent
as the 425 reply's reason ("425 Unable to build data connection: TLS session of data
connection not resumed."), and its control/data socket failures."""

from __future__ import annotations

from . import _ftp as ftp

JUDGE = {
    "TLS session of data connection not resumed.": ftp.REUSE,
    "PROT C is not allowed when the control connection is secure. Use PROT P.":
        "client_misconfiguration:.75 server_misconfiguration:.25 | reason",
    "Failed making the data connection secure!": ftp.DATA_HANDSHAKE,
    "No or wrong ALPN on data connection": ftp.SEQUENCE + " | specific",
    "Failed setting certificate file.": ftp.SERVER_FILES,
    "Control socket is not secure.": ftp.SEQUENCE + " | specific",
    "Failed securing control connection. Reason: %s.": ftp.ACCEPTED,
    "Failed connection for data socket. Reason: %s.": ftp.DATA_HANDSHAKE,
}

RULES = ((r".", "not_tls", "none"),)
