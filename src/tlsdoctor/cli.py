"""Command line: parse arguments, call the API, render, exit 0 ok / 1 risky / 2 fails / 3 error.

Nothing here decides anything: every command is a function in ``tlsdoctor.api``
(or the module it names) that returns a result object with ``to_json()``.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import warnings
from collections.abc import Callable, Iterable
from functools import wraps
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

if TYPE_CHECKING:
    from rich.console import Console

from .errors import TlsDoctorError

F = TypeVar("F", bound=Callable[..., Any])
EXIT_ERROR = 3


def _console() -> Console:
    from rich.console import Console  # here: --json output never needs rich

    console = Console(highlight=False, soft_wrap=False)
    console.on_broken_pipe = reader_gone  # type: ignore[method-assign]  # (rich: exit 1)
    return console


def emit_json(obj: dict[str, Any]) -> None:
    # As json.dumps(obj, indent=2, ensure_ascii=True), faster (report/json_text.py).
    # ensure_ascii: every non-ASCII character is escaped, so no bidi override or escape
    # sequence from a certificate can reach the terminal even when JSON is displayed.
    from .report.json_text import dumps_indented

    emit_pieces([dumps_indented(obj).encode("ascii")])


def emit_pieces(pieces: Iterable[bytes | bytearray]) -> None:
    """JSON text made in pieces (report.json_text), each written as it is made, and a
    newline."""
    # Written as bytes, piece by piece: as text, click would search megabytes for ANSI
    # escapes to strip (there are none: ESC is written \u001b), add the newline by copying
    # it all, and encode it again (~10 ms for a capture's 7 MB).
    for piece in pieces:
        click.echo(piece, nl=False)
    click.echo(b"\n", nl=False)


def _may_fork() -> bool:
    """This process is the command line itself, nothing but this thread runs (fork
    copies only the calling thread), and a core is free for a child process."""
    import threading

    from .ingest.pcap_jobs import core_free

    return _whole_process and threading.active_count() == 1 and core_free()


def events_exit_code(data: dict[str, Any]) -> int:
    """logs/pcap: 2 when a handshake failure was found, 1 for risks only, 0 for none."""
    severities = {f.get("severity") for ev in data.get("events", ()) for f in ev.get("findings", ())}
    # pcap lists only the first connections; its summary counts every one's severities.
    severities |= {k for k, n in data.get("summary", {}).get("severities", {}).items() if n}
    if "blocking" in severities:
        return 2
    return 1 if severities & {"risk", "warning"} else 0


def write_html(path: str, kind: str, data: dict[str, Any], *, quiet: bool) -> None:
    """--html FILE: the report as one self-contained page (tlsdoctor.report.html)."""
    from .report import html

    page = {"diagnose": html.render_diagnose, "scan": html.render_scan,
            "pcap": html.render_pcap}[kind](data)
    write_page(path, page, quiet=quiet)


def write_page(path: str, page: str, *, quiet: bool) -> None:
    from .errors import InputError

    try:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(page)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    if not quiet:
        click.echo(f"HTML report written to {path}", err=True)


def explain_exit_code(recognized: bool, severities: list[Any]) -> int:
    """explain: 3 nothing recognised (could not diagnose); else as logs/pcap: 2 a failure,
    1 risks or warnings only, 0 recognised but naming no fault ("Verify return code: 0")."""
    if not recognized:
        return EXIT_ERROR
    found = {str(s) for s in severities}
    if "blocking" in found:
        return 2
    return 1 if found & {"risk", "warning"} else 0


def guarded(fn: F) -> F:
    """One-line errors for TlsDoctorError; anything else is a bug: exit 3, traceback with --debug."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = click.get_current_context().find_root().params.get("debug", False)
        try:
            return fn(*args, **kwargs)
        except TlsDoctorError as exc:
            click.echo(f"tlsdoctor: error: {exc}", err=True)
            sys.exit(EXIT_ERROR)
        except KeyboardInterrupt:
            click.echo("tlsdoctor: interrupted", err=True)
            sys.exit(EXIT_ERROR)
        except BrokenPipeError:  # the reader went away (`| head`): nothing to say to it
            reader_gone()
        except (SystemExit, click.exceptions.Exit, click.ClickException):
            raise
        except Exception as exc:  # a bug: report it in one line unless --debug
            if debug:
                import traceback  # here: only a bug with --debug prints one

                traceback.print_exc()
            else:
                click.echo(f"tlsdoctor: internal error: {type(exc).__name__}: {exc} "
                           "(run with --debug for the traceback)", err=True)
            sys.exit(EXIT_ERROR)

    return wrapper  # type: ignore[return-value]


