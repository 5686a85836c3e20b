"""In ``--public`` output no name or e-mail of a non-consenting participant appears, in any format.

Every participant of the Telgte example gets a name and an e-mail; one of them
consents (``public: true``). Each current output format is rendered in public
mode and searched for every secret, in the bytes as written and after the
format's own decoding (HTML entities, JSON and iCalendar escapes, line folding).
"""

from __future__ import annotations

import html
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import EXAMPLES, Invoke


def private_document() -> tuple[dict[str, Any], list[str], list[str]]:
    from strategy_kit.files.source import decode
    from strategy_kit.files.yamlio import load_yaml, plain

    data = plain(load_yaml(decode((EXAMPLES / "telgte.yaml").read_bytes(), "telgte.yaml")))
    secrets, consented = [], []
    for n, person in enumerate(data["participants"]):
        if n == 1:
            person.update(name="Lea Offenherz", email="lea.offenherz@amt.example", public=True)
            consented += ["Lea Offenherz", "lea.offenherz@amt.example"]
            continue
        person.update(name=f"Xaver{n} Geheimbauer", email=f"xaver{n}.geheim@stadt.example", public=False)
        secrets += [f"Xaver{n}", "Geheimbauer", f"xaver{n}.geheim@stadt.example"]
    return data, secrets, consented


@pytest.fixture(scope="module")
def private(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], list[str]]:
    data, secrets, consented = private_document()
    path = tmp_path_factory.mktemp("privacy") / "ws.yaml"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return path, secrets, consented


def unfold(data: bytes) -> str:
    """Output as its reader sees it: iCalendar lines unfolded, escapes and entities decoded.

    A zip (the workbook) is read as the text of all its parts.
    """
    if data.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            data = b"\n".join(archive.read(name) for name in archive.namelist())
    text = data.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")
    text = text.replace("\\,", ",").replace("\\;", ";").replace("\\n", " ").replace("\\\\", "\\")
    return html.unescape(text)


#: Every current output that --public governs; a new format adds a row.
PUBLIC_OUTPUTS = [
    *[["plan", "-f", fmt] for fmt in ("text", "md", "html", "ics", "json")],
    ["plan", "-f", "ics", "--ics", "per-day"],
    *[["report", "-f", fmt] for fmt in ("html", "md", "json")],
    ["rank"],
    *[["export", "-f", fmt] for fmt in ("csv", "decidim", "xlsx", "json")],
]


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("argv", PUBLIC_OUTPUTS, ids=[" ".join(a) for a in PUBLIC_OUTPUTS])
def test_public_output_names_nobody_without_consent(
    cli: Invoke, private: tuple[Path, list[str], list[str]], argv: list[str], lang: str
) -> None:
    path, secrets, _ = private
    result = cli(argv[0], path, *argv[1:], "--public", "--lang", lang)
    assert result.exit_code == 0, result.output
    for shown in (result.stdout_bytes.decode("utf-8", "replace"), unfold(result.stdout_bytes)):
        if argv[-1] == "json":
            shown += json.dumps(json.loads(result.stdout), ensure_ascii=False)
        leaked = [s for s in secrets if s.lower() in shown.lower()]
        assert not leaked, leaked


def test_internal_output_does_name_them(cli: Invoke, private: tuple[Path, list[str], list[str]]) -> None:
    """The check above can fail: the same secrets are there in internal output."""
    path, secrets, consented = private
    text = cli("report", path, "-f", "md", "--internal").stdout
    assert any(secret in text for secret in secrets)
    public = cli("report", path, "-f", "md", "--public").stdout.replace("\\", "")
    # Consent shows her name where she owns a step; the public edition has no list for her e-mail.
    name, email = consented
    assert name in public and email not in public
    assert email in text.replace("\\", "")


def test_report_public_in_the_file_means_public_output(cli: Invoke, tmp_path: Path) -> None:
    data, secrets, _ = private_document()
    data.setdefault("report", {})["public"] = True
    path = tmp_path / "ws.yaml"
    path.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    for argv in PUBLIC_OUTPUTS:
        shown = unfold(cli(argv[0], path, *argv[1:]).stdout_bytes)
        assert not [s for s in secrets if s in shown], argv


#: The formats of the participants' handout, and the projector (the same content on a screen).
HANDOUTS = [
    *[["--handout", "-f", fmt] for fmt in ("text", "md", "html", "ics", "docx")],
    ["--handout", "-f", "ics", "--ics", "per-day"],
    ["-f", "html", "--projector"],
]


