"""Embedded social-media posts: their credit lines and the post text above them.

A scraped tweet reads as its text line(s), then a credit ``— Name (@handle) date``. The credit is
page residue (removed, kind ``embed_credit``); the post is a source of its own, so it is kept as text
and recorded as an ``Embed`` whose span runs from the first post line to the end of the credit line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casus.clean.dates import parse_credit_date
from casus.clean.lexicon import Lexicon
from casus.clean.lines import Line
from casus.records import Embed, RemovedSpan

_MAX_CREDIT_CHARS = 220
_MAX_AUTHOR_WORDS = 10
_MAX_DATE_CHARS = 40
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_INLINE_DASHES = ("—", "–", "―")
_MARKUP = re.compile(r"<[^<>]{0,200}>")
_DASH = re.compile(r"^[—–―‒-]{1,2}\s*")
_TAIL = re.compile(
    r"(?:(?P<author>[^()@\n—–―/]{1,80}?)\s*\(\s*@(?P<handle>[A-Za-z0-9_.]{1,30})\s*\)|@(?P<bare>[A-Za-z0-9_.]{1,30}))"
    r"\s*(?P<date>[^()@]{0,80})$"
)
_MEDIA_REMAINDER = re.compile(r"^(?:(?:https?://)?pic\.(?:twitter|x)\.com/\w+\s*)+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Credit:
    """What a credit line says of the post above it."""

    kind: str
    author: str | None
    handle: str | None
    date: str | None


def is_media_remainder(text: str) -> bool:
    """A line that is only a ``pic.twitter.com/...`` link: the image of an embedded tweet."""
    return "pic." in text and bool(_MEDIA_REMAINDER.match(text))


def parse_credit(text: str, lex: Lexicon) -> Credit | None:
    """The credit a line gives, or None when it is not an embed credit line."""
    if "@" not in text or len(text) > _MAX_CREDIT_CHARS:
        return None
    for kind, cue in lex.credit_cues:
        cued = cue.match(text)
        if cued:
            return _credit(kind, text[cued.end():], lex, need_date=False)
    dashed = _DASH.match(text)
    if dashed:
        return _credit("tweet", text[dashed.end():], lex, need_date=False, need_parens=True)
    return _credit("tweet", text, lex, need_date=True, need_parens=True)


def _credit(kind: str, tail: str, lex: Lexicon, need_date: bool, need_parens: bool = False) -> Credit | None:
    found = _TAIL.fullmatch(tail.strip())
    if not found or (need_parens and not found["handle"]):
        return None
    author = (found["author"] or "").strip(" \t,;:·|") or None
    if author and len(author.split()) > _MAX_AUTHOR_WORDS:
        return None
    date_text = lex.date_connectors.sub("", _MARKUP.sub("", found["date"]).strip(" \t.,;"))
    date = parse_credit_date(date_text, lex.date_languages) if date_text else None
    if (need_date and not date) or (date_text and not date and not _looks_dated(date_text)):
        return None
    return Credit(kind, author, found["handle"] or found["bare"], date)


def _looks_dated(text: str) -> bool:
    """A short text with a year in it: a date in a locale the parser does not know, not a sentence."""
    return len(text) <= _MAX_DATE_CHARS and bool(_YEAR.search(text))


def block_mode(lines: list[Line]) -> bool:
    """Whether the text separates paragraphs by blank lines, so a post may span several lines."""
    gaps = sum(1 for line in lines[1:] if line.blank_before)
    return len(lines) > 2 and gaps * 2 >= len(lines) - 1


def post_lines(lines: list[Line], credit_index: int, claimed: set[int], blocks: bool, limit: int) -> list[Line]:
    """The lines of the post above a credit line, nearest last; stops at anything already claimed."""
    found: list[Line] = []
    j = credit_index - 1
    while j >= 0 and j not in claimed and len(found) < limit:
        line = lines[j]
        found.append(line)
        if not is_media_remainder(line.text) and (not blocks or line.blank_before):
            break
        j -= 1
    return found[::-1]


def inline_credit(text: str, lex: Lexicon) -> tuple[int, Credit] | None:
    """A credit run on at the end of the post's own line ("... pic.twitter.com/x — Name (@h) date")."""
    handle_at = text.rfind("(@")
    dash_at = max(text.rfind(dash, 0, handle_at) for dash in _INLINE_DASHES) if handle_at > 0 else -1
    if dash_at <= 0:
        return None
    credit = parse_credit(text[dash_at:], lex)
    return (dash_at, credit) if credit else None


def find_credits(lines: list[Line], lex: Lexicon) -> dict[int, tuple[int, Credit]]:
    """Credit lines by line index, with where the credit starts in the line (0: the whole line)."""
    found: dict[int, tuple[int, Credit]] = {}
    for line in lines:
        if "@" not in line.text:
            continue
        whole = parse_credit(line.text, lex)
        hit = (0, whole) if whole else inline_credit(line.text, lex)
        if hit:
            found[line.index] = hit
    return found


def find_embeds(lines: list[Line], lex: Lexicon) -> tuple[list[Embed], list[RemovedSpan], set[int]]:
    """Embeds, the removed spans of their credits and image links, and the indices of every line they use."""
    credits = find_credits(lines, lex)
    remainders = {line.index for line in lines if line.index not in credits and is_media_remainder(line.text)}
    removed = [_removed(lines[i], 0, "image link left by an embedded post") for i in sorted(remainders)]
    claimed = set(credits) | remainders
    blocks = block_mode(lines)
    embeds: list[Embed] = []
    for index, (offset, credit) in sorted(credits.items()):
        line = lines[index]
        post = [] if offset else post_lines(lines, index, claimed - remainders, blocks, lex.max_post_lines)
        claimed.update(p.index for p in post)
        start = post[0].start if post else line.start
        embeds.append(Embed(start, line.end, credit.kind, credit.author, credit.handle, credit.date))
        removed.append(_removed(line, offset, f"{credit.kind} credit of @{credit.handle}"))
    return embeds, removed, claimed


def _removed(line: Line, offset: int, reason: str) -> RemovedSpan:
    return RemovedSpan(line.start + offset, line.end, "embed_credit", reason)
