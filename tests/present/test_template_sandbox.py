"""A user's template directory is trusted to format, not with files, Python or the machine.

Each known escape from Jinja2 is tried in a user's ``agenda.html.j2`` and
``report/report.html.j2``: each must end as a clean one-line template error
(exit 2) or render inert, never read a file, reach Python's internals, or
crash with a traceback.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.conftest import EXAMPLES, Invoke

ESCAPES = {
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "cycler-globals": "{{ cycler.__init__.__globals__ }}",
    "joiner-globals": "{{ joiner.__init__.__globals__.os }}",
    "template-context": "{{ self._TemplateReference__context }}",
    "lipsum-globals": "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "request": "{{ request.application.__globals__ }}",
    "config": "{{ config.items() }}",
    "include-absolute": "{% include '/etc/passwd' %}",
    "include-parent": "{% include '../../../../../../etc/passwd' %}",
    "extends-parent": "{% extends '../x' %}",
    "import-module": "{% import 'os' as os %}{{ os.system('id') }}",
    "from-import": "{% from 'subprocess' import run %}",
    "huge-range": "{{ range(10**9)|list }}",
    "huge-repeat": "{{ 'x' * 10**9 }}",
    "huge-list-repeat": "{{ [1, 2] * 10**8 }}",
    "huge-power": "{{ 2 ** 100000000 }}",
    "format-attribute": "{{ '{0.__class__.__mro__}'.format(workshop) }}",
    "format-map": "{{ '{0.__init__.__globals__}'.format_map({'0': cycler}) }}",
    "attr-filter": "{{ workshop|attr('__class__') }}",
    "attr-dunder-dict": "{{ workshop|attr('__dict__') }}",
    "getattr-mro": "{{ (workshop|attr('__class__')).mro() }}",
    "namespace-class": "{{ namespace.__init__.__globals__ }}",
    "dict-builtins": "{{ dict.__base__.__subclasses__() }}",
    "division-by-zero": "{{ 1 / 0 }}",
    "str-mod-attack": "{{ '%(a)s' % workshop }}",
}
#: Text that only a successful escape would print.
LEAKS = ("root:", "<class", "<module", "<function", "__builtins__", "subprocess", "uid=", "popen")

TEMPLATES = {"plan": "agenda.html.j2", "report": "report/report.html.j2"}


@pytest.mark.parametrize("command", sorted(TEMPLATES))
@pytest.mark.parametrize("name", sorted(ESCAPES))
def test_a_template_escape_is_a_clean_error_or_inert(
    cli: Invoke, tmp_path: Path, command: str, name: str
) -> None:
    directory = tmp_path / "templates"
    template = directory / TEMPLATES[command]
    template.parent.mkdir(parents=True)
    template.write_text(f"<p>{ESCAPES[name]}</p>\n", encoding="utf-8")
    result = cli(command, EXAMPLES / "telgte.yaml", "-f", "html", "--templates", directory)
    assert result.exit_code in (0, 2), result.output
    for leak in LEAKS:
        assert leak not in result.stdout, (leak, result.stdout[:500])
    if result.exit_code == 2:
        errors = [line for line in result.output.splitlines() if "error" in line]
        assert len(errors) == 1 and errors[0].startswith("strategy-kit: error: template"), result.output
    else:
        assert len(result.stdout) < 10_000, "a template built a huge output"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_link_in_the_template_directory_cannot_read_outside(cli: Invoke, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("GEHEIM-4711", encoding="utf-8")
    directory = tmp_path / "templates"
    directory.mkdir()
    (directory / "leak.j2").symlink_to(secret)
    (directory / "agenda.html.j2").write_text("{% include 'leak.j2' %}", encoding="utf-8")
    result = cli("plan", EXAMPLES / "telgte.yaml", "-f", "html", "--templates", directory)
    assert result.exit_code == 2
    assert "GEHEIM" not in result.output
    assert "outside the template directory" in result.output
    # A whole directory linked in is the same escape.
    (directory / "report").symlink_to(tmp_path, target_is_directory=True)
    (directory / "agenda.html.j2").write_text("{% include 'report/secret.txt' %}", encoding="utf-8")
    result = cli("plan", EXAMPLES / "telgte.yaml", "-f", "html", "--templates", directory)
    assert result.exit_code == 2 and "GEHEIM" not in result.output


def test_a_link_inside_the_template_directory_still_works(cli: Invoke, tmp_path: Path) -> None:
    """Only leaving the directory is refused: a consultancy may link one template to another."""
    directory = tmp_path / "templates"
    directory.mkdir()
    (directory / "real.j2").write_text("<p>{{ workshop.title }}</p>", encoding="utf-8")
    (directory / "agenda.html.j2").symlink_to(directory / "real.j2")
    result = cli("plan", EXAMPLES / "telgte.yaml", "-f", "html", "--templates", directory)
    assert result.exit_code == 0, result.output
    assert "<p>Auftaktworkshop" in result.stdout


def test_user_templates_cannot_switch_off_html_escaping_by_accident(cli: Invoke, tmp_path: Path) -> None:
    """Autoescape holds in a user's template; only an explicit ``|safe`` (the author's choice) lifts it."""
    source = (EXAMPLES / "telgte.yaml").read_text(encoding="utf-8")
    workshop = tmp_path / "ws.yaml"
    workshop.write_text(
        source.replace("  title: Auftaktworkshop", '  title: "<script>alert(1)</script> Auftaktworkshop', 1)
        .replace("Strategie\n  kind", 'Strategie"\n  kind', 1),
        encoding="utf-8",
    )
    directory = tmp_path / "templates"
    directory.mkdir()
    (directory / "agenda.html.j2").write_text("<h1>{{ workshop.title }}</h1>", encoding="utf-8")
    result = cli("plan", workshop, "-f", "html", "--templates", directory)
    assert result.exit_code == 0, result.output
    assert "<script>" not in result.stdout and "&lt;script&gt;" in result.stdout
