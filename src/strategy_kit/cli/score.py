"""``strategy-kit score``: a project's scores, each checked against its criterion's scale."""

from __future__ import annotations

from typing import Annotated

import typer

from strategy_kit.cli.editing import DryRun, FileArg, run_edit, usage


def score(
    file: FileArg,
    project: Annotated[str, typer.Argument(metavar="PROJECT", help="The project id.", show_default=False)],
    scores: Annotated[
        list[str],
        typer.Argument(metavar="SCORES", help="CRITERION=VALUE pairs, e.g. wirkung=4 aufwand=2,5.", show_default=False),
    ],
    dry_run: DryRun = False,
) -> None:
    """Record a project's scores, each checked against its criterion's scale."""
    from strategy_kit.change.edit import set_scores
    from strategy_kit.document.numbers import read_number

    values: dict[str, int | float] = {}
    for item in scores:
        criterion, sep, raw = item.partition("=")
        if not sep or not criterion.strip():
            raise usage(f"{item!r}: expected CRITERION=VALUE")
        if criterion.strip() in values:
            # As with vote: two values for one criterion is a typo, not "the last one wins".
            raise usage(f"criterion {criterion.strip()!r} is given twice")
        try:
            values[criterion.strip()] = read_number(raw.strip(), typed=True)
        except ValueError as exc:
            raise usage(f"{criterion.strip()}: {exc}") from None
    run_edit(lambda: set_scores(file, project, values, dry_run=dry_run), dry_run=dry_run)
