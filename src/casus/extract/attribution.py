"""Attribution chains (who says so, nearest first): speech and cue verbs, 'according to X',
'told X', 'documents obtained by Y', anonymous officials, data services, embedded posts, and
sources carried across the sentences that go on reporting them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from casus.extract.lexicon import cues
from casus.extract.roles import ActorIndex
from casus.extract.syntax import agent_of, children, is_verb, prep_objects, subject_of
from casus.records import Attribution, Document, Embed

CONTENT_DEPS = frozenset({"ccomp", "xcomp", "parataxis", "advcl", "conj", "dobj", "acl", "relcl", "pcomp", "pobj",
                          "prep", "attr", "nsubj", "nsubjpass", "acomp", "dative", "oprd"})
OUTLET_PREPS = frozenset({"to", "with"})
INTERVIEW_VERBS = frozenset({"speak", "talk", "say", "tell", "write", "interview"})
GENERIC_SOURCES = frozenset({"document", "documents", "report", "news", "source", "sources", "official", "officials",
                             "data", "letter", "memo", "papers", "records", "files", "newspaper", "paper", "outlet"})
NON_WORD = re.compile(r"[^\w@#-]+")
OUTER_KINDS = frozenset({"document", "media", "data_service", "social_media"})


@dataclass(slots=True)
class AttributionState:
    """What the document has been reporting so far: for anaphoric sources and paragraph carry-over."""

    by_head: dict[str, list[Attribution]] = field(default_factory=dict)
    outer: dict[int, list[Attribution]] = field(default_factory=dict)  # paragraph start -> doc/media chain


QUOTES = frozenset({'"', "“", "‘", "'"})
SELF_PRONOUNS = frozenset({"i", "you", "we"})


def speech_key(verb: Token) -> str | None:
    """The speech-verb lemma of a verb ('point out', 'call for' included), or None; any verb that
    opens a quotation after a colon ('Caddell continued: "...'), as the verb itself."""
    table = cues()
    lemma = verb.lemma_.lower()
    for c in verb.children:
        if c.dep_ in {"prt", "prep"} and f"{lemma} {c.lower_}" in table.speech:
            return f"{lemma} {c.lower_}"
    if lemma in table.speech:
        return lemma
    if lemma in table.reporting_containers and any(
            c.dep_ == "dobj" and c.lemma_.lower() in table.content_nouns for c in verb.children):
        return lemma
    return lemma if opens_quote(verb) else None


def opens_quote(verb: Token) -> bool:
    doc = verb.doc
    return (verb.i + 2 < len(doc) and doc[verb.i + 1].text == ":" and doc[verb.i + 2].text in QUOTES
            and bool(children(verb, {"nsubj"})))


def speaker_of(verb: Token) -> Token | None:
    """Who speaks: the agent of a passive ('was announced by X'), else the subject, but not the
    subject of an adjective a speech verb only completes ('it is worth noting'), nor 'I' or 'you'
    voicing a belief inside a quotation ('I think')."""
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
        return agent_of(verb)
    if not children(verb, {"nsubj"}) and verb.head.pos_ == "ADJ":
        return None
    subj = subject_of(verb)
    if subj is not None and subj.lower_ in SELF_PRONOUNS and cues().speech.get(speech_key(verb) or "") == "alleged":
        return None
    return subj


def np_bounds(head: Token) -> tuple[int, int]:
    """Character bounds of a source noun phrase, without its clauses and conjuncts."""
    toks = [head]
    stack = [c for c in head.children if c.dep_ not in {"relcl", "acl", "conj", "cc", "punct", "advcl"}]
    while stack:
        t = stack.pop()
        toks.append(t)
        stack.extend(c for c in t.children if c.dep_ not in {"relcl", "acl"})
    toks = [t for t in sorted(toks, key=lambda t: t.i) if not t.is_space]
    while len(toks) > 1 and ((toks[-1].is_punct and toks[-1].text not in {")"}) or toks[-1].dep_ == "case"):
        toks.pop()  # a possessor's "'s" is no part of the source
    while len(toks) > 1 and toks[0].is_punct:
        toks.pop(0)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def words_in(text: str, words: list[str]) -> bool:
    low = " " + NON_WORD.sub(" ", text.lower()) + " "
    return any(f" {w} " in low for w in words)


def kind_of(head: Token, text: str, index: ActorIndex) -> str:
    """The attribution kind of a source phrase, from its words and the actor it names."""
    kinds = cues().attribution_kinds
    actor = next((index.at(t) for t in head.subtree if index.at(t)), None)
    lemma = head.lemma_.lower()
    anon = kinds["anonymous_official"]
    if words_in(text, kinds["social_media"]):
        return "social_media"
    if words_in(text, kinds["data_service"]):
        return "data_service"
    if lemma in anon["heads"] and (words_in(text, anon["markers"]) or head.tag_ == "NNS") and not any(
            t.ent_type_ == "PERSON" for t in head.subtree):
        return "anonymous_official"
    if lemma in kinds["document"] or head.lower_ in kinds["document"]:
        return "document"
    if words_in(text, kinds["expert"]):
        return "expert"
    if (actor is not None and actor.sector == "MED") or words_in(text, kinds["media"]):
        return "media"
    if any(t.ent_type_ == "PERSON" for t in head.subtree) or words_in(text, kinds["official"]):
        return "official"
    if (actor is not None and actor.sector in {"GOV", "MIL"}) or words_in(text, kinds["government"]):
        return "government"
    return "other"


def link(head: Token, doc: Document, index: ActorIndex) -> Attribution:
    start, end = np_bounds(head)
    text = doc.text[start:end]
    actor = next((index.at(t) for t in head.subtree if index.at(t)), None)
    name = actor.name if actor is not None else (text if head.pos_ == "PROPN" else None)
    return Attribution(start, end, text, kind_of(head, text, index), name)


def np_chain(head: Token, doc: Document, index: ActorIndex) -> list[Attribution]:
    """A source and where it came from: 'documents obtained by The Washington Post', 'a report by X'."""
    chain = [link(head, doc, index)]
    for c in head.children:
        if c.dep_ == "acl":
            agent = agent_of(c)
            if agent is not None:
                chain.append(link(agent, doc, index))
    for _prep, obj in prep_objects(head, {"by", "in", "from"}):
        if obj.pos_ == "PROPN" or obj.lemma_.lower() in {"service", "services"}:
            chain.append(link(obj, doc, index))
    for _prep, obj in prep_objects(head, {"of"}):
        if head.lemma_.lower() == "data" or obj.pos_ == "PROPN":
            chain.append(link(obj, doc, index))
    return chain


def outlets(verb: Token, doc: Document, index: ActorIndex) -> list[Attribution]:
    """'told CNN', 'said to reporters', 'Speaking to The Wall Street Journal, ...'."""
    found: list[Attribution] = []
    if verb.lemma_ == "tell":
        found += [link(c, doc, index) for c in verb.children if c.dep_ in {"dobj", "dative"}
                  and (c.pos_ == "PROPN" or words_in(c.text, cues().attribution_kinds["media"]))]
    if verb.lemma_.lower() in INTERVIEW_VERBS:
        found += [link(o, doc, index) for _p, o in prep_objects(verb, OUTLET_PREPS) if o.pos_ == "PROPN"]
    for c in verb.children:
        if c.dep_ == "advcl" and c.lemma_.lower() in INTERVIEW_VERBS:
            found += [link(o, doc, index) for _p, o in prep_objects(c, OUTLET_PREPS) if o.pos_ == "PROPN"]
    return found


def according_to(tok: Token, doc: Document, index: ActorIndex) -> list[Attribution]:
    for c in tok.children:
        if c.lower_ == "according":
            for p in c.children:
                objs = children(p, {"pobj"})
                if p.lower_ == "to" and objs:
                    return np_chain(objs[0], doc, index)
    return []


def speaker_chain(verb: Token, doc: Document, index: ActorIndex, state: AttributionState) -> list[Attribution]:
    """The speaker of a speech verb, its outlet, and the earlier chain an anaphoric speaker stands for."""
    subj = speaker_of(verb)
    chain: list[Attribution] = []
    if subj is not None and subj.pos_ != "PRON" and subj.tag_ not in {"WP", "WDT"}:
        chain = np_chain(subj, doc, index)
        lemma = subj.lemma_.lower()
        if len(chain) == 1 and lemma in GENERIC_SOURCES and lemma in state.by_head:
            chain += [a for a in state.by_head[lemma][1:] if a.start != chain[0].start]
    elif subj is not None:
        chain = [link(subj, doc, index)] if subj.tag_ not in {"WP", "WDT"} else []
    return chain + outlets(verb, doc, index)


def inverted_speech(root: Token) -> Token | None:
    """'X did Y, the sources told CNN': the speech verb hangs off the reported clause."""
    for c in root.children:
        if c.dep_ in {"parataxis", "ccomp", "advcl"} and c.i > root.i and speech_key(c) and not children(c, {"ccomp"}):
            return c
    return None


def chain_for(anchor: Token, doc: Document, index: ActorIndex,
              state: AttributionState) -> tuple[list[Attribution], str | None]:
    """The chain for an event anchored at a token, and the nearest speech verb's lemma."""
    chain: list[Attribution] = []
    speech: str | None = None
    cur = anchor
    chain += according_to(cur, doc, index)
    for _ in range(12):
        if cur.head.i == cur.i:
            break
        dep, cur = cur.dep_, cur.head
        key = speech_key(cur) if is_verb(cur) else None
        if key and dep in CONTENT_DEPS and dep not in {"nsubj", "nsubjpass"}:
            speech = speech or key
            chain += speaker_chain(cur, doc, index, state)
        chain += according_to(cur, doc, index)
    if not chain:
        root = anchor.sent.root
        spoken = inverted_speech(root)
        if spoken is not None:
            speech = speech_key(spoken)
            chain = speaker_chain(spoken, doc, index, state)
    if speech_key(anchor) and not chain:
        chain = outlets(anchor, doc, index)
        if chain:
            subj = subject_of(anchor)
            chain = ([link(subj, doc, index)] if subj is not None and subj.pos_ != "PRON" else []) + chain
    return dedupe(chain), speech


