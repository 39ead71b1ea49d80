"""Posted error text -> the text its program printed (round 13: "the same error, however it
is posted").

People and programs hand ``explain`` an error wrapped in their own format: a structured
logger's JSON or logfmt record with the message escaped inside it, ANSI colours, text copied
from a web page (HTML entities, non-breaking and zero-width spaces, a BOM), a PowerShell
error record around a native program's stderr. ``unwrap`` undoes each wrapping when the text
looks like it, so the patterns see the program's own words; it never adds words. Every step
is one pass over the text (no backtracking regex, bounded recursion), so untrusted input of
any size costs time in proportion to its length. Smart quotes and a logger's case change
cannot be undone here (a program's own quotes may be typographic): ``messages`` matches a
second, folded variant for those (``quote_folded``, ``single_case``).

Formats (the escapes undone):
- JSON lines: Go encoding/json (src/encoding/json/encode.go: \\" \\\\ \\n \\t \\u003c \\u003e
  \\u0026), zap (zapcore/json_encoder.go), CPython json.dumps (Lib/json/encoder.py, \\u
  and four hex digits for non-ASCII); the record's string values, in order, one per line.
- logfmt: logrus's TextFormatter and go-kit/log (Go strconv.Quote escapes: src/strconv/
  quote.go), ``key="value"`` with the value unquoted.
- HTML: the entities html.escape (CPython Lib/html/__init__.py) and Go html.EscapeString
  (src/html/escape.go) write: &amp; &lt; &gt; &quot; &#39; &#34; &#x27;, and &nbsp;.
- ANSI: ECMA-48 CSI sequences (ESC [ params intermediates final) and OSC strings.
- PowerShell 5.1's ErrorRecord layout around a native command's stderr ("prog.exe : ...",
  "At line:1 char:1", "+ ~~~", "+ CategoryInfo : ...", "+ FullyQualifiedErrorId : ...").
"""

from __future__ import annotations

import json
import re

from .patterns.quotes import CURLY_QUOTES

__all__ = ["newlines_unescaped", "quote_folded", "single_case", "unwrap"]

# Characters a copy carries that no program printed: a BOM, zero-width spaces and joiners,
# word joiners, soft hyphens; and spaces of other widths, read as a space.
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad"))
_SPACES = {ord(c): " " for c in "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                              "\u2007\u2008\u2009\u200a\u202f\u205f\u3000"}
_TRANSLATE = {**_INVISIBLE, **_SPACES}

# ECMA-48: CSI = ESC [ (0x30-0x3F)* (0x20-0x2F)* (0x40-0x7E); OSC = ESC ] ... (BEL | ESC \).
# The classes are disjoint from ESC, so each attempt ends at the next ESC: linear.
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]{0,4096}(?:\x07|\x1b\\)?|"
                   r"\x1b[@-Z\\-_]")

_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'", "nbsp": " ",
             "#39": "'", "#34": '"', "#x27": "'", "#x22": '"', "#38": "&", "#60": "<",
             "#62": ">", "#x2F": "/", "#47": "/"}
_ENTITY = re.compile(r"&(amp|lt|gt|quot|apos|nbsp|#39|#34|#x27|#x22|#38|#60|#62|#x2F|#47);")

# Go strconv.Quote's escapes (and JSON's, a subset with \u and \/).
_GO_ESCAPE = re.compile(r"\\(?:([\"\\/abfnrtv])|x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|"
                        r"U([0-9a-fA-F]{8}))")
_SHORT = {'"': '"', "\\": "\\", "/": "/", "a": "\a", "b": "\b", "f": "\f", "n": "\n",
          "r": "\r", "t": "\t", "v": "\v"}
# One logfmt pair: key=value or key="quoted value" (escapes inside), then spaces.
_PAIR = re.compile(r'[A-Za-z_][\w.@-]{0,63}=(?:"((?:[^"\\\n]|\\.){0,65536})"|[^\s"]*)[ \t]*')

_PS_RECORD = re.compile(r"^(?:At (?:line:\d+ char:\d+|[^\n]{1,260}:\d+ char:\d+)|"
                        r"\+ [^\n]*|\s+\+ (?:CategoryInfo|FullyQualifiedErrorId|"
                        r"PSComputerName|ErrorId)\s+:[^\n]*)$")
_PS_FIRST = re.compile(r"^[\w.-]{1,64}\.exe : ")
_MAX_DEPTH = 20  # JSON nesting read for string values

# What people put where they cut a host name out: "<redacted>", "[REDACTED]", "<hostname>",
# "***". Read as one word of host characters ("redacted"), so a pattern that names a host
# in that place still reads the line; messages._valid_host never offers it as a server.
# (A bracketed word a program prints itself, MySQL's "[Server]", is not one of them.)
_REDACTED = re.compile(r"<(?:redacted|hidden|removed|hostname|host|server|domain)>|"
                       r"[\[{(](?:redacted|hidden|removed)[\]})]|(?<![*\w])\*{3,16}(?![*\w])",
                       re.IGNORECASE)
