"""``strategy-kit diff``: what changed in a strategy, by meaning, between two versions."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from strategy_kit.cli.output import ForceOption, Lang, OutputOption

if TYPE_CHECKING:
    from strategy_kit.check.repository import Repository


class DiffFormat(StrEnum):
    """How the changes are printed."""

    TEXT = "text"
    MD = "md"
    JSON = "json"



def split_spec(spec: str) -> tuple[str | None, Path]:
    """``REV:PATH`` -> (REV, PATH); an existing path (even with a colon) is just a path."""
    if Path(spec).exists() or ":" not in spec:
        return None, Path(spec)
    rev, _, path = spec.partition(":")
    if not rev:
        return None, Path(spec)
    return rev, Path(path or ".")


def load_side(spec: str, *, missing_ok: bool = False) -> Repository:
    """Read one side (working tree or a git revision); any problem ends the command with 2.

    With ``missing_ok`` a path that the revision does not have yet is an empty
    side, so ``--since`` on a new file lists everything in it as new.
    """
    from strategy_kit.check.repository import (
        Repository,
        load_revision,
        load_worktree,
        members,
        problems,
        rollup_problems,
    )
    from strategy_kit.cli.output import fail, print_diagnostics
    from strategy_kit.document.diagnostics import DiagnosticError
    from strategy_kit.files.gitio import GitError, exists, verify

    rev, path = split_spec(spec)
    try:
        if rev is None:
            results = load_worktree([path])
        else:
            verify(rev, path)
            if missing_ok and not exists(rev, path):
                return Repository()
            results = load_revision(rev, [path])
    except GitError as exc:
        fail(f"{spec}: {exc}")
        raise typer.Exit(2) from None
    except DiagnosticError as exc:
        print_diagnostics(exc.diagnostics, stderr=True)
        raise typer.Exit(2) from None
    errors = problems(results)
    if not errors and rev is None:
        # The files as they are now are one roll-up, as for ``status``: one
        # municipality, each project written once. Old revisions stay as they were.
        errors = rollup_problems(members(results), str(path))
    if errors:
        print_diagnostics(errors, stderr=True)
        typer.echo(f"strategy-kit: error: {spec}: fix these errors before comparing", err=True)
        raise typer.Exit(2)
    return Repository.from_results(results)


def diff(
    old: Annotated[
        str | None,
        typer.Argument(metavar="OLD",
            help="Old version: a file, a directory or REV:PATH (read with git show).",
            show_default=False,
        ),
    ] = None,
    new: Annotated[
        str | None,
        typer.Argument(metavar="NEW", help="New version, same forms as OLD.", show_default=False),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Compare REV:PATH with PATH in the working tree (PATH: the argument, default .).",
        ),
    ] = None,
    format: Annotated[
        DiffFormat,
        typer.Option(
            "--format", "-f", help="text, md (for a council submission or merge request) or json."
        ),
    ] = DiffFormat.TEXT,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of text and md output.")] = Lang.DE,
    exit_code: Annotated[
        bool,
        typer.Option(
            "--exit-code", help="Exit with 1 when there are changes, 0 when there are none."
        ),
    ] = False,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Show what changed between two versions of a strategy: fields of action, projects,
    status, scores, votes and rank, next steps, dates, participants by role.

    Exit status 0, or with --exit-code 1 when something changed; 2 when a side
    cannot be read, is invalid, or the revision is unknown.
    """
    from strategy_kit.cli.output import fail, write_output
    from strategy_kit.compute.semdiff import diff as semantic_diff
    from strategy_kit.compute.semdiff import names as titles
    from strategy_kit.present.semdiff import to_json, to_markdown, to_text

    if since is not None:
        if new is not None:
            fail("with --since give one PATH, not two versions")
            raise typer.Exit(2)
        path = old or "."
        old, new = f"{since}:{path}", path
    elif old is None or new is None:
        fail("give two versions (OLD NEW) or --since REV [PATH]")
        raise typer.Exit(2)
    before, after = load_side(old, missing_ok=since is not None), load_side(new)
    changes = semantic_diff(before, after)
    if format is DiffFormat.JSON:
        text = to_json(changes, old=old, new=new)
    elif format is DiffFormat.MD:
        text = to_markdown(changes, lang.value, old=old, new=new, names=titles(before, after))
    else:
        text = to_text(changes, lang.value, old=old, new=new, names=titles(before, after))
    write_output(text, output, force=force)
    raise typer.Exit(1 if exit_code and changes else 0)
