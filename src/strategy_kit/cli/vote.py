"""``strategy-kit vote``: the room's dot votes, recorded in the workshop file."""

from __future__ import annotations

from typing import Annotated

import typer

from strategy_kit.cli.editing import DryRun, FileArg, run_edit, usage


def vote(
    file: FileArg,
    votes: Annotated[
        list[str],
        typer.Argument(metavar="VOTES",
            help="PROJECT N, or PROJECT=N pairs; N sets the count, +N and -N change it.",
            show_default=False,
        ),
    ],
    dry_run: DryRun = False,
) -> None:
    """Record dot votes: the facilitator enters the room's count per project.

    Examples: vote ws.yaml stadtportal 12; vote ws.yaml stadtportal +3;
    vote ws.yaml stadtportal=12 datenaustausch=+2.
    """
    from strategy_kit.change.edit import VoteChange, set_votes

    pairs: list[tuple[str, str]] = []
    if len(votes) == 2 and "=" not in votes[0] and "=" not in votes[1]:
        pairs.append((votes[0], votes[1]))
    else:
        for item in votes:
            project, sep, amount = item.partition("=")
            if not sep or not project:
                raise usage(f"{item!r}: expected PROJECT=N (or exactly PROJECT N)")
            pairs.append((project.strip(), amount))
    changes: dict[str, VoteChange] = {}
    for project, amount in pairs:
        if project in changes:
            raise usage(f"project {project!r} is given twice")
        try:
            changes[project] = VoteChange.parse(amount)
        except ValueError as exc:
            raise usage(str(exc)) from None
    run_edit(lambda: set_votes(file, changes, dry_run=dry_run), dry_run=dry_run)
