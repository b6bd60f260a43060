"""The casus_vocab component: aliases found across spaCy's tokenisation, on hand-built Docs
(tokenizer only: the matcher does not need the model)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from casus.annotate.vocabulary import SPAN_KEY, VocabularyMatcher, find_terms, vocab_spans


def _doc(text: str) -> Doc:
    return spacy.blank("en")(text)


def _found(text: str) -> set[tuple[str, str]]:
    return {(s.text, s.label_.split("|")[1]) for s in find_terms(_doc(text))}


def test_annotate_vocabulary_matches_designations_across_tokenisation() -> None:
    found = _found("Venezuela fielded Igla-S launchers, S-300s and a Russian Ilyushin Il-76 with RC-135V Rivet joint.")
    assert ("Igla-S", "eq-igla-s") in found
    assert ("S-300s", "eq-s-300") in found
    assert ("Ilyushin Il-76", "eq-il-76") in found
    assert ("RC-135V Rivet joint", "eq-rc-135v-w-rivet-joint") in found
    assert ("Venezuela", "state-VEN") in found and ("Russian", "state-RUS") in found


def test_annotate_vocabulary_is_case_sensitive_for_names() -> None:
    found = _found("Let us see what the US says; the patriot waved while Patriot batteries fired.")
    assert ("US", "state-USA") in found
    assert not any(text == "us" for text, _ in found)
    assert ("Patriot", "eq-mim-104-patriot") in found
    assert not any(text == "patriot" for text, _ in found)


def test_annotate_vocabulary_labels_carry_layer_and_ambiguity() -> None:
    spans = find_terms(_doc("Jordan and the Houthis met in Washington."))
    labels = {s.text: s.label_ for s in spans}
    assert labels["Jordan"] == "state|state-JOR|a"
    assert labels["Houthis"] == "actor|grp-houthis|"
    assert labels["Washington"] == "capital|state-USA|"


def test_annotate_vocabulary_component_sets_span_group() -> None:
    doc = VocabularyMatcher()(_doc("The Kremlin and the White House."))
    assert [s.text for s in doc.spans[SPAN_KEY]] == ["Kremlin", "White House"]
    assert [s.text for s in vocab_spans(_doc("NATO met."))] == ["NATO"]


def test_annotate_pipeline_has_vocab_component(nlp) -> None:
    assert nlp.pipe_names[-1] == "casus_vocab"
    doc = nlp("Hezbollah fired Kornet missiles at an IDF post near the Golan Heights.")
    assert {s.text for s in doc.spans[SPAN_KEY]} >= {"Hezbollah", "Kornet", "IDF", "Golan Heights"}
