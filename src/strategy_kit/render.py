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


@cache
def builtin_templates() -> Path:
    """The shipped templates: inside the installed package, or the source tree's."""
    packaged = Path(str(resources.files("strategy_kit") / "templates"))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"


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
    text = " ".join(str(value).split())
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
            return super().get_source(environment, template)
        except UnicodeDecodeError as exc:
            raise jinja2.TemplateError(
                f"{self._where(template)}: byte 0x{exc.object[exc.start]:02x} is not UTF-8; "
                "save the template as UTF-8"
            ) from None
        except OSError as exc:
            raise jinja2.TemplateError(
                f"{self._where(template)}: cannot read: {exc.strerror or exc}"
            ) from None

    def _where(self, template: str) -> str:
        for directory in self.searchpath:
            candidate = Path(directory, *template.split("/"))
            if candidate.is_file():
                return str(candidate)
        return template


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
    env = SandboxedEnvironment(
        loader=_Loader(search),
        undefined=jinja2.StrictUndefined,
        autoescape=kind == "html",
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    env.filters["cell"] = md_cell
    return env


def render(template: str, context: dict[str, Any], *, kind: str, user_dir: Path | None = None) -> str:
    """Render one template by name with ``context``."""
    return environment(kind, user_dir).get_template(template).render(**context)


def safe_svg(svg: str) -> Markup:
    """Mark SVG built by strategy-kit's own chart code (which escapes its text) as safe."""
    return Markup(svg)
