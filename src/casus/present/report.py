"""report.html and the live dashboard page: one template, its script, style and world geometry inlined.

The page loads nothing from the network: a Content-Security-Policy meta tag allows only the one
inline script (by its hash), inline style and data: images. The report embeds its data; the
dashboard embeds only its API's address and fetches the rest from the same origin.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from casus.present.payload import (
    LINK_TABLE_NAMES,
    Serialised,
    Summary,
    live_payload,
    report_payload,
    safe_json_pieces,
)

if TYPE_CHECKING:
    from casus.link import LinkResult
    from casus.records import InputError

SCRIPTS = ("util.js", "charts.js", "tracks.js", "views.js", "app.js")
_SLOT = re.compile(r"\{\{([A-Z_]+)\}\}")


@cache
def asset(name: str) -> str:
    """A bundled file from casus/present/assets (read once per process)."""
    return resources.files("casus.present").joinpath("assets", name).read_text(encoding="utf-8")


@cache
def page_script() -> str:
    return "\n".join(asset(name) for name in SCRIPTS)


def script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(live: bool) -> str:
    """No network at all for the report; the dashboard may call its own origin."""
    connect = "'self'" if live else "'none'"
    return (f"default-src 'none'; script-src {script_hash(page_script())}; style-src 'unsafe-inline'; "
            f"img-src data:; connect-src {connect}; base-uri 'none'; form-action 'none'")


def render_page(data: dict[str, Any], title: str, live: bool) -> str:
    return "".join(page_pieces(data, title, live))


def page_pieces(data: dict[str, Any], title: str, live: bool) -> Iterator[str]:
    """The template filled in one pass, in pieces (nothing inserted is ever scanned for slots again,
    and a large report is written without being built whole)."""
    values = {
        "CSP": content_security_policy(live),
        "TITLE": title,
        "STYLE": asset("style.css"),
        "GEOMETRY": asset("world.json").strip(),
        "SCRIPT": page_script(),
    }
    template, pos = asset("page.html"), 0
    for slot in _SLOT.finditer(template):
        yield template[pos:slot.start()]
        if slot.group(1) == "DATA":
            yield from safe_json_pieces(data)
        else:
            yield values[slot.group(1)]
        pos = slot.end()
    yield template[pos:]


def render_report(docs: list[dict[str, Any]], events: list[dict[str, Any]] | Serialised, errors: list[InputError],
                  links: LinkResult | Mapping[str, Serialised], observations: Iterable[Mapping[str, Any]] = (),
                  summary: Summary | None = None) -> str:
    """The run's report.html (the pieces of ``report_pieces``, joined)."""
    return "".join(report_pieces(docs, events, errors, links, observations, summary))


def report_pieces(docs: list[dict[str, Any]], events: list[dict[str, Any]] | Serialised, errors: list[InputError],
                  links: LinkResult | Mapping[str, Serialised], observations: Iterable[Mapping[str, Any]] = (),
                  summary: Summary | None = None) -> Iterator[str]:
    """The run's report.html in pieces: every view of the run's records (flight-track observations
    included), self-contained; ``summary`` counts all records where the page embeds only the first
    events (``events`` may be their stored JSON texts, see ``Serialised``; so may the link tables, by
    name)."""
    if not isinstance(links, Mapping):  # a LinkResult
        links = {name: Serialised.rows(getattr(links, name)) for name in LINK_TABLE_NAMES}
    data = report_payload(docs, events, [e.to_json() for e in errors], links, observations, summary)
    return page_pieces(data, "Casus report", live=False)


def render_dashboard(api_base: str = "api") -> str:
    """The live page ``casus serve`` answers at /: the same views, data from the API."""
    return render_page(live_payload(api_base), "Casus dashboard", live=True)