# ... but JDK 6-8's javax.net.debug opens each handshake message with "*** " and closes it
# with a line of "***" (sun/security/ssl/HandshakeMessage.java print(), jdk8u): JSSE's, kept
# so the stage and the ClientHello can be read (round 15).
_JSSE_STARS = re.compile(r"(?<![^\n])\*\*\*(?: (?:ClientHello|ServerHello|Certificate|"
                         r"ServerHelloDone|ClientKeyExchange|ECDH|DH|Diffie-Hellman|Finished|"
                         r"HelloRequest|CertificateRequest|CertificateVerify)\b|[ \t]*(?:\n|$))")

# What a log collector writes before every line of a program's output. Only a prefix on
# every line of two or more is taken off (a program's own timestamps on some lines stay; a
# syslog line alone is a log line whose stamp clock.py reads). A syslog tag names the
# program ("postfix/smtpd[812]: ", a server): it stays, once, before the first line.
_LINE_PREFIXES = tuple(re.compile(rx) for rx in (
    # journalctl -o short (systemd src/shared/logs-show.c): "May 02 10:11:12 host ident[pid]: "
    r"[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d [^\s]{1,255} (?P<keep>[^\s\[:]{1,64}(?:\[\d{1,10}\])?: )",
    # syslog RFC 5424 header ("<PRI>1 TIMESTAMP HOST APP PROCID MSGID SD ")
    r"<\d{1,3}>1 [^\s]{1,48} (?:[^\s]{1,255} [^\s]{1,48} [^\s]{1,128}) [^\s]{1,32} "
    r"(?:-|\[[^\]\n]{0,512}\]) ",
    # syslog RFC 3164 with its priority ("<PRI>Mmm dd hh:mm:ss host tag: ")
    r"<\d{1,3}>[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d [^\s]{1,255} (?P<keep>[^\s:]{1,64}: )",
    # kubectl logs --prefix [--timestamps] (kubectl pkg/cmd/logs/logs.go): "[pod/NAME/CTR] "
    r"(?:\[pod/[^\]\s/]{1,253}/[^\]\s]{1,63}\]) (?:\d{4}-\d\d-\d\dT[\d:.]{8,18}Z )?",
    # docker compose 1.x/2.x (compose/cli/log_printer.py, cmd/formatter/logs.go): "name  | "
    r"(?:[\w.-]{1,64}[-_]\d{1,4}) {1,32}\| ",
    # tracing-subscriber's fmt layer (ANSI removed): "TIMESTAMP  LEVEL target: "
    # only on two lines or more: its time is the program's own clock (clock.py reads it)
    r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z {1,2}(?:TRACE|DEBUG|INFO|WARN|ERROR) "
    r"[\w:]{1,128}: ",
))
# kubectl's and compose's prefixes name a container, not the program: taken off one line too.
_ONE_LINE_PREFIXES = (_LINE_PREFIXES[3], _LINE_PREFIXES[4])


def unwrap(text: str) -> str:
    """``text`` with the wrappings it was posted in undone (see the module's notes); text in
    none of them comes back unchanged but for invisible characters and odd spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_TRANSLATE)
    if "\x1b" in text:
        text = _ANSI.sub("", text)
    if "&" in text and ";" in text:
        text = _ENTITY.sub(lambda m: _ENTITIES[m.group(1)], text)
    text = _without_line_prefix(text)
    if "{" in text or "=" in text:
        text = "\n".join(_record(line) for line in text.split("\n"))
    if "+ FullyQualifiedErrorId" in text or "+ CategoryInfo" in text:
        text = _without_error_record(text)
    if "*" in text or "<" in text or "[" in text or "{" in text or "(" in text:
        text = _REDACTED.sub(_redacted, text)
    return text


def _redacted(m: re.Match[str]) -> str:
    if _JSSE_STARS.match(m.string, m.start()):
        return m.group(0)
    # In the text's own case: a text a logger upper-cased stays one case (single_case), so
    # it is still read case-blind (round 18: "***" in an upper-cased Erlang line).
    return "REDACTED" if m.string.isupper() else "redacted"


def _without_line_prefix(text: str) -> str:
    """The collector's prefix taken off every line, when each line has one of the same kind.
    Nothing of it is kept: a line before or after the program's own would break the tables'
    readings of a whole text ("^curl: (60) ...", "...TLSv1.2.$"), and the bare text, which
    must mean the same, never had it."""
    lines = text.split("\n")
    body = [ln for ln in lines if ln.strip()]
    rx = next((r for r in _LINE_PREFIXES if body and r.match(body[0])), None)
    if rx is None or (len(body) < 2 and rx not in _ONE_LINE_PREFIXES) or not all(
            rx.match(ln) for ln in body):
        return text
    out, first = [], True
    for ln in lines:
        if ln.strip():  # a syslog tag is kept once, on the first line: it names the program
            m = rx.match(ln)
            keep = (m.groupdict().get("keep") or "") if m and first else ""
            ln, first = keep + ln[m.end() if m else 0:], False
        out.append(ln)
    return "\n".join(out)


def _unescape(m: re.Match[str]) -> str:
    short, x, u, big = m.groups()
    if short is not None:
        return _SHORT[short]
    code = int(x or u or big, 16)
    return chr(code) if code < 0x110000 and not 0xD800 <= code < 0xE000 else "\ufffd"


def _record(line: str) -> str:
    """A structured logger's line (JSON object or logfmt pairs) as the words it carries."""
    body = line.strip()
    if body.startswith("{") and body.endswith("}"):
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):
            return _GO_ESCAPE.sub(_unescape, line) if '{"' in body and "\\" in body else line
        words: list[str] = []
        meta: list[str] = []
        _strings(data, words, meta, 0)
        return _record_text(words, meta) or line
    if '="' in body:
        return _logfmt(line)
    return line


