"""Apply a fix step's printed lines to a daemon's real configuration files, as an operator
would (round 17: "a fix is tested by applying it").

A step's code names files of a real machine (``/etc/freeradius/3.0/...``,
``/etc/wpa_supplicant/radius-ca.pem``) and placeholders a person fills (``CA_FILE``,
``client-ca.pem``). ``fill`` replaces exactly those words by the test's files, nothing else;
``sections`` splits the result by the comment lines naming the file each part goes into
("# wpa_supplicant.conf, ...", "# /etc/freeradius/3.0/mods-available/eap, ..."), so each
program's lines reach its own file. ``set_lines`` writes ``name = value`` / ``name=value``
lines into a block of a configuration file (the network={} block, FreeRADIUS' tls-config
tls-common {}), replacing the setting of that name there or adding it, as an operator edits
a setting rather than adding a second one. ``run_commands`` runs a section's shell lines
(``sudo`` dropped: the test owns the files). A line that cannot be applied raises
``ApplyError``: a finding about the printed step.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

__all__ = ["ApplyError", "fill", "run_commands", "sections", "set_lines", "set_settings",
           "set_statement", "set_tls_options"]

# header comment words -> the section they open
_HEADERS = (("wpa_supplicant.conf", "wpa_supplicant"), ("mods-available/eap", "freeradius"),
            ("NetworkManager", "nmcli"), ("iwd", "iwd"), ("rsyslog.conf", "rsyslog"),
            ("rsyslog.d/", "rsyslog"), ("syslog-ng", "syslog_ng"), ("tls.cfg", "kamailio"),
            ("kamailio.cfg", "kamailio"), ("prosody.cfg.lua", "prosody"))
_SETTING = re.compile(r"^(?P<name>[A-Za-z_][\w.\-]*)\s*=\s*(?P<value>.+?)\s*$")
# rsyslog's RainerScript statements: an object and its name="value" / name=["a","b"] params
_STATEMENT = re.compile(r"^(?P<obj>global|module|action|input)\((?P<params>.*)\)\s*$", re.I)
_PARAM = re.compile(r'(?P<name>[A-Za-z][\w.]*)\s*=\s*(?P<value>"(?:[^"\\]|\\.)*"|\[[^\]]*\])')
# the parameter naming which module, action or input a statement is
_IDENTITY = {"module": "load", "action": "type", "input": "type"}
# syslog-ng's tls() options: name("value") or name(word)
_OPTION = re.compile(r'(?P<name>[a-z][\w-]*)\((?P<value>"[^"]*"|[\w-]+)\)')


class ApplyError(ValueError):
    """A printed line that cannot be applied as written (the message says which and why)."""


def fill(code: str, placeholders: Mapping[str, str]) -> str:
    """``code`` with each placeholder (a real machine's path, or a name the step asks a
    person to fill) replaced by the test's value; the longest first, so a path is not split
    by a shorter one it contains. Nothing else is changed."""
    for key in sorted(placeholders, key=len, reverse=True):
        code = code.replace(key, placeholders[key])
    return code


def sections(code: str, default: str = "shell") -> dict[str, list[str]]:
    """The step's lines by the file they go into (comment lines open a section; lines before
    any: ``default``); a section's lines that are not ``name = value`` settings (a check, a
    restart, another program's command) under "<section>:commands". Comments are dropped; a
    trailing "   # ..." on a line too."""
    out: dict[str, list[str]] = {}
    where = default
    for raw in code.splitlines():
        line = raw.strip()
        if line.startswith("#"):
            where = next((sec for words, sec in _HEADERS if words in line), where)
            continue
        line = re.sub(r"\s{2,}#.*$", "", line)
        if line:
            setting = (where == default or _SETTING.match(line) is not None
                       or _STATEMENT.match(line) is not None
                       or _OPTION.fullmatch(line.split(" ")[0]) is not None)
            out.setdefault(where if setting else f"{where}:commands", []).append(line)
    return out


def set_lines(path: Path, block: str, lines: Sequence[str], *, sep: str = " = ") -> None:
    """Write each ``name = value`` of ``lines`` into the block of ``path`` whose opening line
    starts with ``block`` (``network={``, ``tls-config tls-common {``): the line setting that
    name there is replaced, or the setting is added before the block's end; ``sep``: the
    file's own style (FreeRADIUS ``a = b``, wpa_supplicant ``a=b``)."""
    text = path.read_text().splitlines()
    start = next((i for i, ln in enumerate(text) if ln.strip().startswith(block)), None)
    if start is None:
        raise ApplyError(f"{path}: no block {block!r}")
    end = _block_end(text, start)
    for line in lines:
        m = _SETTING.match(line)
        if m is None:
            raise ApplyError(f"not a setting line: {line!r}")
        new = f"\t{m['name']}{sep}{m['value']}"
        at = next((i for i in range(start + 1, end)
                   if re.match(rf"\s*{re.escape(m['name'])}\s*=", text[i])), None)
        if at is None:
            text.insert(end, new)
            end += 1
        else:
            text[at] = new
    path.write_text("\n".join(text) + "\n")


def set_settings(text: str, lines: Sequence[str]) -> str:
    """A flat ``name = value`` file (Postfix main.cf, Dovecot's top level) with each setting
    of ``lines`` in place of the top-level line setting that name, or added at the end, as
    an operator edits a setting (``postconf -e`` does the same to main.cf). A line that is
    not a setting: ApplyError."""
    out = text.splitlines()
    for line in lines:
        m = _SETTING.match(line.strip())
        if m is None:
            raise ApplyError(f"not a setting line: {line!r}")
        at = next((i for i, ln in enumerate(out)
                   if re.match(rf"{re.escape(m['name'])}\s*=", ln)), None)
        if at is None:
            out.append(line.strip())
        else:
            out[at] = line.strip()
    return "\n".join(out) + "\n"


def set_statement(path: Path, line: str) -> None:
    """Merge the rsyslog statement ``line`` (``global(...)``, ``module(load="imtcp" ...)``,
    ``action(type="omfwd" ...)``) into the statement of ``path`` it names (one statement a
    line, as the test's configurations are written): each parameter replaces the one of that
    name there (names are case-blind, as rsyslog reads them) or is added; a list parameter
    (``PermittedPeer=[...]``) gets the printed names added to the ones there."""
    m = _STATEMENT.match(line)
    if m is None:
        raise ApplyError(f"not an rsyslog statement: {line!r}")
    obj, params = m["obj"].lower(), {p["name"]: p["value"] for p in _PARAM.finditer(m["params"])}
    key = _IDENTITY.get(obj)
    ident = params.pop(key, None) if key else None
    if key and ident is None:
        raise ApplyError(f"{line!r} does not say which {obj} (no {key}=)")
    text = path.read_text().splitlines()
    at = next((i for i, ln in enumerate(text) if ln.lower().startswith(f"{obj}(")
               and (ident is None or f"{key}={ident}".lower() in ln.lower().replace(" ", ""))),
              None)
    if at is None:
        raise ApplyError(f"{path}: no {obj}({key or ''}={ident or ''}) statement to edit")
    for name, value in params.items():
        text[at] = _merge_param(text[at], name, value)
    path.write_text("\n".join(text) + "\n")


def set_tls_options(path: Path, line: str) -> None:
    """Put each syslog-ng option of ``line`` (``ca-file("...")``, ``key-file("...")
    cert-file("...")``) into the tls( ... ) of the driver in ``path`` (the test's files have
    one TLS driver, on one line): the option of that name there is replaced, or added."""
    options = list(_OPTION.finditer(line))
    if not options or _OPTION.sub("", line).strip():
        raise ApplyError(f"not syslog-ng tls() options: {line!r}")
    text = path.read_text().splitlines()
    at = next((i for i, ln in enumerate(text) if "tls(" in ln), None)
    if at is None:
        raise ApplyError(f"{path}: no tls( ... ) to edit")
    for o in options:
        start = text[at].index("tls(") + len("tls(")
        there = next((m for m in _OPTION.finditer(text[at], start) if m["name"] == o["name"]),
                     None)
        text[at] = (text[at][:start] + f"{o[0]} " + text[at][start:] if there is None else
                    text[at][:there.start()] + o[0] + text[at][there.end():])
    path.write_text("\n".join(text) + "\n")


def _merge_param(statement: str, name: str, value: str) -> str:
    there = next((p for p in _PARAM.finditer(statement)
                  if p["name"].lower() == name.lower()), None)
    if there is None:
        return re.sub(r"\)\s*$", f" {name}={value})", statement)
    if value.startswith("[") and there["value"].startswith("["):
        names = re.findall(r'"[^"]*"', there["value"]) + re.findall(r'"[^"]*"', value)
        value = "[" + ",".join(dict.fromkeys(names)) + "]"
    return statement[:there.start()] + f"{name}={value}" + statement[there.end():]


def _block_end(text: list[str], start: int) -> int:
    depth = 0
    for i in range(start, len(text)):
        depth += text[i].count("{") - text[i].count("}")
        if depth == 0:
            return i
    raise ApplyError(f"unclosed block at line {start + 1}")


def run_commands(lines: Sequence[str], *, cwd: Path, skip: Sequence[str] = ()) -> None:
    """Run each shell line (``sudo`` dropped) in ``cwd``; lines containing any of ``skip``
    (a service restart the test does itself) are left out. A failing line: ApplyError."""
    for line in lines:
        if any(s in line for s in skip):
            continue
        cmd = re.sub(r"(?:^|(?<=[|;&]))\s*sudo\s+", " ", line).strip()
        done = subprocess.run(["sh", "-c", cmd], cwd=cwd, capture_output=True, text=True,
                              timeout=60, check=False)
        if done.returncode != 0:
            raise ApplyError(f"{line!r} failed: {done.stderr.strip()[-400:]}")
