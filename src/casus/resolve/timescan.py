"""The table of time rules and the scanner that applies them to a text.

One pass of one compiled regex finds the cue words (month and weekday names, relative words,
digit runs) in the lower-cased text; each rule then runs only in windows around its own cues,
and not at all when the text lacks them. Overlapping hits are settled longest first, and
"since X" widens X up to the reference. A pattern's named group ``x``, when present, is the
span reported (so "in 2018" reports "2018").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from types import MappingProxyType

from casus.resolve import lexicon
from casus.resolve import timelex as lx
from casus.resolve import timerel as rel
from casus.resolve import timerules as ex
from casus.resolve.numbers import number_words
from casus.resolve.timerules import Rule, TimeSpan

DIGIT, YEAR = "<digit>", "<year>"
DIGIT4, DECADE, ORDINAL = "<digit4>", "<decade>", "<ordinal>"  # a 4-digit run, a run ending in 0, '25th'
_ORDINAL_ENDS = frozenset({"st", "nd", "rd", "th"})
_NTH_DAY = r"(?:st|nd|rd|th)?"
_DAY2 = rf"(?:\s*(?:-|–|(?i:to|and|through))\s*(?P<day2>[0-3]?\d){_NTH_DAY}(?![\d:]))?"
_RANGE_JOIN = r"\s*(?:-|–|—|(?i:to|and|through|until|till))\s*"
_YEAR_LIKE = re.compile(r"(?:1[6-9]|20)\d\d")
_SINCE = re.compile(r"\b(?i:ever\s+since|since)\s+$")


def _year_tail(group: str = "year") -> str:
    """', 2019' after a day and month: across at most one line break (a blank line ends the date)."""
    return rf"(?:,?(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*){lx.year(group)})?"


def _wd_prefix() -> str:
    return rf"(?:(?P<wkd>(?i:the\s+weekend\s+of))\s+)?(?:{lx.weekday()},?\s+)?"


def _units() -> str:
    return rf"(?P<unit>{lx.words('units')})(?i:s)?"


def _unit_words() -> frozenset[str]:
    return frozenset(w + s for w in lx.data()["units"] for s in ("", "s"))


def _explicit() -> list[Rule]:
    months, years, digits = lx.month_words(), frozenset({YEAR}), frozenset({DIGIT})
    digit4, decades, ordinals = frozenset({DIGIT4}), frozenset({DECADE}), frozenset({ORDINAL})
    month, day, year = lx.month(), lx.day(), lx.year()
    return [
        _rule("iso", r"(?<![\d-])(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})(?![\d-])", ex._h_iso, digit4),
        _rule("numeric", r"(?<![\d./])(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<year>(?:19|20)\d\d)"
                         r"(?![\d./])", ex._h_numeric, years),
        _rule("date_range", rf"{month}\.?\s*{day}{_NTH_DAY}{_year_tail()}{_RANGE_JOIN}{lx.month('month2')}\.?\s*"
                            rf"{lx.day('day2')}{_year_tail('year2')}", ex._h_date_range, months, after=96, future=True),
        _rule("range_dm", rf"{day}\s+(?:(?i:of)\s+)?{month}{_year_tail()}{_RANGE_JOIN}{lx.day('day2')}\s+"
                          rf"(?:(?i:of)\s+)?{lx.month('month2')}{_year_tail('year2')}", ex._h_date_range, months,
              after=96, future=True),
        _rule("month_day", rf"{_wd_prefix()}{month}\s*{day}{_DAY2}{_year_tail()}", ex._h_day_of_weekend, months,
              (digits,), future=True),
        _rule("day_month", rf"{_wd_prefix()}(?:(?i:the)\s+)?{day}{_DAY2}\s+(?:(?i:of)\s+)?{month}{_year_tail()}",
              ex._h_day_of_weekend, months, (digits,), before=72, future=True),
        _rule("month_part", rf"{lx.PART}[\s-]+{month}{_year_tail()}", ex._h_month_part, months, future=True),
        _rule("month_year", rf"{month}(?:\s+(?i:of))?,?\s+{year}", ex._h_month_year, months, (years,)),
        _rule("month_rel", rf"(?P<rel>{lx.words('relative_words')})\s+{lx.month(abbreviations=False)}(?!\s*\d)",
              ex._h_month_alone, months, (frozenset(lx.data()["relative_words"]),)),
        _rule("month_prep", rf"\b{lx.words('month_prepositions')}\s+(?P<x>{lx.month(abbreviations=False)})"
                            r"(?!\s*\d)(?!['’]s)", ex._h_month_alone, months, future=True),
        _rule("year_prep", rf"\b{lx.words('year_prepositions')}\s+(?P<x>{year})\b(?![-–]\d)", ex._h_year, years),
        _rule("year_range", rf"{year}\s*[-–]\s*(?P<y2>(?:1[6-9]|20)?\d\d|\d)(?![\d,])(?!\s+[a-z]+s\b)",
              ex._h_year_range, years),
        _rule("year_part", rf"{lx.PART}[\s-]+{year}", ex._h_year_part, years),
        _rule("decade", r"(?i:the)\s+(?:(?P<part>(?i:early|mid|late))[\s-]+)?"
                        r"(?:(?P<dec>(?:1[6-9]|20)\d0)|['’]?(?P<dec2>[1-9]0))['’]?s\b", ex._h_decade, decades),
        _rule("quarter", rf"(?:(?i:the)\s+)?(?P<q>(?i:first|second|third|fourth|last|final|1st|2nd|3rd|4th))[\s-]+"
                         rf"(?i:quarter)\s+(?:(?i:of)\s+)?{year}", ex._h_quarter, years, (frozenset({"quarter"}),)),
        _rule("quarter_q", rf"\b(?P<q>Q[1-4])\s+{year}", ex._h_quarter, years, (frozenset({"q1", "q2", "q3", "q4"}),)),
        _rule("months_of", rf"(?i:the)\s+(?P<which>(?i:first|last|final|opening|closing))\s+(?P<n>{lx.numeric_count()})"
                           rf"\s+(?i:months)\s+(?i:of)\s+{year}", ex._h_months_of, years, (frozenset({"months"}),),
              before=72),
        _rule("season", rf"(?:(?i:the)\s+)?(?P<season>{lx.words('seasons')})(?:\s+(?i:of))?,?\s+{year}", ex._h_season,
              years, (frozenset(lx.data()["seasons"]),)),
        _rule("holiday", rf"(?:(?P<hprep>{lx.words('holiday_prepositions')})\s+)?(?P<x>\b(?P<hol>{_holiday_names()})\b"
                         rf"(?:,?\s+{year})?)", ex._h_holiday, _holiday_anchors(), future=True),
        _rule("nth", rf"\b(?i:on)\s+(?P<x>(?i:the)\s+{day}(?:st|nd|rd|th))\b(?!\s+[A-Za-z])", ex._h_nth, ordinals,
              future=True),
    ]


def _relative() -> list[Rule]:
    units, count = _unit_words(), lx.numeric_count()
    rel_words = frozenset(lx.data()["relative_words"])
    shifts = [s for s in lx.data()["day_shifts"] if not s.endswith(("before", "after"))]
    return [
        _rule("today", r"\b(?i:today|tonight|this\s+(?:morning|afternoon|evening)|earlier\s+today|later\s+today)\b",
              rel.h_today, frozenset({"today", "tonight", "morning", "afternoon", "evening"})),
        _rule("yesterday", r"\b(?i:(?:the\s+day\s+before\s+)?yesterday(?:\s+(?:morning|afternoon|evening))?"
                           r"|last\s+night)\b", rel.h_yesterday, frozenset({"yesterday", "night"})),
        _rule("tomorrow", r"\b(?i:(?:the\s+day\s+after\s+)?tomorrow)\b", rel.h_tomorrow, frozenset({"tomorrow"})),
        _rule("day_shift", rf"\b(?:(?P<shift>(?i:{lexicon.alternation(shifts)})|(?i:the\s+day\s+(?:before|after))"
                           rf"(?=\s*(?:[,.;:!?)]|$)))|(?P<n>{count})\s+(?P<unit>(?i:days?|weeks?))\s+"
                           r"(?P<dir>(?i:later|earlier)))\b", rel.h_day_shift,
              frozenset({"day", "days", "week", "weeks"}), before=80),
        _rule("rel_unit", r"\b(?:(?P<pre>(?i:earlier|later))\s+)?(?P<rel>(?i:last|this|next))\s+"
                          r"(?P<unit>(?i:weekend|week|month|year))\b", rel.h_rel_unit,
              frozenset({"weekend", "week", "month", "year"}), (frozenset({"last", "this", "next"}),)),
        _rule("weekend", r"\b(?i:(?:over|at|on|during)\s+the\s+weekend|this\s+past\s+weekend)\b", rel.h_weekend,
              frozenset({"weekend"}), future=True),
        _rule("ago", rf"\b(?P<n>{count})\s+{_units()}\s+(?i:ago)\b", rel.h_ago, frozenset({"ago"}), before=112,
              after=8),
        _rule("past_n", rf"\b(?:(?i:in|over|during|for|within)\s+)?(?i:the)\s+(?P<rel>(?i:past|last|next|coming))\s+"
                        rf"(?:(?P<n>{count})\s+)?{_units()}\b", rel.h_past_n, rel_words - {"this"}, (units,),
              after=112),
        _rule("recent", r"\b(?:(?:(?i:in|over|during)\s+)?(?i:recent)\s+(?P<unit>(?i:day|week|month|year))(?i:s)"
                        r"|(?i:recently|lately))\b", rel.h_recent, frozenset({"recent", "recently", "lately"})),
        _rule("season_rel", rf"\b(?P<rel>{lx.words('relative_words')})\s+(?P<season>{lx.words('seasons')})\b",
              rel.h_season_rel, frozenset(lx.data()["seasons"]), (rel_words,)),
        _rule("weekday", rf"(?:(?P<rel>{lx.words('relative_words')})\s+)?{lx.weekday()}"
                         r"(?:\s+(?i:morning|afternoon|evening|night))?", rel.h_weekday,
              frozenset(lx.weekday_words()), future=True),
        _rule("period_part", r"\b(?:(?i:by|at|before|until|towards?)\s+)?(?i:the)\s+"
                             r"(?P<part>(?i:end|beginning|start|middle))\s+(?i:of)\s+(?i:the|this)\s+"
                             r"(?P<unit>(?i:week|month|year))\b", rel.h_period_part,
              frozenset({"end", "beginning", "start", "middle"}), (frozenset({"week", "month", "year"}),)),
    ]


def _rule(name: str, pattern: str, handler: ex.Handler, anchors: frozenset[str],
          requires: tuple[frozenset[str], ...] = (), before: int = 48, after: int = 64, future: bool = False) -> Rule:
    return Rule(name, re.compile(pattern), handler, anchors, requires, before, after, future)


def _holiday_names() -> str:
    """Holiday names in Title case, UPPER case or with only the first word capitalised."""
    names = [h["name"] for h in lx.data()["holidays"]]
    return f"{lexicon.cased(names)}|{lexicon.alternation(n[:1].upper() + n[1:] for n in names)}"


def _holiday_anchors() -> frozenset[str]:
    """Per holiday its longest word ('year' for "new year's eve"): every mention contains it."""
    return frozenset(max(h["name"].replace("'s", "").split(), key=len) for h in lx.data()["holidays"])


@functools.cache
def rules() -> tuple[Rule, ...]:
    """All rules, compiled once (in order of preference on equal length)."""
    return tuple(_explicit() + _relative())


@functools.cache
def _cue_re() -> re.Pattern[str]:
    """Cue words of every rule and of the quantity scanner, as one trie, plus digit runs."""
    vocabulary = {w for r in rules() for s in (r.anchors, *r.requires) for w in s if not w.startswith("<")}
    vocabulary |= number_words() | set(lexicon.load("numbers")["fractions"])
    return re.compile(rf"(?<![a-z])(?:{lexicon.trie(vocabulary)})(?![a-z])|\d+")


def _lower(text: str) -> str:
    """Lower case with the same offsets (only 'İ' grows under str.lower; then ASCII only)."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@functools.lru_cache(maxsize=4)
