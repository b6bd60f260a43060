"""Trigger detection: lexicon lookups over the dependency parse of one sentence.

A verb in the lexicon is an event; a noun in the lexicon is an event when a light verb carries it
('launched attacks', 'sent requests'), when a converter verb turns it ('signaled the attacks' is a
threat), or when it stands with its own arguments ('Venezuela's outreach to Tehran'). Triggers that
are the content of another act ('requests for military assistance', 'accused X of a coup') are not
events of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from casus.extract.lexicon import PREPOSITIONS, Entry, cues, triggers
from casus.extract.syntax import ancestors_within, children, governing_verb, is_verb, prep_objects, subject_of

ARGUMENT_PREPS = frozenset({"against", "on", "to", "with", "by", "between", "for", "into", "toward", "towards", "at"})
ANAPHORIC_DETS = frozenset({"these", "those", "such", "this", "that"})
REBUTTED_NOUNS = frozenset({"accusation", "allegation", "charge", "claim", "assertion", "suggestion"})
PERSONNEL = frozenset({"troop", "soldier", "force", "army", "marine", "police", "reinforcement", "personnel", "guard",
                       "paratrooper", "commando", "militia", "officer", "contingent", "peacekeeper", "mercenary",
                       "sailor", "battalion", "brigade", "unit"})
TESTED = frozenset({"missile", "rocket"})  # what states test-launch; drones or shells launched are an attack
AIMING_PREPS = frozenset({"at", "on", "into", "against", "toward", "towards", "over"})
FORCE_MODES = {"missile": "weapons", "weapon": "weapons", "system": "weapons", "launcher": "weapons",
               "battery": "weapons", "police": "police"}


@dataclass(slots=True)
class Trigger:
    """One event signal in a sentence: the word, the verb whose clause holds it, and its type."""

    token: int
    anchor: int
    type: str
    mode: str | None
    noun: bool = False
    light_status: str | None = None
    weak: bool = False
    rule: str = "lexicon"
    hints: dict[str, int] = field(default_factory=dict)  # role -> token index overriding structure


def second_matches(tok: Token, entry: Entry) -> bool:
    """The entry's second word is a particle, preposition, object or modifier child of the token."""
    if entry.second is None:
        return True
    return any(c.lower_ == entry.second or c.lemma_.lower() == entry.second for c in tok.children
               if c.dep_ in {"prt", "prep", "dobj", "compound", "amod", "agent"})


def flags_hold(tok: Token, entry: Entry, military: bool) -> bool:
    """Entry flags: military context, an object, an infinitive complement, an 'as' predicate."""
    f = entry.flags
    if "military" in f and not military:
        return False
    if "target" in f and not rebuttal(tok) and not any(c.dep_ in {"dobj", "dative", "prep", "nsubjpass", "pobj"}
                                                       and c.lower_ not in cues().reflexives for c in tok.children):
        return False  # 'ready to defend itself' names no target
    if "xcomp" in f and not children(tok, {"xcomp"}):
        return False
    if "ccomp" in f and not children(tok, {"ccomp"}):
        return False
    return not ("as" in f and not any(c.lower_ == "as" or c.dep_ == "oprd" for c in tok.children))


def rebuttal(tok: Token) -> bool:
    """'a charge Pakistan denied': a relative clause rejecting the accusation noun it hangs on (also
    as the parser often reads it: the noun the subject of 'denied', the accusation its clausal object)."""
    return (tok.dep_ == "relcl" and tok.head.lemma_.lower() in REBUTTED_NOUNS) or misread_rebuttal(tok)


def misread_rebuttal(tok: Token) -> bool:
    subj = subject_of(tok)
    return (subj is not None and subj.lemma_.lower() in REBUTTED_NOUNS and bool(children(subj, {"appos"}))
            and any(c.i < subj.i for c in children(tok, {"ccomp"})))


def rebuttal_hints(tok: Token) -> dict[str, int]:
    """The accuser of 'X accused Y of ..., a charge Y denied' is the target of Y's rejection."""
    if misread_rebuttal(tok):
        clause = next(c for c in children(tok, {"ccomp"}) if c.i < tok.i)
        accuser, denier = subject_of(clause), children(subject_of(tok), {"appos"})[0]
        return {"source": denier.i} | ({"target": accuser.i} if accuser is not None else {})
    accuser = subject_of(tok.head.head) if tok.head.dep_ in {"npadvmod", "appos", "dobj"} else None
    return {"target": accuser.i} if accuser is not None else {}


