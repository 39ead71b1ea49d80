"""Sans-IO TLS/SSL wire codec: bytes in, typed messages out, and back.

Imports nothing from the rest of tlsdoctor. No sockets, no clocks. See the module
docstrings: registry (code points), buffer (Reader/Writer/DecodeError), record
(framing, reassembly, first-bytes classification), extensions, hello, hello_build (a
ClientHello built from a spec, loaded on first use), messages, messages_late (the
handshake's later messages, loaded on first use), sslv2 (SSL 2.0, loaded on first use).
"""

import importlib
from typing import TYPE_CHECKING, Any

from .buffer import DecodeError, EncodeError, Reader, Writer
from .extensions import Context, Extension, KeyShareEntry
from .hello import (
    ClientHello,
    ServerHello,
    decode_client_hello,
    decode_server_hello,
)
from .messages import (
    Alert,
    Certificate,
    CertificateEntry,
    CertificateRequest,
    CertificateStatus,
    KeyExchange,
    ServerHelloDone,
    ServerKeyExchange,
    decode_alert,
    decode_alerts,
    decode_handshake,
    encode_alert,
)
from .record import (
    HandshakeMessage,
    HandshakeReassembler,
    Record,
    RecordReader,
    SSLv2Record,
    classify_first_bytes,
    encode_handshake,
    encode_record,
    encode_records,
)
from .registry import (
    AlertDescription,
    AlertLevel,
    CompressionMethod,
    ContentType,
    ECPointFormat,
    ExtensionType,
    HandshakeType,
    NamedGroup,
    ProtocolVersion,
    SignatureScheme,
    is_grease,
    name_of,
    version_name,
)

if TYPE_CHECKING:  # at runtime through __getattr__, below
    from .hello_build import ClientHelloSpec as ClientHelloSpec  # (as: lent, not in __all__)
    from .hello_build import encode_client_hello as encode_client_hello
    from .hello_build import encode_client_hello_record as encode_client_hello_record
    from .messages_late import (
        CertificateVerify,
        EncryptedExtensions,
        Finished,
        HelloRequest,
        KeyUpdate,
        NewSessionTicket,
        UnknownHandshake,
    )
    from .sslv2 import (
        SSLv2Cipher,
        SSLv2Error,
        SSLv2ServerHello,
        decode_sslv2_client_hello,
        decode_sslv2_message,
        encode_sslv2_client_hello,
    )


# The probe's ClientHelloSpec and its encoders likewise (hello_build's docstring); lent on
# use only, not in __all__ (a star import would load the builder, and __all__ less the names
# bound here is exactly the later messages).
_BUILD = frozenset({"ClientHelloSpec", "encode_client_hello", "encode_client_hello_record"})
# SSL 2.0 likewise (sslv2's docstring: only a probe for SSLv2 and the rare SSLv2-format
# ClientHello use it); these are in __all__.
_SSLV2 = frozenset({"SSLv2Cipher", "SSLv2Error", "SSLv2ServerHello", "decode_sslv2_client_hello",
                    "decode_sslv2_message", "encode_sslv2_client_hello"})


def __getattr__(name: str) -> Any:
    module = _LENT.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module, __name__), name)


__all__ = [
    "Alert",
    "AlertDescription",
    "AlertLevel",
    "Certificate",
    "CertificateEntry",
    "CertificateRequest",
    "CertificateStatus",
    "CertificateVerify",
    "ClientHello",
    "CompressionMethod",
    "ContentType",
    "Context",
    "DecodeError",
    "ECPointFormat",
    "EncodeError",
    "EncryptedExtensions",
    "Extension",
    "ExtensionType",
    "Finished",
    "HandshakeMessage",
    "HandshakeReassembler",
    "HandshakeType",
    "HelloRequest",
    "KeyExchange",
    "KeyShareEntry",
    "KeyUpdate",
    "NamedGroup",
    "NewSessionTicket",
    "ProtocolVersion",
    "Reader",
    "Record",
    "RecordReader",
    "SSLv2Cipher",
    "SSLv2Error",
    "SSLv2Record",
    "SSLv2ServerHello",
    "ServerHello",
    "ServerHelloDone",
    "ServerKeyExchange",
    "SignatureScheme",
    "UnknownHandshake",
    "Writer",
    "classify_first_bytes",
    "decode_alert",
    "decode_alerts",
    "decode_client_hello",
    "decode_handshake",
    "decode_server_hello",
    "decode_sslv2_client_hello",
    "decode_sslv2_message",
    "encode_alert",
    "encode_handshake",
    "encode_record",
    "encode_records",
    "encode_sslv2_client_hello",
    "is_grease",
    "name_of",
    "version_name",
]

# The handshake's later messages, from their module on first use: importing the codec
# does not make their classes (messages_late's docstring). They are the public names not
# imported above and not SSL 2.0's, so the TYPE_CHECKING import and __all__ are the only
# lists of them.
_LATE = frozenset(__all__).difference(globals(), _SSLV2)
# Each lent name's module, one table for the three groups; the builder's names last, as a
# _LATE made of all the names not imported would hold them too.
_LENT = {**dict.fromkeys(_LATE, ".messages_late"), **dict.fromkeys(_SSLV2, ".sslv2"),
         **dict.fromkeys(_BUILD, ".hello_build")}
