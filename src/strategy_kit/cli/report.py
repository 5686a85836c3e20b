"""``strategy-kit report``: the results report as HTML, Markdown, JSON, PDF or DOCX."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from strategy_kit.cli.output import (
    AllOption,
    DocxTemplateOption,
    ForceOption,
    LangOption,
    OutputOption,
    PublicOption,
    TemplatesOption,
)

if TYPE_CHECKING:
    from strategy_kit.compute.progress import Figures
    from strategy_kit.document.model import StrategyDocument, WorkshopDocument
    from strategy_kit.present.assets import Frame
    from strategy_kit.present.report import Format


class ReportFormat(StrEnum):
    """Output formats of the report."""

    HTML = "html"
    MD = "md"
    JSON = "json"
    PDF = "pdf"
    DOCX = "docx"


def report(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE|DIR",
            help="The workshop file; or a strategy file or repository directory for the implementation report.",
            show_default=False,
        ),
    ],
    format: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="html, md, json, pdf or docx; default: from -o's suffix, else html.",
        ),
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    lang: LangOption = None,
    public: PublicOption = None,
    templates: TemplatesOption = None,
    docx_template: DocxTemplateOption = None,
    everything: AllOption = False,
    start: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="DATE",
            help="Implementation report: the period's first day [default: twelve months before --to].",
        ),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="DATE",
            help="Implementation report: the period's last day, the day lights are set on [default: today].",
        ),
    ] = None,
) -> None:
    """Write the workshop's results report: cover, contents, a one-page summary,
    goal and the room's results, participants, starting situation, fields of
    action, the explained ranking of the projects up for decision, the roadmap of
    dated measures, a measure sheet per prioritised project, the next steps and
    the imprint. Chapters without content are left out; images are read beside FILE.

    Given a strategy file (kind: strategy) or a repository directory, write the
    implementation report for a period (--from, --to; default the twelve months
    up to today): summary, vision and goals, fields of action, every measure's
    traffic light, milestones, indicators and budget, the changes from the git
    history, and the overdue next steps. Public unless --internal.
    """
    from strategy_kit.cli.output import (
        binary_output,
        fail,
        format_for,
        load_or_exit,
        progress_figures,
        write_output,
    )

    chosen = format_for(format, output, ReportFormat, ReportFormat.HTML)
    if chosen in (ReportFormat.PDF, ReportFormat.DOCX):
        binary_output(output, chosen.value.upper())
    if file.is_dir() or _is_strategy(file):
        implementation_report(
            file,
            start=start,
            end=end,
            format=chosen,
            lang=lang.value if lang else "de",
            output=output,
            force=force,
            internal=public is False,
            templates=templates,
        )
        return
    if start is not None or end is not None:
        fail("--from and --to belong to the implementation report of a strategy file or directory")
        raise typer.Exit(2)
    loaded = load_or_exit(file)
    document = loaded.document

    from strategy_kit.cli.output import print_diagnostics, rendered
    from strategy_kit.compute.prioritise import rank_document, unranked_warnings
    from strategy_kit.document.options import resolve_public

    ranking = rank_document(
        document, public=resolve_public(document, public), include_started=everything
    )
    print_diagnostics(unranked_warnings(loaded, ranking), stderr=True)
    progress = progress_figures(loaded)

    from strategy_kit.present.assets import load_frame
    from strategy_kit.present.extras import MissingExtra
    from strategy_kit.present.pdf import PdfError
    from strategy_kit.present.word import DocxTemplateError

    content = rendered(
        lambda: _render(
            document,
            chosen,
            lang.value if lang else None,
            public,
            templates,
            docx_template,
            progress,
            include_started=everything,
            strategy=loaded.strategy,
            frame=load_frame(document, file),
        ),
        MissingExtra,
        PdfError,
        DocxTemplateError,
    )
    write_output(content, output, force=force)


def _render(
    document: WorkshopDocument,
    format: ReportFormat,
    lang: str | None,
    public: bool | None,
    templates: Path | None,
    docx_template: Path | None,
    progress: Figures,
    *,
    include_started: bool,
    strategy: StrategyDocument | None,
    frame: Frame,
) -> str | bytes:
    if format is ReportFormat.PDF:
        from strategy_kit.present.pdf import report_pdf

        return report_pdf(
            document,
            lang=lang,
            public=public,
            templates=templates,
            progress=progress,
            include_started=include_started,
            strategy=strategy,
            frame=frame,
        )
    if format is ReportFormat.DOCX:
        from strategy_kit.present.word import report_docx

        return report_docx(
            document,
            lang=lang,
            public=public,
            template=docx_template,
            progress=progress,
            include_started=include_started,
            strategy=strategy,
            frame=frame,
        )
    from strategy_kit.present.report import render_report

    text: Format = "md" if format is ReportFormat.MD else "json"
    if format is ReportFormat.HTML:
        text = "html"
    return render_report(
        document,
        format=text,
        lang=lang,
        public=public,
        templates=templates,
        progress=progress,
        include_started=include_started,
        strategy=strategy,
        frame=frame,
    )


# -- the implementation report -------------------------------------------------------------


def _is_strategy(file: Path) -> bool:
    """Whether ``file`` says ``kind: strategy`` (a file that cannot be read is left to the workshop path)."""
    from strategy_kit.check.strategy import is_strategy
    from strategy_kit.document.diagnostics import DiagnosticError
    from strategy_kit.files.fastyaml import load_plain
    from strategy_kit.files.source import read_source

    try:
        source = read_source(file)
    except (DiagnosticError, OSError):
        return False
    try:
        data = load_plain(source.text)
    except Exception:  # a YAML error: the workshop path reports it at its place
        return False
    if data is None:  # unusual YAML the fast reader leaves alone: the round-trip reader reads it
        from strategy_kit.files.yamlio import load_yaml

        try:
            data = load_yaml(source)
        except DiagnosticError:
            return False
    return is_strategy(data)


def implementation_report(
    target: Path,
    *,
    start: str | None,
    end: str | None,
    format: ReportFormat,
    lang: str,
    output: Path | None,
    force: bool,
    internal: bool,
    templates: Path | None,
) -> None:
    """The implementation report of the repository ``target`` is (a directory) or lies in (a strategy file).

    The state reported is the one on the period's last day: the files on disk,
    or the last commit on or before that day when the files changed since.
    Exit 1 when a file is invalid or the files cannot be rolled up, 2 for a
    bad date, an unreadable directory or git failing.
    """
    from strategy_kit.cli.output import day_option, fail, rendered, repository_or_exit, write_output
    from strategy_kit.compute.history import parse, timeline
    from strategy_kit.compute.implementation import default_period, implementation
    from strategy_kit.files.gitio import GitError
    from strategy_kit.files.history import history
    from strategy_kit.present.agenda import build_time
    from strategy_kit.present.extras import MissingExtra
    from strategy_kit.present.pdf import PdfError

    if format is ReportFormat.JSON:
        fail("the implementation report is written as html, md, pdf or docx")
        raise typer.Exit(2)
    today = build_time().date()
    last = day_option(end, "--to") if end else today
    first = day_option(start, "--from") if start else None
    try:
        period = default_period(last, first)
    except ValueError as exc:
        fail(f"--from {start}: {exc}" if start else f"--to {end}: {exc}")
        raise typer.Exit(2) from None
    directory = target if target.is_dir() else target.parent
    repo = repository_or_exit(directory)
    try:
        found = history(directory)
    except GitError as exc:
        fail(f"{directory}: {exc}")
        raise typer.Exit(2) from None
    revisions = found.revisions
    if revisions and (period.end < today or any(r.day > period.end for r in revisions)):
        # A period that is over, or files committed since: report the state its last day had,
        # as committed; an edit not yet committed today is no part of a past year.
        at_end = None
        for revision in reversed([r for r in revisions if r.day <= period.end]):
            at_end, _ = parse(revision)
            if at_end is not None:
                break
        if at_end is None:
            where = directory.resolve()
            if revisions[0].day > period.end:
                why = f"lies before the first commit of {where} ({revisions[0].day.isoformat()})"
            else:
                why = f"no commit of {where} on or before it passes check"
            fail(f"--to {period.end.isoformat()} {why}; choose a later --to")
            raise typer.Exit(2)
        repo = at_end
    if not internal:
        repo = repo.public()
    events = timeline(revisions, public=not internal) if revisions else None
    result = implementation(repo, period, events, reason=found.reason, why=found.why, folder=directory)

    from strategy_kit.present import implementation as document

    def render() -> str | bytes:
        if format is ReportFormat.MD:
            return document.to_markdown(result, lang, internal=internal, templates=templates)
        if format is ReportFormat.PDF:
            return document.to_pdf(result, lang, internal=internal, templates=templates)
        if format is ReportFormat.DOCX:
            from strategy_kit.present.word import implementation_docx

            return implementation_docx(result, lang, internal=internal)
        return document.to_html(result, lang, internal=internal, templates=templates)

    content = rendered(render, MissingExtra, PdfError)
    write_output(content, output, force=force)
