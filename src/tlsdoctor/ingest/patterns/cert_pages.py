"""The pages a web server returns when it refused the client's certificate (round 13,
ex-peer): what a browser, curl or a monitoring check shows after a handshake that
completed, because the server checks the client certificate after it (optional
verification) and answers with an error page instead of failing the handshake.

- nginx src/http/ngx_http_special_response.c @ 3f6f7824d: with `ssl_verify_client on` a
  certificate that fails verification gets NGX_HTTPS_CERT_ERROR (495), shown as "400 The
  SSL certificate error", none sent NGX_HTTPS_NO_CERT (496), "400 No required SSL
  certificate was sent" (ngx_http_request.c ngx_http_process_request). The reason (unknown
  CA, expired, "unsupported certificate purpose") is only in nginx's error log, at info
  level ("client SSL certificate verify error: (26:unsupported certificate purpose)").
- IIS (Microsoft Learn, "The HTTP status code in IIS 7 and later versions"): 403.7 "Client
  certificate required", 403.13 "Client certificate revoked", 403.16 "Client certificate
  is untrusted or invalid", 403.17 "Client certificate has expired or is not yet valid".
"""

from __future__ import annotations

from . import REASON, table

PATTERNS = table("cert_pages", "see module docstring", [
    (r"\b400 The SSL certificate error\b|<center>The SSL certificate error</center>",
     "nginx refused the client's certificate (ssl_verify_client): it failed verification; "
     "nginx's error log (info level) names why", "client_cert_required:.9 cert_wrong_purpose:.1",
     REASON, "nginx src/http/ngx_http_special_response.c (NGX_HTTPS_CERT_ERROR)",
     "ssl certificate error"),
    (r"\b400 No required SSL certificate was sent\b|"
     r"<center>No required SSL certificate was sent</center>",
     "nginx requires a client certificate (ssl_verify_client on) and none was sent",
     "client_cert_required:1", REASON,
     "nginx src/http/ngx_http_special_response.c (NGX_HTTPS_NO_CERT)",
     "no required ssl certificate was sent"),
    (r"\b403\.7\b[^\n]{0,40}?Client certificate required\b",
     "IIS requires a client certificate (403.7)", "client_cert_required:1", REASON,
     "Microsoft Learn: HTTP status codes in IIS 7 and later (403.7)", "client certificate"),
    (r"\b403\.(?:13|16|17)\b[^\n]{0,40}?Client certificate (?:revoked|is untrusted or invalid|"
     r"has expired or is not yet valid)",
     "IIS refused the client's certificate (403.13/16/17)", "client_cert_required:1", REASON,
     "Microsoft Learn: HTTP status codes in IIS 7 and later (403.13, 403.16, 403.17)",
     "client certificate"),
])
