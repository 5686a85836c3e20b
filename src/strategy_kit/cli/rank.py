"""``strategy-kit rank``: the explained ranking of a workshop's projects in the terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from strategy_kit.cli.output import AllOption, LangOption, PublicOption


def rank(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="The workshop file, or a strategy file (kind: strategy) for its whole portfolio.",
            show_default=False,
        ),
    ],
    lang: LangOption = None,
    public: PublicOption = None,
    everything: AllOption = False,
) -> None:
    """Rank the projects up for decision: weighted scores, knock-outs, ties, each criterion's points.

    Projects that fail a knock-out criterion or miss a score are listed below
    the table with the reason; projects in progress, done or dropped are listed
    apart (``--all`` ranks those in progress and done); a sub-project without
    scores is shown under its parent. A strategy file ranks its portfolio
    by the same rules with its criteria. The table fits 80 columns. Colours
    follow the terminal; NO_COLOR turns them off.
    """
    from rich.table import Table
    from rich.text import Text

    from strategy_kit.cli.output import console, load_or_exit, print_diagnostics
    from strategy_kit.compute.prioritise import rank_document, unranked_warnings
    from strategy_kit.document.options import resolve_lang, resolve_public
    from strategy_kit.present.i18n import format_number
    from strategy_kit.present.report import labels
    from strategy_kit.present.text import one_line

    loaded = load_or_exit(file, strategy=True)
    document = loaded.document
    language = resolve_lang(document, lang.value if lang else None)
    t = labels(language)
    ranking = rank_document(
        document, public=resolve_public(document, public), include_started=everything
    )
    print_diagnostics(unranked_warnings(loaded, ranking), stderr=True)

    def num(value: float | None) -> str:
        return "" if value is None else format_number(value, language, "#,##0.#")

    out = console()

    def note(text: str, style: str = "", bullet: bool = False) -> None:
        """A line below the table, wrapped at the terminal's width like the table.

        ``bullet``: an item of a list, ``  - `` before it and its further lines indented.
        """
        indent = 4 if bullet else 0
        for number, line in enumerate(Text(text, style=style).wrap(out, max(out.width - indent, 20))):
            line.rstrip()
            if bullet:
                line = Text("  - " if number == 0 else " " * indent) + line
            out.print(line, soft_wrap=True)

    def parts(project_id: str) -> list[str]:
        return [one_line(e.project.title) for e in ranking.parts_of(project_id)]

    from rich import box

    note(t["ranking"])  # not the table's title, which rich pads to the table's width
    table = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        padding=0,
    )

    # Numbers never wrap; the project and quadrant names wrap on a narrow terminal.
    # Votes as a criterion are one more numbered criterion (K5), so that the
    # table fits 80 columns and no heading wraps: K5 holds their points and
    # "Stimmen" the votes themselves; the legend below says what K5 is.
    table.add_column(t["rank"], justify="right", no_wrap=True)
    table.add_column(t["project"], min_width=15)
    for number, _ in enumerate(ranking.criteria, start=1):
        table.add_column(f"{t['criterion_short']}{number}", justify="right", no_wrap=True)
    votes_key = f"{t['criterion_short']}{len(ranking.criteria) + 1}"
    if ranking.votes == "criterion":
        table.add_column(votes_key, justify="right", no_wrap=True)
    table.add_column(t["points_short"], justify="right", style="bold", no_wrap=True)
    table.add_column(t["votes"], justify="right", no_wrap=True)
    table.add_column(t["priority"], no_wrap=True)
    if ranking.impact and ranking.effort:
        table.add_column(t["quadrant"], min_width=8)
    for entry in ranking.ranked:
        place = f"{entry.rank}=" if entry.tied else str(entry.rank)
        row: list[str | Text] = [place, Text(one_line(entry.project.title))]
        row += [num(c.points) for c in entry.contributions]
        row += [num(entry.score), str(entry.project.votes)]
        priority = t[f"prio_{entry.priority.value}"] if entry.priority else ""
        style = {"high": "green", "medium": "yellow"}.get(
            entry.priority.value if entry.priority else "", ""
        )
        row.append(Text(priority + ("*" if entry.priority_derived else ""), style=style))
        if ranking.impact and ranking.effort:
            row.append(t[f"q_{entry.quadrant.value}"] if entry.quadrant else "")
        table.add_row(*row)
        for title in parts(entry.project.id):  # sub-projects without scores: under their parent
            table.add_row("", Text(f"└ {title}", style="dim"))
    # Fitted to the width where its narrowest form fits (soft wrapping would let it
    # overflow); on a narrower terminal it overflows rather than lose columns.
    from rich.measure import Measurement

    fits = Measurement.get(out, out.options.update_width(10_000), table).minimum <= out.width
    out.print(table, soft_wrap=not fits)
    for number, criterion in enumerate(ranking.criteria, start=1):
        weight = format_number(criterion.weight, language)
        direction = t["dir_" + criterion.direction]
        note(f"{t['criterion_short']}{number}: {one_line(criterion.title)} (×{weight}, {direction})")
    if ranking.votes == "criterion":
        weight = format_number(ranking.votes_weight, language)
        note(f"{votes_key}: {t['votes']} (×{weight}, {t['dir_benefit']})")
    for criterion in ranking.knockout_criteria:
        note(f"{criterion.id}: {one_line(criterion.title)} ({t['dir_knockout']})")
    note(t["votes_" + ranking.votes])

    def with_parts(text: str, project_id: str) -> str:
        below = parts(project_id)
        return f"{text}; {t['sub_projects']}: {', '.join(below)}" if below else text

    for entry in ranking.knocked_out:
        reasons = "; ".join(
            t["knocked_reason"].format(score=format_number(k.score, language), criterion=one_line(k.title))
            for k in entry.knockouts
        )
        text = f"{t['knocked_out']}: {one_line(entry.project.title)}: {reasons}"
        note(with_parts(text, entry.project.id), "red")
    titles = {c.id: one_line(c.title) for c in (*ranking.criteria, *ranking.knockout_criteria)}
    for entry in ranking.incomplete:
        missing = ", ".join(titles.get(m, m) for m in entry.missing)
        text = f"{t['incomplete']}: {one_line(entry.project.title)}: {t['missing']} {missing}"
        note(with_parts(text, entry.project.id), "yellow")
    apart = [
        with_parts(f"{one_line(e.project.title)} ({t['st_' + e.project.status.value]})", e.project.id)
        for e in ranking.apart
    ]
    apart += [
        with_parts(f"{one_line(e.project.title)} ({t['sub_project']})", e.project.id)
        for e in ranking.orphans()
    ]
    if apart:
        note(f"{t['apart']}:")
        for line in apart:
            note(line, bullet=True)
    if ranking.ranked:
        note(t["priority_rule"])
    if everything:
        note(t["scope_rule_all"])
    elif ranking.says_scope:
        note(f"{t['scope_rule']} {t['scope_option']}")
