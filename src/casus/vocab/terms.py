"""The alias table: every surface form of every vocabulary entry, with the layer it belongs to.

A ``Term`` is what the annotate matcher compiles into phrase patterns. Layers: ``actor`` (people,
organisations, media), ``state`` (a country's name), ``demonym``, ``capital`` (metonym and city),
``label`` (a word standing for a government: 'Chavista'), ``place`` and ``equipment``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from casus.vocab import load
from casus.vocab.states import ambiguous_names, states

NOT_PORTFOLIO = frozenset({"the", "a", "an", "former", "then", "acting", "deputy", "senior", "junior", "cabinet",
                           "his", "her", "its", "their", "our", "whose"})
DESIGNATION = re.compile(r"\d|\s")  # designations and multi-word names match case-insensitively


@dataclass(frozen=True, slots=True)
class Term:
    alias: str
    layer: str
    entry_id: str
    lower: bool = False  # match on lower-cased tokens
    ambiguous: bool = False  # needs confirmation from context (NER label, a nearby word)

    @property
    def key(self) -> str:
        return f"{self.layer}|{self.entry_id}|{'a' if self.ambiguous else ''}"


def parse_key(key: str) -> tuple[str, str, bool]:
    """Inverse of ``Term.key``: (layer, entry_id, ambiguous)."""
    layer, entry_id, flag = key.split("|")
    return layer, entry_id, flag == "a"


def _state_terms() -> list[Term]:
    amb = ambiguous_names()
    out: list[Term] = []
    for s in states().values():
        out += [Term(a, "state", s.id, ambiguous=a in amb) for a in s.aliases]
        out += [Term(d, "demonym", s.id, ambiguous=d in amb) for d in s.demonyms]
    return out


def _capital_terms() -> list[Term]:
    """Capitals of sovereign states, except where the capital is named like a state ('Singapore')."""
    names = {a for s in states().values() for a in s.aliases}
    return [Term(s.capital, "capital", s.id) for s in states().values()
            if s.sovereign and s.capital and s.capital not in names]


def _entry_terms(name: str, layer: str) -> list[Term]:
    out: list[Term] = []
    for e in load(name)["entries"]:
        amb = e.get("ambiguous")
        out += [Term(a, layer, e["id"], ambiguous=amb is True or (isinstance(amb, list) and a in amb))
                for a in e["aliases"]]
    return out


def _equipment_terms() -> list[Term]:
    """Equipment aliases, designations case-insensitive, with their plurals ('F-35s', 'S-300s')."""
    out: list[Term] = []
    for t in _entry_terms("equipment", "equipment"):
        lower = bool(DESIGNATION.search(t.alias))
        out.append(Term(t.alias, t.layer, t.entry_id, lower, t.ambiguous))
        if not t.alias.endswith("s"):
            out.append(Term(t.alias + "s", t.layer, t.entry_id, lower, t.ambiguous))
    return out


def _label_terms() -> list[Term]:
    return [Term(x["word"], "label", f"state-{x['code']}") for x in load("institutions")["labels"]]


@cache
def terms() -> tuple[Term, ...]:
    """Every alias of every vocabulary, in a stable order."""
    return (*_state_terms(), *_capital_terms(), *_entry_terms("organizations", "actor"),
            *_entry_terms("media", "actor"), *_entry_terms("people", "actor"), *_entry_terms("places", "place"),
            *_equipment_terms(), *_label_terms())


@cache
def titles() -> dict[str, str | None]:
    """Lower-cased title of office -> the sector its holder acts for."""
    return {t["title"]: t["sector"] for t in load("titles")["entries"]}


@cache
def one_word_titles() -> frozenset[str]:
    """Titles of one alphabetic word with a sector ('president', 'minister')."""
    return frozenset(t for t, sector in titles().items() if t.isalpha() and sector is not None)


@cache
def cabinet_titles() -> frozenset[str]:
    """National offices with one holder per government ('president', 'foreign minister')."""
    return frozenset(t["title"] for t in load("titles")["entries"] if t.get("cabinet"))


@cache
def title_last_words() -> frozenset[str]:
    """The last word of every title, and 'minister': a cheap test before trying multi-word titles."""
    return frozenset({*(t.split()[-1] for t in titles()), "minister"})


def is_title(words: str) -> bool:
    """A listed title, or any '<portfolio> minister' ('transport minister', 'energy and mines minister')."""
    return words in titles() or _generic_minister(words)


def _generic_minister(words: str) -> bool:
    """'transport minister', 'energy and mines minister'; not 'venezuelan minister' (a country's)."""
    parts = words.split()
    if parts[-1:] != ["minister"] or len(parts) not in (2, 4) or (len(parts) == 4 and parts[1] != "and"):
        return False
    portfolio = parts[:-1:2]
    return all(p.isalpha() and p not in NOT_PORTFOLIO and p not in _state_words() for p in portfolio)


@cache
def _state_words() -> frozenset[str]:
    """Lower-cased one-word country names and demonyms: never a minister's portfolio."""
    return frozenset(w.lower() for s in states().values() for w in (*s.aliases, *s.demonyms) if w.isalpha())


def title_sector(words: str) -> str | None:
    """The sector of a title's holder: listed, else a defence portfolio MIL, justice JUD, any other GOV."""
    if words in titles():
        return titles()[words]
    if _generic_minister(words):
        return "MIL" if words.split()[0] in {"defence", "defense", "war"} else \
            "JUD" if words.split()[0] == "justice" else "GOV"
    return None


def is_cabinet(words: str) -> bool:
    return words in cabinet_titles() or _generic_minister(words)


@cache
def heads() -> dict[str, str]:
    """Lower-cased institution word(s) after a country or demonym -> sector ('army' -> MIL)."""
    return {h["words"]: h["sector"] for h in load("institutions")["heads"]}


@cache
def head_first_words() -> frozenset[str]:
    """The first word of every institution head: a cheap test before trying multi-word heads."""
    return frozenset(w.split()[0] for w in heads())


@cache
def name_heads() -> dict[str, str]:
    """The last word(s) of an organisation's name -> the sector it implies ('Ministry' GOV, 'Command' MIL)."""
    return {h["words"]: h["sector"] for h in load("institutions")["name_heads"]}


@cache
def outlet_words() -> frozenset[str]:
    """The last word of a news outlet's name ('Post', 'Herald')."""
    return frozenset(load("institutions")["outlet_words"])


@cache
def governing_words() -> frozenset[str]:
    return frozenset(load("institutions")["governing"])