def _plan(cli: Invoke, path: Path, tmp_path: Path, argv: list[str]) -> str:
    """What ``plan`` writes, as its reader sees it; Word and PDF through a file."""
    fmt = argv[argv.index("-f") + 1]
    if fmt in ("docx", "pdf"):
        out = tmp_path / f"plan.{fmt}"
        result = cli("plan", path, *argv, "-o", out, "--force")
        assert result.exit_code == 0, result.output
        if fmt == "pdf":
            from tests.readers import pdf_text

            return pdf_text(out)
        with zipfile.ZipFile(out) as archive:  # the text parts; a picture is not text
            parts = [n for n in archive.namelist() if n.endswith((".xml", ".rels"))]
            return html.unescape(b"\n".join(archive.read(n) for n in parts).decode("utf-8"))
    result = cli("plan", path, *argv)
    assert result.exit_code == 0, result.output
    return unfold(result.stdout_bytes)


@pytest.mark.parametrize("argv", HANDOUTS, ids=[" ".join(a) for a in HANDOUTS])
def test_the_handout_is_public_without_being_asked(
    cli: Invoke, private: tuple[Path, list[str], list[str]], argv: list[str], tmp_path: Path
) -> None:
    """A handout goes to every participant: roles only, a name only with consent."""
    path, secrets, consented = private
    shown = _plan(cli, path, tmp_path, argv)
    if "per-day" not in argv:  # a day's event lists the sessions without their leads
        assert "Moderation" in shown  # the leads are there, by their role
    assert not [s for s in secrets if s.lower() in shown.lower()]
    assert not [c for c in consented if "@" in c and c in shown]  # an agenda has no e-mail


@pytest.mark.slow
def test_the_handout_pdf_names_nobody_without_consent(
    cli: Invoke, private: tuple[Path, list[str], list[str]], tmp_path: Path
) -> None:
    path, secrets, _ = private
    shown = _plan(cli, path, tmp_path, ["--handout", "-f", "pdf"])
    assert "Moderation" in shown
    assert not [s for s in secrets if s.lower() in shown.lower()]


def test_the_facilitator_edition_keeps_the_names(
    cli: Invoke, private: tuple[Path, list[str], list[str]], tmp_path: Path
) -> None:
    """The check above can fail: the facilitator's edition, and a handout asked for with
    --internal, name the leads.
    """
    path, secrets, _ = private
    for argv in (["-f", "md"], ["--handout", "-f", "md", "--internal"]):
        shown = _plan(cli, path, tmp_path, argv)
        assert [s for s in secrets if s in shown], argv


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_implementation_report_names_nobody_without_consent(
    cli: Invoke, private: tuple[Path, list[str], list[str]], fmt: str
) -> None:
    """The report over the file's folder: owners of overdue steps by role, never by name."""
    path, secrets, _ = private
    result = cli("report", path.parent, "-f", fmt)  # public by default
    assert result.exit_code == 0, result.output
    shown = unfold(result.stdout_bytes)
    assert "Überfällige nächste Schritte" in shown  # the chapter that names owners is there
    assert not [s for s in secrets if s.lower() in shown.lower()]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_implementation_reports_measure_sheets_name_a_lead_by_role(cli: Invoke, tmp_path: Path, fmt: str) -> None:
    """A workshop's measure led by a participant: its sheet in the annex shows the role, never the name."""
    import shutil

    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES / "strategy-repo", repo)
    workshop = repo / "workshops" / "2019-09-massnahmen.yaml"
    text = workshop.read_text("utf-8")
    text = text.replace(
        "  - id: personalrat\n", "  - id: personalrat\n    name: Xaver Geheimbauer\n    email: xaver.geheim@stadt.example\n", 1
    )
    text = text.replace("    lead: fb4\n    status: candidate\n", "    lead: personalrat\n    status: prioritised\n", 1)
    workshop.write_text(text, "utf-8")
    assert cli("check", str(workshop)).exit_code == 0
    public = cli("report", str(repo), "-f", fmt)
    assert public.exit_code == 0, public.output
    shown = unfold(public.stdout_bytes)
    assert "Maßnahmensteckbrief" in shown and "Mitglied des Personalrats" in shown
    assert not [s for s in ("Xaver", "Geheimbauer", "xaver.geheim") if s in shown]
    internal = unfold(cli("report", str(repo), "-f", fmt, "--internal").stdout_bytes)
    assert "Xaver Geheimbauer" in internal  # the lead flows into the sheet; only the edition hides it
