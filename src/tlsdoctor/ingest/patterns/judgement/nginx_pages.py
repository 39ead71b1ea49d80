"""nginx's own HTTP error pages (src/http/ngx_http_special_response.c).

With `ssl_verify_client on` nginx finishes the handshake and checks the client certificate
afterwards (ngx_http_request.c ngx_http_process_request): none sent answers page 496 "No
required SSL certificate was sent", one that failed verification page 495 "The SSL
certificate error" (the reason, e.g. "unsupported certificate purpose", is only in nginx's
error log at info level). Page 497 is a plain-HTTP request on an `ssl` listener: the client
spoke HTTP to the TLS port (an http:// URL for an https port, a proxy or load balancer
forwarding plain HTTP to it). 494 is about request headers, not TLS."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "ngx_http_error_495_page": "client_cert_required:.9 cert_wrong_purpose:.1 | reason",
    "ngx_http_error_496_page": common.CLIENT_CERT,
    # The words of the two ends not speaking the same protocol on that port: the class of
    # patterns/plaintext.py (round 13), which reads the same page so.
    "ngx_http_error_497_page": "non_tls_service_on_port:1 | reason",
}

RULES = (
    (r".", "not_tls", "the other pages are not about TLS"),
)
