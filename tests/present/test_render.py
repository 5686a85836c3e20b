"""Markdown escaping: any text renders as exactly that text, and nothing else."""

from __future__ import annotations

import html

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from strategy_kit.present.render import md_cell, md_escape

MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable("table")
texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=60
).filter(lambda t: t.split())


def shown(text: str) -> str:
    """How the text must appear in HTML: whitespace collapsed, special characters as entities."""
    return html.escape(" ".join(text.split()), quote=False).replace('"', "&quot;")


@settings(max_examples=400, deadline=None)
@given(texts)
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
