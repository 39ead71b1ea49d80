"""The FileZilla client (its engine, rain-1/filezilla-ng, a git mirror of FileZilla 3's
SVN: src/engine/tlssocket_impl.cpp, ftp/logon.cpp, ftp/transfersocket.cpp,
ControlSocket.cpp), each line as its message log prints it ("Error:\t...", "Status:\t...").

"GnuTLS error %d in %s: %s" carries gnutls_strerror()'s text, which the GnuTLS table reads
(with its number); "Received TLS alert from the server: %s (%d)" carries GnuTLS's alert name,
read by the alert table. "Remote certificate not trusted." follows the certificate prompt
refused (or a saved trust gone): an FTP server's certificate is most often self-signed or
from a private CA. "The data connection could not be established: %s" is the passive data
connection that never came up (an FTPS server's PASV reply is encrypted, so no firewall
helper opens the port: the server's passive range and public address must be set).
"Insecure server, it does not support FTP over TLS." is AUTH TLS refused."""

from __future__ import annotations

from . import _common as common
from . import _ftp as ftp

_CONNECT_FAILED = common.UNREACHABLE.replace("| specific", "| category")

JUDGE = {
    "GnuTLS error %d: %s": "elsewhere",
    "GnuTLS error %d in %s: %s": "elsewhere",
    "GnuTLS error %d": "elsewhere",
    "GnuTLS error %d in %s": "elsewhere",
    "Received TLS alert from the server: %s (%d)": "elsewhere",
    "Received unknown TLS alert %d from the server": common.HANDSHAKE,
    # Its own verdict on the line: OpenSSL's "certificate not trusted" inside it is not.
    "Remote certificate not trusted.": ftp.CERT_REFUSED.replace("specific", "exact"),
    "Failed to verify peer certificate": common.CERT_ANY + " | category",
    "Received certificate chain could not be verified. Verification status is %d.":
        common.CERT_ANY + " | category",
    "Server sent unsorted certificate chain in violation of the TLS specifications":
        "bad_chain_order_or_extra:.9 tls_interception_mitm:.1 | reason",
    "Could not sort peer certificates": "bad_chain_order_or_extra:.7 incomplete_chain:.3 | reason",
    "Beware! Certificate has been revoked": common.REVOKED,
    "Certificate signature verification failed": common.CHAIN_BROKEN,
    "A certificate in the chain was signed using an insecure algorithm": common.WEAK_SIG,
    "An issuer in the certificate chain is not a certificate authority":
        "bad_chain_order_or_extra:.5 cert_wrong_purpose:.5 | reason",
    "The server's hostname does not match the certificate's hostname": common.HOSTNAME,
    "Hostname does not match certificate SANs": common.HOSTNAME,
    "The certificate requires the server to include an OCSP status in its response, but the "
    "OCSP status is missing.": common.OCSP_STAPLE,
    "gnutls_certificate_get_peers returned no certificates":
        "server_misconfiguration:.6 tls_interception_mitm:.4 | reason",
    "Unsupported certificate type": "server_misconfiguration:1 | specific",
    "Primary connection and data connection certificates don't match.":
        "tls_interception_mitm:.4 server_misconfiguration:.35 "
        "middlebox_or_firewall_interference:.25 | reason",
    "Failed to initialize TLS.": "client_misconfiguration:.7 server_misconfiguration:.3",
    "Insecure server, it does not support FTP over TLS.": ftp.NO_FTPS,
    "Cannot establish FTP connection to an SFTP server. Please select proper protocol.":
        "non_tls_service_on_port:.6 client_misconfiguration:.4 | reason",
    "The data connection could not be established: %s": ftp.DATA_CONNECT,
    "Could not accept connection: %s":
        "middlebox_or_firewall_interference:.55 client_misconfiguration:.45 | specific",
    "GnuTLS could not read from socket: %s": common.RESET,
    "GnuTLS could not read from socket in %s: %s": common.RESET,
    "GnuTLS could not write to socket: %s": common.RESET,
    "GnuTLS could not write to socket in %s: %s": common.RESET,
    "Could not read from socket: %s": common.RESET,
    "Could not write to socket: %s": common.RESET,
    "Could not read from transfer socket: %s": ftp.DATA_HANDSHAKE,
    "Could not write to transfer socket: %s": ftp.DATA_HANDSHAKE,
    "Transfer connection interrupted: %s": ftp.DATA_HANDSHAKE,
    # The connect operation spans the TCP connect, AUTH TLS, the handshake and the welcome:
    # its failure line names the socket error (libfilezilla's "ECONNREFUSED - Connection
    # refused by server"...), and an error the TLS layer printed before it is the reason.
    # The line alone is a category; ftp17.py reads an abort or reset in it (the peer closed
    # after the connection was made) apart from a refusal or a timeout.
    'Connection attempt failed with "%s".': _CONNECT_FAILED,
    'Connection attempt failed with "%s", trying next address.': _CONNECT_FAILED,
    "Could not connect to server: %s": common.UNREACHABLE,
    "Server did not properly shut down TLS connection": "no_fault",
    "Verifying certificate...": "no_fault",
    "Connection established, initializing TLS...": "no_fault",
    "TLS connection established, waiting for welcome message...": "no_fault",
    "TLS connection established.": "no_fault",
    "Initializing TLS...": "no_fault",
}

RULES = (
    (r".", "not_tls", "login, proxy, directory and file lines; \"Could not connect to "
                      "server\" and \"Disconnected from server\" say no reason"),
)
