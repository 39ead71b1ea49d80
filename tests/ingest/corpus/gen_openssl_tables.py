"""Regenerate src/tlsdoctor/ingest/patterns/openssl_tables.py from OpenSSL itself.

Names and numbers come from the installed OpenSSL 3.0 headers (include/openssl/sslerr.h
SSL_R_*, x509_vfy.h X509_V_ERR_*); the texts from the library: `openssl errstr` for the
packed SSL reason codes (ssl/ssl_err.c) and X509_verify_cert_error_string() for the
verify results (crypto/x509/x509_txt.c). Run: python tests/ingest/corpus/gen_openssl_tables.py
"""

from __future__ import annotations

import ctypes
import ctypes.util
import re
import subprocess
from pathlib import Path

INC = Path("/usr/include/openssl")
OUT = Path(__file__).resolve().parents[3] / "src/tlsdoctor/ingest/patterns/openssl_tables.py"


def defines(header: str, prefix: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for m in re.finditer(rf"#\s*define\s+{prefix}(\w+)\s+(\d+)\b", (INC / header).read_text()):
        out.setdefault(m.group(1), int(m.group(2)))
    return out


def main() -> None:
    ssl_r = defines("sslerr.h", "SSL_R_")
    codes = [f"{(20 << 23) | n:08X}" for n in ssl_r.values()]
    text = subprocess.run(["openssl", "errstr", *codes], capture_output=True, text=True,
                          check=True).stdout.splitlines()
    strings = {}
    for line in text:
        m = re.match(r"error:([0-9A-F]{8}):[^:]*:[^:]*:(.*)$", line)
        if m:
            strings[int(m.group(1), 16) & 0x7FFFFF] = m.group(2)
    lib = ctypes.CDLL(ctypes.util.find_library("crypto") or "libcrypto.so.3")
    f = lib.X509_verify_cert_error_string
    f.restype = ctypes.c_char_p
    f.argtypes = [ctypes.c_long]
    x509 = defines("x509_vfy.h", "X509_V_ERR_")
    x509.setdefault("OK", 0)
    with OUT.open("w") as o:
        o.write('"""OpenSSL 3.0 reason codes and verify results (generated; do not edit).\n\n'
                "Source: OpenSSL 3.0 include/openssl/sslerr.h (SSL_R_*, library 20 = ERR_LIB_SSL),\n"
                "ssl/ssl_err.c strings via `openssl errstr`; include/openssl/x509_vfy.h\n"
                "(X509_V_ERR_*) with crypto/x509/x509_txt.c strings via\n"
                "X509_verify_cert_error_string(). Generator: tests/ingest/corpus/gen_openssl_tables.py\n"
                '"""\n\n')
        o.write("# reason number -> (SSL_R_ name, error string)\n")
        o.write("SSL_REASONS: dict[int, tuple[str, str]] = {\n")
        for name, n in sorted(ssl_r.items(), key=lambda kv: kv[1]):
            o.write(f"    {n}: ({name!r}, {strings.get(n, name.lower().replace('_', ' '))!r}),\n")
        o.write("}\n\n# X509_V_ERR number -> (name, verify error string)\n")
        o.write("X509_VERIFY: dict[int, tuple[str, str]] = {\n")
        for name, n in sorted(x509.items(), key=lambda kv: kv[1]):
            o.write(f"    {n}: ({name!r}, {f(n).decode()!r}),\n")
        o.write("}\n")


if __name__ == "__main__":
    main()
