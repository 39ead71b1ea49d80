"""Exceptions raised by the public API.

    TlsDoctorError                 anything the CLI reports as one line and exit 3
    ├── UsageError                 bad arguments or options (absurd timeout, bad port...)
    ├── TargetError                the target string cannot be parsed
    └── InputError                 a file or message cannot be read (missing, unreadable)

A failing *server* is never an exception: it is evidence, and becomes findings.
The wire codec has its own DecodeError (tlsdoctor.wire.buffer) which never leaves
the probe layer.
"""


class TlsDoctorError(Exception):
    """Base of every error the tool reports to the user as one line."""


class UsageError(TlsDoctorError):
    pass


class TargetError(TlsDoctorError):
    pass


class InputError(TlsDoctorError):
    pass
