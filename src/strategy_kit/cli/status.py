"""``strategy-kit status``: the roll-up of a strategy repository, or one project's move.

Two jobs share the name because both answer "where do our projects stand":
``status [DIR]`` reports, ``status FILE PROJECT STATUS`` records a decision.
The number of arguments tells them apart.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from strategy_kit.cli.editing import run_edit, usage
from strategy_kit.cli.output import Lang, TemplatesOption

if TYPE_CHECKING:
    from strategy_kit.check.repository import Repository
    from strategy_kit.compute.rollup import Rollup
    from strategy_kit.present.theme import Theme


class StatusFormat(StrEnum):
    """How the roll-up is printed."""

    TABLE = "table"
    MD = "md"
    HTML = "html"
    JSON = "json"
    PDF = "pdf"
    DOCX = "docx"


def status(
    target: Annotated[
        Path,
        typer.Argument(
            metavar="DIR|FILE",
            help="The strategy repository to roll up (default: here), or the workshop file of a move.",
            show_default=False,
        ),
    ] = Path(),
    project: Annotated[
        str | None, typer.Argument(metavar="PROJECT", help="Move: the project id.", show_default=False)
    ] = None,
    new_status: Annotated[
        str | None,
        typer.Argument(metavar="STATUS", help="Move: the new status.", show_default=False),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", help="Roll-up: also list what changed since a date (2019-06-01) or git revision."),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option("--today", help="Roll-up: the date next steps are overdue against (default: today)."),
    ] = None,
    municipality: Annotated[
        str | None,
        typer.Option(
            "--municipality",
            metavar="NAME|AGS",
            help="Roll-up: only the files of this municipality (its name or AGS), for a folder of several.",
        ),
    ] = None,
    format: Annotated[
        StatusFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Roll-up: table (terminal), md, html, json, pdf or docx; "
            "default: from -o's suffix, else table.",
        ),
    ] = None,
    lang: Annotated[
        Lang | None, typer.Option("--lang", help="Roll-up: language of the output [default: de].")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Roll-up: write to this file instead of standard output."),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Roll-up: overwrite the output file. Move: allow a move the lifecycle does not (corrections).",
        ),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Move: print the change as a unified diff; write nothing.")
    ] = False,
    templates: TemplatesOption = None,
    internal: Annotated[
        bool,
        typer.Option(
            "--internal/--public",
            help="Roll-up: internal edition with projects, steps, indicators and milestones marked "
            "internal, and marked so on every page [default: public, nothing internal].",
        ),
    ] = False,
) -> None:
    """Where projects stand: roll up a strategy repository, or move one project.

    strategy-kit status [DIR]: the municipality and its strategy, projects per
    status and field of action, progress (0-100, sub-projects weighted), each
    project's traffic light (on track, at risk, late) and why, overdue next steps,
    changes --since; for the terminal or as md, html, json, pdf or docx. The
    files must be of one municipality (--municipality picks one) and define
    each project once.

    strategy-kit status FILE PROJECT STATUS: move a project along its lifecycle
    (idea, candidate, prioritised, planned, in-progress, done, dropped); refused
    moves name the allowed ones.
    """
    from strategy_kit.cli.output import fail

    if project is None and new_status is None:
        if dry_run:
            fail("--dry-run belongs to a move: status FILE PROJECT STATUS")
            raise typer.Exit(2)
        from strategy_kit.cli.output import format_for

        rollup_status(
            target,
            since=since,
            today=today,
            municipality=municipality,
            format=format_for(format, output, StatusFormat, StatusFormat.TABLE),
            lang=lang or Lang.DE,
            output=output,
            force=force,
            templates=templates,
            internal=internal,
        )
        return
    if project is None or new_status is None:
        fail("a move needs the file, the project and the new status: status FILE PROJECT STATUS")
        raise typer.Exit(2)
    roll_up_only = {
        "--since": since,
        "--today": today,
        "--municipality": municipality,
        "--lang": lang,
        "--output": output,
        "--format": format,
        "--templates": templates,
        "--internal": True if internal else None,
    }
    used = [name for name, value in roll_up_only.items() if value is not None]
    if used:
        fail(f"{', '.join(used)} only apply to the roll-up (status [DIR]), not to a move")
        raise typer.Exit(2)
    move_status(target, project, new_status, force=force, dry_run=dry_run)


# -- a move ------------------------------------------------------------------------------


def move_status(
    file: Path, project: str, new_status: str, *, force: bool = False, dry_run: bool = False
) -> None:
    """Move a project through its lifecycle; refused moves say which are allowed.

    idea -> candidate -> prioritised -> planned -> in-progress -> done, with
    steps back (a rejected candidate returns to the idea pool) and dropped
    from any open status.
    """
    from strategy_kit.change.edit import set_status
    from strategy_kit.document.diagnostics import suggest
    from strategy_kit.document.model import STATUS_ALIASES, Status, resolve_alias

    # ``erledigt`` or ``Erledigt`` is written as ``done``.
    with contextlib.suppress(ValueError):
        new_status = resolve_alias(new_status, Status, STATUS_ALIASES)
    values = [v.value for v in Status]
    if new_status not in values:  # a bad argument, refused before the file is read
        words = [*values, *STATUS_ALIASES]
        hint = suggest(new_status, words) or f"; statuses are {', '.join(values)}"
        raise usage(f"STATUS {new_status!r} is no status{hint}")
    run_edit(
        lambda: set_status(file, project, new_status, force=force, dry_run=dry_run), dry_run=dry_run
    )


# -- the roll-up -------------------------------------------------------------------------


def since_date(since: str, directory: Path) -> dt.date | None:
    """The day ``--since`` names, or ``None`` for a git revision; checked before anything is read.

    Text shaped like a date that is none (``2019-13-01``, ``01.04.2019``) is a
    usage error whether or not ``directory`` is in git, unless git knows a
    revision by that name (a tag ``24.04.1``).
    """
    from strategy_kit.cli.output import bad_date
    from strategy_kit.document.periods import date_written
    from strategy_kit.files.gitio import GitError, verify

    try:
        return date_written(since)
    except ValueError as exc:
        try:
            verify(since, directory)
        except GitError:
            raise bad_date(since, "--since", exc) from None
        return None


def _baseline(since: str, when: dt.date | None, directory: Path, municipality: str | None) -> Repository:
    """The state at ``since``, a day ``when`` or else a revision, of the same municipality when one is picked."""
    from strategy_kit.check.repository import MunicipalityChoice, Repository, load_revision, pick
    from strategy_kit.cli.output import fail
    from strategy_kit.document.diagnostics import DiagnosticError
    from strategy_kit.files.gitio import GitError, revision_at, verify

    try:
        if when is not None:
            rev = revision_at(when, directory)
        else:
            verify(since, directory)
            rev = since
        results = load_revision(rev, [directory]) if rev else []
    except GitError as exc:
        fail(f"--since {since}: {exc}")
        raise typer.Exit(2) from None
    if municipality is not None:
        try:
            results = pick(results, municipality)
        except (MunicipalityChoice, DiagnosticError):
            # None of its files existed then, or the older files did not tell it apart:
            # the present state, which was picked, is what is reported.
            results = []
    return Repository.from_results(results)


def rollup_status(
    directory: Path,
    *,
    since: str | None = None,
    today: str | None = None,
    municipality: str | None = None,
    format: StatusFormat = StatusFormat.TABLE,
    lang: Lang = Lang.DE,
    output: Path | None = None,
    force: bool = False,
    templates: Path | None = None,
    internal: bool = False,
) -> None:
    """Roll up all workshops of a strategy repository: projects per status and field of
    action, progress (0-100, sub-projects weighted), traffic lights, overdue next steps,
    changes since.

    The files must be of one municipality (``--municipality`` picks one) and
    define each project once (see ``check.repository.rollup_problems``).
    Exit status 0, 1 when a file is invalid or the files cannot be rolled up
    into one, 2 when the directory or revision cannot be read, holds no YAML
    file, or ``--municipality`` names no municipality of its files or several.
    """
    from strategy_kit.cli.output import binary_output, day_option, fail, repository_or_exit
    from strategy_kit.compute.rollup import rollup

    if format in (StatusFormat.PDF, StatusFormat.DOCX):
        binary_output(output, format.value.upper())
    if not directory.is_dir():
        fail(f"{directory}: not a directory")
        raise typer.Exit(2)
    day = day_option(today, "--today") if today else dt.date.today()
    when = since_date(since, directory) if since is not None else None
    repo = repository_or_exit(directory, municipality)
    # The public edition is the default: a status page goes to the council and the website.
    repo = repo if internal else repo.public()
    result = rollup(repo, day)
    result.internal = internal
    if since is not None:
        from strategy_kit.compute.semdiff import diff, names

        baseline = _baseline(since, when, directory, municipality)
        baseline = baseline if internal else baseline.public()
        result.since = since
        result.changes = diff(baseline, repo)
        result.names = names(baseline, repo)
    if format is StatusFormat.TABLE and output is None:
        print_table(result, lang.value)
        return
    write_rollup(result, format, lang, output, force=force, templates=templates, theme=_theme(repo))


def _theme(repo: Repository) -> Theme:
    """The look a workshop file's ``report.style`` sets (the last file by name that sets one)."""
    from strategy_kit.present.theme import theme_for

    styles = [
        doc.report.style
        for _, doc in sorted(repo.workshops.items())
        if doc.report is not None and doc.report.style is not None
    ]
    return theme_for(styles[-1] if styles else None)


