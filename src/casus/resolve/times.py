"""Resolve times: placeholder until the language layer lands."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from casus.records import Document, TimeExpr


def find_times(doc: Document, parsed: Doc, reference: dt.date | None) -> list[TimeExpr]:
    return []
