"""Corroboration: how many independent origins report a cluster.

An origin is the farthest media/document/data source in a mention's attribution chain ("officials
told the Wall Street Journal" -> the Wall Street Journal); a mention with no such source is its own
outlet's reporting. Duplicate documents stand for their earliest copy, so a repost adds nothing,
and three outlets relaying one WSJ report make one origin.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlparse

from casus.link.lexicon import acronym, normalise_name, original_source
from casus.records import DocumentInfo, Event


@dataclass(frozen=True, slots=True)
class Corroboration:
    origins: tuple[str, ...]  # independent origins, canonical names, sorted
    outlets: tuple[str, ...]  # distinct outlets of the non-duplicate documents
    documents: tuple[str, ...]  # the independent (root) documents

    def to_json(self) -> dict[str, object]:
        return {"origins": len(self.origins), "origin_list": list(self.origins),
                "outlets": list(self.outlets), "independent_documents": list(self.documents)}


def outlet_of(doc: DocumentInfo | None, doc_id: str) -> str:
    """The outlet's name key: the outlet field, else the URL's host, else the document itself."""
    if doc is not None and doc.outlet:
        return normalise_name(doc.outlet)
    if doc is not None and doc.url:
        host = urlparse(doc.url).netloc.lower().removeprefix("www.")
        if host:
            return normalise_name(host.rsplit(".", 1)[0])
    return f"doc:{doc_id}"


def unify(names: set[str]) -> dict[str, str]:
    """Map each name to one canonical spelling: a one-word name that is the initials of a longer
    name ('wsj', 'wall street journal') joins it; longer names only ever match themselves."""
    by_acronym: dict[str, str] = {}
    for name in sorted(n for n in names if " " in n):
        by_acronym.setdefault(acronym(name), name)
    return {name: name if " " in name else by_acronym.get(name, name) for name in names}


def corroboration(members: list[Event], docs: Mapping[str, DocumentInfo], duplicate_of: dict[str, str]
                  ) -> Corroboration:
    """Independent origins, outlets and documents behind one cluster's mentions."""
    roots, outlets, raw_origins = set(), set(), set()
    for ev in members:
        root = duplicate_of.get(ev.doc_id, ev.doc_id)
        outlet = outlet_of(docs.get(root), root)
        roots.add(root)
        outlets.add(outlet)
        raw_origins.add(original_source(ev) or outlet)
    canon = unify(raw_origins)
    return Corroboration(tuple(sorted(set(canon.values()))), tuple(sorted(outlets)), tuple(sorted(roots)))