def reader_gone() -> NoReturn:
    """Exit 3 in silence when stdout's reader has gone (`tlsdoctor ... --json | head`):
    the output is incomplete, and no one reads an error about it. stdout is pointed at
    /dev/null first, so that the interpreter's last flush fails no more (Python's
    documentation, "Note on SIGPIPE"), as rich's console does (with exit 1: _console)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    sys.exit(EXIT_ERROR)


def hoist_debug(args: list[str]) -> list[str]:
    """``--debug`` is accepted anywhere before ``--``: moved in front of the subcommand,
    where click expects the group's option (``tlsdoctor demo --debug`` works too)."""
    end = args.index("--") if "--" in args else len(args)
    head = [a for a in args[:end] if a != "--debug"]
    if len(head) == end:
        return args
    return ["--debug", *head, *args[end:]]


def _usage_line(exc: click.UsageError) -> str:
    """click's usage error as one line, naming where help is."""
    text = " ".join(exc.format_message().split())
    ctx = exc.ctx
    where = ctx.command_path if ctx is not None else "tlsdoctor"
    return f"tlsdoctor: error: {text} (see '{where} --help')"


class _Group(click.Group):
    def main(self, args: Any = None, *rest: Any, **kwargs: Any) -> Any:
        # click reports usage errors with exit 2, which monitoring reads as "handshake
        # fails": the SPEC reserves 3 for "could not diagnose", bad arguments included.
        # Library warnings are for developers, and untrusted input triggers them:
        # cryptography warns at every access to a certificate with a non-positive
        # serial (system stores hold such roots: Go Daddy Class 2 has serial 0) or a
        # CN over 64 characters. They broke "valid JSON or one line on stderr" (issue 7).
        if not sys.warnoptions:  # the documented idiom: -W / PYTHONWARNINGS still win
            warnings.simplefilter("ignore")
        args = hoist_debug(list(sys.argv[1:] if args is None else args))
        kwargs.setdefault("prog_name", "tlsdoctor")
        try:
            # click's overloads key on a literal standalone_mode; ours is always False
            return super().main(args, *rest, standalone_mode=False,  # type: ignore[call-overload]
                                **kwargs)
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.format_message())
            sys.exit(0)
        except click.UsageError as exc:
            click.echo(_usage_line(exc), err=True)
            sys.exit(EXIT_ERROR)
        except click.ClickException as exc:
            click.echo(f"tlsdoctor: error: {' '.join(exc.format_message().split())}", err=True)
            sys.exit(EXIT_ERROR)
        except click.exceptions.Abort:
            click.echo("Aborted!", err=True)
            sys.exit(EXIT_ERROR)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tlsdoctor")
@click.option("--debug", is_flag=True,
              help="Show tracebacks of internal errors (also accepted after the command).")
def main(debug: bool) -> None:
    """Why does a TLS/SSL handshake fail, who must fix it, and how."""


# Set by a command whose process leaves nothing to clean up at exit (no child process,
# temporary file or thread): ``run`` may then skip the interpreter's teardown.
_exit_without_teardown = False
# Set by ``run``: this process is the command line itself (not click's CliRunner or
# another in-process caller), so it ends when the command does.
_whole_process = False