def stems(tok: Token) -> list[str]:
    """Rule stems of an inflected verb, for lemmas the tagger gets wrong ('raped' -> 'rap', 'staged' ->
    'stag'): 'raped' -> 'rape', 'attacked' -> 'attack', 'stopped' -> 'stop', 'burning' -> 'burn'."""
    low, tag = tok.lower_, tok.tag_
    if tag in {"VBD", "VBN"} and low.endswith("ed"):
        return [low[:-1], low[:-2], low[:-3]]
    if tag == "VBG" and low.endswith("ing"):
        return [low[:-3] + "e", low[:-3], low[:-4]]
    if tag == "VBZ" and low.endswith("s"):
        return [low[:-1], low[:-2]]
    return []


def verb_lemma(tok: Token, *tables: dict | frozenset) -> str:
    """The lemma a lexicon knows a verb by: the tagger's, else a rule stem found in one of the tables."""
    lemma = tok.lemma_.lower()
    if tok.pos_ not in {"VERB", "AUX"} or any(lemma in t for t in tables):
        return lemma
    return next((s for s in stems(tok) if any(s in t for t in tables)), lemma)


def lookup(tok: Token, table: dict[str, tuple[Entry, ...]], military: bool) -> Entry | None:
    """The best lexicon entry for a token: entries with a matched second word first."""
    entries = table.get(tok.lemma_.lower()) or table.get(tok.lower_) or table.get(verb_lemma(tok, table)) or ()
    for entry in sorted(entries, key=lambda e: e.second is None):
        if second_matches(tok, entry) and flags_hold(tok, entry, military):
            return entry
    return None


def light_key(verb: Token) -> str | None:
    """The light/converter key of a verb: 'carry out' when a particle follows, else the lemma."""
    table = cues()
    lemma = verb_lemma(verb, table.light, table.converters, triggers().verbs)
    for c in verb.children:
        if c.dep_ in {"prt", "prep", "dobj"} and f"{lemma} {c.lower_}" in table.light | table.converters:
            return f"{lemma} {c.lower_}"
    return lemma


def prepositional(key: str) -> bool:
    """'engage in', 'die from': a light verb whose noun is the object of its preposition."""
    return " " in key and key.split()[-1] in PREPOSITIONS


def quantified_head(noun: Token) -> Token:
    """'a series of attacks' -> 'series'; 'attacks' otherwise."""
    q = cues().quantifiers
    cur = noun
    while (cur.dep_ == "pobj" and cur.head.lower_ == "of" and cur.head.head.lemma_.lower() in q
           and cur.head.head.i != cur.head.i):
        cur = cur.head.head
    return cur


def has_argument(noun: Token) -> bool:
    """A standalone nominal needs an argument: a possessor, an actor modifier or a preposition."""
    if any(c.lower_ in ANAPHORIC_DETS for c in noun.children if c.dep_ == "det"):
        return False
    if any(c.dep_ == "poss" and c.pos_ != "PRON" for c in noun.children):
        return True
    if any(c.dep_ == "compound" and c.ent_type_ in {"GPE", "NORP", "ORG", "PERSON"} for c in noun.children):
        return True
    if any(c.dep_ == "amod" and c.ent_type_ in {"GPE", "NORP"} for c in noun.children):
        return True
    return any(c.dep_ == "prep" and c.lower_ in ARGUMENT_PREPS for c in noun.children)


def noun_trigger(tok: Token, entry: Entry, military: bool) -> Trigger | None:
    """Decide how a noun trigger becomes an event, through the verb that governs it."""
    if tok.dep_ == "compound" or (tok.dep_ == "pobj" and tok.head.lower_ == "under"):
        return None  # 'carrier strike group'; 'a plane under sanctions' is a state, not an event
    if any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETS for c in tok.children):
        return None  # 'these attacks', 'this plea': a mention of an event told before
    head_np = quantified_head(tok)
    g = head_np.head if head_np.dep_ != "pobj" else head_np.head.head
    via_prep = head_np.dep_ == "pobj"
    if g.i == head_np.i or not is_verb(g):
        return standalone(tok, entry, g)
    key = light_key(g)
    table = cues()
    if key in table.threat_characterizers and entry.type == "THREATEN":
        # 'the transfers posed a direct threat to Europe' is an accusation; in a relative clause a description
        return None if g.dep_ == "relcl" else Trigger(tok.i, g.i, "ACCUSE", "allege", noun=True, rule="characterize")
    converted = None if via_prep and " " not in key else convert(key, entry.type)
    if converted is not None:
        return Trigger(tok.i, g.i, converted[0], converted[1], noun=True, rule="converter")
    if key in table.light and (via_prep if key in {"be", "have"} else (not via_prep or prepositional(key))):
        return Trigger(tok.i, g.i, entry.type, entry.mode, noun=True, light_status=table.light[key],
                       weak=entry.weak, rule="light")
    if lookup(g, triggers().verbs, military) is not None:
        return None  # the verb's own event covers it, or it is the verb's content
    return standalone(tok, entry, g)


