"""Residue told by its place among the lines: trailing teasers and sub-headings.

Both are short lines without final punctuation; what marks them is where they stand. A teaser is a
headline plus a clipped summary after the article's last paragraph; a sub-heading stands between two
body paragraphs. The checks run on the lines no other check removed, and are conservative: a line
is body unless its neighbours show it is not.
"""

from __future__ import annotations

from collections.abc import Iterator

from casus.clean.lexicon import Lexicon, normalise
from casus.clean.lines import Line, ends_open, ends_sentence, is_bullet, starts_upper, word_count

Marked = tuple[Line, str]


def is_body(text: str, lex: Lexicon) -> bool:
    """A paragraph of prose: a finished sentence of some length."""
    return ends_sentence(text) and word_count(text) >= lex.body_min_words


def is_heading(text: str, max_words: int) -> bool:
    """A short, capitalised line that ends without punctuation and is no list item or link."""
    if len(text) > 16 * max_words or not ends_open(text):
        return False
    words = word_count(text)
    return (1 <= words <= max_words and ends_open(text) and starts_upper(text) and not is_bullet(text)
            and "://" not in text and "@" not in text and any(c.isalpha() for c in text))


def is_summary(text: str, lex: Lexicon) -> bool:
    """A clipped story summary: ends in an ellipsis or a 'Learn more' cue, and is short."""
    return word_count(text) <= lex.summary_max_words and bool(lex.teaser_ending.search(text))


def is_link_title(text: str, lex: Lexicon) -> bool:
    """A story title in a list of links: short, capitalised, not a finished sentence ending in a period."""
    core = text.rstrip(" \t\"'”’»)")
    return (0 < word_count(text) <= lex.related_block_line_max_words and starts_upper(text)
            and not core.endswith((".", ":", ";", ",")) and not is_bullet(text))


def find_related_blocks(lines: list[Line], lex: Lexicon, protected: set[int]) -> list[Marked]:
    """A bare 'Related stories' / 'Lire aussi' line and the story titles listed under it."""
    marked: list[Marked] = []
    i = 0
    while i < len(lines):
        if lines[i].index not in protected and normalise(lines[i].text) in lex.related_block_headings:
            titles = _link_list(lines, i + 1, lex, protected)
            marked.append((lines[i], "heading of a list of links to other stories"))
            marked += [(line, "title in a list of links to other stories") for line in titles]
            i += len(titles)
        i += 1
    return marked


def _link_list(lines: list[Line], first: int, lex: Lexicon, protected: set[int]) -> list[Line]:
    titles: list[Line] = []
    for line in lines[first:first + lex.related_block_max_lines]:
        if line.index in protected or not is_link_title(line.text, lex):
            break
        titles.append(line)
    return titles


def find_teasers(lines: list[Line], lex: Lexicon, protected: set[int]) -> list[Marked]:
    """Headline + summary pairs at the very end of the text, after at least one body paragraph."""
    marked: list[Marked] = []
    end = len(lines)
    while end >= 3 and len(marked) < 2 * lex.max_teasers:
        head, summary = lines[end - 2], lines[end - 1]
        if (head.index == 0 or head.index in protected or summary.index in protected
                or not is_heading(head.text, lex.headline_max_words) or not is_summary(summary.text, lex)):
            break
        marked += [(summary, "teaser summary for another story, clipped at the end of the text"),
                   (head, "headline of a teaser for another story, after the article")]
        end -= 2
    if not any(is_body(line.text, lex) for line in lines[:end]):
        return []
    return marked


def find_subheadings(lines: list[Line], lex: Lexicon, protected: set[int]) -> Iterator[Marked]:
    """Short unpunctuated lines with a body paragraph on each side (never the text's first line).

    An embedded post counts as body on either side. The paragraph after must start a sentence: a
    line that runs on in lower case is a sentence broken where a scraper dropped a link, not a heading.
    """
    for before, line, after in zip(lines, lines[1:], lines[2:], strict=False):
        if (line.index > 0 and line.index not in protected and is_heading(line.text, lex.subheading_max_words)
                and _reads(before, lex, protected) and _reads(after, lex, protected) and starts_upper(after.text)):
            yield line, "sub-heading: short unpunctuated line between body paragraphs"


def _reads(line: Line, lex: Lexicon, embedded: set[int]) -> bool:
    return line.index in embedded or is_body(line.text, lex)
