"""``strategy-kit report``: formats, output files, options, clean failures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def test_report_defaults_to_html_on_stdout(cli: Any, telgte: Path) -> None:
    result = cli("report", telgte)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert "Maßnahmensteckbrief" in result.stdout


def test_format_from_output_suffix_and_no_overwrite_without_force(
    cli: Any, telgte: Path, tmp_path: Path
) -> None:
    out = tmp_path / "bericht.md"
    result = cli("report", telgte, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    first = out.read_text(encoding="utf-8")
    assert first.startswith("**Interne Fassung – nicht zur Veröffentlichung**\n\n# Auftaktworkshop")

    again = cli("report", telgte, "-o", out, "--lang", "en")
    assert again.exit_code == 2
    assert "exists; use --force" in again.stderr
    assert out.read_text(encoding="utf-8") == first

    forced = cli("report", telgte, "-o", out, "--lang", "en", "--force")
    assert forced.exit_code == 0
    assert "Measure sheet" in out.read_text(encoding="utf-8")


def test_json_format(cli: Any, telgte: Path) -> None:
    result = cli("report", telgte, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["ranking"][0]["project"] == "stadtportal"


def test_public_flag(cli: Any, telgte: Path) -> None:
    text = telgte.read_text(encoding="utf-8").replace(
        "    role: Bürgermeister\n", "    role: Bürgermeister\n    name: Wolfgang Pieper\n"
    )
    telgte.write_text(text, encoding="utf-8")
    internal = cli("report", telgte, "--format", "md")
    public = cli("report", telgte, "--format", "md", "--public")
    assert "Wolfgang Pieper" in internal.stdout
    assert "Wolfgang Pieper" not in public.stdout
    assert "Öffentliche Fassung" in public.stdout

    telgte.write_text(text.replace("report:\n", "report:\n  public: true\n"), encoding="utf-8")
    by_file = cli("report", telgte, "--format", "md")
    assert "Wolfgang Pieper" not in by_file.stdout
    overridden = cli("report", telgte, "--format", "md", "--internal")
    assert "Wolfgang Pieper" in overridden.stdout


def test_user_templates(cli: Any, telgte: Path, tmp_path: Path) -> None:
    templates = tmp_path / "brand"
    (templates / "report").mkdir(parents=True)
    (templates / "report" / "cover.html.j2").write_text(
        "<h1>Muster &amp; Co: {{ cover.title }}</h1>\n", encoding="utf-8"
    )
    result = cli("report", telgte, "--templates", templates)
    assert result.exit_code == 0
    assert "<h1>Muster &amp; Co: Auftaktworkshop" in result.stdout


def test_template_typo_is_one_line_not_a_traceback(cli: Any, telgte: Path, tmp_path: Path) -> None:
    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "cover.html.j2").write_text("{{ cover.titel }}\n", encoding="utf-8")
    result = cli("report", telgte, "--templates", tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith("strategy-kit: error: template error:")
    assert "titel" in result.stderr
    assert "Traceback" not in result.stderr


def test_template_syntax_error_names_the_file(cli: Any, telgte: Path, tmp_path: Path) -> None:
    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "cover.md.j2").write_text("ok\n{% if %}\n", encoding="utf-8")
    result = cli("report", telgte, "--templates", tmp_path, "-f", "md")
    assert result.exit_code == 2
    assert "cover.md.j2:2: template error" in result.stderr


def test_missing_template_directory(cli: Any, telgte: Path, tmp_path: Path) -> None:
    result = cli("report", telgte, "--templates", tmp_path / "nope")
    assert result.exit_code == 2
    assert "'--templates'" in result.stderr and "does not exist" in result.stderr


def test_invalid_document_exits_1_with_diagnostics(cli: Any, telgte: Path) -> None:
    telgte.write_text(
        telgte.read_text(encoding="utf-8").replace("  impact: wirkung", "  impact: wirkun"),
        encoding="utf-8",
    )
    result = cli("report", telgte)
    assert result.exit_code == 1
    assert "error:" in result.stderr
    assert result.stdout == ""


def test_unscored_projects_are_warned_about_and_left_out(cli: Any, telgte: Path) -> None:
    text = telgte.read_text(encoding="utf-8").replace(
        "scores: {wirkung: 4, dringlichkeit: 3, aufwand: 3, foerderung: 2, umsetzbar: 1}",
        "scores: {}",
    )
    telgte.write_text(text, encoding="utf-8")
    result = cli("report", telgte, "-f", "md")
    assert result.exit_code == 0
    assert "warning: projects[datenaustausch]: not ranked: no score for wirkung" in result.stderr
    assert "Nicht bewertet (fehlende Bewertungen)" in result.stdout


def test_template_saved_as_latin1_is_one_line_not_a_traceback(cli: Any, telgte: Path, tmp_path: Path) -> None:
    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "cover.html.j2").write_bytes("<h1>Maßnahmen</h1>\n".encode("latin-1"))
    result = cli("report", telgte, "--templates", tmp_path)
    assert result.exit_code == 2
    assert result.stderr == (
        f"strategy-kit: error: template error: {tmp_path / 'report' / 'cover.html.j2'}: "
        "byte 0xdf is not UTF-8; save the template as UTF-8\n"
    )


def test_markdown_suffix_spelled_out_means_markdown(cli: Any, telgte: Path, tmp_path: Path) -> None:
    out = tmp_path / "bericht.markdown"
    assert cli("report", telgte, "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("**Interne Fassung – nicht zur Veröffentlichung**\n\n# Auftaktworkshop")


def test_report_shows_what_the_strategy_file_records(cli: Any, strategy_repo: Path) -> None:
    result = cli("report", strategy_repo / "workshops" / "2019-09-massnahmen.yaml", "-f", "md")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    # the fields of action, each with its projects
    assert "### 4.1 Infrastruktur" in out and "- Zukunftsfähige Infrastruktur (Rang 1)" in out
    # the criteria table has rows, not only its header
    assert "| K1 | Wirkung für Bürgerschaft und Verwaltung | 3 |" in out
    # the maturity the strategy records
    assert "Für kein Handlungsfeld ist ein Reifegrad erfasst" not in out
    assert "| Infrastruktur | 2 | 4 | 2 |" in out and "| Digitales Rathaus | 1 | 4 | 3 |" in out
    # the participants by department, named by the strategy's departments
    assert "| Fachbereich 1: Zentrale Dienste und Finanzen | 1 |" in out


def _portal_done(telgte: Path) -> None:
    """Telgte with its first project (Stadtportal, 77.5 points) finished."""
    text = telgte.read_text(encoding="utf-8")
    head, portal, rest = text.partition("  - id: stadtportal\n")
    assert portal and rest.count("    status: prioritised\n") >= 1
    telgte.write_text(head + portal + rest.replace("    status: prioritised\n", "    status: done\n", 1), encoding="utf-8")


def test_a_finished_project_is_listed_apart_in_every_format(cli: Any, telgte: Path) -> None:
    """Issue 15: a done project came out 'Rang 1, Priorität hoch, Quick Win'."""
    _portal_done(telgte)
    data = json.loads(cli("report", telgte, "-f", "json").stdout)
    assert [e["project"] for e in data["ranking"]][:1] == ["infrastruktur-zukunft"]
    assert [(e["project"], e["rank"], e["score"], e["priority"], e["quadrant"]) for e in data["apart"]] == [
        ("stadtportal", None, None, None, None)
    ]
    assert data["method"]["include_started"] is False
    md = cli("report", telgte, "-f", "md").stdout
    assert "### Nicht zur Entscheidung (in Umsetzung, erledigt oder verworfen)\n\n- Stadtportal mit Online-Services (erledigt)\n" in md
    assert "Gereiht sind die Maßnahmen, über die zu entscheiden ist" in md
    assert "| 1 | Zukunftsfähige Infrastruktur |" in md and "1. Stadtportal" not in md
    html = cli("report", telgte).stdout
    assert "<li>Stadtportal mit Online-Services (erledigt)</li>" in html
    assert "Stadtportal mit Online-Services</td>" not in html.split("<h3>Rangfolge</h3>")[1].split("</table>")[0]
    english = cli("report", telgte, "-f", "md", "--lang", "en").stdout
    assert "- Stadtportal mit Online-Services (done)\n" in english


def test_all_ranks_projects_in_progress_and_done_too(cli: Any, telgte: Path) -> None:
    _portal_done(telgte)
    data = json.loads(cli("report", telgte, "-f", "json", "--all").stdout)
    assert data["ranking"][0]["project"] == "stadtportal" and data["apart"] == []
    assert data["method"]["include_started"] is True
    md = cli("report", telgte, "-f", "md", "--all").stdout
    assert "Auch Maßnahmen in Umsetzung und erledigte sind gereiht" in md
    rank = cli("rank", telgte, "--all").stdout
    assert "Auch Maßnahmen in Umsetzung und erledigte sind gereiht" in rank
    assert "--all" in cli("rank", telgte).stdout  # the note names the option


def test_nothing_up_for_decision_is_said_so(cli: Any, telgte: Path) -> None:
    text = telgte.read_text(encoding="utf-8").replace("    status: prioritised\n", "    status: in-progress\n")
    telgte.write_text(text, encoding="utf-8")
    md = cli("report", telgte, "-f", "md").stdout
    assert "*Keine Maßnahme steht zur Entscheidung." in md
    assert "Noch keine Maßnahme vollständig bewertet" not in md


def test_word_lists_the_finished_project_apart(cli: Any, telgte: Path, tmp_path: Path) -> None:
    import pytest

    docx = pytest.importorskip("docx")
    _portal_done(telgte)
    out = tmp_path / "bericht.docx"
    assert cli("report", telgte, "-o", out).exit_code == 0
    body = [p for p in docx.Document(str(out)).paragraphs if not p.style.name.startswith("toc ")]
    paragraphs = [p.text for p in body]  # the chapter, not its entry in the contents
    at = paragraphs.index("Nicht zur Entscheidung (in Umsetzung, erledigt oder verworfen)")
    assert paragraphs[at + 1] == "Stadtportal mit Online-Services (erledigt)"


def test_a_sub_project_of_an_internal_parent_names_no_parent_in_public(cli: Any, telgte: Path) -> None:
    text = telgte.read_text(encoding="utf-8")
    head, portal, rest = text.partition("  - id: stadtportal\n")
    rest = rest.replace("    status: prioritised\n", "    status: prioritised\n    internal: true\n", 1)
    part = "  - id: online-antraege\n    title: Online-Anträge\n    fields: [digitales-rathaus]\n    parent: stadtportal\n"
    telgte.write_text(head + portal + rest.replace("\n# Folgeworkshops", "\n" + part + "\n# Folgeworkshops", 1), encoding="utf-8")
    internal = json.loads(cli("report", telgte, "-f", "json", "--internal").stdout)
    assert [(e["project"], e["parent"]) for e in internal["sub_projects"]] == [("online-antraege", "stadtportal")]
    public = json.loads(cli("report", telgte, "-f", "json", "--public").stdout)
    assert [(e["project"], e["parent"]) for e in public["sub_projects"]] == [("online-antraege", None)]
    md = cli("report", telgte, "-f", "md", "--public").stdout
    assert "Stadtportal" not in md and "- Online-Anträge (Teilmaßnahme)\n" in md
    assert "Online-Anträge" in cli("rank", telgte, "--public").stdout
    assert "Stadtportal" not in cli("rank", telgte, "--public").stdout


def _with_photo(telgte: Path, examples: Path) -> Path:
    """The Telgte copy (its flipchart photo beside it, as the fixture copies it), the photo also as the logo."""
    assert (telgte.parent / "fotos" / "flipchart-digitale-verwaltung.png").is_file()
    text = telgte.read_text(encoding="utf-8").replace(
        "  state: Nordrhein-Westfalen\n",
        "  state: Nordrhein-Westfalen\n  logo: fotos/flipchart-digitale-verwaltung.png\n",
        1,
    )
    telgte.write_text(text, encoding="utf-8")
    return telgte


def test_the_photo_and_logo_beside_the_file_are_in_the_html(
    cli: Any, telgte: Path, examples: Path
) -> None:
    result = cli("report", _with_photo(telgte, examples))
    assert result.exit_code == 0, result.stderr
    html = result.stdout
    assert '<img class="logo" src="data:image/png;base64,' in html
    assert 'alt="Wappen von Stadt Telgte"' in html
    assert '<figure class="photo">\n<img src="data:image/png;base64,' in html
    assert 'alt="Flipchart mit zwei Listen. Chancen: Anträge online' in html
    assert (
        "<figcaption>Flipchart der Arbeitsgruppe Digitale Verwaltung mit der Bepunktung</figcaption>"
        in html
    )
    block = html[html.index("Arbeitsgruppe: Digitale Verwaltung") :]
    assert block.index("fehlendes WLAN") < block.index('<figure class="photo">')


def test_the_photo_and_logo_are_pictures_in_word_with_alt_text(
    cli: Any, telgte: Path, examples: Path, tmp_path: Path
) -> None:
    import docx
    from docx.oxml.ns import qn

    out = tmp_path / "bericht.docx"
    result = cli("report", _with_photo(telgte, examples), "-o", out)
    assert result.exit_code == 0, result.stderr
    document = docx.Document(str(out))
    # The logo and the photo come first; the charts (their own pictures) follow later.
    shapes = list(document.inline_shapes)[:2]
    alts = [shape._inline.find(qn("wp:docPr")).get("descr") for shape in shapes]
    assert alts[0] == "Wappen von Stadt Telgte"
    assert alts[1].startswith("Flipchart mit zwei Listen.")
    section = document.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    assert shapes[1].width <= text_width and shapes[0].width < shapes[1].width
    texts = [p.text for p in document.paragraphs]
    caption = "Flipchart der Arbeitsgruppe Digitale Verwaltung mit der Bepunktung"
    assert caption in texts


def test_a_logo_outside_the_files_folder_is_not_read(cli: Any, telgte: Path, tmp_path: Path) -> None:
    (tmp_path.parent / "fremd.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    text = telgte.read_text(encoding="utf-8").replace(
        "  state: Nordrhein-Westfalen\n", "  state: Nordrhein-Westfalen\n  logo: ../fremd.png\n", 1
    )
    telgte.write_text(text, encoding="utf-8")
    result = cli("report", telgte)
    # check refuses it at its key, so no report is written with or without it
    assert result.exit_code == 1
    assert "municipality.logo: '../fremd.png' lies outside this file's folder" in result.stderr
    assert 'class="logo"' not in result.stdout
