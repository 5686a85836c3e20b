"""``strategy-kit budget``: a year's planned and spent amounts from one source, recorded in the file."""

from __future__ import annotations

from typing import Annotated

import typer

from strategy_kit.cli.editing import DryRun, FileArg, run_edit, usage

#: Decimal places an amount in euros may have: cents.
CENTS = 2


def _amount(option: str, text: str | None) -> int | float | None:
    """``40000`` or ``40000,50`` as typed, read as ``measure`` reads a value; usage error (exit 2) otherwise."""
    if text is None:
        return None
    from strategy_kit.document.numbers import (
        MAX_DIGITS,
        AmbiguousNumber,
        UnclearNumber,
        read_number,
    )

    raw = text.strip()
    try:
        value = read_number(raw, typed=True)
    except AmbiguousNumber as exc:
        raise usage(f"{option}: {exc}") from None
    except UnclearNumber:
        raise usage(f"{option} {text!r} has more than {MAX_DIGITS} digits; write at most {MAX_DIGITS}") from None
    except ValueError:
        raise usage(f"{option} {text!r} is not an amount; write euros like 40000 or 40000,50") from None
    if value < 0 or raw.startswith("-"):
        raise usage(f"{option} {text!r} is negative; an amount planned or spent is 0 or more")
    _, _, cents = raw.replace(",", ".").partition(".")
    if len(cents) > CENTS:
        raise usage(f"{option} {text!r} has {len(cents)} decimals; an amount in euros has at most {CENTS} (cents)")
    return value


def budget(
    file: FileArg,
    project: Annotated[str, typer.Argument(metavar="PROJECT", help="The project id.", show_default=False)],
    year: Annotated[str, typer.Argument(metavar="YEAR", help="The budget year, e.g. 2020.", show_default=False)],
    planned: Annotated[
        str | None,
        typer.Option("--planned", metavar="AMOUNT", help="Euros budgeted for the year: 40000 or 40000,50.", show_default=False),
    ] = None,
    spent: Annotated[
        str | None,
        typer.Option("--spent", metavar="AMOUNT", help="Euros spent in the year: 38500 or 38500,75.", show_default=False),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            metavar="SOURCE",
            help="own, grant, third-party, staff (or Eigenmittel, ...) or a funding source's name; "
            "without it, the year's entry without a source.",
            show_default=False,
        ),
    ] = None,
    dry_run: DryRun = False,
) -> None:
    """Record a year's planned and spent amounts (EUR) from one source in the project's funding.years.

    Examples: budget strategy.yaml stadtportal 2020 --planned 40000 --source own;
    budget strategy.yaml infrastruktur-zukunft 2020 --spent 58400 --source Gigabitförderung.
    """
    from strategy_kit.document.model import FIRST_YEAR, LAST_YEAR

    if planned is None and spent is None:
        raise usage("give --planned AMOUNT, --spent AMOUNT or both")
    text = year.strip()
    if not (text.isascii() and text.isdecimal() and len(text) == 4 and FIRST_YEAR <= int(text) <= LAST_YEAR):
        raise usage(f"YEAR {year!r}: expected a budget year from {FIRST_YEAR} to {LAST_YEAR}, e.g. 2020")
    if source is not None and not source.strip():
        raise usage("--source is blank; name a kind (own, grant) or a source, or leave it out")
    from strategy_kit.change.edit import BudgetFigures, record_budget

    figures = BudgetFigures(
        int(text),
        _amount("--planned", planned),
        _amount("--spent", spent),
        None if source is None else source.strip(),
    )
    run_edit(lambda: record_budget(file, project, figures, dry_run=dry_run), dry_run=dry_run)
