"""Fix steps for FTP over TLS failures read from an FTP program's words (round 17,
ingest/patterns/ftp17.py): the finding's ``pattern`` fact says which rule was hit.

- Session reuse on the data connection (vsftpd's 522 "session reuse required", ProFTPD's
  "client did not reuse TLS session", FileZilla Server's "TLS session of data connection not
  resumed"): the client's side (a client that resumes the control connection's session,
  as curl, lftp, FileZilla and WinSCP do) and the server's setting that relaxes the rule:
  vsftpd.conf(5) ``require_ssl_reuse=NO``, ProFTPD mod_tls ``TLSOptions
  NoSessionReuseRequired``.
- TLS required, plain client (vsftpd's "must use encryption", ProFTPD's "SSL/TLS required",
  Pure-FTPd's "cleartext sessions ... are not accepted"): the client's FTPS settings: curl(1)
  ``--ssl-reqd``, lftp(1) ``ftp:ssl-force``/``ftp:ssl-protect-data``, FileZilla's site
  encryption "Require explicit FTP over TLS".
- FTP over TLS not offered (lftp's "ftp:ssl-force is set and server does not support or allow
  SSL", FileZilla's "Insecure server, it does not support FTP over TLS."): the server's own
  switch (vsftpd ``ssl_enable=YES`` with ``rsa_cert_file``/``rsa_private_key_file``; ProFTPD
  mod_tls ``TLSEngine on`` with ``TLSRSACertificateFile``/``TLSRSACertificateKeyFile``).
- Implicit FTPS at an explicit port (vsftpd's log: a TLS ClientHello read as an FTP command):
  the client's ftp:// with TLS required.
- The passive data connection never came up (FileZilla's "The data connection could not be
  established"): the server's passive port range, opened in its firewall (vsftpd
  ``pasv_min_port``/``pasv_max_port``, ProFTPD ``PassivePorts``).
"""

from __future__ import annotations

from ..causes import Cause
from ..finding import Finding, FixStep
from .context import FixContext
from .lazyre import lazy

__all__ = ["ftp_steps"]

_FTP_SOURCES = frozenset({"vsftpd", "proftpd", "pure_ftpd", "filezilla_server", "filezilla",
                          "winscp", "lftp_ftps"})
_REUSE = lazy(r"(?i)session reuse|did not reuse TLS session|not resumed|reuse_eperm|"
              r"NoSessionReuseRequired")
_REQUIRED = lazy(r"(?i)must use encryption|must be encrypted|required but absent|"
                 r"SSL/TLS required on|TLSRequired (?:requires|in directory)|"
                 r"command denied by TLSRequired|cleartext sessions|reconnect using TLS|"
                 r"MSG_TLS_NEEDED|MSG_PROT_PRIVATE_NEEDED")
_PASV = lazy(r"(?i)data connection could not be established")
_IMPLICIT = lazy(r"tls_on_plain_port")
_NO_FTPS = lazy(r"(?i)does not support or allow SSL|does not support FTP over TLS")
_PF_CIPHERS = lazy(r"MSG_TLS_CIPHER_FAILED")
# vsftpd's own TLS settings refused at start (ssl.c, harvested in patterns/upstream/vsftpd.json;
# round 20: they printed nginx's, Apache's and HAProxy's cipher lines)
_VS_CIPHERS = lazy(r"^vsftpd\.up\.SSL: could not set cipher list")
_VS_FILES = lazy(r"^vsftpd\.up\.SSL: cannot load (?:RSA|DSA) (?:certificate|private key)")
_PF_FILES = lazy(r"MSG_TLS_NO_CTX|MSG_FILE_DOESNT_EXIST|^TLS \[%s\]")

_CLIENT_RESUME = FixStep(
    text="Use a client that resumes the control connection's TLS session on the data "
         "connection (curl, lftp, FileZilla and WinSCP do; curl not with --no-sessionid; "
         "Python's ftplib needs the data socket wrapped with session=self.sock.session):",
    code="curl --ssl-reqd -u USER:PASSWORD ftp://HOST/FILE -o FILE\n"
         "lftp -u USER,PASSWORD -e 'set ftp:ssl-force true; set ftp:ssl-protect-data true; "
         "get FILE; bye' HOST\n"
         "# lftp, anonymous login: also set ftp:ssl-allow-anonymous true",
    applies_to="client")
_VSFTPD_REUSE = FixStep(
    text="Or, on vsftpd, stop requiring the reuse (vsftpd.conf(5): a secure default that "
         "\"may break many FTP clients\"), then restart vsftpd:",
    code="# /etc/vsftpd.conf\nrequire_ssl_reuse=NO\nsudo systemctl restart vsftpd",
    applies_to="vsftpd")
_PROFTPD_REUSE = FixStep(
    text="Or, on ProFTPD, relax mod_tls's rule for clients that cannot resume the session, "
         "then restart ProFTPD:",
    code="# /etc/proftpd/tls.conf, in <IfModule mod_tls.c>:\n"
         "TLSOptions NoSessionReuseRequired\n"
         "sudo proftpd -t && sudo systemctl restart proftpd",
    applies_to="proftpd")
