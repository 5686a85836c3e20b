"""``plan`` and ``report`` as PDF and DOCX: format choice, standard output, one-line errors."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import typer
from tests.conftest import Invoke

from strategy_kit.present.extras import MissingExtra, require


@pytest.fixture
def needs_pdf() -> None:
    try:
        require("weasyprint", "PDF output")
    except MissingExtra as exc:
        pytest.skip(str(exc))


@pytest.mark.parametrize(
    ("module", "extra", "args"),
    [
        ("weasyprint", "pdf", ["plan", "-f", "pdf"]),
        ("weasyprint", "pdf", ["report", "-f", "pdf"]),
        ("pikepdf", "pdf", ["plan", "-f", "pdf"]),
        ("pikepdf", "pdf", ["report", "-f", "pdf"]),
        ("docx", "docx", ["plan", "-f", "docx"]),
        ("docx", "docx", ["report", "-f", "docx"]),
    ],
)
def test_missing_extra_is_a_one_line_hint(
    cli: Invoke,
    telgte: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    module: str,
    extra: str,
    args: list[str],
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # what an import of a missing package does
    out = tmp_path / "out.bin"
    result = cli(args[0], telgte, *args[1:], "-o", out)
    assert result.exit_code == 2
    assert result.stderr == (
        f"strategy-kit: error: {extra.upper()} output needs {module}; "
        f"install it with pip install 'strategy-kit[{extra}]'\n"
    )
    assert not out.exists()


def test_missing_pango_names_the_system_packages(
    cli: Invoke, telgte: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def import_module(name: str) -> None:
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr("strategy_kit.present.extras.importlib", SimpleNamespace(import_module=import_module))
    result = cli("report", telgte, "-o", tmp_path / "bericht.pdf")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "apt-get install libpango-1.0-0 libpangoft2-1.0-0" in result.stderr


@pytest.mark.slow
@pytest.mark.usefixtures("needs_pdf")
def test_binary_formats_go_to_standard_output_when_piped(cli: Invoke, telgte: Path) -> None:
    pdf = cli("plan", telgte, "-f", "pdf")
    assert pdf.exit_code == 0 and pdf.stdout_bytes.startswith(b"%PDF-")
    docx = cli("report", telgte, "-f", "docx")
    assert docx.exit_code == 0 and docx.stdout_bytes.startswith(b"PK\x03\x04")


def test_binary_formats_are_not_printed_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from strategy_kit.cli.output import binary_output

    monkeypatch.setattr(sys, "stdout", SimpleNamespace(isatty=lambda: True))
    with pytest.raises(typer.Exit) as stopped:
        binary_output(None, "PDF")
    assert stopped.value.exit_code == 2
    binary_output(Path("agenda.pdf"), "PDF")  # a file is fine


@pytest.mark.slow
@pytest.mark.usefixtures("needs_pdf")
def test_a_template_that_points_to_the_web_is_refused(
    cli: Invoke, telgte: Path, tmp_path: Path
) -> None:
    from strategy_kit.present.render import builtin_templates

    mine = tmp_path / "templates"
    mine.mkdir()
    page = (builtin_templates() / "agenda.html.j2").read_text(encoding="utf-8")
    tracker = "https://tracker.example/pixel.png"
    (mine / "agenda.html.j2").write_text(
        page.replace("<body>", f'<body><img src="{tracker}" alt="">'), encoding="utf-8"
    )
    out = tmp_path / "agenda.pdf"
    result = cli("plan", telgte, "--templates", mine, "-o", out)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"strategy-kit: error: {tracker}: not fetched;")
    assert result.stderr.count("\n") == 1
    assert not out.exists()


def test_help_names_the_formats_and_the_word_template(cli: Invoke) -> None:
    for command in ("plan", "report"):
        text = " ".join(cli(command, "--help").stdout.split())
        assert "pdf or docx" in text and "--docx-template" in text
