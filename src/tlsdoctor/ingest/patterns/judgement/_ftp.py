"""Verdicts shared by the FTP-over-TLS judgements (round 17: vsftpd, ProFTPD, Pure-FTPd,
FileZilla and FileZilla Server, WinSCP).

Session reuse on the data connection: a server that requires the data connection's TLS
session to resume the control connection's (vsftpd ``require_ssl_reuse=YES``, its default;
ProFTPD's mod_tls unless ``TLSOptions NoSessionReuseRequired``; FileZilla Server) refuses a
client that starts a new session there. Both servers' documentation call the requirement a
secure default that proves the data connection comes from the client that logged in, and
the setting a relaxation for clients that cannot resume (vsftpd.conf(5): "it may break many
FTP clients"; ProFTPD mod_tls: "there are some clients ... which do not reuse SSL
sessions"). So the client ranks first (resume the session: FileZilla, WinSCP, lftp and curl
do; Python's ftplib, many Java and .NET clients and TLS 1.3 with tickets off do not), the
server's setting second; both below 0.6, and the fix names both sides' lines.
"""

from __future__ import annotations

REUSE = ("client_misconfiguration:.5 server_misconfiguration:.4 "
         "middlebox_or_firewall_interference:.1 | reason")
# The server requires FTP over TLS (AUTH TLS, PROT P) and the client spoke plain FTP: the
# client's connection settings (curl --ssl-reqd, lftp ftp:ssl-force, FileZilla's "Require
# explicit FTP over TLS"), or the plain port needs its AUTH TLS like a STARTTLS port.
TLS_REQUIRED = "client_misconfiguration:.65 non_tls_service_on_port:.35 | reason"
# A PROT/PBSZ/CCC sequence the server refuses: the client's order of commands first.
SEQUENCE = "client_misconfiguration:.6 server_misconfiguration:.4"
# The server does not offer FTP over TLS at all (AUTH TLS refused): its own switch is off (or
# it has no certificate to offer), which only its operator turns on; the plain port itself
# is the second reading (who fixes a plain port is read as the client's).
NO_FTPS = "server_misconfiguration:.55 non_tls_service_on_port:.45 | specific"
# A TLS handshake on the data connection that failed with no reason said.
DATA_HANDSHAKE = ("client_misconfiguration:.3 middlebox_or_firewall_interference:.3 "
                  "protocol_version_mismatch:.2 cert_untrusted_root:.2 | generic")
# A failed TLS accept in the server's log, nothing more said: the client gave up (this
# server's certificate, its version), spoke plain on the TLS port, or the path broke it.
ACCEPTED = ("non_tls_service_on_port:.3 protocol_version_mismatch:.25 "
            "cert_untrusted_root:.25 middlebox_or_firewall_interference:.2 | generic")
# The passive data connection never came up: FTPS hides the PASV reply from a firewall's
# FTP helper, so only the server's passive port range opened in its firewall (and its
# public address set) lets it through.
# The words say the control connection worked: not an unreachable host.
DATA_CONNECT = "middlebox_or_firewall_interference:.55 server_misconfiguration:.45 | reason"
# The server's own certificate or key files, cipher list, TLS context.
SERVER_FILES = "server_misconfiguration:1 | reason"
# The user (or a non-interactive client) refused the server's certificate in the prompt:
# FTP servers most often run with a self-signed or private-CA certificate.
CERT_REFUSED = ("cert_self_signed:.35 cert_untrusted_root:.3 hostname_mismatch:.15 "
                "tls_interception_mitm:.1 cert_expired:.1 | specific")