def run() -> Any:
    """The console script and ``python -m tlsdoctor``: ``main()``; then, after a command that
    leaves nothing to clean up (``pcap``), flush stdout and stderr and end with ``os._exit``.
    Tearing down the interpreter frees every object one by one: ~0.05 s after a 10 MB
    capture, a tenth of the run. Never used when ``main`` is called in-process (tests
    with click's CliRunner), and the normal exit is kept when a flush fails (a closed pipe
    is reported as before), the exit code is not a number, or a profiler or tracer runs."""
    global _whole_process
    _whole_process = True
    try:
        return main()
    except SystemExit as exc:
        code = 0 if exc.code is None else exc.code
        # A profiler or coverage tracer writes its data at exit: keep the normal one then.
        traced = sys.getprofile() is not None or sys.gettrace() is not None
        if not _exit_without_teardown or not isinstance(code, int) or traced:
            raise
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            raise exc from None
        os._exit(code)


def _target_options(fn: F) -> F:
    for opt in reversed([
        click.option("--sni", help="Send this name in SNI (default: the host name)."),
        click.option("--no-sni", is_flag=True, help="Send no SNI."),
        click.option("--connect", metavar="ADDRESS", help="Connect to this address; keep HOST as the name."),
        click.option("--starttls", type=click.Choice(["smtp", "imap", "pop3", "ftp", "xmpp", "ldap", "postgres", "mysql"]),
                     help="Upgrade a plaintext protocol with STARTTLS first."),
        click.option("--proxy", metavar="URL", help="Go through this HTTP CONNECT proxy."),
        click.option("--timeout", type=float, default=5.0, show_default=True, help="Seconds per connect/read."),
        click.option("--delay", type=float, default=0.0, help="Seconds between connections (rate-limited servers)."),
        click.option("--json", "as_json", is_flag=True, help="Print one JSON object."),
        click.option("--html", "html_out", type=click.Path(dir_okay=False), metavar="FILE",
                     help="Also write the report as one self-contained HTML page."),
    ]):
        fn = opt(fn)
    return fn


@main.command()
@click.argument("target")
@_target_options
@click.option("--ca-file", metavar="PEM", help="Also trust the CA certificates in this PEM file.")
@click.option("--client", "client_name", metavar="NAME", help="Diagnose for this client profile (see 'tlsdoctor clients').")
@click.option("--all-clients", is_flag=True, help="Which client profiles can connect, and why not.")
@click.option("--server", "server_software", metavar="SOFTWARE", help="Server software for config snippets (nginx, apache, haproxy...).")
@click.option("--warn-days", type=int, default=30, show_default=True, help="Warn when a certificate expires within this many days.")
@click.option("--offline", is_flag=True, help="Fetch nothing (no AIA, OCSP, CRL).")
@click.option("--bundle-out", metavar="FILE",
              help="When the chain is incomplete or misordered, write the corrected bundle here.")
@click.option("-v", "--verbose", is_flag=True, help="Show every probe, certificate and fix.")
@click.option("--trace", is_flag=True, help="Draw the handshake as a ladder diagram.")
@guarded
def diagnose(target: str, sni: str | None, no_sni: bool, connect: str | None, starttls: str | None,
             proxy: str | None, timeout: float, delay: float, as_json: bool, html_out: str | None,
             ca_file: str | None, client_name: str | None, all_clients: bool,
             server_software: str | None, warn_days: int, offline: bool, bundle_out: str | None,
             verbose: bool, trace: bool) -> None:
    """Diagnose TARGET (HOST[:PORT] or https://host:port/): what breaks, who fixes it, how."""
    from . import options as check
    from .api.diagnose import diagnose

    if bundle_out:  # before the diagnosis: a typo in the path should not cost a run
        check.output_file(bundle_out, "--bundle-out")
    opts = dict(ca_file=ca_file, sni=sni, no_sni=no_sni, connect=connect, starttls=starttls,
                proxy=proxy, timeout=timeout, delay=delay, warn_days=warn_days, offline=offline,
                server_software=server_software)
    if all_clients:
        from .api.clients import all_clients as run_all
        from .errors import UsageError

        if html_out:
            raise UsageError("--html is not available with --all-clients")
        matrix = run_all(target, **opts)
        if as_json:
            emit_json(matrix.to_json())
        else:
            from .report import diagnose_view  # rich: only for human output

            diagnose_view.render_matrix(_console(), matrix)
        sys.exit(matrix.exit_code)
    report = diagnose(target, client=client_name, **opts)
    written = _write_bundle(report, bundle_out) if bundle_out else None
    data = report.to_json()
    if bundle_out:
        data["bundle_written"] = written
    if html_out:
        write_html(html_out, "diagnose", data, quiet=as_json)
    if as_json:
        emit_json(data)
    else:
        from .report import diagnose_view

        diagnose_view.render(_console(), report, verbose=verbose, trace=trace)
        if bundle_out:
            click.echo(f"Corrected chain written to {written}" if written else
                       "No corrected chain to write (the chain is complete, or could not be completed).")
    sys.exit(report.exit_code)


