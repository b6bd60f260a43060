"""The ``casus_attribute_ruler`` component: the model's own attribute ruler, matched without a Matcher.

spaCy's attribute ruler maps each tagged token to its coarse POS, morphology and some lemmas with
about 180 token patterns, run through a ``Matcher`` that tries every pattern at every token: about
10 ms per news article, an eighth of the whole parse. Almost all of those patterns test one token
for equal or listed values (``{"TAG": "VBZ", "LOWER": {"IN": ["is", "'s"]}}``), so which of them
hold depends only on a few attribute values of the token. This component reads those values as
one array per Doc, decides each distinct combination once (cached for the process), and leaves
every other pattern (several tokens, REGEX, operators) to a small ``Matcher`` of its own. The
matches, and so every annotation set from them, are exactly those of the original component
(``tests/test_annotate_attributes.py`` checks them on real articles); the model's patterns and
attributes are copied, not edited.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.attrs import IDS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.vocab import Vocab

# token attributes a single-token pattern may test here: to_array gives the same integer the Matcher
# compares (a string's hash; 0/1 for a flag)
STRING_ATTRS = frozenset({"ORTH", "LOWER", "NORM", "TAG", "DEP", "LEMMA", "ENT_TYPE", "SHAPE", "PREFIX", "SUFFIX"})
FLAG_ATTRS = frozenset({"IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE",
                        "IS_STOP", "LIKE_NUM", "IS_SENT_START"})
SET_PREDICATES = frozenset({"IN", "NOT_IN"})
CACHE_LIMIT = 500_000  # distinct attribute combinations kept; the cache is emptied past it


@dataclass(frozen=True, slots=True)
class Condition:
    """One attribute test of a single-token pattern: equal to ``value``, or (not) in ``values``."""

    column: int
    value: int | None = None
    values: frozenset[int] = frozenset()
    negated: bool = False

    def holds(self, row: tuple[int, ...]) -> bool:
        found = row[self.column]
        if self.value is not None:
            return found == self.value
        return (found in self.values) != self.negated


@dataclass(frozen=True, slots=True)
class TokenRule:
    """A single-token pattern of one attribute-ruler entry (``key`` is the Matcher key)."""

    key: int
    conditions: tuple[Condition, ...]

    def holds(self, row: tuple[int, ...]) -> bool:
        return all(c.holds(row) for c in self.conditions)


def attr_name(attr: str | int) -> str:
    return attr if isinstance(attr, str) else next(k for k, v in IDS.items() if v == attr)


def token_spec_supported(spec: dict) -> bool:
    """A token pattern this component decides itself: known attributes, plain values or IN/NOT_IN."""
    for attr, value in spec.items():
        name = attr_name(attr).upper()
        if name not in STRING_ATTRS | FLAG_ATTRS:
            return False
        if isinstance(value, dict) and not (set(value) <= SET_PREDICATES and len(value) == 1):
            return False
        if name in FLAG_ATTRS and not isinstance(value, bool):
            return False
    return True


def encode(vocab: Vocab, value: str | bool | int) -> int:
    """The integer ``Doc.to_array`` holds for this attribute value."""
    if isinstance(value, bool):
        return int(value)
    return value if isinstance(value, int) else vocab.strings.add(value)


@dataclass(frozen=True, slots=True)
class CompiledRules:
    """The patterns split for matching: rules by required TAG, rules without one, the rest."""

    columns: tuple[str, ...]  # the attributes the rules read, in row order
    tag_column: int | None
    by_tag: dict[int, list[TokenRule]]
    untagged: list[TokenRule]
    rest: Matcher  # several tokens, REGEX, operators: spaCy's own Matcher
    order: dict[int, int]  # Matcher key -> the rule's index (later rules take precedence)


class FastAttributeRuler(AttributeRuler):
    """An ``AttributeRuler`` whose single-token patterns are decided per distinct token, cached."""

    def __init__(self, vocab: Vocab, name: str = "casus_attribute_ruler") -> None:
        super().__init__(vocab, name)
        self._compiled: CompiledRules | None = None
        self._cache: dict[tuple[int, ...], tuple[tuple[int, int], ...]] = {}

    def add(self, patterns: Iterable, attrs: dict, index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._compiled = None  # recompile on the next Doc

    def compile(self) -> CompiledRules:
        """Split the patterns: single-token ones become rules indexed by their TAG, the rest a Matcher."""
        simple: list[tuple[int, dict]] = []
        rest = Matcher(self.vocab)
        for i in range(len(self.attrs)):
            key = self.vocab.strings[str(i)]
            for pattern in self.matcher.get(str(i))[1]:
                if len(pattern) == 1 and token_spec_supported(pattern[0]):
                    simple.append((key, {attr_name(a).upper(): v for a, v in pattern[0].items()}))
                else:
                    rest.add(key, [pattern])
        columns = tuple(sorted({name for _key, spec in simple for name in spec}))
        by_tag: dict[int, list[TokenRule]] = {}
        untagged: list[TokenRule] = []
        for key, spec in simple:
            rule = TokenRule(key, tuple(self.condition(columns.index(n), v) for n, v in spec.items()))
            tag = spec.get("TAG")
            if isinstance(tag, str):
                by_tag.setdefault(encode(self.vocab, tag), []).append(rule)
            else:
                untagged.append(rule)
        self._cache.clear()
        order = {self.vocab.strings[str(i)]: i for i in range(len(self.attrs))}
        tag_column = columns.index("TAG") if "TAG" in columns else None
        return CompiledRules(columns, tag_column, by_tag, untagged, rest, order)

    def condition(self, column: int, value) -> Condition:
        if isinstance(value, dict):
            (op, items), = value.items()
            return Condition(column, values=frozenset(encode(self.vocab, v) for v in items),
                             negated=op == "NOT_IN")
        return Condition(column, value=encode(self.vocab, value))

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """The original's matches, sorted the original's way (later rules take precedence)."""
        if self._compiled is None:
            self._compiled = self.compile()
        columns = self._compiled.columns
        rows = list(map(tuple, doc.to_array(list(columns)).tolist())) if columns and len(doc) else []
        if len(self._cache) > CACHE_LIMIT:
            self._cache.clear()
        cache, decide = self._cache, self._decide
        matches = [(order, key, i, i + 1) for i, row in enumerate(rows)
                   for order, key in (cache[row] if row in cache else decide(row))]
        for key, start, end in self._compiled.rest(doc, allow_missing=True, as_spans=False):
            if not (end == start + 1 and rows and any(k == key for _o, k in cache[rows[start]])):
                matches.append((self._compiled.order[key], key, start, end))
        matches.sort()
        return matches

    def _decide(self, row: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
        """The (order, key) of every single-token rule holding for tokens with these values."""
        compiled = self._compiled
        candidates = compiled.by_tag.get(row[compiled.tag_column], ()) if compiled.tag_column is not None else ()
        keys = dict.fromkeys(r.key for r in (*candidates, *compiled.untagged) if r.holds(row))
        hits = self._cache[row] = tuple((compiled.order[k], k) for k in keys)
        return hits


@Language.factory("casus_attribute_ruler", assigns=["token.pos", "token.morph", "token.lemma"])
def make_fast_attribute_ruler(nlp: Language, name: str) -> FastAttributeRuler:
    return FastAttributeRuler(nlp.vocab, name)


def speed_up_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> None:
    """Replace the model's attribute ruler by ``casus_attribute_ruler`` holding the same patterns."""
    if name not in nlp.pipe_names:
        return
    patterns = nlp.get_pipe(name).patterns
    fast = nlp.replace_pipe(name, "casus_attribute_ruler")
    fast.add_patterns(patterns)
