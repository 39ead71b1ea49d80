"""Round 21: PostgreSQL's own TLS words, the backend's and libpq's.

The repository is over the fetch size limit, so the files were read through the search index
and their error calls saved as excerpts (/work/.mirror/_files/postgres+postgres/, a COMMITS
file with the commit each was read at): src/backend/libpq/be-secure-openssl.c (the server's
ereport ``errmsg``/``errhint`` texts), src/interfaces/libpq/fe-secure-openssl.c and
fe-secure-common.c (libpq's ``libpq_append_conn_error`` and ``libpq_gettext`` texts), and
fe-connect.c's sslmode checks.

How each is printed (``form``): the backend writes its log line as the prefix
(log_line_prefix '%m [%p] ', PostgreSQL 13+'s default), the level and two spaces
(src/backend/utils/error/elog.c), FATAL at start-up for its own files and settings, LOG for
a client's connection, HINT for the hint; psql prints libpq's message after 'psql: error: '
and libpq's 'connection to server at "%s" (%s), port %s failed: ' (PostgreSQL 14+). A
message of several lines is printed as several: only its first line is one entry's text.
"""

from __future__ import annotations

import re

from .common import Harvest
from .databases import _joined
from .embedded import _excerpts

_PREFIX = "2026-12-06 10:00:00.123 UTC [4242] "
_PSQL = 'psql: error: connection to server at "db.example.com" (192.0.2.10), port 5432 failed: '
# The backend's messages about its own files and settings, FATAL when the server starts
# (LOG on a reload); every other one is about a client's connection.
_OWN_SETUP = re.compile(r"^(?:could not (?:create SSL context|load|open DH|set (?:minimum|maximum|SSL "
                        r"protocol|the cipher))|private key"
                        r"|check of private|\"%s\" setting|DH: |ECDH: |invalid DH)")
_CALL = re.compile(r"\b(errmsg|errhint|libpq_append_conn_error|libpq_gettext|libpq_ngettext)"
                   r"\(\s*(?:conn,\s*)?((?:\"(?:[^\"\\\n]|\\.)*\"\s*)+)")


def _form(path: str, call: str, text: str) -> str:
    if "backend" not in path:
        return _PSQL + "%TEXT%"
    if call == "errhint":
        return _PREFIX + "HINT:  %TEXT%"
    return _PREFIX + ("FATAL:  " if _OWN_SETUP.search(text) else "LOG:  ") + "%TEXT%"


def postgres() -> Harvest:
    """Every error text of the three files, one entry per text (its first line)."""
    h = Harvest("postgres")
    for o in _excerpts("postgres/postgres"):
        for path in o.ls(""):
            for m in _CALL.finditer(o.read(path)):
                text = "".join(_joined(m.group(2))).split("\n")[0].strip()
                if text:
                    h.add(o, path, text, text, "log" if "backend" in path else "message",
                          form=_form(path, m.group(1), text))
    return h
