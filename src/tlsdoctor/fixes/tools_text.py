"""Fix steps in the command-line tools' own options (round 17) for a finding read from
their words: Subversion's --config-option and servers file, Mercurial's [hostsecurity] and
web.cacerts, aria2's --ca-certificate, socat's cafile= / commonname= / verify=, w3m's ssl_ca_file. The steps
are data (tools.toml); which tool printed the text is the finding's ``tool`` fact (its
``source`` when that is the tool's own table).
"""

from __future__ import annotations

from ..addresses import host_port
from ..causes import Cause
from ..finding import Finding, FixStep
from .context import FixContext
from .data import toml_file

__all__ = ["tool_steps"]

# Pattern source -> the tool whose options fix it (serf and neon are Subversion's layers).
_TOOL = {"subversion": "subversion", "serf": "subversion", "neon": "subversion",
         "mercurial": "mercurial", "aria2": "aria2", "socat": "socat", "w3m": "w3m"}
_GROUP = {
    Cause.CERT_UNTRUSTED_ROOT: "trust", Cause.CERT_SELF_SIGNED: "trust",
    Cause.HOSTNAME_MISMATCH: "name", Cause.CLIENT_CERT_REQUIRED: "clientcert",
}


def _group(f: Finding, tool: str) -> str | None:
    """The step group for ``f``: Mercurial's own configuration failures say which setting
    (a stale fingerprint pin, or no CA certificates loaded)."""
    if f.cause is Cause.CLIENT_MISCONFIGURATION and tool == "mercurial":
        pattern = str(f.facts.get("pattern", ""))
        return "pin" if "fingerprint" in pattern else (
            "cafile" if "CA cert" in pattern or "CA file" in pattern else None)
    return _GROUP.get(f.cause)


def tool_steps(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    """The tool's own step for ``f``; () when the finding is not one of these tools' or the
    tool has no step for its cause (the generic line then)."""
    tool = _TOOL.get(str(f.facts.get("tool") or f.facts.get("source", "")))
    group = None if tool is None else _group(f, tool)
    if tool is None or group is None:
        return ()
    row = toml_file("tools.toml").get(tool, {}).get(group)
    if row is None:
        return ()
    return (FixStep(text=str(row["text"]), code=_named(str(row.get("code", "")), ctx),
                    applies_to=tool),)


def _named(code: str, ctx: FixContext) -> str:
    """The step with the server the text named (its port too) where it says HOST."""
    if ctx.target is None:
        return code
    hostport = host_port(ctx.host, ctx.target.port)
    return (code.replace("https://HOST/", ctx.url).replace("HOST:443", hostport)
            .replace("HOST", ctx.host))
