"""Where ``serve`` listens and who may ask: loopback by default, a token for anything else.

Any bind address that is not loopback needs a token (``--token`` or ``--token-file``); with
a token, every request must carry ``Authorization: Bearer TOKEN`` (what Prometheus sends
with ``authorization: {credentials_file: ...}`` in a scrape config) or HTTP Basic with the
token as the password (a browser's login prompt, for the dashboard), compared in constant
time.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import re
from dataclasses import dataclass

from ..errors import InputError, UsageError

DEFAULT_BIND = "127.0.0.1:8080"
MIN_TOKEN = 16


@dataclass(frozen=True, slots=True, kw_only=True)
class Bind:
    host: str
    port: int

    @property
    def loopback(self) -> bool:
        if self.host == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"


def parse_bind(text: str | None) -> Bind:
    """``HOST:PORT`` or ``[V6]:PORT``; HOST is an address or ``localhost``."""
    raw = (text or DEFAULT_BIND).strip()
    m = re.fullmatch(r"\[([0-9A-Fa-f:.]+)\]:(\d{1,5})", raw) or \
        re.fullmatch(r"([A-Za-z0-9.]+):(\d{1,5})", raw)
    if not m:
        raise UsageError(f"--bind takes HOST:PORT or [IPv6]:PORT, not {raw[:60]!r}")
    host, port = m.group(1), int(m.group(2))
    if host != "localhost":
        try:
            ipaddress.ip_address(host)
        except ValueError as exc:
            raise UsageError("--bind takes an IP address (or localhost), not a name") from exc
    if not 0 <= port < 65536:
        raise UsageError("--bind port out of range")
    return Bind(host=host, port=port)


def load_token(token: str | None, token_file: str | None) -> str | None:
    if token is not None and token_file is not None:
        raise UsageError("give --token or --token-file, not both")
    if token_file is not None:
        try:
            with open(token_file, encoding="utf-8") as fh:
                token = fh.read(4096).strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read --token-file {token_file}: {exc}") from exc
    if token is None:
        return None
    if len(token) < MIN_TOKEN or not token.isprintable() or " " in token:
        raise UsageError(f"the token must be at least {MIN_TOKEN} printable characters, no spaces")
    return token


def require_token(bind: Bind, token: str | None) -> None:
    if token is None and not bind.loopback:
        raise UsageError(f"{bind.host} is not a loopback address: anyone who can reach it could "
                         "read the fleet's data; give --token-file (or --token)")


def _basic_password(credentials: str) -> str | None:
    """The password of ``Basic base64(user:password)`` (RFC 7617), None if malformed."""
    try:
        decoded = base64.b64decode(credentials.strip(), validate=True).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None
    _user, colon, password = decoded.partition(":")  # any user name
    return password if colon else None


def authorized(token: str | None, header: str | None) -> bool:
    """Does the Authorization header carry the token? (Always, when there is no token.)

    ``Bearer TOKEN`` (Prometheus, curl -H) or ``Basic`` with the token as the password and
    any user name (what a browser sends after its login prompt: the dashboard needs no
    cookie and no script)."""
    if token is None:
        return True
    scheme, _, given = (header or "").strip().partition(" ")
    if scheme.lower() == "basic":
        password = _basic_password(given)
        if password is None:
            return False
        given = password
    elif scheme.lower() != "bearer":
        return False
    # Equal-length digests compared in constant time: the time taken tells neither how
    # much of a guess was right nor how long the token is.
    return hmac.compare_digest(hashlib.sha256(given.strip().encode()).digest(),
                               hashlib.sha256(token.encode()).digest())
