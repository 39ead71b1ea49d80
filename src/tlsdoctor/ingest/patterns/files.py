"""A file the program was told to load could not be read: OpenSSL's error queue says so.

OpenSSL pushes one error per layer, one per line: the system error of the open
(ERR_LIB_SYS: 1.x "error:02001002:system library:fopen:No such file or directory", 3.x
"error:80000002:system library::No such file or directory", crypto/err/err.c
ERR_raise_data(ERR_LIB_SYS, errno)), the BIO or loader that asked (BIO_new_file "no such
file"), then the SSL call that failed. Read together, the lines say what the last one alone
does not: a verification that fails after the CA file could not be opened failed against an
empty store (the program's CA setting names a file that is not there), and a
certificate or key function failing with "system lib" is the program's own file.
Provenance: openssl/openssl crypto/err/err.c, ssl/ssl_rsa.c (SSL_CTX_use_*_file),
ssl/ssl_err.c (SSL_F_* names of 1.0.2/1.1.1). Lines are joined before matching
(ingest/messages.py), so the queue's lines are one text here.
"""

from __future__ import annotations

from dataclasses import replace

from . import REASON, table

# The open failed because the path does not exist (ENOENT), in 1.x and 3.x wording.
_ENOENT = (r"(?:system library:\w{0,30}:No such file or directory|"
           r"BIO routines:\w{0,30}:no such file)")
_VERIFY = r"(?:certificate verify failed|CERTIFICATE_VERIFY_FAILED)"

_ROWS = table("openssl", "OpenSSL error queue (see module docstring)", [
    # Dev: 1 of 1 thread (a static PHP build whose compiled-in CA path does not exist).
    # Not certain: the missing file could be another one the program opened first.
    (rf"{_ENOENT}[^\n]{{0,1500}}?{_VERIFY}",
     "a file could not be opened (No such file or directory) before verification failed: "
     "the CA file or directory this program is set to use does not exist, so nothing was "
     "trusted", "client_misconfiguration:.55 cert_untrusted_root:.2 incomplete_chain:.15 "
     "tls_interception_mitm:.1", REASON + 2, "OpenSSL crypto/err/err.c (ERR_LIB_SYS), "
     "ssl/statem (certificate verify failed)", "no such file"),
    # OpenSSL 1.0.2/1.1.1 function names (ssl/ssl_err.c): the program's own certificate or
    # key file cannot be opened or read. Whose: the printer's (messages._own_material);
    # without words saying so, a client's first (dev: 1 of 1, requests given a directory).
    (r"\bSSL_CTX_use_(?P<what>certificate|certificate_chain|PrivateKey|RSAPrivateKey)_file:"
     r"(?:system lib|No such file or directory)\b",
     "the {what} file this program was given cannot be opened (SSL_CTX_use_{what}_file: "
     "system error)", "client_misconfiguration:.55 server_misconfiguration:.45", REASON,
     "OpenSSL ssl/ssl_rsa.c, ssl/ssl_err.c (1.0.2/1.1.1)", "_file:"),
    (r"\bSSL_CTX_load_verify_locations:(?:system lib|No such file or directory)\b",
     "the CA file or directory this program was given cannot be opened "
     "(SSL_CTX_load_verify_locations: system error)",
     "client_misconfiguration:.6 server_misconfiguration:.4", REASON,
     "OpenSSL ssl/ssl_lib.c, ssl/ssl_err.c (1.0.2/1.1.1)", "load_verify_locations:"),
])

# Source "openssl" (a library's words, not a program's: messages.lead); ids of their own.
PATTERNS = tuple(replace(p, id=f"openssl.files.{n}") for n, p in enumerate(_ROWS))