_FZS_REUSE = FixStep(
    text="FileZilla Server requires the data connection to resume the control connection's "
         "TLS session: use a client that resumes it (the step above).",
    applies_to="filezilla_server")
# The clients' own settings for explicit FTP over TLS (AUTH TLS, then PROT P): curl's
# --ssl-reqd, lftp's ftp:ssl-force/ssl-protect-data, FileZilla's Site Manager encryption.
_EXPLICIT_TLS_CLIENTS = ("curl --ssl-reqd -u USER:PASSWORD ftp://HOST/FILE -o FILE\n"
                         "lftp -u USER,PASSWORD -e 'set ftp:ssl-force true; "
                         "set ftp:ssl-protect-data true; get FILE; bye' HOST\n"
                         "# lftp, anonymous login: also set ftp:ssl-allow-anonymous true\n"
                         "# FileZilla, Site Manager: Encryption = "
                         "\"Require explicit FTP over TLS\"")
_CLIENT_FTPS = FixStep(
    text="The server accepts FTP only over TLS: connect with explicit FTP over TLS (AUTH TLS, "
         "then PROT P for the data connection):",
    code=_EXPLICIT_TLS_CLIENTS,
    applies_to="client")
_VSFTPD_PASV = FixStep(
    text="The passive data connection never came up. Over TLS no firewall helper can read the "
         "PASV reply, so give the server a fixed passive port range, open it in the server's "
         "firewall, and restart vsftpd:",
    code="# /etc/vsftpd.conf\npasv_min_port=40000\npasv_max_port=40100\n"
         "sudo systemctl restart vsftpd",
    applies_to="vsftpd")
_PROFTPD_PASV = FixStep(
    text="Or on ProFTPD (then open the same range in its firewall):",
    code="# /etc/proftpd/proftpd.conf\nPassivePorts 40000 40100",
    applies_to="proftpd")

_CLIENT_EXPLICIT = FixStep(
    text="This port speaks explicit FTP over TLS (plain FTP, then AUTH TLS), not implicit FTPS "
         "(TLS from the first byte, ftps:// on port 990): connect with ftp:// and require TLS:",
    code=_EXPLICIT_TLS_CLIENTS,
    applies_to="client")
_VSFTPD_ENABLE = FixStep(
    text="The server offers no FTP over TLS (AUTH TLS refused). On vsftpd, enable it with its "
         "certificate and key, then restart vsftpd:",
    code="# /etc/vsftpd.conf\nssl_enable=YES\nrsa_cert_file=/etc/ssl/certs/ftp.example.com.pem\n"
         "rsa_private_key_file=/etc/ssl/private/ftp.example.com.key\n"
         "sudo systemctl restart vsftpd",
    applies_to="vsftpd")
_PROFTPD_ENABLE = FixStep(
    text="On ProFTPD, load mod_tls and enable it with the server's certificate and key:",
    code="# /etc/proftpd/tls.conf, in <IfModule mod_tls.c> (Include it from proftpd.conf):\n"
         "TLSEngine on\nTLSRSACertificateFile /etc/ssl/certs/ftp.example.com.pem\n"
         "TLSRSACertificateKeyFile /etc/ssl/private/ftp.example.com.key\n"
         "sudo proftpd -t && sudo systemctl restart proftpd",
    applies_to="proftpd")
_PUREFTPD_ENABLE = FixStep(
    text="On Pure-FTPd, turn TLS on (TLS 1: plain and TLS sessions; 2: TLS only; 3: TLS "
         "only, data connections too) with its certificate bundle (the key and the "
         "certificate in one file), then restart Pure-FTPd:",
    code="# /etc/pure-ftpd.conf (the file pure-ftpd is started with):\nTLS 1\n"
         "CertFile /etc/ssl/private/pure-ftpd.pem\n"
         "# Debian/Ubuntu (pure-ftpd-wrapper; the bundle must be at that path):\n"
         "echo 1 | sudo tee /etc/pure-ftpd/conf/TLS\nsudo systemctl restart pure-ftpd",
    applies_to="pure_ftpd")
_PUREFTPD_CIPHERS = FixStep(
    text="Pure-FTPd refused its TLSCipherSuite (OpenSSL accepts no cipher of that list): give "
         "it an OpenSSL cipher list (the documented example is HIGH; a leading -C: also asks "
         "clients for a certificate), then restart Pure-FTPd:",
    code="# /etc/pure-ftpd.conf (the file pure-ftpd is started with):\nTLSCipherSuite HIGH\n"
         "# Debian/Ubuntu (pure-ftpd-wrapper reads one file per setting):\n"
         "echo HIGH | sudo tee /etc/pure-ftpd/conf/TLSCipherSuite\n"
         "# or on pure-ftpd's command line: --tlsciphersuite=HIGH\n"
         "sudo systemctl restart pure-ftpd",
    applies_to="pure_ftpd")
