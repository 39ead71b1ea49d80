"""Go's net package (golang-1.19-src 1.19.8): the deadline's "i/o timeout"
(net.timeoutError, os.ErrDeadlineExceeded: a dial, read or write deadline passed) and the
resolver's "server misbehaving" (errServerMisbehaving: the DNS server answered SERVFAIL or
a reply Go could not use). Both short: read only after the colon Go prints before them.
"""

from __future__ import annotations

from . import _common as common

JUDGE = {
    # a timeout never names its cause: below 0.6, and a TLS reason beside it leads
    "timeoutError": common.TIMEOUT,
    # the resolver failed to answer: the name does not resolve here
    "errServerMisbehaving": common.DNS.replace("reason", "specific"),
}