def cues(text: str) -> Mapping[str, tuple[int, ...]]:
    """Cue word (lower case, or ``<digit>`` / ``<year>``) -> its start offsets in ``text``."""
    found: dict[str, list[int]] = {}
    low = _lower(text)
    for m in _cue_re().finditer(low):
        word, start = m[0], m.start()
        keys = _digit_keys(word, low[m.end(): m.end() + 2]) if word[0].isdigit() else (word,)
        for key in keys:
            found.setdefault(key, []).append(start)
    return MappingProxyType({k: tuple(v) for k, v in found.items()})


def _digit_keys(run: str, after: str) -> list[str]:
    """The cue keys of one digit run: always ``<digit>``, and the narrower kinds it is."""
    keys = [DIGIT]
    if _YEAR_LIKE.match(run):
        keys.append(YEAR)
    if len(run) == 4:
        keys.append(DIGIT4)
    if run[-1] == "0" and len(run) in (2, 4):
        keys.append(DECADE)
    if after in _ORDINAL_ENDS:
        keys.append(ORDINAL)
    return keys


def scan_times(text: str) -> list[TimeSpan]:
    """Non-overlapping time expressions of ``text`` in text order."""
    return list(_scan(text))


@functools.lru_cache(maxsize=4)
def _scan(text: str) -> tuple[TimeSpan, ...]:
    """Memoised: times, quantities and publication inference all scan the same text."""
    found = cues(text)
    words = frozenset(found)
    hits = [_span(rule, m) for rule in rules() if rule.may_match(words) for m in rule_matches(rule, text, found)]
    kept: list[TimeSpan] = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        if hit.end > hit.start and not any(hit.start < k.end and k.start < hit.end for k in kept):
            kept.append(hit)
    return tuple(_with_since(text, h) for h in sorted(kept, key=lambda h: h.start))


def rule_matches(rule: Rule, text: str, found: Mapping[str, tuple[int, ...]]) -> list[re.Match[str]]:
    """The rule's matches, searched only in the windows around its anchor cues."""
    positions = [p for word in rule.anchors for p in found.get(word, ())]
    out: list[re.Match[str]] = []
    if not positions:
        return out
    for lo, hi in lexicon.merged_windows(positions, rule.before, rule.after, len(text)):
        out.extend(rule.pattern.finditer(text, max(lo, out[-1].end() if out else 0), hi))
    return out


def _span(rule: Rule, m: re.Match[str]) -> TimeSpan:
    if "x" in rule.pattern.groupindex and m.group("x") is not None:
        return TimeSpan(m.start("x"), m.end("x"), rule, m)
    return TimeSpan(m.start(), m.end(), rule, m)


def _with_since(text: str, span: TimeSpan) -> TimeSpan:
    """'since X': the span takes in 'since' and resolves from X to the reference."""
    hit = _SINCE.search(text, max(0, span.start - 14), span.start)
    if hit is None:
        return span
    return TimeSpan(hit.start(), span.end, span.rule, span.match, since=True)