# vsftpd.conf(5) (Debian's vsftpd 3.0.3): ssl_ciphers, an OpenSSL cipher list; rsa_cert_file,
# and rsa_private_key_file (unset: the key is read from rsa_cert_file). vsftpd's die() writes
# "500 OOPS: ..." to fd 0: the terminal when started by hand, nothing under systemd (exit 2).
_VSFTPD_START = ("vsftpd stops at start (under systemd only 'status=2' shows; "
                 "'sudo vsftpd /etc/vsftpd.conf' in a terminal prints the 500 OOPS line)")
_VSFTPD_CIPHERS = FixStep(
    text=f"vsftpd refused its ssl_ciphers (OpenSSL knows no cipher in the list) and "
         f"{_VSFTPD_START}: give it an OpenSSL cipher list, then restart vsftpd:",
    code="# /etc/vsftpd.conf\nssl_ciphers=HIGH\nsudo systemctl restart vsftpd",
    applies_to="vsftpd")
_VSFTPD_FILES = FixStep(
    text=f"vsftpd could not load its certificate or key and {_VSFTPD_START}: rsa_cert_file "
         "names the certificate (its chain after it), rsa_private_key_file its key (unset: "
         "the key is read from rsa_cert_file), both readable by root; then restart vsftpd:",
    code="# /etc/vsftpd.conf\nrsa_cert_file=/etc/ssl/certs/ftp.example.com.pem\n"
         "rsa_private_key_file=/etc/ssl/private/ftp.example.com.key\n"
         "sudo systemctl restart vsftpd",
    applies_to="vsftpd")
_PUREFTPD_FILES = FixStep(
    text="Pure-FTPd could not load its certificate or its key, or they do not belong together. "
         "It reads both from one file, the key then the certificate and its chain, by default "
         "/etc/ssl/private/pure-ftpd.pem (readable by root only; a certificate file alone "
         "fails: the key is looked for in it), or from the two files CertFileAndKey names. "
         "Then restart Pure-FTPd:",
    code="cat /etc/ssl/private/ftp.example.com.key /etc/ssl/certs/ftp.example.com.pem "
         "| sudo tee /etc/ssl/private/pure-ftpd.pem >/dev/null\n"
         "sudo chmod 600 /etc/ssl/private/pure-ftpd.pem\n"
         "# /etc/pure-ftpd.conf, when pure-ftpd is started with it (Debian's "
         "pure-ftpd-wrapper has no CertFile setting: the path above is the default it uses):\n"
         "CertFile /etc/ssl/private/pure-ftpd.pem\n"
         "# or two files: CertFileAndKey \"/etc/ssl/certs/ftp.example.com.pem\" "
         "\"/etc/ssl/private/ftp.example.com.key\"\n"
         "sudo systemctl restart pure-ftpd",
    applies_to="pure_ftpd")

_REUSE_CAUSES = frozenset({Cause.CLIENT_MISCONFIGURATION, Cause.SERVER_MISCONFIGURATION,
                           Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE})


def ftp_steps(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    """The FTP steps for ``f``; () when the finding is not an FTP program's or has none."""
    del ctx  # the names come from the words
    source = str(f.facts.get("source", ""))
    pattern = str(f.facts.get("pattern", ""))
    if source not in _FTP_SOURCES:
        return ()
    if _REUSE.search(pattern) and f.cause in _REUSE_CAUSES:
        server = {"vsftpd": (_VSFTPD_REUSE,), "proftpd": (_PROFTPD_REUSE,),
                  "filezilla_server": (_FZS_REUSE,)}.get(source, ())
        return (_CLIENT_RESUME, *server)
    if _REQUIRED.search(pattern) and f.cause in (Cause.CLIENT_MISCONFIGURATION,
                                                 Cause.NON_TLS_SERVICE_ON_PORT):
        return (_CLIENT_FTPS,)
    if _IMPLICIT.search(pattern) and f.cause in (Cause.NON_TLS_SERVICE_ON_PORT,
                                                 Cause.CLIENT_MISCONFIGURATION):
        return (_CLIENT_EXPLICIT,)
    if _NO_FTPS.search(pattern) and f.cause in (Cause.NON_TLS_SERVICE_ON_PORT,
                                                Cause.SERVER_MISCONFIGURATION):
        return (_VSFTPD_ENABLE, _PROFTPD_ENABLE, _PUREFTPD_ENABLE)
    if source == "vsftpd" and f.cause is Cause.SERVER_MISCONFIGURATION:
        if _VS_CIPHERS.search(pattern):
            return (_VSFTPD_CIPHERS,)
        if _VS_FILES.search(pattern):
            return (_VSFTPD_FILES,)
    if source == "pure_ftpd" and f.cause is Cause.SERVER_MISCONFIGURATION:
        if _PF_CIPHERS.search(pattern):
            return (_PUREFTPD_CIPHERS,)
        if _PF_FILES.search(pattern):
            return (_PUREFTPD_FILES,)
    if _PASV.search(pattern) and f.cause in (Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE,
                                             Cause.SERVER_MISCONFIGURATION):
        return (_VSFTPD_PASV, _PROFTPD_PASV)
    return ()
