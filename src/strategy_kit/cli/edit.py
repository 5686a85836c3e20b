"""``vote``, ``score``, ``status`` and ``add``: record what the room decided, safely.

Each command is a thin wrapper over :mod:`strategy_kit.change.edit`: parse the
arguments, call one library function, print the result or the refusal.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from strategy_kit.change.transaction import EditResult

DryRun = Annotated[
    bool, typer.Option("--dry-run", "-n", help="Print the change as a unified diff; write nothing.")
]
FileArg = Annotated[Path, typer.Argument(metavar="FILE", help="The workshop file to edit.", show_default=False)]

#: Lets ``vote FILE portal -2`` pass ``-2`` as an argument rather than an unknown option.
NUMBERS_AS_ARGS = {"ignore_unknown_options": True}


def run_edit(action: Callable[[], EditResult], *, dry_run: bool) -> None:
    """Run a library edit; print notes, the diff for ``--dry-run``, or the refusal."""
    from strategy_kit.cli.output import console, print_diagnostics
    from strategy_kit.document.diagnostics import DiagnosticError

    try:
        result = action()
    except DiagnosticError as exc:
        print_diagnostics(exc.diagnostics, stderr=True)
        raise typer.Exit(int(exc.exit_code)) from None
    except ValueError as exc:
        from strategy_kit.cli.output import fail

        fail(str(exc))
        raise typer.Exit(2) from None
    if result.warnings:
        print_diagnostics(result.warnings, stderr=True)
    if dry_run:
        typer.echo(result.diff(), nl=False)
        return
    out = console()
    for note in result.notes:
        out.print(note, markup=False)
    if not result.changed:
        out.print(f"{result.source.name}: unchanged", markup=False)


def _usage(message: str) -> typer.Exit:
    from strategy_kit.cli.output import fail

    fail(message)
    return typer.Exit(2)


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
                raise _usage(f"{item!r}: expected PROJECT=N (or exactly PROJECT N)")
            pairs.append((project.strip(), amount))
    changes: dict[str, VoteChange] = {}
    for project, amount in pairs:
        if project in changes:
            raise _usage(f"project {project!r} is given twice")
        try:
            changes[project] = VoteChange.parse(amount)
        except ValueError as exc:
            raise _usage(str(exc)) from None
    run_edit(lambda: set_votes(file, changes, dry_run=dry_run), dry_run=dry_run)


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
    from strategy_kit.change.edit import parse_number, set_scores

    values: dict[str, int | float] = {}
    for item in scores:
        criterion, sep, raw = item.partition("=")
        if not sep or not criterion.strip():
            raise _usage(f"{item!r}: expected CRITERION=VALUE")
        if criterion.strip() in values:
            # As with vote: two values for one criterion is a typo, not "the last one wins".
            raise _usage(f"criterion {criterion.strip()!r} is given twice")
        try:
            values[criterion.strip()] = parse_number(raw)
        except ValueError as exc:
            raise _usage(f"{criterion.strip()}: {exc}") from None
    run_edit(lambda: set_scores(file, project, values, dry_run=dry_run), dry_run=dry_run)


def move_status(
    file: FileArg,
    project: Annotated[str, typer.Argument(metavar="PROJECT", help="The project id.", show_default=False)],
    new_status: Annotated[
        str,
        typer.Argument(
            metavar="STATUS",
            help="idea, candidate, prioritised, planned, in-progress, done or dropped.",
            show_default=False,
        ),
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Allow a move the lifecycle does not (corrections).")
    ] = False,
    dry_run: DryRun = False,
) -> None:
    """Move a project through its lifecycle; refused moves say which are allowed.

    idea -> candidate -> prioritised -> planned -> in-progress -> done, with
    steps back (a rejected candidate returns to the idea pool) and dropped
    from any open status.
    """
    from strategy_kit.change.edit import set_status

    run_edit(
        lambda: set_status(file, project, new_status, force=force, dry_run=dry_run), dry_run=dry_run
    )


class Kind(StrEnum):
    """What ``add`` can add."""

    PROJECT = "project"
    PARTICIPANT = "participant"
    FIELD = "field"


def add(
    kind: Annotated[Kind, typer.Argument(metavar="KIND", help="project, participant or field (of action).")],
    file: FileArg,
    id: Annotated[
        str | None, typer.Option("--id", help="The id; a slug of the title when left out.")
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="Title (for a participant: the role).")
    ] = None,
    role: Annotated[str | None, typer.Option("--role", help="A participant's role.")] = None,
    field: Annotated[
        list[str] | None,
        typer.Option("--field", help="A project's field-of-action id (repeatable)."),
    ] = None,
    description: Annotated[str | None, typer.Option("--description", help="Free text.")] = None,
    lead: Annotated[
        str | None, typer.Option("--lead", help="A project's lead (department or participant).")
    ] = None,
    project_status: Annotated[
        str | None, typer.Option("--status", help="A project's status (default idea).")
    ] = None,
    department: Annotated[
        str | None, typer.Option("--department", help="A participant's department id.")
    ] = None,
    function: Annotated[
        list[str] | None,
        typer.Option("--function", help="A participant's function (repeatable)."),
    ] = None,
    dry_run: DryRun = False,
) -> None:
    """Add a project, participant or field of action; the id is made from the title.

    A project needs --field (one or more), a participant --role, a field of
    action --title. Ids already in use are refused.
    """
    from strategy_kit.change.edit import add_item

    values: dict[str, object]
    only = {
        Kind.PROJECT: {"field", "lead", "status"},
        Kind.PARTICIPANT: {"role", "department", "function"},
        Kind.FIELD: set(),
    }[kind]
    given = {
        "field": field,
        "lead": lead,
        "status": project_status,
        "role": role,
        "department": department,
        "function": function,
    }
    for option, value in given.items():
        if value and option not in only:
            raise _usage(f"--{option} does not apply to a {kind.value}")
    if kind is Kind.PARTICIPANT:
        if role and title and role != title:
            raise _usage("give the role once, as --role or --title")
        if not (role or title):
            raise _usage("a participant needs --role (what the person does)")
        if description is not None:
            raise _usage("--description does not apply to a participant")
        values = {"id": id, "role": role or title, "department": department}
        values["functions"] = list(function or [])
    else:
        if not title:
            raise _usage(f"a {kind.value} needs --title")
        values = {"id": id, "title": title}
        if kind is Kind.PROJECT:
            if not field:
                raise _usage("a project needs at least one --field (a field-of-action id)")
            values.update(fields=list(field), lead=lead, status=project_status)
        values["description"] = description
    run_edit(lambda: add_item(file, kind.value, values, dry_run=dry_run), dry_run=dry_run)