def _write_bundle(report: Any, path: str) -> str | None:
    from .errors import InputError

    chain = report.evidence.chain
    if chain is None or not chain.completed_chain_pem:
        return None
    try:
        return str(chain.write_bundle(path))
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from exc


@main.command()
@click.argument("text", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("-v", "--verbose", is_flag=True,
              help="Every fix for every program, not only the first ones and this program's.")
@guarded
def explain(text: str | None, as_json: bool, verbose: bool) -> None:
    """Explain an error MESSAGE or TLS alert (reads stdin when MESSAGE is - or not given)."""
    from .api.text import explain as run
    from .report import ingest_view

    if text is None or text == "-":  # "-" as logs and pcap take it: no message is one dash
        text = sys.stdin.read(1_000_000)
    result = run(text)
    if as_json:
        emit_json(result.to_json())
    else:
        ingest_view.render_explain(_console(), result, verbose=verbose)
    sys.exit(explain_exit_code(result.recognized, [f.severity for f in result.findings]))


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--max-events", type=click.IntRange(min=0), default=1000, show_default=True,
              help="List at most N connections/lines with their details; the summary counts all.")
@guarded
def logs(files: tuple[str, ...], as_json: bool, max_events: int) -> None:
    """Find and classify TLS handshake failures in server logs (FILE... or - for stdin).

    Exit status: 0 none found, 1 risks only, 2 handshake failures found, 3 error."""
    from . import options as check
    from .api.text import read_logs
    from .report import ingest_view

    report = read_logs([check.input_file(f) for f in files], max_events=max_events)
    data = report.to_json()
    if as_json:
        emit_json(data)
    else:
        ingest_view.render_logs(_console(), report)
    sys.exit(events_exit_code(data))


@main.command()
@click.argument("file")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--html", "html_out", type=click.Path(dir_okay=False), metavar="FILE",
              help="Also write the report as one self-contained HTML page.")
@click.option("--max-events", type=click.IntRange(min=0), default=1000, show_default=True,
              help="List at most N connections/lines with their details; the summary counts all.")
