"""Composer (composer/composer src/Composer/Config.php, Factory.php, Util/
StreamContextFactory.php), PHP's package manager: its refusal of a plain-http repository
(secure-http) and its checks for PHP's openssl extension, both before any handshake."""

from __future__ import annotations

from . import _common as common

JUDGE: dict[str, str] = {}

RULES = (
    # an http:// repository or download URL while config.secure-http is on: the
    # project's configured URL, or a repository that offers no https
    (r"Your configuration does not allow connections to", "client_misconfiguration:.7 "
     "server_misconfiguration:.3 | specific", "secure-http refused a plain-http URL"),
    (r"openssl extension", common.CLIENT_CONFIG, "PHP without its openssl extension"),
)