def dedupe(chain: list[Attribution]) -> list[Attribution]:
    out: list[Attribution] = []
    for a in chain:
        if a.text and all(not (a.start < b.end and b.start < a.end) for b in out):
            out.append(a)
    return out


def remember(chain: list[Attribution], para: int, parsed: Doc, state: AttributionState) -> None:
    """Keep a chain for later sentences: by its head noun, and as the paragraph's outer source."""
    if not chain:
        return
    span = parsed.char_span(chain[0].start, chain[0].end, alignment_mode="expand")
    if span is not None:
        state.by_head[span.root.lemma_.lower()] = chain
    outer = [a for a in chain if a.kind in OUTER_KINDS]
    if outer:
        state.outer[para] = chain[chain.index(outer[0]):]


def with_carry(chain: list[Attribution], para: int, state: AttributionState) -> list[Attribution]:
    """A sentence that goes on reporting the paragraph's document or outlet inherits it as outer links."""
    if any(a.kind in OUTER_KINDS for a in chain) or para not in state.outer:
        return chain
    return dedupe(chain + state.outer[para])


def embed_attribution(doc: Document, embed: Embed) -> Attribution | None:
    """The author of an embedded post, as a span of the credit line (or the handle)."""
    window_end = min(len(doc.text), embed.end + 200)
    for needle in (embed.author, f"@{embed.handle}" if embed.handle else None, embed.handle):
        if not needle:
            continue
        i = doc.text.find(needle, embed.start, window_end)
        if i >= 0:
            name = embed.author or needle
            if embed.handle and embed.author:
                name = f"{embed.author} (@{embed.handle.lstrip('@')})"
            return Attribution(i, i + len(needle), needle, "social_media", name)
    return None