@click.option("--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="Processes reading the capture [default: 2 for a file of 8 MB or more "
                   "when a core is free, else 1]; the report is the same.")
@guarded
def pcap(file: str, as_json: bool, html_out: str | None, max_events: int,
         jobs: int | None) -> None:
    """Explain the TLS handshakes in a packet capture (pcap or pcapng, - for stdin).

    The JSON summary's capture.reader says which reader ran: "c" (the compiled loop) or
    "python" (no C build, or TLSDOCTOR_PCAP_PURE=1); the report is the same.

    Exit status: 0 all handshakes fine, 1 risks only, 2 failed handshakes found, 3 error."""
    if _whole_process:
        # The process ends with this command (``run``), and neither importing what a
        # capture needs nor reading one makes garbage cycles worth collecting (peak RSS
        # is the same without the collector, 10-100 MB captures): the cyclic collector
        # would only walk the growing heap again and again, ~7% of a 10 MB capture's run
        # (half of it in the imports below). Never in an in-process caller (CliRunner).
        gc.disable()
    from . import options as check
    from .api.capture import read_pcap
    from .report import json_text, pcap_json

    # With two readers, each writes its listed connections' JSON (most of the output:
    # 7 MB for 1,000) while the other does.
    report = read_pcap(sys.stdin.buffer if file == "-" else check.input_file(file),
                       max_events=max_events, jobs=jobs,
                       render=pcap_json.event_text if as_json else None)
    if html_out:
        write_html(html_out, "pcap", report.to_json(), quiet=as_json)
    if as_json:
        # report.to_json(), the same text: the events written by report.pcap_json (each
        # finding's text once), by the readers already, or with a core free, about half
        # of them by a forked process meanwhile.
        obj = {"summary": dict(report.summary), "events": list(report.events)}
        pieces: Iterable[bytes | bytearray]
        if report.events_json is not None:
            pieces = json_text.dumps_indented_listed(obj, "events", report.events_json)
        elif _may_fork():
            pieces = json_text.dumps_indented_forked(obj, "events", pcap_json.event_text,
                                                     json_text.split_items())
        else:
            pieces = json_text.dumps_indented_listed(
                obj, "events", map(pcap_json.event_text, report.events))
        # All of the text made before any of it is written: an error on the way (exit 3)
        # leaves no half object on stdout for a reader of the JSON to choke on.
        emit_pieces(list(pieces))
    else:
        from .report import ingest_view  # rich: only for the terminal

        ingest_view.render_pcap(_console(), report)
    global _exit_without_teardown
    _exit_without_teardown = True  # only files read and written, all closed by now
    sys.exit(events_exit_code(pcap_severities(report)))


def pcap_severities(report: Any) -> dict[str, Any]:
    """What ``events_exit_code`` reads of a capture report's JSON (``to_json()``): the
    severities of the listed connections' findings and the summary's, nothing else."""
    return {"summary": {"severities": dict(report.summary.get("severities", {}))},
            "events": [{"findings": [{"severity": f.severity._value_} for f in e.findings]}
                       for e in report.events]}


@main.command()
@click.argument("targets", nargs=-1)
@_target_options
@click.option("--targets", "targets_file", metavar="FILE", help="Read targets from FILE, one per line.")
@click.option("-v", "--verbose", is_flag=True)
@guarded
def scan(targets: tuple[str, ...], sni: str | None, no_sni: bool, connect: str | None,
         starttls: str | None, proxy: str | None, timeout: float, delay: float, as_json: bool,
         html_out: str | None, targets_file: str | None, verbose: bool) -> None:
    """Map what the server accepts: versions, suites, groups, chain, grade, Mozilla compliance."""
    from . import options as check
    from .api.scan import scan as run_scan
    from .errors import UsageError
    from .scanner.render import render_scan

    names = list(targets)
    if targets_file:
        names += check.targets_file(targets_file)
    if not names:
        raise UsageError("give at least one target (HOST[:PORT]) or --targets FILE")
    console = _console()
    opts = dict(sni=sni, no_sni=no_sni, connect=connect, starttls=starttls, proxy=proxy,
                timeout=timeout, delay=delay)
    if as_json or not console.is_terminal:
        report = run_scan(names, **opts)
    else:
        from rich.progress import BarColumn, Progress, TextColumn

        with Progress(TextColumn("{task.description}"), BarColumn(),
                      TextColumn("{task.completed}/{task.total} targets · {task.fields[hs]} handshakes"),
                      console=console, transient=True) as bar:
            task = bar.add_task("scanning", total=len(names), hs=0)
            counts: dict[str, int] = {}

            def progress(p: object) -> None:
                counts[getattr(p, "target", "")] = getattr(p, "handshakes", 0)
                done = bool(getattr(p, "done", False))
                bar.update(task, hs=sum(counts.values()), advance=1 if done else 0,
                           description=f"scanning ({getattr(p, 'phase', '')})")

            report = run_scan(names, progress=progress, **opts)
    if html_out:
        write_html(html_out, "scan", report.to_json(), quiet=as_json)
    if as_json:
        emit_json(report.to_json())
    else:
        render_scan(report, console, verbose=verbose)
    sys.exit(report.exit_code)


@main.command()
@click.argument("source")
@click.option("--json", "as_json", is_flag=True)
@click.option("--ca-file", metavar="PEM", help="Also trust the CA certificates in this PEM file.")
@guarded
def cert(source: str, as_json: bool, ca_file: str | None) -> None:
    """Show a certificate or chain: from a PEM/DER FILE (- for stdin), or as served by
    HOST[:PORT].

    Exit status: 0 nothing to fix, 1 risks or warnings, 2 a blocking finding, 3 error."""
    from .certcmd import exit_code, show_cert
    from .report import cert_view

    report = show_cert(source, ca_file=ca_file)
    if as_json:
        emit_json(report.to_json())
    else:
        cert_view.render(_console(), report)
    sys.exit(exit_code(report))


@main.command()
@click.option("--json", "as_json", is_flag=True)
@click.option("--verify", is_flag=True,
              help="Run the real clients installed here against test servers and compare.")
@click.option("--client", "real_clients", multiple=True, metavar="NAME",
              help="With --verify: only this real client (chromium, firefox, java, go, node, "
                   "curl, python, openssl, openssl-seclevel1, gnutls, wget, nss, php, ruby, "
                   "perl, erlang, mono).")
@click.option("--scenario", "scenarios", multiple=True, metavar="NAME",
              help="With --verify: only this test scenario.")
@guarded
def clients(as_json: bool, verify: bool, real_clients: tuple[str, ...],
            scenarios: tuple[str, ...]) -> None:
    """List the client profiles usable with --client (or --verify them here)."""
    from .clients.catalog import all_profiles
    from .report import diagnose_view

    if verify:
        _verify_clients(as_json, real_clients, scenarios)
    if real_clients or scenarios:
        from .errors import UsageError

        raise UsageError("--client and --scenario go with --verify")
    profiles = all_profiles()
    if as_json:
        emit_json({"clients": [p.to_json() for p in profiles]})
    else:
        diagnose_view.render_clients(_console(), profiles)


def _verify_clients(as_json: bool, real_clients: tuple[str, ...],
                    scenarios: tuple[str, ...]) -> None:
    from .realclients.verify import verify_clients
    from .report.verify_view import render_verify

    report = verify_clients(clients=real_clients, scenarios=scenarios)
    if as_json:
        emit_json(report.to_json())
    else:
        render_verify(_console(), report.to_json())
    sys.exit(report.exit_code)


@main.command()
@click.option("--port", type=int, default=8443, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--count", type=click.IntRange(1, 10_000), default=1, show_default=True,
              help="How many ClientHellos to capture.")
@click.option("--timeout", type=float, default=60.0, show_default=True)
@click.option("--save", metavar="NAME", help="Save the captured client as a profile.")
@click.option("--against", metavar="HOST[:PORT]", help="Then diagnose that exact client against this server.")
@click.option("--json", "as_json", is_flag=True)
@guarded
def listen(port: int, host: str, count: int, timeout: float, save: str | None,
           against: str | None, as_json: bool) -> None:
    """Capture a real client's ClientHello on a local port and describe it."""
    from .listencmd import run_listen

    run_listen(host=host, port=port, count=count, timeout=timeout, save=save, against=against,
               as_json=as_json, console=_console())


@main.command()
@click.option("--json", "as_json", is_flag=True)
@click.option("--only", metavar="NAME", multiple=True,
              help="Run only these scenarios (repeatable; an unknown name lists them).")
@guarded
def demo(as_json: bool, only: tuple[str, ...]) -> None:
    """Start deliberately broken TLS servers on 127.0.0.1 and diagnose each (offline)."""
    from .demo import run_demo

    sys.exit(run_demo(console=_console(), as_json=as_json, only=only))


# --- fleet and serve (many endpoints over time; logic in tlsdoctor.fleet / tlsdoctor.serve) ---

_db_option = click.option("--db", metavar="URL", help="PATH, sqlite:///PATH or postgresql://... (default: tlsdoctor.db).")


def _filter_options(fn: F) -> F:
    for opt in reversed([
        click.option("--run", "run_id", type=int, help="That run (default: the latest)."),
        click.option("--cause", help="Endpoints with a finding of this cause id."),
        click.option("--party", help="Endpoints with a finding this party fixes (server, client, network, either)."),
        click.option("--tag", help="Endpoints with this #tag."),
        click.option("--outcome", help="ok, risky, fails or unknown."),
    ]):
        fn = opt(fn)
    return fn


@main.group()
def fleet() -> None:
    """Many endpoints over time: run an inventory, then status, diff and export."""


@fleet.command("run")
@click.argument("inventory")
@_db_option
@click.option("--scan", is_flag=True, help="Also map versions, suites, grade and compliance.")
@click.option("--concurrency", type=int, default=64, show_default=True, help="Endpoints checked at once.")
@click.option("--per-ip", type=int, default=2, show_default=True, help="Endpoints checked at once per IP address.")
@click.option("--delay", type=float, default=0.0, help="Seconds between connections to one IP address.")
@click.option("--timeout", type=float, default=5.0, show_default=True, help="Seconds per connect/read.")
@click.option("--warn-days", type=int, default=30, show_default=True)
@click.option("--offline", is_flag=True, help="Fetch nothing (no AIA, OCSP, CRL).")
@click.option("--no-risk-checks", is_flag=True, help="Only whether each endpoint connects, and why not.")
@click.option("--cluster", metavar="tcp://HOST:PORT", help="Run the checks on this Dask scheduler.")
@click.option("--new-run", is_flag=True, help="Start afresh instead of resuming an unfinished run.")
@click.option("--json", "as_json", is_flag=True, help="One JSON line per endpoint.")
@guarded
def fleet_run(inventory: str, db: str | None, scan: bool, concurrency: int, per_ip: int,
              delay: float, timeout: float, warn_days: int, offline: bool, no_risk_checks: bool,
              cluster: str | None, new_run: bool, as_json: bool) -> None:
    """Diagnose every endpoint of INVENTORY (a file, - for stdin) and store the reports.

    Resumable: the same command after an interruption continues the same run.
    Exit status: the worst outcome (0 ok, 1 risky, 2 fails, 3 could not check)."""
    import time

    from rich.console import Console

    from .fleet import CheckSettings, Limits, read_inventory, run_fleet
    from .fleet.view import progress_bar, render_run

    inv = read_inventory(inventory)
    for problem in inv.problems:
        click.echo(f"tlsdoctor: {problem}", err=True)
    settings = CheckSettings(timeout=timeout, delay=delay, warn_days=warn_days, offline=offline,
                             risk_checks=not no_risk_checks, scan=scan)
    limits = Limits(concurrency=concurrency, per_ip=per_ip, delay=delay)
    console, start = _console(), time.monotonic()
    line = (lambda stored: click.echo(json.dumps(stored.to_json(), ensure_ascii=True))) if as_json else None
    with progress_bar(Console(stderr=True) if as_json else console) as bar:
        result = run_fleet(inv, db=db, settings=settings, limits=limits, cluster=cluster,
                           new_run=new_run, on_result=line, on_progress=bar)
    if not as_json:
        render_run(console, result, time.monotonic() - start)
    sys.exit(result.exit_code)


@fleet.command("status")
@_db_option
@_filter_options
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@guarded
def fleet_status_cmd(db: str | None, run_id: int | None, cause: str | None, party: str | None,
                     tag: str | None, outcome: str | None, as_json: bool) -> None:
    """The current state of every endpoint. Exit status: the worst outcome shown."""
    from .fleet import Filters, Store, fleet_status
    from .fleet.view import render_status

    with Store.open(db, create=False) as store:
        status = fleet_status(store, run_id=run_id, filters=Filters(cause=cause, party=party, tag=tag, outcome=outcome))
    emit_json(status.to_json()) if as_json else render_status(_console(), status)
    sys.exit(status.exit_code)


@fleet.command("diff")
@click.argument("runs", nargs=-1, type=int)
@_db_option
@click.option("--warn-days", type=int, default=30, show_default=True, help="Report leaves expiring within this many days.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@guarded
def fleet_diff_cmd(runs: tuple[int, ...], db: str | None, warn_days: int, as_json: bool) -> None:
    """What changed: [OLD [NEW]] runs (default: the last run vs the one before).

    Exit status: the worst current outcome among the endpoints that changed."""
    from .errors import UsageError
    from .fleet import Store, fleet_diff
    from .fleet.view import render_diff

    if len(runs) > 2:
        raise UsageError("fleet diff takes at most two run ids: OLD NEW")
    with Store.open(db, create=False) as store:
        diff = fleet_diff(store, before=runs[0] if runs else None,
                          after=runs[1] if len(runs) > 1 else None, warn_days=warn_days)
    emit_json(diff.to_json()) if as_json else render_diff(_console(), diff)
    sys.exit(diff.exit_code)


@fleet.command("export")
@_db_option
@_filter_options
@click.option("--json", "fmt", flag_value="json", default=True, help="JSON lines, each with the full report (default).")
@click.option("--csv", "fmt", flag_value="csv", help="CSV of the summary columns.")
@click.option("--html", "html_out", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write one self-contained HTML page of the fleet's state (then no JSON "
                   "lines on stdout unless --json or --csv is given too).")
@guarded
def fleet_export(db: str | None, run_id: int | None, cause: str | None, party: str | None,
                 tag: str | None, outcome: str | None, fmt: str, html_out: str | None) -> None:
    """Every endpoint's latest report, as JSON lines, CSV or an HTML page.

    Exit status: the worst outcome."""
    from click.core import ParameterSource

    from .fleet import Filters, Store, export_lines, fleet_status
    from .fleet.html import export_html

    filters = Filters(cause=cause, party=party, tag=tag, outcome=outcome)
    lines = not html_out or click.get_current_context().get_parameter_source("fmt") \
        is not ParameterSource.DEFAULT
    with Store.open(db, create=False) as store:
        if html_out:
            write_page(html_out, export_html(store, run_id=run_id, filters=filters), quiet=False)
        for text in export_lines(store, fmt=fmt, run_id=run_id, filters=filters) if lines else ():
            click.echo(text)
        sys.exit(fleet_status(store, run_id=run_id, filters=filters).exit_code)


@main.command()
@_db_option
@click.option("--bind", default="127.0.0.1:8080", show_default=True, help="HOST:PORT to listen on.")
@click.option("--token", help="Require 'Authorization: Bearer TOKEN' (prefer --token-file).")
@click.option("--token-file", type=click.Path(dir_okay=False), help="Read the token from this file.")
@guarded
def serve(db: str | None, bind: str, token: str | None, token_file: str | None) -> None:
    """Serve the fleet database read-only over HTTP: /metrics for Prometheus, and a
    dashboard at / (endpoints by outcome, cause and party, histories, expiry, reports).

    Any address other than loopback requires a token (browsers: any user name, the token
    as the password)."""
    from .serve import make_server, serve_until_stopped
    from .serve.auth import load_token

    server = make_server(db=db, bind=bind, token=load_token(token, token_file))
    host, port = server.server_address[:2]
    where = f"[{host}]" if ":" in str(host) else host
    click.echo(f"tlsdoctor: serving the dashboard at http://{where}:{port}/ and "
               f"http://{where}:{port}/metrics (Ctrl-C stops)", err=True)
    serve_until_stopped(server)
