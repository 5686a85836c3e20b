"""Markdown escaping: any text renders as exactly that text, and nothing else."""

from __future__ import annotations

import html

from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

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
