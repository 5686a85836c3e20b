"""Jinja2 environments for rendered documents (agenda, report, roll-up).

Templates live in the top-level ``templates/`` directory and ship in the wheel
as ``strategy_kit/templates``. A user's directory (``--templates DIR``) is
searched first, so a consultancy overrides one file and keeps the rest. The
environment is sandboxed, refuses undefined variables loudly and escapes every
value in HTML; Markdown gets filters that keep table cells and inline text
harmless on GitHub and GitLab.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from strategy_kit.present.text import clean, one_line


@cache
def builtin_templates() -> Path:
    """The shipped templates: inside the installed package, or the source tree's."""
    packaged = Path(str(resources.files("strategy_kit") / "templates"))
    if packaged.is_dir():
        return packaged
    # src/strategy_kit/present/render.py -> the repository root.
    return Path(__file__).resolve().parents[3] / "templates"


#: The Content-Security-Policy of every HTML document (agenda, projector, report, status):
#: a published file loads and runs nothing from elsewhere. Its styles are inline (the
#: ``<style>`` element and an SVG chart's attributes), its pictures ``data:`` URLs; no
#: document has a script, so none may run; a ``<base>`` or a form could point elsewhere.
#: Templates write it as ``<meta http-equiv="Content-Security-Policy" content="{{ csp }}">``.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'"
)

#: Characters that mean something anywhere in a line of GitHub/GitLab Markdown.
_MD_INLINE = re.compile(r"([\\`*_\[\]|~])")
#: An ampersand that would start a character reference (``&lt;``); a lone one is text.
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")
#: What only means something at the start of a block: headings, quotes, lists, rules.
_MD_BLOCK_START = re.compile(
    r"^(?:[+-](?=\s|$)|[-=](?=[-=])|#{1,6}(?=\s|$)|>|\d{1,9}[.)](?=\s|$))"
)


def md_escape(value: object) -> str:
    """Inline Markdown text: no markup, no HTML, no line breaks that end a paragraph.

    Only what Markdown would read as markup is escaped, so the file stays
    readable as plain text in a git diff ("Co-Moderation", not "Co\\-Moderation").
    """
    text = one_line(str(value))  # the text policy: breaks are spaces, controls and bidi go
    text = _MD_ENTITY.sub("&amp;", text).replace("<", "&lt;")
    text = _MD_INLINE.sub(r"\\\1", text)
    # "1." becomes "1\." and "- x" becomes "\- x"; a date such as "31.05.2019" stays as it is.
    return _MD_BLOCK_START.sub(lambda m: m.group(0)[:-1] + "\\" + m.group(0)[-1], text)


def md_cell(value: object) -> str:
    """A Markdown table cell: escaped like inline text, empty cells stay visible."""
    text = md_escape(value)
    return text if text else " "


class _Loader(jinja2.FileSystemLoader):
    """A template that cannot be read is a template error naming the file, not a crash.

    A user's template directory may hold a file saved as Latin-1 or one without
    read permission; Jinja2 lets the UnicodeDecodeError or OSError through.
    """

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        try:
            source, filename, uptodate = super().get_source(environment, template)
        except UnicodeDecodeError as exc:
            raise jinja2.TemplateError(
                f"{self._where(template)}: byte 0x{exc.object[exc.start]:02x} is not UTF-8; "
                "save the template as UTF-8"
            ) from None
        except jinja2.TemplateNotFound as exc:
            # Still "not found", so ``{% include [first, fallback] %}`` tries the next name.
            raise jinja2.TemplateNotFound(
                template, f"{self._where(template)}: cannot read: {exc.strerror or exc}"
            ) from None
        except OSError as exc:
            raise jinja2.TemplateError(
                f"{self._where(template)}: cannot read: {exc.strerror or exc}"
            ) from None
        # Jinja refuses '..' in a name but follows symbolic links: a link in a
        # shared template directory must not read a file outside it.
        real = Path(filename).resolve()
        if not any(real.is_relative_to(Path(d).resolve()) for d in self.searchpath):
            raise jinja2.TemplateError(
                f"{filename}: leads outside the template directory (a symbolic link?); "
                "templates may only read files inside it"
            )
        return source, filename, uptodate

    def _where(self, template: str) -> str:
        for directory in self.searchpath:
            candidate = Path(directory, *template.split("/"))
            if candidate.is_file():
                return str(candidate)
        return template


#: The longest string or list a template may build with ``*`` (a page of text is 5 000).
MAX_REPEAT = 1_000_000


class _Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, plus limits on what a template can make the process compute.

    The sandbox already blocks Python internals and caps ``range``; here
    ``'x' * 10**9`` and ``10 ** 10**9`` are refused too, and a too-big
    ``range`` is a template error instead of an OverflowError.
    """

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        from jinja2.exceptions import SecurityError

        if operator == "**" and isinstance(right, int) and abs(right) > 1000 and not (
            isinstance(left, int) and abs(left) <= 1
        ):
            raise SecurityError(f"the power {right} is too large for a template")
        if operator == "*":
            for sequence, count in ((left, right), (right, left)):
                if (
                    isinstance(sequence, str | list | tuple)
                    and isinstance(count, int)
                    and len(sequence) * count > MAX_REPEAT
                ):
                    raise SecurityError(f"a template may repeat text to at most {MAX_REPEAT} items")
        return super().call_binop(context, operator, left, right)


def _finalize(value: Any) -> Any:
    """Every ``{{ value }}`` a template prints, after the text policy (:func:`~strategy_kit.present.text.clean`).

    Applied before autoescaping, so an HTML page never holds a control
    character (a parse error) or a bidi override, and a separator is a line end.
    Markup built by strategy-kit itself (the charts) has been cleaned where it was built.
    """
    if isinstance(value, str) and not isinstance(value, Markup):
        return clean(value)
    return value


def _range(*args: int) -> range:
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import safe_range

    try:
        return safe_range(*args)
    except OverflowError as exc:
        raise SecurityError(str(exc)) from None


@cache
def environment(kind: str, user_dir: Path | None = None) -> jinja2.Environment:
    """An environment for ``kind`` ('html', 'md' or 'text') with the user's directory first.

    Cached per kind and directory, so each template compiles once per process
    (Jinja still reloads a template whose file changed).

    HTML autoescapes everything; Markdown and text do not autoescape, and their
    templates use the ``md``/``cell`` filters on every value from the YAML.
    """
    search = [str(user_dir)] if user_dir is not None else []
    search.append(str(builtin_templates()))
    env = _Sandbox(
        loader=_Loader(search),
        undefined=jinja2.StrictUndefined,
        autoescape=kind == "html",
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
    )
    env.globals["range"] = _range
    # Our own constant: written as it reads (its quotes are not escaped to &#39;).
    env.globals["csp"] = Markup(CONTENT_SECURITY_POLICY)
    env.filters["md"] = md_escape
    env.filters["cell"] = md_cell
    return env


def render(template: str, context: dict[str, Any], *, kind: str, user_dir: Path | None = None) -> str:
    """Render one template by name with ``context``.

    In a user's templates, any exception while rendering (``{{ 1 / 0 }}``, a bad
    ``format``) is that template's error, reported as one, not a crash.
    """
    try:
        return environment(kind, user_dir).get_template(template).render(**context)
    except jinja2.TemplateError:
        raise
    except Exception as exc:
        if user_dir is None:
            raise
        raise jinja2.TemplateError(f"{type(exc).__name__}: {exc}") from None


def safe_svg(svg: str) -> Markup:
    """Mark SVG built by strategy-kit's own chart code (which escapes its text) as safe."""
    return Markup(svg)