CONVERTED_MODES = {("THREATEN", "ASSAULT"): "violence", ("RETREAT", "ASSAULT"): "ceasefire",
                   ("SANCTION", "AID"): "discontinue", ("SANCTION", "COOPERATE"): "withdraw",
                   ("SANCTION", "CONSULT"): "withdraw", ("SANCTION", "AGREE"): "withdraw",  # CAMEO 161-164
                   ("ACCUSE", "PROTEST"): "disapprove"}  # a protest lodged with a government


def convert(key: str, source_type: str) -> tuple[str, str | None] | None:
    """The type a converter verb makes of an event it governs: 'signaled the attacks' (THREATEN),
    'lifted the sanctions' and 'halted its offensive' (RETREAT), 'suspended its partnership' and
    'cancelled the agreements' (SANCTION: cutting ties is a negative act, not a denied cooperation)."""
    table = cues()
    for new in table.converters.get(key, ()):
        if source_type in table.converter_sources.get(new, ()):
            return new, CONVERTED_MODES.get((new, source_type))
    return None


def standalone(tok: Token, entry: Entry, g: Token) -> Trigger | None:
    if not has_argument(tok):
        return None
    anchor = governing_verb(tok) or tok
    return Trigger(tok.i, anchor.i, entry.type, entry.mode, noun=True, weak=entry.weak, rule="nominal")


def object_class(verb: Token, nouns: frozenset[str]) -> Token | None:
    for c in verb.children:
        if c.dep_ in {"dobj", "nsubjpass"} and (c.lemma_.lower() in nouns or any(
                o.lemma_.lower() in nouns for _p, o in prep_objects(c, {"of"}))):
            return c
    return None


def sent_out(verb: Token) -> bool:
    """'ordered the French forces out (of the country)': forces ordered away are expelled, not deployed."""
    return verb.lemma_.lower() == "order" and any(c.lower_ == "out" for c in verb.subtree)


def verb_class_trigger(tok: Token, military: bool) -> Trigger | None:
    """'sent troops' (MOBILIZE), 'provided weapons' (AID), a military plane 'landed in' (COOPERATE),
    and the classes of ``classes.py`` (weapons found, a base set up, ground taken, a blast, a crowd)."""
    from casus.extract.classes import class_trigger

    found = class_trigger(tok, military)
    if found is not None:
        return found
    lemma, table = tok.lemma_.lower(), cues()
    if lemma in table.force_verbs and military:
        obj = object_class(tok, table.force_nouns)
        if obj is not None and lemma in table.aid_verbs and obj.lemma_.lower() in table.transfer_nouns \
                and state_recipient(tok) is not None:
            return Trigger(tok.i, tok.i, "AID", None, rule="aid")  # weapons handed to a state
        if obj is not None and sent_out(tok):
            return Trigger(tok.i, tok.i, "SANCTION", "expel", rule="expel", hints={"target": obj.i})
        if obj is not None:
            return Trigger(tok.i, tok.i, "MOBILIZE", FORCE_MODES.get(obj.lemma_.lower(), "troops"), rule="force")
    if lemma in table.aid_verbs:
        obj = object_class(tok, table.aid_nouns)
        if obj is not None:
            return Trigger(tok.i, tok.i, "AID", None, rule="aid")
    if lemma in table.detection_verbs and military:
        obj = next((c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in table.force_nouns
                    and any(m.ent_type_ in {"NORP", "GPE"} for m in c.subtree if m.i < c.i)), None)
        if obj is not None:  # 'detected 76 Chinese aircraft': the forces seen are the actor
            hints = {"source": obj.i}
            if subject_of(tok) is not None:
                hints["target"] = subject_of(tok).i  # whoever watches the forces approach is their target
            return Trigger(tok.i, tok.i, "MOBILIZE", "troops", rule="detected", hints=hints)
    if lemma in table.arrival_verbs:
        return arrival_trigger(tok, military)
    return weapon_trigger(tok, lemma)


