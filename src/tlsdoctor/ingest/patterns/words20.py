"""Round 20: two clients' own certificate-date words, read from their source.

Moddable SDK (Moddable-OpenSource/moddable ``modules/crypt/ssl/ssl_cert.js`` @
1bcda6ecc76ffff3ffefcb3d0ec9f15b9022e09e, CertificateManager): the TLS client of ESP32/ESP8266
devices checks each certificate's validity against ``Date.now()``. It traces "date validation
failed on received certificate" (a certificate the server sent, not the last) and throws
``Error("date validation failed")`` (the chain's last certificate, or one the application
registered). These devices have no battery-backed clock: until the application sets the
time (SNTP), ``Date.now()`` is near 1970 and every certificate is "not yet valid", so the
device's clock comes first, below 0.6: an expired certificate prints the same words. "date
validation failed on certificate resource" (a CA certificate built into the device) comes
only after the received certificates passed the same check: that CA is out of date.

geteduroam's Linux client (geteduroam/linux-app ``internal/network/cert/clientcert.go`` @
1cb028ab6af5b3a17ef1d5dce937e2d7970ccb44, NewClientCert): the client certificate the
institution's server has just issued is checked against this machine's clock ("client
certificate is used before the 'Not Before' time with a delta of %d minutes", "client
certificate is used after the 'Not After' time"). A certificate issued a moment ago that is
not yet valid, or already expired, says this machine's clock is off first (the code's own
comment: "Due to clock skew, it could be that the client time is too early"); else the
issuer's.
"""

from __future__ import annotations

from . import CATEGORY, Pattern, table

_MODDABLE = ("Moddable-OpenSource/moddable modules/crypt/ssl/ssl_cert.js @ "
             "1bcda6ecc76ffff3ffefcb3d0ec9f15b9022e09e")
_GETEDUROAM = ("geteduroam/linux-app internal/network/cert/clientcert.go @ "
               "1cb028ab6af5b3a17ef1d5dce937e2d7970ccb44")
_DEVICE_DATES = "client_clock_wrong:.5 cert_expired:.3 cert_not_yet_valid:.2"
_SET_TIME = (" (a Moddable device has no clock of its own: set it, e.g. with SNTP, before "
             "the first TLS connection)")

_MODDABLE_ROWS = [
    (r"\bdate validation failed on received certificate\b",
     "Moddable's TLS client: a certificate the server sent is outside its validity period by "
     "the device's clock" + _SET_TIME, _DEVICE_DATES, CATEGORY),
    # verify() checks every received certificate's dates before it looks a CA resource up
    # (findCert): reaching this line, the device's clock was within the server's certificates'
    # periods, so the CA built into the device is the one out of date (its own store).
    (r"\bdate validation failed on certificate resource\b",
     "Moddable's TLS client: a CA certificate built into the device (its certificate "
     "resources) has expired; the server's own certificates passed the same date check",
     "client_misconfiguration:.55 cert_expired:.45", CATEGORY),
    # the thrown Error, as xsbug or the console prints an uncaught exception: the exact,
    # lower-case message at its end ("Date validation failed: ..." is a form library's)
    (r"(?:\bError: |\bException: [^\n]{0,80}?|\bverify: )(?-i:date validation failed)"
     r"(?=!|\.?$)",
     "Moddable's TLS client: the server's last certificate (or one the application "
     "registered) is outside its validity period by the device's clock" + _SET_TIME,
     _DEVICE_DATES, CATEGORY),
]
_GETEDUROAM_ROWS = [
    # Round 24: and the form before the delta (768f4f7, 2023-09, to ff8d9dc, 2025-06:
    # errors.New("client certificate is used before the 'Not Before' time")).
    (r"\bclient certificate is used before the 'Not Before' time(?: with a delta of "
     r"\d{1,6} minutes)?\b",
     "geteduroam: the client certificate just issued is not valid yet by this machine's clock "
     "(this clock behind, or the issuer's ahead)",
     "client_clock_wrong:.55 cert_not_yet_valid:.45", CATEGORY),
    (r"\bclient certificate is used after the 'Not After' time\b",
     "geteduroam: the client certificate just issued has already expired by this machine's "
     "clock (this clock ahead, or the issuer gave an expired one)",
     "client_clock_wrong:.55 cert_expired:.45", CATEGORY),
]


PATTERNS: tuple[Pattern, ...] = (table("moddable", _MODDABLE, _MODDABLE_ROWS, side="client")
                                 + table("geteduroam", _GETEDUROAM, _GETEDUROAM_ROWS,
                                         side="client"))
