"""posting.unwrap on its own: each wrapping undone to the program's words, text in none of
them left alone, and untrusted input of any size or shape read in one pass (the work is
asserted by the output's size, never by timing; benchmarks/bench_explain.py measures)."""

from __future__ import annotations

from tlsdoctor.api import explain
from tlsdoctor.ingest.messages import next_command
from tlsdoctor.ingest.posting import quote_folded, single_case, unwrap

GO = "x509: certificate signed by unknown authority"


def test_a_go_json_record_gives_the_message_first_and_the_loggers_fields_last() -> None:
    rec = ('{"level":"error","ts":1714644672.1,"msg":"Get \\"https://x.example.com/\\": '
           + GO + ' \\u003cnil\\u003e\\n\\tretrying"}')
    assert unwrap(rec) == f'Get "https://x.example.com/": {GO} <nil>\n\tretrying\nerror'


def test_logfmt_values_are_unquoted_and_a_plain_key_value_line_is_not() -> None:
    assert unwrap('level=error msg="dial: \\"tls: bad\\"" err="x\\ty"') == (
        'dial: "tls: bad"\nx\ty\nerror')
    plain = "depth=0 C = GB, O = Example\nverify error:num=20:unable to get local issuer"
    assert unwrap(plain) == plain


def test_html_entities_ansi_and_invisible_characters() -> None:
    assert unwrap("\ufeffa&lt;b&gt; &quot;c&quot; &#39;d&#39; &amp;lt;") == "a<b> \"c\" 'd' &lt;"
    assert unwrap("\x1b[01;31m\x1b[KSSL\x1b[m\x1b[K routines\x1b]0;title\x07") == "SSL routines"
    assert unwrap("a\u00a0b\u200bc\u202fd") == "a bc d"


def test_windows_paths_keep_their_backslashes() -> None:
    text = 'Cannot load C:\\new\\tls\\cert.pem: "x"\r\nnext'
    assert unwrap(text) == 'Cannot load C:\\new\\tls\\cert.pem: "x"\nnext'


def test_a_collectors_prefix_on_every_line_goes_and_a_programs_own_times_stay() -> None:
    assert unwrap("web_1  | a\nweb_1  | b") == "a\nb"
    assert unwrap("May 02 10:11:12 h app[1]: a\nMay 02 10:11:13 h app[1]: b") == (
        "app[1]: a\nb")  # the tag names the program: it stays, once
    one = "May 02 10:11:12 mx postfix/smtpd[48121]: x"
    assert unwrap(one) == one  # one syslog line: its stamp is the machine's clock
    mixed = "web_1  | a\nb"
    assert unwrap(mixed) == mixed
    own = "2024-05-02T10:11:12Z ERROR app: certificate verify failed"
    assert unwrap(own) == own  # one line: the program's time speaks about its clock


def test_powershell_error_record_lines_go() -> None:
    text = ("app.exe : curl: (60) SSL certificate problem\nAt line:1 char:1\n+ .\\app.exe\n"
            "+ ~~~~~\n    + CategoryInfo          : NotSpecified: (curl: (60) SSL ...:String) "
            "[], RemoteException\n    + FullyQualifiedErrorId : NativeCommandError")
    assert unwrap(text) == "curl: (60) SSL certificate problem"


def test_redaction_markers_are_one_word_never_a_server() -> None:
    assert unwrap("connect to <redacted>:443 and ***") == "connect to redacted:443 and redacted"
    assert next_command(unwrap("curl: (60) https://<redacted>/")) == "tlsdoctor diagnose HOST"


def test_quotes_and_case_are_second_readings() -> None:
    assert quote_folded("it’s “x”") == "it's \"x\"" and quote_folded("plain") is None
    assert single_case("x509: certificate") and not single_case("Get x509")
    assert explain(GO.upper()).findings[0].cause.value == explain(GO).findings[0].cause.value


def test_five_megabytes_are_read_in_one_pass() -> None:
    big = ("web_1  | " + '{"msg":"' + "a\\\"" * 40 + '"}' + "\n") * 40_000
    assert len(big) > 5_000_000
    out = unwrap(big)
    assert out.count("\n") == 40_000 and out.count('a"') == 40_000 * 40
    assert "web_1" not in out and "\\" not in out
    r = explain(big)  # cut at MAX_INPUT before unwrapping
    assert not r.recognized and len(r.input) == len(big)


def test_pathological_inputs_do_not_backtrack() -> None:
    # Each of these makes a backtracking regex try every split: the output size says each
    # was read once (the escapes and separators left as they are, nothing multiplied).
    for bad in ('a="' + "\\" * 200_000, 'k="' + "\\x" * 100_000, "\x1b[" + "1;" * 200_000,
                "&" + "#39" * 200_000, "<" * 200_000 + "redacted" + "*" * 200_000,
                "{" * 100_000 + "}" * 100_000, '{"a":' + "[" * 50_000 + "]" * 50_000 + "}",
                "[pod/" + "x" * 300_000, "web_1" + " " * 300_000 + "|"):
        assert len(unwrap(bad)) <= len(bad)
        assert explain(bad).input == bad  # bounded: cut at MAX_INPUT, then one pass
