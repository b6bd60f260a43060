"""Resolve times: every temporal expression as an inclusive ISO interval against a reference date.

Rules (``timescan``) run first over the masked text; dateparser only sees candidate spans the
rules left: non-English full dates, and spaCy DATE entities naming a month or weekday (bare years
and months are read without it, so most processes never warm dateparser up). Inside an
embedded post the post's own date is the reference. Without a reference, relative expressions
are dropped and explicit ones kept.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from dateparser.date import DateDataParser
from spacy.tokens import Doc, Token

from casus.annotate import masked_text
from casus.records import Document, Embed, TimeExpr
from casus.resolve import datemath as dm
from casus.resolve import timelex as lx
from casus.resolve.embeddates import dated_embeds, embed_date, foreign_dates
from casus.resolve.timelex import EXPLICIT, PUBLISHED, RELATIVE
from casus.resolve.timerules import Context, Interval, TimeSpan
from casus.resolve.timescan import scan_times

_YEAR = re.compile(r"\b(?:1[6-9]|20)\d\d\b")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s|\n")
_NO_REFERENCE = dt.date(2000, 1, 1)  # fixed base, so a year-bearing span reads the same on any day


@functools.cache
def _month_re(bare: bool) -> re.Pattern[str]:
    """A month name anywhere, or (``bare``) a whole text that is just a month name."""
    return re.compile(rf"{lx.month()}\s*" if bare else rf"\b(?:1[6-9]|20)\d\d\b|{lx.month()}")


@functools.cache
def _parseable_re() -> re.Pattern[str]:
    """What dateparser may read where no rule did: a month or weekday name."""
    return re.compile(rf"{lx.month()}|{lx.weekday()}")


def find_times(doc: Document, parsed: Doc, reference: dt.date | None) -> list[TimeExpr]:
    """All time expressions of the document body, in text order."""
    text = masked_text(doc)  # what ``parsed`` was built from; Doc.text would rebuild it token by token
    embeds = dated_embeds(doc)
    spans = scan_times(text)
    has_dep = parsed.has_annotation("DEP")
    times: list[TimeExpr] = []
    for span in spans:
        previous = _previous_day(text, times, span.start)
        found = _rule_time(doc, parsed, span, embeds, reference, has_dep, previous)
        if found is not None:
            times.append(found)
    taken = [(s.start, s.end) for s in spans]
    times += [TimeExpr(s, e, doc.text[s:e], d.isoformat(), d.isoformat(), EXPLICIT)
              for s, e, d in foreign_dates(text) if not _overlaps(s, e, taken)]
    taken += [(t.start, t.end) for t in times]
    times += _entity_times(doc, parsed, embeds, reference, taken)
    return sorted(times, key=lambda t: (t.start, t.end))


def _previous_day(text: str, times: list[TimeExpr], start: int) -> tuple[dt.date, str] | None:
    """The last single day resolved before ``start`` in the same sentence ("on 3 March ... the next day")."""
    if not times or times[-1].first != times[-1].last or _SENTENCE_END.search(text, times[-1].end, start):
        return None
    return dt.date.fromisoformat(times[-1].first), times[-1].basis


def _rule_time(doc: Document, parsed: Doc, span: TimeSpan, embeds: list[Embed], reference: dt.date | None,
               has_dep: bool, previous: tuple[dt.date, str] | None) -> TimeExpr | None:
    embedded = embed_date(embeds, span.start) if embeds else None
    ref = embedded or reference
    future = has_dep and ref is not None and span.rule.uses_future and future_context(parsed, span.start, True)
    got = span.resolve(Context(ref, future, previous))
    if got is not None and embedded is not None and got[2] == PUBLISHED:
        got = (got[0], got[1], RELATIVE)  # 'tonight' in a post is the post's day, not the article's
    return _record(doc, span.start, span.end, got)


def _record(doc: Document, start: int, end: int, got: Interval | None) -> TimeExpr | None:
    if got is None:
        return None
    first, last, basis = got
    first, last = min(first, last), max(first, last)
    return TimeExpr(start, end, doc.text[start:end], first.isoformat(), last.isoformat(), basis)


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in taken)


def future_context(parsed: Doc, offset: int, has_dep: bool | None = None) -> bool:
    """Whether the clause around ``offset`` speaks of the future ("will meet on Tuesday").

    ``has_dep`` may pass ``parsed.has_annotation("DEP")`` computed once: that check walks the doc.
    """
    if not (parsed.has_annotation("DEP") if has_dep is None else has_dep):
        return False
    span = parsed.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    return _future_token(span[0])


def _future_token(token: Token) -> bool:
    plans = _words("plan_lemmas")
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX") and (token.lemma_ in plans or _has_future_aux(token)):
            return True
        if token.head is token:
            return False
        token = token.head
    return False


def _has_future_aux(token: Token) -> bool:
    auxiliaries = _words("future_auxiliaries")
    return any(c.dep_ == "aux" and c.lower_ in auxiliaries for c in token.children)


@functools.cache
def _words(key: str) -> frozenset[str]:
    return frozenset(lx.data()[key])


# --------------------------------------------------------------------------- dateparser fallback


@functools.lru_cache(maxsize=8)
def _english_parser(reference: dt.date) -> DateDataParser:
    """An English parser relative to ``reference`` (a few references per run, so kept)."""
    base = dt.datetime.combine(reference, dt.time())
    return DateDataParser(languages=["en"], try_previous_locales=False,
                          settings={"PREFER_DATES_FROM": "past", "RELATIVE_BASE": base})


def _entity_times(doc: Document, parsed: Doc, embeds: list[Embed], reference: dt.date | None,
                  taken: list[tuple[int, int]]) -> list[TimeExpr]:
    """spaCy DATE entities naming a month or a year that no rule covered, through dateparser."""
    out = []
    for ent in parsed.ents:
        if ent.label_ != "DATE" or _overlaps(ent.start_char, ent.end_char, taken):
            continue
        if any(c in ent.text for c in "#@/") or len(ent.text) > 40 or not _month_re(False).search(ent.text):
            continue
        ref = embed_date(embeds, ent.start_char) or reference
        record = _record(doc, ent.start_char, ent.end_char, _dateparser_interval(ent.text, ref))
        if record is not None:
            out.append(record)
    return out


def _dateparser_interval(text: str, reference: dt.date | None) -> Interval | None:
    """dateparser's reading of a candidate span, widened to its period (week, month, year)."""
    bare = re.fullmatch(r"(?:(?i:the\s+)?(?i:year\s+))?((?:1[6-9]|20)\d\d)", text.strip())
    if bare:
        return (*dm.year_bounds(int(bare[1])), EXPLICIT)
    month = _month_re(True).fullmatch(text.strip())
    if month and reference is not None:
        year = dm.infer_month_year(lx.month_number(month["month"]), reference)
        return (*dm.month_bounds(year, lx.month_number(month["month"])), RELATIVE)
    if (reference is None and not _YEAR.search(text)) or not _parseable_re().search(text):
        return None  # dateparser only where a month or weekday is named and no rule applied
    data = _english_parser(reference or _NO_REFERENCE).get_date_data(text)
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    basis = EXPLICIT if _YEAR.search(text) else RELATIVE
    return (*_widen(day, data.period or "day"), basis)


def _widen(day: dt.date, period: str) -> tuple[dt.date, dt.date]:
    if period == "week":
        return dm.week_bounds(day)
    if period == "month":
        return dm.month_bounds(day.year, day.month)
    if period == "year":
        return dm.year_bounds(day.year)
    return day, day
