"""Ingest: files on disk -> ``Document`` records (or ``InputError`` for what cannot be read).

Public entry point: ``read_corpora(corpora, settings)``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from casus.records import Document, InputError
from casus.settings import Settings


def read_corpora(corpora: list[Path], settings: Settings) -> Iterator[Document | InputError]:
    """Every document of every corpus argument, in a stable order; bad inputs as ``InputError``."""
    for corpus in corpora:
        base = corpus if corpus.is_dir() else corpus.parent
        files = sorted(p for p in corpus.rglob("*.txt")) if corpus.is_dir() else [corpus]
        for path in files:
            rel = path.relative_to(base).as_posix()
            try:
                text = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                yield InputError(str(path), str(exc))
                continue
            yield Document(doc_id=rel.rsplit(".", 1)[0], path=rel, text=text, corpus=str(base))
