"""The table of time rules and the scanner that applies them to a text.

Every rule's regex runs once over the text; overlapping hits are settled longest first, and
"since X" widens X up to the reference. A pattern's named group ``x``, when present, is the span
reported (so "in 2018" reports "2018").
"""

from __future__ import annotations

import calendar
import functools
import re

from casus.resolve import timelex as lx
from casus.resolve import timerel as rel
from casus.resolve import timerules as ex
from casus.resolve.timerules import Rule, TimeSpan

_YEAR_PREPS = r"(?i:in|during|by|until|till|before|after|through|throughout|since|around|circa|from|between)"
_MONTH_PREPS = r"(?i:in|during|by|until|till|before|after|through|throughout|since|from|between|and|or|to|of)"
_UNITS = r"(?P<unit>(?i:hour|day|week|month|year|decade))(?i:s)?"
_NTH_DAY = r"(?:st|nd|rd|th)?"
_DAY2 = rf"(?:\s*(?:-|–|(?i:to|and|through))\s*(?P<day2>[0-3]?\d){_NTH_DAY}(?![\d:]))?"
_YEAR_TAIL = rf"(?:,?\s+{lx.year()})?"
_WD_PREFIX = rf"(?:{lx.weekday()},?\s+)?"


def _explicit() -> list[tuple[str, str, ex.Handler]]:
    return [
        ("iso", r"(?<![\d-])(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})(?![\d-])", ex._h_iso),
        ("numeric", r"(?<![\d./])(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<year>(?:19|20)\d\d)(?![\d./])",
         ex._h_numeric),
        ("month_day", rf"{_WD_PREFIX}{lx.month()}\s*{lx.day()}{_DAY2}{_YEAR_TAIL}", ex._h_month_day),
        ("day_month", rf"{_WD_PREFIX}(?:(?i:the)\s+)?{lx.day()}{_DAY2}\s+(?:(?i:of)\s+)?{lx.month()}{_YEAR_TAIL}",
         ex._h_month_day),
        ("month_part", rf"{lx.PART}[\s-]+{lx.month()}{_YEAR_TAIL}", ex._h_month_part),
        ("month_year", rf"{lx.month()}(?:\s+(?i:of))?,?\s+{lx.year()}", ex._h_month_year),
        ("month_rel", rf"(?P<rel>(?i:last|this|next|past|coming))\s+{lx.month(abbreviations=False)}(?!\s*\d)",
         ex._h_month_alone),
        ("month_prep", rf"\b{_MONTH_PREPS}\s+(?P<x>{lx.month(abbreviations=False)})(?!\s*\d)(?!['’]s)",
         ex._h_month_alone),
        ("year_prep", rf"\b{_YEAR_PREPS}\s+(?P<x>{lx.year()})\b(?![-–]\d)", ex._h_year),
        ("year_range", rf"{lx.year()}\s*[-–]\s*(?P<y2>(?:1[6-9]|20)?\d\d)(?![\d,])(?!\s+[a-z]+s\b)", ex._h_year_range),
        ("year_part", rf"{lx.PART}[\s-]+{lx.year()}", ex._h_year_part),
        ("decade", r"(?i:the)\s+(?:(?P<part>(?i:early|mid|late))[\s-]+)?"
                   r"(?:(?P<dec>(?:1[6-9]|20)\d0)|['’]?(?P<dec2>[1-9]0))['’]?s\b", ex._h_decade),
        ("quarter", rf"(?:(?i:the)\s+)?(?P<q>(?i:first|second|third|fourth|last|final|1st|2nd|3rd|4th))[\s-]+"
                    rf"(?i:quarter)\s+(?:(?i:of)\s+)?{lx.year()}", ex._h_quarter),
        ("quarter_q", rf"\b(?P<q>Q[1-4])\s+{lx.year()}", ex._h_quarter),
        ("nth", rf"\b(?i:on)\s+(?P<x>(?i:the)\s+{lx.day()}(?:st|nd|rd|th))\b(?!\s+[A-Za-z])", ex._h_nth),
    ]


