"""The cue lists of ``data/boilerplate.json``, compiled once into regular expressions.

Word lists live in data so that a new outlet's residue is a data change, not a code change.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

DATA_FILE = "boilerplate.json"
_PUNCT_EDGES = " \t.:;,!?|·•-–—>»«<()[]\"'“”‘’"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Compiled cues and limits for every removed kind."""

    related_link: re.Pattern[str]
    related_max_words: int
    related_block_headings: frozenset[str]
    related_block_max_lines: int
    related_block_line_max_words: int
    navigation_exact: frozenset[str]
    navigation_prefix: re.Pattern[str]
    navigation_max_words: int
    advertisement_exact: frozenset[str]
    caption_prefix: re.Pattern[str]
    caption_credit: re.Pattern[str]
    caption_max_words: int
    teaser_ending: re.Pattern[str]
    headline_max_words: int
    summary_max_words: int
    max_teasers: int
    subheading_max_words: int
    body_min_words: int
    credit_cues: tuple[tuple[str, re.Pattern[str]], ...]
    date_connectors: re.Pattern[str]
    max_post_lines: int
    date_languages: tuple[str, ...]


def normalise(text: str) -> str:
    """Lower case, inner whitespace collapsed, punctuation and arrows trimmed from both ends."""
    return " ".join(text.lower().split()).strip(_PUNCT_EDGES)


def phrase_union(phrases: list[str], lower: bool = True) -> str:
    """A regex alternation of phrases, longest first, any run of whitespace between their words."""
    ordered = sorted({p.lower() if lower else p for p in phrases}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(word) for word in p.split()) for p in ordered)


def _related(cfg: dict[str, Any]) -> re.Pattern[str]:
    # cue, then a separator, then the linked headline: "READ MORE: ...", "Related | ...", "Watch — ..."
    return re.compile(rf"^(?P<cue>{phrase_union(cfg['cues'])})(?:\s*[:：|»>›]+|\s+[–—-]+)\s*\W?\w", re.IGNORECASE)


def _navigation_prefix(cfg: dict[str, Any]) -> re.Pattern[str]:
    return re.compile(rf"^(?:{phrase_union(cfg['prefixes'])})(?!\w)", re.IGNORECASE)


def _caption_prefix(cfg: dict[str, Any]) -> re.Pattern[str]:
    bare = phrase_union(cfg["prefixes_without_colon"])
    colon = phrase_union(cfg["prefixes_with_colon"])
    return re.compile(rf"^(?:(?:{bare})\b|(?:{colon})\s*[:：|])", re.IGNORECASE)


_NAME = r"[A-Z][\w.'’-]*"  # one capitalised word of a photographer's or agency's name


def _caption_credit(cfg: dict[str, Any]) -> re.Pattern[str]:
    # "(Reuters/Jane Doe)", "(AP Photo/John Roe)", "(Photo: AFP)", "REUTERS/Jane Doe" at the line's end
    agencies = phrase_union(cfg["agencies"])
    cased = phrase_union([a.upper() for a in cfg["agencies"]] + [a.title() for a in cfg["agencies"]], lower=False)
    return re.compile(
        rf"(?:\(\s*(?:{agencies})\s*/[^()]{{1,80}}\)|\(\s*(?:photo|foto|image|picture|credit)s?\s*[:：/][^()]{{1,80}}\)"
        rf"|(?-i:\b(?:{cased})\s*/\s*{_NAME}(?:\s+{_NAME}){{0,3}}))\s*\.?$",
        re.IGNORECASE,
    )


def _teaser_ending(cfg: dict[str, Any]) -> re.Pattern[str]:
    return re.compile(rf"(?:\.\.\.|…|\b(?:{phrase_union(cfg['endings'])}))[\s.…»>›→)\]]*$", re.IGNORECASE)


def _credit_cues(cfg: dict[str, Any]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((kind, re.compile(rf"^(?:{phrase_union(cues)})\s+", re.IGNORECASE))
                 for kind, cues in cfg["credit_cues"].items())


@functools.cache
def load_lexicon() -> Lexicon:
    """Read and compile the packaged word lists (once per process)."""
    raw = json.loads(resources.files("casus.clean").joinpath("data", DATA_FILE).read_text(encoding="utf-8"))
    rel, nav, ads, cap = raw["related_link"], raw["navigation"], raw["advertisement"], raw["caption"]
    tea, sub, emb = raw["teaser"], raw["subheading"], raw["embed"]
    return Lexicon(
        related_link=_related(rel), related_max_words=rel["max_words"],
        related_block_headings=frozenset(normalise(p) for p in rel["block_headings"]),
        related_block_max_lines=rel["block_max_lines"], related_block_line_max_words=rel["block_line_max_words"],
        navigation_exact=frozenset(normalise(p) for p in nav["exact"]),
        navigation_prefix=_navigation_prefix(nav), navigation_max_words=nav["max_words"],
        advertisement_exact=frozenset(normalise(p) for p in ads["exact"]),
        caption_prefix=_caption_prefix(cap), caption_credit=_caption_credit(cap), caption_max_words=cap["max_words"],
        teaser_ending=_teaser_ending(tea), headline_max_words=tea["headline_max_words"],
        summary_max_words=tea["summary_max_words"], max_teasers=tea["max_teasers"],
        subheading_max_words=sub["max_words"], body_min_words=sub["body_min_words"],
        credit_cues=_credit_cues(emb),
        date_connectors=re.compile(rf"^(?:{phrase_union(emb['date_connectors'])})\s+", re.IGNORECASE),
        max_post_lines=emb["max_post_lines"], date_languages=tuple(emb["date_languages"]),
    )