def arrival_trigger(tok: Token, military: bool) -> Trigger | None:
    """Forces that land or arrive somewhere are deployed there (MOBILIZE); a military plane that
    lands with no people named is a cooperation (a visit, a stopover)."""
    subj = next(iter(children(tok, {"nsubj"})), None)
    if subj is None:
        return None
    lemma = subj.lemma_.lower()
    if lemma in PERSONNEL or any(o.lemma_.lower() in PERSONNEL for _p, o in prep_objects(subj, {"of"})):
        return Trigger(tok.i, tok.i, "MOBILIZE", FORCE_MODES.get(lemma, "troops"), rule="arrival")
    return Trigger(tok.i, tok.i, "COOPERATE", None, rule="arrival") if military else None


WEAPON_MODES = {"drone": "drone", "missile": "aerial", "bomb": "aerial", "rocket": "heavy-weapons",
                "shell": "heavy-weapons", "mortar": "heavy-weapons", "grenade": "explosives", "bullet": "firearms",
                "explosive": "explosives", "device": "explosives", "ied": "explosives", "vbied": "explosives",
                "mine": "explosives", "landmine": "explosives", "vest": "suicide-attack", "gas": "crowd-control",
                "cannon": "crowd-control", "stone": "primitive", "rock": "primitive", "brick": "primitive",
                "molotov": "primitive", "cocktail": "primitive", "firework": "primitive", "firecracker": "primitive"}
CROWD_CONTROL = frozenset({"tear", "rubber", "pepper", "water", "stun", "plastic"})
CHEMICAL = frozenset({"chemical", "poison", "poisonous", "toxic", "chlorine", "sarin", "mustard", "nerve"})


def state_recipient(verb: Token) -> Token | None:
    """A named state (or people, organisation) after 'to': 'sent missiles to Russia', not 'to the region'."""
    return next((o for _p, o in prep_objects(verb, {"to"}) if o.ent_type_ in {"GPE", "NORP", "ORG"}), None)


def weapon_mode(obj: Token) -> str | None:
    """The ASSAULT mode of what was fired or used: tear gas is crowd control, chlorine a chemical weapon."""
    mods = {c.lower_ for c in obj.children if c.dep_ in {"amod", "compound", "nmod"}}
    if mods & CROWD_CONTROL:
        return "crowd-control"
    if mods & CHEMICAL or obj.lemma_.lower() in CHEMICAL:
        return "unconventional"
    return WEAPON_MODES.get(obj.lemma_.lower())


def aimed(verb: Token) -> bool:
    """Fired at something: 'at Ukraine', 'on the city', 'into Israel' (a date after 'on' is no aim);
    a launch with no aim ('test-fired a missile on Thursday') is a show of weapons, not an attack."""
    if any(c.dep_ in {"dative", "advcl", "xcomp"} for c in verb.children):
        return True
    return any(o.ent_type_ not in {"DATE", "TIME"} for _p, o in prep_objects(verb, AIMING_PREPS))


def weapon_trigger(tok: Token, lemma: str) -> Trigger | None:
    """'launched 179 drones at Ukraine' (ASSAULT); 'denied receiving missiles from Iran' (AID from Iran)."""
    table = cues()
    if lemma in table.launch_verbs:
        obj = object_class(tok, table.weapon_nouns)
        if obj is not None and lemma in {"launch", "fire"} and obj.lemma_.lower() in TESTED and not aimed(tok):
            return Trigger(tok.i, tok.i, "MOBILIZE", "weapons", rule="weapon-test")
        if obj is not None:
            return Trigger(tok.i, tok.i, "ASSAULT", weapon_mode(obj), rule="weapon")
    if lemma in table.receive_verbs and object_class(tok, table.transfer_nouns) is not None:
        giver = next((o for _p, o in prep_objects(tok, {"from"})), None)
        subj = subject_of(tok)
        if giver is not None and subj is not None:
            return Trigger(tok.i, tok.i, "AID", None, rule="aid", hints={"source": giver.i, "target": subj.i})
    return None


def verb_trigger(tok: Token, military: bool) -> Trigger | None:
    special = verb_class_trigger(tok, military)
    if special is not None:
        return special
    entry = lookup(tok, triggers().verbs, military)
    if entry is None or not_an_act(tok, entry) or passing_label(tok, entry):
        return None
    for c in tok.children:  # 'launched attacks', 'signed an agreement': the noun's event wins
        if (c.dep_ in {"dobj", "nsubjpass"} and lookup(c, triggers().nouns, military)
                and entry.type not in cues().content_types):
            return None
    if entry.type == "REJECT" and rebuttal(tok):
        return Trigger(tok.i, tok.i, "REJECT", entry.mode, rule="rebuttal", hints=rebuttal_hints(tok))
    return Trigger(tok.i, tok.i, entry.type, entry.mode, weak=entry.weak)


