"""Read ECB+ (Cybulska & Vossen 2014) gold event mentions as Casus Documents and Events.

ECB+ has no PLOVER types, actor codes or normalised dates, so an ECB+ mention becomes an Event whose
``type`` is its trigger's concept/stem (the corpus's event class stands in for a PLOVER type), whose
evidence is its sentence, whose trigger is the annotated tokens and whose location is a LOC mention of
the same sentence. Only the sentences ECB+ lists as fully annotated are used.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml.ElementTree import parse

from casus.link.lexicon import content_tokens, stem
from casus.records import Document, Event, Place

ACTION_PREFIXES = ("ACTION_", "NEG_")


@dataclass(slots=True)
class EcbDoc:
    """One ECB+ file: its text, its gold action mentions as Events and their gold chains."""

    topic: str
    document: Document
    events: list[Event] = field(default_factory=list)
    gold: dict[str, str] = field(default_factory=dict)  # event id -> gold chain id


def selected_sentences(root: Path) -> set[tuple[str, str, int]]:
    """(topic, file stem like '1_10ecbplus', sentence number) of the fully annotated sentences."""
    with (root / "ECBplus_coreference_sentences.csv").open(encoding="utf-8") as f:
        return {(r["Topic"], f"{r['Topic']}_{r['File']}", int(r["Sentence Number"])) for r in csv.DictReader(f)}


def _tokens(xml: Element) -> tuple[str, dict[str, tuple[int, int, int]], dict[int, tuple[int, int]]]:
    """Text (tokens joined by spaces, sentences by newlines), token id -> (start, end, sentence),
    sentence -> (start, end)."""
    parts: list[str] = []
    spans: dict[str, tuple[int, int, int]] = {}
    sentences: dict[int, tuple[int, int]] = {}
    pos, current = 0, None
    for tok in xml.iter("token"):
        sent = int(tok.get("sentence", "0"))
        if current is not None and sent != current:
            parts.append("\n")
            pos += 1
        elif current is not None:
            parts.append(" ")
            pos += 1
        word = tok.text or ""
        spans[tok.get("t_id", "")] = (pos, pos + len(word), sent)
        s0 = sentences.get(sent, (pos, pos))[0]
        sentences[sent] = (s0, pos + len(word))
        parts.append(word)
        pos += len(word)
        current = sent
    return "".join(parts), spans, sentences


def _chains(xml: Element) -> dict[str, str]:
    """Markable id -> gold chain id, from CROSS_DOC_COREF and INTRA_DOC_COREF relations."""
    out: dict[str, str] = {}
    for rel in xml.iter():
        if rel.tag not in ("CROSS_DOC_COREF", "INTRA_DOC_COREF"):
            continue
        target = rel.find("target")
        chain = rel.get("note") or f"{rel.tag}:{target.get('m_id') if target is not None else rel.get('r_id')}"
        for src in rel.findall("source"):
            out[src.get("m_id", "")] = chain
    return out


def _markables(xml: Element, spans: dict[str, tuple[int, int, int]]) -> Iterator[tuple[str, str, int, int, int]]:
    """(tag, m_id, start, end, sentence) of every markable anchored to tokens."""
    markables = xml.find("Markables")
    for m in markables if markables is not None else []:
        anchors = [spans[a.get("t_id", "")] for a in m.findall("token_anchor") if a.get("t_id", "") in spans]
        if anchors:
            yield m.tag, m.get("m_id", ""), min(a[0] for a in anchors), max(a[1] for a in anchors), anchors[0][2]


def trigger_class(word: str) -> str:
    """The event class of a trigger: its concept when the lexicon has one, else its stem."""
    tokens = sorted(content_tokens(word))
    return tokens[0] if tokens else stem(word.lower())


def read_file(path: Path, topic: str, selected: set[tuple[str, str, int]]) -> EcbDoc:
    xml = parse(path).getroot()
    text, spans, sentences = _tokens(xml)
    name = path.name.removesuffix(".xml")
    doc = EcbDoc(topic, Document(doc_id=f"{topic}/{name}", path=str(path), text=text, language="en"))
    chains, marks = _chains(xml), list(_markables(xml, spans))
    places = {sent: (s, e) for tag, _, s, e, sent in marks if tag.startswith("LOC")}
    for tag, m_id, start, end, sent in marks:
        if not tag.startswith(ACTION_PREFIXES) or (topic, name, sent) not in selected:
            continue
        s0, s1 = sentences[sent]
        ev = Event(id=f"ev_{topic}_{name}_{m_id}", doc_id=doc.document.doc_id, type=trigger_class(text[start:end]),
                   status="occurred", certainty="asserted", evidence_start=s0, evidence_end=s1,
                   evidence_text=text[s0:s1], trigger_start=start, trigger_end=end)
        if sent in places:
            p0, p1 = places[sent]
            ev.location = Place(p0, p1, text[p0:p1], text[p0:p1])
        doc.events.append(ev)
        doc.gold[ev.id] = chains.get(m_id, f"singleton:{ev.id}")
    return doc


def read_topics(root: Path) -> dict[str, list[EcbDoc]]:
    """Topic -> its documents with gold mentions, for every topic directory of ECB+."""
    selected = selected_sentences(root)
    topics: dict[str, list[EcbDoc]] = {}
    for topic_dir in sorted((root / "ECB+").iterdir(), key=lambda p: int(p.name) if p.name.isdigit() else 0):
        if topic_dir.is_dir():
            topics[topic_dir.name] = [read_file(f, topic_dir.name, selected) for f in sorted(topic_dir.glob("*.xml"))]
    return topics
