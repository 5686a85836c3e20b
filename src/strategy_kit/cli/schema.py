"""``strategy-kit schema``: the JSON Schema editors use to complete and flag keys."""

from __future__ import annotations

from typing import Annotated

import typer

from strategy_kit.cli.output import ForceOption, OutputOption


def schema(
    output: OutputOption = None,
    strategy: Annotated[
        bool, typer.Option("--strategy", help="The schema of strategy files (kind: strategy).")
    ] = False,
    portfolio: Annotated[
        bool,
        typer.Option("--portfolio", help="The schema of export --format json (strategy-kit/portfolio)."),
    ] = False,
    force: ForceOption = False,
) -> None:
    """Print the JSON Schema of the workshop format (titles in English and German)."""
    from strategy_kit.cli.output import write_output

    if portfolio:
        from strategy_kit.present.portfolio import schema_text as portfolio_schema

        write_output(portfolio_schema(), output, force=force)
        return
    from strategy_kit.document.schema import schema_text, strategy_schema_text

    write_output(strategy_schema_text() if strategy else schema_text(), output, force=force)
