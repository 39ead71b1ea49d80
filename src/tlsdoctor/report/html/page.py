"""One self-contained page: Jinja2 templates with autoescaping, CSS and script inline.

Every value a template prints goes through ``safe.printable`` first (the environment's
``finalize``), then through Jinja2's HTML escaping: a certificate subject can neither open
a tag nor reorder the text around it with bidi controls. The Content-Security-Policy
allows exactly our one ``<style>`` and one ``<script>`` (by SHA-256) and nothing else: no
other script, no inline handler, no fetch, no image except ``data:``.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from importlib import metadata, resources
from typing import Any

import jinja2
from markupsafe import Markup

from ...safe import printable

# A field longer than this is cut (with "…"): a page stays readable whatever a server sends.
MAX_FIELD = 20_000


def _href(value: Any) -> str:
    """A link target we built ourselves: a path on this server ("/..."), a query ("?...")
    or an anchor ("#..."); anything else (a scheme such as ``javascript:``, ``//host``)
    becomes "#". Callers percent-encode untrusted parts (urllib.parse.quote)."""
    text = str(value or "")
    if text[:1] in ("?", "#") or (text[:1] == "/" and text[1:2] not in ("/", "\\")):
        return text if text.isascii() and text.isprintable() else "#"
    return "#"


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup):  # our own CSS, script and nothing else
        return value
    if value is None:
        return ""
    if isinstance(value, str):
        return printable(value, limit=MAX_FIELD)
    return value


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("tlsdoctor.report.html", "templates"),
        autoescape=True, finalize=_finalize, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
    env.filters["href"] = _href
    return env


@functools.cache
def asset(name: str) -> str:
    """A static file of this package (style.css, page.js), checked to stay in its element."""
    text = resources.files("tlsdoctor.report.html").joinpath("templates", name).read_text("utf-8")
    if "</" in text:  # "</style>" or "</script>" inside would end the element early
        raise ValueError(f"{name} must not contain '</'")
    return text


def sha256_source(text: str) -> str:
    """A CSP hash source for an inline element whose content is exactly ``text``."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(css: str, script: str, *, form_action: str = "'none'") -> str:
    # default-src 'none' also covers fonts, frames, media, connect (fetch/XHR) and
    # workers; form-action and base-uri do not fall back to it, so they are named.
    # A file has no form; the dashboard's filter form submits to its own server ('self').
    return ("default-src 'none'; "
            f"style-src {sha256_source(css)}; script-src {sha256_source(script)}; "
            f"img-src data:; base-uri 'none'; form-action {form_action}")


def http_policy(*, form_action: str = "'self'") -> str:
    """The policy as an HTTP header for a served page: the page's own, plus what only a
    header can say (frame-ancestors: no other site may frame the dashboard)."""
    css, script = asset("style.css"), asset("page.js")
    return (content_security_policy(css, script, form_action=form_action)
            + "; frame-ancestors 'none'")


def tool_version() -> str:
    try:
        return metadata.version("tlsdoctor")
    except metadata.PackageNotFoundError:
        return "unknown"


def render_page(template: str, *, form_action: str = "'none'", **context: Any) -> str:
    """Render ``template`` (a page extending base.html.j2) to one HTML document.
    ``form_action``: the CSP source forms may submit to (a served page: "'self'")."""
    css, script = asset("style.css"), asset("page.js")
    return environment().get_template(template).render(
        css=Markup(css), script=Markup(script),
        csp=content_security_policy(css, script, form_action=form_action),
        version=tool_version(), **context)
