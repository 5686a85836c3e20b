"""``strategy-kit measure``: one measured value of an indicator, recorded in the file."""

from __future__ import annotations

from typing import Annotated

import typer

from strategy_kit.cli.editing import DryRun, FileArg, run_edit, usage

#: The longest --source or --note: a reference or a remark, not a document.
MAX_TEXT = 1000


def measure(
    file: FileArg,
    project: Annotated[str, typer.Argument(metavar="PROJECT", help="The project id.", show_default=False)],
    indicator: Annotated[
        str,
        typer.Argument(metavar="INDICATOR", help="The indicator's title, or its number (1 for the first).", show_default=False),
    ],
    value: Annotated[
        str, typer.Argument(metavar="VALUE", help="The measured value in the indicator's unit: 18 or 3,5.", show_default=False)
    ],
    date: Annotated[
        str | None, typer.Option("--date", help="The day it was measured, YYYY-MM-DD (default: today).", show_default=False)
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Where the value comes from, e.g. Statistikamt.", show_default=False)
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="A remark on the value.", show_default=False)] = None,
    dry_run: DryRun = False,
) -> None:
    """Record a measured value of an indicator; the latest measurement is its actual value.

    Examples: measure strategy.yaml buergerportal 1 18 --date 2024-12-31;
    measure strategy.yaml buergerportal "Verwaltungsleistungen online" 18 --source Statistikamt.
    """
    import datetime as dt

    from strategy_kit.change.edit import NewMeasurement, record_measurement
    from strategy_kit.cli.output import day_option
    from strategy_kit.document.numbers import (
        MAX_DIGITS,
        AmbiguousNumber,
        UnclearNumber,
        read_number,
    )

    try:
        number = read_number(value.strip(), typed=True)
    except AmbiguousNumber as exc:
        raise usage(f"VALUE: {exc}") from None
    except UnclearNumber:
        raise usage(f"VALUE {value!r} has more than {MAX_DIGITS} digits; write at most {MAX_DIGITS}") from None
    except ValueError as exc:
        raise usage(f"VALUE: {exc}") from None
    day = dt.date.today()
    if date is not None:
        day = day_option(date.strip(), "--date")
        if day > dt.date.today():
            # A measurement lies in the past; a mistyped year would lock the indicator,
            # since every later measurement must come after it.
            raise usage(f"--date {date!r} lies in the future; a measurement is dated the day it was taken")
    for option, text in (("--source", source), ("--note", note)):
        if text is not None and not text.strip():
            raise usage(f"{option} is blank; give it some text or leave it out")
        if text is not None and len(text) > MAX_TEXT:
            raise usage(f"{option} has {len(text)} characters; a source or note is at most {MAX_TEXT}")
    measured = NewMeasurement(number, day, source, note)
    run_edit(lambda: record_measurement(file, project, indicator, measured, dry_run=dry_run), dry_run=dry_run)
