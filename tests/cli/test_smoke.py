from __future__ import annotations

from strategy_kit import __version__


def test_version(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"strategy-kit {__version__}"


def test_check_telgte_is_valid(cli, examples) -> None:  # type: ignore[no-untyped-def]
    result = cli("check", examples / "telgte.yaml")
    assert result.exit_code == 0, result.stdout
    assert "1 file valid" in result.stdout
