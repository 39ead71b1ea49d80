"""botocore (boto/botocore botocore/exceptions.py, botocore/httpsession.py), under the AWS
CLI, boto3 and every tool built on them.

"SSL validation failed for {endpoint_url} {error}" wraps urllib3's SSLError: its words
decide (OpenSSL's verify result, an EOF). Alone, a ranking: a CA the client was not given
(a private endpoint, a re-signing proxy, AWS_CA_BUNDLE pointing at the wrong bundle). When
the CA bundle botocore was given (AWS_CA_BUNDLE, ca_bundle in the config, --ca-bundle)
does not exist, urllib3's load_verify_locations() fails and the error is Python's "[Errno 2]
No such file or directory": the client's own setting, not a TLS failure of the server.
"""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "SSLError": ("cert_untrusted_root:.35 tls_interception_mitm:.3 client_misconfiguration:.25 "
                 "middlebox_or_firewall_interference:.1 | generic"),
    "SSLError.ca_bundle_missing": common.CLIENT_CONFIG,
}

RULES = ()
