"""Property: whatever the text, every span any stage emits is faithful (text[start:end] == span.text),
within bounds, and no stage raises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casus.pipeline import process_batch
from casus.records import Document, Published
from tests.conftest import event_spans

WORDS = ["Russia", "Ukraine", "troops", "attacked", "said", "on", "Tuesday", "the", "U.S.", "Navy", "deployed",
         "15", "thousand", "soldiers", "to", "Caracas", "according", "officials", "denied", "will", "strike",
         "READ MORE:", "—", "(@someone)", "25 февраля 2019 г.", "\n", "\n\n", ".", ",", "Maduro", "S-300", "🚀",
         "about", "four to six", "sanctions", "Iran", "accused", "of", "killed", "40", "people", "last weekend"]

texts = st.one_of(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=60).map(" ".join),
    st.text(min_size=1, max_size=300),
)


def faithful(text: str, span: dict) -> bool:
    return 0 <= span["start"] <= span["end"] <= len(text) and text[span["start"]:span["end"]] == span["text"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts)
def test_pipeline_spans_faithful_for_any_text(nlp, text):
    doc = Document(doc_id="p", path="p.txt", text=text, published=Published("2025-10-31", "manifest"))
    (done,) = process_batch(nlp, [doc], 8)
    assert done.error is None, done.error
    assert done.document.text == text
    for span in done.document.removed + done.document.embeds:
        assert 0 <= span.start <= span.end <= len(text)
    for event in done.events:
        for span in event_spans(event.to_json()):
            assert faithful(text, span), (event.type, span)
