"""The ``strategy-kit`` command line: a thin layer over the library.

Each command lives in a module of its own and imports the heavy parts
(pydantic models, ruamel.yaml, Jinja2) inside its function, so ``--help``
and shell completion stay fast; ``--version`` alone does not even load Typer.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer

HELP = (
    "Plan and document municipal digital-strategy workshops as code: "
    "check the workshop file, plan the agenda, write the results report."
)
_app: typer.Typer | None = None


def _build() -> typer.Typer:
    """The Typer application with every command; built on first use, once per process."""
    import typer

    from strategy_kit import __version__
    from strategy_kit.cli.add import add
    from strategy_kit.cli.budget import budget
    from strategy_kit.cli.check import check
    from strategy_kit.cli.diff import diff
    from strategy_kit.cli.editing import NUMBERS_AS_ARGS
    from strategy_kit.cli.export import export
    from strategy_kit.cli.fmt import fmt
    from strategy_kit.cli.import_scores import import_scores
    from strategy_kit.cli.init import init
    from strategy_kit.cli.measure import measure
    from strategy_kit.cli.plan import plan
    from strategy_kit.cli.progress import progress
    from strategy_kit.cli.rank import rank
    from strategy_kit.cli.report import report
    from strategy_kit.cli.schema import schema
    from strategy_kit.cli.score import score
    from strategy_kit.cli.serve import serve
    from strategy_kit.cli.status import status
    from strategy_kit.cli.vote import vote

    app = typer.Typer(
        name="strategy-kit",
        help=HELP,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    def _version(value: bool) -> None:
        if value:
            typer.echo(f"strategy-kit {__version__}")
            raise typer.Exit()

    @app.callback()
    def _root(
        version: bool = typer.Option(
            False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ) -> None:
        """Plan and document municipal digital-strategy workshops as code."""

    # In the order of a workshop: set up, check, plan, record the room's decisions,
    # report and export (scores edited in Excel come back through import-scores),
    # then follow the strategy over time.
    app.command()(init)
    app.command()(check)
    app.command()(fmt)
    app.command()(plan)
    app.command(context_settings=NUMBERS_AS_ARGS)(vote)
    app.command()(score)
    app.command()(add)
    app.command()(rank)
    app.command()(report)
    app.command()(export)
    app.command(name="import-scores")(import_scores)
    app.command()(status)
    app.command(context_settings=NUMBERS_AS_ARGS)(progress)
    app.command(context_settings=NUMBERS_AS_ARGS)(measure)
    app.command()(budget)
    app.command()(diff)
    app.command()(serve)
    app.command()(schema)
    return app


def __getattr__(name: str) -> typer.Typer:
    """``strategy_kit.cli.app``, built when first asked for (tests and docs use it)."""
    global _app
    if name != "app":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if _app is None:
        _app = _build()
    return _app


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; a user never sees a traceback, only one line saying what went wrong."""
    # pydantic looks for plugins among all installed distributions' entry points
    # when the first model is built: about 50 ms of every check, for plugins no
    # one attaches to a command-line run. A value the user set is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        if (sys.argv[1:] if argv is None else argv) == ["--version"]:
            # Asked for in scripts and bug reports; answered without loading the
            # CLI framework (the same line the full option prints).
            from strategy_kit import __version__

            sys.stdout.write(f"strategy-kit {__version__}\n")
            sys.stdout.flush()
            return 0
        __getattr__("app")(args=argv, prog_name="strategy-kit")
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 2)
    except KeyboardInterrupt:
        sys.stderr.write("strategy-kit: interrupted\n")
        return 130
    except BrokenPipeError:
        # The reader (``| head``) went away; nothing more to say to it.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:
        if os.environ.get("STRATEGY_KIT_DEBUG"):
            raise
        sys.stderr.write(
            f"strategy-kit: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in strategy-kit. Run again with STRATEGY_KIT_DEBUG=1 to see the details.\n"
        )
        return 2
    return 0
