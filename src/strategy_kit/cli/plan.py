"""``strategy-kit plan``: compute the timetable, warn like a facilitator, export the agenda."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from strategy_kit.cli.output import (
    DocxTemplateOption,
    ForceOption,
    LangOption,
    OutputOption,
    PublicOption,
    TemplatesOption,
)

if TYPE_CHECKING:
    from strategy_kit.compute.timing import Plan
    from strategy_kit.present.agenda import Options


class PlanFormat(StrEnum):
    """Output formats of ``plan``."""

    TEXT = "text"
    MD = "md"
    HTML = "html"
    ICS = "ics"
    JSON = "json"
    PDF = "pdf"
    DOCX = "docx"


class IcsMode(StrEnum):
    """One calendar event per session, or one per workshop day."""

    PER_SESSION = "per-session"
    PER_DAY = "per-day"



def _minutes(value: str, option: str) -> int:
    from strategy_kit.cli.output import fail
    from strategy_kit.document.durations import parse_duration

    try:
        return parse_duration(value)
    except ValueError as exc:
        fail(f"{option}: {exc}")
        raise typer.Exit(2) from None


def plan(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The workshop file.", show_default=False)],
    format: Annotated[
        PlanFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text (a table per day), md, html, ics, json, pdf or docx; "
            "default: from -o's suffix, else text.",
        ),
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    lang: LangOption = None,
    public: PublicOption = None,
    templates: TemplatesOption = None,
    docx_template: DocxTemplateOption = None,
    ics: Annotated[
        IcsMode, typer.Option("--ics", help="With --format ics: one event per session or per day.")
    ] = IcsMode.PER_SESSION,
    max_stretch: Annotated[
        str,
        typer.Option(
            "--max-stretch", metavar="<duration>", help="Warn after this long without a break."
        ),
    ] = "2h",
    max_session: Annotated[
        str,
        typer.Option(
            "--max-session", metavar="<duration>", help="Warn about sessions longer than this."
        ),
    ] = "1h30m",
    handout: Annotated[
        bool,
        typer.Option(
            "--handout",
            help="The participants' edition: the programme's times and sessions, without "
            "overrun notes, buffer, totals, absent leads and internal sessions. Not with -f json.",
        ),
    ] = False,
    projector: Annotated[
        bool,
        typer.Option(
            "--projector",
            help="With -f html: one day per screen (1920x1080), large times, full width; "
            "shows what --handout shows.",
        ),
    ] = False,
    now: Annotated[
        str | None,
        typer.Option(
            "--now",
            metavar="HH:MM|YYYY-MM-DDTHH:MM",
            help="With --projector: mark the session running then. A time alone means "
            "today if the workshop has that day, else its first day.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Plan the agenda: start and end of every session, totals, warnings, exports.

    Exit status 0 when the timetable works, 1 when it is impossible (or has
    warnings under --strict), 2 when a file cannot be read or written.
    """
    limits_stretch = _minutes(max_stretch, "--max-stretch")
    limits_session = _minutes(max_session, "--max-session")

    from strategy_kit.cli.output import (
        binary_output,
        fail,
        format_for,
        load_or_exit,
        print_diagnostics,
        write_output,
    )
    from strategy_kit.compute.timing import Limits
    from strategy_kit.compute.timing import plan as compute
    from strategy_kit.document.diagnostics import exit_status
    from strategy_kit.document.options import resolve_lang, resolve_public
    from strategy_kit.present.agenda import Options, print_rich, render_text

    format = format_for(format, output, PlanFormat, PlanFormat.TEXT)
    _check_edition(format, handout=handout, projector=projector, now=now)
    if format in (PlanFormat.PDF, PlanFormat.DOCX):
        binary_output(output, format.value.upper())

    loaded = load_or_exit(file, strict=strict)
    document = loaded.document
    timetable = compute(
        document,
        data=loaded.data,
        name=loaded.name,
        limits=Limits(max_stretch=limits_stretch, max_session=limits_session),
    )
    moment = None
    if now is not None:
        from strategy_kit.present.agenda import moment as resolve_moment

        try:
            moment = resolve_moment(timetable, now)
        except ValueError as exc:
            fail(f"--now: {exc}")
            raise typer.Exit(2) from None
    options = Options(
        lang=resolve_lang(document, lang.value if lang else None),
        # The handout and the projector reach every participant: public unless --internal.
        public=resolve_public(document, public, published=handout or projector),
        ics_mode=ics.value,
        handout=handout,
        projector=projector,
        now=moment,
    )
    status = exit_status(timetable.diagnostics, strict)
    has_errors = exit_status(timetable.diagnostics) != 0

    if has_errors:
        # No format shows a timetable that cannot happen: rows like 02:30–02:00 mislead.
        print_diagnostics(timetable.diagnostics, stderr=True)
        fail("the timetable is impossible as written; nothing was exported")
        raise typer.Exit(int(status))
    if format is PlanFormat.TEXT and output is None:
        if _plain_terminal():
            typer.echo(render_text(timetable, options), nl=False)
        else:
            print_rich(timetable, options)
        print_diagnostics(timetable.diagnostics, stderr=True)
        raise typer.Exit(int(status))

    print_diagnostics(timetable.diagnostics, stderr=True)
    content: str | bytes
    try:
        content = _render(timetable, options, format, templates, docx_template)
    except Exception as exc:
        import jinja2

        from strategy_kit.present.extras import MissingExtra
        from strategy_kit.present.pdf import PdfError
        from strategy_kit.present.word import DocxTemplateError

        if isinstance(exc, MissingExtra | PdfError | DocxTemplateError):
            fail(str(exc))
            raise typer.Exit(2) from None

        if not isinstance(exc, jinja2.TemplateError):
            raise
        where = (
            f"{exc.filename}:{exc.lineno}: " if isinstance(exc, jinja2.TemplateSyntaxError) else ""
        )
        fail(f"template: {where}{exc.message or type(exc).__name__}")
        raise typer.Exit(2) from None
    write_output(content, output, force=force)
    raise typer.Exit(int(status))


