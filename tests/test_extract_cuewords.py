"""The cue-word prefilter never changes what the plain regex finds (property test), on real cue lists."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from casus.extract.attach import CueWords, context_patterns
from casus.extract.lexicon import cues

CUES = [w for words in cues().contexts.values() for w in words]
PIECES = st.one_of(st.sampled_from(CUES), st.sampled_from(CUES).map(str.upper), st.text(max_size=6),
                   st.sampled_from([" ", "-", "'", "155", "é", "_", ".", "\n"]))


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=8).map("".join))
def test_extract_cue_prefilter_agrees_with_the_regex(text):
    for matcher in context_patterns().values():
        assert matcher.search(text) == (matcher.pattern.search(text) is not None)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["155mm", "f-16", "gps jamming", "navy"]), min_size=1, max_size=3),
       st.lists(PIECES, max_size=6).map("".join))
def test_extract_cue_prefilter_with_digits_and_phrases(words, text):
    matcher = CueWords(words)
    assert matcher.search(text) == (matcher.pattern.search(text) is not None)


def test_extract_cue_words_on_sentences():
    military = context_patterns()["military"]
    assert military.search("Two NAVY destroyers sailed through the strait.")
    assert not military.search("The navyblue coats were sold out.")
    assert not military.search("Shares in the bank rose on Monday.")
    assert CueWords(["155mm"]).search("It fired 155mm shells.")
    assert CueWords(["!!"]).first is None  # a cue without letters: the regex alone decides
