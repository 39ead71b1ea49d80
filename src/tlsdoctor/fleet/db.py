"""One connection to the fleet database: SQLite (stdlib) or PostgreSQL (psycopg 3).

Everything above this module writes SQL once, with ``?`` placeholders and the portable
subset both engines share (``ON CONFLICT``, ``RETURNING``); this module opens the
connection, translates placeholders for psycopg, and runs transactions. Schema
differences live in ``schema.py``.

URLs: a plain path or ``sqlite:///PATH`` (``sqlite:////abs/path``) for SQLite, created on
first use, WAL mode; ``postgresql://`` / ``postgres://`` for PostgreSQL (libpq syntax,
psycopg imported only then).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from ..errors import InputError, UsageError

DEFAULT_DB = "tlsdoctor.db"
Dialect = Literal["sqlite", "postgresql"]


@dataclass(frozen=True, slots=True, kw_only=True)
class DbUrl:
    dialect: Dialect
    target: str  # the SQLite file path, or the PostgreSQL conninfo URL

    @property
    def shown(self) -> str:
        """For messages: never the password."""
        if self.dialect == "sqlite":
            return self.target
        parts = urlsplit(self.target)
        host = parts.hostname or "localhost"
        return f"postgresql://{host}{':' + str(parts.port) if parts.port else ''}{parts.path}"


def parse_db_url(url: str | None) -> DbUrl:
    """``None`` -> ``tlsdoctor.db`` in the current directory."""
    text = (url or DEFAULT_DB).strip()
    if not text:
        raise UsageError("--db needs a path or a URL")
    scheme = text.split("://", 1)[0].lower() if "://" in text else ""
    if scheme in ("postgresql", "postgres"):
        try:
            urlsplit(text).port  # noqa: B018 (raises for a bad port or an unclosed "[")
        except ValueError as exc:
            raise UsageError(f"bad database URL ({exc})") from None
        return DbUrl(dialect="postgresql", target=text)
    if scheme == "sqlite":
        path = text[len("sqlite://"):]
        if not path.startswith("/") or path == "/":
            raise UsageError("sqlite URLs look like sqlite:///relative.db or sqlite:////abs.db")
        return DbUrl(dialect="sqlite", target=path[1:])
    if scheme:
        raise UsageError(f"unknown database URL scheme {scheme!r}; "
                         "use a file path, sqlite:///PATH or postgresql://...")
    return DbUrl(dialect="sqlite", target=text)


class Database:
    """A connection with ``execute``/``query`` taking ``?`` placeholders, and transactions."""

    def __init__(self, url: DbUrl, conn: Any) -> None:
        self.url, self.dialect, self._conn = url, url.dialect, conn
        self._in_tx = False

    @classmethod
    def open(cls, url: str | DbUrl | None) -> Database:
        u = url if isinstance(url, DbUrl) else parse_db_url(url)
        return cls(u, _connect_postgres(u) if u.dialect == "postgresql" else _connect_sqlite(u))

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.dialect == "postgresql" else sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement; returns the cursor (``fetchone()`` for RETURNING)."""
        try:
            cur = self._conn.cursor()
            cur.execute(self._sql(sql), tuple(params))
            return cur
        except Exception as exc:
            raise _wrapped(self, exc) from exc

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        try:
            self._conn.cursor().executemany(self._sql(sql), [tuple(r) for r in rows])
        except Exception as exc:
            raise _wrapped(self, exc) from exc

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self.execute(sql, params).fetchall()]

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.execute(sql, params).fetchone()
        return row[0] if row else None

    @contextlib.contextmanager
    def transaction(self, *, lock: bool = False) -> Iterator[Database]:
        """One transaction; ``lock``: take the database's write lock at the start
        (SQLite BEGIN IMMEDIATE; PostgreSQL a transaction-scoped advisory lock)."""
        if self._in_tx:
            yield self
            return
        self._in_tx = True
        try:
            if self.dialect == "sqlite":
                self.execute("BEGIN IMMEDIATE" if lock else "BEGIN")
            else:
                self.execute("BEGIN")
                if lock:
                    self.execute("SELECT pg_advisory_xact_lock(?)", (_LOCK_ID,))
            yield self
        except BaseException:
            with contextlib.suppress(Exception):
                self.execute("ROLLBACK")
            raise
        else:
            self.execute("COMMIT")
        finally:
            self._in_tx = False

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_LOCK_ID = 0x746C73646F63  # "tlsdoc": serialises migrations and run claims on PostgreSQL


def _wrapped(db: Database, exc: Exception) -> InputError:
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return InputError(f"database {db.url.shown}: {first[:300]}")


def _connect_sqlite(url: DbUrl) -> sqlite3.Connection:
    path = Path(url.target)
    try:
        if path.parent and not path.parent.exists():
            raise InputError(f"cannot create database {url.target}: no such directory")
        # isolation_level=None: we write BEGIN/COMMIT ourselves (transaction()).
        conn = sqlite3.connect(url.target, timeout=30.0, isolation_level=None,
                               check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        # NORMAL in WAL mode: a committed transaction survives a killed process (only
        # power loss can take the last ones), at a fraction of FULL's fsyncs.
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        return conn
    except sqlite3.Error as exc:
        raise InputError(f"cannot open database {url.target}: {exc}") from exc


def _connect_postgres(url: DbUrl) -> Any:
    try:
        import psycopg
    except ImportError as exc:
        raise UsageError("PostgreSQL needs psycopg: pip install 'psycopg[binary]'") from exc
    try:
        # autocommit: transactions are explicit (Database.transaction), so a reader such as
        # `serve` never sits "idle in transaction" holding locks a migration would wait for.
        return psycopg.connect(url.target, connect_timeout=10, application_name="tlsdoctor",
                               autocommit=True)
    except psycopg.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"cannot connect to {url.shown}: {first[:300]}") from exc
