"""A private Caddy on 127.0.0.1 for the tests that apply the fix steps' Caddy lines: one site
``https://localhost:PORT`` with the test's certificate and key (``tls CERT KEY {...}``), no
admin endpoint, no automatic certificates or redirects, its data, config and log in a
temporary directory (``XDG_*`` point there: Caddy writes nothing in the user's home).
``caddy validate`` checks the Caddyfile (adapts it and loads the certificate) before it runs.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .processes import logged_process
from .servers import HOST, free_port, wait_ready

__all__ = ["CaddySite", "check", "have_caddy", "running", "write_caddyfile"]


def have_caddy() -> bool:
    return shutil.which("caddy") is not None


@dataclass(frozen=True, slots=True, kw_only=True)
class CaddySite:
    path: Path  # the Caddyfile
    port: int
    directory: Path


def write_caddyfile(directory: Path, *, cert: Path, key: Path, tls_lines: Sequence[str] = (),
                    site_lines: Sequence[str] = (), port: int | None = None) -> CaddySite:
    """A Caddyfile serving "ok"; ``tls_lines`` go into the site's ``tls CERT KEY {}`` block,
    ``site_lines`` into the site block after it (a step's own ``tls {...}`` goes there)."""
    port = port or free_port()
    inner = "".join(f"\t\t{ln}\n" for ln in tls_lines)
    site = "".join(f"\t{ln}\n" for ln in "\n".join(site_lines).splitlines())
    path = directory / "Caddyfile"
    path.write_text(
        "{\n\tadmin off\n\tauto_https disable_redirects\n\tskip_install_trust\n"
        f"\tstorage file_system {directory}/data\n}}\n"
        f"https://localhost:{port} {{\n\tbind {HOST}\n"
        f"\ttls {cert} {key} {{\n{inner}\t}}\n{site}\trespond \"ok\"\n}}\n")
    return CaddySite(path=path, port=port, directory=directory)


def _argv(site: CaddySite, *command: str) -> list[str]:
    env = [f"HOME={site.directory}", f"XDG_CONFIG_HOME={site.directory}/config",
           f"XDG_DATA_HOME={site.directory}/data"]
    return ["env", *env, str(shutil.which("caddy")), *command, "--config", str(site.path),
            "--adapter", "caddyfile"]


def check(site: CaddySite) -> tuple[bool, str]:
    """``caddy validate``: the Caddyfile adapts and its configuration loads."""
    out = subprocess.run(_argv(site, "validate"), capture_output=True, text=True, timeout=60)
    return out.returncode == 0, out.stdout + out.stderr


@contextlib.contextmanager
def running(site: CaddySite) -> Iterator[CaddySite]:
    """``caddy run`` until the block ends."""
    with logged_process(_argv(site, "run"), site.directory / "caddy.out") as proc:
        wait_ready(HOST, site.port, timeout=20, alive=lambda: proc.poll() is None)
        yield site
