"""Ruby's openssl gem (Net::HTTP, Faraday, HTTParty, Bundler and RubyGems print its
OpenSSL::SSL::SSLError): harvested messages, upstream/ruby.json. Printed as
"OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 peeraddr=192.0.2.1:443
state=error: certificate verify failed (unable to get local issuer certificate)" or
"Faraday::SSLError (hostname \\"x\\" does not match the server certificate)"."""

from __future__ import annotations

from . import CATEGORY, SPECIFIC, table
from .harvested import upstream_patterns
from .judgement._common import TIMEOUT_CAUSES

PATTERNS = upstream_patterns("ruby", "Ruby openssl")

# Round 10 (the client matrix, Ruby 3.1 on loopback): Net::HTTP's open_timeout covers the
# TCP connect and the TLS handshake; a handshake that never finishes (the server accepted
# and stays silent) raises a bare "Net::OpenTimeout", a connect that never finishes
# "Net::OpenTimeout: Failed to open TCP connection to host:port (execution expired)".
_NET_HTTP = "ruby net-http lib/net/http.rb (Net::OpenTimeout, Net::HTTP#connect)"
PATTERNS += table("ruby", _NET_HTTP, [
    (r"\bNet::OpenTimeout\b(?![^\n]{0,40}Failed to open TCP)",
     "Ruby Net::HTTP: the connection or its TLS handshake did not finish within open_timeout",
     TIMEOUT_CAUSES, CATEGORY),
    (r"\bNet::OpenTimeout\b[^\n]{0,40}Failed to open TCP connection to",
     "Ruby Net::HTTP: the TCP connection did not open within open_timeout",
     "name_resolution_or_unreachable:.6 middlebox_or_firewall_interference:.4", SPECIFIC),
])