def embed_at(doc: Document, offset: int) -> Embed | None:
    return next((e for e in doc.embeds if e.start <= offset < e.end), None)


def stance_holder(noun: Token) -> Token | None:
    """'Trump's claim that ...', 'his statement': the possessor of a stance noun is a source."""
    if noun.lemma_.lower() not in cues().stance_nouns and noun.lower_ not in cues().stance_nouns:
        return None
    return next((c for c in noun.children if c.dep_ == "poss"), None)


def statement_speaker(verb: Token) -> Token | None:
    """'X criticized the plan in a statement', 'X said in an interview': X is a source."""
    nouns = cues().statement_nouns
    if any(o.lemma_.lower() in nouns for _p, o in prep_objects(verb, {"in", "during", "on", "via", "through"})):
        return speaker_of(verb)
    return None


def token_chain(tok: Token, doc: Document, index: ActorIndex, state: AttributionState) -> list[Attribution]:
    """The attribution a token opens: 'according to X', a speech verb's speaker, a stance noun's
    possessor, or whoever acts 'in a statement'."""
    chain = according_to(tok, doc, index)
    if chain or tok.pos_ not in {"VERB", "NOUN"}:
        return chain
    if tok.pos_ == "NOUN":
        holder = stance_holder(tok)
        return [link(holder, doc, index)] if holder is not None and holder.tag_ not in {"WP$"} else []
    if speech_key(tok):
        return speaker_chain(tok, doc, index, state)
    speaker = statement_speaker(tok)
    return [link(speaker, doc, index)] if speaker is not None and speaker.tag_ not in {"WP", "WDT"} else []


def find_sources(doc: Document, parsed: Doc, index: ActorIndex) -> list[Attribution]:
    """The nearest source of every attribution in a document: speakers of speech verbs, the
    objects of 'according to', possessors of stance nouns (what the PolNeAR evaluation scores)."""
    state = AttributionState()
    found: list[Attribution] = []
    for tok in parsed:
        chain = token_chain(tok, doc, index, state)
        if chain and chain[0].text.strip():
            found.append(chain[0])
    return dedupe(found)
