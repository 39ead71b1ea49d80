"""Kubernetes client-go (kubernetes/client-go transport/transport.go, tools/clientcmd/
validation.go, util/cert): the kubeconfig TLS settings that kubectl, Helm, operators and
every controller load.

All are the client's own kubeconfig or flags (insecure-skip-tls-verify with a CA, CA data
that holds no certificate, client-cert without client-key), except util/cert's pair check,
which the API server and kubelet run on their own --tls-cert-file/--tls-private-key-file.
"""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "misconfigured holder for dialer or cert callback": "not_tls",
    "error reading %s, certificate and key must be supplied as a pair":
        "server_misconfiguration:.6 client_misconfiguration:.4 | reason",
    "data does not contain any valid RSA or ECDSA certificates":
        "client_misconfiguration:.7 server_misconfiguration:.3 | reason",
}

RULES = (
    (r".", common.CLIENT_CONFIG, "the kubeconfig's or the flags' TLS settings"),
)
