"""Ruby's openssl gem (Net::HTTP, Faraday, HTTParty, Bundler and RubyGems print its
OpenSSL::SSL::SSLError): harvested messages, upstream/ruby.json. Printed as
"OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 peeraddr=192.0.2.1:443
state=error: certificate verify failed (unable to get local issuer certificate)" or
"Faraday::SSLError (hostname \\"x\\" does not match the server certificate)"."""

from __future__ import annotations

from .harvested import upstream_patterns

PATTERNS = upstream_patterns("ruby", "Ruby openssl")