def write_rollup(
    result: Rollup,
    format: StatusFormat,
    lang: Lang,
    output: Path | None,
    *,
    force: bool,
    templates: Path | None,
    theme: Theme,
) -> None:
    """Render the roll-up in ``format`` and write it; a template or a missing library exits 2."""
    from strategy_kit.cli.output import rendered, write_output
    from strategy_kit.present.extras import MissingExtra
    from strategy_kit.present.pdf import PdfError

    def render() -> str | bytes:
        from strategy_kit.document.characters import json_text
        from strategy_kit.present.rollup import to_dict, to_html, to_markdown, to_pdf

        if format is StatusFormat.JSON:
            return json_text(to_dict(result, lang.value)) + "\n"
        if format is StatusFormat.MD:
            return to_markdown(result, lang.value, templates)
        if format is StatusFormat.HTML:
            return to_html(result, lang.value, templates, theme)
        if format is StatusFormat.PDF:
            return to_pdf(result, lang.value, templates, theme)
        if format is StatusFormat.DOCX:
            from strategy_kit.present.word import status_docx

            return status_docx(result, lang.value)
        return table_text(result, lang.value)

    write_output(rendered(render, MissingExtra, PdfError), output, force=force)


def _tables(result: Rollup, lang: str) -> list[object]:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from strategy_kit.present.rollup import context
    from strategy_kit.present.text import one_line

    def cell(value: str) -> Text:
        """A value from the YAML: never rich markup ('[/]' would crash), one line, no escapes."""
        return Text(one_line(value))

    def wrapped(value: str) -> Table:
        """A note folded at the terminal's width (a plain string would run on: soft wrap)."""
        grid = Table.grid()
        grid.add_column()
        grid.add_row(cell(value))
        return grid

    ctx = context(result, lang)
    labels = ctx["L"]
    # The full status-by-field matrix has ten columns; a terminal gets it folded
    # into one breakdown column so it stays readable at 80 characters.
    fields = Table(title=labels("by_field"), title_justify="left", box=box.SIMPLE_HEAD)
    fields.add_column(labels("field"))
    fields.add_column(labels("projects"), justify="right", no_wrap=True)
    fields.add_column(labels("status"))
    fields.add_column(labels("counted"), justify="right", max_width=8)  # the header on two lines
    fields.add_column(labels("progress"), justify="right", no_wrap=True)
    breakdown = ctx["breakdown"]

    for row in ctx["rows"]:
        fields.add_row(
            cell(row["title"]), str(row["total"]), breakdown(row["counts"]), str(row["counted"]), row["progress"]
        )
    fields.add_section()
    total = breakdown(ctx["status_counts"])
    mark = "¹" if ctx["sum_notes"] else ""
    fields.add_row(
        labels("total") + mark, str(ctx["total"]), total, ctx["counted"], ctx["overall"], style="bold"
    )
    portfolio = Table(title=labels("portfolio"), title_justify="left", box=box.SIMPLE_HEAD)
    portfolio.add_column(labels("project"))
    portfolio.add_column(labels("status"))
    # The light's cause folds in its column, so titles keep their width.
    portfolio.add_column(ctx["T"]("title"), max_width=24)
    portfolio.add_column(labels("weight"), justify="right", max_width=7)
    portfolio.add_column(labels("progress"), justify="right")
    for p in result.projects:
        lamp = ctx["light"](p)
        shown = Text(f"{lamp['symbol']} {lamp['word']}".strip(), style=lamp["colour"], overflow="fold")
        if lamp["reason"]:  # why, in a few words; the overdue table below has the dates
            shown.append("\n" + one_line(lamp["reason"]))
        portfolio.add_row(
            cell(("↳ " if p.parent else "") + p.title),
            labels(p.status.value),
            shown,
            ctx["weight"](p),
            ctx["pct"](p.progress),
        )
    heading = f"{labels('title')} · {labels('as_of')} {ctx['today']}"
    whose = " · ".join(one_line(part) for part in (ctx["municipality"], ctx["strategy"] or "") if part)
    stamp: list[str] = [ctx["internal_mark"]] if ctx["internal_mark"] else []
    out: list[object] = [*stamp, *([whose] if whose else []), f"{heading} · {labels('overall')}: {ctx['overall']}", fields]
    if ctx["sum_notes"]:
        out.append(wrapped(f"¹ {' '.join(ctx['sum_notes'])}"))
    out.append(wrapped(ctx["overall_note"]))
    out += [portfolio, wrapped(f"{ctx['T']('summary')}: {ctx['lights_summary']}.")]
    out.append(f"{labels('workshops')}:")
    out.extend(f"  {ctx['date'](when)}: {one_line(title)}" for _, title, when in result.workshops)
    if result.overdue:
        overdue = Table(title=labels("overdue"), title_justify="left", box=box.SIMPLE_HEAD)
        overdue.add_column(labels("due"))
        for key in ("project", "action", "owner"):
            overdue.add_column(labels(key))
        overdue.add_column(labels("days_short"), justify="right", no_wrap=True)
        for o in result.overdue:
            overdue.add_row(ctx["date"](o.due), cell(o.title), cell(o.action), cell(o.owner), ctx["count"](o.days))
        out.append(overdue)
    else:
        out.append(labels("none_overdue"))
    if result.since is not None:
        out.append(f"{labels('changes')} {ctx['since']}:")
        lines = ctx["changes"] or [labels("no_changes")]
        out.extend(f"  {one_line(line)}" for line in lines)
    return out


def print_table(result: Rollup, lang: str) -> None:
    """Rich tables on the terminal (plain when piped; NO_COLOR honoured)."""
    from rich.markup import escape

    from strategy_kit.cli.output import console

    out = console()
    for part in _tables(result, lang):
        out.print(escape(part) if isinstance(part, str) else part)


def table_text(result: Rollup, lang: str) -> str:
    """The same tables as plain text, for ``--output``."""
    import io

    from rich.console import Console
    from rich.markup import escape

    out = Console(record=True, width=120, color_system=None, file=io.StringIO())
    for part in _tables(result, lang):
        out.print(escape(part) if isinstance(part, str) else part)
    return out.export_text()
