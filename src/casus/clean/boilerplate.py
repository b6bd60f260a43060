"""Single-line page residue: related-story links, navigation, advertisements, photo captions.

Each check looks at one line alone, with the cue lists of ``data/boilerplate.json``, and answers
``(kind, reason)`` or None. Every cue is bounded by a word limit, so a body paragraph that happens
to start with "Watch" or "Follow" is not taken for residue.
"""

from __future__ import annotations

from collections.abc import Callable

from casus.clean.lexicon import Lexicon, normalise
from casus.clean.lines import word_count

Finding = tuple[str, str]
_MAX_CHARS = 700  # longer lines are body paragraphs whatever they start with
_BUTTON_ROW_WORDS = 8
_LABEL_CHARS = 80  # menu words, button rows and ad labels are shorter than this


def advertisement(text: str, lex: Lexicon) -> Finding | None:
    if len(text) <= _LABEL_CHARS and normalise(text) in lex.advertisement_exact:
        return "advertisement", f"advertising label '{text[:40]}'"
    return None


def navigation(text: str, lex: Lexicon) -> Finding | None:
    """Site chrome: a menu or share-button word, a row of them, or a follow/subscribe/cookie line."""
    if len(text) <= _LABEL_CHARS:
        norm = normalise(text)
        if norm in lex.navigation_exact:
            return "navigation", f"navigation label '{text[:40]}'"
        words = norm.split()
        if 0 < len(words) <= _BUTTON_ROW_WORDS and all(normalise(w) in lex.navigation_exact for w in words):
            return "navigation", "row of share or menu buttons"
    cue = lex.navigation_prefix.match(text)
    if cue and word_count(text) <= lex.navigation_max_words:
        return "navigation", f"navigation cue '{cue.group(0)}'"
    return None


def related_link(text: str, lex: Lexicon) -> Finding | None:
    cue = lex.related_link.match(text)
    if cue and word_count(text) <= lex.related_max_words:
        return "related_link", f"link to another story after the cue '{cue['cue']}'"
    return None


def caption(text: str, lex: Lexicon) -> Finding | None:
    """A photo caption: a caption/photo cue first, or a picture-agency credit last."""
    cue = lex.caption_prefix.match(text)
    credit = None if cue or ("/" not in text and "(" not in text) else lex.caption_credit.search(text)
    if not (cue or credit):
        return None
    if word_count(text) > lex.caption_max_words:
        return None
    if cue:
        return "caption", f"photo caption cue '{cue.group(0).strip(' :|')}'"
    if credit:
        return "caption", f"photo credit '{credit.group(0).strip()[:40]}'"
    return None


CHECKS: tuple[Callable[[str, Lexicon], Finding | None], ...] = (advertisement, navigation, related_link, caption)


def classify_line(text: str, lex: Lexicon) -> Finding | None:
    """The first residue kind a line shows, or None for a line that may be body."""
    if len(text) > _MAX_CHARS:
        return None
    for check in CHECKS:
        found = check(text, lex)
        if found:
            return found
    return None
