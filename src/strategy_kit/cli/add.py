"""``strategy-kit add``: a new project, participant or field of action, its id made from the title."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from strategy_kit.cli.editing import DryRun, FileArg, run_edit, usage


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
            raise usage(f"--{option} does not apply to a {kind.value}")
    if kind is Kind.PARTICIPANT:
        if role and title and role != title:
            raise usage("give the role once, as --role or --title")
        if not (role or title):
            raise usage("a participant needs --role (what the person does)")
        if description is not None:
            raise usage("--description does not apply to a participant")
        values = {"id": id, "role": role or title, "department": department}
        values["functions"] = list(function or [])
    else:
        if not title:
            raise usage(f"a {kind.value} needs --title")
        values = {"id": id, "title": title}
        if kind is Kind.PROJECT:
            if not field:
                raise usage("a project needs at least one --field (a field-of-action id)")
            values.update(fields=list(field), lead=lead, status=project_status)
        values["description"] = description
    run_edit(lambda: add_item(file, kind.value, values, dry_run=dry_run), dry_run=dry_run)