def _relative() -> list[tuple[str, str, ex.Handler]]:
    return [
        ("today", r"\b(?i:today|tonight|this\s+(?:morning|afternoon|evening)|earlier\s+today|later\s+today)\b",
         rel.h_today),
        ("yesterday", r"\b(?i:(?:the\s+day\s+before\s+)?yesterday(?:\s+(?:morning|afternoon|evening))?|last\s+night)\b",
         rel.h_yesterday),
        ("tomorrow", r"\b(?i:(?:the\s+day\s+after\s+)?tomorrow)\b", rel.h_tomorrow),
        ("rel_unit", r"\b(?:(?P<pre>(?i:earlier|later))\s+)?(?P<rel>(?i:last|this|next))\s+"
                     r"(?P<unit>(?i:weekend|week|month|year))\b", rel.h_rel_unit),
        ("weekend", r"\b(?i:(?:over|at|on|during)\s+the\s+weekend|this\s+past\s+weekend)\b", rel.h_weekend),
        ("ago", rf"\b(?P<n>{lx.NUMERIC_COUNT})\s+{_UNITS}\s+(?i:ago)\b", rel.h_ago),
        ("past_n", rf"\b(?:(?i:in|over|during|for|within)\s+)?(?i:the)\s+(?P<rel>(?i:past|last|next|coming))\s+"
                   rf"(?:(?P<n>{lx.NUMERIC_COUNT})\s+)?{_UNITS}\b", rel.h_past_n),
        ("recent", r"\b(?:(?:(?i:in|over|during)\s+)?(?i:recent)\s+(?P<unit>(?i:day|week|month|year))(?i:s)"
                   r"|(?i:recently|lately))\b", rel.h_recent),
        ("weekday", rf"(?:(?P<rel>(?i:last|this|next|past|coming))\s+)?{lx.weekday()}"
                    r"(?:\s+(?i:morning|afternoon|evening|night))?", rel.h_weekday),
        ("period_part", r"\b(?:(?i:by|at|before|until|towards?)\s+)?(?i:the)\s+"
                        r"(?P<part>(?i:end|beginning|start|middle))\s+(?i:of)\s+(?i:the|this)\s+"
                        r"(?P<unit>(?i:week|month|year))\b", rel.h_period_part),
    ]


_MONTH_WORDS = frozenset([m.lower() for m in calendar.month_name if m] + [m.lower() for m in calendar.month_abbr if m]
                         + ["sept"])
_WEEKDAY_WORDS = frozenset(d.lower() for d in calendar.day_name)
_UNIT_WORDS = frozenset(f"{u}{s}" for u in ("hour", "day", "week", "month", "year", "decade") for s in ("", "s"))
_DIGIT, _YEARISH = "<digit>", "<year>"
_TRIGGERS: dict[str, tuple[frozenset[str], ...]] = {
    "iso": (frozenset({_DIGIT}),), "numeric": (frozenset({_DIGIT}),), "decade": (frozenset({_DIGIT}),),
    "nth": (frozenset({_DIGIT}), frozenset({"on"})), "quarter": (frozenset({"quarter"}), frozenset({_YEARISH})),
    "quarter_q": (frozenset({"q1", "q2", "q3", "q4"}), frozenset({_YEARISH})),
    **{name: (_MONTH_WORDS,) for name in ("month_day", "day_month", "month_part", "month_year", "month_rel",
                                          "month_prep")},
    **{name: (frozenset({_YEARISH}),) for name in ("year_prep", "year_range", "year_part")},
    "today": (frozenset({"today", "tonight", "morning", "afternoon", "evening"}),),
    "yesterday": (frozenset({"yesterday", "night"}),), "tomorrow": (frozenset({"tomorrow"}),),
    "rel_unit": (frozenset({"last", "this", "next"}), frozenset({"week", "weekend", "month", "year"})),
    "weekend": (frozenset({"weekend"}),), "ago": (frozenset({"ago"}),),
    "past_n": (frozenset({"past", "last", "next", "coming"}), _UNIT_WORDS),
    "recent": (frozenset({"recent", "recently", "lately"}),), "weekday": (_WEEKDAY_WORDS,),
    "period_part": (frozenset({"end", "beginning", "start", "middle"}), frozenset({"week", "month", "year"})),
}
_WORDS = re.compile(r"[a-z0-9]+")
_YEAR_LIKE = re.compile(r"(?<!\d)(?:1[6-9]|20)\d\d(?!\d)")


@functools.cache
def rules() -> tuple[Rule, ...]:
    """All rules, compiled once."""
    return tuple(Rule(name, re.compile(pattern), handler, _TRIGGERS.get(name, ()))
                 for name, pattern, handler in _explicit() + _relative())


def _words(text: str) -> frozenset[str]:
    """Lower-case words of the text, plus markers for digits and year-like numbers."""
    words = set(_WORDS.findall(text.lower()))
    if any(c.isdigit() for c in text):
        words.add(_DIGIT)
        if _YEAR_LIKE.search(text):
            words.add(_YEARISH)
    return frozenset(words)


_SINCE = re.compile(r"\b(?i:ever\s+since|since)\s+$")


def scan_times(text: str) -> list[TimeSpan]:
    """Non-overlapping time expressions of ``text`` in text order."""
    return list(_scan(text))


@functools.lru_cache(maxsize=4)
def _scan(text: str) -> tuple[TimeSpan, ...]:
    """Memoised: times, quantities and publication inference all scan the same text."""
    words = _words(text)
    hits = [_span(rule, m) for rule in rules() if rule.may_match(words) for m in rule.pattern.finditer(text)]
    kept: list[TimeSpan] = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        if hit.end > hit.start and not any(hit.start < k.end and k.start < hit.end for k in kept):
            kept.append(hit)
    return tuple(_with_since(text, h) for h in sorted(kept, key=lambda h: h.start))


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