def object_lemma(tok: Token) -> str | None:
    """What a verb acts on: its object, passive subject, or the noun a participle modifies."""
    obj = next((c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}), None)
    if obj is not None:
        return obj.lemma_.lower()
    return tok.head.lemma_.lower() if tok.dep_ == "acl" else None


def passing_label(tok: Token, entry: Entry) -> bool:
    """'what he called narco-terrorist groups', 'drills that Beijing described as a warning': a label
    given in passing inside a relative clause is not an accusation of its own."""
    if "as" not in entry.flags:
        return False
    objs = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
    return (bool(objs) and objs[0].tag_ in {"WP", "WDT"}) or (not objs and tok.dep_ == "relcl")


def not_an_act(tok: Token, entry: Entry) -> bool:
    """Lexicon verbs used for something else: 'asked not to be named', ', leaving homes without power',
    'a video released by the White House'."""
    table = cues()
    if entry.type == "REQUEST" and any(x.lemma_.lower() in table.anonymity_verbs and x.tag_ == "VBN"
                                       for x in children(tok, {"xcomp"})):
        return True
    if tok.lemma_.lower() in table.result_participles and tok.tag_ == "VBG" and tok.dep_ in {"advcl", "conj"}:
        return True
    return entry.type == "RETREAT" and entry.mode == "release" and object_lemma(tok) in table.media_objects


def token_trigger(tok: Token, military: bool) -> Trigger | None:
    if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.lemma_ != "be"):
        return verb_trigger(tok, military)
    if tok.pos_ == "NOUN":
        entry = lookup(tok, triggers().nouns, military)
        if entry is None and tok.lower_.endswith("ing") and tok.dep_ in {"nsubj", "ROOT"}:
            return mistagged_gerund(tok, military)  # 'RC-135V tracking off the coast' in a tweet
        return noun_trigger(tok, entry, military) if entry else None
    return None


def mistagged_gerund(tok: Token, military: bool) -> Trigger | None:
    """A headline or post verb the tagger took for a noun: look its stem up among the verbs."""
    verbs = triggers().verbs
    stem = tok.lower_[:-3]
    for lemma in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem):
        for entry in verbs.get(lemma, ()):
            if entry.second is None and ("military" not in entry.flags or military):
                return Trigger(tok.i, tok.i, entry.type, entry.mode, rule="gerund")
    return None


def is_content(trig: Trigger, by_token: dict[int, Trigger], sent: Span) -> bool:
    """A trigger under the object side of a speech act (request, rejection, accusation...) is its content."""
    doc = sent.doc
    tok = doc[trig.token]
    for anc in ancestors_within(tok):
        other = by_token.get(anc.i)
        if (other is not None and other is not trig and other.type in cues().content_types
                and other.rule not in {"converter", "rebuttal"} and trig.rule != "rebuttal"):
            return True
        if anc.i == trig.anchor and trig.rule in {"light", "converter"}:
            continue
    return False


def weak_covered(trig: Trigger, found: list[Trigger], sent: Span) -> bool:
    """A weak trigger (a letter, a deal) gives way to a specific event in the same clause."""
    doc = sent.doc
    for other in found:
        if other is trig or other.weak:
            continue
        cur = doc[other.anchor]
        for _ in range(8):
            if cur.i == trig.anchor:
                return True
            if cur.dep_ not in {"advcl", "xcomp", "ccomp", "conj", "parataxis"} or cur.head.i == cur.i:
                break
            cur = cur.head
    return False


def find_triggers(sent: Span, military: bool, tokens: list[Token] | None = None) -> list[Trigger]:
    """Every trigger of a sentence, walking its tokens once (``tokens``: the sentence's, when the
    caller has them)."""
    from casus.extract.constructions import reshape

    tokens = list(sent) if tokens is None else tokens
    found = reshape([t for t in (token_trigger(tok, military) for tok in tokens) if t is not None], sent, tokens)
    by_token = {t.token: t for t in found}
    kept = [t for t in found if not is_content(t, by_token, sent)]
    return [t for t in kept if not (t.weak and weak_covered(t, kept, sent))]
