"""Drivers for the application runtimes: PHP streams, Ruby Net::HTTP, Perl IO::Socket::SSL,
Erlang/OTP ssl, Mono's SslStream.

Each runs one small program (realclients/programs) that tries every scenario in turn and
prints ``name TAB ok|fail TAB error`` lines; each connects to 127.0.0.1 and names the
scenario's host (SNI and the name checked) the way that runtime lets a program do it
(PHP ``peer_name``, Ruby ``Net::HTTP#ipaddr=``, Perl ``SSL_hostname``/``SSL_verifycn_name``,
Erlang ``server_name_indication``, Mono ``AuthenticateAsClient(host)``). Each trusts the
scenario root the way its users add a private CA: a CA file (PHP ``cafile``, Ruby
``ca_file``, Perl ``SSL_ca_file``, Erlang ``cacertfile``), and for Mono ``cert-sync --user``
into a private HOME (the store Mono's BTLS provider reads for that account). Verification
is each runtime's default otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .base import (
    RealOutcome,
    clean_env,
    first_line,
    missing,
    parse_tab_lines,
    program_source,
    run_bounded,
)
from .scenarios import LiveScenario

_BATCH_TIMEOUT = 120.0  # one runtime process, every scenario in turn


def _targets(live: Sequence[LiveScenario], workdir: Path) -> Path:
    path = workdir / "targets.txt"
    path.write_text("".join(f"{s.name} {s.host} {s.port}\n" for s in live), encoding="utf-8")
    return path


def _needs(argv: list[str], why: str) -> str | None:
    """None when ``argv`` succeeds (a module or application is present), else ``why``."""
    try:
        ok = run_bounded(argv, timeout=30, env=clean_env()).returncode == 0
    except (OSError, TimeoutError) as exc:
        return f"{why} ({exc})"
    return None if ok else why


class _Batch:
    name = ""
    profiles: tuple[str, ...] = ()
    script = ""
    interpreter: tuple[str, ...] = ()

    def available(self) -> str | None:
        return missing(self.interpreter[0])

    def argv(self, script: Path, ca_file: Path, targets: Path) -> list[str]:
        return [*self.interpreter, str(script), str(ca_file), str(targets)]

    def run(self, live: Sequence[LiveScenario], ca_file: Path,
            workdir: Path) -> dict[str, RealOutcome]:
        script = program_source(self.script, workdir)
        p = run_bounded(self.argv(script, ca_file, _targets(live, workdir)),
                        timeout=_BATCH_TIMEOUT, env=clean_env(), cwd=workdir)
        return parse_tab_lines(self.name, p.stdout, live)


class Php(_Batch):
    name, profiles, script, interpreter = "php", ("php-8.2",), "client.php", ("php",)

    def version(self) -> str:
        v = first_line(run_bounded(["php", "-r", "echo PHP_VERSION, ' ', OPENSSL_VERSION_TEXT;"],
                                   timeout=30, env=clean_env()).stdout)
        return f"PHP {v} (streams)"


class Ruby(_Batch):
    name, profiles, script, interpreter = "ruby", ("ruby-3.1",), "client.rb", ("ruby",)

    def version(self) -> str:
        return first_line(run_bounded(
            ["ruby", "-ropenssl", "-e", "print 'Ruby ', RUBY_VERSION, ' Net::HTTP, ', "
             "OpenSSL::OPENSSL_LIBRARY_VERSION"], timeout=30, env=clean_env()).stdout)


class Perl(_Batch):
    name, profiles, script, interpreter = "perl", ("perl-io-socket-ssl",), "client.pl", ("perl",)

    def available(self) -> str | None:
        return missing("perl") or _needs(["perl", "-MIO::Socket::SSL", "-e", "1"],
                                         "IO::Socket::SSL is not installed (libio-socket-ssl-perl)")

    def version(self) -> str:
        return first_line(run_bounded(
            ["perl", "-MIO::Socket::SSL", "-MNet::SSLeay", "-e",
             "print qq(Perl $^V IO::Socket::SSL $IO::Socket::SSL::VERSION, ), "
             "Net::SSLeay::SSLeay_version(0)"], timeout=30, env=clean_env()).stdout)


class Erlang(_Batch):
    name, profiles, script, interpreter = "erlang", ("erlang-25",), "client.escript", ("escript",)

    def available(self) -> str | None:
        return missing("escript", "erl") or _needs(
            ["erl", "-noshell", "-eval",
             "halt(case code:which(ssl) of non_existing -> 1; _ -> 0 end)."],
            "Erlang's ssl application is not installed (erlang-ssl)")

    def version(self) -> str:
        return first_line(run_bounded(
            ["erl", "-noshell", "-eval", "ok = application:load(ssl), {ok, V} = "
             "application:get_key(ssl, vsn), io:format(\"Erlang/OTP ~s ssl ~s~n\", "
             "[erlang:system_info(otp_release), V]), halt()."],
            timeout=60, env=clean_env()).stdout)


class Mono:
    name = "mono"
    profiles = ("mono-6.8",)

    def available(self) -> str | None:
        return missing("mono", "mcs", "cert-sync")

    def version(self) -> str:
        words = first_line(run_bounded(["mono", "--version"], timeout=30).stdout).split()
        return " ".join(words[:5]) + " (SslStream, default TLS provider)"

    def run(self, live: Sequence[LiveScenario], ca_file: Path,
            workdir: Path) -> dict[str, RealOutcome]:
        source = program_source("Client.cs", workdir)
        exe = workdir / "client.exe"
        built = run_bounded(["mcs", "-nologo", f"-out:{exe}", str(source)], timeout=120)
        if built.returncode != 0:
            raise RuntimeError(f"mcs failed: {first_line(built.stdout + built.stderr)}")
        home = workdir / "home"
        home.mkdir(exist_ok=True)
        env = clean_env(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"))
        env.pop("MONO_TLS_PROVIDER", None)  # the runtime's default provider (btls)
        synced = run_bounded(["cert-sync", "--user", str(ca_file)], timeout=60, env=env)
        if synced.returncode != 0:
            raise RuntimeError(f"cert-sync failed: {first_line(synced.stdout + synced.stderr)}")
        p = run_bounded(["mono", str(exe), str(_targets(live, workdir))],
                        timeout=_BATCH_TIMEOUT, env=env, cwd=workdir)
        return parse_tab_lines(self.name, p.stdout, live)
