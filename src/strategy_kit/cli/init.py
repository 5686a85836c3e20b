"""``strategy-kit init``: a new workshop file, asked for interactively or from options."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def init(
    directory: Annotated[
        Path, typer.Argument(metavar="DIR", help="Where to create the workshop file (created if missing).")
    ] = Path(),
    template: Annotated[
        str, typer.Option("--template", "-t", help="kick-off, design-sprint or follow-up.")
    ] = "kick-off",
    municipality: Annotated[
        str | None, typer.Option("--municipality", help="Official name, e.g. 'Stadt Telgte'.")
    ] = None,
    state: Annotated[
        str | None, typer.Option("--state", help="Federal state: name or code (NW, BY, ...).")
    ] = None,
    date: Annotated[
        list[str] | None,
        typer.Option("--date", help="Workshop day, YYYY-MM-DD (repeatable; more days follow)."),
    ] = None,
    department: Annotated[
        list[str] | None, typer.Option("--department", help="A department's name (repeatable).")
    ] = None,
    organiser: Annotated[
        str | None, typer.Option("--organiser", help="The consultancy or unit running it.")
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="Workshop title.")] = None,
    venue: Annotated[str | None, typer.Option("--venue", help="Where it takes place.")] = None,
    file_name: Annotated[
        str, typer.Option("--file-name", help="Name of the new file.")
    ] = "workshop.yaml",
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Never ask; fail when a value is missing (scripts).")
    ] = False,
) -> None:
    """Create a workshop file from a template; never overwrites an existing file.

    Asks for the municipality, its federal state, the dates and the
    departments unless they are given as options. Also writes
    workshop.schema.json beside it (if absent) for editor completion.
    """
    from strategy_kit.change.init import (
        TEMPLATES,
        InitOptions,
        init_workshop,
        parse_state,
        target_path,
    )
    from strategy_kit.cli.output import console, day_option, fail, print_diagnostics
    from strategy_kit.document.diagnostics import DiagnosticError
    from strategy_kit.document.periods import parse_date

    if template not in TEMPLATES:
        fail(f"unknown template {template!r}; one of {', '.join(TEMPLATES)}")
        raise typer.Exit(2)
    try:
        target = target_path(directory, file_name)
    except ValueError as exc:
        fail(str(exc))
        raise typer.Exit(2) from None
    if target.exists():
        fail(f"{target}: exists already; init never overwrites a file")
        raise typer.Exit(2)

    def ask(label: str, value: str | None, option: str, default: str | None = None) -> str:
        if value:
            return value
        if no_input:
            if default is not None:
                return default
            fail(f"{option} is required with --no-input")
            raise typer.Exit(2)
        answer: str = typer.prompt(label, default=default)
        return answer.strip()

    name = ask("Kommune (amtlicher Name, z. B. Stadt Telgte)", municipality, "--municipality")
    while True:
        land = ask("Bundesland (Name oder Kürzel, z. B. NW)", state, "--state")
        try:
            parse_state(land)
            break
        except ValueError as exc:
            if state or no_input:
                fail(str(exc))
                raise typer.Exit(2) from None
            typer.echo(f"Unbekanntes Bundesland: {land}", err=True)
    raw_dates = list(date or [])
    while True:
        if not raw_dates:
            raw_dates = ask("Erster Workshoptag (JJJJ-MM-TT)", None, "--date").split()
        try:
            dates = [day_option(d, "--date") if date or no_input else parse_date(d) for d in raw_dates]
            break
        except ValueError:
            typer.echo("Bitte als JJJJ-MM-TT eingeben, z. B. 2026-03-05.", err=True)
            raw_dates = []
    departments = list(department or [])
    if not departments and not no_input:
        answer = typer.prompt("Fachbereiche (durch Komma getrennt, leer für keine)", default="")
        departments = [part.strip() for part in answer.split(",") if part.strip()]
    if not organiser and not no_input:
        organiser = typer.prompt("Veranstalter", default=name).strip()

    options = InitOptions(
        municipality=name,
        state=land,
        dates=dates,
        departments=departments,
        template=template,
        organiser=organiser,
        title=title,
        venue=venue,
    )
    try:
        written = init_workshop(directory, options, file_name)
    except DiagnosticError as exc:
        print_diagnostics(exc.diagnostics, stderr=True)
        raise typer.Exit(int(exc.exit_code)) from None
    except ValueError as exc:
        fail(str(exc))
        raise typer.Exit(2) from None
    out = console()
    for path in written:
        out.print(f"wrote {path}", markup=False)
    out.print(f"next: strategy-kit check {written[0]}", markup=False)
