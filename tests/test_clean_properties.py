"""Properties of the clean stage over any text: spans in bounds, disjoint, trimmed; text untouched."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from casus.clean import clean_document
from casus.clean.lines import split_lines
from casus.records import Document

FRAGMENTS = [
    "READ MORE: ", "Related: ", "Watch: ", "— ", "– ", "(@", ")", "@navy", " 25 февраля 2019 г.",
    " 3 de marzo de 2024", "pic.twitter.com/Ab1", "Advertisement", "Share", "Photo: ", "(Reuters/Jo Doe)",
    "Learn...", "…", ". ", "The fleet sailed at dawn", " said officials.", "\n", "\n\n", "\r\n", " ", "\t",
    "Talks in Geneva", "* ", "A post shared by ", " on Mar 3, 2020 at 3:15pm PST", "\u2028", "😀", "é",
]
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=12), max_size=60).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_clean_spans_in_bounds_disjoint_and_text_unchanged(text: str) -> None:
    doc = Document("d", "d.txt", text)
    out = clean_document(doc)
    assert out.text == text and doc.text == text
    previous_end = 0
    for span in out.removed:
        assert 0 <= span.start < span.end <= len(text)
        assert span.start >= previous_end
        assert span.kind and span.reason
        piece = text[span.start:span.end]
        assert "\n" not in piece and piece == piece.strip()
        previous_end = span.end
    for embed in out.embeds:
        assert 0 <= embed.start < embed.end <= len(text)
        assert embed.date is None or len(embed.date) == 10


@settings(max_examples=200, deadline=None)
@given(texts)
def test_clean_lines_point_at_their_text(text: str) -> None:
    for line in split_lines(text):
        assert text[line.start:line.end] == line.text
        assert line.text and line.text == line.text.strip()


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join))
def test_clean_is_deterministic(text: str) -> None:
    first = clean_document(Document("d", "d.txt", text))
    second = clean_document(Document("d", "d.txt", text))
    assert first.removed == second.removed and first.embeds == second.embeds
