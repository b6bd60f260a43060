"""HTML -> article text and metadata.

Whole pages go through trafilatura (main-content extraction, title, date, site name, canonical URL);
its date search is limited to the page's markup and URL, so a date in the body text is not taken for
the publication date. Fragments (feed item content) and pages trafilatura gives up on are converted
by a plain block-aware text conversion instead.
"""

from __future__ import annotations

import functools
import re
from configparser import ConfigParser

from lxml import etree
from lxml import html as lxml_html

from casus.ingest.metadata import Meta, normalise_date, normalise_language

BLOCKS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "article",
    "section", "blockquote", "pre", "dd", "dt", "figcaption", "hr", "main", "body",
})
DROPPED = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe",
           "svg", "button", "select", "head", "title")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_LANG = (
    re.compile(r"<html\b[^>]{0,400}?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)", re.IGNORECASE),
    re.compile(r"<meta[^>]{0,200}?http-equiv\s*=\s*[\"']?content-language[\"']?[^>]{0,80}?content\s*=\s*"
               r"[\"']?([A-Za-z]{2,3})", re.IGNORECASE),
    re.compile(r"<meta[^>]{0,200}?property\s*=\s*[\"']?og:locale[\"']?[^>]{0,80}?content\s*=\s*[\"']?"
               r"([A-Za-z]{2,3})", re.IGNORECASE),
)
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")


@functools.cache
def _config() -> ConfigParser:
    """trafilatura's settings, once: no size cut-off of its own (ingest has its limits), short pages kept."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MAX_FILE_SIZE", str(1 << 40))
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


def extract_page(page: str, url: str | None = None) -> tuple[str, Meta]:
    """(article text, metadata) of a whole HTML page; the text is '' when there is none."""
    import trafilatura

    result = None
    if page.strip():
        try:
            result = trafilatura.bare_extraction(
                page, url=url, with_metadata=True, include_comments=False, config=_config(),
                date_extraction_params={"extensive_search": False, "original_date": True},
            )
        except (ValueError, TypeError, etree.LxmlError, RecursionError):
            result = None
    meta = Meta(language=page_language(page))
    if result is None:
        return html_to_text(page), meta
    meta.title = _clean(result.title)
    meta.outlet = _clean(result.sitename)
    meta.url = _clean(result.url) or url
    meta.published = normalise_date(result.date)
    text = result.text or ""
    return (text if text.strip() else html_to_text(page)), meta


def _clean(value: object) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None


def page_language(page: str) -> str | None:
    """The language a page declares (html lang, Content-Language meta, og:locale)."""
    head = page[:65536]
    for pattern in _LANG:
        found = pattern.search(head)
        if found:
            return normalise_language(found.group(1))
    return None


def html_to_text(fragment: str) -> str:
    """Visible text of an HTML fragment: one line per block, spaces collapsed, no scripts or menus."""
    source = _XML_DECLARATION.sub("", fragment, count=1)
    if not source.strip():
        return ""
    try:
        root = lxml_html.fragment_fromstring(source, create_parent="div")
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return ""
    for element in root.xpath("|".join(f"//{tag}" for tag in DROPPED)):
        element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in BLOCKS:
            element.tail = "\n" + (element.tail or "")
            if element.tag.lower() == "br":
                continue
            element.text = "\n" + (element.text or "")
    lines = (_SPACES.sub(" ", line).strip() for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)
