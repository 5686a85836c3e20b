"""``strategy-kit schema``: the JSON Schema editors use to complete and flag keys."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def schema(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file instead of standard output."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing output file.")] = False,
) -> None:
    """Print the JSON Schema of the workshop format (titles in English and German)."""
    from strategy_kit.cli.output import write_output
    from strategy_kit.schema import schema_text

    write_output(schema_text(), output, force=force)