def _check_edition(format: PlanFormat, *, handout: bool, projector: bool, now: str | None) -> None:
    """Refuse combinations that have no meaning, before the file is read (exit 2)."""
    from strategy_kit.cli.output import fail

    problem = ""
    if projector and format is not PlanFormat.HTML:
        problem = f"--projector: only with -f html, not with -f {format.value}"
    elif now is not None and not projector:
        problem = "--now: only with --projector (-f html --projector)"
    elif handout and format is PlanFormat.JSON:
        problem = "--handout: not with -f json (the JSON is the whole timetable for other tools)"
    elif now is not None:
        from strategy_kit.present.agenda import now_parts

        try:
            now_parts(now)  # its form; whether the workshop has that day is known once it is read
        except ValueError as exc:
            problem = f"--now: {exc}"
    if problem:
        fail(problem)
        raise typer.Exit(2)


def _plain_terminal() -> bool:
    """Plain columns when stdout is not a terminal or the user asked for no colour."""
    import os
    import sys

    return (
        not sys.stdout.isatty()
        or bool(os.environ.get("NO_COLOR"))
        or os.environ.get("TERM") == "dumb"
    )


def _render(
    timetable: Plan,
    options: Options,
    format: PlanFormat,
    templates: Path | None,
    docx_template: Path | None,
) -> str | bytes:
    from strategy_kit.present.agenda import (
        render_html,
        render_ics,
        render_json,
        render_markdown,
        render_text,
    )

    if format is PlanFormat.MD:
        return render_markdown(timetable, options, templates)
    if format is PlanFormat.HTML:
        return render_html(timetable, options, templates)
    if format is PlanFormat.ICS:
        return render_ics(timetable, options)
    if format is PlanFormat.JSON:
        return render_json(timetable, options)
    if format is PlanFormat.PDF:
        from strategy_kit.present.pdf import agenda_pdf

        return agenda_pdf(timetable, options, templates)
    if format is PlanFormat.DOCX:
        from strategy_kit.present.word import agenda_docx

        return agenda_docx(timetable, options, docx_template)
    return render_text(timetable, options)
