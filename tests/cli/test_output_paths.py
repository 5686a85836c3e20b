"""Where output goes: never over an existing file without --force, never through a link, never by id.

One table of every command that writes a file; each row is tried against an
existing file, a symbolic link to another file, and a dangling link.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.conftest import EXAMPLES, Invoke

TELGTE = EXAMPLES / "telgte.yaml"
REPO = EXAMPLES / "strategy-repo"

#: (name, argv before -o, output file name)
WRITERS: list[tuple[str, list[str], str]] = [
    *[(f"plan {fmt}", ["plan", str(TELGTE), "-f", fmt], f"agenda.{fmt}") for fmt in ("text", "md", "html", "ics", "json")],
    *[(f"report {fmt}", ["report", str(TELGTE), "-f", fmt], f"report.{fmt}") for fmt in ("html", "md", "json")],
    *[(f"plan {fmt}", ["plan", str(TELGTE), "-f", fmt], f"agenda.{fmt}") for fmt in ("pdf", "docx")],
    *[(f"report {fmt}", ["report", str(TELGTE), "-f", fmt], f"report.{fmt}") for fmt in ("pdf", "docx")],
    *[(f"export {fmt}", ["export", str(TELGTE), "-f", fmt], f"{fmt}.csv") for fmt in ("csv", "decidim")],
    ("export xlsx", ["export", str(TELGTE), "-f", "xlsx"], "bewertung.xlsx"),
    ("export json", ["export", str(REPO / "strategy.yaml"), "-f", "json"], "portfolio.json"),
    ("diff", ["diff", str(TELGTE), str(TELGTE)], "diff.md"),
    *[(f"status {fmt}", ["status", str(REPO), "-f", fmt, "--today", "2020-01-01"], f"status.{fmt}") for fmt in ("md", "html", "json", "pdf", "docx")],
    *[(f"implementation {fmt}", ["report", str(REPO), "-f", fmt], f"umsetzung.{fmt}") for fmt in ("md", "html", "pdf", "docx")],
    ("schema", ["schema"], "schema.json"),
]
#: The same rows as parameters; printing a PDF takes seconds, so those rows are slow.
CASES = [
    pytest.param(*row, id=row[0], marks=[pytest.mark.slow] if row[0].endswith(" pdf") else [])
    for row in WRITERS
]


@pytest.mark.parametrize(("name", "argv", "file_name"), CASES)
def test_an_existing_file_is_kept_without_force(cli: Invoke, tmp_path: Path, name: str, argv: list[str], file_name: str) -> None:
    target = tmp_path / file_name
    target.write_bytes(b"the user's own file\n")
    result = cli(*argv, "-o", target)
    assert result.exit_code == 2, result.output
    assert "exists; use --force" in result.output
    assert target.read_bytes() == b"the user's own file\n"
    result = cli(*argv, "-o", target, "--force")
    assert result.exit_code in (0, 1), result.output
    assert target.read_bytes() != b"the user's own file\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [file_name]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
@pytest.mark.parametrize(("name", "argv", "file_name"), CASES)
def test_output_is_never_written_through_a_link(cli: Invoke, tmp_path: Path, name: str, argv: list[str], file_name: str) -> None:
    precious = tmp_path / "elsewhere" / ".bashrc"
    precious.parent.mkdir()
    precious.write_bytes(b"export PATH=/usr/bin\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / file_name).symlink_to(precious)
    (out / ("dangling-" + file_name)).symlink_to(tmp_path / "elsewhere" / "new-file")
    for target in (out / file_name, out / ("dangling-" + file_name)):
        for force in ([], ["--force"]):
            result = cli(*argv, "-o", target, *force)
            assert result.exit_code == 2, (target, force, result.output)
            assert "symbolic link" in result.output
    assert precious.read_bytes() == b"export PATH=/usr/bin\n"
    assert sorted(p.name for p in precious.parent.iterdir()) == [".bashrc"]


def test_output_to_a_device_through_a_link_still_works(cli: Invoke, tmp_path: Path) -> None:
    """``-o /dev/stdout`` is a link to a device: writing to it replaces nothing."""
    link = tmp_path / "null"
    link.symlink_to(os.devnull)
    result = cli("plan", TELGTE, "-f", "ics", "-o", link)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.readlink() == Path(os.devnull)


def test_init_never_overwrites_and_never_follows_a_link(cli: Invoke, tmp_path: Path) -> None:
    existing = tmp_path / "a"
    existing.mkdir()
    (existing / "workshop.yaml").write_bytes(b"mine\n")
    result = cli("init", existing, "--no-input", "--municipality", "Stadt Telgte", "--state", "NW")
    assert result.exit_code == 2 and (existing / "workshop.yaml").read_bytes() == b"mine\n"
    linked = tmp_path / "b"
    linked.mkdir()
    precious = tmp_path / "precious.txt"
    precious.write_bytes(b"keep\n")
    (linked / "workshop.yaml").symlink_to(precious)
    result = cli("init", linked, "--no-input", "--municipality", "Stadt Telgte", "--state", "NW")
    assert result.exit_code == 2, result.output
    assert precious.read_bytes() == b"keep\n"
    dangling = tmp_path / "c"
    dangling.mkdir()
    (dangling / "workshop.yaml").symlink_to(tmp_path / "created-elsewhere.yaml")
    result = cli("init", dangling, "--no-input", "--municipality", "Stadt Telgte", "--state", "NW")
    assert result.exit_code == 2, result.output
    assert not (tmp_path / "created-elsewhere.yaml").exists()


def test_ids_and_titles_never_become_paths(cli: Invoke, tmp_path: Path) -> None:
    """Titles that look like paths, in every writing command: only the chosen -o file appears."""
    text = TELGTE.read_text("utf-8")
    text = text.replace("title: Stadtportal mit Online-Services", 'title: "../../../../tmp/evil ../x /etc/passwd"', 1)
    text = text.replace("  title: Auftaktworkshop zur Erarbeitung", '  title: "../../escape.html ../\\\\..\\\\x Auftaktworkshop zur Erarbeitung', 1)
    text = text.replace("einer digitalen Strategie\n  kind", 'einer digitalen Strategie"\n  kind', 1)
    workshop = tmp_path / "in" / "ws.yaml"
    workshop.parent.mkdir()
    workshop.write_text(text, encoding="utf-8")
    assert cli("check", workshop).exit_code == 0
    out = tmp_path / "out"
    out.mkdir()
    before = set(tmp_path.rglob("*"))
    written = []
    for fmt in ("text", "md", "html", "ics", "json"):
        written.append(out / f"agenda.{fmt}")
        assert cli("plan", workshop, "-f", fmt, "-o", written[-1]).exit_code == 0
        assert cli("plan", workshop, "-f", fmt, "--ics", "per-day").exit_code == 0
    for fmt in ("html", "md", "json"):
        written.append(out / f"report.{fmt}")
        assert cli("report", workshop, "-f", fmt, "-o", written[-1]).exit_code == 0
    assert set(tmp_path.rglob("*")) == before | set(written)
