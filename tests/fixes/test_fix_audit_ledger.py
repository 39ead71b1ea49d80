"""scripts/fix_audit.py's ledger stays true (round 20): every test it names as applying a fix
text exists, and every fix text it names is one the library can print."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import fix_audit  # noqa: E402


def test_every_ledger_entry_names_a_real_test_and_a_printable_fix_text() -> None:
    ledger = tomllib.loads(fix_audit.LEDGER.read_text("utf-8"))
    rows = fix_audit._table_rows() + fix_audit._module_rows(ledger["programs"])
    keys = {r.key for r in rows}
    assert set(ledger["applied"]) <= keys, set(ledger["applied"]) - keys
    missing = [t for tests in ledger["applied"].values() for t in tests
               if not fix_audit._test_exists(t)]
    assert not missing


def test_the_rows_cover_each_table_and_module() -> None:
    rows = fix_audit._table_rows() + fix_audit._module_rows({})
    assert {"snippets:dh:nginx", "remote:xrdp.trust", "ftp_text:_VSFTPD_REUSE",
            "ldap_text:_slapd_steps()"} <= {r.key for r in rows}
    assert not [r for r in rows if r.key.endswith(tuple(fix_audit._TABLE_FORMATTERS))]
