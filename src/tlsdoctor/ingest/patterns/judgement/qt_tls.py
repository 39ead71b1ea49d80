"""Qt's TLS back end (qt/qtbase src/plugins/tls/openssl/qsslsocket_openssl_symbols.cpp,
qtlsbackend_openssl.cpp; src/network/ssl/qsslsocket.cpp). Qt loads OpenSSL at run time
(dlopen/LoadLibrary of libssl and libcrypto, trying the versions it was built for): every
one of these says the program's own setup has no usable OpenSSL beside it (missing, or of
another major version than the one Qt was built against, or missing symbols Qt needs), or
no TLS plugin at all. No connection was attempted: never a server's fault, whatever side
the program plays."""

from __future__ import annotations

from . import _common as common

_OWN_SETUP = common.CLIENT_CONFIG
# A warning per function the loaded library lacks: Qt may still connect without it (an
# OpenSSL 3 without a renamed 1.1 symbol), so a verify error printed after it is the failure
# and ranks first (the "specific" tier); alone, it is still the program's own OpenSSL.
_SYMBOL_WARNING = "client_misconfiguration:1 | specific"

JUDGE = {
    "Failed to load libssl/libcrypto.": _OWN_SETUP,
    "QSslSocket: cannot resolve %s": _SYMBOL_WARNING,
    "QSslSocket: cannot call unresolved function %s": _SYMBOL_WARNING,
    "Incompatible version of OpenSSL": _OWN_SETUP,
    "Incompatible version of OpenSSL (built with OpenSSL >= 3.x, runtime version is < 3.x)":
        _OWN_SETUP,
    "Incompatible version of OpenSSL (built with OpenSSL 1.x, runtime version is >= 3.x)":
        _OWN_SETUP,
    "QSslSocket: OpenSSL >= 1.1.1 is required; %s was found instead": _OWN_SETUP,
    "Random number generator not seeded, disabling SSL support": _OWN_SETUP,
    # QSslSocket::supportsSsl() was false: no back end loaded (one of the lines above)
    "QSslSocket::connectToHostEncrypted: TLS initialization failed": _OWN_SETUP,
    "No functional TLS backend was found": _OWN_SETUP,
    # The socket's errorString() alone: the same failure in a Qt program, but these three
    # words are also other programs' own (a server that could not load its certificate
    # prints them too), so alone they rank this machine's setup below 0.6.
    "errorString: TLS initialization failed": "client_misconfiguration:.55 "
                                              "server_misconfiguration:.45 | specific",
}

RULES = ()
