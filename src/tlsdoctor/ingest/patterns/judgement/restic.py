"""restic (restic/restic internal/backend/http_transport.go): the --cacert and
--tls-client-cert files (or $RESTIC_CACERT, $RESTIC_TLS_CLIENT_CERT) it loads before
connecting to a REST, S3 or other HTTP backend. Every error is the client's own setting.
"""

from __future__ import annotations

from . import _common as common

JUDGE: dict[str, str] = {}

RULES = (
    (r".", common.CLIENT_CONFIG, "the client's own CA or client-certificate file"),
)
