"""containers/image, the registry client of skopeo, podman, buildah and CRI-O
(containers/image pkg/tlsclientconfig/tlsclientconfig.go, docker/docker_client.go).

tlsclientconfig reads /etc/containers/certs.d/<registry>/ (and the docker paths):
*.crt are CAs, a *.cert must have its *.key and the reverse. A missing pair is the
client's own configuration. "pinging container registry <host>: <error>" wraps the
failure of the first request; Go's error after it decides.
"""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "pinging container registry %s: %w": "elsewhere",
}

RULES = (
    (r".", common.CLIENT_CONFIG, "the client's certs.d directory"),
)
