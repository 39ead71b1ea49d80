"""SwiftNIO SSL (apple/swift-nio-ssl Sources/NIOSSL/SSLErrors.swift), the TLS of Vapor,
AsyncHTTPClient, gRPC Swift and most server-side Swift; BoringSSL underneath.

Swift prints an error by its case: "NIOSSL.NIOSSLError.uncleanShutdown", and a case with a
value as "handshakeFailed(NIOSSL.BoringSSLError.sslError([Error: <code> error:...:SSL
routines:OPENSSL_internal:<REASON> at <file>:<line>]))": the BoringSSL reason inside is read
by BoringSSL's table, the wrapper alone names no cause. NIOSSLHandler.swift: a channel
closed during the handshake fails it with the synthetic "EOF during handshake" entry; one
closed later without close_notify is uncleanShutdown (a ragged EOF after a handshake that
succeeded, which many HTTP peers do: not a handshake failure). IdentityVerification.swift
raises NIOSSLExtraError.failedToValidateHostname when no name of the certificate matches.
The certificate and key loaders (SSLCertificate.swift, SSLContext.swift) fail on files of
whichever side loads them: a Vapor server's, more often than a client's.
"""

from __future__ import annotations

from . import _common as common

# the side that loads the file is unsaid (NIO is a server's and a client's TLS)
_FILES = "server_misconfiguration:.55 client_misconfiguration:.45 | reason"

JUDGE = {
    "NIOSSLError.writeDuringTLSShutdown": "not_tls",
    "NIOSSLError.unableToAllocateBoringSSLObject": "not_tls",
    "NIOSSLError.noSuchFilesystemObject": _FILES,
    "NIOSSLError.failedToLoadCertificate": _FILES,
    "NIOSSLError.failedToLoadPrivateKey": _FILES,
    # the wrapper: BoringSSL's reason inside it is read by its own table
    "NIOSSLError.handshakeFailed": common.HANDSHAKE,
    "NIOSSLError.shutdownFailed": "not_tls",
    # the name to match holds a non-ASCII (U-)label the verifier cannot compare
    "NIOSSLError.cannotMatchULabel": "client_misconfiguration:.6 hostname_mismatch:.4 | reason",
    # NIOSSLHandler: the peer presented no certificate although verification required one
    # (a server requiring a client certificate, mostly)
    "NIOSSLError.noCertificateToValidate": ("client_cert_required:.6 "
                                            "server_misconfiguration:.4 | reason"),
    # SecTrust could not be created from the peer's certificates (an internal failure, not a
    # verdict on the chain: a refused chain fails the handshake with BoringSSL's reason)
    "NIOSSLError.unableToValidateCertificate": "not_tls",
    "NIOSSLError.cannotFindPeerIP": "not_tls",
    "NIOSSLError.readInInvalidTLSState": "not_tls",
    # a ragged EOF after the handshake succeeded: understood, nothing in TLS failed
    "NIOSSLError.uncleanShutdown": "no_fault",
    "BoringSSLError.noError": "not_tls",
    "BoringSSLError.zeroReturn": "not_tls",
    "BoringSSLError.wantRead": "not_tls",
    "BoringSSLError.wantWrite": "not_tls",
    "BoringSSLError.wantConnect": "not_tls",
    "BoringSSLError.wantAccept": "not_tls",
    "BoringSSLError.wantX509Lookup": "not_tls",
    "BoringSSLError.wantCertificateVerify": "not_tls",
    # SSL_ERROR_SYSCALL: the socket failed under the handshake
    "BoringSSLError.syscallError": common.EOF_CLOSED,
    # the error stack inside is BoringSSL's own words, read by its table
    "BoringSSLError.sslError": "elsewhere",
    "BoringSSLError.unknownError": "elsewhere",
    "BoringSSLError.invalidSNIName": common.CLIENT_CONFIG,
    "BoringSSLError.failedToSetALPN": common.CLIENT_CONFIG,
    "EOF during handshake": common.EOF_CLOSED,
    "EOF during addition certificate chain validation": common.EOF_CLOSED,
    "NIOSSLExtraError.failedToValidateHostname": common.HOSTNAME,
    "NIOSSLExtraError.serverHostnameImpossibleToMatch": common.CLIENT_CONFIG,
    "NIOSSLExtraError.cannotUseIPAddressInSNI": common.CLIENT_CONFIG,
    "NIOSSLExtraError.invalidSNIHostname": common.CLIENT_CONFIG,
    "NIOSSLExtraError.unknownPrivateKeyFileType": _FILES,
    "NIOSSLExtraError.noForwardProgress": "not_tls",
}

RULES = ()
