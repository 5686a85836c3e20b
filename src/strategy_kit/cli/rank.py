"""``strategy-kit rank``: the explained ranking of a workshop's projects in the terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from strategy_kit.cli.output import LangOption, PublicOption


def rank(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The workshop file.", show_default=False)],
    lang: LangOption = None,
    public: PublicOption = None,
) -> None:
    """Rank the projects: weighted scores, knock-outs, ties, each criterion's points.

    Projects that fail a knock-out criterion or miss a score are listed below
    the table with the reason. Colours follow the terminal; NO_COLOR turns them off.
    """
    from rich.table import Table
    from rich.text import Text

    from strategy_kit.cli.output import console, load_or_exit, print_diagnostics
    from strategy_kit.compute.prioritise import rank_document, unranked_warnings
    from strategy_kit.document.options import resolve_lang, resolve_public
    from strategy_kit.present.i18n import format_number
    from strategy_kit.present.report import labels
    from strategy_kit.present.text import one_line

    loaded = load_or_exit(file)
    document = loaded.document
    language = resolve_lang(document, lang.value if lang else None)
    t = labels(language)
    ranking = rank_document(document, public=resolve_public(document, public))
    print_diagnostics(unranked_warnings(loaded, ranking), stderr=True)

    def num(value: float | None) -> str:
        return "" if value is None else format_number(value, language, "#,##0.#")

    out = console()
    from rich import box

    table = Table(
        title=t["ranking"],
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        padding=0,
    )

    # Numbers never wrap; the project and quadrant names wrap on a narrow terminal.
    table.add_column(t["rank"], justify="right", no_wrap=True)
    table.add_column(t["project"], min_width=16)
    for number, _ in enumerate(ranking.criteria, start=1):
        table.add_column(f"{t['criterion_short']}{number}", justify="right", no_wrap=True)
    if ranking.votes == "criterion":
        table.add_column(t["votes_points"], justify="right", no_wrap=True)
    table.add_column(t["points"], justify="right", style="bold", no_wrap=True)
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
    out.print(table)
    for number, criterion in enumerate(ranking.criteria, start=1):
        weight = format_number(criterion.weight, language)
        direction = t["dir_" + criterion.direction]
        out.print(
            Text(f"{t['criterion_short']}{number}: {one_line(criterion.title)} (×{weight}, {direction})")
        )
    for criterion in ranking.knockout_criteria:
        out.print(Text(f"{criterion.id}: {one_line(criterion.title)} ({t['dir_knockout']})"))
    out.print(Text(f"{t['votes_' + ranking.votes]}"))
    for entry in ranking.knocked_out:
        reasons = "; ".join(
            t["knocked_reason"].format(score=format_number(k.score, language), criterion=one_line(k.title))
            for k in entry.knockouts
        )
        out.print(Text(f"{t['knocked_out']}: {one_line(entry.project.title)}: {reasons}", style="red"))
    titles = {c.id: one_line(c.title) for c in (*ranking.criteria, *ranking.knockout_criteria)}
    for entry in ranking.incomplete:
        missing = ", ".join(titles.get(m, m) for m in entry.missing)
        out.print(
            Text(
                f"{t['incomplete']}: {one_line(entry.project.title)}: {t['missing']} {missing}",
                style="yellow",
            )
        )
    if ranking.ranked:
        out.print(Text(t["priority_rule"]))
