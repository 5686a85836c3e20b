"""Markdown escaping: any text renders as exactly that text, and nothing else."""

from __future__ import annotations

import html

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from tests.conftest import EXAMPLES, Invoke

from strategy_kit.present.render import md_cell, md_escape
from strategy_kit.present.text import one_line

MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable("table")
texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=60
).filter(one_line)  # some visible text is left after the text policy


def shown(text: str) -> str:
    """How the text must appear in HTML: the text policy's one line, special characters as entities.

    Bidi controls (U+2066, ...) are among what the policy drops, so they are not expected back.
    """
    return html.escape(one_line(text), quote=False).replace('"', "&quot;")


@settings(max_examples=400, deadline=None)
@given(texts)
@example("Projekt\u2066 Isolat\u2069 und \u202eUmkehr")  # the bidi controls the policy drops
@example("Begrüßung\u2028zweite Zeile\u2029dritte")  # separators are spaces, never nothing
def test_any_text_is_one_plain_paragraph(text: str) -> None:
    assert MARKDOWN.render(md_escape(text)) == f"<p>{shown(text)}</p>\n"


@settings(max_examples=200, deadline=None)
@given(texts)
def test_any_text_stays_inside_its_list_item_and_table_cell(text: str) -> None:
    assert MARKDOWN.render(f"- {md_escape(text)}\n") == f"<ul>\n<li>{shown(text)}</li>\n</ul>\n"
    table = MARKDOWN.render(f"| a |\n|---|\n| {md_cell(text)} |\n")
    assert table.count("<td>") == 1
    assert f"<td>{shown(text)}</td>" in table


def test_plain_words_stay_readable_in_the_source() -> None:
    assert md_escape("Co-Moderation, City & Bits, 31.05.2019, a -> b") == (
        "Co-Moderation, City & Bits, 31.05.2019, a -> b"
    )
    assert md_escape("- 1. # > <b> | *x* [l](u) `c` ~s~ &amp;") == (
        "\\- 1. # > &lt;b> \\| \\*x\\* \\[l\\](u) \\`c\\` \\~s\\~ &amp;amp;"
    )


# -- the Content-Security-Policy of every HTML document ------------------------------------

HTML_DOCUMENTS = {
    "agenda": ["plan", "{telgte}", "-f", "html"],
    "handout": ["plan", "{telgte}", "-f", "html", "--handout"],
    "projector": ["plan", "{telgte}", "-f", "html", "--projector", "--now", "10:45"],
    "report": ["report", "{telgte}", "-f", "html"],
    "status": ["status", "{repo}", "--today", "2027-01-15", "-f", "html"],
}


def _policies(page: str) -> list[str]:
    """The content of every CSP meta element, as a browser reads the page."""
    import html5lib

    tree = html5lib.parse(page, namespaceHTMLElements=False)
    return [
        meta.get("content", "")
        for meta in tree.iter("meta")
        if (meta.get("http-equiv") or "").lower() == "content-security-policy"
    ]


@pytest.mark.parametrize("name", list(HTML_DOCUMENTS))
def test_every_html_document_forbids_what_comes_from_elsewhere(cli: Invoke, name: str) -> None:
    """One policy, in the head of each document: nothing loaded or run from elsewhere."""
    from strategy_kit.present.render import CONTENT_SECURITY_POLICY

    argv = [
        a.format(telgte=EXAMPLES / "telgte.yaml", repo=EXAMPLES / "strategy-repo")
        for a in HTML_DOCUMENTS[name]
    ]
    result = cli(*argv)
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert _policies(page) == [CONTENT_SECURITY_POLICY]
    assert page.index("Content-Security-Policy") < page.index("<style")  # before anything it governs
    assert "<script" not in page  # nothing the policy would have to allow by hash


def test_the_policy_allows_inline_styles_and_data_pictures_only() -> None:
    from strategy_kit.present.render import CONTENT_SECURITY_POLICY

    rules = dict(rule.strip().partition(" ")[::2] for rule in CONTENT_SECURITY_POLICY.split(";"))
    assert rules == {
        "default-src": "'none'",
        "style-src": "'unsafe-inline'",
        "img-src": "data:",
        "base-uri": "'none'",
        "form-action": "'none'",
    }
