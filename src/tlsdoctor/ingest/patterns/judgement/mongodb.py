"""MongoDB: mongod/mongos and the shell's TLS layer (src/mongo/util/net/ssl_manager_openssl.cpp,
src/mongo/transport/asio/asio_session_impl.cpp). Identifiers are the LOGV2 ids of its
structured log ("id":23255); Status texts (no id) are what a client prints
("SSLHandshakeFailed: SSL peer certificate validation failed: self signed certificate"),
whose OpenSSL verify result after the colon is read by OpenSSL's table."""

from __future__ import annotations

from . import _common as common
from . import _databases as db

JUDGE = {
    # mongod's own tlsCertificateKeyFile/tlsCAFile/tlsCRLFile in its log (the shell prints
    # the same for its own files: the printer's words decide).
    "23248": db.OWN_FILE_SERVER,  # Cannot read certificate file
    "23250": db.OWN_FILE_SERVER,  # Cannot read PEM key file
    "23251": db.OWN_FILE_SERVER,  # Cannot read PEM key
    "23252": db.OWN_FILE_SERVER,  # Cannot use PEM key
    # "SSL certificate validation failed" is its SSL_CTX_check_private_key() failing:
    # the words are every program's generic verification failure, so they make no
    # pattern here; OpenSSL's reason in the line ("key values mismatch") decides.
    "23253": "elsewhere",
    "cannot read certificate authority file: %s %s": db.OWN_FILE,
    "error loading system CA certificates (default certificate file: %s, default certificate "
    "path: %s)": db.CA_PATHS,
    "23254": db.OWN_FILE_SERVER,  # CRL file
    "23234": "no_fault",  # no client certificate, allowed (weak validation)
    "23255": common.CLIENT_CERT,  # no client certificate: rejected
    # allowInvalidCertificates: logged, and the connection goes on.
    "23235": "no_fault",
    "SSL peer certificate validation failed: %s": common.CERT_ANY + " | category",
    "23236": "no_fault",  # a client using the server's own certificate
    "23237": "no_fault",  # an IP address as a DNS SAN: deprecated, still accepted
    "The server certificate does not match the host name. Hostname: %s does not match %s":
        common.HOSTNAME,
    "No Common Name (CN) or Subject Alternate Names (SAN) found":
        "hostname_mismatch:.7 server_misconfiguration:.3 | reason",
    "23258": "middlebox_or_firewall_interference:.5 non_tls_service_on_port:.3 "
             "name_resolution_or_unreachable:.2 | category",
    "23259": common.EOF_CLOSED,
    # The server's ingress: a TLS hello to a mongod without TLS (the client's setting or
    # the server's, and from the client's view a port that does not speak TLS); a version
    # the server disabled; a plain client to a requireTLS server.
    "SSL handshake received but server is started without SSL support":
        "non_tls_service_on_port:.45 client_misconfiguration:.35 server_misconfiguration:.2",
    "SSL handshake failed, as client requested disabled protocol": common.VERSION,
    "The server is configured to only allow SSL connections":
        "client_misconfiguration:.7 non_tls_service_on_port:.3 | reason",
    "23838": "no_fault",  # preferTLS and a plain client
}

# A server's own log (mongod checking a client's certificate): the certificate is the
# client's.
SERVER_READINGS = {
    "SSL peer certificate validation failed: %s": "client_cert_required:1",
}

MEANING = {
    "SSL handshake received but server is started without SSL support":
        "mongod (server log): a client started TLS, and this server runs without TLS "
        "(net.tls.mode disabled); the client's tls=true or the server's setting is wrong",
    "23255": "mongod (server log): the client sent no certificate, and "
             "net.tls.allowConnectionsWithoutCertificates is off",
}

RULES = (
    (r".", "not_tls", "other MongoDB messages"),
)
