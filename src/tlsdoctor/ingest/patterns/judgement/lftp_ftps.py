"""lftp's FTP-over-TLS login errors (lavv17/lftp src/ftpclass.cc), beside round 15's table of
its certificate verdicts (judgement/lftp.py). "ftp:ssl-force is set and server does not
support or allow SSL" is AUTH TLS refused (or not offered) by a server lftp was told to use
FTPS with: the server offers no FTP over TLS there."""

from __future__ import annotations

from . import _ftp as ftp

JUDGE = {
    "ftp:ssl-force is set and server does not support or allow SSL": ftp.NO_FTPS,
    "AUTH %s is not supported, using AUTH %s instead": "no_fault",
}

RULES = ((r".", "not_tls", "none"),)
