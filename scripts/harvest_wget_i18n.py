"""Wget's translated certificate-check messages, from the message catalogs of the installed
wget package (Debian 12: wget 1.21.3-1+deb12u1, /usr/share/locale/*/LC_MESSAGES/wget.mo).

Wget prints its OpenSSL back end's verification reasons (src/openssl.c) through gettext, so a
user with a French locale sees "Impossible de vérifier localement l'autorité de l'émetteur."
for "Unable to locally verify the issuer's authority.". This writes
src/tlsdoctor/ingest/patterns/wget_i18n.json: per locale, the translation of each
msgid below (taken verbatim; catalogs that cannot be decoded as UTF-8 are skipped and listed).

Run: python3 scripts/harvest_wget_i18n.py
"""

from __future__ import annotations

import gettext
import json
import subprocess
from pathlib import Path

OUT = (Path(__file__).resolve().parents[1]
       / "src/tlsdoctor/ingest/patterns/wget_i18n.json")
# src/openssl.c ssl_check_certificate: the verify reasons wget words itself.
MSGIDS = (
    "  Unable to locally verify the issuer's authority.\n",
    "  Self-signed certificate encountered.\n",
    "  Issued certificate not yet valid.\n",
    "  Issued certificate has expired.\n",
)


def _version() -> str:
    got = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "wget"], capture_output=True,
                         text=True, check=False)
    return got.stdout.strip() or "unknown"


def main() -> None:
    locales: dict[str, dict[str, str]] = {}
    skipped: list[str] = []
    for mo in sorted(Path("/usr/share/locale").glob("*/LC_MESSAGES/wget.mo")):
        lang = mo.parts[-3]
        try:
            with mo.open("rb") as fh:
                catalog = gettext.GNUTranslations(fh)
        except (UnicodeDecodeError, OSError):
            skipped.append(lang)
            continue
        found = {m: catalog.gettext(m) for m in MSGIDS
                 if catalog.gettext(m) != m and catalog.gettext(m).strip()}
        if found:
            locales[lang] = found
    OUT.write_text(json.dumps({
        "source": "wget", "package": f"Debian wget {_version()}",
        "path": "/usr/share/locale/<lang>/LC_MESSAGES/wget.mo",
        "msgids_from": "GNU Wget src/openssl.c (ssl_check_certificate)",
        "skipped_not_utf8": skipped, "locales": locales}, ensure_ascii=False, indent=1) + "\n")
    print(f"{len(locales)} locales, {sum(map(len, locales.values()))} messages -> {OUT}")


if __name__ == "__main__":
    main()
