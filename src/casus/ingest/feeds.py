"""RSS and Atom feeds: one document per item, its HTML content converted to text.

The XML is checked with defusedxml before feedparser sees it: a feed declaring entities (the
billion-laughs bomb, external entities that would read local files) is refused, not parsed.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping
from typing import Any

from casus.errors import InputRejected, Messages
from casus.ingest.documents import make_document, record_error
from casus.ingest.files import Source, read_all
from casus.ingest.html import html_to_text
from casus.ingest.metadata import Meta, normalise_date, normalise_language
from casus.records import Document, InputError
from casus.settings import Settings

HTML_TYPES = ("text/html", "application/xhtml+xml")
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)


def check_xml(data: bytes) -> None:
    """Refuse XML that declares entities or reaches outside the file (defusedxml's checks)."""
    import defusedxml
    from defusedxml import ElementTree

    try:
        ElementTree.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.DefusedXmlException as exc:
        raise InputRejected(Messages.E013.format(reason=describe_refusal(exc))) from exc
    except ElementTree.ParseError as exc:
        # Not well-formed: feedparser's lenient parser may still read it, unless it declares entities.
        if _ENTITY_DECLARATION.search(data):
            raise InputRejected(Messages.E013.format(reason=f"entity declarations in malformed XML ({exc})")) from exc


def describe_refusal(exc: Exception) -> str:
    name = type(exc).__name__
    if name == "EntitiesForbidden":
        external = getattr(exc, "sysid", None) or getattr(exc, "pubid", None)
        kind = "external entity" if external else "entity declaration (possible entity-expansion bomb)"
        return f"{kind} '{getattr(exc, 'name', '?')}'"
    if name == "ExternalReferenceForbidden":
        return "external reference"
    return name


def parse_feed(data: bytes) -> Any:
    import feedparser

    check_xml(data)
    # a file object, never bytes: feedparser opens bytes that look like a path and reads that file instead
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        if problem is not None:
            raise InputRejected(Messages.E004.format(fmt="feed", reason=str(problem)))
        raise InputRejected(Messages.E004.format(fmt="feed", reason="no items"))
    return parsed


def read_feed(src: Source, settings: Settings) -> Iterator[Document | InputError]:
    """One document per feed item, numbered in feed order."""
    parsed = parse_feed(read_all(src, settings))
    channel = parsed.feed
    for n, entry in enumerate(parsed.entries, 1):
        try:
            text, meta = entry_text(entry), entry_meta(entry, channel)
            yield make_document(src, n, text, meta, settings)
        except InputRejected as exc:
            yield record_error(src, n, str(exc))


def entry_text(entry: Mapping[str, Any]) -> str:
    """The item's fullest body: its longest content, else its summary; HTML converted to text."""
    parts = [c for c in entry.get("content") or [] if isinstance(c, Mapping) and c.get("value")]
    best = max(parts, key=lambda c: len(c["value"]), default=None)
    if best is None and entry.get("summary"):
        best = entry.get("summary_detail") or {"type": "text/html", "value": entry["summary"]}
    if best is None:
        return ""
    value = str(best.get("value") or "")
    return html_to_text(value) if best.get("type", "text/html") in HTML_TYPES else value.strip()


def entry_meta(entry: Mapping[str, Any], channel: Mapping[str, Any]) -> Meta:
    dated = entry.get("published") or entry.get("updated") or entry.get("created")
    published = normalise_date(dated) if dated else None
    if published is None:
        moment = entry.get("published_parsed") or entry.get("updated_parsed")
        published = normalise_date(f"{moment.tm_year}-{moment.tm_mon}-{moment.tm_mday}") if moment else None
    return Meta(
        title=_plain(entry.get("title")),
        outlet=_plain(channel.get("title")),
        url=_plain(entry.get("link")),
        published=published,
        language=normalise_language(entry.get("language") or channel.get("language")),
    )


def _plain(value: object) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None
