"""How people and programs post an error: each a small pure function from the text a program
printed to the text that reaches ``tlsdoctor explain``, modelled on one real program's output
format (named with its source next to it). Used by test_posting_invariance.py.

Where a form is modelled rather than read from a program's source it says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable

Form = Callable[[str], str]


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _per_line(prefix: str, text: str) -> str:
    return "\n".join(prefix + line for line in _lines(text))


def _go_json_string(text: str) -> str:
    """Go encoding/json's string encoding (src/encoding/json/encode.go appendString, Go 1.19,
    escapeHTML on as json.Marshal and logrus use it): \\" \\\\ \\n \\r \\t, other control
    characters and < > & as \\u00XX, U+2028/U+2029 as \\u2028/\\u2029."""
    out = ['"']
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ch in "<>&\u2028\u2029":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _zap_string(text: str) -> str:
    """zap's JSON encoder (go.uber.org/zap zapcore/json_encoder.go safeAddString): \\" \\\\
    \\n \\r \\t, other control characters as \\u00XX; < > & stay as they are."""
    out = ['"']
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch in "\n\r\t":
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}[ch])
        elif ord(ch) < 0x20:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _go_quote(text: str) -> str:
    """Go strconv.Quote (src/strconv/quote.go), as logrus's TextFormatter quotes a value
    (fmt "%q"): \\" \\\\ \\n \\r \\t \\a \\b \\f \\v, other non-printables \\xHH / \\uHHHH."""
    short = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t",
             "\v": "\\v", '"': '\\"', "\\": "\\\\"}
    out = ['"']
    for ch in text:
        if ch in short:
            out.append(short[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\x{ord(ch):02x}")
        elif not ch.isprintable() and ch != " ":
            out.append(f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def logrus_json(text: str) -> str:
    # sirupsen/logrus json_formatter.go: {"level":..,"msg":..,"time":..} via encoding/json
    return '{"level":"error","msg":' + _go_json_string(text) + ',"time":"2024-05-02T10:11:12Z"}'


def zap_json(text: str) -> str:
    # go.uber.org/zap production config: level, ts (epoch float), caller, msg, then fields
    return ('{"level":"error","ts":1714644672.1234567,"caller":"client/fetch.go:88",'
            '"msg":"request failed","error":' + _zap_string(text) + "}")


def structlog_json(text: str) -> str:
    # structlog JSONRenderer -> CPython json.dumps (Lib/json/encoder.py, ensure_ascii=True)
    import json
    return json.dumps({"event": text, "level": "error", "timestamp": "2024-05-02T10:11:12Z"})


def logrus_logfmt(text: str) -> str:
    # sirupsen/logrus text_formatter.go without a TTY: time="..." level=error msg="..."
    return 'time="2024-05-02T10:11:12Z" level=error msg=' + _go_quote(text)


def journald_short(text: str) -> str:
    # journalctl -o short (systemd src/shared/logs-show.c output_short): one entry per line
    return _per_line("May 02 10:11:12 web01 app[1234]: ", text)


def syslog_5424(text: str) -> str:
    # RFC 5424 as rsyslog forwards it (RSYSLOG_SyslogProtocol23Format), one record per line
    return _per_line("<11>1 2024-05-02T10:11:12.123456+00:00 web01 app 1234 - - ", text)


def compose_v1(text: str) -> str:
    # docker-compose 1.x (compose/cli/log_printer.py): "name_1  | " before every line
    return _per_line("web_1  | ", text)


def compose_v2(text: str) -> str:
    # Docker Compose v2 (cmd/formatter/logs.go): "name-1  | " before every line
    return _per_line("app-web-1  | ", text)


def kubectl_prefix(text: str) -> str:
    # kubectl logs --prefix --timestamps (staging/src/k8s.io/kubectl/pkg/cmd/logs/logs.go:
    # "[pod/NAME/CONTAINER] ", then the kubelet's RFC 3339 nano timestamp)
    return _per_line("[pod/web-5d8f7c9b6-x2x4q/app] 2024-05-02T10:11:12.123456789Z ", text)


def windows_console(text: str) -> str:
    # A PowerShell prompt (PS C:\path>), then the output with CRLF line ends
    return ("PS C:\\Users\\dev\\source\\repos\\app> .\\bin\\Debug\\app.exe\r\n"
            + text.replace("\n", "\r\n") + "\r\n")


_SGR = re.compile(r"(?i)ssl|tls|certificate|error")


def ansi_tracing(text: str) -> str:
    # tracing-subscriber's default fmt layer with ANSI (tracing-subscriber
    # src/fmt/format/mod.rs): dimmed time, coloured level, dimmed target before each line
    return _per_line("\x1b[2m2024-05-02T10:11:12.123456Z\x1b[0m \x1b[31mERROR\x1b[0m "
                     "\x1b[2mapp::client\x1b[0m\x1b[2m:\x1b[0m ", text)


def ansi_grep(text: str) -> str:
    # GNU grep --color=always (src/grep.c: sgr_start "\33[%sm\33[K", ms=01;31, sgr_end
    # "\33[m\33[K") around every match of the words searched for
    return _SGR.sub(lambda m: f"\x1b[01;31m\x1b[K{m.group(0)}\x1b[m\x1b[K", text)


def markdown_quote(text: str) -> str:
    # GitHub's "Quote reply": "> " before every line
    return _per_line("> ", text)


def markdown_fence(text: str) -> str:
    # A fenced code block (GitHub Flavored Markdown spec, 4.5 Fenced code blocks)
    return "I get this error:\n\n```console\n" + text + "\n```\n"


def html_python(text: str) -> str:
    # CPython html.escape(s, quote=True) (Lib/html/__init__.py): & < > " '
    import html
    return html.escape(text, quote=True)


def html_go(text: str) -> str:
    # Go html.EscapeString (src/html/escape.go): & ' < > " as &amp; &#39; &lt; &gt; &#34;
    rep = {"&": "&amp;", "'": "&#39;", "<": "&lt;", ">": "&gt;", '"': "&#34;"}
    return "".join(rep.get(ch, ch) for ch in text)


def fold_80(text: str) -> str:
    # coreutils fold -w 80 (src/fold.c): every line cut at exactly 80 columns, mid-word
    out = []
    for line in _lines(text):
        out.extend(line[i:i + 80] for i in range(0, max(len(line), 1), 80))
    return "\n".join(out)


def mail_wrap_72(text: str) -> str:
    # A mailer's hard wrap at 72 columns at spaces, the space dropped (coreutils fold -s -w 72
    # with trailing blanks trimmed, as Outlook's plain-text wrap leaves it); modelled
    out = []
    for line in _lines(text):
        while len(line) > 72:
            cut = line.rfind(" ", 1, 73)
            if cut <= 0:
                cut = 72
                out.append(line[:cut])
                line = line[cut:]
            else:
                out.append(line[:cut])
                line = line[cut + 1:]
        out.append(line)
    return "\n".join(out)


def python_chained(text: str) -> str:
    # CPython traceback output of an exception raised while handling another (Lib/traceback.py
    # _context_message): the same error printed by both tracebacks
    return ("Traceback (most recent call last):\n"
            '  File "/srv/app/client.py", line 12, in fetch\n'
            "    return session.get(url, timeout=10)\n"
            f"{text}\n\nDuring handling of the above exception, another exception occurred:\n\n"
            "Traceback (most recent call last):\n"
            '  File "/srv/app/main.py", line 30, in <module>\n'
            "    fetch(URL)\n"
            f"{text}\n")


def java_caused_by(text: str) -> str:
    # Throwable.printStackTrace (java.base java/lang/Throwable.java): "Caused by: ", frames
    # as "\tat ...", "\t... N more"
    return ('Exception in thread "main" java.lang.RuntimeException: request failed\n'
            "\tat com.example.client.Fetcher.fetch(Fetcher.java:42)\n"
            "\tat com.example.client.Main.main(Main.java:12)\n"
            f"Caused by: {text}\n"
            "\tat java.base/sun.security.ssl.SSLSocketImpl.startHandshake(SSLSocketImpl.java:456)\n"
            "\tat com.example.client.Fetcher.open(Fetcher.java:88)\n"
            "\t... 2 more\n")


def powershell_native(text: str) -> str:
    # Windows PowerShell 5.1 showing a native command's stderr (2>&1): an ErrorRecord with
    # NativeCommandError for the first line, its message cut in CategoryInfo; later lines bare
    first, _, rest = text.partition("\n")
    cut = first if len(first) <= 30 else first[:27] + "..."
    record = (f"app.exe : {first}\n"
              "At line:1 char:1\n"
              "+ .\\app.exe https://example.com 2>&1\n"
              "+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
              f"    + CategoryInfo          : NotSpecified: ({cut}:String) [], RemoteException\n"
              "    + FullyQualifiedErrorId : NativeCommandError\n")
    return record + (rest + "\n" if rest else "")


def bom(text: str) -> str:
    # Windows Notepad's "UTF-8 with BOM": U+FEFF first
    return "\ufeff" + text


def nbsp(text: str) -> str:
    # Text copied from a web page that rendered its spaces as &nbsp; (U+00A0); modelled
    return text.replace(" ", "\u00a0")


def zero_width(text: str) -> str:
    # U+200B after "." "_" "/" ":" (break opportunities some web renderers insert into long
    # identifiers, kept by a copy); modelled
    return re.sub(r"([._/:])", "\\1\u200b", text)


def smart_quotes(text: str) -> str:
    # Microsoft Word / macOS "smart quotes": ' -> ’ (‘ after a space), " -> “ ” alternately
    out, double = [], False
    for i, ch in enumerate(text):
        if ch == "'":
            out.append("‘" if i == 0 or text[i - 1] in " \n\t([" else "’")
        elif ch == '"':
            out.append("”" if double else "“")
            double = not double
        else:
            out.append(ch)
    return "".join(out)


_HOST = re.compile(r"(?<![\w.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+"
                   r"(?:com|org|net|io|dev|local|internal|example|cloud|co|de)(?![\w-])",
                   re.IGNORECASE)


def redact_angle(text: str) -> str:
    # host names replaced by "<redacted>" before posting (as a person redacts); modelled
    return _HOST.sub("<redacted>", text)


def redact_xxx(text: str) -> str:
    return _HOST.sub("xxx.example", text)


def redact_stars(text: str) -> str:
    return _HOST.sub("***", text)


def logstash_lower(text: str) -> str:
    # Logstash mutate { lowercase => ["message"] } (logstash-filter-mutate docs)
    return text.lower()


def logstash_upper(text: str) -> str:
    # Logstash mutate { uppercase => ["message"] } (logstash-filter-mutate docs)
    return text.upper()


FORMS: dict[str, Form] = {f.__name__: f for f in (
    logrus_json, zap_json, structlog_json, logrus_logfmt, journald_short, syslog_5424,
    compose_v1, compose_v2, kubectl_prefix, windows_console, ansi_tracing, ansi_grep,
    markdown_quote, markdown_fence, html_python, html_go, fold_80, mail_wrap_72,
    python_chained, java_caused_by, powershell_native, bom, nbsp, zero_width, smart_quotes,
    redact_angle, redact_xxx, redact_stars, logstash_lower, logstash_upper)}
