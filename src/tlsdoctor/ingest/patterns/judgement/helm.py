"""Helm (helm/helm internal/tlsutil/tls.go, pkg/getter/httpgetter.go, pkg/registry/client.go,
pkg/cmd/repo_add.go).

The tlsutil errors are Helm's own --ca-file, --cert-file and --key-file (inside "can't
create TLS config for client: "). "looks like %q is not a valid chart repository or cannot
be reached: %w" wraps any failure to fetch index.yaml: Go's words after it decide, and
alone it says nothing of TLS.
"""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "looks like %q is not a valid chart repository or cannot be reached: %w": "elsewhere",
    "unable to access TLS client configuration, the provided HTTP Transport is not "
    "supported, given: %T": "not_tls",
}

RULES = (
    (r".", common.CLIENT_CONFIG, "Helm's own --ca-file, --cert-file and --key-file"),
)
