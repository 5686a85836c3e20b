"""``strategy-kit schema``: the JSON Schema editors use to complete and flag keys."""

from __future__ import annotations

from typing import Annotated

import typer


def schema(
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Write to this file instead of standard output."),
    ] = None,
    strategy: Annotated[
        bool, typer.Option("--strategy", help="The schema of strategy files (kind: strategy).")
    ] = False,
) -> None:
    """Print the JSON Schema of the workshop format (titles in English and German)."""
    from strategy_kit.schema import schema_text, strategy_schema_text

    text = strategy_schema_text() if strategy else schema_text()
    if output is None:
        typer.echo(text, nl=False)
        return
    from pathlib import Path

    from strategy_kit.atomic import write_text_atomic

    write_text_atomic(Path(output), text)