# A logger's own fields (logrus, zap, slog, go-kit, structlog, Bunyan, pino, ECS): when,
# how bad, where in the code. Their values go after the message's, so the program's words
# come first as the program printed them (patterns may read "curl: (60)" at the start).
_META_KEYS = frozenset({"time", "ts", "timestamp", "@timestamp", "t", "level", "lvl",
                        "severity", "log.level", "caller", "source", "logger", "name",
                        "hostname", "pid", "v", "thread", "logger_name", "log.logger"})


def _record_text(words: list[str], meta: list[str]) -> str:
    """A record's message values, one a line, then its logger's fields on one line."""
    return "\n".join([*words, " ".join(meta)] if meta else words)


def _strings(value: object, out: list[str], meta: list[str], depth: int,
             key: str = "") -> None:
    """The string values of a parsed JSON record, in order; the logger's own in ``meta``."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, str):
        if value.strip():
            (meta if key.lower() in _META_KEYS else out).append(value)
    elif isinstance(value, dict):
        for k, v in value.items():
            _strings(v, out, meta, depth + 1, str(k))
    elif isinstance(value, list):
        for v in value:
            _strings(v, out, meta, depth + 1, key)


def _logfmt(line: str) -> str:
    """A logfmt record (the whole line ``key=value`` pairs, two or more, one value quoted) as
    its values, one a line, each quoted one unescaped (Go strconv.Quote), as a JSON record's;
    any other line is left as it is."""
    pos, quoted, pairs = len(line) - len(line.lstrip()), 0, 0
    words: list[str] = []
    meta: list[str] = []
    while pos < len(line):
        m = _PAIR.match(line, pos)
        if m is None or m.end() == pos:
            return line
        key, _, raw = m.group(0).partition("=")
        if m.group(1) is None:
            value = raw.strip()
        else:
            quoted += 1
            value = _GO_ESCAPE.sub(_unescape, m.group(1))
        if value.strip():
            (meta if key.lower() in _META_KEYS else words).append(value)
        pairs, pos = pairs + 1, m.end()
    return _record_text(words, meta) if quoted and pairs >= 2 else line


def _without_error_record(text: str) -> str:
    """PowerShell's ErrorRecord lines dropped (they repeat a cut copy of the message), and
    the "prog.exe : " before a native command's first stderr line."""
    lines = [ln for ln in text.split("\n") if not _PS_RECORD.match(ln)]
    return "\n".join(_PS_FIRST.sub("", ln, count=1) for ln in lines)


def quote_folded(text: str) -> str | None:
    """``text`` with typographic quotes as ASCII ones, or None when it has none."""
    folded = text.translate(CURLY_QUOTES)
    return None if folded == text else folded


def single_case(text: str) -> bool:
    """Whether a logger may have changed the text's case: letters all of one case."""
    return text.islower() or text.isupper()


# Round 21: Chinese, Japanese and Korean are written without spaces, so a program's English
# words quoted inside a sentence touch the script's letters ("postman提示unable to verify the
# first certificate"). Python's \b sees no word boundary between two word characters, and an
# ideograph is one: every pattern that starts or ends with \b misses the quoted words.
_SCRIPTS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
_GLUED = re.compile(f"(?<=[{_SCRIPTS}])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])(?=[{_SCRIPTS}])")


def script_spaced(text: str) -> str | None:
    """``text`` with a space where an ideograph, kana or hangul touches an ASCII letter or
    digit, or None when nothing touches."""
    spaced = _GLUED.sub(" ", text)
    return None if spaced == text else spaced


# Round 28 (holdout40): a message quoted with its newlines escaped, inside a line of other
# text: QDebug's quoting of a QString (qt/qtbase src/corelib/io/qdebug.cpp putEscapedString:
# "\n" for a newline), as Strawberry logs GStreamer's error debug string ("...GstSoupHTTPSrc:
# source:\nTLS/SSL support not available; install glib-networking"), a Python repr, a JSON
# string in a sentence. The escape glues the next line's first word to an "n", so no
# pattern that starts at a word boundary reads it; the second reading has the newlines back.
_ESCAPED_NEWLINE = re.compile(r"(?:\\r)?\\n")


def newlines_unescaped(text: str) -> str | None:
    """``text`` with escaped newlines (a backslash and "n") as newlines, or None when it has
    none."""
    if "\\n" not in text:
        return None
    return _ESCAPED_NEWLINE.sub("\n", text)
