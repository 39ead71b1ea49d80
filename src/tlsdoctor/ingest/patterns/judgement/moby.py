"""Docker (moby/moby): the Engine API client (client/request.go), the daemon's registry
client (daemon/pkg/registry/registry.go) and the vendored docker/go-connections tlsconfig
that loads --tlscacert, --tlscert and --tlskey for the CLI and for dockerd.

request.go decorates two failures with its own guess: a plain-HTTP request answered by
something that is not HTTP ("malformed HTTP response", the TLS alert bytes of a daemon
listening with TLS) gets "* Are you trying to connect to a TLS-enabled daemon without
TLS?": the client left out --tls/DOCKER_TLS_VERIFY (or pointed at the TLS port); an
https request failing with "bad certificate" or "handshake failure" gets "the server
probably has client authentication (--tlsverify) enabled; check your TLS client
certification settings": the daemon wanted a client certificate (the guess; handshake
failure has other causes). The registry client checks certs.d's *.cert/*.key pairs. The
tlsconfig files are loaded by whichever side runs: the CLI (client) more often than dockerd.
"""

from __future__ import annotations

from . import _common as common

_FILES = "client_misconfiguration:.6 server_misconfiguration:.4 | reason"

JUDGE = {
    "hint.tls_daemon": "client_misconfiguration:.85 server_misconfiguration:.15 | reason",
    "hint.tlsverify": ("client_cert_required:.7 protocol_version_mismatch:.1 "
                       "cipher_suite_mismatch:.1 server_misconfiguration:.1 | specific"),
    "missing key %s for client certificate %s. CA certificates must use the extension .crt":
        common.CLIENT_CONFIG,
    "missing client certificate %s for key %s": common.CLIENT_CONFIG,
    "configure TLS from %q: %w": common.CLIENT_CONFIG,
    # this machine's own store
    "failed to read system certificates: %v": common.CLIENT_CONFIG,
}

RULES = (
    (r".", _FILES, "go-connections' tlsconfig: the CA, certificate, key or version setting of "
     "the side that loads it (the CLI more often than dockerd)"),
)
